"""The per-document job: one report in, its place mentions and events out.

:func:`process_document` is what every runner (:mod:`conflictgeo.run`) maps over
the reports; it never imports them. :func:`process` is the same for one text
given as a string.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from conflictgeo.extract import dates
from conflictgeo.extract.events import extract_events, scan
from conflictgeo.gazetteer.index import Gazetteer, data_dir
from conflictgeo.geoparse.parser import BBox, geoparse
from conflictgeo.ingest import parse_date
from conflictgeo.model import Document, DocumentResult, Event, Mention
from conflictgeo.text import prepare

if TYPE_CHECKING:  # geopy is slow to import and only needed with --online
    from conflictgeo.gazetteer.online import OnlineGeocoder

__all__ = [
    "default_gazetteer",
    "input_events",
    "input_mentions",
    "process",
    "process_document",
    "warm_up",
]


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

    The stages work on the cleaned ``doc.text``; the result is where their
    offsets are translated to the text the user gave (``doc.offsets``): each
    mention's ``start``/``end`` index that text and its ``text`` is what lies
    there, and so do each event's ``char_start``/``char_end``.
    """
    scanned = scan(doc)
    if events_only and not scanned.reports_events:
        return DocumentResult(doc, (), ())
    mentions = geoparse(doc, gazetteer, country=country, bbox=bbox, online=online)
    events = extract_events(doc, mentions, gazetteer, scanned)
    return DocumentResult(doc, input_mentions(doc, mentions), input_events(doc, events))


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
        The report, as plain text. Offsets in the result (mention ``start`` and
        ``end``, event ``char_start`` and ``char_end``) index this string.
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
    digest = hashlib.sha256(prepared.text.encode("utf-8", "replace")).hexdigest()[:16]
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
        offsets=prepared.offsets,
    )
    return process_document(doc, gazetteer or default_gazetteer(), country=country)


def input_mentions(doc: Document, mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """``mentions`` of ``doc`` (offsets into ``doc.text``) with offsets into the
    text the user gave, and that text's own characters as their ``text``."""
    offsets = doc.offsets
    if offsets.identity:
        return tuple(mentions)
    moved = []
    for mention in mentions:
        start, end = offsets.to_input(mention.start, mention.end)
        text = offsets.input_text(doc.text, start, end)
        moved.append(replace(mention, start=start, end=end, text=text))
    return tuple(moved)


def input_events(doc: Document, events: Iterable[Event]) -> tuple[Event, ...]:
    """``events`` of ``doc`` with ``char_start``/``char_end`` in the text the user gave."""
    offsets = doc.offsets
    if offsets.identity:
        return tuple(events)
    moved = []
    for event in events:
        start, end = offsets.to_input(event.char_start, event.char_end)
        moved.append(replace(event, char_start=start, char_end=end))
    return tuple(moved)


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
