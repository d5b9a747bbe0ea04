"""Events from sentences: typing by actors, ACLED precedence, clauses, places, notes.

Reports are written in the tests; places come from the embedded gazetteer.
"""

from __future__ import annotations

import pytest

from conflictgeo.document import process
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.model import Event


def events(text: str, gazetteer: Gazetteer, published: str = "2019-08-10") -> list[Event]:
    return list(process(text, published=published, gazetteer=gazetteer).events)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Government forces and Hezbollah fighters recaptured Qusayr on 5 June 2013.",
            "territory_regained_gov",
            id="subject-head-types-the-retake",
        ),
        pytest.param(
            "Rebels took control of Jarabulus on 24 August 2016 after IS withdrew without a fight.",
            "territory_transfer",
            id="no-fighting-is-a-transfer",
        ),
        pytest.param(
            "Rebels seized Saraqib on 6 February 2020; at least 9 soldiers were killed.",
            "territory_taken_nonstate",
            id="deaths-mean-fighting",
        ),
        pytest.param(
            "Taliban fighters abducted 17 passengers in Kunduz on Friday and killed ten of them.",
            "attack_on_civilians",
            id="abduction-with-deaths-is-an-attack",
        ),
        pytest.param(
            "A suicide truck bomb hit a police centre in Zliten on 7 January 2016, killing 60.",
            "suicide_bombing",
            id="suicide-not-ied",
        ),
        pytest.param(
            "Unidentified gunmen opened fire on protesters in Baghdad on 6 December 2019, "
            "killing at least 20 people.",
            "attack_on_civilians",
            id="protesters-as-victims",
        ),
        pytest.param(
            "Protesters stormed the provincial council building in Basra on 14 July 2018.",
            "riot",
            id="riot",
        ),
        pytest.param(
            "Protesters clashed with security forces near parliament in Beirut on 5 August 2020.",
            "riot",
            id="protesters-clashed",
        ),
        pytest.param(
            "An unidentified aircraft struck a residential area in Derna on 30 October 2017, "
            "killing 12 civilians.",
            "air_strike",
            id="aircraft-struck",
        ),
        pytest.param(
            "Forces loyal to the unity government drove Islamic State militants out of Sabratha "
            "on 24 February 2016.",
            "territory_regained_gov",
            id="loyal-to-the-government",
        ),
        pytest.param(
            "Hundreds of residents left villages around Lice on 12 August 2017 as the army "
            "launched an operation.",
            "displacement",
            id="left-villages",
        ),
        pytest.param(
            "The Taliban captured the Islam Qala crossing on 9 July 2021 after Afghan forces fled.",
            "territory_transfer",
            id="defenders-fled",
        ),
    ],
)
def test_first_event_kind(text: str, kind: str, embedded_gazetteer: Gazetteer) -> None:
    assert events(text, embedded_gazetteer)[0].kind == kind


def test_clashes_followed_by_shelling_are_two_events(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "Israeli troops and Hezbollah fighters clashed near Khiam on Wednesday, "
        "followed by heavy shelling of the town.",
        embedded_gazetteer,
    )
    assert [e.kind for e in found] == ["armed_clash", "shelling"]


@pytest.mark.parametrize(
    "text",
    [
        "The army denied shelling Douma on Saturday, saying rebels had fired the mortars.",
        "Turkey threatened to storm Tal Abyad if Kurdish forces did not withdraw.",
        "Regime warplanes will continue to bomb rebel areas until Idlib is retaken.",
    ],
    ids=["denial", "threat", "future"],
)
def test_no_event(text: str, embedded_gazetteer: Gazetteer) -> None:
    assert events(text, embedded_gazetteer) == []


def test_reported_speech_keeps_the_event_and_its_source(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "A car bomb killed five people in Azaz yesterday, state media reported.",
        embedded_gazetteer,
    )
    assert event.kind == "explosive_device"
    assert "reported by state media" in event.notes
    assert event.casualties is not None and event.casualties.fatalities == 5


def test_the_speakers_date_is_not_the_events(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Fighting in southern Tripoli since 26 August has killed 47 people, "
        "the health ministry said on 3 September 2018.",
        embedded_gazetteer,
        published="2018-09-04",
    )
    assert event.date is not None and str(event.date.event_date) == "2018-08-26"


def test_a_known_place_over_an_unknown_district_of_it(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Rebel mortar rounds landed on the Bab Touma district of Damascus yesterday, "
        "killing a woman.",
        embedded_gazetteer,
    )
    assert event.where.place is not None and event.where.place.name == "Damascus"
    assert event.casualties is not None and event.casualties.fatalities == 1


def test_no_venue_inside_an_actor_name(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Fighters from al-Qaeda in the Arabian Peninsula abducted four journalists "
        "in Zinjibar on Tuesday.",
        embedded_gazetteer,
    )
    assert event.where.location == "Zinjibar"


def test_a_toll_only_sentence_joins_the_event_before_it(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Warplanes struck Saraqib on 4 August 2019. At least 12 people were killed.",
        embedded_gazetteer,
    )
    assert event.casualties is not None and event.casualties.fatalities == 12
    assert "toll from sentence 2" in event.notes


def test_a_bare_toll_sentence_completes_the_event(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "On 9 May 2020, unidentified warplanes carried out airstrikes near Abu Kamal. "
        "11 fatalities.",
        embedded_gazetteer,
        published="2020-05-12",
    )
    assert event.casualties is not None and event.casualties.fatalities == 11
    assert event.where.geo_precision == 2


def test_one_person_shot_by_forces_is_an_attack(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "On 3 March 2019, Israeli forces shot and killed a Palestinian man in Nablus.",
        embedded_gazetteer,
        published="2019-03-05",
    )
    assert (event.kind, event.actor1) == ("attack_on_civilians", "Israeli Armed Forces")
    assert event.casualties is not None and event.casualties.fatalities == 1


def test_air_strikes_backing_a_battle_are_that_battle(embedded_gazetteer: Gazetteer) -> None:
    backed = events(
        "Government forces clashed with rebels near Kafr Nabl on 3 May 2019, backed by "
        "Russian air strikes; 12 fighters were killed.",
        embedded_gazetteer,
    )
    assert [e.kind for e in backed] == ["armed_clash"]
    followed = events(
        "Clashes near Kafr Nabl on 3 May 2019 were followed by air strikes on Ariha.",
        embedded_gazetteer,
    )
    assert [e.kind for e in followed] == ["armed_clash", "air_strike"]


def test_displacement_notes_origin_and_destination(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Hundreds of Armenian families fled Kessab on 23 March 2014 and sought refuge in "
        "Latakia city.",
        embedded_gazetteer,
        published="2014-03-26",
    )
    assert event.kind == "displacement" and event.displaced == 100
    assert "displaced from Kessab" in event.notes and "displaced to Latakia" in event.notes


@pytest.mark.parametrize(
    ("text", "location"),
    [
        pytest.param(
            "A gunman killed 39 people at the Reina nightclub in Istanbul on 1 January 2017.",
            "Istanbul",
            id="facility-name",
        ),
        pytest.param(
            "Israeli troops raided Nablus on 25 October 2022, and clashes with Lions' Den "
            "gunmen left five Palestinians dead.",
            "Nablus",
            id="group-name",
        ),
    ],
)
def test_named_things_that_are_not_venues(
    text: str, location: str, embedded_gazetteer: Gazetteer
) -> None:
    assert events(text, embedded_gazetteer)[0].where.location == location


def test_an_attack_on_a_base_is_a_battle(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Militias attacked the Brak air base on 18 May 2017, killing 141 people.",
        embedded_gazetteer,
    )
    assert event.kind == "armed_clash"


def test_a_gunman_killing_people_is_an_attack(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "A gunman killed 39 people at a nightclub in Istanbul on 1 January 2017.",
        embedded_gazetteer,
    )
    assert (event.kind, event.actor1) == ("attack_on_civilians", "Unidentified armed group")


@pytest.mark.parametrize(
    ("text", "geo_precision"),
    [
        pytest.param(
            "Twin bomb blasts near the parliament in Kabul on 10 January 2017 killed 38 people.",
            1,
            id="near-a-building-in-town",
        ),
        pytest.param(
            "A car bomb wounded 50 people in Beirut's southern suburbs on 9 July 2013.",
            2,
            id="suburbs",
        ),
        pytest.param(
            "Taliban insurgents attacked checkpoints on the edge of Lashkar Gah on Sunday.",
            2,
            id="edge-of",
        ),
        pytest.param(
            "Tens of thousands of Yazidis fled Sinjar on Sunday as militants advanced.",
            1,
            id="fled-a-town",
        ),
    ],
)
def test_geo_precision(text: str, geo_precision: int, embedded_gazetteer: Gazetteer) -> None:
    assert events(text, embedded_gazetteer)[0].where.geo_precision == geo_precision


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param(
            "Forces of the Libyan National Army shelled Tripoli on 8 April 2019.",
            "LY",
            id="lna-tripoli-is-libyas",
        ),
        pytest.param(
            "The Lebanese army shelled Tripoli on 8 April 2019.", "LB", id="lebanese-tripoli"
        ),
        pytest.param(
            "Houthi fighters shelled Hays on 8 April 2019, killing two civilians.",
            "YE",
            id="houthis-hays-is-yemens",
        ),
        pytest.param(
            "Houthi fighters shelled Hays, Texas, in the United States on 8 April 2019.",
            "US",
            id="a-named-country-keeps-its-place",
        ),
    ],
)
def test_actors_country_picks_among_namesakes(
    text: str, country: str, embedded_gazetteer: Gazetteer
) -> None:
    where = events(text, embedded_gazetteer)[0].where
    assert where.place is not None
    assert where.place.country_code == country


def test_actors_country_reason_is_recorded(embedded_gazetteer: Gazetteer) -> None:
    where = events("Houthi fighters shelled Hays on 8 April 2019.", embedded_gazetteer)[0].where
    assert "read in YE, the country of the Houthis" in where.reason


def test_unknown_place_kept_at_the_actors_country(embedded_gazetteer: Gazetteer) -> None:
    """No place resolved: the event stays, flagged at the country its actors imply."""
    where = events("Taliban fighters stormed a police post on 8 April 2019.", embedded_gazetteer)[
        0
    ].where
    assert where.place is not None and where.place.country_code == "AF"
    assert (where.geo_precision, where.where_prec) == (None, 6)
    assert "the country of the Taliban" in where.reason


def test_a_campaign_of_known_days_is_one_event_per_day(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "Clashes between the army and gunmen in Sidon killed 17 soldiers from 23 to 25 June 2013.",
        embedded_gazetteer,
        published="2013-06-27",
    )
    clashes = [e for e in found if e.kind == "armed_clash"]
    assert [e.date.event_date.day for e in clashes if e.date] == [23, 24, 25]
    assert [e.casualties.fatalities for e in clashes if e.casualties] == [6, 6, 5]
    assert len({e.event_id for e in clashes}) == 3
    assert all(e.date and e.date.time_precision == 1 and e.date.date_prec == 1 for e in clashes)
    assert "17 over 3 days shared out evenly" in (clashes[0].casualties.rule or "")


def test_a_long_range_stays_one_event_with_its_range(embedded_gazetteer: Gazetteer) -> None:
    (clash,) = events(
        "Clashes between the army and gunmen in Sidon from 3 to 20 June 2013 killed 17 soldiers.",
        embedded_gazetteer,
        published="2013-06-27",
    )
    assert clash.date is not None
    assert (clash.date.start.day, clash.date.end.day) == (3, 20)
    assert clash.casualties is not None and clash.casualties.fatalities == 17


def test_a_sentence_placing_the_event_near_a_city_continues_it(
    embedded_gazetteer: Gazetteer,
) -> None:
    result = process(
        "A car bomb exploded in a market in Tal Afar on Sunday, killing 12 people. "
        "The car was detonated as residents shopped in the town, about 60 km west of Mosul.",
        published="2013-08-14",
        gazetteer=embedded_gazetteer,
    )
    bombs = [e for e in result.events if e.kind == "explosive_device"]
    assert len(bombs) == 1
    assert bombs[0].where.location == "Tal Afar"


# Dates and tolls per event (sentences written for these tests).


def test_the_fighting_date_not_the_statement_date(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Fighting raged in Daraa through the weekend, killing 20, activists said on Monday.",
        embedded_gazetteer,
        published="2019-08-13",
    )
    assert event.date is not None and str(event.date.event_date) == "2019-08-10"


def test_what_a_source_dates_from_its_own_day(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "On 3 May 2019, residents said that two days ago gunmen killed a farmer in Daraa.",
        embedded_gazetteer,
        published="2019-05-04",
    )
    assert event.date is not None and str(event.date.event_date) == "2019-05-01"
    assert "counted from the report date 2019-05-03" in event.date.rule


def test_days_named_in_a_list_are_one_event_each(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "Clashes between the army and gunmen in Sidon on 3, 5 and 9 June 2013 killed 7 soldiers.",
        embedded_gazetteer,
        published="2013-06-27",
    )
    clashes = [e for e in found if e.kind == "armed_clash"]
    assert [e.date.event_date.day for e in clashes if e.date] == [3, 5, 9]
    assert [e.casualties.fatalities for e in clashes if e.casualties] == [3, 2, 2]


def test_month_day_and_day_is_a_campaign(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "Jets struck Saraqib on Aug. 10 and 11, killing 6 people.",
        embedded_gazetteer,
        published="2019-08-14",
    )
    strikes = [e for e in found if e.kind == "air_strike"]
    assert [str(e.date.event_date) for e in strikes if e.date] == ["2019-08-10", "2019-08-11"]
    assert [e.casualties.fatalities for e in strikes if e.casualties] == [3, 3]


def test_a_victim_dying_in_a_later_sentence_is_the_events_toll(
    embedded_gazetteer: Gazetteer,
) -> None:
    (event,) = events(
        "On 4 May 2020, two gunmen attacked a shopkeeper in Daraa. "
        "The reason is not known. The victim died.",
        embedded_gazetteer,
        published="2020-05-06",
    )
    assert event.casualties is not None and event.casualties.fatalities == 1
    assert "toll from sentence 3" in event.notes


@pytest.mark.parametrize(
    ("tail", "note"),
    [
        pytest.param(" A fourth person died later.", "1 more deaths from sentence 3", id="more"),
        pytest.param(" A fourth person died later. 4 fatalities.", "total toll", id="and-total"),
    ],
)
def test_more_deaths_are_added_and_a_stated_total_is_kept(
    embedded_gazetteer: Gazetteer, tail: str, note: str
) -> None:
    (event,) = events(
        "On 4 May 2020, gunmen opened fire on a minibus near Daraa. Three men were killed." + tail,
        embedded_gazetteer,
        published="2020-05-06",
    )
    assert event.casualties is not None and event.casualties.fatalities == 4
    assert note in event.notes


def test_a_total_replaces_the_first_figure(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "On 4 May 2020, gunmen opened fire on a minibus near Daraa, killing two men. 3 fatalities.",
        embedded_gazetteer,
        published="2020-05-06",
    )
    assert event.casualties is not None and event.casualties.fatalities == 3
    assert "total toll from sentence 2" in event.notes


def test_a_toll_told_again_is_not_counted_twice(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Warplanes struck Saraqib on 4 August 2019, killing 12 people. "
        "The 12 dead included five children.",
        embedded_gazetteer,
    )
    assert event.casualties is not None and event.casualties.fatalities == 12


def test_the_deaths_a_protest_is_about_are_not_its_toll(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "On 6 May 2020, hundreds of residents protested in Beirut over the killing of "
        "two students by unknown gunmen.",
        embedded_gazetteer,
        published="2020-05-07",
    )
    protests = [e for e in found if e.kind == "protest"]
    assert protests and protests[0].casualties is None


def test_an_implausible_figure_and_date_are_noted_in_the_row(
    embedded_gazetteer: Gazetteer,
) -> None:
    (event,) = events(
        "On 5 March 99999, rebels killed 10^100 people in Homs.",
        embedded_gazetteer,
        published="2013-08-14",
    )
    row = event.record()
    assert row["fatalities"] == 0 and row["deaths_best"] is None
    assert "10^100 people' dropped" in row["notes"]
    assert "date '5 March 99999' dropped" in row["notes"]
    assert row["event_date"] != "2013-03-05"


def test_displaced_families_keep_their_unit(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "About 2,000 families fled Saraqib on 4 August 2019.",
        embedded_gazetteer,
    )
    row = event.record()
    assert (row["displaced"], row["displaced_unit"]) == (2000, "families")


def test_a_later_toll_goes_to_the_first_event_of_the_sentence_before(
    embedded_gazetteer: Gazetteer,
) -> None:
    found = events(
        "On 11 April 2022, militants carried out an ambush involving an IED and gunfire on an "
        "army convoy near Daraa. Five soldiers were killed and eight wounded.",
        embedded_gazetteer,
        published="2022-04-12",
    )
    assert found[0].casualties is not None and found[0].casualties.fatalities == 5
    assert all(e.casualties is None for e in found[1:])


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked Daraa on Monday. Last week, five soldiers were killed there.",
        "Gunmen killed three villagers in Daraa on Monday, a week after five soldiers were "
        "killed nearby.",
        "A week after five soldiers were killed in Daraa, gunmen killed three villagers there "
        "on Monday.",
    ],
    ids=["last-week-sentence", "a-week-after", "a-week-after-first"],
)
def test_last_weeks_deaths_are_not_todays_toll(text: str, embedded_gazetteer: Gazetteer) -> None:
    found = events(text, embedded_gazetteer, published="2019-08-14")
    monday = [e for e in found if e.date and str(e.date.event_date) == "2019-08-12"]
    assert monday
    assert (monday[0].casualties.fatalities if monday[0].casualties else 0) in (0, 3)
    if text.startswith("Gunmen attacked"):  # the earlier deaths are kept, as their own event
        assert any(e.casualties and e.casualties.fatalities == 5 for e in found)


@pytest.mark.parametrize(
    ("text", "days", "tolls"),
    [
        pytest.param(
            "Clashes in Daraa killed 3 on 9 May 2019 and 5 on 10 May 2019.",
            [9, 10],
            [3, 5],
            id="two-dated-days",
        ),
        pytest.param(
            "Clashes in Daraa on 9 and 10 May 2019 killed 8 people: four were killed on the "
            "9th and four died on the 10th.",
            [9, 10],
            [4, 4],
            id="range-told-by-day",
        ),
        pytest.param(
            "Clashes in Daraa from 9 to 11 May 2019 killed 8 people, 4 of them on the 9th.",
            [9, 10, 11],
            [4, 2, 2],
            id="one-day-told-rest-shared",
        ),
    ],
)
def test_a_toll_told_day_by_day_goes_to_its_day(
    text: str, days: list[int], tolls: list[int], embedded_gazetteer: Gazetteer
) -> None:
    clashes = [e for e in events(text, embedded_gazetteer) if e.kind == "armed_clash"]
    assert [e.date.event_date.day for e in clashes if e.date] == days
    assert [e.casualties.fatalities for e in clashes if e.casualties] == tolls


@pytest.mark.parametrize(
    ("second", "day"),
    [
        pytest.param("The following day, residents protested in Daraa.", 4, id="following-day"),
        pytest.param("Residents had protested in Daraa the day before.", 2, id="day-before"),
        pytest.param("Residents protested in Daraa on the same day.", 3, id="same-day"),
    ],
)
def test_a_day_told_from_the_date_before(
    second: str, day: int, embedded_gazetteer: Gazetteer
) -> None:
    found = events(
        "On 3 May 2019, gunmen killed three farmers in Daraa. " + second,
        embedded_gazetteer,
        published="2019-05-06",
    )
    protest = next(e for e in found if e.kind == "protest")
    assert protest.date is not None and protest.date.event_date.day == day
