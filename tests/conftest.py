"""Store backends for the tests: every test taking ``backend`` (or ``new_db``) runs on SQLite and on PostgreSQL.

PostgreSQL: the server at ``$COMMUNIQUE_TEST_POSTGRESQL`` (default: a local ``communique`` role
and ``communique_test`` database, see ``.ci/run``); each test gets schemas of its own, dropped
afterwards. Without a reachable server those tests skip, saying why (in the header of the run too);
on CI (``CI=true``) they fail instead, so that CI never passes without having run them.
"""

from __future__ import annotations

import functools
import os
import uuid
from urllib.parse import quote

import pytest

POSTGRES_URL = os.environ.get(
    "COMMUNIQUE_TEST_POSTGRESQL", "postgresql://communique:communique@127.0.0.1:5432/communique_test"
)


@functools.cache
def postgres_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"no PostgreSQL server at {POSTGRES_URL} ({first_line}); set COMMUNIQUE_TEST_POSTGRESQL"
    return None


def pytest_report_header(config: pytest.Config) -> str:
    reason = postgres_unavailable()
    return f"store backends: sqlite, postgresql ({'skipped: ' + reason if reason else POSTGRES_URL})"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and (reason := postgres_unavailable()):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    return request.param


@pytest.fixture
def new_db(backend, tmp_path):
    """Makes new, empty databases on the backend under test: ``new_db("name")`` gives a path or URL."""
    schemas: list[str] = []

    def make(name: str = "corpus") -> str:
        if backend == "sqlite":
            return str(tmp_path / f"{name}.db")
        import psycopg

        schema = f"test_{name}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        separator = "&" if "?" in POSTGRES_URL else "?"
        return f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"

    yield make
    if schemas:
        import psycopg

        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            for schema in schemas:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")
