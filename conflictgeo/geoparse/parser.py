"""The geoparser: recognition then resolution, one document at a time."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.geoparse.recognize import Toponym, recognize, span_candidates
from conflictgeo.geoparse.resolve import resolve
from conflictgeo.model import Document, Mention

if TYPE_CHECKING:
    from conflictgeo.gazetteer.online import OnlineGeocoder

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def geoparse(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    bbox: BBox | None = None,
    online: OnlineGeocoder | None = None,
) -> list[Mention]:
    """Every toponym in ``doc``, resolved where the gazetteer allows, in text order.

    ``country`` and ``bbox`` restrict candidates when the user knows the theatre.
    ``online`` (opt-in) is asked for cued names the gazetteer lacks ("the village
    of X"); its answers are marked as coming from the service.
    """
    mentions = resolve(
        recognize(doc, gazetteer), gazetteer, country=country, bbox=bbox, text=doc.text
    )
    if online is not None:
        mentions = _ask_online(mentions, online, country)
    return mentions


def _ask_online(
    mentions: list[Mention], online: OnlineGeocoder, country: str | None
) -> list[Mention]:
    """Resolve cued, unresolved names through an online service."""
    focus = country or _focus_country(mentions)
    out = []
    for m in mentions:
        if m.place is None and m.hint and m.role == "location":
            place = online.lookup(m.text, country=focus)
            if place is not None:
                m = dataclasses.replace(
                    m,
                    place=place,
                    score=0.5,
                    reasons=(*m.reasons, f"found online ({place.source})"),
                )
        out.append(m)
    return out


def _focus_country(mentions: list[Mention]) -> str | None:
    counts = Counter(m.place.country_code for m in mentions if m.place is not None)
    if not counts:
        return None
    cc, n = counts.most_common(1)[0]
    return cc if n * 2 > sum(counts.values()) else None


def resolve_spans(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
) -> list[Mention | None]:
    """Resolve given spans (gold toponyms, say) with the whole document as context.

    Returns one entry per span, in order: the mention, or None when no place
    fits. Spans the recogniser also found keep its cues and role; others are
    looked up as names (or demonyms) and resolved alongside them.
    """
    found = recognize(doc, gazetteer)
    by_span = {(t.start, t.end): t for t in found}
    wanted: list[Toponym] = []
    extra: list[Toponym] = []
    for start, end in spans:
        t = by_span.get((start, end))
        if t is None:
            text = doc.text[start:end]
            key, cands = span_candidates(text, gazetteer)
            t = Toponym(start, end, text, key, candidates=cands)
            extra.append(t)
        if t.role in ("dateline", "context", "associative"):
            t.role = "location"  # the caller says it is a place; resolve it as one
        wanted.append(t)
    mentions = resolve(found + extra, gazetteer, country=country, keep_weak=True)
    by_pos = {(m.start, m.end): m for m in mentions}
    return [by_pos.get((t.start, t.end)) for t in wanted]
