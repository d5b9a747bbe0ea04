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
# Substrings every _MEDIA_TOKEN match contains: most reports hold neither, and
# these scans are several times cheaper than trying the pattern at every word.
# Apart, each starts with something ``re`` can skip to ("_" is looked for first).
_MEDIA_ID = re.compile(r"\d{5,}_")
_MEDIA_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|tiff?|bmp|svg|mp4|mov)\b")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
# What _SPACES changes besides a single " " (which it would replace by itself).
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b]")
_MANY_NEWLINES = re.compile(r"\n{3,}")

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
# The word before a full stop; a longer one than 64 characters is no abbreviation.
_LAST_WORD = re.compile(r"([\w.]+)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n")


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
    # Most reports have single spaces only: no sub that replaces each by itself.
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def _may_hold_media(text: str) -> bool:
    """False when ``text`` has no _MEDIA_TOKEN match for sure."""
    return bool(("_" in text and _MEDIA_ID.search(text)) or _MEDIA_FILE.search(text))


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
    for match in _SENTENCE_END.finditer(text, start):
        if match.group().startswith("."):
            # Only the tail can hold the last word: no slice of the whole sentence.
            word = _LAST_WORD.search(text, max(begin, match.start() - 64), match.start())
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        end = match.end() if not match.group().isspace() else match.start()
        _append(sentences, text, begin, end, paragraph)
        if "\n\n" in text[match.start() : match.end() + 1] or match.group().isspace():
            paragraph += 1
        begin = match.end()
    _append(sentences, text, begin, len(text), paragraph)
    return sentences


def _append(out: list[Sentence], text: str, begin: int, end: int, paragraph: int) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = begin + lead
    out.append(Sentence(s, s + len(stripped), stripped.replace("\n", " "), paragraph))
