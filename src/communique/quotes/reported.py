"""Cues and what they report: speech, belief and evidence verbs, claim nouns and adjectives, "according to";
the token range of the reported clause (indirect speech)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import gazetteer as gz
from ..actors import role_at
from .attribution import (
    _CONTENT_DEPS,
    _SUBJECTS,
    Attribution,
    _finite_clause,
    _is_infinitive,
    _passive,
    _puts_it,
    _reported_clause,
)
from .marks import _REASONS


class Reported:
    """Finding the attributions of an article: each cue, its speaker token and the range it reports."""

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
            elif t.lower_ == "in" and t.dep_ == "prep" and (att := self._in_record(t)) is not None:
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
                    if att is not None and lemma in lex.agentive_verbs and not self._agent(att.speaker):
                        att = None  # "the visit comes ..., highlighting China's ambition": no one says it
                    if att is not None:
                        self.attributions.append(att)
                        self.by_cue[t.i] = att
        if self.headline:
            att = self._headline_colon()
            if att is not None:
                self.attributions.append(att)
                self.by_cue[att.cue.i] = att

    def _agent(self, token: Token | None) -> bool:
        """A speaker that is someone: an actor, a pronoun or role noun that resolves to one, or a document."""
        if token is None:
            return False
        if token.lemma_.lower() in self.lex.source_nouns or token.lower_ in ("i", "we", "you"):
            return True
        return self.index.ref(token, agent=True) is not None or role_at(token, gz.load()) is not None

    def _verb_attribution(self, t: Token, lemma: str) -> Attribution | None:
        lex = self.lex
        children = list(t.children)
        if any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children):
            return None  # "is expected to", "was told that", "is said to": no one here says it
        content, via = None, ""
        clauses = [c for c in children if c.dep_ == "ccomp"]
        if lemma in lex.infinitive:
            # "who asked that her name not be used": the terms of the interview, not what the source says
            clauses = [c for c in clauses if not self._anonymity(c)]
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
        if not clauses and lemma in lex.speech:
            # "reported at the time that the director had resigned": a that-clause taken for a relative clause
            # of the phrase between the cue and it ("that" no part of the clause: not "at the time that he chose")
            clauses = [
                r
                for c in children
                if c.dep_ in ("prep", "npadvmod") and c.i == t.i + 1
                for g in c.children
                if g.dep_ == "pobj"
                for r in g.rights
                if r.dep_ in ("relcl", "acl")
                and r.left_edge.lower_ == "that"
                and r.left_edge.dep_ in ("mark", "advmod")
                and any(w.dep_ in ("nsubj", "nsubjpass") for w in r.children)
                and not any(w.dep_ in ("dobj", "pobj") and w.lower_ == "that" for w in r.subtree)
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
            # "who asked not to be named", "declined to be identified": the terms of the interview
            inf = [c for c in inf if not self._anonymity(c)]
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

    def _anonymity(self, clause: Token) -> bool:
        """A request not to be named: "not to be named", "that her name not be used", "that he not be
        identified"."""
        if not _passive(clause) or clause.lemma_.lower() not in self.lex.anonymity:
            return False
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or (
            subject.lemma_.lower() in ("name", "identity")
            or subject.lower_ in ("he", "she", "they", "i", "we")
        )

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
            # "a New York Times report that ...", "the Pentagon claim that ...": a named actor before the noun
            speaker = next(
                (c for c in t.lefts if c.dep_ in ("compound", "nmod") and self.index.actor_of(c) is not None),
                None,
            )
        if speaker is None:
            return None
        content = self._range(clauses)
        if content is None:
            return None
        return Attribution(t, t.i + 1, speaker, self._in_paragraph(content, t), via="noun")

    def _in_record(self, t: Token) -> Attribution | None:
        """ "In the latest poll, Clinton leads by four points": a poll, study or report named at the start of a
        sentence says what the rest of it states (unless a cue of its own reports that: "In a report, X said")."""
        doc = self.doc
        sent = t.sent
        first = sent.start + (1 if doc[sent.start].pos_ == "CCONJ" else 0)
        source = next((c for c in t.children if c.dep_ == "pobj"), None)
        if t.i != first or source is None:
            return None
        if source.lower_ == "one":  # "In one of the first polls"
            of = next((c for c in source.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if source is None or source.lemma_.lower() not in self.lex.finding_nouns:
            return None
        comma = t.right_edge.i + 1
        if comma >= sent.end or doc[comma].text != ",":
            return None
        head = t.head
        if head.lemma_.lower() in self.lex.clause_verbs or head.lemma_.lower() in self.lex.object_verbs:
            return None
        content = self._trim(comma + 1, sent.end)
        if content is None:
            return None
        return Attribution(t, t.i + 1, source, self._in_paragraph(content, t), via="according")

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
