"""Direct quotes: the attribution before or after each quoted stretch, quotes over several paragraphs,
quotes without a cue of their own, and unmarked transcript turns."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from .attribution import RELATIVE_PRONOUNS, Attribution, _puts_it, _Quotation
from .marks import _FAMILY, _GOES_ON_WITH, _LEAD_IN, _SENTENCE_END, Segment


class Direct:
    """The quoted stretches that are whole sentences, and who says them."""

    def _close_end(self, seg: Segment) -> int:
        if seg.close is None:
            return seg.end
        return seg.close + (2 if self.text.startswith("''", seg.close) else 1)

    def _is_mark_token(self, t: Token) -> bool:
        return t.text in ("''", '"', "“", "”", "„", "«", "»", "``")

    def _segment_words(self, k: int) -> str:
        seg = self.segments[k]
        return self.text[seg.start : seg.end]

    def _trailing_frame(self, k: int) -> tuple[int, int]:
        """Tokens after a segment's closing mark up to the end of its sentence, the next quote or paragraph."""
        seg = self.segments[k]
        doc = self.doc
        i = bisect_left(self.starts, self._close_end(seg)) if seg.close is not None else len(doc)
        j = i
        while j < len(doc) and j < i + 60:
            t = doc[j]
            if self.quote_of[j] >= 0 or (self._is_mark_token(t) and j > i):
                break
            if "\n" in t.text:
                break
            j += 1
            if t.text in _SENTENCE_END or "\n" in t.whitespace_:
                break
        return i, j

    def _leading_frame(self, k: int) -> tuple[int, int]:
        """Tokens before a segment's opening mark back to its sentence start, the previous quote or paragraph."""
        seg = self.segments[k]
        doc = self.doc
        j = bisect_left(self.starts, seg.open)
        i = j
        while i > 0 and j - i < 40:
            t = doc[i - 1]
            if self.quote_of[i - 1] >= 0 or self._is_mark_token(t) or "\n" in t.text or "\n" in t.whitespace_:
                break
            if t.text in _SENTENCE_END and i < j:
                break
            i -= 1
        return i, j

    def _cue_in(self, start: int, end: int, last: bool = False) -> Token | None:
        """The first (or last) speech cue among tokens [start, end) outside quotes."""
        lex = self.lex
        rng = range(end - 1, start - 1, -1) if last else range(start, end)
        for i in rng:
            t = self.doc[i]
            if self.quote_of[i] >= 0:
                continue
            if (t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")) and (
                t.lemma_.lower() in lex.speech or t.lemma_.lower() in lex.cognition or _puts_it(t)
            ):
                return t
            if i in self.by_cue and t.lower_ == "according":
                return t
        return None

    def _noun_lead(self, start: int, end: int) -> Attribution | None:
        """'Sanders made the following comment: “...”', 'his statement: “...”': a noun of saying before the
        colon, whose possessor or light verb's subject is the speaker."""
        for i in range(end - 1, start - 1, -1):
            t = self.doc[i]
            if t.pos_ != "NOUN" or t.lemma_.lower() not in self.lex.claim_nouns:
                continue
            speaker = next((c for c in t.children if c.dep_ == "poss"), None)
            if speaker is None and t.dep_ == "dobj" and t.head.lemma_.lower() in self.lex.light_verbs:
                speaker = self._subject(t.head)
            return Attribution(t, t.i + 1, speaker, None) if speaker is not None else None
        return None

    def _attribution_at(self, cue: Token) -> Attribution:
        att = self.by_cue.get(cue.i)
        if att is None:
            att = Attribution(cue, cue.i + 1, self._subject(cue), None)
            self.by_cue[cue.i] = att
        if att.speaker is None and cue.lower_ != "according":
            # an inverted subject the parser took for an object: "said Mr. Pantucci", "read a Global Times editorial";
            # only a cue right after the quote or at the start of its sentence inverts ("..., Jane Doe, told VOA")
            after = [
                c
                for c in (cue.rights if self._inverts(cue) else ())
                if c.dep_ in ("dobj", "nsubj", "attr", "dative")
                and c.left_edge.i <= cue.i + 2
                and c.pos_ in ("PROPN", "NOUN", "PRON")
                and c.ent_type_ not in ("DATE", "TIME")
            ]
            if after:
                att.speaker = after[0]
            elif cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.pos_ == "PROPN":
                att.speaker = cue.head  # "Said Ellis: “...”" parsed as one name
            elif (name := self._inverted_name(cue)) is not None:
                att.speaker = name
                if att.content is not None and att.content[0] <= name.i < att.content[1]:
                    att.content = None  # the parser hung the name inside what it took for the reported clause
            else:
                # "“...,” Representative Jane Doe, told reporters": the comma cut the subject off
                i = cue.i - 1
                if i >= 0 and self.doc[i].text == ",":
                    i -= 1
                if i >= 0 and self.doc[i].pos_ == "PROPN" and self.quote_of[i] < 0:
                    att.speaker = self.doc[i]
        return att

    def _inverts(self, cue: Token) -> bool:
        """The cue stands where its subject may follow it: first in its sentence, or right after a closing mark."""
        i = cue.i - 1
        while i >= cue.sent.start and self.doc[i].is_punct and not self._is_mark_token(self.doc[i]):
            i -= 1
        return i < cue.sent.start or self._is_mark_token(self.doc[i])

    def _inverted_name(self, cue: Token) -> Token | None:
        """ "“...,” said Kristian, who ...": the name right after a cue that follows a quote, whatever the parser
        attached it to (the last word of the name)."""
        doc = self.doc
        i = cue.i + 1
        if i >= len(doc) or doc[i].pos_ != "PROPN" or self.quote_of[i] >= 0 or cue.i == 0:
            return None
        if not self._is_mark_token(doc[cue.i - 1]) and not (
            cue.i > 1 and self._is_mark_token(doc[cue.i - 2])
        ):
            return None
        while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].ent_iob_ == "I":
            i += 1
        return doc[i]

    def _dash_speaker(self, k: int, start: int, end: int) -> Attribution | None:
        """'“...” ― Jane Doe': a name after a dash that follows the closing mark."""
        doc = self.doc
        after = self.text[self._close_end(self.segments[k]) :][:4].lstrip()
        if not after or after[0] not in "—―–-":
            return None
        i = start
        while i < end and (doc[i].is_punct or doc[i].is_space):
            i += 1
        if i >= end or doc[i].pos_ != "PROPN":
            return None
        name = doc[i]
        while name.i + 1 < end and doc[name.i + 1].pos_ == "PROPN":
            name = doc[name.i + 1]
        return Attribution(doc[max(start - 1, 0)], start, name, None)

    def _starts_sentence(self, k: int) -> bool:
        """Nothing of its sentence before the opening mark (or only a cue and a colon, comma or dash)."""
        seg = self.segments[k]
        before, _ = self._text_before(seg.open)
        if not before:
            return True
        last = before[-1]
        if last in _SENTENCE_END or last in ")":
            return True
        if last in "”\"'’" and len(before) > 1 and before[-2] in _SENTENCE_END + ",":
            return True
        return last in _LEAD_IN

    def _ends_clause(self, k: int) -> bool:
        """The quoted words end a sentence or clause of their own."""
        seg = self.segments[k]
        inner = self.text[seg.start : seg.end].rstrip()
        if not inner:
            return False
        if inner[-1] in _SENTENCE_END + ",;:—–…" or seg.close is None:
            return True
        after = self.text[self._close_end(seg) :].lstrip(" \t")
        return not after or after[0] in ".,;:!?\n—–―-)"

    def _trailing_attribution(self, k: int) -> tuple[Attribution | None, int]:
        """The attribution right after a segment's closing mark ("..., he said", "― Jane Doe"), and where it ends."""
        seg = self.segments[k]
        if seg.close is None:
            return None, 0
        a, b = self._trailing_frame(k)
        end = self.doc[b - 1].idx + len(self.doc[b - 1]) if b > a else 0
        dash = self._dash_speaker(k, a, b)
        if dash is not None:
            return dash, end
        cue = self._cue_in(a, b)
        first = next((t for t in self.doc[a:b] if not t.is_punct), None)
        if cue is None or (first is not None and first.pos_ in _GOES_ON_WITH and first.lower_ != "as"):
            # "... were “illegal,” and Moscow would respond", "... as “fake news,” with a spokesman saying ...":
            # the sentence goes on; "“...,” as she put it" is an attribution
            return None, 0
        att = self._attribution_at(cue)
        if (
            att.speaker is not None
            and att.speaker.i < self.seg_tokens[k][0]
            and att.speaker.lower_ not in RELATIVE_PRONOUNS
        ):
            return None, 0  # "Berg, who called the move “a mistake,” said ...": the cue's subject came first
        inner = self.text[seg.start : seg.end].rstrip()
        own_content = att.content is not None and att.content[0] >= b
        if inner.endswith((",", "?", "!", "—", "–", "-")) or not own_content and b - a <= 8:
            return att, end
        return None, 0

    def _quotations(self, direct, trail, lead) -> list[_Quotation]:
        out: list[_Quotation] = []
        for k, seg in enumerate(self.segments):
            if not direct[k]:
                continue
            prev = out[-1] if out else None
            own = trail[k] or lead[k]
            # the next paragraph of the same quote (no closing mark before it), unless it names a speaker of
            # its own; a quote split by its attribution ("“...,” he said, “...”") is two quotes
            if (
                prev is not None
                and prev.segments[-1] == k - 1
                and seg.continues
                and (own is None or prev.cue is None or own.speaker is None or _same_speaker(own, prev.cue))
            ):
                prev.segments.append(k)
                if prev.cue is None:
                    prev.cue = own
                continue
            out.append(_Quotation([k], own))
        # a quoted sentence with no cue continues the latest speaker before it (same or previous paragraph);
        # with none, a paragraph that opens with the quote names its speaker next ("“...” Anna Berg spoke at a
        # rally on Monday.")
        for q in out:
            if q.cue is None:
                q.cue = self._previous_speaker(self.segments[q.segments[0]].open) or self._person_after(
                    self.segments[q.segments[-1]]
                )
                q.continued = q.cue is not None
        return out

    def _person_after(self, seg: Segment) -> Attribution | None:
        """The person the sentence after a quote has for subject, in the quote's paragraph."""
        if seg.close is None:
            return None
        i = bisect_left(self.starts, self._close_end(seg))
        _, para_end = self._para_bounds(seg.open)
        if (
            i >= len(self.doc)
            or self.doc[i].idx >= para_end
            or self.quote_of[i] >= 0
            or not self.doc[i].is_sent_start
        ):
            return None
        root = self.doc[i].sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("that", "this", "those", "these") and subject.i == i:
            # "“...” Those were the words of X", "“...” That is how X described it": the words are the
            # person's the sentence about them names first
            subject = next(
                (
                    t
                    for t in self.doc[i].sent
                    if (a := self.index.actor_of(t)) is not None
                    and a.kind == "person"
                    and self.quote_of[t.i] < 0
                ),
                None,
            )
            while (
                subject is not None
                and subject.i + 1 < len(self.doc)
                and self.index.actor_of(self.doc[subject.i + 1]) is self.index.actor_of(subject)
            ):
                subject = self.doc[subject.i + 1]  # the name's last word heads it
        actor = self.index.actor_of(subject) if subject is not None else None
        return (
            Attribution(root, root.i + 1, subject, None)
            if actor is not None and actor.kind == "person"
            else None
        )

    def _previous_speaker(self, char: int) -> Attribution | None:
        para_start, _ = self._para_bounds(char)
        window_start, _ = self._para_bounds(max(0, para_start - 2))
        if self._spoken is None:
            # not a belief inside someone's speech: in "She said she hoped that ... would show ...", what
            # follows is hers
            self._spoken = sorted(
                (a for a in self.by_cue.values() if a.speaker is not None and not self._belief_in_speech(a)),
                key=lambda a: a.cue.idx,
            )
            self._spoken_at = [a.cue.idx for a in self._spoken]
        k = bisect_left(self._spoken_at, char) - 1
        if k >= 0 and self._spoken_at[k] >= window_start:
            return self._spoken[k]
        return None

    def _unmarked_blocks(self) -> list[tuple[int, int, Attribution]]:
        """Paragraphs of someone's words without quote marks: a transcript's turn ("PENCE: Well, ...") and
        a paragraph introduced by a cue and a colon at the end of the one before ("The governor added:")."""
        out: list[tuple[int, int, Attribution]] = []
        text = self.text
        previous: tuple[int, int] | None = None  # the last paragraph with words
        for para_start in [0] + [b + 1 for b in self.breaks]:
            _, para_end = self._para_bounds(para_start)
            body = text[para_start:para_end]
            start = para_start + len(body) - len(body.lstrip())
            end = para_start + len(body.rstrip())
            if start >= end:
                continue
            before, previous = previous, (start, end)
            if text[start] in _FAMILY or text.startswith("''", start):
                continue  # quote marks: the segments' business
            label = self._speaker_label(start, end)
            if label is not None:
                name, colon = self._token_at(label[1] - 1), self._token_at(label[1])
                out.append((label[2], end, Attribution(self.doc[colon], colon + 1, self.doc[name], None)))
                continue
            if before is None or text[before[1] - 1] != ":":
                continue
            a, b = self._token_range(before[0], before[1])
            cue = self._cue_in(max(a, b - 12), b, last=True)
            if cue is None or cue.lemma_.lower() not in self.lex.speech:
                continue
            att = self._attribution_at(cue)
            if att.speaker is not None and att.content is None:
                out.append((start, end, att))
        return out


def _same_speaker(a: Attribution, b: Attribution) -> bool:
    return (
        a.speaker is not None
        and b.speaker is not None
        and (
            a.speaker.i == b.speaker.i
            or a.speaker.lower_ in ("he", "she", "they")
            or a.speaker.text == b.speaker.text
        )
    )
