"""Tests of conflictgeo.extract.actors.find_actors: canonical names and types."""

from __future__ import annotations

import pytest

from conflictgeo.extract.actors import ACTOR_COUNTRY, actor_country, find_actors


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "text"),
    [
        pytest.param(
            "On Aug. 10, the Syrian Air Force attacked.",
            "Syrian Air Force",
            "state",
            "the Syrian Air Force",
            id="syrian-air-force",
        ),
        pytest.param(
            "Syrian warplanes struck Salma.",
            "Syrian Air Force",
            "state",
            "Syrian warplanes",
            id="syrian-warplanes",
        ),
        pytest.param(
            "US warplanes struck.",
            "United States Air Force",
            "state",
            "US warplanes",
            id="us-demonym",
        ),
        pytest.param(
            "Regime warplanes struck.",
            "Government air force",
            "state",
            "Regime warplanes",
            id="regime-warplanes",
        ),
        pytest.param(
            "The Syrian army shelled the town.",
            "Syrian Armed Forces",
            "state",
            "Syrian army",
            id="syrian-army",
        ),
        pytest.param(
            "Iraqi troops advanced.",
            "Iraqi Armed Forces",
            "state",
            "Iraqi troops",
            id="iraqi-troops",
        ),
        pytest.param(
            "Assad forces advanced.",
            "Syrian Armed Forces",
            "state",
            "Assad forces",
            id="assad-forces",
        ),
        pytest.param(
            "Assad's troops advanced.",
            "Syrian Armed Forces",
            "state",
            "Assad's troops",
            id="assads-troops",
        ),
        pytest.param(
            "The regime shelled Homs.", "Syrian Armed Forces", "state", "regime", id="regime"
        ),
        pytest.param(
            "Regime forces shelled Homs.",
            "Syrian Armed Forces",
            "state",
            "Regime forces",
            id="regime-forces",
        ),
        pytest.param(
            "Government forces advanced.",
            "Government forces",
            "state",
            "Government forces",
            id="government-forces-capitalised",
        ),
        pytest.param(
            "Islamic State attacked.",
            "Islamic State",
            "nonstate",
            "Islamic State",
            id="islamic-state",
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
            "Nusra Front / HTS",
            "nonstate",
            "al-Nusra Front",
            id="al-nusra-front",
        ),
        pytest.param(
            "Jabhat al-Nusra attacked.",
            "Nusra Front / HTS",
            "nonstate",
            "Jabhat al-Nusra",
            id="jabhat-al-nusra",
        ),
        pytest.param("Houthis attacked.", "Houthis", "nonstate", "Houthis", id="houthis"),
        pytest.param(
            "The Free Syrian Army attacked.",
            "Free Syrian Army",
            "nonstate",
            "Free Syrian Army",
            id="fsa-not-syrian-army",
        ),
        pytest.param(
            "Al Qaeda-linked militants attacked.",
            "Al Qaeda-aligned militias",
            "nonstate",
            "Al Qaeda-linked militants",
            id="al-qaeda-linked",
        ),
        pytest.param(
            "Unidentified gunmen attacked.",
            "Unidentified armed group",
            "nonstate",
            "Unidentified gunmen",
            id="unidentified-gunmen",
        ),
        pytest.param(
            "Gunmen attacked.",
            "Unidentified armed group",
            "nonstate",
            "Gunmen",
            id="gunmen-capitalised",
        ),
        pytest.param("The rebels attacked.", "Rebels", "nonstate", "rebels", id="rebels"),
        pytest.param(
            "Rebels attacked.", "Rebels", "nonstate", "Rebels", id="rebels-sentence-start"
        ),
        pytest.param(
            "Kurdish fighters attacked.",
            "Kurdish forces",
            "nonstate",
            "Kurdish fighters",
            id="kurdish-fighters",
        ),
        pytest.param("Civilians fled.", "Civilians", "civilians", "Civilians", id="civilians"),
        pytest.param(
            "Thousands of Alawites fled.",
            "Alawites",
            "civilians",
            "Alawites",
            id="alawites-as-written",
        ),
    ],
)
def test_single_actor(sentence: str, name: str, kind: str, text: str) -> None:
    (actor,) = find_actors(sentence)
    assert (actor.name, actor.type, actor.text) == (name, kind, text)
    assert sentence[actor.start : actor.end] == text


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
    assert actor.name not in ("Rebels", "Militias", "Government forces")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "On Aug. 10, the Syrian Air Force attacked rebel units.",
            [("Syrian Air Force", "state"), ("Rebels", "nonstate")],
            id="air-force-then-rebels",
        ),
        pytest.param(
            "Rebels clashed with the Syrian army near Salma.",
            [("Rebels", "nonstate"), ("Syrian Armed Forces", "state")],
            id="rebels-then-army",
        ),
        pytest.param(
            "Government forces clashed with ISIS.",
            [("Government forces", "state"), ("Islamic State", "nonstate")],
            id="government-then-isis",
        ),
        pytest.param(
            "The Free Syrian Army clashed with the army.",
            [("Free Syrian Army", "nonstate"), ("Government forces", "state")],
            id="fsa-then-army",
        ),
        pytest.param(
            "Unidentified gunmen killed two civilians.",
            [("Unidentified armed group", "nonstate"), ("Civilians", "civilians")],
            id="gunmen-then-civilians",
        ),
        pytest.param(
            "Syrian army soldiers and Hezbollah fighters attacked rebels.",
            [("Syrian Armed Forces", "state"), ("Hezbollah", "nonstate"), ("Rebels", "nonstate")],
            id="three-actors",
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
        ("Houthi fighters shelled the town.", ("YE", "Houthis")),
        ("Forces of the Libyan National Army advanced.", ("LY", "Libyan National Army")),
        ("The Taliban and Afghan troops fought; the Taliban withdrew.", ("AF", "Taliban")),
        ("Iraqi troops and Peshmerga units advanced.", ("IQ", "Iraqi Armed Forces")),
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
        "Syrian army, Syrian warplanes, NDF, FSA, SDF, YPG, HTS, Iraqi army, Iraqi jets, PMF, "
        "Peshmerga, Yemeni army, Yemeni jets, Houthis, Popular Committees, Libyan army, "
        "Libyan jets, LNA, GNA, Lebanese army, Afghan army, Afghan jets, Taliban, Hamas, PIJ, "
        "al-Shabaab, Boko Haram"
    )
    assert {a.name for a in find_actors(sample)} >= set(ACTOR_COUNTRY)


def test_who_holds_a_place_is_not_an_actor() -> None:
    found = [(a.name, a.text) for a in find_actors("Army artillery shelled the rebel-held town.")]
    assert found == [("Government forces", "Army artillery")]
    assert find_actors("Houthi-controlled districts were quiet.") == []
