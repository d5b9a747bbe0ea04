"""GeoParquet writer: the ``events`` layer as a GeoParquet 1.x file, or as a
partitioned dataset (a directory of files) when a Dask cluster writes it."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflictgeo._version import __version__
from conflictgeo.errors import ForeignOutput
from conflictgeo.export.base import Layers, Writer, mark_path, output_error, prepare_directory
from conflictgeo.export.commit import Staging
from conflictgeo.export.lock import lock_all
from conflictgeo.layers import CRS, LAYER_FIELDS

__all__ = ["ATTRS_KEY", "ParquetWriter", "geoparquet_frame", "replace_dataset"]

#: The key of our mark in a Parquet file's ``attrs`` (schema metadata ``PANDAS_ATTRS``).
ATTRS_KEY = "conflictgeo"


class ParquetWriter(Writer):
    """Write the ``events`` layer as GeoParquet (:meth:`geopandas.GeoDataFrame.to_parquet`).

    Geometry is WKB in the ``geometry`` column with the GeoParquet ``geo``
    metadata (EPSG:4326, ``Point``, bounding box); unplaced events have a null
    geometry. Date columns are Arrow ``date32``, integers nullable ``int64``,
    so pyarrow, DuckDB, geopandas and QGIS (GDAL >= 3.5) read them typed.
    Compression is zstd. The schema metadata carries our mark
    (``PANDAS_ATTRS``, which geopandas reads back as ``frame.attrs``:
    ``{"conflictgeo": {"version": ...}}``).
    """

    name: ClassVar[str] = "parquet"
    extension: ClassVar[str] = ".parquet"
    driver: ClassVar[str] = "Parquet"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)

    def check(self, path: Path) -> str | None:
        """As :meth:`Writer.check`; a partitioned dataset of ours (a Dask build's) at
        ``path`` may be replaced too."""
        if path.is_dir() and not path.is_symlink():
            if owns_dataset(path):
                return None
            return f"{path} is a directory and not a conflictgeo parquet output (dataset)"
        return super().check(path)

    def stage(
        self,
        layers: Layers,
        path: Path,
        staging: Staging,
        *,
        metadata: Mapping[str, str] | None = None,
    ) -> Path:
        temp = super().stage(layers, path, staging, metadata=metadata)
        staging.remove_after(mark_path(path))  # a dataset's mark, if a dataset was there
        return temp

    def owns(self, path: Path) -> bool:
        """Whether the file's schema metadata carries our mark (``PANDAS_ATTRS``:
        ``{"conflictgeo": {"version": ...}}``, geopandas' ``attrs``)."""
        try:
            metadata = pq.read_schema(path).metadata or {}
            attrs = json.loads(metadata.get(b"PANDAS_ATTRS", b"{}"))
        except (pa.ArrowException, OSError, ValueError):
            return False
        mark_ = attrs.get(ATTRS_KEY) if isinstance(attrs, dict) else None
        return isinstance(mark_, dict) and isinstance(mark_.get("version"), str)

    def looks_like_ours(self, path: Path) -> bool:
        try:
            return "event_id" in pq.read_schema(path).names
        except (pa.ArrowException, OSError):
            return False

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        frame = geoparquet_frame(layers["events"])
        frame.attrs = {ATTRS_KEY: {"version": __version__}}  # written as PANDAS_ATTRS
        frame.to_parquet(
            path,
            index=False,
            compression="zstd",
            geometry_encoding="WKB",
            write_covering_bbox=False,
            schema_version="1.0.0",
        )


def geoparquet_frame(events: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """The ``events`` layer as it goes to Parquet: EPSG:4326, dates as Arrow ``date32``."""
    if events.crs is None:
        events = events.set_crs(CRS)
    dates = [c for c, kind in LAYER_FIELDS["events"].items() if kind == "date" and c in events]
    return events.astype(dict.fromkeys(dates, pd.ArrowDtype(pa.date32())))


def replace_dataset(path: Path, write: Callable[[Path], None]) -> Path:
    """Write a partitioned dataset with ``write(directory)`` and move it to ``path``.

    ``write`` fills a hidden temporary directory beside ``path``; only a
    complete dataset is moved into place, so a failed or interrupted write
    leaves whatever ``path`` held before (our earlier file or dataset) and
    nothing that looks complete. A ``path`` that is not a conflictgeo output
    is never replaced; ``<path>.conflictgeo`` beside the dataset is our mark.
    """
    path = Path(path)
    # Under the directory's lock for the whole write: a build that takes it cleans
    # up the temporary directories that killed builds left (prepare_directory).
    with lock_all([path]), Staging() as staging:
        prepare_directory(path.parent, [path, mark_path(path)])
        empty = path.is_file() and path.stat().st_size == 0
        if path.exists() and not empty and not owns_dataset(path):
            raise ForeignOutput(
                f"{path} exists and is not a conflictgeo parquet output (no conflictgeo "
                "mark); nothing was changed. Choose another --out directory, or move it "
                "away if it may be replaced"
            )
        temp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
            staging.add(temp, path)
            temp.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would make the dataset private
            write(temp)
            mark_temp = staging.temp(mark_path(path), "")
            mark_temp.write_text(
                json.dumps({"written_by": "conflictgeo", "version": __version__}) + "\n",
                encoding="utf-8",
            )
            staging.commit()  # a dataset there before is moved aside, then removed
        except (OSError, pa.ArrowException) as exc:
            raise output_error(path, exc) from exc
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def owns_dataset(path: Path) -> bool:
    """Whether ``path`` (a Parquet file or dataset directory) carries our mark."""
    if not path.is_dir():
        return ParquetWriter().owns(path)
    try:
        mark_ = json.loads(mark_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(mark_, dict) and mark_.get("written_by") == "conflictgeo"
