"""Names cut out of a longer capitalised name, and whether the report vouches for them.

A village the gazetteer lacks ("Sheikh Mustafa", "Tall al Ahmar al Gharbi",
"Mafraq ar Ruwayk") often holds a shorter name it has: the recogniser then
matches "Mustafa", "Tall al Ahmar" or "Mafraq", and the resolver finds a
Mustafa near Baghdad, a Tall al Ahmar 381 km away, Mafraq in Jordan. Such a
fragment stands only if it is near what the rest of the report places (within
:data:`FRAGMENT_KM` of another of its places, or inside a province, district or
enclosing area it names) or is itself well known ("Aleppo Citadel"); otherwise
the mention stays, unresolved, with the reason, and an event falls back to the
area the text states.
"""

from __future__ import annotations

import dataclasses
import re

from conflictgeo.geoparse.distance import haversine_km
from conflictgeo.geoparse.lexicon import (
    FEATURE_HINTS,
    ORG_HEADS,
    PLACE_WORDS,
    STOPWORDS,
    TITLE_HEADS,
)
from conflictgeo.geoparse.recognize import Toponym
from conflictgeo.model import Mention, Place

FRAGMENT_KM = 60.0
_WELL_KNOWN = 100_000  # people: a city that news names as part of longer names

# Arabic articles and particles that join the words of one place name ("Mafraq
# ar Ruwayk", "Tall al-Ahmar", "Bir Al Hashem", "Busra al_Sham", "Ras ibn
# Hani"). The articles that are also English words ("at", "as", "an") join only
# when hyphenated ("as-Sukhnah") or after a particle that opens Arabic place
# names ("Abu at Tababir"), not in "Salma at Jabal al-Akrad".
_JOINERS = r"(?i:al|el|ar|ad|az|ash|adh|ath|ed|es|et|ez|ul|bin|ibn|bani)[ _-]|(?i:at|as|an)[_-]"
_ENGLISH_JOINERS = r"(?i:at|as|an) "
_PARTICLES = frozenset(
    """abu umm um bin ibn bani beni dhu ras tal tall tell ain ayn deir dayr kafr jabal jebel
    bir beit bayt khirbet khirbat wadi qasr jisr sheikh shaykh""".split()
)
_WORD = r"[A-Z][\w'’‘]*"
_AFTER = re.compile(rf"[ _](?:{_JOINERS})?({_WORD})")
_AFTER_PARTICLE = re.compile(rf" {_ENGLISH_JOINERS}({_WORD})")
_BEFORE = re.compile(rf"({_WORD})[ _](?:{_JOINERS})?$")
# A title before a name is not part of it ("President Assad"), but "Sheikh"
# opens many Arabic place names ("Sheikh Maqsoud", "Sheikh Miskin").
_NOT_NAME_PARTS = (
    (STOPWORDS - {"sheikh"}) | PLACE_WORDS | ORG_HEADS | TITLE_HEADS | set(FEATURE_HINTS)
)


def fragment_names(toponyms: list[Toponym], text: str) -> dict[int, str]:
    """The longer capitalised name each fragment was cut from, by toponym index.

    A neighbour makes a toponym a fragment when it is a capitalised word joined
    to it by a space (and perhaps an Arabic article: "ar", "al-"; two names
    hyphenated are two names: "Nelson-Creston", "Syrian-Turkish"),
    and is no stop word, title, type or feature word, acronym, nor a word the
    report also writes in lower case ("Attack" in a Title Case line).
    """
    lower: dict[str, bool] = {}
    demonyms = [(t.start, t.end) for t in toponyms if t.role == "demonym"]
    out: dict[int, str] = {}
    for n, t in enumerate(toponyms):
        if t.role not in ("location", "context") or not t.candidates:
            continue
        start, end = t.start, t.end
        after = _AFTER.match(text, end)
        if after is None and t.key in _PARTICLES:
            after = _AFTER_PARTICLE.match(text, end)
        before = _BEFORE.search(text, max(0, start - 40), start)
        for match in (after, before):
            if match is None:
                continue
            word = match.group(1)
            if word.lower() in _NOT_NAME_PARTS or (word.isupper() and len(word) <= 5):
                continue
            if word.endswith(("'s", "’s")):
                continue  # "Syria's Afrin": a possessive, not a part of the name
            if any(a <= match.start(1) < b for a, b in demonyms):
                continue  # "Syrian Afrin"
            if _in_lower_case(word, text, lower):
                continue
            if match is after:
                end = match.end()
            else:
                start = match.start()
        if (start, end) != (t.start, t.end):
            out[n] = text[start:end]
    return out


def far_fragments(
    toponyms: list[Toponym], mentions: list[Mention | None], fragments: dict[int, str]
) -> list[Mention | None]:
    """``mentions`` with each fragment that nothing else in the report vouches
    for made unresolved, with the reason (see the module's docstring)."""
    if not fragments:
        return mentions
    others = [
        m.place
        for n, m in enumerate(mentions)
        if n not in fragments
        and m is not None
        and m.place is not None
        and m.role in ("location", "context", "dateline")
        and not m.place.is_country
        and m.place.feature_class != "L"
    ]
    out = list(mentions)
    for n, longer in fragments.items():
        m = mentions[n]
        if m is None or m.place is None or _vouched(m, others):
            continue
        out[n] = dataclasses.replace(
            m,
            place=None,
            score=0.0,
            reasons=(
                *m.reasons,
                f"a fragment of '{longer}', and {m.place.name} ({m.place.country_code}) "
                "is far from the report's places",
            ),
        )
    return out


def _vouched(m: Mention, others: list[Place]) -> bool:
    place = m.place
    assert place is not None
    if place.is_country or place.is_admin1 or place.population >= _WELL_KNOWN:
        return True
    if m.within is not None and _inside(place, m.within):
        return True
    others = [o for o in others if o.geonameid != place.geonameid]
    if any(o.feature_class == "A" and _inside(place, o) for o in others):
        return True
    if not others:
        return False
    km = haversine_km(place.lat, place.lon, [o.lat for o in others], [o.lon for o in others])
    return bool((km <= FRAGMENT_KM).any())


def _inside(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in the division ``area`` (by codes)."""
    if area.country_code != place.country_code:
        return False
    if area.is_country:
        return True
    if area.feature_code == "ADM2":
        return bool(area.admin2) and (place.admin1, place.admin2) == (area.admin1, area.admin2)
    return bool(area.admin1) and place.admin1 == area.admin1


def _in_lower_case(word: str, text: str, seen: dict[str, bool]) -> bool:
    """Whether the report also writes ``word`` in lower case (memo in ``seen``)."""
    found = seen.get(word)
    if found is None:
        found = seen[word] = re.search(rf"\b{re.escape(word.lower())}\b", text) is not None
    return found
