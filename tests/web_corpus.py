"""The web tests' corpus: the store tests' articles we wrote, plus one article that tries to run script."""

from __future__ import annotations

from pathlib import Path

from communique.model import Actor, ActorRef, Analysis, Article, Event, Quote, Span
from communique.store import Store
from store_corpus import corpus, event

PWNED = "window.__pwned = (window.__pwned || 0) + 1"
HOSTILE_TITLE = f"<script>{PWNED}</script> Hostile title"
HOSTILE_NAME = f'Evil<img src=x onerror="{PWNED}">Corp'


def hostile() -> Analysis:
    """Markup in every field a page shows: title, body, actor names, a speaker, an event's sides."""
    body = (
        f'Ukraine accused Russia of shelling. <img src=x onerror="{PWNED}"> <script>{PWNED}</script>\n'
        f'"<b onmouseover="{PWNED}">We are fine</b>," {HOSTILE_NAME} said.'
    )
    accused = event(body, "accused", "Ukraine", "Russia", "112", "ACCUSE", 3, -2.0)
    accused.source = ActorRef(HOSTILE_NAME, "Ukraine", "UKR", None, code="UKR", start=0, end=7)
    q_start = body.index('"<b')
    q_end = body.index('</b>,"') + len('</b>,"')
    name_at = body.index(HOSTILE_NAME)
    speaker = ActorRef(HOSTILE_NAME, HOSTILE_NAME, "UKR", "BUS", code="UKRBUS", kind="organization")
    return Analysis(
        Article("h1", body, title=HOSTILE_TITLE, published="2023-04-05", url="javascript:alert(1)"),
        actors=[
            Actor("UKR", "Ukraine", "UKR", "UKR", None, "country", mentions=[Span("Ukraine", 0, 7)]),
            Actor(
                "UKRBUS",
                HOSTILE_NAME,
                "UKRBUS",
                "UKR",
                "BUS",
                "organization",
                mentions=[Span(HOSTILE_NAME, name_at, name_at + len(HOSTILE_NAME))],
            ),
        ],
        events=[accused],
        quotes=[Quote(body[q_start:q_end], q_start, q_end, "direct", speaker=speaker)],
    )


def web_analyses() -> list[Analysis]:
    analyses = corpus()
    analyses.append(hostile())
    # an article with a quote and events whose speaker and sides a reviewer may want to change
    body = "Minsk accused Washington of meddling. Lukashenko did not meet Price."
    analyses.append(
        Analysis(
            Article("a6", body, title="Meddling", published="2023-04-10"),
            events=[
                Event(
                    evidence=Span(body[:37], 0, 37),
                    trigger=Span("accused", 5, 12),
                    source=ActorRef("Belarus", "Minsk", "BLR", "GOV", code="BLRGOV", start=0, end=5),
                    target=ActorRef(
                        "United States", "Washington", "USA", "GOV", code="USAGOV", start=13, end=23
                    ),
                    cameo="112",
                    plover="ACCUSE",
                    status="occurred",
                    cameo_name="Accuse",
                    quad_class=3,
                    goldstein=-2.0,
                )
            ],
        )
    )
    return analyses


def write_web_db(path: Path) -> Path:
    with Store(path) as store:
        store.add(web_analyses())
    return path
