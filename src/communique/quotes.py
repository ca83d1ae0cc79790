"""Quotations and who said them.

``find_quotes(doc, index)`` returns the quotes of a parsed article (a spaCy ``Doc`` of the body) with
their speakers resolved through the article's ``ActorIndex``:

- ``direct``: whole sentences in quote marks ("“...,” he said."; "said Mr. Pantucci"; "X said: “...”"),
  over several sentences or paragraphs (an opening mark on each paragraph, the closing one on the last),
  with quotes inside quotes kept inside. Each stretch between an opening and a closing mark is a quote of
  its own (``eval/FORMAT.md``): a quote split by its attribution ("“...,” he said, “...”") is two quotes
  of the same speaker, and a quoted sentence with no cue of its own (“...,” he said. “...”) is another
  quote of the speaker before it. Each turn of a quoted transcript ("“PENCE: ...") is a
  quote of its labelled speaker.
- ``mixed``: quoted words inside reported speech, from two words on ("warned China that it would face
  “real costs” if ..."; a single quoted word is not a quote of its own). The reported clause around them
  is indirect speech (``eval/FORMAT.md``); when the quoted words make most of the clause, they alone
  stand for it.
- ``indirect``: the that-clause or bare clause of a speech or cognition verb ("Beijing has denied that
  ..."), the clause an inverted or parenthetical attribution reports ("..., a source said", "The museum,
  he said, will open ..."), what "according to X" qualifies, a claim noun's clause ("Trump's claim that
  ..."), an object and its complement ("called the plan a disaster"), and what some speech acts announce,
  ask for or intend ("urged Congress to act", "wants to leave"), what speech verbs name ("mentioned the
  shortage") and what polls, studies and records show or find. A parenthetical attribution inside a
  sentence that goes on reports the whole sentence, the attribution included ("Lenox thrived, he said,
  until 1999"). Someone's words without quote marks - a transcript's turn ("REYES: ...") or the
  paragraph after "The governor added:" - are indirect too: without marks they cannot be told from a
  paraphrase. A belief reported inside someone's speech ("she said she expects ...") is part of that
  speech, not a second quote; reported speech whose speaker cannot be found is left out.

Speakers: a cue's subject, an inverted subject right after the quote ("said Kristian, who ..."; not the
addressee of "..., Jane Doe, told VOA"), the one quoted in "quoted X as saying", a pronoun or role noun
resolved by the ``ActorIndex`` (never to someone the quoted words name), the person an appositive names ("The
head of the agency, Maria Duarte, said"), the author of a document ("a Journal editorial"); a plural speaker
("they", "the two leaders", "senators led by A and B") is the people its phrase, or the plural subject before
it, names. Quoted words inside someone's reported belief are the reporter's ("said the country expected the
deal “to be signed soon”"), and a quote with no cue of its own continues the speaker before it, not a belief
inside that speaker's words; with no speaker before it, a quote that opens its paragraph is the next
sentence's subject's.

``find_title_quotes`` does the same for the headline ("UN chief: killings 'utterly unacceptable'", "X says
Y"): its quotes are quotes of the article with ``in_title`` set and offsets into the title.

Quoted names, titles, slogans and scare quotes ("a “no limits” partnership", "the “Polonez” launcher", a
headline after "headlined", a book after "author of") are not quotes: a quoted fragment is speech only when
a cue reports it. The cue words are data (``data/speech_verbs.yaml``).

Quote offsets are character offsets into ``doc.text`` (the article body), end exclusive. A quote over
several paragraphs spans from its first to its last quoted word; its text is the quoted parts joined by
a space.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from . import gazetteer as gz
from .actors import COLLECTIVE, ActorIndex, role_at
from .model import Actor, ActorRef, Quote, Span

# ---------------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    addressee: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    infinitive: frozenset[str]
    object_verbs: frozenset[str]
    object_preps: dict[str, frozenset[str]]
    source_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    naming_nouns: frozenset[str]
    naming_words: frozenset[str]
    claim_nouns: frozenset[str]
    cognition_adjectives: frozenset[str]
    complement_verbs: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    headline_labels: frozenset[str]

    @property
    def clause_verbs(self) -> frozenset[str]:
        return self.speech | self.cognition | self.evidence


@functools.cache
def lexicon() -> Lexicon:
    """The cue words of ``data/speech_verbs.yaml`` (read once per process)."""
    data = yaml.safe_load(resources.files("communique.data").joinpath("speech_verbs.yaml").read_text("utf-8"))

    def words(items) -> frozenset[str]:
        return frozenset(str(w).lower() for w in items or [])

    return Lexicon(
        speech=words(data["speech"]),
        addressee=words(data["addressee"]),
        cognition=words(data["cognition"]),
        evidence=words(data["evidence"]),
        infinitive=words(data["infinitive"]),
        object_verbs=words(data["object"]["verbs"]),
        object_preps={k: words(v) for k, v in (data["object"].get("prepositions") or {}).items()},
        source_nouns=words(data["source_nouns"]),
        naming_verbs=words(data["naming"]["verbs"]),
        naming_nouns=words(data["naming"]["nouns"]),
        naming_words=words(data["naming"]["words"]),
        claim_nouns=words(data["claim_nouns"]),
        cognition_adjectives=words(data["cognition_adjectives"]),
        complement_verbs={k: words(v) for k, v in (data["complement_verbs"] or {}).items()},
        light_verbs=words(data["light_verbs"]),
        headline_labels=words(data["headline_labels"]),
    )


# ---------------------------------------------------------------------------------------------- quote marks

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


# ---------------------------------------------------------------------------------------------- attribution

RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
PLURAL_PRONOUNS = {"they", "we"}
_SUBJECTS = ("nsubj", "csubj")
# an attribution that is a modifier of another verb shares that verb's subject ("..., adding that ...")
_SHARES_SUBJECT = ("advcl", "xcomp", "conj", "pcomp")
_PHRASE_DEPS = ("compound", "flat", "nummod", "nmod", "prep", "case", "poss")  # what a speaker's name keeps
_CONTENT_DEPS = ("dobj", "oprd", "xcomp", "ccomp", "attr", "acomp", "dative")


@dataclass
class Attribution:
    """A cue, who it names as the source, and the token range of what it reports (if any)."""

    cue: Token
    cue_end: int  # token index after the cue words ("according to", "pointed out")
    speaker: Token | None
    content: tuple[int, int] | None  # token range, end exclusive
    quoted: list[int] = field(default_factory=list)  # indices of the segments it reports as fragments
    via: str = (
        ""  # how the content was found: clause, infinitive, object, preposition, parenthetical, according
    )


@dataclass
class _Quotation:
    segments: list[int]  # segment indices
    cue: Attribution | None = None
    continued: bool = False  # speaker taken from the previous quotation


class _Finder:
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

    # ----- offsets -----

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

    # ----- cues -----

    def find_attributions(self) -> None:
        lex = self.lex
        doc = self.doc
        for t in doc:
            if self.quote_of[t.i] >= 0:
                continue  # the quoted speaker's own words
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                att = self._according_to(t)
                if att is not None:
                    self.attributions.append(att)
                    self.by_cue[t.i] = att
            elif t.lower_ in lex.cognition_adjectives and (
                t.pos_ in ("ADJ", "VERB") and t.dep_ == "acomp" or t.tag_ == "VBN" and _passive(t)
            ):  # "are confident that", "is convinced that" (a participle, as adjective or passive)
                att = self._adjective_attribution(t)
                if att is not None:
                    self.attributions.append(att)
                    self.by_cue[t.i] = att
            elif t.pos_ == "NOUN" and t.lemma_.lower() in lex.claim_nouns:
                att = self._noun_attribution(t)
                if att is not None:
                    self.attributions.append(att)
                    self.by_cue[t.i] = att
            elif t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
                lemma = "say" if _puts_it(t) else t.lemma_.lower()  # "as Ms. Ortiz put it, ..."
                if (
                    lemma in lex.clause_verbs
                    or lemma in lex.complement_verbs
                    or lemma in lex.infinitive
                    or lemma in lex.object_verbs
                    or lemma in lex.object_preps
                ):
                    att = self._verb_attribution(t, lemma)
                    if att is not None:
                        self.attributions.append(att)
                        self.by_cue[t.i] = att
        if self.headline:
            att = self._headline_colon()
            if att is not None:
                self.attributions.append(att)
                self.by_cue[att.cue.i] = att

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

    def _verb_attribution(self, t: Token, lemma: str) -> Attribution | None:
        lex = self.lex
        children = list(t.children)
        if any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children):
            return None  # "is expected to", "was told that", "is said to": no one here says it
        content, via = None, ""
        clauses = [c for c in children if c.dep_ == "ccomp"]
        if not clauses and lemma in lex.clause_verbs:
            # a reported clause the parser took for an adverbial one: "said he would not accept it if ...",
            # "have not said when they would vote"
            clauses = [c for c in children if c.dep_ == "advcl" and c.i > t.i and _reported_clause(c)]
        if not clauses and lemma in lex.addressee:
            # "told a meeting of leaders that few people understood ...": a that-clause taken for a relative
            # clause of the addressee
            clauses = [
                r
                for c in children
                if c.dep_ in ("dobj", "dative") and c.i > t.i
                for r in c.subtree
                if r.dep_ == "relcl"
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in r.children)
            ][:1]
        if clauses and lemma not in lex.speech:
            # believing or finding something needs a whole clause: not "finds itself isolated"
            clauses = [c for c in clauses if _finite_clause(c)]
        if clauses and lemma in lex.clause_verbs:
            # "said the claim smacked of hypocrisy, because ...": a reason or condition after the reported
            # clause that the parser hung on the cue belongs to what was said
            last = max(c.right_edge.i for c in clauses)
            clauses += [
                c
                for c in children
                if c.dep_ == "advcl"
                and c.left_edge.i > last
                and any(m.dep_ == "mark" and m.lower_ in _REASONS for m in c.children)
            ]
            # "said that A, and there was “no evidence” that B": a clause the parser joined to the cue
            clauses += [
                c
                for c in children
                if c.dep_ == "conj"
                and c.left_edge.i > last
                and all(w.is_punct or w.dep_ == "cc" for w in self.doc[last + 1 : c.left_edge.i])
                and self._new_subject(c, t)
            ]
            content, via = self._range(clauses), "clause"
        elif lemma in lex.infinitive:
            inf = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.i > t.i and _is_infinitive(c)]
            if inf:
                # "promised to meet and in some cases exceed the goals": a bare verb the parser joined to the cue
                last = max(c.right_edge.i for c in inf)
                inf += [
                    c
                    for c in children
                    if c.dep_ == "conj"
                    and c.tag_ in ("VB", "VBP")
                    and c.left_edge.i > last
                    and all(w.dep_ == "cc" for w in self.doc[last + 1 : c.left_edge.i])
                    and not any(g.dep_ in _SUBJECTS for g in c.children)
                ]
                content, via = self._range(inf), "infinitive"
        if content is None and lemma in lex.complement_verbs:
            # "called the plan “a disaster”": the object and what it is called
            obj = [c for c in children if c.dep_ in ("dobj", "dative") and c.i > t.i]
            comp = [
                c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") and c.i > t.i
            ]
            comp += [
                c
                for c in children
                if c.dep_ == "prep" and c.i > t.i and c.lower_ in lex.complement_verbs[lemma]
            ]
            if comp and (obj or t.dep_ == "relcl" or any(c.dep_ == "oprd" for c in comp)):
                content, via = self._range(obj + comp), "complement"
        if content is None and (
            lemma in lex.object_verbs or lemma in lex.evidence and self._source_subject(t)
        ):
            objs = [c for c in children if c.dep_ in _CONTENT_DEPS and c.i > t.i]
            objs += [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > t.i]
            if objs and lemma in lex.evidence and lemma not in lex.object_verbs:
                # "polls show Clinton with a narrow lead": what the record shows of its object
                last = max(c.right_edge.i for c in objs)
                objs += [
                    c
                    for c in children
                    if c.dep_ == "prep" and c.lower_ == "with" and c.left_edge.i == last + 1
                ]
            if objs:
                content, via = self._range(objs, nominal=True), "object"
        if content is None and lemma in lex.object_preps:
            preps = [c for c in children if c.dep_ == "prep" and c.lower_ in lex.object_preps[lemma]]
            objs = [p for p in preps if any(g.dep_ in ("pobj", "pcomp") for g in p.children)]
            if objs:
                content, via = self._range(objs, skip_head=True, nominal=True), "preposition"
        if content is None and lemma in lex.speech and t.dep_ in ("parataxis",):
            # "The vote was rigged, he said": the clause the attribution interrupts or follows
            head = t.head
            while (
                head.head.i != head.i
                and head.right_edge.i <= t.right_edge.i
                and t.right_edge.i < t.sent.end - 2
            ):
                # "Though it went well, he said, replacing her would ...", "The difference now, he told me, is
                # that ...": the cue hangs on a part of the sentence that ends with it; the sentence goes on
                head = head.head
            content, via = self._range_without(head, t), "parenthetical"
        if (
            content is None
            and (lemma in lex.speech or lemma in lex.cognition)
            and t.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in children)
            and any(c.dep_ == "nsubj" for c in children)
            and (t.left_edge.i == t.sent.start or self.doc[t.left_edge.i - 1].text == ",")
        ):
            # "As the minister noted, the budget is tight": the clause the as-phrase qualifies
            content, via = self._range_without(t.head, t), "parenthetical"
        if content is None and lemma in lex.speech and t.dep_ == "ROOT":
            content, via = self._fragment_before(t), "parenthetical"
        if (
            content is not None
            and content[1] <= t.i
            and lemma in lex.speech
            and all(self.quote_of[i] < 0 for i in range(*content))
        ):
            content = self._with_continuation(t, content)
        speaker = self._subject(t)
        if speaker is None and content is not None and lemma in lex.speech and t.i > 0:
            # "In a meeting with the Post Trump said that ...": the parser took the name into the phrase before
            prev = self.doc[t.i - 1]
            if (
                prev.pos_ == "PROPN"
                and self.quote_of[prev.i] < 0
                and prev.head.i != t.i
                and prev.head.i < t.i
            ):
                speaker = prev
        if content is None and speaker is None:
            return None
        content = self._in_paragraph(content, t)
        return Attribution(t, t.i + 1, speaker, content, via=via if content is not None else "")

    def _fragment_before(self, cue: Token) -> tuple[int, int] | None:
        """'People like Scott, he said.': a noun phrase without a verb before an attribution that ends the
        sentence."""
        doc = self.doc
        sent = cue.sent
        own = [
            c for c in cue.children if c.dep_ in ("nsubj", "aux", "neg", "advmod", "prep", "npadvmod", "prt")
        ]
        if not any(c.dep_ == "nsubj" for c in own):
            return None
        start = min([cue.i] + [c.left_edge.i for c in own])
        end = max([cue.i] + [c.right_edge.i for c in own]) + 1
        if (
            start <= sent.start
            or doc[start - 1].text != ","
            or any(not w.is_punct for w in doc[end : sent.end])
        ):
            return None
        content = self._trim(sent.start, start - 1)
        if content is None:
            return None
        words = doc[content[0] : content[1]]
        roots = [w for w in words if not (content[0] <= w.head.i < content[1])]
        if any(w.pos_ in ("VERB", "AUX") or self.quote_of[w.i] >= 0 for w in words) or any(
            w.pos_ not in ("NOUN", "PROPN") for w in roots
        ):
            return None
        return content

    def _new_subject(self, clause: Token, cue: Token) -> bool:
        """A clause joined to the cue that is not the speaker's next act: it has a subject of its own, not
        the speaker nor a personal pronoun, and is no speech act ("..., but he refuses to discuss ...")."""
        lex = self.lex
        lemma = clause.lemma_.lower()
        if (
            lemma in lex.speech
            or lemma in lex.cognition
            or lemma in lex.infinitive
            or lemma in lex.object_verbs
        ):
            return False
        subject = next((g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or subject.lower_ in ("he", "she", "they", "we", "i", "who"):
            return False
        speaker = next((g for g in cue.children if g.dep_ in _SUBJECTS), None)
        return speaker is None or subject.text != speaker.text

    def _with_continuation(self, cue: Token, content: tuple[int, int]) -> tuple[int, int]:
        """'X paid 9 percent, the agency said, and Y paid 1 percent': a clause of its own joined to a cue that
        follows what it reports goes on with the report (the whole span, the attribution inside)."""
        for c in cue.rights:
            if c.dep_ == "conj" and self._new_subject(c, cue):
                return self._trim(content[0], c.right_edge.i + 1) or content
        return content

    def _source_subject(self, verb: Token) -> bool:
        """The verb's subject is a poll, study, video or other record ("polls show ...")."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lemma_.lower() in self.lex.source_nouns

    def _adjective_attribution(self, t: Token) -> Attribution | None:
        """ "Officials are confident that ...", "she is convinced that ...": the subject holds the view."""
        clauses = [c for c in t.children if c.dep_ == "ccomp"]
        holder = t if _passive(t) else t.head
        if holder is not t:
            clauses += [c for c in t.head.children if c.dep_ == "ccomp" and c.i > t.i]
        if not clauses:
            return None
        speaker = next(
            (c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") and self.quote_of[c.i] < 0), None
        )
        content = self._range(clauses)
        if speaker is None or content is None:
            return None
        return Attribution(t, t.i + 1, speaker, self._in_paragraph(content, t), via="adjective")

    def _noun_attribution(self, t: Token) -> Attribution | None:
        """ "Trump's claim that ...", "a promise by the minister to ...", "issued a statement saying ..."."""
        clauses = [
            c
            for c in t.rights
            if c.dep_ in ("acl", "ccomp", "relcl")
            and (
                any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                or _is_infinitive(c)
                and c.dep_ == "acl"
            )
        ]
        if not clauses and t.dep_ == "nsubj" and t.head.lemma_ == "be":
            # "Smith's view is that ...": the clause the noun is equated with
            clauses = [
                c
                for c in t.head.children
                if c.dep_ in ("ccomp", "attr") and c.i > t.i and any(m.lower_ == "that" for m in c.children)
            ]
        if not clauses:
            return None
        speaker = next((c for c in t.children if c.dep_ == "poss"), None)
        if speaker is None:
            # "a claim by X", "a warning from X", "concern among economists"
            by = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ in ("by", "from", "among")), None)
            if by is not None:
                speaker = next((c for c in by.children if c.dep_ == "pobj"), None)
        if speaker is None and t.dep_ == "dobj" and t.head.lemma_.lower() in self.lex.light_verbs:
            speaker = self._subject(t.head)
        if speaker is None:
            return None
        content = self._range(clauses)
        if content is None:
            return None
        return Attribution(t, t.i + 1, speaker, self._in_paragraph(content, t), via="noun")

    def _according_to(self, t: Token) -> Attribution | None:
        doc = self.doc
        to = doc[t.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        phrase_end = t.i + 2  # after the source's words: the first punctuation or the sentence end
        while phrase_end < t.sent.end and not doc[phrase_end].is_punct:
            phrase_end += 1
        if source is None:
            # "according to show insiders": the parser took a noun for a verb; the source is the last noun
            nouns = [w for w in doc[t.i + 2 : phrase_end] if w.pos_ in ("NOUN", "PROPN", "PRON")]
            source = nouns[-1] if nouns else None
        if source is None:
            return None
        head = t.head
        content = None
        sent = t.sent
        if (
            t.i > sent.start
            and doc[t.i - 1].text == ","
            and all(w.is_punct or w.is_space for w in doc[phrase_end : sent.end])
            and not any(self._is_mark_token(w) for w in doc[phrase_end : sent.end])
        ):
            # "Scott is one of 707 people shot by police this year, according to a database": a phrase that
            # closes the sentence after a comma qualifies all of it, wherever the parser hung it
            content = self._trim(sent.start, t.i - 1)
        elif t.i == sent.start and phrase_end < sent.end and doc[phrase_end].text == ",":
            content = self._trim(phrase_end + 1, sent.end)  # "According to X, ...": the rest of the sentence
        if content is None and head.i != t.i and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
            content = self._range_without(head, t)
        if content is None:
            # the parse went astray ("According to X, ..." as the root): the rest of the sentence, or what
            # comes before the phrase
            sent = t.sent
            before = self._trim(sent.start, t.i)
            after = self._trim(phrase_end, sent.end)
            content = (
                before if before and after is None else after if before is None else (sent.start, sent.end)
            )
            content = self._trim(*content) if content else None
        return Attribution(t, t.i + 2, source, self._in_paragraph(content, t), via="according")

    def _in_paragraph(self, content: tuple[int, int] | None, cue: Token) -> tuple[int, int] | None:
        """Reported words stay in the cue's paragraph (the parser sometimes runs a sentence over a break)."""
        if content is None:
            return None
        para_start, para_end = self._para_bounds(cue.idx)
        start, end = self._token_range(para_start, para_end)
        s, e = max(content[0], start), min(content[1], end)
        return self._trim(s, e) if (s, e) != content else content

    def _range(
        self, tokens: list[Token], skip_head: bool = False, nominal: bool = False
    ) -> tuple[int, int] | None:
        start = min(c.left_edge.i for c in tokens)
        end = max(c.right_edge.i for c in tokens) + 1
        if skip_head:
            start = min(c.i for c in tokens) + 1
        lex = self.lex
        doc = self.doc
        if nominal:
            # "cited criticism of the anchor, who took heat for ...": the writer's aside on what was cited
            for c in tokens:
                for t in doc[c.i : c.right_edge.i + 1]:
                    if t.dep_ == "relcl" and t.left_edge.i > start and doc[t.left_edge.i - 1].text == ",":
                        end = min(end, t.left_edge.i - 1)
        for c in tokens:
            for r in c.rights:
                if r.dep_ not in ("advcl", "conj") or any(g.dep_ in _SUBJECTS for g in r.children):
                    continue
                lemma = r.lemma_.lower()
                if lemma in lex.speech or lemma in lex.infinitive or lemma in lex.object_verbs:
                    # "..., citing ...", "... and warned ...": the speaker's next act, hung on the content
                    end = min(end, r.left_edge.i)
                elif (
                    r.dep_ == "advcl"
                    and r.tag_ == "VBG"
                    and r.left_edge.i > c.i
                    and doc[r.left_edge.i - 1].text == ","
                ):
                    # "..., implicitly putting his name on the line": the writer's gloss, not the words reported
                    end = min(end, r.left_edge.i)
        while start < end and doc[start].dep_ == "npadvmod" and doc[start].ent_type_ in ("DATE", "TIME"):
            start = doc[start].right_edge.i + 1  # "told them this weekend he would ...": the cue's time
        return self._trim(start, end)

    def _range_without(self, head: Token, cue: Token) -> tuple[int, int] | None:
        """The clause of ``head`` without the cue's own phrase, on the side that holds the head; all of it when
        the cue interrupts it ("The museum, Mr. Bush said, celebrated ...")."""
        doc = self.doc
        start, end = head.left_edge.i, head.right_edge.i + 1
        # the cue's own words: it, its subject, adverbs and phrases, without clauses the parser hung on it (a
        # clause before the cue is often the reported one, misattached); after the cue, whatever hangs on it
        # ("..., he said, adding that ...") is the speaker's next act
        own = [c for c in cue.children if c.dep_ not in ("advcl", "ccomp", "conj", "parataxis", "xcomp")]
        cue_start = min([cue.i] + [c.left_edge.i for c in own])
        cue_end = cue.right_edge.i + 1
        before = any(not doc[i].is_punct for i in range(start, cue_start))
        after = any(not doc[i].is_punct for i in range(cue_end, end))
        if before and after:
            return self._trim(start, end)  # "Lenox was a juggernaut, he said, until it went bankrupt"
        if before:
            return self._trim(start, cue_start)
        return self._trim(max(start, cue_end), end)

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        doc = self.doc
        while start < end and (
            doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("and", "but")
        ):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
            end -= 1
        if end - start < 2:
            return None
        return start, end

    def _subject(self, verb: Token) -> Token | None:
        """The speaker of a cue verb: its subject, a passive's agent, or the subject it shares; always in the
        cue's paragraph."""
        found = self._subject_any(verb)
        if found is not None and self._para_bounds(found.idx) != self._para_bounds(verb.idx):
            return None
        if found is None and verb.lemma_.lower() in self.lex.speech:
            found = self._name_before(verb)
        return found

    def _name_before(self, verb: Token) -> Token | None:
        """ "In an interview with VOA, Ahmed Rashid, a journalist, said ...": a cue the parser left without a
        subject has for speaker the person named right before it (or before the appositive that ends there)."""
        doc = self.doc
        j = verb.i - 1
        while j >= verb.sent.start and doc[j].is_punct and not self._is_mark_token(doc[j]):
            j -= 1
        if j < verb.sent.start or self.quote_of[j] >= 0 or doc[j + 1].text != "," and j + 1 != verb.i:
            return None
        person = self._person_at(j)
        if person is None and doc[j + 1].text == ",":
            # the name before the appositive that ends there: back to the comma that opens it
            k = j
            while k > verb.sent.start and doc[k].text != "," and not doc[k].is_sent_start:
                if self.quote_of[k] >= 0 or self._is_mark_token(doc[k]) or doc[k].pos_ in ("VERB", "AUX"):
                    return None
                k -= 1
            if doc[k].text == "," and k - 1 >= verb.sent.start:
                person = self._person_at(k - 1)
        return person

    def _person_at(self, i: int) -> Token | None:
        actor = self.index.actor_of(self.doc[i])
        return self.doc[i] if actor is not None and actor.kind == "person" and self.quote_of[i] < 0 else None

    def _subject_any(self, verb: Token) -> Token | None:
        v = verb
        climbed = False
        for _ in range(4):
            if v is not verb and v.lemma_ == "quote":
                # "The agency quoted the minister as saying ...": the one quoted speaks
                quoted = next((c for c in v.children if c.dep_ == "dobj"), None)
                if quoted is not None:
                    return quoted
            for c in v.children:
                # a shared subject may be passive: "After saying ..., she was rushed to hospital"
                if (c.dep_ in _SUBJECTS or v is not verb and c.dep_ == "nsubjpass") and self.quote_of[
                    c.i
                ] < 0:
                    if climbed and c.lower_ == "it" and v.lemma_ == "be":
                        return None  # "it was too early to discuss ...", "it is worth noting ...": no one
                    return c
                if c.dep_ == "nsubjpass" and v.lemma_ == "quote":
                    return c  # "X was quoted as saying"
                if c.dep_ == "agent":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head  # "a statement saying ...", "with a spokesman saying ..."
            head = v.head
            if v.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head  # "pitched himself ... by telling them that ..."
            shares = v.dep_ in _SHARES_SUBJECT or v.dep_ == "dobj" and v.tag_ == "VBG"  # "recalled thinking"
            if shares and head.i != v.i and head.pos_ in ("VERB", "AUX"):
                climbed = v.dep_ == "xcomp"
                v = head
                continue
            if (
                v.dep_ == "xcomp"
                and head.pos_ == "ADJ"
                and head.dep_ in ("acomp", "xcomp")
                and head.head.i != head.i
            ):
                v, climbed = head.head, True  # "is determined to warn ..."
                continue
            break
        return None

    # ----- speakers -----

    def speaker_ref(self, token: Token | None) -> ActorRef | None:
        if token is None:
            return None
        if (
            token.lower_ in RELATIVE_PRONOUNS
            and token.head.dep_ in ("relcl", "acl")
            and token.i > token.head.head.i
        ):
            antecedent = token.head.head
            ref = self.index.ref(antecedent, agent=True)
            name = ref.name if ref is not None else self._phrase_text(antecedent)
            return self._ref(token, ref, name=name, text=token.text, span=(token.i, token.i + 1))
        start, end = self._phrase(token)
        group = self._people_of_group(token)
        if group is not None:
            s = self.doc[start:end]
            group.text, group.start, group.end = s.text, s.start_char, s.end_char
            return group
        ref = self.index.ref(token, agent=True) or self._apposed(token) or self._author(token)
        if ref is None:
            ref = self._described(token)
        elif ref.kind == "group" and (person := self._office_holder(token, ref)) is not None:
            ref = person
        if ref is None and token.is_upper and len(token.text) > 1:
            ref = self._person_named(token.text.title())  # a transcript's label: "PENCE" is Mike Pence
        return self._ref(
            token,
            ref,
            name=None if ref is None else ref.name,
            text=self.doc[start:end].text,
            span=(start, end),
        )

    def _described(self, token: Token) -> ActorRef | None:
        """A speaker the text describes rather than names ("said the young professional in his 30s", "the
        45-year-old mother of three said"): the person the text last spoke of. An office ("the envoy") the
        resolution could not match is someone named without their office."""
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in self.lex.source_nouns:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        office = role_at(token, gz.load()) is not None
        found = self.index.person_antecedent(token, lambda a: not office or a.role is None)
        return None if found is None else self.index.ref(self.doc[found], agent=True)

    def _office_holder(self, token: Token, group: ActorRef) -> ActorRef | None:
        """ "The Ukrainian leader said": one person named by office and country is the person of that country
        the text last spoke of, when the office fits (their own, none known, or "leader", "official")."""
        lemma = token.lemma_.lower()
        if token.tag_ != "NN" or lemma in COLLECTIVE or group.country is None:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None

        def fits(a) -> bool:
            role = a.role.split()[-1] if a.role else None
            return a.country == group.country and (role in (None, lemma) or lemma in ("leader", "official"))

        found = self.index.person_antecedent(token, fits)
        return None if found is None else self.index.ref(self.doc[found], agent=True)

    def _apposed(self, token: Token) -> ActorRef | None:
        """The actor an appositive names: "The head of the agency, Maria Duarte, said ..."."""
        named = next((c for c in token.rights if c.dep_ == "appos" and self.index.actor_of(c)), None)
        return None if named is None else self.index.ref(named, agent=True)

    def _author(self, token: Token) -> ActorRef | None:
        """Who a document speaks for: "a Journal editorial", "the ministry's statement", "a report by X"."""
        if token.lemma_.lower() not in self.lex.source_nouns:
            return None
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                c = next((g for g in c.children if g.dep_ == "pobj"), c)
            if c.dep_ in ("poss", "compound", "pobj") and (ref := self.index.ref(c, agent=True)) is not None:
                return ref
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) and not any(
            c.dep_ in ("poss", "compound", "amod", "prep") for c in token.children
        ):
            return self._earlier_author(token)
        return None

    def _earlier_author(self, token: Token) -> ActorRef | None:
        """ "The statement said": the author of the document of that name the text spoke of just before ("X
        said in a statement", "a statement from X", "X's statement"), within this sentence and the two before."""
        lemma = token.lemma_.lower()
        first = self.doc[max(0, token.sent.start - 1)].sent.start
        first = self.doc[max(0, first - 1)].sent.start
        for i in range(token.i - 1, first - 1, -1):
            t = self.doc[i]
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or self.quote_of[i] >= 0:
                continue
            ref = self._author(t) if any(c.dep_ in ("poss", "compound", "prep") for c in t.children) else None
            if ref is None and t.dep_ == "pobj" and t.head.lower_ in ("in", "through", "via"):
                verb = t.head.head  # "X said in a statement"
                subject = self._subject(verb) if verb.pos_ in ("VERB", "AUX") else None
                if subject is not None and subject.lemma_.lower() not in self.lex.source_nouns:
                    ref = self.index.ref(subject, agent=True)
            if ref is None and t.dep_ == "dobj" and t.head.lemma_.lower() in self.lex.light_verbs:
                subject = self._subject(t.head)  # "X issued a statement"
                if subject is not None and subject.lemma_.lower() not in self.lex.source_nouns:
                    ref = self.index.ref(subject, agent=True)
            return ref
        return None

    def _people_of_group(self, token: Token) -> ActorRef | None:
        """The people a plural speaker stands for: those its phrase names ("three senators — A, B and C —",
        "senators led by A and B"), else, for "they", "we" or "the two leaders", those of the latest plural
        subject before it ("A and B met in Oslo. ... they said")."""
        if token.lower_ in PLURAL_PRONOUNS:
            phrase = None
        elif token.tag_ in ("NNS", "NNPS") and token.pos_ == "NOUN":
            phrase = token
        else:
            return None
        people = self._people_in(phrase) if phrase is not None else []
        if len(people) < 2 and (phrase is None or any(c.lower_ in ("the", "both") for c in token.children)):
            first = self.doc[max(0, token.sent.start - 1)].sent.start  # this sentence and the one before
            for i in range(token.i - 1, first - 1, -1):
                t = self.doc[i]
                if t.dep_ in ("nsubj", "nsubjpass") and self.quote_of[i] < 0:
                    people = self._people_in(t)
                    if len(people) >= 2 or self.index.actor_of(t) is not None:
                        break
        if len(people) < 2:
            return None
        countries = {a.country for a in people}
        sectors = {a.sector for a in people}
        names = [a.name for a in people]
        return ActorRef(
            name=", ".join(names[:-1]) + " and " + names[-1], text=token.text,
            country=countries.pop() if len(countries) == 1 else None,
            sector=sectors.pop() if len(sectors) == 1 else None, kind="group",
        )  # fmt: skip

    def _people_in(self, head: Token) -> list[Actor]:
        """The distinct people a noun phrase names: itself, its conjuncts, appositives, "led by", "including"."""
        found: dict[str, tuple[int, Actor]] = {}
        todo = [head]
        while todo:
            t = todo.pop()
            actor = self.index.actor_of(t)
            if actor is not None and actor.kind == "person":
                found[actor.id] = min(found.get(actor.id, (t.i, actor)), (t.i, actor), key=lambda x: x[0])
            # not into what a relative clause or a quote says ("senators who met Xi")
            todo.extend(c for c in t.children if c.dep_ != "relcl" and self.quote_of[c.i] < 0)
        return [actor for _, actor in sorted(found.values(), key=lambda x: x[0])]

    def _person_named(self, surname: str) -> ActorRef | None:
        """The one person of the article whose name ends with ``surname``, through a mention of them."""
        people = [a for a in self.index.actors if a.kind == "person" and a.name.split()[-1] == surname]
        if len(people) != 1 or not people[0].mentions:
            return None
        mention = people[0].mentions[0]
        return self.index.ref(self.doc[self._token_at(mention.start)], agent=True)

    def _ref(self, token: Token, ref: ActorRef | None, *, name, text: str, span: tuple[int, int]) -> ActorRef:
        s = self.doc[span[0] : span[1]]
        if ref is None:
            return ActorRef(
                name=name, text=text, country=None, sector=None, start=s.start_char, end=s.end_char
            )
        ref.name = name
        ref.text = text
        ref.start, ref.end = s.start_char, s.end_char
        return ref

    def _phrase(self, token: Token) -> tuple[int, int]:
        """The words that name a speaker: the noun phrase without appositives and relative clauses."""
        start = token.left_edge.i
        end = token.i + 1
        for c in token.rights:
            if c.dep_ in _PHRASE_DEPS and c.left_edge.i == end and self.quote_of[c.right_edge.i] < 0:
                end = c.right_edge.i + 1
            else:
                break
        doc = self.doc
        while start < token.i and (
            doc[start].is_punct
            or self.quote_of[start] >= 0
            or doc[start].pos_ == "VERB"
            and doc[start].lemma_.lower() in self.lex.speech  # "Said Ellis"
        ):
            start += 1
        while end > token.i + 1 and doc[end - 1].is_punct:
            end -= 1
        return start, end

    def _phrase_text(self, token: Token) -> str:
        start, end = self._phrase(token)
        return self.doc[start:end].text

    # ----- the quoted segments -----

    def _close_end(self, seg: Segment) -> int:
        if seg.close is None:
            return seg.end
        return seg.close + (2 if self.text.startswith("''", seg.close) else 1)

    def _is_mark_token(self, t: Token) -> bool:
        return t.text in ("''", '"', "“", "”", "„", "«", "»", "``")

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

    def _segment_words(self, k: int) -> str:
        seg = self.segments[k]
        return self.text[seg.start : seg.end]

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

    # ----- putting it together -----

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


#: How many words before a headline's colon may name its speaker ("Former DNC chairman: ...").
MAX_HEADLINE_SPEAKER_WORDS = 6
# a headline's single quote marks: 'utterly unacceptable', ‘crazy system’ (an apostrophe has a letter on both sides)
_HEADLINE_QUOTE = re.compile(r"(?<![\w'‘’])['‘](?=\w)([^'‘’\n]*?[\w.!?,])['’](?![\w'‘’])")
_WORD_RE = re.compile(r"[^\W\d_]+")


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


_TITLE_FUNCTION_WORDS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "vs",
    "but", "nor", "s", "is", "into", "over", "up",
}  # fmt: skip


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


def _finite_clause(token: Token) -> bool:
    """A clause with a tensed verb or introduced by "that"."""
    return (
        token.tag_ in ("VBD", "VBZ", "VBP", "MD")
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children)
        or any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in token.children)
    )


def _reported_clause(token: Token) -> bool:
    """A finite clause with its own subject, introduced by nothing or by a question word."""
    marks = [c.lower_ for c in token.children if c.dep_ == "mark"]
    if marks and marks[0] not in ("whether", "if", "how", "why", "what", "when", "where", "who"):
        return False
    finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children
    )
    return finite and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _puts_it(token: Token) -> bool:
    """The idiom of saying "put it" ("as she put it", "he put it this way")."""
    doc = token.doc
    return token.lemma_.lower() == "put" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "it"


def _passive(token: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in token.children)


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
