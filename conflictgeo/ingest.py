"""Readers that turn user inputs into :class:`~conflictgeo.model.Document` records.

One report per ``.txt``/``.text``/``.md``/``.html`` file, one per line of a
``.jsonl``/``.ndjson`` file, one per row of a ``.csv``/``.tsv`` file; directories
are walked in sorted order, ``-`` reads standard input and a ``.gz`` suffix is
decompressed on the fly. :func:`read_documents` never raises for a bad file or
record: it yields an :class:`~conflictgeo.errors.InputError` in its place, so the
good reports of the same run are still processed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import hashlib
import html
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, AnyStr, TextIO

from conflictgeo import text as _text
from conflictgeo.errors import DateParseError, InputError, InputNotFound, InputWarning
from conflictgeo.model import Document
from conflictgeo.text import OffsetMap

__all__ = ["MAX_REPORT_CHARS", "parse_date", "read_documents"]

logger = logging.getLogger(__name__)

#: File types by (lower-case) suffix; ``.gz`` may follow any of them.
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_CSV_SUFFIXES = frozenset({".csv", ".tsv"})
_SUFFIXES = _TEXT_SUFFIXES | _HTML_SUFFIXES | _JSONL_SUFFIXES | _CSV_SUFFIXES
_KNOWN_TYPES = ".txt, .md, .html, .jsonl, .ndjson, .csv or .tsv"

#: Longest report text, in characters, from any reader (a file, a JSONL or CSV
#: record, standard input; ``process()`` too): about 2,000 pages. A longer one is
#: refused with a message; one over ``document.PART_CHARS`` is processed in parts.
MAX_REPORT_CHARS = 5_000_000
#: Largest text, Markdown or HTML file read whole (UTF-32 takes 4 bytes a character).
MAX_REPORT_BYTES = 4 * MAX_REPORT_CHARS + 4
#: Longest line of a JSONL or CSV file, and longest CSV row: a record holding the
#: longest report, each character JSON-escaped (``\\uXXXX``). A longer line is
#: skipped without being held in memory.
MAX_LINE_BYTES = 6 * MAX_REPORT_CHARS + (1 << 20)
#: A gzipped input that decompresses to over this many times its size, once past
#: _BOMB_FLOOR bytes, is a compression bomb (text compresses some 3 to 10 times).
_BOMB_RATIO = 100
_BOMB_FLOOR = 64 << 20
_SNIFF_BYTES = 8192
_CHUNK_BYTES = 1 << 16
_CSV_FIELD_LIMIT = 2**31 - 1

#: Field or column holding the report text, in order of preference.
_TEXT_FIELDS = ("text", "body", "content", "article")
_PUBLISHED_FIELDS = ("published", "date")
_STDIN = "<stdin>"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_BINARY_MESSAGE = "looks like a binary file, not text: give .txt, .jsonl, .csv or .html reports"
_JSONL_HINT = 'each line must be one JSON object with a "text" field'

_DATE_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,  # day, month and year must all be given
    "PARSERS": ["custom-formats", "absolute-time"],  # no "yesterday", no timestamps
    "RETURN_AS_TIMEZONE_AWARE": False,
}

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|title|p|div|span|br|a|h[1-6]|ul|ol|li|table|tr|td|th|img|"
    r"script|style|strong|em|b|i|article|section|blockquote|meta|link)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_HTML_MIN_TAGS = 5
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


def parse_date(value: str | None, *, what: str = "date") -> dt.date | None:
    """Read a date the user typed or a record carried.

    ISO 8601 dates and date-times are read directly; anything else goes to
    ``dateparser``, which must find a day, a month and a year. Relative words
    ("yesterday", "3 days ago") and bare timestamps are refused.

    Parameters
    ----------
    value : str or None
        The text, e.g. ``"2013-08-14"``, ``"14 August 2013"`` or
        ``"2013-08-14T10:00:00Z"``. ``None`` and blank strings give ``None``.
    what : str, optional
        What the date is, for the error message (``"--published date"``).

    Returns
    -------
    datetime.date or None
        The calendar date; a date-time keeps the date as written (no time zone
        conversion).

    Raises
    ------
    DateParseError
        When ``value`` is not a full date.

    Examples
    --------
    >>> parse_date("14 August 2013")
    datetime.date(2013, 8, 14)
    >>> parse_date("2013-08-14T10:00:00Z")
    datetime.date(2013, 8, 14)
    >>> parse_date("") is None
    True
    """
    if value is None:
        return None
    cleaned = str(value).strip()
    if not cleaned:
        return None
    try:
        return dt.datetime.fromisoformat(cleaned).date()
    except ValueError:
        pass
    import dateparser  # slow to import: only when the value is not ISO 8601

    parsed = dateparser.parse(cleaned, settings=_DATE_SETTINGS)
    if parsed is None:
        raise DateParseError(f"cannot read {what} {value!r}: give a date such as 2013-08-14")
    return parsed.date()


def read_documents(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    text_column: str | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Document | InputError]:
    """Read reports from files, directories and standard input.

    Parameters
    ----------
    inputs : iterable of str or path-like
        Files (``.txt``, ``.text``, ``.md``, ``.html``, ``.htm``, ``.jsonl``,
        ``.ndjson``, ``.csv``, ``.tsv``, each optionally ``.gz``), directories
        (walked recursively in sorted order, hidden entries and other file types
        skipped) and ``"-"`` for standard input. A single path is accepted too.
    published : datetime.date, optional
        Publication date for reports that carry none of their own: plain text
        files, HTML pages without a date ``<meta>``, records without a valid
        ``published`` (or, in CSV, ``date``) value.
    text_column : str, optional
        The CSV column, or JSONL field, holding the text. By default the first
        of ``text``, ``body``, ``content``, ``article``.
    stdin : text stream, optional
        Read for ``"-"``; defaults to ``sys.stdin``. When it has a ``buffer``
        (as ``sys.stdin`` does) the bytes are read and decoded like a file's.
        Content whose first non-blank character is ``{`` is read as JSONL,
        anything else as one text report with id ``stdin``.

    Yields
    ------
    Document or InputError
        A document per report, in input order, or an error per bad file or
        record; ``str(error)`` reads ``path:line: what is wrong: what to do``.
        Ids are unique within one call: a repeated id gets ``-2``, ``-3``...

    Examples
    --------
    >>> import io
    >>> [d.id for d in read_documents(["-"], stdin=io.StringIO("Shelling in Homs."))]
    ['stdin']
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    reader = _Reader(published=published, text_column=text_column, stdin=stdin)
    for item in inputs:
        yield from reader.read(item)


class _Reader:
    """State shared across the inputs of one :func:`read_documents` call."""

    def __init__(
        self, *, published: dt.date | None, text_column: str | None, stdin: TextIO | None
    ) -> None:
        self.published = published
        self.text_column = text_column
        self.stdin = stdin
        self.used_ids: set[str] = set()

    # -- dispatch ------------------------------------------------------------

    def read(self, item: str | os.PathLike[str]) -> Iterator[Document | InputError]:
        name = os.fspath(item)
        try:
            if name == "-":
                yield from self._stdin()
                return
            path = Path(name)
            if path.is_dir():
                yield from self._directory(path, name)
            elif path.exists():
                yield from self._file(path, name, explicit=True)
            else:
                raise InputNotFound(
                    "no such file or directory: check the path (use - for standard input)",
                    source=name,
                )
        except InputError as err:
            yield err
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(_os_reason(err), source=_STDIN if name == "-" else name)
        except UnicodeDecodeError as err:  # only from a text stream given as stdin
            yield InputError(
                f"cannot decode the text ({err.reason}): give UTF-8 text",
                source=_STDIN if name == "-" else name,
            )

    def _directory(self, root: Path, name: str) -> Iterator[Document | InputError]:
        found = False
        for path in _walk(root):
            if isinstance(path, InputError):
                yield path
                continue
            found = True
            try:
                yield from self._file(path, str(path), explicit=False)
            except InputError as err:
                yield err
            except (OSError, EOFError, zlib.error) as err:
                yield InputError(_os_reason(err), source=str(path))
        if not found:
            yield InputError(
                f"directory has no {_KNOWN_TYPES} files: nothing to process", source=name
            )

    def _file(self, path: Path, name: str, *, explicit: bool) -> Iterator[Document | InputError]:
        kind, stem, gz = _file_type(path)
        if kind is None:
            if explicit:
                raise InputError(
                    f"unsupported file type {_kind_suffix(path)!r}: "
                    f"give {_KNOWN_TYPES} reports (optionally .gz)",
                    source=name,
                )
            return
        if kind in (".jsonl", ".csv", ".tsv"):
            with _open_binary(path, gz) as stream:
                lines = _decode_lines(stream, name)
                if kind == ".jsonl":
                    yield from self._jsonl(lines, name, stem)
                else:
                    yield from self._csv(lines, name, stem, tab=kind == ".tsv")
            return
        data = _read_report_bytes(path, name, gz)
        raw = _decode_bytes(data, name)
        html = kind == ".html" or _looks_like_html(raw)
        offsets = None
        if kind == ".md" and not html:
            raw, offsets = _text.apply_edits(
                raw, ((m.start(), m.end(), "") for m in _MD_HEADING.finditer(raw))
            )
        yield self._report(raw, name, stem, html=html, offsets=offsets)

    def _stdin(self) -> Iterator[Document | InputError]:
        stream: TextIO = self.stdin if self.stdin is not None else sys.stdin
        buffer = getattr(stream, "buffer", None)
        lines: Iterator[str | _TooLong] = (
            _decode_lines(buffer, _STDIN) if buffer is not None else iter(stream)
        )
        peeked: list[str | _TooLong] = []
        for line in lines:
            peeked.append(line)
            if isinstance(line, _TooLong) or line.strip():
                break
        last = peeked[-1] if peeked else ""
        if not isinstance(last, _TooLong) and not last.strip():
            raise InputError("standard input is empty: nothing to process", source=_STDIN)
        everything = chain(peeked, lines)
        if isinstance(last, str) and last.lstrip().lstrip("\ufeff").startswith("{"):
            yield from self._jsonl(everything, _STDIN, "stdin")
            return
        raw = _join_limited(everything, _STDIN)
        yield self._report(raw, _STDIN, "stdin", html=_looks_like_html(raw))

    # -- formats ---------------------------------------------------------------

    def _report(
        self, raw: str, name: str, stem: str, *, html: bool, offsets: OffsetMap | None = None
    ) -> Document | InputError:
        """One whole-file report (plain text, Markdown or HTML). ``offsets`` maps
        ``raw`` to the file's text when a reader changed it (Markdown headings)."""
        meta = _HTMLMeta()
        if html:
            raw, meta, offsets = _html_to_text(raw)
            logger.info("%s: converted HTML to plain text", name)
        if not raw.strip():
            what = "has no visible text" if html else "is empty"
            return InputError(f"file {what}: nothing to process", source=name)
        published = self.published
        if meta.published:
            try:
                published = parse_date(meta.published) or published
            except DateParseError:
                logger.debug("%s: ignoring unreadable HTML date %r", name, meta.published)
        return self._document(
            raw,
            base_id=stem,
            name=name,
            line=None,
            title=meta.title,
            title_in_text=meta.title_in_text,
            url=meta.url,
            source=meta.source,
            published=published,
            offsets=offsets,
        )

    def _jsonl(
        self, lines: Iterable[str | _TooLong], name: str, stem: str
    ) -> Iterator[Document | InputError]:
        any_content = False
        for lineno, line in enumerate(lines, start=1):
            if isinstance(line, _TooLong):
                any_content = True
                yield InputError(_line_too_long(line), source=name, line=lineno)
                continue
            if not line.strip():
                continue
            any_content = True
            try:
                record = json.loads(line.lstrip("\ufeff") if lineno == 1 else line)
            except json.JSONDecodeError as err:
                yield InputError(
                    f"line is not valid JSON ({err.msg}): {_JSONL_HINT}", source=name, line=lineno
                )
                continue
            if not isinstance(record, dict):
                yield InputError(
                    f"line is a JSON {_json_kind(record)}, not an object: {_JSONL_HINT}",
                    source=name,
                    line=lineno,
                )
                continue
            wanted = (self.text_column,) if self.text_column else _TEXT_FIELDS
            field = next((f for f in wanted if f in record), None)
            if field is None:
                hint = f"pass --text-column {self.text_column} only if every record has it"
                yield InputError(
                    f'record has no "{wanted[0]}" field: '
                    + (hint if self.text_column else _JSONL_HINT),
                    source=name,
                    line=lineno,
                )
                continue
            yield from self._record(record, record[field], field, name, lineno, stem)
        if not any_content:
            yield InputError("file is empty: nothing to process", source=name)

    def _csv(
        self, lines: Iterator[str | _TooLong], name: str, stem: str, *, tab: bool
    ) -> Iterator[Document | InputError]:
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        first: list[str | _TooLong] = []
        for line in lines:  # skip leading blank lines, keep the header line
            first.append(line)
            if isinstance(line, _TooLong) or line.strip():
                break
        if not first or (isinstance(first[-1], str) and not first[-1].strip()):
            yield InputError("file is empty: nothing to process", source=name)
            return
        header_line = first[-1] if isinstance(first[-1], str) else ""
        delimiter = "\t" if tab else _csv_delimiter(header_line)
        source = _RowLines(chain(first, lines))
        reader = csv.reader(source, delimiter=delimiter)
        try:
            header = next((r for r in reader if any(cell.strip() for cell in r)), None)
        except (csv.Error, _LongRow) as err:
            header = None
            logger.debug("%s: bad header: %s", name, err)
        if header is None:
            yield InputError(
                f"cannot read the header row: give a {'TSV' if tab else 'CSV'} file whose first "
                "row names the columns",
                source=name,
                line=reader.line_num or None,
            )
            return
        columns = [cell.strip().lstrip("\ufeff") for cell in header]
        index = {col.lower(): i for i, col in reversed(list(enumerate(columns))) if col}
        text_at = self._text_column(index, columns, name)
        if isinstance(text_at, InputError):
            yield text_at
            return
        field = columns[text_at]
        wanted = {
            "id": index.get("id"),
            "title": index.get("title"),
            "url": index.get("url"),
            "source": index.get("source"),
            "published": next((index[k] for k in _PUBLISHED_FIELDS if k in index), None),
        }
        before = 0  # lines read by earlier readers of the file (see below)
        while True:
            source.start_row()
            lineno = before + source.read + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except _LongRow as long:
                yield InputError(long.reason(), source=name, line=lineno)
                if long.row is not None:
                    # A quote left open took in line after line: read on from
                    # the line after the row's first, as rows of their own.
                    before, source = lineno, _RowLines(chain(long.row[1:], source.lines))
                    reader = csv.reader(source, delimiter=delimiter)
                continue
            except csv.Error as err:
                yield InputError(
                    f"cannot read the row ({err}): check its quoting; the rest of the file "
                    "was skipped",
                    source=name,
                    line=lineno,
                )
                return
            if source.ended:  # the file ended inside a quoted field
                if len(source.row) > 1:
                    last = lineno + len(source.row) - 1
                    yield InputError(
                        f"a quote opened in this row is never closed: it runs to the end of the "
                        f"file (line {last}) and would take every later row into one field; "
                        f"close the quote. The row was skipped and lines {lineno + 1}-{last} "
                        "read as rows of their own",
                        source=name,
                        line=lineno,
                    )
                    before, source = lineno, _RowLines(iter(source.row[1:]))
                    reader = csv.reader(source, delimiter=delimiter)
                    continue
                yield InputWarning(
                    "a quote opened in this row is never closed (the last line of the file): "
                    "read to the end of the line",
                    source=name,
                    line=lineno,
                )
            elif len(source.row) >= 4 and len(columns) >= 3:
                rows_inside = _rows_inside(source.row[1:], delimiter, len(columns))
                if rows_inside >= 2 and rows_inside * 2 >= len(source.row) - 1:
                    yield InputWarning(
                        f"this row runs over {len(source.row)} lines, {rows_inside} of which read "
                        f"as rows of {len(columns)} columns of their own: check for a quote that "
                        "is not closed (the row was read as one)",
                        source=name,
                        line=lineno,
                    )
            if not any(cell.strip() for cell in row):
                continue
            record = {
                key: row[i] if i is not None and i < len(row) else None for key, i in wanted.items()
            }
            text = row[text_at] if text_at < len(row) else ""
            yield from self._record(record, text, field, name, lineno, stem)

    def _text_column(
        self, index: dict[str, int], columns: list[str], name: str
    ) -> int | InputError:
        found = ", ".join(repr(c) for c in columns if c) or "none"
        if self.text_column is not None:
            wanted = self.text_column.strip()
            at = columns.index(wanted) if wanted in columns else index.get(wanted.lower())
            if at is None:
                return InputError(
                    f"no column {self.text_column!r}; found columns {found}: "
                    "pass --text-column with one of them",
                    source=name,
                )
            return at
        for key in _TEXT_FIELDS:
            if key in index:
                return index[key]
        return InputError(
            f"no text column ({', '.join(_TEXT_FIELDS)}); found columns {found}: "
            "pass --text-column to name the column holding the report text",
            source=name,
        )

    def _record(
        self,
        record: dict[str, Any],
        raw: Any,
        field: str,
        name: str,
        lineno: int,
        stem: str,
    ) -> Iterator[Document | InputError]:
        """One JSONL object or CSV row: yields an error if need be, then the document."""
        if isinstance(raw, str):
            raw = _whole_characters(raw)  # the record's text as read: what offsets index
        if not isinstance(raw, str):
            yield InputError(
                f'"{field}" is a {_json_kind(raw)}, not a string: {_JSONL_HINT}',
                source=name,
                line=lineno,
            )
            return
        if not raw.strip():
            yield InputError(
                f'record text ("{field}") is empty: nothing to process', source=name, line=lineno
            )
            return
        published = self.published
        given_date = _opt_str(record.get("published"))
        if given_date is not None:
            try:
                published = parse_date(given_date, what="published date") or published
            except DateParseError as err:
                then = (
                    f"processed with the default publication date {published.isoformat()}"
                    if published
                    else "processed without a publication date"
                )
                yield InputWarning(f"{err}; {then}", source=name, line=lineno)
        title = _opt_str(record.get("title"))
        url = _opt_str(record.get("url"))
        source = _opt_str(record.get("source"))
        title_in_text = False
        offsets = None
        if _looks_like_html(raw):
            raw, meta, offsets = _html_to_text(raw)
            logger.debug("%s:%d: converted HTML to plain text", name, lineno)
            title_in_text = title is None and meta.title_in_text
            title, url, source = title or meta.title, url or meta.url, source or meta.source
        yield self._document(
            raw,
            base_id=_opt_str(record.get("id")) or f"{stem}-{lineno}",
            name=name,
            line=lineno,
            title=title,
            title_in_text=title_in_text,
            url=url,
            source=source,
            published=published,
            offsets=offsets,
        )

    # -- shared ------------------------------------------------------------------

    def _document(
        self,
        raw: str,
        *,
        base_id: str,
        name: str,
        line: int | None,
        title: str | None,
        title_in_text: bool,
        url: str | None,
        source: str | None,
        published: dt.date | None,
        offsets: OffsetMap | None = None,
    ) -> Document | InputError:
        """The document of ``raw``; ``offsets`` maps ``raw`` to the user's input
        when a reader changed it (HTML to text), else ``raw`` is that input."""
        if len(raw) > MAX_REPORT_CHARS:
            what = "record text" if line is not None else "report"
            return InputError(_too_long(raw, what), source=name, line=line)
        prepared = _text.prepare(raw, title=None if title_in_text else title, offsets=offsets)
        if not prepared.text:
            what = "record text" if line is not None else "file"
            return InputError(
                f"{what} is empty once cleaned: nothing to process", source=name, line=line
            )
        return Document(
            id=self._claim(base_id),
            text=prepared.text,
            title=prepared.title or title,
            source=source,
            url=url,
            published=published,
            origin=name if line is None else f"{name}:{line}",
            content_hash=hashlib.sha256(prepared.text.encode("utf-8", "replace")).hexdigest()[:16],
            title_end=prepared.title_end,
            dateline=prepared.dateline,
            dateline_span=prepared.dateline_span,
            offsets=prepared.offsets,
        )

    def _claim(self, base: str) -> str:
        """Return ``base``, or ``base-2``, ``base-3``... if already used in this run."""
        doc_id, n = base, 1
        while doc_id in self.used_ids:
            n += 1
            doc_id = f"{base}-{n}"
        if doc_id != base:
            logger.debug("id %r already used in this run: using %r", base, doc_id)
        self.used_ids.add(doc_id)
        return doc_id


# -- files ---------------------------------------------------------------------


# A corpus folder's own documentation ("README.md") is not a report; named
# explicitly on the command line such a file is still read.
_DOC_FILE = re.compile(r"^(?:README|LICEN[CS]E|CHANGELOG|CHANGES|CONTRIBUTING|NOTICE)\b", re.I)


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Supported files under ``root``, depth first, sorted by name, no hidden entries."""
    seen: set[str] = set()

    def visit(directory: Path) -> Iterator[Path | InputError]:
        real = os.path.realpath(directory)
        if real in seen:  # a symbolic link loop
            return
        seen.add(real)
        try:
            with os.scandir(directory) as entries:
                ordered = sorted(entries, key=lambda e: e.name)
        except OSError as err:
            yield InputError(_os_reason(err), source=str(directory))
            return
        for entry in ordered:
            path = directory / entry.name
            if entry.name.startswith("."):
                logger.debug("skipping hidden %s", path)
            elif _DOC_FILE.match(entry.name):
                logger.info("skipping %s: a documentation file, not a report", path)
            elif entry.is_dir():
                yield from visit(path)
            elif _file_type(path)[0] is not None:
                yield path
            else:
                logger.debug("skipping %s: not a %s file", path, _KNOWN_TYPES)

    return visit(root)


def _kind_suffix(path: Path) -> str:
    """The suffix that decides a file's type, ``.gz`` included (``".json.gz"``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1:
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _file_type(path: Path) -> tuple[str | None, str, bool]:
    """``(kind, stem, gzipped)``; kind is ``.txt``, ``.md``, ``.html``, ``.jsonl``,
    ``.csv``, ``.tsv`` or ``None`` when unsupported. A file without a suffix is text."""
    name = path.name
    gz = name.lower().endswith(".gz")
    if gz:
        name = name[:-3]
    inner = Path(name)
    suffix = inner.suffix.lower()
    stem = inner.stem if suffix else name
    if not suffix:
        return ".txt", stem, gz
    if suffix not in _SUFFIXES:
        return None, stem, gz
    kind = {".text": ".txt", ".htm": ".html", ".ndjson": ".jsonl"}.get(suffix, suffix)
    return kind, stem, gz


def _open_binary(path: Path, gz: bool) -> IO[bytes]:
    if not gz:
        return path.open("rb")
    return _Inflating(gzip.open(path, "rb"), path.stat().st_size, str(path))  # type: ignore[return-value]


class _Inflating:
    """A gzip stream that stops a compression bomb: past ``_BOMB_FLOOR`` bytes,
    more than ``_BOMB_RATIO`` times the file's size raises an InputError."""

    def __init__(self, stream: IO[bytes], size: int, name: str) -> None:
        self.stream, self.size, self.name, self.read_so_far = stream, max(size, 1), name, 0

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(n)
        self.read_so_far += len(data)
        if self.read_so_far > _BOMB_FLOOR and self.read_so_far > _BOMB_RATIO * self.size:
            inflated, packed = self.read_so_far / 2**20, self.size / 2**10
            raise InputError(
                f"decompresses to over {_BOMB_RATIO} times its size ({inflated:,.0f} MB from "
                f"{packed:,.0f} KB so far): a compression bomb, or no report file; the rest of "
                "the file was skipped (decompress it yourself if it is meant)",
                source=self.name,
            )
        return data

    def __enter__(self) -> _Inflating:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


def _read_report_bytes(path: Path, name: str, gz: bool) -> bytes:
    if not gz and path.stat().st_size > MAX_REPORT_BYTES:
        raise _too_large(name, path.stat().st_size)
    with _open_binary(path, gz) as stream:
        data = stream.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise _too_large(name, None)
    if not data.strip():
        raise InputError("file is empty: nothing to process", source=name)
    return data


def _line_too_long(line: _TooLong) -> str:
    return (
        f"line is over {MAX_LINE_BYTES / 2**20:.0f} MB ({line.length / 2**20:,.0f} MB), longer "
        f"than a record of the longest report ({MAX_REPORT_CHARS:,} characters): skipped; "
        "split it into several records"
    )


def _too_long(text: str, what: str) -> str:
    """The message for a report text over :data:`MAX_REPORT_CHARS`."""
    return (
        f"{what} is {len(text):,} characters long, over the {MAX_REPORT_CHARS:,} one report "
        "may have: split it into several reports (one per line of a .jsonl file)"
    )


def _too_large(name: str, size: int | None) -> InputError:
    limit = f"{MAX_REPORT_BYTES / 2**20:.0f} MB"  # 4 bytes for each of MAX_REPORT_CHARS
    amount = f"{size / 2**20:.1f} MB" if size is not None else f"over {limit}"
    return InputError(
        f"file is too large for one report ({amount}, limit {limit}): split it into several "
        "reports, or give one report per line as .jsonl",
        source=name,
    )


def _os_reason(err: BaseException) -> str:
    if isinstance(err, gzip.BadGzipFile | zlib.error | EOFError):
        return f"is not a readable gzip file ({err}): check it is complete, or drop the .gz suffix"
    if isinstance(err, PermissionError):
        return "permission denied: check you may read the file"
    if isinstance(err, IsADirectoryError):
        return "is a directory that cannot be read: check the path"
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return f"cannot read ({reason}): check the path and the file"


# -- decoding -------------------------------------------------------------------


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` reads as UTF-16 text that has
    no byte-order mark: mostly Latin text, which UTF-16 writes with a zero byte
    beside each character (on the right little-endian, on the left big-endian)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    lows, highs = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if highs >= pairs / 2 and lows <= pairs / 100:
        encoding = "utf-16-le"
    elif lows >= pairs / 2 and highs <= pairs / 100:
        encoding = "utf-16-be"
    else:
        return None
    try:  # an odd byte or a surrogate pair cut at the end of the sample is fine
        sample = codecs.getincrementaldecoder(encoding)().decode(head[: 2 * pairs])
    except UnicodeDecodeError:
        return None
    control = sum(1 for char in sample if ord(char) in _CONTROL_BYTES)
    return encoding if control <= len(sample) / 100 else None


def _check_binary(head: bytes, name: str) -> None:
    if not head:
        return
    control = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if b"\x00" in head or control > len(head) / 10:
        raise InputError(_BINARY_MESSAGE, source=name)


def _bom_encoding(head: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if head.startswith(bom)), None)


def _decode_bytes(data: bytes, name: str) -> str:
    """Decode a whole file: UTF-8 (BOM or not), UTF-16/32 with a BOM, else cp1252."""
    encoding = _bom_encoding(data[:4]) or _utf16_without_bom(data[:_SNIFF_BYTES])
    if encoding:
        return data.decode(encoding, errors="replace")
    _check_binary(data[:_SNIFF_BYTES], name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        logger.warning("%s: not valid UTF-8; read as Windows-1252 (cp1252)", name)
        return data.decode("cp1252", errors="replace")


def _decode_lines(stream: IO[bytes], name: str) -> Iterator[str | _TooLong]:
    """Decode a byte stream line by line, newlines kept, without reading it all.

    UTF-8 lines are decoded as UTF-8 and any other line as cp1252 (with one
    warning per file); UTF-16 and UTF-32 are known by a byte-order mark, or
    UTF-16 by its zero bytes. A line longer than :data:`MAX_LINE_BYTES` comes
    as a :class:`_TooLong`, never held whole.
    """
    head = stream.read(_SNIFF_BYTES)
    chunks = chain([head], iter(lambda: stream.read(_CHUNK_BYTES), b""))
    encoding = _bom_encoding(head[:4]) or _utf16_without_bom(head)
    if encoding:
        yield from _split_lines(_decode_chunks(chunks, encoding), "\n")
        return
    _check_binary(head, name)
    warned = False
    for number, line in enumerate(_split_lines(chunks, b"\n")):
        if isinstance(line, _TooLong):
            yield line
            continue
        if number == 0 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            if not warned:
                logger.warning(
                    "%s: line %d is not valid UTF-8; read as Windows-1252 (cp1252)",
                    name,
                    number + 1,
                )
                warned = True
            yield line.decode("cp1252", errors="replace")


def _decode_chunks(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for chunk in chunks:
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


@dataclass(frozen=True, slots=True)
class _TooLong:
    """A line over :data:`MAX_LINE_BYTES` (``length`` bytes or characters), skipped."""

    length: int


def _split_lines(chunks: Iterable[AnyStr], newline: AnyStr) -> Iterator[AnyStr | _TooLong]:
    """The lines of ``chunks``, newlines kept; a line over :data:`MAX_LINE_BYTES`
    is read past (its chunks dropped as they come) and given as a ``_TooLong``."""
    pending: list[AnyStr] = []
    size = 0
    skipping = False  # inside a line already too long
    for chunk in chunks:
        start = 0
        while (end := chunk.find(newline, start)) >= 0:
            size += end + 1 - start
            if skipping or size > MAX_LINE_BYTES:
                yield _TooLong(size)
            else:
                pending.append(chunk[start : end + 1])
                yield newline[:0].join(pending)
            pending.clear()
            size, skipping, start = 0, False, end + 1
        if start < len(chunk):
            size += len(chunk) - start
            if skipping or size > MAX_LINE_BYTES:
                skipping = True
                pending.clear()
            else:
                pending.append(chunk[start:])
    if skipping:
        yield _TooLong(size)
    elif pending:
        yield newline[:0].join(pending)


def _join_limited(lines: Iterable[str | _TooLong], name: str) -> str:
    parts: list[str] = []
    size = 0
    for line in lines:
        if isinstance(line, _TooLong):
            raise _too_large(name, None)
        size += len(line)
        if size > MAX_REPORT_BYTES:
            raise _too_large(name, None)
        parts.append(line)
    return "".join(parts)


# -- records ----------------------------------------------------------------------


def _opt_str(value: Any) -> str | None:
    """A record's optional field as a stripped string; blank and absent give ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        return None
    return _whole_characters(value).strip() or None


# Half of a UTF-16 surrogate pair alone: JSON may escape one ("\\ud83d"), but
# it is no character and UTF-8 cannot write it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole_characters(value: str) -> str:
    """``value`` with each lone surrogate read as U+FFFD (offsets do not move)."""
    if _LONE_SURROGATE.search(value):
        return _LONE_SURROGATE.sub("\ufffd", value)
    return value


def _json_kind(value: Any) -> str:
    kinds = {list: "array", dict: "object", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


class _LongRow(Exception):
    """A CSV line, or the lines of one row, over :data:`MAX_LINE_BYTES`."""

    def __init__(self, length: int, row: list[str] | None = None) -> None:
        super().__init__(length)
        self.length = length
        self.row = row  # the row's lines so far, when it is a row of many lines

    def reason(self) -> str:
        size = f"{self.length / 2**20:,.0f} MB, over {MAX_LINE_BYTES / 2**20:.0f} MB"
        if self.row is None:
            return f"line is too long ({size}): skipped; split the record"
        return (
            f"row is too long ({size} over {len(self.row)} lines): a quote left open takes in "
            "the rows after it; close the quote. The row was skipped and the lines after "
            "its first read as rows of their own"
        )


class _RowLines:
    """The lines a csv.reader reads, with those of the row being read kept:
    csv never reads past the row it returns, so ``row`` holds its lines."""

    def __init__(self, lines: Iterator[str | _TooLong]) -> None:
        self.lines = lines
        self.read = 0  # lines handed to the reader
        self.row: list[str] = []
        self.size = 0
        self.ended = False  # the reader asked for a line past the end, inside this row

    def start_row(self) -> None:
        self.row, self.size, self.ended = [], 0, False

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.lines)
        except StopIteration:
            self.ended = bool(self.row)  # asked for more before the row was done
            raise
        self.read += 1
        if isinstance(line, _TooLong):
            raise _LongRow(line.length)
        self.size += len(line)
        self.row.append(line)
        if self.size > MAX_LINE_BYTES:
            raise _LongRow(self.size, self.row)
        return line


def _rows_inside(lines: list[str], delimiter: str, columns: int) -> int:
    """How many of ``lines`` read alone as a row of ``columns`` fields."""
    count = 0
    for line in lines:
        try:
            count += len(next(csv.reader([line], delimiter=delimiter), [])) == columns
        except csv.Error:
            continue
    return count


def _csv_delimiter(header_line: str) -> str:
    """``,`` unless the header has none but has tabs or (as some spreadsheets write) ``;``."""
    if "," in header_line:
        return ","
    return next((d for d in ("\t", ";") if d in header_line), ",")


# -- HTML -------------------------------------------------------------------------


def _looks_like_html(raw: str) -> bool:
    head = raw[:65536].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    tags = islice(_HTML_TAG.finditer(head), _HTML_MIN_TAGS)
    return sum(1 for _ in tags) >= _HTML_MIN_TAGS


class _HTMLMeta:
    """What the page says about itself besides its text."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.title_in_text = False  # the first paragraph repeats the <title>
        self.url: str | None = None
        self.source: str | None = None
        self.published: str | None = None


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tr",
        "ul",
    ]
)
_HIDDEN_TAGS = frozenset(
    ["script", "style", "nav", "header", "footer", "noscript", "template", "svg"]
)
_DATE_META = frozenset(
    [
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "dcterms.issued",
    ]
)


class _HTMLText(HTMLParser):
    """Collect the visible text of a page, one blank line between blocks, and
    where each piece of it is in the page's source.

    Every event of the parser (a tag, a run of text, a comment) is noted with
    its offset in the source; it reaches to the next one. A tag becomes the
    break it stands for ("\\n\\n", "\\n", " " or nothing), a run of text its
    decoded characters with spaces made one, hidden content nothing.
    """

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.meta = _HTMLMeta()
        # [source offset, output parts, decoded text (visible text only), in <pre>]
        self.events: list[list[Any]] = []
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", raw))]
        self._hidden = 0
        self._pre = 0
        self._in_title = False
        self._in_head = False
        self._title: list[str] = []

    def _here(self) -> list[str]:
        """The output parts of the event at the parser's position."""
        line, column = self.getpos()  # HTMLParser counts lines by "\n" only
        at = self._line_starts[line - 1] + column
        if self.events and self.events[-1][0] == at:  # <br/>: a start and an end tag
            return self.events[-1][1]
        parts: list[str] = []
        self.events.append([at, parts, None, False])
        return parts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parts = self._here()
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "br":
            parts.append("\n")
        elif tag == "pre":
            self._pre += 1
        elif tag in ("meta", "link"):
            self._attrs(tag, {k.lower(): v or "" for k, v in attrs})
        if tag in _BLOCK_TAGS or tag in _HIDDEN_TAGS:
            parts.append("\n\n")
        elif tag in ("td", "th"):
            parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        parts = self._here()
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _BLOCK_TAGS or tag in _HIDDEN_TAGS:
            parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        parts = self._here()
        if self._in_title:
            self._title.append(data)
        elif not self._hidden and not self._in_head:
            parts.append(data if self._pre else _HTML_SPACES.sub(" ", data))
            self.events[-1][2:] = [data, bool(self._pre)]

    def handle_comment(self, data: str) -> None:
        self._here()

    def handle_decl(self, decl: str) -> None:
        self._here()

    def handle_pi(self, data: str) -> None:
        self._here()

    def unknown_decl(self, data: str) -> None:
        self._here()

    def _attrs(self, tag: str, attrs: dict[str, str]) -> None:
        content = attrs.get("content", "").strip()
        if tag == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                self.meta.url = self.meta.url or attrs["href"].strip()
            return
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if not content:
            return
        if key in _DATE_META:
            self.meta.published = self.meta.published or content
        elif key == "og:url":
            self.meta.url = self.meta.url or content
        elif key == "og:site_name":
            self.meta.source = self.meta.source or content

    def result(self) -> tuple[str, _HTMLMeta, OffsetMap]:
        self.close()
        text, offsets = self._text()
        # Lines stripped, at most one blank line, no blank edges.
        for pattern, replacement in ((_LINE_EDGES, ""), (_BLANK_LINES, "\n\n")):
            edits = ((m.start(), m.end(), replacement) for m in pattern.finditer(text))
            text, offsets = _then(text, offsets, edits)
        lead, kept = len(text) - len(text.lstrip()), len(text.strip())
        text, offsets = _then(text, offsets, [(0, lead, ""), (lead + kept, len(text), "")])
        title = re.sub(r"\s+", " ", "".join(self._title)).strip() or None
        self.meta.title = title
        if title:
            first, whole = _normalise(text.split("\n\n", 1)[0]), _normalise(title)
            self.meta.title_in_text = len(first) * 2 >= len(whole) and first in whole
        return text, self.meta, offsets

    def _text(self) -> tuple[str, OffsetMap]:
        """The events' output joined, and the map from it to the source."""
        pieces: list[str] = []
        stretches: list[tuple[int, int, int, int, str]] = []
        events = self.events
        if not events or events[0][0] > 0:  # nothing the parser reported before
            events = [[0, [], None, False], *events]
        ends = [event[0] for event in events[1:]] + [len(self.raw)]
        at = 0  # offset in the output
        for (start, parts, data, pre), end in zip(events, ends, strict=True):
            source, out = self.raw[start:end], "".join(parts)
            if out != source:
                inner = _data_offsets(source, data, out, pre) if data is not None else None
                if inner is None:  # a tag or hidden content: replaced as a whole
                    stretches.append((at, at + len(out), start, end, source))
                else:
                    stretches.extend(
                        (c0 + at, c1 + at, i0 + start, i1 + start, original)
                        for c0, c1, i0, i1, original in inner.stretches()
                    )
            pieces.append(out)
            at += len(out)
        return "".join(pieces), OffsetMap.from_stretches(stretches)


# What HTMLParser makes one space of, and the tidying of its text.
_HTML_SPACES = re.compile(r"\s+")
_LINE_EDGES = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")
# html.unescape's own pattern: each character reference decodes on its own.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def _data_offsets(source: str, data: str, out: str, pre: bool) -> OffsetMap | None:
    """The map from a run of page text as output (``out``: ``data`` with spaces
    made one unless ``pre``) to its ``source``; ``None`` when they do not agree.

    ``data`` is what HTMLParser decoded from the start of ``source``; what
    follows it there (markup the parser skips, such as ``</>``) is left out.
    """
    edits: list[tuple[int, int, str]] = []
    made = pos = 0  # characters decoded so far; where in ``source``
    for ref in _CHARREF.finditer(source):
        if made + ref.start() - pos >= len(data):
            break
        made += ref.start() - pos
        decoded = html.unescape(ref.group())
        edits.append((ref.start(), ref.end(), decoded))
        made += len(decoded)
        pos = ref.end()
        if made >= len(data):
            break
    stop = pos + max(0, len(data) - made)
    if stop < len(source):
        edits.append((stop, len(source), ""))
    decoded_text, decoding = _text.apply_edits(source, edits)
    if decoded_text != data:
        return None
    text, offsets = decoded_text, decoding
    if not pre:
        spaces = ((m.start(), m.end(), " ") for m in _HTML_SPACES.finditer(text))
        text, offsets = _then(text, offsets, spaces)
    return offsets if text == out else None


def _then(
    text: str, offsets: OffsetMap, edits: Iterable[tuple[int, int, str]]
) -> tuple[str, OffsetMap]:
    """``text`` (``offsets`` leads from it to the input) with ``edits`` applied,
    and the map from the result to the input."""
    edited, step = _text.apply_edits(text, edits)
    return edited, offsets.compose(text, step)


def _normalise(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def _html_to_text(raw: str) -> tuple[str, _HTMLMeta, OffsetMap]:
    """The visible text of the page ``raw``, what it says about itself, and the
    map from that text to ``raw``."""
    parser = _HTMLText(raw)
    parser.feed(raw)
    return parser.result()
