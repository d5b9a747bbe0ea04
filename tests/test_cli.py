"""The command line: data on stdout, messages on stderr, honest exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pyogrio
import pytest
from typer.testing import CliRunner

from conflictgeo.cli import app
from conflictgeo.model import EVENT_FIELDS
from conflictgeo.text import clean
from tests.conftest import SEED, SY_DUMP, need_shared

REPORT = (
    "Rebels take border town\n\n"
    "BEIRUT — Rebels seized the town of Jisr al-Shughur in Idlib province on 3 March 2015 "
    "after clashes with government forces, an activist said. At least 12 people were killed.\n"
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def embedded(embedded_dir: Path, use_data_dir) -> Path:
    use_data_dir(embedded_dir)
    return embedded_dir


def test_extract_prints_one_json_object_per_event_with_every_field(embedded, tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT)
    result = run("extract", str(report), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "no event extracted"
    assert set(EVENT_FIELDS) <= set(rows[0])
    taken = next(r for r in rows if r["kind"] == "territory_taken_nonstate")
    assert taken["doc_id"] == "r"
    assert taken["event_date"] == "2015-03-03"
    assert taken["location"] == "Jisr al-Shughur"
    assert taken["fatalities"] == 12
    assert REPORT[taken["char_start"] :].startswith("BEIRUT")


def test_geoparse_prints_one_object_per_document(embedded, tmp_path) -> None:
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a", "text": REPORT})
        + "\n"
        + json.dumps({"id": "b", "text": "Nothing happened in Damascus."})
        + "\n"
    )
    result = run("geoparse", str(jsonl), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b"]
    keys = {
        "start",
        "end",
        "text",
        "name",
        "lat",
        "lon",
        "geonameid",
        "country_code",
        "admin1",
        "feature_code",
        "score",
    }
    damascus = docs[1]["mentions"][0]
    assert keys <= set(damascus)
    assert damascus["text"] == "Damascus" and damascus["country_code"] == "SY"
    assert abs(damascus["lat"] - 33.51) < 0.1 and abs(damascus["lon"] - 36.29) < 0.1
    text = "Nothing happened in Damascus."
    assert text[damascus["start"] : damascus["end"]] == "Damascus"


def test_bad_inputs_are_reported_and_good_ones_still_processed(embedded, tmp_path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.jsonl").write_text('{"text": "Shelling hit Douma."}\nnot json\n{"id": 3}\n')
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "-o", str(out), "--published", "2015-03-04")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name in ("empty.txt", "binary.txt", "bad.jsonl:2", "bad.jsonl:3"):
        assert name in result.stderr, name
    assert (out / "events.gpkg").exists()
    assert "2 reports" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "missing.txt", "-o", "out"], "no such file"),
        (["build", "{seed}", "-o", "out", "--published", "last Blursday"], "--published"),
        (["extract", "{seed}", "--format", "xml"], "only jsonl"),
        (["build", "{seed}", "-o", "out", "--country", "Syria"], "two-letter"),
    ],
    ids=["missing-input", "bad-published", "bad-format", "bad-country"],
)
def test_errors_are_one_line_with_a_nonzero_exit(
    embedded, tmp_path, monkeypatch, args, message
) -> None:
    need_shared(SEED)
    monkeypatch.chdir(tmp_path)
    result = run(*[a.replace("{seed}", str(SEED)) for a in args])
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unwritable_output_directory(embedded, tmp_path) -> None:
    need_shared(SEED)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("build", str(SEED), "-o", str(blocker / "out"))
    assert result.exit_code == 2
    assert "cannot" in result.stderr and "Traceback" not in result.output


def test_stdin(embedded) -> None:
    result = run("extract", "-", input=REPORT)
    assert result.exit_code == 0, result.output
    assert '"doc_id": "stdin"' in result.stdout


def test_gazetteer_add_zip_and_info(embedded_dir, tmp_path, use_data_dir) -> None:
    need_shared(SY_DUMP)
    import shutil

    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / "gazetteer.sqlite", store / "gazetteer.sqlite")
    use_data_dir(store)
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(SY_DUMP, "SY.txt")
    result = run("gazetteer", "add", str(archive))
    assert result.exit_code == 0, result.output
    assert "10,362 rows" in result.stderr
    info = json.loads(run("gazetteer", "info", "--json").stdout)
    assert [s["name"] for s in info["sources"]] == ["embedded", "SY.zip"]
    geo = run("geoparse", "-", input="Jets struck the village of Salma, Latakia province.")
    salma = json.loads(geo.stdout)["mentions"][0]
    assert salma["geonameid"] == 164907


def test_gazetteer_add_rejects_a_file_that_is_not_geonames(embedded, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("a,b,c\n1,2,3\n")
    result = run("gazetteer", "add", str(bad))
    assert result.exit_code == 2
    assert "GeoNames" in result.stderr and "Traceback" not in result.output


def test_bbox_restricts_places_and_a_bad_bbox_is_refused(embedded) -> None:
    lebanon = "35.0,33.0,36.7,34.7"
    result = run("geoparse", "-", "--bbox", lebanon, input="Clashes in Tripoli.")
    assert json.loads(result.stdout)["mentions"][0]["country_code"] == "LB"
    bad = run("geoparse", "-", "--bbox", "north,south", input="Clashes in Tripoli.")
    assert bad.exit_code == 2 and "MIN_LON" in bad.stderr


def test_an_unknown_online_service_is_refused_with_the_choices(embedded) -> None:
    result = run("extract", "-", "--online", "google", input=REPORT)
    assert result.exit_code == 2
    assert "nominatim" in result.stderr and "Traceback" not in result.output


def test_build_merge_options(embedded, tmp_path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    for name, day in (("a.txt", 4), ("b.txt", 5)):
        (reports / name).write_text(
            f"Government warplanes bombed Saraqib on {day} March 2015, killing 9 people."
        )
    counts = {}
    for option in ("--no-merge", "--merge-days=0", "--merge-days=1"):
        out = tmp_path / option.strip("-").replace("=", "")
        result = run("build", str(reports), "-o", str(out), "--format", "csv", option)
        assert result.exit_code == 0, result.output
        counts[option] = result.stderr.split(" events")[0].rsplit(" ", 1)[-1]
    assert counts == {"--no-merge": "2", "--merge-days=0": "2", "--merge-days=1": "1"}


@pytest.mark.parametrize("option", ["--merge-days=-1", "--merge-km=-5"])
def test_bad_merge_options_exit_2(embedded, tmp_path, option) -> None:
    (tmp_path / "a.txt").write_text(REPORT)
    result = run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), option)
    assert result.exit_code == 2
    assert option.split("=")[0] in result.stderr and "Traceback" not in result.output


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_dropped_inside_a_destructor_still_stops_the_run(monkeypatch) -> None:
    """Python prints and drops an exception raised in __del__ (regex's objects have
    one): the signal is remembered, and the next document stops the run."""
    import signal

    from conflictgeo import cli

    monkeypatch.setattr(cli, "_SIGNALLED", [])

    class Dropper:
        def __del__(self) -> None:
            cli._interrupt(signal.SIGINT, None)

    Dropper()  # the handler's exception is dropped here, as in a GC callback
    with pytest.raises(cli._Interrupted):
        cli._stop_if_signalled()


def test_map_writes_one_html_file(tmp_path) -> None:
    from conflictgeo.export import GeoPackageWriter
    from conflictgeo.layers import build_layers
    from tests.test_export import _results

    gpkg = GeoPackageWriter().write(build_layers(_results()), tmp_path / "out" / "events.gpkg")
    result = run("map", str(gpkg), "-o", str(tmp_path / "map.html"), "--title", "Test")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "map.html")
    assert "2 of 3 events on the map" in result.stderr
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script src" not in page
    assert run("map", str(gpkg)).exit_code == 0  # beside the source by default
    assert (tmp_path / "out" / "events.html").exists()


def test_map_of_a_missing_or_foreign_file(tmp_path) -> None:
    result = run("map", str(tmp_path / "none.gpkg"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    other = tmp_path / "other.geojson"
    other.write_text('{"type": "FeatureCollection", "features": []}')
    result = run("map", str(other))
    assert result.exit_code == 2 and "no events layer" in result.stderr


def test_version_is_printed_without_a_command() -> None:
    from conflictgeo import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"conflictgeo {__version__}"


@pytest.mark.parametrize("command", [["build"], ["extract"], ["gazetteer", "add"], ["map"], []])
def test_help_follows_unix_conventions(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    text = result.stdout
    for python_type in ("<bool>", "<str>", "<list[str]>", "<path>", "<int", "{inputs}", "{INPUT"):
        assert python_type not in text, (command, python_type)
    if command in (["build"], ["extract"]):
        assert "[OPTIONS] INPUT..." in text


def test_build_help_lists_the_formats() -> None:
    from conflictgeo.cli import FORMATS
    from conflictgeo.export import WRITERS

    assert sorted(FORMATS) == sorted(WRITERS)
    text = CliRunner().invoke(app, ["build", "--help"], terminal_width=200).stdout
    words = " ".join(text.replace("│", " ").split())  # the help table, unwrapped
    assert "gpkg, geojson, csv, geojsonseq, parquet, acled, ucdp" in words
    assert "--out" in text and "DIR" in text


def test_only_missing_inputs_is_one_error_line_and_nothing_written(embedded, tmp_path) -> None:
    out = tmp_path / "never"
    result = run("build", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: nothing to build from"), lines
    assert "missing.txt: no such file" in lines[0]
    assert "0 reports" not in result.stderr and not out.exists()


def test_build_of_only_missing_inputs_raises(embedded, tmp_path) -> None:
    import conflictgeo as cg

    with pytest.raises(cg.NothingToBuild, match=r"missing\.txt") as info:
        cg.build([tmp_path / "missing.txt"], tmp_path / "out")
    assert isinstance(info.value, cg.ConflictGeoError) and len(info.value.errors) == 1
    assert not (tmp_path / "out").exists()


def test_the_progress_bar_knows_its_total_and_names_the_stage(embedded, tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(REPORT)
    lines = [json.dumps({"id": f"r{i}", "text": REPORT.replace("12", str(i))}) for i in range(3)]
    (tmp_path / "in" / "more.jsonl").write_text("\n".join(lines) + "\n")
    result = run(
        "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--progress", "--workers", "1"
    )
    assert result.exit_code == 0, result.output
    assert "4/4" in result.stderr and "/?" not in result.stderr
    assert "done" in result.stderr and "reports/s" in result.stderr


def test_count_items(tmp_path) -> None:
    from conflictgeo.count import count_items

    (tmp_path / "a.txt").write_text("one report")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / "c.csv").write_text("id,text\n1,x\n2,y\n3,z\n")
    (tmp_path / "d.jsonl.gz").write_bytes(b"")
    assert count_items([tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "c.csv"]) == 6
    assert count_items([tmp_path / "a.txt", tmp_path / "missing"]) == 2  # the error is an item
    assert count_items([tmp_path / "c.csv"], limit=2) == 2
    assert count_items([tmp_path / "d.jsonl.gz"]) is None  # not counted without reading it
    assert count_items(["-"]) is None


# -- offsets into the user's input ---------------------------------------------------

MESSY_REPORT = (
    "Jets  pound\tSaraqib\r\n\r\n"
    "BEIRUT \u2014 Government\u00a0warplanes  struck\tSaraqib in\u00a0Idlib province on "
    "4 March 2015,\r\nkilling at least 9 people.\r\n\r\n\r\n"
    "Rebels\u200b shelled  Alep\u00adpo\ufeff on 5 March 2015, killing two civilians.  "
)
MESSY_PAGE = (
    "<html><head><title>Jets pound Saraqib</title></head><body>\n"
    "<p>Government warplanes  struck <b>Saraqib</b> in Idlib&nbsp;province on 4 March 2015, "
    "killing at least 9 people &amp; wounding 20.</p>\n<p>Rebels shelled Aleppo on 5 March "
    "2015.</p></body></html>"
)


def _inputs(directory: Path) -> dict[str, str]:
    """Reports with whitespace runs, tabs, no-break and zero-width spaces, CR LF
    and HTML (and the seed report), by id: the text each id's offsets index."""
    directory.mkdir()
    (directory / "messy.txt").write_bytes(MESSY_REPORT.encode("utf-8"))
    (directory / "page.html").write_bytes(MESSY_PAGE.encode("utf-8"))
    records = [{"id": "rec-messy", "text": MESSY_REPORT}, {"id": "rec-html", "text": MESSY_PAGE}]
    (directory / "more.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    given = {"messy": MESSY_REPORT, "page": MESSY_PAGE, "rec-messy": MESSY_REPORT}
    given["rec-html"] = MESSY_PAGE
    if SEED.exists():
        (directory / "seed.txt").write_bytes(SEED.read_bytes())
        given["seed"] = SEED.read_bytes().decode("utf-8-sig")
    return given


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    script = Path(sys.executable).with_name("conflictgeo")
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(data_dir)}
    return subprocess.run([str(script), *args], capture_output=True, env=env, timeout=300)


def test_every_offset_indexes_the_text_as_given(embedded_dir: Path, tmp_path: Path) -> None:
    given = _inputs(tmp_path / "in")
    done = _cli("geoparse", str(tmp_path / "in"), "--workers", "1", data_dir=embedded_dir)
    assert done.returncode == 0, done.stderr.decode()
    seen = 0
    for line in done.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        text = given[record["id"]]
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"], mention
            seen += 1
    assert seen >= 10

    done = _cli("extract", str(tmp_path / "in"), "--published", "2015-03-06", data_dir=embedded_dir)
    assert done.returncode == 0, done.stderr.decode()
    events = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert {e["doc_id"] for e in events} >= {"messy", "page", "rec-messy", "rec-html"}
    for event in events:
        if event["doc_id"] in ("page", "rec-html"):
            continue  # offsets into the markup: checked on the mentions
        span = clean(given[event["doc_id"]][event["char_start"] : event["char_end"]])
        for piece in event["evidence"].split(" … "):
            assert piece in span.replace("\n", " "), (piece, span)

    out = tmp_path / "out"
    done = _cli("build", str(tmp_path / "in"), "-o", str(out), "--published", "2015-03-06",
                data_dir=embedded_dir)  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    mentions = pyogrio.read_dataframe(out / "events.gpkg", layer="mentions")
    for row in mentions.itertuples():
        assert given[row.doc_id][row.start : row.end] == row.text
    layer = pyogrio.read_dataframe(out / "events.gpkg", layer="events")
    by_row = {(e["doc_id"], e["char_start"], e["char_end"]) for e in events}
    assert {(r.doc_id, r.char_start, r.char_end) for r in layer.itertuples()} <= by_row


# Hostile figures and dates (issue 14, items 9 and 10): no traceback, the run goes on.


def test_a_count_too_large_for_any_field_does_not_stop_a_build(embedded, tmp_path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "huge.txt").write_text("Rebels killed 99999999999999999999 people in Homs.")
    (reports / "fine.txt").write_text("Rebels killed 4 people in Homs on 3 March 2015.")
    out = tmp_path / "out"
    result = run("build", str(reports), "-o", str(out), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    import csv

    rows = list(csv.DictReader((out / "events.csv").open(encoding="utf-8")))
    by_doc = {r["doc_id"]: r for r in rows}
    assert by_doc["fine"]["fatalities"] == "4"
    assert by_doc["huge"]["fatalities"] in ("", "0")
    assert "dropped" in by_doc["huge"]["extractor_trace"]


@pytest.mark.parametrize("how", ["option", "jsonl"])
def test_a_publication_date_at_the_calendars_start_does_not_crash(embedded, tmp_path, how) -> None:
    text = "On Saturday, rebels attacked Homs. Jets struck Hama yesterday."
    if how == "option":
        result = run("extract", "-", "--format", "jsonl", "--published", "0001-01-01", input=text)
    else:
        jsonl = tmp_path / "early.jsonl"
        jsonl.write_text(json.dumps({"id": "early", "text": text, "published": "0001-01-01"}))
        result = run("extract", str(jsonl), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["event_date"] is None or r["event_date"] >= "0001-01-01" for r in rows)
    assert "off the calendar" in rows[0]["extractor_trace"]


@pytest.mark.parametrize(
    ("lat", "lon", "why"),
    [
        ("999", "36.1", "latitude '999' is not a number from -90 to 90"),
        ("35.5", "-500", "longitude '-500' is not a number from -180 to 180"),
        ("nan", "36.1", "latitude 'nan' is not a number from -90 to 90"),
        ("35.5", "inf", "longitude 'inf' is not a number from -180 to 180"),
        ("north", "36.1", "latitude 'north' is not a number"),
    ],
)
def test_gazetteer_add_refuses_a_place_off_the_globe(
    embedded_dir, tmp_path, lat: str, lon: str, why: str
) -> None:
    """A row no build could place an event at is refused with file:line, and the
    gazetteer is not changed (a later build would fail halfway or crash on it)."""
    import shutil
    import subprocess
    import sys

    store = tmp_path / "store"
    store.mkdir()
    shutil.copy(embedded_dir / "gazetteer.sqlite", store / "gazetteer.sqlite")
    before = (store / "gazetteer.sqlite").read_bytes()

    def row(geonameid: int, name: str, lat: str, lon: str) -> str:
        cols = [str(geonameid), name, name, "", lat, lon, "P", "PPL", "SY", "", "02"]
        return "\t".join([*cols, "", "", "", "120", "", "10", "Asia/Damascus", "2020-01-01"])

    dump = tmp_path / "XX.txt"
    dump.write_text(
        row(90000001, "Good Hamlet", "35.4", "36.0") + "\n" + row(90000002, "Bad", lat, lon) + "\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from conflictgeo.cli import main; main()",
            "gazetteer",
            "add",
            str(dump),
        ],
        env={**os.environ, "CONFLICTGEO_DATA_DIR": str(store)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert f"{dump}:2: bad value ({why})" in done.stderr
    assert "the gazetteer was not changed" in done.stderr and "Traceback" not in done.stderr
    assert (store / "gazetteer.sqlite").read_bytes() == before
