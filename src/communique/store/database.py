"""The store: a connection, its transactions and its schema; the writes, queries, summaries and exports
are its mixins' (``writes``, ``queries``, ``aggregates``, ``export``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import analysis as corpus
from . import schema
from .aggregates import Summaries
from .dialects import Dialect, PostgresDialect, SQLiteDialect, StoreError, _redacted
from .export import Exports
from .queries import Queries
from .schema import DEFAULT_DB, INDEXES, SUMMARIES_REBUILT_AT, TABLES
from .sql import SQL
from .writes import Writes


class Store(Writes, Queries, Summaries, Exports):
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
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this communique knows ({schema.SCHEMA_VERSION}): upgrade communique"
            )
        for target in range(version + 1, schema.SCHEMA_VERSION + 1):
            with self._transaction():
                if self.schema_version >= target:  # another process migrated meanwhile
                    continue
                for statement in (*schema.MIGRATIONS[target], *self.dialect.migrations.get(target, ())):
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
                for version in range(2, schema.SCHEMA_VERSION + 1):
                    for statement in self.dialect.migrations.get(version, ()):
                        self._execute(statement)
                self._execute("set_meta", ("schema_version", str(schema.SCHEMA_VERSION)))
                self._execute("set_meta", ("cluster_window_days", str(corpus.DEFAULT_WINDOW_DAYS)))


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
