"""Great-circle distances in kilometres, for every stage that measures one.

Haversine on the mean Earth radius (geopy's ``great_circle``), written with
numpy so one call measures whole arrays of pairs. geopy itself is not used
here: importing it costs more start-up time than every distance of a run.

>>> round(haversine_km(35.52, 35.78, 35.93, 36.63), 1)  # Latakia to Idlib
89.3
"""

from __future__ import annotations

from typing import Any

import numpy as np

EARTH_KM = 6371.009  # mean Earth radius, as geopy's great_circle


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Distance between points given in degrees; arrays broadcast, scalars give a float."""
    lat1, lon1, lat2, lon2 = (np.radians(v) for v in (lat1, lon1, lat2, lon2))
    km = haversine_radians_km(lat1, lon1, np.cos(lat1), lat2, lon2, np.cos(lat2))
    return float(km) if np.ndim(km) == 0 else km


def haversine_radians_km(
    lat1: Any, lon1: Any, cos_lat1: Any, lat2: Any, lon2: Any, cos_lat2: Any
) -> Any:
    """:func:`haversine_km` on points in radians with their latitudes' cosines.

    For a caller that measures many points against one fixed set: it converts
    that set once. The same operations in the same order, so the same numbers.
    """
    dlat, dlon = (lat2 - lat1) / 2, (lon2 - lon1) / 2
    h = np.sin(dlat) ** 2 + cos_lat1 * cos_lat2 * np.sin(dlon) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
