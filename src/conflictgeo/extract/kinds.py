"""Event kinds, their ACLED codes, and the trigger lexicon that finds them.

Triggers are word-boundary regexes compiled once at import; a trigger preceded
by negation, denial, a threat or the future tense is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
_PATTERNS: list[tuple[str, bool, str]] = [
    ("suicide_bombing", True, r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car bomb(?:ing)?|vest)"),
    ("explosive_device", True, r"(?:roadside|car|truck|parcel|sticky) bombs?|ieds?|improvised explosive(?: devices?)?|land ?mines?|explosive devices?|bomb (?:blast|exploded|went off)|(?:car|vehicle|truck|motorcycle)s? (?:packed|laden|rigged|loaded|filled) with explosives|blew up|detonated|explosions?|blasts?"),
    ("air_strike", True, r"air ?-?strikes?|air raids?|(?:war|fighter) ?planes?|(?:fighter )?jets? (?:struck|bombed|hit|pounded|targeted)|helicopters? (?:dropped|fired|struck|attacked)|barrel bombs?|drone strikes?|drones? (?:struck|hit|targeted)|aerial (?:bombardment|attacks?|strikes?)|bombed from the air|air force (?:\w+ ){0,2}?(?:attacked|bombed|struck|hit|targeted|pounded|raided)"),
    ("shelling", True, r"shell(?:ed|ing|s)?|artillery|mortars?(?: rounds?| shells?| fire)?|rocket (?:fire|attacks?)|rockets? (?:hit|struck|landed|fell)|missiles? (?:hit|struck|attacks?)|bombard(?:ed|ing|ment)"),
    ("armed_clash", True, r"clash(?:es|ed)?|fighting|gun ?battles?|fierce battles?|battles? (?:for|over|between)|fought|firefights?|exchanged? (?:of )?fire|ambush(?:ed)?"),
    ("seize", True, r"seiz(?:ed|ing|es|e)|captur(?:ed|ing|es|e)|took (?:full )?control of|taken control of|took over|overr?an|overrun|stormed"),
    ("retake", True, r"recaptur(?:ed|ing|e)|retook|retaken|retake|regain(?:ed|ing)? control of|regained|liberat(?:ed|ing|e)"),
    ("territory_transfer", True, r"withdr(?:ew|awn) from|pulled out of|handed over|retreated from|evacuated their positions"),
    ("attack_on_civilians", True, r"massacre[ds]?|execut(?:ed|ion|ions)|killing of|killings of|murder(?:ed|s)?|shot dead|gunned down|targeted civilians|lynch(?:ed|ing)"),
    ("abduction", True, r"abduct(?:ed|ion|ions|ing|s)?|kidnap(?:ped|ping|pings|s)?|taken hostage|took (?:\w+ ){0,3}hostage|forcibly disappeared|forced disappearances?"),
    ("displacement", True, r"fled|flee(?:ing|s)?|displac(?:ed|ement)|evacuat(?:ed|ing|ion|e)|exodus|sought refuge|took refuge|flooded (?:into )?(?:cities|towns|camps|areas|villages)|poured into|streamed into"),
    ("attack", False, r"attack(?:ed|s|ing)?|struck|raid(?:ed|s)?|stormed"),
    ("kill", False, r"killed|killing|dead|died"),
]

_COMPILED = [(kind, strong, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for kind, strong, rx in _PATTERNS]
# One cheap pass decides whether a sentence can hold a trigger at all.
_ANY = re.compile(r"\b(?:" + "|".join(rx for _, _, rx in _PATTERNS) + r")\b", re.IGNORECASE)

# Words before a trigger that make it no event: negation, denial, threat, future.
# The modal "may" is lower case: "In May rebels seized ..." is a date, not a maybe.
_NEGATION = re.compile(
    r"\b(?:not|no|never|denied|denies|deny|denying|threaten(?:ed|s|ing)? to|vow(?:ed|s)? to|"
    r"will|would|could|plans? to|planning to|intends? to|(?-i:may)|might|fail(?:ed|s)? to|"
    r"refused to|warned of|fears? of|fear of|risk of|prevent(?:ed)?)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# Habitual or generic statements report no particular event.
_GENERIC = re.compile(
    r"\b(?:are|is|were)\s+(?:frequently|often|usually|typically|regularly|commonly|routinely)\b",
    re.IGNORECASE,
)


def find_triggers(sentence: str) -> list[Trigger]:
    """Trigger phrases in ``sentence``, minus negated or hypothetical ones, in order.

    >>> [t.kind for t in find_triggers("Rebels seized the town after fierce clashes.")]
    ['seize', 'armed_clash']
    >>> find_triggers("The army denied shelling the village.")
    []
    """
    found: list[Trigger] = []
    if not _ANY.search(sentence) or _GENERIC.search(sentence):
        return found
    for kind, strong, rx in _COMPILED:
        for m in rx.finditer(sentence):
            if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in found):
                continue  # a stronger, earlier pattern already covers this text
            if _NEGATION.search(sentence[max(0, m.start() - 60) : m.start()]):
                continue
            found.append(Trigger(kind, m.start(), m.end(), m.group(), strong))
    return sorted(found, key=lambda t: t.start)
