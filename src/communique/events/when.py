"""Time and place of an event: the expression attached to its clause, else the article's date."""

from __future__ import annotations

from spacy.tokens import Token

from ..actors import PLACE
from ..model import ActorRef, Place, TimeRef
from ..timex import article_time


def _depth_below(token: Token, top: Token) -> int | None:
    depth, node = 0, token
    while node.i != top.i:
        if node.head.i == node.i:
            return None
        node, depth = node.head, depth + 1
        if depth > 30:
            return None
    return depth


class TimeAndPlace:
    """When and where: the time expression and the place attached to a predicate's clause."""

    def _time_tokens(self, times: list[TimeRef]) -> list[tuple[TimeRef, Token]]:
        out = []
        for t in times:
            if t.start is None or t.end is None:
                continue
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append((t, span.root))
        return out

    def _date(self, trigger: Token) -> TimeRef | None:
        """The time expression attached to the trigger's clause, else the article's date."""
        sent = trigger.sent
        best: tuple[int, TimeRef] | None = None
        ancestors = {a.i: n for n, a in enumerate(trigger.ancestors, 1)}
        if trigger.pos_ == "NOUN" and any(c.dep_ == "acl" and c.tag_ == "VBN" for c in trigger.children):
            # "the pact signed by Japan and Australia takes effect next year": its own participle tells
            # the event, and the clause around it what became of it later
            ancestors = {}
        for ref, root in self.time_tokens:
            if not (sent.start <= root.i < sent.end):
                continue
            if root.head.lower_ in ("until", "till", "through"):
                continue  # "delayed the tariffs until April 2": when it ends, not when it happened
            # distance: inside the trigger's subtree (depth below it), else attached to an ancestor
            depth = _depth_below(root, trigger)
            if depth is not None:
                score = depth
            else:
                gov = root.head
                while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
                    gov = gov.head
                if gov.i not in ancestors:
                    continue
                score = 100 + ancestors[gov.i]
            if best is None or score < best[0]:
                best = (score, ref)
        if best is not None:
            return best[1]
        return article_time(self.published)

    def _location(self, trigger: Token, place: ActorRef | None) -> Place | None:
        if place is not None:
            return Place(
                name=place.name or place.text, country=place.country, start=place.start, end=place.end
            )
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    a = self.index.actor_of(g)
                    if g.dep_ == "pobj" and a is not None and a.kind == PLACE:
                        return Place(name=a.name, country=a.country, start=g.idx, end=g.idx + len(g.text))
        return self.dateline_place
