"""The schema: tables, indexes, versions and migrations; how the model's records are stored flat as columns."""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
import typing
from collections.abc import Callable, Sequence
from typing import Any

from ..model import Actor, ActorRef, Article, Event, Place, Quote, Record, Span, TimeRef

SCHEMA_VERSION = 6
DEFAULT_DB = "communique.db"


# ---------------------------------------------------------------- schema

# Column lists follow the model's fields (see _columns); derived columns come last.
_ACTOR_REF = "name {text}, text {text}, country {text}, sector {text}, code {text}, group_name {text}, kind {text}, actor_id {text}, start_offset {int}, end_offset {int}"


def _prefixed(prefix: str, columns: str) -> str:
    return ", ".join(f"{prefix}_{c.strip()}" for c in columns.split(","))


TABLES: dict[str, str] = {
    "meta": "key {text} PRIMARY KEY, value {text} NOT NULL",
    "articles": (
        "id {text} PRIMARY KEY, seq {int} NOT NULL UNIQUE, body {text} NOT NULL, title {text}, published {text},"
        " url {text}, byline {text}, dateline {text}, credits {text} NOT NULL, source {text},"
        " warnings {text} NOT NULL, analysis_version {int} NOT NULL"
    ),
    "actors": (
        "article_id {text} NOT NULL REFERENCES articles(id), seq {int} NOT NULL, id {text} NOT NULL,"
        " name {text} NOT NULL, code {text}, country {text}, sector {text}, kind {text}, group_name {text},"
        " role {text}, PRIMARY KEY (article_id, seq)"
    ),
    "mentions": (
        "article_id {text} NOT NULL, actor_seq {int} NOT NULL, seq {int} NOT NULL, text {text} NOT NULL,"
        " start_offset {int}, end_offset {int}, PRIMARY KEY (article_id, actor_seq, seq),"
        " FOREIGN KEY (article_id, actor_seq) REFERENCES actors(article_id, seq)"
    ),
    "events": (
        "id {int} PRIMARY KEY, article_id {text} NOT NULL REFERENCES articles(id), seq {int} NOT NULL,"
        " evidence_text {text} NOT NULL, evidence_start_offset {int}, evidence_end_offset {int},"
        " trigger_text {text} NOT NULL, trigger_start_offset {int}, trigger_end_offset {int},"
        f" {_prefixed('source', _ACTOR_REF)}, {_prefixed('target', _ACTOR_REF)},"
        " cameo {text}, plover {text}, status {text} NOT NULL, cameo_name {text}, plover_mode {text},"
        " quad_class {int}, goldstein {real},"
        " date_value {text}, date_granularity {text}, date_text {text}, date_start_offset {int},"
        " date_end_offset {int}, date_from_article {int},"
        " location_name {text}, location_country {text}, location_start_offset {int},"
        " location_end_offset {int}, location_from_dateline {int},"
        " confidence {real},"
        " event_date {text}, cluster_key {text}, lead {int} NOT NULL,"
        " UNIQUE (article_id, seq)"
    ),
    "quotes": (
        "id {int} PRIMARY KEY, article_id {text} NOT NULL REFERENCES articles(id), seq {int} NOT NULL,"
        " text {text} NOT NULL, start_offset {int}, end_offset {int}, kind {text},"
        f" {_prefixed('speaker', _ACTOR_REF)},"
        " cue_text {text}, cue_start_offset {int}, cue_end_offset {int}, confidence {real},"
        " in_title {int} NOT NULL DEFAULT 0,"
        " UNIQUE (article_id, seq)"
    ),
    "times": (
        "article_id {text} NOT NULL REFERENCES articles(id), seq {int} NOT NULL, value {text},"
        " granularity {text}, text {text}, start_offset {int}, end_offset {int}, from_article {int},"
        " PRIMARY KEY (article_id, seq)"
    ),
    "event_clusters": (
        "id {int} PRIMARY KEY, cluster_key {text}, status {text} NOT NULL, cameo_root {text},"
        " first_date {text}, last_date {text}, n_mentions {int} NOT NULL, n_articles {int} NOT NULL,"
        " n_sources {int} NOT NULL"
    ),
    "cluster_members": (
        "event_id {int} PRIMARY KEY REFERENCES events(id),"
        " cluster_id {int} NOT NULL REFERENCES event_clusters(id)"
    ),
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS events_cluster_key ON events (cluster_key, event_date)",
    "CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country)",
    "CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (event_date)",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id)",
    "CREATE INDEX IF NOT EXISTS clusters_key ON event_clusters (cluster_key)",
    "CREATE INDEX IF NOT EXISTS members_cluster ON cluster_members (cluster_id)",
)

# -- review (schema 2): people's corrections, kept apart from the machine's output
_CORRECTED_ACTOR = "name {text}, country {text}, sector {text}, code {text}"
TABLES["corrections"] = (
    "id {int} PRIMARY KEY, item {text} NOT NULL, item_id {int} NOT NULL,"
    " article_id {text} NOT NULL REFERENCES articles(id), verdict {text} NOT NULL,"
    " cameo {text}, cameo_name {text}, plover {text}, plover_mode {text}, quad_class {int}, goldstein {real},"
    f" status {{text}}, {_prefixed('source', _CORRECTED_ACTOR)}, {_prefixed('target', _CORRECTED_ACTOR)},"
    f" {_prefixed('speaker', _CORRECTED_ACTOR)}, note {{text}}, reviewer {{text}} NOT NULL,"
    " created_at {text} NOT NULL"
)
_CORRECTION_INDEXES = (
    "CREATE INDEX IF NOT EXISTS corrections_item ON corrections (item, item_id)",
    "CREATE INDEX IF NOT EXISTS corrections_article ON corrections (article_id)",
)
INDEXES = INDEXES + _CORRECTION_INDEXES
# -- schema 4: what the web pages look up by (an actor's events, names and quotes, event filters); not
# the status, whose few values would make SQLite read most events through the index instead of in order
_LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_source_code ON events (source_code)",
    "CREATE INDEX IF NOT EXISTS events_target_code ON events (target_code)",
    "CREATE INDEX IF NOT EXISTS events_plover ON events (plover)",
    # every column the event filters but the sentence: counting events, or finding the ids of a page
    # of them, reads this narrow index instead of the wide rows
    "CREATE INDEX IF NOT EXISTS events_filters ON events (status, quad_class, plover, source_sector,"
    " target_sector, event_date, source_country, target_country, source_code, target_code, source_name,"
    " target_name)",
    "CREATE INDEX IF NOT EXISTS actors_code ON actors (code)",
    "CREATE INDEX IF NOT EXISTS actors_country ON actors (country)",
    "CREATE INDEX IF NOT EXISTS quotes_speaker_code ON quotes (speaker_code)",
    "CREATE INDEX IF NOT EXISTS quotes_speaker_country ON quotes (speaker_country)",
)
INDEXES = INDEXES + _LOOKUP_INDEXES
# -- schema 5: derived from the rows above, written with each article (never changed by a correction,
# which cannot move a mention or a quote): the actors each quote mentions, by code and by country, so
# that an actor page finds the quotes about an actor without comparing every quote with every mention
TABLES["quote_actors"] = "quote_id {int} NOT NULL REFERENCES quotes(id), code {text}, country {text}"
_QUOTE_ACTOR_INDEXES = (
    "CREATE INDEX IF NOT EXISTS quote_actors_code ON quote_actors (code, quote_id)",
    "CREATE INDEX IF NOT EXISTS quote_actors_country ON quote_actors (country, quote_id)",
)
INDEXES = INDEXES + _QUOTE_ACTOR_INDEXES
# -- schema 5 too: an actor page's aggregates, kept in step with the rows they count (``Store._summarize``:
# articles added, corrections made), so that a page reads a few hundred rows, not an actor's thousands of
# events. ``variant`` 0 counts the events as stored, 1 with people's corrections applied (``reviewed``).
# ``actor`` is a code or a country code, as an actor page is asked for: an event counts for each of the
# codes and countries of its two sides.
TABLES["actor_months"] = (
    "variant {int} NOT NULL, actor {text} NOT NULL, month {text} NOT NULL, given {int} NOT NULL,"
    " quad_class {int} NOT NULL, events {int} NOT NULL, PRIMARY KEY (variant, actor, month, given, quad_class)"
)
TABLES["actor_counterparts"] = (
    "variant {int} NOT NULL, actor {text} NOT NULL, other {text} NOT NULL, name {text} NOT NULL,"
    " events {int} NOT NULL, cooperation {int} NOT NULL, conflict {int} NOT NULL,"
    " PRIMARY KEY (variant, actor, other, name)"
)
# the actors table grouped as ``Store.actor_names`` shows it; ``key`` the group's values as JSON (a
# primary key of nullable columns would not make an upsert find its row)
TABLES["actor_name_counts"] = (
    "key {text} PRIMARY KEY, name {text} NOT NULL, code {text}, country {text}, sector {text}, kind {text},"
    " articles {int} NOT NULL"
)
_SUMMARY_INDEXES = (
    "CREATE INDEX IF NOT EXISTS actor_name_counts_code ON actor_name_counts (code)",
    "CREATE INDEX IF NOT EXISTS actor_name_counts_country ON actor_name_counts (country)",
)
INDEXES = INDEXES + _SUMMARY_INDEXES
# the most active actors (``Store.iter_actors``), grouped by each set of columns a list can be asked
# for (``ACTIVITY_GROUPINGS``: its groups and the filters that narrow them), so that the distinct articles
# of a group are counted exactly: each article is added once, and never again
TABLES["actor_activity_counts"] = (
    "columns {text} NOT NULL, key {text} NOT NULL, name {text}, code {text}, country {text}, sector {text},"
    " given {int} NOT NULL, received {int} NOT NULL, quoted {int} NOT NULL, mentioned {int} NOT NULL,"
    " articles {int} NOT NULL, max_name {text}, max_country {text}, max_sector {text},"
    " PRIMARY KEY (columns, key)"
)
_SUMMARY_INDEXES = (
    *_SUMMARY_INDEXES,
    "CREATE INDEX IF NOT EXISTS activity_counts_country ON actor_activity_counts (columns, country)",
    "CREATE INDEX IF NOT EXISTS activity_counts_sector ON actor_activity_counts (columns, sector)",
)
INDEXES = INDEXES + _SUMMARY_INDEXES[2:]
SUMMARY_TABLES = ("actor_months", "actor_counterparts", "actor_name_counts", "actor_activity_counts")
_ACTIVITY_COLUMNS = ("name", "code", "country", "sector")
_ACTIVITY_GROUPS = {"actor": ("name", "code"), "code": ("code",), "country": ("country",)}


def _activity_columns(by: str, country: bool, sector: bool) -> tuple[str, ...]:
    """The columns of ``actor_activity_counts`` that answer ``iter_actors(by, country?, sector?)``."""
    wanted = (
        set(_ACTIVITY_GROUPS[by]) | ({"country"} if country else set()) | ({"sector"} if sector else set())
    )
    return tuple(c for c in _ACTIVITY_COLUMNS if c in wanted)


ACTIVITY_GROUPINGS = sorted(
    {_activity_columns(by, c, s) for by in _ACTIVITY_GROUPS for c in (False, True) for s in (False, True)}
)

#: The quote_actors rows of every article, or (``{where}`` = ``AND q.article_id = ?``) of one: an actor
#: whose mention lies inside a quote of the text (not of the headline) is mentioned by that quote.
FILL_QUOTE_ACTORS = (
    "INSERT INTO quote_actors (quote_id, code, country)"
    " SELECT DISTINCT q.id, x.code, x.country FROM quotes q JOIN mentions m ON m.article_id = q.article_id"
    " AND m.start_offset >= q.start_offset AND m.end_offset <= q.end_offset"
    " JOIN actors x ON x.article_id = m.article_id AND x.seq = m.actor_seq"
    " WHERE q.in_title = 0 AND q.start_offset IS NOT NULL AND (x.code IS NOT NULL OR x.country IS NOT NULL)"
    " {where}"
)

# -- schema 6: the events between two actors (a dyad page), by each pair of a side's code or country,
# with the status and date a dyad is filtered by: a busy pair's events found in the index alone, instead
# of every event of one of them read (USA: a third of the corpus) and the other side checked
_PAIR_INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS events_{source}_{target} ON events"
    f" (source_{source}, target_{target}, status, event_date)"
    for source in ("code", "country")
    for target in ("code", "country")
)
INDEXES = INDEXES + _PAIR_INDEXES

#: Statements that take a database at version N-1 to version N, keyed by N (2, 3, ...).
#: A dialect may add its own (``Dialect.migrations``: SQLite's full-text index).
MIGRATIONS: dict[int, Sequence[str]] = {
    2: (
        "CREATE TABLE corrections ({columns})".replace("{columns}", TABLES["corrections"]),
        *_CORRECTION_INDEXES,
    ),
    3: ("ALTER TABLE quotes ADD COLUMN in_title {int} NOT NULL DEFAULT 0",),  # quotes of the headline
    4: _LOOKUP_INDEXES,
    # built from the stored rows; dropped first, as a database brought from an old version by hand (tests)
    # may hold the table already
    5: (
        "DROP TABLE IF EXISTS quote_actors",
        "CREATE TABLE quote_actors ({columns})".replace("{columns}", TABLES["quote_actors"]),
        *_QUOTE_ACTOR_INDEXES,
        FILL_QUOTE_ACTORS,
        *(f"DROP TABLE IF EXISTS {table}" for table in SUMMARY_TABLES),
        *(f"CREATE TABLE {table} ({TABLES[table]})" for table in SUMMARY_TABLES),
        *_SUMMARY_INDEXES,
    ),
    6: _PAIR_INDEXES,
}
#: The versions whose migration changed what the summary tables hold: they are computed again after it.
SUMMARIES_REBUILT_AT = (5,)

# ---------------------------------------------------------------- flattening records into columns

_RENAMED = {"start": "start_offset", "end": "end_offset", "group": "group_name"}
# The column that says whether an optional nested record is there at all.
_PRESENCE = {Span: "text", ActorRef: "text", TimeRef: "from_article", Place: "name"}


def _nested_type(hint: Any) -> type | None:
    """The record type of a field typed ``R`` or ``R | None``, else None."""
    for arg in (hint, *typing.get_args(hint)):
        if isinstance(arg, type) and issubclass(arg, Record):
            return arg
    return None


def _is_list(hint: Any) -> bool:
    return typing.get_origin(hint) is list or any(typing.get_origin(a) is list for a in typing.get_args(hint))


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """A record class's fields and their type hints (resolving hints is slow: once per class)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _columns(cls: type, prefix: str = "") -> list[str]:
    """The column names a record of ``cls`` is stored in (list fields go to tables of their own)."""
    columns = []
    for name, hint in _fields(cls):
        if _is_list(hint):
            continue
        nested = _nested_type(hint)
        column = prefix + _RENAMED.get(name, name)
        columns.extend(_columns(nested, column + "_") if nested else [column])
    return columns


def _flatten(cls: type, record: Any, prefix: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, hint in _fields(cls):
        if _is_list(hint):
            continue
        nested = _nested_type(hint)
        column = prefix + _RENAMED.get(name, name)
        value = getattr(record, name) if record is not None else None
        if nested:
            flat = _flatten(nested, value, column + "_")
            presence = f"{column}_{_RENAMED.get(_PRESENCE[nested], _PRESENCE[nested])}"
            if value is not None and flat[presence] is None:
                flat[presence] = ""  # a present record must be told apart from a missing one
            row.update(flat)
        else:
            row[column] = int(value) if isinstance(value, bool) else value
    return row


@functools.cache
def _unflatten_plan(cls: type, prefix: str) -> tuple[tuple[str, str, type | None, str | None, bool], ...]:
    """For each stored field of ``cls``: name, column, nested record type, its presence column, whether bool."""
    plan = []
    for name, hint in _fields(cls):
        if _is_list(hint):
            continue
        nested = _nested_type(hint)
        column = prefix + _RENAMED.get(name, name)
        presence = f"{column}_{_RENAMED.get(_PRESENCE[nested], _PRESENCE[nested])}" if nested else None
        plan.append((name, column, nested, presence, hint is bool))
    return tuple(plan)


def _unflatten(cls: type, row: sqlite3.Row | dict[str, Any], prefix: str = "") -> Any:
    kwargs: dict[str, Any] = {}
    for name, column, nested, presence, is_bool in _unflatten_plan(cls, prefix):
        if nested:
            kwargs[name] = None if row[presence] is None else _unflatten(nested, row, column + "_")
        else:
            value = row[column]
            kwargs[name] = bool(value) if is_bool and value is not None else value
    return cls(**kwargs)


@functools.lru_cache(maxsize=256)
def _builder(cls: type, prefix: str, names: tuple[str, ...]) -> Callable[[Sequence[Any]], Any]:
    """What ``_unflatten`` does, for rows of these column ``names`` read by position: a query's rows are
    rebuilt without looking each column up by name (slow in ``sqlite3.Row`` for a wide table)."""
    index = {name: i for i, name in enumerate(names)}
    steps = []
    for name, column, nested, presence, is_bool in _unflatten_plan(cls, prefix):
        if nested:
            steps.append((name, index[presence], _builder(nested, column + "_", names), False))
        else:
            steps.append((name, index[column], None, is_bool))

    def build(row: Sequence[Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for name, i, nested, is_bool in steps:
            value = row[i]
            if nested is not None:
                kwargs[name] = None if value is None else nested(row)
            else:
                kwargs[name] = bool(value) if is_bool and value is not None else value
        return cls(**kwargs)

    return build


def _records(cls: type, cursor: Any) -> list[Any]:
    """The rows of a query as records of ``cls`` (see ``_unflatten``)."""
    build = _builder(cls, "", tuple(d[0] for d in cursor.description))
    return [build(row) for row in cursor]


# Columns of each table that come from the model, in table order.
ARTICLE_COLUMNS = [
    "id",
    "seq",
    *[c for c in _columns(Article) if c != "id"],
    "credits",
    "warnings",
    "analysis_version",
]
ACTOR_COLUMNS = ["article_id", "seq", *_columns(Actor)]
EVENT_COLUMNS = ["id", "article_id", "seq", *_columns(Event), "event_date", "cluster_key", "lead"]
QUOTE_COLUMNS = ["id", "article_id", "seq", *_columns(Quote)]
TIME_COLUMNS = ["article_id", "seq", *_columns(TimeRef)]
MENTION_COLUMNS = ["article_id", "actor_seq", "seq", *_columns(Span)]
CLUSTER_COLUMNS = [
    "id",
    "cluster_key",
    "status",
    "cameo_root",
    "first_date",
    "last_date",
    "n_mentions",
    "n_articles",
    "n_sources",
]
