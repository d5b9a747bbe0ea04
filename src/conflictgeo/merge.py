"""De-duplication across documents: one row per event however often it is reported.

Two events are one when they have the same kind, the same day (both known to
the day), the same place (both placed at a named place) and compatible actors
(ACLED: same actors, same day, same place). The merged row keeps the first
report's id and text, lists every reporting document in ``sources``, and keeps
the lowest fatality figure, as ACLED does until a higher one is corroborated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from conflictgeo.model import Event


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge duplicate reports of one event; order of first appearance is kept."""
    out: list[Event] = []
    index: dict[tuple[str, object, int], int] = {}
    for event in events:
        key = _key(event)
        at = index.get(key) if key else None
        if at is None or not _actors_agree(out[at], event):
            if key:
                index[key] = len(out)
            out.append(event)
            continue
        out[at] = _combine(out[at], event)
    return out


def _key(e: Event) -> tuple[str, object, int] | None:
    place = e.where.place
    if e.date is None or e.date.time_precision != 1 or place is None:
        return None
    if e.where.geo_precision not in (1, 2):
        return None
    return (e.kind, e.date.event_date, place.geonameid)


def _actors_agree(a: Event, b: Event) -> bool:
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)


def _combine(a: Event, b: Event) -> Event:
    cas = a.casualties
    if b.casualties is not None and (
        cas is None or (b.casualties.fatalities < cas.fatalities and b.casualties.fatalities > 0)
    ):
        cas = b.casualties
    sources = tuple(dict.fromkeys((*a.sources, *b.sources)))
    notes = a.notes + f"; merged with {b.event_id} from {b.doc_id} (same kind, day and place)"
    return dataclasses.replace(
        a,
        casualties=cas,
        sources=sources,
        notes=notes,
        actor1=a.actor1 or b.actor1,
        actor2=a.actor2 or b.actor2,
        confidence=min(1.0, max(a.confidence, b.confidence) + 0.1),
    )
