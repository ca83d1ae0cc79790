"""Writing: storing analyses (ingest), merging reports of one event, recording corrections."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import analysis as corpus
from ..model import Actor, Analysis, Article, Event, Quote, Span, TimeRef
from .aggregates import ActorRollup
from .schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    TIME_COLUMNS,
    _flatten,
)
from .sql import CORRECTED_EVENT_COLUMNS, CORRECTED_QUOTE_COLUMNS, CORRECTION_COLUMNS, VERDICTS, _clean_actor

# ---------------------------------------------------------------- the store


@dataclass
class AddResult:
    stored: int = 0
    skipped: int = 0


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"read {self.read}, stored {self.stored}, skipped {self.skipped} as already stored, failed {self.failed}"


def ingest_progress(
    on_error: Callable[[str], None] | None, progress: bool
) -> tuple[IngestSummary, Any, Callable[[str], None]]:
    """An ingest's tally, its progress bar (shown when ``progress``), and the function that counts and
    reports one failed input (to ``on_error``, else one line on stderr)."""
    from tqdm import tqdm

    summary = IngestSummary()
    report = on_error or (lambda message: tqdm.write(f"communique: error: {message}", file=sys.stderr))
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True)

    def count_failure(message: str) -> None:
        summary.failed += 1
        report(message)

    return summary, bar, count_failure


class Writes:
    """The store's writes."""

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):  # well under SQLite's parameter limit
            part = ids[start : start + 500]
            marks = ", ".join("?" for _ in part)
            found.update(r[0] for r in self._execute("stored_ids", part, marks=marks))
        return found

    def add(self, analyses: Iterable[Analysis]) -> AddResult:
        """Store analyses in one transaction; an article already stored (same id) is skipped. Clusters are updated."""
        result = AddResult()
        analyses = list(analyses)
        with self._transaction():
            present = self.stored_ids(a.article.id for a in analyses)
            seq = first_seq = self._scalar("max_article_seq")
            event_id = first_event = self._scalar("max_event_id")
            quote_id = self._scalar("max_quote_id")
            keys: dict[str, str] = {}  # key -> the earliest date of its new mentions
            for item in analyses:
                if item.article.id in present:
                    result.skipped += 1
                    continue
                present.add(item.article.id)
                seq += 1
                for key, date in self._write_analysis(item, seq, event_id, quote_id).items():
                    keys[key] = min(date, keys.get(key, date))
                event_id += len(item.events)
                quote_id += len(item.quotes)
                result.stored += 1
            for key in sorted(keys):
                self._recluster_key(key, keys[key])
            if result.stored:
                self._summarize(first_event, first_seq)
        return result

    def _write_analysis(self, item: Analysis, seq: int, event_id: int, quote_id: int) -> dict[str, str]:
        """Insert one analysis; returns the merging keys of its events with their earliest dates."""
        article = item.article
        row = _flatten(Article, article)
        row.update(
            seq=seq,
            credits=json.dumps(article.credits, ensure_ascii=False),
            warnings=json.dumps(article.warnings, ensure_ascii=False),
            analysis_version=item.schema_version,
        )
        self._execute("insert_article", [row[c] for c in ARTICLE_COLUMNS])
        for actor_seq, actor in enumerate(item.actors):
            row = {"article_id": article.id, "seq": actor_seq, **_flatten(Actor, actor)}
            self._execute("insert_actor", [row[c] for c in ACTOR_COLUMNS])
            for mention_seq, span in enumerate(actor.mentions):
                row = {
                    "article_id": article.id,
                    "actor_seq": actor_seq,
                    "seq": mention_seq,
                    **_flatten(Span, span),
                }
                self._execute("insert_mention", [row[c] for c in MENTION_COLUMNS])
        lead_end = corpus.lead_paragraph_end(article.body)
        keys: dict[str, str] = {}
        for offset, event in enumerate(item.events):
            date = corpus.effective_date(event, article.published)
            key = corpus.cluster_key(event, date)
            row = {
                "id": event_id + offset + 1,
                "article_id": article.id,
                "seq": offset,
                **_flatten(Event, event),
            }
            row.update(event_date=date, cluster_key=key, lead=int(event.evidence.start < lead_end))
            self._execute("insert_event", [row[c] for c in EVENT_COLUMNS])
            if key is None:
                self._insert_cluster(
                    corpus.Cluster(None, [self._mention_row(row, article.url)]), event.status, event.cameo
                )
            else:
                keys[key] = min(date, keys.get(key, date))  # type: ignore[arg-type] - keyed events have a date
        for offset, quote in enumerate(item.quotes):
            row = {
                "id": quote_id + offset + 1,
                "article_id": article.id,
                "seq": offset,
                **_flatten(Quote, quote),
            }
            self._execute("insert_quote", [row[c] for c in QUOTE_COLUMNS])
        if item.quotes:
            self._execute("fill_quote_actors", (article.id,), where="AND q.article_id = ?")
        for offset, time in enumerate(item.times):
            row = {"article_id": article.id, "seq": offset, **_flatten(TimeRef, time)}
            self._execute("insert_time", [row[c] for c in TIME_COLUMNS])
        return keys

    @staticmethod
    def _mention_row(row: Any, url: str | None) -> corpus.MentionRow:
        return corpus.MentionRow(
            row["id"], row["event_date"] or "", row["article_id"], corpus.source_of(url, row["article_id"])
        )

    def _insert_cluster(self, cluster: corpus.Cluster, status: str, cameo: str | None) -> None:
        values = [
            cluster.id,
            cluster.key,
            status,
            corpus.cameo_root(cameo),
            cluster.first_date or None,
            cluster.last_date or None,
            len(cluster.mentions),
            len(cluster.article_ids),
            cluster.n_sources,
        ]
        self._execute("insert_cluster", values)
        for mention in cluster.mentions:
            self._execute("insert_member", (mention.event_id, cluster.id))

    def _recluster_key(self, key: str, since: str | None = None) -> None:
        """Recompute the clusters of a key that mentions dated ``since`` or later can change (all when None).

        Clusters are built in date order, each anchored at its first date, so those that begin
        before the last anchor on or before ``since`` cannot change: only the rest is rebuilt.
        """
        anchor = (self._scalar("key_anchor", (key, since)) if since else None) or ""
        self._execute("delete_key_members", (key, anchor))
        self._execute("delete_key_clusters", (key, anchor))
        mentions = [self._mention_row(r, r["url"]) for r in self._execute("key_mentions", (key, anchor))]
        status, root = key.split("|")[0], key.split("|")[-1]
        for cluster in corpus.cluster_mentions(key, mentions, self.window_days):
            self._insert_cluster(cluster, status, root)

    def recluster(self, window_days: int | None = None) -> None:
        """Recompute every cluster (with a new window, which is then kept for later ingests)."""
        if window_days is not None:
            if window_days < 0:
                raise ValueError("window_days must not be negative")
            self.window_days = window_days
        with self._transaction():
            self._execute("set_meta", ("cluster_window_days", str(self.window_days)))
            self._execute("delete_all_members")
            self._execute("delete_all_clusters")
            for row in self._execute("unkeyed_events").fetchall():
                self._insert_cluster(
                    corpus.Cluster(None, [self._mention_row(row, row["url"])]), row["status"], row["cameo"]
                )
            for (key,) in self._execute("all_keys").fetchall():
                self._recluster_key(key)

    def ingest(
        self,
        paths: Sequence[str],
        *,
        workers: int = 1,
        batch_size: int = 64,
        engine: Any = None,
        on_error: Callable[[str], None] | None = None,
        progress: bool = False,
        resources: Any = None,
    ) -> IngestSummary:
        """Read, analyze and store files (see ``communique ingest``). Errors go to ``on_error`` one line each.

        ``resources``: a ``pipeline.Resources`` with the user's actor dictionary and event lexicon.
        """
        from .. import ingest
        from ..engines import LocalEngine

        owned = engine is None
        engine = engine or LocalEngine(workers, resources=resources)
        try:
            return self.ingest_items(
                ingest.read_inputs(list(paths)),
                engine,
                batch_size=batch_size,
                on_error=on_error,
                progress=progress,
            )
        finally:
            if owned:
                engine.close()

    def ingest_items(
        self,
        items: Iterable[Any],
        engine: Any,
        *,
        batch_size: int = 64,
        on_error: Callable[[str], None] | None = None,
        progress: bool = False,
    ) -> IngestSummary:
        """Store a stream of ``Article`` or input errors through an engine, one transaction per batch, in input order."""

        from ..engines import AnalysisFailure

        summary, bar, count_failure = ingest_progress(on_error, progress)

        def fail(message: str) -> None:
            count_failure(message)
            bar.set_postfix(stored=summary.stored, errors=summary.failed, refresh=False)
            bar.update(1)

        def new_articles() -> Iterator[Article]:
            from ..engines import chunked

            for chunk in chunked(items, batch_size):
                summary.read += len(chunk)
                present = self.stored_ids(x.id for x in chunk if isinstance(x, Article))
                for item in chunk:
                    if not isinstance(item, Article):
                        fail(str(item))
                    elif item.id in present:
                        summary.skipped += 1
                        bar.update(1)
                    else:
                        yield item

        def write(batch: list[Analysis]) -> None:
            added = self.add(batch)
            summary.stored += added.stored
            summary.skipped += added.skipped
            bar.set_postfix(stored=summary.stored, errors=summary.failed, refresh=False)
            bar.update(len(batch))
            batch.clear()

        batch: list[Analysis] = []
        try:
            for result in engine.map(new_articles()):
                if isinstance(result, AnalysisFailure):
                    fail(str(result))
                    continue
                batch.append(result)
                if len(batch) >= batch_size:
                    write(batch)
            if batch:
                write(batch)
        finally:
            bar.close()
        return summary

    def add_correction(
        self,
        item: str,
        item_id: int,
        *,
        verdict: str,
        reviewer: str,
        cameo: str | None = None,
        status: str | None = None,
        source: dict[str, Any] | None = None,
        target: dict[str, Any] | None = None,
        speaker: dict[str, Any] | None = None,
        note: str | None = None,
        article_id: str | None = None,
        now: str | None = None,
    ) -> dict[str, Any]:
        """Record a person's review of an event or quote (never changing the extraction); returns the row.

        ValueError for a bad value, LookupError when there is no such event or quote (in ``article_id``,
        when given).
        """
        import datetime as dt

        from .. import ontology
        from ..model import STATUSES

        if item not in ("event", "quote"):
            raise ValueError("item must be event or quote")
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        reviewer = " ".join((reviewer or "").split())
        if not reviewer or len(reviewer) > 100:
            raise ValueError("reviewer: your name, 1 to 100 characters")
        if note is not None and len(note) > 2000:
            raise ValueError("note: at most 2000 characters")
        row: dict[str, Any] = dict.fromkeys(CORRECTION_COLUMNS)
        if item == "quote":
            if cameo or status or source or target:
                raise ValueError("a quote's correction can change its speaker only")
            row.update(_clean_actor("speaker", speaker))
        else:
            if speaker:
                raise ValueError("an event's correction has no speaker (source and target)")
            if cameo:
                cameo = cameo.strip()
                if not ontology.is_cameo(cameo):
                    raise ValueError(f"cameo: not a CAMEO event code: {cameo!r}")
                code = ontology.cameo(cameo)
                row.update(
                    cameo=code.code,
                    cameo_name=code.name,
                    plover=code.plover,
                    plover_mode=code.plover_mode,
                    quad_class=code.quad_class,
                    goldstein=code.goldstein,
                )
            if status:
                if status not in STATUSES:
                    raise ValueError(f"status must be one of {', '.join(STATUSES)}")
                row["status"] = status
            row.update(_clean_actor("source", source))
            row.update(_clean_actor("target", target))
        changed = any(
            row[c] is not None
            for c in CORRECTION_COLUMNS
            if c in CORRECTED_EVENT_COLUMNS + CORRECTED_QUOTE_COLUMNS
        )
        if verdict == "corrected" and not changed:
            raise ValueError("a correction needs at least one corrected field")
        if verdict != "corrected" and changed:
            raise ValueError(f"a '{verdict}' verdict takes no corrected fields (use 'corrected')")
        with self._transaction():
            found = self._scalar(f"{item}_article", (int(item_id),))
            if found is None or (article_id is not None and found != article_id):
                raise LookupError(
                    f"no {item} with id {item_id}" + (f" in article {article_id}" if article_id else "")
                )
            row.update(
                id=self._scalar("max_correction_id") + 1,
                item=item,
                item_id=int(item_id),
                article_id=found,
                verdict=verdict,
                note=(note or "").strip() or None,
                reviewer=reviewer,
                created_at=now or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            )
            before = self._reviewed_event_rows(int(item_id)) if item == "event" else []
            self._execute("insert_correction", [row[c] for c in CORRECTION_COLUMNS])
            if item == "event":  # the reviewed summaries: the event as it counted, then as it counts now
                after = self._reviewed_event_rows(int(item_id))
                self._apply_rollup(ActorRollup().add(before, -1).add(after), (1,))
        return row
