"""Area centres of divisions known by their towns, on made-up countries."""

from __future__ import annotations

import pytest
from geopy.distance import great_circle
from shapely.geometry import box

from conflictgeo.gazetteer.centres import area_centres


def test_a_division_whose_towns_crowd_its_south_is_placed_in_its_middle() -> None:
    # A country 4 degrees wide and 8 high; its west half is division W, whose
    # towns crowd in the south but for one in the empty north, like Ontario's;
    # the east half E has towns spread evenly.
    country = box(0.0, 0.0, 4.0, 8.0)
    west = [(0.5 + 0.1 * i, 0.5 + 0.1 * j, "W") for i in range(10) for j in range(10)]
    west.append((7.0, 1.0, "W"))
    east = [(0.5 + i, 3.0, "E") for i in range(8)]
    centres = area_centres([*west, *east], country, reach_km=1000)
    lat, lon = centres["W"]
    # The mean of W's towns lies at about 1.1N; the middle of its half at 4N, 1E.
    assert 3.0 < lat < 5.0 and 0.5 < lon < 1.5
    assert great_circle(centres["E"], (4.0, 3.0)).km < 120


def test_towns_stand_for_no_land_beyond_their_reach() -> None:
    # Only three towns of a large country carry codes (one state's dump, say): their
    # division does not take the whole country, only the land near its towns.
    country = box(0.0, 0.0, 20.0, 20.0)
    towns = [(1.0, 1.0, "X"), (1.0, 2.0, "X"), (2.0, 1.0, "X")]
    lat, lon = area_centres(towns, country, reach_km=150)["X"]
    assert great_circle((lat, lon), (1.3, 1.3)).km < 150


def test_without_an_outline_or_enough_towns_a_division_is_its_towns_mean() -> None:
    towns = [(10.0, 10.0, "A"), (12.0, 10.0, "A")]
    assert area_centres(towns, None, reach_km=500)["A"] == pytest.approx((11.0, 10.0), abs=0.01)
    assert area_centres(towns, box(0, 0, 30, 30), reach_km=500)["A"] == pytest.approx(
        (11.0, 10.0), abs=0.01
    )


def test_a_country_across_the_antimeridian_keeps_its_divisions_there() -> None:
    country = box(178.0, -20.0, 180.0, -15.0).union(box(-180.0, -20.0, -178.0, -15.0))
    towns = [
        (-17.0, 179.0, "West"),
        (-18.0, 179.5, "West"),
        (-17.5, -179.5, "East"),
        (-18.5, -179.0, "East"),
    ]
    centres = area_centres(towns, country, reach_km=500)
    assert centres["West"][1] > 178.0
    assert centres["East"][1] < -178.0
