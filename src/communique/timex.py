"""Temporal expressions, normalized against the article's date.

API::

    find_times(doc, published) -> list[TimeRef]
        Every time point in a parsed text (a spaCy Doc), in text order. ``published`` is the article date
        ("2023-02-28"; a longer ISO timestamp is cut to its date; None or unreadable: no anchor).
        TimeRef.start/end are character offsets into doc.text, end exclusive; TimeRef.text is the
        expression's own words ("Tuesday", "more than a year ago", "the spring", "1994"); a preposition
        before it ("on", "in", "since") is not part of the span. Tense comes from the governing verb.

    normalize(text, anchor, tense="past") -> TimeRef | None
        One expression ("on Tuesday", "last month", "March 5, 2021"), with or without its preposition.
        ``anchor`` is the article date (datetime.date) or None; ``tense`` is "future" for planned events
        ("will meet on Friday", "is expected to ... in the spring"); anything else reads as past.
        None when the words are not a time point (durations such as "three-day", "for two years",
        "68-year-old", "24 hours", vague ones such as "recent years").

    clause_tense(token) -> "past" | "present" | "future" | None
        The tense of the clause a token belongs to, as find_times uses it.

    parse_published(published) -> date | None

    article_time(published) -> TimeRef | None
        The article date as an event's date when no expression is attached to its clause
        (value "2023-02-28", granularity "day", text None, from_article True); None without a date.

Values are ISO prefixes, so a finer value starts with the coarser one:

    granularity  value                         examples
    day          2023-02-28                    Tuesday, yesterday, March 5, 2021-03-05, three days ago
    week         2021-05-17 (that week's Monday) this week, last week, two weeks ago, this weekend
    month        2022-02                       last month, in March, March 2021, a year ago
    season       2023-03 (the season's first month)  in the spring, last winter, spring 2021
    year         2020                          in 2020, since 1994, last year, two years ago
    decade       1990                          the 1990s, last decade

Resolution rules (documented choices):
- Weekdays: past tense or none -> the most recent such day on or before the article date (an article of
  Tuesday 2023-02-28 saying "on Tuesday" means that day); future -> the next such day strictly after it.
  "last Friday" -> the most recent Friday strictly before the date; "next Friday" -> the first one after it.
- Months without a year: past -> the most recent such month on or before the article's month; future ->
  the first on or after it. Month-days without a year likewise ("March 5"). "last March" / "next March":
  strictly before / after the article's month.
- Seasons are meteorological (spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec-Feb) and
  take the value of their first month; a winter belongs to the year it starts in, so "this winter" in
  January 2024 is 2023-12. Bare "the spring": past -> the most recent spring that has begun by the article's
  month; future -> the current one if the article falls in it, else the next. "this spring" -> the spring
  of the article's year (winter: the one running in Jan/Feb, else the one starting in December).
  "last spring" -> the most recent spring that ended before the article's month; "next spring" -> the
  first that starts after it.
- "N units ago": days -> day, weeks -> week, months -> month, years -> year, except one year ("a year ago",
  "more than a year ago") -> month (2023-02-28 -> 2022-02), hours/minutes -> day, decades -> year.
  Hedges ("more than", "nearly") do not change the value. Vague counts ("a few days ago", "days ago")
  count 3 and give one granularity coarser (days -> week, weeks -> month, months -> year); vague years or
  decades ("years ago") stay unresolved (value None).
- "early/late/mid-" and "the end of" do not change the value ("late Tuesday", "mid-2020", "early March").
- Without an article date, relative expressions keep value None (granularity and words kept); absolute
  ones ("in 1991", "March 5, 2021", "the 1990s") still resolve.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from communique.model import TimeRef

YEAR = r"(1\d{3}|20\d{2})"
DAYNUM = r"(\d{1,2})(?:st|nd|rd|th)?"
UNITS = ("minute", "hour", "day", "week", "weekend", "month", "year", "decade")


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, int]
    day_parts: tuple[str, ...]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    approximators: tuple[str, ...]
    edge_words: tuple[str, ...]
    prepositions: tuple[str, ...]
    future_cues: frozenset[str]


@functools.cache
def _words() -> _Words:
    text = resources.files("communique").joinpath("data", "timex.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return _Words(
        months={str(k): int(v) for k, v in data["months"].items()},
        weekdays={str(k): int(v) for k, v in data["weekdays"].items()},
        seasons={str(k): int(v) for k, v in data["seasons"].items()},
        day_parts=tuple(data["day_parts"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        vague_numbers=tuple(data["vague_numbers"]),
        approximators=tuple(data["approximators"]),
        edge_words=tuple(data["edge_words"]),
        prepositions=tuple(data["prepositions"]),
        future_cues=frozenset(data["future_cues"]),
    )


def _alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words, longest first, spaces as any white space."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


# ---------------------------------------------------------------------------------------------------------
# Calendar arithmetic


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _fmt_day(day: date) -> str:
    return day.isoformat()


def _fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _valid_day(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _season_start(day_month: tuple[int, int], first_month: int) -> tuple[int, int]:
    """(year, month) at which the latest season starting in ``first_month`` began, on or before (year, month)."""
    year, month = day_month
    start_year = year if month >= first_month else year - 1
    return start_year, first_month


def _in_season(start: tuple[int, int], at: tuple[int, int]) -> bool:
    months_since = (at[0] * 12 + at[1]) - (start[0] * 12 + start[1])
    return 0 <= months_since <= 2


# ---------------------------------------------------------------------------------------------------------
# normalize(): one expression


def parse_published(published: str | None) -> date | None:
    """The article date from "YYYY-MM-DD" (or a longer ISO timestamp); None when missing or unreadable."""
    if not published:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    return _valid_day(int(match[1]), int(match[2]), int(match[3]))


def article_time(published: str | None) -> TimeRef | None:
    """The article date standing in for an event's date (``from_article=True``); None when there is none."""
    day = parse_published(published)
    if day is None:
        return None
    return TimeRef(value=day.isoformat(), granularity="day", text=None, from_article=True)


def _clean(text: str) -> str:
    s = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip(' ,;:!?"()[]')
    s = re.sub(r"(\d0)'s$", r"\1s", s)  # "1990's" is a decade
    s = re.sub(r"'s$", "", s)
    return s.rstrip(" .,")


def _strip_leading(s: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for word in sorted(words, key=len, reverse=True):
            if s.startswith(word + " "):
                s = s[len(word) + 1 :]
                changed = True
                break
    return s


Result = tuple[str | None, str]  # (value, granularity)


def normalize(text: str, anchor: date | None, tense: str | None = "past") -> TimeRef | None:
    """The time point one expression names, resolved against ``anchor``; None if it names none."""
    result = _resolve(_clean(text), anchor, tense == "future")
    if result is None:
        return None
    value, granularity = result
    return TimeRef(value=value, granularity=granularity, text=text.strip())


def _resolve(s: str, anchor: date | None, future: bool) -> Result | None:
    words = _words()
    s = _strip_leading(s, words.prepositions)
    s = re.sub(r"^mid-(?=\d)", "mid ", s)
    s = _strip_leading(s, words.edge_words)
    s = _strip_leading(s, words.prepositions)  # "the end of in" never occurs, but "early in 2020" does
    if not s:
        return None
    for rule in _rules():
        match = rule.pattern.fullmatch(s)
        if match:
            return rule.handler(match, anchor, future)
    return None


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: Any


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    w = _words()
    month = "(" + _alternation(w.months) + r")\.?"
    weekday = "(" + _alternation(w.weekdays) + r")\.?"
    season = "(" + _alternation(w.seasons) + ")"
    parts = _alternation(w.day_parts)
    number = "(" + _alternation(list(w.numbers) + list(w.vague_numbers)) + r"|\d+)"
    approx = _alternation(w.approximators)
    units = "(" + "|".join(UNITS) + ")s?"
    specs = [
        (r"(\d{4})-(\d{2})-(\d{2})", _iso_day),
        (rf"(?:{weekday},? )?{month} {DAYNUM}(?: ?- ?\d{{1,2}})?(?:,? {YEAR})?(?: {parts})?", _month_day),
        (rf"(?:{weekday},? )?(?:the )?{DAYNUM}(?: of)? {month}(?:,? {YEAR})?", _day_month),
        (rf"{month},? (?:of )?{YEAR}", _month_year),
        (rf"(?:(this|last|next) )?{month}", _month_alone),
        (rf"(?:the )?(?:year )?{YEAR}", _year),
        (r"(?:the )?(?:early |late |mid )?(?:((?:1\d|20)\d)0s|'?(\d)0s)", _decade),
        (rf"(?:(this|last|next|the) )?(?:(early|late) )?{season}(?:,? (?:of )?{YEAR})?", _season),
        (rf"(?:(this|last|next) )?{weekday}(?: {parts})?", _weekday),
        (
            rf"(today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow|last night"
            rf"|(?:this|yesterday|tomorrow) {parts})",
            _relative_day,
        ),
        (
            r"(?:(earlier|later) )?(this|last|next|the coming|the current) "
            r"(week|weekend|month|year|decade)",
            _relative_unit,
        ),
        (rf"(?:{approx} )?(?:{number} )?{units} ago", _ago),
    ]
    return tuple(_Rule(re.compile(p), h) for p, h in specs)


def _iso_day(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    day = _valid_day(int(m[1]), int(m[2]), int(m[3]))
    return (_fmt_day(day), "day") if day else None


def _closest_day(month: int, day: int, anchor: date, future: bool) -> date | None:
    """The date of month/day nearest the anchor in the direction of the tense (on or before / on or after)."""
    step = 1 if future else -1
    for offset in range(0, 9):  # 9 years cover any February 29
        candidate = _valid_day(anchor.year + step * offset, month, day)
        if candidate and (candidate >= anchor if future else candidate <= anchor):
            return candidate
    return None


def _month_day_result(month: int, day: int, year: str | None, anchor: date | None, future: bool):
    if year:
        found = _valid_day(int(year), month, day)
        return (_fmt_day(found), "day") if found else None
    if _valid_day(2024, month, day) is None:  # 2024: a leap year, so Feb 29 passes here
        return None
    if anchor is None:
        return None, "day"
    found = _closest_day(month, day, anchor, future)
    return (_fmt_day(found), "day") if found else None


def _month_day(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    return _month_day_result(_words().months[m[2]], int(m[3]), m[4], anchor, future)


def _day_month(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    return _month_day_result(_words().months[m[3]], int(m[2]), m[4], anchor, future)


def _month_year(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    return _fmt_month(int(m[2]), _words().months[m[1]]), "month"


def _month_alone(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    if anchor is None:
        return None, "month"
    month = _words().months[m[2]]
    which = m[1]
    year = anchor.year
    if which == "last" or (which != "next" and not future):
        strictly = which == "last"
        if month > anchor.month or (strictly and month == anchor.month):
            year -= 1
    else:
        strictly = which == "next"
        if month < anchor.month or (strictly and month == anchor.month):
            year += 1
    return _fmt_month(year, month), "month"


def _year(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    return m[1], "year"


def _decade(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    if m[1]:
        return m[1] + "0", "decade"
    decade = int(m[2]) * 10
    century = 2000 if anchor is not None and 2000 + decade <= anchor.year else 1900
    return str(century + decade), "decade"


def _season(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    which, name, year = m[1], m[3], m[4]
    first = _words().seasons[name]
    if year:
        return _fmt_month(int(year), first), "season"
    if anchor is None:
        return None, "season"
    at = (anchor.year, anchor.month)
    current = _season_start(at, first)  # the latest season of this name begun by the article's month
    if which == "this":
        start = (anchor.year - 1 if first == 12 and anchor.month < 3 else anchor.year, first)
    elif which == "last":
        start = current if not _in_season(current, at) else (current[0] - 1, first)
    elif which == "next":
        start = (current[0] + 1, first)
    elif future:
        start = current if _in_season(current, at) else (current[0] + 1, first)
    else:
        start = current
    return _fmt_month(*start), "season"


def _weekday(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    if anchor is None:
        return None, "day"
    which, target = m[1], _words().weekdays[m[2]]
    back = (anchor.weekday() - target) % 7  # days since the most recent such day, 0 if today
    ahead = (target - anchor.weekday()) % 7
    if which == "last":
        day = anchor - timedelta(days=back or 7)
    elif which == "next":
        day = anchor + timedelta(days=ahead or 7)
    elif which == "this":
        day = anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)
    elif future:
        day = anchor + timedelta(days=ahead or 7)
    else:
        day = anchor - timedelta(days=back)
    return _fmt_day(day), "day"


def _relative_day(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    words = m[1]
    if words.startswith(("yesterday", "last night")):
        delta = -1
    elif words.startswith("tomorrow"):
        delta = 1
    elif words == "the day before yesterday":
        delta = -2
    elif words == "the day after tomorrow":
        delta = 2
    else:
        delta = 0
    if anchor is None:
        return None, "day"
    return _fmt_day(anchor + timedelta(days=delta)), "day"


def _relative_unit(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    edge, which, unit = m[1], m[2], m[3]
    if edge and which != "this":
        return None  # "earlier last year" is not English; "later next month" is rare and vague
    step = {"last": -1, "next": 1, "the coming": 1}.get(which, 0)
    granularity = "week" if unit == "weekend" else unit
    if anchor is None:
        return None, granularity
    if granularity == "week":
        return _fmt_day(_monday(anchor) + timedelta(weeks=step)), "week"
    if unit == "month":
        return _fmt_month(*_add_months(anchor.year, anchor.month, step)), "month"
    if unit == "year":
        return str(anchor.year + step), "year"
    return str(anchor.year // 10 * 10 + 10 * step), "decade"


def _count(word: str | None) -> int | None:
    """The count of "N units ago"; None for a vague or missing count."""
    if word is None:
        return None
    word = re.sub(r"\s+", " ", word)
    if word.isdigit():
        return int(word)
    return _words().numbers.get(word)


def _ago(m: re.Match[str], anchor: date | None, future: bool) -> Result | None:
    count_word, unit = m[1], m[2]
    plural = m[0].rstrip().removesuffix(" ago").endswith("s")
    n = _count(count_word)
    vague = n is None and (count_word is not None or plural)
    if n is None:
        n = 1 if not vague else 3
    if unit == "weekend":
        unit = "week"
    if unit in ("minute", "hour"):
        granularity = "day"
    elif unit == "day":
        granularity = "week" if vague else "day"
    elif unit == "week":
        granularity = "month" if vague else "week"
    elif unit == "month":
        granularity = "year" if vague else "month"
    elif unit == "year":
        granularity = "year" if vague or n > 1 else "month"
    else:
        granularity = "year"
    if vague and unit in ("year", "decade"):
        return None, granularity
    if anchor is None:
        return None, granularity
    if unit == "minute":
        day = anchor
    elif unit == "hour":
        day = anchor - timedelta(days=n // 24)
    elif unit == "day":
        day = anchor - timedelta(days=n)
    elif unit == "week":
        day = anchor - timedelta(weeks=n)
    else:
        months = {"month": 1, "year": 12, "decade": 120}[unit] * n
        year, month = _add_months(anchor.year, anchor.month, -months)
        return (_fmt_month(year, month) if granularity == "month" else str(year)), granularity
    if granularity == "day":
        return _fmt_day(day), "day"
    if granularity == "week":
        return _fmt_day(_monday(day)), "week"
    if granularity == "month":
        return _fmt_month(day.year, day.month), "month"
    return str(day.year), "year"


# ---------------------------------------------------------------------------------------------------------
# find_times(): every expression of a parsed text


@functools.cache
def _finders() -> tuple[re.Pattern[str], ...]:
    """Patterns that find candidate expressions in running text; group "t" is the expression.

    Deliberately loose: normalize() decides. Abbreviated month and weekday names are found only with their
    period ("Jan.", "Sept."), and bare month names and years only after a preposition, so that "may",
    "march", "sun" or "1,500" in ordinary text are not taken for dates.
    """
    w = _words()
    full_months = _alternation(
        k for k in w.months if len(k) > 4 or k in ("march", "april", "may", "june", "july")
    )
    short_months = _alternation(k for k in w.months if len(k) <= 4 and k not in ("may", "june", "july"))
    month = rf"(?:{full_months}|{short_months}\.)"
    weekday = _alternation(k for k in w.weekdays if k.endswith("day"))
    season = _alternation(w.seasons)
    parts = _alternation(w.day_parts)
    number = "(?:" + _alternation(list(w.numbers) + list(w.vague_numbers)) + r"|\d+)"
    approx = _alternation(w.approximators)
    # Not "to", "and": "rose to 1500", "between 1,200 and 1500" are counts, not years.
    prep = r"\b(?:in|since|by|until|till|from|during|of|before|after|through|throughout)\s+"
    edge = r"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|early\s+|late\s+|mid-?)?"
    year = r"(?:1\d{3}|20\d{2})"
    daynum = r"\d{1,2}(?:st|nd|rd|th)?"
    patterns = [
        r"\b(?P<t>\d{4}-\d{2}-\d{2})\b",
        rf"\b(?P<t>(?:{weekday},?\s+)?{month}\s+{daynum}(?:\s*-\s*\d{{1,2}})?(?:,?\s+{year})?)\b",
        rf"\b(?P<t>(?:{weekday},?\s+)?(?:the\s+)?{daynum}(?:\s+of)?\s+{month}(?:,?\s+{year})?)(?![\w-])",
        rf"\b(?P<t>{edge}{month},?\s+(?:of\s+)?{year})\b",
        rf"\b(?P<t>(?:this|last|next)\s+{month})(?![\w-])",
        rf"{prep}(?P<t>{edge}{month})(?![\w-])",
        rf"{prep}(?P<t>(?:the\s+year\s+)?(?:early\s+|late\s+|mid-?)?{year})(?![\w%-]|,\d|\.\d)",
        rf"\b(?P<t>mid-{year})\b",
        r"\b(?P<t>(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:(?:1\d|20)\d0s|'\d0s))(?!\w)",
        rf"\b(?P<t>(?:this|last|next)\s+{season})\b",
        # not "after the fall of Kabul"
        rf"{prep}(?P<t>(?:the\s+)?(?:early\s+|late\s+)?{season}(?:\s+(?:of\s+)?{year})?)\b(?!\s+of\s+(?!{year}))",
        rf"\b(?P<t>{season}\s+(?:of\s+)?{year})\b",
        rf"\b(?P<t>(?:(?:this|last|next|early|late)\s+)?{weekday}(?:\s+{parts})?)\b",
        rf"\b(?P<t>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        rf"|last\s+night|(?:this|yesterday|tomorrow)\s+{parts})\b",
        rf"\b(?P<t>{edge}(?:(?:earlier|later)\s+)?(?:this|last|next|the\s+coming|the\s+current)\s+"
        r"(?:week|weekend|month|year|decade))\b",
        rf"\b(?P<t>(?:{approx}\s+)?(?:{number}\s+)?(?:{'|'.join(UNITS)})s?\s+ago)\b",
    ]
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _candidates(doc: Doc, text: str) -> set[tuple[int, int]]:
    spans = set()
    for pattern in _finders():
        for match in pattern.finditer(text):
            spans.add(match.span("t"))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            start, end = ent.start_char, ent.end_char
            words = text[start:end]
            for suffix in ("'s", "’s"):
                if words.endswith(suffix):
                    end -= len(suffix)
            lead = _leading_prepositions().match(words)
            if lead:
                start += lead.end()
            if start < end:
                spans.add((start, end))
    return spans


@functools.cache
def _leading_prepositions() -> re.Pattern[str]:
    """Prepositions at the start of an entity ("since 1997"): the span keeps only the expression."""
    return re.compile(r"(?:" + _alternation(_words().prepositions) + r"\s+)+", re.IGNORECASE)


_COUNT_CONTEXT = {
    "to",
    "than",
    "about",
    "nearly",
    "almost",
    "some",
    "around",
    "approximately",
    "over",
    "under",
    "and",
}


def _plausible_year(span: Span) -> bool:
    """False for a bare four-digit number that reads as a count ("rose to 2000", "2000 troops")."""
    if len(span) != 1 or not re.fullmatch(r"\d{4}", span.text):
        return True
    token = span[0]
    if token.i > 0 and token.nbor(-1).lower_ in _COUNT_CONTEXT:
        return False
    return not (token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS"))


def find_times(doc: Doc, published: str | None) -> list[TimeRef]:
    """Every time point in ``doc``, normalized against the article date, in text order, not overlapping."""
    anchor = parse_published(published)
    found: list[TimeRef] = []
    text = doc.text  # built anew from the tokens on every access
    for start, end in _candidates(doc, text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not _plausible_year(span):
            continue
        tense = clause_tense(span.root) if span is not None and len(span) else None
        ref = normalize(text[start:end], anchor, tense)
        if ref is not None:
            ref.start, ref.end = start, end
            found.append(ref)
    chosen: list[TimeRef] = []
    for ref in sorted(found, key=lambda r: (-(r.end - r.start), r.start)):  # type: ignore[operator]
        if all(ref.end <= other.start or ref.start >= other.end for other in chosen):  # type: ignore[operator]
            chosen.append(ref)
    return sorted(chosen, key=lambda r: r.start)  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------------------------------------------------
# Tense from the parse

_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "'d"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re", "’s", "’re", "be"}


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(50):  # a parse is a tree, but guard against surprises
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _own_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if any(a.lower_ in ("has", "have", "had", "'ve") for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and any(a.lower_ in _PRESENT_AUX for a in auxes):
        return "future"  # "is meeting on Friday": the progressive of news plans
    if any(a.lower_ in _PRESENT_AUX | {"does", "do"} for a in auxes) or verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _cue_tense(cue: Token) -> str | None:
    """Tense of an expectation cue; for an adjective ("is due to", "is likely to"), that of its verb."""
    if cue.pos_ == "ADJ" and cue.head.i != cue.i:
        return _own_tense(cue.head)
    return _own_tense(cue)


def clause_tense(token: Token) -> str | None:
    """ "past", "present", "future" or None for the clause whose verb governs ``token``."""
    verb = _governing_verb(token)
    if verb is None:
        return None
    cues = _words().future_cues
    if verb.lemma_ in cues and _cue_tense(verb) in ("present", "future"):
        return "future"
    tense = _own_tense(verb)
    if tense == "future":
        return tense
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and head.lemma_ in cues:
        cue_tense = _cue_tense(head)
        if cue_tense in ("present", "future"):
            return "future"
        return cue_tense or tense
    return tense
