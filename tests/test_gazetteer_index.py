"""The gazetteer store: the embedded layer a new user gets, and GeoNames dumps added to it."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest
from geopy.distance import great_circle

from conflictgeo.errors import GazetteerError, GazetteerNotFound
from conflictgeo.gazetteer.index import STORE_NAME, Gazetteer, add_files
from conflictgeo.gazetteer.names import name_key

# One GeoNames dump row (19 columns): a village the embedded layer lacks.
DUMP_ROW = (
    "\t".join(
        [
            "164907",
            "Salmá",
            "Salma",
            "Salma,Salmah,Selma",
            "35.689",
            "36.13695",
            "P",
            "PPL",
            "SY",
            "",
            "02",
            "",
            "",
            "",
            "0",
            "",
            "723",
            "Asia/Damascus",
            "2012-02-01",
        ]
    )
    + "\n"
)


def places(g: Gazetteer, name: str):
    key = name_key(name)
    return [c.place for c in g.lookup([key])[key]]


def test_embedded_countries_sit_at_their_centroid_not_their_capital(embedded_gazetteer) -> None:
    russia = next(p for p in places(embedded_gazetteer, "Russia") if p.is_country)
    assert great_circle((russia.lat, russia.lon), (60, 100)).km < 200
    assert not russia.approximate


def test_country_point_between_two_centre_estimates_when_they_disagree(embedded_gazetteer) -> None:
    from conflictgeo.gazetteer.sources import _country_info

    # countryinfo's 38N 97W and the contiguous states' centroid (~39.5N 99W) are
    # over 161 km apart: the point lies between them.
    us = next(p for p in places(embedded_gazetteer, "United States") if p.is_country)
    assert 38.0 < us.lat < 39.5 and -99.1 < us.lon < -97.0
    # France's two estimates agree: its published centre is kept as it is.
    assert _country_info("FR")[0] == (46.0, 2.0)


def test_embedded_world_regions(embedded_gazetteer) -> None:
    (gulf,) = [p for p in places(embedded_gazetteer, "Persian Gulf")]
    assert gulf.feature_code == "RGN" and gulf.approximate and gulf.population > 0
    assert gulf.geonameid < 0  # no GeoNames id: below every real one
    assert great_circle((gulf.lat, gulf.lon), (26.5, 51.0)).km < 500
    middle_east = [p for p in places(embedded_gazetteer, "Middle East") if p.feature_code == "RGN"]
    assert [p.name for p in middle_east] == ["Western Asia"]
    assert any(p.name == "European Union" for p in places(embedded_gazetteer, "EU"))


def test_a_union_sits_at_its_seat(embedded_gazetteer) -> None:
    """The EU is placed at Brussels, Belgium's capital, not between its members."""
    (eu,) = [p for p in places(embedded_gazetteer, "EU") if p.feature_code == "RGN"]
    brussels = next(p for p in places(embedded_gazetteer, "Brussels") if p.country_code == "BE")
    assert great_circle((eu.lat, eu.lon), (brussels.lat, brussels.lon)).km < 1


def test_embedded_news_abbreviations_of_divisions(embedded_gazetteer) -> None:
    for abbreviation, code in (("Ga.", "US.GA"), ("W.Va.", "US.WV"), ("B.C.", "CA.02")):
        assert any(
            p.is_admin1 and p.admin1_key == code for p in places(embedded_gazetteer, abbreviation)
        )


def test_embedded_country_aliases(embedded_gazetteer) -> None:
    assert any(
        p.country_code == "GB" and p.is_country for p in places(embedded_gazetteer, "Britain")
    )


def test_embedded_provinces_have_a_point_a_population_and_an_english_name(
    embedded_gazetteer,
) -> None:
    latakia = next(p for p in places(embedded_gazetteer, "Latakia") if p.is_admin1)
    assert latakia.approximate and latakia.population > 0
    assert latakia.admin1_key == "SY.02"
    assert great_circle((latakia.lat, latakia.lon), (35.6, 36.0)).km < 60
    assert embedded_gazetteer.admin1_place("SY", "02").name == "Latakia"


def test_embedded_layer_has_no_village_level_syria(embedded_gazetteer) -> None:
    assert places(embedded_gazetteer, "Salma") == []


@pytest.mark.parametrize("packing", ["plain", "gzip", "zip"])
def test_dump_rows_are_added_in_every_packing(
    embedded_dir: Path, tmp_path: Path, packing: str
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / STORE_NAME, store / STORE_NAME)
    path = tmp_path / "SY.txt"
    path.write_text(DUMP_ROW, encoding="utf-8")
    if packing == "gzip":
        path = path.with_suffix(".txt.gz")
        path.write_bytes(gzip.compress(DUMP_ROW.encode()))
    elif packing == "zip":
        import zipfile

        path = tmp_path / "SY.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("SY.txt", DUMP_ROW)
    assert add_files([path], store) == [(str(path), 1)]
    g = Gazetteer.open(store)
    (salma,) = places(g, "Salmah")
    assert (salma.geonameid, salma.admin1_name, salma.feature_code) == (164907, "Latakia", "PPL")
    assert g.info()["sources"][-1]["name"] == path.name


def test_a_failed_add_leaves_the_store_as_it_was(embedded_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / STORE_NAME, store / STORE_NAME)
    before = (store / STORE_NAME).read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text(DUMP_ROW + "only\tthree\tcolumns\n")
    with pytest.raises(GazetteerError, match="GeoNames"):
        add_files([bad], store)
    assert (store / STORE_NAME).read_bytes() == before
    with pytest.raises(GazetteerNotFound):
        add_files([tmp_path / "missing.zip"], store)


def test_store_is_opened_read_only(embedded_gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError):
        embedded_gazetteer._db.execute("DELETE FROM places")


def test_gazetteer_is_picklable_for_worker_processes(embedded_gazetteer) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(embedded_gazetteer))
    assert again.path == embedded_gazetteer.path
    assert places(again, "Damascus")


def test_resolve_spans_resolves_given_spans_with_document_context(embedded_gazetteer) -> None:
    from conflictgeo.geoparse.parser import resolve_spans
    from conflictgeo.model import Document

    text = "Fighting spread from Idlib to Latakian villages; Michel Kilo spoke in Homs."
    doc = Document(id="d", text=text)
    spans = [
        (text.index("Idlib"), text.index("Idlib") + 5),
        (text.index("Latakian"), text.index("Latakian") + 8),
        (text.index("Homs"), text.index("Homs") + 4),
    ]
    idlib, latakian, homs = resolve_spans(doc, spans, embedded_gazetteer)
    assert idlib.place.country_code == "SY"
    assert latakian.place.admin1_key == "SY.02"  # a demonym resolves to its place
    assert homs.place.country_code == "SY"  # the document's focus beats Al Khums, Libya


def test_divisions_named_without_coordinates_are_placed_at_their_places(
    embedded_dir: Path, tmp_path: Path
) -> None:
    """admin2Codes.txt has names only; its counties sit at the mean of their places."""
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / STORE_NAME, store / STORE_NAME)

    def row(gid: int, name: str, lat: float, lon: float, pop: int) -> str:
        cols = [
            str(gid),
            name,
            name,
            "",
            str(lat),
            str(lon),
            "P",
            "PPL",
            "US",
            "",
            "TX",
            "213",
            "",
            "",
            str(pop),
            "",
            "",
            "America/Chicago",
            "2020-01-01",
        ]
        return "\t".join(cols) + "\n"

    dump = tmp_path / "US-part.txt"
    dump.write_text(
        row(990001, "Athens", 32.2, -95.85, 12000) + row(990002, "Chandler", 32.3, -95.48, 3000)
    )
    codes = tmp_path / "admin2Codes.txt"
    codes.write_text("US.TX.213\tHenderson County\tHenderson County\t4697463\n")
    add_files([codes, dump], store)  # the order does not matter
    g = Gazetteer.open(store)
    county = next(p for p in places(g, "Henderson County") if p.feature_code == "ADM2")
    assert county.approximate and county.population == 15000
    assert (county.lat, county.lon) == pytest.approx((32.25, -95.665), abs=0.01)
    assert county in places(g, "Henderson")  # the type word is optional


def test_lookups_share_one_candidate_per_place_and_name_kind(embedded_dir: Path) -> None:
    g = Gazetteer.open(embedded_dir)
    table = g.lookup(["damascus", "dimashq", "sham"])
    capital = {c.place.geonameid: c for c in table["damascus"]}[170654]
    by_alternate = {c.place.geonameid: c for c in table["dimashq"]}[170654]
    assert capital.main_name and not by_alternate.main_name  # the flag is kept apart
    assert {c.place.geonameid: c for c in table["sham"]}[170654] is by_alternate
    g._cache.clear()  # asked again from SQLite: the same objects come back
    assert g.lookup(["damascus"])["damascus"][0] is table["damascus"][0]
    worker = Gazetteer(g.path)
    worker.adopt_caches(g)
    assert worker._candidates is g._candidates


def test_variant_rows_carry_their_places_country(sy_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(sy_dir / STORE_NAME, store / STORE_NAME)
    moved = tmp_path / "moved.txt"  # the same village, now said to lie in Lebanon
    moved.write_text(DUMP_ROW.replace("\tSY\t", "\tLB\t"))
    add_files([moved], store)
    db = sqlite3.connect(store / STORE_NAME)
    stale = db.execute(
        "SELECT count(*) FROM variants v JOIN places p USING (geonameid)"
        " WHERE v.country_code IS NOT p.country_code"
    ).fetchone()[0]
    assert stale == 0
    assert db.execute("SELECT count(*) FROM variants").fetchone()[0] > 1000
    db.close()
    g = Gazetteer.open(store)
    # "Sallma" is spelled like Salma: found in its new country only.
    assert [
        c.place.geonameid for c in g.lookup_variants(["sallma"], countries=["LB"])["sallma"]
    ] == [164907]
    assert 164907 not in {
        c.place.geonameid for c in g.lookup_variants(["sallma"], countries=["SY"])["sallma"]
    }
    assert 164907 in {c.place.geonameid for c in g.lookup_variants(["sallma"])["sallma"]}


def test_a_store_from_an_older_version_is_rebuilt_with_the_files_it_held(
    embedded_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / STORE_NAME, store / STORE_NAME)
    kept, gone = tmp_path / "SY.txt", tmp_path / "XX.txt"
    kept.write_text(DUMP_ROW, encoding="utf-8")
    gone.write_text(DUMP_ROW.replace("164907", "164908"), encoding="utf-8")
    add_files([kept, gone], store)
    gone.unlink()
    db = sqlite3.connect(store / STORE_NAME)
    db.execute("UPDATE meta SET value = 'old' WHERE key = 'schema_version'")
    db.commit()
    db.close()

    said: list[str] = []
    with caplog.at_level("WARNING"):
        g = Gazetteer.open(store, progress=said.append)
    assert [p.geonameid for p in places(g, "Salmah")] == [164907]  # loaded again
    assert [s["name"] for s in g.info()["sources"]] == ["embedded", "SY.txt"]
    assert any("SY.txt" in line and "again" in line for line in said)
    assert "XX.txt" in caplog.text and "gazetteer add" in caplog.text


def test_embedded_named_areas_inside_countries(embedded_gazetteer) -> None:
    """Mountains, plains and regions news names, which the loaded files lack, are
    rows with a point in their division ("the Eastern Ghouta" is Rif Dimashq's)."""
    from conflictgeo.gazetteer.aliases import NAMED_AREAS

    (ghouta,) = places(embedded_gazetteer, "East Ghouta")  # an alias
    assert ghouta.name == "Eastern Ghouta" and ghouta.admin1_key == "SY.08"
    assert ghouta.feature_code == "RGN" and ghouta.approximate and ghouta.geonameid < -1000
    (akrad,) = places(embedded_gazetteer, "Jebel al-Akrad")
    assert akrad.feature_class == "T" and akrad.admin1_key == "SY.02"
    ids = {p.geonameid for name in NAMED_AREAS for p in places(embedded_gazetteer, name)}
    assert len([i for i in ids if i < -1000]) == len(NAMED_AREAS)  # one id each, all stored


def test_embedded_provinces_sit_in_the_middle_of_their_area(embedded_gazetteer) -> None:
    """Ontario's towns crowd its south (Toronto, Ottawa); the province's point is
    the middle of its area, near 49N 85W, not the mean of its towns (44.5N 80W)."""
    ontario = next(p for p in places(embedded_gazetteer, "Ontario") if p.is_admin1)
    assert great_circle((ontario.lat, ontario.lon), (49.5, -85.0)).km < 150
    assert great_circle((ontario.lat, ontario.lon), (44.5, -80.2)).km > 400


def test_everyday_country_names_news_uses(embedded_gazetteer) -> None:
    assert any(p.country_code == "KR" and p.is_country for p in places(embedded_gazetteer, "Korea"))
    assert any(
        p.country_code == "RU" and p.is_country for p in places(embedded_gazetteer, "Soviet Union")
    )


def test_regions_inside_one_country(embedded_gazetteer) -> None:
    """Darfur is Sudan's five Darfur states, placed among them and in Sudan."""
    (darfur,) = [p for p in places(embedded_gazetteer, "Darfur") if p.feature_code == "RGN"]
    assert darfur.country_code == "SD" and darfur.geonameid < 0 and darfur.approximate
    north = next(p for p in places(embedded_gazetteer, "North Darfur") if p.is_admin1)
    assert great_circle((darfur.lat, darfur.lon), (north.lat, north.lon)).km < 600
    assert any(p.feature_code == "RGN" for p in places(embedded_gazetteer, "Donbass"))


def test_geonames_first_level_divisions_whatever_their_iso_level(embedded_gazetteer) -> None:
    # ISO 3166-2 puts Erbil under the Kurdistan Region; GeoNames makes it admin1 IQ.11.
    erbil = [p for p in places(embedded_gazetteer, "Erbil") if p.is_admin1]
    assert [p.admin1_key for p in erbil] == ["IQ.11"]
