"""Event kinds, their ACLED codes, and the trigger lexicon that finds them.

Triggers are word-boundary regexes compiled once at import; a trigger preceded
by negation, denial, a threat or the future tense is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictgeo.prefilter import Scanner


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    event_type: str  # ACLED
    sub_event_type: str  # ACLED


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("armed_clash", "Battles", "Armed clash"),
        Kind("territory_taken_nonstate", "Battles", "Non-state actor overtakes territory"),
        Kind("territory_regained_gov", "Battles", "Government regains territory"),
        Kind("territory_transfer", "Strategic developments", "Non-violent transfer of territory"),
        Kind("air_strike", "Explosions/Remote violence", "Air/drone strike"),
        Kind("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        Kind("explosive_device", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        Kind("suicide_bombing", "Explosions/Remote violence", "Suicide bomb"),
        Kind("attack_on_civilians", "Violence against civilians", "Attack"),
        Kind("abduction", "Violence against civilians", "Abduction/forced disappearance"),
        Kind("displacement", "Strategic developments", "Other"),
    )
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase found in a sentence."""

    kind: str  # a KINDS name, or "attack" / "seize" / "retake" / "killing": typed later
    start: int
    end: int
    text: str
    strong: bool


# (kind, strong, regex). Kinds "attack", "seize", "retake", "kill" are resolved
# by the event builder from the actors and victims around them.
_PATTERNS: list[tuple[str, bool, tuple[str, ...]]] = [
    (
        "suicide_bombing",
        True,
        (r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb(?:ing)?|vest)",),
    ),
    (
        "explosive_device",
        True,
        (
            r"(?:roadside|car|truck|parcel|sticky) bombs?",
            r"ieds?",
            r"improvised explosive(?: devices?)?",
            r"land ?mines?",
            r"explosive devices?",
            r"bomb (?:blast|exploded|went off)",
            r"(?:car|vehicle|truck|motorcycle)s? (?:packed|laden|rigged|loaded|filled)"
            r" with explosives",
            r"blew up",
            r"detonated",
            r"explosions?",
            r"blasts?",
        ),
    ),
    (
        "air_strike",
        True,
        (
            r"air ?-?strikes?",
            r"air raids?",
            r"(?:war|fighter) ?planes?",
            r"(?:fighter )?jets? (?:struck|bombed|hit|pounded|targeted)",
            r"helicopters? (?:dropped|fired|struck|attacked)",
            r"barrel bombs?",
            r"drone strikes?",
            r"drones? (?:struck|hit|targeted)",
            r"aerial (?:bombardment|attacks?|strikes?)",
            r"bombed from the air",
            r"air force (?:\w+ ){0,2}?(?:attacked|bombed|struck|hit|targeted|pounded|raided)",
        ),
    ),
    (
        "shelling",
        True,
        (
            r"shell(?:ed|ing|s)?",
            r"artillery",
            r"mortars?(?: rounds?| shells?| fire)?",
            r"rocket (?:fire|attacks?)",
            r"rockets? (?:hit|struck|landed|fell)",
            r"missiles? (?:hit|struck|attacks?)",
            r"bombard(?:ed|ing|ment)",
        ),
    ),
    (
        "armed_clash",
        True,
        (
            r"clash(?:es|ed)?",
            r"fighting",
            r"gun ?battles?",
            r"fierce battles?",
            r"battles? (?:for|over|between)",
            r"fought",
            r"firefights?",
            r"exchanged? (?:of )?fire",
            r"ambush(?:ed)?",
        ),
    ),
    (
        "seize",
        True,
        (
            r"seiz(?:ed|ing|es|e)",
            r"captur(?:ed|ing|es|e)",
            r"took (?:full )?control of",
            r"taken control of",
            r"took over",
            r"overr?an",
            r"overrun",
            r"stormed",
        ),
    ),
    (
        "retake",
        True,
        (
            r"recaptur(?:ed|ing|e)",
            r"retook",
            r"retaken",
            r"retake",
            r"regain(?:ed|ing)? control of",
            r"regained",
            r"liberat(?:ed|ing|e)",
        ),
    ),
    (
        "territory_transfer",
        True,
        (
            r"withdr(?:ew|awn) from",
            r"pulled out of",
            r"handed over",
            r"retreated from",
            r"evacuated their positions",
        ),
    ),
    (
        "attack_on_civilians",
        True,
        (
            r"massacre[ds]?",
            r"execut(?:ed|ion|ions)",
            r"killing of",
            r"killings of",
            r"murder(?:ed|s)?",
            r"shot dead",
            r"gunned down",
            r"targeted civilians",
            r"lynch(?:ed|ing)",
        ),
    ),
    (
        "abduction",
        True,
        (
            r"abduct(?:ed|ion|ions|ing|s)?",
            r"kidnap(?:ped|ping|pings|s)?",
            r"taken hostage",
            r"took (?:\w+ ){0,3}hostage",
            r"forcibly disappeared",
            r"forced disappearances?",
        ),
    ),
    (
        "displacement",
        True,
        (
            r"fled",
            r"flee(?:ing|s)?",
            r"displac(?:ed|ement)",
            r"evacuat(?:ed|ing|ion|e)",
            r"exodus",
            r"sought refuge",
            r"took refuge",
            r"flooded (?:into )?(?:cities|towns|camps|areas|villages)",
            r"poured into",
            r"streamed into",
        ),
    ),
    (
        "attack",
        False,
        (
            r"attack(?:ed|s|ing)?",
            r"struck",
            r"raid(?:ed|s)?",
            r"stormed",
        ),
    ),
    (
        "kill",
        False,
        (
            r"killed",
            r"killing",
            r"dead",
            r"died",
        ),
    ),
]

_SCANNER = Scanner()  # one literal pass per sentence, shared by every trigger pattern
_COMPILED = [
    (kind, strong, _SCANNER.guard(re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)))
    for kind, strong, alts in _PATTERNS
]
# One cheap pass decides whether a sentence can hold a trigger at all.
_ANY = _SCANNER.guard(
    re.compile(
        r"\b(?:" + "|".join(alt for _, _, alts in _PATTERNS for alt in alts) + r")\b",
        re.IGNORECASE,
    )
)

# Words before a trigger that make it no event: negation, denial, threat, future.
# The modal "may" is lower case: "In May rebels seized ..." is a date, not a maybe.
_NEGATION = re.compile(
    r"\b(?:not|no|never|denied|denies|deny|denying|threaten(?:ed|s|ing)? to|vow(?:ed|s)? to|"
    r"will|would|could|plans? to|planning to|intends? to|(?-i:may)|might|fail(?:ed|s)? to|"
    r"refused to|warned of|fears? of|fear of|risk of|prevent(?:ed)?)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# Habitual or generic statements report no particular event.
_GENERIC = _SCANNER.guard(
    re.compile(
        r"\b(?:are|is|were)\s+(?:frequently|often|usually|typically|regularly|commonly|routinely)\b",
        re.IGNORECASE,
    )
)


def find_triggers(sentence: str) -> list[Trigger]:
    """Trigger phrases in ``sentence``, minus negated or hypothetical ones, in order.

    >>> [t.kind for t in find_triggers("Rebels seized the town after fierce clashes.")]
    ['seize', 'armed_clash']
    >>> find_triggers("The army denied shelling the village.")
    []
    """
    found: list[Trigger] = []
    if not _ANY.could_match(sentence) or _GENERIC.search(sentence):
        return found
    for kind, strong, rx in _COMPILED:
        for m in rx.finditer(sentence):
            if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in found):
                continue  # a stronger, earlier pattern already covers this text
            if _NEGATION.search(sentence[max(0, m.start() - 60) : m.start()]):
                continue
            found.append(Trigger(kind, m.start(), m.end(), m.group(), strong))
    return sorted(found, key=lambda t: t.start)
