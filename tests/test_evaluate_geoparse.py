"""Geoparsing evaluation: gold readers, metrics, runs, and the ``evaluate geoparse`` command.

Gold data is built in code: a few sentences naming Syrian cities, with
coordinates from GeoNames (Damascus 170654, Aleppo 170063). The published
corpora in ../shared/corpora are only read (not evaluated) and only when present.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from pyproj import Geod
from typer.testing import CliRunner

from conflictgeo.cli import app
from conflictgeo.errors import InputError
from conflictgeo.evaluate import geoparse as ev
from conflictgeo.gazetteer.index import Candidate, Gazetteer
from conflictgeo.model import Place
from tests.conftest import SHARED, need_shared

DAMASCUS = (33.5102, 36.29128)
ALEPPO = (36.20124, 37.16117)
TEXT = "Government forces shelled Damascus on Monday while rebels held parts of Aleppo."
D0 = TEXT.index("Damascus")
A0 = TEXT.index("Aleppo")

GWN_XML = f"""<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title>
    <text>{TEXT}</text>
    <toponyms>
      <toponym>
        <extractedName>Damascus</extractedName><type>Literal</type>
        <start>{D0}</start><end>{D0 + 8}</end>
        <geonamesID>170654</geonamesID>
        <latitude>{DAMASCUS[0]}</latitude><longitude>{DAMASCUS[1]}</longitude>
      </toponym>
      <toponym>
        <extractedName>rebels</extractedName><type>Non_Lit_Expression</type>
        <start>51</start><end>57</end>
      </toponym>
      <toponym>
        <extractedName>Aleppo</extractedName><type>Metonymic</type>
        <start>{A0}</start><end>{A0 + 6}</end>
        <geonamesID/>
        <latitude>{ALEPPO[0]}</latitude><longitude>{ALEPPO[1]}</longitude>
      </toponym>
      <toponym>
        <extractedName>American</extractedName><type>Non_Literal_Modifier</type>
        <start>-139</start><end>-131</end>
        <latitude>39.76</latitude><longitude>-98.5</longitude>
      </toponym>
    </toponyms>
  </article>
</articles>
"""

LGL_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="40450848">
    <title>t</title>
    <text><![CDATA[{TEXT}]]></text>
    <toponyms count="2">
      <toponym>
        <start>{D0}</start><end>{D0 + 8}</end><phrase>Damascus</phrase>
        <gaztag geonameid="170654">
          <name>Damascus</name><fclass>P</fclass><fcode>PPLC</fcode>
          <lat>{DAMASCUS[0]}</lat><lon>{DAMASCUS[1]}</lon>
        </gaztag>
      </toponym>
      <toponym>
        <start>{A0}</start><end>{A0 + 6}</end><phrase>Aleppo</phrase>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def gold_line(doc_id: str = "d1", text: str = TEXT, **extra: object) -> str:
    gold = [
        {"start": D0, "end": D0 + 8, "lat": DAMASCUS[0], "lon": DAMASCUS[1], "type": "city"},
        {"start": A0, "end": A0 + 6, "lat": ALEPPO[0], "lon": ALEPPO[1], "type": "city"},
    ]
    return json.dumps({"id": doc_id, "text": text, "gold": gold, **extra})


@pytest.fixture
def gold_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n")
    return path


# ------------------------------------------------------------------ readers


class TestReaders:
    def test_gwn_keeps_toponyms_with_coordinates_and_lists_bad_spans(self, tmp_path) -> None:
        path = tmp_path / "gwn.xml"
        path.write_text(GWN_XML)
        (doc,) = ev.read_gwn(path)
        assert doc.id == "7" and doc.text == TEXT
        damascus, aleppo = doc.toponyms
        assert (damascus.start, damascus.end, damascus.text) == (D0, D0 + 8, "Damascus")
        assert (damascus.lat, damascus.lon) == DAMASCUS
        assert damascus.type == "Literal" and damascus.geonameid == 170654
        assert aleppo.type == "Metonymic" and aleppo.geonameid is None
        assert len(doc.skipped) == 1 and "American" in doc.skipped[0]

    def test_lgl_takes_feature_code_as_type_and_skips_untagged(self, tmp_path) -> None:
        path = tmp_path / "lgl.xml"
        path.write_text(LGL_XML)
        (doc,) = ev.read_lgl(path)
        assert doc.id == "40450848"
        (damascus,) = doc.toponyms
        assert damascus.type == "PPLC" and damascus.name == "Damascus"
        assert damascus.geonameid == 170654 and (damascus.lat, damascus.lon) == DAMASCUS

    def test_jsonl(self, tmp_path) -> None:
        path = tmp_path / "g.jsonl"
        no_coords = {"start": 0, "end": 10, "lat": None, "lon": None}
        outside = {"start": 500, "end": 510, "lat": 1.0, "lon": 2.0}
        path.write_text(
            gold_line() + "\n\n" + json.dumps({"text": TEXT, "gold": [no_coords, outside]}) + "\n"
        )
        first, second = ev.read_jsonl(path)
        assert [t.text for t in first.toponyms] == ["Damascus", "Aleppo"]
        assert first.toponyms[0].type == "city"
        assert second.id == "3" and second.toponyms == ()  # id = line number
        assert second.skipped and second.skipped[0].startswith("line 3:")

    @pytest.mark.parametrize(
        ("name", "content", "expected"),
        [
            ("gold.data", GWN_XML, "Damascus"),  # XML sniffed by content, GWN
            ("gold.xml", LGL_XML, "PPLC"),  # LGL: toponyms carry <gaztag>
            ("gold.txt", gold_line() + "\n", "city"),  # JSONL sniffed by content
        ],
        ids=["gwn", "lgl", "jsonl"],
    )
    def test_read_gold_chooses_the_reader(self, tmp_path, name, content, expected) -> None:
        path = tmp_path / name
        path.write_text(content)
        (doc,) = ev.read_gold(path)
        assert expected in {doc.toponyms[0].text, doc.toponyms[0].type}

    def test_limit(self, tmp_path) -> None:
        path = tmp_path / "g.jsonl"
        path.write_text("\n".join(gold_line(f"d{i}") for i in range(5)))
        assert [d.id for d in ev.read_gold(path, limit=2)] == ["d0", "d1"]

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("bad.xml", "<articles><article><text>x</text>", "not well-formed XML"),
            ("bad.jsonl", '{"id": 1, "text": "x"\n', "not JSON"),
            ("bad.jsonl", '{"id": 1}\n', '"text"'),
            ("bad.jsonl", json.dumps({"text": "ab", "gold": [{"start": 0}]}), '"start", "end"'),
            (
                "bad.jsonl",
                json.dumps({"text": "ab", "gold": [{"start": "x", "end": 1, "lat": 1, "lon": 1}]}),
                "integers",
            ),
            (
                "bad.jsonl",
                json.dumps({"text": "ab", "gold": [{"start": 0, "end": 1, "lat": 99, "lon": 1}]}),
                "range",
            ),
            ("none.xml", "<articles><article><text>x</text></article></articles>", "no gold"),
            ("bad.csv", "id,text\n", "not a gold file"),
        ],
        ids=["xml", "json", "no-text", "no-end", "start", "latitude", "empty", "csv"],
    )
    def test_bad_gold_is_an_input_error_saying_what_to_do(
        self, tmp_path, name, content, message
    ) -> None:
        path = tmp_path / name
        path.write_text(content)
        with pytest.raises(InputError, match=message):
            ev.read_gold(path)

    def test_missing_file_and_unknown_format(self, tmp_path) -> None:
        with pytest.raises(InputError, match="no such file"):
            ev.read_gold(tmp_path / "nope.xml")
        with pytest.raises(InputError, match="choose one of gwn, lgl, jsonl"):
            ev.read_gold(tmp_path / "nope.xml", fmt="conll")

    def test_published_corpora_read_as_documented(self) -> None:
        gwn = ev.read_gold(need_shared(SHARED / "corpora" / "GWN.xml"))
        lgl = ev.read_gold(need_shared(SHARED / "corpora" / "lgl.xml"))
        assert (len(gwn), len(lgl)) == (200, 588)
        # ../shared/corpora/README.md: 2,601 and 4,462 with coordinates; two GWN ones
        # have negative offsets in the published file.
        assert sum(len(d.toponyms) + len(d.skipped) for d in gwn) == 2601
        assert sum(len(d.skipped) for d in gwn) == 2
        assert sum(len(d.toponyms) for d in lgl) == 4462
        assert {t.type for d in gwn for t in d.toponyms} >= {"Literal", "Metonymic"}


# ------------------------------------------------------------------ metrics


class TestMetrics:
    def test_accuracy_within_161_km_inclusive_and_misses_wrong(self) -> None:
        assert ev.accuracy_within([0.0, 161.0, 161.5, math.inf]) == 0.5
        assert ev.accuracy_within([math.inf]) == 0.0
        assert math.isnan(ev.accuracy_within([]))

    def test_median_counts_misses_mean_leaves_them_out(self) -> None:
        assert ev.median_error([5.0, 1.0, 3.0]) == 3.0
        assert ev.median_error([1.0, 3.0]) == 2.0
        assert ev.median_error([1.0, math.inf, math.inf]) == math.inf
        assert ev.mean_error([1.0, 3.0, math.inf, math.inf]) == 2.0
        assert math.isnan(ev.mean_error([math.inf]))

    def test_auc_bounds(self) -> None:
        assert ev.auc([0.0] * 5) == 0.0
        assert ev.auc([math.inf] * 5) == 1.0
        assert ev.auc([ev.CAP_KM, 1e9]) == 1.0  # errors are capped, the scale clipped at 1
        assert ev.auc([0.0]) == 0.0 and ev.auc([math.inf]) == 1.0
        assert math.isnan(ev.auc([]))

    def test_auc_is_the_trapezoid_area_of_sorted_log_errors(self) -> None:
        y161 = math.log(162) / math.log(20039)
        # sorted heights 0, y161, 1 over x = 0, 0.5, 1
        expected = 0.5 * (0 + y161) / 2 + 0.5 * (y161 + 1) / 2
        assert ev.auc([math.inf, 161.0, 0.0]) == pytest.approx(expected)
        errors = [1.0, 10.0, 100.0, 1000.0, 10000.0]
        mean_y = sum(ev.log_error(e) for e in errors) / len(errors)
        assert abs(ev.auc(errors) - mean_y) <= 1 / (2 * (len(errors) - 1))

    def test_log_error_scale(self) -> None:
        assert ev.log_error(0.0) == 0.0
        assert ev.log_error(math.inf) == 1.0
        values = [ev.log_error(km) for km in (1, 10, 161, 1000, 20000)]
        assert values == sorted(values) and all(0 < v < 1 for v in values)

    def test_distance_is_great_circle_km(self) -> None:
        km = ev.distance_km(*DAMASCUS, *ALEPPO)
        _, _, metres = Geod(ellps="WGS84").inv(DAMASCUS[1], DAMASCUS[0], ALEPPO[1], ALEPPO[0])
        assert km == pytest.approx(metres / 1000, rel=0.005)
        assert 300 < km < 320

    def test_score(self) -> None:
        s = ev.score([10.0, 100.0, 1000.0, math.inf])
        assert (s.n, s.accuracy, s.median_km, s.mean_km, s.unresolved) == (
            4,
            0.5,
            550.0,
            370.0,
            1,
        )
        assert 0 < s.auc < 1
        d = ev.score([math.inf]).as_dict()
        assert d["median_km"] is None and d["mean_km"] is None and d["auc"] == 1.0
        json.dumps(d, allow_nan=False)

    def test_recognition(self) -> None:
        r = ev.Recognition(gold=10, predicted=8, gold_found=6, predicted_correct=4)
        assert (r.precision, r.recall) == (0.5, 0.6)
        assert r.f1 == pytest.approx(2 * 0.5 * 0.6 / 1.1)
        assert ev.Recognition(0, 0, 0, 0).as_dict()["f1"] is None


# ------------------------------------------------------------------ baseline and runs


def place(geonameid: int, population: int, country: str = "SY", lat: float = 0.0) -> Place:
    return Place(geonameid, "X", lat, 0.0, country, "P", "PPL", population=population)


class FakeGazetteer:
    """Stands in for the store: every key has the same candidates."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places

    def lookup(self, keys):
        return {k: tuple(Candidate(p, True) for p in self.places) for k in keys}


class TestBaseline:
    def test_most_populous_then_lowest_id(self) -> None:
        fake = FakeGazetteer([place(30, 500), place(20, 900), place(10, 900), place(5, 100)])
        chosen = ev.population_baseline("Salma", fake)  # type: ignore[arg-type]
        assert chosen is not None and chosen.geonameid == 10

    def test_country_and_no_candidate(self) -> None:
        fake = FakeGazetteer([place(1, 900, "US"), place(2, 10, "SY")])
        chosen = ev.population_baseline("Salma", fake, country="SY")  # type: ignore[arg-type]
        assert chosen is not None and chosen.geonameid == 2
        assert ev.population_baseline("Salma", FakeGazetteer([])) is None  # type: ignore[arg-type]

    def test_real_store(self, embedded_gazetteer: Gazetteer) -> None:
        aleppo = ev.population_baseline("Aleppo", embedded_gazetteer)
        assert aleppo is not None
        assert ev.distance_km(aleppo.lat, aleppo.lon, *ALEPPO) < 161


def test_evaluate_geoparse_on_two_cities(embedded_gazetteer: Gazetteer, gold_jsonl) -> None:
    nowhere = json.dumps({"id": "empty", "text": "Nothing named here.", "gold": []})
    gold_jsonl.write_text(gold_line() + "\n" + nowhere + "\n")
    result = ev.evaluate_geoparse(ev.read_gold(gold_jsonl), embedded_gazetteer)
    assert result.documents == 2 and len(result.rows) == 2
    for run in ev.RUNS:
        s = result.scores(run)
        assert (s.n, s.accuracy, s.unresolved) == (2, 1.0, 0), run
        assert s.median_km < 50 and 0 <= s.auc < 0.5
    assert result.recognition.gold == 2 and result.recognition.recall == 1.0
    assert result.types() == ["city"]
    row = result.rows[0].record()
    assert row["text"] == "Damascus" and row["span_name"] == "Damascus"
    assert row["e2e_start"] == D0 and row["span_error_km"] < 50 and row["e2e_recognized"]
    summary = result.summary()
    json.dumps(summary, allow_nan=False)
    assert summary["runs"]["gold_spans"]["accuracy_161km"] == 1.0
    assert summary["by_type"]["city"]["end_to_end"]["n"] == 2


def test_a_wrong_or_missing_answer_is_scored_as_such(embedded_gazetteer: Gazetteer) -> None:
    # Gold puts "Damascus" at Damascus, Oregon; "Zzyzxq" is nothing the gazetteer knows.
    text = "Police in Damascus and Zzyzxq said nothing."
    gold = ev.GoldDocument(
        "x",
        text,
        (
            ev.GoldToponym(10, 18, "Damascus", 45.4176, -122.4590),
            ev.GoldToponym(23, 29, "Zzyzxq", 35.0, -116.0),
        ),
    )
    result = ev.evaluate_geoparse([gold], embedded_gazetteer)
    far, missing = result.errors("gold_spans")
    assert far > 10_000 and missing == math.inf
    assert result.scores("end_to_end").unresolved >= 1
    assert result.rows[1].record()["e2e_error_km"] is None


# ------------------------------------------------------------------ command line


def run(*args: str):
    return CliRunner().invoke(app, ["evaluate", "geoparse", *args])


def test_cli_prints_a_table(embedded_dir, use_data_dir, gold_jsonl) -> None:
    use_data_dir(embedded_dir)
    result = run(str(gold_jsonl))
    assert result.exit_code == 0, result.output
    for words in (
        "gold spans",
        "end to end",
        "population baseline",
        "ceiling",
        "100.0 %",
        "precision",
    ):
        assert words in result.stdout


def test_cli_json_and_errors_file(embedded_dir, gold_jsonl, tmp_path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run(
        str(gold_jsonl), "--data-dir", str(embedded_dir), "--json", "--errors", str(errors)
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    spans = summary["runs"]["gold_spans"]
    assert (spans["n"], spans["accuracy_161km"], spans["unresolved"]) == (2, 1.0, 0)
    assert spans["median_km"] < 50
    assert summary["runs"]["end_to_end"]["accuracy_161km"] == 1.0
    assert summary["recognition"]["recall"] == 1.0
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["text"] for r in rows] == ["Damascus", "Aleppo"]
    assert {
        "doc_id",
        "gold_lat",
        "span_geonameid",
        "span_feature_code",
        "e2e_error_km",
        "base_error_km",
        "type",
    } <= set(rows[1])
    assert rows[1]["span_error_km"] < 161 and rows[1]["type"] == "city"


@pytest.mark.parametrize(
    "content", ["<articles><article>", "id,text\n1,x\n"], ids=["broken-xml", "csv"]
)
def test_cli_bad_gold_is_one_line_and_exit_2(embedded_dir, use_data_dir, tmp_path, content):
    use_data_dir(embedded_dir)
    path = tmp_path / "gold.xml"
    path.write_text(content)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "error:" in result.stderr
    assert "Traceback" not in result.output


def test_the_ceiling_is_the_candidate_nearest_the_gold(embedded_gazetteer: Gazetteer) -> None:
    # Gold puts "Tripoli" in Lebanon; the resolver may pick Libya's capital, but the
    # ceiling run scores the best candidate the gazetteer holds: the Lebanese city.
    text = "Police in Tripoli and Zzyzxq said nothing."
    gold = ev.GoldDocument(
        "x",
        text,
        (
            ev.GoldToponym(10, 17, "Tripoli", 34.4367, 35.8497),
            ev.GoldToponym(22, 28, "Zzyzxq", 35.0, -116.0),
        ),
    )
    result = ev.evaluate_geoparse([gold], embedded_gazetteer)
    tripoli, missing = result.rows
    assert tripoli.best is not None and tripoli.best.country_code == "LB"
    assert tripoli.best_km < 20 and tripoli.best_km <= tripoli.gold_spans_km
    assert missing.best is None and missing.best_km == math.inf
    assert result.scores("ceiling").accuracy == 0.5
    record = tripoli.record()
    assert record["best_country_code"] == "LB" and record["best_error_km"] < 20


def test_gazetteer_candidates_cover_names_demonyms_and_country_hint(
    embedded_gazetteer: Gazetteer,
) -> None:
    tripolis = ev.gazetteer_candidates("Tripoli", embedded_gazetteer)
    assert {"LB", "LY"} <= {p.country_code for p in tripolis}
    only_lb = ev.gazetteer_candidates("Tripoli", embedded_gazetteer, country="LB")
    assert only_lb and {p.country_code for p in only_lb} == {"LB"}
    assert any(
        p.feature_code.startswith("PCL")
        for p in ev.gazetteer_candidates("Syrian", embedded_gazetteer)
    )
    assert ev.gazetteer_candidates("Zzyzxq", embedded_gazetteer) == []
