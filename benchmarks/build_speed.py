"""`conflictgeo build` and `extract` against a bare recognition pass (geotext), in one run.

The figures of issue 16. The input is the GeoWebNews + LGL texts (../shared/corpora)
repeated with new ids up to ``--reports`` (default 4,000, about 8 MB) and written as
JSONL; the gazetteer is the embedded layer plus the six Middle East GeoNames files
(built into ``--data-dir`` first when it holds no store, and timed).

Measured, each as a whole command the way a user runs it:
  * geotext over the same texts in this process (recognition only, no resolution,
    no events): reports/s, the reference rate;
  * ``conflictgeo build INPUT -o OUT --format gpkg --workers W``: reports/s, the
    ratio to geotext, peak memory of the process tree, the output's row counts;
  * ``conflictgeo extract INPUT --workers W``: reports/s and the ratio to geotext;
  * start-up: seconds from launch to the first output line for one short report.

geotext is timed between the two commands, so a change in the machine's load shows
in the ratios less than in the rates. Needs the bench extra (``pip install -e '.[bench]'``).

Usage (from the repository root):
    .venv/bin/python benchmarks/build_speed.py --data-dir /tmp/cg-data
    .venv/bin/python benchmarks/build_speed.py --data-dir /tmp/cg-data --reports 100000 --only build
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scale import CLI, ONE, measure, startup
from throughput import DUMPS, corpus_texts


def write_reports(path: Path, n: int) -> list[str]:
    """The corpus texts repeated (new ids) up to ``n`` reports, as JSONL; returns the texts."""
    texts = corpus_texts()
    chosen = [texts[i % len(texts)] for i in range(n)]
    with path.open("w") as out:
        for i, text in enumerate(chosen):
            out.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    return chosen


def geotext_rate(texts: list[str]) -> float:
    """Reports/s of geotext's recognition over ``texts`` (its data loaded before timing)."""
    from geotext import GeoText

    GeoText("warm up: Latakia, Syria")
    start = time.perf_counter()
    for text in texts:
        GeoText(text)
    return len(texts) / (time.perf_counter() - start)


def row_counts(gpkg: Path) -> dict[str, int]:
    with sqlite3.connect(gpkg) as db:
        return {
            name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in ("events", "places", "mentions", "documents")
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="gazetteer store directory")
    parser.add_argument("--reports", type=int, default=4000, help="reports in the input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--only", choices=("build", "extract"), help="time only this command (and geotext)"
    )
    args = parser.parse_args()
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(args.data_dir)}
    if not (args.data_dir / "gazetteer.sqlite").exists():
        start = time.perf_counter()
        subprocess.run(
            [str(CLI), "gazetteer", "add", *map(str, DUMPS)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"gazetteer store (embedded + six dumps): {time.perf_counter() - start:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one.txt"
        one.write_text(ONE)
        print(f"start-up to the first output line: {startup(env, one, 5):.2f} s (median of 5)")
        source = work / "reports.jsonl"
        texts = write_reports(source, args.reports)
        size = source.stat().st_size / 1e6
        print(f"input: {args.reports:,} reports, {size:.1f} MB; --workers {args.workers}")
        workers = ["--workers", str(args.workers), "--no-progress"]
        rates: dict[str, float] = {}
        if args.only != "extract":
            out = work / "out"
            m = measure(["build", str(source), "-o", str(out), "--format", "gpkg", *workers], env)
            rates["build"] = args.reports / m.secs
            counts = ", ".join(f"{k} {v:,}" for k, v in row_counts(out / "events.gpkg").items())
            print(
                f"build --format gpkg: {m.secs:.1f} s, {rates['build']:.0f} reports/s, "
                f"peak {m.peak:.0f} MB (PSS {m.pss:.0f} MB; the command's own process "
                f"{m.parent:.0f} MB); rows: {counts}"
            )
        rates["geotext"] = geotext_rate(texts)
        print(f"geotext (recognition only, one core): {rates['geotext']:.0f} reports/s")
        if args.only != "build":
            m = measure(["extract", str(source), *workers[:2]], env)
            rates["extract"] = args.reports / m.secs
            print(
                f"extract: {m.secs:.1f} s, {rates['extract']:.0f} reports/s, peak {m.peak:.0f} MB "
                f"(PSS {m.pss:.0f} MB), {m.lines:,} events"
            )
        for name in ("build", "extract"):
            if name in rates:
                print(
                    f"{name} / geotext = {rates[name] / rates['geotext']:.3f} "
                    f"(1/{rates['geotext'] / rates[name]:.1f})"
                )


if __name__ == "__main__":
    main()
