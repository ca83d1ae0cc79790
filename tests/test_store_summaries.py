"""The store's summary tables (an actor page's months and counterparts, actor names, quotes about an actor)
agree with computing the same from the stored rows, as articles and corrections are added."""

from __future__ import annotations

from collections import Counter, defaultdict

from communique.analysis import parse_day
from communique.store import Store
from communique.web import views
from web_corpus import web_analyses


def timeline_from_events(code: str, rows: list[dict]) -> dict:
    """An actor page's timeline computed from its events (what the page did before the summaries)."""
    months = views.month_range(r["date"] for r in rows)
    given: dict[str, Counter] = defaultdict(Counter)
    received: dict[str, Counter] = defaultdict(Counter)
    counterparts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        if r["quad_class"] in views.QUAD_NAMES and parse_day(r["date"]):
            (given if r["given"] else received)[r["date"][:7]][r["quad_class"]] += 1
        other = "target" if r["given"] else "source"
        other_code = r[f"{other}_code"] or r[f"{other}_country"]
        if other_code and other_code != code:
            side = counterparts[(other_code, r[other] or other_code)]
            side["events"] += 1
            side["cooperation"] += 1 if (r["quad_class"] or 0) in (1, 2) else 0
            side["conflict"] += 1 if r["quad_class"] and r["quad_class"] not in (1, 2) else 0
    ranked = sorted(counterparts.items(), key=lambda kv: (-kv[1]["events"], kv[0]))
    return {
        "months": months,
        "given": sum(1 for r in rows if r["given"]),
        "received": sum(1 for r in rows if not r["given"]),
        "chart": [(m, dict(given[m]), dict(received[m])) for m in months],
        "counterparts": [
            {
                "code": c,
                "name": n,
                "events": k["events"],
                "cooperation": k["cooperation"],
                "conflict": k["conflict"],
            }
            for (c, n), k in ranked[:15]
        ],
    }


def timeline_from_summary(store: Store, code: str, reviewed: bool) -> dict:
    found = views.actor_timeline(code, store.actor_summary(code, reviewed=reviewed))
    bars: dict[str, tuple[dict, dict]] = {m: ({}, {}) for m in found["months"]}
    for row in store.actor_summary(code, reviewed=reviewed)["months"]:
        if row["month"] and row["quad_class"]:
            bars[row["month"]][0 if row["given"] else 1][row["quad_class"]] = row["events"]
    return {**found, "chart": [(m, *bars[m]) for m in found["months"]]}


def names_from_actors(store: Store, code: str) -> list[dict]:
    rows = store.connection.execute(
        store.dialect.sql(
            "SELECT name, code, country, sector, kind, COUNT(*) AS articles FROM actors"
            " WHERE code = ? OR country = ? GROUP BY name, code, country, sector, kind"
        ),
        (code, code),
    )
    found = sorted(
        (dict(r) for r in rows),
        key=lambda r: (-r["articles"], r["name"], [v or "" for v in (r["code"], r["country"], r["sector"])]),
    )
    return found[:8]


def quotes_about_from_text(store: Store, code: str, reviewed: bool) -> list[int]:
    """Ids of the quotes of the text holding a mention of an actor with this code or country."""
    ids = []
    quote_ids = {r["id"] for r in store.quotes(reviewed=reviewed)}
    for article_id in store.article_ids():
        analysis = store.get_analysis(article_id)
        item_ids = store.item_ids(article_id)["quote"]
        spans = [
            (m.start, m.end)
            for actor in analysis.actors
            if code in (actor.code, actor.country)
            for m in actor.mentions
            if m.start is not None and m.end is not None
        ]
        for quote, item_id in zip(analysis.quotes, item_ids, strict=True):
            if quote.in_title or quote.start is None or item_id not in quote_ids:
                continue
            if any(quote.start <= x and y <= quote.end for x, y in spans):
                ids.append(item_id)
    return sorted(ids)[:10]


def quotes_by_from_rows(store: Store, code: str, reviewed: bool) -> list[int]:
    """Ids of the quotes whose speaker (as stored, or with the corrections applied) has this code or country."""
    return sorted(
        q["id"] for q in store.quotes(reviewed=reviewed) if code in (q["speaker_code"], q["speaker_country"])
    )


def codes(store: Store) -> list[str]:
    found = set()
    for e in store.events():
        found |= {e["source_code"], e["source_country"], e["target_code"], e["target_country"]}
    for a in store.iter_export("actors"):
        found |= {a["code"], a["country"]}
    return sorted(found - {None, ""})


def actors_from_rows(store: Store, by: str, country: str | None, sector: str | None) -> list[dict]:
    """``iter_actors`` computed from the events, quotes and mentions (the store's own query for it)."""
    group = {"actor": ("name", "code"), "code": ("code",), "country": ("country",)}[by]
    conditions = [f"{group[0]} IS NOT NULL"] + ["country = ?"] * bool(country) + ["sector = ?"] * bool(sector)
    shown = (
        list(group)
        + {
            "actor": ["MAX(country) AS country", "MAX(sector) AS sector"],
            "code": ["MAX(name) AS example_name"],
            "country": [],
        }[by]
    )
    rows = store._execute(
        "actor_activity",
        [v for v in (country, sector) if v],
        where="WHERE " + " AND ".join(conditions),
        group_columns=", ".join(shown),
        group_by=", ".join(group),
    )
    return [dict(r) for r in rows]


def assert_actor_lists_agree(store: Store) -> None:
    rows = list(store.iter_export("actors"))
    countries = sorted({r["country"] for r in rows if r["country"]})
    sectors = sorted({r["sector"] for r in rows if r["sector"]})
    for by in ("actor", "code", "country"):
        for country in [None, *countries]:
            for sector in [None, *sectors]:
                expected = actors_from_rows(store, by, country, sector)
                assert list(store.iter_actors(by=by, country=country, sector=sector)) == expected, (
                    by,
                    country,
                    sector,
                )
    assert store.actors(by="actor", limit=3) == actors_from_rows(store, "actor", None, None)[:3]


def assert_summaries_agree(store: Store) -> None:
    assert codes(store)
    assert_actor_lists_agree(store)
    for code in codes(store):
        for reviewed in (False, True):
            expected = timeline_from_events(code, store.actor_events(code, reviewed=reviewed))
            assert timeline_from_summary(store, code, reviewed) == expected, (code, reviewed)
            about = [q["id"] for q in store.actor_quotes(code, reviewed=reviewed)["about"]]
            assert about == quotes_about_from_text(store, code, reviewed), (code, reviewed)
            speakers = quotes_by_from_rows(store, code, reviewed)
            for limit in (2, 10):  # a few at a time: more are asked for past quotes a correction took away
                by = [q["id"] for q in store.actor_quotes(code, limit=limit, reviewed=reviewed)["by"]]
                assert by == speakers[:limit], (code, reviewed, limit)
        names = store.actor_names(code)
        expected_names = names_from_actors(store, code)
        assert [n["articles"] for n in names] == [n["articles"] for n in expected_names]
        assert sorted(map(str, names)) == sorted(map(str, expected_names)), code


def test_summaries_agree_with_the_rows_as_articles_and_corrections_come(new_db):
    analyses = web_analyses()
    with Store(new_db()) as store:
        store.add(analyses[:3])
        assert_summaries_agree(store)
        store.add(analyses[3:])  # more articles: the counts of actors already there grow
        assert_summaries_agree(store)
        events = {e["id"]: e for e in store.events()}
        quotes = store.quotes()
        # a changed side (an actor gains events, another loses them), a changed QuadClass, a wrong event,
        # then a second correction of the same event that brings it back
        first, second, third = sorted(events)[:3]
        store.add_correction(
            "event", first, verdict="corrected", reviewer="Ana", target={"name": "Ukraine", "country": "ukr"}
        )
        assert_summaries_agree(store)
        store.add_correction("event", second, verdict="corrected", reviewer="Ana", cameo="190")
        store.add_correction("event", third, verdict="wrong", reviewer="Ben")
        assert_summaries_agree(store)
        store.add_correction("event", third, verdict="right", reviewer="Ben")
        store.add_correction("quote", quotes[0]["id"], verdict="wrong", reviewer="Ben")
        assert_summaries_agree(store)
        # a quote given a speaker the machine never named, one taken from its speaker, then given back
        spoken = [q for q in quotes if q["speaker_country"]]
        store.add_correction(
            "quote",
            quotes[-1]["id"],
            verdict="corrected",
            reviewer="Ana",
            speaker={"name": "Togo", "country": "tgo"},
        )
        store.add_correction(
            "quote",
            spoken[1]["id"],
            verdict="corrected",
            reviewer="Ana",
            speaker={"name": "Togo", "country": "tgo"},
        )
        assert_summaries_agree(store)
        assert [q["id"] for q in store.actor_quotes("TGO", reviewed=True)["by"]] == sorted(
            {quotes[-1]["id"], spoken[1]["id"]}
        )
        assert store.actor_quotes("TGO")["by"] == []
        store.add_correction("quote", spoken[1]["id"], verdict="right", reviewer="Ben")
        assert spoken[1]["id"] not in [q["id"] for q in store.actor_quotes("TGO", reviewed=True)["by"]]
        assert_summaries_agree(store)
        machine = {code: timeline_from_summary(store, code, False) for code in codes(store)}
        store.rebuild_summaries()  # computed again from scratch: the same tables
        assert {code: timeline_from_summary(store, code, False) for code in codes(store)} == machine
        assert_summaries_agree(store)


def test_a_correction_moves_an_event_between_actor_pages_only_when_reviewed(new_db):
    with Store(new_db()) as store:
        store.add(web_analyses())
        event = next(e for e in store.events() if e["target_country"] and e["target_country"] != "KEN")
        before = store.actor_summary("KEN", reviewed=True)
        store.add_correction(
            "event",
            event["id"],
            verdict="corrected",
            reviewer="Ana",
            target={"name": "Kenya", "country": "KEN"},
        )
        assert store.actor_summary("KEN", reviewed=False) == before  # machine output unchanged
        received = views.actor_timeline("KEN", store.actor_summary("KEN", reviewed=True))
        assert received["received"] == 1
        assert store.actor_summary("KEN", reviewed=False)["months"] == []
