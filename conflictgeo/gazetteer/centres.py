"""Representative points of areas known only by their towns.

A gazetteer such as GeoNames places a province or county near the middle of its
area, and gold corpora score a mention of it against that point. A division
without coordinates of its own (the embedded layer's provinces, the counties of
``admin2Codes.txt``) is known here by the populated places that carry its code,
and their mean sits where the people are: Ontario's towns crowd its south, so
their mean lies 600 km from the middle of the province. Instead each town is
given the part of its country nearer to it than to any other town (its Voronoi
cell, clipped to the country's outline), a division is the union of its towns'
cells, and its point is that area's centroid. A sparse north then counts by its
area, not by its few towns.

Distances and areas are taken in a Lambert azimuthal equal-area projection
centred on the country, so that cells are true nearest-town regions and the
centroid weighs every square kilometre alike, at high latitudes too.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

_R = 6371.0  # km, a sphere: the ellipsoid changes a centroid by far less than a town's size


def area_centres(
    towns: Sequence[tuple[float, float, Hashable]],
    outline: BaseGeometry | None,
    reach_km: float,
) -> dict[Hashable, tuple[float, float]]:
    """The centre (lat, lon) of the area each label's towns cover in one country.

    ``towns`` are (lat, lon, label) with the label of the division each town is
    in; ``outline`` is the country's (multi)polygon in lon/lat. A town covers
    no land beyond ``reach_km``, so that where only part of a country's towns
    carry codes (one state's dump) the edge divisions do not take the rest of
    it. Without an outline, or with fewer than three distinct towns, or for a
    label whose cells lie outside the outline, the label's point is the
    spherical mean of its towns.
    """
    means = _means(towns)
    if outline is None or outline.is_empty:
        return means
    unique: dict[tuple[float, float], Hashable] = {}
    for lat, lon, label in towns:
        unique.setdefault((lat, lon), label)  # a shared point's cell goes to the first
    if len(unique) < 3:
        return means
    lat0, lon0 = _centre(list(unique))
    lat = np.radians([p[0] for p in unique])
    lon = np.radians([p[1] for p in unique])
    x, y = _project(lat, lon, math.radians(lat0), math.radians(lon0))
    points = shapely.multipoints(np.column_stack([x, y]))
    shape = shapely.transform(
        shapely.make_valid(outline),
        lambda xy: np.column_stack(
            _project(
                np.radians(xy[:, 1]), np.radians(xy[:, 0]), math.radians(lat0), math.radians(lon0)
            )
        ),
    )
    frame = shapely.union(shapely.envelope(points), shapely.envelope(shape)).buffer(1.0)
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=frame, ordered=True))
    shapely.prepare(shape)
    inside = shapely.contains(shape, cells)  # most cells: no clipping needed
    clipped = cells.copy()
    clipped[~inside] = shapely.intersection(cells[~inside], shape)
    # Cells reaching farther than reach_km from their town (corners beyond it) are
    # cut to a disc around it.
    bounds = shapely.bounds(clipped)
    corner = np.maximum(np.abs(bounds[:, [0, 2]] - x[:, None]).max(axis=1), 0.0)
    corner = np.hypot(corner, np.abs(bounds[:, [1, 3]] - y[:, None]).max(axis=1))
    wide = np.nan_to_num(corner, nan=0.0) > reach_km
    if wide.any():
        discs = shapely.buffer(shapely.points(x[wide], y[wide]), reach_km, quad_segs=8)
        clipped[wide] = shapely.intersection(clipped[wide], discs)
    area = shapely.area(clipped)
    keep = area > 0  # a cell wholly outside the outline (a coastal town's) has no area
    centroid = shapely.centroid(clipped[keep])
    names = list(unique.values())
    index: dict[Hashable, int] = {}
    codes = np.array([index.setdefault(n, len(index)) for n in names])
    total = np.bincount(codes[keep], weights=area[keep], minlength=len(index))
    cx = np.bincount(
        codes[keep], weights=area[keep] * shapely.get_x(centroid), minlength=len(index)
    )
    cy = np.bincount(
        codes[keep], weights=area[keep] * shapely.get_y(centroid), minlength=len(index)
    )
    out = dict(means)
    has = total > 0
    inv_lat, inv_lon = _unproject(
        cx[has] / total[has], cy[has] / total[has], math.radians(lat0), math.radians(lon0)
    )
    labels = [n for n, i in index.items() if has[i]]
    for label, la, lo in zip(labels, np.degrees(inv_lat), np.degrees(inv_lon), strict=True):
        out[label] = (round(float(la), 5), round(float((lo + 180) % 360 - 180), 5))
    return out


def _means(towns: Sequence[tuple[float, float, Hashable]]) -> dict[Hashable, tuple[float, float]]:
    by: dict[Hashable, list[tuple[float, float]]] = {}
    for lat, lon, label in towns:
        by.setdefault(label, []).append((lat, lon))
    return {label: _centre(points) for label, points in by.items()}


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of points on the sphere (safe across the antimeridian)."""
    la = np.radians([p[0] for p in points])
    lo = np.radians([p[1] for p in points])
    x = float(np.sum(np.cos(la) * np.cos(lo)))
    y = float(np.sum(np.cos(la) * np.sin(lo)))
    z = float(np.sum(np.sin(la)))
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
        round(math.degrees(math.atan2(y, x)), 5),
    )


def _project(
    lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float
) -> tuple[np.ndarray, np.ndarray]:
    """Spherical Lambert azimuthal equal-area: radians in, km out."""
    cos_d = np.cos(lon - lon0)
    cos_c = math.sin(lat0) * np.sin(lat) + math.cos(lat0) * np.cos(lat) * cos_d
    k = np.sqrt(2.0 / np.maximum(1.0 + cos_c, 1e-12))
    x = _R * k * np.cos(lat) * np.sin(lon - lon0)
    y = _R * k * (math.cos(lat0) * np.sin(lat) - math.sin(lat0) * np.cos(lat) * cos_d)
    return x, y


def _unproject(
    x: np.ndarray, y: np.ndarray, lat0: float, lon0: float
) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of :func:`_project` (km in, radians out)."""
    rho = np.maximum(np.hypot(x, y), 1e-12)
    c = 2.0 * np.arcsin(np.clip(rho / (2.0 * _R), -1.0, 1.0))
    lat = np.arcsin(
        np.clip(np.cos(c) * math.sin(lat0) + y * np.sin(c) * math.cos(lat0) / rho, -1.0, 1.0)
    )
    lon = lon0 + np.arctan2(
        x * np.sin(c), rho * math.cos(lat0) * np.cos(c) - y * math.sin(lat0) * np.sin(c)
    )
    return lat, lon
