"""Mixed quotes: quoted fragments inside reported speech, and which report holds a token."""

from __future__ import annotations

from spacy.tokens import Token

from .attribution import Attribution


class Fragments:
    """Quoted words that are not whole sentences, and the reports around them."""

    def _reported_before(self, k: int) -> bool:
        """Quoted words inside what a cue before them in their sentence reports."""
        a = self.seg_tokens[k][0]
        if a >= len(self.doc):
            return False
        att = self._reports()[a]
        return att is not None and att.cue.sent.start == self.doc[a].sent.start and att.cue.i < a

    def _reports(self) -> list[Attribution | None]:
        """For each token, the innermost attribution with a speaker whose reported content holds it (a belief
        inside someone's speech is theirs: in "said the country expected the deal “to be signed soon”" the
        quoted words are the speaker's)."""
        if self._innermost is None:
            innermost: list[Attribution | None] = [None] * len(self.doc)
            spans = [
                a
                for a in self.attributions
                if a.content is not None and a.speaker is not None and not self._belief_in_speech(a)
            ]
            # widest first, so that narrower (inner) reports overwrite them
            for att in sorted(spans, key=lambda a: a.content[0] - a.content[1]):
                s, e = att.content
                innermost[s:e] = [att] * (e - s)
            self._innermost = innermost
        return self._innermost

    def _fragments(self, direct: list[bool]) -> dict[int, Attribution]:
        """Quoted words that are not whole sentences: speech when a cue reports them, else names or scare quotes."""
        out: dict[int, Attribution] = {}
        for k in range(len(self.segments)):
            if (
                direct[k]
                or self._name_like(k)
                or self._naming_context(k)
                or self._premodifier(k)
                or self._stage_direction(k)
            ):
                continue
            a, b = self.seg_tokens[k]
            if b <= a:
                continue
            scope = self._reports()[a]
            if scope is None:
                scope = self._governing_cue(a, b)
            if scope is not None:
                scope.quoted.append(k)
                out[k] = scope
        return out

    def _governing_cue(self, a: int, b: int) -> Attribution | None:
        """A speech verb the quoted words depend on: "pledged to “...”", "called it “...”"."""
        for root in (t for t in self.doc[a:b] if not (a <= t.head.i < b) and not t.is_punct):
            att = self._cue_above(root)
            if att is not None:
                return att
        return None

    def _cue_above(self, t: Token) -> Attribution | None:
        for _ in range(4):
            if t.head.i == t.i:
                return None
            t = t.head
            att = self.by_cue.get(t.i)
            if att is not None and att.speaker is not None:
                return att
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in self.lex.naming_verbs:
                if t.lemma_.lower() in self.lex.speech:
                    att = self._attribution_at(t)
                    return att if att.speaker is not None else None
                return None
        return None

    def _belief_in_speech(self, att: Attribution) -> bool:
        """A cue of believing, finding or intending inside what someone else reports ("she said she expects")."""
        return att.cue.lemma_.lower() not in self.lex.speech and self._inside_other_report(att)

    def _inside_other_report(self, att: Attribution) -> bool:
        if self._report_depth is None:
            depth = [0] * (len(self.doc) + 1)  # difference array of the reported-content ranges
            for o in self.attributions:
                if o.content is not None and o.speaker is not None:
                    depth[o.content[0]] += 1
                    depth[o.content[1]] -= 1
            running = 0
            for i, d in enumerate(depth):
                running += d
                depth[i] = running
            self._report_depth = depth
        i = att.cue.i
        own = att.speaker is not None and att.content is not None and att.content[0] <= i < att.content[1]
        return self._report_depth[i] - own > 0
