"""Bad input on the reading path, through the command line as a user runs it.

Each class of input below once lost data, crashed the run or took the machine's
memory (issue 14). Each case runs ``conflictgeo`` in a subprocess beside a good
report, and checks the message, the exit code, and that the good reports of
the same run are all in the output. Inputs are written by the tests.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pyogrio
import pytest

import conflictgeo as cg
from conflictgeo.errors import InputError
from conflictgeo.ingest import MAX_LINE_BYTES, MAX_REPORT_CHARS

GOOD = (
    "Jets pound Saraqib\n\n"
    "Government warplanes struck Saraqib in Idlib province on 4 March 2015, "
    "killing at least 9 people.\n"
)
SCRIPT = Path(sys.executable).with_name("conflictgeo")


@pytest.fixture
def store(embedded_dir: Path) -> Path:
    return embedded_dir


def conflictgeo(*args: str, store: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(store)}
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )


def build(inputs: Path, out: Path, store: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return conflictgeo(
        "build", str(inputs), "-o", str(out), "--published", "2015-03-06", *extra, store=store
    )


def documents(out: Path) -> set[str]:
    """The ids in the documents layer of ``out/events.gpkg``."""
    return set(pyogrio.read_dataframe(out / "events.gpkg", layer="documents")["id"])


def with_good_report(directory: Path) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "good.txt").write_text(GOOD, encoding="utf-8")
    return directory


def test_csv_quote_left_open_is_reported_and_later_rows_kept(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    (inputs / "rows.csv").write_text(
        "id,text,published\n"
        'a,"Shelling in Homs killed 3 people,2015-03-01\n'
        "b,Clashes in Idlib killed 5 fighters,2015-03-02\n"
        "c,Air strikes hit Douma,2015-03-03\n",
        encoding="utf-8",
    )
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 1, done.stderr
    assert "rows.csv:2: a quote opened in this row is never closed" in done.stderr
    assert "Traceback" not in done.stderr
    assert documents(tmp_path / "out") == {"good", "b", "c"}  # the row after it: read


def test_lone_surrogate_in_a_record_is_read(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    # JSON may escape half a surrogate pair; Python's json reads it as one.
    (inputs / "s.jsonl").write_text(
        '{"id": "s", "title": "Homs \\ud83d", "text": "Shelling hit Homs \\ud83d on 3 March 2015, '
        'killing 4 people."}\n',
        encoding="utf-8",
    )
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 0, done.stderr
    assert documents(tmp_path / "out") == {"good", "s"}
    for command in ("extract", "geoparse"):
        done = conflictgeo(command, str(inputs / "s.jsonl"), store=store)
        assert done.returncode == 0, done.stderr
        assert "Homs" in done.stdout and "Traceback" not in done.stderr


def test_line_and_paragraph_separators_are_escaped_in_json_lines(
    store: Path, tmp_path: Path
) -> None:
    inputs = with_good_report(tmp_path / "in")
    text = "Shelling hit Homs on 3 March 2015,\u2028killing 4 people.\u2029Rebels fled."
    (inputs / "seps.jsonl").write_text(
        json.dumps({"id": "s\u2028x", "title": "Homs\u2029", "text": text}) + "\n",
        encoding="utf-8",
    )
    for command in ("extract", "geoparse"):
        done = conflictgeo(command, str(inputs), "--published", "2015-03-06", store=store)
        assert done.returncode == 0, done.stderr
        assert "\u2028" not in done.stdout and "\u2029" not in done.stdout
        lines = done.stdout.splitlines()  # what split at U+2028 before
        assert {json.loads(line).get("doc_id", json.loads(line).get("id")) for line in lines} == {
            "good",
            "s\u2028x",
        }
    done = build(inputs, tmp_path / "out", store, "--format", "geojsonseq")
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "out" / "events.geojsonl").read_text(encoding="utf-8")
    assert "\u2028" not in data and "\u2029" not in data
    rows = [json.loads(line) for line in data.splitlines()]
    assert {r["properties"]["doc_id"] for r in rows} == {"good", "s\u2028x"}


def _peak_kb(*args: str, store: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run conflictgeo from a fresh Python whose only child it is: its peak memory."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(store)}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return done, int(done.stderr.strip().splitlines()[-1])


def test_long_decompressed_lines_are_skipped_in_flat_memory(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    after = json.dumps({"id": "after", "text": "Rebels shelled Idlib on 3 March 2015."})
    with gzip.open(inputs / "long.jsonl.gz", "wb", compresslevel=1) as handle:
        handle.write(b'{"id": "long", "text": "')  # one line over MAX_LINE_BYTES
        for _ in range(MAX_LINE_BYTES // (1 << 20) + 8):
            handle.write(b"a" * (1 << 20))
        handle.write(b'"}\n' + after.encode() + b"\n")
    with gzip.open(inputs / "bomb.jsonl.gz", "wb", compresslevel=1) as handle:
        for _ in range(100):  # 100 MB of one byte from a file of some 400 KB
            handle.write(b"a" * (1 << 20))
    out = tmp_path / "out"
    done, peak_kb = _peak_kb(
        "build", str(inputs), "-o", str(out), "--published", "2015-03-06", store=store
    )
    assert done.returncode == 1, done.stderr
    assert "long.jsonl.gz:1: line is over" in done.stderr
    assert "bomb.jsonl.gz: decompresses to over 100 times its size" in done.stderr
    assert documents(out) == {"good", "after"}
    assert peak_kb < 600_000, f"peak {peak_kb} KB"


def test_long_unpunctuated_reports_take_time_in_proportion(store: Path, tmp_path: Path) -> None:
    # 400,000 characters on one line: no sentence end, one run of capitalised
    # words. Quadratic stages took minutes on this; linear ones, seconds.
    inputs = with_good_report(tmp_path / "in")
    words = "Government Forces Shelled Homs And Aleppo Killing Many People "
    line = (words * (400_000 // len(words)))[:400_000]
    (inputs / "long.jsonl").write_text(json.dumps({"id": "long", "text": line}) + "\n")
    done = conflictgeo("geoparse", str(inputs), "--workers", "1", store=store, timeout=120)
    assert done.returncode == 0, done.stderr
    records = {json.loads(r)["id"]: json.loads(r) for r in done.stdout.splitlines()}
    assert set(records) == {"good", "long"}
    assert len(records["long"]["mentions"]) > 10_000
    assert "processed in" in done.stderr and "parts" in done.stderr  # said so


def test_a_report_over_the_limit_is_refused(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    huge = "Shelling hit Homs. " * (MAX_REPORT_CHARS // 19 + 1)
    (inputs / "huge.jsonl").write_text(json.dumps({"id": "huge", "text": huge}) + "\n")
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 1, done.stderr
    assert f"huge.jsonl:1: record text is {len(huge):,} characters long" in done.stderr
    assert documents(tmp_path / "out") == {"good"}


def test_process_refuses_a_text_over_the_limit(embedded_gazetteer) -> None:
    with pytest.raises(InputError, match="split it into several reports"):
        cg.process("x" * (MAX_REPORT_CHARS + 1), gazetteer=embedded_gazetteer)


def test_utf16_without_a_byte_order_mark_is_text(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    (inputs / "wide.txt").write_bytes(GOOD.replace("Saraqib", "Ariha").encode("utf-16-le"))
    (inputs / "wide-be.jsonl").write_bytes(
        (json.dumps({"id": "be", "text": "Rebels shelled Idlib."}) + "\n").encode("utf-16-be")
    )
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 0, done.stderr
    assert "binary" not in done.stderr
    assert documents(tmp_path / "out") == {"good", "wide", "be"}


def test_unreadable_published_date_is_a_warning_not_a_skip(store: Path, tmp_path: Path) -> None:
    inputs = with_good_report(tmp_path / "in")
    (inputs / "dated.jsonl").write_text(
        json.dumps({"id": "d", "published": "the day after", "text": "Rebels shelled Idlib."})
        + "\n",
        encoding="utf-8",
    )
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 1, done.stderr
    assert "warning dated.jsonl:1: cannot read published date 'the day after'" in " ".join(
        done.stderr.split()
    ).replace(str(inputs) + "/", "")
    assert "skipped" not in done.stderr
    assert "1 warning(s); the rest was processed" in done.stderr
    assert documents(tmp_path / "out") == {"good", "d"}  # processed, with the default date


def test_nothing_readable_exits_2(store: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "bad.jsonl").write_text("not json\n")
    done = build(inputs, tmp_path / "out", store)
    assert done.returncode == 2, done.stderr
    assert "no report could be read" in done.stderr
    for command in ("extract", "geoparse"):
        done = conflictgeo(command, str(inputs), store=store)
        assert done.returncode == 2, done.stderr
        assert "no report could be read" in done.stderr


def test_gazetteer_zip_without_a_dump_is_an_error(store: Path, tmp_path: Path) -> None:
    # `gazetteer add` changes the store: work on a copy of it.
    copy = tmp_path / "store"
    copy.mkdir()
    for item in store.iterdir():
        if item.is_file():
            (copy / item.name).write_bytes(item.read_bytes())
    empty = tmp_path / "SY.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("notes.csv", "a,b\n")
    done = conflictgeo("gazetteer", "add", str(empty), store=copy)
    assert done.returncode == 2, done.stderr
    assert "holds no GeoNames .txt file (found notes.csv)" in done.stderr
    long = tmp_path / "IQ.zip"
    with (
        zipfile.ZipFile(long, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("IQ.txt", "w") as member,
    ):
        for _ in range(8):  # one line of 8 MB
            member.write(b"x" * (1 << 20))
    done = conflictgeo("gazetteer", "add", str(long), store=copy)
    assert done.returncode == 2, done.stderr
    assert "IQ.txt:1: line longer than 1,048,576 characters" in done.stderr
