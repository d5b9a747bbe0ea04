"""Geocoder speed: index build time and geoparsing time per report.

Builds a fresh store from the embedded layer plus cities500 and the six Middle
East dumps in ../shared/gazetteer, then geoparses (recognition + resolution)
every text of the gold corpora and reports milliseconds per report.

Usage: .venv/bin/python benchmarks/geocoder_speed.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from conflictgeo.gazetteer.index import Gazetteer, add_files
from conflictgeo.geoparse.parser import geoparse
from conflictgeo.model import Document

sys.path.insert(0, str(Path(__file__).parent))
from throughput import SHARED, corpus_texts

FILES = [
    SHARED / "gazetteer" / f
    for f in ("cities500.txt.gz", "SY.txt", "IQ.txt", "YE.txt", "LB.txt", "JO.txt", "PS.txt")
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="use an existing store instead of building")
    args = parser.parse_args()
    store = args.data_dir
    if store is None:
        store = Path(tempfile.mkdtemp(prefix="cg-speed-"))
        t0 = time.perf_counter()
        Gazetteer.open(store).close()
        t1 = time.perf_counter()
        add_files(FILES, store)
        t2 = time.perf_counter()
        print(
            f"index build: embedded {t1 - t0:.1f} s + cities500 and six Middle East dumps "
            f"{t2 - t1:.1f} s = {t2 - t0:.1f} s"
        )
    gazetteer = Gazetteer.open(store)
    docs = [Document(id=str(i), text=t) for i, t in enumerate(corpus_texts())]
    for doc in docs[:20]:  # warm the caches and imports once, as a long run would
        geoparse(doc, gazetteer)
    gazetteer = Gazetteer.open(store)  # ...then start from a cold name cache
    times, cpu_times = [], []
    for doc in docs:
        t, c = time.perf_counter(), time.process_time()
        geoparse(doc, gazetteer)
        cpu_times.append((time.process_time() - c) * 1000)
        times.append((time.perf_counter() - t) * 1000)
    words = statistics.median(len(d.text.split()) for d in docs)
    print(
        f"geoparse: {len(docs)} reports (median {words:.0f} words), "
        f"median {statistics.median(times):.2f} ms, mean {statistics.mean(times):.2f} ms, "
        f"p95 {sorted(times)[int(len(times) * 0.95)]:.2f} ms per report"
    )
    # CPU time is not inflated by other processes on a shared machine.
    print(
        f"CPU: median {statistics.median(cpu_times):.2f} ms, "
        f"mean {statistics.mean(cpu_times):.2f} ms per report"
    )


if __name__ == "__main__":
    main()
