"""Write the layers of :func:`conflictgeo.layers.build_layers` to GIS files.

One writer per format, looked up in :data:`WRITERS` by format name or by file
extension (:func:`get_writer`)::

    >>> sorted(WRITERS)
    ['acled', 'csv', 'geojson', 'geojsonseq', 'gpkg', 'parquet', 'ucdp']
    >>> type(get_writer("out/events.geojson")).__name__
    'GeoJSONWriter'
    >>> type(get_writer("out/events_acled.csv")).__name__
    'AcledWriter'


Every writer goes through GDAL (pyogrio) and is atomic: the file is written
under a temporary name in the destination directory and moved into place with
:func:`os.replace`, so a failed or interrupted write never leaves a
half-written output and an existing output is replaced only by a complete one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from conflictgeo.errors import UnknownFormat
from conflictgeo.export.acled import AcledWriter
from conflictgeo.export.base import Layers, Writer, write_ogr_layer
from conflictgeo.export.csv import CsvWriter
from conflictgeo.export.geojson import GeoJSONWriter
from conflictgeo.export.geojsonseq import GeoJSONSeqWriter
from conflictgeo.export.geopackage import GeoPackageWriter
from conflictgeo.export.metadata import dataset_metadata
from conflictgeo.export.parquet import ParquetWriter
from conflictgeo.export.ucdp import UcdpWriter

__all__ = [
    "WRITERS",
    "AcledWriter",
    "CsvWriter",
    "GeoJSONSeqWriter",
    "GeoJSONWriter",
    "GeoPackageWriter",
    "Layers",
    "ParquetWriter",
    "UcdpWriter",
    "Writer",
    "dataset_metadata",
    "get_writer",
    "write_all",
    "write_ogr_layer",
]

#: Format name -> writer class, like geopy's ``SERVICE_TO_GEOCODER``.
WRITERS: dict[str, type[Writer]] = {
    GeoPackageWriter.name: GeoPackageWriter,
    GeoJSONWriter.name: GeoJSONWriter,
    CsvWriter.name: CsvWriter,
    GeoJSONSeqWriter.name: GeoJSONSeqWriter,
    ParquetWriter.name: ParquetWriter,
    AcledWriter.name: AcledWriter,
    UcdpWriter.name: UcdpWriter,
}


def get_writer(fmt_or_path: str | os.PathLike[str]) -> Writer:
    """The writer for a format name (``"gpkg"``) or a file name (``"out/x.gpkg"``).

    Parameters
    ----------
    fmt_or_path : str or os.PathLike
        A key of :data:`WRITERS` (any case, with or without a leading dot) or
        a path whose extension is a writer's :attr:`Writer.extension`.

    Returns
    -------
    Writer
        A new writer instance.

    Raises
    ------
    UnknownFormat
        When nothing matches; the message lists the valid choices.
    """
    text = os.fspath(fmt_or_path).strip()
    key = text.lower().lstrip(".")
    if key in WRITERS:
        return WRITERS[key]()
    name = Path(text).name.lower()
    # the longest file suffix first: "events_acled.csv" is ACLED's, "events.csv" the CSV
    for writer in sorted(WRITERS.values(), key=lambda w: -len(w().file_suffix)):
        if Path(name).suffix and name.endswith(writer().file_suffix):
            return writer()
    choices = ", ".join(sorted(WRITERS))
    extensions = ", ".join(sorted({w().file_suffix for w in WRITERS.values()}))
    raise UnknownFormat(
        f"unknown output format {text!r}: choose one of {choices} "
        f"(or a file name ending in {extensions})"
    )


def write_all(
    layers: Layers,
    outdir: Path | str,
    *,
    stem: str = "events",
    formats: Iterable[str] = ("gpkg", "geojson", "csv"),
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``layers`` in each of ``formats`` as ``outdir/<stem><extension>``.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers from :func:`conflictgeo.layers.build_layers`.
    outdir : pathlib.Path or str
        Output directory, created if missing.
    stem : str, default "events"
        File name without extension.
    formats : iterable of str, default ("gpkg", "geojson", "csv")
        Format names (keys of :data:`WRITERS`). All are checked before anything
        is written.
    metadata : mapping of str to str, optional
        Dataset metadata, see :meth:`Writer.write`.

    Returns
    -------
    list of pathlib.Path
        The main file written for each format, in ``formats`` order (the CSV's
        ``.csvt`` is written beside it; ACLED's and UCDP's tables are
        ``<stem>_acled.csv`` and ``<stem>_ucdp.csv``).

    Raises
    ------
    UnknownFormat
        When a format has no writer.
    OutputError
        When a file cannot be written.
    """
    if isinstance(formats, str):
        formats = (formats,)
    writers = [get_writer(fmt) for fmt in formats]
    outdir = Path(outdir)
    return [
        writer.write(layers, outdir / f"{stem}{writer.file_suffix}", metadata=metadata)
        for writer in writers
    ]
