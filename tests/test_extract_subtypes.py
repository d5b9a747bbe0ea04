"""Tests of conflictgeo.extract.subtypes: ACLED sub-event types from who did what to whom.

Every sentence is written for these tests; each names the rule it checks.
"""

from __future__ import annotations

import pytest

from conflictgeo.extract.actors import find_actors
from conflictgeo.extract.kinds import find_triggers
from conflictgeo.extract.numbers import find_deaths
from conflictgeo.extract.subtypes import PROTEST_RANK, escalate_protests, type_triggers


def kinds(sentence: str) -> list[str]:
    triggers = find_triggers(sentence)
    typed = type_triggers(sentence, triggers, find_actors(sentence), find_deaths(sentence))
    return [k for k, _ in typed]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # Victims decide Attack vs Armed clash (ACLED).
        pytest.param(
            "Gunmen shot dead a farmer near the village.", "attack_on_civilians", id="civilian"
        ),
        pytest.param(
            "Gunmen shot dead two soldiers at a checkpoint.", "armed_clash", id="soldiers"
        ),
        pytest.param(
            "Two policemen were killed by militants on the highway.",
            "armed_clash",
            id="passive-police",
        ),
        pytest.param(
            "An off-duty police officer was shot dead at his home.",
            "attack_on_civilians",
            id="off-duty",
        ),
        pytest.param(
            "Police shot dead two suspected militants during a raid.",
            "armed_clash",
            id="suspected-militants",
        ),
        pytest.param(
            "Unknown men stabbed a pastor outside his church.",
            "attack_on_civilians",
            id="unknown-men",
        ),
        pytest.param(
            "Gunmen ambushed a bus carrying traders, killing five.",
            "attack_on_civilians",
            id="ambush-of-civilians",
        ),
        pytest.param(
            "Militias attacked an army post on the hill, killing nine people.",
            "armed_clash",
            id="the-target-decides-one-act",
        ),
    ],
)
def test_victims_decide_attack_or_clash(sentence: str, kind: str) -> None:
    assert kinds(sentence) == [kind]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param(
            "A shopkeeper was beaten to death by a crowd.", "mob_violence", id="passive-crowd"
        ),
        pytest.param(
            "Villagers lynched a man accused of stealing a goat.", "mob_violence", id="lynched"
        ),
        pytest.param(
            "Supporters of two rival candidates clashed outside the polling station.",
            "mob_violence",
            id="rival-supporters",
        ),
        pytest.param(
            "A brawl between two families left a man badly hurt.", "mob_violence", id="brawl"
        ),
        pytest.param(
            "A crowd of youths attacked a police station and set it on fire.",
            "mob_violence",
            id="crowd-on-police",
        ),
        pytest.param(
            "Traders clashed with police in the market while protesting a new tax.",
            "riot",
            id="protesting-crowd-is-a-riot",
        ),
    ],
)
def test_a_crowds_violence(sentence: str, kind: str) -> None:
    assert kinds(sentence) == [kind]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param("Teachers marched to the ministry to demand back pay.", "protest", id="march"),
        pytest.param("Hundreds protested outside the embassy on Friday.", "protest", id="bare"),
        pytest.param(
            "Police used tear gas to disperse students protesting fee rises.",
            "protest_with_intervention",
            id="tear-gas",
        ),
        pytest.param(
            "Police dispersed the crowd with water cannon.",
            "protest_with_intervention",
            id="dispersed-crowd",
        ),
        pytest.param(
            "Security forces fired live rounds at demonstrators, killing four.",
            "excessive_force",
            id="lethal-force",
        ),
        pytest.param(
            "Protesters burned tyres and threw stones at police.", "riot", id="stones-tyres"
        ),
        pytest.param(
            "Residents protested against the killing of a local trader by police.",
            "protest",
            id="a-grievance-is-no-event",
        ),
    ],
)
def test_a_protest_is_typed_by_the_worst_done_at_it(sentence: str, kind: str) -> None:
    assert kinds(sentence) == [kind]


def test_a_protest_told_over_sentences_takes_the_worst() -> None:
    # protest, then its dispersal; then an arrest of the crowd
    assert (
        escalate_protests([(0, 0, "protest"), (0, 1, "protest_with_intervention")], 2)
        == ["protest_with_intervention"] * 2
    )
    told = ["Students protested outside the university.", "Police arrested twenty of them."]
    assert (
        escalate_protests([(0, 0, "protest"), (0, 1, "arrest")], 2, told)
        == ["protest_with_intervention"] * 2
    )
    # an arrest that is not of the crowd stays an arrest; another paragraph stays apart
    other = ["Lawyers protested in the capital.", "The editor was arrested last month."]
    assert escalate_protests([(0, 0, "protest"), (0, 1, "arrest")], 2, other) == [
        "protest",
        "arrest",
    ]
    assert escalate_protests([(0, 0, "protest"), (1, 1, "riot")], 2) == ["protest", "riot"]
    assert max(PROTEST_RANK, key=PROTEST_RANK.__getitem__) == "riot"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param(
            "Police arrested four opposition activists in the capital.", "arrest", id="arrest"
        ),
        pytest.param(
            "Soldiers raided the village and detained nine men.", "arrest", id="raid-to-arrest"
        ),
        pytest.param(
            "Security forces arrested a number of young men in the camp.",
            "arrest",
            id="young-men",
        ),
        pytest.param(
            "Israeli forces beat three Palestinians and detained them.",
            "attack_on_civilians",
            id="violence-beats-arrest",
        ),
        pytest.param(
            "Army engineers defused a roadside bomb near the bridge.",
            "disrupted_weapons",
            id="defused",
        ),
        pytest.param(
            "Air defences intercepted three drones over the city.",
            "disrupted_weapons",
            id="intercepted",
        ),
        pytest.param(
            "Police seized rifles and ammunition in a raid on a farm.",
            "disrupted_weapons",
            id="seized-arms",
        ),
        pytest.param(
            "The two militias agreed a ceasefire in the town.", "agreement", id="ceasefire"
        ),
        pytest.param(
            "Turkish forces set up a new observation post near the town.",
            "base_established",
            id="post",
        ),
        pytest.param(
            "The army deployed reinforcements to the border area.",
            "change_to_group",
            id="reinforcements",
        ),
        pytest.param(
            "The army established new fortifications along the river.",
            "change_to_group",
            id="fortifications",
        ),
        pytest.param("Gunmen looted shops in the market.", "looting", id="looted"),
        pytest.param(
            "Militants torched houses and killed two villagers.",
            "attack_on_civilians",
            id="violence-beats-looting",
        ),
        pytest.param("Soldiers raped two women in the village.", "sexual_violence", id="rape"),
        pytest.param("A man threw a hand grenade into a crowded bar.", "grenade", id="grenade"),
        pytest.param(
            "Rebels fired rocket-propelled grenades at the army base.",
            "armed_clash",
            id="rpg-is-no-grenade",
        ),
        pytest.param(
            "Helicopters dropped barrel bombs filled with chlorine on the town.",
            "chemical_weapon",
            id="chlorine",
        ),
        pytest.param("Gunmen seized two men at a checkpoint.", "abduction", id="people-seized"),
        pytest.param(
            "The body of a man with gunshot wounds was found by a roadside.",
            "attack_on_civilians",
            id="body-found",
        ),
        pytest.param(
            "Rebels fired mortars and small arms at army positions.",
            "armed_clash",
            id="mortars-with-small-arms",
        ),
        pytest.param(
            "Warplanes bombed the town as fighting spread through the region.",
            "air_strike",
            id="as-fighting-spread-is-the-scene",
        ),
        pytest.param(
            "Masked men abducted a teacher on Monday; he was found dead the next day.",
            "attack_on_civilians",
            id="abducted-then-found-dead",
        ),
    ],
)
def test_kinds_of_the_whole_taxonomy(sentence: str, kind: str) -> None:
    assert kinds(sentence) == [kind]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Police arrested two men over a bank robbery.", id="crime"),
        pytest.param("Ceasefire violations were reported along the front.", id="violations"),
        pytest.param(
            "The capture of the town gives the group control of a border crossing.",
            id="a-consequence",
        ),
        pytest.param("Floods killed 12 people in the valley.", id="flood"),
        pytest.param("A gas cylinder exploded in a restaurant, killing three.", id="gas"),
        pytest.param("The group claimed responsibility for the bombing.", id="claim"),
        pytest.param("The minister condemned the attack on press freedom.", id="figurative"),
    ],
)
def test_no_conflict_event(sentence: str) -> None:
    assert kinds(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The home side beat the visitors 2-0 on Sunday.", id="sports-beat"),
        pytest.param("The league struck a record deal with a broadcaster.", id="struck-a-deal"),
        pytest.param("A man was hurt in a bee attack near the farm.", id="bee-attack"),
        pytest.param("She has been fighting cancer for years.", id="fighting-cancer"),
        pytest.param("The crew spent a week shooting footage in the hills.", id="footage"),
        pytest.param("Governor Lynch spoke at the ceremony.", id="lynch-a-name"),
        pytest.param("The March figures were released on Friday.", id="march-a-month"),
        pytest.param("Three puppies were stolen from a farm.", id="theft"),
        pytest.param("The board approved the recruiting plan.", id="recruiting-no-forces"),
    ],
)
def test_everyday_english_gives_no_event(sentence: str) -> None:
    assert kinds(sentence) == []


def test_arrests_and_interventions_told_after_a_protest() -> None:
    told = ["Nurses demonstrated outside the hospital.", "Seven were detained by police."]
    assert (
        escalate_protests([(0, 0, "protest"), (0, 1, "arrest")], 2, told)
        == ["protest_with_intervention"] * 2
    )
    assert kinds("Police intervened to stop the march.") == ["protest_with_intervention"]
