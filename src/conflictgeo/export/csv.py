"""CSV writer: the ``events`` layer as ``.csv`` plus a ``.csvt`` of column types."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from conflictgeo.export import Layers, Writer, write_ogr_layer

__all__ = ["CsvWriter"]


class CsvWriter(Writer):
    """Write the ``events`` layer as UTF-8 CSV (GDAL ``CSV`` driver).

    No geometry column is written: ``longitude`` and ``latitude`` are ordinary
    columns. ``CREATE_CSVT=YES`` writes ``<stem>.csvt`` beside the file with
    one GDAL type per column (``String``, ``Integer``, ``Real``, ``Date``), which
    GDAL/QGIS use when reading the CSV back. GDAL writes dates as
    ``YYYY/MM/DD``.
    """

    name: ClassVar[str] = "csv"
    extension: ClassVar[str] = ".csv"
    driver: ClassVar[str] = "CSV"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)
    sidecar_extensions: ClassVar[tuple[str, ...]] = (".csvt",)

    #: GDAL CSV layer creation options.
    layer_options: ClassVar[dict[str, str]] = {
        "CREATE_CSVT": "YES",
        "SEPARATOR": "COMMA",
        "LINEFORMAT": "LF",
        "WRITE_BOM": "NO",
        "STRING_QUOTING": "IF_AMBIGUOUS",
    }

    def _write(self, layers: Layers, path: Path) -> None:
        write_ogr_layer(
            layers["events"],
            path,
            layer="events",
            driver=self.driver,
            geometry=False,
            layer_options=self.layer_options,
        )
