"""Summaries kept in step with the rows they count (an actor page's aggregates, the most active actors)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .. import analysis as corpus
from .schema import _ACTIVITY_COLUMNS, ACTIVITY_GROUPINGS, SUMMARY_TABLES
from .sql import REVIEWED_EVENTS, _Filters


class ActorRollup:
    """What an actor page counts of events, summed (``add``) and kept as deltas for the summary tables.

    Each event counts once for each code and country of its two sides (``actor``): given when the actor
    is its source (else received), by month (``""`` without a day-precise date) and QuadClass (0 for none),
    and its other side, unless that is the actor again, as a counterpart (by code, else country, and name).
    """

    def __init__(self) -> None:
        self.months: dict[tuple[str, str, int, int], int] = {}
        self.counterparts: dict[tuple[str, str, str], list[int]] = {}

    def add(self, rows: Iterable[Any], sign: int = 1) -> ActorRollup:
        for r in rows:
            quad = r["quad_class"] if r["quad_class"] in (1, 2, 3, 4) else 0
            month = r["date"][:7] if corpus.parse_day(r["date"]) else ""
            source = {r["source_code"], r["source_country"]}
            for actor in sorted((source | {r["target_code"], r["target_country"]}) - {None, ""}):
                given = actor in source
                key = (actor, month, int(given), quad)
                self.months[key] = self.months.get(key, 0) + sign
                other = "target" if given else "source"
                other_code = r[f"{other}_code"] or r[f"{other}_country"]
                if other_code and other_code != actor:
                    counts = self.counterparts.setdefault(
                        (actor, other_code, r[other] or other_code), [0, 0, 0]
                    )
                    counts[0] += sign
                    if quad in (1, 2):
                        counts[1] += sign
                    elif r["quad_class"]:
                        counts[2] += sign
        return self


class Summaries:
    """The summary tables: filled as articles are stored, moved by corrections, rebuilt by a migration."""

    def actor_summary(self, code: str, *, reviewed: bool = False, counterparts: int = 15) -> dict[str, Any]:
        """An actor's (code, or country code) events by month, given or received and QuadClass, and its
        main counterparts, from the summary tables (see ``ActorRollup``): rows with their counts."""
        variant, code = int(reviewed), code.upper()
        return {
            "months": [dict(r) for r in self._execute("actor_month_rows", (variant, code))],
            "counterparts": [
                dict(r) for r in self._execute("actor_counterpart_rows", (variant, code, counterparts))
            ],
        }

    def _apply_rollup(self, rollup: ActorRollup, variants: Sequence[int]) -> None:
        for variant in variants:
            for (actor, month, given, quad), n in sorted(rollup.months.items()):
                if n:
                    self._execute("add_actor_month", (variant, actor, month, given, quad, n))
            for (actor, other, name), counts in sorted(rollup.counterparts.items()):
                if any(counts):
                    self._execute("add_actor_counterpart", (variant, actor, other, name, *counts))

    def _summarize(self, after_event: int, after_seq: int) -> None:
        """Count the events stored after event id ``after_event`` and the actors of the articles stored after
        seq ``after_seq`` into the summary tables (in the caller's transaction). New events have no
        corrections yet: they count the same in both variants."""
        f = _Filters(self.dialect)
        f.add("e.id > ?", after_event)
        rows = self._execute("summary_events", f.params, where=f.where())
        self._apply_rollup(ActorRollup().add(rows), (0, 1))
        for r in self._execute("summary_actors", (after_seq,)):
            group = [r["name"], r["code"], r["country"], r["sector"], r["kind"]]
            self._execute("add_actor_name_count", (json.dumps(group), *group, r["articles"]))
        # the activity of the new articles, once, then summed by each grouping a list is asked for
        self._execute("activity_batch_create")
        self._execute("DELETE FROM activity_batch")
        self._execute("activity_batch_fill", (after_seq,) * 4)
        for columns in ACTIVITY_GROUPINGS:
            rows = self._execute(
                "activity_batch_groups", columns=", ".join(columns), first=columns[0]
            ).fetchall()
            for r in rows:
                values = [r[c] if c in columns else None for c in _ACTIVITY_COLUMNS]
                key = json.dumps([r[c] for c in columns])
                counts = [r[c] for c in ("given", "received", "quoted", "mentioned", "articles")]
                extremes = [r["max_name"], r["max_country"], r["max_sector"]]
                self._execute("add_activity_count", (",".join(columns), key, *values, *counts, *extremes))
        self._execute("DELETE FROM activity_batch")

    def _reviewed_event_rows(self, event_id: int) -> list[Any]:
        f = _Filters(self.dialect)
        f.add("e.id = ?", event_id)
        return self._execute("summary_events", f.params, where=f.where(), events=REVIEWED_EVENTS).fetchall()

    def rebuild_summaries(self) -> None:
        """Compute the summary tables again from every stored row (a migration does, when they change)."""
        with self._transaction():
            self._rebuild_summaries()

    def _rebuild_summaries(self) -> None:
        for table in SUMMARY_TABLES:
            self._execute(f"DELETE FROM {table}")
        self._summarize(0, 0)  # both variants as stored, then the corrected events of the reviewed one
        corrected = [
            r[0] for r in self._execute("SELECT DISTINCT item_id FROM corrections WHERE item = 'event'")
        ]
        for event_id in corrected:
            stored = self._execute("summary_events", (event_id,), where="WHERE e.id = ?").fetchall()
            rollup = ActorRollup().add(stored, -1).add(self._reviewed_event_rows(event_id))
            self._apply_rollup(rollup, (1,))
