"""What the pages show, computed from store rows: pure functions, no I/O (the routes fetch, these shape).

Marked article text is computed as plain data (paragraphs of runs of pieces), then made HTML by
``marked_html`` with markupsafe's ``escape`` on every piece (what the templates' autoescape calls: a
Jinja loop over hundreds of pieces was most of an article page's time); elsewhere the templates,
with Jinja2's autoescape, are the only place text becomes HTML. Charts are SVG geometry drawn by
the templates: numbers here, markup there.
"""

from __future__ import annotations

import dataclasses
import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..analysis import parse_day, period_of
from ..store import MATCH_END, MATCH_START

# ---------------------------------------------------------------- the article's text, marked


@dataclass
class Piece:
    text: str
    kind: str | None = None  # "event" (a trigger), "actor" (a mention), or None
    index: int | None = None  # the event's or the actor's position in the analysis
    first: bool = True  # the first piece of its mark (carries the id the side list links to)


@dataclass
class Run:
    quote: int | None  # the quote's position in the analysis, or None outside quotes
    pieces: list[Piece] = field(default_factory=list)
    first: bool = True  # the first run of its quote


def _non_overlapping(spans: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Spans in the order given (most important first) that overlap none taken before, sorted by start."""
    taken: list[tuple[int, int, Any]] = []  # sorted by start, disjoint
    for start, end, value in spans:
        if start is None or end is None or end <= start:
            continue
        i = bisect_right(taken, start, key=itemgetter(0))  # it may overlap taken[i - 1], taken[i] only
        if (i and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        taken.insert(i, (start, end, value))
    return taken


def _within(spans: list[tuple[int, int, Any]], starts: list[int], x: int, y: int) -> tuple | None:
    """The span of ``spans`` (disjoint, sorted; ``starts`` their starts) that holds ``x``..``y``, or None."""
    i = bisect_right(starts, x) - 1
    return spans[i] if i >= 0 and y <= spans[i][1] else None


def marked_paragraphs(body: str, analysis: Any) -> list[list[Run]]:
    """The body as paragraphs of runs (inside or outside a quote) of pieces (plain, trigger or mention)."""
    marks = _non_overlapping(
        [(e.trigger.start, e.trigger.end, ("event", i)) for i, e in enumerate(analysis.events)]
        + [(m.start, m.end, ("actor", i)) for i, actor in enumerate(analysis.actors) for m in actor.mentions]
    )
    quotes = _non_overlapping((q.start, q.end, i) for i, q in enumerate(analysis.quotes))
    mark_starts, quote_starts = [s for s, _, _ in marks], [s for s, _, _ in quotes]
    boundaries = sorted({x for s, e, _ in marks + quotes for x in (s, e)})
    seen_marks: set[tuple[str, int, int]] = set()
    seen_quotes: set[int] = set()
    paragraphs = []
    position = 0
    for line in body.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if not line.strip():
            continue
        points = [start, *boundaries[bisect_right(boundaries, start) : bisect_left(boundaries, end)], end]
        runs: list[Run] = []
        for x, y in zip(points, points[1:], strict=False):
            in_quote = _within(quotes, quote_starts, x, y)
            quote = in_quote[2] if in_quote else None
            mark = _within(marks, mark_starts, x, y)
            if not runs or runs[-1].quote != quote:
                runs.append(Run(quote, first=quote is not None and quote not in seen_quotes))
                if quote is not None:
                    seen_quotes.add(quote)
            if mark is None:
                runs[-1].pieces.append(Piece(body[x:y]))
            else:
                kind, index = mark[2]
                key = (kind, index, mark[0])
                runs[-1].pieces.append(Piece(body[x:y], kind, index, key not in seen_marks))
                seen_marks.add(key)
        paragraphs.append(runs)
    return paragraphs


def plain(record: Any) -> Any:
    """What ``record.to_dict()`` gives (``dataclasses.asdict``), without its deep copy of every value:
    several times faster on a long article's analysis."""
    kind = type(record)
    if kind in _LEAVES:
        return record
    fields = _FIELDS.get(kind)
    if fields is None and dataclasses.is_dataclass(record):
        fields = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(record))
    if fields is not None:
        return {name: plain(getattr(record, name)) for name in fields}
    if isinstance(record, (list, tuple)):
        return kind(plain(v) for v in record)
    if isinstance(record, dict):
        return {k: plain(v) for k, v in record.items()}
    return record


_LEAVES = {str, int, float, bool, type(None)}
_FIELDS: dict[type, tuple[str, ...]] = {}


def highlighted(text: str | None) -> list[tuple[str, bool]]:
    """A search title or snippet as (text, matched) pieces, from the store's match marks."""
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate((text or "").split(MATCH_START)):
        if i == 0:
            pieces.append((part, False))
            continue
        matched, _, rest = part.partition(MATCH_END)
        pieces += [(matched, True), (rest, False)]
    return [p for p in pieces if p[0]]


# ---------------------------------------------------------------- charts


QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    href: str | None = None


@dataclass
class Chart:
    """An SVG chart: bars, lines, axis labels and grid lines in a ``width`` x ``height`` box."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)  # x, y, text, anchor
    grid: list[dict[str, Any]] = field(default_factory=list)  # y, label
    title: str = ""


_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 10, 14, 26


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _x_labels(chart: Chart, periods: Sequence[str], slot: float) -> None:
    every = max(1, math.ceil(len(periods) / 8))  # at most eight labels: readable at phone width
    for i, label in enumerate(periods):
        if i % every == 0:
            chart.labels.append(
                {"x": _LEFT + slot * (i + 0.5), "y": chart.height - 8, "text": label, "anchor": "middle"}
            )


def diverging_bars(
    periods: Sequence[str],
    up: Sequence[dict[int, int]],
    down: Sequence[dict[int, int]],
    *,
    up_name: str,
    down_name: str,
    href: Sequence[str | None] | None = None,
    width: int = 960,
    height: int = 240,
) -> Chart:
    """Stacked bars per period: counts by QuadClass above the axis (``up``) and below it (``down``)."""
    chart = Chart(width, height, title=f"{up_name} above, {down_name} below, by QuadClass")
    top = max([sum(u.values()) for u in up] + [0])
    bottom = max([sum(d.values()) for d in down] + [0])
    if top + bottom == 0:
        top = 1
    plot = height - _TOP - _BOTTOM
    scale = plot / (top + bottom)
    axis = _TOP + top * scale
    slot = (width - _LEFT - _RIGHT) / max(1, len(periods))
    bar_width = min(48.0, max(1.0, slot * 0.7))
    for i, period in enumerate(periods):
        x = _LEFT + slot * i + (slot - bar_width) / 2
        for values, sign, name in ((up[i], -1, up_name), (down[i], 1, down_name)):
            offset = 0.0
            for quad in sorted(values):
                count = values[quad]
                if not count:
                    continue
                h = count * scale
                y = axis - offset - h if sign < 0 else axis + offset
                offset += h
                chart.bars.append(
                    Bar(
                        round(x, 1),
                        round(y, 1),
                        round(bar_width, 1),
                        round(h, 1),
                        f"q{quad}",
                        f"{period}: {count} {QUAD_NAMES[quad]} ({name})",
                        href[i] if href else None,
                    )
                )
    chart.grid = [{"y": round(axis, 1), "label": "0"}]
    if top:
        chart.grid.append({"y": round(axis - top * scale, 1), "label": str(top)})
    if bottom:
        chart.grid.append({"y": round(axis + bottom * scale, 1), "label": str(bottom)})
    _x_labels(chart, periods, slot)
    return chart


def line_chart(
    periods: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    href: Sequence[str | None] | None = None,
    width: int = 960,
    height: int = 200,
) -> Chart:
    """One line per named series over the periods, with a point (and its tooltip) per period."""
    chart = Chart(width, height, title=" and ".join(series) + " per period")
    values = [v for vs in series.values() for v in vs] or [0.0]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    if high == low:
        high = low + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    plot = height - _TOP - _BOTTOM
    slot = (width - _LEFT - _RIGHT) / max(1, len(periods))

    def y_of(value: float) -> float:
        return round(_TOP + (high - value) / (high - low) * plot, 1)

    tick = low
    while tick <= high + step / 2:
        chart.grid.append({"y": y_of(tick), "label": f"{tick:g}"})
        tick += step
    for n, (name, vs) in enumerate(series.items()):
        points = [(round(_LEFT + slot * (i + 0.5), 1), y_of(v)) for i, v in enumerate(vs)]
        chart.lines.append(
            {
                "css": f"line{n}",
                "name": name,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": [
                    {
                        "x": x,
                        "y": y,
                        "title": f"{periods[i]}: {name} {vs[i]:g}",
                        "href": href[i] if href else None,
                    }
                    for i, (x, y) in enumerate(points)
                ],
            }
        )
    _x_labels(chart, periods, slot)
    return chart


# ---------------------------------------------------------------- actor and dyad pages


def month_range(days: Iterable[str | None]) -> list[str]:
    """Every month (YYYY-MM) from the first to the last of the dated days given."""
    months = sorted({d[:7] for d in days if parse_day(d)})
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    last = months[-1]
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def actor_timeline(code: str, summary: dict[str, Any]) -> dict[str, Any]:
    """Events given and received per month by QuadClass, and the main counterparts, for an actor page,
    from ``Store.actor_summary``'s rows (months ``""`` are the events without a day-precise date)."""
    months = month_range(f"{r['month']}-01" for r in summary["months"] if r["month"])
    given: dict[str, Counter] = defaultdict(Counter)
    received: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for r in summary["months"]:
        totals[r["given"]] += r["events"]
        if r["month"] and r["quad_class"] in QUAD_NAMES:
            (given if r["given"] else received)[r["month"]][r["quad_class"]] += r["events"]
    return {
        "months": months,
        "given": totals[1],
        "received": totals[0],
        "chart": diverging_bars(
            months,
            [given[m] for m in months],
            [received[m] for m in months],
            up_name="given",
            down_name="received",
        ),
        "counterparts": [dict(c) for c in summary["counterparts"]],
    }


def dyad_charts(series: Sequence[dict[str, Any]]) -> dict[str, Chart]:
    """The dyad page's charts: QuadClass counts per period, and Goldstein and PLOVER sums."""
    periods = [p["period"] for p in series]
    links = [f"#period-{p}" if s["events"] else None for p, s in zip(periods, series, strict=True)]
    return {
        "counts": diverging_bars(
            periods,
            [{1: s["q1_verbal_coop"], 2: s["q2_material_coop"]} for s in series],
            [{3: s["q3_verbal_conflict"], 4: s["q4_material_conflict"]} for s in series],
            up_name="cooperation",
            down_name="conflict",
            href=links,
        ),
        "scores": line_chart(
            periods,
            {
                "Goldstein sum": [s["goldstein"] for s in series],
                "PLOVER score sum": [s["plover_score"] for s in series],
            },
            href=links,
        ),
    }


def events_by_period(events: Iterable[dict[str, Any]], period: str) -> dict[str, list[dict[str, Any]]]:
    """Dyad events grouped under the label of their period (the events behind each chart point)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        day = parse_day(e["date"])
        if day:
            grouped[period_of(day, period)[0]].append(e)
    return grouped


# ---------------------------------------------------------------- network

COMMUNITY_COLOURS = 8  # css classes c0..c7; communities beyond share c8 (grey)


def spring_layout(graph: Any, *, seed: int, k: float, iterations: int, threshold: float = 1e-4) -> dict:
    """``networkx.spring_layout(graph, seed=seed, weight="weight", k=k, iterations=iterations)``, the same
    positions bit for bit, in about half its time (a network page's most costly part): networkx's
    Fruchterman-Reingold loop for graphs under 500 nodes, each step the same floating-point operations
    without the Python overhead around them (``np.linalg.norm``'s checks, ``np.clip``'s wrapper).
    ``tests/test_web_views.py`` compares the two."""
    import networkx as nx
    import numpy as np

    nodes = list(graph)
    if len(nodes) >= 500 or len(nodes) < 2:  # networkx's other methods: left to it
        return nx.spring_layout(
            graph, seed=seed, weight="weight", k=k, iterations=iterations, threshold=threshold
        )
    adjacency = nx.to_numpy_array(graph, weight="weight")
    count = len(nodes)
    pos = np.asarray(np.random.RandomState(seed).rand(count, 2), dtype=adjacency.dtype)
    # the largest step, cooled linearly to nothing over the iterations
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    square_k = k * k
    add, sqrt, maximum, einsum = np.add.reduce, np.sqrt, np.maximum, np.einsum
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = sqrt(add(delta * delta, axis=-1))  # np.linalg.norm(delta, axis=-1) for real numbers
        maximum(distance, 0.01, out=distance)  # np.clip(distance, 0.01, None)
        displacement = einsum("ijk,ij->ik", delta, (square_k / distance**2 - adjacency * distance / k))
        length = sqrt(add(displacement * displacement, axis=-1))
        maximum(length, 0.01, out=length)
        step = displacement * (t / length)[:, np.newaxis]
        pos += step
        t -= dt
        flat = step.ravel()
        if math.sqrt(flat.dot(flat)) / count < threshold:  # np.linalg.norm(step)
            break
    pos -= pos.mean(axis=0)  # networkx's rescale_layout to (-1, 1)
    limit = np.abs(pos).max()
    if limit > 0:
        pos *= 1 / limit
    return dict(zip(nodes, pos + np.zeros(2), strict=True))  # moved to its centre, (0, 0), as networkx does


def network_drawing(graph: Any, *, nodes: int, width: int = 760, height: int = 520) -> dict[str, Any]:
    """Node positions (a seeded spring layout: the same picture every time), edges and communities."""
    import networkx as nx

    keep = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["events"], n))[:nodes]
    sub = graph.subgraph(keep)
    if not keep:
        return {"width": width, "height": height, "nodes": [], "edges": [], "communities": []}
    # spring forces by |weight|: allies and enemies both pull together, so that an edge stays short enough to read
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(sorted(sub.nodes))
    layout_graph.add_weighted_edges_from(
        sorted((a, b, 1 + math.log1p(abs(d["weight"]))) for a, b, d in sub.edges(data=True))
    )
    # a weak pull to a centre keeps unconnected groups from drifting to the corners
    centre = object()
    layout_graph.add_weighted_edges_from((centre, n, 0.3) for n in sorted(sub.nodes))
    spread = 1.6 / math.sqrt(len(keep) + 1)
    positions = spring_layout(layout_graph, seed=7, k=spread, iterations=200)
    positions.pop(centre)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    margin = 36

    def scale(value: float, low: float, high: float, size: int) -> float:
        return round(margin + (value - low) / ((high - low) or 1) * (size - 2 * margin), 1)

    top_events = max(graph.nodes[n]["events"] for n in keep)
    drawn_nodes = [
        {
            "id": n,
            "x": scale(positions[n][0], min(xs), max(xs), width),
            "y": scale(positions[n][1], min(ys), max(ys), height),
            "r": round(6 + 14 * math.sqrt(graph.nodes[n]["events"] / top_events), 1),
            "community": graph.nodes[n]["community"],
            "css": f"c{min(graph.nodes[n]['community'], COMMUNITY_COLOURS)}",
            "events": graph.nodes[n]["events"],
        }
        for n in sorted(keep)
    ]
    where = {n["id"]: n for n in drawn_nodes}
    top_weight = max([abs(d["weight"]) for _, _, d in sub.edges(data=True)] + [1])
    edges = []
    for a, b, d in sorted(sub.edges(data=True)):
        a, b = sorted((a, b))
        edges.append(
            {
                "a": a,
                "b": b,
                "x1": where[a]["x"],
                "y1": where[a]["y"],
                "x2": where[b]["x"],
                "y2": where[b]["y"],
                "width": round(1 + 5 * abs(d["weight"]) / top_weight, 1),
                "css": "coop" if d["weight"] > 0 else ("conflict" if d["weight"] < 0 else "even"),
                **{k: d[k] for k in ("weight", "cooperation", "conflict")},
            }
        )
    groups: dict[int, list[str]] = defaultdict(list)
    for n in drawn_nodes:
        groups[n["community"]].append(n["id"])
    return {
        "width": width,
        "height": height,
        "nodes": drawn_nodes,
        "edges": edges,
        "communities": [
            {"number": c, "css": f"c{min(c, COMMUNITY_COLOURS)}", "members": sorted(groups[c])}
            for c in sorted(groups)
        ],
        "hidden": graph.number_of_nodes() - len(keep),
    }


# ---------------------------------------------------------------- the article's text, as HTML


def marked_html(
    paragraphs: list[list[Run]],
    analysis: Any,
    event_ids: Sequence[int],
    quote_ids: Sequence[int],
    latest: dict[tuple[str, int], Any],
) -> Markup:
    """The marked paragraphs as the article page shows them, every piece of text escaped (``escape``, what
    the templates' autoescape calls): the same markup a Jinja loop gave, several times faster (a long
    article has hundreds of pieces)."""
    actor_links = [
        (
            escape(quote(str(actor.code), safe="")),
            escape(f"{actor.name} ({actor.code})"),
        )
        for actor in analysis.actors
    ]
    tips: dict[int, str] = {}
    out: list[str] = []
    for runs in paragraphs:
        out.append("<p>")
        for run in runs:
            if run.quote is not None:
                out.append(
                    f'<span class="quote" id="q-{quote_ids[run.quote]}">'
                    if run.first
                    else '<span class="quote">'
                )
            for number, piece in enumerate(run.pieces, 1):
                text = escape(piece.text)
                if piece.kind == "event":
                    eid = event_ids[piece.index]
                    tip = tips.get(piece.index)
                    if tip is None:
                        tip = tips[piece.index] = _event_tip(analysis.events[piece.index])
                    e = analysis.events[piece.index]
                    reviewed = " reviewed" if latest.get(("event", eid)) else ""
                    first = f' id="trigger-{eid}"' if piece.first else ""
                    out.append(
                        f'<a class="trigger status-{escape(e.status)}{reviewed}" href="#event-{eid}"{first}'
                        f' aria-describedby="tip-{eid}-{number}">{text}<span class="tip" role="tooltip"'
                        f' id="tip-{eid}-{number}">{tip}</span></a>'
                    )
                elif piece.kind == "actor":
                    href, title = actor_links[piece.index]
                    out.append(
                        f'<a class="actor" href="/actor/{href}" tabindex="-1" title="{title}">{text}</a>'
                    )
                else:
                    out.append(text)
            if run.quote is not None:
                out.append("</span>")
        out.append("</p>\n")
    return Markup("".join(out))


def _event_tip(e: Any) -> str:
    """The tooltip of an event's trigger: its coding, escaped."""
    mode = f" ({escape(e.plover_mode)})" if e.plover_mode else ""
    day = e.date.value if e.date and e.date.value else "no date"
    source = (e.source.name or e.source.text) if e.source else "–"
    target = (e.target.name or e.target.text) if e.target else "–"
    return (
        f"<b>{escape(e.cameo or '–')} {escape(e.cameo_name or '')}</b><br>PLOVER {escape(e.plover or 'statement')}"
        f"{mode} · {escape(e.status)}<br>{escape(day)}<br>{escape(source)} → {escape(target)}"
    )


# ---------------------------------------------------------------- lists of events, as HTML


def _side_html(name: Any, code: Any) -> str:
    """An event's source or target as the templates' ``side`` macro writes it."""
    if code:
        return (
            f'<a href="/actor/{escape(quote(str(code), safe=""))}">{escape(name or code)}</a>'
            f' <span class="code">{escape(code)}</span>'
        )
    return str(escape(name)) if name else '<span class="none">–</span>'


def _text(value: Any) -> str:
    """``{{ value or "" }}`` of a template."""
    return str(escape(value)) if value else ""


def event_rows_html(rows: Sequence[dict[str, Any]], truncate: Callable[[str], str]) -> Markup:
    """The rows of the events table, every value escaped: the markup its Jinja loop gave (``truncate``:
    the template's ``truncate(140)``), several times faster for a page of 50 or 500 rows."""
    out = []
    for r in rows:
        goldstein = "" if r["goldstein"] is None else escape(r["goldstein"])
        out.append(
            f'<tr>\n<td class="date">{_text(r["date"])}</td>\n'
            f"<td>{_side_html(r['source'], r['source_code'])}</td>\n"
            f"<td>{_side_html(r['target'], r['target_code'])}</td>\n"
            f'<td><span class="code">{_text(r["cameo"])}</span> {_text(r["cameo_name"])}</td>\n'
            f"<td>{_text(r['plover'])}</td>\n"
            f'<td><span class="badge status-{escape(r["status"])}">{escape(r["status"])}</span></td>\n'
            f'<td class="num">{goldstein}</td>\n'
            f'<td class="evidence"><a href="/article/{escape(quote(str(r["article_id"]), safe=""))}'
            f'#event-{escape(r["id"])}">{escape(truncate(r["evidence"]))}</a></td>\n</tr>\n'
        )
    return Markup("".join(out))


def period_events_html(events: Sequence[dict[str, Any]], truncate: Callable[[str], str]) -> Markup:
    """The events of one period of a dyad page, as its Jinja loop wrote them (``truncate(120)``)."""
    out = []
    for e in events:
        out.append(
            f'<li><span class="date">{escape(e["date"])}</span> {escape(e["source"] or "–")} →'
            f" {escape(e['target'] or '–')}: <b>{escape(e['plover'] or e['cameo'])}</b>"
            f' <span class="code">{escape(e["cameo"])}</span>\n'
            f'<a href="/article/{escape(quote(str(e["article_id"]), safe=""))}#event-{escape(e["id"])}">'
            f"{escape(truncate(e['evidence']))}</a></li>\n"
        )
    return Markup("".join(out))
