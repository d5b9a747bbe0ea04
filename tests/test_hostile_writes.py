"""Hostile and careless input on the writing side (formulas, markup, output paths).

Each case runs the command line in a real process, with good reports in the same
run, and checks three things: the message (no traceback, the bad input named),
the exit code, and that every good report is in the output. The reports are
written here, in our own words.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

GOOD = [
    {
        "id": "good-1",
        "published": "2013-08-14",
        "text": "Government aircraft bombed the town of Saraqib in Idlib province on "
        "Monday, killing four people, a monitoring group said.",
    },
    {
        "id": "good-2",
        "published": "2013-08-14",
        "text": "Rebels and army troops clashed near Aleppo airport on Tuesday; six "
        "fighters were killed.",
    },
]


def _cli(*args: str, data_dir: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(data_dir)}
    root = Path(__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-c", "from conflictgeo.cli import main; main()", *args],
        env={**env, "PYTHONPATH": str(root)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _documents(out: Path) -> set[str]:
    frame = pyogrio.read_dataframe(out / "events.gpkg", layer="documents", read_geometry=False)
    return set(frame["id"])


# -- CSV formula injection -------------------------------------------------------------------


def test_formulas_in_report_fields_reach_the_csv_as_text(
    tmp_path: Path, embedded_dir: Path
) -> None:
    hostile = {
        "id": '=HYPERLINK("http://evil.example","open")',
        "published": "2013-08-14",
        "source": "+cmd|' /C calc'!A0",
        "url": "@SUM(1+1)*cmd|' /C calc'!A0",
        "text": "Gunmen attacked a checkpoint in Homs on Monday, killing three soldiers.",
    }
    reports = _jsonl(tmp_path / "r.jsonl", [*GOOD, hostile])
    done = _cli("build", str(reports), "-o", str(tmp_path / "out"), data_dir=embedded_dir)
    assert done.returncode == 0, done.stderr
    assert _documents(tmp_path / "out") == {"good-1", "good-2", hostile["id"]}
    events = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str, keep_default_na=False)
    cells = [c for column in ("doc_id", "source", "url", "sources") for c in events[column]]
    assert "'" + hostile["id"] in cells and "'" + hostile["source"] in cells
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"]  # nothing a spreadsheet would run
    longitudes = [float(v) for v in events["longitude"] if v]
    assert longitudes and all(30 < v < 40 for v in longitudes)  # numbers stay numbers
    # the GeoPackage keeps the text as it was; --csv-raw writes it so in the CSV too
    raw = _cli(
        "build", str(reports), "-o", str(tmp_path / "raw"), "--csv-raw", data_dir=embedded_dir
    )
    assert raw.returncode == 0, raw.stderr
    assert (
        hostile["id"] in pd.read_csv(tmp_path / "raw" / "events.csv", dtype=str)["doc_id"].tolist()
    )


# -- rich markup in what the messages quote --------------------------------------------------


def test_markup_in_a_published_date_is_quoted_not_parsed(
    tmp_path: Path, embedded_dir: Path
) -> None:
    bad = {"id": "bad-date", "published": "[/]", "text": "Shelling hit Daraa on Monday."}
    reports = _jsonl(tmp_path / "r.jsonl", [GOOD[0], bad, GOOD[1]])
    done = _cli("build", str(reports), "-o", str(tmp_path / "out"), data_dir=embedded_dir)
    assert "MarkupError" not in done.stderr and "Traceback" not in done.stderr
    assert "[/]" in done.stderr  # the value the user gave, as given
    assert {"good-1", "good-2"} <= _documents(tmp_path / "out")
    assert done.returncode in (0, 1)


@pytest.mark.parametrize("name", ["[draft] homs.txt", "[bold red]x[.txt", ":warning: [b].txt"])
def test_file_names_with_brackets_are_named_as_they_are(
    tmp_path: Path, embedded_dir: Path, name: str
) -> None:
    folder = tmp_path / "box [" / "i] in"  # a path that holds "[/i]"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(b"\x00\x01\x02 not a report \xff\xfe" * 50)  # skipped: binary
    good = _jsonl(folder / "good.jsonl", GOOD)
    done = _cli("build", str(folder), "-o", str(tmp_path / "out"), data_dir=embedded_dir)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "MarkupError" not in done.stderr
    assert str(folder / name) in done.stderr  # "[draft] homs.txt", not " homs.txt"
    assert _documents(tmp_path / "out") == {"good-1", "good-2"}
    assert good.exists()


def test_markup_in_an_output_path(tmp_path: Path, embedded_dir: Path) -> None:
    out = tmp_path / "[/] out [red]"
    reports = _jsonl(tmp_path / "r.jsonl", GOOD)
    done = _cli("build", str(reports), "-o", str(out), data_dir=embedded_dir)
    assert done.returncode == 0, done.stderr
    assert f"-> {out}" in done.stderr
    assert _documents(out) == {"good-1", "good-2"}


# -- where the outputs go --------------------------------------------------------------------


def test_an_output_directory_that_is_a_file(tmp_path: Path, embedded_dir: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("my notes\n", encoding="utf-8")
    done = _cli(
        "build", str(_jsonl(tmp_path / "r.jsonl", GOOD)), "-o", str(target), data_dir=embedded_dir
    )
    assert done.returncode == 2
    assert (
        "it is a file, not a directory" in done.stderr and "file exists" not in done.stderr.lower()
    )
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    inside = _cli(
        "build", str(tmp_path / "r.jsonl"), "-o", str(target / "sub"), data_dir=embedded_dir
    )
    assert inside.returncode == 2 and f"{target} is a file, not a directory" in inside.stderr
