"""The whole job: reports in, a geodatabase out.

:func:`build` reads the inputs, maps :func:`conflictgeo.document.process_document`
over them with a runner (:mod:`conflictgeo.run`), merges duplicate events
(:mod:`conflictgeo.merge`), builds the layers and writes them (:mod:`conflictgeo.export`)
or adds them to a store (:mod:`conflictgeo.store`). Its options are one frozen
:class:`BuildOptions`, filled by the command line and by Python callers alike.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictgeo.errors import ArgumentTypeError, InputError, NothingToBuild, OutputError
from conflictgeo.ingest import parse_date, read_documents
from conflictgeo.merge import DEFAULT_RULES, MergeRules, merge_events
from conflictgeo.model import Document, DocumentResult, Event
from conflictgeo.run.pool import limit_documents, process_stream

# The stages (their regexes) and the writers (pandas, GDAL) take most of a second to
# import: they are imported when a build runs, so that `import conflictgeo` and
# the commands that need neither (`extract`, `--help`) start at once.
if TYPE_CHECKING:
    from conflictgeo.export import Writer
    from conflictgeo.gazetteer.index import Gazetteer
    from conflictgeo.gazetteer.online import OnlineGeocoder
    from conflictgeo.geoparse.parser import BBox

__all__ = ["BuildOptions", "BuildReport", "build"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """Everything a build can be told, besides its inputs and output directory.

    Parameters
    ----------
    published
        Publication date for reports that carry none (relative dates resolve against it).
    country, bbox
        Only places in this country (ISO 3166-1 alpha-2) / inside this box are considered.
    online
        An online geocoder asked for cued names the gazetteer lacks (off by default).
    formats
        Output formats written to the output directory (see :mod:`conflictgeo.export`).
    text_column
        CSV column / JSON field holding the report text.
    ingested_at
        The ``documents.ingested_at`` stamp (default: now).
    append, into, db
        Add to ``OUTDIR/events.gpkg``, to this GeoPackage, or to this PostGIS
        database instead of replacing the outputs (see :mod:`conflictgeo.store`).
    workers
        Processes sharing the per-document stages; the output is the same for any number.
    limit
        Stop after that many reports.
    dask
        A Dask scheduler address, or ``"local"``: run on a cluster instead.
    merge_rules
        When two reports are one event (:class:`~conflictgeo.merge.MergeRules`);
        ``None`` keeps every event as reported.
    csv_raw
        Write CSV cells that a spreadsheet would evaluate as formulas as they are
        (by default they get a leading ``'``: :mod:`conflictgeo.export.csv`).

    >>> BuildOptions(published="2013-08-14").published
    datetime.date(2013, 8, 14)
    """

    published: dt.date | None = None
    country: str | None = None
    bbox: BBox | None = None
    online: OnlineGeocoder | None = None
    formats: tuple[str, ...] = ("gpkg", "geojson", "csv")
    text_column: str | None = None
    ingested_at: str | None = None
    append: bool = False
    into: str | os.PathLike[str] | None = None
    db: str | None = None
    workers: int = 1
    limit: int | None = None
    dask: str | None = None
    merge_rules: MergeRules | None = DEFAULT_RULES
    csv_raw: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.published, dt.datetime):
            object.__setattr__(self, "published", self.published.date())
        if self.published is not None and not isinstance(self.published, str | dt.date):
            raise ArgumentTypeError(
                "published must be a datetime.date or an ISO date string such as "
                f"'2013-08-14', not {type(self.published).__name__} {self.published!r}"
            )
        if isinstance(self.published, str):  # accepted for convenience, kept as a date
            object.__setattr__(
                self, "published", parse_date(self.published, what="--published date")
            )
        object.__setattr__(self, "formats", tuple(self.formats))

    @property
    def adds_to_store(self) -> bool:
        return self.append or self.into is not None or self.db is not None

    @property
    def where(self) -> dict[str, Any]:
        """The place restrictions :func:`~conflictgeo.document.process_document` takes."""
        return {"country": self.country, "bbox": self.bbox, "online": self.online}


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts, the problems met, and the files written."""

    documents: int = 0
    events: int = 0
    mentions: int = 0
    errors: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    skipped: int = 0  # reports already in the store (same content hash): not processed again
    merged: int = 0  # new events folded into events the store already held
    store: str | None = None  # the store added to (--append, --into, --db)


def build(
    inputs: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str] | None,
    options: BuildOptions | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    on_document: Callable[[Document | InputError], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    **overrides: Any,
) -> BuildReport:
    """Read ``inputs``, process every report, merge duplicates and write the layers.

    ``options`` (a :class:`BuildOptions`) say how; keyword arguments named
    like its fields override them (``build(paths, "out/", published="2013-08-14")``).

    Bad inputs do not stop the build: they are collected in ``BuildReport.errors``.
    When no report at all could be read (every input missing, empty or
    unreadable) nothing is written, so an earlier build in ``outdir`` is left
    as it was, and :class:`~conflictgeo.errors.NothingToBuild` is raised with
    each input's error. ``workers`` processes share the
    per-document stages (see :mod:`conflictgeo.run.pool`); the output is the
    same for any number. ``dask`` (a scheduler address, or ``"local"``) runs
    them on a Dask cluster instead (see :mod:`conflictgeo.run.cluster`), with
    the same result. ``on_document`` is called for each report as its
    processing finishes, ``on_stage`` with the name of each stage as it
    starts (``"reading the store"``, ``"processing"``, ``"merging"``,
    ``"writing"``) and with ``"written"`` once every output is in place.

    With ``append`` (``OUTDIR/events.gpkg``), ``into`` (a GeoPackage) or ``db``
    (a PostgreSQL URL) the reports are added to what that store holds (see
    :mod:`conflictgeo.store`): reports already stored are skipped, duplicate
    events merged into stored ones, and when nothing is new nothing is written.
    ``outdir`` may then be ``None``; if given, its other formats are written
    from the merged layers too.
    """
    options = dataclasses.replace(options or BuildOptions(), **overrides)
    with contextlib.ExitStack() as held:  # the locks and the store, let go of at the end
        return _build(
            inputs,
            outdir,
            options,
            held,
            gazetteer=gazetteer,
            on_document=on_document,
            on_stage=on_stage,
        )


def _build(
    inputs: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str] | None,
    options: BuildOptions,
    held: contextlib.ExitStack,
    *,
    gazetteer: Gazetteer | None,
    on_document: Callable[[Document | InputError], None] | None,
    on_stage: Callable[[str], None] | None,
) -> BuildReport:
    from conflictgeo.document import default_gazetteer, process_document, warm_up
    from conflictgeo.export import (
        Staging,
        check_outputs,
        dataset_metadata,
        output_paths,
        stage_outputs,
    )
    from conflictgeo.export.base import output_error
    from conflictgeo.export.lock import lock_all
    from conflictgeo.layers import LayerStream
    from conflictgeo.store import merge_layers, open_store

    stage = on_stage or (lambda name: None)
    gazetteer = gazetteer or default_gazetteer()
    report = BuildReport()
    store = None
    formats = options.formats
    for fmt in formats:  # an unknown format fails before any report is processed
        _extension(fmt)
    if outdir is None and options.into is None and options.db is None:
        raise OutputError("nowhere to build: give -o OUTDIR, --into FILE.gpkg or --db URL")
    if options.adds_to_store:
        store = open_store(outdir, into=options.into, db=options.db)
    if outdir is not None:  # a foreign file there fails the build before any work
        check_outputs(outdir, _writers(formats, options, outdir, store.path if store else None))
    if store is not None:
        stage("reading the store")
        # One lock per directory written, all taken now, in path order: the store's
        # read, merge and write and the other outputs are one step for other builds.
        targets = [p for p in (store.path, outdir and Path(outdir) / "events") if p is not None]
        held.enter_context(lock_all(targets))
        held.enter_context(store)
        report.store = store.location
    known = store.content_hashes() if store else set()

    def unseen(items: Iterable[Document | InputError]) -> Iterable[Document | InputError]:
        """Reports the store already holds (or this input repeats) are not processed again."""
        for item in items:
            if store is not None and isinstance(item, Document):
                if item.content_hash in known:
                    report.skipped += 1
                    continue
                known.add(item.content_hash)
            yield item

    items = unseen(
        limit_documents(
            read_documents(inputs, published=options.published, text_column=options.text_column),
            options.limit,
        )
    )
    where = options.where
    rules = options.merge_rules
    stage("processing")
    if options.dask is not None:
        # Without a store the workers write GeoParquet themselves (a partitioned
        # dataset); results come back only for the formats written here.
        on_cluster = (
            Path(outdir) / f"events{_extension('parquet')}"
            if store is None and outdir is not None and "parquet" in _names(formats)
            else None
        )
        formats = tuple(f for f in formats if on_cluster is None or _names([f]) != ["parquet"])
        run = _on_cluster(
            items,
            gazetteer,
            options.dask,
            options.workers,
            where,
            rules=rules,
            parquet=on_cluster,
            collect=store is not None or bool(formats),
            on_document=on_document,
        )
        streamed, events = run.items, run.events
        if on_cluster is not None and run.parquet is not None:
            report.outputs.append(run.parquet)
        if not run.collected:  # only the dataset was asked for: the counts came back
            report.documents, report.mentions, report.events = run.counts
            report.errors += [e for e in run.items if isinstance(e, InputError)]
            return report
    else:
        streamed = process_stream(
            items,
            process_document,
            gazetteer,
            workers=options.workers,
            warm_up=warm_up,
            **where,
        )
        events = None
    # Without a store the layers are made as the results arrive (mentions spooled to
    # disk): memory grows with the events, not with the reports. A store merges
    # the results into what it holds, so they are kept.
    assembly = None
    if store is None:
        spool = held.enter_context(tempfile.TemporaryDirectory(prefix="conflictgeo-spool-"))
        assembly = LayerStream(ingested_at=options.ingested_at, spool=Path(spool))
    results: list[DocumentResult] = []
    for result in streamed:
        if on_document and options.dask is None:  # the cluster reports documents itself
            on_document(result if isinstance(result, InputError) else result.document)
        if isinstance(result, InputError):
            report.errors.append(result)
            continue
        if assembly is not None:
            assembly.add(result)
        else:
            results.append(result)
        report.documents += 1
        report.mentions += len(result.mentions)
    if not report.documents:
        if not report.skipped:  # every report already stored is "nothing new", not a failure
            raise NothingToBuild(report.errors)
        return report
    metadata = dataset_metadata(gazetteer.info())
    stage("merging")
    if store is not None:
        layers, report.merged = merge_layers(
            store.layers, results, ingested_at=options.ingested_at, rules=rules
        )
        report.events = sum(len(r.events) for r in results) - report.merged
    elif assembly is not None:
        if events is None:
            events = merge_events(assembly.events, rules=rules)
        report.events = len(events)
        layers = assembly.layers(events)
    stage("writing")
    # Every output to a temporary file first; moved in together when all are written.
    with Staging() as staging:
        staging.on_commit.append(lambda: stage("written"))
        if store is not None:
            store.stage(layers, staging, metadata=metadata)
            if store.path is not None:
                report.outputs.append(store.path)
        if outdir is not None:
            writers = _writers(formats, options, outdir, store.path if store else None)
            paths = output_paths(outdir, writers)
            held.enter_context(lock_all(paths))
            stage_outputs(layers, Path(outdir), writers, staging, metadata=metadata)
            report.outputs += paths
        try:
            store.commit(staging) if store is not None else staging.commit()
        except OSError as exc:
            raise output_error(Path(exc.filename or outdir or "."), exc) from exc
    return report


def _writers(
    formats: Iterable[str],
    options: BuildOptions,
    outdir: str | os.PathLike[str],
    stored: Path | None,
) -> list[Writer]:
    """The writers of the formats written to ``outdir`` (the store's own file is the store's)."""
    from conflictgeo.export import output_paths, output_writers

    writers = output_writers(formats, csv_raw=options.csv_raw)
    return [w for w in writers if stored is None or output_paths(outdir, [w])[0] != stored]


def _extension(fmt: str) -> str:
    from conflictgeo.export import get_writer

    return get_writer(fmt).extension


def _names(formats: Iterable[str]) -> list[str]:
    from conflictgeo.export import get_writer

    return [get_writer(fmt).name for fmt in formats]


@dataclass(slots=True)
class _ClusterBuild:
    items: list[DocumentResult | InputError]  # errors first, then results in input order
    events: list[Event] | None  # merged
    collected: bool
    counts: tuple[int, int, int]  # documents, mentions, merged events
    parquet: Path | None


def _on_cluster(
    items: Iterable[Document | InputError],
    gazetteer: Gazetteer,
    address: str,
    workers: int,
    where: dict[str, Any],
    *,
    rules: MergeRules | None,
    parquet: Path | None,
    collect: bool,
    on_document: Callable[[Document | InputError], None] | None,
) -> _ClusterBuild:
    """Process every report on the cluster (see :mod:`conflictgeo.run.cluster`)."""
    # Imported here: Dask is an optional extra, and slow to import.
    from conflictgeo.document import process_document
    from conflictgeo.run.cluster import connect, process_on_cluster, split_items

    documents, errors = split_items(items)
    for error in errors if on_document else ():
        on_document(error)
    with connect(address, workers=workers) as client:
        run = process_on_cluster(
            documents,
            process_document,
            gazetteer,
            client,
            rules=rules,
            parquet=parquet,
            collect=collect,
            on_document=on_document,
            **where,
        )
    return _ClusterBuild(
        [*errors, *run.results],
        run.events if collect else None,
        collect,
        (run.documents, run.mentions, run.merged_events),
        run.parquet,
    )
