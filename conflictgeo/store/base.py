"""The base class of the stores: where the layers live between builds.

Stores of ours are known by our mark (``conflictgeo_version`` in the
GeoPackage's ``gpkg_metadata`` or in the PostGIS ``conflictgeo_metadata``
table), written by every release that could add to a store, and by what they
hold: the four layers with the fields every release has written
(:data:`IDENTITY_FIELDS`). A store of an earlier release lacks the fields
added since (:func:`upgrade_layers`): it is read with them empty and written
back in this release's layout, with a log line saying so. Anything a rewrite
would lose (a layer, table or field we do not write, added by hand or by a
newer release) makes the build stop with a message instead.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import geopandas
import pandas as pd

from conflictgeo.errors import ForeignOutput, OutputError
from conflictgeo.export.base import Layers
from conflictgeo.export.commit import Staging
from conflictgeo.layers import LAYER_FIELDS, LAYER_NAMES

__all__ = ["IDENTITY_FIELDS", "Store", "not_ours", "upgrade_layers"]

logger = logging.getLogger(__name__)

#: Fields of each layer that every release wrote and that adding to a store
#: needs (ids, content hashes, the merge keys): a layer without them is not ours.
IDENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "events": ("event_id", "kind", "event_date", "doc_id", "sources"),
    "places": ("geonameid",),
    "mentions": ("doc_id", "start", "end"),
    "documents": ("id", "content_hash"),
}

#: Fields of older layouts that a later one renamed: (layer, old name, new name).
#: Until ``extractor_trace`` existed, ``notes`` held the extractor's trace (now
#: ``notes`` is the narrative made from the row).
RENAMED_FIELDS: tuple[tuple[str, str, str], ...] = (("events", "notes", "extractor_trace"),)


class Store:
    """Base class of the stores: a place that holds the four layers between builds.

    Subclasses implement :meth:`open`, :meth:`stage`, :meth:`commit` and :meth:`close`.
    A build opens the store (lock and read), merges, stages the merged layers
    with its other outputs (:class:`~conflictgeo.export.commit.Staging`) and
    commits them together.
    """

    #: Where the store is, for messages (a path or a URL without password).
    location: str = ""
    #: The stored layers, read by :meth:`open`; ``None`` for a new store.
    layers: dict[str, geopandas.GeoDataFrame] | None = None
    #: The store's file, if it is one (a GeoPackage), else ``None``.
    path: Path | None = None

    def open(self) -> Store:
        """Lock the store against other writers and read its layers."""
        raise NotImplementedError

    def stage(self, layers: Layers, staging: Staging, *, metadata: Mapping[str, str]) -> None:
        """Prepare ``layers`` to replace the stored ones (a temporary file in ``staging``,
        or rows in the open transaction); nothing changes before :meth:`commit`."""
        raise NotImplementedError

    def commit(self, staging: Staging) -> list[Path]:
        """Make what :meth:`stage` prepared the store's content, and move the files of
        ``staging`` into place; returns the files moved."""
        raise NotImplementedError

    def write(self, layers: Layers, *, metadata: Mapping[str, str]) -> str:
        """Replace the stored layers with ``layers`` in one step; returns :attr:`location`."""
        try:
            with Staging() as staging:
                self.stage(layers, staging, metadata=metadata)
                self.commit(staging)
        finally:
            self.close()
        return self.location

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


def not_ours(path: Path | str, why: str) -> OutputError:
    return ForeignOutput(
        f"{path} exists but is not a conflictgeo geodatabase ({why}); nothing was changed. "
        "Choose another output, or move that file away if it may be replaced"
    )


def upgrade_layers(
    layers: Mapping[str, pd.DataFrame], location: str, *, geometry: Iterable[str] = ("geometry",)
) -> dict[str, pd.DataFrame]:
    """The stored ``layers`` in this release's layout (see the module docstring).

    Fields added since the store was written are added, empty; renamed fields
    are carried over (``notes`` -> ``extractor_trace``). Raises
    :class:`~conflictgeo.errors.ForeignOutput` when a layer lacks an identity
    field, and :class:`~conflictgeo.errors.OutputError` when it has fields this
    release does not write (rewriting the store would drop them).
    """
    out: dict[str, pd.DataFrame] = {}
    added: dict[str, list[str]] = {}
    skip = set(geometry)
    for name in LAYER_NAMES:
        frame = layers[name]
        absent = [c for c in IDENTITY_FIELDS[name] if c not in frame.columns]
        if absent:
            raise not_ours(location, f"its {name} layer has no {', '.join(absent)} field")
        known = set(LAYER_FIELDS[name])
        renamed = {old for layer, old, new in RENAMED_FIELDS if layer == name}
        unknown = [c for c in frame.columns if c not in known | renamed | skip]
        if unknown:
            raise OutputError(
                f"cannot add to {location}: its {name} layer has fields this release of "
                f"conflictgeo does not write ({', '.join(unknown)}), added by hand or by a "
                "newer release; adding reports rewrites the layer and would drop them. Nothing "
                "was changed: copy them elsewhere (or remove them), or build into a new store"
            )
        missing = [c for c in LAYER_FIELDS[name] if c not in frame.columns]
        if missing:
            columns = {}
            for layer, old, new in RENAMED_FIELDS:
                if layer == name and new in missing and old in frame.columns:
                    columns[new] = frame[old]  # the old field's meaning, under its new name
            for column in missing:
                columns.setdefault(column, pd.Series([None] * len(frame), index=frame.index))
            frame = frame.assign(**columns)
            added[name] = missing
        out[name] = frame
    if added:
        logger.warning(
            "%s was written by an earlier release of conflictgeo: read with the fields "
            "added since empty (%s); it is written back in this release's layout",
            location,
            "; ".join(f"{name}: {', '.join(cols)}" for name, cols in added.items()),
        )
    return out
