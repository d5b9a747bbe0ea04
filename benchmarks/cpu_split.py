"""Run one `conflictgeo` command in this process; print CPU seconds of the parent and its workers.

`scale.py` samples the whole process tree; this splits it: the CLI's own
process (reading, the pool's bookkeeping, writing) against the worker
processes it waited for, from ``getrusage``. Wall time is printed too, but on
a shared machine read the CPU figures.

Usage (from the repository root; the store in CONFLICTGEO_DATA_DIR):
    .venv/bin/python benchmarks/cpu_split.py extract corpus.jsonl --workers 2 > /dev/null
"""

from __future__ import annotations

import atexit
import resource
import sys
import time

_START = time.perf_counter()


def _report() -> None:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"parent {own.ru_utime + own.ru_stime:.2f} s, "
        f"children {workers.ru_utime + workers.ru_stime:.2f} s, "
        f"wall {time.perf_counter() - _START:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    atexit.register(_report)  # also after the CLI's sys.exit
    from conflictgeo.cli import main

    sys.argv = ["conflictgeo", *sys.argv[1:]]
    main()
