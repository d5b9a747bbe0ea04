"""The GeoPackage store: the four layers in one ``.gpkg`` file, as the GeoPackage
writer writes it, replaced whole and atomically on each build."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

import geopandas
import pyogrio
import pyogrio.errors

from conflictgeo.errors import OutputError
from conflictgeo.export import GeoPackageWriter  # importing export also sets GDAL up for reading
from conflictgeo.export.base import Layers
from conflictgeo.layers import LAYER_FIELDS, LAYER_NAMES
from conflictgeo.store.base import Store, not_ours

__all__ = ["LOCK_TIMEOUT", "GeoPackageStore"]

logger = logging.getLogger(__name__)

#: Seconds to wait for another program's write lock on a GeoPackage.
LOCK_TIMEOUT = 5.0


class GeoPackageStore(Store):
    """The layers in one GeoPackage, as :class:`~conflictgeo.export.GeoPackageWriter` writes it.

    :meth:`open` holds an SQLite write lock (``BEGIN IMMEDIATE``) on the
    existing file until :meth:`close`, so two builds cannot add to the same
    file at once and a program editing it (QGIS) makes the build stop with a
    message instead of losing either side's rows. Readers are not blocked.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock: sqlite3.Connection | None = None

    def open(self) -> GeoPackageStore:
        if not self.path.exists():
            self.layers = None
            return self
        if not self.path.is_file():
            raise OutputError(f"cannot use {self.path}: it is not a file; choose another path")
        if self._lock is None:
            self._take_lock()
        # A build killed mid-write (SIGKILL, power loss) leaves its temporary file;
        # with the lock held no other build is writing one, so they can go.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp.gpkg*"):  # and -journal
            logger.info("removing %s, left by an interrupted build", leftover)
            leftover.unlink(missing_ok=True)
        self.layers = self._read()
        return self

    def write(self, layers: Layers, *, metadata: Mapping[str, str]) -> str:
        try:
            GeoPackageWriter().write(layers, self.path, metadata=metadata)
        finally:
            self.close()
        return self.location

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _take_lock(self) -> None:
        try:
            self._lock = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            self._lock.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            self.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise OutputError(
                    f"cannot add to {self.path}: the database is locked by another program "
                    f"(a build still running, or QGIS editing it) and stayed locked for "
                    f"{LOCK_TIMEOUT:g} s; close it or wait, then run the build again"
                ) from exc
            raise not_ours(self.path, "it is not an SQLite/GeoPackage file") from exc
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot open {self.path}: {exc.strerror or exc}") from exc

    def _read(self) -> dict[str, geopandas.GeoDataFrame]:
        try:
            listed = {name for name, _ in pyogrio.list_layers(self.path)}
        except pyogrio.errors.DataSourceError as exc:
            raise not_ours(self.path, "GDAL cannot open it as a GeoPackage") from exc
        missing = [name for name in LAYER_NAMES if name not in listed]
        if missing:
            raise not_ours(self.path, f"it has no {', '.join(missing)} layer")
        layers = {}
        for name in LAYER_NAMES:
            frame = pyogrio.read_dataframe(self.path, layer=name, use_arrow=True)
            absent = [c for c in LAYER_FIELDS[name] if c not in frame.columns]
            if absent:
                raise not_ours(self.path, f"its {name} layer has no {', '.join(absent)} field")
            layers[name] = frame
        logger.info("read %s: %s", self.path, ", ".join(f"{n}={len(f)}" for n, f in layers.items()))
        return layers
