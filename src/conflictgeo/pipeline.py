"""The whole job: documents in, layers out. Stages run one way, each a pure function."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictgeo.errors import InputError, OutputError
from conflictgeo.extract.events import extract_events, scan
from conflictgeo.geo.gazetteer import Gazetteer, data_dir
from conflictgeo.geo.parser import BBox, geoparse
from conflictgeo.ingest import parse_date, read_documents
from conflictgeo.merge import DEFAULT_RULES, MergeRules, merge_events
from conflictgeo.model import Document, DocumentResult, Event
from conflictgeo.parallel import limit_documents, process_stream
from conflictgeo.text import prepare

if TYPE_CHECKING:  # geopy is slow to import and only needed with --online
    from conflictgeo.geo.online import OnlineGeocoder

log = logging.getLogger(__name__)


def process_document(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    bbox: BBox | None = None,
    online: OnlineGeocoder | None = None,
    events_only: bool = False,
) -> DocumentResult:
    """Geoparse ``doc`` and extract its events (see :func:`~conflictgeo.geo.parser.geoparse`).

    With ``events_only`` (the caller wants events, not every place mention) a
    report that tells of no event is not geoparsed: its result has no
    mentions. Most of a general news stream is such reports.
    """
    scanned = scan(doc)
    if events_only and not scanned.reports_events:
        return DocumentResult(doc, (), ())
    mentions = geoparse(doc, gazetteer, country=country, bbox=bbox, online=online)
    events = extract_events(doc, mentions, gazetteer, scanned)
    return DocumentResult(doc, tuple(mentions), tuple(events))


def process(
    text: str,
    *,
    published: str | dt.date | None = None,
    doc_id: str | None = None,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    country: str | None = None,
) -> DocumentResult:
    """Geoparse one report and extract its events.

    Parameters
    ----------
    text
        The report, as plain text.
    published
        Its publication date, which relative dates ("on Tuesday") are resolved against.
    doc_id
        An id for the report; by default a hash of its text.
    gazetteer
        An open gazetteer; by default the one in the user data directory.
    country
        ISO 3166-1 alpha-2 code: only places in that country are considered.
    """
    if isinstance(published, str):
        published = parse_date(published, what="published date")
    prepared = prepare(text, title=title)
    digest = hashlib.sha256(prepared.text.encode()).hexdigest()[:16]
    doc = Document(
        id=doc_id or digest,
        text=prepared.text,
        title=prepared.title,
        published=published,
        origin="<process>",
        content_hash=digest,
        title_end=prepared.title_end,
        dateline=prepared.dateline,
        dateline_span=prepared.dateline_span,
    )
    return process_document(doc, gazetteer or _default_gazetteer(), country=country)


@functools.cache
def _default_gazetteer_at(directory: Path) -> Gazetteer:
    return Gazetteer.open(directory)


def _default_gazetteer() -> Gazetteer:
    """The user's store, opened once per process and directory (not once per call)."""
    return _default_gazetteer_at(data_dir())


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
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str] | None,
    *,
    published: str | dt.date | None = None,
    country: str | None = None,
    bbox: BBox | None = None,
    online: OnlineGeocoder | None = None,
    formats: Iterable[str] = ("gpkg", "geojson", "csv"),
    gazetteer: Gazetteer | None = None,
    text_column: str | None = None,
    on_document: Callable[[Document | InputError], None] | None = None,
    ingested_at: str | None = None,
    append: bool = False,
    into: str | os.PathLike[str] | None = None,
    db: str | None = None,
    workers: int = 1,
    limit: int | None = None,
    dask: str | None = None,
    merge_rules: MergeRules | None = DEFAULT_RULES,
) -> BuildReport:
    """Read ``inputs``, process every report, merge duplicates and write the layers.

    Bad inputs do not stop the build: they are collected in ``BuildReport.errors``.
    When no report at all could be read nothing is written, so an earlier
    build in ``outdir`` is left as it was. ``workers`` processes share the
    per-document stages (see :mod:`conflictgeo.parallel`); the output is the
    same for any number. ``dask`` (a scheduler address, or ``"local"``) runs
    them on a Dask cluster instead (see :mod:`conflictgeo.distributed`), with
    the same result. ``limit`` stops after that many reports. ``on_document``
    is called for each report as its processing finishes.

    With ``append`` (``OUTDIR/events.gpkg``), ``into`` (a GeoPackage) or ``db``
    (a PostgreSQL URL) the reports are added to what that store holds (see
    :mod:`conflictgeo.store`): reports already stored are skipped, duplicate
    events merged into stored ones, and when nothing is new nothing is written.
    ``outdir`` may then be ``None``; if given, its other formats are written
    from the merged layers too.

    ``merge_rules`` say when two reports are one event (see
    :class:`~conflictgeo.merge.MergeRules`); ``None`` keeps every event as reported.
    """
    from conflictgeo.export import write_all
    from conflictgeo.layers import build_layers
    from conflictgeo.store import dataset_metadata, merge_layers, open_store

    if isinstance(published, str):
        published = parse_date(published, what="--published date")
    gazetteer = gazetteer or _default_gazetteer()
    report = BuildReport()
    results: list[DocumentResult] = []
    store = None
    formats = tuple(formats)
    for fmt in formats:  # an unknown format fails before any report is processed
        _extension(fmt)
    if outdir is None and into is None and db is None:
        raise OutputError("nowhere to build: give -o OUTDIR, --into FILE.gpkg or --db URL")
    if append or into is not None or db is not None:
        store = open_store(outdir, into=into, db=db).open()
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
        limit_documents(read_documents(inputs, published=published, text_column=text_column), limit)
    )
    where = {"country": country, "bbox": bbox, "online": online}
    if dask is not None:
        streamed, events = _on_cluster(items, gazetteer, dask, workers, where)
    else:
        streamed, events = process_stream(items, gazetteer, workers=workers, **where), None
    for result in streamed:
        if on_document:
            on_document(result if isinstance(result, InputError) else result.document)
        if isinstance(result, InputError):
            report.errors.append(result)
            continue
        results.append(result)
        report.documents += 1
        report.mentions += len(result.mentions)
    if not results:
        if store is not None:
            store.close()
        return report
    metadata = dataset_metadata(gazetteer.info())
    if store is not None:
        layers, report.merged = merge_layers(
            store.layers, results, ingested_at=ingested_at, rules=merge_rules
        )
        report.events = sum(len(r.events) for r in results) - report.merged
        store.write(layers, metadata=metadata)
        stored_file = getattr(store, "path", None)
        if stored_file is not None:
            report.outputs.append(stored_file)
        if outdir is not None:  # the other formats, from the merged layers
            formats = tuple(
                f for f in formats if Path(outdir) / f"events{_extension(f)}" != stored_file
            )
    else:
        if events is None or merge_rules != DEFAULT_RULES:  # the cluster merges by default rules
            events = merge_events((e for r in results for e in r.events), rules=merge_rules)
        report.events = len(events)
        layers = build_layers(results, events, ingested_at=ingested_at)
    if outdir is not None:
        report.outputs += write_all(layers, Path(outdir), formats=formats, metadata=metadata)
    return report


def _extension(fmt: str) -> str:
    from conflictgeo.export import get_writer

    return get_writer(fmt).extension


def _on_cluster(
    items: Iterable[Document | InputError],
    gazetteer: Gazetteer,
    address: str,
    workers: int,
    where: dict[str, Any],
) -> tuple[list[DocumentResult | InputError], list[Event]]:
    """Errors first, then every result in input order, and the merged events."""
    from conflictgeo.distributed import connect, process_on_cluster, split_items

    documents, errors = split_items(items)
    with connect(address, workers=workers) as client:
        results, events = process_on_cluster(documents, gazetteer, client, **where)
    return [*errors, *results], events
