"""A small corpus of Analysis records we write ourselves, and a fast fake analyzer, for the store tests.

The corpus (dates in 2023):
- a1 (02-28, news.example.com): Belarus's president visits China (042, CONSULT visit); the US accuses China
  (112); China allegedly supplies Russia (alleged); a quote by Ned Price that mentions China.
- a2 (03-01, other.example.org): the same visit (merges with a1's); China denies supplying Russia (negated).
- a3 (03-10, news.example.com): China hosts Belarus again (043, its own cluster);
  the US sanctions Belarus (163).
- a4 (04-02, no URL): Russia attacks Ukraine (190); Ukraine rejects Russia (12); Belarus and Russia
  cooperate (061, dated 03-30 by its own time expression).
- a5 (04-03): hostile strings in every text field.
"""

from __future__ import annotations

import re

from communique.model import Actor, ActorRef, Analysis, Article, Event, Place, Quote, Span, TimeRef

ACTORS = {
    "Lukashenko": ("Aleksandr Lukashenko", "BLRGOV", "BLR", "GOV", "person"),
    "Xi": ("Xi Jinping", "CHNGOV", "CHN", "GOV", "person"),
    "Price": ("Ned Price", "USAGOV", "USA", "GOV", "person"),
    "China": ("China", "CHN", "CHN", None, "country"),
    "Russia": ("Russia", "RUS", "RUS", None, "country"),
    "Ukraine": ("Ukraine", "UKR", "UKR", None, "country"),
    "Belarus": ("Belarus", "BLR", "BLR", None, "country"),
    "Washington": ("United States", "USAGOV", "USA", "GOV", "place"),
    "Moscow": ("Russia", "RUSGOV", "RUS", "GOV", "place"),
    "Kyiv": ("Ukraine", "UKRGOV", "UKR", "GOV", "place"),
    "Minsk": ("Belarus", "BLRGOV", "BLR", "GOV", "place"),
}


def span(body: str, text: str, after: int = 0) -> Span:
    start = body.index(text, after)
    return Span(text, start, start + len(text))


def ref(body: str, words: str, after: int = 0) -> ActorRef:
    name, code, country, sector, kind = ACTORS[words]
    s = span(body, words, after)
    return ActorRef(
        name, words, country, sector, code=code, kind=kind, actor_id=code, start=s.start, end=s.end
    )


def sentence_of(body: str, words: str) -> Span:
    """The sentence (up to and including its full stop) that contains ``words``."""
    at = body.index(words)
    stop, newline = body.rfind(". ", 0, at), body.rfind("\n", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, newline + 1)
    end = body.index(".", at) + 1
    return Span(body[start:end], start, end)


def event(
    body: str,
    trigger: str,
    source: str | None,
    target: str | None,
    cameo: str,
    plover: str | None,
    quad: int,
    goldstein: float,
    status: str = "occurred",
    date: TimeRef | None = None,
    mode: str | None = None,
    location: Place | None = None,
) -> Event:
    return Event(
        evidence=sentence_of(body, trigger),
        trigger=span(body, trigger),
        source=ref(body, source) if source else None,
        target=ref(body, target, body.index(trigger)) if target else None,
        cameo=cameo,
        plover=plover,
        status=status,
        plover_mode=mode,
        quad_class=quad,
        goldstein=goldstein,
        date=date,
        location=location,
        confidence=0.9,
    )


def actors_of(body: str) -> list[Actor]:
    """Every known actor word of the body, with its mentions."""
    found = []
    for words, (name, code, country, sector, kind) in ACTORS.items():
        mentions = [Span(words, m.start(), m.end()) for m in re.finditer(re.escape(words), body)]
        if mentions:
            found.append(Actor(code, name, code, country, sector, kind, role=None, mentions=mentions))
    return found


def corpus() -> list[Analysis]:
    analyses = []

    body = (
        "Lukashenko arrived in Beijing on Tuesday to meet Xi.\n"
        "Price accused China of helping Moscow. "
        "He said China supplied Moscow with drones. "
        '"China cannot have it both ways," Price said.'
    )
    tuesday = TimeRef(
        "2023-02-28", "day", "on Tuesday", body.index("on Tuesday"), body.index("on Tuesday") + 10
    )
    a1 = Article(
        "a1",
        body,
        title="Lukashenko in Beijing",
        published="2023-02-28",
        url="https://www.news.example.com/a1",
        byline="By A. Writer",
        dateline="BEIJING",
        credits=["B. Writer contributed reporting."],
        source="feed.jsonl:1",
    )
    q_start = body.index('"China')
    q_end = body.index('ways,"') + len('ways,"')
    analyses.append(
        Analysis(
            a1,
            actors=actors_of(body),
            events=[
                event(
                    body,
                    "arrived",
                    "Lukashenko",
                    "Xi",
                    "042",
                    "CONSULT",
                    1,
                    1.9,
                    date=tuesday,
                    mode="visit",
                    location=Place("Beijing", "CHN", body.index("Beijing"), body.index("Beijing") + 7),
                ),
                event(body, "accused", "Price", "China", "112", "ACCUSE", 3, -2.0),
                event(body, "supplied", "China", "Moscow", "070", "AID", 2, 7.0, status="alleged"),
            ],
            quotes=[
                Quote(
                    body[q_start:q_end],
                    q_start,
                    q_end,
                    "direct",
                    speaker=ref(body, "Price", q_end),
                    cue=span(body, "said", q_end),
                )
            ],
            times=[tuesday],
        )
    )

    body = "Lukashenko visited Xi in Beijing. China denied that it supplied Moscow with weapons."
    a2 = Article("a2", body, title="Visit", published="2023-03-01", url="https://other.example.org/a2")
    analyses.append(
        Analysis(
            a2,
            actors=actors_of(body),
            events=[
                event(body, "visited", "Lukashenko", "Xi", "042", "CONSULT", 1, 1.9, mode="visit"),
                event(body, "supplied", "China", "Moscow", "070", "AID", 2, 7.0, status="negated"),
            ],
        )
    )

    body = "Xi hosted Lukashenko again. Washington imposed sanctions on Minsk."
    a3 = Article("a3", body, title="Again", published="2023-03-10", url="https://news.example.com/a3")
    analyses.append(
        Analysis(
            a3,
            actors=actors_of(body),
            events=[
                event(body, "hosted", "Xi", "Lukashenko", "043", "CONSULT", 1, 2.8),
                event(body, "imposed", "Washington", "Minsk", "163", "SANCTION", 4, -8.0),
            ],
        )
    )

    body = (
        "Moscow attacked Kyiv overnight. Kyiv rejected talks with Moscow. "
        "Minsk agreed last week to cooperate with Moscow on defence."
    )
    last_week = TimeRef(
        "2023-03-30", "day", "last week", body.index("last week"), body.index("last week") + 9
    )
    a4 = Article("a4", body, title="War", published="2023-04-02", source="notes/a4.txt")
    analyses.append(
        Analysis(
            a4,
            actors=actors_of(body),
            events=[
                event(body, "attacked", "Moscow", "Kyiv", "190", "ASSAULT", 4, -10.0),
                event(body, "rejected", "Kyiv", "Moscow", "12", "REJECT", 3, -4.0),
                event(body, "cooperate", "Minsk", "Moscow", "061", "COOPERATE", 2, 6.4, date=last_week),
            ],
            times=[last_week],
        )
    )

    body = "Robert'); DROP TABLE events;-- said 100% of _everything_ is \\ fine. Price said so."
    a5 = Article(
        "a5", body, title="'; DROP TABLE articles; --", published="2023-04-03", url="https://x.example/%27"
    )
    analyses.append(
        Analysis(
            a5,
            actors=actors_of(body),
            quotes=[Quote(body[:40], 0, 40, "indirect", speaker=None)],
        )
    )
    return analyses


# ---------------------------------------------------------------- a fast stand-in for analyze


_PAIR = re.compile(r"\b([A-Z]{3}) (meets|hosts|attacks|accuses|helps) ([A-Z]{3})\b")
_VERBS = {
    "meets": ("040", "CONSULT", 1, 1.0),
    "hosts": ("043", "CONSULT", 1, 2.8),
    "attacks": ("190", "ASSAULT", 4, -10.0),
    "accuses": ("112", "ACCUSE", 3, -2.0),
    "helps": ("070", "AID", 2, 7.0),
}


def fake_analyze(article: Article) -> Analysis:
    """Events from sentences like 'BLR meets CHN.', one actor per code, a quote per quoted passage."""
    body = article.body
    events, actors = [], {}
    for match in _PAIR.finditer(body):
        refs = []
        for group in (1, 3):
            code = match.group(group)
            actor = actors.setdefault(code, Actor(code, code, code, code, None, "country"))
            actor.mentions.append(Span(code, match.start(group), match.end(group)))
            refs.append(
                ActorRef(code, code, code, None, code=code, start=match.start(group), end=match.end(group))
            )
        cameo, plover, quad, goldstein = _VERBS[match.group(2)]
        events.append(
            Event(
                evidence=Span(match.group(0), match.start(), match.end()),
                trigger=Span(match.group(2), match.start(2), match.end(2)),
                source=refs[0],
                target=refs[1],
                cameo=cameo,
                plover=plover,
                status="occurred",
                quad_class=quad,
                goldstein=goldstein,
            )
        )
    quotes = [Quote(m.group(0), m.start(), m.end(), "direct") for m in re.finditer(r'"[^"]+"', body)]
    return Analysis(article, actors=list(actors.values()), events=events, quotes=quotes)


def fake_analyze_chunk(articles: list[Article]) -> list[Analysis]:
    return [fake_analyze(a) for a in articles]


def slow_fake_analyze_chunk(articles: list[Article]) -> list[Analysis]:
    """The fake analyzer at about 20 articles a second, so a test can kill an ingest midway."""
    import time

    time.sleep(0.05 * len(articles))
    return fake_analyze_chunk(articles)


def feed_lines(n: int) -> list[dict]:
    """``n`` small feed articles over ten weeks, with overlapping reports of the same meetings."""
    countries = ["BLR", "CHN", "RUS", "USA", "UKR"]
    verbs = list(_VERBS)
    lines = []
    for i in range(n):
        a, b = countries[i % 5], countries[(i * 2 + 1) % 5]
        if a == b:
            b = countries[(i + 1) % 5]
        text = (
            f"Report number {i}. {a} {verbs[i % 5]} {b} in the capital. "
            f'"We spoke about item {i}," an official said. {b} meets {a} later.'
        )
        lines.append(
            {
                "id": f"art-{i:03d}",
                "published": f"2023-{1 + i // 20:02d}-{1 + (i * 3) % 28:02d}",
                "text": text,
            }
        )
    return lines
