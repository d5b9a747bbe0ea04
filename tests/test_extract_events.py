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
    # ACLED's names: the state's forces with their period, the victims by country;
    # state forces outside their own country are External/Other forces (inter 8).
    assert (event.kind, event.actor1) == (
        "attack_on_civilians",
        "Military Forces of Israel (2009-2021)",
    )
    assert (event.actor2, event.inter1, event.inter2) == ("Civilians (Palestine)", 8, 7)
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
    assert (event.kind, event.actor1) == (
        "attack_on_civilians",
        "Unidentified Armed Group (Turkey)",
    )
    assert (event.actor2, event.inter1, event.inter2) == ("Civilians (Turkey)", 3, 7)


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
    assert "read in YE, the country of the Houthi Movement" in where.reason


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


# ------------------------------------------------------------------ roles (ACLED's actors)

import datetime as _dt  # noqa: E402

from conflictgeo.extract import events as _ev  # noqa: E402
from conflictgeo.extract.actors import find_actors as _find_actors  # noqa: E402
from conflictgeo.extract.kinds import Trigger as _Trigger  # noqa: E402
from conflictgeo.model import DateRange as _DateRange  # noqa: E402


def roles(kind: str, text: str, word: str, country: str = "KE", day: str = "2016-05-04", **kw):
    """``_roles`` of the trigger ``word`` in ``text``, for an event in ``country`` on ``day``."""
    at = text.index(word)
    trig = _Trigger(kind, at, at + len(word), word, True)
    d = _dt.date.fromisoformat(day)
    date = _DateRange(d, d, d, 1, 1)
    return _ev._roles(kind, trig, _find_actors(text), text, country, date, **kw)


@pytest.mark.parametrize(
    ("kind", "text", "word", "expected"),
    [
        pytest.param(
            "protest",
            "Teachers marched to the county offices to demand their pay.",
            "marched",
            ("Protesters (Kenya)", "Teachers (Kenya)", 6, None, None, None),
            id="protesters",
        ),
        pytest.param(
            "protest_with_intervention",
            "Residents protested; police dispersed them.",
            "protested",
            ("Protesters (Kenya)", None, 6, "Police Forces of Kenya (2013-2022)", None, 1),
            id="intervention",
        ),
        pytest.param(
            "riot",
            "Students rioted and stoned cars on the highway.",
            "rioted",
            ("Rioters (Kenya)", "Students (Kenya)", 5, None, None, None),
            id="rioters",
        ),
        pytest.param(
            "mob_violence",
            "A mob lynched two men accused of theft.",
            "lynched",
            ("Rioters (Kenya)", None, 5, "Civilians (Kenya)", None, 7),
            id="mob",
        ),
        pytest.param(
            "attack_on_civilians",
            "Gunmen shot dead a journalist outside his home.",
            "shot dead",
            (
                "Unidentified Armed Group (Kenya)",
                None,
                3,
                "Civilians (Kenya)",
                "Journalists (Kenya)",
                7,
            ),
            id="attack",
        ),
        pytest.param(
            "attack_on_civilians",
            "Two farmers were killed by suspected bandits.",
            "killed",
            (
                "Unidentified Armed Group (Kenya)",
                None,
                3,
                "Civilians (Kenya)",
                "Farmers (Kenya)",
                7,
            ),
            id="passive-agent",
        ),
        pytest.param(
            "armed_clash",
            "Two policemen were killed by Al Shabaab fighters near the border.",
            "killed",
            ("Al Shabaab", None, 2, "Police Forces of Kenya (2013-2022)", None, 1),
            id="passive-clash",
        ),
        pytest.param(
            "armed_clash",
            "Heavy fighting broke out between Pokot raiders and Turkana herders.",
            "fighting",
            (
                "Pokot Ethnic Militia (Kenya)",
                None,
                4,
                "Turkana Ethnic Militia (Kenya)",
                "Pastoralists (Kenya)",
                4,
            ),
            id="between",
        ),
        pytest.param(
            "armed_clash",
            "Rival groups clashed over water at the river.",
            "clashed",
            (
                "Unidentified Armed Group (Kenya)",
                None,
                3,
                "Unidentified Armed Group (Kenya)",
                None,
                3,
            ),
            id="unnamed-sides",
        ),
        pytest.param(
            "explosive_device",
            "A roadside bomb hit a bus carrying workers.",
            "roadside bomb",
            (
                "Unidentified Armed Group (Kenya)",
                None,
                3,
                "Civilians (Kenya)",
                "Labor Group (Kenya)",
                7,
            ),
            id="bomb",
        ),
        pytest.param(
            "excessive_force",
            "Police shot dead three protesters in the town.",
            "shot dead",
            ("Police Forces of Kenya (2013-2022)", None, 1, "Protesters (Kenya)", None, 6),
            id="excessive-force",
        ),
        pytest.param(
            "arrest",
            "Officers detained 30 traders at the market.",
            "detained",
            ("Police Forces of Kenya (2013-2022)", None, 1, "Civilians (Kenya)", None, 7),
            id="arrest",
        ),
    ],
)
def test_roles_are_named_as_acled_names_them(kind: str, text: str, word: str, expected) -> None:
    r = roles(kind, text, word)
    assert (r.actor1, r.assoc1, r.inter1, r.actor2, r.assoc2, r.inter2) == expected


def test_russian_air_strikes_are_the_air_force() -> None:
    text = "Russian forces carried out air strikes on the village."
    r = roles("air_strike", text, "air strikes", "UA", "2023-03-01")
    assert (r.actor1, r.inter1) == ("Military Forces of Russia (2000-) Air Force", 8)


def test_a_perpetrator_named_in_another_sentence() -> None:
    text = "A bomb exploded under a minibus, killing four passengers."
    report = f"{text} Al Shabaab claimed responsibility for the attack."
    r = roles("explosive_device", text, "bomb", report_text=report)
    assert (r.actor1, r.actor2, r.guessed) == ("Al Shabaab", "Civilians (Kenya)", (False, False))


def test_the_police_of_a_riot_from_another_sentence() -> None:
    text = "Youths set tyres on fire and blocked the road."
    report = _find_actors("Police fired tear gas to disperse them.")
    r = roles("riot", text, "set tyres on fire", report=report)
    assert (r.actor1, r.actor2) == ("Rioters (Kenya)", "Police Forces of Kenya (2013-2022)")


def test_filled_in_sides_are_marked_guessed() -> None:
    r = roles("armed_clash", "Rival groups clashed over water at the river.", "clashed")
    assert r.guessed == (True, True)
    r = roles("attack_on_civilians", "Gunmen shot dead a teacher.", "shot dead")
    assert r.guessed == (False, False)


def test_the_event_actors_in_the_row(embedded_gazetteer: Gazetteer) -> None:
    (event,) = events(
        "Houthi fighters shelled a market in Taiz on 8 April 2019, killing two civilians.",
        embedded_gazetteer,
    )
    row = event.record()
    assert row["actor1"] == "Military Forces of Yemen (2017-) Houthi"
    assert row["actor2"] == "Civilians (Yemen)"
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 7, 17)
    assert row["civilian_targeting"] == "Civilian targeting"


# ------------------------------------------------------------------ who reported it


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Two men were shot dead at a checkpoint, police said.", "police"),
        ("The army retook the hill, according to a local official.", "a local official"),
        ("Residents said the jets struck the market twice.", "Residents"),
        ("A rights group said militiamen had abducted six farmers.", "A rights group"),
        ("Troops held the town, while activists said fighting went on.", "activists"),
        ("The border post fell on Friday, said the monitoring group.", "the monitoring group"),
        ("Gunmen and soldiers clashed and police said two died.", None),
        ("Heavy clashes were reported near the airport.", None),
        ("No casualties were reported after the blast.", None),
        ("It was reported that gunmen had stormed the village.", None),
    ],
)
def test_the_speech_source_is_a_speaker_not_a_clause(sentence: str, source: str | None) -> None:
    assert _ev._speech_source(sentence) == source


def test_herders_who_attack_are_a_communal_militia() -> None:
    r = roles("attack_on_civilians", "Herders attacked farmers in the valley.", "attacked")
    assert r.actor1 == "Unidentified Communal Militia (Kenya)"
    assert (r.assoc1, r.inter1) == ("Pastoralists (Kenya)", 4)
    r = roles("attack_on_civilians", "Gunmen killed two herders.", "killed")
    assert (r.actor2, r.assoc2) == ("Civilians (Kenya)", "Pastoralists (Kenya)")  # victims


def test_victims_of_shelling_named_in_the_next_sentence() -> None:
    text = "Russian forces shelled the village."
    paragraph = f"{text} Two civilians were wounded."
    r = roles("shelling", text, "shelled", "UA", "2023-05-01", report_text=paragraph)
    assert (r.actor1, r.actor2) == ("Military Forces of Russia (2000-)", "Civilians (Ukraine)")
    paragraph = f"{text} Three Ukrainian soldiers were wounded."
    r = roles("shelling", text, "shelled", "UA", "2023-05-01", report_text=paragraph)
    assert r.actor2 == "Military Forces of Ukraine (2019-)"


def test_a_group_named_in_passing_is_no_side_of_a_riot() -> None:
    text = "Youths rioted after the killing of a Mungiki leader's wife."
    r = roles("riot", text, "rioted")
    assert (r.actor1, r.actor2) == ("Rioters (Kenya)", None)


def test_as_a_preposition_ends_no_subject() -> None:
    text = "Russian forces destroyed a depot near the town (coded as shelling)."
    r = roles("shelling", text, "shelling", "UA", "2023-11-17")
    assert r.actor1 == "Military Forces of Russia (2000-)"


# ------------------------------------------------------------------- places from the hierarchy


@pytest.mark.parametrize(
    ("text", "area", "geo_precision"),
    [
        pytest.param(
            "Gunmen attacked Zorvakine village (Banikoara, Alibori) on 3 May 2019.",
            "Banikoara",
            2,
            id="district",
        ),
        pytest.param(
            "Militants shelled Zorvakine, Latakia governorate, Syria, on 3 May 2019.",
            "Latakia",
            3,
            id="province",
        ),
    ],
)
def test_a_village_missing_from_the_gazetteer_is_placed_at_its_stated_area(
    text: str, area: str, geo_precision: int, embedded_gazetteer: Gazetteer
) -> None:
    where = events(text, embedded_gazetteer)[0].where
    assert where.place is not None and where.place.name == area
    assert (where.location, where.geo_precision) == ("Zorvakine", geo_precision)
    assert "not in the gazetteer; placed at the enclosing" in where.reason


def test_the_stated_area_outweighs_the_actors_country(embedded_gazetteer: Gazetteer) -> None:
    """Houthis imply Yemen, but the text puts the village in Latakia."""
    where = events(
        "Houthi fighters shelled Zorvakine, Latakia governorate, on 3 May 2019.",
        embedded_gazetteer,
    )[0].where
    assert where.place is not None and where.place.country_code == "SY"


def test_the_areas_of_a_place_are_not_its_location(embedded_gazetteer: Gazetteer) -> None:
    where = events("Police shot dead a man in Kandi (Kandi, Alibori) on 3 May 2019.",
                   embedded_gazetteer)[0].where  # fmt: skip
    assert where.location == "Kandi" and where.place is not None
    assert where.place.feature_code != "ADM1"


def test_the_coders_location_places_the_event_near_it(embedded_gazetteer: Gazetteer) -> None:
    where = events(
        "On 3 May 2019, gunmen abducted two men in Zorvakine (coded to Kandi, Alibori).",
        embedded_gazetteer,
    )[0].where
    assert (where.location, where.geo_precision) == ("Kandi", 2)


@pytest.mark.parametrize(
    ("text", "location", "route"),
    [
        pytest.param(
            "Thousands of residents fled to Latakia on 23 March 2014.",
            "Latakia",
            "displaced to Latakia",
            id="to-is-where-they-went",
        ),
        pytest.param(
            "Residents of Kessab fled to Latakia on 23 March 2014.",
            "Kessab",
            "displaced from Kessab; displaced to Latakia",
            id="residents-of",
        ),
        pytest.param(
            "Thousands fled towards Latakia from Kessab on 23 March 2014.",
            "Kessab",
            "displaced from Kessab; displaced to Latakia",
            id="destination-first",
        ),
    ],
)
def test_displaced_people_are_placed_where_they_came_from(
    text: str, location: str, route: str, embedded_gazetteer: Gazetteer
) -> None:
    (event,) = [
        e for e in events(text, embedded_gazetteer, "2014-03-26") if e.kind == "displacement"
    ]
    assert event.where.location == location
    assert route in event.notes
    assert "displaced from Latakia" not in event.notes


def test_a_sentence_naming_no_place_takes_the_one_before_it(
    embedded_gazetteer: Gazetteer,
) -> None:
    first, second = events(
        "Gunmen attacked a bus in Garissa on 3 May 2019. Police later clashed with the attackers.",
        embedded_gazetteer,
    )
    assert second.where.place == first.where.place
    assert "carried from an earlier one" in second.where.reason


def test_a_new_paragraph_does_not_carry_the_place(embedded_gazetteer: Gazetteer) -> None:
    _, second = events(
        "Gunmen attacked a bus in Garissa on 3 May 2019.\n\nPolice clashed with rebels on Monday.",
        embedded_gazetteer,
    )
    assert "carried" not in second.where.reason


def test_where_the_actors_come_from_is_not_the_venue(embedded_gazetteer: Gazetteer) -> None:
    where = events(
        "Farmers from Nakuru stormed a government office in Eldoret on 3 May 2019.",
        embedded_gazetteer,
    )[0].where
    assert where.location == "Eldoret"


def test_a_county_named_like_its_town_counts_as_the_town(embedded_gazetteer: Gazetteer) -> None:
    """ "in Nairobi" (also Nairobi City county) is as specific as "in Mombasa"."""
    where = events(
        "Students protested in Nairobi on 3 May 2019 over a tax planned in Mombasa.",
        embedded_gazetteer,
    )[0].where
    assert where.location == "Nairobi" and where.geo_precision == 1


def test_a_district_placed_at_its_towns_point_is_precision_2(
    embedded_gazetteer: Gazetteer,
) -> None:
    where = events("Militants shelled Kandi district on 3 May 2019.", embedded_gazetteer)[0].where
    assert (where.location, where.geo_precision) == ("Kandi", 2)


def test_the_dateline_is_never_the_place(embedded_gazetteer: Gazetteer) -> None:
    where = events(
        "BEIRUT — Syrian warplanes struck Zorvakine (Idlib) on 3 May 2019, activists said.",
        embedded_gazetteer,
    )[0].where
    assert where.place is not None and where.place.country_code == "SY"
    assert (where.location, where.geo_precision) == ("Zorvakine", 3)


def test_the_coders_location_with_its_district_and_province(
    embedded_gazetteer: Gazetteer,
) -> None:
    where = events(
        "On 3 May 2019, soldiers clashed with gunmen in the Zorva quarter of Kessab "
        "(coded to Kandi, Kandi, Alibori).",
        embedded_gazetteer,
    )[0].where
    assert where.place is not None and where.place.country_code == "BJ"
    assert (where.location, where.geo_precision) == ("Kandi", 2)


def test_names_missing_from_the_gazetteer_count_for_the_focus_province(
    embedded_gazetteer: Gazetteer,
) -> None:
    where = events(
        # "Hiraan" is found as a spelling of Hiiraan: no mention of its own
        "Residents of Zorvakine (Hiraan) met on Sunday. People from Zorva (Hiraan) joined them."
        "\n\nGunmen attacked a market on 3 May 2019.",
        embedded_gazetteer,
    )[-1].where
    assert where.place is not None and where.place.name == "Hiiraan"
    assert "the report's focus area, Hiiraan" in where.reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Students protested outside the university in Aleppo on 3 May 2019. "
            "Police dispersed them with tear gas.",
            "protest_with_intervention",
            id="dispersed-in-the-next-sentence",
        ),
        pytest.param(
            "On 3 May 2019, residents demonstrated in Homs against power cuts. "
            "Some of the protesters burned tyres on the main road.",
            "riot",
            id="violence-in-the-next-sentence",
        ),
        pytest.param(
            "On 3 May 2019, shop owners gathered in Homs to demand lower rents. [size=dozens]",
            "protest",
            id="acled-crowd-tag",
        ),
        pytest.param(
            "On 3 May 2019, villagers beat a suspected thief to death in a village near Homs.",
            "mob_violence",
            id="mob",
        ),
        pytest.param(
            "Two soldiers were shot and killed by Taliban militants in Kunduz on 3 May 2019.",
            "armed_clash",
            id="soldiers-killed-by-militants",
        ),
    ],
)
def test_kinds_in_reports(text: str, kind: str, embedded_gazetteer: Gazetteer) -> None:
    found = events(text, embedded_gazetteer)
    assert [e.kind for e in found] == [kind]  # one event: the sentences were merged


def test_a_protest_and_a_later_unrelated_arrest(embedded_gazetteer: Gazetteer) -> None:
    found = events(
        "On 3 May 2019, lawyers protested in Homs against the arrest of a colleague. "
        "The colleague had been detained by the police a week earlier.",
        embedded_gazetteer,
    )
    assert found[0].kind == "protest"


def test_a_demonstration_retyped_over_two_sentences_names_its_crowd_as_acled(
    embedded_gazetteer: Gazetteer,
) -> None:
    """Escalated after the sides were named: a riot's crowd is Rioters, and lethal
    force against protesters puts the forces first (ACLED's actor order)."""
    (riot,) = events(
        "On 3 May 2019, residents demonstrated in Homs against power cuts. "
        "Some of the protesters burned tyres on the main road.",
        embedded_gazetteer,
    )
    assert riot.kind == "riot" and (riot.actor1 or "").startswith("Rioters") and riot.inter1 == 5
    (force,) = events(
        "On 3 May 2019, residents demonstrated in Homs against power cuts. "
        "Police shot dead two of the protesters.",
        embedded_gazetteer,
    )
    assert force.kind == "excessive_force"
    assert (force.actor2 or "").startswith("Protesters") and force.inter2 == 6
    assert force.actor1 is not None and not force.actor1.startswith("Protesters")


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
    assert "10^100 people' dropped" in row["extractor_trace"]
    assert "date '5 March 99999' dropped" in row["extractor_trace"]
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
