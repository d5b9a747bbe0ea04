"""How many items the inputs hold, counted cheaply, for a progress bar's total.

Files are walked as :func:`conflictgeo.ingest.read_documents` walks them, but
not read as reports: a text or HTML file is one report, a JSON Lines file one
per line, a CSV file one per line after the header (a quoted field spanning
lines makes that an over-count), a missing path one item (the error the
reader yields for it). Standard input and gzipped tables cannot be counted
without reading them: the total is then unknown (``None``).

>>> count_items(["-"]) is None
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# The reader's own file walk and typing, so the count and the reading agree.
from conflictgeo.ingest import _file_type, _walk

__all__ = ["count_items"]

_CHUNK = 1 << 20


def count_items(
    inputs: Iterable[str | os.PathLike[str]], *, limit: int | None = None
) -> int | None:
    """The number of items (reports and input errors) ``inputs`` will give, or ``None``.

    ``limit`` caps it, as ``--limit`` caps the reports read.
    """
    total = 0
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                total += 1  # "directory has no ... files"
            for found in files:
                count = 1 if not isinstance(found, Path) else _count_file(found)
                if count is None:
                    return None
                total += count
        elif path.exists():
            count = _count_file(path)
            if count is None:
                return None
            total += count
        else:
            total += 1
    return min(total, limit) if limit is not None else total


def _count_file(path: Path) -> int | None:
    kind, _, gz = _file_type(path)
    if kind in (".jsonl", ".csv", ".tsv"):
        if gz:
            return None
        lines = _lines(path)
        return max(lines - 1, 0) if kind != ".jsonl" else lines
    return 1


def _lines(path: Path) -> int:
    """Non-blank lines of a file, read as bytes (no decoding, no parsing)."""
    try:
        with path.open("rb", buffering=_CHUNK) as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # the reader will report it: one error
