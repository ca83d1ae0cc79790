"""Putting it together: the finder over one parsed text (its offsets, the order of the steps, the output),
and the entry points ``find_quotes`` and ``find_title_quotes``."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc

from ..actors import ActorIndex
from ..model import Quote, Span
from .attribution import Attribution, _Quotation
from .direct import Direct
from .fragments import Fragments
from .lexicon import lexicon
from .marks import _GOES_ON, _LABEL, _LEAD_IN, _SENTENCE_END, quote_segments
from .names import NotSpeech
from .reported import Reported
from .speakers import Speakers
from .titles import Headline, _article_speaker


class _Finder(Reported, Speakers, Direct, NotSpeech, Fragments, Headline):
    """The quotes of one parsed text (``run``)."""

    def __init__(self, doc: Doc, index: ActorIndex, *, headline: bool = False):
        self.doc, self.index, self.lex = doc, index, lexicon()
        self.headline = headline
        self.text = doc.text
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []
        self.segments = quote_segments(self.text)
        self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        self._names: set[str] | None = None
        # "“WALLACE: ...": a transcript's speaker label opens the quoted words; the quote starts after it
        self.labels: dict[int, tuple[int, int]] = {}
        for k, seg in enumerate(self.segments):
            label = self._speaker_label(seg.start, seg.end)
            if label is not None:
                self.labels[k] = label[:2]
                seg.start = label[2]
        self.seg_tokens = [self._token_range(s.start, s.end) for s in self.segments]
        self.quote_of = [-1] * len(doc)
        for k, (a, b) in enumerate(self.seg_tokens):
            for i in range(a, b):
                self.quote_of[i] = k
        self.attributions: list[Attribution] = []
        self.by_cue: dict[int, Attribution] = {}
        self._spoken: list[Attribution] | None = None
        self._spoken_at: list[int] = []
        self._innermost: list[Attribution | None] | None = None
        self._report_depth: list[int] | None = None

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens whose first character lies in [start, end)."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)

    def _token_at(self, char: int) -> int:
        return max(0, bisect_left(self.starts, char + 1) - 1)

    def _para_bounds(self, char: int) -> tuple[int, int]:
        k = bisect_left(self.breaks, char)  # breaks: offsets of every newline
        start = self.breaks[k - 1] + 1 if k > 0 else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, end

    def _text_before(self, char: int) -> tuple[str, int]:
        """Up to 200 characters of the paragraph before ``char``, right-stripped, and where they end."""
        para_start, _ = self._para_bounds(char)
        before = self.text[max(para_start, char - 200) : char].rstrip()
        return before, max(para_start, char - 200) + len(before)

    def _speaker_label(self, start: int, end: int) -> tuple[int, int, int] | None:
        """A transcript's speaker label at ``start`` ("WALLACE: ..."): the label's character range and where
        the words after it begin. A label is a speaker when the article names that person elsewhere ("Mike
        Pence") or when labels take turns at the start of paragraphs (a dialogue), so that a lone "UPDATE:"
        or "WATCH:" is not one."""
        m = _LABEL.match(self.text, start, end)
        if m is None or m.group(1) not in self._speaker_labels():
            return None
        return m.start(1), m.end(1), m.end()

    def _speaker_labels(self) -> set[str]:
        if self._names is None:
            found: list[str] = []
            for para_start in [0] + [b + 1 for b in self.breaks]:
                i = para_start
                while i < len(self.text) and self.text[i] in ' \t"“„«':
                    i += 1
                m = _LABEL.match(self.text, i)
                if m is not None:
                    found.append(m.group(1))
            names = {t.text for t in self.doc if t.pos_ == "PROPN" and not t.is_upper}
            dialogue = len(set(found)) >= 2 and len(found) >= 3
            self._names = {label for label in found if dialogue or label.split()[-1].title() in names}
        return self._names

    def run(self) -> list[Quote]:
        self.find_attributions()
        blocks = self._unmarked_blocks()
        if blocks:
            # what the speaker says in the block is theirs, not a report of others' speech
            inside = [False] * len(self.doc)
            for s, e, _ in blocks:
                a, b = self._token_range(s, e)
                inside[a:b] = [True] * (b - a)
            self.attributions = [a for a in self.attributions if not inside[a.cue.i]]
            self.by_cue = {i: a for i, a in self.by_cue.items() if not inside[i]}
        n = len(self.segments)
        direct = [False] * n
        trail: list[Attribution | None] = [None] * n
        lead: list[Attribution | None] = [None] * n
        skip = [self._name_like(k) or self._naming_context(k) or self._stage_direction(k) for k in range(n)]
        frame_end = [0] * n  # character offset where each segment's trailing attribution ends
        for k in range(n):
            if not skip[k]:
                trail[k], frame_end[k] = self._trailing_attribution(k)
        for k in range(n):
            if skip[k]:
                continue
            seg = self.segments[k]
            before, before_end = self._text_before(seg.open)
            # "“...” ― Jane Doe “...”": after the previous quote's attribution a new quote starts
            after_attribution = (
                k > 0
                and trail[k - 1] is not None
                and frame_end[k - 1] >= before_end
                and (trail[k - 1].content is None or before.endswith(tuple(_SENTENCE_END)))
            )
            if k in self.labels:
                # "“PENCE: ...": one speaker's turn in a transcript, a quote of its own
                label_start, label_end = self.labels[k]
                name, colon = self._token_at(label_end - 1), self._token_at(label_end)
                lead[k] = Attribution(self.doc[colon], colon + 1, self.doc[name], None)
                direct[k] = True
                continue
            starts = seg.continues or after_attribution or self._starts_sentence(k)
            # “...,” X said: the quoted words are what X said, wherever they begin, unless what comes before
            # them reports them ("which Duterte described as a “...,” according to Xinhua": a fragment)
            inverted = (
                trail[k] is not None
                and self.text[seg.start : seg.end].rstrip().endswith(",")
                and not self._reported_before(k)
            )
            direct[k] = (starts or inverted) and self._ends_clause(k)
            if k > 0 and direct[k - 1] and trail[k - 1] is not None and _GOES_ON.search(before):
                # “...,” he said, but “...”: the same speaker goes on after the attribution
                cue_end = trail[k - 1].cue.idx
                if cue_end < seg.open and frame_end[k - 1] >= before_end - 4:
                    lead[k] = trail[k - 1]
                    direct[k] = self._ends_clause(k)
                    continue
            if before.endswith(tuple(_LEAD_IN)):
                a, b = self._leading_frame(k)
                cue = self._cue_in(a, b, last=True)
                if cue is not None:
                    lead[k] = self._attribution_at(cue)
                elif before.endswith(":") and 0 < b - a <= 5:
                    label = self.doc[b - 2] if self.doc[b - 1].text == ":" and b - 2 >= a else None
                    if label is not None and label.pos_ in ("PROPN", "NOUN"):
                        lead[k] = Attribution(self.doc[b - 1], b, label, None)
                elif before.endswith(":"):
                    lead[k] = self._noun_lead(a, b)
        quotations = self._quotations(direct, trail, lead)
        fragments = self._fragments(direct)
        return self._output(quotations, fragments, blocks)

    def _output(
        self,
        quotations: list[_Quotation],
        fragments: dict[int, Attribution],
        blocks: list[tuple[int, int, Attribution]],
    ) -> list[Quote]:
        doc = self.doc
        items: list[tuple[tuple[int, int], Quote]] = []
        covered = [False] * len(doc)
        for start, end, att in blocks:
            # without marks the words cannot be told from a paraphrase: reported as indirect
            start, end = self._trimmed(start, end)
            items.append(((start, 0), self._quote(self.text[start:end], start, end, "indirect", att, 0.7)))
        for q in quotations:
            parts = [self._trimmed(self.segments[k].start, self.segments[k].end) for k in q.segments]
            parts = [p for p in parts if p[1] > p[0]]
            if not parts:
                continue
            for k in q.segments:
                a, b = self.seg_tokens[k]
                for i in range(a, b):
                    covered[i] = True
            text = " ".join(self.text[s:e] for s, e in parts)
            att = q.cue
            confidence = 0.9 if att is not None and not q.continued else 0.7 if att is not None else 0.4
            items.append(
                ((parts[0][0], 0), self._quote(text, parts[0][0], parts[-1][1], "direct", att, confidence))
            )
        clause_emitted: set[int] = set()
        for att in self.attributions:
            if att.content is None or att.speaker is None:
                continue  # reported speech is reported by someone; with no one found, it is not attributed
            s, e = att.content
            inside = sum(covered[s:e])
            if inside * 2 >= e - s:
                continue  # the words are a direct quote, emitted above
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            words = [k for k in att.quoted if k in fragments and fragments[k] is att]
            if self._belief_in_speech(att):
                continue  # "she said she expects ...": the belief is part of what she said
            quoted_chars = sum(self.segments[k].end - self.segments[k].start for k in words)
            if words and quoted_chars * 10 >= (end - start) * 6:
                continue  # mostly quoted: the quoted words stand for the clause
            confidence = 0.8 if att.speaker is not None else 0.5
            # the reported clause around quoted words is indirect speech; the quoted words are the mixed quote
            items.append(
                ((start, 1), self._quote(self.text[start:end], start, end, "indirect", att, confidence))
            )
            clause_emitted.add(att.cue.i)
        for k, att in fragments.items():
            if (
                att.cue.i in clause_emitted
                and len(re.findall(r"\w+", self._segment_words(k))) < MIN_FRAGMENT_WORDS
            ):
                continue
            s, e = self._trimmed(self.segments[k].start, self.segments[k].end)
            if e <= s:
                continue
            anchor = doc[att.content[0]].idx if att.cue.i in clause_emitted else s
            items.append(((anchor, 0), self._quote(self.text[s:e], s, e, "mixed", att, 0.8)))
        items.sort(key=lambda x: x[0])
        return [q for _, q in items]

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
            end -= 1
        return start, end

    def _quote(
        self, text: str, start: int, end: int, kind: str, att: Attribution | None, confidence: float
    ) -> Quote:
        speaker = self.speaker_ref(att.speaker) if att is not None else None
        cue = None
        if att is not None:
            c = self.doc[att.cue.i : att.cue_end]
            cue = Span(c.text, c.start_char, c.end_char)
        return Quote(
            text=text, start=start, end=end, kind=kind, speaker=speaker, cue=cue, confidence=confidence
        )


#: Quoted words inside an emitted reported clause are a quote of their own from this many words on.
MIN_FRAGMENT_WORDS = 2


def find_quotes(doc: Doc, index: ActorIndex) -> list[Quote]:
    """The quotes of a parsed article, in text order, with speakers resolved through ``index``."""
    return _Finder(doc, index).run()


def find_title_quotes(title_doc: Doc, title: str, title_index: ActorIndex, index: ActorIndex) -> list[Quote]:
    """The quotes of a headline ("UN chief: killings 'utterly unacceptable'", "X says Y"): quotes of the article
    with ``in_title`` set, offsets into ``title``, speakers resolved to the article's actors where the body
    names them. ``title_doc`` is the parse of ``headline_for_parsing(title, body)``."""
    quotes = _Finder(title_doc, title_index, headline=True).run()
    for q in quotes:
        q.in_title = True
        if q.end - q.start == len(q.text):
            q.text = title[q.start : q.end]  # the title's own case and marks
        if q.cue is not None:
            q.cue.text = title[q.cue.start : q.cue.end]
        if q.speaker is not None:
            q.speaker = _article_speaker(q.speaker, title, index)
    return quotes
