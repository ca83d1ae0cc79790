"""Quote marks: which open and which close, and the quoted stretches of a text (``quote_segments``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING, CLOSING, EITHER = "open", "close", "either"


_MARK = re.compile(r"''|[\"“”„«»]|\n")


_SENTENCE_END = ".!?"


_LEAD_IN = ":,—–―-"


_GOES_ON = re.compile(r",\s*(?:but|and|or)$")  # what may stand between a cue and the quote it introduces


_REASONS = ("because", "if", "unless")  # marks of a reason or condition


_GOES_ON_WITH = ("CCONJ", "ADP", "SCONJ")  # a sentence that goes on after quoted words, not an attribution


# a transcript's speaker label: one to three words in capitals and a colon ("WALLACE: ...", "SEN. JANE DOE: ...")
_LABEL = re.compile(r"([A-Z][A-Z'’.-]*[A-Z.](?: [A-Z][A-Z'’.-]*[A-Z.]){0,2}):[ \t]+(?=\S)")


# a stage direction in a transcript: "(CROSSTALK)", "[APPLAUSE]"
_STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\W*")


@dataclass
class Segment:
    """One stretch of text inside quote marks: ``start``/``end`` bound the words inside the marks."""

    open: int  # offset of the opening mark
    start: int
    end: int
    close: int | None  # offset of the closing mark; None when the paragraph ended first
    continues: bool = False  # an earlier paragraph's quote goes on here (no closing mark before this one)


def _mark_role(text: str, i: int, mark: str) -> str:
    """Whether a quote mark opens or closes, from its glyph and the characters either side."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + len(mark)] if i + len(mark) < len(text) else "\n"
    opens = before.isspace() or before in "([{—–―-/"
    closes = after.isspace() or after in ".,;:!?)]}—–―-'’"
    if mark in "“„«":
        return CLOSING if closes and not opens and before in ".,!?" else OPENING
    if mark in "”»":
        return OPENING if opens and not closes and after.isalnum() else CLOSING
    if opens and not closes:
        return OPENING
    if closes and not opens:
        return CLOSING
    return EITHER


_FAMILY = {
    '"': "straight",
    "''": "straight",
    "“": "curly",
    "”": "curly",
    "„": "curly",
    "«": "angle",
    "»": "angle",
}


def quote_segments(text: str) -> list[Segment]:
    """The quoted stretches of a text, in order (double marks: straight, curly, '' and guillemets).

    A quote still open when its paragraph ends continues into the next paragraph if that one starts
    with an opening mark (the convention for quotes of several paragraphs); otherwise it ends there.
    Single marks are left alone: inside double marks they are quotes within the quote, elsewhere
    they are mostly apostrophes."""
    segments: list[Segment] = []
    open_at: int | None = None
    open_len = 1
    pending_continuation = False
    inner: str | None = None  # the family of a quote opened inside the open one with other marks
    for m in _MARK.finditer(text):
        i, mark = m.start(), m.group()
        if mark == "\n":
            inner = None
            if open_at is not None:
                end = i
                rest = text[i:].lstrip()
                first = "''" if rest.startswith("''") else rest[:1]
                # the next paragraph goes on with the quote when it opens with a mark of the same kind
                follows = (
                    first in ("''", '"', "“", "”", "„", "«")
                    and _mark_role(text, len(text) - len(rest), first) != CLOSING
                    and _FAMILY.get(first) == _FAMILY.get(text[open_at : open_at + open_len])
                )
                segments.append(Segment(open_at, open_at + open_len, end, None, pending_continuation))
                open_at, pending_continuation = None, follows
            continue
        role = _mark_role(text, i, mark)
        if open_at is None:
            if role == CLOSING:
                pending_continuation = False
                continue  # a stray closing mark
            open_at, open_len = i, len(mark)
            continue
        outer = _FAMILY.get(text[open_at : open_at + open_len])
        if inner is not None and _FAMILY.get(mark) == inner and role != OPENING:
            inner = None  # "PENCE: ... an episode of “Shark Tank.” But ...": the inner quote closes
            continue
        if role == OPENING:
            inside = text[open_at + open_len : i].rstrip()
            if mark in "“„«" and _FAMILY[mark] != outer and inner is None:
                inner = _FAMILY[mark]  # a quote within the quote, in other marks
                continue
            if inside and inside[-1] in _SENTENCE_END + "”\"'’":
                # a new paragraph's opening mark in text whose paragraph breaks were lost
                segments.append(
                    Segment(
                        open_at,
                        open_at + open_len,
                        len(inside) + open_at + open_len,
                        None,
                        pending_continuation,
                    )
                )
                pending_continuation = True
                open_at, open_len = i, len(mark)
            continue
        segments.append(Segment(open_at, open_at + open_len, i, i, pending_continuation))
        open_at, pending_continuation, inner = None, False, None
    if open_at is not None:
        segments.append(Segment(open_at, open_at + open_len, len(text.rstrip()), None, pending_continuation))
    return [s for s in segments if s.end > s.start]
