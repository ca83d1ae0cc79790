"""Quoted words that are not speech: titles, names, slogans, scare quotes and stage directions."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from .marks import _STAGE_DIRECTION

_TITLE_FUNCTION_WORDS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "vs",
    "but", "nor", "s", "is", "into", "over", "up",
}  # fmt: skip


class NotSpeech:
    """Tests that a quoted stretch names something rather than reports words."""

    def _stage_direction(self, k: int) -> bool:
        return _STAGE_DIRECTION.fullmatch(self._segment_words(k)) is not None

    def _name_like(self, k: int) -> bool:
        """A title, name or slogan: short, and every content word capitalised."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self._segment_words(k))
        if not words or len(words) > 12:
            return False
        starts = self._starts_sentence(k)
        if len(words) == 1 and starts and self._ends_clause(k):
            return False  # "“Yes,” he said."
        # a sentence's first word is capitalised anyway: "“It is over,” he said." is speech
        tested = words[1:] if starts and len(words) > 1 else words
        content = [w for w in tested if w.lower() not in _TITLE_FUNCTION_WORDS]
        if not content:
            return False
        return all(w[0].isupper() for w in content)

    def _naming_context(self, k: int) -> bool:
        """The quoted string is named by what precedes it: "headlined", "author of", "known as", "so-called"."""
        lex = self.lex
        doc = self.doc
        j = bisect_left(self.starts, self.segments[k].open)
        prev: list[Token] = []
        for i in range(j - 1, max(-1, j - 6), -1):
            t = doc[i]
            if t.is_punct and t.text not in ("-", ","):
                break  # the naming words stand right before the mark ("headlined “...”", "author of “...”")
            if not t.is_punct and t.lower_ not in ("the", "a", "an", "his", "her", "its", "their"):
                prev.insert(0, t)
            if len(prev) == 3:
                break
        if not prev:
            return False
        last = prev[-1]
        lemma = last.lemma_.lower()
        if last.lower_ in lex.naming_words or lemma in ("so-called",):
            # "Clinton called half of his supporters “deplorables”": an evaluation someone speaks
            return not (last.lower_ in ("called", "named") and self._subject_of_naming(last))
        if last.lower_ == "of" and len(prev) >= 2 and prev[-2].lemma_.lower() in lex.naming_nouns:
            return True
        if (
            last.lower_ == "as"
            and len(prev) >= 2
            and prev[-2].lemma_.lower() in ("know", "refer", "describe", "dub", "brand", "label")
        ):
            return prev[-2].lemma_.lower() in ("know", "refer") or not self._subject_of_naming(prev[-2])
        # "the book “...”", "the slogan “...”": a title, or the quoted words standing in apposition to the noun
        if last.pos_ != "NOUN" or lemma not in lex.naming_nouns or last.dep_ == "compound":
            return False
        a, b = self.seg_tokens[k]
        inner = self._segment_words(k).lstrip()
        return inner[:1].isupper() or any(t.head.i == last.i for t in self.doc[a:b])

    def _subject_of_naming(self, verb: Token) -> bool:
        """Whether a naming verb ("called") is said by someone: it has an active subject."""
        if verb.dep_ in ("acl", "amod") or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return False
        return self._subject(verb) is not None

    def _premodifier(self, k: int) -> bool:
        """The quoted words modify a noun after them: "a “no limits” partnership"."""
        a, b = self.seg_tokens[k]
        if b <= a:
            return False
        heads = {t.head.i for t in self.doc[a:b] if not (a <= t.head.i < b)}
        return (
            bool(heads)
            and all(h >= b and self.doc[h].pos_ in ("NOUN", "PROPN") for h in heads)
            and all(
                t.dep_
                in (
                    "amod",
                    "compound",
                    "nmod",
                    "nummod",
                    "punct",
                    "det",
                    "advmod",
                    "npadvmod",
                    "poss",
                    "case",
                )
                for t in self.doc[a:b]
                if not (a <= t.head.i < b)
            )
        )
