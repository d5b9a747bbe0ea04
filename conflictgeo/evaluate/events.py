"""Score event extraction against hand-coded short reports.

Gold format (JSON Lines, one report per line; ``tests/data/events-gold.jsonl``
is the project's own set)::

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
  them, roles are scored for it.
* ``lat`` / ``lon`` are the coordinates of the town the coder placed the event
  at (``geo_precision`` 1 or 2); they are ``null`` for a province (3) or a
  country (``geo_precision`` ``null``), and location is then not scored.

As with a coder's sheet, only the first event extracted from each report is
compared. Fields scored: kind (every report, negatives included), date exact,
fatalities exact (reports with an event), location within :data:`WITHIN_KM`
of the gold town (reports whose gold has one). Time and geo precision
agreement are reported too. A report where no event was extracted counts as
wrong on every field its gold has.
"""

from __future__ import annotations

import datetime as dt
import json
import math
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
_SUB_EVENT_KIND = {k.sub_event_type: k.name for k in KINDS.values()}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded report: the text and what a coder made of it."""

    id: str
    text: str
    published: dt.date
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
    def kind_ok(self) -> bool:
        return self.kind == (self.gold.kind or NO_EVENT)

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
        if self.gold.kind is None or self.gold.fatalities is None:
            return None
        got = self.event.casualties.fatalities if self.event and self.event.casualties else 0
        return bool(self.event) and got == self.gold.fatalities

    @property
    def km(self) -> float | None:
        """Distance from the gold town; None when not scored, inf when not placed."""
        g = self.gold
        if g.kind is None or g.lat is None or g.lon is None:
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
    def actor1_ok(self) -> bool | None:
        if self.gold.kind is None or not self.gold.actors_coded:
            return None
        return bool(self.event) and self.event.actor1 == self.gold.actor1

    @property
    def actor2_ok(self) -> bool | None:
        if self.gold.kind is None or not self.gold.actors_coded:
            return None
        return bool(self.event) and self.event.actor2 == self.gold.actor2

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
            "text": g.text,
            "published": g.published.isoformat(),
            "wrong": [f for f in (*FIELDS, *ROLES) if getattr(self, f"{f}_ok") is False],
            "gold_kind": g.kind,
            "kind": e.kind if e else None,
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
            "gold_actor1": g.actor1 if g.actors_coded else None,
            "gold_actor2": g.actor2 if g.actors_coded else None,
            "actor1": e.actor1 if e else None,
            "actor2": e.actor2 if e else None,
            "notes": e.notes if e else None,
        }


@dataclass(slots=True)
class EventEvaluation:
    """Every report's result plus the summary figures."""

    source: str
    results: list[EventResult] = field(default_factory=list)
    seconds: float = 0.0

    def accuracy(self, name: str) -> tuple[int, int]:
        """(right, scored) for ``name``: kind, date, fatalities, location, time_precision, ..."""
        marks = [getattr(r, f"{name}_ok") for r in self.results]
        scored = [m for m in marks if m is not None]
        return sum(scored), len(scored)

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold kind, first extracted kind) counts; ``(none)`` for no event."""
        return Counter((r.gold.kind or NO_EVENT, r.kind) for r in self.results)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "reports": len(self.results)}
        for name in (*FIELDS, "time_precision", "geo_precision", *ROLES):
            right, n = self.accuracy(name)
            out[name] = {"right": right, "n": n, "accuracy": round(right / n, 4) if n else None}
        out["confusion"] = [
            {"gold": g, "extracted": p, "n": n} for (g, p), n in sorted(self.confusion().items())
        ]
        out["seconds"] = round(self.seconds, 2)
        return out


# ------------------------------------------------------------------ reading


def read_event_gold(path: str | Path, *, limit: int | None = None) -> list[GoldEvent]:
    """Read a gold file (format in the module docstring); bad lines raise ``InputError``."""
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
            if limit is not None and len(out) >= limit:
                break
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
    kind = row.get("kind")
    if kind is None and row.get("sub_event_type"):
        kind = _SUB_EVENT_KIND.get(row["sub_event_type"])
        if kind is None:
            raise bad(
                f"unknown sub_event_type {row['sub_event_type']!r}; "
                f"known: {', '.join(sorted(_SUB_EVENT_KIND))}"
            )
    if kind is not None and kind not in KINDS:
        raise bad(f"unknown kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    published = _date(row.get("published"), "published", bad, required=True)
    assert published is not None
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
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        country=row.get("country"),
        actor1=_text(row.get("actor1"), "actor1", bad),
        actor2=_text(row.get("actor2"), "actor2", bad),
        actors_coded="actor1" in row or "actor2" in row,
    )


def _text(value: object, name: str, bad: Callable[[str], InputError]) -> str | None:
    if value is not None and not isinstance(value, str):
        raise bad(f"'{name}' must be a name or null, not {value!r}")
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
        row = EventResult(gold, events[0] if events else None, len(events))
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


def render(evaluation: EventEvaluation) -> list[Any]:
    """Rich tables: per-field accuracy and the confusion of kinds (printed by the CLI)."""
    from rich.table import Table
    from rich.text import Text

    ev = evaluation
    fields = Table(
        title=f"{Path(ev.source).name or 'gold'}: {len(ev.results)} reports ({ev.seconds:.1f} s)",
        title_justify="left",
    )
    for header in ("field", "right", "n", "accuracy"):
        fields.add_column(header, justify="left" if header == "field" else "right")
    labels = {
        "kind": "kind (sub-event type)",
        "date": "date exact",
        "fatalities": "fatalities exact (ACLED)",
        "location": f"location within {WITHIN_KM:g} km",
        "time_precision": "time precision",
        "geo_precision": "geo precision",
        "actor1": "actor 1 (where coded)",
        "actor2": "actor 2 (where coded)",
    }
    for name, label in labels.items():
        right, n = ev.accuracy(name)
        fields.add_row(label, str(right), str(n), f"{100 * right / n:.1f} %" if n else "-")
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
    legend = Text(
        "Only the first event extracted from each report is compared. (none): no event. "
        "Kind is scored on every report; date, fatalities and precisions where the gold has an "
        "event; location where the gold gives the town's coordinates."
    )
    return [fields, matrix, legend]
