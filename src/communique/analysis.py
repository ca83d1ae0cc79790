"""Corpus-level analysis: merging event mentions into clusters, dyad series, the alignment network.

Pure functions over plain rows; ``store`` fetches the rows and calls them.

Merging rule (see docs/store.md). Two event mentions report the same event when they have
the same status (never ``negated``), the same source country and sector, the same target
country and sector, and the same CAMEO root, and their dates fall within ``window_days``
(default 3) of the first mention of the cluster. An event's date is its own date when that
is a day (``YYYY-MM-DD``), else its article's date. Mentions of one key are taken in date
order (ties by id); each opens a new cluster unless it lies within the window of the open
cluster's first date. Mentions without a CAMEO code, without any country on either side,
without a date, or negated are clusters of their own. The result depends only on the set of
mentions, never on the order they were stored in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from . import ontology
from .model import Event

DEFAULT_WINDOW_DAYS = 3
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` string as a date; None for anything else (coarser or unparseable values)."""
    if not value or not _DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def effective_date(event: Event, published: str | None) -> str | None:
    """The date an event is filed under: its own day-precise date, else the article's date."""
    if event.date is not None and parse_day(event.date.value):
        return event.date.value
    return published if parse_day(published) else None


def cameo_root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 else None


def cluster_key(event: Event, date: str | None) -> str | None:
    """The merging key of an event mention, or None when it can only be a cluster of its own."""
    source, target = event.source, event.target
    source_country = source.country if source else None
    target_country = target.country if target else None
    root = cameo_root(event.cameo)
    if event.status == "negated" or not root or not date or not (source_country or target_country):
        return None
    parts = [
        event.status,
        source_country,
        source.sector if source else None,
        target_country,
        target.sector if target else None,
        root,
    ]
    return "|".join(p or "" for p in parts)


def lead_paragraph_end(body: str) -> int:
    """Where the first paragraph of a body ends: its first line break, else the end of its first sentence."""
    newline = body.find("\n")
    if newline >= 0:
        return newline
    sentence = re.search(r"[.!?][\"'\u201d\u2019)]*\s", body)
    return sentence.end() if sentence else len(body)


def source_of(url: str | None, article_id: str) -> str:
    """An article's information source: its URL host without ``www.``, else the article itself."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.lower().removeprefix("www.")
    return f"article:{article_id}"


@dataclass(frozen=True)
class MentionRow:
    """What merging needs of an event mention."""

    event_id: int
    date: str
    article_id: str
    source: str


@dataclass
class Cluster:
    """One event reported by one or more mentions; ``id`` is the id of its first mention."""

    key: str | None
    mentions: list[MentionRow] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.mentions[0].event_id

    @property
    def first_date(self) -> str:
        return self.mentions[0].date

    @property
    def last_date(self) -> str:
        return max(m.date for m in self.mentions)

    @property
    def article_ids(self) -> list[str]:
        return sorted({m.article_id for m in self.mentions})

    @property
    def n_sources(self) -> int:
        return len({m.source for m in self.mentions})


def cluster_mentions(
    key: str, mentions: Iterable[MentionRow], window_days: int = DEFAULT_WINDOW_DAYS
) -> list[Cluster]:
    """Split the mentions of one key into clusters: each spans at most ``window_days`` from its first date."""
    ordered = sorted(mentions, key=lambda m: (m.date, m.event_id))
    clusters: list[Cluster] = []
    anchor: dt.date | None = None
    for mention in ordered:
        day = dt.date.fromisoformat(mention.date)
        if anchor is None or (day - anchor).days > window_days:
            clusters.append(Cluster(key))
            anchor = day
        clusters[-1].mentions.append(mention)
    return clusters


# ---------------------------------------------------------------- dyads

QUAD_COLUMNS = ("q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict")
DYAD_COLUMNS = ("period", "period_start", "events", *QUAD_COLUMNS, "goldstein", "plover_score")


def plover_score(plover: str | None, mode: str | None) -> float | None:
    """The PLOVER score of an event's type and mode (None for statements and unknown types)."""
    if not plover:
        return None
    try:
        return ontology.plover_score(plover, mode)
    except KeyError:
        return None


def period_of(day: dt.date, period: str) -> tuple[str, dt.date]:
    """The label and first day of the week (ISO, Monday first) or month a day falls in."""
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", day - dt.timedelta(days=day.weekday())
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1)
    raise ValueError(f"unknown period {period!r}: week or month")


def _next_period_start(start: dt.date, period: str) -> dt.date:
    if period == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def dyad_series(
    rows: Iterable[dict[str, Any]],
    period: str = "month",
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Per period: event count, counts by QuadClass, Goldstein sum, PLOVER score sum.

    ``rows`` carry ``date`` (YYYY-MM-DD), ``quad_class``, ``goldstein``, ``plover``, ``plover_mode``. Periods
    without events between the first and last (or ``since`` and ``until``) are filled with zeros.
    """
    totals: dict[dt.date, dict[str, Any]] = {}
    for row in rows:
        day = parse_day(row["date"])
        if day is None:
            continue
        label, start = period_of(day, period)
        bucket = totals.setdefault(start, _empty_period(label, start))
        bucket["events"] += 1
        quad = row.get("quad_class")
        if quad in (1, 2, 3, 4):
            bucket[QUAD_COLUMNS[quad - 1]] += 1
        if row.get("goldstein") is not None:
            bucket["goldstein"] += row["goldstein"]
        score = plover_score(row.get("plover"), row.get("plover_mode"))
        if score is not None:
            bucket["plover_score"] += score
    since_day, until_day = parse_day(since), parse_day(until)
    first = period_of(since_day, period)[1] if since_day else min(totals, default=None)
    last = period_of(until_day, period)[1] if until_day else max(totals, default=None)
    if first is None or last is None:
        return []
    series = []
    start = first
    while start <= last:
        series.append(totals.get(start) or _empty_period(period_of(start, period)[0], start))
        start = _next_period_start(start, period)
    for bucket in series:
        bucket["goldstein"] = round(bucket["goldstein"], 6)
        bucket["plover_score"] = round(bucket["plover_score"], 6)
    return series


def _empty_period(label: str, start: dt.date) -> dict[str, Any]:
    bucket: dict[str, Any] = {"period": label, "period_start": start.isoformat(), "events": 0}
    bucket.update(dict.fromkeys(QUAD_COLUMNS, 0))
    bucket.update(goldstein=0.0, plover_score=0.0)
    return bucket


# ---------------------------------------------------------------- alignment network

EDGE_COLUMNS = (
    "source",
    "target",
    "weight",
    "cooperation",
    "conflict",
    "source_community",
    "target_community",
)


def alignment_network(rows: Iterable[dict[str, Any]]) -> nx.Graph:
    """Country-level alignment: edge weight = cooperation (QuadClass 1-2) minus conflict (3-4) events.

    ``rows`` carry ``source_country``, ``target_country`` and ``quad_class`` (and ``events``, how many events
    a row stands for, 1 when absent); events within one country
    or without both countries are left out. Communities are found by greedy modularity on the
    edges of positive weight (modularity needs non-negative weights), so a community is a bloc of
    countries that cooperate more than they fight; each node gets a ``community`` number, 0 for the
    largest.
    """
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    events: dict[str, int] = defaultdict(int)
    for row in rows:
        a, b, quad = row.get("source_country"), row.get("target_country"), row.get("quad_class")
        if not a or not b or a == b or quad not in (1, 2, 3, 4):
            continue
        n = row.get("events", 1)  # a row may stand for several events (counted by the store)
        pair = (a, b) if a < b else (b, a)
        counts[pair][0 if quad <= 2 else 1] += n
        events[a] += n
        events[b] += n
    graph = nx.Graph()
    for node in sorted(events):
        graph.add_node(node, events=events[node])
    for (a, b), (coop, conflict) in sorted(counts.items()):
        graph.add_edge(a, b, weight=coop - conflict, cooperation=coop, conflict=conflict)
    for number, members in enumerate(communities(graph)):
        for node in members:
            graph.nodes[node]["community"] = number
    return graph


def communities(graph: nx.Graph) -> list[list[str]]:
    """Blocs of the positive-weight subgraph, largest first (ties by first member), members sorted."""
    positive = nx.Graph()
    positive.add_nodes_from(sorted(graph.nodes))
    positive.add_weighted_edges_from(
        sorted((a, b, d["weight"]) for a, b, d in graph.edges(data=True) if d["weight"] > 0)
    )
    if positive.number_of_edges() == 0:
        found: Sequence[Iterable[str]] = [[n] for n in positive.nodes]
    else:
        found = nx.algorithms.community.greedy_modularity_communities(positive, weight="weight")
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


def network_edges(graph: nx.Graph) -> list[dict[str, Any]]:
    """The edges as rows, for CSV."""
    rows = []
    for a, b, data in sorted(graph.edges(data=True)):
        a, b = sorted((a, b))
        rows.append(
            {
                "source": a,
                "target": b,
                "weight": data["weight"],
                "cooperation": data["cooperation"],
                "conflict": data["conflict"],
                "source_community": graph.nodes[a]["community"],
                "target_community": graph.nodes[b]["community"],
            }
        )
    return rows


def network_json(graph: nx.Graph) -> dict[str, Any]:
    """Nodes, edges and communities as one JSON-ready object."""
    groups: dict[int, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        groups[data["community"]].append(node)
    return {
        "nodes": [{"id": n, **graph.nodes[n]} for n in sorted(graph.nodes)],
        "edges": network_edges(graph),
        "communities": [sorted(groups[i]) for i in sorted(groups)],
    }
