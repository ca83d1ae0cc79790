"""Reading: analyses, events, quotes, actors, dyads, the network, review data and search."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import analysis as corpus
from ..model import Actor, Analysis, Article, Event, Quote, Span, TimeRef
from .export import _result
from .schema import TABLES, _activity_columns, _builder, _records, _unflatten
from .sql import REVIEWED_EVENTS, REVIEWED_QUOTES, _Filters, _gold_side, _like, _like_snippet, _search_words

#: Store.actor_directory's groups, by database: (articles seq counted up to, counts, ranked rows).
_ACTOR_DIRECTORIES: dict[str, tuple[int, dict[tuple, int], list[tuple[str, str, dict[str, Any]]]]] = {}
_DIRECTORY_LOCK = threading.Lock()


class Queries:
    """The store's queries."""

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {
            table: self._execute("count", table=table).fetchone()[0] for table in TABLES if table != "meta"
        }

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._execute("article_ids")]

    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored ``Analysis`` of an article, as ``analyze`` gave it; None when not stored."""
        row = self._execute("article", (article_id,)).fetchone()
        if row is None:
            return None
        article = _unflatten(Article, row)
        article.credits = json.loads(row["credits"])
        article.warnings = json.loads(row["warnings"])
        actors = _records(Actor, self._execute("article_actors", (article_id,)))
        mentions = self._execute("article_mentions", (article_id,))
        actor_seq = [d[0] for d in mentions.description].index("actor_seq")
        build_span = _builder(Span, "", tuple(d[0] for d in mentions.description))
        for r in mentions:
            actors[r[actor_seq]].mentions.append(build_span(r))
        return Analysis(
            article=article,
            actors=actors,
            quotes=_records(Quote, self._execute("article_quotes", (article_id,))),
            events=_records(Event, self._execute("article_events", (article_id,))),
            times=_records(TimeRef, self._execute("article_times", (article_id,))),
            schema_version=row["analysis_version"],
        )

    def cluster_articles(self, cluster_id: int) -> list[str]:
        """The ids of the articles that report an event cluster, in ingest order."""
        return [r[0] for r in self._execute("cluster_articles", (cluster_id,))]

    def iter_events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        plover: str | None = None,
        quad_class: int | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        merged: bool = False,
        limit: int | None = None,
        offset: int | None = None,
        reviewed: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Event mentions (or, ``merged``, one row per cluster: its first mention) matching all filters given.

        ``reviewed``: with people's corrections applied (events marked wrong left out).
        """
        f = self._event_filters(
            actor,
            country,
            sector,
            plover,
            quad_class,
            status,
            since,
            until,
            search,
            stored=not reviewed,
        )
        if f.conditions and not reviewed:
            # the matching ids first (from the indexes, in order), then the rows of the page only
            ids = _Filters(self.dialect)
            ids.add(f"e.id IN (SELECT e.id FROM events e {f.where()})", *f.params)
            f = ids
        if merged:
            f.add("e.id = c.id")
        yield from self._rows("events", f, limit, offset=offset, events=self._events_table(reviewed))

    def count_events(self, *, reviewed: bool = False, **filters: Any) -> int:
        """How many rows ``iter_events`` gives with these filters (without limit and offset)."""
        f = self._event_filters(**filters, joined=False)  # the OR of two indexes counts fastest
        return self._scalar_where("count_events", f, events=self._events_table(reviewed))

    def event_page(
        self, *, limit: int, offset: int = 0, reviewed: bool = False, **filters: Any
    ) -> tuple[int, list[dict[str, Any]]]:
        """How many events match (``count_events``) and one page of them (``events``): the count from the
        narrow filter index, then the page's ids in order (``LIMIT``: SQLite stops there), then their rows.
        Measured on 10,000 articles, faster than reading every matching id into Python for both, even for
        words in a sentence, which no index answers."""
        f = self._event_filters(**filters, joined=False)
        events = self._events_table(reviewed)
        total = self._scalar_where("count_events", f, events=events)
        if limit <= 0 or offset >= total:
            return total, []
        page = [
            r[0]
            for r in self._execute(
                "event_ids",
                [*f.params, int(limit), int(offset)],
                where=f.where(),
                events=events,
                limit="ORDER BY e.id LIMIT ? OFFSET ?",
            )
        ]
        if not page:
            return total, []
        chosen = _Filters(self.dialect)
        chosen.add(f"e.id IN ({', '.join('?' for _ in page)})", *page)
        return total, list(self._rows("events", chosen, None, events=events))

    def _event_filters(
        self,
        actor: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        plover: str | None = None,
        quad_class: int | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        merged: bool = False,
        joined: bool = True,
        stored: bool = False,
    ) -> _Filters:
        """``joined``: the query joins the event's cluster as ``c`` (else ``merged`` looks the cluster up).
        ``stored``: the query reads the events as stored (not with corrections applied)."""
        f = _Filters(self.dialect)
        if actor:
            f.contains(["e.source_name", "e.source_code", "e.target_name", "e.target_code"], actor)
        if country and stored:
            # the ids from both indexes, in order: the first page of a common country's events is read
            # without fetching and sorting all of them (as the OR of the two columns would)
            f.add(
                "e.id IN (SELECT id FROM events WHERE source_country = ? UNION SELECT id FROM events WHERE target_country = ?)",
                country.upper(),
                country.upper(),
            )
        elif country:
            f.add("e.source_country = ? OR e.target_country = ?", country.upper(), country.upper())
        if sector:
            f.add("e.source_sector = ? OR e.target_sector = ?", sector.upper(), sector.upper())
        if plover:
            f.add("e.plover = ?", plover.upper())
        if quad_class is not None:
            f.add("e.quad_class = ?", quad_class)
        if status:
            f.add("e.status = ?", status.lower())
        if since:
            f.add("e.event_date >= ?", since)
        if until:
            f.add("e.event_date <= ?", until)
        if search:
            f.contains(["e.evidence_text"], search)
        if merged:
            f.add("e.id = c.id" if joined else "e.id IN (SELECT id FROM event_clusters)")
        return f

    def events(self, *, as_dataframe: bool = False, **filters: Any) -> Any:
        """Like ``iter_events``, as a list of dicts or a pandas DataFrame."""
        return _result(self.iter_events(**filters), as_dataframe)

    def iter_quotes(
        self,
        *,
        speaker: str | None = None,
        actor: str | None = None,
        search: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        reviewed: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Quotes by speaker (name, words or code), mentioning an actor (name or code), or containing text.

        ``reviewed``: with people's corrections of the speaker applied (quotes marked wrong left out).
        """
        f = _Filters(self.dialect)
        if speaker:
            f.contains(["q.speaker_name", "q.speaker_text", "q.speaker_code"], speaker)
        if actor:
            like = self.dialect.like
            f.add(
                f"q.text {like} ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m JOIN actors x"
                " ON x.article_id = m.article_id AND x.seq = m.actor_seq"
                " WHERE m.article_id = q.article_id AND q.in_title = 0 AND m.start_offset >= q.start_offset"
                f" AND m.end_offset <= q.end_offset AND (x.name {like} ? ESCAPE '\\' OR x.code {like} ? ESCAPE '\\'))",
                *[_like(actor)] * 3,
            )
        if search:
            f.contains(["q.text"], search)
        if kind:
            f.add("q.kind = ?", kind)
        yield from self._rows("quotes", f, limit, quotes=self._quotes_table(reviewed))

    def quotes(self, *, as_dataframe: bool = False, **filters: Any) -> Any:
        return _result(self.iter_quotes(**filters), as_dataframe)

    def iter_actors(
        self,
        *,
        by: str = "actor",
        country: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The most active actors: events given and received, quotes, mentions, articles.

        ``by``: ``actor`` (name and code), ``code`` or ``country``.
        """
        groups = {"actor": ("name", "code"), "code": ("code",), "country": ("country",)}
        if by not in groups:
            raise ValueError(f"by must be one of {', '.join(groups)}")
        group = groups[by]
        # from the sums kept by grouping (see actor_activity_counts): the same rows as the query
        # "actor_activity" gives from the events, quotes and mentions themselves, in milliseconds, not seconds
        f = _Filters(self.dialect)
        f.add("t.columns = ?", ",".join(_activity_columns(by, bool(country), bool(sector))))
        f.add(f"t.{group[0]} IS NOT NULL")
        if country:
            f.add("t.country = ?", country.upper())
        if sector:
            f.add("t.sector = ?", sector.upper())
        shown = [f"t.{c}" for c in group]
        if by == "actor":
            shown += ["t.max_country AS country", "t.max_sector AS sector"]
        elif by == "code":
            shown += ["t.max_name AS example_name"]
        yield from self._rows(
            "actor_activity_counts",
            f,
            limit,
            shown=", ".join(shown),
            order=", ".join(f"t.{c}" for c in group),
        )

    def actors(self, *, as_dataframe: bool = False, **options: Any) -> Any:
        return _result(self.iter_actors(**options), as_dataframe)

    def _rows(
        self, name: str, f: _Filters, limit: int | None, offset: int | None = None, **parts: str
    ) -> Iterator[dict[str, Any]]:
        params = list(f.params)
        limit_clause = ""
        if limit is not None:
            limit_clause = "LIMIT ?"
            params.append(int(limit))
            if offset:
                limit_clause += " OFFSET ?"
                params.append(int(offset))
        for row in self._execute(name, params, where=f.where(), limit=limit_clause, **parts):
            yield dict(row)

    def _aggregate_rows(
        self, f: _Filters, statuses: Sequence[str] | None, merged: bool, reviewed: bool = False
    ) -> Iterator[dict[str, Any]]:
        if statuses:
            f.add(" OR ".join("e.status = ?" for _ in statuses), *statuses)
        if merged:  # each cluster once, through its first mention
            f.add("e.id IN (SELECT id FROM event_clusters)")
        events = self._events_table(reviewed)
        for row in self._execute("aggregate_events", f.params, where=f.where(), events=events):
            yield dict(row)

    def dyads(
        self,
        a: str,
        b: str,
        *,
        period: str = "month",
        directed: bool = False,
        statuses: Sequence[str] | None = ("occurred",),
        merged: bool = True,
        since: str | None = None,
        until: str | None = None,
        as_dataframe: bool = False,
        reviewed: bool = False,
    ) -> Any:
        """Per week or month, events between ``a`` and ``b`` (actor codes or country codes).

        Both directions unless ``directed`` (then ``a`` -> ``b`` only). Counts each merged event once
        unless ``merged=False``; only events of ``statuses`` (all when None).
        """
        f = self._dyad_filters(a, b, directed, since, until, statuses, stored=not reviewed)
        rows = self._aggregate_rows(f, None, merged, reviewed)
        return _result(iter(corpus.dyad_series(rows, period, since, until)), as_dataframe)

    def _dyad_filters(
        self,
        a: str,
        b: str,
        directed: bool,
        since: str | None,
        until: str | None,
        statuses: Sequence[str] | None = None,
        stored: bool = False,
    ) -> _Filters:
        """The events from ``a`` to ``b`` (and back, unless ``directed``) of ``statuses`` (all when None)
        between the dates. ``stored``: the query reads the events as stored (not with corrections applied)."""
        f = _Filters(self.dialect)
        a, b = a.upper(), b.upper()
        if stored:
            # each side is a code or a country: the ids from the four indexes of (source, target, status,
            # date), in both directions, found in the indexes alone. The conditions stay inside: outside,
            # SQLite would read every event of the status through events_filters and test its id
            within, within_params = [], []
            if statuses:
                within.append("(" + " OR ".join("status = ?" for _ in statuses) + ")")
                within_params += statuses
            for bound, value in ((">=", since), ("<=", until)):
                if value:
                    within.append(f"event_date {bound} ?")
                    within_params.append(value)
            parts, params = [], []
            for x, y in ((a, b),) if directed else ((a, b), (b, a)):
                for source in ("source_code", "source_country"):
                    for target in ("target_code", "target_country"):
                        parts.append(
                            f"SELECT id FROM events WHERE {' AND '.join([f'{source} = ?', f'{target} = ?', *within])}"
                        )
                        params += [x, y, *within_params]
            f.add(f"e.id IN ({' UNION '.join(parts)})", *params)
            return f
        forward = (
            "(e.source_code = ? OR e.source_country = ?) AND (e.target_code = ? OR e.target_country = ?)"
        )
        # the same again, looser: one of a's four columns, which SQLite looks up in their four indexes
        f.add(
            "e.source_code = ? OR e.source_country = ? OR e.target_code = ? OR e.target_country = ?",
            a,
            a,
            a,
            a,
        )
        if directed:
            f.add(forward, a, a, b, b)
        else:
            f.add(f"({forward}) OR ({forward})", a, a, b, b, b, b, a, a)
        if since:
            f.add("e.event_date >= ?", since)
        if until:
            f.add("e.event_date <= ?", until)
        if statuses:
            f.add(" OR ".join("e.status = ?" for _ in statuses), *statuses)
        return f

    def network(
        self,
        *,
        statuses: Sequence[str] | None = ("occurred",),
        merged: bool = True,
        since: str | None = None,
        until: str | None = None,
        reviewed: bool = False,
    ) -> Any:
        """The alignment network between countries (a networkx Graph; see ``analysis.alignment_network``)."""
        f = _Filters(self.dialect)
        f.add("e.source_country IS NOT NULL AND e.target_country IS NOT NULL")
        if since:
            f.add("e.event_date >= ?", since)
        if until:
            f.add("e.event_date <= ?", until)
        # counted in SQL by pair and QuadClass (a few hundred rows, not a row per event)
        f.add("e.source_country <> e.target_country AND e.quad_class IN (1, 2, 3, 4)")
        if statuses:
            f.add(" OR ".join("e.status = ?" for _ in statuses), *statuses)
        if merged:  # each cluster once, through its first mention
            f.add("e.id IN (SELECT id FROM event_clusters)")
        rows = self._execute("network_counts", f.params, where=f.where(), events=self._events_table(reviewed))
        return corpus.alignment_network(dict(r) for r in rows)

    @staticmethod
    def _events_table(reviewed: bool) -> str:
        return REVIEWED_EVENTS if reviewed else "events"

    @staticmethod
    def _quotes_table(reviewed: bool) -> str:
        return REVIEWED_QUOTES if reviewed else "quotes"

    def _scalar_where(self, name: str, f: _Filters, **parts: str) -> Any:
        return self._execute(name, f.params, where=f.where(), **parts).fetchone()[0]

    def data_version(self) -> tuple[int, int]:
        """Changes when articles or corrections are added: what a cache of query results is keyed by."""
        row = self._execute("data_version").fetchone()
        return int(row[0]), int(row[1])

    def item_ids(self, article_id: str) -> dict[str, list[int]]:
        """The database ids of an article's events and quotes, in the order of its analysis."""
        ids: dict[str, list[int]] = {"event": [], "quote": []}
        for row in self._execute("article_item_ids", (article_id, article_id)):
            ids[row[0]].append(row[1])
        return ids

    def corrections(self, article_id: str) -> list[dict[str, Any]]:
        """Every correction of an article's events and quotes, oldest first (the latest of an item applies)."""
        return [dict(r) for r in self._execute("article_corrections", (article_id,))]

    def iter_gold(self) -> Iterator[dict[str, Any]]:
        """Reviewed articles as gold lines (shared/eval/FORMAT.md), for ``communique evaluate``.

        Events and quotes marked right or corrected are required gold with the corrected values;
        those marked wrong are left out (so the coder finding them again is a false positive);
        those nobody reviewed are optional (``required: false``): never a miss, never a false positive.
        """
        for article in self._execute("reviewed_articles").fetchall():
            latest = {(r["item"], r["item_id"]): r for r in self.corrections(article["id"])}
            events, quotes = [], []
            for e in self._execute("article_events", (article["id"],), events=REVIEWED_EVENTS):
                review = latest.get(("event", e["id"]))
                if e["plover"] is None:  # plain statements are not scored
                    continue
                events.append(
                    {
                        "id": f"event-{e['id']}",
                        "sentence": e["evidence_text"],
                        "source": _gold_side(e, "source"),
                        "target": _gold_side(e, "target"),
                        "plover": [e["plover"]],
                        "cameo": [e["cameo"]] if e["cameo"] else [],
                        "status": e["status"],
                        **({"date": e["date_value"]} if e["date_value"] else {}),
                        "required": review is not None,
                        "symmetric": False,
                    }
                )
            for q in self._execute("article_quotes", (article["id"],), quotes=REVIEWED_QUOTES):
                quotes.append(
                    {
                        "text": q["text"],
                        "speaker": q["speaker_name"] or q["speaker_text"],
                        "speaker_country": q["speaker_country"],
                        "speaker_sector": q["speaker_sector"],
                        "kind": q["kind"],
                        "required": ("quote", q["id"]) in latest,
                    }
                )
            reviewers = sorted({r["reviewer"] for r in latest.values()})
            yield {
                "id": article["id"],
                "title": article["title"],
                "published": article["published"],
                "text": article["body"],
                "events": events,
                "quotes": quotes,
                "reviewed_by": reviewers,
            }

    def summary(self) -> dict[str, Any]:
        """Counts of articles, events (mentions and merged), quotes and corrections, and the date range."""
        return dict(self._execute("summary").fetchone())

    def country_pairs(self, *, limit: int = 10, reviewed: bool = False) -> list[dict[str, Any]]:
        """The country pairs with the most events between them (both directions), with cooperation and conflict."""
        pairs: dict[tuple[str, str], dict[str, Any]] = {}
        for row in self._execute("country_pairs", events=self._events_table(reviewed)):
            a, b = sorted((row["a"], row["b"]))
            pair = pairs.setdefault((a, b), {"a": a, "b": b, "events": 0, "cooperation": 0, "conflict": 0})
            for key in ("events", "cooperation", "conflict"):
                pair[key] += row[key]
        return sorted(pairs.values(), key=lambda p: (-p["events"], p["a"], p["b"]))[:limit]

    def actor_events(self, code: str, *, reviewed: bool = False) -> list[dict[str, Any]]:
        """Events an actor (code, or country code) gave or received: date, QuadClass, Goldstein, the other side."""
        code = code.upper()
        rows = self._execute("actor_events", [code] * 6, events=self._events_table(reviewed))
        return [dict(r) for r in rows]

    def actor_quotes(
        self, code: str, *, limit: int = 10, reviewed: bool = False
    ) -> dict[str, list[dict[str, Any]]]:
        """Quotes ``by`` an actor code (or a country's actors) and ``about`` it (a mention of it inside the
        quote), rows as ``iter_quotes`` gives them: the code matched exactly, as ``actor_events`` does, so
        that indexes find them (``iter_quotes(speaker=..., actor=...)`` looks for words in names and text).
        """
        code = code.upper()
        quotes = self._quotes_table(reviewed)
        found: dict[str, list[dict[str, Any]]] = {"by": [], "about": []}
        # a correction may give a quote its speaker, or take it away: the candidates are the quotes the
        # machine gave the actor and those a correction named it the speaker of, the reviewed rows decide
        corrected = (
            sorted(r[0] for r in self._execute("corrected_speaker_quote_ids", (code, code)))
            if reviewed
            else []
        )
        # the first ids from both indexes, in order, a few at a time: the OR of the two columns would fetch
        # and sort every quote of a common speaker (tens of thousands) for ten of them, and with the
        # corrections applied it is a scan of every quote
        after = 0
        while len(found["by"]) < limit:
            ids = [r[0] for r in self._execute("speaker_quote_ids", (code, after, code, after, limit))]
            last = ids[-1] if len(ids) == limit else None  # None: no stored candidate beyond these
            ids = sorted({*ids, *(i for i in corrected if i > after and (last is None or i <= last))})
            if not ids:
                break
            by = _Filters(self.dialect)
            by.add(f"q.id IN ({', '.join('?' for _ in ids)})", *ids)
            if reviewed:
                by.add("q.speaker_code = ? OR q.speaker_country = ?", code, code)
            found["by"] += self._rows("quotes", by, limit - len(found["by"]), quotes=quotes)
            if last is None:
                break
            after = last
        # the quotes whose text mentions the actor (quote_actors), a few ids at a time in order: more are
        # asked for when corrections marked some of them wrong
        after = 0
        while len(found["about"]) < limit:
            ids = [r[0] for r in self._execute("actor_quote_ids", (code, after, code, after, limit))]
            if not ids:
                break
            after = ids[-1]
            about = _Filters(self.dialect)
            about.add(f"q.id IN ({', '.join('?' for _ in ids)})", *ids)
            found["about"] += self._rows("quotes", about, limit - len(found["about"]), quotes=quotes)
        return found

    def actor_names(self, code: str) -> list[dict[str, Any]]:
        """The names the text gives an actor code (or the actors of a country), most frequent first."""
        return [dict(r) for r in self._execute("actor_names", (code.upper(), code.upper()))]

    def dyad_events(
        self,
        a: str,
        b: str,
        *,
        statuses: Sequence[str] | None = ("occurred",),
        merged: bool = True,
        since: str | None = None,
        until: str | None = None,
        reviewed: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """The events behind ``dyads(a, b)``: rows as ``iter_events`` gives them."""
        f = self._dyad_filters(a, b, False, since, until, statuses, stored=not reviewed)
        if merged:
            f.add("e.id = c.id")
        return list(self._rows("events", f, limit, events=self._events_table(reviewed)))

    def refresh_search_index(self) -> int:
        """Add articles stored since the last call to the full-text index; returns how many (0 without FTS)."""
        if not self.dialect.full_text:
            return 0
        done = int(self._meta("search_indexed_seq") or 0)
        last = self._scalar("max_article_seq")
        if last <= done:
            return 0
        with self._transaction():
            self._execute("index_articles", (done,))
            self._execute("index_quotes", (done,))
            self._execute("set_meta", ("search_indexed_seq", str(last)))
        return last - done

    def actor_directory(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every (name, code, country, sector) of the actors table with the number of its articles, most
        frequent first (with the name and code lowercased, to match words against).

        Kept for the process, and brought up to date with the articles added since (articles are never
        removed, so the counts only grow): a search then reads a thousand groups, not a table of a few
        hundred thousand mentions.
        """
        key = str(self.path)
        if isinstance(self.path, Path):  # a new file at the same path is another database
            key += f":{self.path.stat().st_ino}"
        with _DIRECTORY_LOCK:
            done, counts, ranked = _ACTOR_DIRECTORIES.get(key, (0, {}, []))
            last = self._scalar("max_article_seq") or 0
            if last < done:  # another database at the same path
                done, counts = 0, {}
            if last != done:
                counts = dict(counts)
                for row in self._execute("actor_directory", (done, last)):
                    group = (row["name"], row["code"], row["country"], row["sector"])
                    counts[group] = counts.get(group, 0) + row["articles"]
                ordered = sorted(counts.items(), key=lambda kv: (-kv[1], *(v or "" for v in kv[0])))
                ranked = [
                    (
                        name.lower(),
                        (code or "").lower(),
                        {"name": name, "code": code, "country": country, "sector": sector, "articles": n},
                    )
                    for (name, code, country, sector), n in ordered
                ]
                _ACTOR_DIRECTORIES[key] = (last, counts, ranked)
            return ranked

    def search(self, text: str, *, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Articles (title and body), quotes and actors matching every word of ``text``.

        Titles and snippets mark the matched words with ``MATCH_START`` and ``MATCH_END``.
        """
        words = _search_words(text)
        if not words:
            return {"articles": [], "quotes": [], "actors": []}
        lowered = [w.lower() for w in words]
        found: dict[str, list[dict[str, Any]]] = {"actors": []}
        for name, code, row in self.actor_directory():
            if all(w in name or w in code for w in lowered):
                found["actors"].append(dict(row))
                if len(found["actors"]) == limit:
                    break
        if self.dialect.full_text:
            self.refresh_search_index()
            query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            # articles and quotes have an index each; the words are looked for in the title and text
            for name in ("articles", "quotes"):
                found[name] = [
                    dict(r)
                    for r in self._execute(f"search_{name}_fts", (f"{{title text}} : ({query})", limit))
                ]
            return found
        articles, quotes = _Filters(self.dialect), _Filters(self.dialect)
        for word in words:
            articles.contains(["a.title", "a.body"], word)
            quotes.contains(["q.text"], word)
        found["articles"] = list(self._rows("search_articles_like", articles, limit))
        found["quotes"] = list(self._rows("search_quotes_like", quotes, limit))
        for row in found["articles"]:
            row["title"] = _like_snippet(row["title"] or "", words, 10_000)
        for row in found["articles"] + found["quotes"]:
            row["snippet"] = _like_snippet(row["snippet"], words)
        return found
