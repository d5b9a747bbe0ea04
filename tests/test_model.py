"""Tests of conflictgeo.model: the events-layer row of an Event."""

from __future__ import annotations

import datetime as dt

from conflictgeo.model import EVENT_FIELDS, Casualties, DateRange, Event, Located, Place, narrative

SYRIA = Place(163843, "Syria", 35.0, 38.5, "SY", "A", "PCLI", country="Syria")
BAIJI = Place(
    97783, "Bayji", 34.93, 43.49, "IQ", "P", "PPL", "18", "Salah al-Din", "6872046",
    country="Iraq", admin2_name="Baiji",
)  # fmt: skip


def _event(
    place: Place | None, *, start: dt.date | None, end: dt.date | None = None, **kw
) -> Event:
    date = DateRange(start, end or start, start, 1, 1) if start else None
    values = {
        "event_id": "e1",
        "kind": "shelling",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": date,
        "actor1": None,
        "actor2": None,
        "where": Located(place, place.name if place else "", 1, 1, ""),
        "casualties": Casualties(4, 4, 4, 4),
        "displaced": None,
        "displaced_text": None,
        "notes": "trigger 'shelled'; toll from sentence 2",
        "doc_id": "d1",
        "evidence": "NORTH TOWN — Mortars fell on the market on Friday, killing four",
        "char_start": 0,
        "char_end": 10,
        "confidence": 0.9,
    }
    return Event(**{**values, **kw})


def test_the_row_has_every_field_in_order() -> None:
    assert list(_event(BAIJI, start=dt.date(2015, 10, 20)).record()) == list(EVENT_FIELDS)


def test_division_names_not_codes() -> None:
    row = _event(BAIJI, start=dt.date(2015, 10, 20)).record()
    assert (row["admin1"], row["admin2"]) == ("Salah al-Din", "Baiji")


def test_a_country_level_event_has_no_division_rather_than_an_empty_one() -> None:
    row = _event(SYRIA, start=dt.date(2015, 10, 20)).record()
    assert row["admin1"] is None and row["admin2"] is None
    assert _event(None, start=None).record()["admin1"] is None


def test_notes_tell_the_event_and_the_trace_keeps_its_own_column() -> None:
    row = _event(BAIJI, start=dt.date(2015, 10, 20), sources=("d1", "d2")).record()
    assert row["extractor_trace"] == "trigger 'shelled'; toll from sentence 2"
    assert row["notes"] == (
        "On 20 October 2015, in Bayji (Salah al-Din, Iraq): Mortars fell on the market on "
        "Friday, killing four. Fatalities: 4. Reported by 2 sources."
    )
    assert "\n" not in row["notes"]


def test_narrative_dates() -> None:
    def lead(start: dt.date | None, end: dt.date | None = None) -> str:
        return narrative(_event(None, start=start, end=end)).split(",")[0]

    assert lead(dt.date(2013, 8, 1), dt.date(2013, 8, 10)) == "Between 1 and 10 August 2013"
    assert lead(dt.date(2013, 8, 1), dt.date(2013, 8, 31)) == "In August 2013"
    assert (
        lead(dt.date(2013, 7, 29), dt.date(2013, 8, 4)) == "Between 29 July 2013 and 4 August 2013"
    )
    assert lead(None) == "On an unknown date"


def test_a_place_unpickled_twice_is_one_object() -> None:
    # A worker's results are pickled to the parent: equal places come back shared.
    import pickle

    place = Place(173576, "Latakia", 35.53, 35.79, "SY", "P", "PPLA", population=383786)
    first, second = (pickle.loads(pickle.dumps(place)) for _ in range(2))
    assert first == place and first is second
