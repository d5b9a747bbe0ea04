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
:func:`write_all` does the same for all formats at once (none is moved in
before all are written), under the directory's lock. A file that does not
carry our mark (:meth:`Writer.owns`) is never replaced.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from conflictgeo.errors import ForeignOutput, OutputError, UnknownFormat
from conflictgeo.export.acled import AcledWriter
from conflictgeo.export.base import (
    GDAL_ERRORS,
    Layers,
    Writer,
    output_error,
    prepare_directory,
    write_ogr_layer,
)
from conflictgeo.export.commit import Staging
from conflictgeo.export.csv import CsvWriter
from conflictgeo.export.geojson import GeoJSONWriter
from conflictgeo.export.geojsonseq import GeoJSONSeqWriter
from conflictgeo.export.geopackage import GeoPackageWriter
from conflictgeo.export.lock import lock_all
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
    "Staging",
    "UcdpWriter",
    "Writer",
    "check_outputs",
    "dataset_metadata",
    "get_writer",
    "output_paths",
    "output_writers",
    "stage_outputs",
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


def output_writers(formats: Iterable[str] | str, *, csv_raw: bool = False) -> list[Writer]:
    """The writers of ``formats`` (names or file names), checked before anything is written.

    ``csv_raw`` makes the CSV writer write formulas raw (see :mod:`conflictgeo.export.csv`).
    """
    if isinstance(formats, str):
        formats = (formats,)
    writers = [get_writer(fmt) for fmt in formats]
    return [CsvWriter(raw=True) if csv_raw and type(w) is CsvWriter else w for w in writers]


def output_paths(
    outdir: Path | str, writers: Iterable[Writer], *, stem: str = "events"
) -> list[Path]:
    """Where each writer writes in ``outdir``: ``outdir/<stem><file suffix>``."""
    return [Path(outdir) / f"{stem}{writer.file_suffix}" for writer in writers]


def check_outputs(outdir: Path | str, writers: Iterable[Writer], *, stem: str = "events") -> None:
    """Raise before any work when ``outdir`` cannot take the outputs: it is a file,
    or one of the files there was not written by conflictgeo (each is named)."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(
            f"cannot write to {outdir}: it is a file, not a directory; give --out a directory "
            "(it is created if missing), or --into FILE.gpkg to add to a GeoPackage"
        )
    for parent in outdir.parents:  # "a/file.txt/out": mkdir would say "not a directory"
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(
                    f"cannot write to {outdir}: {parent} is a file, not a directory; "
                    "choose another --out directory"
                )
            break
    writers = list(writers)
    problems = [
        problem
        for writer, path in zip(writers, output_paths(outdir, writers, stem=stem), strict=True)
        if (problem := writer.check(path))
    ]
    if problems:
        them = "it" if len(problems) == 1 else "them"
        raise ForeignOutput(
            "; ".join(problems) + f"; nothing was changed. Choose another --out directory, "
            f"or move {them} away if {'it' if len(problems) == 1 else 'they'} may be replaced"
        )


def stage_outputs(
    layers: Layers,
    outdir: Path | str,
    writers: Iterable[Writer],
    staging: Staging,
    *,
    stem: str = "events",
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every output to temporary files in ``staging`` (moved in on its commit).

    The caller holds the lock of ``outdir`` (:func:`conflictgeo.export.lock.lock_all`);
    returns where the outputs go.
    """
    writers = list(writers)
    paths = output_paths(outdir, writers, stem=stem)
    for writer in writers:
        writer.check_layers(layers, Path(outdir))
    prepare_directory(
        Path(outdir),
        [p for w, path in zip(writers, paths, strict=True) for p in [path, *w.companions(path)]],
    )
    check_outputs(outdir, writers, stem=stem)  # again, under the lock
    for writer, path in zip(writers, paths, strict=True):
        try:
            writer.stage(layers, path, staging, metadata=metadata)
        except (OSError, *GDAL_ERRORS) as exc:
            raise output_error(path, exc) from exc
    return paths


def write_all(
    layers: Layers,
    outdir: Path | str,
    *,
    stem: str = "events",
    formats: Iterable[str] = ("gpkg", "geojson", "csv"),
    metadata: Mapping[str, str] | None = None,
    csv_raw: bool = False,
) -> list[Path]:
    """Write ``layers`` in each of ``formats`` as ``outdir/<stem><extension>``, all or none.

    Every format is written to a temporary file first; they are moved into
    place together when all are complete (:mod:`conflictgeo.export.commit`),
    under the directory's lock (:mod:`conflictgeo.export.lock`). A failure or
    an interruption before then leaves ``outdir`` as it was.

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
    csv_raw : bool, default False
        Write CSV cells that a spreadsheet would evaluate as they are
        (:mod:`conflictgeo.export.csv`).

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
    ForeignOutput
        When a file in ``outdir`` was not written by conflictgeo (nothing is written).
    OutputError
        When a file cannot be written.
    """
    writers = output_writers(formats, csv_raw=csv_raw)
    outdir = Path(outdir)
    check_outputs(outdir, writers, stem=stem)
    paths = output_paths(outdir, writers, stem=stem)
    with lock_all(paths), Staging() as staging:
        stage_outputs(layers, outdir, writers, staging, stem=stem, metadata=metadata)
        try:
            staging.commit()
        except OSError as exc:
            raise output_error(outdir, exc) from exc
    return paths
