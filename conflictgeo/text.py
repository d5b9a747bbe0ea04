"""Text preparation: cleaning, the headline, the dateline, sentences.

Everything here works on plain strings and returns character offsets into the
cleaned text, which is the text every later stage works on. Cleaning also
gives an :class:`OffsetMap` from the cleaned text back to the text as the user
gave it, which the outputs use to report offsets into the user's own text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Image and media file names pasted into article text by content systems, e.g.
# "_69129968_syria_aleppo_latakia_feb13The sources said": the token runs in
# lower case and digits and is often glued to the next sentence's capital.
_MEDIA_TOKEN = re.compile(
    r"(?:(?<=\s)|^)(?:"
    r"_*\d{5,}_[a-z0-9_]+?(?=[A-Z\s]|$)"  # CMS image ids: _69129968_syria_...
    r"|[\w\-]+\.(?:jpe?g|png|gif|webp|tiff?|bmp|svg|mp4|mov)\b"  # plain file names
    r")",
    re.MULTILINE,
)
# What every _MEDIA_TOKEN match contains, five digits and "_" or a file
# extension: most reports hold neither. Each hint opens with a literal ("_",
# "."), which ``re`` skips to instead of trying the pattern at every position.
_MEDIA_ID_HINT = re.compile(r"_(?<=\d{5}_)")
_MEDIA_FILE_HINT = re.compile(r"\.(?:jpe?g|png|gif|webp|tiff?|bmp|svg|mp4|mov)\b")
# Runs of spaces become one space. A lone " " is left alone (replacing it with
# itself cost half of cleaning); the pattern opens with a character class, so
# ``re`` skips to the next space-like character. Besides tabs and no-break
# spaces: vertical tab and form feed (page breaks in text taken from PDFs), and
# the Ogham, narrow no-break, medium mathematical and ideographic spaces.
_SPACE_CLASS = r"[ \t\x0b\x0c\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]"
_SPACES = re.compile(rf"{_SPACE_CLASS}(?:{_SPACE_CLASS}+|(?<! ))")
_ODD_SPACE = re.compile(_SPACE_CLASS.replace(" ", "", 1))  # with "  ": what _SPACES can match
_MANY_NEWLINES = re.compile(r"\n\n\n+")  # "\n{3,}", with a literal prefix to skip to
# Line ends (CR LF, CR, the Unicode line separator) become "\n" and the
# paragraph separator a blank line; characters that only steer rendering
# (byte-order mark, soft hyphen, zero-width joiner and non-joiner, word joiner)
# are dropped, so that "Alep\u00adpo" is "Aleppo". The pattern opens with a
# character class, for ``re`` to skip to; a "\n" after the character goes with it.
_BREAKS = re.compile(r"[\r\u2028\u2029\ufeff\u00ad\u200c\u200d\u2060]\n?")
_BREAK_AS = {"\r": "\n", "\r\n": "\n", "\u2028": "\n", "\u2029": "\n\n"}
# Spaces opening or closing a line (what str.strip() takes off each line), and
# what besides " " may be there once spaces are made one.
_LINE_EDGES = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)
_ODD_EDGE = re.compile(r"[\x1c-\x1f\x85]")
# NFC composes a character only with those before it back to an ASCII character
# (which never changes and never joins the one before it): so each run of
# non-ASCII characters, with the ASCII one before it, is normalised on its own.
_NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
# Half of a UTF-16 surrogate pair alone (JSON "\ud83d"): no character, and not
# encodable as UTF-8. Each becomes U+FFFD, so no offset moves.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Any character the patterns above look for besides " " and "\n": one search
# (most texts hold none) spares the others' (a character class with code points
# past 255 costs some nanoseconds a character).
_ODD_CHARACTER = re.compile(
    r"[\ud800-\udfff\r\u2028\u2029\ufeff\u00ad\u200c\u200d\u2060\x1c-\x1f\x85"
    + _SPACE_CLASS[2:]  # the space class without its "[ "
)

# "NICOSIA —", "BEIRUT, Lebanon —", "BEIRUT (Reuters) -", "Damascus, Aug. 12 (AFP) –":
# a place, an optional region, date or agency, then a dash. A place not in capitals
# needs the date or the agency: "The Syrian army — backed by jets — ..." is no dateline.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z'’.\- ]{1,30}?))?"
    r"(?P<date>,\s*[A-Z][A-Za-z.]*\.?\s*\d{1,2})?"
    r"(?P<agency>\s*\([A-Za-z .&]{1,30}\))?"
    r"\s*[—–-]{1,2}\s+",
)

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st mt ft no jan feb mar apr jun jul aug sep sept "
    "oct nov dec u.s u.n u.k e.g i.e vs etc gov sen rep pres prof inc co corp ltd jr sr".split()
)
# The word before a full stop, read backwards from it in the reversed text (a
# search for "[\w.]+$" tries every position before it); a longer one than 64
# characters is no abbreviation.
_WORD = re.compile(r"[\w.]+")
# "[.!?][.!?]*" is "[.!?]+" whose first character ``re`` can skip to: only the
# positions holding one of ".!?" and a newline are tried, not every one.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Where each stretch of a cleaned text comes from in the text the user gave.

    The cleaned text and the input are cut into the same sequence of
    stretches. Most hold the same characters in both and are not stored; the
    others (a run of spaces made one, a CR LF made "\\n", a media file name or
    an HTML tag taken out, an entity decoded) are stored in order, each with
    its span in the cleaned text, its span in the input and its input text.
    Between two stored stretches both texts hold the same characters, so
    positions there differ by a constant. A changed stretch maps as a whole: a
    span that starts or ends inside it takes all of it.

    An empty map is the identity (nothing was changed).

    >>> m = OffsetMap((3,), (4,), (3,), (6,), ("   ",))  # "a b" at 3 was "a   b"
    >>> m.to_input(4, 5), m.to_clean(6, 7)
    ((6, 7), (4, 5))
    """

    clean_starts: tuple[int, ...] = ()
    clean_ends: tuple[int, ...] = ()
    input_starts: tuple[int, ...] = ()
    input_ends: tuple[int, ...] = ()
    originals: tuple[str, ...] = ()  # the input text of each changed stretch

    @property
    def identity(self) -> bool:
        """True when the cleaned text is the input (nothing was changed)."""
        return not self.clean_starts

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the cleaned span ``start:end``."""
        if not self.clean_starts:
            return start, end
        f0, f1, t0, t1 = self.clean_starts, self.clean_ends, self.input_starts, self.input_ends
        begin = _start_through(start, f0, f1, t0, t1)
        if end <= start:
            return begin, begin
        return begin, max(begin, _end_through(end, f0, f1, t0, t1))

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The cleaned span of the input span ``start:end`` (a gold toponym's)."""
        if not self.clean_starts:
            return start, end
        f0, f1, t0, t1 = self.input_starts, self.input_ends, self.clean_starts, self.clean_ends
        begin = _start_through(start, f0, f1, t0, t1)
        if end <= start:
            return begin, begin
        return begin, max(begin, _end_through(end, f0, f1, t0, t1))

    def input_text(self, cleaned: str, start: int, end: int) -> str:
        """``input[start:end]`` (input offsets), rebuilt from the ``cleaned`` text."""
        if not self.clean_starts:
            return cleaned[start:end]
        c1, i0, i1 = self.clean_ends, self.input_starts, self.input_ends
        pieces: list[str] = []
        pos, k, n = start, bisect_right(i1, start), len(i0)
        while pos < end:
            if k < n and i0[k] <= pos:  # inside changed stretch k
                stop = min(end, i1[k])
                pieces.append(self.originals[k][pos - i0[k] : stop - i0[k]])
                k += 1
            else:  # the same characters in both texts
                stop = min(end, i0[k]) if k < n else end
                shift = c1[k - 1] - i1[k - 1] if k else 0
                pieces.append(cleaned[pos + shift : stop + shift])
            pos = stop
        return "".join(pieces)

    def stretches(self) -> Iterator[tuple[int, int, int, int, str]]:
        """The changed stretches: ``(clean start, clean end, input start, input end,
        input text)``, in order."""
        return zip(
            self.clean_starts,
            self.clean_ends,
            self.input_starts,
            self.input_ends,
            self.originals,
            strict=True,
        )

    @classmethod
    def from_stretches(cls, stretches: Iterable[tuple[int, int, int, int, str]]) -> OffsetMap:
        """The map of changed stretches given in order (touching ones are joined)."""
        return _offset_map(stretches)

    def compose(self, through: str, inner: OffsetMap) -> OffsetMap:
        """The map of ``inner`` followed by this one.

        ``self`` maps ``through`` to the input; ``inner`` maps a text made from
        ``through`` (cleaned further) to ``through``. The result maps that text
        to the input. Stretches of the two that overlap become one.
        """
        if inner.identity:
            return self
        if self.identity:
            return inner
        inner_parts = inner._stretches(_length_after(inner, len(through)))
        outer_parts = self._stretches(len(through))
        blocks: list[tuple[int, int, int, int, str]] = []
        group: list[Any] | None = None  # [clean start, input start, clean len, input len, texts]
        n = i = t = 0  # positions in the new text, the input and ``through``
        ai = bi = a_used = b_used = 0
        while ai < len(inner_parts) or bi < len(outer_parts):
            if ai < len(inner_parts) and inner_parts[ai][1] == 0:  # text added from nothing
                group = group or [n, i, 0, 0, []]
                group[2] += inner_parts[ai][0]
                n += inner_parts[ai][0]
                ai += 1
                continue
            if bi < len(outer_parts) and outer_parts[bi][0] == 0:  # input text taken out
                group = group or [n, i, 0, 0, []]
                group[3] += outer_parts[bi][1]
                group[4].append(outer_parts[bi][2])
                i += outer_parts[bi][1]
                bi += 1
                continue
            a_len, a_through, a_text = inner_parts[ai]
            b_through, b_len, b_text = outer_parts[bi]
            step = min(a_through - a_used, b_through - b_used)
            if a_text is None and b_text is None:  # the same in all three texts
                if group is not None:
                    blocks.append(_stretch(group))
                    group = None
                n += step
                i += step
            else:
                group = group or [n, i, 0, 0, []]
                grow = step if a_text is None else (a_len if a_used == 0 else 0)
                group[2] += grow
                n += grow
                grow = step if b_text is None else (b_len if b_used == 0 else 0)
                group[3] += grow
                i += grow
                if b_text is None:
                    group[4].append(through[t : t + step])
                elif b_used == 0:
                    group[4].append(b_text)
            t += step
            a_used += step
            b_used += step
            if a_used == a_through:
                ai, a_used = ai + 1, 0
            if b_used == b_through:
                bi, b_used = bi + 1, 0
        if group is not None:
            blocks.append(_stretch(group))
        return _offset_map(blocks)

    def _stretches(self, clean_length: int) -> list[tuple[int, int, str | None]]:
        """Every stretch in order: ``(cleaned length, input length, input text)``,
        the text ``None`` where both hold the same characters."""
        out: list[tuple[int, int, str | None]] = []
        at = 0
        for c0, c1, i0, i1, text in self.stretches():
            if c0 > at:
                out.append((c0 - at, c0 - at, None))
            out.append((c1 - c0, i1 - i0, text))
            at = c1
        if clean_length > at:
            out.append((clean_length - at, clean_length - at, None))
        return out


def _stretch(group: list[Any]) -> tuple[int, int, int, int, str]:
    """A changed stretch from :meth:`OffsetMap.compose`'s running group."""
    clean_start, input_start, clean_length, input_length, texts = group
    return (
        clean_start,
        clean_start + clean_length,
        input_start,
        input_start + input_length,
        "".join(texts),
    )


def _length_after(m: OffsetMap, input_length: int) -> int:
    """The cleaned length of a map whose input is ``input_length`` long."""
    if m.identity:
        return input_length
    return m.clean_ends[-1] + input_length - m.input_ends[-1]


def _offset_map(blocks: Iterable[tuple[int, int, int, int, str]]) -> OffsetMap:
    """An :class:`OffsetMap` of changed stretches in order (touching ones joined)."""
    merged: list[list[Any]] = []
    for c0, c1, i0, i1, text in blocks:
        if merged and merged[-1][1] == c0 and merged[-1][3] == i0:
            merged[-1][1], merged[-1][3] = c1, i1
            merged[-1][4] += text
        else:
            merged.append([c0, c1, i0, i1, text])
    if not merged:
        return OffsetMap()
    columns = list(zip(*merged, strict=True))
    return OffsetMap(*(tuple(column) for column in columns))


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """``text`` with each ``(start, end, replacement)`` applied (in order, apart),
    and the map from the result back to ``text``.

    >>> text, offsets = apply_edits("a  b", [(1, 3, " ")])
    >>> text, offsets.originals
    ('a b', ('  ',))
    """
    parts: list[str] = []
    blocks: list[tuple[int, int, int, int, str]] = []
    at = shift = 0  # position in ``text``; result position minus text position
    for start, end, replacement in edits:
        original = text[start:end]
        if replacement == original:
            continue
        parts.append(text[at:start])
        parts.append(replacement)
        blocks.append((start + shift, start + shift + len(replacement), start, end, original))
        shift += len(replacement) - (end - start)
        at = end
    if not blocks:
        return text, OffsetMap()
    parts.append(text[at:])
    return "".join(parts), _offset_map(blocks)


def _start_through(
    x: int,
    f0: tuple[int, ...],
    f1: tuple[int, ...],
    t0: tuple[int, ...],
    t1: tuple[int, ...],
) -> int:
    """Where a span starting at ``x`` on one side starts on the other."""
    k = bisect_right(f1, x)  # changed stretches wholly before x (taken-out text at x too)
    if k < len(f0) and f0[k] <= x:  # x is inside stretch k: the span takes all of it
        return t0[k]
    return x + t1[k - 1] - f1[k - 1] if k else x


def _end_through(
    y: int,
    f0: tuple[int, ...],
    f1: tuple[int, ...],
    t0: tuple[int, ...],
    t1: tuple[int, ...],
) -> int:
    """Where a span ending at ``y`` (exclusive) on one side ends on the other."""
    k = bisect_left(f0, y) - 1  # the last changed stretch that starts before y
    if k < 0:
        return y
    if y <= f1[k]:  # y is inside stretch k, or at its end: the span takes all of it
        return t1[k]
    return y + t1[k] - f1[k]


@dataclass(frozen=True, slots=True)
class PreparedText:
    """Cleaned text plus the spans of its headline and dateline."""

    text: str
    title: str | None
    title_end: int
    dateline: str | None
    dateline_span: tuple[int, int] | None
    offsets: OffsetMap = OffsetMap()  # ``text`` back to the text the user gave


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def clean(raw: str) -> str:
    """Normalise Unicode and whitespace and drop stray media file names.

    >>> clean("fled in August.\\n_69129968_syria_latakia_feb13The sources said")
    'fled in August.\\nThe sources said'
    """
    return clean_with_offsets(raw)[0]


def clean_with_offsets(raw: str) -> tuple[str, OffsetMap]:
    """:func:`clean`, and the map from the cleaned text back to ``raw``.

    >>> text, offsets = clean_with_offsets("Shelling  hit\\tDeir  ez-Zor.")
    >>> text
    'Shelling hit Deir ez-Zor.'
    >>> offsets.to_input(13, 24)
    (14, 26)
    """
    cleaner = _Cleaner(raw)
    # NFC makes none of these characters of others (its only spaces come from spaces).
    odd = _ODD_CHARACTER.search(raw) is not None
    if odd and _LONE_SURROGATE.search(raw):
        cleaner.sub(_LONE_SURROGATE, lambda found: "\ufffd")
    if not unicodedata.is_normalized("NFC", cleaner.text):
        cleaner.sub(_NON_ASCII_RUN, lambda found: unicodedata.normalize("NFC", found))
    if odd and _BREAKS.search(cleaner.text):
        cleaner.sub(_BREAKS, _break_as)
    if _may_hold_media(cleaner.text):
        cleaner.sub(_MEDIA_TOKEN, lambda found: "")
    if "  " in cleaner.text or (odd and _ODD_SPACE.search(cleaner.text)):  # most: neither
        cleaner.sub(_SPACES, lambda found: " ")
    text = cleaner.text
    # Spaces at the very start and end go with the whole text's below.
    if " \n" in text or "\n " in text or (odd and _ODD_EDGE.search(text)):
        cleaner.sub(_LINE_EDGES, lambda found: "")
    if "\n\n\n" in cleaner.text:
        cleaner.sub(_MANY_NEWLINES, lambda found: "\n\n")
    text = cleaner.text
    lead, kept = len(text) - len(text.lstrip()), len(text.strip())
    if kept < len(text):
        cleaner.edit([(0, lead, ""), (lead + kept, len(text), "")])
    return cleaner.text, cleaner.offsets


def _break_as(found: str) -> str:
    """What a :data:`_BREAKS` match becomes."""
    if found in _BREAK_AS:
        return _BREAK_AS[found]
    return _BREAK_AS.get(found[0], "") + found[1:]  # "\u2028\n": "\n\n"; "\ufeff\n": "\n"


class _Cleaner:
    """A text being cleaned step by step, with the map back to where it began."""

    __slots__ = ("offsets", "text")

    def __init__(self, raw: str) -> None:
        self.text = raw
        self.offsets = OffsetMap()

    def sub(self, pattern: re.Pattern[str], replace: Callable[[str], str]) -> None:
        """Replace every match of ``pattern`` by ``replace(match text)``."""
        self.edit((m.start(), m.end(), replace(m.group())) for m in pattern.finditer(self.text))

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> None:
        """Apply ``(start, end, replacement)`` edits, in order and apart."""
        text, step = apply_edits(self.text, edits)
        if not step.identity:
            self.offsets = self.offsets.compose(self.text, step)
            self.text = text


def _may_hold_media(text: str) -> bool:
    """False when no media file name can be in ``text`` (see _MEDIA_TOKEN)."""
    return bool(_MEDIA_FILE_HINT.search(text) or ("_" in text and _MEDIA_ID_HINT.search(text)))


def prepare(
    raw: str, *, title: str | None = None, offsets: OffsetMap | None = None
) -> PreparedText:
    """Clean ``raw`` and find its headline and dateline.

    A plain-text report's first line is its headline when it is short, has no
    closing full stop and a blank line follows. A dateline ("NICOSIA —") is
    looked for at the start of the first paragraphs after the headline.
    ``offsets`` maps ``raw`` to the user's input when a reader changed that
    first (HTML to text): the result's ``offsets`` then lead to the input.

    >>> p = prepare("Rebels advance\\n\\nBEIRUT — Rebels seized a town.")
    >>> p.title, p.dateline, p.text[p.dateline_span[0]:p.dateline_span[1]]
    ('Rebels advance', 'Beirut', 'BEIRUT')
    """
    text, cleaned = clean_with_offsets(raw)
    if offsets is not None:
        cleaned = offsets.compose(raw, cleaned)
    title_end = 0
    if title is None:
        first, sep, _ = text.partition("\n\n")
        if sep and len(first) <= 200 and "\n" not in first and not first.rstrip().endswith("."):
            title, title_end = first.strip(), len(first)
    dateline = span = None
    pos = title_end
    for _ in range(3):  # headline, byline ("Special to ..."), then the lede
        while pos < len(text) and text[pos] == "\n":
            pos += 1
        match = _DATELINE.match(text, pos)
        if match:
            place = match.group("place").strip()
            if place.isupper() or (
                len(place.split()) <= 3 and (match.group("date") or match.group("agency"))
            ):
                span = (match.start("place"), match.start("place") + len(place))
                dateline = place.title() if place.isupper() else place
                break
        nxt = text.find("\n\n", pos)
        if nxt < 0:
            break
        pos = nxt
    return PreparedText(text, title, title_end, dateline, span, cleaned)


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split ``text[start:]`` into sentences, keeping offsets into ``text``.

    >>> [s.text for s in split_sentences("On Aug. 10 rebels fled. Mr. Kilo spoke.\\n\\nNew one")]
    ['On Aug. 10 rebels fled.', 'Mr. Kilo spoke.', 'New one']
    """
    sentences: list[Sentence] = []
    paragraph = 0
    begin = start
    backwards = None  # the text reversed, made at the first full stop
    for match in _SENTENCE_END.finditer(text, start):
        if match.group().startswith("."):
            if backwards is None:
                backwards = text[::-1]
            word = _word_before(text, backwards, match.start(), max(begin, match.start() - 64))
            if word and (len(word) == 1 or word.lower() in _ABBREVIATIONS):
                continue
        end = match.end() if not match.group().isspace() else match.start()
        _append(sentences, text, begin, end, paragraph)
        if "\n\n" in text[match.start() : match.end() + 1] or match.group().isspace():
            paragraph += 1
        begin = match.end()
    _append(sentences, text, begin, len(text), paragraph)
    return sentences


def _word_before(text: str, backwards: str, at: int, lo: int) -> str | None:
    """The run of word characters and dots that ends at ``at`` (or at a newline
    just before it) and starts no earlier than ``lo``: what
    ``re.search(r"[\\w.]+$", text[lo:at])`` finds, read in ``backwards``
    (``text`` reversed) from ``at`` on instead of tried at every position."""
    n = len(text)
    end = at - 1 if text[at - 1 : at] == "\n" else at  # "$" also matches before a final newline
    run = _WORD.match(backwards, n - end, n - lo)
    return run.group()[::-1] if run else None


#: Longest sentence the stages see. A run of text with no sentence end (a table
#: flattened to a line, a list, a text without full stops) is cut into pieces of
#: at most this many characters, at a clause break where there is one: the rules
#: that look back and forth within a sentence then cost the same per character
#: however long the text. Sentences of news reports are far shorter.
MAX_SENTENCE_CHARS = 2000
_CLAUSE_ENDS = ("; ", ", ", " ")


def _append(out: list[Sentence], text: str, begin: int, end: int, paragraph: int) -> None:
    while end - begin > MAX_SENTENCE_CHARS:
        cut = _clause_cut(text, begin, begin + MAX_SENTENCE_CHARS)
        _append_one(out, text, begin, cut, paragraph)
        begin = cut
    _append_one(out, text, begin, end, paragraph)


def _clause_cut(text: str, begin: int, limit: int) -> int:
    """Where to cut ``text[begin:limit]``: after its last "; " in the second
    half, else its last ", ", else its last space, else at ``limit``."""
    half = (begin + limit) // 2
    for separator in _CLAUSE_ENDS:
        at = text.rfind(separator, half, limit)
        if at >= 0:
            return at + 1
    return limit


def _append_one(out: list[Sentence], text: str, begin: int, end: int, paragraph: int) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = begin + lead
    out.append(Sentence(s, s + len(stripped), stripped.replace("\n", " "), paragraph))
