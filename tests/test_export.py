"""Tests of conflictgeo.export: each writer round-tripped through its usual reader."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pyogrio.errors
import pytest

from conflictgeo import __version__ as cg_version
from conflictgeo.errors import ForeignOutput, OutputError, UnknownFormat
from conflictgeo.export import (
    WRITERS,
    CsvWriter,
    GeoJSONSeqWriter,
    GeoJSONWriter,
    GeoPackageWriter,
    ParquetWriter,
    Writer,
    get_writer,
    write_all,
)
from conflictgeo.layers import LAYER_NAMES, build_layers
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

FORMATS = ["gpkg", "geojson", "csv", "geojsonseq", "parquet"]
EXTENSION = {
    "gpkg": "gpkg",
    "geojson": "geojson",
    "csv": "csv",
    "geojsonseq": "geojsonl",
    "parquet": "parquet",
}
DATE_FIELDS = [name for name, kind in EVENT_FIELDS.items() if kind == "date"]

LATAKIA = Place(
    173576, "Latakia", 35.53125, 35.79088, "SY", "P", "PPLA", "02", "Latakia", country="Syria"
)
SALMA = Place(1000001, "Salmá", 35.7, 36.1, "SY", "P", "PPL", "02", "Latakia", country="Syria")


def _event(event_id: str, doc: Document, span: str, place: Place | None, **kw: Any) -> Event:
    start = doc.text.index(span)
    day: dt.date | None = kw.pop("day", None)
    return Event(
        event_id=event_id,
        kind="attack",
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateRange(day, day, day, 1, 1, "Monday") if day else None,
        actor1="Military Forces of Syria",
        actor2=None,
        where=Located(place, kw.pop("location", place.name if place else span), 1, 1, "town"),
        casualties=Casualties(3, 3, 5, 3, "three to five"),
        displaced=None,
        displaced_text=None,
        notes="",
        doc_id=doc.id,
        evidence=span,
        char_start=start,
        char_end=start + len(span),
        confidence=0.83333,
        source=doc.source,
        published=doc.published,
        **kw,
    )


def _results() -> list[DocumentResult]:
    text = "Clashes in Latakia on Monday; fighting near Ṭarṭūs."
    doc1 = Document("d1", text, source="SANA", published=dt.date(2024, 3, 5))
    doc2 = Document("d2", "Drone strike on Salmá.", published=dt.date(2024, 3, 6))
    mentions1 = (
        Mention(11, 18, "Latakia", LATAKIA, 0.9, reasons=("exact", "seat")),
        Mention(44, 50, "Ṭarṭūs", None),
    )
    events1 = (
        _event("ev-1", doc1, "Clashes in Latakia", LATAKIA, day=dt.date(2024, 3, 4)),
        _event("ev-2", doc1, "fighting near Ṭarṭūs", None, location="Ṭarṭūs"),
    )
    mentions2 = (Mention(16, 21, "Salmá", SALMA, 0.6),)
    events2 = (_event("ev-3", doc2, "Drone strike on Salmá", SALMA, day=dt.date(2024, 3, 1)),)
    return [DocumentResult(doc1, mentions1, events1), DocumentResult(doc2, mentions2, events2)]


@pytest.fixture(scope="module")
def layers() -> dict[str, geopandas.GeoDataFrame]:
    return build_layers(_results(), ingested_at="2024-03-07T00:00:00Z")


@pytest.fixture(scope="module")
def empty_layers() -> dict[str, geopandas.GeoDataFrame]:
    return build_layers([], ingested_at="2024-03-07T00:00:00Z")


def _read_events(path: Path) -> pd.DataFrame:
    """The events as a user reads each format back: id, lon, lat, event_date."""
    if path.suffix == ".gpkg":
        frame = geopandas.read_file(path, layer="events")
        x = frame.geometry.x.where(frame.geometry.notna())
        y = frame.geometry.y.where(frame.geometry.notna())
        dates = [None if pd.isna(v) else v.date() for v in frame["event_date"]]
        return pd.DataFrame({"id": frame["event_id"], "x": x, "y": y, "event_date": dates})
    if path.suffix == ".geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        rows = []
        for f in features:
            coords = f["geometry"]["coordinates"] if f["geometry"] else [None, None]
            day = f["properties"]["event_date"]
            rows.append(
                {
                    "id": f["id"],
                    "x": coords[0],
                    "y": coords[1],
                    "event_date": dt.date.fromisoformat(day) if day else None,
                }
            )
        return pd.DataFrame(rows, columns=["id", "x", "y", "event_date"])
    if path.suffix == ".geojsonl":  # one feature per line, read as a stream would
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            f = json.loads(line)
            coords = f["geometry"]["coordinates"] if f["geometry"] else [None, None]
            day = f["properties"]["event_date"]
            rows.append(
                {
                    "id": f["id"],
                    "x": coords[0],
                    "y": coords[1],
                    "event_date": dt.date.fromisoformat(day) if day else None,
                }
            )
        return pd.DataFrame(rows, columns=["id", "x", "y", "event_date"])
    if path.suffix == ".parquet":  # pyarrow for the types, geopandas for the geometry
        table = pq.read_table(path)
        assert table.schema.field("event_date").type == pa.date32()
        frame = geopandas.read_parquet(path)
        x = frame.geometry.x.where(frame.geometry.notna())
        y = frame.geometry.y.where(frame.geometry.notna())
        return pd.DataFrame(
            {
                "id": frame["event_id"],
                "x": x,
                "y": y,
                "event_date": table.column("event_date").to_pylist(),
            }
        )
    frame = pd.read_csv(path, encoding="utf-8", parse_dates=DATE_FIELDS)
    dates = [None if pd.isna(v) else v.date() for v in frame["event_date"]]
    return pd.DataFrame(
        {
            "id": frame["event_id"],
            "x": frame["longitude"],
            "y": frame["latitude"],
            "event_date": dates,
        }
    )


@pytest.fixture(params=FORMATS, ids=lambda fmt: f"format={fmt}")
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- round trips -----------------------------------------------------------------------------


def test_roundtrip_rows_ids_points_dates(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = get_writer(fmt).write(layers, tmp_path / f"events.{EXTENSION[fmt]}")
    assert path == tmp_path / f"events.{EXTENSION[fmt]}"
    back = _read_events(path).set_index("id")
    assert list(back.index) == ["ev-1", "ev-2", "ev-3"]
    latakia = back.loc["ev-1"]
    assert latakia["x"] == pytest.approx(35.79088)  # longitude
    assert latakia["y"] == pytest.approx(35.53125)  # latitude
    assert latakia["event_date"] == dt.date(2024, 3, 4)
    assert back.loc["ev-3", "event_date"] == dt.date(2024, 3, 1)
    unplaced = back.loc["ev-2"]
    assert pd.isna(unplaced["x"]) and pd.isna(unplaced["y"])
    assert unplaced["event_date"] is None


def test_empty_layers_roundtrip(
    empty_layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = get_writer(fmt).write(empty_layers, tmp_path / f"events.{EXTENSION[fmt]}")
    assert len(_read_events(path)) == 0
    if fmt == "parquet":
        assert pq.read_schema(path).names == [*EVENT_FIELDS, "geometry"]
    elif fmt not in ("geojson", "geojsonseq"):  # empty GeoJSON has no properties to list
        assert list(pyogrio.read_info(path, layer="events")["fields"]) == list(EVENT_FIELDS)


def test_existing_output_is_replaced(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"events.{EXTENSION[fmt]}"
    path.write_bytes(b"")  # an empty file holds nothing to lose
    get_writer(fmt).write(layers, path)
    fewer = {name: frame.head(1) for name, frame in layers.items()}
    get_writer(fmt).write(fewer, path)
    assert list(_read_events(path)["id"]) == ["ev-1"]
    get_writer(fmt).write(build_layers([]), path)  # our own empty output is ours too
    get_writer(fmt).write(fewer, path)
    # CSV and GeoJSONSeq have no place for our mark: it is the file beside them
    beside = {
        "csv": ["events.csvt", "events.csv.conflictgeo"],
        "geojsonseq": [f"{path.name}.conflictgeo"],
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, *beside.get(fmt, [])])


def test_existing_output_not_ours_is_kept(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"events.{EXTENSION[fmt]}"
    path.write_text("name,phone\nAda,555\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"is not a conflictgeo .* output") as info:
        get_writer(fmt).write(layers, path)
    assert "nothing was changed" in str(info.value)
    assert path.read_text(encoding="utf-8") == "name,phone\nAda,555\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


# -- GeoPackage ------------------------------------------------------------------------------


def test_gpkg_layers_crs_and_spatial_index(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = GeoPackageWriter().write(layers, tmp_path / "events.gpkg")
    listed = dict(pyogrio.list_layers(path))
    assert listed == {
        "events": "Point",
        "places": "Point",
        "mentions": "Point",
        "documents": None,
        "layer_styles": None,  # QGIS default styles, see test_export_styles.py
    }
    for name in ("events", "places", "mentions"):
        assert pyogrio.read_info(path, layer=name)["crs"] == "EPSG:4326"
    with contextlib.closing(sqlite3.connect(path)) as db:
        rtree = "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
        indexed = {table for (table,) in db.execute(rtree)}
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert indexed == {"events", "places", "mentions"}
    assert kinds["documents"] == "attributes"


@pytest.mark.parametrize(
    ("layer", "fields"),
    [("events", DATE_FIELDS), ("documents", ["published"])],
    ids=["events", "documents"],
)
def test_gpkg_dates_are_date_fields(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, layer: str, fields: list[str]
) -> None:
    path = GeoPackageWriter().write(layers, tmp_path / "events.gpkg")
    info = pyogrio.read_info(path, layer=layer)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    dtypes = dict(zip(info["fields"], info["dtypes"], strict=True))
    for field in fields:
        assert types[field] == "OFTDate", field
        assert dtypes[field] == "datetime64[D]", field


def test_gpkg_empty_layers_keep_date_fields(
    empty_layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = GeoPackageWriter().write(empty_layers, tmp_path / "events.gpkg")
    for layer, fields in [("events", DATE_FIELDS), ("documents", ["published"])]:
        info = pyogrio.read_info(path, layer=layer)
        types = dict(zip(info["fields"], info["ogr_types"], strict=True))
        assert [types[f] for f in fields] == ["OFTDate"] * len(fields), layer
    assert pyogrio.read_info(path, layer="events")["geometry_type"] == "Point"


def test_gpkg_attribute_values(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    path = GeoPackageWriter().write(layers, tmp_path / "events.gpkg")
    places = geopandas.read_file(path, layer="places").set_index("geonameid")
    assert places.loc[SALMA.geonameid, "name"] == "Salmá"
    assert places.crs == "EPSG:4326"
    mentions = pyogrio.read_dataframe(path, layer="mentions")
    assert mentions["text"].tolist() == ["Latakia", "Ṭarṭūs", "Salmá"]
    assert mentions.geometry.isna().tolist() == [False, True, False]
    docs = pyogrio.read_dataframe(path, layer="documents")
    assert docs["id"].tolist() == ["d1", "d2"]
    assert docs["published"].dt.date.tolist() == [dt.date(2024, 3, 5), dt.date(2024, 3, 6)]
    events = pyogrio.read_dataframe(path, layer="events")
    assert events["location"].tolist() == ["Latakia", "Ṭarṭūs", "Salmá"]
    assert events["fatalities"].tolist() == [3, 3, 3]
    assert events["confidence"].tolist() == pytest.approx([0.833] * 3)


def test_gpkg_dataset_metadata(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    metadata = {"conflictgeo_version": "9.9", "gazetteer": '{"sources": ["Ṭarṭūs.zip"]}'}
    path = GeoPackageWriter().write(layers, tmp_path / "events.gpkg", metadata=metadata)
    assert pyogrio.read_info(path, layer="events")["dataset_metadata"] == metadata
    with contextlib.closing(sqlite3.connect(path)) as db:
        scopes = [scope for (scope,) in db.execute("SELECT md_scope FROM gpkg_metadata")]
        (version,) = db.execute("PRAGMA application_id").fetchone()
    assert scopes == ["dataset"]
    assert version == 0x47504B47  # "GPKG"


# -- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_is_rfc7946(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    path = GeoJSONWriter().write(layers, tmp_path / "events.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    features = doc["features"]
    assert [f["id"] for f in features] == [f["properties"]["event_id"] for f in features]
    assert [f["id"] for f in features] == ["ev-1", "ev-2", "ev-3"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [35.79088, 35.53125]}
    assert features[1]["geometry"] is None
    props = features[0]["properties"]
    assert list(props) == list(EVENT_FIELDS)
    assert props["event_date"] == "2024-03-04"
    assert props["published"] == "2024-03-05"
    assert props["geonameid"] == LATAKIA.geonameid
    assert features[1]["properties"]["location"] == "Ṭarṭūs"
    assert features[1]["properties"]["event_date"] is None


def test_geojson_reads_back_with_geopandas(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = GeoJSONWriter().write(layers, tmp_path / "events.geojson")
    frame = geopandas.read_file(path)
    assert frame.crs == "EPSG:4326"
    assert frame["event_id"].tolist() == ["ev-1", "ev-2", "ev-3"]
    assert frame["event_date"].dt.date.tolist()[0] == dt.date(2024, 3, 4)


def test_geojsonseq_one_feature_per_line(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = GeoJSONSeqWriter().write(layers, tmp_path / "events.geojsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and not path.read_text(encoding="utf-8").startswith("\x1e")
    features = [json.loads(line) for line in lines]
    assert [f["type"] for f in features] == ["Feature"] * 3
    assert features[0]["properties"]["date_start"] == "2024-03-04"
    assert features[1]["properties"]["location"] == "Ṭarṭūs"
    assert features[1]["geometry"] is None
    frame = pyogrio.read_dataframe(path)  # GDAL streams it back too
    assert frame["event_id"].tolist() == ["ev-1", "ev-2", "ev-3"]
    assert frame.crs == "EPSG:4326"


# -- GeoParquet ------------------------------------------------------------------------------


def test_parquet_is_geoparquet(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    path = ParquetWriter().write(layers, tmp_path / "events.parquet")
    geo = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    table = pq.read_table(path)
    types = {name: table.schema.field(name).type for name in table.column_names}
    for field in DATE_FIELDS:
        assert types[field] == pa.date32(), field
    assert types["fatalities"] == pa.int64()
    assert table.column("location").to_pylist() == ["Latakia", "Ṭarṭūs", "Salmá"]
    assert table.column("geometry").to_pylist()[1] is None
    assert table.column("published").to_pylist()[0] == dt.date(2024, 3, 5)
    frame = geopandas.read_parquet(path)
    assert frame.crs == "EPSG:4326"
    assert frame["deaths_high"].tolist() == [5, 5, 5]


# -- CSV -------------------------------------------------------------------------------------


def test_csv_columns_and_csvt(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    path = CsvWriter().write(layers, tmp_path / "events.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == list(EVENT_FIELDS)  # no WKT column
    gdal_type = {"str": "String", "int": "Integer", "float": "Real", "date": "Date"}
    csvt = (tmp_path / "events.csvt").read_text(encoding="utf-8").strip().split(",")
    assert csvt == [gdal_type[kind] for kind in EVENT_FIELDS.values()]


def test_csv_is_utf8_and_reads_back(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = CsvWriter().write(layers, tmp_path / "events.csv")
    assert "Ṭarṭūs" in path.read_bytes().decode("utf-8")
    frame = pd.read_csv(path, encoding="utf-8")
    assert frame["location"].tolist() == ["Latakia", "Ṭarṭūs", "Salmá"]
    assert frame["char_start"].tolist() == layers["events"]["char_start"].tolist()
    # GDAL reads it back typed through the .csvt
    info = pyogrio.read_info(path)
    assert dict(zip(info["fields"], info["ogr_types"], strict=True))["event_date"] == "OFTDate"


def test_csv_dates_are_iso_and_typed_by_csvt(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    path = CsvWriter().write(layers, tmp_path / "events.csv")
    assert "2024/03/04" not in path.read_text(encoding="utf-8")
    frame = pd.read_csv(path, encoding="utf-8")
    assert frame["event_date"].tolist()[0] == "2024-03-04"
    assert pd.isna(frame["event_date"].tolist()[1])
    assert frame["published"].tolist() == ["2024-03-05", "2024-03-05", "2024-03-06"]
    # GDAL (and QGIS) read the ISO dates as Date fields through the .csvt
    back = pyogrio.read_dataframe(path)
    for field in DATE_FIELDS:
        assert pd.api.types.is_datetime64_dtype(back[field].dtype), field
    assert back["event_date"].dt.date.tolist()[::2] == [dt.date(2024, 3, 4), dt.date(2024, 3, 1)]
    assert back["published"].dt.date.tolist()[0] == dt.date(2024, 3, 5)
    assert back["fatalities"].tolist() == [3, 3, 3]


# -- atomicity and errors --------------------------------------------------------------------


def _failing_write(real: Callable[..., Any]) -> Callable[..., Any]:
    """A writer function that writes a partial file, then fails like GDAL or Arrow would."""

    def write(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        raise pyogrio.errors.DataLayerError("simulated failure: disk I/O error")

    return write


def test_failed_write_keeps_old_file(
    layers: dict[str, geopandas.GeoDataFrame],
    tmp_path: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = get_writer(fmt).write(layers, tmp_path / f"events.{EXTENSION[fmt]}")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    if fmt == "parquet":  # geopandas writes Parquet through pyarrow, not GDAL
        monkeypatch.setattr(pq, "write_table", _failing_write(pq.write_table))
    else:
        monkeypatch.setattr(pyogrio, "write_dataframe", _failing_write(pyogrio.write_dataframe))
    fewer = {name: frame.head(1) for name, frame in layers.items()}
    with pytest.raises(OutputError, match="simulated failure") as info:
        get_writer(fmt).write(fewer, path)
    assert str(path) in str(info.value)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before  # old output intact, no temporary files left


def test_permission_error_becomes_output_error(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deny(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", deny)
    path = tmp_path / "out" / "events.gpkg"
    with pytest.raises(OutputError) as info:
        GeoPackageWriter().write(layers, path)
    message = str(info.value)
    assert message.startswith(f"cannot write {path}: permission denied;")
    assert "--out" in message
    assert list(path.parent.iterdir()) == []  # the temporary file was removed


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions"
)
def test_read_only_directory(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            CsvWriter().write(layers, tmp_path / "events.csv")
    finally:
        tmp_path.chmod(0o700)


def test_missing_events_layer(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no 'events' layer"):
        GeoJSONWriter().write({"places": layers["places"]}, tmp_path / "x.geojson")


# -- registry --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gpkg", GeoPackageWriter),
        ("GeoJSON", GeoJSONWriter),
        (".csv", CsvWriter),
        ("out/events.gpkg", GeoPackageWriter),
        ("EVENTS.GEOJSON", GeoJSONWriter),
        ("some dir/events.csv", CsvWriter),
        ("geojsonseq", GeoJSONSeqWriter),
        ("out/events.geojsonl", GeoJSONSeqWriter),
        ("parquet", ParquetWriter),
        ("out/events.parquet", ParquetWriter),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_get_writer(query: str, expected: type[Writer]) -> None:
    writer = get_writer(query)
    assert type(writer) is expected
    assert WRITERS[writer.name] is expected


def test_get_writer_accepts_paths() -> None:
    assert isinstance(get_writer(Path("a/b.gpkg")), GeoPackageWriter)


@pytest.mark.parametrize("query", ["shp", "events.kml", "", "out/events"])
def test_unknown_format_names_choices(query: str) -> None:
    with pytest.raises(UnknownFormat) as info:
        get_writer(query)
    message = str(info.value)
    assert "csv, geojson, geojsonseq, gpkg, parquet" in message
    assert ".csv" in message and ".geojson" in message and ".gpkg" in message
    assert isinstance(info.value, OutputError) and isinstance(info.value, LookupError)


def test_writers_registry() -> None:
    assert {name: cls.extension for name, cls in WRITERS.items()} == {
        "gpkg": ".gpkg",
        "geojson": ".geojson",
        "csv": ".csv",
        "geojsonseq": ".geojsonl",
        "parquet": ".parquet",
        "acled": ".csv",
        "ucdp": ".csv",
    }
    # formats sharing an extension write files of their own
    assert WRITERS["acled"]().file_suffix == "_acled.csv"
    assert WRITERS["ucdp"]().file_suffix == "_ucdp.csv"


def test_write_all(layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path) -> None:
    outdir = tmp_path / "new" / "out"
    paths = write_all(layers, outdir)
    assert paths == [outdir / "events.gpkg", outdir / "events.geojson", outdir / "events.csv"]
    assert sorted(p.name for p in outdir.iterdir()) == [
        "events.csv",
        "events.csv.conflictgeo",  # our mark, which a CSV has no place for
        "events.csvt",
        "events.geojson",
        "events.gpkg",
    ]
    assert [n for n, _ in pyogrio.list_layers(paths[0])] == [*LAYER_NAMES, "layer_styles"]


def test_write_all_stem_and_formats(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    paths = write_all(layers, tmp_path, stem="syria", formats=["csv"])
    assert paths == [tmp_path / "syria.csv"]
    assert (tmp_path / "syria.csvt").exists()


def test_write_all_checks_formats_first(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    with pytest.raises(UnknownFormat):
        write_all(layers, tmp_path, formats=["gpkg", "shapefile"])
    assert list(tmp_path.iterdir()) == []


# -- our mark: foreign files are never replaced ----------------------------------------------


def _foreign(path: Path, fmt: str) -> None:
    """A file another program wrote with our layout: an ``events`` layer with ``event_id``
    (geopandas through GDAL writes ``"name": "events"`` into GeoJSON, as we do)."""
    frame = geopandas.GeoDataFrame(
        {"event_id": ["theirs-1"], "note": ["keep me"]},
        geometry=geopandas.points_from_xy([36.2], [33.5]),
        crs="EPSG:4326",
    )
    if fmt == "parquet":
        frame.to_parquet(path)
    elif fmt == "csv":
        pd.DataFrame(frame.drop(columns="geometry")).to_csv(path, index=False)
    else:
        driver = {"gpkg": "GPKG", "geojson": "GeoJSON", "csv": "CSV", "geojsonseq": "GeoJSONSeq"}
        frame.to_file(path, layer="events", driver=driver[fmt])


def test_a_file_of_another_program_with_our_layout_is_kept(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"events.{EXTENSION[fmt]}"
    _foreign(path, fmt)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    if fmt == "geojson":
        assert b'"name": "events"' in before[path.name]  # what used to make it "ours"
    with pytest.raises(ForeignOutput, match=r"earlier release .* or another program") as info:
        get_writer(fmt).write(layers, path)
    assert "nothing was changed" in str(info.value) and str(path) in str(info.value)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_our_outputs_carry_the_mark(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, fmt: str
) -> None:
    path = get_writer(fmt).write(layers, tmp_path / f"events.{EXTENSION[fmt]}")
    assert get_writer(fmt).owns(path)
    if fmt == "gpkg":
        assert pyogrio.read_info(path, layer="events")["dataset_metadata"]["conflictgeo_version"]
    elif fmt == "geojson":
        collection = json.loads(path.read_text(encoding="utf-8"))
        assert collection["conflictgeo"] == {"version": cg_version}  # a foreign member
        assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    elif fmt == "parquet":
        assert geopandas.read_parquet(path).attrs == {"conflictgeo": {"version": cg_version}}
    else:
        mark_ = json.loads((tmp_path / f"{path.name}.conflictgeo").read_text(encoding="utf-8"))
        assert mark_["written_by"] == "conflictgeo" and mark_["file"] == path.name
        assert mark_["bytes"] == path.stat().st_size


@pytest.mark.parametrize("edit", ["changed", "mark removed"])
def test_our_csv_changed_since_is_not_ours_any_more(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, edit: str
) -> None:
    """A CSV edited (in a spreadsheet, say) after we wrote it holds someone's work: kept."""
    path = CsvWriter().write(layers, tmp_path / "events.csv")
    if edit == "changed":
        path.write_text(path.read_text(encoding="utf-8").replace("Latakia", "Lattakia"))
    else:
        (tmp_path / "events.csv.conflictgeo").unlink()
    before = path.read_bytes()
    with pytest.raises(ForeignOutput, match="not the mark conflictgeo writes"):
        CsvWriter().write(layers, path)
    assert path.read_bytes() == before


def test_geojson_mark_without_gdal_foreign_members(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GDAL < 3.9 cannot write a foreign member: the writer adds it to the file itself."""
    from conflictgeo.export import geojson

    monkeypatch.setattr(geojson, "_GDAL_WRITES_MEMBERS", False)
    path = GeoJSONWriter().write(layers, tmp_path / "events.geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["conflictgeo"] == {"version": cg_version}
    assert [f["id"] for f in collection["features"]] == ["ev-1", "ev-2", "ev-3"]
    assert GeoJSONWriter().owns(path)
    assert len(pyogrio.read_dataframe(path)) == 3


# -- all formats or none ---------------------------------------------------------------------


def test_write_all_writes_nothing_when_one_output_is_foreign(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    write_all({n: f.head(1) for n, f in layers.items()}, tmp_path)  # an earlier build
    (tmp_path / "events.csv").unlink()
    (tmp_path / "events.csv.conflictgeo").unlink()
    (tmp_path / "events.csvt").unlink()
    _foreign(tmp_path / "events.csv", "csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(ForeignOutput, match=r"events\.csv has the layout") as info:
        write_all(layers, tmp_path)
    assert "events.gpkg" not in str(info.value)  # ours: only the foreign one is named
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_write_all_fails_whole_when_a_late_format_fails(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_all({n: f.head(1) for n, f in layers.items()}, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(CsvWriter, "_write", disk_full)
    with pytest.raises(OutputError, match="no space left"):
        write_all(layers, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # gpkg not replaced


def test_leftovers_of_a_killed_build_are_removed(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    leftovers = [
        ".events.gpkg.k3j9x.tmp.gpkg",
        ".events.gpkg.k3j9x.tmp.gpkg-journal",
        ".events.geojson.a1b2c.tmp.geojson",
        ".events.csv.q8w7e.tmp.csvt",
    ]
    for name in leftovers:
        (tmp_path / name).write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("mine")  # not ours: stays
    write_all(layers, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.csv",
        "events.csv.conflictgeo",
        "events.csvt",
        "events.geojson",
        "events.gpkg",
        "notes.txt",
    ]


def test_a_build_killed_while_it_moves_its_files_is_finished_by_the_next(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    """SIGKILL between two moves: the journal lets the next writer finish them, so the
    outputs are never one build's GeoPackage beside another's GeoJSON."""
    from conflictgeo.export.commit import JOURNAL_NAME, finish_interrupted

    write_all({n: f.head(1) for n, f in layers.items()}, tmp_path)
    script = (
        "import os, sys\n"
        "from conflictgeo.export import commit, write_all\n"
        "from conflictgeo.layers import build_layers\n"
        "from tests.test_export import _results\n"
        "real, moved = commit._move, []\n"
        "def move(temp, target):\n"
        "    real(temp, target)\n"
        "    moved.append(target)\n"
        "    if len(moved) == 1:\n"
        "        os._exit(9)  # killed after the first file is in place\n"
        "commit._move = move\n"
        "write_all(build_layers(_results()), sys.argv[1])\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=root, check=False)
    assert done.returncode == 9
    assert (tmp_path / JOURNAL_NAME).exists()
    assert len(pyogrio.read_dataframe(tmp_path / "events.gpkg", layer="events")) == 3  # new
    assert len(json.loads((tmp_path / "events.geojson").read_text())["features"]) == 1  # old
    finished = finish_interrupted(tmp_path)
    assert tmp_path / "events.geojson" in finished and tmp_path / "events.csv" in finished
    assert len(json.loads((tmp_path / "events.geojson").read_text())["features"]) == 3
    assert CsvWriter().owns(tmp_path / "events.csv")  # with its own mark, not the old one's
    # what a killed build leaves: its lock file (not locked any more), nothing else
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".conflictgeo.lock"]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(
    layers: dict[str, geopandas.GeoDataFrame], tmp_path: Path
) -> None:
    hostile = layers["events"].copy()
    hostile["evidence"] = ['=HYPERLINK("http://x")', "+1+2", "@SUM(A1)"]
    hostile["doc_id"] = ["-2+3", "\tcmd", "\rcmd"]
    hostile["url"] = ["-3", "+7", "plain"]  # numbers as text are no formula
    hostile["actor1"] = ["＝1+1", None, "Military Forces of Syria"]
    hostile["longitude"] = [-77.0365, None, 36.1]
    events = {**layers, "events": hostile}
    path = CsvWriter().write(events, tmp_path / "events.csv")
    back = pd.read_csv(path, keep_default_na=False)
    assert back["evidence"].tolist() == ['\'=HYPERLINK("http://x")', "'+1+2", "'@SUM(A1)"]
    assert back["doc_id"].tolist() == ["'-2+3", "'\tcmd", "'\rcmd"]
    assert back["url"].astype(str).tolist() == ["-3", "+7", "plain"]
    assert back["actor1"].tolist() == ["'＝1+1", "", "Military Forces of Syria"]
    assert back["longitude"].tolist()[0] == "-77.0365"  # a number, untouched
    raw = CsvWriter(raw=True).write(events, tmp_path / "raw" / "events.csv")
    assert pd.read_csv(raw)["evidence"].tolist()[0] == '=HYPERLINK("http://x")'
    assert write_all(events, tmp_path / "all", formats=["csv"], csv_raw=True)
    assert (tmp_path / "all" / "events.csv").read_text().count("=HYPERLINK") == 1
    assert "'=HYPERLINK" not in (tmp_path / "all" / "events.csv").read_text()


def test_gpkg_spooled_layer_is_written_as_the_whole_layer(monkeypatch, tmp_path: Path) -> None:
    # A long build hands the writer its mentions in chunks (3 rows each here).
    from conflictgeo.layers import LayerStream, SpooledLayer

    monkeypatch.setattr("conflictgeo.layers.CHUNK_ROWS", 3)
    results = [
        DocumentResult(dataclasses.replace(r.document, id=f"{r.document.id}-{i}"), r.mentions, ())
        for i in range(4)
        for r in _results()
    ]
    stream = LayerStream(ingested_at="2024-03-06T12:00:00Z", spool=tmp_path)
    for result in results:
        stream.add(result)
    streamed = stream.layers()
    assert isinstance(streamed["mentions"], SpooledLayer)
    whole = build_layers(results, ingested_at="2024-03-06T12:00:00Z")
    a = GeoPackageWriter().write(streamed, tmp_path / "a" / "events.gpkg")
    b = GeoPackageWriter().write(whole, tmp_path / "b" / "events.gpkg")
    assert [n for n, _ in pyogrio.list_layers(a)] == [n for n, _ in pyogrio.list_layers(b)]
    for name in LAYER_NAMES:
        assert pyogrio.read_info(a, layer=name)["fields"].tolist() == (
            pyogrio.read_info(b, layer=name)["fields"].tolist()
        )
        left = pyogrio.read_dataframe(a, layer=name, fid_as_index=True)
        right = pyogrio.read_dataframe(b, layer=name, fid_as_index=True)
        pd.testing.assert_frame_equal(pd.DataFrame(left), pd.DataFrame(right))
    with sqlite3.connect(a) as db:  # the spatial index holds every chunk's points
        indexed = db.execute("SELECT count(*) FROM rtree_mentions_geom").fetchone()[0]
    assert indexed == whole["mentions"].geometry.notna().sum() > 3
