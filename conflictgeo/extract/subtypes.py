"""ACLED sub-event types for a sentence's triggers: who did what to whom, then precedence.

Specific triggers ("air strike", "landmine", "ceasefire") name their kind; the
generic ones ("attacked", "shot", "killed", "seized", "torched") are typed by
their roles, read around the trigger in its clause:

* the **agent**: the subject before an active verb ("gunmen shot ..."), or the
  phrase after "by" for a passive one ("... were shot by police");
* the **victim**: the object after an active verb, or the subject before a
  passive one ("two soldiers were killed").

Each role is one class: ``air`` (aircraft), ``state`` (soldiers, police),
``armed`` (other organised armed men, named groups, unnamed gunmen),
``crowd`` (residents, villagers, a mob, supporters: people acting together
without arms or organisation), ``civilian`` (unarmed people as victims) or
``place`` (a home, a bus, a village as the target). The actors found by
:mod:`conflictgeo.extract.actors` decide where they overlap a role's phrase
(by their ``type``, ``is_air_force`` and ``is_unidentified``, never their
display names); common nouns decide elsewhere.

ACLED's rules (``ONTOLOGY.md``) then apply: victims decide Attack (unarmed
civilians, off-duty officials) vs Armed clash (armed, organised men on both
sides); a crowd's violence is Mob violence, or a Violent demonstration where
it is protesting; a protest is typed by the worst thing done at it (violence
by its crowd: riot; lethal force against it: excessive force; dispersal or
arrests: intervention); violence beats non-violence; territory taken by
fighting is not also a clash, without fighting it is a transfer; an abduction
with deaths is an attack; a suicide bombing is not also an IED; a weapon
intercepted, defused or seized is a disrupted use, not its use; air strikes
backing a ground battle are that battle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conflictgeo.extract.actors import Actor
from conflictgeo.extract.kinds import KINDS, Trigger
from conflictgeo.model import Casualties

__all__ = ["BATTLES", "PROTEST_RANK", "clause_start", "escalate_protests", "type_triggers"]

# ----------------------------------------------------------------------- lexicons

# Nouns naming each class of agent or victim. Order of the tests: "unknown men"
# are armed before "men" is anything else.
_UNKNOWN_MEN = re.compile(
    r"\b(?:(?:unknown|unidentified|masked|hooded|armed|suspected)\s+(?:m[ae]n|individuals?|"
    r"persons?|people|assailants?|attackers?|gunm[ae]n|youths?|groups?)|"
    r"(?:gang|band)\s+of\s+(?:\w+\s+)?(?:armed\s+)?(?:m[ae]n|individuals|youths|persons)|"
    r"group\s+of\s+(?:\w+\s+)?armed\s+\w+|"
    r"armed\s+\w+|m[ae]n\s+armed|an?\s+(?:armed|unknown|unidentified)\s+group)\b",
    re.IGNORECASE,
)
_STATE_NOUNS = re.compile(
    r"\b(?:soldiers?|troops|army|armed forces|military|servicem[ae]n|police(?:m[ae]n|wom[ae]n)?|"
    r"(?:police|security|prison|border|military|army)\s+(?:officers?|personnel|forces|agents|"
    r"guards?|units?|patrols?|officials)|officers?|constables?|gendarmes?|gendarmerie|"
    r"security forces|government forces|state forces|forces|guards?|guardsm[ae]n|rangers?|"
    r"marines?|commandos?|sailors|navy|paratroopers|conscripts|recruits|cops?|"
    r"law enforcement(?: officers| officials| agents)?|"
    r"intelligence(?: services?| agents| officers)?|security services?)\b",
    re.IGNORECASE,
)
_ARMED_NOUNS = re.compile(
    r"\b(?:militants?|fighters?|rebels?|insurgents?|gunm[ae]n|jihadists?|militiam[ae]n|"
    r"militias?|attackers?|assailants?|raiders?|bandits?|terrorists?|combatants?|"
    r"commanders?|snipers?|paramilitar(?:y|ies)|gangs?|gangsters?|gang members?|cartels?|"
    r"herders?|herdsm[ae]n|pastoralists?|farmers|tribesm[ae]n|rustlers?|robbers?|thieves|poachers|"
    r"pirates|kidnappers|killers?|hitm[ae]n|perpetrators?|men|man|individuals?|persons|"
    r"suspects?|members of (?:the|an?)\s+(?:\w+\s+){0,3}?(?:group|militia|gang|movement|"
    r"organi[sz]ation|faction|cell)|extremists?|separatists?|guerrillas?|settlers)\b",
    re.IGNORECASE,
)
# A crowd: people acting together without arms or organisation (ACLED's rioters).
_CROWD_NOUNS = re.compile(
    r"\b(?:mobs?|crowds?|residents|villagers|locals|inhabitants|youths?|students|pupils|"
    r"protesters|demonstrators|rioters|supporters|traders|vendors|hawkers|fans|"
    r"members of the public|vigilantes?|community members|communit(?:y|ies)|"
    r"family members|relatives|neighbou?rs|colleagues|motorists|drivers|operators|riders|"
    r"workers|people|groups?(?!\s+of\b)|worshippers|congregants|parishioners|passengers|"
    r"onlookers|passers-?by|citizens|partisans|voters|rivals|clans?men|kinsmen)\b",
    re.IGNORECASE,
)
# Armed, organised victims: a battle (ACLED). "Suspected militants" are armed too.
_ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|army|military|servicem[ae]n|police(?:m[ae]n|wom[ae]n)?|"
    r"officers?|constables?|gendarmes?|security (?:forces|personnel|agents|guards)|forces|"
    r"militants?|fighters?|rebels?|insurgents?|gunm[ae]n|jihadists?|militiam[ae]n|militias?|"
    r"guards?|attackers?|assailants?|raiders?|bandits?|terrorists?|combatants?|commanders?|"
    r"snipers?|paramilitar(?:y|ies)|recruits|patrols?|units?|battalions?|brigades?|convoys?|"
    r"checkpoints?|bases?|barracks|(?:military |army |police |security )?posts?|positions?|"
    r"outposts?|garrisons?|police stations?|military (?:vehicles?|camps?)|tanks?|"
    r"armou?red vehicles?|gang members?|members of (?:the|an?)\s+(?:\w+\s+){0,3}?(?:group|"
    r"militia|gang|movement|faction|cell)|extremists?|separatists?|guerrillas?|cartels?|"
    r"rangers?|marines?|commandos?|cops?)\b",
    re.IGNORECASE,
)
_OFF_DUTY = re.compile(
    r"\b(?:off-?duty|retired|former|ex-|at (?:his|her|their) (?:home|house|residence)|"
    r"on (?:his|her|their) way (?:home|to)|unarmed)\b",
    re.IGNORECASE,
)
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|people|persons?|person|children|child|women|"
    r"woman|men|man|boys?|girls?|famil(?:y|ies)|farmers?|shepherds?|fishermen|fisherman|"
    r"traders?|merchants?|businessm[ae]n|businesswom[ae]n|shopkeepers?|workers?|teachers?|"
    r"students?|pupils?|doctors?|nurses?|journalists?|reporters?|activists?|protesters?|"
    r"demonstrators?|passengers?|drivers?|motorists?|worshippers?|pilgrims?|refugees?|"
    r"migrants?|displaced|prisoners?|detainees?|captives?|hostages?|suspects?|officials?|"
    r"chiefs?|leaders?|politicians?|candidates?|mps?|lawmakers?|councill?ors?|mayors?|"
    r"governors?|elders?|clerics?|imams?|priests?|pastors?|monks?|nuns?|victims?|"
    r"individuals?|youths?|youth|teenagers?|elderly|infants?|bab(?:y|ies)|minors?|"
    r"aid workers?|health workers?|mourners|shoppers|customers|patrons|guests|fans|"
    r"wives|wife|husbands?|sons?|daughters?|mothers?|fathers?|brothers?|sisters?|"
    r"relatives|herders?|herdsm[ae]n|pastoralists?|villages?|homes?|houses?|markets?|"
    r"schools?|hospitals?|clinics?|mosques?|churche?s?|buses|bus|vehicles?|cars?|shops?|"
    r"stores?|restaurants?|cafes?|hotels?|camps?|homesteads?|settlements?|farms?|"
    r"tribesm[ae]n|cattle|livestock|thie(?:f|ves)|robbers?|rapists?|criminals?|"
    r"ships?|vessels?|tankers?|boats?|trucks?|lorr(?:y|ies)|minibus(?:es)?|facilit(?:y|ies)|"
    r"sites?|premises|compan(?:y|ies)|members?|supporters?|crew|crews|staff|employees?|"
    r"buildings?|offices?|(?:tea|coffee)?houses?|bars?|(?:night)?clubs?|cinemas?|"
    r"theat(?:er|re)s?|malls?|banks?|universit(?:y|ies)|colleges?|stadiums?|"
    r"witch(?:es|doctors?)?|sorcer(?:ers?|ess)|settlers?)\b",
    re.IGNORECASE,
)
_MILITARY_PLACE = re.compile(
    r"\b(?:military|army|police|security|training|militia|rebel|insurgent|jihadist)\s+$",
    re.IGNORECASE,
)
# What a crowd is doing when it protests: words that make its violence a riot.
_ARMED_SIDES = re.compile(
    r"\b(?:gunm[ae]n|militants|rebels|insurgents|militias?|militiam[ae]n|jihadists)\b", re.I
)
_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\b", re.IGNORECASE)
_PROTEST_WORDS = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ed|ing|ions?|ors?|e|es)|rall(?:y|ies|ied)|march(?:ed|es)?|"
    r"sit-ins?|strikes?|picket\w*|denounc\w*|demand(?:ed|ing|s)?|chant\w*|boycott\w*|"
    r"grievances?|in anger over|angered by|angry over|outraged by|riot\w*)\b",
    re.IGNORECASE,
)
# What a crowd did that makes its demonstration a riot (when the crowd did it).
_RIOT_CUES = re.compile(
    r"\b(?:stormed|storming|torched|set fire|set (?:\w+ ){0,3}?(?:ablaze|alight|on fire)|"
    r"burn(?:ed|t|ing)|looted|looting|ransacked|clash(?:ed|es|ing)|violent(?:ly)?|"
    r"attacked|attacking|vandali[sz]\w*|smashed|damaged|destroyed|pelted|stoned|threw|"
    r"hurled|injured (?:\w+ ){0,3}?(?:police|officers|policem[ae]n)|fought|violence|unrest|"
    r"chaos|mayhem|breach(?:ed|ing)|fire(?:d)? (?:\w+ )?(?:firecrackers|fireworks|flares))\b",
    re.IGNORECASE,
)
_CROWD_REFERENCE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|crowds?|them|participants|"
    r"organi[sz]ers|gathering|students|residents|youths?)\b"
    # "Seven were detained by police.", "They were arrested.": the crowd just told of
    r"|^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|"
    r"dozens|scores|they|most)\b",
    re.IGNORECASE,
)
# What a protest was against: violence named there is its grievance, not an event.
_GRIEVANCE = re.compile(
    r"\b(?:against|over|protest(?:ing|ed)?|denounc\w*|condemn\w*|decry\w*|demand\w*|"
    r"call(?:ing|ed)? for|in protest|following|after|because of|in (?:response|reaction) to|"
    r"in solidarity with|to mark|commemorat\w*|anniversary|justice for|angered by|"
    r"outraged by|in anger)\b",
    re.IGNORECASE,
)
_GRIEVANCE_FIRST = re.compile(
    r"^\W*(?:\w+\s+){0,6}?(?:following|after|in (?:response|reaction) to|angered by)\b",
    re.IGNORECASE,
)
_GRIEVANCE_KINDS = frozenset(
    "attack kill harm arrest abduction destroy body seize armed_clash attack_on_civilians "
    "sexual_violence explosive_device grenade shelling air_strike suicide_bombing "
    "displacement change_to_group mob_violence".split()
)
# Lethal or serious force on a crowd (ACLED Excessive force against protesters).
_LETHAL = re.compile(
    r"\b(?:killed|killing|shot dead|shot and killed|died|dead|deaths?|fatal(?:ly|ities)?|"
    r"live (?:ammunition|rounds|bullets|fire)|seriously (?:injured|wounded|hurt)|"
    r"critically (?:injured|wounded)|bullet wounds|gunshot wounds|shot (?:and )?(?:injured|"
    r"wounded)|opened fire on|serious(?:ly)? (?:injur\w*|wound\w*|hurt)|excessive force|"
    r"violently (?:suppress\w*|dispers\w*|crush\w*)|brutal(?:ly)?)\b",
    re.IGNORECASE,
)
_WITHDRAWAL = re.compile(r"withdr|pulled out|retreated", re.IGNORECASE)
_HANDOVER = re.compile(
    r"\b(?:hand(?:ed|ing)? (?:\w+ ){0,4}?(?:over|back)|handover|deal|agreement|truce|"
    r"took over|taken over|entered|in(?:to)? the hands of|leaving (?:it|the \w+) (?:to|in))\b",
    re.IGNORECASE,
)
# Acts of a riot that armed men do too: then no demonstration, but an attack or a looting.
_ARMED_RIOT_ACT = re.compile(
    r"vandal|burn|set fire|lit|torch|pull|tore|tear|broke|forced|stoned|threw|throw|hurl|pelt",
    re.IGNORECASE,
)
_PROPERTY_DAMAGE = re.compile(r"vandal|barricad|burn|tyres|tires|down|broke|forced", re.I)
_ARMED_FORCE_NOUNS = re.compile(
    r"\b(?:militants?|fighters?|rebels?|insurgents?|gunm[ae]n|jihadists?|militiam[ae]n|"
    r"militias?|armed (?:groups?|men)|factions?|brigades?|battalions?|paramilitar\w+|units|"
    r"advis[eo]rs|instructors|mercenar(?:y|ies)|contractors|commanders?)\b",
    re.IGNORECASE,
)
_STEAL = re.compile(r"stol|steal|rustl", re.IGNORECASE)
_CRIME = re.compile(
    r"\b(?:drugs?|narcotics?|cocaine|heroin|cannabis|marijuana|methamphetamine|smuggl\w*|"
    r"traffick\w*|robber(?:y|ies)|theft|burglar\w*|fraud|embezzl\w*|brib\w*|scams?|"
    r"laundering|counterfeit\w*|poach\w*|stolen (?:goods|property|cars?|vehicles?))\b",
    re.IGNORECASE,
)
# A trigger in an "as ..." or "amid ..." clause sets a scene ("as fighting spread").
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:as|amid|amidst|during|despite|following|after|since|with|in)\s+(?:the\s+|"
    r"(?:heavy|fierce|ongoing|renewed|continued|continuing|intense|fresh)\s+){0,2}$",
    re.IGNORECASE,
)
# "the capture of the town gives the group control of ...": a consequence of an
# event named before, not a seizure told here.
_CONSEQUENCE_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:gives?|gave|giving|would give|allows?|allowed|allowing|opens?|"
    r"opened the way|cuts? off|would cut)\b",
    re.IGNORECASE,
)
_NOUN_BEFORE = re.compile(r"\b(?:the|its|their|his|her|a|an|this|that)\s+$", re.IGNORECASE)

_INTRANSITIVE = re.compile(r"died|dead|deaths?|casualties|injuries|injury", re.IGNORECASE)
_NOUN_TRIGGER = re.compile(
    r"(?:gunfire|gunshots?|shootings?|killings?|murders|assassinations?|executions?|"
    r"stabbings?|beatings?|deaths?|casualties|injuries)",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get|gets|getting)\s+(?:(?:\w+ly|also|later|then|"
    r"reportedly|allegedly|all)\s+)*(?:(?:\w+ed|shot|beaten|hit|struck|stabbed|burnt|attacked)"
    r"\s+(?:and|or)\s+)?$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"[^.;]{0,60}?\bby\b", re.IGNORECASE)
# Where a subordinate or new clause starts: its actors are not the trigger's subject.
_CLAUSE_START = re.compile(
    r";|,\s+(?:and|but|while|who|which|whom)\b|\b(?:after|as|when|while|before|since|until|"
    r"because|although|whereas)\b|\band (?=(?:he|she|they|it|later|then)\b)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;]|,\s+(?:and|but|while|who|which|after|before|as|when|killing|injuring|wounding|"
    r"leaving)\b|\b(?:after|before|when|while|because|as|following)\b",
    re.IGNORECASE,
)
_PARTIES = re.compile(
    r"\b(?:between|involving|pitting)\s+(?P<p>[^.;]{3,120}?)(?=[.;]|$|\s+(?:over|after|which|"
    r"that|who|when|as)\b|,)",
    re.IGNORECASE,
)
_WITH_PARTY = re.compile(r"\s*(?:\w+\s+){0,2}?(?:with|against)\s+(?P<p>[^.;,]{3,80})", re.I)

# Territory words after a seizure ("seized the town"), as before.
_TERRITORY_OBJECT = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,6}?(?:villages?|towns?|city|cities|base|bases|checkpoints?|positions?|"
    r"castles?|forts?|fortress|strongholds?|mountains?|hilltops?|valleys?|regions?|provinces?|"
    r"frontlines?|front lines?|sites?|fields?|lands?|camps?|"
    r"areas?|district|neighbou?rhoods?|hills?|airport|border crossing|territory|"
    r"palace|camps?|headquarters|compound|barracks|port|air ?base|refinery|dam|crossing|"
    r"posts?|garrison|outposts?|oil ?fields?|island|road|highway|bridge|"
    r"(?:full |complete |total )?control)\b",
    re.IGNORECASE,
)
# Lower case: "captured two New People's Army camps" takes no people.
_PERSON_OBJECT = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:m[ae]n|wom[ae]n|people|persons?|civilians?|children|boys?|girls?|"
    r"hostages?|captives?|prisoners?|soldiers?|officers?|fighters?|militants?|members|"
    r"individuals?|residents|villagers|workers|journalists?|activists?|suspects?|youths?|"
    r"him|her|them|students|passengers|drivers?|farmers?|herders?)\b"
)
_WEAPONS = (
    r"(?:weapons?|arms|ammunition|ammo|explosives?|firearms?|guns?|rifles?|pistols?|"
    r"revolvers?|grenades?|munitions?|rockets?|missiles?|mortars?|ieds?|bombs?|"
    r"kalashnikovs?|ak-?47s?|machine ?guns?|cartridges|rounds)"
)
# "seized weapons", not "seized a rocket-launching site"
_WEAPONS_OBJECT = re.compile(
    r"\s+(?:[\w,-]+\s+){0,8}?"
    + _WEAPONS
    + r"\b(?![- ](?:launch\w*|sites?|bases?|factor\w*|plants?))",
    re.IGNORECASE,
)
_WEAPONS_BEFORE = re.compile(r"\b" + _WEAPONS + r"\b", re.IGNORECASE)
_GOODS_OBJECT = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:cattle|livestock|goats|sheep|camels|cows|vehicles?|cars?|trucks?|"
    r"motorbikes?|motorcycles?|goods|property|money|cash|phones?|food|aid|supplies|fuel|"
    r"crops|animals|herds?)\b",
    re.IGNORECASE,
)
_NO_FIGHT = re.compile(
    r"\b(?:withdr(?:ew|awn|awal)|pulled out|retreated|melted away|abandoned|vacated|deserted|"
    r"(?:forces|troops|soldiers|army|police|defenders|officials) (?:had )?fled|"
    r"under an? (?:\w+ ){0,3}?(?:deal|agreement)|bussed|evacuat(?:ed|ion))\b",
    re.IGNORECASE,
)
_FIGHT = re.compile(
    r"\b(?:fight(?:ing|s)?|fought|clash(?:es|ed)?|battles?|offensive|assault|heavy resistance|"
    r"overr?an|overrun|stormed)\b",
    re.IGNORECASE,
)
_NO_FIGHT_WORDS = re.compile(
    r"without (?:a |any )?(?:fight|fighting|battle|resistance|a shot)|unopposed|"
    r"(?:no|not encounter(?:ed)? any) resistance",
    re.IGNORECASE,
)
# "a camp for displaced people": victims described, not a displacement event.
_DISPLACED_ADJ = re.compile(
    r"\s+(?:people|persons|families|civilians|residents|women|men|children|households|"
    r"individuals|Syrians|Iraqis|Palestinians)\b",
    re.IGNORECASE,
)
_ARMED_SUBJECT = re.compile(
    r"\b(?:units|forces|troops|soldiers|fighters|militants|rebels|army|militias|gunmen|"
    r"militiamen|insurgents)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_AIR_SUPPORT = re.compile(
    r"\b(?:backed|supported|covered|aided|assisted|accompanied) by\b|\bunder (?:the )?cover of\b|"
    r"\bwith (?:the )?(?:help|support|backing|cover) of\b|\bamid\b|\bair (?:support|cover)\b",
    re.IGNORECASE,
)
_UNARMED_FIGHT = re.compile(r"fist|brawl|scuffle|fights? broke|melee", re.IGNORECASE)
_CHEM_SYMPTOMS = re.compile(
    r"\b(?:suffocat\w*|breathing difficult\w*|difficulty breathing|choking|asphyxia\w*|"
    r"foaming at the mouth|symptoms of (?:poisoning|exposure))\b",
    re.IGNORECASE,
)
_RAID_WORDS = re.compile(r"raid|storm|entered|search", re.IGNORECASE)
# Fire exchanged: a battle, whatever the weapons (ACLED).
_EXCHANGE = re.compile(
    r"\b(?:in both directions|exchang\w* (?:of )?(?:fire|shells|artillery)|traded fire)\b",
    re.IGNORECASE,
)
_SEQUENCE = re.compile(r"\b(?:followed by|then|later|afterwards|after which)\b", re.IGNORECASE)
# Small arms alongside heavy weapons: ACLED codes the exchange an armed clash.
_SMALL_ARMS = re.compile(
    r"\b(?:small arms|(?<!heavy )machine ?guns?|automatic (?:weapons|rifles)|rifles?|"
    r"assault rifles|gunfire|infantry|light weapons)\b",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------- kinds

BATTLES = frozenset(("armed_clash", "territory_taken_nonstate", "territory_regained_gov"))
_REMOTE = frozenset(("air_strike", "shelling", "explosive_device", "grenade", "chemical_weapon"))
_PROTEST_FAMILY = frozenset(("protest", "protest_with_intervention", "excessive_force", "riot"))
#: How bad a demonstration got: a protest is typed by the worst thing done at it.
PROTEST_RANK = {"protest": 0, "protest_with_intervention": 1, "excessive_force": 2, "riot": 3}
_VIOLENT = (
    BATTLES
    | _REMOTE
    | {"suicide_bombing", "sexual_violence", "attack_on_civilians", "abduction"}
    | {"mob_violence", "riot", "excessive_force"}
)
_NON_VIOLENT = frozenset(
    ("arrest", "looting", "change_to_group", "base_established", "other_strategic")
)
# Triggers that tell of a gathering (protest cues), and of force against one.
_GATHERING = frozenset(("protest", "crowd", "riot"))
# Generic violence against people: one act, typed by its agent and victim. A
# specific violent trigger in the sentence ("a roadside bomb killed two") is the event.
_HARM = frozenset(("attack", "kill", "harm"))
# What forces entering a place did there, that makes the entry a raid, not a capture.
_RAID = frozenset(("arrest", "attack", "harm", "abduction", "destroy", "disrupted_weapons"))


_GENERIC_HEAD = re.compile(
    r"(?:forces|fighters|units|personnel|elements|members|men|militiam[ae]n|gunmen|troops)\b",
    re.IGNORECASE,
)
_AGENT_TESTS = (
    (_UNKNOWN_MEN, "armed"),
    (_STATE_NOUNS, "state"),
    (_CROWD_NOUNS, "crowd"),
    (_ARMED_NOUNS, "armed"),
)
_VICTIM_TESTS = (
    (_UNKNOWN_MEN, "armed"),
    (_ARMED_VICTIMS, "armed"),
    (_CIVILIAN_VICTIMS, "civilian"),
)


def clause_start(text: str, at: int) -> int:
    """Where the clause holding position ``at`` starts (its actors are the subject's)."""
    start = 0
    for m in _CLAUSE_START.finditer(text, 0, at):
        start = m.end()
    return start


def _clause_end(text: str, at: int) -> int:
    m = _CLAUSE_END.search(text, at)
    return m.start() if m else len(text)


def _class(
    phrase: str, offset: int, actors: Sequence[Actor], role: str, last: bool = False
) -> tuple[str, int] | None:
    """The class of the agent or victim named in ``phrase`` (at ``offset`` in the
    sentence), with its position: the first one named, the head of its phrase (the
    last one named when ``last``: the subject right before a passive verb)."""
    found: list[tuple[int, str]] = []
    end = offset + len(phrase)
    for a in actors:
        if offset <= a.start < end:
            if a.is_air_force:
                cls = "air"
            elif a.type == "state":
                cls = "state"
            elif a.type == "civilians":
                cls = "crowd" if role == "agent" else "civilian"
            else:
                cls = "armed"
            if role == "victim" and cls != "civilian":
                cls = "armed"  # soldiers or militants as the target: a battle
                if _OFF_DUTY.search(phrase):
                    cls = "civilian"  # "an off-duty police officer" (ACLED: civilians)
            found.append((a.start, cls))
    tests = _AGENT_TESTS if role == "agent" else _VICTIM_TESTS
    # A named actor's words are the actor's ("Houthi forces", "pro-government fighters").
    taken = [(a.start - offset, a.end - offset) for a in actors if offset <= a.start < end]
    for rx, noun_cls in tests:
        for m in rx.finditer(phrase):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            cls = noun_cls
            if cls == "civilian" and _MILITARY_PLACE.search(phrase, 0, m.start()):
                cls = "armed"  # "a military camp", "a police post"
            if cls == "armed" and role == "victim" and _OFF_DUTY.search(phrase):
                cls = "civilian"  # off-duty or retired officers are civilians (ACLED)
            found.append((offset + m.start(), cls))
    if not found:
        return None
    found.sort()
    # The head of the first phrase ("Government forces and Hezbollah fighters"); of
    # nouns side by side the last ("a chief police officer": an officer).
    # A generic head ("separatist forces", "clan fighters") keeps its modifier's class.
    first = 0
    if last:  # the start of the last run of nouns side by side
        first = len(found) - 1
        while first > 0 and re.fullmatch(
            r"[\w-]+\s+", phrase[found[first - 1][0] - offset : found[first][0] - offset]
        ):
            first -= 1
    pos, cls = found[first]
    for nxt_pos, nxt_cls in found[first + 1 :]:
        gap = phrase[pos - offset : nxt_pos - offset]
        if not re.fullmatch(r"[\w-]+\s+", gap) or _GENERIC_HEAD.match(phrase, nxt_pos - offset):
            break
        pos, cls = nxt_pos, nxt_cls
    return cls, pos


def _roles(text: str, t: Trigger, actors: Sequence[Actor]) -> tuple[str | None, str | None]:
    """(agent class, victim class) of trigger ``t``."""
    start = clause_start(text, t.start)
    end = _clause_end(text, t.end)
    before = text[start : t.start]
    after_end = min(end, t.end + 90)
    by = _BY_AFTER.match(text, t.end)
    passive = (
        bool(_PASSIVE_BEFORE.search(before))
        or (by is not None and by.end() - t.end < 25)
        # "four protesters died", "two soldiers dead": the subject suffered it
        or bool(_INTRANSITIVE.fullmatch(t.text))
    )
    if _NOUN_TRIGGER.fullmatch(t.text) or (
        t.kind == "attack" and _NOUN_BEFORE.search(text, 0, t.start)
    ):
        # "died from gunfire", "in the attack": a noun, whose agent only "by" names
        agent = None
        if by is not None and by.end() - t.end < 25:
            tail = text[by.end() : _clause_end(text, by.end())][:80]
            agent = _class(tail, by.end(), actors, "agent")
        victim = _class(text[t.end : after_end], t.end, actors, "victim")
        return (agent[0] if agent else None), (victim[0] if victim else None)
    if passive:
        victim = _class(before, start, actors, "victim", last=True)
        agent = None
        if by is not None:
            tail = text[by.end() : _clause_end(text, by.end())][:80]
            agent = _class(tail, by.end(), actors, "agent")
        return (agent[0] if agent else None), (victim[0] if victim else None)
    agent = _class(before, start, actors, "agent")
    victim = _class(text[t.end : after_end], t.end, actors, "victim")
    return (agent[0] if agent else None), (victim[0] if victim else None)


def _violence_kind(
    t: Trigger, agent: str | None, victim: str | None, text: str, deaths: Casualties | None
) -> str | None:
    """The kind of violence against people: by whom, on whom (ACLED)."""
    if agent == "air":
        return "air_strike"
    if agent == "crowd":
        return "mob_violence"
    if victim == "armed":
        return "armed_clash"
    if victim == "civilian":
        return "attack_on_civilians"
    # No victim named: an unnamed killer's victims are civilians; otherwise the
    # sentence's people decide, as a coder would read it.
    if agent == "armed" and t.kind in ("harm", "kill"):
        return "attack_on_civilians"
    if _CIVILIAN_VICTIMS.search(text[t.end :]) and not _ARMED_VICTIMS.search(text[t.end :]):
        return "attack_on_civilians"
    if t.kind == "kill" and deaths is None:
        return None  # "casualties unknown", "minor injuries reported"
    return "armed_clash" if t.kind == "attack" else "attack_on_civilians"


def _sides(text: str, t: Trigger, actors: Sequence[Actor]) -> list[str]:
    """The classes of the two sides of a clash: its subject, and "with X" or
    "between X and Y"."""
    sides = []
    start = clause_start(text, t.start)
    agent = _class(text[start : t.start], start, actors, "agent")
    if agent:
        sides.append(agent[0])
    m = _WITH_PARTY.match(text, t.end)
    if m:
        other = _class(m.group("p"), m.start("p"), actors, "agent")
        if other:
            sides.append(other[0])
    m = _PARTIES.search(text, t.start)
    if m and m.start() - t.end < 20:
        phrase = m.group("p")
        for part in re.split(r"\s+and\s+|,\s*", phrase):
            at = m.start("p") + phrase.find(part)
            cls = _class(part, at, actors, "agent")
            if cls:
                sides.append(cls[0])
    return sides


# ----------------------------------------------------------------------- typing


def type_triggers(
    text: str, triggers: Sequence[Trigger], actors: Sequence[Actor], deaths: Casualties | None
) -> list[tuple[str, Trigger]]:
    """Give every trigger of a sentence a kind, then apply ACLED precedence; one
    event per kind, in the order of the text."""
    specific = {t.kind for t in triggers if t.kind in KINDS}
    violent_specific = specific & (_VIOLENT - _PROTEST_FAMILY - {"mob_violence"})
    gathering = any(t.kind in _GATHERING for t in triggers)
    triggers = _without_grievances(text, triggers)
    if any(t.kind != "crowd" for t in triggers):
        # ACLED's crowd tag ends a note: it marks a gathering, not this sentence's
        triggers = [t for t in triggers if t.kind != "crowd"]
    typed: list[tuple[str, Trigger]] = []
    for t in triggers:
        if t.kind in _HARM:
            continue
        kind = _type_one(t, text, triggers, actors, deaths, violent_specific, gathering)
        if kind and all(k != kind for k, _ in typed):
            typed.append((kind, t))
    harm = [t for t in triggers if t.kind in _HARM]
    if harm and not violent_specific:
        violence = _violence_event(text, harm, actors, deaths)
        if violence is not None and all(k != violence[0] for k, _ in typed):
            typed.append(violence)
            typed.sort(key=lambda kt: kt[1].start)
    return _precedence(text, typed, triggers, actors, deaths)


def _without_grievances(text: str, triggers: Sequence[Trigger]) -> Sequence[Trigger]:
    """``triggers`` less those that tell what a protest was about: "protested against
    the arrest of ...", "to protest the killing of ...", "over the murder of ..."."""
    protests = [t for t in triggers if t.kind == "protest"]
    if not protests:
        return triggers
    kept = []
    for t in triggers:
        if t.kind not in _GRIEVANCE_KINDS:
            kept.append(t)
            continue
        before = [p for p in protests if p.start < t.start]
        if any(
            _GRIEVANCE.search(text, max(0, p.start - 40), t.start) and t.start - p.end < 90
            for p in before
        ):
            continue
        after = [p for p in protests if p.start > t.end]
        if any(_GRIEVANCE_FIRST.search(text, 0, t.start) for _ in after[:1]):
            continue  # "Following the murder of a lawyer, residents protested"
        kept.append(t)
    return kept


def _violence_event(
    text: str, harm: Sequence[Trigger], actors: Sequence[Actor], deaths: Casualties | None
) -> tuple[str, Trigger] | None:
    """The one act of violence a sentence's generic triggers tell ("attacked the base,
    killing 141", "were shot and wounded"), typed by its first named agent and victim."""
    agent = victim = None
    for t in harm:
        a, v = _roles(text, t, actors)
        agent = agent or a
        victim = victim or v
    first = harm[0]
    if (first.text.lower() == "bombed" and victim != "civilian") or agent == "air":
        # forces that bomb do it from the air (ACLED); others plant the bomb
        if agent in ("state", "air"):
            return ("air_strike", first)
        if first.text.lower() == "bombed":
            return ("explosive_device", first)
    if all(t.kind == "kill" for t in harm) and agent is None and victim is None and deaths is None:
        return None  # "casualties unknown", "minor injuries reported"
    kind = _violence_kind(first, agent, victim, text, deaths)
    if kind == "armed_clash" and first.kind != "attack" and agent == "state" and victim is None:
        kind = "attack_on_civilians"
    return (kind, first) if kind else None


def _type_one(
    t: Trigger,
    text: str,
    triggers: Sequence[Trigger],
    actors: Sequence[Actor],
    deaths: Casualties | None,
    violent_specific: set[str],
    gathering: bool,
) -> str | None:
    kind: str | None = t.kind
    if t.kind in ("seize", "retake"):
        return _type_seizure(t, text, triggers, actors, deaths)
    if t.kind == "armed_clash":
        sides = _sides(text, t, actors)
        if sides and all(s in ("crowd", "civilian") for s in sides):
            return "mob_violence"  # "rival supporters clashed", "two groups clashed"
        if "crowd" in sides and "state" in sides:
            return "riot" if gathering or _PROTEST_WORDS.search(text) else "mob_violence"
        if _UNARMED_FIGHT.match(t.text) and not {"armed", "state"} & set(sides):
            return "mob_violence"  # a brawl, a scuffle: no arms, no organisation
        if t.text.lower().startswith("ambush"):
            agent, victim = _roles(text, t, actors)
            if victim == "civilian":
                return "attack_on_civilians"  # "gunmen ambushed three traders"
        background = _BACKGROUND_BEFORE.search(text, 0, t.start)
        others = {o.kind for o in triggers if o is not t and o.kind in KINDS}
        if background and others & (_VIOLENT - {"armed_clash"}):
            return None  # "... as fighting spread": the scene of another event
        if background and "displacement" in others:
            return None  # "families fled as fighting spread": the cause of a flight
        return kind
    if t.kind == "destroy":
        agent, _ = _roles(text, t, actors)
        if agent == "air":
            return "air_strike"  # "the air force destroyed a number of vehicles"
        if agent == "crowd":
            return "mob_violence"
        if _STEAL.match(t.text) and agent != "armed":
            return None  # a theft: crime, unless armed men took it (ACLED)
        if violent_specific or any(o.kind in ("harm",) for o in triggers):
            return None  # violence beats property destruction
        return "looting"
    if t.kind == "body":
        if t.text.lower().startswith("mass grave"):
            return "other_strategic"
        # ACLED codes a body found as the killing it was (an attack by an
        # unidentified actor), whatever the note says of its signs.
        return "attack_on_civilians"
    if t.kind == "territory_transfer" and _WITHDRAWAL.match(t.text):
        taken = any(o.kind in ("seize", "retake") for o in triggers)
        if not taken and not _HANDOVER.search(text):
            return "change_to_group"  # a withdrawal no one took over from: a movement (ACLED)
    if t.kind == "riot" and _ARMED_RIOT_ACT.match(t.text):
        agent, _ = _roles(text, t, actors)
        if agent in ("armed", "state", "air"):
            # "settlers vandalised cars", "militants stoned a woman": no demonstration
            return "looting" if _PROPERTY_DAMAGE.search(t.text) else "attack_on_civilians"
    if t.kind in ("protest", "crowd") and any(
        o.kind in violent_specific and o.start < t.start for o in triggers
    ):
        return None  # "suicide bombers struck a peace rally": the rally is the target
    if t.kind == "crowd":
        return "protest"
    if t.kind in _NEEDS_FORCES and not _forces_named(text, actors):
        return None  # "the board approved recruiting", "a charity was founded": no forces
    if t.kind == "displacement" and _ARMED_SUBJECT.search(text[max(0, t.start - 80) : t.start]):
        return None  # troops fleeing a battle are not displaced people
    if (
        t.kind == "displacement"
        and t.text.lower() == "displaced"
        and _DISPLACED_ADJ.match(text, t.end)
        and {o.kind for o in triggers if o.kind in KINDS} - {"displacement"}
    ):
        return None  # "a strike on a camp for displaced people"
    if t.kind == "arrest" and _CRIME.search(text) and not gathering:
        return None  # police work on crime: no political event (ACLED)
    if t.kind == "abduction" and deaths is not None and deaths.fatalities > 0:
        return "attack_on_civilians"  # ACLED: an abduction with deaths is an attack
    return kind


# Non-violent kinds whose words are everyday English ("recruiting", "signed an
# agreement", "opened a new headquarters"): an event only where forces are named.
_NEEDS_FORCES = frozenset(("change_to_group", "base_established"))


def _forces_named(text: str, actors: Sequence[Actor]) -> bool:
    return any(a.type in ("state", "nonstate") for a in actors) or bool(
        _STATE_NOUNS.search(text) or _ARMED_FORCE_NOUNS.search(text)
    )


def _type_seizure(
    t: Trigger,
    text: str,
    triggers: Sequence[Trigger],
    actors: Sequence[Actor],
    deaths: Casualties | None,
) -> str | None:
    """A seizure of territory (typed by its taker), of people (an abduction or an
    arrest), of goods (looting); or none."""
    start = clause_start(text, t.start)
    agent = _class(text[start : t.start], start, actors, "agent")
    agent_cls = agent[0] if agent else None
    passive = bool(_PASSIVE_BEFORE.search(text, start, t.start))
    if _WEAPONS_OBJECT.match(text, t.end) or (
        passive and _WEAPONS_BEFORE.search(text, start, t.start)
    ):
        return "disrupted_weapons"  # "seized weapons", "pistols and rifles were seized"
    if _PERSON_OBJECT.match(text, t.end):
        # "gunmen seized two men": people taken are abducted, or arrested by the state;
        # people "taken", "picked up", "dragged away" are abducted by whoever took them
        taken = t.text.lower().split()[0] in ("took", "taken", "picked", "whisked", "dragged")
        return "arrest" if agent_cls == "state" and not taken else "abduction"
    if passive and not _TERRITORY_OBJECT.match(text[t.end :]):
        victim = _class(text[start : t.start], start, actors, "victim")
        if victim and victim[0] in ("civilian", "armed") and t.kind == "seize":
            return "abduction"  # "two aid workers were captured"
    if _GOODS_OBJECT.match(text, t.end):
        return "looting"
    if (
        not _TERRITORY_OBJECT.match(text[t.end :])
        and not _names_place_after(text, t)
        and "control" not in t.text.lower()  # "took control of": territory whatever follows
    ):
        return None  # "seized weapons": not territory
    if _NOUN_BEFORE.search(text, 0, t.start) and _CONSEQUENCE_AFTER.match(text[t.end :]):
        return None  # "the capture of X gives the group control of ...": a consequence
    if t.text.lower() == "entered" and (
        any(o.kind in _RAID | {"base_established", "change_to_group"} for o in triggers)
        or agent_cls == "air"
    ):
        return None  # "troops entered the village and arrested ...": a raid's entry
    if t.kind == "retake" and passive:
        # "the militants were pushed back": the losers are named; the state won if they
        # were armed men
        kind = (
            "territory_regained_gov" if agent_cls in ("armed", None) else "territory_taken_nonstate"
        )
    elif t.kind == "retake":
        kind = "territory_taken_nonstate" if agent_cls == "armed" else "territory_regained_gov"
    else:
        kind = "territory_regained_gov" if agent_cls == "state" else "territory_taken_nonstate"
    if _without_fighting(text, triggers, deaths):
        return "territory_transfer"
    return kind


def _names_place_after(text: str, t: Trigger) -> bool:
    return bool(
        re.match(
            r"^\s*(?:the\s+)?(?:\w+\s+){0,3}?(?:of\s+)?(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z]",
            text[t.end :],
        )
    )


def _without_fighting(text: str, triggers: Sequence[Trigger], deaths: Casualties | None) -> bool:
    """True when a change of control is reported with no fighting (ACLED: a transfer)."""
    if _NO_FIGHT_WORDS.search(text):
        return True
    if not _NO_FIGHT.search(text) or (deaths is not None and deaths.fatalities > 0):
        return False
    if any(t.kind in ("armed_clash", "air_strike", "shelling") for t in triggers):
        return False
    return not _FIGHT.search(text)


def _precedence(
    text: str,
    typed: list[tuple[str, Trigger]],
    triggers: Sequence[Trigger],
    actors: Sequence[Actor],
    deaths: Casualties | None,
) -> list[tuple[str, Trigger]]:
    # "shelled Rafah after a soldier was captured", "protested, after the riots of the
    # week before": what came before the sentence's event is its background.
    main = [(k, t) for k, t in typed if not _in_background(text, t)]
    if main and any(k in _VIOLENT or k in _PROTEST_FAMILY for k, _ in main):
        typed = main
    kinds = {k for k, _ in typed}
    if "chemical_weapon" in kinds:  # the weapon decides: chlorine dropped by a helicopter
        typed = [(k, t) for k, t in typed if k not in _REMOTE - {"chemical_weapon"}]
    # A demonstration is one event, typed by the worst done at it.
    typed = _protest_frame(text, typed, triggers, actors, deaths)
    kinds = {k for k, _ in typed}
    # ACLED: territory changing hands by fighting is one Battles event, not a clash too;
    # a suicide bombing is not also an IED.
    if kinds & {"territory_taken_nonstate", "territory_regained_gov"}:
        typed = [(k, t) for k, t in typed if k != "armed_clash"]
    if "suicide_bombing" in kinds:
        typed = [(k, t) for k, t in typed if k not in ("explosive_device", "grenade")]
    # A weapon intercepted, defused or seized was not used (unless people died).
    if "disrupted_weapons" in kinds and not (deaths is not None and deaths.fatalities > 0):
        typed = [(k, t) for k, t in typed if k not in _REMOTE]
    # Heavy weapons fired alongside small arms: an armed clash (ACLED).
    kinds = {k for k, _ in typed}
    if (
        "shelling" in kinds
        and "air_strike" not in kinds
        and (_SMALL_ARMS.search(text) or _EXCHANGE.search(text))
    ):
        shell = next(t for k, t in typed if k == "shelling")
        typed = [(k, t) for k, t in typed if k not in ("shelling", "armed_clash")]
        typed.append(("armed_clash", shell))
        typed.sort(key=lambda kt: kt[1].start)
    # ACLED: air strikes in support of a ground battle are part of that Battles event
    # ("clashes ... backed by Russian air strikes"); strikes that follow it are not.
    battle = next((t for k, t in typed if k in BATTLES), None)
    air = next((t for k, t in typed if k == "air_strike"), None)
    if battle and air:
        lo, hi = sorted((battle, air), key=lambda t: t.start)
        if _AIR_SUPPORT.search(text, lo.end, hi.end) and not _SEQUENCE.search(
            text, lo.end, hi.start
        ):
            typed = [(k, t) for k, t in typed if k != "air_strike"]
    # ACLED: an abduction with deaths is an attack ("abducted ... found dead").
    kinds = {k for k, _ in typed}
    if "abduction" in kinds and "attack_on_civilians" in kinds:
        taken = next(t for k, t in typed if k == "abduction")
        typed = [(k, t) for k, t in typed if k not in ("abduction", "attack_on_civilians")]
        typed = sorted([*typed, ("attack_on_civilians", taken)], key=lambda kt: kt[1].start)
    # Symptoms of poisoning after a strike or shelling: a chemical weapon.
    kinds = {k for k, _ in typed}
    if kinds & {"air_strike", "shelling", "explosive_device"} and _CHEM_SYMPTOMS.search(text):
        first = next(t for k, t in typed if k in _REMOTE)
        typed = [(k, t) for k, t in typed if k not in _REMOTE]
        typed = sorted([*typed, ("chemical_weapon", first)], key=lambda kt: kt[1].start)
    # Missiles fired by aircraft are an air strike, not shelling.
    air = next((t for k, t in typed if k == "air_strike"), None)
    if air is not None and air.text.lower().startswith("by "):
        typed = [(k, t) for k, t in typed if k != "shelling"]
    # A raid to arrest people or seize arms is the arrests or the seizure (ACLED),
    # when no one was hurt.
    kinds = {k for k, _ in typed}
    if kinds & {"arrest", "disrupted_weapons"}:
        typed = [
            (k, t)
            for k, t in typed
            if not (t.kind in ("attack", "seize") and _RAID_WORDS.match(t.text))
            or (deaths is not None and deaths.fatalities > 0)
        ]
    # Violence beats non-violence: an arrest, a looting or a troop movement told
    # with violence is part of it.
    kinds = {k for k, _ in typed}
    if kinds & _VIOLENT:
        typed = [(k, t) for k, t in typed if k not in _NON_VIOLENT]
    if "disrupted_weapons" in kinds:  # weapons seized in a raid with arrests: the seizure
        typed = [(k, t) for k, t in typed if k != "arrest"]
    return typed


def _in_background(text: str, t: Trigger) -> bool:
    """True when ``t`` is in a clause that sets the scene of another: "after a
    soldier was captured", "as fighting spread", "amid clashes"."""
    start = 0
    word = ""
    for m in _CLAUSE_START.finditer(text, 0, t.start):
        start, word = m.end(), m.group().lower()
    if t.kind in ("protest", "crowd"):
        return False  # "killed after forces fired on protesters": the setting, not apart
    if word not in ("after", "as", "since", "before") or (word == "as" and t.kind != "armed_clash"):
        # "as" sets the scene of fighting ("as fighting spread"); other deeds told
        # with "as" happen at the same time ("as residents barricaded the road")
        return bool(_BACKGROUND_BEFORE.search(text, 0, t.start)) and t.kind == "armed_clash"
    return t.start - start < 60


def _protest_frame(
    text: str,
    typed: list[tuple[str, Trigger]],
    triggers: Sequence[Trigger],
    actors: Sequence[Actor],
    deaths: Casualties | None,
) -> list[tuple[str, Trigger]]:
    """A sentence's demonstration as one event: a riot when its crowd turned violent,
    excessive force when it met lethal force, an intervention when dispersed or
    arrested, else a peaceful protest. Violence a crowd did outside any protest is
    mob violence; a mob named is mob violence unless it was protesting."""
    kinds = {k for k, _ in typed}
    gathering = [t for k, t in typed if k in ("protest", "riot")] + [
        t for t in triggers if t.kind == "crowd"
    ]
    protesting = bool(kinds & {"protest"}) or any(t.kind == "crowd" for t in triggers)
    if "mob_violence" in kinds and not protesting:
        # "burnt to death by a vigilante mob": the mob's violence is one event
        return [
            (k, t)
            for k, t in typed
            if k not in _PROTEST_FAMILY
            and not (t.kind in _HARM | {"destroy"} and k != "mob_violence")
        ]
    if not (kinds & _PROTEST_FAMILY):
        return typed
    riotous = (
        "riot" in kinds
        or "mob_violence" in kinds
        or _crowd_turned_violent(text, actors)
        # clashes at a demonstration are the riot itself, unless armed men fought there
        or ("armed_clash" in kinds and protesting and not _ARMED_SIDES.search(text))
    )
    force = [t for k, t in typed if k in ("protest_with_intervention", "arrest")]
    harmed = [t for k, t in typed if k in ("attack_on_civilians", "armed_clash", "excessive_force")]
    if not gathering and not riotous:
        # Force with no gathering named ("police fired tear gas in the market"):
        # an intervention still (ACLED codes the crowd it met).
        gathering = force
    lethal = bool(_LETHAL.search(text)) or (deaths is not None and deaths.fatalities > 0)
    if riotous:
        kind = "riot"
    elif (harmed or force) and lethal:
        agent = _roles(text, (harmed or force)[0], actors)[0]
        if agent == "armed":
            # armed men, not the state, firing on a crowd: an attack on civilians (ACLED)
            return [(k, t) for k, t in typed if k not in _PROTEST_FAMILY]
        kind = "excessive_force"
    elif harmed or force:
        kind = "protest_with_intervention"  # dispersed, arrested, beaten without serious harm
    else:
        kind = "protest"
    absorbed = _PROTEST_FAMILY | {"arrest", "mob_violence", "attack_on_civilians", "looting"}
    if kind != "protest":
        absorbed |= {"armed_clash"}
    first = min((t for k, t in typed if k in absorbed | _PROTEST_FAMILY), key=lambda t: t.start)
    rest = [(k, t) for k, t in typed if k not in absorbed]
    return sorted([(kind, first), *rest], key=lambda kt: kt[1].start)


def _crowd_turned_violent(text: str, actors: Sequence[Actor]) -> bool:
    """True when a crowd is the one storming, burning or clashing in ``text``
    ("protesters stormed the council"), not the police ("police attacked protesters")."""
    gatherings = [m.start() for m in _PROTEST_WORDS.finditer(text)]
    for m in _RIOT_CUES.finditer(text):
        start = clause_start(text, m.start())
        agent = _class(text[start : m.start()], start, actors, "agent")
        grievance = next(
            (
                g
                for g in gatherings
                if g < m.start() and _GRIEVANCE.search(text, g, m.start()) and m.start() - g < 120
            ),
            None,
        )
        if grievance is not None and (
            agent is None or agent[0] != "crowd" or _RELATIVE.search(text, grievance, m.start())
        ):
            continue  # "demanding the arrest of people who set fire to crops": a grievance
        if agent is not None and agent[0] == "crowd":
            return True
        if agent is None and any(start <= g < m.start() for g in gatherings):
            return True  # "demonstrations turned violent"
    return False


def escalate_protests(
    kinds: Sequence[tuple[int, int, str]], window: int, texts: Sequence[str] = ()
) -> list[str]:
    """The kinds of a report's events, each given as (paragraph, sentence, kind),
    after a demonstration told over several sentences is typed by the worst done
    at it: "Residents protested ... Police dispersed them with tear gas." is one
    protest with intervention; an arrest told right after a protest is its
    intervention.

    ``texts`` are the events' sentences (for arrests: whether they tell of the crowd).

    >>> escalate_protests([(0, 0, "protest"), (0, 1, "protest_with_intervention")], 2)
    ['protest_with_intervention', 'protest_with_intervention']
    """
    out = [k for _, _, k in kinds]
    # An arrest joins a protest when its sentence is about the crowd ("seven of the
    # protesters were arrested"), not about the man they protested for.
    of_crowd = {j for j, text in enumerate(texts) if _CROWD_REFERENCE.search(text)}
    for para, sent, kind in kinds:
        if kind not in _PROTEST_FAMILY:
            continue
        group = [
            j
            for j, (p, s, k) in enumerate(kinds)
            if p == para
            and abs(s - sent) <= window
            and (k in _PROTEST_FAMILY or (k == "arrest" and s > sent and j in of_crowd))
        ]
        worst = max(
            (out[j] for j in group if out[j] in PROTEST_RANK),
            key=PROTEST_RANK.__getitem__,
        )
        arrested = any(out[j] == "arrest" for j in group)
        if arrested and PROTEST_RANK[worst] < PROTEST_RANK["protest_with_intervention"]:
            worst = "protest_with_intervention"
        for j in group:
            out[j] = worst
    return out
