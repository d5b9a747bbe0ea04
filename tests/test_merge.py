"""De-duplication across documents: rules, figures, and the recorded reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conflictgeo.merge import MergeRules, merge_events, same_event
from conflictgeo.model import Casualties, DateRange, Event, Located, Place

SALMA = Place(164907, "Salma", 35.689, 36.1369, "SY", "P", "PPL", "02", "Latakia")
# About 5 km east of Salma, and a town some 30 km away.
NEAR_SALMA = Place(1, "Nearby", 35.689, 36.192, "SY", "P", "PPL", "02", "Latakia")
FAR = Place(2, "Far", 35.95, 36.1369, "SY", "P", "PPL", "02", "Latakia")
LATAKIA_PROVINCE = Place(3, "Latakia", 35.6, 36.0, "SY", "A", "ADM1", "02", "Latakia")


def deaths(n: int | None) -> Casualties | None:
    if n is None:
        return None
    return Casualties(n, n, n, n, f"{n} killed", "exact figure")


def event(
    doc: str,
    *,
    kind: str = "air_strike",
    day: dt.date = dt.date(2013, 8, 10),
    precision: int = 1,
    place: Place = SALMA,
    geo: int | None = 1,
    actor1: str | None = "Syrian Air Force",
    killed: int | None = 7,
) -> Event:
    end = day if precision == 1 else day + dt.timedelta(days=6)
    return Event(
        event_id=f"ev-{doc}",
        kind=kind,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=DateRange(day, end, day, precision, precision, "", ""),
        actor1=actor1,
        actor2=None,
        where=Located(place, place.name, geo, 1 if geo == 1 else 4, "test"),
        casualties=deaths(killed),
        displaced=None,
        displaced_text=None,
        notes="",
        doc_id=doc,
        evidence="",
        char_start=0,
        char_end=1,
        confidence=0.8,
        sources=(doc,),
    )


def test_same_kind_day_and_place_is_one_event_with_both_sources_and_the_reason() -> None:
    (merged,) = merge_events([event("a"), event("b")])
    assert merged.sources == ("a", "b")
    assert merged.event_id == "ev-a"
    (why,) = merged.merged_because
    assert why.startswith("ev-b from b:")
    assert "same day 2013-08-10" in why and "same place (Salma)" in why
    assert "actors agree (Syrian Air Force)" in why
    assert merged.record()["merged_because"] == why


def test_unmerged_events_have_no_reason() -> None:
    rows = merge_events([event("a"), event("b", kind="shelling")])
    assert len(rows) == 2
    assert all(r.merged_because == () and r.record()["merged_because"] is None for r in rows)


def test_days_apart_need_the_rule() -> None:
    pair = [event("a"), event("b", day=dt.date(2013, 8, 11))]
    assert len(merge_events(pair)) == 2
    (merged,) = merge_events(pair, rules=MergeRules(max_days_apart=1))
    assert "1 day(s) apart" in merged.merged_because[0]


def test_a_week_known_only_roughly_overlaps_a_day_in_it() -> None:
    pair = [event("a", day=dt.date(2013, 8, 7), precision=2), event("b")]
    (merged,) = merge_events(pair)
    assert "dates overlap" in merged.merged_because[0]


@pytest.mark.parametrize(
    ("place", "rules", "rows"),
    [
        pytest.param(NEAR_SALMA, MergeRules(), 1, id="5-km-within-10"),
        pytest.param(FAR, MergeRules(), 2, id="29-km-too-far"),
        pytest.param(FAR, MergeRules(max_km=50), 1, id="29-km-within-50"),
    ],
)
def test_nearby_places(place: Place, rules: MergeRules, rows: int) -> None:
    assert len(merge_events([event("a"), event("b", place=place)], rules=rules)) == rows


def test_a_province_matches_a_town_in_it_only_when_asked() -> None:
    pair = [event("a", place=LATAKIA_PROVINCE, geo=3), event("b")]
    assert len(merge_events(pair)) == 2
    (merged,) = merge_events(pair, rules=MergeRules(match_areas=True))
    assert merged.where.place == SALMA  # the finer placement wins
    assert "one lies in the other" in merged.merged_because[0]


def test_conflicting_actors_are_two_events() -> None:
    pair = [event("a"), event("b", actor1="Russian Air Force")]
    assert len(merge_events(pair)) == 2
    assert same_event(pair[0], pair[1]) == ""


def test_a_missing_actor_does_not_conflict() -> None:
    (merged,) = merge_events([event("a"), event("b", actor1=None)])
    assert "no conflicting actors" in merged.merged_because[0]
    assert merged.actor1 == "Syrian Air Force"


def test_acled_keeps_the_lowest_figure_until_corroborated() -> None:
    (merged,) = merge_events([event("a", killed=10), event("b", killed=7)])
    assert merged.casualties is not None
    assert merged.casualties.fatalities == 7
    assert (merged.casualties.low, merged.casualties.high) == (7, 10)
    assert "the lowest figure (ACLED)" in merged.merged_because[0]

    (merged,) = merge_events([event("a", killed=10), event("b", killed=7), event("c", killed=10)])
    assert merged.casualties is not None
    assert merged.casualties.fatalities == 10
    assert "corroborated" in merged.merged_because[-1]


def test_a_report_without_a_figure_is_not_a_report_of_zero() -> None:
    (merged,) = merge_events([event("a", killed=None), event("b", killed=4)])
    assert merged.casualties is not None
    assert merged.casualties.fatalities == 4


def test_corroboration_is_configurable() -> None:
    rows = [event("a", killed=10), event("b", killed=7)]
    (merged,) = merge_events(rows, rules=MergeRules(corroboration=1))
    assert merged.casualties is not None and merged.casualties.fatalities == 10


def test_bad_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="corroboration"):
        MergeRules(corroboration=0)


def test_undated_events_are_kept_apart() -> None:
    a, b = event("a"), event("b")
    rows = merge_events([dataclasses.replace(a, date=None), dataclasses.replace(b, date=None)])
    assert len(rows) == 2


def test_many_events_merge_quickly_and_in_order() -> None:
    days = [dt.date(2013, 8, 1) + dt.timedelta(days=i % 300) for i in range(6000)]
    rows = merge_events(event(str(i), day=d) for i, d in enumerate(days))
    assert len(rows) == 300
    assert [r.date.event_date for r in rows[:3] if r.date] == days[:3]
    assert rows[0].sources == tuple(str(i) for i in range(0, 6000, 300))


def test_no_rules_merge_nothing() -> None:
    pair = [event("a"), event("b")]
    assert merge_events(pair, rules=None) == pair


def with_sides(doc: str, actor1: str | None, actor2: str | None, **kw) -> Event:
    return dataclasses.replace(event(doc, actor1=actor1, **kw), actor2=actor2)


def test_victims_named_differently_are_one_event_with_the_disagreement_recorded() -> None:
    """One air strike, two reports: one says rebels were hit, the other civilians."""
    pair = [
        with_sides("a", "Military Forces of Syria", "Civilians (Syria)", killed=20),
        with_sides("b", "Military Forces of Syria", "Opposition Rebels (Syria)", killed=20),
    ]
    (merged,) = merge_events(pair)
    assert merged.casualties is not None and merged.casualties.fatalities == 20  # not 40
    assert merged.actor2 == "Civilians (Syria)"  # the first report's
    (why,) = merged.merged_because
    assert "actor 2 named differently" in why and "'Opposition Rebels (Syria)' in b" in why


def test_a_state_and_its_air_force_are_one_side() -> None:
    pair = [
        with_sides("a", "Military Forces of Syria (2000-2024)", None),
        with_sides("b", "Military Forces of Syria (2000-2024) Syrian Arab Air Force", None),
    ]
    (merged,) = merge_events(pair)
    assert "actor 1 named" in merged.merged_because[0]


def test_a_side_one_report_lacks_is_taken_with_its_code() -> None:
    pair = [
        with_sides("a", None, "Civilians (Kenya)"),
        dataclasses.replace(with_sides("b", "Al Shabaab", "Civilians (Kenya)"), inter1=2),
    ]
    (merged,) = merge_events(pair)
    assert (merged.actor1, merged.inter1) == ("Al Shabaab", 2)


def test_who_acted_named_differently_is_still_two_events() -> None:
    pair = [
        with_sides("a", "Military Forces of Syria", "Civilians (Syria)"),
        with_sides("b", "Military Forces of Russia", "Civilians (Syria)"),
    ]
    assert len(merge_events(pair)) == 2
