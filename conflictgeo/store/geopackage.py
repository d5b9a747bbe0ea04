"""The GeoPackage store: the four layers in one ``.gpkg`` file, as the GeoPackage
writer writes it, replaced whole and atomically on each build."""

from __future__ import annotations

import logging
import os
import sqlite3
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import geopandas
import pyogrio
import pyogrio.errors

from conflictgeo.errors import OutputError
from conflictgeo.export import GeoPackageWriter  # importing export also sets GDAL up for reading
from conflictgeo.export.base import (
    GDAL_ERRORS,
    MARK_KEY,
    Layers,
    output_error,
    prepare_directory,
)
from conflictgeo.export.commit import Staging
from conflictgeo.export.geopackage import dataset_metadata
from conflictgeo.export.lock import OutputLock, lock_path
from conflictgeo.layers import LAYER_NAMES
from conflictgeo.store.base import Store, not_ours, upgrade_layers

__all__ = ["LOCK_TIMEOUT", "GeoPackageStore"]

logger = logging.getLogger(__name__)

#: Seconds to wait for another program's write lock on a GeoPackage.
LOCK_TIMEOUT = 5.0

# Tables of a GeoPackage that GDAL and the GeoPackage standard keep (by prefix),
# and the one we write besides the layers.
_SYSTEM_PREFIXES = ("gpkg_", "rtree_", "sqlite_")
_OUR_TABLES = {*LAYER_NAMES, "layer_styles"}


class GeoPackageStore(Store):
    """The layers in one GeoPackage, as :class:`~conflictgeo.export.GeoPackageWriter` writes it.

    :meth:`open` takes the lock of the file's directory
    (:mod:`conflictgeo.export.lock`: an operating-system lock that every build
    writing there takes) and holds it until :meth:`close`, so two builds cannot
    add to the same file at once, nor create it twice. A program editing the
    file (QGIS in an edit session, holding SQLite's write lock) makes the build
    stop with a message, when it opens the store and again just before the new
    file is moved in, instead of losing either side's rows. Readers are not
    blocked.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock: OutputLock | None = None

    def open(self) -> GeoPackageStore:
        if self.path.exists() and not self.path.is_file():
            raise OutputError(f"cannot use {self.path}: it is not a file; choose another path")
        if self._lock is None:
            self._lock = OutputLock(lock_path(self.path.parent), what=str(self.path.parent))
            self._lock.acquire()
        try:
            # A build killed mid-write (SIGKILL, power loss) leaves its temporary
            # file and -journal; with the lock held no other build is writing one.
            prepare_directory(self.path.parent, [self.path])
            if not self.path.exists():
                self.layers = None  # created by this build, under the lock
                return self
            self._no_other_writer()
            self.layers = self._read()
        except BaseException:
            self.close()
            raise
        return self

    def stage(self, layers: Layers, staging: Staging, *, metadata: Mapping[str, str]) -> None:
        try:
            GeoPackageWriter().stage(layers, self.path, staging, metadata=metadata)
        except (OSError, *GDAL_ERRORS) as exc:
            raise output_error(self.path, exc) from exc

    def commit(self, staging: Staging) -> list[Path]:
        if self.path.exists():
            editor = self._no_other_writer(hold=True)  # held while the new file moves in
            try:
                return staging.commit()
            finally:
                editor.close()
        return staging.commit()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _no_other_writer(self, *, hold: bool = False) -> sqlite3.Connection:
        """Fail when another program holds SQLite's write lock on the file; with
        ``hold`` the lock is taken and returned (close it to let go)."""
        connection = None
        try:
            connection = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            if not hold:
                connection.execute("ROLLBACK")
            return connection
        except sqlite3.DatabaseError as exc:
            if connection is not None:
                connection.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise OutputError(
                    f"cannot add to {self.path}: the database is locked by another program "
                    f"(QGIS editing it, or another program writing it) and stayed locked for "
                    f"{LOCK_TIMEOUT:g} s; nothing was changed. Close it or wait, then run the "
                    "build again"
                ) from exc
            raise not_ours(self.path, "it is not an SQLite/GeoPackage file") from exc
        except OSError as exc:
            if connection is not None:
                connection.close()
            raise OutputError(f"cannot open {self.path}: {exc.strerror or exc}") from exc
        finally:
            if connection is not None and not hold:
                connection.close()

    def _read(self) -> dict[str, geopandas.GeoDataFrame]:
        metadata = dataset_metadata(self.path)
        if metadata is None:
            raise not_ours(self.path, "GDAL cannot open it as a GeoPackage")
        try:
            listed = {name for name, _ in pyogrio.list_layers(self.path)}
        except pyogrio.errors.DataSourceError as exc:
            raise not_ours(self.path, "GDAL cannot open it as a GeoPackage") from exc
        missing = [name for name in LAYER_NAMES if name not in listed]
        if missing:
            raise not_ours(self.path, f"it has no {', '.join(missing)} layer")
        if MARK_KEY not in metadata:
            raise not_ours(
                self.path,
                f"no {MARK_KEY} in its metadata, the mark every conflictgeo store carries",
            )
        self._nothing_else()
        layers = {
            name: pyogrio.read_dataframe(self.path, layer=name, use_arrow=True)
            for name in LAYER_NAMES
        }
        layers = upgrade_layers(layers, self.location)
        logger.info("read %s: %s", self.path, ", ".join(f"{n}={len(f)}" for n, f in layers.items()))
        return layers  # type: ignore[return-value]

    def _nothing_else(self) -> None:
        """Refuse a file holding tables we do not write (a layer added in QGIS, a
        saved QGIS project): the merged store is a new file, without them."""
        uri = "file:" + urllib.request.pathname2url(os.path.abspath(self.path)) + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
        try:
            names = [
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
        except sqlite3.DatabaseError as exc:
            raise not_ours(self.path, "it is not an SQLite/GeoPackage file") from exc
        finally:
            connection.close()
        other = sorted(
            n for n in names if n not in _OUR_TABLES and not n.lower().startswith(_SYSTEM_PREFIXES)
        )
        if other:
            raise OutputError(
                f"cannot add to {self.path}: it holds tables conflictgeo does not write "
                f"({', '.join(other)}); adding reports writes a new file with the four layers "
                "and would drop them. Nothing was changed: move them to another GeoPackage, or "
                "build into a new store (--into NEW.gpkg)"
            )
