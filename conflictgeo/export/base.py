"""What every format writer shares: the :class:`Writer` base class, the atomic
replace, and :func:`write_ogr_layer` (one layer through pyogrio and Arrow)."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import geopandas
import pandas as pd
import pyarrow as pa
import pyogrio
import pyogrio.errors

from conflictgeo.errors import OutputError
from conflictgeo.layers import CRS, LAYER_FIELDS, LAYER_GEOMETRY

__all__ = ["Layers", "Writer", "output_error", "write_ogr_layer"]

logger = logging.getLogger(__name__)

Layers = Mapping[str, geopandas.GeoDataFrame]

# Errors GDAL reports through pyogrio (and Arrow, for Parquet) when a dataset or
# layer cannot be written.
_GDAL_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.FeatureError,
    pa.ArrowException,
)

# GDAL >= 3.9 saves a GeoPackage's dataset metadata to a "<file>.aux.xml" beside
# it whenever it merely opens one read-only; our outputs need no side-car files.
pyogrio.set_gdal_config_options({"GDAL_PAM_ENABLED": "NO"})

# Arrow date32 columns become OGR Date fields.
_DATE32 = pd.ArrowDtype(pa.date32())


class Writer:
    """Base class of the format writers.

    Subclasses set :attr:`name`, :attr:`extension` and :attr:`driver` and
    implement :meth:`_write`, which writes to the temporary path it is given;
    :meth:`write` takes care of the atomic replace and of error reporting.

    Attributes
    ----------
    name : str
        Format name, the key in :data:`WRITERS`.
    extension : str
        File extension with its dot, e.g. ``".gpkg"``.
    driver : str
        GDAL/OGR driver name.
    layer_names : tuple of str or None
        The layers the format holds; ``None`` for every layer given.
    sidecar_extensions : tuple of str
        Extensions of files GDAL writes beside the main file (e.g. ``".csvt"``);
        they are moved into place with it.
    stem_suffix : str
        Added to the file stem, so that formats sharing an extension get their
        own file (``events_acled.csv`` beside ``events.csv``).
    """

    name: ClassVar[str]
    extension: ClassVar[str]
    driver: ClassVar[str]
    layer_names: ClassVar[tuple[str, ...] | None] = None
    sidecar_extensions: ClassVar[tuple[str, ...]] = ()
    stem_suffix: ClassVar[str] = ""

    @property
    def file_suffix(self) -> str:
        """What follows the stem in the file name: ``"_acled.csv"``, ``".gpkg"``."""
        return f"{self.stem_suffix}{self.extension}"

    def write(
        self, layers: Layers, path: Path | str, *, metadata: Mapping[str, str] | None = None
    ) -> Path:
        """Write ``layers`` to ``path`` atomically.

        Parameters
        ----------
        layers : mapping of str to geopandas.GeoDataFrame
            The layers from :func:`conflictgeo.layers.build_layers`.
        path : pathlib.Path or str
            Destination file; its directory is created if missing and an
            existing file is replaced.
        metadata : mapping of str to str, optional
            Dataset metadata (project version, gazetteer sources, run time) for
            formats that hold it (GeoPackage ``gpkg_metadata``, Parquet schema
            metadata); other formats ignore it.

        Returns
        -------
        pathlib.Path
            ``path``. Sidecar files (``.csvt``) sit beside it with the same stem.

        Raises
        ------
        OutputError
            When the file cannot be written (permissions, disk space, a GDAL
            error); the message names the path and what to do.
        """
        path = Path(path)
        missing = [n for n in self.layer_names or () if n not in layers]
        if missing or not layers:
            what = ", ".join(repr(n) for n in missing) or "any"
            raise OutputError(
                f"cannot write {path}: there is no {what} layer to write; "
                "pass the layers from conflictgeo.layers.build_layers()"
            )
        if path.is_file() and path.stat().st_size > 0 and not self.owns(path):
            raise OutputError(
                f"{path} exists and is not a conflictgeo {self.name} output (no events layer "
                "with an event_id field); nothing was changed. Choose another --out "
                "directory, or move that file away if it may be replaced"
            )
        temp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = _reserve_temp(path, self.extension)
            self._write(layers, temp, dict(metadata or {}))
            moves = [
                (temp.with_suffix(ext), path.with_suffix(ext)) for ext in self.sidecar_extensions
            ]
            for source, target in [*moves, (temp, path)]:
                if source.exists():
                    _fsync(source)
                    os.replace(source, target)
        except (OSError, *_GDAL_ERRORS) as exc:
            raise output_error(path, exc) from exc
        finally:
            if temp is not None:
                for leftover in [temp, *(temp.with_suffix(e) for e in self.sidecar_extensions)]:
                    with contextlib.suppress(OSError):
                        leftover.unlink(missing_ok=True)
        logger.info("wrote %s", path)
        return path

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is an output of ours that a new build may replace.

        True when GDAL reads an ``events`` layer (GeoJSON: a collection named
        ``events``) or a layer with an ``event_id`` field from it.
        """
        try:
            info = pyogrio.read_info(path, layer="events" if self.name == "gpkg" else None)
        except (*_GDAL_ERRORS, OSError):
            return False
        if "event_id" in list(info["fields"]):
            return True
        # an empty FeatureCollection has no fields, only the name we give it
        with path.open("rb") as head:
            return self.name == "geojson" and b'"name": "events"' in head.read(200)

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        """Write ``layers`` (and ``metadata`` if the format holds it) to the (temporary)
        ``path``; implemented by subclasses."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def write_ogr_layer(
    frame: geopandas.GeoDataFrame,
    path: Path,
    *,
    layer: str,
    driver: str,
    geometry: bool = True,
    iso_dates: bool = False,
    layer_options: Mapping[str, str] | None = None,
    dataset_options: Mapping[str, str] | None = None,
    dataset_metadata: Mapping[str, str] | None = None,
) -> None:
    """Write one layer with :func:`pyogrio.write_dataframe` through Arrow.

    Pandas/Arrow types give the OGR field types (``Integer64``, ``Real``,
    ``String``, ``Integer(Boolean)``); the ``date`` columns declared in
    :data:`conflictgeo.layers.LAYER_FIELDS` are cast to Arrow ``date32`` so
    they become OGR ``Date`` fields, even when the layer has no rows.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The layer.
    path : pathlib.Path
        Dataset to create, or to add the layer to if it exists (GeoPackage).
    layer : str
        Layer name; also selects the date columns and the geometry type.
    driver : str
        OGR driver name.
    geometry : bool, default True
        Write the geometry column; ``False`` (or a layer declared without
        geometry) writes an attribute-only table.
    iso_dates : bool, default False
        Write the date columns as ISO 8601 text (``YYYY-MM-DD``) instead.
    layer_options, dataset_options : mapping of str to str, optional
        GDAL layer and dataset creation options.
    dataset_metadata : mapping of str to str, optional
        Dataset metadata items (GeoPackage: ``gpkg_metadata``).
    """
    dates = [c for c, kind in LAYER_FIELDS.get(layer, {}).items() if kind == "date" and c in frame]
    frame = frame.astype(dict.fromkeys(dates, _DATE32))
    if iso_dates:
        frame = frame.astype(dict.fromkeys(dates, "string"))
    geometry_type = LAYER_GEOMETRY.get(layer, "")
    if _has_geometry(frame) and geometry and geometry_type is not None:
        if frame.crs is None:
            frame = frame.set_crs(CRS)
    elif _has_geometry(frame):
        frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    pyogrio.write_dataframe(
        frame,
        path,
        layer=layer,
        driver=driver,
        geometry_type=geometry_type or None,
        use_arrow=True,
        layer_options=dict(layer_options or {}),
        dataset_options=dict(dataset_options or {}),
        dataset_metadata=dict(dataset_metadata) if dataset_metadata else None,
    )
    logger.debug("wrote layer %s (%d rows) to %s", layer, len(frame), path)


# -- helpers ---------------------------------------------------------------------------------


def _reserve_temp(path: Path, extension: str) -> Path:
    """A fresh, unused file name beside ``path`` for GDAL to create."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{extension}", dir=path.parent)
    os.close(fd)
    os.unlink(name)  # GDAL creates the dataset itself
    return Path(name)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def output_error(path: Path, exc: BaseException) -> OutputError:
    if isinstance(exc, OSError):
        reason = (exc.strerror or str(exc)).lower()
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            advice = "choose another --out directory or make this one writable"
        elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
            advice = "free some disk space or choose another --out directory"
        elif isinstance(exc, IsADirectoryError):
            advice = "a directory is in the way; remove it or choose another --out directory"
        else:
            advice = "check the path or choose another --out directory"
    else:
        library = "Arrow" if isinstance(exc, pa.ArrowException) else "GDAL"
        reason = f"{library} error: {exc}"
        advice = "check the path or choose another --out directory"
    return OutputError(f"cannot write {path}: {reason}; {advice}")


def _has_geometry(frame: pd.DataFrame) -> bool:
    try:
        return isinstance(frame, geopandas.GeoDataFrame) and frame.geometry is not None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return False
