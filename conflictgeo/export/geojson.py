"""GeoJSON writer: the ``events`` layer as an RFC 7946 FeatureCollection."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from conflictgeo.export.base import Layers, Writer, write_ogr_layer

__all__ = ["GeoJSONWriter"]


class GeoJSONWriter(Writer):
    """Write the ``events`` layer as RFC 7946 GeoJSON (GDAL ``GeoJSON`` driver).

    ``RFC7946=YES`` gives WGS 84 longitude/latitude without a ``crs`` member;
    coordinates keep 6 decimals (about 10 cm). Each feature's top-level ``id``
    is its ``event_id`` (``ID_FIELD``), which also stays in ``properties``.
    Dates are ISO 8601 strings; unplaced events are features with
    ``"geometry": null``.
    """

    name: ClassVar[str] = "geojson"
    extension: ClassVar[str] = ".geojson"
    driver: ClassVar[str] = "GeoJSON"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)

    #: GDAL GeoJSON layer creation options.
    layer_options: ClassVar[dict[str, str]] = {
        "RFC7946": "YES",
        "ID_FIELD": "id",
        "ID_TYPE": "String",
        "COORDINATE_PRECISION": "6",
        "SIGNIFICANT_FIGURES": "15",
        "WRITE_NAME": "YES",
    }
    #: Write Date fields as ISO text (the GeoJSON driver does; GeoJSONSeq would not).
    iso_dates: ClassVar[bool] = False

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        events = layers["events"]
        # GDAL moves the ID_FIELD column out of "properties"; write a copy of
        # event_id as that column so event_id stays a property as well.
        write_ogr_layer(
            events.assign(id=events["event_id"]),
            path,
            layer="events",
            driver=self.driver,
            iso_dates=self.iso_dates,
            layer_options=self.layer_options,
        )
