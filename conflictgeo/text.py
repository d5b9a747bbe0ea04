"""Text preparation: cleaning, the headline, the dateline, sentences.

Everything here works on plain strings and returns character offsets into the
cleaned text, which is the text every later stage and every output refers to.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
# ``re`` skips to the next space-like character.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b](?:[ \t\u00a0\u2000-\u200b]+|(?<! ))")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b]")  # with "  ": what _SPACES can match
_MANY_NEWLINES = re.compile(r"\n\n\n+")  # "\n{3,}", with a literal prefix to skip to

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
class PreparedText:
    """Cleaned text plus the spans of its headline and dateline."""

    text: str
    title: str | None
    title_end: int
    dateline: str | None
    dateline_span: tuple[int, int] | None


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
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    if _may_hold_media(text):
        text = _MEDIA_TOKEN.sub("", text)
    if "  " in text or _ODD_SPACE.search(text):  # most texts: single spaces only
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def _may_hold_media(text: str) -> bool:
    """False when no media file name can be in ``text`` (see _MEDIA_TOKEN)."""
    return bool(_MEDIA_FILE_HINT.search(text) or ("_" in text and _MEDIA_ID_HINT.search(text)))


def prepare(raw: str, *, title: str | None = None) -> PreparedText:
    """Clean ``raw`` and find its headline and dateline.

    A plain-text report's first line is its headline when it is short, has no
    closing full stop and a blank line follows. A dateline ("NICOSIA —") is
    looked for at the start of the first paragraphs after the headline.

    >>> p = prepare("Rebels advance\\n\\nBEIRUT — Rebels seized a town.")
    >>> p.title, p.dateline, p.text[p.dateline_span[0]:p.dateline_span[1]]
    ('Rebels advance', 'Beirut', 'BEIRUT')
    """
    text = clean(raw)
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
    return PreparedText(text, title, title_end, dateline, span)


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


def _append(out: list[Sentence], text: str, begin: int, end: int, paragraph: int) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = begin + lead
    out.append(Sentence(s, s + len(stripped), stripped.replace("\n", " "), paragraph))
