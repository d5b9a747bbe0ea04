"""Tests of conflictgeo.layers.build_layers, with data built in code."""

from __future__ import annotations

import dataclasses
import datetime as dt

import geopandas
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from conflictgeo.layers import (
    DOCUMENT_FIELDS,
    LAYER_FIELDS,
    LAYER_NAMES,
    MENTION_FIELDS,
    PLACE_FIELDS,
    LayerStream,
    SpooledLayer,
    build_layers,
)
from conflictgeo.model import (
    EVENT_FIELDS,
    Casualties,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Located,
    Mention,
    Place,
)

INGESTED = "2024-03-06T12:00:00Z"

LATAKIA = Place(
    geonameid=173576,
    name="Latakia",
    lat=35.53125,
    lon=35.79088,
    country_code="SY",
    feature_class="P",
    feature_code="PPLA",
    admin1="02",
    admin1_name="Latakia",
    country="Syria",
    population=383786,
    source="geonames",
)
SALMA = Place(
    geonameid=1000001,  # made up
    name="Salmá",
    lat=35.7,
    lon=36.1,
    country_code="SY",
    feature_class="P",
    feature_code="PPL",
    admin1="02",
    admin1_name="Latakia",
    country="Syria",
    population=2000,
    source="test",
    approximate=True,
)

TEXT1 = (
    "LATAKIA, Syria (Reuters) - Shelling killed three people in Latakia on Monday, "
    "and clashes were reported near Ṭarṭūs."
)
TEXT2 = "A drone struck Salmá on 2 March, killing two. Latakia was shelled again."


def _date(day: dt.date) -> DateRange:
    return DateRange(day, day, day, time_precision=1, date_prec=1, text=str(day), rule="test")


def _event(
    event_id: str,
    doc: Document,
    span: str,
    place: Place | None,
    *,
    day: dt.date | None = None,
    killed: int | None = None,
    location: str | None = None,
    sources: tuple[str, ...] = (),
) -> Event:
    start = doc.text.index(span)
    location = location or (place.name if place else span)
    return Event(
        event_id=event_id,
        kind="attack",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=_date(day) if day else None,
        actor1="Unidentified armed group",
        actor2=None,
        where=Located(
            place=place,
            location=location,
            geo_precision=1 if place else None,
            where_prec=1 if place else 7,
            reason="named town" if place else "unresolved: no gazetteer match",
        ),
        casualties=Casualties(killed, killed, killed, killed or 0, text="killed")
        if killed is not None
        else None,
        displaced=None,
        displaced_text=None,
        notes="",
        doc_id=doc.id,
        evidence=span,
        char_start=start,
        char_end=start + len(span),
        confidence=0.8,
        source=doc.source,
        url=doc.url,
        published=doc.published,
        extractor_version="test",
        sources=sources,
    )


def _mention(
    doc: Document, text: str, place: Place | None, *, nth: int = 0, **kw: object
) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return Mention(start, start + len(text), text, place, **kw)  # type: ignore[arg-type]


def sample() -> tuple[list[DocumentResult], list[Event]]:
    """Two reports; the merged event list folds d2's Latakia shelling into d1's."""
    doc1 = Document(
        id="d1",
        text=TEXT1,
        title="Shelling in Latakia",
        source="Reuters",
        url="https://example.org/1",
        published=dt.date(2024, 3, 5),
        origin="reports.jsonl:1",
        content_hash="h1",
        dateline="LATAKIA",
        dateline_span=(0, 7),
    )
    doc2 = Document(id="d2", text=TEXT2, source="AFP", published=dt.date(2024, 3, 3))
    m1 = (
        _mention(doc1, "LATAKIA", LATAKIA, role="dateline", score=0.7),
        _mention(doc1, "Latakia", LATAKIA, score=0.95, reasons=("exact name", "admin1 seat")),
        _mention(doc1, "Ṭarṭūs", None, hint="town"),
    )
    m2 = (_mention(doc2, "Salmá", SALMA, score=0.6), _mention(doc2, "Latakia", LATAKIA, score=0.9))
    shelling = _event(
        "ev-1", doc1, "Shelling killed three", LATAKIA, day=dt.date(2024, 3, 4), killed=3
    )
    clashes = _event("ev-2", doc1, "clashes were reported near Ṭarṭūs", None, location="Ṭarṭūs")
    drone = _event("ev-3", doc2, "A drone struck Salmá", SALMA, day=dt.date(2024, 3, 2), killed=2)
    again = _event("ev-4", doc2, "Latakia was shelled again", LATAKIA)
    results = [
        DocumentResult(doc1, m1, (clashes, shelling)),  # deliberately out of text order
        DocumentResult(doc2, m2, (drone, again)),
    ]
    merged = [drone, clashes, dataclasses.replace(shelling, sources=("d1", "d2"))]
    return results, merged


@pytest.fixture(scope="module")
def layers() -> dict[str, geopandas.GeoDataFrame]:
    results, merged = sample()
    return build_layers(results, merged, ingested_at=INGESTED)


def test_four_layers_in_wgs84(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    assert tuple(layers) == LAYER_NAMES == ("events", "places", "mentions", "documents")
    for name, frame in layers.items():
        assert isinstance(frame, geopandas.GeoDataFrame), name
        assert frame.crs == "EPSG:4326", name
        assert list(frame.columns) == [*LAYER_FIELDS[name], "geometry"], name


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_column_dtypes_follow_schema(layers: dict[str, geopandas.GeoDataFrame], name: str) -> None:
    frame = layers[name]
    for column, kind in LAYER_FIELDS[name].items():
        dtype = frame[column].dtype
        if kind == "int":
            assert dtype == "Int64", column
        elif kind == "float":
            assert dtype == "float64", column
        elif kind == "bool":
            assert dtype == "bool", column
        elif kind == "date":
            assert pd.api.types.is_object_dtype(dtype), column
            assert all(isinstance(v, dt.date) for v in frame[column].dropna()), column
        else:
            assert pd.api.types.is_string_dtype(dtype), column


def test_events_use_merged_list_sorted_by_document_then_offset(
    layers: dict[str, geopandas.GeoDataFrame],
) -> None:
    events = layers["events"]
    assert events["event_id"].tolist() == ["ev-1", "ev-2", "ev-3"]
    assert events["sources"].tolist() == ["d1;d2", "d1", "d2"]


def test_events_default_to_per_document_events() -> None:
    results, _ = sample()
    events = build_layers(results, ingested_at=INGESTED)["events"]
    assert events["event_id"].tolist() == ["ev-1", "ev-2", "ev-3", "ev-4"]


def test_event_rows_match_record(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    _, merged = sample()
    by_id = {e.event_id: e.record() for e in merged}
    for row in layers["events"].drop(columns="geometry").to_dict("records"):
        record = by_id[row["event_id"]]
        for column, value in record.items():
            if value is None:
                assert pd.isna(row[column]), column
            else:
                assert row[column] == value, column


def test_point_is_lon_lat(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    latakia = layers["events"].set_index("event_id").loc["ev-1"]
    assert latakia.geometry.x == pytest.approx(35.79088)
    assert latakia.geometry.y == pytest.approx(35.53125)
    assert latakia["longitude"] == pytest.approx(latakia.geometry.x)
    assert latakia["latitude"] == pytest.approx(latakia.geometry.y)


def test_unplaced_event_keeps_row_without_geometry(
    layers: dict[str, geopandas.GeoDataFrame],
) -> None:
    row = layers["events"].set_index("event_id").loc["ev-2"]
    assert row.geometry is None
    assert row["location"] == "Ṭarṭūs"
    assert row["location_reason"] == "unresolved: no gazetteer match"
    assert pd.isna(row["event_date"])
    assert pd.isna(row["geonameid"])


def test_event_dates_are_dates(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    row = layers["events"].set_index("event_id").loc["ev-1"]
    assert row["event_date"] == dt.date(2024, 3, 4)
    assert row["published"] == dt.date(2024, 3, 5)
    assert type(row["date_start"]) is dt.date


def test_places_once_per_geonameid_with_counts(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    places = layers["places"].set_index("geonameid")
    assert sorted(places.index) == [LATAKIA.geonameid, SALMA.geonameid]
    latakia = places.loc[LATAKIA.geonameid]
    # dateline + location in d1, location in d2: every resolved mention counts
    assert latakia["mention_count"] == 3
    assert latakia["event_count"] == 1  # ev-4 was merged away
    assert latakia["admin1"] == "Latakia"
    assert (latakia.geometry.x, latakia.geometry.y) == (LATAKIA.lon, LATAKIA.lat)
    salma = places.loc[SALMA.geonameid]
    assert salma["name"] == "Salmá"
    assert bool(salma["approximate"]) is True
    assert (salma["mention_count"], salma["event_count"]) == (1, 1)


def test_mentions_one_row_each(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    mentions = layers["mentions"]
    assert len(mentions) == 5
    assert mentions["doc_id"].tolist() == ["d1", "d1", "d1", "d2", "d2"]
    assert mentions["text"].tolist() == ["LATAKIA", "Latakia", "Ṭarṭūs", "Salmá", "Latakia"]
    first = mentions.iloc[1]
    assert first["reasons"] == "exact name; admin1 seat"
    assert first["name"] == "Latakia" and first["geonameid"] == LATAKIA.geonameid
    assert first["role"] == "location"
    assert mentions.iloc[0]["role"] == "dateline"
    unresolved = mentions.iloc[2]
    assert unresolved.geometry is None
    assert pd.isna(unresolved["geonameid"])
    assert unresolved["hint"] == "town"
    assert TEXT1[unresolved["start"] : unresolved["end"]] == "Ṭarṭūs"


def test_documents(layers: dict[str, geopandas.GeoDataFrame]) -> None:
    docs = layers["documents"].set_index("id")
    assert list(docs.index) == ["d1", "d2"]
    d1 = docs.loc["d1"]
    assert d1["published"] == dt.date(2024, 3, 5)
    assert d1["dateline"] == "LATAKIA"
    assert (d1["n_chars"], d1["n_mentions"], d1["n_events"]) == (len(TEXT1), 3, 2)
    assert set(docs["ingested_at"]) == {INGESTED}
    assert docs.geometry.isna().all()


def test_default_ingested_at_is_utc_iso() -> None:
    results, _ = sample()
    stamp = build_layers(results)["documents"]["ingested_at"].iloc[0]
    parsed = dt.datetime.fromisoformat(stamp)
    assert parsed.utcoffset() == dt.timedelta(0)


def test_build_is_deterministic() -> None:
    results, merged = sample()
    first = build_layers(results, merged, ingested_at=INGESTED)
    second = build_layers(results, list(reversed(merged)), ingested_at=INGESTED)
    for name in LAYER_NAMES:
        assert_geodataframe_equal(first[name], second[name])


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("events", EVENT_FIELDS),
        ("places", PLACE_FIELDS),
        ("mentions", MENTION_FIELDS),
        ("documents", DOCUMENT_FIELDS),
    ],
)
def test_empty_input_gives_empty_typed_layers(name: str, fields: dict[str, str]) -> None:
    frame = build_layers([], ingested_at=INGESTED)[name]
    assert len(frame) == 0
    assert list(frame.columns) == [*fields, "geometry"]
    assert frame.crs == "EPSG:4326"
    int_columns = [c for c, kind in fields.items() if kind == "int"]
    assert all(frame[c].dtype == "Int64" for c in int_columns)


def test_mentions_layer_offsets_index_the_input(embedded_gazetteer) -> None:
    from conflictgeo.document import process_document
    from conflictgeo.text import prepare

    given = "Shelling  hit\tHoms and  Hama on\u00a0Monday.\r\n\r\nRebels fled to Idlib."
    prepared = prepare(given)
    doc = Document(id="d", text=prepared.text, offsets=prepared.offsets)
    layers = build_layers([process_document(doc, embedded_gazetteer)])
    rows = layers["mentions"]
    assert len(rows) >= 3
    for row in rows.itertuples():
        assert given[row.start : row.end] == row.text


def test_an_integer_no_64_bit_field_holds_is_left_empty_not_a_crash(caplog) -> None:
    # Issue 14 item 9: one absurd count made pyarrow/pandas raise OverflowError.
    results, _ = sample()
    doc = results[0].document
    huge = _event("ev-9", doc, "Shelling killed three", LATAKIA, killed=2**70)
    frame = build_layers([DocumentResult(doc, (), (huge,))], [huge], ingested_at=INGESTED)["events"]
    assert pd.isna(frame.loc[0, "fatalities"])
    assert "too large" in caplog.text


def _many(n: int) -> list[DocumentResult]:
    """``n`` copies of the sample's results, each with its own document id."""
    results, _ = sample()
    out = []
    for i in range(n):
        for result in results:
            doc = dataclasses.replace(result.document, id=f"{result.document.id}-{i}")
            events = tuple(dataclasses.replace(e, doc_id=doc.id) for e in result.events)
            out.append(DocumentResult(doc, result.mentions, events))
    return out


def test_a_stream_spooled_in_chunks_gives_the_layers_of_build_layers(monkeypatch, tmp_path) -> None:
    # A long build streams its results: mentions go to disk in chunks (5 rows here).
    monkeypatch.setattr("conflictgeo.layers.CHUNK_ROWS", 5)
    results = _many(7)
    stream = LayerStream(ingested_at=INGESTED, spool=tmp_path)
    for result in results:
        stream.add(result)
    streamed = stream.layers()
    mentions = streamed["mentions"]
    assert isinstance(mentions, SpooledLayer)
    assert len(list(mentions.chunks())) > 1
    assert len(mentions) == sum(len(r.mentions) for r in results)
    whole = build_layers(results, ingested_at=INGESTED)
    for name in ("events", "places", "documents"):
        assert_geodataframe_equal(streamed[name], whole[name])
    assert_geodataframe_equal(mentions.frame(), whole["mentions"])


def test_a_spooled_layer_with_no_rows_is_an_empty_typed_layer(tmp_path) -> None:
    spooled = SpooledLayer(tmp_path / "m.pickle", MENTION_FIELDS)
    (frame,) = spooled.chunks()
    assert len(frame) == 0 and list(frame.columns) == [*MENTION_FIELDS, "geometry"]
    assert frame["start"].dtype == "Int64"


def test_events_frame_made_in_chunks_is_the_frame_made_whole(monkeypatch) -> None:
    from conflictgeo.layers import events_frame

    events = [e for r in _many(6) for e in r.events]
    whole = events_frame(events)
    monkeypatch.setattr("conflictgeo.layers.CHUNK_ROWS", 5)
    assert_geodataframe_equal(events_frame(events), whole)
    assert len(whole) == len(events) > 5
