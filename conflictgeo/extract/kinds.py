"""Event kinds, their ACLED codes, and the trigger lexicon that finds them.

Triggers are word-boundary regexes compiled once at import; a trigger preceded
by negation, denial, a threat, a condition or the future tense is dropped, and
so is one followed by a modal ("warplanes will continue to ..."); a denial
covers the rest of its clause. Patterns are tried in list order and every
match claims its text, so a specific phrase ("barrel bombs", "missile strike")
is never read again by a generic one ("bomb", "strike"); one trigger per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictgeo.prefilter import SENTENCES, Family
from conflictgeo.taxonomy import KINDS, Kind

__all__ = ["KINDS", "Kind", "Trigger", "find_triggers"]


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
        (
            r"suicide (?:(?:car|truck|vehicle|motorcycle|belt) )?"
            r"(?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|vests?|blasts?)",
            r"blew (?:himself|herself|themselves) up",
        ),
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
            r"drone (?:strikes?|attacks?)",
            r"drones? (?:[\w-]+ ){0,5}?(?:struck|hit|targeted|attacked|bombed)",
            r"(?:aircraft|warplanes?|jets?|helicopters?|planes?) (?:[\w-]+ ){0,2}?"
            r"(?:struck|bombed|hit|pounded|targeted|attacked|raided|shelled)",
            r"dropped (?:[\w-]+ ){0,4}?bombs?",
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
            r"shell(?:ed|ing|s)|(?-i:shell)",  # not "Shell", a name
            r"artillery",
            r"mortars?(?: rounds?| shells?| fire)?",
            r"rocket (?:fire|attacks?)",
            r"rockets? (?:hit|struck|landed|fell)",
            r"missiles? (?:hit|struck|attacks?|strikes?)",
            r"rockets?(?![ -]propelled)",
            r"(?:fired|launched) (?:\w+ ){0,3}?(?:missiles?|rockets?)",
            r"(?:ballistic |cruise )?missiles? (?:landed|fell|slammed|exploded|killed|destroyed)",
            r"bombard(?:ed|ing|ment)",
        ),
    ),
    # Before clashes: "protesters clashed with police" is a riot, not a battle.
    (
        "protest",
        True,
        (
            r"protest(?:ed|s|ing)? (?:against|over|in|outside|at|near|on)",
            r"(?:street|mass|anti-\w+|angry|violent|peaceful) protests?",
            # protesters as the subject of what they did, not as victims ("fire on protesters")
            r"(?:protesters|demonstrators) (?:\w+ ){0,2}?(?:rallied|gathered|marched|blocked|"
            r"stormed|took to|burned|torched|set fire|chanted|staged|demanded|clashed|threw|"
            r"occupied|protested|poured|took part)",
            r"demonstrations? (?:against|over|in|outside|at|near)",
            r"rall(?:y|ies|ied) (?:against|in protest|in support of|outside)",
            # "rallied in Sweida on Saturday to protest the collapse of the currency"
            r"(?:rallied|gathered|marched|demonstrated|took to the streets) (?:[\w,'’-]+ ){0,8}?"
            r"to protest",
            r"sit-ins?",
            r"riot(?:s|ed|ing|ers)?",
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
            # "took the last Nusra Front positions": only with a territory object
            r"took (?=(?:the |its |their )?(?:[\w-]+ ){0,4}?(?:positions?|villages?|towns?|"
            r"bases?|hills?|checkpoints?|districts?|neighbou?rhoods?)\b)",
            r"entered",
            r"(?:drove|pushed|expelled|ousted) (?:[\w-]+ ){0,4}?(?:out of|from)",
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
            r"cleared (?=(?:[\w-]+ ){0,3}?of\b)",  # "cleared Sirte of the last militants"
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
            r"under an? (?:\w+ ){0,3}?(?:deal|agreement)",
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
            r"left (?:their )?(?:homes?|houses|villages?|the (?:town|city|area|camp|village))",
            r"(?:families|residents|civilians|villagers|inhabitants) (?:have )?left",
            r"poured into",
            r"streamed into",
        ),
    ),
    # Last, so the specific phrases above claim their text first ("barrel bombs",
    # "missile strike"): a bomb that went off is an explosive device, a bare
    # "strike" in conflict reporting an air strike.
    (
        "explosive_device",
        True,
        (r"bomb(?:s|ings?)?", r"exploded"),
    ),
    (
        "air_strike",
        True,
        (
            r"(?:israeli|russian|u\.?s\.?|american|turkish|saudi|iranian|coalition|regime|"
            r"government|military|enemy|deadly|fresh|overnight|precision|retaliatory) strikes?",
            r"strikes? (?=(?:on|against|hit|targeted|killed|across|near)\b)",
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
            r"opened fire",
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

_SCANNER = SENTENCES  # one literal pass per sentence for dates and triggers
_COMPILED = [
    (kind, strong, _SCANNER.guard(re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)))
    for kind, strong, alts in _PATTERNS
]
_FAMILY = Family(_COMPILED, lambda item: item[2])

# Words before a trigger that make it no event: negation, denial, threat, future,
# condition. The modal "may" is lower case: "In May rebels seized ..." is a date.
_NEGATION = re.compile(
    r"\b(?:not|no|never|denied|denies|deny|denying|threaten(?:ed|s|ing)? to|vow(?:ed|s)? to|"
    r"will|would|could|plans? to|planning to|intends? to|(?-i:may)|might|fail(?:ed|s)? to|"
    r"refused to|warned of|fears? of|fear of|risk of|prevent(?:ed)?|if|unless|until)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# ... or right after it: "warplanes will continue to bomb", "troops could storm".
_NEGATION_AFTER = re.compile(
    r"\s+(?:will|would|could|might|(?-i:may)|plan|plans|threaten|threatened|vowed|never|"
    r"(?:did|does|do|have|has|had) (?:not|never)|didn't|haven't|hasn't)\b",
    re.IGNORECASE,
)
_NEGATION_INSIDE = re.compile(r"\b(?:not|never|didn't)\b", re.IGNORECASE)
# A past participle straight after a determiner is an adjective that names an
# event already told ("in the captured villages", "the shelled district").
_REFERENCE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|recently|newly)\s+$", re.IGNORECASE)
# A frequency adverbial in the trigger's clause makes it a habit, not an event:
# "residents say planes bomb the city several times a week".
_HABITUAL_AFTER = re.compile(
    r"[^.;,]{0,40}?\b(?:(?:several|many|a few|two|three|four|\d+) times (?:a|per|each) "
    r"(?:day|night|week|month)|(?:almost |nearly )?(?:daily|nightly)|"
    r"(?:almost |nearly )?every (?:day|night|week))\b"
    # "every day last week" / "daily for a month" is a campaign of days, not a habit
    r"(?!\s+(?:last|this|that|for|since|over|during|in|until|between|from)\b)",
    re.IGNORECASE,
)
# A denial covers the rest of its clause: "denied shelling Douma, saying rebels had
# fired the mortars themselves" reports no shelling at all.
_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|dismissed reports)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\b(?:but|while|whereas|however)\b|;", re.IGNORECASE)


# Habitual or generic statements report no particular event; nor do trends told
# over months or years ("bombings have struck markets in recent months").
_GENERIC = _SCANNER.guard(
    re.compile(
        r"\b(?:are|is|were)\s+(?:frequently|often|usually|typically|regularly|commonly|routinely)\b"
        r"|\bin recent (?:months|years)\b|\b(?:over|in|during) the (?:past|last) (?:few |several )?"
        r"(?:months|years)\b",
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
    possible = _FAMILY.possible(sentence)  # most sentences: none
    if not possible or _GENERIC.search(sentence):
        return found
    claimed: list[tuple[int, int]] = []
    for kind, strong, rx in possible:
        for m in rx.pattern.finditer(sentence):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in claimed):
                continue  # a stronger, earlier pattern already covers this text
            # Every match claims its text, taken or not: "barrel bombs" stays the air
            # strike's even when "helicopters dropped" already gave one.
            claimed.append((m.start(), m.end()))
            if any(t.kind == kind for t in found):
                continue  # one trigger per kind: "a landmine exploded" is one device
            if _NEGATION.search(sentence[max(0, m.start() - 60) : m.start()]):
                continue
            if _NEGATION_AFTER.match(sentence, m.end()) or _denied(sentence, m.start()):
                continue
            if _HABITUAL_AFTER.match(sentence, m.end()):
                continue
            adjective = m.group().lower().endswith("ed")
            if adjective and _REFERENCE_BEFORE.search(sentence, 0, m.start()):
                continue  # "the captured villages": an event told before, named again
            if _NEGATION_INSIDE.search(m.group()):  # "jets never bombed"
                continue
            found.append(Trigger(kind, m.start(), m.end(), m.group(), strong))
    return sorted(found, key=lambda t: t.start)


def _denied(sentence: str, at: int) -> bool:
    """True when a denial earlier in the same clause covers position ``at``."""
    denials = list(_DENIAL.finditer(sentence, 0, at))
    return bool(denials) and not _CLAUSE_BREAK.search(sentence, denials[-1].end(), at)
