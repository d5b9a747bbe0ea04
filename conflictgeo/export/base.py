"""What every format writer shares: the :class:`Writer` base class, the atomic
replace, and :func:`write_ogr_layer` (one layer through pyogrio and Arrow)."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import geopandas
import pandas as pd
import pyarrow as pa
import pyogrio
import pyogrio.errors

from conflictgeo._version import __version__
from conflictgeo.errors import ForeignOutput, OutputError
from conflictgeo.export.commit import Staging, finish_interrupted, remove_leftovers
from conflictgeo.export.lock import lock_all
from conflictgeo.layers import CRS, LAYER_FIELDS, LAYER_GEOMETRY, SpooledLayer

__all__ = [
    "GDAL_ERRORS",
    "MARK_KEY",
    "Layers",
    "Writer",
    "mark",
    "mark_path",
    "output_error",
    "prepare_directory",
    "read_mark_file",
    "write_mark_file",
    "write_ogr_layer",
]

logger = logging.getLogger(__name__)

#: The layers by name; a long build's ``mentions`` is a :class:`SpooledLayer`, which
#: only the GeoPackage writer takes (every other format writes ``events`` alone).
Layers = Mapping[str, geopandas.GeoDataFrame | SpooledLayer]

#: Errors GDAL reports through pyogrio (and Arrow, for Parquet) when a dataset or
#: layer cannot be written.
GDAL_ERRORS = (
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
    mark_beside : bool
        The format has no place for our mark (CSV, GeoJSONSeq): it goes into a
        ``<file>.conflictgeo`` file beside it (:func:`write_mark_file`).
    """

    name: ClassVar[str]
    extension: ClassVar[str]
    driver: ClassVar[str]
    layer_names: ClassVar[tuple[str, ...] | None] = None
    sidecar_extensions: ClassVar[tuple[str, ...]] = ()
    stem_suffix: ClassVar[str] = ""
    mark_beside: ClassVar[bool] = False

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
            existing output of ours is replaced (see :meth:`owns`).
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
        ForeignOutput
            When ``path`` holds a file conflictgeo did not write.
        OutputError
            When the file cannot be written (permissions, disk space, a GDAL
            error); the message names the path and what to do.
        """
        path = Path(path)
        self.check_layers(layers, path)
        with lock_all([path]), Staging() as staging:
            prepare_directory(path.parent, [path, *self.companions(path)])
            problem = self.check(path)
            if problem:
                raise ForeignOutput(f"{problem}; {_KEEP_ADVICE}")
            try:
                self.stage(layers, path, staging, metadata=metadata)
                staging.commit()
            except (OSError, *GDAL_ERRORS) as exc:
                raise output_error(path, exc) from exc
        logger.info("wrote %s", path)
        return path

    def check_layers(self, layers: Layers, path: Path) -> None:
        """Raise :class:`OutputError` when ``layers`` lack one this format writes."""
        missing = [n for n in self.layer_names or () if n not in layers]
        if missing or not layers:
            what = ", ".join(repr(n) for n in missing) or "any"
            raise OutputError(
                f"cannot write {path}: there is no {what} layer to write; "
                "pass the layers from conflictgeo.layers.build_layers()"
            )

    def check(self, path: Path) -> str | None:
        """Why ``path`` may not be replaced (a sentence), or ``None`` when it may.

        A missing or empty file may be replaced, and one of ours (:meth:`owns`);
        anything else is kept.
        """
        if path.is_dir() and not path.is_symlink():
            return f"{path} is a directory"
        if not path.exists() or (path.is_file() and path.stat().st_size == 0):
            return None
        if self.owns(path):
            return None
        if self.looks_like_ours(path):
            return (
                f"{path} has the layout of a conflictgeo {self.name} output but not the mark "
                "conflictgeo writes into its outputs: an earlier release of conflictgeo wrote "
                "it (they wrote no mark), or another program did. If it is an old output of "
                "conflictgeo, delete it and build again"
            )
        return f"{path} exists and is not a conflictgeo {self.name} output"

    def companions(self, path: Path) -> list[Path]:
        """The files written beside ``path`` (``.csvt``, the mark file)."""
        out = [path.with_suffix(ext) for ext in self.sidecar_extensions]
        return [*out, mark_path(path)] if self.mark_beside else out

    def stage(
        self,
        layers: Layers,
        path: Path,
        staging: Staging,
        *,
        metadata: Mapping[str, str] | None = None,
    ) -> Path:
        """Write ``layers`` to temporary files that ``staging`` moves onto ``path``
        (and its sidecars) when it commits; returns the temporary main file."""
        self.check_layers(layers, path)
        temp = staging.temp(path, self.extension)
        self._write(layers, temp, {**mark(), **(metadata or {})})
        for ext in self.sidecar_extensions:
            staging.add(temp.with_suffix(ext), path.with_suffix(ext))
        if self.mark_beside:
            write_mark_file(temp, path.name)
            staging.add(mark_path(temp), mark_path(path))
        return temp

    def owns(self, path: Path) -> bool:
        """Whether ``path`` carries the mark conflictgeo writes into its outputs.

        GeoPackage: ``conflictgeo_version`` in the dataset metadata
        (``gpkg_metadata``); GeoJSON: a ``"conflictgeo"`` member of the
        FeatureCollection; Parquet: ``conflictgeo`` in the schema metadata
        (``PANDAS_ATTRS``); CSV and GeoJSONSeq: a ``<file>.conflictgeo`` file
        beside it that names the file and its SHA-256 (a file changed since is
        not ours any more).
        """
        if self.mark_beside:
            return read_mark_file(path)
        return False

    def looks_like_ours(self, path: Path) -> bool:
        """Whether ``path`` has our layout (an events layer with an ``event_id``
        field), as the files of earlier releases, which carry no mark, do."""
        try:
            info = pyogrio.read_info(path, layer="events" if self.name == "gpkg" else None)
        except (*GDAL_ERRORS, OSError):
            return False
        if "event_id" in list(info["fields"]):
            return True
        with path.open("rb") as head:  # an empty FeatureCollection has only its name
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
    append: bool = False,
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
    append : bool, default False
        Add the rows to the layer ``path`` already has (a later chunk of it).
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
        append=append,
    )
    logger.debug("wrote layer %s (%d rows) to %s", layer, len(frame), path)


# -- helpers ---------------------------------------------------------------------------------


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


# -- the mark of our outputs -------------------------------------------------------------------

#: The dataset metadata key every output of ours carries (GeoPackage
#: ``gpkg_metadata``, the PostGIS ``conflictgeo_metadata`` table); its value is
#: the release that wrote it.
MARK_KEY = "conflictgeo_version"

#: The extension of the file that carries the mark beside a CSV or GeoJSONSeq output.
MARK_SUFFIX = ".conflictgeo"

# What to do about an output that is not ours (the end of every such message).
_KEEP_ADVICE = (
    "nothing was changed. Choose another --out directory, or move that file away if it "
    "may be replaced"
)


def mark() -> dict[str, str]:
    """The metadata item that marks an output as ours: ``{"conflictgeo_version": ...}``."""
    return {MARK_KEY: __version__}


def mark_path(path: Path) -> Path:
    """The mark file beside ``path``: ``events.csv`` -> ``events.csv.conflictgeo``."""
    return path.with_name(path.name + MARK_SUFFIX)


def write_mark_file(written: Path, name: str) -> Path:
    """Write the mark file of ``written`` (a finished output to be named ``name``):
    JSON naming the file, the release, the size and the SHA-256 of its bytes."""
    text = json.dumps(
        {
            "written_by": "conflictgeo",
            MARK_KEY: __version__,
            "file": name,
            "bytes": written.stat().st_size,
            "sha256": _sha256(written),
        },
        indent=1,
    )
    target = mark_path(written)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def read_mark_file(path: Path) -> bool:
    """Whether the mark file beside ``path`` names it, with its current size and bytes."""
    try:
        mark_ = json.loads(mark_path(path).read_text(encoding="utf-8"))
        return (
            isinstance(mark_, dict)
            and mark_.get("written_by") == "conflictgeo"
            and mark_.get("file") == path.name
            and mark_.get("bytes") == path.stat().st_size
            and mark_.get("sha256") == _sha256(path)
        )
    except (OSError, ValueError):
        return False


def prepare_directory(directory: Path, targets: list[Path]) -> None:
    """Before writing ``targets`` (holding the directory's lock): finish the moves of
    a build that was killed while it made them, and remove what killed builds left."""
    finish_interrupted(directory)
    remove_leftovers(targets)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
