"""Event extraction alone: CPU time of ``extract_events`` over the gold-corpus texts.

The texts are geoparsed once; then ``extract_events`` runs over them ``--repeat``
times (after one warm-up pass) with those mentions, so the figure is the
extractor's own cost (sentence splitting, pre-filters, dates, triggers, actors,
figures, places), not the geocoder's.

Usage (from the repository root):
    .venv/bin/python benchmarks/extract_speed.py --data-dir /tmp/cg-data [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from conflictgeo.extract.events import extract_events
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.geoparse.parser import geoparse

sys.path.insert(0, str(Path(__file__).parent))
from throughput import corpus_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="gazetteer store directory")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (the best is kept)")
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.data_dir)
    docs = corpus_documents()
    mentions = [geoparse(doc, gazetteer) for doc in docs]
    pairs = list(zip(docs, mentions, strict=True))
    events = sum(len(extract_events(d, m, gazetteer)) for d, m in pairs)  # warm-up pass
    passes = []
    for _ in range(args.repeat):
        cpu = time.process_time()
        for doc, found in pairs:
            extract_events(doc, found, gazetteer)
        passes.append(time.process_time() - cpu)
    best = min(passes)
    print(f"documents: {len(docs)}, events {events}")
    print("extract_events CPU s per pass: " + " ".join(f"{p:.3f}" for p in passes))
    print(f"best: {best:.3f} s = {len(docs) / best:.0f} documents per CPU-second (extraction only)")


if __name__ == "__main__":
    main()
