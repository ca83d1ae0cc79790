"""The web app's pages and JSON API, through FastAPI's test client: every endpoint, bad parameters included."""

from __future__ import annotations

import csv
import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'communique[web]'")
from fastapi.testclient import TestClient  # noqa: E402

from communique.store import Store  # noqa: E402
from communique.web import create_app, is_loopback  # noqa: E402
from web_corpus import HOSTILE_NAME, HOSTILE_TITLE, PWNED, web_analyses, write_web_db  # noqa: E402


@pytest.fixture
def db(tmp_path):
    return write_web_db(tmp_path / "web.db")


@pytest.fixture
def client(db):
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def token(client) -> str:
    return client.get("/api/csrf").json()["csrf_token"]


def correct(client, **body):
    return client.post("/api/corrections", json=body, headers={"X-CSRF-Token": token(client)})


# ---------------------------------------------------------------- API


def test_summary(client):
    summary = client.get("/api/summary").json()
    assert summary["summary"]["articles"] == 7
    assert summary["summary"]["events"] == 12
    assert summary["summary"]["first_published"] == "2023-02-28"
    assert {"a": "BLR", "b": "CHN"} in [{"a": p["a"], "b": p["b"]} for p in summary["pairs"]]


def test_events_with_filters_and_paging(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == 12 and len(everything["rows"]) == 12
    page = client.get("/api/events?limit=5&offset=10").json()
    assert [r["id"] for r in page["rows"]] == [11, 12]
    chn = client.get("/api/events?country=chn&status=occurred").json()
    assert {r["id"] for r in chn["rows"]} == {1, 2, 4, 6}
    assert client.get("/api/events?plover=SANCTION&since=2023-03-01&until=2023-03-31").json()["total"] == 1
    assert client.get("/api/events?quad_class=4&merged=true").json()["total"] == 2
    assert client.get("/api/events?search=drones").json()["rows"][0]["id"] == 3


@pytest.mark.parametrize(
    "query, problem",
    [
        ("country=CHINA", "country"),
        ("plover=HUG", "plover"),
        ("quad_class=5", "quad_class"),
        ("quad_class=two", "quad_class"),
        ("status=done", "status"),
        ("since=2023-13-01", "since"),
        ("until=yesterday", "until"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("merged=perhaps", "merged"),
    ],
)
def test_a_bad_event_filter_is_a_400_naming_the_parameter(client, query, problem):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    assert response.json()["problems"][0].startswith(f"{problem}:")
    if problem not in ("limit", "offset"):  # the page has per_page and page instead
        page = client.get(f"/events?{query}")
        assert page.status_code == 400 and problem in page.text


def test_events_csv_is_exactly_the_filtered_rows(client):
    response = client.get("/api/events.csv?country=BLR")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(r["id"]) for r in rows] == [
        r["id"] for r in client.get("/api/events?country=BLR").json()["rows"]
    ]
    empty = client.get("/events.csv?country=ZZZ").text
    assert empty.startswith("id,cluster_id,date") and len(empty.splitlines()) == 1


def test_article(client):
    article = client.get("/api/articles/a1").json()
    assert article["article"]["title"] == "Lukashenko in Beijing"
    assert [e["id"] for e in article["events"]] == [1, 2, 3]
    assert article["quotes"][0]["speaker"]["name"] == "Ned Price"
    assert article["corrections"] == []
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/articles/" + "x" * 300).status_code == 400


def test_actors(client):
    actors = client.get("/api/actors?limit=3").json()
    assert len(actors) == 3 and all("events_given" in a for a in actors)
    assert {a["country"] for a in client.get("/api/actors?by=country").json()} >= {"CHN", "BLR", "RUS"}
    assert client.get("/api/actors?by=planet").status_code == 400
    actor = client.get("/api/actors/blr").json()
    assert actor["code"] == "BLR" and actor["events_given"] >= 3
    assert "CHNGOV" in {c["code"] for c in actor["counterparts"]}
    assert client.get("/api/actors/XYZ").status_code == 404
    assert client.get("/api/actors/%3Cscript%3E").status_code == 400


def test_dyads_and_network(client):
    dyad = client.get("/api/dyads?a=BLR&b=CHN").json()
    assert [p["period"] for p in dyad["series"]] == ["2023-02", "2023-03"]
    assert {e["id"] for e in dyad["events"]} == {1, 6}  # the a2 report of the visit merged with a1's
    assert client.get("/api/dyads?a=BLR&b=CHN&period=week").json()["series"][0]["period"].startswith("2023-W")
    assert client.get("/api/dyads?a=BLR&b=CHN&period=day").status_code == 400
    assert client.get("/api/dyads?a=BLR").status_code == 400
    network = client.get("/api/network").json()
    assert {"BLR", "CHN", "RUS", "UKR", "USA"} <= {n["id"] for n in network["nodes"]}
    assert network["communities"]
    assert client.get("/api/network?since=2023-04-01").json()["nodes"] != network["nodes"]
    assert client.get("/api/network?since=april").status_code == 400


def test_search(client):
    found = client.get("/api/search?q=drones").json()
    assert [a["id"] for a in found["articles"]] == ["a1"]
    assert client.get("/api/search?q=").status_code == 400
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search?q=" + "x" * 201).status_code == 400


def test_a_correction_through_the_api(client):
    # seen before the correction: what is shown after it must not be a stale copy
    assert client.get("/api/events?status=negated&reviewed=true").json()["total"] == 1
    assert client.get("/api/summary").json()["summary"]["corrections"] == 0
    assert (
        correct(
            client, item="event", item_id=12, verdict="corrected", reviewer="Ana", status="negated"
        ).status_code
        == 201
    )
    assert client.get("/api/events?status=negated&reviewed=true").json()["total"] == 2
    assert client.get("/api/events?status=negated").json()["total"] == 1
    assert client.get("/api/summary").json()["summary"]["corrections"] == 1
    (saved,) = client.get("/api/corrections?article_id=a6").json()
    assert (saved["item_id"], saved["status"], saved["reviewer"]) == (12, "negated", "Ana")
    assert client.get("/api/corrections?article_id=nope").status_code == 404


@pytest.mark.parametrize(
    "body, status",
    [
        ({"item": "event", "item_id": 12, "verdict": "fine", "reviewer": "Ana"}, 400),
        ({"item": "event", "item_id": 12, "verdict": "right"}, 400),
        ({"item": "event", "item_id": 12, "verdict": "corrected", "reviewer": "Ana", "cameo": "999"}, 400),
        (
            {
                "item": "event",
                "item_id": 12,
                "verdict": "corrected",
                "reviewer": "Ana",
                "source": {"country": "X"},
            },
            400,
        ),
        ({"item": "event", "item_id": "twelve", "verdict": "right", "reviewer": "Ana"}, 400),
        ({"item": "event", "item_id": 999, "verdict": "right", "reviewer": "Ana"}, 404),
    ],
)
def test_a_bad_correction_is_refused(client, body, status):
    response = correct(client, **body)
    assert response.status_code == status, response.text
    assert client.get("/api/corrections?article_id=a6").json() == []


def test_a_correction_needs_the_csrf_token(client):
    body = {"item": "event", "item_id": 12, "verdict": "right", "reviewer": "Ana"}
    assert client.post("/api/corrections", json=body).status_code == 403
    assert client.post("/api/corrections", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
    form = {"item": "event", "item_id": "12", "verdict": "right", "reviewer": "Ana"}
    assert client.post("/article/a6/review", data=form).status_code == 403
    assert client.get("/api/corrections?article_id=a6").json() == []
    # another app (a restart) has another token
    assert TestClient(create_app(client.app.state.stores.db), base_url="http://127.0.0.1").get(
        "/api/csrf"
    ).json() != {"csrf_token": token(client)}


# ---------------------------------------------------------------- pages


def test_every_page_renders(client):
    for path, words in [
        ("/", "Most active actors"),
        ("/search?q=Beijing", "Lukashenko in <mark>Beijing</mark>"),
        ("/search", "Search"),
        ("/article/a1", "Lukashenko in Beijing"),
        ("/events", '<span id="total">12</span> events'),
        (
            "/events?country=&plover=&since=",
            '<span id="total">12</span> events',
        ),  # a form's empty fields are not given
        ("/actor/BLRGOV", "Aleksandr Lukashenko"),
        ("/dyad/BLR/CHN", "The events behind each point"),
        ("/network", "Blocs"),
        ("/docs", "/api/events"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert words in response.text, path
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/article/nope").status_code == 404
    assert client.get("/dyad/BLR/%20").status_code == 400
    assert client.get("/network?nodes=1").status_code == 400
    assert client.get("/events?page=0").status_code == 400
    assert client.get("/article/a1?review=event-x").status_code == 400


def test_the_article_marks_triggers_mentions_and_quotes(client):
    html = client.get("/article/a1").text
    assert '<form method="post"' not in html  # a review form opens for one item at a time
    assert 'href="?review=event-1#event-1"' in html
    opened = client.get("/article/a1?review=event-2").text
    assert opened.count('<form method="post"') == 1 and 'name="item_id" value="2"' in opened
    assert 'id="trigger-1"' in html and 'href="#event-1"' in html and 'id="event-1"' in html
    assert 'id="q-1"' in html and 'id="quote-1"' in html
    assert "042 Make a visit" in html or "042" in html
    assert 'href="/actor/CHN"' in html


def test_events_page_pages_and_links_its_csv(client):
    html = client.get("/events?per_page=5&page=2&country=CHN").text
    assert "page 2 of" in html
    assert 'href="/events.csv?country=CHN"' in html


def test_a_review_through_the_form_shows_on_the_page_as_a_correction(client):
    form = {
        "csrf_token": token(client),
        "item": "event",
        "item_id": "12",
        "verdict": "corrected",
        "status": "negated",
        "source_name": "",
        "target_name": "Ned Price",
        "target_country": "usa",
        "target_sector": "gov",
        "reviewer": "<b>Ana</b>",
        "note": f"<script>{PWNED}</script>",
    }
    response = client.post("/article/a6/review", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/article/a6#event-12"
    html = client.get("/article/a6").text
    assert "Corrected" in html and "&lt;b&gt;Ana&lt;/b&gt;" in html and "<b>Ana</b>" not in html
    assert "&lt;script&gt;" in html and f"<script>{PWNED}" not in html
    assert "Ned Price USAGOV" in html
    # the form, opened again, remembers the reviewer's name
    form_page = client.get("/article/a6?review=event-12").text
    assert 'value="&lt;b&gt;Ana&lt;/b&gt;"' in form_page
    # a verdict of right ignores the correction fields the form still holds
    form.update(verdict="right", item_id="12", note="")
    assert client.post("/article/a6/review", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/corrections?article_id=a6").json()[-1]["status"] is None


def test_a_bad_review_form_is_a_400_with_the_reason(client):
    form = {
        "csrf_token": token(client),
        "item": "event",
        "item_id": "12",
        "verdict": "corrected",
        "reviewer": "Ana",
    }
    response = client.post("/article/a6/review", data=form)
    assert response.status_code == 400 and "at least one corrected field" in response.text
    form.update(item_id="1")  # an event of another article
    assert client.post("/article/a6/review", data={**form, "verdict": "right"}).status_code == 404


def test_hostile_text_is_escaped_everywhere(client):
    for path in [
        "/article/h1",
        "/search?q=hostile",
        "/search?q=fine",
        "/events",
        "/events?actor=evil",
        "/dyad/UKR/RUS",
        "/actor/UKR",
        "/actor/UKRBUS",
        "/",
    ]:
        html = client.get(path).text
        assert "<script>window" not in html, path
        assert "<img src=x" not in html and "<b onmouseover" not in html, path
    for path in ["/events?actor=evil", "/dyad/UKR/RUS"]:  # lists written in Python, not by Jinja
        assert "Evil&lt;img src=x onerror=" in client.get(path).text, path
    article = client.get("/article/h1").text
    assert "&lt;script&gt;" in article and "&lt;img src=x onerror=" in article
    assert 'href="javascript:' not in article  # the article's url is not a web address: no link
    assert HOSTILE_TITLE in client.get("/api/articles/h1").json()["article"]["title"]
    assert client.get("/api/actors/UKRBUS").json()["names"][0]["name"] == HOSTILE_NAME


def test_security_headers_and_hosts(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    # a page on another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert (
        TestClient(create_app(db, trusted_hosts=None), base_url="http://evil.example").get("/").status_code
        == 200
    )


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.com")


def test_a_missing_database_is_a_clear_error(tmp_path):
    from communique.store import StoreError

    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")


def test_the_cache_computes_a_result_once_and_keeps_machine_results_across_corrections():
    import threading
    import time

    from communique.web.app import Cache

    class Versions:
        version = (10, 0)

        def data_version(self):
            return self.version

    store, cache, calls = Versions(), Cache(), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return len(calls)

    threads = [threading.Thread(target=cache.get, args=(store, ("k",), slow)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]  # eight requests at once, one query
    assert cache.get(store, ("reviewed",), lambda: "before", with_corrections=True) == "before"
    store.version = (10, 1)  # a correction
    assert cache.get(store, ("k",), slow) == 1
    assert cache.get(store, ("reviewed",), lambda: "after", with_corrections=True) == "after"
    store.version = (11, 1)  # an ingest
    assert cache.get(store, ("k",), slow) == 2
    small = Cache(size=2)  # the least recently used goes first
    for key in ("a", "b", "a", "c"):
        small.get(store, (key,), lambda key=key: key)
    assert list(small.values) == [("a",), ("c",)]


def test_whole_responses_are_cached_until_a_correction_or_an_article_is_added(client, db):
    first = client.get("/api/articles/a6")
    again = client.get("/api/articles/a6")
    assert "x-cache" not in first.headers and again.headers["x-cache"] == "hit"
    assert again.content == first.content
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert client.get("/article/a6").status_code == 200
    assert client.get("/article/a6").headers["x-cache"] == "hit"
    correct(client, item="event", item_id=12, verdict="wrong", reviewer="Ana")
    fresh = client.get("/api/articles/a6")
    assert "x-cache" not in fresh.headers and fresh.json()["corrections"][0]["verdict"] == "wrong"
    assert "Marked wrong" in client.get("/article/a6").text
    # another process (an ingest) adds an article: every page may have changed
    assert [client.get("/api/summary").headers.get("x-cache") for _ in range(2)] == [None, "hit"]
    with Store(db) as store:
        added = store.get_analysis("a6")
        added.article.id = "a6-again"
        store.add([added])
    assert client.get("/api/summary").json()["summary"]["articles"] == 8


def test_what_is_not_cached(client, db):
    for _ in range(2):
        assert "x-cache" not in client.get("/api/articles/nope").headers  # errors
        assert "x-cache" not in client.get("/static/style.css").headers  # files answer conditional requests
        response = client.get("/", headers={"host": "evil.example"})  # a refused host, even once cached
        assert response.status_code == 400 and "x-cache" not in response.headers
    # the reviewer's name is part of the form's page: each reviewer has their own copy
    assert 'value=""' in client.get("/article/a6?review=event-12").text
    client.cookies.set("communique_reviewer", "Ana")
    assert 'value="Ana"' in client.get("/article/a6?review=event-12").text
    no_cache = TestClient(create_app(db, response_cache_bytes=0), base_url="http://127.0.0.1")
    assert [no_cache.get("/api/summary").headers.get("x-cache") for _ in range(2)] == [None, None]


def test_the_response_cache_keeps_to_its_size_least_recently_used_first():
    import asyncio

    from communique.web.app import ResponseCache

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"n", b"1")]})
        await send({"type": "http.response.body", "body": b"x" * 98})  # 100 bytes with the header

    async def get(cache, path):
        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
        await cache(scope, None, send)
        return (b"x-cache", b"hit") in sent[0]["headers"]

    async def run():
        cache = ResponseCache(app, version=lambda: (1, 0), max_bytes=1600)
        for path in ("/a", "/b", "/c"):
            await get(cache, path)
        assert await get(cache, "/a")  # now the most recently used
        for n in range(14):  # one too many: the least recently used, /b, goes
            await get(cache, f"/{n}")
        assert cache.size <= 1600 and len(cache.entries) == 16
        assert await get(cache, "/a") and not await get(cache, "/b")
        # the garbage collector stops tracking the entries: thousands of them add nothing to its pauses
        gc.collect()
        assert not any(gc.is_tracked(entry) for entry in [*cache.entries, *cache.entries.values()])

    asyncio.run(run())


def test_a_server_process_takes_its_start_up_heap_out_of_the_collectors_reach(db):
    # in a process of its own: a frozen heap would stay frozen in the test runner's
    code = (
        "import gc, sys\n"
        "from communique.web import create_app, settle_heap\n"
        "create_app(sys.argv[1])\n"
        "settle_heap()\n"
        "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    frozen, walked = map(int, done.stdout.split())
    assert frozen > 10 * walked  # a full collection walks a small part of what the process holds


def test_serve_with_two_worker_processes_shares_the_token_and_shows_a_correction_in_both(db, tmp_path):
    import os
    import subprocess
    import sys
    import time

    import httpx

    from communique.web import free_port

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "communique.cli", "serve", "--db", str(db), "--port", str(port)]
    log = tmp_path / "serve.log"
    with log.open("w") as errors:
        server = subprocess.Popen([*command, "--workers", "2"], env=env, stderr=errors)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/summary").status_code == 200:
                    break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        workers = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        if workers.exists():  # Linux: the two workers and multiprocessing's resource tracker
            assert len(workers.read_text().split()) == 3
        # each request on a connection of its own, which either process may take
        tokens = {httpx.get(base + "/api/csrf").json()["csrf_token"] for _ in range(12)}
        assert len(tokens) == 1
        for _ in range(6):  # both cache the article
            assert httpx.get(base + "/api/articles/a6").json()["corrections"] == []
        body = {"item": "event", "item_id": 12, "verdict": "wrong", "reviewer": "Ana"}
        saved = httpx.post(base + "/api/corrections", json=body, headers={"X-CSRF-Token": tokens.pop()})
        assert saved.status_code == 201, saved.text
        for _ in range(6):
            assert httpx.get(base + "/api/articles/a6").json()["corrections"][0]["verdict"] == "wrong"
    finally:
        server.terminate()
        server.wait(20)


def test_an_analysis_as_json_is_what_to_dict_gives():
    from communique.web.views import plain

    for analysis in web_analyses():
        assert plain(analysis) == analysis.to_dict()


# ---------------------------------------------------------------- what makes uncached pages cheap


def test_an_event_page_is_what_count_events_and_events_give(client, db):
    correct(client, item="event", item_id=2, verdict="wrong", reviewer="Ana")
    filter_sets = [
        {},
        {"country": "BLR"},
        {"country": "zzz"},
        {"actor": "bel"},
        {"search": "drones"},
        {"merged": True},
        {"status": "occurred", "quad_class": 1},
        {"plover": "CONSULT", "since": "2023-03-01"},
    ]
    with Store(db, create=False) as store:
        for filters in filter_sets:
            for reviewed in (False, True):
                for limit, offset in ((5, 0), (5, 5), (50, 0), (5, 100)):
                    total, rows = store.event_page(limit=limit, offset=offset, reviewed=reviewed, **filters)
                    assert total == store.count_events(reviewed=reviewed, **filters), filters
                    assert rows == store.events(limit=limit, offset=offset, reviewed=reviewed, **filters)
    # through the API: the first page counts, the next ones reuse the count
    blr = [r["id"] for r in client.get("/api/events?country=BLR").json()["rows"]]
    first, second = (client.get(f"/api/events?country=BLR&limit=2&offset={o}").json() for o in (0, 2))
    assert first["total"] == second["total"] == len(blr) > 2
    assert [r["id"] for r in first["rows"] + second["rows"]] == blr[:4]
    far = client.get("/api/events?limit=5&offset=1000").json()
    assert far["total"] == 12 and far["rows"] == []
    assert client.get("/api/events?reviewed=true").json()["total"] == 11
    assert client.get("/events?page=99").status_code == 200
    for bad in ("page=0", "page=x", "per_page=501", "per_page=0"):
        assert client.get(f"/events?{bad}").status_code == 400, bad


def test_an_actors_quotes_by_and_about_it_match_its_code_or_country_exactly(db):
    from communique.model import Actor, Span

    with Store(db) as store:  # an actor named inside a quote, and one just outside it
        added = next(a for a in (store.get_analysis(i) for i in store.article_ids()) if a.quotes)
        added.article.id = "quoted"
        quote = added.quotes[0]
        inside = Span(added.article.body[quote.start : quote.start + 3], quote.start, quote.start + 3)
        outside = Span(added.article.body[quote.end : quote.end + 1], quote.end, quote.end + 1)
        added.actors += [
            Actor(f"A{len(added.actors) + 1}", "Zedland", "ZZZ", "ZZZ", None, "country", mentions=[inside]),
            Actor(f"A{len(added.actors) + 2}", "Yland", "YYY", "YYY", None, "country", mentions=[outside]),
        ]
        store.add([added])
    with Store(db, create=False) as store:
        analyses = [store.get_analysis(a) for a in store.article_ids()]
        ids = {a.article.id: store.item_ids(a.article.id)["quote"] for a in analyses}
        seen = {"by": 0, "about": 0}
        for code in ("USA", "usa", "BLR", "BLRGOV", "UKR", "UKRBUS", "XYZ", "zzz", "YYY"):
            found = store.actor_quotes(code, limit=50)
            code = code.upper()
            by, about = [], []
            for analysis in analyses:
                for quote, quote_id in zip(analysis.quotes, ids[analysis.article.id], strict=True):
                    speaker = quote.speaker
                    if speaker and code in (speaker.code, speaker.country):
                        by.append(quote_id)
                    if not quote.in_title and any(
                        code in (actor.code, actor.country)
                        and any(quote.start <= m.start and m.end <= quote.end for m in actor.mentions)
                        for actor in analysis.actors
                    ):
                        about.append(quote_id)
            assert [q["id"] for q in found["by"]] == sorted(by), code
            assert [q["id"] for q in found["about"]] == sorted(about), code
            assert len(store.actor_quotes(code, limit=1)["about"]) == min(1, len(about))
            seen["by"] += len(by)
            seen["about"] += len(about)
        assert seen["by"] and seen["about"]


def test_search_finds_articles_and_actors_added_after_the_server_started(client, db):
    before = client.get("/api/search?q=Lukashenko").json()
    with Store(db) as store:
        added = store.get_analysis("a1")
        added.article.id = "a1-again"
        store.add([added])
    after = client.get("/api/search?q=Lukashenko").json()
    assert {a["id"] for a in after["articles"]} == {a["id"] for a in before["articles"]} | {"a1-again"}
    counts = {(a["name"], a["code"]): a["articles"] for a in before["actors"]}
    assert counts and all(a["articles"] == counts[(a["name"], a["code"])] + 1 for a in after["actors"])
    assert client.get("/api/search?q=lukashenko&limit=1").json()["actors"] == after["actors"][:1]


def test_the_web_app_does_not_load_the_language_pipeline():
    import subprocess
    import sys

    code = (
        "import sys, communique, communique.web, communique.store, communique.cli;"
        " print(sorted(m for m in ('spacy', 'thinc', 'communique.pipeline') if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
    from communique import analyze  # still there, loaded when asked for

    assert callable(analyze)
