"""CSV writer: the ``events`` layer as ``.csv`` plus a ``.csvt`` of column types."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from conflictgeo.export.base import Layers, Writer, write_ogr_layer
from conflictgeo.layers import LAYER_FIELDS

__all__ = ["CsvWriter"]

#: GDAL ``.csvt`` type of each logical field type of :data:`conflictgeo.layers.LAYER_FIELDS`.
CSVT_TYPES: dict[str, str] = {
    "str": "String",
    "int": "Integer",
    "float": "Real",
    "bool": "Integer(Boolean)",
    "date": "Date",
}


class CsvWriter(Writer):
    """Write the ``events`` layer as UTF-8 CSV (GDAL ``CSV`` driver).

    No geometry column is written: ``longitude`` and ``latitude`` are ordinary
    columns. Dates are ISO 8601 (``YYYY-MM-DD``). ``<stem>.csvt`` beside the
    file gives one GDAL type per column (``String``, ``Integer``, ``Real``,
    ``Date``) from :data:`conflictgeo.layers.LAYER_FIELDS`, which GDAL/QGIS use
    when reading the CSV back.
    """

    name: ClassVar[str] = "csv"
    extension: ClassVar[str] = ".csv"
    driver: ClassVar[str] = "CSV"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)
    sidecar_extensions: ClassVar[tuple[str, ...]] = (".csvt",)

    #: GDAL CSV layer creation options (the ``.csvt`` is written by :meth:`_write`,
    #: since GDAL's would declare the ISO date columns as ``String``).
    layer_options: ClassVar[dict[str, str]] = {
        "CREATE_CSVT": "NO",
        "SEPARATOR": "COMMA",
        "LINEFORMAT": "LF",
        "WRITE_BOM": "NO",
        "STRING_QUOTING": "IF_AMBIGUOUS",
    }

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        events = layers["events"]
        write_ogr_layer(
            events,
            path,
            layer="events",
            driver=self.driver,
            geometry=False,
            iso_dates=True,
            layer_options=self.layer_options,
        )
        kinds = LAYER_FIELDS["events"]
        columns = [c for c in events.columns if c != events.geometry.name]
        types = [CSVT_TYPES.get(kinds.get(c, "str"), "String") for c in columns]
        path.with_suffix(".csvt").write_text(",".join(types) + "\n", encoding="utf-8")
