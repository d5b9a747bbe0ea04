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

from conflictgeo.errors import ArgumentTypeError
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

    Raises
    ------
    ArgumentTypeError
        (a ``TypeError``) when an argument is not of a type listed here.
    DateParseError
        When ``published`` is a string that is not a date.
    """
    _check_arguments(text, published, doc_id, title, gazetteer, country)
    if isinstance(published, dt.datetime):
        published = published.date()
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


def _check_arguments(
    text: object,
    published: object,
    doc_id: object,
    title: object,
    gazetteer: object,
    country: object,
) -> None:
    """Raise :class:`ArgumentTypeError` saying what :func:`process` accepts."""
    if not isinstance(text, str):
        hint = (
            ": decode bytes first, e.g. process(data.decode('utf-8'))"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        raise ArgumentTypeError(
            f"process() takes the report's text as a str, not {_kind(text)}{hint}"
        )
    if published is not None and not isinstance(published, str | dt.date):
        raise ArgumentTypeError(
            f"published must be a datetime.date or an ISO date string such as "
            f"'2013-08-14', not {_kind(published)} {published!r}"
        )
    for name, value in (("doc_id", doc_id), ("title", title), ("country", country)):
        if value is not None and not isinstance(value, str):
            raise ArgumentTypeError(f"{name} must be a str or None, not {_kind(value)}")
    if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
        raise ArgumentTypeError(
            "gazetteer must be a conflictgeo.Gazetteer (Gazetteer.open(directory)) or None, "
            f"not {_kind(gazetteer)}"
        )


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


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
