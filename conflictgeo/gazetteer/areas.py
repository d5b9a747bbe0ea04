"""Points for administrative areas that come without coordinates.

GeoNames' ``admin2Codes.txt`` (and ``admin1CodesASCII.txt``) name every
division but give no coordinates; the dumps give each populated place its
division codes. An area named in such a table that has no row of its own is
therefore placed at the centre of the area its populated places cover (their
Voronoi cells within the country's outline,
:func:`~conflictgeo.gazetteer.centres.area_centres`) and given their summed
population, marked ``approximate`` — the same rule the embedded layer uses for
provinces (see :mod:`conflictgeo.gazetteer.sources`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict

from conflictgeo.gazetteer.sources import (
    COUNTY_REACH_KM,
    PROVINCE_REACH_KM,
    PlaceRow,
    country_outline,
)

log = logging.getLogger(__name__)


def derived_area_rows(db: sqlite3.Connection) -> list[PlaceRow]:
    """Rows for the named divisions the store lacks a place row for."""
    members: dict[tuple[str, ...], list[tuple[float, float, int]]] = defaultdict(list)
    for cc, a1, a2, lat, lon, pop in db.execute(
        "SELECT country_code, admin1, admin2, lat, lon, population FROM places"
        " WHERE feature_class = 'P' AND admin1 != ''"
    ):
        members[(cc, a1)].append((lat, lon, pop or 0))
        if a2:
            members[(cc, a1, a2)].append((lat, lon, pop or 0))
    present = {gid for (gid,) in db.execute("SELECT geonameid FROM places")}
    wanted = []
    for table, code in (("admin1", "ADM1"), ("admin2", "ADM2")):
        for key, name, gid in db.execute(f"SELECT key, name, geonameid FROM {table}"):
            parts = tuple(key.split("."))
            if gid and gid not in present and parts in members:
                wanted.append((parts, name, gid, code))
    points = _centres(members, {parts for parts, *_ in wanted})
    rows = []
    for parts, name, gid, code in wanted:
        lat, lon = points[parts]
        rows.append(
            PlaceRow(
                geonameid=gid,
                name=name,
                names=(name,),
                lat=lat,
                lon=lon,
                feature_class="A",
                feature_code=code,
                country_code=parts[0],
                admin1=parts[1],
                admin2=parts[2] if len(parts) > 2 else "",
                population=sum(p for _, _, p in members[parts]),
                approximate=True,
            )
        )
    log.info("derived points for %d divisions from their places", len(rows))
    return rows


def _centres(
    members: dict[tuple[str, ...], list[tuple[float, float, int]]], wanted: set[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[float, float]]:
    """The area centre of each wanted division, one country and level at a time
    (the towns of a level share out the country among its divisions)."""
    from conflictgeo.gazetteer.centres import area_centres  # shapely: only when loading

    levels = {(parts[0], len(parts)) for parts in wanted}
    towns: dict[tuple[str, int], list[tuple[float, float, tuple[str, ...]]]] = defaultdict(list)
    for parts, places in members.items():
        if (parts[0], len(parts)) in levels:
            towns[(parts[0], len(parts))].extend((lat, lon, parts) for lat, lon, _ in places)
    out: dict[tuple[str, ...], tuple[float, float]] = {}
    for (cc, size), level in sorted(towns.items()):
        reach = PROVINCE_REACH_KM if size == 2 else COUNTY_REACH_KM
        out.update(area_centres(level, country_outline(cc), reach))  # type: ignore[arg-type]
    return out
