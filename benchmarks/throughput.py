"""Throughput of `extract` over the texts of the gold corpora in ../shared/corpora.

Measures, on this machine and one core:
  * the one-time gazetteer build (embedded layer, then the six Middle East dumps),
  * documents per second and MB per second of geoparsing + event extraction,
  * peak resident memory of the process.

Usage (from the repository root):
    .venv/bin/python benchmarks/throughput.py            # fresh gazetteer in a temp dir
    .venv/bin/python benchmarks/throughput.py --data-dir ~/.local/share/conflictgeo
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from conflictgeo.document import process_document
from conflictgeo.gazetteer.index import Gazetteer, add_files
from conflictgeo.model import Document
from conflictgeo.text import prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [SHARED / "corpora" / "GWN.xml", SHARED / "corpora" / "lgl.xml"]
DUMPS = [SHARED / "gazetteer" / f"{cc}.txt" for cc in ("SY", "IQ", "YE", "LB", "JO", "PS")]


def corpus_texts() -> list[str]:
    texts = []
    for path in CORPORA:
        for article in ET.parse(path).getroot().iter("article"):
            node = article.find("text")
            if node is not None and node.text:
                texts.append(node.text)
    return texts


def corpus_documents() -> list[Document]:
    """The corpus texts as the CLI's reader would prepare them (headline, dateline)."""
    docs = []
    for i, raw in enumerate(corpus_texts()):
        p = prepare(raw)
        docs.append(
            Document(
                id=str(i),
                text=p.text,
                title=p.title,
                title_end=p.title_end,
                dateline=p.dateline,
                dateline_span=p.dateline_span,
                content_hash=str(i),
            )
        )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="use an existing gazetteer store")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus texts")
    args = parser.parse_args()

    if args.data_dir:
        gazetteer = Gazetteer.open(args.data_dir)
        print(f"gazetteer: existing store {gazetteer.path}")
    else:
        store = Path(tempfile.mkdtemp(prefix="cg-bench-"))
        t0 = time.perf_counter()
        Gazetteer.open(store).close()
        t1 = time.perf_counter()
        add_files([p for p in DUMPS if p.exists()], store)
        t2 = time.perf_counter()
        print(
            f"gazetteer build: embedded layer {t1 - t0:.1f} s, + six Middle East dumps "
            f"{t2 - t1:.1f} s, total {t2 - t0:.1f} s"
        )
        gazetteer = Gazetteer.open(store)

    docs = corpus_documents()
    megabytes = sum(len(d.text.encode()) for d in docs) / 1e6
    events = mentions = 0
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for doc in docs:
            result = process_document(doc, gazetteer)
            events += len(result.events)
            mentions += len(result.mentions)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(docs) * args.repeat
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"documents: {n} ({megabytes * args.repeat:.1f} MB), mentions {mentions}, events {events}"
    )
    print(
        f"throughput: {n / elapsed:.0f} documents/s, "
        f"{megabytes * args.repeat / elapsed:.2f} MB/s on one core ({elapsed:.1f} s)"
    )
    # On a shared, busy machine wall time counts other people's work too.
    print(f"CPU time: {cpu:.1f} s = {n / cpu:.0f} documents per CPU-second")
    print(f"peak memory: {peak:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
