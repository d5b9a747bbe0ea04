"""`conflictgeo extract` end to end: documents/s by workers, start-up, memory as input grows.

Runs the installed CLI as a user would, on the texts of the gold corpora in
../shared/corpora written as JSONL (788 reports; ``--copies`` repeats them with
new ids), against a gazetteer store that already holds the embedded layer and
the six Middle East files (built first if ``--data-dir`` has none).

  * throughput: wall-clock documents/s for ``--workers 1`` and ``--workers 2``
    (start-up included), and the scaling between them;
  * CPU seconds of the whole process tree, which a busy shared machine does not
    inflate the way it inflates wall time: documents per CPU-second is what one
    free core would do;
  * start-up: seconds from launch to the first output line for one small report;
  * memory: peak resident memory of the whole process tree (CLI, fork server,
    workers), sampled every 20 ms, for 1x and 10x the input.

Usage (from the repository root):
    .venv/bin/python benchmarks/scale.py --data-dir /tmp/cg-data
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from throughput import DUMPS, corpus_texts

CLI = Path(sys.executable).with_name("conflictgeo")
ONE = "Syrian jets struck Saraqib in Idlib province on Monday, killing 9 people.\n"


def write_corpus(path: Path, copies: int) -> int:
    texts = corpus_texts()
    with path.open("w") as out:
        for n in range(copies):
            for i, text in enumerate(texts):
                out.write(json.dumps({"id": f"{n}-{i}", "text": text}) + "\n")
    return copies * len(texts)


@dataclass
class Measured:
    """One command's run: wall and CPU seconds, memory peaks (MB), output lines."""

    secs: float
    peak: float  # the sum of the tree's resident memory (shared pages counted in each)
    pss: float  # the sum of its proportional set sizes (shared pages split): what it uses
    parent: float  # resident memory of the command's own process
    lines: int
    cpu: float


def measure(args: list[str], env: dict[str, str]) -> Measured:
    """Run the CLI with ``args``; memory sampled every 20 ms (PSS every 0.5 s, it is slow)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(CLI), *args], stdout=out, stderr=subprocess.PIPE, env=env)
        peak = pss = parent = 0
        cpu: dict[int, float] = {}  # last CPU time seen per process of the tree
        top = psutil.Process(proc.pid)
        sampled = 0.0
        while proc.poll() is None:
            try:
                tree = [top, *top.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
                peak, parent = max(peak, sum(rss)), max(parent, rss[0])
                if time.perf_counter() - sampled > 0.5:
                    sampled = time.perf_counter()
                    pss = max(pss, sum(p.memory_full_info().pss for p in tree))
                for p in tree:
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err}")
        out.seek(0)
        lines = sum(1 for _ in out)
    mb = 2**20
    return Measured(elapsed, peak / mb, pss / mb, parent / mb, lines, sum(cpu.values()))


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak MB of the process tree, output lines, CPU seconds of the tree."""
    m = measure(args, env)
    return m.secs, m.peak, m.lines, m.cpu


def startup(env: dict[str, str], report: Path, runs: int) -> float:
    """Median seconds from launch to the first line on stdout."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(CLI), "extract", str(report)], stdout=subprocess.PIPE, env=env, text=True
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.wait()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="gazetteer store directory")
    parser.add_argument("--copies", type=int, default=3, help="corpus copies for throughput")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure")
    parser.add_argument("--skip-memory", action="store_true", help="no 1x / 10x memory runs")
    args = parser.parse_args()
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(args.data_dir)}
    if not (args.data_dir / "gazetteer.sqlite").exists():
        print("building the gazetteer store (embedded + six Middle East files) ...")
        subprocess.run(
            [str(CLI), "gazetteer", "add", *map(str, DUMPS)], env=env, check=True, text=True
        )

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = work / "one.txt"
        report.write_text(ONE)
        print(f"start-up to first document: {startup(env, report, 5):.2f} s (median of 5)")

        corpus = work / "corpus.jsonl"
        n = write_corpus(corpus, args.copies)
        rates = {}
        for w in (int(x) for x in args.workers.split(",")):
            secs, peak, lines, cpu = run(["extract", str(corpus), "--workers", str(w)], env)
            rates[w] = n / secs
            print(
                f"extract --workers {w}: {n} documents in {secs:.1f} s = {rates[w]:.0f} docs/s "
                f"({lines} events, peak {peak:.0f} MB); CPU {cpu:.1f} s = "
                f"{n / cpu:.0f} docs per CPU-second"
            )
        if 1 in rates and 2 in rates:
            print(f"scaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")

        if not args.skip_memory:
            for copies in (1, 10):
                big = work / f"x{copies}.jsonl"
                m = write_corpus(big, copies)
                secs, peak, _, _ = run(["extract", str(big), "--workers", "2"], env)
                print(
                    f"memory, {copies:>2}x input ({m} documents, {big.stat().st_size / 1e6:.0f} MB)"
                    f": peak {peak:.0f} MB for the process tree ({m / secs:.0f} docs/s)"
                )


if __name__ == "__main__":
    main()
