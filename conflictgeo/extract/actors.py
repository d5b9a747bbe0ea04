"""Actors: who did what to whom, normalised to one name each.

A curated dictionary maps the usual ways news text names an actor to one
canonical name and a type: ``state`` (government forces and their allies),
``nonstate`` (rebels, militias, jihadist groups), ``civilians`` (as victims or
the displaced). Names not in the dictionary but shaped like an actor
("gunmen", "Kurdish fighters") are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictgeo.prefilter import Family, Scanner


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str  # state | nonstate | civilians | unknown
    start: int
    end: int
    text: str

    # What the event typing asks of an actor. It asks these, never the display
    # name, so that names can follow ACLED's style without changing the typing.
    @property
    def is_air_force(self) -> bool:
        """Aircraft, helicopters or drones: an attack by them is an air strike."""
        return "Air Force" in self.name

    @property
    def is_unidentified(self) -> bool:
        """Unnamed armed men ("gunmen"): their killings are attacks on civilians."""
        return self.name == "Unidentified armed group"


_DEMONYM_STATE = (
    r"(?P<dem>Syrian|Iraqi|Yemeni|Lebanese|Libyan|Turkish|Afghan|Israeli|Russian|"
    r"Iranian|Saudi|Emirati|Jordanian|Egyptian|American|US|U\.S\.|Pakistani)"
)

# (pattern, canonical name, type). Canonical names may use {dem} from the pattern.
_DICTIONARY: list[tuple[str, str, str]] = [
    (
        rf"(?:the\s+)?{_DEMONYM_STATE}\s+(?i:air\s*force|warplanes|jets|helicopters|aircraft)",
        "{dem} Air Force",
        "state",
    ),
    (
        r"(?:regime|government|army)\s+(?:warplanes|jets|helicopters|aircraft)",
        "Government air force",
        "state",
    ),
    (
        r"(?:the\s+)?(?:coalition|US-led coalition)\s+(?:warplanes|jets|aircraft|air\s*strikes?)",
        "International coalition",
        "state",
    ),
    (
        rf"(?:the\s+)?{_DEMONYM_STATE}\s+(?i:army|armed forces|troops|soldiers|military|government forces|forces)",
        "{dem} Armed Forces",
        "state",
    ),
    (
        r"Assad(?:'s|’s)?\s+(?:forces|troops|army|regime)|(?:the\s+)?Assad regime"
        r"|(?:the\s+)?(?i:regime)(?:\s+(?i:forces|troops|soldiers))?",
        "Syrian Armed Forces",
        "state",
    ),
    (
        r"pro-government\s+(?:fighters|militias?|militiamen)|"
        r"(?:government|army)\s+(?:artillery|tanks?|gunners|snipers|mortars|rockets)|"
        r"(?:pro-government|government|security)\s+(?:forces|troops|soldiers)|(?:the\s+)?army|(?:the\s+)?military|soldiers|troops",
        "Government forces",
        "state",
    ),
    (r"National Defen[cs]e Forces|NDF", "National Defence Forces", "state"),
    (
        r"(?:forces|troops|fighters|units) loyal to the (?:unity |national |interim |internationally"
        r"[- ]recognised )?government",
        "Government forces",
        "state",
    ),
    (r"Syrian Arab Army|SAA", "Syrian Armed Forces", "state"),
    (r"Israel(?:i)? Defen[cs]e Forces|IDF", "Israeli Armed Forces", "state"),
    (r"Peshmerga", "Peshmerga (Kurdistan Regional Government)", "state"),
    (
        r"Popular Mobili[sz]ation (?:Forces|Units)|PMF|PMU|Hashd al-Shaabi",
        "Popular Mobilization Forces",
        "state",
    ),
    (r"Government of National Accord|GNA", "Government of National Accord", "state"),
    # ACLED codes the LNA as the military of Libya's eastern (House of Representatives) government.
    (r"Libyan National Army|Libyan Arab Armed Forces|LNA|LAAF", "Libyan National Army", "state"),
    (r"PKK|Kurdistan Workers'? Party", "PKK", "nonstate"),
    (r"AQAP|al-Qaeda in the Arabian Peninsula", "Al Qaeda", "nonstate"),
    (r"(?:Palestinian )?Islamic Jihad|PIJ", "Palestinian Islamic Jihad", "nonstate"),
    (r"Popular Committees", "Popular Committees", "state"),
    (r"Hezbollah|Hizbollah|Hizballah", "Hezbollah", "nonstate"),
    (
        r"(?:the\s+)?Islamic State(?: of Iraq and (?:the\s+)?(?:Levant|Syria|al-Sham))?|ISIS|ISIL|Daesh|IS\b",
        "Islamic State",
        "nonstate",
    ),
    (
        r"(?:[Aa]l[- ])?Nusra Front(?: for the (?:Defen[cs]e|People) of the Levant)?|(?:Jabhat )?al[- ]Nusra|Hayat Tahrir al[- ]Sham|HTS",
        "Nusra Front / HTS",
        "nonstate",
    ),
    (
        r"Al[- ]Qa(?:e|i)da[- ](?:aligned|linked|affiliated)\s+"
        r"(?:militias|forces|groups|fighters|militants|rebels)",
        "Al Qaeda-aligned militias",
        "nonstate",
    ),
    (r"Al[- ]Qa(?:e|i)da", "Al Qaeda", "nonstate"),
    (r"Syrian Democratic Forces|SDF", "Syrian Democratic Forces", "nonstate"),
    (r"YPG|People's Protection Units", "YPG", "nonstate"),
    (r"Free Syrian Army|FSA", "Free Syrian Army", "nonstate"),
    (r"Houthis?|Ansar Allah", "Houthis", "nonstate"),
    (r"(?:the\s+)?Taliban", "Taliban", "nonstate"),
    (r"Hamas", "Hamas", "nonstate"),
    (r"al[- ]Shabaab", "Al Shabaab", "nonstate"),
    (r"Boko Haram", "Boko Haram", "nonstate"),
    (
        r"(?:unidentified|unknown|masked)\s+(?:gunm[ae]n|assailants?|attackers?|armed m[ae]n)"
        r"|gunm[ae]n|armed m[ae]n|an? assailant",
        "Unidentified armed group",
        "nonstate",
    ),
    (
        r"(?:Sunni\s+|Islamist\s+|opposition\s+|armed\s+)?(?:rebel\s+(?:units|forces|fighters|groups)|rebels?|insurgents|opposition fighters|militants|jihadists)",
        "Rebels",
        "nonstate",
    ),
    (r"(?:Kurdish)\s+(?:fighters|forces|militias?)", "Kurdish forces", "nonstate"),
    (r"militias|militiamen|fighters", "Militias", "nonstate"),
    (
        r"civilians|residents|villagers|people|families|children|women|refugees|displaced",
        "Civilians",
        "civilians",
    ),
    (
        r"Alawites|Sunnis|Shiites|Shias|Christians|Kurds|Druze|Yazidis|Turkmen|Ismailis",
        "{group}",
        "civilians",
    ),
]
# Common-noun entries match in any case ("Rebels seized ...", "Gunmen killed ...");
# names and acronyms keep theirs ("IS", "NDF").
_GENERIC = {
    "Government air force",
    "International coalition",
    "Government forces",
    "Unidentified armed group",
    "Rebels",
    "Kurdish forces",
    "Militias",
    "Civilians",
}
# "the rebel-held town", "a Houthi-controlled district": who holds a place, not who acted.
_NOT_A_HOLDER = r"(?![-‐–](?:held|controlled|run|dominated|occupied)\b)"
# One literal pre-filter pass per sentence rules out most of the patterns
# (see conflictgeo.prefilter): tried one by one, they cost four times as much.
_SCANNER = Scanner()
_COMPILED = [
    (
        _SCANNER.guard(
            re.compile(rf"\b(?:{rx})\b{_NOT_A_HOLDER}", re.IGNORECASE if name in _GENERIC else 0)
        ),
        name,
        kind,
    )
    for rx, name, kind in _DICTIONARY
]
_FAMILY = Family([(order, *item) for order, item in enumerate(_COMPILED)], lambda item: item[1])
# A generic noun right after a named actor is that actor ("Islamic State fighters").
_GROUP_NOUNS = {"Rebels", "Militias", "Government forces"}
_DEMONYM_TO_STATE = {"US": "United States", "U.S.": "United States", "American": "United States"}


def find_actors(text: str) -> list[Actor]:
    """Actors named in ``text``, in order, longest phrase first at each position.

    >>> [(a.name, a.type) for a in find_actors("On Aug. 10, the Syrian Air Force attacked rebel units.")]
    [('Syrian Air Force', 'state'), ('Rebels', 'nonstate')]
    """
    candidates = []
    for order, rx, name, kind in _FAMILY.possible(text):
        for m in rx.pattern.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), order, m, name, kind))
    found: list[Actor] = []
    for _, _, _, m, name, kind in sorted(candidates, key=lambda c: c[:3]):
        if found and m.start() < found[-1].end:
            continue  # inside a phrase already taken ("Army" of "Free Syrian Army")
        dem = m.groupdict().get("dem") or ""
        canonical = name.replace("{dem}", _DEMONYM_TO_STATE.get(dem, dem)).replace(
            "{group}", m.group()
        )
        prev = found[-1] if found else None
        if (
            prev
            and name in _GROUP_NOUNS
            and prev.name not in _GENERIC
            and prev.type != "civilians"
            and text[prev.end : m.start()].isspace()
        ):
            found[-1] = Actor(prev.name, prev.type, prev.start, m.end(), text[prev.start : m.end()])
            continue
        found.append(Actor(canonical, kind, m.start(), m.end(), m.group()))
    return found


# The country an actor fights in, for actors that fight in one country only: a
# report about the Houthis is about Yemen, so its "Hays" is Yemen's, not a US
# namesake. Actors active in several countries (Islamic State, Hezbollah, the
# Turkish, Israeli, Russian, Iranian or US forces, the PKK) imply none.
ACTOR_COUNTRY: dict[str, str] = {
    "Syrian Armed Forces": "SY",
    "Syrian Air Force": "SY",
    "National Defence Forces": "SY",
    "Free Syrian Army": "SY",
    "Syrian Democratic Forces": "SY",
    "YPG": "SY",
    "Nusra Front / HTS": "SY",
    "Iraqi Armed Forces": "IQ",
    "Iraqi Air Force": "IQ",
    "Popular Mobilization Forces": "IQ",
    "Peshmerga (Kurdistan Regional Government)": "IQ",
    "Yemeni Armed Forces": "YE",
    "Yemeni Air Force": "YE",
    "Houthis": "YE",
    "Popular Committees": "YE",
    "Libyan Armed Forces": "LY",
    "Libyan Air Force": "LY",
    "Libyan National Army": "LY",
    "Government of National Accord": "LY",
    "Lebanese Armed Forces": "LB",
    "Afghan Armed Forces": "AF",
    "Afghan Air Force": "AF",
    "Taliban": "AF",
    "Hamas": "PS",
    "Palestinian Islamic Jihad": "PS",
    "Al Shabaab": "SO",
    "Boko Haram": "NG",
}


def actor_country(actors: list[Actor]) -> tuple[str, str] | None:
    """The country most of ``actors`` imply (see :data:`ACTOR_COUNTRY`), and the actor
    that says so; ``None`` when none does or two countries tie.

    >>> actor_country(find_actors("Houthi fighters shelled Hays."))
    ('YE', 'Houthis')
    """
    votes: dict[str, list[str]] = {}
    for a in actors:
        cc = ACTOR_COUNTRY.get(a.name)
        if cc:
            votes.setdefault(cc, []).append(a.name)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    cc, names = ranked[0]
    return cc, names[0]
