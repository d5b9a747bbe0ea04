"""The base class of the stores: where the layers live between builds."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

import geopandas

from conflictgeo.errors import OutputError
from conflictgeo.export.base import Layers

__all__ = ["Store", "not_ours"]


class Store:
    """Base class of the stores: a place that holds the four layers between builds.

    Subclasses implement :meth:`open`, :meth:`write` and :meth:`close`.
    """

    #: Where the store is, for messages (a path or a URL without password).
    location: str = ""
    #: The stored layers, read by :meth:`open`; ``None`` for a new store.
    layers: dict[str, geopandas.GeoDataFrame] | None = None

    def open(self) -> Store:
        """Lock the store against other writers and read its layers."""
        raise NotImplementedError

    def write(self, layers: Layers, *, metadata: Mapping[str, str]) -> str:
        """Replace the stored layers with ``layers`` in one step; returns :attr:`location`."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the lock."""

    def content_hashes(self) -> set[str]:
        """Content hashes of the reports already stored."""
        if not self.layers:
            return set()
        hashes = self.layers["documents"]["content_hash"]
        return {str(h) for h in hashes if isinstance(h, str) and h}

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a build that dies still lets go of the lock
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()


def not_ours(path: Path, why: str) -> OutputError:
    return OutputError(
        f"{path} exists but is not a conflictgeo geodatabase ({why}); nothing was changed. "
        "Choose another output, or move that file away if it may be replaced"
    )
