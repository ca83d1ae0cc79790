"""The corpus store: analyses in a database, with merging, queries, aggregates and exports.

One SQLite file by default (WAL mode, created on first use). Every SQL statement lives in this
package (``sql``, and the schema's in ``schema``), written with ``?`` placeholders and ``{int}``/``{real}``/``{text}`` type names that a
``Dialect`` turns into its own; values always travel as parameters. A PostgreSQL backend needs a
connection and its dialect (see ``PostgresDialect``), not new SQL.

Schema versions: a new database is created from ``TABLES`` at ``SCHEMA_VERSION``; an older one is
brought up to date by the ``MIGRATIONS`` after its version, each in one transaction. To change
the schema, edit ``TABLES`` and append a migration that takes a database of the previous
version to the new one (``tests/test_store.py`` checks that they agree).

The model's records are stored flat: a nested record becomes prefixed columns (``source_name``,
``date_value``, ...; ``start``/``end``/``group`` become ``start_offset``/``end_offset``/``group_name``),
so ``get_analysis`` rebuilds exactly what was stored.

Where things live: ``schema`` (tables, migrations, the flat columns of records), ``dialects``,
``sql`` (every statement, the reviewed views, the filters), ``writes`` (ingest, merging, corrections),
``queries``, ``aggregates`` (the summary tables), ``export``, and ``database`` (``Store`` itself).
"""

from __future__ import annotations

from .aggregates import ActorRollup, Summaries  # noqa: F401
from .database import Store, _Transaction, open  # noqa: F401
from .dialects import (  # noqa: F401
    Dialect,
    PostgresDialect,
    SQLiteDialect,
    StoreError,
    _postgres_rows,
    _postgres_text_dumper,
    _redacted,
    _Row,
)
from .export import Exports, _batches, _cell, _result, _write_parquet, _write_rows, write_rows  # noqa: F401
from .queries import _ACTOR_DIRECTORIES, _DIRECTORY_LOCK, Queries  # noqa: F401
from .schema import (  # noqa: F401
    _ACTIVITY_COLUMNS,
    _ACTIVITY_GROUPS,
    _ACTOR_REF,
    _CORRECTED_ACTOR,
    _CORRECTION_INDEXES,
    _LOOKUP_INDEXES,
    _PRESENCE,
    _QUOTE_ACTOR_INDEXES,
    _RENAMED,
    _SUMMARY_INDEXES,
    ACTIVITY_GROUPINGS,
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    DEFAULT_DB,
    EVENT_COLUMNS,
    FILL_QUOTE_ACTORS,
    INDEXES,
    MENTION_COLUMNS,
    MIGRATIONS,
    QUOTE_COLUMNS,
    SCHEMA_VERSION,
    SUMMARIES_REBUILT_AT,
    SUMMARY_TABLES,
    TABLES,
    TIME_COLUMNS,
    _activity_columns,
    _builder,
    _columns,
    _fields,
    _flatten,
    _is_list,
    _nested_type,
    _prefixed,
    _records,
    _unflatten,
    _unflatten_plan,
)
from .sql import (  # noqa: F401
    _SIDE_FIELDS,
    CORRECTED_EVENT_COLUMNS,
    CORRECTED_QUOTE_COLUMNS,
    CORRECTION_COLUMNS,
    EXPORT_TABLES,
    MATCH_END,
    MATCH_START,
    REVIEWED_EVENTS,
    REVIEWED_QUOTES,
    SQL,
    VERDICTS,
    _clean_actor,
    _Filters,
    _gold_side,
    _insert,
    _like,
    _like_snippet,
    _reviewed_table,
    _search_words,
    column_types,
)
from .writes import AddResult, IngestSummary, Writes, ingest_progress  # noqa: F401
