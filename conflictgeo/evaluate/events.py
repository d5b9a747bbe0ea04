"""Score event extraction against coded reports: the project's gold and ACLED's notes.

Two gold layouts (JSON Lines, one report per line), told apart line by line.

**The project's layout** (``tests/data/events-gold.jsonl`` is its own set)::

    {"id": "sy-001", "country": "Syria", "published": "2020-05-10",
     "text": "On 9 May 2020, unidentified warplanes ... near al-Bukamal, killing 11 fighters.",
     "kind": "air_strike", "date": "2020-05-09", "time_precision": 1,
     "fatalities": 11, "location": "al-Bukamal", "geo_precision": 2,
     "lat": 34.4523, "lon": 40.9185, "geonameid": 174448}

* ``text`` and ``published`` (ISO date; relative dates resolve against it) are required.
* ``kind`` is one of :data:`~conflictgeo.extract.kinds.KINDS`; ``null`` means the
  report states no event (a denial, a threat, a plan) and nothing may be extracted.
  Instead of ``kind`` a line may give ACLED's ``sub_event_type``.
* ``date`` is the date a coder would enter for the first event (ACLED: the first
  day of a multi-day campaign, the 15th for a month, the stated start of a period),
  ``time_precision`` ACLED's 1 / 2 / 3.
* ``fatalities`` is ACLED's figure (lowest reported; "casualties" alone is 0).
* ``actor1`` / ``actor2`` (optional) are the sides as the actor dictionary names
  them (:mod:`conflictgeo.extract.actors`; ``null``: none named); when a line gives
  them, roles are scored for it. ``assoc_actor_1`` / ``_2`` and ``inter1`` /
  ``inter2`` likewise.
* ``lat`` / ``lon`` are the coordinates of the town the coder placed the event
  at (``geo_precision`` 1 or 2); they are ``null`` for a province (3) or a
  country (``geo_precision`` ``null``), and location is then not scored.

**ACLED's notes** (``../shared/corpora/acled-dev.jsonl``): the coder's note and
the row of ACLED's export it was coded as::

    {"id": "XYZ123", "source_set": "acled-2020-04/05", "text": "On 9 May 2020, ...",
     "gold": {"event_type": "Protests", "sub_event_type": "Peaceful protest",
              "date": "2020-05-09", "time_precision": 1, "geo_precision": 1,
              "lat": 32.8, "lon": 35.0, "fatalities": 0, "country": "Israel",
              "actor1": "Protesters (Israel)", "assoc_actor_1": "...", "actor2": "",
              "inter1": "6", "inter2": "0", "interaction": "60", ...}}

The note has no publication date (its dates are absolute); ``published`` is used
when a line gives one. The rules are those of ``shared/tools/score.py``: the
sub-event type is compared (ACLED's "Other" holds both ``other_strategic`` and
``displacement``); fatalities are not scored on notes that say the toll was
"split" or "coded as" (ACLED divides a toll across events); the place is scored
where ACLED's ``geo_precision`` is 1; actors are compared by name exactly, an
empty or ``NA`` actor being none; ``inter`` codes as numbers (0: none).

As with a coder's sheet, only the first event extracted from each report (the
one that starts first) is compared. Fields scored: kind (every report,
negatives included), date exact, fatalities exact (reports with an event),
location within :data:`WITHIN_KM` of the gold town, the country, and the
actors, their associated actors and ``inter`` codes where coded. Actors are
also compared with a period's end year aside: ACLED names state forces by the
period of their government and closes it once it has ended ("Police Forces of
Kenya (2013-2022)"), so an export made before the end reads "(2013-)". Time and geo
precision agreement are reported too. A report where no event was extracted
counts as wrong on every field its gold has. Figures are given in all, per
``source_set`` and per gold sub-event type.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictgeo.errors import InputError, InputNotFound, OutputError
from conflictgeo.evaluate.geoparse import distance_km
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.model import Event
from conflictgeo.taxonomy import KINDS

WITHIN_KM = 25.0
NO_EVENT = "(none)"
FIELDS = ("kind", "date", "fatalities", "location")
ROLES = ("actor1", "actor2")  # scored only on lines that code them
#: Fields scored where the gold codes them, beyond kind, date, fatalities, location.
CODED = ("inter1", "inter2", "assoc_actor_1", "assoc_actor_2", "country")
#: Every field a report can be right or wrong on, in the order tables show them.
ALL_FIELDS = (
    "with_event",
    "kind",
    "date",
    "time_precision",
    "fatalities",
    "fatalities_deaths",
    "location",
    "geo_precision",
    "country",
    "actor1",
    "actor2",
    "actor1_any_period",
    "actor2_any_period",
    "assoc_actor_1",
    "assoc_actor_2",
    "inter1",
    "inter2",
)
# ACLED names a state's forces by the period of its government, closed once it ended
# ("(2013-2022)"); an export made before the end writes it open ("(2013-)").
_PERIOD_END = re.compile(r"\((\d{4})-\d{4}\)")
_SUB_EVENT_KIND = {k.sub_event_type: k.name for k in KINDS.values()}
# ACLED's notes that say their toll is shared with other events (score.py's rule).
_SPLIT_TOLL = ("split", "coded as")
_NO_ACTOR = {"", "NA"}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded report: the text and what a coder made of it."""

    id: str
    text: str
    published: dt.date | None  # None: ACLED notes (their dates are absolute)
    kind: str | None  # None: no event may be extracted
    date: dt.date | None = None
    time_precision: int | None = None
    fatalities: int | None = None
    location: str | None = None
    geo_precision: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    actors_coded: bool = False  # the line gives actor1 / actor2
    sub_event_type: str | None = None  # given: the sub-event type is compared, not the kind
    source_set: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    assoc_coded: bool = False
    inter1: int | None = None
    inter2: int | None = None
    inter_coded: bool = False
    score_fatalities: bool = True  # False: the note says its toll is split
    score_place: bool = True  # False: the coder's place is not a town (ACLED geo 2, 3)

    @property
    def label(self) -> str:
        """What the report is coded as: its sub-event type when given, else its kind."""
        if self.kind is None:
            return NO_EVENT
        return self.sub_event_type or self.kind


@dataclass(frozen=True, slots=True)
class EventResult:
    """The first extracted event of one report, compared with its gold."""

    gold: GoldEvent
    event: Event | None
    events: int  # how many events were extracted in all

    @property
    def kind(self) -> str:
        return self.event.kind if self.event else NO_EVENT

    @property
    def label(self) -> str:
        """The first event as the gold codes it (sub-event type or kind)."""
        if self.event is None:
            return NO_EVENT
        return self.event.sub_event_type if self.gold.sub_event_type else self.event.kind

    @property
    def with_event_ok(self) -> bool | None:
        return None if self.gold.kind is None else self.event is not None

    @property
    def kind_ok(self) -> bool:
        return self.label == self.gold.label

    @property
    def date_ok(self) -> bool | None:
        if self.gold.kind is None or self.gold.date is None:
            return None
        return bool(self.event and self.event.date and self.event.date.event_date == self.gold.date)

    @property
    def time_precision_ok(self) -> bool | None:
        if self.gold.kind is None or self.gold.time_precision is None:
            return None
        date = self.event.date if self.event else None
        return bool(date and date.time_precision == self.gold.time_precision)

    @property
    def fatalities_ok(self) -> bool | None:
        g = self.gold
        if g.kind is None or g.fatalities is None or not g.score_fatalities:
            return None
        got = self.event.casualties.fatalities if self.event and self.event.casualties else 0
        return bool(self.event) and got == g.fatalities

    @property
    def fatalities_deaths_ok(self) -> bool | None:
        """Fatalities where the gold has deaths."""
        return self.fatalities_ok if self.gold.fatalities else None

    @property
    def km(self) -> float | None:
        """Distance from the gold town; None when not scored, inf when not placed."""
        g = self.gold
        if g.kind is None or g.lat is None or g.lon is None or not g.score_place:
            return None
        place = self.event.where.place if self.event else None
        if place is None:
            return math.inf
        return distance_km(g.lat, g.lon, place.lat, place.lon)

    @property
    def location_ok(self) -> bool | None:
        km = self.km
        return None if km is None else km <= WITHIN_KM

    @property
    def country_ok(self) -> bool | None:
        if self.gold.kind is None or not self.gold.country:
            return None
        place = self.event.where.place if self.event else None
        return place is not None and place.country == self.gold.country

    def _same(self, coded: bool, gold: object, attribute: str) -> bool | None:
        if self.gold.kind is None or not coded:
            return None
        return self.event is not None and getattr(self.event, attribute) == gold

    @property
    def actor1_ok(self) -> bool | None:
        return self._same(self.gold.actors_coded, self.gold.actor1, "actor1")

    @property
    def actor2_ok(self) -> bool | None:
        return self._same(self.gold.actors_coded, self.gold.actor2, "actor2")

    def _any_period(self, gold: str | None, attribute: str) -> bool | None:
        if self.gold.kind is None or not self.gold.actors_coded:
            return None
        got = getattr(self.event, attribute) if self.event else None
        return self.event is not None and _open_period(got) == _open_period(gold)

    @property
    def actor1_any_period_ok(self) -> bool | None:
        """Actor 1 with a period's end year aside (an older export leaves it open)."""
        return self._any_period(self.gold.actor1, "actor1")

    @property
    def actor2_any_period_ok(self) -> bool | None:
        return self._any_period(self.gold.actor2, "actor2")

    @property
    def assoc_actor_1_ok(self) -> bool | None:
        return self._same(self.gold.assoc_coded, self.gold.assoc_actor_1, "assoc_actor_1")

    @property
    def assoc_actor_2_ok(self) -> bool | None:
        return self._same(self.gold.assoc_coded, self.gold.assoc_actor_2, "assoc_actor_2")

    @property
    def inter1_ok(self) -> bool | None:
        if self.gold.kind is None or not self.gold.inter_coded:
            return None
        return self.event is not None and (self.event.inter1 or 0) == (self.gold.inter1 or 0)

    @property
    def inter2_ok(self) -> bool | None:
        if self.gold.kind is None or not self.gold.inter_coded:
            return None
        return self.event is not None and (self.event.inter2 or 0) == (self.gold.inter2 or 0)

    @property
    def geo_precision_ok(self) -> bool | None:
        if self.gold.kind is None:
            return None
        return bool(self.event) and self.event.where.geo_precision == self.gold.geo_precision

    def row(self) -> dict[str, Any]:
        """One line of the ``--errors`` file."""
        e, g = self.event, self.gold
        cas = e.casualties if e else None
        place = e.where.place if e else None
        km = self.km
        return {
            "id": g.id,
            "source_set": g.source_set,
            "text": g.text,
            "published": g.published.isoformat() if g.published else None,
            "wrong": [f for f in (*FIELDS, *ROLES, *CODED) if getattr(self, f"{f}_ok") is False],
            "gold_kind": g.kind,
            "kind": e.kind if e else None,
            "gold_sub_event_type": g.sub_event_type,
            "sub_event_type": e.sub_event_type if e else None,
            "events": self.events,
            "gold_date": g.date.isoformat() if g.date else None,
            "date": e.date.event_date.isoformat() if e and e.date else None,
            "date_rule": e.date.rule if e and e.date else None,
            "gold_time_precision": g.time_precision,
            "time_precision": e.date.time_precision if e and e.date else None,
            "gold_fatalities": g.fatalities,
            "fatalities": cas.fatalities if cas else (0 if e else None),
            "fatalities_rule": cas.rule if cas else None,
            "gold_location": g.location,
            "location": e.where.location if e else None,
            "geonameid": place.geonameid if place else None,
            "km": None if km is None or math.isinf(km) else round(km, 1),
            "gold_geo_precision": g.geo_precision,
            "geo_precision": e.where.geo_precision if e else None,
            "location_reason": e.where.reason if e else None,
            "gold_country": g.country,
            "country": place.country if place else None,
            "gold_actor1": g.actor1 if g.actors_coded else None,
            "gold_actor2": g.actor2 if g.actors_coded else None,
            "actor1": e.actor1 if e else None,
            "actor2": e.actor2 if e else None,
            "gold_assoc_actor_1": g.assoc_actor_1,
            "gold_assoc_actor_2": g.assoc_actor_2,
            "assoc_actor_1": e.assoc_actor_1 if e else None,
            "assoc_actor_2": e.assoc_actor_2 if e else None,
            "gold_inter": [g.inter1, g.inter2] if g.inter_coded else None,
            "inter": [e.inter1, e.inter2] if e else None,
            "notes": e.notes if e else None,
        }


@dataclass(slots=True)
class EventEvaluation:
    """Every report's result plus the summary figures."""

    source: str
    results: list[EventResult] = field(default_factory=list)
    seconds: float = 0.0

    def accuracy(self, name: str, results: Sequence[EventResult] | None = None) -> tuple[int, int]:
        """(right, scored) for ``name`` (one of :data:`ALL_FIELDS`), over ``results``
        (default: every report)."""
        marks = [getattr(r, f"{name}_ok") for r in (self.results if results is None else results)]
        scored = [m for m in marks if m is not None]
        return sum(scored), len(scored)

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold label, first extracted label) counts; ``(none)`` for no event. Labels
        are sub-event types where the gold gives them, else kinds."""
        return Counter((r.gold.label, r.label) for r in self.results)

    def groups(self, key: Callable[[EventResult], str]) -> dict[str, list[EventResult]]:
        """The results by ``key``, groups in sorted order."""
        out: dict[str, list[EventResult]] = {}
        for r in self.results:
            out.setdefault(key(r), []).append(r)
        return dict(sorted(out.items()))

    def by_source_set(self) -> dict[str, list[EventResult]]:
        return self.groups(lambda r: r.gold.source_set or "(no source_set)")

    def by_label(self) -> dict[str, list[EventResult]]:
        return self.groups(lambda r: r.gold.label)

    def scored_fields(self) -> list[str]:
        """The fields some report is scored on (a gold without actors has no actor rows)."""
        return [f for f in ALL_FIELDS if self.accuracy(f)[1]]

    def summary(self) -> dict[str, Any]:
        def figures(results: Sequence[EventResult]) -> dict[str, Any]:
            out: dict[str, Any] = {"reports": len(results)}
            for name in ALL_FIELDS:
                right, n = self.accuracy(name, results)
                out[name] = {"right": right, "n": n, "accuracy": round(right / n, 4) if n else None}
            return out

        out: dict[str, Any] = {"source": self.source, **figures(self.results)}
        out["by_source_set"] = {k: figures(v) for k, v in self.by_source_set().items()}
        out["by_sub_event_type"] = {k: figures(v) for k, v in self.by_label().items()}
        out["confusion"] = [
            {"gold": g, "extracted": p, "n": n} for (g, p), n in sorted(self.confusion().items())
        ]
        out["seconds"] = round(self.seconds, 2)
        return out


# ------------------------------------------------------------------ reading


def read_event_gold(
    path: str | Path,
    *,
    limit: int | None = None,
    sample: int | None = None,
    source_set: str | None = None,
) -> list[GoldEvent]:
    """Read a gold file (either layout of the module docstring); bad lines raise
    ``InputError``.

    ``limit`` keeps the first N reports; ``sample`` draws N at random, as
    ``score.py --limit`` does (``random.Random(0).sample`` of every line, so the
    same N gives the same notes); ``source_set`` keeps one set's lines.
    """
    path = Path(path)
    if not path.exists():
        raise InputNotFound("no such file; give a JSON Lines gold file", source=str(path))
    out: list[GoldEvent] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            gold = _gold_line(line, str(path), n)
            if gold.id in seen:
                raise InputError(f"duplicate id {gold.id!r}", source=str(path), line=n)
            seen.add(gold.id)
            out.append(gold)
            if limit is not None and sample is None and source_set is None and len(out) >= limit:
                break
    if sample is not None and sample < len(out):
        out = random.Random(0).sample(out, sample)
    if source_set is not None:
        out = [g for g in out if g.source_set == source_set]
    if limit is not None:
        out = out[:limit]
    if not out:
        raise InputError("no gold reports in the file", source=str(path))
    return out


def _gold_line(line: str, source: str, n: int) -> GoldEvent:
    def bad(message: str) -> InputError:
        return InputError(message, source=source, line=n)

    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise bad(f"not JSON ({error.msg})") from error
    if not isinstance(row, dict):
        raise bad("each line must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("'text' is missing or empty")
    if "gold" in row:
        return _acled_line(row, text, bad, n)
    kind = row.get("kind")
    sub_event_type = None
    if kind is None and row.get("sub_event_type"):
        kind = _kind_of(row["sub_event_type"], bad)
        sub_event_type = row["sub_event_type"]
    if kind is not None and kind not in KINDS:
        raise bad(f"unknown kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    published = _date(row.get("published"), "published", bad, required=True)
    lat, lon = _coordinates(row, bad)
    return GoldEvent(
        id=str(row.get("id") or f"line-{n}"),
        text=text,
        published=published,
        kind=kind,
        date=_date(row.get("date"), "date", bad, required=False),
        time_precision=_int(row.get("time_precision"), "time_precision", bad),
        fatalities=_int(row.get("fatalities"), "fatalities", bad),
        location=row.get("location"),
        geo_precision=_int(row.get("geo_precision"), "geo_precision", bad),
        lat=lat,
        lon=lon,
        country=row.get("country"),
        actor1=_text(row.get("actor1"), "actor1", bad),
        actor2=_text(row.get("actor2"), "actor2", bad),
        actors_coded="actor1" in row or "actor2" in row,
        sub_event_type=sub_event_type,
        assoc_actor_1=_text(row.get("assoc_actor_1"), "assoc_actor_1", bad),
        assoc_actor_2=_text(row.get("assoc_actor_2"), "assoc_actor_2", bad),
        assoc_coded="assoc_actor_1" in row or "assoc_actor_2" in row,
        inter1=_int(row.get("inter1"), "inter1", bad),
        inter2=_int(row.get("inter2"), "inter2", bad),
        inter_coded="inter1" in row or "inter2" in row,
    )


def _acled_line(
    row: dict[str, Any], text: str, bad: Callable[[str], InputError], n: int
) -> GoldEvent:
    """A line of ACLED's notes layout: ``{"id", "source_set", "text", "gold": {...}}``."""
    gold = row["gold"]
    if not isinstance(gold, dict):
        raise bad("'gold' must be an object (ACLED's coding of the note)")
    sub_event_type = gold.get("sub_event_type")
    if not isinstance(sub_event_type, str) or not sub_event_type:
        raise bad("'gold' has no 'sub_event_type'")
    lat, lon = _coordinates(gold, bad)
    geo_precision = _int(gold.get("geo_precision"), "geo_precision", bad)
    return GoldEvent(
        id=str(row.get("id") or f"line-{n}"),
        text=text,
        published=_date(row.get("published"), "published", bad, required=False),
        kind=_kind_of(sub_event_type, bad),
        date=_date(gold.get("date"), "date", bad, required=False),
        time_precision=_int(gold.get("time_precision"), "time_precision", bad),
        fatalities=_int(gold.get("fatalities"), "fatalities", bad),
        location=gold.get("location") or None,
        geo_precision=geo_precision,
        lat=lat,
        lon=lon,
        country=gold.get("country") or None,
        actor1=_actor(gold.get("actor1"), "actor1", bad),
        actor2=_actor(gold.get("actor2"), "actor2", bad),
        actors_coded=True,
        sub_event_type=sub_event_type,
        source_set=row.get("source_set"),
        assoc_actor_1=_actor(gold.get("assoc_actor_1"), "assoc_actor_1", bad),
        assoc_actor_2=_actor(gold.get("assoc_actor_2"), "assoc_actor_2", bad),
        assoc_coded=True,
        inter1=_int(_code(gold.get("inter1")), "inter1", bad),
        inter2=_int(_code(gold.get("inter2")), "inter2", bad),
        inter_coded="inter1" in gold or "inter2" in gold,
        score_fatalities=not any(word in text for word in _SPLIT_TOLL),
        score_place=geo_precision == 1,
    )


def _open_period(name: str | None) -> str | None:
    """ "Police Forces of Kenya (2013-2022)" as an export made before 2022 writes it."""
    return _PERIOD_END.sub(r"(\1-)", name) if name else name


def _kind_of(sub_event_type: object, bad: Callable[[str], InputError]) -> str:
    kind = _SUB_EVENT_KIND.get(sub_event_type) if isinstance(sub_event_type, str) else None
    if kind is None:
        raise bad(
            f"unknown sub_event_type {sub_event_type!r}; "
            f"known: {', '.join(sorted(_SUB_EVENT_KIND))}"
        )
    return kind


def _coordinates(
    row: dict[str, Any], bad: Callable[[str], InputError]
) -> tuple[float | None, float | None]:
    lat, lon = row.get("lat"), row.get("lon")
    if (lat is None) != (lon is None):
        raise bad("give both 'lat' and 'lon', or neither")
    if lat is not None and not (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    ):
        raise bad("'lat' / 'lon' must be numbers within range")
    return (float(lat), float(lon)) if lat is not None and lon is not None else (None, None)


def _text(value: object, name: str, bad: Callable[[str], InputError]) -> str | None:
    if value is not None and not isinstance(value, str):
        raise bad(f"'{name}' must be a name or null, not {value!r}")
    return value


def _actor(value: object, name: str, bad: Callable[[str], InputError]) -> str | None:
    """ACLED's actor cell: empty (or ``NA``) is no actor."""
    value = _text(value, name, bad)
    return None if value is None or value.strip() in _NO_ACTOR else value


def _code(value: object) -> object:
    """ACLED's ``inter`` cell: digits as text ("6"); empty is none."""
    if isinstance(value, str):
        value = value.strip()
        return int(value) if value.isdigit() else (None if value in _NO_ACTOR else value)
    return value


def _date(
    value: object, name: str, bad: Callable[[str], InputError], *, required: bool
) -> dt.date | None:
    if value is None:
        if required:
            raise bad(f"'{name}' is missing (an ISO date, YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise bad(f"'{name}' is not an ISO date (YYYY-MM-DD): {value!r}") from error


def _int(value: object, name: str, bad: Callable[[str], InputError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad(f"'{name}' must be a whole number ≥ 0, not {value!r}")
    return value


# ------------------------------------------------------------------ scoring


def evaluate_events(
    golds: Sequence[GoldEvent],
    gazetteer: Gazetteer,
    *,
    source: str = "",
    on_report: Callable[[EventResult], None] | None = None,
) -> EventEvaluation:
    """Extract events from every gold report and compare the first with the coding."""
    from conflictgeo.document import process

    evaluation = EventEvaluation(source)
    start = time.perf_counter()
    for gold in golds:
        result = process(gold.text, published=gold.published, doc_id=gold.id, gazetteer=gazetteer)
        events = result.events
        # The first event is the one the text tells first (score.py sorts by offset).
        first = min(events, key=lambda e: e.char_start) if events else None
        row = EventResult(gold, first, len(events))
        evaluation.results.append(row)
        if on_report:
            on_report(row)
    evaluation.seconds = time.perf_counter() - start
    return evaluation


def write_errors(evaluation: EventEvaluation, path: str | Path, *, all_rows: bool = False) -> int:
    """Write one JSON line per report with a wrong field (every report with ``all_rows``)."""
    rows = [r.row() for r in evaluation.results]
    if not all_rows:
        rows = [r for r in rows if r["wrong"]]
    try:
        with Path(path).open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    return len(rows)


LABELS = {
    "with_event": "with an event",
    "kind": "kind (sub-event type)",
    "date": "date exact",
    "time_precision": "time precision",
    "fatalities": "fatalities exact (ACLED)",
    "fatalities_deaths": "fatalities exact, where deaths",
    "location": f"location within {WITHIN_KM:g} km",
    "geo_precision": "geo precision",
    "country": "country",
    "actor1": "actor 1 (where coded)",
    "actor2": "actor 2 (where coded)",
    "actor1_any_period": "actor 1, a period's end aside",
    "actor2_any_period": "actor 2, a period's end aside",
    "assoc_actor_1": "assoc. actor 1 (where coded)",
    "assoc_actor_2": "assoc. actor 2 (where coded)",
    "inter1": "inter 1 (where coded)",
    "inter2": "inter 2 (where coded)",
}
# Short headers of the per-group tables.
_SHORT = {
    "with_event": "event",
    "kind": "type",
    "date": "date",
    "fatalities": "fatal.",
    "location": "place",
    "country": "country",
    "actor1": "actor1",
    "actor2": "actor2",
    "inter1": "inter1",
    "inter2": "inter2",
}
_ALWAYS = ("kind", "date", "fatalities", "location", "time_precision", "geo_precision")


def render(evaluation: EventEvaluation) -> list[Any]:
    """Rich tables: per-field accuracy, per source set, per sub-event type, and the
    confusion of kinds (printed by the CLI)."""
    from rich.table import Table
    from rich.text import Text

    ev = evaluation
    scored = ev.scored_fields()
    fields = Table(
        title=f"{Path(ev.source).name or 'gold'}: {len(ev.results)} reports ({ev.seconds:.1f} s)",
        title_justify="left",
    )
    for header in ("field", "right", "n", "accuracy"):
        fields.add_column(header, justify="left" if header == "field" else "right")
    for name, label in LABELS.items():
        if name not in scored and name not in _ALWAYS:
            continue
        right, n = ev.accuracy(name)
        fields.add_row(label, str(right), str(n), _share(right, n))
    tables: list[Any] = [fields]
    columns = [c for c in _SHORT if c in scored]

    def group_table(title: str, first: str, groups: dict[str, list[EventResult]]) -> Any:
        table = Table(title=f"{title}: % right", title_justify="left")
        table.add_column(first, no_wrap=True, overflow="ellipsis", max_width=34)
        table.add_column("n", justify="right")
        for c in columns:
            table.add_column(_SHORT[c], justify="right")
        for name, results in groups.items():
            table.add_row(
                name,
                str(len(results)),
                *(_share(*ev.accuracy(c, results), sign="") for c in columns),
            )
        return table

    sets = ev.by_source_set()
    if len(sets) > 1 or next(iter(sets)) != "(no source_set)":
        tables.append(group_table("By source set", "source set", sets))
    tables.append(group_table("By gold sub-event type (kind)", "gold", ev.by_label()))
    confusion = ev.confusion()
    matrix = Table(title="Kinds: gold by first extracted", title_justify="left")
    for header in ("gold kind", "n", "right", "extracted instead"):
        matrix.add_column(
            header, justify="left" if header in ("gold kind", "extracted instead") else "right"
        )
    for g in sorted({g for g, _ in confusion}):
        row = {p: n for (gk, p), n in confusion.items() if gk == g}
        instead = ", ".join(
            f"{p} {n}" for p, n in sorted(row.items(), key=lambda i: -i[1]) if p != g
        )
        matrix.add_row(g, str(sum(row.values())), str(row.get(g, 0)), instead or "-")
    tables.append(matrix)
    tables.append(
        Text(
            "Only the first event extracted from each report is compared. (none): no event. "
            "Kind is scored on every report; date, fatalities and precisions where the gold has "
            "an event; location where the gold gives the town's coordinates (ACLED notes: "
            "geo_precision 1); fatalities not on ACLED notes whose toll is split; actors, "
            "associated actors and inter codes where the gold codes them."
        )
    )
    return tables


def _share(right: int, n: int, sign: str = " %") -> str:
    return f"{100 * right / n:.1f}{sign}" if n else "-"
