"""Database engines: what differs between SQLite and PostgreSQL (placeholders, types, connection set-up)."""

from __future__ import annotations

import re
import sqlite3
import time as _time
from collections.abc import Callable, Iterator, Sequence
from typing import Any


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
