"""Tests of conflictgeo.store: incremental, idempotent, atomic builds into a GeoPackage."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import geopandas
import pandas as pd
import pyogrio
import pytest
from typer.testing import CliRunner

from conflictgeo import __version__ as cg_version
from conflictgeo.cli import app
from conflictgeo.errors import OutputError
from conflictgeo.export import GeoPackageWriter, dataset_metadata
from conflictgeo.layers import LAYER_NAMES, build_layers
from conflictgeo.model import Document, DocumentResult, Mention
from conflictgeo.store import (
    GeoPackageStore,
    event_from_record,
    merge_layers,
    open_store,
)
from tests.test_export import LATAKIA, _event, _results

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
AT = "2024-03-07T00:00:00Z"


def _stored(tmp_path: Path, results: list[DocumentResult]) -> GeoPackageStore:
    path = tmp_path / "events.gpkg"
    GeoPackageWriter().write(build_layers(results, ingested_at=AT), path)
    return GeoPackageStore(path).open()


def _a_second_report_of_ev1() -> DocumentResult:
    """Another agency reporting ev-1 (same kind, day, place and actor), with a lower toll."""
    text = "Clashes in Latakia on Monday killed two."
    doc = Document("d3", text, source="AFP", published=dt.date(2024, 3, 5), content_hash="h3")
    event = _event("ev-9", doc, "Clashes in Latakia", LATAKIA, day=dt.date(2024, 3, 4))
    cas = dataclasses.replace(event.casualties, fatalities=2, low=2, best=2, high=2)
    event = dataclasses.replace(event, casualties=cas, sources=("d3",))
    return DocumentResult(doc, (Mention(11, 18, "Latakia", LATAKIA, 0.9),), (event,))


def test_event_from_record_keeps_why_it_was_merged() -> None:
    merged = merge_layers(None, [*_results(), _a_second_report_of_ev1()])[0]["events"]
    row = merged.drop(columns="geometry").set_index("event_id").loc["ev-1"].to_dict()
    event = event_from_record({"event_id": "ev-1", **row})
    assert len(event.merged_because) == 1
    assert event.merged_because[0].startswith("ev-9 from d3: same kind")
    assert event.record()["merged_because"] == row["merged_because"]


def test_event_from_record_inverts_record(tmp_path: Path) -> None:
    store = _stored(tmp_path, _results())
    assert store.layers is not None
    rows = store.layers["events"].drop(columns="geometry").to_dict("records")
    for row, event in zip(rows, build_layers(_results())["events"].itertuples(), strict=True):
        again = event_from_record(row).record()
        assert again["event_id"] == event.event_id
        expected = {
            k: (None if pd.isna(v) else v)
            for k, v in build_layers(_results())["events"]
            .set_index("event_id")
            .loc[event.event_id]
            .items()
            if k != "geometry"
        }
        got = {k: v for k, v in again.items() if k != "event_id"}
        assert got == pytest.approx(expected), event.event_id
    store.close()


def test_merge_folds_a_duplicate_into_the_stored_event(tmp_path: Path) -> None:
    store = _stored(tmp_path, _results())
    layers, merged = merge_layers(store.layers, [_a_second_report_of_ev1()], ingested_at=AT)
    store.close()
    assert merged == 1
    events = layers["events"].set_index("event_id")
    assert list(events.index) == ["ev-1", "ev-2", "ev-3"]  # stored order and ids kept
    assert events.loc["ev-1", "sources"] == "d1;d3"
    assert events.loc["ev-1", "fatalities"] == 2  # the lower toll, as ACLED does
    assert layers["documents"]["id"].tolist() == ["d1", "d2", "d3"]
    assert len(layers["mentions"]) == 4
    places = layers["places"].set_index("geonameid")
    assert places.loc[LATAKIA.geonameid, "mention_count"] == 2
    assert places.loc[LATAKIA.geonameid, "event_count"] == 1  # still one event there


def test_merge_into_nothing_is_a_plain_build() -> None:
    layers, merged = merge_layers(None, _results(), ingested_at=AT)
    plain = build_layers(_results(), ingested_at=AT)
    assert merged == 0
    for name in LAYER_NAMES:
        pd.testing.assert_frame_equal(layers[name], plain[name], check_dtype=False)


def test_content_hashes(tmp_path: Path) -> None:
    results = [
        DocumentResult(dataclasses.replace(r.document, content_hash=f"h{i}"), r.mentions, r.events)
        for i, r in enumerate(_results())
    ]
    with _stored(tmp_path, results) as store:
        assert store.content_hashes() == {"h0", "h1"}
    assert GeoPackageStore(tmp_path / "new.gpkg").open().content_hashes() == set()


def test_not_ours_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "roads.gpkg"
    frame = geopandas.GeoDataFrame({"name": ["A1"]}, geometry=[None], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer="roads")
    before = path.read_bytes()
    with pytest.raises(OutputError, match=r"is not a conflictgeo geodatabase .*no events"):
        GeoPackageStore(path).open()
    text = tmp_path / "notes.gpkg"
    text.write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputError, match="not an SQLite/GeoPackage file"):
        GeoPackageStore(text).open()
    assert path.read_bytes() == before and text.read_text(encoding="utf-8") == "my notes"


def test_locked_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("conflictgeo.store.geopackage.LOCK_TIMEOUT", 0.2)
    store = _stored(tmp_path, _results())
    store.close()
    editor = sqlite3.connect(store.path, isolation_level=None)  # e.g. QGIS in an edit session
    editor.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OutputError, match="locked by another program"):
            GeoPackageStore(store.path).open()
    finally:
        editor.close()
    GeoPackageStore(store.path).open().close()  # free again


def test_open_store_choices(tmp_path: Path) -> None:
    assert GeoPackageStore(tmp_path / "events.gpkg").path == tmp_path / "events.gpkg"
    assert open_store(tmp_path).location == str(tmp_path / "events.gpkg")
    assert open_store(into=tmp_path / "x.gpkg").location == str(tmp_path / "x.gpkg")
    with pytest.raises(OutputError, match="only a GeoPackage"):
        open_store(into=tmp_path / "x.csv")
    with pytest.raises(OutputError, match="nowhere to build"):
        open_store()


def test_dataset_metadata() -> None:
    info = {"version": "abc", "places": 3, "sources": [{"name": "SY.zip", "rows": 3}]}
    metadata = dataset_metadata(info, built_at="2024-03-07T00:00:00+00:00")
    assert metadata["gazetteer_version"] == "abc"
    assert '"name": "SY.zip"' in metadata["gazetteer_sources"]
    assert metadata["built_at"] == "2024-03-07T00:00:00+00:00"
    assert metadata["conflictgeo_version"]


# -- through the CLI, on the bundled samples -------------------------------------------------


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", *args, "--published", "2013-08-14"])
    return result.exit_code, result.output


def _events(path: Path) -> pd.DataFrame:
    frame = pyogrio.read_dataframe(path, layer="events").drop(columns="geometry")
    return frame.sort_values("event_id").reset_index(drop=True)


def test_append_in_two_steps_equals_one_build(
    tmp_path: Path, embedded_dir: Path, use_data_dir
) -> None:
    use_data_dir(embedded_dir)
    texts = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    jsonl = str(SAMPLES / "more-reports.jsonl")
    code, _ = _cli(*texts, jsonl, "--into", str(tmp_path / "once.gpkg"))
    assert code == 0
    code, _ = _cli(*texts, "--into", str(tmp_path / "twice.gpkg"))
    assert code == 0
    code, output = _cli(jsonl, *texts, "--into", str(tmp_path / "twice.gpkg"))
    assert code == 0, output
    assert f"{len(texts)} report(s) already stored, skipped" in output
    pd.testing.assert_frame_equal(_events(tmp_path / "once.gpkg"), _events(tmp_path / "twice.gpkg"))
    for name in ("places", "mentions", "documents"):
        once = pyogrio.read_info(tmp_path / "once.gpkg", layer=name)["features"]
        assert pyogrio.read_info(tmp_path / "twice.gpkg", layer=name)["features"] == once, name


def test_same_input_twice_changes_nothing(tmp_path: Path, embedded_dir: Path, use_data_dir) -> None:
    use_data_dir(embedded_dir)
    out = tmp_path / "out"
    code, _ = _cli(str(SAMPLES), "-o", str(out), "--append")
    assert code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, output = _cli(str(SAMPLES), "-o", str(out), "--append")
    assert code == 0, output
    assert "nothing new: the store is unchanged" in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    documents = pyogrio.read_dataframe(out / "events.gpkg", layer="documents")
    assert documents["content_hash"].is_unique


def test_append_refuses_a_file_not_ours(tmp_path: Path, embedded_dir: Path, use_data_dir) -> None:
    use_data_dir(embedded_dir)
    path = tmp_path / "events.gpkg"
    path.write_text("not a database", encoding="utf-8")
    code, output = _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "--into", str(path))
    assert code == 2
    assert "not a conflictgeo geodatabase" in output and "Traceback" not in output
    assert path.read_text(encoding="utf-8") == "not a database"


# -- killing a build mid-write ---------------------------------------------------------------


def _many_reports(path: Path, n: int) -> Path:
    """``n`` distinct reports (the samples with a numbered line), enough rows to write a while."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    lines = [
        pd.Series({"id": f"r{i}", "text": f"{texts[i % len(texts)]}\n\nReport {i}."}).to_json()
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_build_leaves_previous_database_intact(
    tmp_path: Path, embedded_dir: Path, use_data_dir, sig: signal.Signals
) -> None:
    use_data_dir(embedded_dir)
    db = tmp_path / "db" / "events.gpkg"
    code, _ = _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "--into", str(db))
    assert code == 0
    before = db.read_bytes()
    reports = _many_reports(tmp_path / "many.jsonl", 80)
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(embedded_dir)}
    command = [
        sys.executable,
        "-c",
        "from conflictgeo.cli import main; main()",
        "build",
        str(reports),
        "--into",
        str(db),
        "--published",
        "2013-08-14",
    ]
    for _attempt in range(5):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        caught = False
        while process.poll() is None:
            if any(p.name.endswith(".tmp.gpkg") for p in db.parent.iterdir()):
                process.send_signal(sig)  # the new database is being written right now
                caught = True
                break
            time.sleep(0.002)
        _, stderr = process.communicate(timeout=60)
        if caught:
            break
        db.write_bytes(before)  # it finished before we caught it; try again
    assert caught, "the build never got caught mid-write"
    assert db.read_bytes() == before  # the previous database, byte for byte
    assert pyogrio.read_info(db, layer="documents")["features"] == 1
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert "interrupted: nothing half-written" in stderr and "Traceback" not in stderr
        assert sorted(p.name for p in db.parent.iterdir()) == ["events.gpkg"]  # cleaned up
    else:
        assert process.returncode == -signal.SIGKILL
    # and the next build goes through
    code, output = _cli(str(reports), "--into", str(db))
    assert code == 0, output
    assert pyogrio.read_info(db, layer="documents")["features"] == 81
    assert sorted(p.name for p in db.parent.iterdir()) == ["events.gpkg"]  # leftovers gone


# -- faults, as the user meets them ----------------------------------------------------------


def test_cli_locked_database(
    tmp_path: Path, embedded_dir: Path, use_data_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_data_dir(embedded_dir)
    monkeypatch.setattr("conflictgeo.store.geopackage.LOCK_TIMEOUT", 0.2)
    db = tmp_path / "events.gpkg"
    assert _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "--into", str(db))[0] == 0
    before = db.read_bytes()
    editor = sqlite3.connect(db, isolation_level=None)
    editor.execute("BEGIN IMMEDIATE")
    try:
        code, output = _cli(str(SAMPLES / "taiz-houthi-clashes.txt"), "--into", str(db))
    finally:
        editor.close()
    assert code == 2
    assert "locked by another program" in output and "Traceback" not in output
    assert db.read_bytes() == before


def test_cli_read_only_directory(
    tmp_path: Path, embedded_dir: Path, use_data_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so the file system's answer is simulated at the
    # one call that publishes a write.
    use_data_dir(embedded_dir)
    out = tmp_path / "out"
    assert _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "-o", str(out), "--append")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    code, output = _cli(str(SAMPLES / "taiz-houthi-clashes.txt"), "-o", str(out), "--append")
    assert code == 2
    assert "read-only file system" in output and "Traceback" not in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_built_geopackage_metadata(tmp_path: Path, embedded_dir: Path, use_data_dir) -> None:
    use_data_dir(embedded_dir)
    db = tmp_path / "events.gpkg"
    assert _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "--into", str(db))[0] == 0
    metadata = pyogrio.read_info(db, layer="events")["dataset_metadata"]
    assert metadata["conflictgeo_version"] == cg_version
    assert dt.datetime.fromisoformat(metadata["built_at"]).tzinfo is not None
    sources = json.loads(metadata["gazetteer_sources"])
    assert [s["name"] for s in sources] == ["embedded"]
    assert sources[0]["checksum"]
    assert int(metadata["gazetteer_places"]) > 100_000


# -- two builds at once ----------------------------------------------------------------------


def _build_process(
    reports: Path, target: list[str], data_dir: Path, *extra: str
) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-c",
        "from conflictgeo.cli import main; main()",
        "build",
        str(reports),
        *target,
        "--published",
        "2013-08-14",
        "--workers",
        "1",
        *extra,
    ]
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _distinct_reports(path: Path, n: int, tag: str) -> Path:
    """``n`` reports whose texts differ from every other set's (a tagged last line)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    lines = [
        json.dumps({"id": f"{tag}{i}", "text": f"{texts[i % len(texts)]}\n\nReport {tag} {i}."})
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("existing", [False, True], ids=["new store", "existing store"])
@pytest.mark.parametrize("how", ["into", "append"])
def test_two_builds_at_once_lose_no_report(
    tmp_path: Path, embedded_dir: Path, existing: bool, how: str
) -> None:
    """Two real processes add to one store at the same time: both runs' reports are kept
    (the second waits for the first's lock), whether or not the store existed."""
    n = 120
    first = _distinct_reports(tmp_path / "a.jsonl", n, "a")
    second = _distinct_reports(tmp_path / "b.jsonl", n, "b")
    out = tmp_path / "out"
    db = out / "events.gpkg"
    target = ["--into", str(db)] if how == "into" else ["-o", str(out), "--append"]
    stored = 0
    if existing:
        seed = _distinct_reports(tmp_path / "seed.jsonl", 3, "s")
        assert _build_process(seed, target, embedded_dir).wait(120) == 0
        stored = 3
    runs = [
        _build_process(first, target, embedded_dir),
        _build_process(second, target, embedded_dir),
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert pyogrio.read_info(db, layer="documents")["features"] == 2 * n + stored
    documents = pyogrio.read_dataframe(db, layer="documents", read_geometry=False)
    assert documents["content_hash"].is_unique
    assert {d[0] for d in documents["id"]} == ({"a", "b", "s"} if existing else {"a", "b"})
    waited = [err for _, err in outputs if "waiting for it to finish" in err]
    assert len(waited) <= 1 and "Traceback" not in "".join(err for _, err in outputs)
    assert not (out / ".conflictgeo.lock").exists()  # a finished build removes its lock file
    if how == "append":  # the other formats are those of the final store
        events = pyogrio.read_info(db, layer="events")["features"]
        assert len(json.loads((out / "events.geojson").read_text())["features"]) == events


def test_a_build_waits_for_the_lock_then_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the directory's lock: a store does not open, and says why."""
    from conflictgeo.errors import OutputLocked
    from conflictgeo.export import lock

    store = _stored(tmp_path, _results())
    store.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(tmp_path / ".conflictgeo.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(lock, "WAIT", 0.3)
        with pytest.raises(OutputLocked, match=r"another conflictgeo build .*nothing was changed"):
            GeoPackageStore(store.path).open()
    finally:
        holder.kill()
        holder.wait()
    GeoPackageStore(store.path).open().close()  # the holder is gone: its lock went with it


def test_a_killed_holder_leaves_no_lock(tmp_path: Path) -> None:
    """The lock file of a build killed with SIGKILL is taken over, not waited for."""
    from conflictgeo.export.lock import OutputLock, lock_path

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from conflictgeo.export.lock import OutputLock; "
            "held = OutputLock(sys.argv[1], what='x', wait=None).acquire(); "
            "print('locked', flush=True); import time; time.sleep(60)",
            str(lock_path(tmp_path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    assert "pid" in lock_path(tmp_path).read_text(errors="replace")  # who holds it
    holder.kill()
    holder.wait()
    assert lock_path(tmp_path).exists()  # left behind by the killed build, not locked
    with OutputLock(lock_path(tmp_path), what=str(tmp_path), wait=1.0):
        pass
    assert not lock_path(tmp_path).exists()


# -- killed while one of several formats is written ------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_while_the_geojson_is_written_leaves_every_output_as_it_was(
    tmp_path: Path, embedded_dir: Path, sig: signal.Signals
) -> None:
    """The GeoPackage is complete when the GeoJSON is being written: it is not moved in
    before the GeoJSON and the CSV are complete too, so a kill then changes nothing."""
    out = tmp_path / "out"
    seed = _distinct_reports(tmp_path / "seed.jsonl", 2, "s")
    assert _build_process(seed, ["-o", str(out)], embedded_dir).wait(120) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    reports = _distinct_reports(tmp_path / "many.jsonl", 200, "m")
    for _attempt in range(5):
        process = _build_process(reports, ["-o", str(out)], embedded_dir)
        caught = False
        while process.poll() is None:
            if any(p.name.endswith(".tmp.geojson") for p in out.iterdir()):
                process.send_signal(sig)  # the GeoJSON is being written right now
                caught = True
                break
            time.sleep(0.002)
        _, stderr = process.communicate(timeout=120)
        if caught and process.returncode != 0:
            break
        for name, data in before.items():  # it finished first: put the old files back
            (out / name).write_bytes(data)
    assert caught, "the build never got caught writing the GeoJSON"
    # the old GeoPackage, GeoJSON and CSV, byte for byte: no mix of two builds
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name in before} == before
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert "no output was written or changed" in stderr and "Traceback" not in stderr
        assert sorted(p.name for p in out.iterdir()) == sorted(before)  # temporaries removed
    else:
        assert process.returncode == -signal.SIGKILL
    assert _build_process(reports, ["-o", str(out)], embedded_dir).wait(300) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # leftovers gone
    assert pyogrio.read_info(out / "events.gpkg", layer="documents")["features"] == 200


def test_a_foreign_file_among_the_outputs_stops_the_build_before_any_work(
    tmp_path: Path, embedded_dir: Path
) -> None:
    out = tmp_path / "out"
    seed = _distinct_reports(tmp_path / "seed.jsonl", 2, "s")
    assert _build_process(seed, ["-o", str(out)], embedded_dir).wait(120) == 0
    theirs = geopandas.GeoDataFrame(
        {"event_id": ["x1"], "name": ["mine"]},
        geometry=geopandas.points_from_xy([36.0], [35.0]),
        crs="EPSG:4326",
    )
    (out / "events.geojson").unlink()
    theirs.to_file(out / "events.geojson", layer="events", driver="GeoJSON")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    process = _build_process(
        _distinct_reports(tmp_path / "n.jsonl", 3, "n"), ["-o", str(out)], embedded_dir
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert (
        "events.geojson has the layout of a conflictgeo geojson output but not the mark" in stderr
    )
    assert "nothing was changed" in stderr and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the GeoPackage too
    assert "processing" not in stderr  # refused before a report was read


# -- a store written by an earlier release ---------------------------------------------------

# The events fields of the release before the ACLED taxonomy and the extractor's trace
# (commit dffa4c8): ``notes`` held the trace then.
NEW_EVENT_FIELDS = (
    "disorder_type",
    "assoc_actor_1",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "extractor_trace",
)


def _earlier_release_layers(results: list[DocumentResult]) -> dict[str, geopandas.GeoDataFrame]:
    layers = build_layers(results, ingested_at=AT)
    events = layers["events"].assign(notes=layers["events"]["extractor_trace"])
    layers["events"] = events.drop(columns=list(NEW_EVENT_FIELDS))
    return layers


def test_a_store_of_an_earlier_release_is_read_and_upgraded(
    tmp_path: Path, embedded_dir: Path, use_data_dir, caplog: pytest.LogCaptureFixture
) -> None:
    use_data_dir(embedded_dir)
    old = _earlier_release_layers(
        [
            DocumentResult(
                dataclasses.replace(r.document, content_hash=f"h{i}"),
                r.mentions,
                tuple(
                    dataclasses.replace(e, kind="armed_clash", notes=f"trace {e.event_id}")
                    for e in r.events
                ),
            )
            for i, r in enumerate(_results())
        ]
    )
    db = tmp_path / "events.gpkg"
    GeoPackageWriter().write(old, db, metadata={"conflictgeo_version": "0.1.0"})
    assert "disorder_type" not in pyogrio.read_info(db, layer="events")["fields"]
    with caplog.at_level("WARNING"):
        store = GeoPackageStore(db).open()
    assert "written by an earlier release" in caplog.text and "disorder_type" in caplog.text
    store.close()
    code, output = _cli(str(SAMPLES / "tal-afar-car-bomb.txt"), "--into", str(db))
    assert code == 0, output
    events = pyogrio.read_dataframe(db, layer="events", read_geometry=False)
    assert set(NEW_EVENT_FIELDS) <= set(events.columns)  # the new layout
    stored = events.set_index("event_id").loc[["ev-1", "ev-2", "ev-3"]]
    assert stored["extractor_trace"].tolist() == ["trace ev-1", "trace ev-2", "trace ev-3"]
    assert stored["disorder_type"].tolist() == ["Political violence"] * 3  # from the kind
    assert len(events) > 3  # and the new report's events
    assert pyogrio.read_info(db, layer="documents")["features"] == 3


def test_a_store_with_a_field_or_layer_we_do_not_write_is_refused(tmp_path: Path) -> None:
    layers = build_layers(_results(), ingested_at=AT)
    db = tmp_path / "events.gpkg"
    verified = {**layers, "events": layers["events"].assign(verified=[True, False, True])}
    GeoPackageWriter().write(verified, db)
    with pytest.raises(OutputError, match=r"fields this release .* \(verified\).*would drop"):
        GeoPackageStore(db).open()
    db2 = tmp_path / "two.gpkg"
    GeoPackageWriter().write(layers, db2)
    roads = geopandas.GeoDataFrame({"name": ["M5"]}, geometry=[None], crs="EPSG:4326")
    pyogrio.write_dataframe(roads, db2, layer="roads", append=False)
    with pytest.raises(OutputError, match=r"tables conflictgeo does not write \(roads\)"):
        GeoPackageStore(db2).open()


def test_a_geopackage_without_our_mark_is_not_added_to(tmp_path: Path) -> None:
    """An events layer with event_id (and all four layers) is not enough: the mark is."""
    layers = build_layers(_results(), ingested_at=AT)
    db = tmp_path / "events.gpkg"
    for name in LAYER_NAMES:
        pyogrio.write_dataframe(layers[name], db, layer=name)
    before = db.read_bytes()
    with pytest.raises(OutputError, match="no conflictgeo_version in its metadata"):
        GeoPackageStore(db).open()
    assert db.read_bytes() == before


def test_two_plain_builds_into_one_folder_leave_one_builds_outputs(
    tmp_path: Path, embedded_dir: Path
) -> None:
    """Without a store, the last build wins, but wholly: its GeoPackage, GeoJSON and CSV
    together, never one build's GeoPackage beside the other's GeoJSON."""
    out = tmp_path / "out"
    first = _distinct_reports(tmp_path / "a.jsonl", 60, "a")
    second = _distinct_reports(tmp_path / "b.jsonl", 90, "b")
    runs = [_build_process(r, ["-o", str(out)], embedded_dir) for r in (first, second)]
    assert [run.wait(600) for run in runs] == [0, 0]
    documents = pyogrio.read_dataframe(out / "events.gpkg", layer="documents", read_geometry=False)
    tags = {d[0] for d in documents["id"]}
    assert tags in ({"a"}, {"b"})
    events = pyogrio.read_dataframe(out / "events.gpkg", layer="events", read_geometry=False)
    geojson = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    csv = pd.read_csv(out / "events.csv", dtype=str)
    assert sorted(f["id"] for f in geojson) == sorted(events["event_id"]) == sorted(csv["event_id"])
