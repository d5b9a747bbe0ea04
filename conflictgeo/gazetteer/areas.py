"""Points for administrative areas that come without coordinates.

GeoNames' ``admin2Codes.txt`` (and ``admin1CodesASCII.txt``) name every
division but give no coordinates; the dumps give each populated place its
division codes. An area named in such a table that has no row of its own is
therefore placed at the spherical mean of its populated places and given their
summed population, marked ``approximate`` — the same rule the embedded layer
uses for provinces (see :mod:`conflictgeo.gazetteer.sources`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict

from conflictgeo.gazetteer.sources import PlaceRow, spherical_mean

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
    rows = []
    for table, code in (("admin1", "ADM1"), ("admin2", "ADM2")):
        for key, name, gid in db.execute(f"SELECT key, name, geonameid FROM {table}"):
            parts = tuple(key.split("."))
            inside = members.get(parts)
            if not gid or gid in present or not inside:
                continue
            lat, lon = spherical_mean([(la, lo) for la, lo, _ in inside])
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
                    population=sum(p for _, _, p in inside),
                    approximate=True,
                )
            )
    log.info("derived points for %d divisions from their places", len(rows))
    return rows
