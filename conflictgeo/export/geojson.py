"""GeoJSON writer: the ``events`` layer as an RFC 7946 FeatureCollection."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import ClassVar

import pyogrio

from conflictgeo._version import __version__
from conflictgeo.export.base import Layers, Writer, write_ogr_layer

__all__ = ["GeoJSONWriter"]


class GeoJSONWriter(Writer):
    """Write the ``events`` layer as RFC 7946 GeoJSON (GDAL ``GeoJSON`` driver).

    ``RFC7946=YES`` gives WGS 84 longitude/latitude without a ``crs`` member;
    coordinates keep 6 decimals (about 10 cm). Each feature's top-level ``id``
    is its ``event_id`` (``ID_FIELD``), which also stays in ``properties``.
    Dates are ISO 8601 strings; unplaced events are features with
    ``"geometry": null``. The FeatureCollection carries the member
    ``"conflictgeo": {"version": ...}`` (RFC 7946 section 6.1, a foreign
    member): the mark by which a later build knows the file is ours.
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
        options = dict(self.layer_options)
        member = _MEMBER if not self.mark_beside else None
        if member and _GDAL_WRITES_MEMBERS:
            options["FOREIGN_MEMBERS_COLLECTION"] = "{" + member + "}"
        # GDAL moves the ID_FIELD column out of "properties"; write a copy of
        # event_id as that column so event_id stays a property as well.
        write_ogr_layer(
            events.assign(id=events["event_id"]),
            path,
            layer="events",
            driver=self.driver,
            iso_dates=self.iso_dates,
            layer_options=options,
        )
        if member and not _GDAL_WRITES_MEMBERS:
            _insert_member(path, member)

    def owns(self, path: Path) -> bool:
        """Whether the FeatureCollection in ``path`` carries our ``"conflictgeo"`` member."""
        if self.mark_beside:
            return super().owns(path)
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD).decode("utf-8", "replace")
        except OSError:
            return False
        head = head.split('"features"', 1)[0]  # members after the features are not looked for
        found = _MEMBER_RX.search(head)
        if not found:
            return False
        try:
            return isinstance(json.loads(found.group(1)).get("version"), str)
        except ValueError:
            return False


# The mark: a foreign member of the FeatureCollection, written before "features".
_MEMBER = '"conflictgeo": ' + json.dumps({"version": __version__})
_MEMBER_RX = re.compile(r'"conflictgeo"\s*:\s*(\{[^{}]*\})')
_HEAD = 64 * 1024
# GDAL 3.9 added the FOREIGN_MEMBERS_COLLECTION layer option.
_GDAL_WRITES_MEMBERS = pyogrio.__gdal_version__ >= (3, 9, 0)


def _insert_member(path: Path, member: str) -> None:
    """Add ``member`` after the ``"type"`` of the FeatureCollection GDAL wrote (for a
    GDAL without FOREIGN_MEMBERS_COLLECTION); the file is copied once."""
    temp = path.with_name(path.name + ".member")
    with path.open("rb") as source, temp.open("wb") as target:
        head = source.read(_HEAD)
        opening = re.match(rb'\s*\{\s*"type"\s*:\s*"FeatureCollection"\s*,', head)
        if opening is None:  # pragma: no cover - GDAL always writes the type first
            raise ValueError(f"{path}: not a FeatureCollection as GDAL writes one")
        end = opening.end()
        target.write(head[:end] + b"\n" + member.encode() + b",")
        target.write(head[end:])
        while block := source.read(1 << 20):
            target.write(block)
    os.replace(temp, path)
