"""Tests of conflictgeo.export.acled and .ucdp: tables that concatenate with ACLED's and UCDP's.

The events are built in code (actors, inter codes, a protest, a country-level
event, an undated and an unplaced one); the ACLED header below is the column
row of an ACLED export as ACLED's codebook lists it, with one row we made up.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from conflictgeo.errors import OutputError
from conflictgeo.export import AcledWriter, UcdpWriter, get_writer, write_all
from conflictgeo.export.acled import ACLED_COLUMNS, acled_frame
from conflictgeo.export.ucdp import UCDP_COLUMNS, priogrid_gid, ucdp_frame
from conflictgeo.layers import build_layers
from conflictgeo.model import Casualties, DateRange, Document, DocumentResult, Event, Located, Place

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)
# One row in ACLED's style, written for this test (not from any ACLED release).
ACLED_ROW = (
    "KEN99001,2020-05-09,2020,1,Demonstrations,Protests,Peaceful protest,Protesters (Kenya),"
    "Teachers (Kenya),6,,,0,60,,404,Eastern Africa,Kenya,Nairobi,Westlands,,Nairobi,"
    '-1.2833,36.8167,1,Daily Paper,National,"On 9 May 2020, teachers marched in Nairobi '
    'over unpaid wages. [size=no report]",0,crowd size=no report,1589900000'
)
GED_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low"
)

SALMA = Place(
    164907, "Salmá", 35.7011, 36.1961, "SY", "P", "PPL", "02", "Latakia", country="Syria",
    population=2500,
)  # fmt: skip
IDLIB = Place(169387, "Idlib", 35.8, 36.6, "SY", "A", "ADM1", "12", "Idlib", country="Syria")
SYRIA = Place(163843, "Syria", 35.0, 38.5, "SY", "A", "PCLI", country="Syria")


def _event(event_id: str, kind: str, place: Place | None, day: dt.date | None, **kw) -> Event:
    from conflictgeo.taxonomy import KINDS

    info = KINDS[kind]
    values = {
        "event_id": event_id,
        "kind": kind,
        "event_type": info.event_type,
        "sub_event_type": info.sub_event_type,
        "date": DateRange(day, day, day, 1, 1) if day else None,
        "actor1": "Military Forces of Syria (2000-)",
        "actor2": None,
        "where": Located(place, place.name if place else "Qasr", 1, 1, "the named town"),
        "casualties": None,
        "displaced": None,
        "displaced_text": None,
        "notes": "trigger 'bombed'",
        "doc_id": "d1",
        "evidence": "Jets bombed the town, killing 12 people.",
        "char_start": 0,
        "char_end": 40,
        "confidence": 0.9,
        "source": "Daily Paper",
        "published": dt.date(2013, 8, 14),
        "inter1": 1,
    }
    return Event(**{**values, **kw})


def _layers() -> dict:
    day = dt.date(2013, 8, 10)
    events = (
        _event(
            "a1", "air_strike", SALMA, day,
            actor2="Civilians (Syria)", inter2=7, casualties=Casualties(12, 12, 15, 12),
        ),
        _event(
            "a2", "armed_clash", IDLIB, day,
            actor2="Islamic State (Syria)", inter2=2,
            where=Located(IDLIB, "Idlib", 3, 4, "province"),
        ),
        _event(
            "a3", "protest", SALMA, day,
            actor1="Protesters (Syria)", inter1=6, evidence="Hundreds marched in the town.",
        ),
        _event("a4", "shelling", SYRIA, day, where=Located(SYRIA, "Syria", None, 6, "country")),
        _event("a5", "shelling", SALMA, None),  # no date: not in ACLED's table
        _event("a6", "shelling", None, day),  # no place
    )  # fmt: skip
    doc = Document("d1", "x" * 50, title="Jets strike a hill town", published=dt.date(2013, 8, 14))
    return build_layers([DocumentResult(doc, (), events)], ingested_at="2013-08-15T00:00:00Z")


@pytest.fixture(scope="module")
def layers() -> dict:
    return _layers()


def test_the_columns_are_acleds(layers) -> None:
    assert ",".join(ACLED_COLUMNS) == ACLED_HEADER
    assert list(acled_frame(layers).columns) == ACLED_HEADER.split(",")


def test_concatenates_with_an_acled_download(layers, tmp_path: Path) -> None:
    ours_path = AcledWriter().write(layers, tmp_path / "events_acled.csv")
    acled = pd.read_csv(io.StringIO(f"{ACLED_HEADER}\n{ACLED_ROW}\n"))
    ours = pd.read_csv(ours_path)
    both = pd.concat([acled, ours], ignore_index=True)
    assert list(both.columns) == list(acled.columns)  # no column added, none renamed
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                   "geo_precision", "fatalities", "timestamp"):  # fmt: skip
        assert pd.api.types.is_integer_dtype(both[column]), column
    assert pd.api.types.is_float_dtype(both["latitude"])
    assert pd.to_datetime(both["event_date"], format="%Y-%m-%d").notna().all()
    assert len(both) == 1 + 4  # the undated and the unplaced events are left out


def test_acled_values(layers) -> None:
    rows = acled_frame(layers).set_index("event_id_cnty")
    strike = rows.loc["SYR-cg-a1"]
    assert strike["event_date"] == "2013-08-10" and strike["year"] == 2013
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == (1, 7, 17)
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"], strike["country"]) == (760, "Middle East", "Syria")
    assert (strike["admin1"], strike["admin2"], strike["admin3"]) == ("Latakia", "", "")
    assert strike["fatalities"] == 12 and strike["source"] == "Daily Paper"
    assert strike["notes"].startswith("On 10 August 2013, in Salmá (Latakia, Syria): Jets bombed")
    assert strike["timestamp"] == int(dt.datetime(2013, 8, 15, tzinfo=dt.UTC).timestamp())
    assert rows.loc["SYR-cg-a3", "tags"] == "crowd size=no report"
    assert rows.loc["SYR-cg-a3", "interaction"] == 60
    assert rows.loc["SYR-cg-a4", "geo_precision"] == 3  # a country: ACLED's broadest
    assert rows.loc["SYR-cg-a4", "admin1"] == ""


def test_acled_words(layers) -> None:
    rows = acled_frame(layers, words=True).set_index("event_id_cnty")
    assert rows.loc["SYR-cg-a1", "inter2"] == "Civilians"
    assert rows.loc["SYR-cg-a1", "interaction"] == "State forces-Civilians"
    assert rows.loc["SYR-cg-a3", "interaction"] == "Protesters only"


def test_acled_file_name_and_ownership(layers, tmp_path: Path) -> None:
    paths = write_all(layers, tmp_path, formats=["csv", "acled", "ucdp"])
    assert [p.name for p in paths] == ["events.csv", "events_acled.csv", "events_ucdp.csv"]
    assert type(get_writer(tmp_path / "events_acled.csv")) is AcledWriter
    assert type(get_writer(tmp_path / "events.csv")).__name__ == "CsvWriter"
    write_all(layers, tmp_path, formats=["acled"])  # ours: replaced
    download = tmp_path / "other" / "events_acled.csv"
    download.parent.mkdir()
    download.write_text(f"{ACLED_HEADER}\n{ACLED_ROW}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="not a conflictgeo acled output"):
        AcledWriter().write(layers, download)  # a real ACLED file is never replaced
    assert ACLED_ROW in download.read_text(encoding="utf-8")


def test_ucdp_columns_and_values(layers, tmp_path: Path) -> None:
    path = UcdpWriter().write(layers, tmp_path / "events_ucdp.csv")
    frame = pd.read_csv(path)
    assert ",".join(UCDP_COLUMNS) == GED_HEADER
    assert list(frame.columns) == GED_HEADER.split(",")
    rows = ucdp_frame(layers).set_index("id")
    assert "a3" not in rows.index and "a5" not in rows.index  # a protest, an undated event
    strike = rows.loc["a1"]
    assert strike["type_of_violence"] == 3  # civilians the target: one-sided
    assert (strike["best"], strike["low"], strike["high"]) == (12, 12, 15)
    assert strike["deaths_civilians"] == 12 and strike["deaths_unknown"] == 0
    assert strike["side_a"] == "Government of Syria"
    assert strike["where_coordinates"] == "Salma village"
    assert (strike["where_prec"], strike["date_prec"], strike["adm_1"]) == (1, 1, "Latakia")
    assert strike["geom_wkt"] == "POINT (36.1961 35.7011)"
    assert strike["priogrid_gid"] == priogrid_gid(35.7011, 36.1961)
    assert strike["source_headline"] == "Jets strike a hill town"
    clash = rows.loc["a2"]
    assert clash["type_of_violence"] == 1 and clash["where_coordinates"] == "Idlib province"
    assert clash["where_prec"] == 4
    assert rows.loc["a4", "where_coordinates"] == "Syria"
    assert pd.isna(rows.loc["a6", "latitude"]) and rows.loc["a6", "geom_wkt"] == ""


def test_priogrid_corners() -> None:
    assert priogrid_gid(-90, -180) == 1
    assert priogrid_gid(90, 180) == 360 * 720
    assert priogrid_gid(-89.9, -179.4) == 2
    assert priogrid_gid(-89.4, -179.9) == 721


def test_empty_layers_give_a_header_only(tmp_path: Path) -> None:
    empty = build_layers([], ingested_at="2013-08-15T00:00:00Z")
    path = AcledWriter().write(empty, tmp_path / "events_acled.csv")
    assert path.read_text(encoding="utf-8") == ACLED_HEADER + "\n"
    assert AcledWriter().owns(path)
    assert UcdpWriter().write(empty, tmp_path / "events_ucdp.csv").read_text() == GED_HEADER + "\n"
