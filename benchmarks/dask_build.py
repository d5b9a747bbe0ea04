"""`conflictgeo build --dask local` against the process pool, on the same input.

Writes the texts of the gold corpora in ../shared/corpora as JSONL (788 reports;
``--copies`` repeats them with new ids) and runs the installed CLI twice with
``--format parquet``: ``--workers N`` (a process pool; the client writes one
``events.parquet``) and ``--dask local --workers N`` (a local Dask cluster of N
worker processes; the workers write the partitioned dataset). For each: wall
seconds (cluster start-up included), documents/s, CPU seconds of the whole
process tree and documents per CPU-second, peak memory of the tree; then checks
that both outputs hold the same rows.

Usage (from the repository root; the store as in benchmarks/README.md):
    .venv/bin/python benchmarks/dask_build.py --data-dir /tmp/cg-data
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import geopandas
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from scale import run, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="gazetteer store directory")
    parser.add_argument("--copies", type=int, default=3, help="corpus copies")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(args.data_dir)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        n = write_corpus(corpus, args.copies)
        common = ["build", str(corpus), "--format", "parquet", "--workers", str(args.workers)]
        for label, extra in (("pool", []), ("dask", ["--dask", "local"])):
            secs, peak, _, cpu = run([*common, "-o", str(work / label), *extra], env)
            print(
                f"build --workers {args.workers} {' '.join(extra)}: {n} documents in "
                f"{secs:.1f} s = {n / secs:.0f} docs/s; CPU {cpu:.1f} s = "
                f"{n / cpu:.0f} docs per CPU-second; peak {peak:.0f} MB"
            )
        pool = geopandas.read_parquet(work / "pool" / "events.parquet")
        dask = geopandas.read_parquet(work / "dask" / "events.parquet")
        files = len(list((work / "dask" / "events.parquet").glob("*.parquet")))
        pd.testing.assert_frame_equal(dask, pool)
        print(f"same {len(pool)} event rows; the dataset has {files} files")


if __name__ == "__main__":
    main()
