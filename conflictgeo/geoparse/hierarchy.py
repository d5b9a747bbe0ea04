"""The text's own place hierarchy: the district, province or country a sentence puts a name in.

Reports and coders name a place with its enclosing areas, innermost first:

- a parenthesis: "Salma (Haffa, Latakia)", "Salma (Latakia)", with an
  alternate name in brackets before it ("Salma [Slanfeh] (Haffa, Latakia)");
- an apposition: "Salma, Latakia governorate, Syria", "Salma, in Haffa
  District, Latakia Governorate", "Paris, Texas";
- a type word after "in" or "of": "Salma in Haffa district", "Salma village
  of Haffa sub-county", "Salma in the Latakia countryside", "Salma in the
  countryside of Latakia", "Salma in northern Latakia";
- a coder's location: "coded to Salma (Haffa, Latakia)".

:func:`link_areas` finds these structures in a document, resolves the areas
outermost first (each inside the next), and gives every name of the chain its
enclosing :class:`Area`. The resolver then keeps only a name's candidates
inside its area (:func:`within`); a name with none there stays, unresolved,
with the area as its ``Mention.within``, so an event is placed at the stated
district or province rather than at a namesake elsewhere. A plain apposition
("X, Y" with no type word) is a hierarchy only when Y is an area and the words
do not run on as a list ("Aleppo, Idlib and Hama"); it is strict only for a
name no well-known place bears (a "Mosul, Kirkuk" list keeps Mosul). An area
that holds none of the names inside it is weighed against a slip of the
writer's (:meth:`_Linker.doubt`).

A country the report names as a country ("... in Syria") also reads a small
place whose namesakes all lie elsewhere by its spelling there, softly
(:func:`_read_in_named_country`): it outweighs the namesakes' own countries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from conflictgeo.gazetteer.index import Candidate, Gazetteer
from conflictgeo.gazetteer.names import name_key
from conflictgeo.geoparse.distance import haversine_km
from conflictgeo.geoparse.lexicon import ORG_HEADS, STOPWORDS
from conflictgeo.model import Document, Place

if TYPE_CHECKING:
    from conflictgeo.geoparse.recognize import Toponym

# How far from the point of a district (or of the town that names it, when the
# gazetteer has no row for the district) a place inside it may lie, where the
# gazetteer gives no second-level codes to compare. Districts, communes and
# sub-counties are mostly 20-80 km across.
DISTRICT_KM = 60.0
# A town or city as an enclosing area ("the main square of X city").
TOWN_KM = 15.0
# How alike (rapidfuzz ratio) a province's name must be to the text's spelling when
# nothing else in the chain says which country it is in ("Hiraan", Hiiraan).
_AREA_SIMILARITY = 85.0

# The reason a name of a chain that is another name's area carries: events are
# placed at the name it encloses, not at the area (see extract/events.py).
AREA_OF = "the enclosing area of "
CODED_TO = "the coder's location ('coded to')"
STATED_AREA = "as the text says"  # ends the reason of a name given with its area

# Type words of areas, by the level they usually name. "county", "department"
# and "prefecture" name a first-level division in some countries and a second
# in others: the gazetteer decides ("area").
_LEVEL_WORDS = {
    "province": "province provinces governorate governorates region oblast state wilaya"
    " muhafazat emirate countryside",
    "district": "district districts sub-county subcounty sub-district subdistrict municipality"
    " municipalities commune lga tehsil taluka taluk cercle raion rayon hromada community"
    " nahiya nahia qada kaza caza arrondissement canton ward division locality block"
    " subdivision sub-division sub-prefecture subprefecture upazila mandal"
    " local government area",
    "area": "county counties department prefecture",
    "country": "country",
    "town": "city town",
}
_LEVEL = {w: level for level, words in _LEVEL_WORDS.items() for w in words.split(" ")}
_LEVEL.update({"local government area": "district", "sub county": "district"})
_TYPE_WORDS = sorted(
    ["local government area", "sub-county", "sub county", *_LEVEL], key=len, reverse=True
)
_TYPE = "|".join(re.escape(w) for w in dict.fromkeys(_TYPE_WORDS))
# Feature words that may follow the inner name itself ("Salma village, ...").
_HINTS = "village|town|city|area|neighbou?rhood|camp|settlement|locality|hamlet|market"
# In lower case only: "North Sinai", "Eastern Equatoria" are names.
_DIRECTION = (
    r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?|rural"
)
# A capitalised name of up to five words, with name connectors and Arabic articles.
_ARTICLE = r"(?:(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|ez)-)"
_WORD = rf"{_ARTICLE}?[A-Z][\w'’\-]*"
_JOIN = r"(?:\s+|-|/)(?:(?:al|el|de|del|la|le|du|des|of|bin|ibn|abu|ez|ed|es|da|do|dos)\s+)?"
_NAME = rf"{_WORD}(?:{_JOIN}{_WORD}){{0,4}}"

# What may open a chain after a name: a parenthesis or a comma, or "in"/"of"/"within";
# after the name itself, also its type word or an alternate name in brackets.
_MAY_CHAIN = re.compile(r"\s*[(,]|\s+(?:in|of|within)\s")
_AFTER_NAME = re.compile(rf"\s*[(\[,]|\s+(?:in|of|within)\s|\s+(?i:{_HINTS}|{_TYPE})\b")
_OPENING = re.compile(r"[\[(]")
# An item of a list that ends right before a position: "A, ", "A and ", "A, and ".
_LIST_ITEM_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})(?P<sep>,\s*(?:and\s+)?|\s+and\s+)$"
)
_SEATS = frozenset({"PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC"})
_HINT_WORDS = frozenset(
    [*_HINTS.replace("neighbou?rhood", "neighbourhood").split("|"), "neighborhood"]
)
_ARTICLE_WORD = re.compile(r"(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|ez)-[A-Z]")
_TYPE_AFTER = re.compile(rf"(?:['’]s)?\s+(?i:{_TYPE})\b")


def _may_be_area(text: str, t: Toponym) -> bool:
    """Whether ``t`` may name another name's area: a division, a country or a seat
    of one, or a name with a type word ("Haffa district")."""
    return bool(_TYPE_AFTER.match(text, t.end)) or any(
        c.place.feature_class == "A" or c.place.feature_code in _SEATS for c in t.candidates
    )


def _name_ends_before(text: str, pos: int) -> bool:
    """Whether a capitalised word ("Salma", "al-Bab"), maybe with its feature word
    ("Salma village"), ends right before ``pos`` (spaces aside)."""
    words = text[max(0, pos - 40) : pos].rsplit(None, 2)
    if not words:
        return False
    last = words[-1]
    if last.lower() in _HINT_WORDS and len(words) > 1:
        last = words[-2]
    last = last.lstrip("([,")
    return last[:1].isupper() or bool(_ARTICLE_WORD.match(last))


_PART = re.compile(
    rf"(?:(?P<dir>{_DIRECTION})\s+)?(?P<name>{_NAME})(?:['’]s)?"
    rf"(?:\s+(?P<type>(?i:{_TYPE}))\b)?"
)
_CASED_NAME = re.compile(_NAME)  # _PART ignores case for the type words only
_AND_NAME = re.compile(rf"\s+and\s+{_WORD}")
_COMMA = re.compile(r"\s*,\s*(?:(?:in|of)\s+)?(?:the\s+)?")
_IN_OF = re.compile(r"\s+(?:in|of|within)\s+(?:the\s+)?")
_COUNTRYSIDE_OF = re.compile(
    rf"\s+(?:in|of)\s+the\s+(?:(?P<dir>{_DIRECTION})\s+)?countryside\s+of\s+"
)
_HINT_AFTER = re.compile(rf"\s+(?:(?P<hint>{_HINTS})|(?P<type>{_TYPE}))\b", re.IGNORECASE)
_ALT = re.compile(r"\s*\[(?P<alt>[^\[\]\n]{2,60})\]")
_PAREN = re.compile(r"\s*\((?P<body>[^()\n]{2,120})\)")
_CODED = re.compile(r"\bcoded (?:to|at)\s+(?:(?:the\s+)?approximate location (?:as|of)\s+)?")
# What may follow a plain apposition's last area ("Paris, Texas, on Monday"; not
# "Mike Mauro, Flores' stepfather").
_APPOSITION_END = re.compile(
    r"\s*(?:[,.;:!?)\]\"”]|$)|\s+(?:on|in|at|with|near|after|before|during|where|when|while|"
    r"since|following|from|to|for|as|by|under|amid|over|late|early|last|this|overnight)\b"
)
# The words that run on a plain apposition as a list: "Aleppo, Idlib and Hama".
_LIST_ON = re.compile(rf"\s*,\s*(?:and\s+|or\s+)?{_WORD}|\s*,?\s+(?:and|or)\b")
# Before an unknown name that a parenthesis or type word follows: the name is a
# place when a preposition, a feature word or the coder introduces it.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|of|to|into|on|outside|around|towards?|between|across|along|"
    r"inside|coded to|coded at)"
    r"|\b(?:village|town|city|area|locality|settlement)"
    # an event verb's object: "shelled X (Y)", "stormed X (Y, Z)"
    r"|\b(?:struck|shelled|bombed|attacked|raided|stormed|targeted|hit|seized|captured|"
    r"recaptured|entered|besieged|overran|reached|fled|left))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# An unknown name before its areas; not across "of", which joins a person to a
# place ("Kris Goodman of Hudson, Ohio") more often than it makes one name.
_JOIN_BEFORE = _JOIN.replace("|of|", "|")
_NAME_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_WORD}(?:{_JOIN_BEFORE}{_WORD}){{0,4}})"
    rf"(?:\s+(?P<hint>(?i:{_HINTS})))?\s*$"
)
_NOT_A_NAME = STOPWORDS | frozenset(_LEVEL) | frozenset(_HINTS.split("|"))
# Words that never open a place's name of several words.
_NOT_FIRST = frozenset(
    """the a an on in at of by for from to with and or but as after before during since
    until when while this that these those his her its their our my your some many several
    all both each every no one two three four five six seven eight nine ten dozens
    hundreds thousands""".split()
)


class _Maker(Protocol):
    """The recogniser's :class:`~conflictgeo.geoparse.recognize.Toponym`."""

    def __call__(self, start: int, end: int, text: str, key: str) -> Toponym: ...


@dataclass(frozen=True, slots=True)
class Area:
    """An area the text puts a name in, resolved.

    ``place`` is the area's gazetteer row: a country, a first-level division,
    a district, or the town that names a district when the gazetteer has no
    row for it. ``level`` is ``country``, ``province``, ``district`` or
    ``town``; ``km`` how far from ``place`` a place inside a district or town
    may lie. ``strict``: only candidates inside may stand (a structure that
    leaves no doubt); otherwise inside ones are preferred. ``text`` is how
    the text names the area.
    """

    place: Place
    level: str
    km: float = 0.0
    strict: bool = True
    text: str = ""

    def contains(self, place: Place) -> bool:
        """Whether ``place`` may lie in this area, by the codes the gazetteer gives.

        A district without second-level codes to compare is known only to lie
        in its province, or close by (see :meth:`near` and :func:`within`); a
        town holds what lies within ``km`` of it.
        """
        area = self.place
        if place.geonameid == area.geonameid:
            return True
        if place.country_code != area.country_code:
            return False
        if self.level == "country":
            return True
        if self.level == "town":
            return self.near(place)
        if self.level == "province":
            return bool(area.admin1) and place.admin1 == area.admin1
        if area.admin1 and place.admin1 and area.admin1 != place.admin1:
            # A district across a province line: only a place close by (the codes of
            # divisions redrawn since a town was coded differ).
            return self.near(place)
        if area.admin2 and place.admin2:
            return area.admin2 == place.admin2
        return True

    def near(self, place: Place) -> bool:
        """Whether ``place`` lies within ``km`` of the area's point."""
        area = self.place
        return bool(haversine_km(area.lat, area.lon, place.lat, place.lon) <= self.km)

    @property
    def geo_precision(self) -> int | None:
        """ACLED's precision for an event placed at this area: 2 district, 3 province."""
        return {"country": None, "province": 3}.get(self.level, 2)

    @property
    def where_prec(self) -> int:
        """UCDP's: 3 second-level division, 4 first-level, 6 country."""
        return {"country": 6, "province": 4}.get(self.level, 3)


def area_of_place(place: Place) -> Area:
    """The area a mention's ``within`` is: a country, a province, or a district
    (its own row, or the town that names it)."""
    if place.is_country:
        return Area(place, "country")
    if place.is_admin1:
        return Area(place, "province")
    return Area(place, "district", DISTRICT_KM)


def within(candidates: tuple[Candidate, ...], area: Area) -> tuple[Candidate, ...]:
    """The candidates inside ``area`` (all of them when the area is not strict).

    In a district known by its point only, the ones near that point when there
    are any, else all those in its province: districts differ in size, and the
    town that names one need not lie at its centre.
    """
    if not area.strict:
        return candidates
    inside = tuple(c for c in candidates if area.contains(c.place))
    if area.place.feature_class == "A":
        # "Sikasso (Sikasso)": the town, not the province it names.
        inside = tuple(c for c in inside if c.place.geonameid != area.place.geonameid) or inside
    if area.level == "district" and len(inside) > 1:
        near = tuple(c for c in inside if area.near(c.place))
        return near or inside
    return inside


# ------------------------------------------------------------------- structures


@dataclass(slots=True)
class _Part:
    start: int  # the name, without its type word
    end: int
    text: str
    key: str
    level: str  # from a type word: province, district, area, country, town; "" none
    typed: bool  # a type word or "countryside" says it is an area
    after: int  # the end of the name with its type word
    in_paren: bool = False
    direction: bool = False  # "northern Idlib": an area, of no stated level
    whole: str = ""  # the key of a longer reading: "Panama City", "Bosnia and Herzegovina"
    whole_end: int = 0
    by_in: bool = False  # introduced by "in" or "of" ("X in Y district"), not a comma
    decided: bool = False  # the chain tells which of the name's namesakes the area is


@dataclass(slots=True)
class _Link:
    start: int  # the inner name
    end: int
    text: str
    hint: str
    parts: list[_Part]
    alt: tuple[int, int, str] | None = None
    coded: bool = False
    after: int = 0  # where the chain ends
    introduced: bool = False  # a preposition or feature word comes before the name
    covers: tuple[int, ...] = ()  # recognised names inside it, fragments of it

    @property
    def strong(self) -> bool:
        return self.coded or any(p.typed or p.in_paren for p in self.parts)

    @property
    def resolved_hint(self) -> str:
        """The feature hint the link gives its inner name, as the cues do."""
        return {"hamlet": "village", "area": "", "neighbourhood": "town"}.get(self.hint, self.hint)


def _part_at(text: str, pos: int, *, in_paren: bool = False) -> _Part | None:
    """The area name at ``pos``, with its type word or direction."""
    m = _PART.match(text, pos)
    if m is None:
        return None
    name_start = m.start("name")
    words = m.group("name").split()
    typed = bool(m.group("type"))
    level = _LEVEL.get((m.group("type") or "").lower(), "")
    after = m.end()
    whole, whole_end = "", 0
    if len(words) > 1 and words[-1].lower() in _LEVEL:
        whole, whole_end = name_key(m.group("name")), m.end("name")
    elif (joined := _AND_NAME.match(text, m.end("name"))) is not None:
        # "Bosnia and Herzegovina", "Trinidad and Tobago": one name, if the gazetteer says so.
        whole, whole_end = name_key(text[name_start : joined.end()]), joined.end()
    # A capitalised type word closing the name is the type: "Azaz District"
    # (unless the whole is a name: "Panama City", see _Linker.areas).
    while len(words) > 1 and words[-1].lower() in _LEVEL:
        level = _LEVEL[words[-1].lower()]
        typed = True
        words.pop()
        after = max(after, m.end("name"))
    if _not_a_name(words):
        return None
    # The words kept, as written (the name may join words with hyphens or slashes).
    end = name_start + _prefix_len(m.group("name"), len(words))
    name = text[name_start:end]
    return _Part(
        name_start,
        end,
        name,
        name_key(name),
        level,
        typed,
        after,
        in_paren,
        bool(m.group("dir")),
        whole,
        whole_end,
    )


def _prefix_len(name: str, n_words: int) -> int:
    """The length of the first ``n_words`` whitespace-separated words of ``name``."""
    spans = [m.end() for m in re.finditer(r"\S+", name)]
    return spans[n_words - 1] if n_words <= len(spans) else len(name)


_PAREN_GAP = re.compile(r"\s*(?:[a-z][\w-]*\s*){0,2}")  # "(Koro cercle, ...)", "(... region)"


def _paren_parts(text: str, pos: int) -> tuple[list[_Part], int, int | None] | None:
    """The areas in a parenthesis at ``pos``: "(Haffa, Latakia)". A coder's
    "(coded to Salma, Latakia)" names the place first: its start is returned."""
    m = _PAREN.match(text, pos)
    if m is None:
        return None
    body_end = m.end("body")
    at = m.start("body")
    coded = _CODED.match(text, at)
    coded_at = coded.end() if coded else None
    if coded:
        at = coded.end()
    parts: list[_Part] = []
    while True:
        part = _part_at(text, at, in_paren=True)
        if part is None or part.after > body_end:
            return None
        parts.append(part)
        at = _PAREN_GAP.match(text, part.after).end()  # type: ignore[union-attr]
        if at >= body_end:
            break
        if text[at] != ",":
            return None
        at += 1
        while at < body_end and text[at] == " ":
            at += 1
    return parts, m.end(), coded_at


def _chain(text: str, pos: int) -> tuple[list[_Part], int] | None:
    """The areas named after a name ending at ``pos``, innermost first."""
    if not _MAY_CHAIN.match(text, pos):
        return None  # most names: nothing after them says where they are
    parts: list[_Part] = []
    at = pos
    while len(parts) < 4:
        paren = _paren_parts(text, at)
        if paren is not None:
            found, end, coded_at = paren
            if coded_at is not None:
                break  # "(coded to ...)" names a place of its own (see _links)
            parts.extend(found)
            at = end
            continue
        part = None
        m = _COUNTRYSIDE_OF.match(text, at)
        if m is not None:
            part = _part_at(text, m.end())
            if part is not None:
                part.level, part.typed = "province", True
        if part is None and (m := _COMMA.match(text, at)) is not None:
            part = _part_at(text, m.end())
            if part is not None and part.direction:
                part = None  # "Jbeil, northern Beirut": north of it, not in it
        if part is None and (m := _IN_OF.match(text, at)) is not None:
            part = _part_at(text, m.end())
            if part is not None and not (part.typed or part.direction):
                part = None  # "X in Y" with no type word: Y may be anything
            elif part is not None:
                part.by_in = True
        if part is None:
            break
        parts.append(part)
        at = part.after
    return (parts, at) if parts else None


# What may come between an unknown name and the area after it.
_SEP_BEFORE = re.compile(
    rf"(?:\s*,\s*(?:(?:in|of)\s+)?|\s+(?:in|of|within)\s+)(?:the\s+)?"
    rf"(?:(?:{_DIRECTION})\s+)?(?:countryside\s+of\s+)?$",
    re.IGNORECASE,
)


def _links(text: str, toponyms: Sequence[Toponym]) -> list[_Link]:
    """Every name followed by its areas: the recognised names, the names a
    coder's "coded to" introduces and unknown names before a parenthesis or
    before a recognised name that may be their area."""
    inner: dict[int, tuple[int, str, bool, tuple[int, ...]]] = {}  # start -> end, hint, ...
    for t in toponyms:
        if t.role != "demonym":
            inner.setdefault(t.start, (t.end, t.hint, False, ()))
    if "coded " in text:
        for m in _CODED.finditer(text):
            name = _CASED_NAME.match(text, m.end())
            if name is not None:
                end = next((t.end for t in toponyms if t.start == m.end()), name.end())
                inner[m.end()] = (end, "", True, ())
    # Where an unknown name's areas may start: a parenthesis, or a recognised name.
    anchors = [m.start() for m in _OPENING.finditer(text)] if "(" in text else []
    for t in toponyms:
        if not _may_be_area(text, t):
            continue
        m = _SEP_BEFORE.search(text, max(0, t.start - 40), t.start)
        if m is not None:
            anchors.append(m.start())
    spans = sorted((t.start, t.end, t) for t in toponyms)
    starts = [s for s, _, _ in spans]
    for pos in anchors:
        if not _name_ends_before(text, pos):
            continue  # the word before is no name (most anchors: "... in Aleppo")
        window = text[max(0, pos - 60) : pos]
        m = _NAME_BEFORE.search(window)
        if m is None:
            continue
        start = pos - len(window) + m.start("name")
        end = start + len(m.group("name"))
        if _not_a_name(m.group("name").split()) or inner.get(start, (-1,))[0] == end:
            continue  # no name, or the one recognised there
        # A recognised name overlapping it stands as it is; recognised names inside
        # it are fragments of a longer name the gazetteer lacks ("Atenango del
        # Rio, Guerrero"), unless that name is an organisation's. (The recognised
        # names starting up to 60 characters before it, or inside it.)
        near = spans[bisect.bisect_left(starts, start - 60) : bisect.bisect_left(starts, end)]
        inside = [t for s, e, t in near if start <= s and e <= end]
        if any(s < end and start < e and not (start <= s and e <= end) for s, e, _ in near):
            continue
        if any(w.lower() in ORG_HEADS for w in m.group("name").split()) or any(
            t.role != "location" for t in inside
        ):
            continue  # an organisation's name ("Abbnoor Polytechnic College, Faridkot")
        for t in inside:
            inner.pop(t.start, None)
        hint = (m.group("hint") or "").lower()
        inner[start] = (end, hint, False, tuple(t.start for t in inside))
    out = []
    for start in sorted(inner):
        end, hint, coded, covers = inner[start]
        if not _AFTER_NAME.match(text, end):
            continue  # most names: nothing after them says where they are
        at, alt = end, None
        m = _HINT_AFTER.match(text, at)
        if m is not None:
            # "Salma village, ...", "in Haffa district, ...": the name's own type
            word = (m.group("hint") or m.group("type")).lower()
            level = _LEVEL.get(word)
            hint = hint or ({"province": "province", "district": "district"}.get(level or "", word))
            at = m.end()
        m = _ALT.match(text, at)
        if m is not None:
            alt = (m.start("alt"), m.end("alt"), m.group("alt"))
            at = m.end()
        chain = _chain(text, at)
        if chain is None:
            continue
        parts, after = chain
        introduced = (
            coded or bool(hint) or bool(_PLACE_BEFORE.search(text, max(0, start - 24), start))
        )
        out.append(
            _Link(start, end, text[start:end], hint, parts, alt, coded, after, introduced, covers)
        )
    return out


def _short_code(text: str, part: _Part) -> bool:
    """ "KN", "TN", "La.": a code or abbreviation, whose reading is a guess."""
    return len(part.key.replace(" ", "")) <= 3 and (
        part.text.isupper() or text[part.end : part.end + 1] == "."
    )


def _not_a_name(words: Sequence[str]) -> bool:
    """ "On Monday", "The army", a lone "Government": no name. A longer name may
    open with a word that alone is none ("Mar del Plata")."""
    first = words[0].lower()
    return first in (_NOT_A_NAME if len(words) == 1 else _NOT_FIRST)


# ------------------------------------------------------------------- resolving areas


_AREA_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD"})


def _rank(
    c: Candidate, level: str, *, outermost: bool = True, in_paren: bool = False
) -> int | None:
    """How well a candidate fits an area named at ``level`` (lower is better;
    None: it cannot be that area)."""
    p = c.place
    code = p.feature_code
    if p.is_country:
        # "(District, Province)": a name in a coder's parenthesis is no country
        # when a province bears it ("(Rafi, Niger)" is Niger State).
        return 0 if level == "country" else (2 if in_paren else 0) if level == "" else None
    if level == "country":
        return None
    if level == "town":
        return 0 if p.feature_class == "P" else None
    if level == "province":
        if code == "ADM1":
            return 0
        return 1 if p.feature_class == "P" else 2 if code in _AREA_CODES else None
    if level == "district":
        if code in _AREA_CODES - {"ADM1"}:
            return 0
        return 1 if p.feature_class == "P" else 2 if code == "ADM1" else None
    if level == "area":
        return 0 if code in _AREA_CODES else 1 if p.feature_class == "P" else None
    # No type word: the last of a chain is a province ("(Koro, Mopti)",
    # "Sirwah (Marib)"), one before it a district; an area before a town, a seat
    # before another town.
    if code in _AREA_CODES:
        return 1 if (code == "ADM1") == outermost else 2
    if p.feature_class == "P":
        return 3 if code in _SEATS else 4
    return None


def _pick(
    part: _Part,
    candidates: Iterable[Candidate],
    scope: Area | None,
    inner: Sequence[Candidate],
    named: frozenset[str],
    gazetteer: Gazetteer,
    *,
    outermost: bool,
) -> Area | None:
    """The area ``part`` names, inside ``scope``: the reading that holds a
    reading of the name inside it (``inner``: "Columbus, Georgia" is the
    state's), then the likeliest area for its type word."""
    best: tuple[tuple[int, int, int, int, int], Area] | None = None
    for c in candidates:
        if scope is not None and not scope.contains(c.place):
            continue
        rank = _rank(c, part.level, outermost=outermost, in_paren=part.in_paren)
        if rank is None:
            continue
        if not (part.typed or part.in_paren or _plain_fit(c, outermost=outermost)):
            continue
        area = _area_of(c.place, part, gazetteer, outermost=outermost)
        holds = any(area.contains(i.place) for i in inner)
        key = (
            0 if holds else 1,
            rank,
            0 if c.place.country_code in named else 1,
            0 if c.main_name else 1,
            -c.place.population,
        )
        if best is None or key < best[0]:
            best = (key, area)
    return best[1] if best is not None else None


def _plain_fit(c: Candidate, *, outermost: bool) -> bool:
    """A plain apposition ("Paris, Texas") ends with a province or country (or
    a province's seat); before it, any area or town ("X, Pinabacdao, Samar")."""
    p = c.place
    if outermost:
        return p.is_country or p.is_admin1 or p.feature_code == "PPLA"
    return True


def _area_of(place: Place, part: _Part, gazetteer: Gazetteer, *, outermost: bool) -> Area:
    if place.is_country:
        return Area(place, "country", text=part.text)
    if place.is_admin1:
        return Area(place, "province", text=part.text)
    if place.feature_code in _AREA_CODES:
        return Area(place, "district", DISTRICT_KM, text=part.text)
    # A town naming an area: its province ("the Hama countryside", "X, Kherson"),
    # a district around it ("(Banikoara, Alibori)") or the town itself ("X city").
    if part.level == "town":
        return Area(place, "town", TOWN_KM, text=part.text)
    if part.level == "province" or (
        outermost and not part.level and place.feature_code in ("PPLA", "PPLC")
    ):
        province = gazetteer.admin1_place(place.country_code, place.admin1)
        if province is not None:
            return Area(province, "province", text=part.text)
    return Area(place, "district", DISTRICT_KM, text=part.text)


def _notable(cands: Iterable[Candidate]) -> bool:
    return any(
        c.place.is_country
        or c.place.is_admin1
        or c.place.population >= 100_000
        or c.place.feature_code in ("PPLC", "PPLA")
        for c in cands
    )


def _famous(cands: Iterable[Candidate]) -> bool:
    """A name a report may use for a place abroad: a capital, a city of a million."""
    return any(
        c.place.is_country
        or c.place.is_admin1
        or c.place.feature_code == "PPLC"
        or c.place.population >= 1_000_000
        for c in cands
    )


def _peer(cands: Iterable[Candidate], area: Area) -> bool:
    """The name itself is an area as large as ``area`` (a list, not a hierarchy)."""
    if area.level == "country":
        return any(c.place.is_country for c in cands)
    if area.level == "province":
        return any(c.place.is_country or c.place.is_admin1 for c in cands)
    return False


def link_areas(
    doc: Document,
    toponyms: list[Toponym],
    gazetteer: Gazetteer,
    make: _Maker | Callable[..., Toponym],
) -> list[Toponym]:
    """Give the names the text puts in an area that area (``Toponym.area``).

    Returns the new toponyms: names the gazetteer lacks that the text places
    in a known area ("the village of X (Y, Z)"); they stay unresolved with
    the area as their ``within``. ``make`` builds a toponym from (start, end,
    text, key). A plain apposition found to be a list ("Aleppo, Idlib and
    Hama") loses the enclosing name the recogniser gave it.
    """
    text = doc.text
    links = _links(text, toponyms)
    named = _named_countries(toponyms)
    if not links:
        _read_in_named_country(toponyms, named, gazetteer)
        return []
    linker = _Linker(text, toponyms, gazetteer, links, named)
    new: list[Toponym] = []
    in_chains: set[int] = set()  # names already placed as some chain's areas
    for link in links:
        if link.start in in_chains:
            continue
        areas = linker.areas(link)
        inner = linker.inner(link)
        if areas is None or not linker.holds(link, areas):
            if inner is not None and inner.encloser == link.parts[0].key:
                inner.encloser = ""  # "Aleppo, Idlib and Hama": Idlib is no area of Aleppo
                inner.reasons = [r for r in inner.reasons if not r.startswith("followed by its")]
            continue
        if link.covers:
            # Its fragments give way to the whole name.
            toponyms[:] = [t for t in toponyms if t.start not in link.covers]
            for start in link.covers:
                linker.by_start.pop(start, None)
        if inner is None:
            inner = make(link.start, link.end, link.text, name_key(link.text))
            inner.variant = True
            inner.hint = link.resolved_hint
            span = doc.dateline_span
            if span and inner.start < span[1] and inner.end > span[0]:
                inner.role = "dateline"
            new.append(inner)
            linker.by_start[inner.start] = inner
        linker.apply(link, areas, inner)
        in_chains.update(part.start for part in link.parts)
        if link.parts[0].in_paren:
            new.extend(linker.share(link, areas, inner, make))
    _read_in_named_country(toponyms, named, gazetteer)
    return new


class _Linker:
    """One document's links, resolved against the gazetteer."""

    def __init__(
        self,
        text: str,
        toponyms: list[Toponym],
        gazetteer: Gazetteer,
        links: list[_Link],
        named: frozenset[str],
    ) -> None:
        self.text = text
        self.toponyms = toponyms
        self.gazetteer = gazetteer
        self.named = named  # the countries the report names as countries
        keys = {p.key for link in links for p in link.parts}
        keys |= {p.whole for link in links for p in link.parts if p.whole}
        keys |= {name_key(link.text) for link in links}
        keys |= {name_key(link.alt[2]) for link in links if link.alt}
        self.table = gazetteer.lookup(keys)
        self.by_start = {t.start: t for t in toponyms}
        self._countries: frozenset[str] | None = None

    def inner(self, link: _Link) -> Toponym | None:
        """The recognised name the link starts with (none when it holds fragments)."""
        return None if link.covers else self.by_start.get(link.start)

    def inner_candidates(self, link: _Link) -> tuple[Candidate, ...]:
        inner = self.inner(link)
        return inner.candidates if inner is not None else self.table.get(name_key(link.text), ())

    def candidates(self, part: _Part) -> tuple[Candidate, ...]:
        found = self.by_start.get(part.start)
        if found is not None and found.key == part.key and found.candidates:
            return found.candidates
        return self.table.get(part.key, ())

    def areas(self, link: _Link) -> list[Area | None] | None:
        """The area each part of the chain names, resolved outermost first, each
        inside the next; None when the chain is no hierarchy."""
        for part in link.parts:
            if part.whole and self.table.get(part.whole):
                # "Panama City" is a name, not Panama's town: its type word goes back.
                part.key, part.level, part.typed = part.whole, "", False
                part.end = part.whole_end
                part.after = max(part.after, part.whole_end)
                part.text = self.text[part.start : part.end]
                link.after = max(link.after, part.after)
        areas: list[Area | None] = [None] * len(link.parts)
        scope: Area | None = None
        for i in range(len(link.parts) - 1, -1, -1):
            part = link.parts[i]
            outermost = i == len(link.parts) - 1
            # The readings of the names inside it, and of the nearest one known.
            inward = [self.candidates(q) for q in link.parts[:i]]
            inward.append(self.inner_candidates(link))
            nearest = next((c for c in reversed(inward[:-1]) if c), inward[-1])
            held = tuple(c for cands in inward for c in cands)
            cands = self.part_candidates(part, scope)
            area = _pick(part, cands, scope, held, self.named, self.gazetteer, outermost=outermost)
            if (
                area is not None
                and not any(area.contains(c.place) for c in held)
                and self.doubt(part, area, cands, nearest, held, scope, outermost=outermost)
            ):
                area = None
            if area is None and not (part.typed or part.in_paren) and (outermost or cands):
                # A plain apposition of a name that is no area (an unknown one
                # between areas is skipped: "X, Pinabacdao, Samar").
                return None
            if area is not None:
                # Which namesake the area is, the chain decides when the names
                # inside or the area outside say so; else the resolver does.
                part.decided = scope is not None or any(area.contains(c.place) for c in held)
                areas[i] = area
                scope = area
        return areas if scope is not None else None

    def part_candidates(self, part: _Part, scope: Area | None) -> tuple[Candidate, ...]:
        cands = self.candidates(part)
        if cands or len(part.key) < 4:
            return cands
        if scope is not None:
            # A spelling variant, in the country the chain is in ("Cobli", Cobly).
            found = self.gazetteer.lookup_variants([part.key], countries=[scope.place.country_code])
            return found.get(part.key, ())
        # The outermost area spelled otherwise ("Hiraan", Hiiraan): a province or a
        # country, closely alike, in a country the report's other names allow.
        found = self.gazetteer.lookup_variants([part.key], min_similarity=_AREA_SIMILARITY)
        countries = self.countries()
        return tuple(
            c
            for c in found.get(part.key, ())
            if (c.place.is_admin1 or c.place.is_country)
            and (not countries or c.place.country_code in countries)
        )

    def countries(self) -> frozenset[str]:
        """The countries some reading of the report's names lies in."""
        if self._countries is None:
            self._countries = frozenset(
                c.place.country_code for t in self.toponyms for c in t.candidates[:30]
            )
        return self._countries

    def doubt(
        self,
        part: _Part,
        area: Area,
        cands: Sequence[Candidate],
        nearest: Sequence[Candidate],
        held: Sequence[Candidate],
        scope: Area | None,
        *,
        outermost: bool,
    ) -> bool:
        """Whether an area that holds none of the names inside it is more likely a
        slip or a misreading than a village missing from the gazetteer."""
        cc = area.place.country_code
        if _notable(c for c in nearest if c.place.country_code == cc):
            return True  # a well-known town of the area's country: a slip of province
        if _short_code(self.text, part):
            return True  # "KN", "TN": a state's code, not Saint Kitts'; "La."
        if scope is not None or not held:
            return False
        # "Petare, Sucre municipality": of the many Sucres, none holds Petare.
        fitting = {
            c.place.country_code
            for c in cands
            if c.main_name
            and _rank(c, part.level, outermost=outermost, in_paren=part.in_paren) is not None
            and (part.typed or part.in_paren or _plain_fit(c, outermost=outermost))
        }
        return len(fitting) > 1

    def holds(self, link: _Link, areas: list[Area | None]) -> bool:
        """Whether the structure is a hierarchy, not a list or a chance."""
        inner_cands = self.inner_candidates(link)
        inner = self.inner(link)
        innermost = next(a for a in areas if a is not None)
        # Two areas or more, each inside the next ("Toronto, Ontario, Canada"), make a
        # hierarchy however the sentence goes on.
        nested = sum(a is not None for a in areas) >= 2
        if not link.strong and (
            _peer(inner_cands, innermost)
            or (not nested and _LIST_ON.match(self.text, link.after))
            or (not nested and not _APPOSITION_END.match(self.text, link.after))
            or _doubtful(innermost, inner_cands, link, self.toponyms)
        ):
            return False  # "Aleppo, Idlib and Hama", "Barrow, Jackson and Madison": a list
        if not inner_cands and any(w.lower() in ORG_HEADS for w in link.text.split()):
            return False  # an organisation's name ("X Polytechnic College, Kandi")
        first = link.parts[0]
        if not inner_cands and link.strong and (inner is None or first.by_in or first.in_paren):
            # "in the village of X (Y, Z)", "X (Y, Z)": an unknown name before an
            # area, with a sign that it is a place ("Mother in Cass County" is not).
            return link.introduced or sum(a is not None for a in areas) >= 2
        # An unknown word before a plain apposition: no sign that it is a place, unless
        # it holds recognised names.
        return link.start in self.by_start or bool(link.covers)

    def share(
        self,
        link: _Link,
        areas: list[Area | None],
        inner: Toponym,
        make: _Maker | Callable[..., Toponym],
    ) -> list[Toponym]:
        """ "the villages of A, B and C (Y, Z)": the parenthesis closes a list, and
        its areas are every item's. Returns the items the gazetteer lacks."""
        new = []
        at = link.start
        for n in range(6):
            m = _LIST_ITEM_BEFORE.search(self.text, max(0, at - 60), at)
            if (
                m is None
                or _not_a_name(m.group("name").split())
                or (n == 0) != ("and" in m.group("sep"))  # "A, B and C": "and" last
                or any(w.lower() in ORG_HEADS for w in m.group("name").split())
            ):
                break
            start, end = m.start("name"), m.end("name")
            item = self.by_start.get(start)
            if item is None:
                if any(t.start < end and start < t.end for t in self.toponyms):
                    break
                item = make(start, end, m.group("name"), name_key(m.group("name")))
                item.variant = True
                item.hint = inner.hint
                new.append(item)
                self.by_start[start] = item
            elif item.end != end or item.role != "location":
                break
            item.reasons.append(f"listed with {inner.text}")
            innermost = next(a for a in areas if a is not None)
            _enclose(item, innermost, inner.area is not None and inner.area.strict, link, {}, {})
            at = start
        return new

    def apply(self, link: _Link, areas: list[Area | None], inner: Toponym) -> None:
        inner_cands = self.inner_candidates(link)
        innermost = next(a for a in areas if a is not None)
        # A plain apposition is strict unless a well-known town of the area's own
        # country bears the name ("Mosul, Kirkuk": a slip, or a list); a famous
        # namesake abroad does not make it less sure ("Eastleigh, Nairobi").
        cc = innermost.place.country_code
        strict = (
            link.strong
            or any(a.level == "country" for a in areas if a is not None)
            or not _notable(c for c in inner_cands if c.place.country_code == cc)
        )
        _enclose(inner, innermost, strict, link, self.table, self.by_start)
        # Each area of the chain lies in the next one; none is the event's place.
        for i, part in enumerate(link.parts):
            t = self.by_start.get(part.start)
            if t is None or t is inner:
                continue
            own = areas[i]
            if own is not None and part.decided:
                picked = tuple(
                    c
                    for c in t.candidates
                    if own.contains(c.place) and _rank(c, part.level) is not None
                )
                exact = tuple(c for c in picked if c.place.geonameid == own.place.geonameid)
                t.candidates = exact or picked or t.candidates
            outer = next((a for a in areas[i + 1 :] if a is not None), None)
            if outer is not None and t.area is None:
                t.area = Area(outer.place, outer.level, outer.km, strict, outer.text)
            elif i + 1 < len(link.parts) and areas[i + 1] is None:
                t.encloser = ""  # "(Pune, MH)": the short code is no area of Pune
            t.reasons.append(f"{AREA_OF}{link.text}")


def _doubtful(
    area: Area, inner: Sequence[Candidate], link: _Link, toponyms: Sequence[Toponym]
) -> bool:
    """A plain apposition whose area holds no reading of the name, where the
    report's other names point to the name's own country and not the area's
    ("Sulphur Springs, Greenville" in a Texan paper is not in Liberia), or,
    for a name the gazetteer lacks, where none of them has a reading in the
    area's country ("Ramor Theatre, Virginia" in an Irish paper)."""
    if any(area.contains(c.place) for c in inner):
        return False
    theirs = {c.place.country_code for c in inner}
    cc = area.place.country_code
    others = [
        {c.place.country_code for c in t.candidates}
        for t in toponyms
        if not link.start <= t.start < link.after and t.role == "location" and t.candidates
    ]
    if not inner:
        return bool(others) and not any(cc in countries for countries in others)
    return any(cc not in countries and countries & theirs for countries in others)


def _enclose(
    t: Toponym,
    area: Area,
    strict: bool,
    link: _Link,
    table: dict[str, tuple[Candidate, ...]],
    by_start: dict[int, Toponym],
) -> None:
    """Put the inner name ``t`` (and its alternate name) in ``area``."""
    if t.area is not None and t.area.strict and not strict:
        return
    t.area = Area(area.place, area.level, area.km, strict, area.text)
    t.hint = t.hint or link.resolved_hint
    if link.coded:
        t.reasons.append(CODED_TO)
    t.reasons.append(f"in {area.text} ({area.level}), {STATED_AREA}")
    alt = by_start.get(link.alt[0]) if link.alt else None
    if alt is not None:
        alt.area = t.area
        alt.reasons.append(f"another name of {t.text}")
    if not strict:
        return
    inside = within(t.candidates, t.area)
    if not inside and link.alt:
        # "X [Y] (...)": the other name may be the one the gazetteer knows.
        other = alt.candidates if alt is not None else table.get(name_key(link.alt[2]), ())
        inside = within(other, t.area)
        if inside:
            t.reasons.append(f"by its other name, {link.alt[2]}")
    if t.candidates and not inside:
        t.reasons.append(f"its namesakes lie outside {area.text}")
    if inside != t.candidates:
        t.candidates = inside
        if not inside:
            t.variant = True  # a spelling variant inside the area may still fit


# ------------------------------------------------------------------- named countries


def _named_countries(toponyms: Sequence[Toponym]) -> frozenset[str]:
    """Countries the report names as countries ("in Syria"; not "Syrian")."""
    out = set()
    for t in toponyms:
        if t.role not in ("location", "context") or not t.candidates:
            continue
        # A country's name has few namesakes: its readings are among the first.
        countries = [c.place for c in t.candidates[:30] if c.place.is_country and c.main_name]
        if countries and len({p.country_code for p in countries}) == 1:
            out.add(countries[0].country_code)
    return frozenset(out)


def _read_in_named_country(
    toponyms: Sequence[Toponym], named: frozenset[str], gazetteer: Gazetteer
) -> None:
    """A small place whose namesakes all lie outside the country the report names
    is read by its spelling in that country, when the gazetteer has one there
    ("Al Mansoura road, ..., Syria": Al Mansurah, Syria, not Mansoura, Algeria).

    The reading stays a spelling variant (it does not vote on the report's
    focus), softly enclosed in the named country. Only in a report that names
    one country and no other name of which points to the name's own readings'
    countries; a famous place ("Paris") keeps its readings.
    """
    if len(named) != 1:
        return
    wanted = [
        t
        for t in toponyms
        if t.role == "location"
        and t.area is None
        and t.candidates
        and not t.variant
        and len(t.key) >= 4
        and not any(c.place.country_code in named for c in t.candidates)
        and not _famous(t.candidates)
    ]
    if not wanted:
        return
    # No other name of the report ("Georgian") may point to one of its readings' countries.
    support: dict[str, set[str]] = {}
    for t in toponyms:
        for c in t.candidates[:30]:
            support.setdefault(c.place.country_code, set()).add(t.key)
    wanted = [
        t
        for t in wanted
        if not any(support.get(c.place.country_code, set()) - {t.key} for c in t.candidates)
    ]
    if not wanted:
        return
    table = gazetteer.lookup_variants({t.key for t in wanted}, countries=sorted(named))
    for t in wanted:
        found = table.get(t.key)
        if not found:
            continue
        country = gazetteer.country_place(found[0].place.country_code)
        if country is None:
            continue
        t.candidates, t.variant = found, True
        t.area = Area(country, "country", strict=False, text=country.name)
        t.reasons.append(
            f"read in {country.name}, which the report names: spelling variant of "
            f"{found[0].place.name}"
        )


def area_countries(toponyms: Iterable[Toponym]) -> list[str]:
    """The countries of the toponyms' areas, for spelling-variant look-ups."""
    return sorted({t.area.place.country_code for t in toponyms if t.area is not None})
