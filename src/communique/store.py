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
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import analysis as corpus
from .model import Actor, ActorRef, Analysis, Article, Event, Place, Quote, Record, Span, TimeRef

SCHEMA_VERSION = 1
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

    def sql(self, statement: str) -> str:
        """A statement written with ``?`` placeholders and ``{int}``-style types, in this dialect."""
        statement = statement.format(**self.types) if "{" in statement else statement
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)


class SQLiteDialect(Dialect):
    name = "sqlite"
    begin_write = "BEGIN IMMEDIATE"  # take the write lock now: ids are assigned inside the transaction
    has_table = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"

    def connect(self, path: str) -> sqlite3.Connection:
        connection = sqlite3.connect(path, isolation_level=None, timeout=60)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
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

#: Statements that take a database at version N-1 to version N, keyed by N (2, 3, ...).
MIGRATIONS: dict[int, Sequence[str]] = {}

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


def _unflatten(cls: type, row: sqlite3.Row | dict[str, Any], prefix: str = "") -> Any:
    kwargs: dict[str, Any] = {}
    for name, hint in _fields(cls):
        if _is_list(hint):
            continue
        nested = _nested_type(hint)
        column = prefix + _RENAMED.get(name, name)
        if nested:
            presence = f"{column}_{_RENAMED.get(_PRESENCE[nested], _PRESENCE[nested])}"
            kwargs[name] = None if row[presence] is None else _unflatten(nested, row, column + "_")
        else:
            value = row[column]
            kwargs[name] = bool(value) if hint is bool and value is not None else value
    return cls(**kwargs)


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
    "article_events": "SELECT * FROM events WHERE article_id = ? ORDER BY seq",
    "article_quotes": "SELECT * FROM quotes WHERE article_id = ? ORDER BY seq",
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
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " JOIN cluster_members m ON m.event_id = e.id JOIN event_clusters c ON c.id = m.cluster_id"
        " {where} ORDER BY e.id {limit}"
    ),
    "quotes": (
        "SELECT q.id, COALESCE(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code, q.speaker_country,"
        " q.speaker_sector, q.kind, q.text, q.cue_text AS cue, q.article_id, a.url, a.title, a.published"
        " FROM quotes q JOIN articles a ON a.id = q.article_id {where} ORDER BY q.id {limit}"
    ),
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
        " FROM events e {where} ORDER BY e.id"
    ),
    "gdelt": (
        "SELECT c.id AS cluster_id, c.first_date, c.n_mentions, c.n_articles, c.n_sources, e.*,"
        " (SELECT MAX(x.lead) FROM cluster_members mx JOIN events x ON x.id = mx.event_id"
        "  WHERE mx.cluster_id = c.id) AS any_lead,"
        " a.url, a.source AS article_source, a.published"
        " FROM event_clusters c JOIN events e ON e.id = c.id JOIN articles a ON a.id = e.article_id"
        " ORDER BY c.id"
    ),
    "cluster_articles": (
        "SELECT DISTINCT e.article_id, a.seq FROM cluster_members m JOIN events e ON e.id = m.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE m.cluster_id = ? ORDER BY a.seq"
    ),
    "export_events": (
        "SELECT e.*, m.cluster_id, a.url, a.title, a.published FROM events e"
        " JOIN articles a ON a.id = e.article_id JOIN cluster_members m ON m.event_id = e.id ORDER BY e.id"
    ),
    "export_quotes": "SELECT q.*, a.url, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id",
    "export_actors": "SELECT * FROM actors ORDER BY article_id, seq",
    "export_mentions": "SELECT * FROM mentions ORDER BY article_id, actor_seq, seq",
    "export_clusters": "SELECT * FROM event_clusters ORDER BY id",
    "export_articles": (
        "SELECT id, seq, title, published, url, byline, dateline, credits, source, warnings, body"
        " FROM articles ORDER BY seq"
    ),
}

EXPORT_TABLES = ("events", "quotes", "actors", "mentions", "clusters", "articles")


def column_types(table: str) -> dict[str, str]:
    """``int``, ``real`` or ``text`` for each stored column of an export table (joined columns are text)."""
    base = {"clusters": "event_clusters"}.get(table, table)
    types = dict(re.findall(r"(\w+) \{(int|real|text)\}", TABLES[base]))
    if table == "events":
        types["cluster_id"] = "int"
    return types


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
        if parts:
            statement = statement.replace("{where}", parts.pop("where", "")).replace(
                "{limit}", parts.pop("limit", "")
            )
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
                for statement in MIGRATIONS[target]:
                    self._execute(statement)
                self._execute("set_meta", ("schema_version", str(target)))

    def _create_schema(self) -> None:
        with self._transaction():
            # another process may have created it since we looked
            if not self._scalar(self.dialect.has_table, ("meta",)):
                for table, columns in TABLES.items():
                    self._execute("create_table", table=table, columns=columns)
                for statement in INDEXES:
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
            seq = self._scalar("max_article_seq")
            event_id = self._scalar("max_event_id")
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
        from tqdm import tqdm

        from .engines import AnalysisFailure

        summary = IngestSummary()
        report = on_error or (lambda message: tqdm.write(f"communique: error: {message}", file=sys.stderr))
        bar = tqdm(unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True)

        def fail(message: str) -> None:
            summary.failed += 1
            report(message)
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
        actors = [_unflatten(Actor, r) for r in self._execute("article_actors", (article_id,))]
        for r in self._execute("article_mentions", (article_id,)):
            actors[r["actor_seq"]].mentions.append(_unflatten(Span, r))
        return Analysis(
            article=article,
            actors=actors,
            quotes=[_unflatten(Quote, r) for r in self._execute("article_quotes", (article_id,))],
            events=[_unflatten(Event, r) for r in self._execute("article_events", (article_id,))],
            times=[_unflatten(TimeRef, r) for r in self._execute("article_times", (article_id,))],
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
    ) -> Iterator[dict[str, Any]]:
        """Event mentions (or, ``merged``, one row per cluster: its first mention) matching all filters given."""
        f = _Filters(self.dialect)
        if actor:
            f.contains(["e.source_name", "e.source_code", "e.target_name", "e.target_code"], actor)
        if country:
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
            f.add("e.id = c.id")
        yield from self._rows("events", f, limit)

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
    ) -> Iterator[dict[str, Any]]:
        """Quotes by speaker (name, words or code), mentioning an actor (name or code), or containing text."""
        f = _Filters(self.dialect)
        if speaker:
            f.contains(["q.speaker_name", "q.speaker_text", "q.speaker_code"], speaker)
        if actor:
            like = self.dialect.like
            f.add(
                f"q.text {like} ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m JOIN actors x"
                " ON x.article_id = m.article_id AND x.seq = m.actor_seq"
                " WHERE m.article_id = q.article_id AND m.start_offset >= q.start_offset"
                f" AND m.end_offset <= q.end_offset AND (x.name {like} ? ESCAPE '\\' OR x.code {like} ? ESCAPE '\\'))",
                *[_like(actor)] * 3,
            )
        if search:
            f.contains(["q.text"], search)
        if kind:
            f.add("q.kind = ?", kind)
        yield from self._rows("quotes", f, limit)

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
        f = _Filters(self.dialect)
        f.add(f"{group[0]} IS NOT NULL")
        if country:
            f.add("country = ?", country.upper())
        if sector:
            f.add("sector = ?", sector.upper())
        shown = list(group)
        if by == "actor":
            shown += ["MAX(country) AS country", "MAX(sector) AS sector"]
        elif by == "code":
            shown += ["MAX(name) AS example_name"]
        yield from self._rows(
            "actor_activity", f, limit, group_columns=", ".join(shown), group_by=", ".join(group)
        )

    def actors(self, *, as_dataframe: bool = False, **options: Any) -> Any:
        return _result(self.iter_actors(**options), as_dataframe)

    def _rows(self, name: str, f: _Filters, limit: int | None, **parts: str) -> Iterator[dict[str, Any]]:
        params = list(f.params)
        limit_clause = ""
        if limit is not None:
            limit_clause = "LIMIT ?"
            params.append(int(limit))
        for row in self._execute(name, params, where=f.where(), limit=limit_clause, **parts):
            yield dict(row)

    def _aggregate_rows(
        self, f: _Filters, statuses: Sequence[str] | None, merged: bool
    ) -> Iterator[dict[str, Any]]:
        if statuses:
            f.add(" OR ".join("e.status = ?" for _ in statuses), *statuses)
        if merged:  # each cluster once, through its first mention
            f.add("e.id IN (SELECT id FROM event_clusters)")
        for row in self._execute("aggregate_events", f.params, where=f.where()):
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
    ) -> Any:
        """Per week or month, events between ``a`` and ``b`` (actor codes or country codes).

        Both directions unless ``directed`` (then ``a`` -> ``b`` only). Counts each merged event once
        unless ``merged=False``; only events of ``statuses`` (all when None).
        """
        f = _Filters(self.dialect)
        a, b = a.upper(), b.upper()
        forward = (
            "(e.source_code = ? OR e.source_country = ?) AND (e.target_code = ? OR e.target_country = ?)"
        )
        if directed:
            f.add(forward, a, a, b, b)
        else:
            f.add(f"({forward}) OR ({forward})", a, a, b, b, b, b, a, a)
        if since:
            f.add("e.event_date >= ?", since)
        if until:
            f.add("e.event_date <= ?", until)
        rows = self._aggregate_rows(f, statuses, merged)
        return _result(iter(corpus.dyad_series(rows, period, since, until)), as_dataframe)

    def network(
        self,
        *,
        statuses: Sequence[str] | None = ("occurred",),
        merged: bool = True,
        since: str | None = None,
        until: str | None = None,
    ) -> Any:
        """The alignment network between countries (a networkx Graph; see ``analysis.alignment_network``)."""
        f = _Filters(self.dialect)
        f.add("e.source_country IS NOT NULL AND e.target_country IS NOT NULL")
        if since:
            f.add("e.event_date >= ?", since)
        if until:
            f.add("e.event_date <= ?", until)
        return corpus.alignment_network(self._aggregate_rows(f, statuses, merged))

    # -- export

    def iter_export(self, table: str = "events") -> Iterator[dict[str, Any]]:
        """Every row of a table as stored (``events``, ``quotes``, ``actors``, ``mentions``, ``clusters``, ``articles``)."""
        if table not in EXPORT_TABLES:
            raise ValueError(f"table must be one of {', '.join(EXPORT_TABLES)}")
        for row in self._execute(f"export_{table}"):
            yield dict(row)

    def iter_gdelt(self) -> Iterator[dict[str, Any]]:
        """One GDELT 2.0 event-table row per event cluster (see docs/store.md for each column)."""
        from .gdelt import gdelt_row

        for row in self._execute("gdelt"):
            yield gdelt_row(dict(row))

    def export(
        self, format: str, output: str | Path | IO[str] | None = None, *, table: str = "events"
    ) -> int:
        """Write a table as csv, jsonl, parquet, or the GDELT-shaped event table; returns the row count."""
        if format == "gdelt":
            from .gdelt import GDELT_COLUMNS

            return write_rows(self.iter_gdelt(), GDELT_COLUMNS, "tsv", output)
        rows = self.iter_export(table)
        if format == "parquet":
            if output is None or not isinstance(output, (str, Path)):
                raise StoreError("parquet export needs --output FILE")
            return _write_parquet(rows, Path(output), column_types(table))
        if format not in ("csv", "jsonl"):
            raise ValueError("format must be csv, jsonl, parquet or gdelt")
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
