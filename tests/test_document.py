"""The per-document job: ``process`` one text, ``process_document`` one report."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import conflictgeo as cg

TEXT = (
    "Jets pound Saraqib\n\n"
    "On 4 March 2015 government warplanes struck the town of Saraqib in Idlib province, "
    "killing at least 9 people. Syrian Observatory for Human Rights monitors said the raid "
    "hit a market."
)


def test_process_returns_events_and_mentions(embedded_gazetteer) -> None:
    result = cg.process(TEXT, published="2015-03-05", gazetteer=embedded_gazetteer)
    assert result.document.title == "Jets pound Saraqib"
    (strike,) = [e for e in result.events if e.kind == "air_strike"]
    assert strike.date is not None and strike.date.event_date == dt.date(2015, 3, 4)
    assert strike.casualties is not None and strike.casualties.fatalities == 9
    assert strike.where.place is not None and strike.where.place.name == "Saraqib"
    assert strike.record()["geo_precision"] == 1
    texts = {m.text: m for m in result.mentions}
    assert texts["Saraqib"].place is not None and texts["Saraqib"].place.country_code == "SY"


def test_process_uses_the_default_store_once(embedded_dir, use_data_dir) -> None:
    use_data_dir(embedded_dir)
    first = cg.process(TEXT, published=dt.date(2015, 3, 5))
    second = cg.process(TEXT, published=dt.date(2015, 3, 5))
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]


def test_process_rejects_a_garbage_date(embedded_gazetteer) -> None:
    with pytest.raises(cg.ConflictGeoError, match="2013-08-14"):
        cg.process(TEXT, published="the day after", gazetteer=embedded_gazetteer)


def test_events_only_skips_geoparsing_reports_that_tell_of_no_event(embedded_gazetteer) -> None:
    from conflictgeo.document import process_document
    from conflictgeo.model import Document

    quiet = Document(id="q", text="The mayor of Aleppo opened a new school in Aleppo on Monday.")
    full = process_document(quiet, embedded_gazetteer)
    assert full.mentions and not full.events  # places, but nothing happened
    lean = process_document(quiet, embedded_gazetteer, events_only=True)
    assert lean.mentions == () and lean.events == ()

    strike = Document(
        id="s",
        text="Government jets struck Salma in Latakia province on 10 August 2013, killing 20.",
        published=dt.date(2013, 8, 14),
    )
    with_places = process_document(strike, embedded_gazetteer, events_only=True)
    assert with_places == process_document(strike, embedded_gazetteer)
    assert [e.kind for e in with_places.events] == ["air_strike"]
    assert with_places.events[0].where.place is not None


def test_process_offsets_index_the_string_given(embedded_gazetteer) -> None:
    given = (
        "Jets  pound\tSaraqib\r\n\r\nOn 4 March 2015 government\u00a0warplanes  struck the town "
        "of\tSaraqib in\u200b Idlib  province,\r\nkilling at least 9 people."
    )
    result = cg.process(given, published="2015-03-05", gazetteer=embedded_gazetteer)
    assert result.document.text != given  # the stages saw the cleaned text
    assert len(result.mentions) >= 3
    for mention in result.mentions:
        assert given[mention.start : mention.end] == mention.text
    (strike,) = [e for e in result.events if e.kind == "air_strike"]
    assert given[strike.char_start :].startswith("On 4 March")
    assert given[: strike.char_end].endswith("9 people.")


def test_a_long_report_is_processed_in_parts_with_offsets_into_the_whole(
    embedded_gazetteer, caplog: pytest.LogCaptureFixture
) -> None:
    from conflictgeo.document import PART_CHARS

    event = (
        "On 4 March 2015 government warplanes struck the town of Saraqib in Idlib "
        "province,  killing at least 9 people.\n\n"
    )
    quiet = "Residents  of Saraqib said the market in the town square opened again.\n\n"
    block = event + quiet * 60  # some 4,700 characters, one event
    given = block * (2 * PART_CHARS // len(block) + 2)  # over twice the part size
    with caplog.at_level("WARNING", logger="conflictgeo.document"):
        result = cg.process(given, published="2015-03-05", gazetteer=embedded_gazetteer)
    assert any("processed in 3 parts" in r.getMessage() for r in caplog.records)
    starts = sorted(m.start for m in result.mentions if m.text == "Saraqib")
    assert len(starts) == given.count("Saraqib") and starts[-1] > 2 * PART_CHARS
    for mention in result.mentions:
        assert given[mention.start : mention.end] == mention.text
    strikes = [e for e in result.events if e.kind == "air_strike"]
    assert len(strikes) == given.count("warplanes")
    assert len({e.event_id for e in strikes}) == len(strikes)  # no two parts share an id
    assert max(e.char_start for e in strikes) > 2 * PART_CHARS
    for strike in strikes:
        assert given[strike.char_start :].startswith("On 4 March")


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda g: cg.process(None, gazetteer=g), "takes the report's text as a str, not None"),
        (lambda g: cg.process(b"Shelling hit Homs.", gazetteer=g), "decode bytes first"),
        (lambda g: cg.process(42, gazetteer=g), "as a str, not int"),
        (
            lambda g: cg.process("Shelling hit Homs.", published=20130814, gazetteer=g),
            "published must be a datetime.date or an ISO date string such as '2013-08-14', "
            "not int 20130814",
        ),
        (lambda g: cg.process("Shelling hit Homs.", doc_id=7, gazetteer=g), "doc_id must be a str"),
        (lambda g: cg.process("Shelling hit Homs.", gazetteer="SY"), "gazetteer must be a"),
    ],
    ids=["None", "bytes", "int", "published int", "doc_id int", "gazetteer str"],
)
def test_process_says_what_it_accepts(embedded_gazetteer, call, says: str) -> None:
    with pytest.raises(cg.ArgumentTypeError, match=re.escape(says)) as info:
        call(embedded_gazetteer)
    assert isinstance(info.value, TypeError) and isinstance(info.value, cg.ConflictGeoError)


def test_process_takes_a_datetime_as_its_day(embedded_gazetteer) -> None:
    text = "Government aircraft bombed Saraqib on Monday."
    at = cg.process(text, published=dt.datetime(2013, 8, 14, 9, 30), gazetteer=embedded_gazetteer)
    on = cg.process(text, published=dt.date(2013, 8, 14), gazetteer=embedded_gazetteer)
    assert at.events and at.events[0].record()["event_date"] == dt.date(2013, 8, 12)
    assert [e.record() for e in at.events] == [e.record() for e in on.events]
    with pytest.raises(cg.ArgumentTypeError, match="not float"):
        cg.BuildOptions(published=2013.0814)
