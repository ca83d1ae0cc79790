"""The corpus store: analyses in a database, with merging, queries, aggregates and exports.

One SQLite file by default (WAL mode, created on first use). Every SQL statement lives in this
module, written with ``?`` placeholders and ``{int}``/``{real}``/``{text}`` type names that a
``Dialect`` turns into its own; values always travel as parameters. A PostgreSQL backend needs a
connection and its dialect (see ``PostgresDialect``), not new SQL.

Schema versions: a new database is created from ``TABLES`` at ``SCHEMA_VERSION``; an older one is
brought up to date by the ``MIGRATIONS`` after its version, each in one transaction. To change
the schema, edit ``TABLES`` and append a migration that takes a database of the previous
version to the new one (``tests/test_store.py`` checks that they agree).

The model's records are stored flat: a nested record becomes prefixed columns (``source_name``,
``date_value``, ...; ``start``/``end``/``group`` become ``start_offset``/``end_offset``/``group_name``),
so ``get_analysis`` rebuilds exactly what was stored.
"""

from __future__ import annotations

import builtins
import csv
import dataclasses
import functools
import json
import re
import sqlite3
import sys
import threading
import time as _time
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import analysis as corpus
from .model import Actor, ActorRef, Analysis, Article, Event, Place, Quote, Record, Span, TimeRef

SCHEMA_VERSION = 5
DEFAULT_DB = "communique.db"


class StoreError(RuntimeError):
    """A problem with the database the user can act on; ``str()`` is the message."""


# ---------------------------------------------------------------- dialects


class Dialect:
    """What differs between database engines: placeholders, type names, connection setup."""

    name = "generic"
    placeholder = "?"
    types = {"int": "INTEGER", "real": "REAL", "text": "TEXT"}
    like = "LIKE"  # case-insensitive substring match
    begin_write = "BEGIN"
    has_table = "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?"
    #: Statements only this engine runs, by the schema version that brought them (a new database runs them all).
    migrations: dict[int, tuple[str, ...]] = {}
    #: Whether ``search_articles`` and ``search_quotes`` (full-text indexes) exist; else search uses ``like``.
    full_text = False

    def sql(self, statement: str) -> str:
        """A statement written with ``?`` placeholders and ``{int}``-style types, in this dialect."""
        statement = statement.format(**self.types) if "{" in statement else statement
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)


class SQLiteDialect(Dialect):
    name = "sqlite"
    begin_write = "BEGIN IMMEDIATE"  # take the write lock now: ids are assigned inside the transaction
    has_table = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
    full_text = True
    migrations = {
        2: (
            "CREATE VIRTUAL TABLE search_text USING fts5(title, text, kind UNINDEXED, item_id UNINDEXED,"
            " article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
        ),
        # the kind a full-text column, so that a search for articles (or quotes) reads only their postings,
        # not every matching row's stored kind; the index is filled again by refresh_search_index
        4: (
            "DROP TABLE IF EXISTS search_text",
            "CREATE VIRTUAL TABLE search_text USING fts5(title, text, kind, item_id UNINDEXED,"
            " article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
            "DELETE FROM meta WHERE key = 'search_indexed_seq'",
        ),
        # an index of its own for articles and for quotes: a search for a common word read the 187,694
        # postings of "kind : quote" (on 10,000 articles) to intersect them with the word's; alone, two to
        # three times faster (sqlite3 shell, "said": 36 to 15 ms)
        5: (
            "DROP TABLE IF EXISTS search_text",
            "DROP TABLE IF EXISTS search_articles",
            "DROP TABLE IF EXISTS search_quotes",
            *(
                f"CREATE VIRTUAL TABLE search_{kind} USING fts5(title, text, item_id UNINDEXED,"
                " article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
                for kind in ("articles", "quotes")
            ),
            "DELETE FROM meta WHERE key = 'search_indexed_seq'",
        ),
    }

    def connect(self, path: str) -> sqlite3.Connection:
        connection = sqlite3.connect(path, isolation_level=None, timeout=60)
        connection.row_factory = sqlite3.Row
        # switching to WAL needs the file to itself and does not wait for a busy one: a second ingest
        # starting on the same new file retries until the first has set it up
        for attempt in range(600):
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 599:
                    raise
                _time.sleep(0.1)
        connection.execute("PRAGMA synchronous=FULL")
        # read the file through the OS page cache (shared by every connection and process) rather than
        # copying pages into each connection's own small cache: a server has a connection per thread
        connection.execute("PRAGMA mmap_size=1073741824")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection


class PostgresDialect(Dialect):
    """PostgreSQL through psycopg 3: one connection in autocommit mode, transactions opened by the store."""

    name = "postgresql"
    placeholder = "%s"
    types = {"int": "BIGINT", "real": "DOUBLE PRECISION", "text": "TEXT"}
    like = "ILIKE"
    # Writers take turns (ids are assigned inside the transaction, as on SQLite); readers never wait.
    # An advisory lock, not a table lock, so that it also guards creating the tables.
    begin_write = "BEGIN; SELECT pg_advisory_xact_lock(7135201)"
    has_table = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"

    def connect(self, url: str) -> Any:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "the PostgreSQL store needs psycopg: pip install 'communique[postgresql]'"
            ) from None
        try:
            connection = psycopg.connect(url, autocommit=True, row_factory=_postgres_rows, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"{_redacted(url)}: cannot connect ({' '.join(str(exc).split())})") from None
        connection.adapters.register_dumper(str, _postgres_text_dumper())
        return connection


class _Row:
    """A result row read by column name or position, like ``sqlite3.Row``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]):
        self._index, self._values = index, values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key if isinstance(key, int) else self._index[key]]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _postgres_rows(cursor: Any) -> Callable[[Sequence[Any]], _Row]:
    index: dict[str, int] = {}
    for position, column in enumerate(cursor.description or ()):
        index.setdefault(column.name, position)  # a repeated name reads the first, as in sqlite3
    return lambda values: _Row(index, values)


def _postgres_text_dumper() -> type:
    """PostgreSQL text cannot hold NUL characters, which a feed may carry: each becomes U+FFFD (same offsets)."""
    from psycopg.types.string import StrDumper

    class TextDumper(StrDumper):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)

    return TextDumper


def _redacted(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


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

# ---------------------------------------------------------------- queries: every statement is here


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


SQL = {
    "schema_version": "SELECT value FROM meta WHERE key = 'schema_version'",
    "set_meta": "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "get_meta": "SELECT value FROM meta WHERE key = ?",
    "max_article_seq": "SELECT COALESCE(MAX(seq), 0) FROM articles",
    "max_event_id": "SELECT COALESCE(MAX(id), 0) FROM events",
    "max_quote_id": "SELECT COALESCE(MAX(id), 0) FROM quotes",
    "insert_article": _insert("articles", ARTICLE_COLUMNS),
    "insert_actor": _insert("actors", ACTOR_COLUMNS),
    "insert_mention": _insert("mentions", MENTION_COLUMNS),
    "insert_event": _insert("events", EVENT_COLUMNS),
    "insert_quote": _insert("quotes", QUOTE_COLUMNS),
    "insert_time": _insert("times", TIME_COLUMNS),
    "insert_cluster": _insert("event_clusters", CLUSTER_COLUMNS),
    "insert_member": _insert("cluster_members", ["event_id", "cluster_id"]),
    "stored_ids": "SELECT id FROM articles WHERE id IN ({marks})",
    "article": "SELECT * FROM articles WHERE id = ?",
    "article_actors": "SELECT * FROM actors WHERE article_id = ? ORDER BY seq",
    "article_mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY actor_seq, seq",
    "article_events": "SELECT * FROM {events} e WHERE e.article_id = ? ORDER BY e.seq",
    "article_quotes": "SELECT * FROM {quotes} q WHERE q.article_id = ? ORDER BY q.seq",
    "article_times": "SELECT * FROM times WHERE article_id = ? ORDER BY seq",
    "article_ids": "SELECT id FROM articles ORDER BY seq",
    # Clusters of a key from a date on (see Store._recluster_key).
    "key_anchor": "SELECT MAX(first_date) FROM event_clusters WHERE cluster_key = ? AND first_date <= ?",
    "key_mentions": (
        "SELECT e.id, e.event_date, e.article_id, a.url FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.cluster_key = ? AND e.event_date >= ?"
    ),
    "delete_key_members": (
        "DELETE FROM cluster_members WHERE cluster_id IN"
        " (SELECT id FROM event_clusters WHERE cluster_key = ? AND first_date >= ?)"
    ),
    "delete_key_clusters": "DELETE FROM event_clusters WHERE cluster_key = ? AND first_date >= ?",
    "delete_all_members": "DELETE FROM cluster_members",
    "delete_all_clusters": "DELETE FROM event_clusters",
    "all_keys": "SELECT DISTINCT cluster_key FROM events WHERE cluster_key IS NOT NULL ORDER BY cluster_key",
    "unkeyed_events": (
        "SELECT e.id, e.event_date, e.status, e.cameo, e.article_id, a.url FROM events e"
        " JOIN articles a ON a.id = e.article_id WHERE e.cluster_key IS NULL ORDER BY e.id"
    ),
    "count": "SELECT COUNT(*) FROM {table}",
    "create_table": "CREATE TABLE {table} ({columns})",
    # Queries take their WHERE clause from _Filters; the column lists are what users see.
    "events": (
        "SELECT e.id, c.id AS cluster_id, e.event_date AS date,"
        " COALESCE(e.source_name, e.source_text) AS source, e.source_code, e.source_country, e.source_sector,"
        " COALESCE(e.target_name, e.target_text) AS target, e.target_code, e.target_country, e.target_sector,"
        " e.cameo, e.cameo_name, e.plover, e.plover_mode, e.quad_class, e.goldstein, e.status, e.confidence,"
        " e.trigger_text AS trigger_words, e.evidence_text AS evidence, e.location_name AS location,"
        " c.n_mentions, c.n_articles, e.article_id, a.url, a.title, a.published"
        " FROM {events} e JOIN articles a ON a.id = e.article_id"
        " JOIN cluster_members m ON m.event_id = e.id JOIN event_clusters c ON c.id = m.cluster_id"
        " {where} ORDER BY e.id {limit}"
    ),
    "quotes": (
        "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, q.speaker_country,"
        " q.speaker_sector, q.kind, q.text, q.in_title, q.cue_text AS cue, q.article_id, a.url, a.title,"
        " a.published"
        " FROM {quotes} q JOIN articles a ON a.id = q.article_id {where} ORDER BY q.id {limit}"
    ),
    # what iter_actors counts, of the articles stored after a seq (four times the same parameter)
    "activity_batch_fill": (
        "INSERT INTO activity_batch (name, code, country, sector, given, received, quoted, mentioned, article_id)"
        " SELECT COALESCE(source_name, source_text), source_code, source_country, source_sector, 1, 0, 0, 0,"
        "  article_id FROM events WHERE source_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT COALESCE(target_name, target_text), target_code, target_country, target_sector,"
        "  0, 1, 0, 0, article_id FROM events WHERE target_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT COALESCE(speaker_name, speaker_text), speaker_code, speaker_country, speaker_sector,"
        "  0, 0, 1, 0, article_id FROM quotes WHERE speaker_text IS NOT NULL"
        "  AND article_id IN (SELECT id FROM articles WHERE seq > ?)"
        " UNION ALL SELECT a.name, a.code, a.country, a.sector, 0, 0, 0, 1, a.article_id"
        "  FROM actors a JOIN mentions m ON m.article_id = a.article_id AND m.actor_seq = a.seq"
        "  WHERE a.article_id IN (SELECT id FROM articles WHERE seq > ?)"
    ),
    "activity_batch_create": (
        "CREATE TEMP TABLE IF NOT EXISTS activity_batch (name {text}, code {text}, country {text}, sector {text},"
        " given {int}, received {int}, quoted {int}, mentioned {int}, article_id {text})"
    ),
    "activity_batch_groups": (
        "SELECT {columns}, SUM(given) AS given, SUM(received) AS received, SUM(quoted) AS quoted,"
        " SUM(mentioned) AS mentioned, COUNT(DISTINCT article_id) AS articles, MAX(name) AS max_name,"
        " MAX(country) AS max_country, MAX(sector) AS max_sector FROM activity_batch"
        " WHERE {first} IS NOT NULL GROUP BY {columns}"
    ),
    "add_activity_count": (
        "INSERT INTO actor_activity_counts AS t (columns, key, name, code, country, sector, given, received, quoted,"
        " mentioned, articles, max_name, max_country, max_sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (columns, key) DO UPDATE SET given = t.given + excluded.given,"
        " received = t.received + excluded.received, quoted = t.quoted + excluded.quoted,"
        " mentioned = t.mentioned + excluded.mentioned, articles = t.articles + excluded.articles,"
        + ",".join(
            f" {c} = CASE WHEN excluded.{c} IS NULL OR (t.{c} IS NOT NULL AND t.{c} >= excluded.{c})"
            f" THEN t.{c} ELSE excluded.{c} END"
            for c in ("max_name", "max_country", "max_sector")
        )
    ),
    "actor_activity_counts": (
        "SELECT {shown}, t.given AS events_given, t.received AS events_received, t.quoted AS quotes,"
        " t.mentioned AS mentions, t.articles FROM actor_activity_counts t {where}"
        " ORDER BY t.given + t.received + t.quoted DESC, t.mentioned DESC, {order} {limit}"
    ),
    # iter_actors from the rows themselves (what actor_activity_counts holds, summed ahead)
    "actor_activity": (
        "WITH activity AS ("
        " SELECT COALESCE(source_name, source_text) AS name, source_code AS code, source_country AS country,"
        "  source_sector AS sector, 1 AS given, 0 AS received, 0 AS quoted, 0 AS mentioned, article_id"
        "  FROM events WHERE source_text IS NOT NULL"
        " UNION ALL SELECT COALESCE(target_name, target_text), target_code, target_country, target_sector,"
        "  0, 1, 0, 0, article_id FROM events WHERE target_text IS NOT NULL"
        " UNION ALL SELECT COALESCE(speaker_name, speaker_text), speaker_code, speaker_country, speaker_sector,"
        "  0, 0, 1, 0, article_id FROM quotes WHERE speaker_text IS NOT NULL"
        " UNION ALL SELECT a.name, a.code, a.country, a.sector, 0, 0, 0, 1, a.article_id"
        "  FROM actors a JOIN mentions m ON m.article_id = a.article_id AND m.actor_seq = a.seq)"
        " SELECT {group_columns}, SUM(given) AS events_given, SUM(received) AS events_received,"
        " SUM(quoted) AS quotes, SUM(mentioned) AS mentions, COUNT(DISTINCT article_id) AS articles"
        " FROM activity {where} GROUP BY {group_by}"
        " ORDER BY SUM(given) + SUM(received) + SUM(quoted) DESC, SUM(mentioned) DESC, {group_by} {limit}"
    ),
    # One row per event, or per cluster (its first mention), with what aggregates need.
    "aggregate_events": (
        "SELECT e.event_date AS date, e.source_code, e.source_country, e.target_code, e.target_country,"
        " e.quad_class, e.goldstein, e.plover, e.plover_mode, e.status"
        " FROM {events} e {where} ORDER BY e.id"
    ),
    "gdelt": (
        "SELECT c.id AS cluster_id, c.first_date, c.n_mentions, c.n_articles, c.n_sources, e.*,"
        " (SELECT MAX(x.lead) FROM cluster_members mx JOIN events x ON x.id = mx.event_id"
        "  WHERE mx.cluster_id = c.id) AS any_lead,"
        " a.url, a.source AS article_source, a.published"
        " FROM event_clusters c JOIN {events} e ON e.id = c.id JOIN articles a ON a.id = e.article_id"
        " ORDER BY c.id"
    ),
    "cluster_articles": (
        "SELECT DISTINCT e.article_id, a.seq FROM cluster_members m JOIN events e ON e.id = m.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE m.cluster_id = ? ORDER BY a.seq"
    ),
    "export_events": (
        "SELECT e.*, m.cluster_id, a.url, a.title, a.published FROM {events} e"
        " JOIN articles a ON a.id = e.article_id JOIN cluster_members m ON m.event_id = e.id ORDER BY e.id"
    ),
    "export_quotes": "SELECT q.*, a.url, a.title, a.published FROM {quotes} q JOIN articles a ON a.id = q.article_id ORDER BY q.id",
    "export_actors": "SELECT * FROM actors ORDER BY article_id, seq",
    "export_mentions": "SELECT * FROM mentions ORDER BY article_id, actor_seq, seq",
    "export_clusters": "SELECT * FROM event_clusters ORDER BY id",
    "export_articles": (
        "SELECT id, seq, title, published, url, byline, dateline, credits, source, warnings, body"
        " FROM articles ORDER BY seq"
    ),
}

EXPORT_TABLES = ("events", "quotes", "actors", "mentions", "clusters", "articles")

# ---------------------------------------------------------------- review and search (used by communique.web)

#: What a person says of an event or quote: right, wrong, or corrected (with the corrected fields).
VERDICTS = ("right", "wrong", "corrected")
_SIDE_FIELDS = ("name", "country", "sector", "code")
#: Columns a correction can change; the latest correction of an item wins, earlier ones stay as history.
CORRECTED_EVENT_COLUMNS = (
    "cameo",
    "cameo_name",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "status",
    *(f"{side}_{c}" for side in ("source", "target") for c in _SIDE_FIELDS),
)
CORRECTED_QUOTE_COLUMNS = tuple(f"speaker_{c}" for c in _SIDE_FIELDS)
CORRECTION_COLUMNS = re.findall(r"(\w+) \{(?:int|real|text)\}", TABLES["corrections"])


def _reviewed_table(table: str, item: str, columns: Sequence[str], corrected: Sequence[str]) -> str:
    """A subquery with ``table``'s columns where the latest correction of each row is applied."""
    chosen = []
    for column in columns:
        side = column.removesuffix("_text")
        if column in corrected:
            chosen.append(f"COALESCE(r.{column}, t.{column}) AS {column}")
        elif f"{side}_name" in corrected:  # a side the machine missed and a person added has words now
            chosen.append(f"COALESCE(t.{column}, r.{side}_name) AS {column}")
        else:
            chosen.append(f"t.{column}")
    return (
        f"(SELECT {', '.join(chosen)} FROM {table} t LEFT JOIN corrections r ON r.id ="
        f" (SELECT MAX(x.id) FROM corrections x WHERE x.item = '{item}' AND x.item_id = t.id)"
        " WHERE r.verdict IS NULL OR r.verdict <> 'wrong')"
    )


REVIEWED_EVENTS = _reviewed_table("events", "event", EVENT_COLUMNS, CORRECTED_EVENT_COLUMNS)
REVIEWED_QUOTES = _reviewed_table("quotes", "quote", QUOTE_COLUMNS, CORRECTED_QUOTE_COLUMNS)

SQL.update(
    {
        "insert_correction": _insert("corrections", CORRECTION_COLUMNS),
        "max_correction_id": "SELECT COALESCE(MAX(id), 0) FROM corrections",
        "data_version": (
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM articles), (SELECT COALESCE(MAX(id), 0) FROM corrections)"
        ),
        "article_item_ids": (
            "SELECT 'event' AS item, id FROM events WHERE article_id = ?"
            " UNION ALL SELECT 'quote', id FROM quotes WHERE article_id = ? ORDER BY 1, 2"
        ),
        "event_article": "SELECT article_id FROM events WHERE id = ?",
        "quote_article": "SELECT article_id FROM quotes WHERE id = ?",
        "article_corrections": "SELECT * FROM corrections WHERE article_id = ? ORDER BY id",
        "reviewed_articles": (
            "SELECT a.id, a.title, a.published, a.body FROM articles a"
            " WHERE EXISTS (SELECT 1 FROM corrections r WHERE r.article_id = a.id) ORDER BY a.seq"
        ),
        # every event is a member of exactly one cluster (Store.add and recluster keep it so): no joins
        "count_events": "SELECT COUNT(*) FROM {events} e {where}",
        "event_ids": "SELECT e.id FROM {events} e {where} {limit}",
        "summary": (
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM events) AS events,"
            " (SELECT COUNT(*) FROM event_clusters) AS merged_events, (SELECT COUNT(*) FROM quotes) AS quotes,"
            " (SELECT COUNT(*) FROM corrections) AS corrections,"
            " (SELECT MIN(published) FROM articles) AS first_published,"
            " (SELECT MAX(published) FROM articles) AS last_published"
        ),
        "country_pairs": (
            "SELECT e.source_country AS a, e.target_country AS b, COUNT(*) AS events,"
            " SUM(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,"
            " SUM(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict"
            " FROM {events} e WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL"
            " AND e.source_country <> e.target_country GROUP BY e.source_country, e.target_country"
        ),
        "actor_events": (
            "SELECT e.id, e.event_date AS date, e.quad_class, e.goldstein, e.status, e.plover,"
            " CASE WHEN e.source_code = ? OR e.source_country = ? THEN 1 ELSE 0 END AS given,"
            " e.source_code, e.source_country, COALESCE(e.source_name, e.source_text) AS source,"
            " e.target_code, e.target_country, COALESCE(e.target_name, e.target_text) AS target"
            " FROM {events} e WHERE e.source_code = ? OR e.source_country = ? OR e.target_code = ?"
            " OR e.target_country = ? ORDER BY e.id"
        ),
        "fill_quote_actors": FILL_QUOTE_ACTORS,
        # what the summaries count of each event (see actor_rollup), of some events ({where})
        "summary_events": (
            "SELECT e.id, e.event_date AS date, e.quad_class, e.source_code, e.source_country,"
            " COALESCE(e.source_name, e.source_text) AS source, e.target_code, e.target_country,"
            " COALESCE(e.target_name, e.target_text) AS target FROM {events} e {where}"
        ),
        "summary_actors": (
            "SELECT x.name, x.code, x.country, x.sector, x.kind, COUNT(*) AS articles FROM actors x"
            " JOIN articles a ON a.id = x.article_id WHERE a.seq > ? GROUP BY x.name, x.code, x.country,"
            " x.sector, x.kind"
        ),
        "add_actor_month": (
            "INSERT INTO actor_months (variant, actor, month, given, quad_class, events) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (variant, actor, month, given, quad_class) DO UPDATE"
            " SET events = actor_months.events + excluded.events"
        ),
        "add_actor_counterpart": (
            "INSERT INTO actor_counterparts (variant, actor, other, name, events, cooperation, conflict)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (variant, actor, other, name) DO UPDATE"
            " SET events = actor_counterparts.events + excluded.events,"
            " cooperation = actor_counterparts.cooperation + excluded.cooperation,"
            " conflict = actor_counterparts.conflict + excluded.conflict"
        ),
        "add_actor_name_count": (
            "INSERT INTO actor_name_counts (key, name, code, country, sector, kind, articles)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET articles = actor_name_counts.articles + excluded.articles"
        ),
        # rows a correction brought to nothing are left: a page reads those with events only
        "actor_month_rows": (
            "SELECT month, given, quad_class, events FROM actor_months"
            " WHERE variant = ? AND actor = ? AND events > 0 ORDER BY month, given, quad_class"
        ),
        "actor_counterpart_rows": (
            "SELECT other AS code, name, events, cooperation, conflict FROM actor_counterparts"
            " WHERE variant = ? AND actor = ? AND events > 0 ORDER BY events DESC, other, name LIMIT ?"
        ),
        "speaker_quote_ids": (
            "SELECT id FROM quotes WHERE speaker_code = ? UNION SELECT id FROM quotes WHERE speaker_country = ?"
            " ORDER BY 1 LIMIT ?"
        ),
        # the ids of the quotes that mention an actor (code or country) after a quote id, in order: the
        # two index lookups merged, stopping at the limit
        "actor_quote_ids": (
            "SELECT quote_id FROM quote_actors WHERE code = ? AND quote_id > ?"
            " UNION SELECT quote_id FROM quote_actors WHERE country = ? AND quote_id > ? ORDER BY 1 LIMIT ?"
        ),
        "actor_names": (
            "SELECT name, code, country, sector, kind, articles FROM actor_name_counts"
            " WHERE code = ? OR country = ? ORDER BY articles DESC, name, key LIMIT 8"
        ),
        # the actors of the articles stored after one seq, up to another (see Store.actor_directory)
        "actor_directory": (
            "SELECT x.name, x.code, x.country, x.sector, COUNT(DISTINCT x.article_id) AS articles FROM actors x"
            " JOIN articles a ON a.id = x.article_id WHERE a.seq > ? AND a.seq <= ?"
            " GROUP BY x.name, x.code, x.country, x.sector"
        ),
        "search_articles_like": (
            "SELECT a.id, a.title, a.body AS snippet, a.published FROM articles a {where} ORDER BY a.seq {limit}"
        ),
        "search_quotes_like": (
            "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, q.text AS snippet,"
            " q.article_id, a.title FROM quotes q JOIN articles a ON a.id = q.article_id {where}"
            " ORDER BY q.id {limit}"
        ),
        # SQLite's full-text index (SQLiteDialect.migrations), filled lazily by refresh_search_index.
        "index_articles": (
            "INSERT INTO search_articles (title, text, item_id, article_id)"
            " SELECT COALESCE(title, ''), body, seq, id FROM articles WHERE seq > ?"
        ),
        "index_quotes": (
            "INSERT INTO search_quotes (title, text, item_id, article_id)"
            " SELECT '', q.text, q.id, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE a.seq > ?"
        ),
        "search_articles_fts": (
            "SELECT s.article_id AS id, s.title, s.snippet, a.published FROM"
            " (SELECT article_id, highlight(search_articles, 0, char(2), char(3)) AS title,"
            "  snippet(search_articles, 1, char(2), char(3), '…', 24) AS snippet, rank FROM search_articles"
            "  WHERE search_articles MATCH ? ORDER BY rank LIMIT ?) s"
            " JOIN articles a ON a.id = s.article_id ORDER BY s.rank"
        ),
        "search_quotes_fts": (
            "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, s.snippet,"
            " q.article_id, a.title FROM"
            " (SELECT item_id, snippet(search_quotes, 1, char(2), char(3), '…', 24) AS snippet, rank"
            "  FROM search_quotes WHERE search_quotes MATCH ? ORDER BY rank LIMIT ?) s"
            " JOIN quotes q ON q.id = s.item_id JOIN articles a ON a.id = q.article_id ORDER BY s.rank"
        ),
    }
)

#: Store.actor_directory's groups, by database: (articles seq counted up to, counts, ranked rows).
_ACTOR_DIRECTORIES: dict[str, tuple[int, dict[tuple, int], list[tuple[str, str, dict[str, Any]]]]] = {}
_DIRECTORY_LOCK = threading.Lock()

#: Marks around the matched words in search titles and snippets (control characters: never in text we store).
MATCH_START, MATCH_END = "\x02", "\x03"


def _clean_actor(side: str, value: dict[str, Any] | None) -> dict[str, Any]:
    """A corrected source, target or speaker as columns; its code is country + sector, CAMEO style."""
    if not value:
        return {}
    name = (value.get("name") or "").strip() or None
    country = (value.get("country") or "").strip().upper() or None
    sector = (value.get("sector") or "").strip().upper() or None
    if name and len(name) > 200:
        raise ValueError(f"{side} name: at most 200 characters")
    for label, code in (("country", country), ("sector", sector)):
        if code and not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"{side} {label}: three letters (USA, WST; GOV, MIL), not {code!r}")
    if not (name or country or sector):
        return {}
    code = (value.get("code") or "").strip().upper() or ((country or "") + (sector or "")) or None
    return {f"{side}_name": name, f"{side}_country": country, f"{side}_sector": sector, f"{side}_code": code}


def _gold_side(row: Any, side: str) -> dict[str, Any] | None:
    if row[f"{side}_text"] is None and row[f"{side}_name"] is None:
        return None
    return {
        "country": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        "name": row[f"{side}_name"] or row[f"{side}_text"],
    }


def _search_words(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:12]


def _like_snippet(text: str, words: Sequence[str], width: int = 160) -> str:
    """A piece of ``text`` around the first of ``words``, with every word marked (the fallback of FTS5's snippet)."""
    lower = text.lower()
    at = min((i for i in (lower.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    return pattern.sub(lambda m: MATCH_START + m.group(0) + MATCH_END, piece) if pattern else piece


def column_types(table: str) -> dict[str, str]:
    """``int``, ``real`` or ``text`` for each stored column of an export table (joined columns are text)."""
    base = {"clusters": "event_clusters"}.get(table, table)
    types = dict(re.findall(r"(\w+) \{(int|real|text)\}", TABLES[base]))
    if table == "events":
        types["cluster_id"] = "int"
    return types


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


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with the pattern's own wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Filters:
    """A WHERE clause built from user filters: conditions with ``?`` and their parameters."""

    def __init__(self, dialect: Dialect):
        self.dialect = dialect
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(f"({condition})")
        self.params.extend(params)

    def contains(self, columns: Sequence[str], text: str) -> None:
        """Any of ``columns`` contains ``text``, case-insensitively."""
        like = self.dialect.like
        self.add(" OR ".join(f"{c} {like} ? ESCAPE '\\'" for c in columns), *[_like(text)] * len(columns))

    def where(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


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


class Store:
    """A corpus database. Open with ``communique.open(path)``; use as a context manager or ``close()``."""

    def __init__(self, db: str | Path = DEFAULT_DB, *, create: bool = True, window_days: int | None = None):
        url = str(db)
        if url.startswith(("postgresql://", "postgres://")):
            self.path: Path | str = _redacted(url)
            self.dialect: Dialect = PostgresDialect()
            self.connection = self.dialect.connect(url)
            import psycopg  # there, since connect succeeded

            try:
                self._prepare_schema(create)
            except (psycopg.Error, StoreError) as exc:
                self.connection.close()
                if isinstance(exc, StoreError):
                    raise
                raise StoreError(f"{self.path}: not a communique database ({exc})") from None
        else:
            path = Path(url.removeprefix("sqlite:///"))
            if not create and not path.exists():
                raise StoreError(
                    f"{path}: no such database (create it with: communique ingest FILE... --db {path})"
                )
            self.path = path
            self.dialect = SQLiteDialect()
            try:
                self.connection = self.dialect.connect(str(path))
                self._prepare_schema()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{path}: not a communique database ({exc})") from None
        stored_window = self._meta("cluster_window_days")
        self.window_days = int(stored_window) if stored_window else corpus.DEFAULT_WINDOW_DAYS
        if window_days is not None and window_days != self.window_days:
            self.recluster(window_days)

    # -- plumbing

    def _execute(self, name_or_sql: str, params: Sequence[Any] = (), **parts: str) -> sqlite3.Cursor:
        statement = SQL.get(name_or_sql, name_or_sql)
        if "{" in statement:
            # {events}/{quotes}: the stored rows, or (reviewed) the rows with people's corrections applied
            parts = {"where": "", "limit": "", "events": "events", "quotes": "quotes", **parts}
            for key, value in parts.items():
                statement = statement.replace("{" + key + "}", value)
        return self.connection.execute(self.dialect.sql(statement), tuple(params))

    def _scalar(self, name: str, params: Sequence[Any] = ()) -> Any:
        row = self._execute(name, params).fetchone()
        return row[0] if row else None

    def _meta(self, key: str) -> str | None:
        return self._scalar("get_meta", (key,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection, self.dialect.begin_write)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema

    @property
    def schema_version(self) -> int:
        return int(self._scalar("schema_version"))

    def _prepare_schema(self, create: bool = True) -> None:
        if not self._scalar(self.dialect.has_table, ("meta",)):
            if not create:
                raise StoreError(
                    f"{self.path}: no communique corpus here (create it with: communique ingest FILE... --db URL)"
                )
            self._create_schema()
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this communique knows ({SCHEMA_VERSION}): upgrade communique"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                if self.schema_version >= target:  # another process migrated meanwhile
                    continue
                for statement in (*MIGRATIONS[target], *self.dialect.migrations.get(target, ())):
                    self._execute(statement)
                if target in SUMMARIES_REBUILT_AT:
                    self._rebuild_summaries()
                self._execute("set_meta", ("schema_version", str(target)))

    def _create_schema(self) -> None:
        with self._transaction():
            # another process may have created it since we looked
            if not self._scalar(self.dialect.has_table, ("meta",)):
                for table, columns in TABLES.items():
                    self._execute("create_table", table=table, columns=columns)
                for statement in INDEXES:
                    self._execute(statement)
                for version in range(2, SCHEMA_VERSION + 1):
                    for statement in self.dialect.migrations.get(version, ()):
                        self._execute(statement)
                self._execute("set_meta", ("schema_version", str(SCHEMA_VERSION)))
                self._execute("set_meta", ("cluster_window_days", str(corpus.DEFAULT_WINDOW_DAYS)))

    # -- writing

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
        from . import ingest
        from .engines import LocalEngine

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

        from .engines import AnalysisFailure

        summary, bar, count_failure = ingest_progress(on_error, progress)

        def fail(message: str) -> None:
            count_failure(message)
            bar.set_postfix(stored=summary.stored, errors=summary.failed, refresh=False)
            bar.update(1)

        def new_articles() -> Iterator[Article]:
            from .engines import chunked

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

    # -- reading

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
        f = self._dyad_filters(a, b, directed, since, until)
        rows = self._aggregate_rows(f, statuses, merged, reviewed)
        return _result(iter(corpus.dyad_series(rows, period, since, until)), as_dataframe)

    def _dyad_filters(self, a: str, b: str, directed: bool, since: str | None, until: str | None) -> _Filters:
        f = _Filters(self.dialect)
        a, b = a.upper(), b.upper()
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
        return corpus.alignment_network(self._aggregate_rows(f, statuses, merged, reviewed))

    # -- review and search (used by communique.web)

    @staticmethod
    def _events_table(reviewed: bool) -> str:
        return REVIEWED_EVENTS if reviewed else "events"

    @staticmethod
    def _quotes_table(reviewed: bool) -> str:
        return REVIEWED_QUOTES if reviewed else "quotes"

    def _scalar_where(self, name: str, f: _Filters, **parts: str) -> Any:
        return self._execute(name, f.params, where=f.where(), **parts).fetchone()[0]

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

        from . import ontology
        from .model import STATUSES

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
        by = _Filters(self.dialect)
        if reviewed:  # a correction may give a quote its speaker, or take it away
            by.add("q.speaker_code = ? OR q.speaker_country = ?", code, code)
        else:
            # the first ids from both indexes, in order: the OR of the two columns would fetch and sort
            # every quote of a common speaker (tens of thousands) for ten of them
            ids = [r[0] for r in self._execute("speaker_quote_ids", (code, code, limit))]
            by.add(f"q.id IN ({', '.join('?' for _ in ids)})" if ids else "0 = 1", *ids)
        quotes = self._quotes_table(reviewed)
        found = {"by": list(self._rows("quotes", by, limit, quotes=quotes)), "about": []}
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
        f = self._dyad_filters(a, b, False, since, until)
        if statuses:
            f.add(" OR ".join("e.status = ?" for _ in statuses), *statuses)
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

    # -- export

    def iter_export(self, table: str = "events", *, reviewed: bool = False) -> Iterator[dict[str, Any]]:
        """Every row of a table as stored (``events``, ``quotes``, ``actors``, ``mentions``, ``clusters``, ``articles``).

        ``reviewed``: events and quotes with people's corrections applied (those marked wrong left out).
        """
        if table not in EXPORT_TABLES:
            raise ValueError(f"table must be one of {', '.join(EXPORT_TABLES)}")
        tables = {"events": self._events_table(reviewed), "quotes": self._quotes_table(reviewed)}
        for row in self._execute(f"export_{table}", **tables):
            yield dict(row)

    def iter_gdelt(self, *, reviewed: bool = False) -> Iterator[dict[str, Any]]:
        """One GDELT 2.0 event-table row per event cluster (see docs/store.md for each column)."""
        from .gdelt import gdelt_row

        for row in self._execute("gdelt", events=self._events_table(reviewed)):
            yield gdelt_row(dict(row))

    def export(
        self,
        format: str,
        output: str | Path | IO[str] | None = None,
        *,
        table: str = "events",
        reviewed: bool = False,
    ) -> int:
        """Write a table as csv, jsonl, parquet, the GDELT-shaped event table, or gold lines; returns the row count."""
        if format == "gold":
            return write_rows(self.iter_gold(), None, "jsonl", output)
        if format == "gdelt":
            from .gdelt import GDELT_COLUMNS

            return write_rows(self.iter_gdelt(reviewed=reviewed), GDELT_COLUMNS, "tsv", output)
        rows = self.iter_export(table, reviewed=reviewed)
        if format == "parquet":
            if output is None or not isinstance(output, (str, Path)):
                raise StoreError("parquet export needs --output FILE")
            return _write_parquet(rows, Path(output), column_types(table))
        if format not in ("csv", "jsonl"):
            raise ValueError("format must be csv, jsonl, parquet, gdelt or gold")
        return write_rows(rows, None, format, output)


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, connection: sqlite3.Connection, begin: str):
        self.connection, self.begin = connection, begin

    def __enter__(self) -> None:
        for statement in self.begin.split("; "):
            self.connection.execute(statement)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")


def open(db: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:  # noqa: A001 - the package's API name
    """Open (and on first use create) a corpus database."""
    return Store(db, create=create)


def _result(rows: Iterator[dict[str, Any]], as_dataframe: bool) -> Any:
    if not as_dataframe:
        return list(rows)
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("as_dataframe needs pandas: pip install 'communique[pandas]'") from None
    return pd.DataFrame.from_records(list(rows))


# ---------------------------------------------------------------- writing rows out


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str] | None,
    format: str,
    output: str | Path | IO[str] | None = None,
    *,
    width: int = 60,
) -> int:
    """Write rows as ``table``, ``csv``, ``tsv`` or ``jsonl`` to a file, a stream, or stdout; returns the count."""
    if output is None or not isinstance(output, (str, Path)):
        return _write_rows(rows, columns, format, output or sys.stdout, width)
    with builtins.open(output, "w", encoding="utf-8", newline="") as stream:
        return _write_rows(rows, columns, format, stream, width)


def _write_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str] | None, format: str, out: IO[str], width: int
) -> int:
    count = 0
    if format == "jsonl":
        for row in rows:
            out.write(
                json.dumps(row if columns is None else {c: row.get(c) for c in columns}, ensure_ascii=False)
                + "\n"
            )
            count += 1
        return count
    if format == "table":
        rows = list(rows)
        columns = list(columns or (rows[0].keys() if rows else []))
        cells = [[_cell(row.get(c), width) for c in columns] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
        for r in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
        return len(rows)
    if format not in ("csv", "tsv"):
        raise ValueError(f"unknown format {format!r}")
    writer: Any = None
    for row in rows:
        if writer is None:
            names = list(columns or row.keys())
            dialect = "excel-tab" if format == "tsv" else "excel"
            writer = csv.DictWriter(out, names, dialect=dialect, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    if writer is None and columns:
        csv.writer(out, dialect="excel-tab" if format == "tsv" else "excel", lineterminator="\n").writerow(
            columns
        )
    return count


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_parquet(
    rows: Iterable[dict[str, Any]], path: Path, types: dict[str, str], batch_rows: int = 10_000
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("parquet export needs pyarrow: pip install 'communique[parquet]'") from None
    writer = None
    count = 0
    schema = None
    try:
        for batch in _batches(rows, batch_rows):
            if schema is None:
                kinds = {"int": pa.int64(), "real": pa.float64(), "text": pa.string()}
                schema = pa.schema([pa.field(n, kinds[types.get(n, "text")]) for n in batch[0]])
                writer = pq.ParquetWriter(str(path), schema)
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))  # type: ignore[union-attr]
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        pq.write_table(pa.table({}), str(path))
    return count


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
