"""An ``Event`` record from a CAMEO code and what the rules found."""

from __future__ import annotations

from .. import ontology
from ..model import ActorRef, Event, Place, Span, TimeRef


def _event(
    cameo: str, evidence: Span, trigger: Span, source: ActorRef | None, target: ActorRef | None, status: str,
    date: TimeRef | None, location: Place | None, confidence: float,
) -> Event:  # fmt: skip
    code = ontology.cameo(cameo)
    return Event(
        evidence=evidence, trigger=trigger, source=source, target=target, cameo=code.code, plover=code.plover,
        status=status, cameo_name=code.name, plover_mode=code.plover_mode, quad_class=code.quad_class,
        goldstein=code.goldstein, date=date, location=location, confidence=confidence,
    )  # fmt: skip
