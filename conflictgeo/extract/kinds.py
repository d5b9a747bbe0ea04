"""Event kinds, their ACLED codes, and the trigger lexicon that finds them.

Triggers cover all 25 ACLED sub-event types (``taxonomy.py``); generic ones
("attacked", "shot", "seized", "torched") are typed by who did what to whom in
:mod:`conflictgeo.extract.subtypes`. They are word-boundary regexes compiled
once at import; a trigger preceded by negation, denial, a threat, a plan, a
call, a condition or the future tense is dropped, and so is one followed by a
modal ("warplanes will continue to ..."); a denial covers the rest of its
clause. So is a deed the sentence names as a cause, a claim or an accusation
("in retaliation for a rocket attack", "claimed responsibility for the
bombing", "a man accused of murder"), and a death, blast or fire a disaster or
an illness explains. Patterns are tried in list order and every match claims
its text, so a specific phrase ("barrel bombs", "missile strike", "defused a
roadside bomb") is never read again by a generic one ("bomb", "strike"); one
trigger per kind.
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

    kind: str  # a KINDS name, or a generic kind typed later (see _PATTERNS)
    start: int
    end: int
    text: str
    strong: bool


# (kind, strong, regex). Generic kinds ("attack", "kill", "harm", "seize", "retake",
# "destroy", "body", "crowd") are typed by the event builder from the actors and
# victims around them (conflictgeo.extract.subtypes).
_PATTERNS: list[tuple[str, bool, tuple[str, ...]]] = [
    (
        "chemical_weapon",
        True,
        (
            r"chemical (?:weapons?|attacks?|agents?|munitions?|gas|strikes?|bombs?|shells?)"
            r"(?! (?:facilit(?:y|ies)|sites?|stockpiles?|programmes?|programs?|depots?|plants?|"
            r"arsenals?|convention|inspectors?))",
            r"chlorine(?: gas)? (?:bombs?|barrels?|canisters?|attacks?|shells?|rockets?)",
            r"(?:used|dropped|fired|released) (?:[\w-]+ ){0,3}?(?:chlorine|toxic gas|"
            r"poison(?:ous)? gas|nerve agents?)",
            r"sarin",
            r"mustard gas",
            r"nerve (?:agents?|gas)",
            r"(?:toxic|poison(?:ous)?) gas (?:attacks?|bombs?|shells?|rockets?)",
            r"(?:with|containing|loaded with|filled with|stuffed with) (?:[\w-]+ ){0,3}?"
            r"(?:chlorine|poison(?:ous)? gas|toxic gas|sarin|nerve agents?)",
            r"poison(?:ous)? gas(?! leaks?)",
            r"chlorine gas(?! leaks?)",
            r"gas attacks?",
        ),
    ),
    (
        "suicide_bombing",
        True,
        (
            r"suicide (?:(?:car|truck|vehicle|motorcycle|belt) )?"
            r"(?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|vests?|blasts?)",
            r"suicide (?:[\w-]+ ){1,3}?(?:explosive devices?|ieds?|car bombs?)",
            r"svbieds?",
            r"blew (?:himself|herself|themselves) up",
            r"killing (?:himself|herself|themselves)",
            r"detonated (?:his|her|their) (?:explosive )?(?:vests?|belts?)",
            r"explosive (?:vests?|belts?)",
        ),
    ),
    # Before the weapons themselves: "defused a roadside bomb", "intercepted two
    # missiles", "seized explosives" are an attack prevented, not one made.
    (
        "disrupted_weapons",
        True,
        (
            r"(?:defus|dismantl|neutrali[sz]|deactivat|disarm)(?:ed|ing|es|e) (?:[\w-]+ ){0,4}?"
            r"(?:bombs?|ieds?|devices?|explosives?|mines?|landmines?|charges?|booby[- ]traps?|"
            r"shells?|rockets?|vests?|belts?)",
            r"defused",
            r"(?:destroyed|cleared|removed|demined) (?:[\w,-]+ ){0,4}?(?:landmines|mines|ieds|"
            r"improvised explosive devices|explosive devices|unexploded)",
            r"(?:bombs?|ieds?|devices?|explosives?|mines?|landmines?) (?:[\w-]+ ){0,6}?"
            r"(?:was|were|had been|have been|has been) (?:\w+ )?(?:defused|dismantled|"
            r"neutrali[sz]ed|deactivated|found|discovered|recovered|seized|removed|cleared|"
            r"made safe|detonated safely|safely detonated)",
            r"intercept(?:ed|ing|s)? (?:[\w-]+ ){0,6}?(?:missiles?|rockets?|drones?|projectiles?|"
            r"uavs?|shells?|weapons|arms|explosives|ammunition|guns|firearms)",
            r"(?:missiles?|rockets?|drones?|projectiles?|uavs?) (?:[\w-]+ ){0,5}?(?:were |was )?"
            r"(?:intercepted|shot down|downed)",
            r"shot down (?:[\w-]+ ){0,3}?(?:drones?|uavs?|missiles?|rockets?|projectiles?)",
            r"(?:air|missile) defen[cs]es? (?:[\w-]+ ){0,2}?(?:intercepted|shot down|downed|"
            r"destroyed|repelled)",
            r"(?:seiz|confiscat|recover|impound|found|discover|uncover|unearth|foun)(?:ed|ing)? "
            r"(?:[\w,-]+ ){0,6}?(?:weapons?|arms|ammunition|ammo|explosives?|ieds?|bombs?|"
            r"firearms?|guns?|rifles?|pistols?|revolvers?|grenades?|rounds of|cartridges|"
            r"munitions?|detonators?|caches?|arsenals?|stockpiles?)",
            r"(?:weapons?|arms|ammunition|explosives?|firearms?|guns?|rifles?|pistols?|"
            r"munitions?|grenades?) (?:[\w-]+ ){0,4}?(?:were|was|have been|has been) "
            r"(?:\w+ )?(?:seized|confiscated|recovered|found|discovered|impounded|intercepted)",
            r"(?:weapons?|arms|ammunition) (?:caches?|depots?|dumps?|stockpiles?)",
            r"stash(?:es)? of (?:[\w-]+ ){0,3}?(?:weapons|arms|ammunition|explosives|projectiles|"
            r"rockets|mines|bombs)",
            r"(?:foiled|thwarted|averted) (?:[\w-]+ ){0,4}?(?:attacks?|bombings?|plots?|"
            r"attempts? to (?:attack|bomb|blow)|suicide)",
            r"controlled (?:explosion|detonation)",
            r"bomb (?:disposal|squad)",
        ),
    ),
    # Force used on a crowd (ACLED Protest with intervention), before "grenade":
    # a stun grenade thrown into a crowd is no grenade attack.
    (
        "protest_with_intervention",
        True,
        (
            r"tear[- ]?gas(?:sed|sing)?",
            r"dispers(?:ed|e|es|ing|al)",
            r"rubber(?:-coated)? bullets",
            r"water cannons?",
            r"(?:baton|lathi)[- ]?charg(?:ed|es|e|ing)",
            r"(?:fired|shot|shooting|firing) (?:[\w-]+ ){0,3}?(?:in|into) the air",
            r"warning shots",
            r"(?:stun|sound|flash) (?:grenades?|bombs?)",
            r"pepper spray",
            r"batons?",
            r"intervened",
            r"(?:stopped|halted|blocked) (?:a |the )?(?:[\w-]+ ){0,2}?(?:demonstrations?|protests?|"
            r"march(?:es)?|rall(?:y|ies)|sit-ins?)",
            r"(?:removed|evicted|dragged away|forced out) (?:the |some )?(?:protesters|"
            r"demonstrators|crowds?|strikers)",
            r"(?:protesters|demonstrators) were (?:\w+ )?(?:removed|evicted|dragged away|"
            r"forced out)",
            r"(?:crack(?:ed)? down|crackdown|suppress(?:ed|ing)?) (?:on )?(?:the |a )?"
            r"(?:[\w-]+ ){0,3}?(?:protests?|protesters|demonstrat\w+|gatherings?|rall(?:y|ies)|"
            r"crowds?|march(?:es)?|sit-ins?)",
            r"broke up (?:the |a )?(?:[\w-]+ ){0,2}?(?:protests?|demonstrations?|gatherings?|"
            r"rall(?:y|ies)|crowds?|sit-ins?|march(?:es)?)",
        ),
    ),
    (
        "grenade",
        True,
        (r"(?<!propelled )(?:hand[- ])?grenades?(?! launchers?)(?: attacks?)?",),
    ),
    # Explosions heard or counted from afar, of no named device: fire from a
    # distance (ACLED codes them as shelling), before the devices' "explosions".
    (
        "shelling",
        True,
        (
            r"(?:observed|heard|recorded|registered|counted|reported) (?:a total of |at least )?"
            r"(?:\d+ |several |many |dozens of |multiple |a series of )?(?:[\w/-]+ ){0,2}?"
            r"explosions",
        ),
    ),
    (
        "explosive_device",
        True,
        (
            r"(?:roadside|car|truck|parcel|sticky|magnetic|motorcycle) bombs?",
            r"ieds?",
            r"vbieds?",
            r"improvised explosive(?: devices?)?",
            r"land ?mines?",
            r"(?:anti-?(?:tank|personnel)) mines?",
            r"(?:stepped on|hit|struck|drove over) an? (?:[\w-]+ )?mine",
            r"mine (?:exploded|blast|explosion|went off)",
            r"explosive devices?",
            r"unexploded (?:ordnance|munitions?|bombs?|shells?|devices?|rockets?|mines?)",
            r"uxos?",
            r"(?:remnants?|leftovers?) of (?:the )?war",
            r"(?:ordnance|munitions?) (?:exploded|went off|blew up)",
            r"bomb (?:blast|exploded|went off)",
            r"(?:car|vehicle|truck|motorcycle)s? (?:packed|laden|rigged|loaded|filled)"
            r" with explosives",
            r"booby[- ]?trap(?:ped|s)?",
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
            r"helicopter gunships?",
            r"barrel bombs?",
            r"(?:drone|uav) (?:strikes?|attacks?)",
            r"(?:drones?|uavs?) (?:[\w-]+ ){0,5}?(?:struck|hit|targeted|attacked|bombed)",
            r"(?:aircraft|warplanes?|jets?|helicopters?|planes?) (?:[\w-]+ ){0,2}?"
            r"(?:struck|bombed|hit|pounded|targeted|attacked|raided|shelled)",
            r"dropped (?:[\w-]+ ){0,4}?bombs?",
            r"drones? (?:struck|hit|targeted)",
            r"aerial (?:bombardment|attacks?|strikes?)",
            r"bombed from the air",
            # "fired by Israeli jets", not "backed by coalition jets" (support of a battle)
            r"(?<!backed )(?<!supported )(?<!covered )(?<!aided )(?<!assisted )"
            r"(?<!accompanied )by (?:[\w-]+ ){0,2}?(?:jets|warplanes|fighter planes|aircraft|"
            r"helicopters|drones)",
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
            r"(?:fired|launched|lobbed) (?:\w+ ){0,3}?(?:missiles?|rockets?(?![ -]propelled)|"
            r"projectiles?)",
            r"(?:firing|launch(?:ing)?) of (?:[\w-]+ ){0,3}?(?:missiles?|rockets?|shells|"
            r"mortars?|projectiles?)",
            r"grads?|katyushas?",
            r"(?:ballistic |cruise )?missiles? (?:landed|fell|slammed|exploded|killed|destroyed)",
            r"bombard(?:ed|ing|ment)",
            r"howitzers?",
            r"(?:multiple )?rocket launchers?",
            r"(?:automatic )?grenade launchers?",
            r"tank (?:fire|shells?|rounds)",
            r"projectiles?",
        ),
    ),
    (
        "sexual_violence",
        True,
        (
            r"rap(?:ed|es|ing)",
            r"rape",
            r"gang[- ]?rap(?:ed|e|ing)",
            r"sexual(?:ly)? (?:assault(?:ed|s)?|abuse[ds]?|violence|harass(?:ed|ment)|"
            r"exploit(?:ed|ation)|attacks?)",
            r"molest(?:ed|ing|ation)",
            r"defil(?:ed|ement|ing)",
        ),
    ),
    # A crowd that beats or kills someone (ACLED Riots / Mob violence).
    (
        "mob_violence",
        True,
        (
            r"(?-i:[Ll]ynch(?:ed|ing)|lynch(?:es)?)",  # not "Lynch", a name
            r"(?:mob|jungle|street) justice",
            r"vigilantes?",
            r"mobs?",
        ),
    ),
    # Violence by demonstrators (ACLED Riots / Violent demonstration), before the
    # protest words: "protesters threw stones" is the riot.
    (
        "riot",
        True,
        (
            r"riot(?:s|ed|ing|ers)?(?! (?:police|policem[ae]n|gear|squads?|control|officers|"
            r"shields|units?|troops|forces))",
            r"(?:burn(?:ed|t|ing)?|set fire to|lit|torched) (?:\w+ ){0,2}?(?:tyres|tires)",
            r"(?:threw|throws?|throwing|hurled|hurling|pelted|pelting) (?:[\w-]+ ){0,3}?"
            r"(?:stones|rocks|bricks|bottles|petrol bombs|molotov cocktails|fire ?bombs|objects|"
            r"projectiles)",
            r"stone[- ]?(?:pelting|throwing|throwers|pelters)",
            r"(?:stones?|rocks|bottles|projectiles|objects|missiles|bricks) "
            r"(?:was |were |being |had been )?(?:thrown|hurled)",
            r"(?:fired|fire|firing|threw|throwing|set off|launched) (?:\w+ )?"
            r"(?:firecrackers|fireworks|flares)",
            r"violent(?:ly)? (?:\w+ )?(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|"
            r"gatherings?|crowds?)",
            r"turned (?:violent|chaotic|ugly)",
            r"degenerated into",
            r"pelted",
            r"stoned",
            r"molotov cocktails?",
            r"petrol bombs?",
            r"running battles?",
            r"rampag(?:e|ed|ing)",
            r"vandali[sz](?:ed|ing|m)",
            r"barricad(?:ed|es|ing)(?! (?:himself|herself|themselves))",
            r"(?:pull(?:ed)?|tore|tear|tearing|pulling) down (?:[\w-]+ ){0,3}?"
            r"(?:walls?|gates?|fences?|barriers?|statues?|posters?|flags?)",
            r"(?:broke|broken|forced (?:their|its) way) into",
            r"breach(?:ed|ing) (?:the |a )?(?:[\w-]+ ){0,2}?(?:doors?|gates?|fences?|barriers?|"
            r"perimeter|cordon)",
        ),
    ),
    (
        "protest",
        True,
        (
            # protesters as the subject of what they did, not as victims ("fire on protesters")
            r"(?:protesters|demonstrators) (?:\w+ ){0,2}?(?:rallied|gathered|marched|blocked|"
            r"stormed|took to|burned|torched|set fire|chanted|staged|demanded|clashed|threw|"
            r"occupied|protested|poured|took part)",
            r"(?:rallied|gathered|marched|demonstrated|took to the streets) (?:[\w,'’-]+ ){0,8}?"
            r"to protest",
            r"protest(?:ed|s|ing|ers|ors?)?",
            r"counter-protest(?:s|ers)?",
            r"demonstrat(?:ed|ing|ions?|ors?|es?)(?! (?:that|how|its|their|his|her|the ability|of|"
            r"a commitment|support for|solidarity with)\b)",
            r"rall(?:y|ies) (?:against|in protest|in support of|outside|in front of|to)",
            r"(?:held|staged|organi[sz]ed|joined|took part in) (?:an? |the )?(?:[\w-]+ ){0,2}?"
            r"(?:march(?:es)?|rall(?:y|ies)|sit-ins?|vigils?)",
            r"rallied",
            # not "March", a month
            r"(?:[Mm]arched|(?-i:march(?:es)?)) (?:\w+ ){0,2}?(?:to|through|in|on|from|against|"
            r"towards?|peacefully|along|around|for)",
            r"sit-ins?",
            r"picket(?:ed|ing|s)?",
            r"boycott(?:ed|ing)",
            r"hunger strikes?",
            r"took to the streets?",
            r"(?:went|go|goes|came|come|poured) (?:down |out )?(?:in|into|to|on|onto) the streets?",
            r"chant(?:ed|ing)",
            r"(?:gathered|assembled|converged) (?:[\w,'’-]+ ){0,8}?(?:to (?:demand|denounce|"
            r"protest|condemn|express|call for|press|oppose|reject|commemorate|voice|decry)|"
            r"in (?:protest|support|solidarity)|against)",
            r"blocked (?:[\w-]+ ){0,3}?(?:roads?|streets?|highways?|traffic|entrances?|"
            r"the (?:entrance|access|road|highway|street|gates?|junction))",
        ),
    ),
    (
        "armed_clash",
        True,
        (
            r"clash(?:es|ed)?",
            # not "fighting cancer", "fighting for rights" (but "fighting for control")
            r"fighting(?! (?:cancer|fires?|crime|corruption|poverty|disease|illness|the virus|"
            r"to\b|for (?!control)))",
            r"gun ?battles?",
            r"gun ?fights?",
            r"shoot-?outs?",
            r"fierce battles?",
            r"battles? (?:for|over|between|with)",
            r"battled",
            r"fought(?! (?:to\b|for (?!control)|off (?:cancer|illness)))",
            r"fire ?fights?",
            r"skirmish(?:es|ed)?",
            # fights without weapons: typed by their sides (a crowd's are mob violence)
            r"fist ?-?fights?",
            r"brawls?",
            r"scuffles?",
            r"fights? broke out",
            r"melee",
            r"battl(?:e|es|ing) (?:\w+ ){0,3}?(?:raiders|militants|fighters|rebels|gunmen|police|"
            r"troops|soldiers|protesters|bandits|insurgents|forces|militias?|attackers|rioters|"
            r"demonstrators|youths)",
            r"engaged (?:in (?:combat|battle|fighting) with )?(?:the )?(?:[\w-]+ ){0,3}?"
            r"(?:fighters|militants|rebels|insurgents|gunmen|troops|soldiers|forces|militias?|"
            r"positions|raiders|bandits)",
            r"exchang(?:ed?|es|ing) (?:of )?(?:gun)?fire",
            r"exchang(?:ed?|es|ing) (?:of )?(?:gun ?)?shots",
            r"returned fire",
            r"ambush(?:ed)?",
            r"(?:repelled|repulsed) (?:an? |the )?(?:[\w-]+ ){0,2}?"
            r"(?:attacks?|assaults?|offensives?|advances?)",
            r"(?:were |was )?(?:repelled|repulsed)",
            r"(?:launched|engaged in|mounted|carried out) (?:an? |the )?(?:[\w-]+ ){0,2}?"
            r"(?:offensives?|assaults?|counter-?attacks?|counter-?offensives?)",
        ),
    ),
    (
        "seize",
        True,
        (
            r"seiz(?:ed|ing|es|e)",
            r"captur(?:ed|ing|es|e)",
            r"took (?:full |complete )?control (?:by force )?(?:of|over)",
            r"taken (?:the )?(?:full |complete )?control (?:of|over)",
            r"(?:seized|gained|wrested|grabbed|assumed) (?:full |complete )?control (?:of|over)",
            r"controll(?:ed|ing) the (?:entire|whole) ",
            r"took over",
            r"overr?an",
            r"overrun",
            # "took the last Nusra Front positions": only with a territory object
            r"took (?=(?:the |its |their )?(?:[\w-]+ ){0,4}?(?:positions?|villages?|towns?|"
            r"bases?|hills?|checkpoints?|districts?|neighbou?rhoods?)\b)",
            r"(?<!re-)entered",
            r"(?:drove|pushed|expelled|ousted) (?:[\w-]+ ){0,4}?(?:out of|from)",
            r"(?:took|taken|picked up|whisked|dragged) (?:away )?(?=(?:at least |some |about )?"
            r"(?:[\w-]+ ){0,3}?(?:people|men|women|persons|civilians|children|activists|students|"
            r"youths|villagers|residents)\b)",
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
            r"pushed back",
            r"recover(?:ed|ing) (?=(?:the |all )?(?:[\w-]+ ){0,2}?(?:regions?|areas?|territor\w+|"
            r"towns?|villages?|positions?|control)\b)",
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
        "base_established",
        True,
        (
            r"(?:set up|sets up|setting up|established|establish(?:ing|es)?|built|building|"
            r"erected|constructed|opened|installed) (?:an? |the |its |their )?(?:[\w-]+ ){0,3}?"
            r"(?:bases?|headquarters|hqs?|outposts?|(?:military|observation|security|army|police)"
            r" (?:posts?|points?|checkpoints?|positions?)|command (?:centres?|centers?|posts?)|"
            r"military camps?|training camps?)(?! for\b)",
        ),
    ),
    (
        "change_to_group",
        True,
        (
            r"reinforcements?",
            r"reinforc(?:ed|ing|es) (?:[\w-]+ ){0,3}?(?:positions?|troops|forces|presence|units?|"
            r"lines|defen[cs]es)",
            r"(?:deployed|dispatched|sent|moved|redeployed|relocated|forwarded|mobili[sz]ed|"
            r"massed|amassed|brought in) (?:[\w-]+ ){0,4}?(?:troops|soldiers|forces|fighters|"
            r"units?|tanks|military (?:vehicles|equipment|convoys?)|personnel|militiamen|"
            r"police(?:men)?|officers|gunmen|militants|commandos|armou?red vehicles|"
            r"heavy weapons|artillery pieces|paratroopers|marines)",
            r"(?:troops|soldiers|forces|fighters|units?|police(?:men)?|officers|personnel) "
            r"(?:[\w-]+ ){0,3}?(?:were|was|have been|has been|had been) (?:\w+ )?(?:deployed|"
            r"dispatched|sent|moved|redeployed|mobili[sz]ed)",
            r"military (?:build-?up|convoys?|drills?|manoeuvres|maneuvers|exercises)",
            r"curfews?",
            r"(?:increased|intensified|stepped up|boosted|reinforced) (?:\w+ ){0,2}?(?:patrols|"
            r"security|presence|deployments?)",
            r"(?:armed men|gunmen|militants|fighters|insurgents|jihadists|members of (?:[\w-]+ )"
            r"{0,4}?(?:group|militia)) (?:[\w-]+ ){0,6}?(?:were|was) (?:\w+ )?(?:spotted|seen|"
            r"observed|sighted)",
            r"(?:spotted|sighted|observed) (?:about |some |around |dozens of )?(?:[\w-]+ ){0,3}?"
            r"(?:armed men|gunmen|militants|fighters|insurgents|jihadists)",
            r"recruit(?:ed|ing|ment)",
            r"fortif(?:y|ied|ying|ies|ications?)",
            r"dug (?:\w+ ){0,2}?(?:trenches|tunnels|berms|ditches)",
            r"defect(?:ed|ions?|ors?|ing)",
            r"(?:announced|declared) (?:the |its |their )?(?:formation|creation|merger|"
            r"dissolution|establishment)",
            r"merged (?:with|into)",
            r"(?:was|were|been) (?:\w+ )?(?:formed|founded|dissolved|disbanded|renamed)",
            r"handed (?:themselves|himself|herself) over",
            r"(?:troops|forces|positions|units|defen[cs]es|lines) (?:have been|has been|were|was|"
            r"had been) reinforced",
            r"(?:moving|redeploying|redeployed|mobili[sz]ing) (?:[\w-]+ ){0,3}?(?:troops|forces|"
            r"soldiers|fighters|units|tanks)",
            r"redeploy(?:ed|ing|ment)",
            r"mobili[sz](?:ed|ing|ation)",
            r"(?:conducted|carried out|launched|began|started) (?:an? |the )?(?:[\w-]+ ){0,3}?"
            r"(?:patrols?|search(?:es)? operations?|sweeps?|cordon|combing operations?|"
            r"mop-?up operations?|security operations?|clearance operations?)",
            r"patroll?(?:ed|ing)",
            r"joint patrols?",
            r"(?:beef|beefed|step|stepped|tighten|tightened) up (?:the )?(?:security|patrols|"
            r"presence|deployment)",
            r"security (?:was|has been|had been) (?:beefed|stepped|tightened) up",
            r"deploy(?:ed|ing)",
            r"(?:created|formed|launched|founded) (?:an? |the |their |its )?(?:[\w-]+ ){0,3}?"
            r"(?:militias?|armed groups?|brigades?|battalions?|(?:self-defen[cs]e|vigilante) "
            r"(?:groups?|forces?|units?)|coalitions?|alliances?)",
        ),
    ),
    (
        "agreement",
        True,
        (
            r"cease-?fires?(?! violations?| breach(?:es)?)",
            r"truces?",
            r"peace (?:deals?|agreements?|accords?|treat(?:y|ies)|pacts?|plans?)",
            r"(?:signed|reached|concluded|brokered|agreed) (?:an? |the |on )?(?:[\w-]+ ){0,3}?"
            r"(?<!trade )(?<!economic )(?<!business )(?<!plea )(?:agreements?|accords?|pacts?|"
            r"memorandums?)",
            r"prisoners? (?:exchanges?|swaps?|releases?)",
            r"in exchange for",
            r"(?:as part of|under the terms of) (?:an? |the )?(?:[\w-]+ ){0,2}?(?:deal|agreement|"
            r"truce|ceasefire)",
            r"peace (?:talks|negotiations)",
            r"surrender(?:ed|s)? to",
            r"(?:reached|brokered|signed|concluded) (?:an? |the )?(?:[\w-]+ ){0,2}?deals?",
            r"(?:release|exchange|swap) of (?:[\w-]+ ){0,3}?(?:prisoners|detainees|captives|"
            r"hostages)",
            r"(?:exchanged|swapped|released|freed) (?:[\w-]+ ){0,3}?(?:prisoners|detainees|"
            r"captives|hostages)",
            r"(?:release|releasing) of (?:[\w-]+ ){0,3}?(?:soldiers|fighters|rebels|militants)",
            r"agreed (?:on |to )?(?:an? |the )?(?:[\w-]+ ){0,2}?(?:ceasefire|truce|withdrawal|"
            r"exchange|handover|de-?escalation)",
        ),
    ),
    (
        "arrest",
        True,
        (
            r"arrest(?:ed|s|ing)?(?! warrants?)",
            r"detain(?:ed|ing|s)?",
            r"detention(?! (?:centres?|centers?|camps?|facilit(?:y|ies)))",
            r"apprehend(?:ed|ing|s)?",
            r"rounded up",
            r"taken into custody",
            r"took (?:\w+ ){0,3}?into custody",
            r"nabbed",
        ),
    ),
    (
        "attack_on_civilians",
        True,
        (
            r"massacre[ds]?",
            # not a court's "his execution" (a sentence carried out or put off)
            r"execut(?:ed|ing)",
            r"(?<!his )(?<!her )(?<!their )execution(?! (?:date|warrant|order|stay))s?",
            r"targeted civilians",
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
            r"held hostage",
            r"hostage[- ]taking",
            r"taken captive",
            r"forcibly disappeared",
            r"forced disappearances?",
        ),
    ),
    # Violence against people, typed by who did it to whom: civilians (Attack),
    # armed men (Armed clash), by a crowd (Mob violence), at a protest.
    (
        "harm",
        True,
        (
            r"shot (?:dead|and killed|to death)",
            r"gunned down",
            r"guns? down",
            r"neutrali[sz](?:ed|ing) (?:[\w-]+ ){0,3}?(?:militants|terrorists|fighters|insurgents|"
            r"gunmen|rebels|members)",
            r"murder(?:ed|s|ing)?",
            r"assassinat(?:ed|ion|ions|e|es|ing)",
            r"behead(?:ed|ing|ings)",
            r"decapitat(?:ed|ing|ion)",
            r"(?:beat|beaten|stabbed|burn(?:ed|t)|stoned|strangled|hacked|clubbed|bludgeoned|"
            r"lynched) (?:\w+ ){0,3}?to death",
            r"burn(?:ed|t) (?:\w+ ){0,2}?alive",
            r"tortur(?:ed|ing|e)",
            r"stab(?:bed|bing|bings|s)",
            r"hack(?:ed|ing)",
            r"slash(?:ed|ing)",
            # beaten people, not a beaten team or "the beat" of a song
            r"beat(?:en|ings)",
            r"beat (?:up|to death)",
            r"beat (?=(?:[\w-]+ ){0,2}?(?:him|her|them|men|women|man|woman|people|protesters|"
            r"demonstrators|civilians|residents|villagers|boys?|girls?|child(?:ren)?|students|"
            r"journalists|prisoners|detainees|suspects?|youths?|workers|farmers|traders)\b)",
            # "beat three Palestinians", "beat Palestinians"; not "beat the odds", "beat Ismaili"
            r"beat (?=(?:a|an) (?!(?:record|deadline|rival|team|champion|side|heat|rush|clock)\b)"
            r"(?-i:[a-z]))",
            r"beat (?=(?:two|three|four|five|six|several|dozens of|\d+) (?!(?:goals?|points?|runs?|"
            r"times|teams|rivals)\b))",
            r"beat (?=(?-i:[A-Z][a-z]+(?:ians|ans|is|ese|ers)\b))",
            r"whipp(?:ed|ing)(?! (?:in|up)\b)",
            r"flogg(?:ed|ing)",
            r"(?<!sexually )assault(?:ed|s|ing)?",
            r"shot(?! ?gun)",
            r"shoot(?:s|ing|ings)?(?! for\b| (?:footage|a film|film|scenes|videos?|photos?|"
            r"pictures|hoops))",
            r"gunshots?",
            r"gunfire",
            r"killings?",
            r"kill(?:s|ing)?",
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
            # not "left a man dead": a toll
            r"(?:families|residents|civilians|villagers|inhabitants) (?:have )?left"
            r"(?! (?:[\w-]+ ){0,4}?(?:dead|injured|wounded|hurt)\b)",
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
    # Property looted, burned or destroyed: looting, unless people were harmed or a
    # crowd did it (then a riot or mob violence).
    (
        "destroy",
        True,
        (
            r"loot(?:ed|ing|s)?",
            r"pillag(?:ed|ing|e)",
            r"plunder(?:ed|ing)?",
            r"made (?:away|off) with",
            r"ransack(?:ed|ing)?",
            r"torch(?:ed|ing)",
            r"set (?:[\w-]+ ){0,4}?(?:on fire|ablaze|alight)",
            r"set fire to",
            r"arson",
            r"(?:burn(?:ed|t)|razed|destroyed|demolished|bulldozed|vandali[sz]ed|damaged) "
            r"(?:down )?(?:[\w-]+ ){0,4}?(?:homes?|houses?|huts?|shops?|buildings?|"
            r"propert(?:y|ies)|vehicles?|cars?|offices?|stalls?|granar(?:y|ies)|crops|farms?|fields?|schools?|"
            r"churche?s?|mosques?|villages?|dwellings?|structures?|businesses|markets?|trucks?|"
            r"buses|motorbikes?|motorcycles?|stations?|equipment|towers?|masts?|shrines?|"
            r"tents?|kiosks?|gates?|fences?|ballot (?:boxes|papers)|polling (?:stations?|"
            r"materials?)|(?:election |electoral )?materials|farmland|lands?|airstrips?|"
            r"checkpoints?|posts?|booths?|warehouses?|depots?|pylons?|bridges?|wells?)",
            r"(?:homes?|houses?|huts?|shops?|buildings?|propert(?:y|ies)|vehicles?|cars?|offices?|"
            r"stalls?|churche?s?|mosques?|schools?|dwellings?) (?:[\w-]+ ){0,4}?(?:were|was|"
            r"have been|has been) (?:\w+ )?(?:looted|torched|burn(?:ed|t)|razed|destroyed|"
            r"demolished|vandali[sz]ed|set (?:on fire|ablaze|alight)|ransacked)",
            r"(?:stole|stolen|steal(?:ing|s)?)",
            r"rustl(?:ed|ing|ers?)",
        ),
    ),
    (
        "body",
        True,
        (
            r"(?:bod(?:y|ies)|corpses?|remains) (?:[\w-]+ ){0,8}?(?:was|were|been|being|have been|"
            r"has been|had been) (?:\w+ )?(?:found|discovered|recovered|retrieved|exhumed|dumped|"
            r"unearthed|collected)",
            r"(?:found|discovered|recovered|retrieved|exhumed|unearthed|collected) "
            r"(?:[\w-]+ ){0,5}?(?:bod(?:y|ies)|corpses?)",
            r"found dead",
            r"(?:human )?heads? (?:[\w-]+ ){0,3}?(?:was|were) (?:found|discovered|dumped|left)",
            r"dead (?:man|woman|men|women|bod(?:y|ies)|persons?) (?:was|were) (?:found|thrown|"
            r"dumped|left)",
            r"mass graves?",
        ),
    ),
    (
        "attack",
        False,
        (
            # not "an attack on media freedom"
            r"bombed",
            r"(?<!bee )(?<!dog )(?<!shark )(?<!bear )(?<!heart )(?<!panic )(?<!cyber )"
            r"(?<!animal )(?<!asthma )attack(?:ed|s|ing)?(?! on (?:the )?(?:media|press|freedom|"
            r"free speech|democracy|(?:human )?rights|the constitution|the judiciary|sovereignty|"
            r"dignity)\b)",
            r"struck(?! (?:a |an |the )?(?:[\w-]+ ){0,2}?(?:deal|agreement|chord|balance|note|pose|"
            r"tone|gold|oil|bargain|match|partnership)\b)",
            r"raid(?:ed|s|ing)?",
            r"stormed",
            r"opened fire",
            r"fired (?:[\w,/-]+ ){0,12}?(?:at|on|upon|into|towards?)",
            r"fired (?:\w+ ){0,3}?shots",
            r"shots (?:were |had been )?(?:fired|rang out)",
            r"charged at",
            r"(?:came|come|comes|was|were) under (?:attack|fire)",
            r"invaded",
            r"targeted",
        ),
    ),
    (
        "kill",
        False,
        (
            r"killed",
            r"dead",
            r"died",
            r"deaths?",
            r"injur(?:ed|ing|ies|y)",
            r"wound(?:ed|ing|s)",
            r"casualties",
        ),
    ),
    # ACLED's crowd-size tag ("[size=hundreds]"): a note about a gathering.
    ("crowd", False, (r"(?<=\[)size=",)),
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
    r"will|would|could|plans? to|planning(?: to)?|plann?ed|plott(?:ing|ed)(?: to)?|"
    r"prepar(?:ing|ed) to|intends? to|intended to|(?-i:may)|might|fail(?:ed|s)? to|tasked with|"
    r"refused to|warned of|fears? of|fear of|risk of|prevent(?:ed)?|if|unless|until|"
    r"call(?:ed|ing|s)? for|urg(?:ed|es|ing)|(?:set|about|due|ready|meant|poised) to)"
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


# A crime or deed someone is accused of, or an event named as the cause of
# another, is no event told here: "lynched a man suspected of murder", "arrested
# for rape", "in retaliation for the killing of a herder".
_ACCUSED_BEFORE = re.compile(
    # "police are accused of beating a driver" reports the beating; "a man accused of
    # theft" names a crime
    r"\b(?:(?<!is )(?<!are )(?<!was )(?<!were )accused of|"
    r"(?<!is )(?<!are )(?<!was )(?<!were )suspected of|suspicion of|"
    r"charged with|convicted of|guilty of|"
    r"sentenced for|jailed for|arrested for|allegations? of|related to|linked to|"
    r"in connection with|"
    r"responsibility for|credit for|blamed for|in (?:retaliation|revenge|response) for|"
    r"to avenge|for (?:allegedly )?(?:having )?|over (?:the )?(?:alleged )?)"
    r"\s*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_ACCUSABLE = frozenset(
    ("harm", "kill", "sexual_violence", "abduction", "attack_on_civilians", "attack")
)
# An event named as the cause of what the sentence tells, or as what someone is
# blamed or claims credit for: not told here ("in retaliation for a gas attack",
# "claimed responsibility for the bombing", "Iran is responsible for the attacks").
_CAUSE_BEFORE = re.compile(
    r"\b(?:in (?:retaliation|revenge|response|reprisal) (?:for|to)|to avenge|"
    r"responsib(?:ility|le) for|credit for|blam(?:ed|es|ing) (?:\w+ ){0,3}?for|"
    r"accus\w* (?:\w+ ){0,3}?of(?: carrying out| launching| staging)?|"
    r"(?:suspected|believed|thought) to be behind|sanctions? (?:\w+ ){0,4}?(?:for|over)|"
    r"related to|linked to|in connection with|(?<!is )(?<!are )(?<!was )(?<!were )accused of|"
    r"(?<!is )(?<!are )(?<!was )(?<!were )suspected of|suspicion of|"
    r"charged with|convicted of|guilty of|accusations?(?: (?:against|that))?|"
    r"anniversary of|to (?:mark|commemorate)|in memory of|threats? of)"
    r"\s*(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
# Words one of which every match of the pattern named holds: substring tests
# that spare most searches of it (tests/test_extract_kinds.py checks them).
_CAUSE_WORDS = (
    "retaliat", "revenge", "response", "reprisal", "avenge", "responsib", "credit", "blam",
    "accus", "suspect", "suspicion", "believed", "thought", "sanction", "related", "linked",
    "connection", "charged", "convicted", "guilty", "anniversary", "mark", "commemorate",
    "memory", "threat",
)  # fmt: skip
_ACCUSED_WORDS = (*_CAUSE_WORDS, "sentenced", "jailed", "arrested", "allegation", "for", "over")
_NEGATION_WORDS = (
    "not", "no", "never", "den", "threat", "vow", "will", "would", "could", "plan", "plott",
    "prepar", "intend", "may", "might", "fail", "refus", "warn", "fear", "risk", "prevent",
    "if", "unless", "until", "call", "urg", "set", "about", "due", "ready", "meant", "poised",
    "tasked",
)  # fmt: skip
_HABIT_WORDS = ("times", "daily", "nightly", "every")
# "a suspected rapist", "a murder suspect": people named by a crime, not the crime.
_CRIMINAL_NOUN = re.compile(r"\s+(?:suspects?|convicts?)\b", re.IGNORECASE)
# Deaths, fires and blasts that a disaster, an accident or an illness explains are
# no conflict event: "floods killed 66", "a gas cylinder exploded", "died of cholera".
_DISASTER = _SCANNER.guard(
    re.compile(
        r"\b(?:accidents?|accidental(?:ly)?|crash(?:es)?|"
        r"crashed|collision|collided|derail(?:ed|ment)|capsiz(?:ed|es)|floods?|flooding|"
        r"flash floods|torrential|heavy rains?|downpours?|earthquakes?|quakes?|landslides?|"
        r"mudslides?|storms?|cyclones?|hurricanes?|typhoons?|tornado(?:es)?|volcano(?:es)?|"
        r"volcanic|wildfires?|bush ?fires?|forest fires?|fire broke out|"
        r"caught fire|blaze|inferno|drown(?:ed|ing)|electrocut(?:ed|ion)|lightning|"
        r"heat ?waves?|stampede|collapsed?|gas (?:leaks?|cylinders?|explosions?|tanks?)|"
        r"boilers?|short circuit|ammonium nitrate|fireworks|"
        # an illness kills; a lockdown against it is the setting of many protests
        r"(?:of|from) (?:covid(?:-19)?|coronavirus|the virus)|"
        r"(?:covid(?:-19)?|coronavirus) (?:deaths|cases|patients|infections)|"
        r"cholera|ebola|measles|malaria|outbreaks?|overdose|food poisoning|toxins|"
        r"natural causes|heart attack|leaks?|leaking|poisoning|tsunami|high winds|drought|"
        r"fires (?:are|were) (?:still )?burning|"
        r"chemical plant|lost control|one-car|propane|solvents?|"
        r"cyanide|alcohol|bootleg|methanol|suicide(?! (?:bomb|attack|vest|belt|car|truck|"
        r"blast|squad|mission))|industrial|factory|refinery fire|mine (?:collapse|explosion))\b",
        re.IGNORECASE,
    )
)
_DISASTER_KINDS = frozenset(("kill", "destroy", "displacement", "body", "change_to_group"))
_DEATH_WORD = re.compile(r"kill|dead|died|death|wound|injur|casualt", re.IGNORECASE)
_BLAST_WORDS = re.compile(r"explo|blast|detonat|blew", re.IGNORECASE)


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
    named: list[int] = []  # where a deed named as a cause or a claim begins
    low = sentence.lower()  # for the substring tests that spare most regex searches
    disaster: bool | None = None  # searched once, when first needed
    for kind, strong, rx in possible:
        for m in rx.pattern.finditer(sentence):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in claimed):
                continue  # a stronger, earlier pattern already covers this text
            # Every match claims its text, taken or not: "barrel bombs" stays the air
            # strike's even when "helicopters dropped" already gave one.
            claimed.append((m.start(), m.end()))
            if any(t.kind == kind for t in found):
                continue  # one trigger per kind: "a landmine exploded" is one device
            before = low[max(0, m.start() - 70) : m.start()]
            if any(w in before[-60:] for w in _NEGATION_WORDS) and _NEGATION.search(
                sentence[max(0, m.start() - 60) : m.start()]
            ):
                continue
            if _NEGATION_AFTER.match(sentence, m.end()):
                continue
            if ("den" in low or "dismiss" in low) and _denied(sentence, m.start()):
                continue
            after = low[m.end() : m.end() + 80]
            if any(w in after for w in _HABIT_WORDS) and _HABITUAL_AFTER.match(sentence, m.end()):
                continue
            adjective = m.group().lower().endswith("ed")
            if adjective and _REFERENCE_BEFORE.search(sentence, max(0, m.start() - 20), m.start()):
                continue  # "the captured villages": an event told before, named again
            if _NEGATION_INSIDE.search(m.group()):  # "jets never bombed"
                continue
            # most windows hold none of the markers' words: a substring test first
            if any(w in before for w in _CAUSE_WORDS) and _CAUSE_BEFORE.search(
                sentence, max(0, m.start() - 70), m.start()
            ):
                named.append(m.start())
                continue
            if kind in _ACCUSABLE and (
                (
                    any(w in before for w in _ACCUSED_WORDS)
                    and _ACCUSED_BEFORE.search(sentence, max(0, m.start() - 50), m.start())
                )
                or _CRIMINAL_NOUN.match(sentence, m.end())
            ):
                continue
            if (
                kind in _DISASTER_KINDS
                or (kind == "explosive_device" and _BLAST_WORDS.match(m.group()))
                or (kind == "harm" and m.group().lower().startswith("kill"))
            ):
                if disaster is None:
                    disaster = bool(_DISASTER.search(sentence))
                if disaster:
                    continue
            if kind == "attack" and _DISASTER.search(sentence, max(0, m.start() - 40), m.start()):
                continue  # "an earthquake struck the island"
            found.append(Trigger(kind, m.start(), m.end(), m.group(), strong))
    if named:
        # "claimed responsibility for a car bomb that killed eight": the toll is the
        # named deed's, not another event's
        found = [t for t in found if not (t.start > min(named) and _DEATH_WORD.match(t.text))]
    return sorted(found, key=lambda t: t.start)


def _denied(sentence: str, at: int) -> bool:
    """True when a denial earlier in the same clause covers position ``at``."""
    denials = list(_DENIAL.finditer(sentence, 0, at))
    return bool(denials) and not _CLAUSE_BREAK.search(sentence, denials[-1].end(), at)
