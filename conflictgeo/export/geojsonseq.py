"""GeoJSONSeq writer: the ``events`` layer as newline-delimited GeoJSON features."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from conflictgeo.export.base import Layers
from conflictgeo.export.geojson import GeoJSONWriter

__all__ = ["GeoJSONSeqWriter"]


class GeoJSONSeqWriter(GeoJSONWriter):
    """Write the ``events`` layer as GeoJSON text sequences (GDAL ``GeoJSONSeq`` driver).

    One RFC 7946 feature per line (no enclosing FeatureCollection, no record
    separator), so a consumer can stream it line by line (``jq -c``, ``tail
    -f``, ``pyogrio.read_dataframe``). Features are exactly those of
    :class:`~conflictgeo.export.geojson.GeoJSONWriter`: top-level ``id`` =
    ``event_id``, ISO dates, ``"geometry": null`` for unplaced events. A
    sequence has no collection to carry our mark: ``<file>.conflictgeo``
    beside it does (see :meth:`Writer.owns`).
    """

    name: ClassVar[str] = "geojsonseq"
    extension: ClassVar[str] = ".geojsonl"
    driver: ClassVar[str] = "GeoJSONSeq"
    mark_beside: ClassVar[bool] = True

    #: GDAL GeoJSONSeq layer creation options: the GeoJSON writer's feature options
    #: (so the two flavours cannot drift apart), ``RS=NO`` for newline-delimited.
    layer_options: ClassVar[dict[str, str]] = {
        **{
            key: GeoJSONWriter.layer_options[key]
            for key in ("ID_FIELD", "ID_TYPE", "COORDINATE_PRECISION", "SIGNIFICANT_FIGURES")
        },
        "RS": "NO",
    }
    iso_dates: ClassVar[bool] = True  # the GeoJSONSeq driver writes Date fields as YYYY/MM/DD

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        super()._write(layers, path, metadata)
        _escape_line_separators(path)


# U+2028 and U+2029 in UTF-8. GDAL writes them raw, valid JSON, but line readers
# (str.splitlines(), many JSON Lines parsers) end a line there. In UTF-8 these
# bytes are those characters and nothing else, so they can be replaced as bytes.
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


def _escape_line_separators(path: Path) -> None:
    """Write U+2028 and U+2029 in ``path`` as JSON escapes."""
    data = path.read_bytes()
    if b"\xe2\x80\xa8" not in data and b"\xe2\x80\xa9" not in data:
        return
    for raw, escaped in _LINE_SEPARATORS:
        data = data.replace(raw, escaped)
    path.write_bytes(data)
