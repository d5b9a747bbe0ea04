"""Tests of conflictgeo.extract.actors: the dictionary, ACLED's names, inter codes.

Sentences are our own. Names follow ACLED's codebook (``ONTOLOGY.md``): state
forces by country and period, unnamed actors by class and the event's country,
named groups by their usual name.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflictgeo.extract import periods
from conflictgeo.extract.actors import (
    ACTOR_COUNTRY,
    CIVILIANS,
    MILITARY,
    MILITIAS,
    POLICE,
    PROTESTERS,
    REBELS,
    RIOTERS,
    acled_name,
    actor_country,
    attributed,
    crowd,
    find_actors,
    state_name,
)


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "text"),
    [
        pytest.param(
            "On Aug. 10, the Syrian Air Force attacked.",
            "Military Forces of Syria",
            "state",
            "the Syrian Air Force",
            id="syrian-air-force",
        ),
        pytest.param(
            "Syrian warplanes struck Salma.",
            "Military Forces of Syria",
            "state",
            "Syrian warplanes",
            id="syrian-warplanes",
        ),
        pytest.param(
            "US warplanes struck.",
            "Military Forces of the United States",
            "state",
            "US warplanes",
            id="us-demonym",
        ),
        pytest.param(
            "Regime warplanes struck.",
            "Military Forces of Syria",
            "state",
            "Regime warplanes",
            id="regime-warplanes",
        ),
        pytest.param(
            "The Syrian army shelled the town.",
            "Military Forces of Syria",
            "state",
            "Syrian army",
            id="syrian-army",
        ),
        pytest.param(
            "Iraqi troops advanced.", "Military Forces of Iraq", "state", "Iraqi troops", id="iraqi"
        ),
        pytest.param(
            "Assad forces advanced.",
            "Military Forces of Syria",
            "state",
            "Assad forces",
            id="assad-forces",
        ),
        pytest.param(
            "Assad's troops advanced.",
            "Military Forces of Syria",
            "state",
            "Assad's troops",
            id="assads-troops",
        ),
        pytest.param(
            "The regime shelled Homs.", "Military Forces of Syria", "state", "regime", id="regime"
        ),
        pytest.param(
            "Regime forces shelled Homs.",
            "Military Forces of Syria",
            "state",
            "Regime forces",
            id="regime-forces",
        ),
        pytest.param(
            "Government forces advanced.",
            MILITARY,
            "state",
            "Government forces",
            id="government-forces-capitalised",
        ),
        pytest.param(
            "Riot police fired tear gas.", POLICE, "state", "Riot police", id="riot-police"
        ),
        pytest.param(
            "Kenyan police arrested him.",
            "Police Forces of Kenya",
            "state",
            "Kenyan police",
            id="kenyan-police",
        ),
        pytest.param(
            "Islamic State attacked.", "Islamic State", "nonstate", "Islamic State", id="is"
        ),
        pytest.param("ISIS attacked.", "Islamic State", "nonstate", "ISIS", id="isis"),
        pytest.param("Daesh attacked.", "Islamic State", "nonstate", "Daesh", id="daesh"),
        pytest.param(
            "The Islamic State of Iraq and the Levant attacked.",
            "Islamic State",
            "nonstate",
            "Islamic State of Iraq and the Levant",
            id="isil-long",
        ),
        pytest.param(
            "The al-Nusra Front attacked.",
            "HTS: Hayat Tahrir al Sham",
            "nonstate",
            "al-Nusra Front",
            id="al-nusra-front",
        ),
        pytest.param(
            "Jabhat al-Nusra attacked.",
            "HTS: Hayat Tahrir al Sham",
            "nonstate",
            "Jabhat al-Nusra",
            id="jabhat-al-nusra",
        ),
        pytest.param("Houthis attacked.", "Houthi Movement", "nonstate", "Houthis", id="houthis"),
        pytest.param(
            "The Free Syrian Army attacked.",
            "Opposition Rebels (Syria)",
            "nonstate",
            "Free Syrian Army",
            id="fsa-not-syrian-army",
        ),
        pytest.param(
            "Al Qaeda-linked militants attacked.",
            "Al Qaeda",
            "nonstate",
            "Al Qaeda-linked militants",
            id="al-qaeda-linked",
        ),
        pytest.param(
            "Unidentified gunmen attacked.",
            "Unidentified Armed Group",
            "nonstate",
            "Unidentified gunmen",
            id="unidentified-gunmen",
        ),
        pytest.param(
            "Gunmen attacked.", "Unidentified Armed Group", "nonstate", "Gunmen", id="gunmen"
        ),
        pytest.param("The rebels attacked.", REBELS, "nonstate", "rebels", id="rebels"),
        pytest.param("Rebels attacked.", REBELS, "nonstate", "Rebels", id="rebels-sentence-start"),
        pytest.param(
            "Kurdish fighters attacked.",
            "Kurdish forces",
            "nonstate",
            "Kurdish fighters",
            id="kurdish-fighters",
        ),
        pytest.param("Civilians fled.", CIVILIANS, "civilians", "Civilians", id="civilians"),
        pytest.param(
            "Thousands of Alawites fled.", CIVILIANS, "civilians", "Alawites", id="alawites"
        ),
        pytest.param(
            "Demonstrators marched.", PROTESTERS, "civilians", "Demonstrators", id="demonstrators"
        ),
        pytest.param("An angry mob gathered.", RIOTERS, "unknown", "An angry mob", id="mob"),
    ],
)
def test_single_actor(sentence: str, name: str, kind: str, text: str) -> None:
    (actor,) = find_actors(sentence)
    assert (actor.name, actor.type, actor.text) == (name, kind, text)
    assert sentence[actor.start : actor.end] == text


@pytest.mark.parametrize(
    ("text", "name", "unit"),
    [
        ("Smoke rose after Ukrainian shelling of the port.", "Military Forces of Ukraine", ""),
        ("Israeli air strikes hit the camp.", "Military Forces of Israel", "Air Force"),
        ("The Uganda People's Defence Force crossed the border.", "Military Forces of Uganda", ""),
    ],
)
def test_an_attack_or_an_army_named_by_its_state(text: str, name: str, unit: str) -> None:
    (actor,) = find_actors(text)
    assert (actor.name, actor.unit, actor.force) == (name, unit, MILITARY)


def test_what_the_words_say_about_an_actor() -> None:
    (jets,) = find_actors("Russian jets struck the market.")
    assert (jets.country, jets.unit, jets.is_air_force) == ("RU", "Air Force", True)
    (army,) = find_actors("Russian troops advanced.")
    assert (army.country, army.unit, army.is_air_force) == ("RU", "", False)
    (students,) = find_actors("Police beat students.")[1:]
    assert students.group == "Students"
    (raiders,) = find_actors("Turkana raiders stole cattle.")
    assert raiders.group == "Turkana" and raiders.type == "nonstate"
    (gunmen,) = find_actors("Masked gunmen struck at night.")
    assert gunmen.is_unidentified and not gunmen.is_air_force


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        pytest.param(
            "Islamic State fighters attacked.", "Islamic State fighters", id="is-fighters"
        ),
        pytest.param(
            "The al-Nusra Front fighters attacked.", "al-Nusra Front fighters", id="nusra-fighters"
        ),
        pytest.param("The Houthi rebels attacked.", "Houthi rebels", id="houthi-rebels"),
        pytest.param("Syrian army soldiers attacked.", "Syrian army soldiers", id="army-soldiers"),
    ],
)
def test_named_group_absorbs_its_generic_noun(sentence: str, text: str) -> None:
    (actor,) = find_actors(sentence)
    assert actor.text == text
    assert actor.name not in (REBELS, MILITIAS, MILITARY)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "On Aug. 10, the Syrian Air Force attacked rebel units.",
            [("Military Forces of Syria", "state"), (REBELS, "nonstate")],
            id="air-force-then-rebels",
        ),
        pytest.param(
            "Rebels clashed with the Syrian army near Salma.",
            [(REBELS, "nonstate"), ("Military Forces of Syria", "state")],
            id="rebels-then-army",
        ),
        pytest.param(
            "Government forces clashed with ISIS.",
            [(MILITARY, "state"), ("Islamic State", "nonstate")],
            id="government-then-isis",
        ),
        pytest.param(
            "The Free Syrian Army clashed with the army.",
            [("Opposition Rebels (Syria)", "nonstate"), (MILITARY, "state")],
            id="fsa-then-army",
        ),
        pytest.param(
            "Unidentified gunmen killed two civilians.",
            [("Unidentified Armed Group", "nonstate"), (CIVILIANS, "civilians")],
            id="gunmen-then-civilians",
        ),
        pytest.param(
            "Syrian army soldiers and Hezbollah fighters attacked rebels.",
            [
                ("Military Forces of Syria", "state"),
                ("Hezbollah", "nonstate"),
                (REBELS, "nonstate"),
            ],
            id="three-actors",
        ),
        pytest.param(
            "Soldiers of India and Pakistan traded fire across the line.",
            [("Military Forces of India", "state"), ("Military Forces of Pakistan", "state")],
            id="forces-of-two-states",
        ),
        pytest.param(
            "Armenian and Azerbaijani troops exchanged fire.",
            [("Military Forces of Armenia", "state"), ("Military Forces of Azerbaijan", "state")],
            id="two-demonyms",
        ),
    ],
)
def test_several_actors_keep_sentence_order(sentence: str, expected: list[tuple[str, str]]) -> None:
    actors = find_actors(sentence)
    assert [(a.name, a.type) for a in actors] == expected
    assert [a.start for a in actors] == sorted(a.start for a in actors)


def test_no_actor() -> None:
    assert find_actors("The town was quiet on Tuesday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Houthi fighters shelled the town.", ("YE", "Houthi Movement")),
        ("Forces of the Libyan National Army advanced.", ("LY", "LNA: Libyan National Army")),
        ("The Taliban and Afghan troops fought; the Taliban withdrew.", ("AF", "Taliban")),
        ("Iraqi troops and Peshmerga units advanced.", ("IQ", "Military Forces of Iraq")),
        (
            "Police in the town arrested two men, Kenyan police said.",
            ("KE", "Police Forces of Kenya"),
        ),
    ],
)
def test_actor_country(text: str, expected: tuple[str, str]) -> None:
    assert actor_country(find_actors(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State militants attacked the town.",  # fights in several countries
        "Turkish troops shelled the village.",  # abroad as often as at home
        "Houthi fighters and the Taliban were named.",  # a tie: no country
        "Residents fled.",
    ],
)
def test_no_actor_country(text: str) -> None:
    assert actor_country(find_actors(text)) is None


def test_actor_country_table_uses_canonical_names() -> None:
    """Every key is a name find_actors gives, so no entry is dead."""
    sample = (
        "NDF, FSA, SDF, YPG, HTS, Houthis, Popular Committees, STC, AQAP, LNA, Taliban, ISKP, "
        "TTP, Hamas, PIJ, al-Aqsa Martyrs Brigades, al-Shabaab, Islamic State Somalia Province, "
        "AMISOM, Boko Haram, Mungiki, MRC, SLDF, separatists, UNIFIL, Kataib Hezbollah, "
        "Saraya al-Salam, Asaib Ahl al-Haq"
    )
    assert {a.name for a in find_actors(sample)} >= set(ACTOR_COUNTRY)


def test_who_holds_a_place_is_not_an_actor() -> None:
    found = [(a.name, a.text) for a in find_actors("Army artillery shelled the rebel-held town.")]
    assert found == [(MILITARY, "Army artillery")]
    assert find_actors("Houthi-controlled districts were quiet.") == []


# ------------------------------------------------------------------ ACLED's names


def named(text: str, country: str | None, day: str | None = None) -> tuple[str, str | None, int]:
    (actor,) = find_actors(text)
    n = acled_name(actor, country, dt.date.fromisoformat(day) if day else None)
    return n.name, n.assoc, n.inter


@pytest.mark.parametrize(
    ("text", "country", "day", "expected"),
    [
        pytest.param(
            "the army",
            "SY",
            "2013-08-10",
            ("Military Forces of Syria (2000-2024)", None, 1),
            id="assad",
        ),
        pytest.param(
            "the army",
            "SY",
            "2025-03-01",
            ("Military Forces of Syria (2024-)", None, 1),
            id="after-assad",
        ),
        pytest.param(
            "police",
            "KE",
            "2010-06-01",
            ("Police Forces of Kenya (2002-2013)", None, 1),
            id="kibaki",
        ),
        pytest.param(
            "police", "KE", "2023-06-01", ("Police Forces of Kenya (2022-)", None, 1), id="ruto"
        ),
        pytest.param(
            "Russian troops",
            "UA",
            "2023-01-01",
            ("Military Forces of Russia (2000-)", None, 8),
            id="abroad",
        ),
        pytest.param(
            "US drones",
            "SO",
            "2020-01-01",
            ("Military Forces of the United States (2017-2021)", None, 8),
            id="the-us",
        ),
        pytest.param(
            "Syrian warplanes",
            "SY",
            "2016-01-01",
            ("Military Forces of Syria (2000-2024) Syrian Arab Air Force", None, 1),
            id="own-air-force",
        ),
        pytest.param(
            "government forces",
            "YE",
            "2019-01-01",
            ("Military Forces of Yemen (2012-2022) Hadi", None, 1),
            id="hadi",
        ),
        pytest.param(
            "General Service Unit",
            "KE",
            "2015-01-01",
            ("Police Forces of Kenya (2013-2022) General Service Unit", None, 1),
            id="unit",
        ),
        pytest.param(
            "Houthi fighters", "YE", "2015-04-01", ("Houthi Movement", None, 2), id="houthis-rebels"
        ),
        pytest.param(
            "Houthi fighters",
            "YE",
            "2019-04-01",
            ("Military Forces of Yemen (2017-) Houthi", None, 1),
            id="houthis-sanaa",
        ),
        pytest.param(
            "the Taliban", "AF", "2019-01-01", ("Taliban", None, 2), id="taliban-insurgents"
        ),
        pytest.param(
            "the Taliban",
            "AF",
            "2023-01-01",
            ("Military Forces of Afghanistan (2021-)", None, 1),
            id="taliban-state",
        ),
        pytest.param(
            "al-Nusra Front", "SY", "2014-01-01", ("Jabhat al Nusra", None, 2), id="nusra"
        ),
        pytest.param("ISIS", "SY", None, ("Islamic State (Syria)", None, 2), id="is-syria"),
        pytest.param("ISIS", "NG", None, ("Islamic State (West Africa)", None, 2), id="is-branch"),
        pytest.param("gunmen", "KE", None, ("Unidentified Armed Group (Kenya)", None, 3), id="uag"),
        pytest.param(
            "Pokot raiders", "KE", None, ("Pokot Ethnic Militia (Kenya)", None, 4), id="ethnic"
        ),
        pytest.param(
            "armed herders",
            "BJ",
            None,
            ("Unidentified Communal Militia (Benin)", "Pastoralists (Benin)", 4),
            id="herders",
        ),
        pytest.param(
            "clan militias", "SO", None, ("Unidentified Clan Militia (Somalia)", None, 4), id="clan"
        ),
        pytest.param(
            "rebels", "SY", None, ("Opposition Rebels (Syria)", None, 2), id="syrian-rebels"
        ),
        pytest.param(
            "separatists",
            "UA",
            "2019-01-01",
            ("NAF: United Armed Forces of Novorossiya", None, 2),
            id="naf",
        ),
        pytest.param(
            "Luhansk People's Militia",
            "UA",
            "2023-01-01",
            ("Military Forces of Russia (2000-) Luhansk People's Militia", None, 8),
            id="annexed",
        ),
        pytest.param(
            "coalition warplanes",
            "YE",
            None,
            ("Operation Restoring Hope", None, 8),
            id="yemen-coalition",
        ),
        pytest.param(
            "AMISOM",
            "SO",
            "2018-01-01",
            ("AMISOM: African Union Mission in Somalia (2007-2022)", None, 8),
            id="amisom",
        ),
        pytest.param(
            "journalists",
            "SY",
            None,
            ("Civilians (Syria)", "Journalists (Syria)", 7),
            id="journalists",
        ),
        pytest.param("Al Shabaab", "KE", None, ("Al Shabaab", None, 2), id="named"),
        pytest.param("AS militants", "SO", None, ("Al Shabaab", None, 2), id="as"),
        pytest.param(
            "SNA", "SO", "2025-06-01", ("Military Forces of Somalia (2022-)", None, 1), id="sna"
        ),
        pytest.param(
            "SNA", "SY", "2019-06-01", ("Opposition Rebels (Syria)", None, 2), id="sna-syria"
        ),
        pytest.param(
            "a Palestinian man", "PS", None, ("Civilians (Palestine)", None, 7), id="people-of"
        ),
        pytest.param(
            "two Chinese nationals",
            "NG",
            None,
            ("Civilians (International)", None, 7),
            id="foreigners",
        ),
        pytest.param(
            "military police officers",
            "BR",
            "2020-05-01",
            ("Military Forces of Brazil (2019-2023) Military Police", None, 1),
            id="military-police",
        ),
        pytest.param(
            "Barkhane forces",
            "ML",
            "2020-05-01",
            ("Military Forces of France (2017-)", None, 8),
            id="barkhane",
        ),
    ],
)
def test_acled_names(text: str, country: str, day: str | None, expected: tuple) -> None:
    assert named(text, country, day) == expected


def test_crowds_take_the_event_country_and_who_they_are() -> None:
    assert crowd(PROTESTERS, "IN", "Students") == crowd(PROTESTERS, "IN", "Students")
    n = crowd(RIOTERS, "BJ", "Taxi Drivers")
    assert (n.name, n.assoc, n.inter) == ("Rioters (Benin)", "Taxi Drivers (Benin)", 5)
    n = crowd(CIVILIANS, None)
    assert (n.name, n.assoc, n.inter) == ("Civilians", None, 7)  # no country known: no brackets


def test_state_name_without_a_period_keeps_the_country() -> None:
    assert state_name(POLICE, "NO", dt.date(2020, 1, 1)) == "Police Forces of Norway"


def test_attribution_in_another_sentence() -> None:
    text = "A bomb went off under a bus on the road. Al Shabaab claimed responsibility."
    assert attributed(text).name == "Al Shabaab"  # type: ignore[union-attr]
    assert attributed("A bomb went off. Police blamed the bandits.") is None  # not a named group


# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("code", "day", "label"),
    [
        ("KE", "2013-04-08", "2002-2013"),  # the day before the new president took office
        ("KE", "2013-04-09", "2013-2022"),
        ("UA", "2019-05-20", "2019-"),
        ("IL", "2022-01-01", "2021-2022"),
        ("SO", "2026-03-01", "2022-"),
    ],
)
def test_periods_follow_the_head_of_government(code: str, day: str, label: str) -> None:
    assert periods.period(code, dt.date.fromisoformat(day)) == label


def test_periods_unknown_country_or_before_the_table() -> None:
    assert periods.period("NO", dt.date(2020, 1, 1)) is None
    assert periods.period("SY", dt.date(1990, 1, 1)) is None
    assert periods.period("BJ", None) == "2016-"  # no date: the latest period


def test_period_table_is_ordered() -> None:
    for code, starts in periods.PERIODS.items():
        assert list(starts) == sorted(set(starts)), code
        assert all(day <= periods.KNOWN_TO for day in starts), code


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Fighting broke out between Samburu and Borana over grazing land.", ["Samburu", "Borana"]),
        ("Pokot and Turkana raiders clashed near the river.", ["Pokot", "Turkana"]),
        ("Talks between Kenya and Somalia resumed over the border.", []),  # countries
        ("Clashes between Hamas and Fatah went on.", []),  # named groups, no community
    ],
)
def test_communities_named_side_by_side(text: str, groups: list[str]) -> None:
    found = [a.group for a in find_actors(text) if a.name == "Identity militia"]
    assert found == groups


def test_a_named_groups_own_word_is_no_community() -> None:
    assert [a.name for a in find_actors("Houthi gunmen seized a checkpoint.")] == [
        "Houthi Movement"
    ]
    (a,) = find_actors("fighters from the al-Nusra Front attacked")
    assert (a.name, a.text) == ("HTS: Hayat Tahrir al Sham", "fighters from the al-Nusra Front")
