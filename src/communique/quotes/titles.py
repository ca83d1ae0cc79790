"""Headlines: the parse-friendly form of a title, its "X: ..." attribution, and its speakers as the
article's actors."""

from __future__ import annotations

import re

from ..actors import ActorIndex
from ..model import ActorRef
from .attribution import Attribution

#: How many words before a headline's colon may name its speaker ("Former DNC chairman: ...").
MAX_HEADLINE_SPEAKER_WORDS = 6


# a headline's single quote marks: 'utterly unacceptable', ‘crazy system’ (an apostrophe has a letter on both sides)
_HEADLINE_QUOTE = re.compile(r"(?<![\w'‘’])['‘](?=\w)([^'‘’\n]*?[\w.!?,])['’](?![\w'‘’])")


_WORD_RE = re.compile(r"[^\W\d_]+")


class Headline:
    """The attribution only a headline has."""

    def _headline_colon(self) -> Attribution | None:
        """A headline's "X: ..." ("UN chief: killings 'utterly unacceptable'"): a short noun phrase without a
        verb before the colon says what follows, unless it labels the story ("The Latest: ...")."""
        doc = self.doc
        colon = next((t for t in doc[: MAX_HEADLINE_SPEAKER_WORDS + 1] if t.text == ":"), None)
        if colon is None or colon.i == 0 or colon.i + 1 >= len(doc):
            return None
        before = doc[: colon.i]
        if before.text.lower() in self.lex.headline_labels or any(t.pos_ in ("VERB", "AUX") for t in before):
            return None
        head = next((t for t in reversed(before) if t.pos_ in ("PROPN", "NOUN")), None)
        if head is None:
            return None
        content = self._trim(colon.i + 1, len(doc))
        return None if content is None else Attribution(colon, colon.i + 1, head, content, via="headline")


def headline_for_parsing(title: str, body: str) -> str:
    """The title as the parser reads it best, character for character as long: its single quote marks made
    double ("UN chief: killings “utterly unacceptable”") and, in a Title Case headline, the words the body
    writes in lower case lowered ("Lindsey Graham Says" -> "Lindsey Graham says")."""
    text = _HEADLINE_QUOTE.sub(lambda m: "“" + m.group(1) + "”", title)
    words = _WORD_RE.findall(text)
    if len(words) < 3 or sum(w[0].isupper() for w in words[1:]) < 0.6 * (len(words) - 1):
        return text
    lower_in_body = set(_WORD_RE.findall(body)) - {w for w in _WORD_RE.findall(body) if w[0].isupper()}

    def lowered(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        return low if m.start() > 0 and w[0].isupper() and low in lower_in_body and len(low) == len(w) else w

    return _WORD_RE.sub(lowered, text)


def _article_speaker(ref: ActorRef, title: str, index: ActorIndex) -> ActorRef:
    """A headline's speaker as the article's actor of that name ("Sanders" -> Bernie Sanders), else as is."""
    if ref.start is not None and ref.end is not None:
        ref.text = title[ref.start : ref.end]
    names = [ref.name, ref.text] if ref.name else [ref.text]
    for name in names:
        last = name.split()[-1].lower() if name and name.split() else None
        found = [a for a in index.actors if a.name.lower() == name.lower()] or [
            a for a in index.actors if a.kind == "person" and last and a.name.split()[-1].lower() == last
        ]
        if len(found) == 1:
            a = found[0]
            return ActorRef(
                name=a.name, text=ref.text, country=a.country, sector=a.sector, code=a.code, group=a.group,
                kind=a.kind, actor_id=a.id, start=ref.start, end=ref.end,
            )  # fmt: skip
    return ref
