"""GeoPackage writer: every layer in one ``.gpkg`` file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pandas as pd
import pyogrio
import pyogrio.errors

from conflictgeo.export.base import MARK_KEY, Layers, Writer, write_ogr_layer
from conflictgeo.export.styles import layer_styles_table
from conflictgeo.layers import LAYER_GEOMETRY, LAYER_NAMES, SpooledLayer

__all__ = ["GeoPackageWriter"]

#: Layer descriptions stored in ``gpkg_contents`` (shown by QGIS).
DESCRIPTIONS: dict[str, str] = {
    "events": "Conflict events extracted from news reports, one row per event",
    "places": "Gazetteer places the reports resolve to, one row per GeoNames id",
    "mentions": "Place-name mentions in the reports, resolved or not",
    "documents": "The news reports the events were extracted from",
}


class GeoPackageWriter(Writer):
    """Write all layers to one GeoPackage (GDAL ``GPKG`` driver).

    Point layers are EPSG:4326 with an R-tree spatial index; ``documents`` is an
    attribute-only table (``gpkg_contents.data_type = 'attributes'``). Date
    columns are GeoPackage ``DATE`` fields. Layers are written in
    :data:`conflictgeo.layers.LAYER_NAMES` order, then any others.

    The dataset metadata given to :meth:`write` (project version, gazetteer
    sources, run time) goes into ``gpkg_metadata`` (scope ``dataset``), where
    GDAL (``ogrinfo``, :func:`pyogrio.read_info`) and QGIS's metadata panel
    show it. The QGIS default style of each layer
    (:mod:`conflictgeo.export.styles`) goes into the ``layer_styles`` table.
    ``conflictgeo_version`` in that metadata is the mark by which a later
    build knows the file is ours (:meth:`owns`).
    """

    name: ClassVar[str] = "gpkg"
    extension: ClassVar[str] = ".gpkg"
    driver: ClassVar[str] = "GPKG"

    def owns(self, path: Path) -> bool:
        """Whether the GeoPackage's dataset metadata carries ``conflictgeo_version``."""
        return MARK_KEY in (dataset_metadata(path) or {})

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        order = [n for n in LAYER_NAMES if n in layers] + [
            n for n in layers if n not in LAYER_NAMES
        ]
        for name in order:
            options = {"DESCRIPTION": DESCRIPTIONS.get(name, name)}
            if LAYER_GEOMETRY.get(name, "") is not None:
                options["SPATIAL_INDEX"] = "YES"
            layer = layers[name]
            # A spooled layer (a long build's mentions) is written chunk by chunk.
            chunks = layer.chunks() if isinstance(layer, SpooledLayer) else [layer]
            for i, chunk in enumerate(chunks):
                first = name == order[0] and i == 0
                write_ogr_layer(
                    chunk,
                    path,
                    layer=name,
                    driver=self.driver,
                    layer_options=options if i == 0 else None,
                    dataset_metadata=metadata if first else None,
                    # GeoPackage 1.2: QGIS 3.22 (GDAL 3.6) warns on GDAL 3.12's default 1.4.
                    dataset_options={"VERSION": "1.2"} if first else None,
                    append=i > 0,
                )
        styles = layer_styles_table(order)
        if len(styles):
            write_ogr_layer(
                pd.DataFrame(styles),
                path,
                layer="layer_styles",
                driver=self.driver,
                layer_options={"DESCRIPTION": "QGIS default styles of the layers", "FID": "id"},
            )


def dataset_metadata(path: Path) -> dict[str, str] | None:
    """The dataset metadata (``gpkg_metadata``) GDAL reads from a GeoPackage, or
    ``None`` when GDAL cannot open it as one."""
    try:
        return pyogrio.read_info(path, layer=0)["dataset_metadata"] or {}
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError):
        return None
