"""The corpus store: round trip, idempotency, merging, queries, exports, schema versions, resumable ingest."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import communique
import store_corpus
from communique import store as store_module
from communique.engines import LocalEngine
from communique.model import Actor, ActorRef, Analysis, Article, Event, Place, Quote, Span, TimeRef
from communique.store import Store, StoreError
from store_corpus import corpus, fake_analyze_chunk, feed_lines, slow_fake_analyze_chunk

TESTS = Path(__file__).parent


@pytest.fixture
def db_url(new_db) -> str:
    return new_db()


@pytest.fixture
def db(db_url) -> Store:
    store = communique.open(db_url)
    store.add(corpus())
    yield store
    store.close()


def dump(db: str) -> dict[str, list[tuple]]:
    """Every row of every table, ordered: two databases with equal dumps hold the same data."""
    content = {}
    with Store(db, create=False) as store:
        for table in store_module.TABLES:
            order = ", ".join(str(i + 1) for i in range(len(columns(store, table))))
            content[table] = [
                tuple(r) for r in store.connection.execute(f"SELECT * FROM {table} ORDER BY {order}")
            ]
    return content


def columns(store: Store, table: str) -> list[str]:
    """The columns of a table as the database has them."""
    return [c[0] for c in store.connection.execute(f"SELECT * FROM {table} LIMIT 0").description]


# ---------------------------------------------------------------- storing


def test_database_is_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    with communique.open(path) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store.counts()["articles"] == 0
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_analysis_comes_back_as_it_was_stored(db):
    for analysis in corpus():
        assert db.get_analysis(analysis.article.id) == analysis
    assert db.get_analysis("no-such-article") is None
    assert db.article_ids() == ["a1", "a2", "a3", "a4", "a5"]


def test_every_field_of_the_model_round_trips(new_db):
    """Every field set to a value other than its default, nested records included."""
    body = "MINSK — The envoy met them. It was planned."
    ref = ActorRef("UN envoy", "The envoy", None, "IGO", "IGOUNO", "United Nations", "person", "x7", 8, 18)
    event = Event(
        evidence=Span("The envoy met them.", 8, 27),
        trigger=Span("met", 18, 21),
        source=ref,
        target=ActorRef("them", "them", "BLR", None),
        cameo="040",
        plover="CONSULT",
        status="expected",
        cameo_name="Consult",
        plover_mode="multilateral",
        quad_class=1,
        goldstein=1.0,
        date=TimeRef("2024-05", "month", None, None, None, from_article=True),
        location=Place("Minsk", "BLR", 0, 5, from_dateline=True),
        confidence=0.25,
    )
    article = Article(
        "full",
        body,
        "T",
        "2024-05-06",
        "https://u.example/x",
        "By B",
        "MINSK",
        ["C contributed."],
        "f:3",
        ["date guessed"],
    )
    analysis = Analysis(
        article,
        actors=[
            Actor(
                "x7",
                "UN envoy",
                "IGOUNO",
                None,
                "IGO",
                "person",
                "United Nations",
                "envoy",
                [Span("envoy", 12, 17)],
            )
        ],
        quotes=[
            Quote("Trade talks resume", 0, 18, "indirect", ref, Span(":", 5, 6), 0.8, in_title=True),
            Quote("It was planned.", 28, 43, "indirect", ref, Span("said", 0, 4), 0.5),
        ],
        events=[event, Event(Span("It", 28, 30), Span("was", 31, 34), None, None, None, None, "occurred")],
        times=[TimeRef("2024-05-06", "day", "today", 1, 6, False)],
        schema_version=1,
    )
    with Store(new_db()) as store:
        store.add([analysis])
        assert store.get_analysis("full") == analysis


def test_schema_columns_match_the_model(new_db):
    """A model field without a column (or a column without a field) needs a schema change and a migration."""
    with Store(new_db()) as store:
        for table, model_columns in [
            ("articles", store_module.ARTICLE_COLUMNS),
            ("actors", store_module.ACTOR_COLUMNS),
            ("mentions", store_module.MENTION_COLUMNS),
            ("events", store_module.EVENT_COLUMNS),
            ("quotes", store_module.QUOTE_COLUMNS),
            ("times", store_module.TIME_COLUMNS),
            ("event_clusters", store_module.CLUSTER_COLUMNS),
        ]:
            assert sorted(columns(store, table)) == sorted(model_columns), table


def test_adding_the_same_analyses_again_adds_no_rows(db, new_db):
    before = db.counts()
    result = db.add(corpus())
    assert (result.stored, result.skipped) == (0, 5)
    assert db.counts() == before
    # duplicates inside one batch are stored once
    with Store(new_db("other")) as store:
        result = store.add(corpus() + corpus())
        assert (result.stored, result.skipped) == (5, 5)


def test_hostile_strings_are_data(db):
    assert db.get_analysis("a5").article.title == "'; DROP TABLE articles; --"
    for hostile in ["'; DROP TABLE events; --", "Robert'); DROP TABLE events;--", '" OR 1=1 --', "\\"]:
        db.events(search=hostile, actor=hostile, country=hostile)
        db.quotes(speaker=hostile, actor=hostile)
        db.actors(country=hostile)
        db.dyads(hostile, hostile)
    assert db.counts()["events"] == 10
    # LIKE wildcards in user text match themselves only
    assert [q["article_id"] for q in db.quotes(search="100%")] == ["a5"]
    assert [q["article_id"] for q in db.quotes(search="%")] == ["a5"]
    assert db.quotes(search="_") == []  # as a wildcard it would match every quote
    assert db.quotes(search="DROP TABLE events")[0]["article_id"] == "a5"


# ---------------------------------------------------------------- schema versions


def test_a_database_from_a_newer_communique_is_refused(new_db):
    path = new_db("future")
    with Store(path) as store:
        store.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        Store(path)


def test_an_older_database_is_migrated_and_keeps_its_data(new_db, monkeypatch):
    path = new_db("old")
    with Store(path) as store:
        store.add(corpus()[:2])
    following = store_module.SCHEMA_VERSION + 1
    monkeypatch.setattr(store_module.schema, "SCHEMA_VERSION", following)
    monkeypatch.setattr(
        store_module.schema,
        "MIGRATIONS",
        {**store_module.MIGRATIONS, following: ["ALTER TABLE articles ADD COLUMN language {text}"]},
    )
    with Store(path) as store:
        assert store.schema_version == following
        assert "language" in columns(store, "articles")
        assert store.get_analysis("a1") == corpus()[0]
    with Store(path) as store:  # opening again runs nothing twice
        assert store.schema_version == following


def test_a_version_1_database_gets_the_corrections_table_search_and_headline_quotes(tmp_path):
    path = tmp_path / "v1.db"
    with Store(path) as store:
        store.add(corpus())
    connection = sqlite3.connect(path)  # back to what communique wrote at schema 1
    connection.executescript(
        "ALTER TABLE quotes DROP COLUMN in_title; DROP TABLE corrections; DROP TABLE search_articles;"
        " DROP TABLE search_quotes;"
        " UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    connection.close()
    with Store(path) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store.get_analysis("a1") == corpus()[0]
        assert {r["in_title"] for r in store.quotes()} == {0}
        assert store.counts()["corrections"] == 0
        assert [a["id"] for a in store.search("tuesday")["articles"]] == ["a1"]
        store.add_correction("event", 1, verdict="right", reviewer="Ana")
        assert store.counts()["corrections"] == 1


def test_not_a_database_and_unreachable_servers_give_clear_errors(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a communique database"):
        Store(junk)
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", create=False)
    pytest.importorskip("psycopg")
    with pytest.raises(
        StoreError, match=r"postgresql://someone:\*\*\*@127.0.0.1:9/x: cannot connect"
    ) as error:
        Store("postgresql://someone:secret@127.0.0.1:9/x")
    assert "secret" not in str(error.value)


def test_queries_do_not_create_a_corpus(new_db):
    empty = new_db()  # an SQLite path with no file, or a PostgreSQL schema with no tables
    with pytest.raises(StoreError, match="no such database|no communique corpus here"):
        Store(empty, create=False)
    with Store(empty) as store:
        assert store.counts()["articles"] == 0


def test_sql_is_written_once_for_every_dialect():
    postgres = store_module.PostgresDialect()
    statement = postgres.sql("CREATE TABLE t (a {int}, b {real}) ; SELECT * FROM t WHERE a = ? AND b = ?")
    assert (
        statement == "CREATE TABLE t (a BIGINT, b DOUBLE PRECISION) ; SELECT * FROM t WHERE a = %s AND b = %s"
    )
    assert store_module.SQLiteDialect().sql("SELECT ? {text}") == "SELECT ? TEXT"


# ---------------------------------------------------------------- merging


def clusters_by_content(store: Store) -> list[list[tuple[str, int]]]:
    """Clusters as lists of (article, event position): comparable across databases whose ids differ."""
    rows = store.connection.execute(
        "SELECT m.cluster_id, e.article_id, e.seq FROM cluster_members m JOIN events e ON e.id = m.event_id"
    )
    groups: dict[int, list] = {}
    for cluster_id, article_id, seq in rows:
        groups.setdefault(cluster_id, []).append((article_id, seq))
    return sorted(sorted(g) for g in groups.values())


def test_reports_of_one_event_merge_into_a_cluster(db):
    visit = db.events(plover="CONSULT", merged=True)
    first = next(r for r in visit if r["cameo"] == "042")
    assert (first["n_mentions"], first["n_articles"], first["date"]) == (2, 2, "2023-02-28")
    assert db.cluster_articles(first["cluster_id"]) == ["a1", "a2"]
    # the raw mentions stay
    assert len(db.events(plover="CONSULT")) == 3
    clusters = {r["id"]: r for r in db.iter_export("clusters")}
    assert clusters[first["cluster_id"]]["n_sources"] == 2
    # the negated report does not join the alleged one
    supplied = db.events(search="supplied")
    assert len({r["cluster_id"] for r in supplied}) == 2
    assert db.counts()["event_clusters"] == 9


def test_clusters_do_not_depend_on_ingest_order_or_batches(new_db, db):
    with Store(new_db("reversed")) as other:
        for analysis in reversed(corpus()):
            other.add([analysis])
        assert clusters_by_content(other) == clusters_by_content(db)


def same_key_reports(n: int) -> list[Analysis]:
    """``n`` articles reporting a BLR-CHN visit on dates spread over two months, some on the same day."""
    analyses = []
    for i in range(n):
        day = f"2023-03-{1 + (i * 7) % 31:02d}" if i % 3 else f"2023-04-{1 + (i * 5) % 30:02d}"
        body = "BLR meets CHN."
        analyses.append(store_corpus.fake_analyze(Article(f"r{i:02d}", body, published=day)))
    return analyses


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clusters_updated_batch_by_batch_equal_clusters_computed_at_once(seed, new_db):
    import random

    reports = same_key_reports(40)
    random.Random(seed).shuffle(reports)
    with Store(new_db()) as store:
        rest = reports
        while rest:
            size = random.Random(seed + len(rest)).randint(1, 6)
            store.add(rest[:size])
            rest = rest[size:]
        incremental = dump_clusters(store)
        store.recluster()
        assert dump_clusters(store) == incremental
        assert sum(r["n_mentions"] for r in store.iter_export("clusters")) == 40  # one event per report


def dump_clusters(store: Store) -> list[tuple]:
    clusters = store.connection.execute("SELECT * FROM event_clusters ORDER BY id").fetchall()
    members = store.connection.execute("SELECT * FROM cluster_members ORDER BY event_id").fetchall()
    return [tuple(r) for r in clusters] + [tuple(r) for r in members]


def test_reclustering_with_another_window(db, db_url):
    db.recluster(window_days=0)
    visit = [r for r in db.events(plover="CONSULT", merged=True) if r["cameo"] == "042"]
    assert [r["n_mentions"] for r in visit] == [1, 1]
    db.close()
    with Store(db_url) as again:  # the window is kept with the database
        assert again.window_days == 0
        again.recluster(window_days=3)
        assert again.counts()["event_clusters"] == 9


# ---------------------------------------------------------------- queries


def ids(rows) -> list:
    return [r["id"] for r in rows]


def test_event_filters(db):
    assert ids(db.events(actor="lukashenko")) == [1, 4, 6]
    assert ids(db.events(actor="USAGOV")) == [2, 7]
    assert ids(db.events(country="ukr")) == [8, 9]
    assert ids(db.events(sector="GOV", country="RUS")) == [3, 5, 8, 9, 10]
    assert ids(db.events(plover="sanction")) == [7]
    assert ids(db.events(quad_class=4)) == [7, 8]
    assert ids(db.events(status="alleged")) == [3]
    assert ids(db.events(since="2023-03-10", until="2023-03-31")) == [6, 7, 10]
    assert ids(db.events(search="OVERNIGHT")) == [8]
    assert ids(db.events(merged=True)) == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    assert ids(db.events(limit=2)) == [1, 2]
    row = db.events(search="imposed")[0]
    assert (row["source"], row["target"], row["cameo"], row["url"]) == (
        "United States",
        "Belarus",
        "163",
        "https://news.example.com/a3",
    )


def test_quote_filters(db):
    assert [q["speaker"] for q in db.quotes(speaker="price")] == ["Ned Price"]
    assert [q["article_id"] for q in db.quotes(actor="China")] == ["a1"]  # the quote mentions China
    assert [q["article_id"] for q in db.quotes(actor="CHN")] == ["a1"]  # by the mentioned actor's code
    assert db.quotes(actor="Ukraine") == []
    assert [q["kind"] for q in db.quotes()] == ["direct", "indirect"]
    assert [q["article_id"] for q in db.quotes(kind="indirect")] == ["a5"]


def test_most_active_actors(db):
    top = db.actors(limit=3)
    assert top[0]["name"] == "Russia" and top[0]["code"] == "RUSGOV"
    assert (top[0]["events_given"], top[0]["events_received"]) == (1, 4)
    price = next(r for r in db.actors() if r["name"] == "Ned Price")
    assert (price["events_given"], price["quotes"], price["articles"]) == (1, 1, 2)
    by_country = {r["country"]: r for r in db.actors(by="country")}
    assert by_country["USA"]["events_given"] == 2
    assert db.actors(country="UKR", by="code")[0]["code"] in ("UKR", "UKRGOV")
    with pytest.raises(ValueError):
        db.actors(by="planet")


def test_a_dyad_found_by_the_pair_indexes_is_the_dyad_the_filters_describe(new_db):
    # with no corrections the reviewed query (the filters over every event) must find the same events
    from web_corpus import web_analyses

    store = communique.open(new_db())
    store.add(web_analyses())
    events = store.events()
    sides = sorted(
        {e[f"{side}_{part}"] for e in events for side in ("source", "target") for part in ("code", "country")}
        - {None}
    )
    dates = sorted({e["date"] for e in events if e["date"]})
    checked = 0
    for a in sides:
        for b in sides:
            for statuses in (("occurred",), None, ("occurred", "alleged")):
                for since, until in ((None, None), (dates[0], dates[len(dates) // 2])):
                    options = {"statuses": statuses, "since": since, "until": until}
                    stored = store.dyad_events(a, b, **options)
                    assert stored == store.dyad_events(a, b, reviewed=True, **options), (a, b, options)
                    for directed in (False, True):
                        assert store.dyads(a, b, directed=directed, merged=False, **options) == store.dyads(
                            a, b, directed=directed, merged=False, reviewed=True, **options
                        )
                    checked += bool(stored)
    assert checked > 20
    store.close()


def test_dyad_series_sums_correctly(db):
    series = db.dyads("BLR", "CHN")
    assert [(p["period"], p["events"], p["q1_verbal_coop"]) for p in series] == [
        ("2023-02", 1, 1),
        ("2023-03", 1, 1),
    ]
    assert series[0]["goldstein"] == pytest.approx(1.9)
    assert series[0]["plover_score"] == pytest.approx(4.0)  # CONSULT: visit
    # every report counted: the merged visit counts twice, in the weeks of its reports
    weekly = db.dyads("BLRGOV", "CHNGOV", period="week", merged=False)
    assert [(p["period"], p["events"]) for p in weekly] == [("2023-W09", 2), ("2023-W10", 1)]
    assert sum(p["goldstein"] for p in weekly) == pytest.approx(1.9 + 1.9 + 2.8)
    # direction
    assert [p["events"] for p in db.dyads("CHN", "BLR", directed=True)] == [1]
    assert db.dyads("BLR", "CHN", directed=True)[0]["period"] == "2023-02"
    # statuses: the alleged supply only when asked for
    assert db.dyads("CHN", "RUS") == []
    alleged = db.dyads("CHN", "RUS", statuses=None)
    assert sum(p["events"] for p in alleged) == 2 and sum(p["q2_material_coop"] for p in alleged) == 2
    frame = db.dyads("BLR", "CHN", as_dataframe=True)
    assert list(frame["events"]) == [1, 1]


def test_alignment_network_finds_the_blocs(db):
    graph = db.network()
    assert sorted(graph.nodes) == ["BLR", "CHN", "RUS", "UKR", "USA"]
    assert graph["BLR"]["CHN"]["weight"] == 2  # two visits (the merged one counted once)
    assert graph["RUS"]["UKR"]["weight"] == -2
    communities = {graph.nodes[n]["community"] for n in ("BLR", "CHN", "RUS")}
    assert len(communities) == 1 and graph.nodes["USA"]["community"] not in communities


def test_as_dataframe(db):
    frame = db.events(as_dataframe=True, country="UKR")
    assert list(frame["id"]) == [8, 9] and "evidence" in frame.columns


# ---------------------------------------------------------------- exports


def test_gdelt_export_reads_back_by_column_name(db, tmp_path):
    out = tmp_path / "events.tsv"
    assert db.export("gdelt", out) == 9
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 9 and list(rows[0]) == list(communique.gdelt.GDELT_COLUMNS)
    visit = rows[0]
    assert visit["GLOBALEVENTID"] == "1"
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20230228", "202302", "2023")
    assert (
        visit["Actor1Code"],
        visit["Actor1Name"],
        visit["Actor1CountryCode"],
        visit["Actor1Type1Code"],
    ) == (
        "BLRGOV",
        "Aleksandr Lukashenko",
        "BLR",
        "GOV",
    )
    assert (visit["Actor2Code"], visit["Actor2CountryCode"]) == ("CHNGOV", "CHN")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "042", "04")
    assert (visit["QuadClass"], visit["GoldsteinScale"]) == ("1", "1.9")
    assert (visit["NumMentions"], visit["NumArticles"], visit["NumSources"]) == ("2", "2", "2")
    assert visit["IsRootEvent"] == "1" and visit["AvgTone"] == ""
    assert (visit["ActionGeo_Type"], visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == (
        "4",
        "Beijing, China",
        "CH",
    )
    assert float(visit["ActionGeo_Lat"]) == pytest.approx(39.9, abs=0.1)
    assert visit["DATEADDED"] == "20230228000000" and visit["SOURCEURL"] == "https://www.news.example.com/a1"
    accusation = rows[1]
    assert accusation["IsRootEvent"] == "0" and accusation["ActionGeo_Type"] == ""
    no_url = next(r for r in rows if r["EventCode"] == "190")
    assert no_url["SOURCEURL"] == "notes/a4.txt"


def test_csv_jsonl_and_parquet_exports(db, tmp_path):
    text = io.StringIO()
    assert db.export("csv", text) == 10
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert rows[0]["cameo"] == "042" and rows[0]["cluster_id"] == "1" and rows[3]["cluster_id"] == "1"
    text = io.StringIO()
    db.export("jsonl", text, table="quotes")
    quotes = [json.loads(line) for line in text.getvalue().splitlines()]
    assert quotes[0]["speaker_name"] == "Ned Price"
    for table, count in [("events", 10), ("articles", 5), ("clusters", 9), ("actors", 17), ("mentions", 24)]:
        pq = pytest.importorskip("pyarrow.parquet")
        out = tmp_path / f"{table}.parquet"
        assert db.export("parquet", out, table=table) == count
        assert pq.read_table(out).num_rows == count
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert events[0]["goldstein"] == 1.9 and events[3]["source_group_name"] is None


def test_parquet_without_pyarrow_is_a_clear_error(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(StoreError, match="pip install 'communique\\[parquet\\]'"):
        db.export("parquet", tmp_path / "x.parquet")
    with pytest.raises(StoreError, match="--output"):
        db.export("parquet", None)


# ---------------------------------------------------------------- ingest: idempotent, resumable


def write_feed(path: Path, n: int = 60) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in feed_lines(n)), encoding="utf-8")
    return path


def test_ingest_is_idempotent_and_deterministic_across_worker_counts(tmp_path, new_db):
    feed = write_feed(tmp_path / "feed.jsonl", 30)
    one, two = new_db("one"), new_db("two")
    with Store(one) as store, LocalEngine(1, analyzer=fake_analyze_chunk) as engine:
        first = store.ingest([str(feed)], engine=engine, batch_size=4)
        again = store.ingest([str(feed)], engine=engine, batch_size=4)
    assert (first.read, first.stored, first.skipped, first.failed) == (30, 30, 0, 0)
    assert (again.read, again.stored, again.skipped, again.failed) == (30, 0, 30, 0)
    with (
        Store(two) as store,
        LocalEngine(2, analyzer=fake_analyze_chunk, chunk_size=3) as engine,
    ):
        store.ingest([str(feed)], engine=engine, batch_size=7)
    assert dump(one) == dump(two)
    assert sum(len(rows) for rows in dump(one).values()) > 30 * 5


def test_two_ingests_of_overlapping_inputs_at_once_store_every_article_once(tmp_path, new_db):
    lines = feed_lines(60)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(json.dumps(line) + "\n" for line in lines[:40]), encoding="utf-8")
    second.write_text("".join(json.dumps(line) + "\n" for line in lines[20:]), encoding="utf-8")
    together, alone = new_db("together"), new_db("alone")
    summaries = {}

    def ingest(feed: Path) -> None:  # each with its own connection, as two users would
        with (
            Store(together) as store,
            LocalEngine(1, analyzer=slow_fake_analyze_chunk, chunk_size=2) as engine,
        ):
            summaries[feed.name] = store.ingest([str(feed)], engine=engine, batch_size=3)

    threads = [threading.Thread(target=ingest, args=(feed,)) for feed in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    one, two = summaries["first.jsonl"], summaries["second.jsonl"]
    assert (one.read, two.read, one.failed, two.failed) == (40, 40, 0, 0)
    assert one.stored + two.stored == 60 and one.skipped + two.skipped == 20

    write_feed(tmp_path / "all.jsonl", 60)
    with Store(alone) as store, LocalEngine(1, analyzer=fake_analyze_chunk) as engine:
        store.ingest([str(tmp_path / "all.jsonl")], engine=engine)
    with Store(together) as both, Store(alone) as single:
        assert both.counts() == single.counts()
        assert sorted(both.article_ids()) == sorted(single.article_ids())
        assert clusters_by_content(both) == clusters_by_content(single)


KILLED_INGEST = """
import sys
sys.path.insert(0, {tests!r})
from store_corpus import slow_fake_analyze_chunk
from communique.engines import LocalEngine
from communique.store import Store

if __name__ == "__main__":  # worker processes import this file again
    with Store(sys.argv[2]) as store, LocalEngine(2, analyzer=slow_fake_analyze_chunk, chunk_size=2) as engine:
        store.ingest([sys.argv[1]], engine=engine, batch_size=5)
"""


def rows_committed(db: str) -> int:
    try:
        with Store(db, create=False) as store:
            return store.counts()["articles"]
    except StoreError:  # not created yet
        return 0


def kill_midway(command: list[str], db: str, at_least: int, timeout: float = 120) -> int:
    """Start ``command``, SIGKILL it (and its workers) once ``at_least`` articles are committed; the count then."""
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + timeout
    try:
        while rows_committed(db) < at_least:
            assert process.poll() is None, (
                f"ingest ended before it could be killed: {process.stderr.read()!r}"
            )
            assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return rows_committed(db)


def test_an_ingest_killed_midway_finishes_on_rerun_with_the_same_database(tmp_path, new_db):
    feed = write_feed(tmp_path / "feed.jsonl", 60)
    whole, killed = new_db("whole"), new_db("killed")
    with Store(whole) as store, LocalEngine(1, analyzer=fake_analyze_chunk) as engine:
        store.ingest([str(feed)], engine=engine, batch_size=5)

    script = tmp_path / "ingest.py"
    script.write_text(KILLED_INGEST.format(tests=str(TESTS)), encoding="utf-8")
    committed = kill_midway([sys.executable, str(script), str(feed), killed], killed, at_least=10)
    assert 10 <= committed < 60 and committed % 5 == 0  # whole batches only

    with Store(killed) as store, LocalEngine(1, analyzer=fake_analyze_chunk) as engine:
        rerun = store.ingest([str(feed)], engine=engine, batch_size=5)
    assert (rerun.skipped, rerun.stored) == (committed, 60 - committed)
    assert dump(killed) == dump(whole)


@pytest.mark.slow
def test_a_real_ingest_killed_midway_finishes_on_rerun_with_the_same_database(tmp_path, new_db):
    feed = write_feed(tmp_path / "feed.jsonl", 60)
    cli = [
        sys.executable,
        "-m",
        "communique.cli",
        "ingest",
        str(feed),
        "--batch-size",
        "2",
        "--no-progress",
        "--db",
    ]
    whole, killed = new_db("whole"), new_db("killed")
    subprocess.run([*cli, whole], check=True, capture_output=True)

    committed = kill_midway([*cli, killed], killed, at_least=4)
    assert committed < 60
    rerun = subprocess.run([*cli, killed], check=True, capture_output=True, text=True)
    assert f"skipped {committed} as already stored" in rerun.stderr
    assert dump(killed) == dump(whole)


def test_store_corpus_helpers_are_consistent():
    """The fake analyzer finds what the feed says, so the tests above test something."""
    article = Article("x", feed_lines(1)[0]["text"])
    analysis = store_corpus.fake_analyze(article)
    assert [(e.source.code, e.target.code, e.cameo) for e in analysis.events] == [
        ("BLR", "CHN", "040"),
        ("CHN", "BLR", "040"),
    ]
    assert len(analysis.quotes) == 1


def test_a_version_3_database_gets_the_lookup_indexes_and_a_search_index_by_kind(tmp_path):
    path = tmp_path / "v3.db"
    with Store(path) as store:
        store.add(corpus())
        assert store.search("tuesday")["articles"]
    connection = sqlite3.connect(path)  # back to what communique wrote at schema 3
    for statement in store_module._LOOKUP_INDEXES:
        connection.execute("DROP INDEX " + statement.split(" EXISTS ")[1].split()[0])
    connection.executescript(
        "DROP TABLE search_articles; DROP TABLE search_quotes;"
        " CREATE VIRTUAL TABLE search_text USING fts5(title, text, kind UNINDEXED, item_id UNINDEXED,"
        " article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');"
        " INSERT INTO search_text (title, text, kind, item_id, article_id)"
        "  SELECT COALESCE(title, ''), body, 'article', seq, id FROM articles;"
        " UPDATE meta SET value = '3' WHERE key = 'schema_version';"
    )
    connection.commit()
    connection.close()
    with Store(path) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        indexes = {
            r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"events_filters", "actors_code", "quotes_speaker_code"} <= indexes
        found = store.search("tuesday")  # the index is filled again, articles and quotes
        assert [a["id"] for a in found["articles"]] == ["a1"]
        assert store.search("article")["articles"] == []  # the kind column is not searched
        plan = " ".join(
            r[3]
            for r in store.connection.execute(
                "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events e WHERE e.quad_class = 4 AND e.status = 'occurred'"
            )
        )
        assert "COVERING INDEX events_filters" in plan
