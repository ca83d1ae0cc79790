"""A browser (Debian's Chromium driven by Playwright) against `communique serve` on a free loopback port."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (the dev extra)"
)
pytest.importorskip("fastapi", reason="the web extra is not installed")

from communique import cli  # noqa: E402
from communique.web import create_app, serving  # noqa: E402
from web_corpus import write_web_db  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return write_web_db(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def server(db):
    with serving(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield page
    context.close()
    assert errors == []


def test_search_and_open_an_article_with_its_events_and_quotes_marked(page):
    page.goto("/")
    page.fill("#home-q", "drones")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=drones")
    page.get_by_role("link", name="Lukashenko in Beijing").click()
    page.wait_for_url("**/article/a1")
    assert page.locator(".body a.trigger").count() == 3
    assert page.locator(".body .quote").count() == 1
    assert page.locator(".body a.actor").count() >= 5
    tip = page.locator("#trigger-1 .tip")
    assert not tip.is_visible()
    page.hover("#trigger-1")
    assert tip.is_visible() and "042" in tip.inner_text() and "CONSULT" in tip.inner_text()
    # by keyboard: tab from the skip link into the text reaches the first trigger, whose coding shows
    page.mouse.move(0, 0)
    page.focus("#trigger-1")
    assert tip.is_visible() and "occurred" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # the side list and the text link to each other
    page.click("#event-2 a.jump")
    assert page.url.endswith("#trigger-2")
    page.click("#trigger-3")
    assert page.url.endswith("#event-3")
    assert page.locator("#event-3 .badge").inner_text() == "alleged"
    assert "Ned Price" in page.locator("#quote-1").inner_text()


def test_correct_an_event_and_see_it_in_the_events_table_and_the_gold_export(page, db, tmp_path):
    page.goto("/article/a6")
    page.locator("#event-12").get_by_role("link", name="Review").click()
    page.wait_for_url("**/article/a6?review=event-12#event-12")
    item = page.locator("#event-12")
    item.get_by_label("corrected as below").check()
    item.get_by_label("Status").select_option("negated")
    item.get_by_label("Your name").fill("Ana Reviewer")
    item.get_by_role("button", name="Save review").click()
    page.wait_for_url("**/article/a6#event-12")
    assert "Corrected by Ana Reviewer" in page.locator("#event-12 .review-state").inner_text()
    assert "status: negated" in page.locator("#event-12 ul.corrected").inner_text()
    assert page.locator("#event-12 .badge").inner_text() == "occurred"  # the machine's coding is still shown

    page.goto("/events?status=negated")
    assert page.locator("#total").inner_text() == "1"
    page.check("text=with corrections")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**reviewed=1**")
    assert page.locator("#total").inner_text() == "2"
    assert page.locator("table.events tbody tr", has_text="Minsk accused Washington").count() == 1

    gold = tmp_path / "gold.jsonl"
    assert cli.main(["export", "--db", str(db), "--format", "gold", "--output", str(gold)]) == 0
    docs = {d["id"]: d for d in map(json.loads, gold.read_text().splitlines())}
    assert docs["a6"]["events"][0]["status"] == "negated" and docs["a6"]["reviewed_by"] == ["Ana Reviewer"]


def test_follow_an_actor_to_its_timeline_a_dyad_and_the_network(page):
    page.goto("/article/a1")
    page.locator("#event-1").get_by_role("link", name="Aleksandr Lukashenko").click()
    page.wait_for_url("**/actor/BLRGOV")
    assert page.locator("h1").inner_text().startswith("Aleksandr Lukashenko")
    assert page.locator(".chart svg rect").count() >= 2
    page.get_by_role("link", name="dyad BLRGOV and CHNGOV").click()
    page.wait_for_url("**/dyad/BLRGOV/CHNGOV")
    assert page.locator(".chart svg rect").count() == 2  # one visit a month, February and March
    assert page.locator(".chart svg polyline").count() == 2  # Goldstein and PLOVER sums
    page.locator(".chart svg a").first.click()
    assert page.url.endswith("#period-2023-02")
    assert "Lukashenko arrived in Beijing" in page.locator("#period-2023-02").inner_text()

    page.goto("/network")
    assert page.locator(".network svg circle").count() >= 5
    assert page.locator(".network svg line.edge").count() >= 4
    assert page.locator(".blocs li").count() >= 2
    page.locator(".network svg a.node", has_text="UKR").click()
    page.wait_for_url("**/actor/UKR")


def test_download_the_events_csv_and_read_it_back(page):
    page.goto("/events?country=CHN")
    shown = int(page.locator("#total").inner_text())
    with page.expect_download() as info:
        page.click("#csv")
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert len(rows) == shown == 6
    assert all("CHN" in (r["source_country"], r["target_country"]) for r in rows)


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_a_hostile_article_never_runs_script(browser, server, bypass_csp):
    # with the Content-Security-Policy bypassed, escaping alone must keep the page inert
    context = browser.new_context(base_url=server, bypass_csp=bypass_csp)
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda dialog: ran.append(dialog.message) or dialog.dismiss())
    for path in ["/article/h1", "/search?q=hostile", "/search?q=fine", "/actor/UKRBUS", "/events", "/"]:
        page.goto(path)
        for element in page.locator(".trigger, .quote, .actor").all()[:10]:
            element.hover()
        assert page.evaluate("window.__pwned") is None, path
    page.goto("/article/h1")
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator(".body img, .body script, [onerror], [onmouseover]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    context.close()
    assert ran == []


@pytest.mark.parametrize("path", ["/article/a1", "/dyad/BLR/CHN", "/network", "/events"])
def test_pages_fit_a_phone_screen(browser, server, path):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()
