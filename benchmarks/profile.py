"""Where the time goes: pyinstrument over geoparse + extract of the gold-corpus texts.

One warm-up pass (gazetteer caches filled), then a profiled pass, printed as a
call tree. pyinstrument is a development tool: ``pip install pyinstrument``.

Usage (from the repository root):
    .venv/bin/python benchmarks/profile.py --data-dir /tmp/cg-data [--html out.html]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pyinstrument import Profiler

from conflictgeo.document import process_document
from conflictgeo.gazetteer.index import Gazetteer

sys.path.insert(0, str(Path(__file__).parent))
from throughput import corpus_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="gazetteer store directory")
    parser.add_argument("--html", type=Path, help="also write an HTML report here")
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.data_dir)
    docs = corpus_documents()
    for doc in docs:
        process_document(doc, gazetteer)
    profiler = Profiler(interval=0.0005)
    cpu = time.process_time()
    profiler.start()
    for doc in docs:
        process_document(doc, gazetteer)
    profiler.stop()
    cpu = time.process_time() - cpu
    print(f"{len(docs)} documents, {cpu:.2f} CPU s under the profiler")
    print(profiler.output_text(unicode=False, color=False))
    if args.html:
        args.html.write_text(profiler.output_html())


if __name__ == "__main__":
    main()
