"""The per-document job: one report in, its place mentions and events out.

:func:`process_document` is what every runner (:mod:`conflictgeo.run`) maps over
the reports; it never imports them. :func:`process` is the same for one text
given as a string.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from conflictgeo.extract import dates
from conflictgeo.extract.events import extract_events, scan
from conflictgeo.gazetteer.index import Gazetteer, data_dir
from conflictgeo.geoparse.parser import BBox, geoparse
from conflictgeo.ingest import parse_date
from conflictgeo.model import Document, DocumentResult
from conflictgeo.text import prepare

if TYPE_CHECKING:  # geopy is slow to import and only needed with --online
    from conflictgeo.gazetteer.online import OnlineGeocoder

__all__ = ["default_gazetteer", "process", "process_document", "warm_up"]


def process_document(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    bbox: BBox | None = None,
    online: OnlineGeocoder | None = None,
    events_only: bool = False,
) -> DocumentResult:
    """Geoparse ``doc`` and extract its events (see :func:`~conflictgeo.geoparse.parser.geoparse`).

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
    return process_document(doc, gazetteer or default_gazetteer(), country=country)


@functools.cache
def _default_gazetteer_at(directory: Path) -> Gazetteer:
    return Gazetteer.open(directory)


def default_gazetteer() -> Gazetteer:
    """The user's store, opened once per process and directory (not once per call)."""
    return _default_gazetteer_at(data_dir())


def warm_up() -> None:
    """Load what the job would otherwise load at its first report (dateparser's
    language tables: half a CPU-second). A runner calls it before forking
    workers, so that they share what it loaded."""
    dates.warm_up()
