"""The per-document job: one report in, its place mentions and events out.

:func:`process_document` is what every runner (:mod:`conflictgeo.run`) maps over
the reports; it never imports them. :func:`process` is the same for one text
given as a string.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from conflictgeo.errors import ArgumentTypeError, InputError
from conflictgeo.extract import dates
from conflictgeo.extract.events import extract_events, scan
from conflictgeo.gazetteer.index import Gazetteer, data_dir
from conflictgeo.geoparse.parser import BBox, geoparse
from conflictgeo.ingest import MAX_REPORT_CHARS, parse_date
from conflictgeo.model import Document, DocumentResult, Event, Mention
from conflictgeo.text import OffsetMap, prepare

logger = logging.getLogger(__name__)

if TYPE_CHECKING:  # geopy is slow to import and only needed with --online
    from conflictgeo.gazetteer.online import OnlineGeocoder

__all__ = [
    "PART_CHARS",
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
    mentions: list[Mention] = []
    events: list[Event] = []
    for at, part in _parts(doc):
        scanned = scan(part)
        if events_only and not scanned.reports_events:
            continue
        found = geoparse(part, gazetteer, country=country, bbox=bbox, online=online)
        told = extract_events(part, found, gazetteer, scanned)
        if at:
            found = [replace(m, start=m.start + at, end=m.end + at) for m in found]
            told = [
                replace(e, char_start=e.char_start + at, char_end=e.char_end + at) for e in told
            ]
        mentions += found
        events += told
    return DocumentResult(doc, input_mentions(doc, mentions), input_events(doc, events))


#: Longest text the stages see at once. Some of their rules weigh every place
#: name of a report against the others (the report's focus, names near one
#: another, one event told in several sentences), which costs the square of
#: the names' number: a longer report (a book, a year of bulletins pasted into
#: one record) is processed in parts of at most this many characters, cut at
#: paragraph breaks, each part with only its own names for context; a warning
#: says so. News reports are far shorter.
PART_CHARS = 50_000


def _parts(doc: Document) -> list[tuple[int, Document]]:
    """``doc`` whole, or its parts (see :data:`PART_CHARS`), each with its offset."""
    text = doc.text
    if len(text) <= PART_CHARS:
        return [(0, doc)]
    cuts = [0]
    while len(text) - cuts[-1] > PART_CHARS:
        cuts.append(_part_cut(text, cuts[-1], cuts[-1] + PART_CHARS))
    cuts.append(len(text))
    logger.warning(
        "%s: report of %d characters processed in %d parts of at most %d characters "
        "(each part's places and events are resolved with that part's names only)",
        doc.origin or doc.id,
        len(text),
        len(cuts) - 1,
        PART_CHARS,
    )
    parts = []
    for k, (start, end) in enumerate(itertools.pairwise(cuts)):
        first = k == 0
        part = replace(
            doc,
            text=text[start:end],
            title=doc.title if first else None,
            title_end=doc.title_end if first else 0,
            dateline=doc.dateline if first else None,
            dateline_span=doc.dateline_span if first else None,
            # Event ids hash the report and a sentence's offset in the text
            # processed: each part needs its own, or two parts' ids could meet.
            content_hash=doc.content_hash if first else f"{doc.content_hash or doc.id}/{k}",
            offsets=OffsetMap(),
        )
        parts.append((start, part))
    return parts


def _part_cut(text: str, start: int, limit: int) -> int:
    """Where a part from ``start`` ends, at most at ``limit``: after the last
    paragraph break of its second half, else the last line break, sentence end
    or space there, else at ``limit``."""
    half = (start + limit) // 2
    for separator in ("\n\n", "\n", ". ", " "):
        at = text.rfind(separator, half, limit)
        if at >= 0:
            return at + len(separator)
    return limit


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
        The report, as plain text, at most ``ingest.MAX_REPORT_CHARS`` characters
        (a longer one raises :class:`~conflictgeo.errors.InputError`). Offsets in the
        result (mention ``start`` and ``end``, event ``char_start`` and ``char_end``)
        index this string.
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
    if isinstance(text, str) and len(text) > MAX_REPORT_CHARS:
        raise InputError(
            f"text is {len(text):,} characters long, over the {MAX_REPORT_CHARS:,} one report "
            "may have: split it into several reports",
            source="<process>",
        )
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
