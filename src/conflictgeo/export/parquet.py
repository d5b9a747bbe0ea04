"""GeoParquet writer: the ``events`` layer as a GeoParquet 1.x file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflictgeo.export import Layers, Writer
from conflictgeo.layers import CRS, LAYER_FIELDS

__all__ = ["ParquetWriter"]


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

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is a Parquet file with an ``event_id`` column."""
        try:
            return "event_id" in pq.read_schema(path).names
        except (pa.ArrowException, OSError):
            return False

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        events = layers["events"]
        if events.crs is None:
            events = events.set_crs(CRS)
        dates = [c for c, kind in LAYER_FIELDS["events"].items() if kind == "date" and c in events]
        events = events.astype(dict.fromkeys(dates, pd.ArrowDtype(pa.date32())))
        events.to_parquet(
            path,
            index=False,
            compression="zstd",
            geometry_encoding="WKB",
            write_covering_bbox=False,
            schema_version="1.0.0",
        )
