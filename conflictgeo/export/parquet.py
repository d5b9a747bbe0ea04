"""GeoParquet writer: the ``events`` layer as a GeoParquet 1.x file, or as a
partitioned dataset (a directory of files) when a Dask cluster writes it."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflictgeo.errors import OutputError
from conflictgeo.export.base import Layers, Writer, output_error
from conflictgeo.layers import CRS, LAYER_FIELDS

__all__ = ["ParquetWriter", "geoparquet_frame", "replace_dataset"]


class ParquetWriter(Writer):
    """Write the ``events`` layer as GeoParquet (:meth:`geopandas.GeoDataFrame.to_parquet`).

    Geometry is WKB in the ``geometry`` column with the GeoParquet ``geo``
    metadata (EPSG:4326, ``Point``, bounding box); unplaced events have a null
    geometry. Date columns are Arrow ``date32``, integers nullable ``int64``,
    so pyarrow, DuckDB, geopandas and QGIS (GDAL >= 3.5) read them typed.
    Compression is zstd.
    """

    name: ClassVar[str] = "parquet"
    extension: ClassVar[str] = ".parquet"
    driver: ClassVar[str] = "Parquet"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)

    def write(
        self, layers: Layers, path: Path | str, *, metadata: Mapping[str, str] | None = None
    ) -> Path:
        """Write the file atomically (see :meth:`Writer.write`); a partitioned dataset
        of ours at ``path`` (a Dask build's) is replaced once the file is complete."""
        path = Path(path)
        if not (path.is_dir() and owns_dataset(path)):
            return super().write(layers, path, metadata=metadata)
        aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
        try:
            new = super().write(layers, aside / path.name, metadata=metadata)
            os.replace(path, aside / "dataset")
            os.replace(new, path)
        except OSError as exc:
            raise output_error(path, exc) from exc
        finally:
            shutil.rmtree(aside, ignore_errors=True)
        return path

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is a Parquet file with an ``event_id`` column."""
        try:
            return "event_id" in pq.read_schema(path).names
        except (pa.ArrowException, OSError):
            return False

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        geoparquet_frame(layers["events"]).to_parquet(
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
    is never replaced.
    """
    path = Path(path)
    if ((path.is_file() and path.stat().st_size > 0) or path.is_dir()) and not owns_dataset(path):
        raise OutputError(
            f"{path} exists and is not a conflictgeo parquet output (no events with an "
            "event_id column); nothing was changed. Choose another --out directory, or "
            "move it away if it may be replaced"
        )
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
        temp.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would make the dataset private
        write(temp)
        old = None
        if path.exists():  # a directory cannot be replaced in one step: move it aside first
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(temp, path)
        temp = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except (OSError, pa.ArrowException) as exc:
        raise output_error(path, exc) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(temp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def owns_dataset(path: Path) -> bool:
    """Whether ``path`` (a Parquet file or dataset directory) holds events of ours."""
    import pyarrow.dataset as ds

    try:
        return "event_id" in ds.dataset(path, format="parquet").schema.names
    except (pa.ArrowException, OSError, ValueError):
        return False
