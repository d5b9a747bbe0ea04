"""CSV writer: the ``events`` layer as ``.csv`` plus a ``.csvt`` of column types.

Cells that a spreadsheet would run as a formula are neutralised (OWASP's advice
on CSV injection): a text cell beginning ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (or the full-width ``＝ ＋ － ＠``) gets a leading ``'``, so
Excel, LibreOffice and Google Sheets show the text instead of evaluating it.
Numbers are numbers, not text, and are never changed (a longitude of -77.0);
nor is a text cell that is only a number ("-3"). ``CsvWriter(raw=True)``
(``build --csv-raw``) writes the text exactly as extracted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import pandas as pd

from conflictgeo.export.base import Layers, Writer, write_ogr_layer
from conflictgeo.layers import LAYER_FIELDS

__all__ = ["FORMULA_PREFIXES", "CsvWriter", "neutralise_formulas"]

#: GDAL ``.csvt`` type of each logical field type of :data:`conflictgeo.layers.LAYER_FIELDS`.
CSVT_TYPES: dict[str, str] = {
    "str": "String",
    "int": "Integer",
    "float": "Real",
    "bool": "Integer(Boolean)",
    "date": "Date",
}

#: First characters that make a spreadsheet read a cell as a formula (OWASP), and
#: their full-width forms, which some spreadsheets take for them.
FORMULA_PREFIXES = "=+-@\t\r＝＋－＠"

_FORMULA = re.compile(f"[{re.escape(FORMULA_PREFIXES)}]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class CsvWriter(Writer):
    """Write the ``events`` layer as UTF-8 CSV (GDAL ``CSV`` driver).

    No geometry column is written: ``longitude`` and ``latitude`` are ordinary
    columns. Dates are ISO 8601 (``YYYY-MM-DD``). ``<stem>.csvt`` beside the
    file gives one GDAL type per column (``String``, ``Integer``, ``Real``,
    ``Date``) from :data:`conflictgeo.layers.LAYER_FIELDS`, which GDAL/QGIS use
    when reading the CSV back; ``<file>.conflictgeo`` is our mark (see
    :meth:`Writer.owns`).

    Parameters
    ----------
    raw : bool, default False
        Write text cells as they are, formulas included; by default a cell a
        spreadsheet would evaluate gets a leading ``'`` (:func:`neutralise_formulas`).
    """

    name: ClassVar[str] = "csv"
    extension: ClassVar[str] = ".csv"
    driver: ClassVar[str] = "CSV"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)
    sidecar_extensions: ClassVar[tuple[str, ...]] = (".csvt",)
    mark_beside: ClassVar[bool] = True

    #: GDAL CSV layer creation options (the ``.csvt`` is written by :meth:`_write`,
    #: since GDAL's would declare the ISO date columns as ``String``).
    layer_options: ClassVar[dict[str, str]] = {
        "CREATE_CSVT": "NO",
        "SEPARATOR": "COMMA",
        "LINEFORMAT": "LF",
        "WRITE_BOM": "NO",
        "STRING_QUOTING": "IF_AMBIGUOUS",
    }

    def __init__(self, *, raw: bool = False) -> None:
        self.raw = raw

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        events = layers["events"]
        write_ogr_layer(
            events if self.raw else neutralise_formulas(events),
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

    def __repr__(self) -> str:
        return f"CsvWriter(raw={self.raw})" if self.raw else "CsvWriter()"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``'`` before every text cell a spreadsheet would evaluate.

    Only text columns are looked at (numbers stay numbers), and a text cell
    that is only a number is left as it is.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "-2", "@x", "ok"]}))["a"].tolist()
    ["'=1+1", '-2', "'@x", 'ok']
    """
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if column == getattr(frame, "_geometry_column_name", None) or not _is_text(values):
            continue
        risky = values.map(_is_formula).astype(bool)
        if risky.any():
            changed[column] = values.mask(risky, "'" + values[risky].astype(object))
    return frame.assign(**changed) if changed else frame


def _is_text(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)


def _is_formula(value: object) -> bool:
    return (
        isinstance(value, str)
        and _FORMULA.match(value) is not None
        and _NUMBER.fullmatch(value) is None
    )
