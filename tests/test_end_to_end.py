"""The seed report, built end to end: the facts an analyst expects from it.

With ../shared/gazetteer/SY.txt added:
`conflictgeo build latakia-offensive-2013.txt -o out --published 2013-08-14`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas
import pandas as pd
import pyogrio
import pytest
from geopy.distance import great_circle
from typer.testing import CliRunner

from conflictgeo.cli import app
from tests.conftest import SEED, need_shared

SALMA = (35.689, 36.137)
LATAKIA_CITY = (35.53, 35.79)
NICOSIA = (35.17, 33.35)


def _build(tmp_path: Path, data_dir: Path, use_data_dir) -> Path:
    need_shared(SEED)
    use_data_dir(data_dir)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(SEED), "-o", str(out), "--published", "2013-08-14"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed_out(sy_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    mp = pytest.MonkeyPatch()
    try:
        out = _build(
            tmp_path_factory.mktemp("seed"),
            sy_dir,
            lambda d: mp.setenv("CONFLICTGEO_DATA_DIR", str(d)),
        )
    finally:
        mp.undo()
    return out


@pytest.fixture(scope="module")
def events(seed_out: Path) -> geopandas.GeoDataFrame:
    return geopandas.read_file(seed_out / "events.gpkg", layer="events")


def day(value: object) -> dt.date:
    """A GPKG DATE as read back by geopandas (a Timestamp) as a plain date."""
    return pd.Timestamp(value).date()


def _km(row, point: tuple[float, float]) -> float:
    return great_circle((row["latitude"], row["longitude"]), point).km


def test_the_four_layers_and_the_two_other_files_are_written(seed_out: Path) -> None:
    layers = {name for name, _ in pyogrio.list_layers(seed_out / "events.gpkg")}
    assert layers == {"events", "places", "mentions", "documents", "layer_styles"}
    assert (seed_out / "events.geojson").exists()
    assert (seed_out / "events.csvt").exists()


def test_air_strike_on_salma(events: geopandas.GeoDataFrame) -> None:
    strikes = events[events["kind"] == "air_strike"]
    assert len(strikes) == 1
    strike = strikes.iloc[0]
    assert _km(strike, SALMA) < 5
    assert strike.geometry.x == pytest.approx(strike["longitude"])  # lon/lat order
    assert day(strike["event_date"]) == dt.date(2013, 8, 10)
    assert strike["time_precision"] == 1
    assert strike["deaths_high"] == 20
    # ACLED's name: Assad's forces (2000-2024), their air force under its own name
    assert strike["actor1"] == "Military Forces of Syria (2000-2024) Syrian Arab Air Force"
    assert (strike["inter1"], strike["actor2"]) == (1, "Opposition Rebels (Syria)")
    assert strike["geo_precision"] == 1
    assert strike["sub_event_type"] == "Air/drone strike"


def test_village_seizures_in_latakia_province_early_august(events) -> None:
    taken = events[events["kind"] == "territory_taken_nonstate"]
    assert len(taken) >= 1
    row = taken.iloc[0]
    assert row["admin1"] == "Latakia"
    assert row["time_precision"] == 3
    assert dt.date(2013, 8, 1) <= day(row["event_date"]) <= dt.date(2013, 8, 10)
    assert day(row["date_start"]) == dt.date(2013, 8, 1)
    assert "11 villages" in row["extractor_trace"]
    assert row["actor1"] == "Opposition Rebels (Syria)"  # ACLED's name for Syria's rebels


def test_thousands_of_alawites_flee_to_latakia_city(events) -> None:
    fled = events[events["kind"] == "displacement"]
    assert len(fled) == 1
    row = fled.iloc[0]
    assert _km(row, LATAKIA_CITY) < 10
    assert row["displaced"] >= 1000
    assert "thousands" in row["displaced_text"]
    assert (row["actor1"], row["assoc_actor_1"]) == (
        "Civilians (Syria)",
        "Alawite Muslim Group (Syria)",
    )
    assert day(row["event_date"]).year == 2013 and day(row["event_date"]).month == 8


def test_abductions_and_killings_are_separate_events_placed_no_finer_than_the_text(events) -> None:
    for kind in ("abduction", "attack_on_civilians"):
        rows = events[events["kind"] == kind]
        assert len(rows) == 1, kind
        row = rows.iloc[0]
        # The text names no place for them: province or coarser, never a point in a town.
        assert row["geo_precision"] is None or row["geo_precision"] >= 3
        assert "no place named" in row["location_reason"]
    abducted = events[events["kind"] == "abduction"].iloc[0]
    assert (abducted["actor2"], abducted["assoc_actor_2"]) == (
        "Civilians (Syria)",
        "Alawite Muslim Group (Syria)",
    )


def test_nothing_in_nicosia_and_aleppo_homs_are_not_event_locations(events) -> None:
    placed = events[events["latitude"].notna()]
    assert all(_km(row, NICOSIA) > 50 for _, row in placed.iterrows())
    assert not set(events["location"]) & {"Nicosia", "Aleppo", "Homs"}


def test_mentions_layer_keeps_roles(seed_out: Path) -> None:
    mentions = geopandas.read_file(seed_out / "events.gpkg", layer="mentions")
    roles = dict(zip(mentions["text"], mentions["role"], strict=False))
    assert roles["NICOSIA"] == "dateline"
    assert roles["Aleppo"] == "context"
    assert roles["Latakian"] == "demonym"
    assert "Kilo" not in roles  # Michel Kilo is a person
    assert not any("69129968" in t for t in mentions["text"])  # the stray image token


def test_geojson_is_rfc7946(seed_out: Path, events) -> None:
    data = json.loads((seed_out / "events.geojson").read_text())
    assert "crs" not in data
    ids = {f["id"] for f in data["features"]}
    assert ids == set(events["event_id"])
    strike = next(f for f in data["features"] if f["properties"]["kind"] == "air_strike")
    lon, lat = strike["geometry"]["coordinates"]
    assert great_circle((lat, lon), SALMA).km < 5


def test_event_ids_are_stable_across_builds(
    sy_dir: Path, tmp_path: Path, use_data_dir, events
) -> None:
    again = geopandas.read_file(
        _build(tmp_path, sy_dir, use_data_dir) / "events.gpkg", layer="events"
    )
    assert list(again["event_id"]) == list(events["event_id"])


def test_embedded_gazetteer_alone_places_the_strike_at_latakia_governorate(
    embedded_dir: Path, tmp_path: Path, use_data_dir
) -> None:
    out = _build(tmp_path, embedded_dir, use_data_dir)
    events = geopandas.read_file(out / "events.gpkg", layer="events")
    strike = events[events["kind"] == "air_strike"].iloc[0]
    assert strike["geo_precision"] == 3
    assert strike["admin1"] == "Latakia"
    assert "Salma" in strike["location_reason"]
    assert "not in the gazetteer" in strike["location_reason"]
    assert day(strike["event_date"]) == dt.date(2013, 8, 10)
    assert strike["deaths_high"] == 20


def test_quick_start_job_on_the_bundled_samples(
    embedded_dir: Path, tmp_path: Path, use_data_dir
) -> None:
    """The README's first command: every sample read, events dated, counted and placed."""
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    use_data_dir(embedded_dir)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(samples), "-o", str(out), "--published", "2013-08-14"]
    )
    assert result.exit_code == 0, result.output
    documents = geopandas.read_file(out / "events.gpkg", layer="documents")
    assert len(documents) == 9  # 5 .txt + 4 JSONL lines; the folder's README is not a report
    events = geopandas.read_file(out / "events.gpkg", layer="events")
    assert set(events["doc_id"]) == set(documents["id"])
    # A JSONL record's own publication date beats --published.
    raqqa = events[(events["doc_id"] == "mr-001") & (events["kind"] == "air_strike")].iloc[0]
    assert day(raqqa["event_date"]).year == 2013 and day(raqqa["event_date"]).month == 9
    assert raqqa["location"] == "Raqqa"
    # Points sit in the Middle East, lon/lat the right way round.
    placed = events[events.geometry.notna() & ~events.geometry.is_empty]
    assert placed.geometry.x.between(34, 50).all() and placed.geometry.y.between(12, 38).all()
    # Every unplaced event still has its row and says why.
    assert events[events["latitude"].isna()]["location_reason"].str.len().gt(0).all()
