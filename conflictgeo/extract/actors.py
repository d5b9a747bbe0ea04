"""Actors: who did what to whom, named as ACLED names them.

A curated dictionary maps the usual ways news text names an actor to an
entry: a name, a type (``state``: government forces and their allies;
``nonstate``: rebels, militias, jihadist groups, unnamed gunmen;
``civilians``: unarmed people, as victims, protesters or the displaced;
``unknown``: crowds), and what the text says about it (the state it belongs
to, a unit, who the people are). :func:`acled_name` then names the actor the
way ACLED's codebook does, given the event's country and date:

- state forces by country and period: "Military Forces of Syria (2000-2024)",
  "Police Forces of Kenya (2013-2022)" (the periods are :mod:`.periods`), a unit
  ACLED writes after the name ("Military Forces of Russia (2000-) Air Force");
- unnamed actors by class and the event's country: "Unidentified Armed Group
  (Kenya)", "Civilians (Benin)", "Protesters (India)", "Rioters (Kenya)",
  "Pokot Ethnic Militia (Kenya)", "Habar Gidir Clan Militia (Somalia)";
- named groups by ACLED's usual name ("Al Shabaab", "Islamic State (Syria)",
  "HTS: Hayat Tahrir al Sham"), some by the date (the Houthis as Yemen's
  Sanaa authorities from 2016, the Taliban as Afghanistan's government from
  15 August 2021, Donbas forces as Russian units after September 2022);
- the group people belong to as the associated actor ("Students (Kenya)").

``inter`` is ACLED's actor type code (:data:`conflictgeo.taxonomy.INTER_CODES`):
state forces outside their own country are External/Other forces (8).

>>> [(a.name, a.type) for a in find_actors("On Aug. 10, the Syrian Air Force attacked rebel units.")]
[('Military Forces of Syria', 'state'), ('Rebels', 'nonstate')]
>>> acled_name(find_actors("Kenyan police")[0], "KE", dt.date(2019, 5, 1))
Named(name='Police Forces of Kenya (2013-2022)', assoc=None, inter=1)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from conflictgeo.extract.periods import country_name, of_country, period
from conflictgeo.prefilter import Family, Scanner

MILITARY = "Military Forces"
POLICE = "Police Forces"
GOVERNMENT = "Government"
UNIDENTIFIED = "Unidentified Armed Group"
GANG = "Unidentified Gang"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
CIVILIANS = "Civilians"
PROTESTERS = "Protesters"
RIOTERS = "Rioters"
REBELS = "Rebels"
MILITIAS = "Militias"
IDENTITY = "Identity militia"  # an ethnic, clan, tribal or communal militia
STATE_FORCES = (MILITARY, POLICE, GOVERNMENT)


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor named in a sentence: the dictionary's entry and the words."""

    name: str  # the entry: "Military Forces of Syria", "Al Shabaab", "Civilians"
    type: str  # state | nonstate | civilians | unknown
    start: int
    end: int
    text: str
    country: str = ""  # ISO code the words tie it to ("Kenyan police": KE)
    force: str = ""  # state forces: Military Forces, Police Forces or Government
    unit: str = ""  # a unit ACLED writes after a state's name ("Air Force", "Navy")
    group: str = ""  # who the people are ("Students", "Pokot"): the associated actor
    aircraft: bool = False  # warplanes, helicopters, drones

    # What the event typing asks of an actor. It asks these, never the display
    # name, so that names can follow ACLED's style without changing the typing.
    @property
    def is_air_force(self) -> bool:
        """Aircraft, helicopters or drones: an attack by them is an air strike."""
        return self.aircraft

    @property
    def is_unidentified(self) -> bool:
        """Unnamed armed men ("gunmen"): their killings are attacks on civilians."""
        return self.name in (UNIDENTIFIED, GANG)


@dataclass(frozen=True, slots=True)
class Named:
    """An actor as ACLED names it: actor, associated actor, ``inter`` code."""

    name: str
    assoc: str | None
    inter: int


# ----------------------------------------------------------------- the words

# Demonyms of states whose forces news names ("Syrian troops"), to ISO codes.
DEMONYMS: dict[str, str] = {
    "Syrian": "SY", "Iraqi": "IQ", "Yemeni": "YE", "Lebanese": "LB", "Libyan": "LY",
    "Turkish": "TR", "Afghan": "AF", "Israeli": "IL", "Palestinian": "PS", "Jordanian": "JO",
    "Egyptian": "EG", "Iranian": "IR", "Saudi": "SA", "Emirati": "AE", "Qatari": "QA",
    "Kuwaiti": "KW", "Bahraini": "BH", "Omani": "OM", "Tunisian": "TN", "Algerian": "DZ",
    "Moroccan": "MA", "Pakistani": "PK", "Russian": "RU", "Ukrainian": "UA", "Belarusian": "BY",
    "Armenian": "AM", "Azerbaijani": "AZ", "Azeri": "AZ", "Georgian": "GE", "American": "US",
    "US": "US", "U.S.": "US", "British": "GB", "UK": "GB", "French": "FR", "German": "DE",
    "Chinese": "CN", "Indian": "IN", "Bangladeshi": "BD", "Burmese": "MM", "Myanmar": "MM",
    "Thai": "TH", "Filipino": "PH", "Philippine": "PH", "Indonesian": "ID", "Kenyan": "KE",
    "Somali": "SO", "Ethiopian": "ET", "Eritrean": "ER", "Ugandan": "UG", "Tanzanian": "TZ",
    "Rwandan": "RW", "Burundian": "BI", "Congolese": "CD", "Sudanese": "SD",
    "South Sudanese": "SS", "Chadian": "TD", "Cameroonian": "CM", "Nigerian": "NG",
    "Nigerien": "NE", "Malian": "ML", "Burkinabe": "BF", "Beninese": "BJ", "Togolese": "TG",
    "Ghanaian": "GH", "Ivorian": "CI", "Senegalese": "SN", "Guinean": "GN", "Mozambican": "MZ",
    "Zimbabwean": "ZW", "South African": "ZA", "Zambian": "ZM", "Malagasy": "MG",
    "Mexican": "MX", "Brazilian": "BR", "Colombian": "CO", "Venezuelan": "VE", "Chilean": "CL",
    "Argentine": "AR", "Argentinian": "AR", "Peruvian": "PE", "Bolivian": "BO",
    "Ecuadorian": "EC", "Honduran": "HN", "Nicaraguan": "NI", "Salvadoran": "SV",
    "Guatemalan": "GT", "Haitian": "HT", "Serbian": "RS", "Greek": "GR", "Moldovan": "MD",
}  # fmt: skip
# State forces seldom fight abroad: their country is the event's (see actor_country).
_HOME_FORCES = {"SY", "IQ", "YE", "LB", "LY", "AF", "SO", "PS", "UA", "BJ", "NG", "ML", "BF"}
_DEM = "|".join(re.escape(d) for d in sorted(DEMONYMS, key=len, reverse=True))
# "Indian and Pakistani troops": the first demonym is a state's forces too.
_DEM_STATE = rf"(?:the\s+)?(?P<dem>{_DEM})(?:\s+and\s+(?P<dem2>{_DEM}))?"
# Countries by name ("forces of India"), to ISO codes.
COUNTRY_NAMES: dict[str, str] = {
    **{country_name(code): code for code in set(DEMONYMS.values())},
    "the United States": "US", "US": "US", "Britain": "GB", "the United Kingdom": "GB",
    "the Philippines": "PH", "the Democratic Republic of Congo": "CD", "DRC": "CD",
}  # fmt: skip
_CNAME = "|".join(re.escape(n) for n in sorted(COUNTRY_NAMES, key=len, reverse=True))
_AND_COUNTRY = re.compile(rf"\s+and\s+(?:the\s+)?(?P<c>{_CNAME})\b")

# Words for unnamed people ACLED codes as civilians, and who they are (the
# associated actor; "" when they are just civilians).
_PEOPLE: list[tuple[str, str]] = [
    (r"civilians|residents|villagers|locals|inhabitants|people|persons|passers-?by|"
     r"families|children|a child|an? (?:elderly |young |old )?(?:man|woman|boy|girl|couple)|"
     r"(?:young |elderly )?men|bystanders|pedestrians|motorists|passengers|"
     r"shepherds|a shepherd|voters|worshippers|mourners|relatives", ""),
    (r"(?:women|girls|wom[ae]n activists?)", "Women"),
    (r"students|pupils|schoolchildren|an? (?:university |secondary school |high school )?student",
     "Students"),
    (r"teachers|lecturers|an? teacher", "Teachers"),
    (r"journalists|reporters|photographers|an? (?:journalist|reporter)|media workers",
     "Journalists"),
    (r"doctors|nurses|health (?:care )?workers|medics|paramedics|medical staff|"
     r"an? (?:doctor|nurse|medic)", "Health Workers"),
    (r"aid workers|humanitarian workers|an? aid worker", "Aid Workers"),
    (r"farmers|an? farmer|peasants", "Farmers"),
    (r"lawyers|advocates|an? lawyer", "Lawyers"),
    (r"workers|employees|labou?rers|miners|an? worker|trade unionists|unionists", "Labor Group"),
    (r"refugees|displaced (?:people|persons|families)|IDPs|the displaced|asylum seekers|"
     r"migrants", "Refugees/IDPs"),
    (r"Christians|churchgoers|an? (?:pastor|priest)|Catholics", "Christian Group"),
    (r"Muslims|an? (?:cleric|imam)", "Muslim Group"),
    (r"pastoralists|herders|herdsmen", "Pastoralists"),
    (r"traders|vendors|hawkers|shopkeepers|merchants|an? (?:trader|shopkeeper)", ""),
    (r"taxi drivers|motorcycle taxi drivers|boda boda (?:riders|operators)|matatu (?:drivers|"
     r"operators)|bus drivers|truck drivers|drivers", "Taxi Drivers"),
    (r"fishermen|fishers", "Fishers"),
]  # fmt: skip
# Communities named in Syria, Iraq and Lebanon: civilians of a religious or ethnic group.
_COMMUNITIES = {
    "Alawites": "Alawite Muslim Group",
    "Sunnis": "Sunni Muslim Group",
    "Shiites": "Shia Muslim Group",
    "Shias": "Shia Muslim Group",
    "Kurds": "Kurdish Ethnic Group",
    "Druze": "Druze Muslim Group",
    "Yazidis": "Yazidi Religious Group",
    "Turkmen": "Turkmen Ethnic Group",
    "Ismailis": "Ismaili Muslim Group",
    "Christians": "Christian Group",
}

# Words before an identity noun that are no community's name ("Rival clans").
_NOT_A_COMMUNITY = (
    "The|A|An|Local|Rival|Armed|Suspected|Unknown|Unidentified|Some|Several|Many|Two|Three|"
    "Both|Other|Neighbouring|Neighboring|Host|Pastoral|Nomadic|Cattle|Village|Heavily|"
    "Hundreds|Dozens|Scores|Youth|Youths|Angry|Militia|Police|Government|Security|"
    "Kenyan|Somali|Ethiopian|Ugandan|Sudanese|Nigerian|Malian|Yemeni|Islamist"
)


@dataclass(frozen=True, slots=True)
class _Entry:
    pattern: str
    name: str
    type: str
    ci: bool = False  # common nouns match in any case; names and acronyms keep theirs
    country: str = ""  # ISO, or "{dem}" for the demonym matched
    force: str = ""
    unit: str = ""
    group: str = ""  # "{group}": the words matched by the pattern's group
    aircraft: bool = False


def _state(pattern: str, force: str, country: str = "", *, unit: str = "", **kw: object) -> _Entry:
    name = force if not country or country == "{dem}" else f"{force} of {of_country(country)}"
    return _Entry(pattern, name, "state", country=country, force=force, unit=unit, **kw)  # type: ignore[arg-type]


_AIR_WORDS = (
    r"air\s*forces?|warplanes?|(?:fighter\s+|military\s+)?jets|helicopters?|gunships?|"
    r"(?:military\s+)?aircraft|aviation|bombers"
)
_ARMY_WORDS = (
    r"army|armed\s+forces|military|troops|soldiers|forces|government\s+forces|"
    r"security\s+forces|defen[cs]e\s+forces|servicem[ae]n|marines|artillery|tanks|"
    r"positions|posts|outposts|checkpoints?|patrols?|convoys?|bases?"
)
_POLICE_WORDS = (
    r"police(?:\s+(?:officers?|forces?|patrols?|units?|personnel))?|policem[ae]n|"
    r"policewom[ae]n|(?:anti-?riot|riot)\s+police|cops|authorities|law\s+enforcement"
    r"(?:\s+(?:officers|agents|authorities))?"
)

# In order: at one position the longest phrase wins, then the earlier entry.
_DICTIONARY: list[_Entry] = [
    # ---- state forces named by their state
    _state(rf"{_DEM_STATE}\s+(?i:{_AIR_WORDS})", MILITARY, "{dem}", unit="Air Force", aircraft=True),
    _state(rf"{_DEM_STATE}\s+(?i:drones?|UAVs?)", MILITARY, "{dem}", aircraft=True),
    _state(rf"{_DEM_STATE}\s+(?i:navy|naval\s+forces|warships?|coast\s*guards?)", MILITARY,
           "{dem}", unit="Navy"),
    _state(rf"{_DEM_STATE}\s+(?i:special\s+forces|commandos)", MILITARY, "{dem}",
           unit="Special Forces"),
    _state(rf"{_DEM_STATE}\s+(?i:national\s+guard)", MILITARY, "{dem}", unit="National Guard"),
    _state(rf"{_DEM_STATE}\s+(?i:gendarmes|gendarmerie)", POLICE, "{dem}", unit="Gendarmerie"),
    _state(rf"{_DEM_STATE}\s+(?i:{_POLICE_WORDS})", POLICE, "{dem}"),
    _state(rf"{_DEM_STATE}\s+(?i:border\s+(?:guards?|police))", POLICE, "{dem}"),
    _state(rf"{_DEM_STATE}\s+(?i:{_ARMY_WORDS})(?:\s+(?i:soldiers|troops))?", MILITARY, "{dem}"),
    # "Ukrainian shelling", "Israeli air strikes": the attack names who made it
    _state(rf"{_DEM_STATE}\s+(?i:air\s*strikes?|air\s*raids?|bombing|bombardment)", MILITARY,
           "{dem}", unit="Air Force", aircraft=True),
    _state(rf"{_DEM_STATE}\s+(?i:shelling|strikes?|missiles?|rockets?|fire|attacks?|raids?|"
           r"offensive|operations?)", MILITARY, "{dem}"),
    _state(rf"(?P<cname>{_CNAME})\s+(?:People'?s\s+|National\s+)?Defen[cs]e\s+Forces?", MILITARY,
           "{dem}"),
    _state(rf"{_DEM_STATE}\s+(?i:government|regime)", GOVERNMENT, "{dem}"),
    _state(rf"(?i:military|armed|security|defen[cs]e|government)\s+(?i:forces)\s+of\s+(?P<cname>{_CNAME})|"
           rf"(?i:the\s+)?(?i:army|military|armed\s+forces|troops|soldiers)\s+of\s+(?P<cname2>{_CNAME})",
           MILITARY, "{dem}"),
    _state(rf"(?i:police)(?:\s+(?i:forces))?\s+of\s+(?P<cname>{_CNAME})", POLICE, "{dem}"),
    _state(r"AFU|ZSU", MILITARY, "UA"),
    _state(r"Syrian Arab Army|SAA|Tiger Forces", MILITARY, "SY"),
    _state(r"Syrian Arab Air Force", MILITARY, "SY", unit="Air Force", aircraft=True),
    _state(r"Assad(?:'s|’s)?\s+(?i:forces|troops|army|regime|soldiers)|(?:the\s+)?Assad\s+regime",
           MILITARY, "SY"),
    _state(r"(?:the\s+)?(?i:regime)(?:\s+(?i:forces|troops|soldiers|army))?", MILITARY, "SY"),
    _state(r"(?i:regime)\s+(?i:warplanes|jets|helicopters|aircraft)", MILITARY, "SY",
           unit="Air Force", aircraft=True),
    _state(r"Israel(?:i)? Defen[cs]e Forces|IDF", MILITARY, "IL"),
    _state(r"Israeli Border Police|Border Police", POLICE, "IL", unit="Border Police"),
    _state(r"Kenya Defen[cs]e Forces|KDF", MILITARY, "KE"),
    _state(r"General Service Unit|GSU", POLICE, "KE", unit="General Service Unit"),
    _state(r"Kenya Police(?: Service)?|National Police Service", POLICE, "KE"),
    _state(r"Somali National Army", MILITARY, "SO"),
    _Entry(r"SNA", "SNA", "state"),  # Somalia's army, or Syria's Turkish-backed rebels
    _state(r"Afghan National (?:Army|Defen[cs]e and Security Forces)|ANDSF|ANA", MILITARY, "AF"),
    _state(r"Afghan National Police|ANP", POLICE, "AF"),
    _state(r"Lebanese Armed Forces|LAF", MILITARY, "LB"),
    _state(r"Peshmerga", MILITARY, "IQ", unit="Peshmerga"),
    _state(r"Popular Mobili[sz]ation (?:Forces|Units)|PMF|PMU|Hashd al-Shaabi|al-Hashd al-Shaabi",
           MILITARY, "IQ", unit="Popular Mobilization Forces"),
    _state(r"Federal Police", POLICE),
    _state(r"Counter[- ]Terrorism Service|CTS", MILITARY, "IQ", unit="Counter Terrorism Service"),
    _state(r"Government of National Accord|GNA", MILITARY, "LY",
           unit="Government of National Accord"),
    _state(r"Government of National Unity|GNU", MILITARY, "LY",
           unit="Government of National Unity"),
    _state(r"Rapid Support Forces|RSF", MILITARY, "SD", unit="Rapid Support Forces"),
    _state(r"(?:Operation\s+)?Barkhane(?:\s+(?i:forces|troops|soldiers))?", MILITARY, "FR"),
    # Brazil's state military police, a unit of the military (ACLED).
    _state(r"(?:the\s+)?military\s+police(?:\s+(?:officers|forces|agents|patrols?))?|"
           r"military\s+policem[ae]n", MILITARY, unit="Military Police", ci=True),
    # ---- state forces of the event's country
    _state(r"(?:regime|government|army|military)\s+(?:warplanes|jets|helicopters|aircraft|drones)",
           MILITARY, unit="Air Force", aircraft=True, ci=True),
    _state(r"(?:pro-government|government|governmental|security|state|regular)\s+(?:forces|troops|"
           r"soldiers|positions)|"
           r"(?:government|army)\s+(?:artillery|tanks?|gunners|snipers|mortars|rockets)|"
           r"(?:the\s+)?army|(?:the\s+)?military|soldiers|troops|servicem[ae]n|"
           r"security\s+(?:personnel|agents|officers|operatives)|"
           r"(?:forces|troops|fighters|units) loyal to the (?:unity |national |interim |"
           r"internationally[- ]recognised )?government|(?:the\s+)?navy|marines|special forces|"
           r"(?:the\s+)?national guard", MILITARY, ci=True),
    _state(rf"(?:the\s+)?(?:{_POLICE_WORDS})|gendarmes|(?:the\s+)?gendarmerie|"
           r"(?:prison|border)\s+guards|intelligence (?:agents|officers|services)", POLICE, ci=True),
    _Entry(r"(?:pro-government|pro-regime|government-backed|regime-backed|government-allied|"
           r"pro-Hadi|pro-Assad)\s+(?:fighters|militias?|militiamen|gunmen|tribesmen|forces)",
           "Militia (Pro-Government)", "state", ci=True),
    # ---- unattributed aircraft
    _Entry(r"(?:unidentified|unknown)\s+(?:warplanes|jets|aircraft|drones?|helicopters)|"
           r"warplanes|fighter jets|military jets|military aircraft|helicopters|gunships|drones?",
           UNIDENTIFIED_MILITARY, "state", ci=True, aircraft=True),
    # ---- coalitions, missions, foreign groups
    _Entry(r"(?:the\s+)?(?:international|US-led|U\.S\.-led|anti-IS|anti-ISIS|Saudi-led|"
           r"Arab|Saudi-UAE|Saudi-Emirati)\s+(?i:coalition)(?:\s+(?i:warplanes|jets|aircraft|forces))?"
           r"|(?:the\s+)?(?i:coalition)\s+(?i:warplanes|jets|aircraft|air\s*strikes?|forces)",
           "International coalition", "state", aircraft=False),
    _Entry(r"AMISOM|African Union Mission in Somalia|ATMIS|AUSSOM|African Union (?:troops|forces|"
           r"peacekeepers)|AU (?:troops|forces|peacekeepers)", "African Union mission in Somalia",
           "state"),
    _Entry(r"UNIFIL", "UNIFIL: United Nations Interim Force in Lebanon", "state"),
    _Entry(r"(?:UN|United Nations) peacekeepers|MONUSCO|MINUSMA|MINUSCA|UNMISS",
           "United Nations peacekeepers", "state"),
    _Entry(r"Wagner(?: Group)?(?: mercenaries| fighters)?|Africa Corps", "Wagner Group", "nonstate"),
    # ---- named armed groups
    _Entry(r"(?:[Aa]l[- ]?)?Shabaa?b|Harakat al-Shabaab al-Mujahideen|(?i:al-?shabaab)|"
           r"AS(?=\s+(?:militants|fighters|members|insurgents|gunmen|forces|positions))", "Al Shabaab",
           "nonstate"),
    _Entry(r"Islamic State (?:West Africa Province|in West Africa)|ISWAP",
           "Islamic State (West Africa)", "nonstate"),
    _Entry(r"Islamic State (?:in the Greater Sahara|Sahel Province)|ISGS|ISSP",
           "Islamic State (Sahel)", "nonstate"),
    _Entry(r"Islamic State(?:[- ]Khorasan(?: Province)?| in Khorasan)|ISKP|IS-K|ISIS-K|ISK",
           "Islamic State (Afghanistan)", "nonstate"),
    _Entry(r"Islamic State (?:Somalia|in Somalia)(?: Province)?", "Islamic State (Somalia)",
           "nonstate"),
    _Entry(r"(?:the\s+)?Islamic State(?: of Iraq and (?:the\s+)?(?:Levant|Syria|al-Sham))?|ISIS|"
           r"ISIL|Daesh|Da'esh|IS\b", "Islamic State", "nonstate"),
    _Entry(r"AQAP|al-Qaeda in the Arabian Peninsula|Al Qaeda in the Arabian Peninsula",
           "AQAP: Al Qaeda in the Arabian Peninsula", "nonstate"),
    _Entry(r"AQIM|al-Qaeda in the Islamic Maghreb", "AQIM: Al Qaeda in the Islamic Maghreb",
           "nonstate"),
    _Entry(r"JNIM|GSIM|Jama'?at Nusrat al-Islam wal-Muslimin|Group for (?:the )?Support of Islam"
           r" and Muslims", "JNIM: Group for Support of Islam and Muslims", "nonstate"),
    _Entry(r"Boko Haram|Jama'?atu Ahlis[- ]Sunna Lidda'?awati wal-Jihad|JAS",
           "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "nonstate"),
    _Entry(r"(?:[Aa]l[- ])?Nusra Front(?: for the (?:Defen[cs]e|People) of the Levant)?|"
           r"(?:Jabhat )?al[- ]Nusra|Jabhat Fateh al[- ]Sham|Hay'?at Tahrir al[- ]Sham|"
           r"Tahrir al[- ]Sham|HTS", "HTS: Hayat Tahrir al Sham", "nonstate"),
    _Entry(r"Al[- ]Qa(?:e|i)da[- ](?:aligned|linked|affiliated)\s+"
           r"(?:militias|forces|groups|fighters|militants|rebels)|Al[- ]Qa(?:e|i)da|Hurras al-Din",
           "Al Qaeda", "nonstate"),
    _Entry(r"Syrian Democratic Forces|SDF|QSD", "QSD: Syrian Democratic Forces", "nonstate"),
    _Entry(r"YPG|People'?s Protection Units|YPJ", "YPG: Peoples Protection Units", "nonstate"),
    _Entry(r"Asayish", "Asayish", "nonstate"),
    _Entry(r"Free Syrian Army|FSA|Syrian National Army|National Liberation Front|"
           r"(?:Turkish|Turkey)-backed (?:rebels|factions|fighters|forces|militants)",
           "Opposition Rebels (Syria)", "nonstate"),
    _Entry(r"National Defen[cs]e Forces|NDF", "QDW: National Defense Forces", "state"),
    _Entry(r"Hezbollah|Hizbollah|Hizballah|Hizbullah", "Hezbollah", "nonstate"),
    _Entry(r"Hamas|Qassam Brigades|Izz (?:ad-|al-|el-)?Din al-Qassam Brigades", "Hamas Movement",
           "nonstate"),
    _Entry(r"(?:Palestinian )?Islamic Jihad|PIJ|(?:al-)?Quds Brigades|Saraya al-Quds",
           "PIJ: Palestinian Islamic Jihad", "nonstate"),
    _Entry(r"(?:al-)?Aqsa Martyrs'? Brigades?", "Al Aqsa Martyrs Brigade", "nonstate"),
    _Entry(r"Popular Front for the Liberation of Palestine|PFLP",
           "PFLP: Popular Front for the Liberation of Palestine", "nonstate"),
    _Entry(r"Fatah", "Fatah Movement", "nonstate"),
    _Entry(r"(?:Israeli |Jewish )?settlers", "Settlers (Israel)", "nonstate", ci=True),
    _Entry(r"PKK|Kurdistan Workers'? Party", "PKK: Kurdistan Workers Party", "nonstate"),
    _Entry(r"Pakistani Taliban|Tehr(?:ee|i)k-[ei]-Taliban(?: Pakistan)?|TTP",
           "TTP: Tehreek-i-Taliban Pakistan", "nonstate"),
    _Entry(r"(?:the\s+)?Taliban", "Taliban", "nonstate"),
    _Entry(r"Houthis?|Huthis?|Ansar Allah|Ansarullah", "Houthi Movement", "nonstate"),
    _Entry(r"Southern Transitional Council|STC|Security Belt(?: Forces)?",
           "STC: Southern Transitional Council", "nonstate"),
    _Entry(r"Popular Committees", "Popular Committees", "state"),
    _Entry(r"Libyan National Army|Libyan Arab Armed Forces|LNA|LAAF|Haftar(?:'s|’s)? forces",
           "LNA: Libyan National Army", "state"),
    _Entry(r"Kata'?ib Hezbollah|Kataib Hizbollah", "Kataib Hezbollah", "nonstate"),
    _Entry(r"Saraya al-Salam|Peace Brigades", "Saraya al Salam", "nonstate"),
    _Entry(r"Asa'?ib Ahl al-Haq", "Asaib Ahl al Haq", "nonstate"),
    _Entry(r"(?:pro-Russian |Russian-backed |Moscow-backed )(?i:separatists|rebels|militants|"
           r"forces|fighters)|(?i:separatists)|(?:DPR|LPR|DNR|LNR)(?:\s+(?i:forces|militants|"
           r"fighters|militia))?|NAF|(?:Donetsk|Luhansk|Lugansk) People's (?:Republic|Militia)"
           r"(?:\s+(?i:forces|militants|fighters))?|Donbass? People's Militia",
           "Donbas separatists", "nonstate"),
    _Entry(r"Mungiki", "Mungiki Militia", "nonstate"),
    _Entry(r"Mombasa Republican Council|MRC", "MRC: Mombasa Republican Council", "nonstate"),
    _Entry(r"Sabaot Land Defen[cs]e Force|SLDF", "SLDF: Sabaot Land Defence Force", "nonstate"),
    _Entry(r"Allied Democratic Forces|ADF", "ADF: Allied Democratic Forces", "nonstate"),
    _Entry(r"M23|March 23 Movement", "M23: March 23 Movement", "nonstate"),
    _Entry(r"Oromo Liberation (?:Front|Army)|OLF|OLA", "OLF: Oromo Liberation Front", "nonstate"),
    _Entry(r"Tigray People's Liberation Front|TPLF|Tigray(?:an)? (?:forces|fighters)",
           "TPLF: Tigray People's Liberation Front", "nonstate"),
    _Entry(r"New People'?s Army|NPA", "NPA: New People's Army", "nonstate"),
    # ---- unnamed armed actors
    _Entry(r"Islamist\s+(?:militants|fighters|insurgents|militias?|rebels|extremists)",
           "Islamist Militia", "nonstate", ci=True),
    _Entry(r"(?:unidentified|unknown|masked|suspected|hooded)\s+(?:gunm[ae]n|assailants?|"
           r"attackers?|armed\s+(?:m[ae]n|group|individuals)|m[ae]n|perpetrators|individuals|"
           r"people|persons|criminals|robbers|bandits)|gunm[ae]n|armed\s+(?:m[ae]n|groups?|"
           r"individuals|assailants|bandits|robbers|criminals)|an?\s+(?:assailant|attacker|gunman)|"
           r"assailants|attackers|bandits|hitm[ae]n|kidnappers|abductors|robbers|"
           r"(?:armed\s+)?(?:thieves|thugs|goons)|criminals|an armed group", UNIDENTIFIED, "nonstate", ci=True),
    _Entry(r"(?:a\s+)?gangs?(?:\s+members)?|gangsters|gang\s+members|cartel\s+(?:members|gunmen)|"
           r"drug\s+traffickers|criminal\s+(?:group|gang|organi[sz]ation)s?",
           GANG, "nonstate", ci=True),
    _Entry(rf"(?P<group>(?=[A-Z])(?!(?:{_NOT_A_COMMUNITY})\b)[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\s+(?:(?i:community|clan|"
           r"ethnic|tribal|communal)\s+)?(?i:raiders|rustlers|herders|herdsmen|warriors|morans|"
           r"tribesmen|clansmen|clan militias?|tribal militias?|ethnic militias?|communal militias?|"
           r"militias?|militiamen|gunmen|bandits|youths|community|communities|clan|tribe|elders)",
           IDENTITY, "nonstate", group="{group}"),
    _Entry(r"(?:clan|tribal|ethnic|communal|community|local|village)\s+(?:militias?|militiamen|"
           r"fighters|vigilantes|defence groups|defense groups)|(?:cattle\s+)?raiders|"
           r"(?:cattle\s+)?rustlers|armed\s+(?:herders|herdsmen|pastoralists)|tribesmen|clansmen|"
           r"vigilantes|(?:inter-?)?(?:ethnic|tribal|clan|communal)(?:-based)?\s+(?:clashes|fighting|"
           r"violence|feuds?|conflicts?|attacks?|raids?)|(?:rival\s+)?(?:ethnic|tribal)\s+(?:groups|"
           r"communities|factions)|ethnically[- ]motivated\s+(?:clashes|violence|attacks|fighting)|"
           r"rival\s+(?:pastoralists|herders|clans|tribes|communities)",
           IDENTITY, "nonstate", ci=True),
    _Entry(r"(?:Sunni\s+|opposition\s+|armed\s+)?(?:rebel\s+(?:units|forces|fighters|groups|brigades|"
           r"factions|commanders|battalions)|"
           r"rebels?|insurgents|opposition\s+fighters|militants|jihadists|extremists|terrorists|"
           r"guerrillas|guerillas)", REBELS, "nonstate", ci=True),
    _Entry(r"(?:Kurdish)\s+(?:fighters|forces|militias?|militants)", "Kurdish forces", "nonstate"),
    _Entry(r"militias|militiam[ae]n|fighters|militia", MILITIAS, "nonstate", ci=True),
    # ---- crowds
    _Entry(r"protesters|protestors|demonstrators|marchers|activists|an? (?:protester|protestor|"
           r"demonstrator|activist)|strikers", PROTESTERS, "civilians", ci=True),
    _Entry(r"rioters|(?:an?\s+)?(?:angry\s+|irate\s+|enraged\s+)?mobs?|(?:an?\s+)?(?:angry|irate|"
           r"enraged|rowdy)\s+(?:crowds?|residents|youths?|villagers)|looters|hooligans",
           RIOTERS, "unknown", ci=True),
    # ---- civilians
    *(_Entry(rx, CIVILIANS, "civilians", ci=True, group=group) for rx, group in _PEOPLE),
    _Entry("|".join(_COMMUNITIES), CIVILIANS, "civilians", group="{community}"),
    # "a Palestinian man", "two Chinese nationals": people of a country (foreigners
    # where the event is elsewhere: ACLED's Civilians (International)).
    _Entry(rf"(?:an?\s+|two\s+|three\s+|several\s+)?(?P<dem>{_DEM}|Palestinian)s?\s+(?:civilians?|"
           r"m[ae]n|wom[ae]n|boys?|girls?|teen(?:ager)?s?|youths?|child(?:ren)?|farmers?|shepherds?|"
           r"nationals?|citizens?|tourists?|engineers?|workers?)|Palestinians", CIVILIANS, "civilians",
           country="{dem}"),
]  # fmt: skip
# "the rebel-held town", "a Houthi-controlled district": who holds a place, not who acted.
_NOT_A_HOLDER = r"(?![-‐–](?:held|controlled|run|dominated|occupied|backed|led|aligned)\b)"
# One literal pre-filter pass per sentence rules out most of the patterns
# (see conflictgeo.prefilter): tried one by one, they cost four times as much.
_SCANNER = Scanner()
_COMPILED = [
    (
        _SCANNER.guard(
            re.compile(rf"\b(?:{e.pattern})\b{_NOT_A_HOLDER}", re.IGNORECASE if e.ci else 0)
        ),
        e.name,
        e,
    )
    for e in _DICTIONARY
]
_FAMILY = Family([(order, *item) for order, item in enumerate(_COMPILED)], lambda item: item[1])
_AND_END = re.compile(r"\s+and\s*$")
_OF_GROUP = re.compile(r"\s+(?:from|of|belonging to|loyal to)\s+(?:the\s+)?", re.I)
# A generic noun right after a named actor is that actor ("Islamic State fighters").
_GROUP_NOUNS = {REBELS, MILITIAS, MILITARY, UNIDENTIFIED, "Islamist Militia", GANG}
_GENERIC = {REBELS, MILITIAS, MILITARY, POLICE, UNIDENTIFIED, GANG, CIVILIANS, IDENTITY}


def find_actors(text: str) -> list[Actor]:
    """Actors named in ``text``, in order, longest phrase first at each position.

    >>> [(a.name, a.type) for a in find_actors("Unidentified gunmen killed two students.")]
    [('Unidentified Armed Group', 'nonstate'), ('Civilians', 'civilians')]
    """
    return list(_find_actors(text))


# A sentence is asked again as its paragraph (a one-sentence report) or for who is
# blamed; actors are immutable, so the answers are kept.
@functools.lru_cache(maxsize=512)
def _find_actors(text: str) -> tuple[Actor, ...]:
    candidates = []
    for order, rx, _, entry in _FAMILY.possible(text):
        for m in rx.pattern.finditer(text):
            candidates.append((m.start(), -(m.end() - m.start()), order, m, entry))
    # A named actor's own word is no community's name ("Houthi gunmen" are Houthis).
    named = (
        {c[3].span() for c in candidates if c[4].name not in _GENERIC and not c[4].force}
        if any(c[4].group == "{group}" for c in candidates)
        else set()
    )
    found: list[Actor] = []
    for _, _, _, m, entry in sorted(candidates, key=lambda c: c[:3]):
        if found and m.start() < found[-1].end:
            continue  # inside a phrase already taken ("Army" of "Free Syrian Army")
        if entry.group == "{group}" and m.span("group") in named:
            continue
        prev = found[-1] if found else None
        if (
            prev
            and entry.name in _GROUP_NOUNS
            and not entry.country
            and prev.name not in _GENERIC
            and prev.type not in ("civilians", "unknown")
            and text[prev.end : m.start()].isspace()
        ):
            found[-1] = Actor(
                prev.name, prev.type, prev.start, m.end(), text[prev.start : m.end()],
                prev.country, prev.force, prev.unit, prev.group, prev.aircraft,
            )  # fmt: skip
            continue
        if (
            prev
            and prev.name in _GROUP_NOUNS
            and not prev.country
            and entry.name not in _GENERIC
            and not entry.force
            and _OF_GROUP.fullmatch(text, prev.end, m.start())
        ):
            # "fighters from the al-Nusra Front", "members of Al Shabaab": that group
            named_one = _actor(entry, m)
            found[-1] = dataclasses.replace(
                named_one, start=prev.start, text=text[prev.start : m.end()]
            )
            continue
        found.append(_actor(entry, m))
        # "forces of India and Pakistan", "Indian and Pakistani troops": two states.
        if entry.force and entry.country == "{dem}":
            more = _AND_COUNTRY.match(text, m.end())
            second = m.groupdict().get("dem2")
            if more or second:
                first = found.pop()
                code = COUNTRY_NAMES[more.group("c")] if more else DEMONYMS[second or ""]
                at, end = (more.start("c"), more.end()) if more else (m.start("dem2"), m.end())
                found.append(
                    dataclasses.replace(
                        first, end=at, text=_AND_END.sub("", text[first.start : at])
                    )
                )
                found.append(
                    dataclasses.replace(
                        first, name=f"{first.force} of {of_country(code)}", start=at, end=end,
                        text=text[at:end], country=code,
                    )
                )  # fmt: skip
    pair = "between" in text and _IDENTITY_CONTEXT.search(text) is not None
    if pair or any(a.name == IDENTITY and a.group for a in found):
        found = _community_pairs(text, found, pair)
    return tuple(found)


# "clashes between Pokot and Turkana" over land or cattle: two communities, though
# no noun says so; only where the sentence speaks of communities, land, water or cattle.
_IDENTITY_CONTEXT = re.compile(
    r"\b(?:ethnic\w*|tribal|tribes?|clans?|communal|communit\w+|pastoral\w*|herders?|cattle|"
    r"livestock|grazing|pasture|water|land)\b",
    re.IGNORECASE,
)
_PAIR = re.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<a>(?=[A-Z])(?!(?:{_NOT_A_COMMUNITY})\b)[A-Z][a-z]+)\s+and\s+(?:the\s+)?"
    rf"(?P<b>(?=[A-Z])(?!(?:{_NOT_A_COMMUNITY})\b)[A-Z][a-z]+)\b"
)


_AND_BEFORE = re.compile(rf"(?P<a>(?=[A-Z])(?!(?:{_NOT_A_COMMUNITY})\b)[A-Z][a-z]+)\s+and\s+$")


def _community_pairs(text: str, found: list[Actor], pair: bool) -> list[Actor]:
    taken = [(a.start, a.end) for a in found]
    extra = []
    for a in found:  # "Fellata and Rizeigat militias": both communities
        if a.name != IDENTITY or not a.group:
            continue
        m = _AND_BEFORE.search(text, max(0, a.start - 40), a.start)
        if m is None or m.group("a") in COUNTRY_NAMES or m.group("a") in DEMONYMS:
            continue
        at, end = m.span("a")
        if not any(s < end and at < e for s, e in taken):
            noun = text[a.start + len(a.group) : a.end]
            extra.append(dataclasses.replace(a, start=at, end=end, text=m.group("a") + noun, group=m.group("a")))  # fmt: skip
    for m in _PAIR.finditer(text) if pair else ():
        for g in ("a", "b"):
            word = m.group(g)
            start, end = m.span(g)
            if (
                word in COUNTRY_NAMES
                or word in DEMONYMS
                or any(s < end and start < e for s, e in taken)
            ):
                continue
            extra.append(Actor(IDENTITY, "nonstate", start, end, word, group=word))
    return sorted([*found, *extra], key=lambda a: a.start) if extra else found


def _actor(entry: _Entry, m: re.Match[str]) -> Actor:
    groups = m.groupdict()
    country = entry.country
    if country == "{dem}":
        country = (
            DEMONYMS.get(groups.get("dem") or "")
            or COUNTRY_NAMES.get(groups.get("cname") or groups.get("cname2") or "")
            or ""
        )
    name = entry.name
    if entry.force and country and name == entry.force:
        name = f"{entry.force} of {of_country(country)}"
    group = entry.group
    if group == "{group}":
        group = groups.get("group") or ""
    elif group == "{community}":
        group = _COMMUNITIES.get(m.group(), "")
    return Actor(
        name, entry.type, m.start(), m.end(), m.group(),
        country, entry.force, entry.unit, group, entry.aircraft,
    )  # fmt: skip


# ---------------------------------------------------------------- the country

# The country an actor fights in, for actors that fight in one country only: a
# report about the Houthis is about Yemen, so its "Hays" is Yemen's, not a US
# namesake. Actors active in several countries (Islamic State, Hezbollah, the
# PKK, foreign forces) imply none; state forces imply their own country when
# they seldom fight abroad (the police always, see actor_country).
ACTOR_COUNTRY: dict[str, str] = {
    "QDW: National Defense Forces": "SY",
    "Opposition Rebels (Syria)": "SY",
    "QSD: Syrian Democratic Forces": "SY",
    "YPG: Peoples Protection Units": "SY",
    "HTS: Hayat Tahrir al Sham": "SY",
    "Houthi Movement": "YE",
    "Popular Committees": "YE",
    "STC: Southern Transitional Council": "YE",
    "AQAP: Al Qaeda in the Arabian Peninsula": "YE",
    "LNA: Libyan National Army": "LY",
    "Taliban": "AF",
    "Islamic State (Afghanistan)": "AF",
    "TTP: Tehreek-i-Taliban Pakistan": "PK",
    "Hamas Movement": "PS",
    "PIJ: Palestinian Islamic Jihad": "PS",
    "Al Aqsa Martyrs Brigade": "PS",
    "Al Shabaab": "SO",
    "Islamic State (Somalia)": "SO",
    "African Union mission in Somalia": "SO",
    "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad": "NG",
    "Mungiki Militia": "KE",
    "MRC: Mombasa Republican Council": "KE",
    "SLDF: Sabaot Land Defence Force": "KE",
    "Donbas separatists": "UA",
    "UNIFIL: United Nations Interim Force in Lebanon": "LB",
    "Kataib Hezbollah": "IQ",
    "Saraya al Salam": "IQ",
    "Asaib Ahl al Haq": "IQ",
}


def home_country(actor: Actor) -> str | None:
    """The country ``actor`` fights in when the words tell it (see :data:`ACTOR_COUNTRY`)."""
    cc = ACTOR_COUNTRY.get(actor.name)
    if cc:
        return cc
    if actor.force and actor.country and (actor.force != MILITARY or actor.country in _HOME_FORCES):
        return actor.country
    return None


def actor_country(actors: list[Actor]) -> tuple[str, str] | None:
    """The country most of ``actors`` imply (see :func:`home_country`), and the actor
    that says so; ``None`` when none does or two countries tie.

    >>> actor_country(find_actors("Houthi fighters shelled Hays."))
    ('YE', 'Houthi Movement')
    """
    votes: dict[str, list[str]] = {}
    for a in actors:
        cc = home_country(a)
        if cc:
            votes.setdefault(cc, []).append(a.name)
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None
    cc, names = ranked[0]
    return cc, names[0]


# ---------------------------------------------------------------- ACLED's names

# ACLED's actor type codes (conflictgeo.taxonomy.INTER_CODES) of the named groups;
# a group not listed is a political militia (3), ACLED's code for armed groups
# that are not rebels and not organised around an identity.
_INTER: dict[str, int] = {
    "Al Shabaab": 2, "Islamic State": 2, "AQAP: Al Qaeda in the Arabian Peninsula": 2,
    "AQIM: Al Qaeda in the Islamic Maghreb": 2, "Al Qaeda": 2,
    "JNIM: Group for Support of Islam and Muslims": 2,
    "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad": 2,
    "HTS: Hayat Tahrir al Sham": 2, "QSD: Syrian Democratic Forces": 2,
    "YPG: Peoples Protection Units": 2, "Opposition Rebels (Syria)": 2, "Hamas Movement": 2,
    "PIJ: Palestinian Islamic Jihad": 2, "Al Aqsa Martyrs Brigade": 2,
    "PFLP: Popular Front for the Liberation of Palestine": 2, "PKK: Kurdistan Workers Party": 2,
    "TTP: Tehreek-i-Taliban Pakistan": 2, "Taliban": 2, "Houthi Movement": 2,
    "Donbas separatists": 2, "ADF: Allied Democratic Forces": 2, "M23: March 23 Movement": 2,
    "OLF: Oromo Liberation Front": 2, "TPLF: Tigray People's Liberation Front": 2,
    "NPA: New People's Army": 2, "Settlers (Israel)": 4, "International coalition": 8,
    "African Union mission in Somalia": 8, "UNIFIL: United Nations Interim Force in Lebanon": 8,
    "United Nations peacekeepers": 8, "Wagner Group": 8, REBELS: 3, MILITIAS: 3,
    UNIDENTIFIED: 3, GANG: 3, "Islamist Militia": 3, IDENTITY: 4, RIOTERS: 5, PROTESTERS: 6,
    CIVILIANS: 7, UNIDENTIFIED_MILITARY: 8, "LNA: Libyan National Army": 1,
    "QDW: National Defense Forces": 3, "Popular Committees": 3, "Militia (Pro-Government)": 3,
}  # fmt: skip
# Islamic State's branches as ACLED names them, by the event's country.
_IS_BRANCH = {
    "NG": "West Africa", "TD": "West Africa", "CM": "West Africa", "CD": "Central Africa",
    "ML": "Sahel", "BF": "Sahel", "NE": "Sahel", "BJ": "Sahel", "TG": "Sahel",
}  # fmt: skip
# Yemen's recognised government beside the Houthis' in Sanaa: ACLED adds who leads it.
_STATE_SUFFIX = {("YE", 2012): "Hadi", ("YE", 2022): "Presidential Leadership Council"}
_HOUTHI_STATE = dt.date(2016, 7, 28)  # the Supreme Political Council in Sanaa
_TALIBAN_STATE = dt.date(2021, 8, 15)  # the fall of Kabul
_DONBAS_ANNEXED = dt.date(2022, 9, 30)
_AU_MISSIONS = (
    (dt.date(2022, 4, 1), "AMISOM: African Union Mission in Somalia (2007-2022)"),
    (dt.date(2025, 1, 1), "ATMIS: African Union Transition Mission in Somalia (2022-2024)"),
    (dt.date.max, "AUSSOM: African Union Support and Stabilization Mission in Somalia (2025-)"),
)
_GROUP_INTER = {CIVILIANS, PROTESTERS, RIOTERS}


# A state's air force under its own name where ACLED writes it so.
AIR_FORCES = {"SY": "Syrian Arab Air Force", "IR": "Islamic Republic of Iran Air Force"}


def state_name(force: str, code: str, date: dt.date | None, unit: str = "") -> str:
    """ "Military Forces of Syria (2000-2024)": a state's forces, with its period and unit.

    >>> state_name(MILITARY, "RU", dt.date(2023, 3, 1), "Air Force")
    'Military Forces of Russia (2000-) Air Force'
    """
    name = f"{force} of {of_country(code)}"
    label = period(code, date)
    if label:
        name += f" ({label})"
        suffix = _STATE_SUFFIX.get((code, int(label[:4])))
        if suffix:
            name += f" {suffix}"
    if unit == "Air Force":
        unit = AIR_FORCES.get(code, unit)
    return f"{name} {unit}" if unit else name


def in_country(template: str, code: str | None) -> str:
    """ "Civilians (Kenya)": an actor named by the country it acts in."""
    return f"{template} ({country_name(code)})" if code else template


def acled_name(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    """``actor`` named as ACLED names it, for an event in ``country`` (ISO) on ``date``.

    >>> acled_name(find_actors("Russian warplanes")[0], "UA", dt.date(2023, 3, 1))
    Named(name='Military Forces of Russia (2000-) Air Force', assoc=None, inter=8)
    >>> acled_name(find_actors("students")[0], "KE", None)
    Named(name='Civilians (Kenya)', assoc='Students (Kenya)', inter=7)
    """
    named = _NAMERS.get(actor.name)
    if named is not None:
        return named(actor, country, date)
    if actor.force:
        code = actor.country or country
        if not code:
            return Named(actor.force, None, 1)
        if actor.force == GOVERNMENT:
            label = period(code, date)
            return Named(f"Government of {of_country(code)}" + (f" ({label})" if label else ""),
                         None, 1)  # fmt: skip
        inter = 1 if not country or code == country else 8
        return Named(state_name(actor.force, code, date, actor.unit), None, inter)
    if actor.name in _GROUP_INTER:
        if actor.name == CIVILIANS and actor.country and country and actor.country != country:
            return Named("Civilians (International)", None, 7)  # foreigners
        return crowd(actor.name, country, actor.group)
    return Named(actor.name, None, _INTER.get(actor.name, 3))


def crowd(name: str, country: str | None, group: str = "") -> Named:
    """Civilians, protesters or rioters in ``country``, with who they are ("Students").

    >>> crowd(PROTESTERS, "IN", "Labor Group")
    Named(name='Protesters (India)', assoc='Labor Group (India)', inter=6)
    """
    assoc = in_country(group, country) if group else None
    return Named(in_country(name, country), assoc, _INTER[name])


def _islamic_state(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    branch = _IS_BRANCH.get(country or "")
    if branch == "Sahel" and date is not None and date < dt.date(2022, 3, 1):
        branch = "Greater Sahara"  # renamed a province of its own in March 2022
    if country == "MZ":
        branch = "Mozambique" if date is None or date >= dt.date(2022, 5, 1) else "Central Africa"
    return Named(f"Islamic State ({branch or country_name(country)})" if country else "Islamic State",
                 None, 2)  # fmt: skip


def _sahel(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    old = date is not None and date < dt.date(2022, 3, 1)
    return Named("Islamic State (Greater Sahara)" if old else "Islamic State (Sahel)", None, 2)


def _nusra(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    """Al-Nusra Front, renamed Jabhat Fateh al-Sham in July 2016, merged into HTS in
    January 2017."""
    if date is not None and date < dt.date(2016, 7, 28):
        return Named("Jabhat al Nusra", None, 2)
    if date is not None and date < dt.date(2017, 1, 28):
        return Named("JFS: Jabhat Fateh al Sham", None, 2)
    return Named("HTS: Hayat Tahrir al Sham", None, 2)


def _houthis(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    if date is not None and date < _HOUTHI_STATE:
        return Named("Houthi Movement", None, 2)
    force = POLICE if actor.force == POLICE else MILITARY
    return Named(f"{force} of Yemen (2017-) Houthi", None, 1)


def _taliban(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    if date is not None and date < _TALIBAN_STATE:
        return Named("Taliban", None, 2)
    return Named(state_name(MILITARY, "AF", date), None, 1 if country in (None, "AF") else 8)


def _donbas(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    luhansk = "Luhansk" in actor.text or "Lugansk" in actor.text or "LPR" in actor.text
    militia = "Luhansk People's Militia" if luhansk else "Donetsk People's Militia"
    if date is not None and date >= _DONBAS_ANNEXED:
        return Named(state_name(MILITARY, "RU", date, militia), None, 8 if country != "RU" else 1)
    known = any(w in actor.text for w in ("Donetsk", "Luhansk", "Lugansk", "DPR", "LPR", "DNR", "LNR"))  # fmt: skip
    assoc = (
        ("Luhansk People's Militia" if luhansk else "Donbass People's Militia") if known else None
    )
    return Named("NAF: United Armed Forces of Novorossiya", assoc, 2)


def _rebels(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    """Unnamed rebels, as ACLED codes them where one opposition is meant."""
    if country == "SY":
        return Named("Opposition Rebels (Syria)", None, 2)
    if country == "UA" and (date is None or date < _DONBAS_ANNEXED):
        return _donbas(actor, country, date)
    return Named(in_country(UNIDENTIFIED, country), None, 3)


def _militias(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    return Named(in_country(UNIDENTIFIED, country), None, 3)


def _unidentified(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    return Named(in_country(actor.name, country), None, 3)


_COMMUNAL = ("communal", "village", "local", "herd", "pastoral", "vigilant", "defen")
_HERDERS = ("herders", "herdsmen", "pastoralists")


def _identity(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    """Ethnic, clan, tribal and communal militias: "Pokot Ethnic Militia (Kenya)",
    "Unidentified Communal Militia (Benin)"; armed herders are pastoralists."""
    lower = actor.text.lower()
    kind = {"SO": "Clan", "YE": "Tribal"}.get(country or "", "")
    if not kind:  # a named community is an ethnic group's ("Rizeigat communal militias")
        kind = "Communal" if not actor.group and any(w in lower for w in _COMMUNAL) else "Ethnic"
    who = actor.group or "Unidentified"
    assoc = in_country("Pastoralists", country) if any(w in lower for w in _HERDERS) else None
    return Named(in_country(f"{who} {kind} Militia", country), assoc, 4)


def _islamist(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    return Named(in_country("Islamist Militia", country), None, 3)


def _coalition(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    if country == "YE" or "Saudi" in actor.text or "Arab" in actor.text:
        return Named("Operation Restoring Hope", None, 8)
    return Named("Global Coalition Against Daesh", None, 8)


def _au_mission(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    day = date or dt.date.max
    return Named(
        next(name for end, name in _AU_MISSIONS if day < end or end == dt.date.max), None, 8
    )


def _kurdish(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    if country == "IQ":
        return Named(state_name(MILITARY, "IQ", date, "Peshmerga"), None, 1)
    if country == "TR":
        return Named("PKK: Kurdistan Workers Party", None, 2)
    return Named("QSD: Syrian Democratic Forces", None, 2)


def _unidentified_military(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    return Named(UNIDENTIFIED_MILITARY, None, 8)


def _sna(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    if country == "SY":
        return Named("Opposition Rebels (Syria)", None, 2)
    return Named(state_name(MILITARY, "SO", date), None, 1 if country in (None, "SO") else 8)


def _lna(actor: Actor, country: str | None, date: dt.date | None) -> Named:
    return Named("LNA: Libyan National Army", None, 1)


_NAMERS: dict[str, Callable[[Actor, str | None, dt.date | None], Named]] = {
    "Islamic State": _islamic_state,
    "Islamic State (Sahel)": _sahel,
    "Houthi Movement": _houthis,
    "HTS: Hayat Tahrir al Sham": _nusra,
    "Taliban": _taliban,
    "Donbas separatists": _donbas,
    REBELS: _rebels,
    MILITIAS: _militias,
    UNIDENTIFIED: _unidentified,
    GANG: _unidentified,
    IDENTITY: _identity,
    "Islamist Militia": _islamist,
    "International coalition": _coalition,
    "African Union mission in Somalia": _au_mission,
    "Kurdish forces": _kurdish,
    UNIDENTIFIED_MILITARY: _unidentified_military,
    "LNA: Libyan National Army": _lna,
    "SNA": _sna,
}


# ------------------------------------------------------------------ attribution

# Words that put an attack on a group named elsewhere in the report: "Al Shabaab
# claimed responsibility", "blamed on IS", "suspected Boko Haram militants".
_ATTRIBUTION = re.compile(
    r"\b(?:claim\w*|suspect\w*|blam\w*|responsib\w*|believed|attribut\w*|accus\w*|"
    r"allegedly)\b",
    re.IGNORECASE,
)
_NOT_ATTRIBUTABLE = {*STATE_FORCES, UNIDENTIFIED, GANG, UNIDENTIFIED_MILITARY, REBELS, MILITIAS,
                     IDENTITY, PROTESTERS, RIOTERS, CIVILIANS, "Islamist Militia"}  # fmt: skip


@functools.lru_cache(maxsize=256)
def attributed(text: str) -> Actor | None:
    """The named armed group ``text`` holds responsible ("Al Shabaab is suspected"),
    if it names one; its first such group.

    >>> attributed("A bomb hit a bus. Al Shabaab claimed responsibility.").name
    'Al Shabaab'
    """
    if not _ATTRIBUTION.search(text):
        return None  # no word of blame: no need to look for the groups
    for a in find_actors(text):
        if a.type != "nonstate" or a.name in _NOT_ATTRIBUTABLE:
            continue
        if _ATTRIBUTION.search(text, max(0, a.start - 40), min(len(text), a.end + 40)):
            return a
    return None
