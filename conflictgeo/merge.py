"""De-duplication across documents: one row per event however often it is reported.

Two events are one (ACLED: same actors, same day, same place) when, under the
:class:`MergeRules` in force,

* they have the same kind;
* their days agree: the same day when both are known to the day, overlapping
  ranges otherwise (``max_days_apart`` widens both);
* their places agree: the same gazetteer place, or points within ``max_km``
  (a province- or country-level placement matches only when ``match_areas``
  is on, and then only a place inside it);
* their actors are compatible: actor 1 (who acted) is not named differently in
  the two reports. The same state's forces with and without a unit ("Military
  Forces of Syria (2000-2024)" and its "... Syrian Arab Air Force") are one
  side. Actor 2 may differ: reports
  of one strike often name its victims differently ("rebels", "civilians"), and
  splitting the event on that would count its dead twice. The row keeps the
  first report's actor 2 and ``merged_because`` records the other name.

The merged row keeps the first report's id, text and place (the finer place when
the first is coarser), lists every reporting document in ``sources``, and
records in ``merged_because`` one line per absorbed report saying which rules
matched. Fatalities follow ACLED: the lowest figure reported until a higher one
is corroborated, i.e. reported by at least ``corroboration`` different
documents; reports with no death figure do not count as "0".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from conflictgeo.geoparse.distance import haversine_km
from conflictgeo.model import Casualties, Event, Place


@dataclass(frozen=True, slots=True)
class MergeRules:
    """When two reports are one event.

    Parameters
    ----------
    max_days_apart
        Days two event dates may differ by (0: the same day, or overlapping ranges).
    max_km
        Distance within which two placed events are at the same place.
    match_areas
        Let an event placed only at a province or country match an event at a
        town inside it.
    corroboration
        Documents that must report a higher death figure before it replaces the
        lowest (ACLED).
    """

    max_days_apart: int = 0
    max_km: float = 10.0
    match_areas: bool = False
    corroboration: int = 2

    def __post_init__(self) -> None:
        if self.max_days_apart < 0 or self.max_km < 0 or self.corroboration < 1:
            raise ValueError(
                "max_days_apart and max_km must be ≥ 0 and corroboration ≥ 1, "
                f"not {self.max_days_apart}, {self.max_km}, {self.corroboration}"
            )


DEFAULT_RULES = MergeRules()


def merge_events(
    events: Iterable[Event], *, rules: MergeRules | None = DEFAULT_RULES
) -> list[Event]:
    """Merge duplicate reports of one event; order of first appearance is kept.

    ``rules=None`` merges nothing: every event stays as reported.

    >>> merge_events([])
    []
    """
    if rules is None:
        return list(events)
    out: list[Event] = []
    figures: list[list[tuple[str, Casualties]]] = []  # per row: (doc, deaths) reported
    # Rows indexed by kind and by every day they may match, so each event is compared
    # only with rows of its kind whose dates are within reach.
    by_day: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for event in events:
        host, why = None, ""
        for at in _candidates(event, by_day):
            why = same_event(out[at], event, rules)
            if why:
                host = at
                break
        if host is None:
            _index(event, len(out), by_day, rules)
            out.append(event)
            figures.append(_figures(event))
            continue
        figures[host].extend(_figures(event))
        out[host] = _combine(out[host], event, why, figures[host], rules)
    return out


def _days(event: Event, slack: int) -> list[dt.date]:
    d = event.date
    assert d is not None
    start, end = d.start - dt.timedelta(days=slack), d.end + dt.timedelta(days=slack)
    span = min((end - start).days, 400)  # a year-long range is the widest one there is
    return [start + dt.timedelta(days=i) for i in range(span + 1)]


def _index(
    event: Event, at: int, by_day: dict[tuple[str, dt.date], list[int]], rules: MergeRules
) -> None:
    if event.date is None:
        return  # an undated event matches nothing (same_event needs both dates)
    for day in _days(event, rules.max_days_apart):
        by_day[(event.kind, day)].append(at)


def _candidates(event: Event, by_day: dict[tuple[str, dt.date], list[int]]) -> list[int]:
    if event.date is None:
        return []
    seen: set[int] = set()
    for day in _days(event, 0):
        seen.update(by_day.get((event.kind, day), ()))
    return sorted(seen)


def same_event(a: Event, b: Event, rules: MergeRules = DEFAULT_RULES) -> str:
    """Why ``a`` and ``b`` are one event under ``rules``; "" when they are not."""
    if a.kind != b.kind:
        return ""
    when = _same_time(a, b, rules)
    where = _same_place(a, b, rules) if when else ""
    actors = _actors_agree(a, b) if where else ""
    if not (when and where and actors):
        return ""
    return f"same kind ({a.kind}); {when}; {where}; {actors}"


def _same_time(a: Event, b: Event, rules: MergeRules) -> str:
    da, db = a.date, b.date
    if da is None or db is None:
        return ""
    slack = rules.max_days_apart
    if da.time_precision == 1 and db.time_precision == 1:
        gap = abs((da.event_date - db.event_date).days)
        if gap == 0:
            return f"same day {da.event_date}"
        return f"{gap} day(s) apart (≤ {slack})" if gap <= slack else ""
    lo = max(da.start, db.start)
    hi = min(da.end, db.end)
    if (lo - hi).days <= slack:
        return f"dates overlap ({da.start}–{da.end} and {db.start}–{db.end})"
    return ""


def _same_place(a: Event, b: Event, rules: MergeRules) -> str:
    pa, pb = a.where.place, b.where.place
    if pa is None or pb is None:
        return ""
    if pa.geonameid == pb.geonameid:
        return f"same place ({pa.name})"
    fine_a, fine_b = a.where.geo_precision in (1, 2), b.where.geo_precision in (1, 2)
    if fine_a and fine_b:
        km = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        if km <= rules.max_km:
            return f"{pa.name} and {pb.name} {km:.1f} km apart (≤ {rules.max_km:g})"
        return ""
    if rules.match_areas and (_inside(pa, pb) or _inside(pb, pa)):
        return f"{pa.name} and {pb.name}: one lies in the other"
    return ""


def _inside(area: Place, place: Place) -> bool:
    if area.is_country:
        return place.country_code == area.country_code
    return area.is_admin1 and place.admin1_key == area.admin1_key


def _actors_agree(a: Event, b: Event) -> str:
    sides_a = {x for x in (a.actor1, a.actor2) if x}
    sides_b = {x for x in (b.actor1, b.actor2) if x}
    if a.actor1 and b.actor1 and not _same_side(a.actor1, b.actor1) and a.actor1 not in sides_b:
        return ""  # who acted is named differently: two events
    shared = sorted(sides_a & sides_b)
    why = f"actors agree ({', '.join(shared)})" if shared else "no conflicting actors"
    if a.actor1 and b.actor1 and a.actor1 != b.actor1 and _same_side(a.actor1, b.actor1):
        why += f"; actor 1 named '{a.actor1}' and '{b.actor1}'"
    if a.actor2 and b.actor2 and a.actor2 != b.actor2 and a.actor2 not in sides_b:
        # One strike, its victims named differently by two reports: one event, noted.
        why += f"; actor 2 named differently: '{a.actor2}' kept, '{b.actor2}' in {b.doc_id}"
    return why


def _same_side(x: str, y: str) -> bool:
    """One side named two ways: equal, or one a unit of the other."""
    return x == y or x.startswith(f"{y} ") or y.startswith(f"{x} ")


def _figures(e: Event) -> list[tuple[str, Casualties]]:
    cas = e.casualties
    if cas is None or (cas.best is None and cas.high is None and cas.low is None):
        return []  # no death figure given: not a report of zero
    return [(doc, cas) for doc in (e.sources or (e.doc_id,))]


def _deaths(
    figures: list[tuple[str, Casualties]], rules: MergeRules
) -> tuple[Casualties | None, str]:
    """ACLED: the lowest figure, unless a higher one has ``corroboration`` documents."""
    if not figures:
        return None, ""
    by_figure: dict[int, set[str]] = defaultdict(set)
    for doc, cas in figures:
        by_figure[cas.fatalities].add(doc)
    lowest = min(by_figure)
    chosen = lowest
    for figure in sorted(by_figure, reverse=True):
        docs = set().union(*(d for f, d in by_figure.items() if f >= figure))
        if figure > lowest and len(docs) >= rules.corroboration:
            chosen = figure
            break
    cas = next(c for _, c in figures if c.fatalities == chosen)
    if len(by_figure) == 1:
        return cas, ""
    lows = [c.low for _, c in figures if c.low is not None]
    highs = [c.high for _, c in figures if c.high is not None]
    rule = f"{chosen}: reported by {len(by_figure[chosen])} of {len({d for d, _ in figures})} " + (
        "documents, the lowest figure (ACLED)" if chosen == lowest else "documents, corroborated"
    )
    merged = Casualties(
        min(lows) if lows else None,
        cas.best,
        max(highs) if highs else None,
        chosen,
        "; ".join(dict.fromkeys(c.text for _, c in figures if c.text)),
        rule,
    )
    return merged, rule


def _combine(
    a: Event, b: Event, why: str, figures: list[tuple[str, Casualties]], rules: MergeRules
) -> Event:
    cas, rule = _deaths(figures, rules)
    where = a.where
    if (b.where.geo_precision or 9, b.where.where_prec) < (
        a.where.geo_precision or 9,
        a.where.where_prec,
    ):
        where = b.where  # the finer placement wins
    sources = tuple(dict.fromkeys((*(a.sources or (a.doc_id,)), *(b.sources or (b.doc_id,)))))
    because = f"{b.event_id} from {b.doc_id}: {why}"
    if rule:
        because += f"; deaths {rule}"
    return dataclasses.replace(
        a,
        casualties=cas if cas is not None else a.casualties,
        where=where,
        sources=sources,
        merged_because=(*a.merged_because, because),
        **_sides(a, b),
        confidence=min(1.0, max(a.confidence, b.confidence) + 0.1),
    )


def _sides(a: Event, b: Event) -> dict[str, object]:
    """The merged row's actors: the first report's; a side it lacks, or names only as
    unidentified, from the other report, with its associated actor and code."""
    out: dict[str, object] = {}
    for n in ("1", "2"):
        mine, theirs = getattr(a, f"actor{n}"), getattr(b, f"actor{n}")
        if theirs and (
            not mine or (mine.startswith("Unidentified") and not theirs.startswith("Unidentified"))
        ):
            out[f"actor{n}"] = theirs
            out[f"assoc_actor_{n}"] = getattr(b, f"assoc_actor_{n}")
            out[f"inter{n}"] = getattr(b, f"inter{n}")
    return out
