"""Tests of conflictgeo.extract.kinds: the trigger lexicon and its suppression rules."""

from __future__ import annotations

import pytest

from conflictgeo.extract.kinds import KINDS, find_triggers


def kinds(sentence: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Clashes erupted near Salma.", ("armed_clash", "Clashes"), id="clashes"),
        pytest.param("Fierce fighting raged.", ("armed_clash", "fighting"), id="fighting"),
        pytest.param("A gun battle broke out.", ("armed_clash", "gun battle"), id="gun-battle"),
        pytest.param("Rebels ambushed a convoy.", ("armed_clash", "ambushed"), id="ambush"),
        pytest.param("Air strikes hit Aleppo.", ("air_strike", "Air strikes"), id="air-strikes"),
        pytest.param("An airstrike hit Aleppo.", ("air_strike", "airstrike"), id="airstrike"),
        pytest.param("Barrel bombs hit Daraya.", ("air_strike", "Barrel bombs"), id="barrel-bombs"),
        pytest.param("A drone strike hit a car.", ("air_strike", "drone strike"), id="drone"),
        pytest.param("Government forces shelled the town.", ("shelling", "shelled"), id="shelled"),
        pytest.param(
            "Mortar shells landed in the square.", ("shelling", "Mortar shells"), id="mortars"
        ),
        pytest.param("Artillery pounded the district.", ("shelling", "Artillery"), id="artillery"),
        pytest.param("A car bomb exploded.", ("explosive_device", "car bomb"), id="car-bomb"),
        pytest.param(
            "A roadside bomb went off.", ("explosive_device", "roadside bomb"), id="roadside-bomb"
        ),
        pytest.param("A landmine exploded.", ("explosive_device", "landmine"), id="landmine"),
        pytest.param(
            "A suicide bomber blew himself up.",
            ("suicide_bombing", "suicide bomber"),
            id="suicide-bomber",
        ),
        pytest.param(
            "Gunmen kidnapped two aid workers.", ("abduction", "kidnapped"), id="kidnapped"
        ),
        pytest.param("Militants abducted a priest.", ("abduction", "abducted"), id="abducted"),
        pytest.param(
            "Militants massacred 20 villagers.", ("attack_on_civilians", "massacred"), id="massacre"
        ),
        pytest.param(
            "The group executed five prisoners.", ("attack_on_civilians", "executed"), id="executed"
        ),
        pytest.param("Residents fled to Turkey.", ("displacement", "fled"), id="fled"),
        pytest.param("Thousands were displaced.", ("displacement", "displaced"), id="displaced"),
        pytest.param("Rebels seized the town.", ("seize", "seized"), id="seized"),
        pytest.param("Rebels stormed the base.", ("attack", "stormed"), id="stormed-is-an-assault"),
        pytest.param("Rebels overran the base.", ("seize", "overran"), id="overran"),
        pytest.param(
            "They took control of the town.", ("seize", "took control of"), id="took-control"
        ),
        pytest.param("Troops recaptured the village.", ("retake", "recaptured"), id="recaptured"),
        pytest.param(
            "Troops regained control of the district.",
            ("retake", "regained control of"),
            id="regained-control",
        ),
        pytest.param(
            "Rebels withdrew from the town.", ("territory_transfer", "withdrew from"), id="withdrew"
        ),
        pytest.param("Rebels attacked a checkpoint.", ("attack", "attacked"), id="attacked"),
        pytest.param("Two soldiers were killed.", ("kill", "killed"), id="killed"),
    ],
)
def test_trigger_kind(sentence: str, expected: tuple[str, str]) -> None:
    assert kinds(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Fighting erupted as rebels seized the checkpoint.",
            [("armed_clash", "Fighting"), ("seize", "seized")],
            id="fighting-and-seized",
        ),
        pytest.param(
            "Rebels seized the town after fierce clashes.",
            [("seize", "seized"), ("armed_clash", "clashes")],
            id="seized-then-clashes",
        ),
        pytest.param(
            "Thousands of families fled the fighting.",
            [("displacement", "fled"), ("armed_clash", "fighting")],
            id="fled-fighting",
        ),
        pytest.param(
            "A roadside bomb killed two.",
            [("explosive_device", "roadside bomb"), ("kill", "killed")],
            id="bomb-killed",
        ),
        pytest.param(
            "Warplanes struck the market.",
            [("air_strike", "Warplanes"), ("attack", "struck")],
            id="warplanes-struck",
        ),
    ],
)
def test_several_triggers_in_sentence_order(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(sentence) == expected


def test_strong_and_weak_triggers() -> None:
    strong = {t.kind: t.strong for t in find_triggers("Rebels attacked and seized the town.")}
    assert strong == {"attack": False, "seize": True}


def test_trigger_offsets_point_at_the_text() -> None:
    sentence = "Rebels seized the town after fierce clashes."
    for t in find_triggers(sentence):
        assert sentence[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The army denied shelling the village.", id="denied"),
        pytest.param("The army did not shell the town.", id="not"),
        pytest.param("There was no fighting.", id="no"),
        pytest.param("Rebels threatened to storm the town.", id="threatened-to"),
        pytest.param("Rebels vowed to retake the town.", id="vowed-to"),
        pytest.param("The army will attack the city.", id="will"),
        pytest.param("Rebels may attack.", id="may"),
        pytest.param("Rebels plan to seize the airport.", id="plan-to"),
        pytest.param("The rebels failed to capture the airport.", id="failed-to"),
        pytest.param("The army said it had not attacked.", id="had-not"),
        pytest.param(
            "The army denied shelling Douma, saying rebels had fired the mortars themselves.",
            id="denial-covers-its-clause",
        ),
        pytest.param("Regime warplanes will continue to pound rebel areas.", id="subject-will"),
        pytest.param("Officials warned of a massacre if troops stormed the city.", id="if"),
    ],
)
def test_negated_or_hypothetical_triggers_are_dropped(sentence: str) -> None:
    assert find_triggers(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The army pledged it will never shell civilians but shelled Homs.",
            [("shelling", "shelled")],
            id="negated-then-real",
        ),
        pytest.param(
            "Not far away, rebels seized a town.", [("seize", "seized")], id="negation-beyond-comma"
        ),
        pytest.param(
            "In May rebels seized the town.", [("seize", "seized")], id="month-may-not-modal"
        ),
    ],
)
def test_suppression_is_local(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(sentence) == expected


def test_kinds_carry_acled_types() -> None:
    assert KINDS["air_strike"].event_type == "Explosions/Remote violence"
    assert KINDS["air_strike"].sub_event_type == "Air/drone strike"
    assert KINDS["territory_taken_nonstate"].sub_event_type == "Non-state actor overtakes territory"
    assert KINDS["armed_clash"].event_type == "Battles"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "A suicide truck bomb hit a police centre.",
            ("suicide_bombing", "suicide truck bomb"),
            id="suicide-truck-bomb",
        ),
        pytest.param(
            "A suicide car bomber struck a camp.",
            ("suicide_bombing", "suicide car bomber"),
            id="suicide-car-bomber",
        ),
        pytest.param(
            "Two bombers blew themselves up in the square.",
            ("suicide_bombing", "blew themselves up"),
            id="blew-themselves-up",
        ),
        pytest.param(
            "A bomb planted on a motorcycle exploded near a checkpoint.",
            ("explosive_device", "bomb"),
            id="bomb-exploded-apart",
        ),
        pytest.param(
            "Rockets fired by the militia landed on the district.",
            ("shelling", "Rockets"),
            id="rockets-apart",
        ),
        pytest.param(
            "Israeli strikes hit the valley.", ("air_strike", "Israeli strikes"), id="strikes"
        ),
        pytest.param(
            "Barrel bombs fell on the town.", ("air_strike", "Barrel bombs"), id="barrel-bombs"
        ),
        pytest.param(
            "A Houthi drone attack hit the parade.", ("air_strike", "drone attack"), id="drone"
        ),
        pytest.param(
            "Protesters rallied in the square.", ("protest", "Protesters rallied"), id="protest"
        ),
        pytest.param(
            "A drone attributed to the army targeted a car.",
            ("air_strike", "drone attributed to the army targeted"),
            id="drone-apart",
        ),
        pytest.param(
            "The Houthis launched a ballistic missile toward Jizan.",
            ("shelling", "launched a ballistic missile"),
            id="launched-missile",
        ),
        pytest.param(
            "Kurdish forces drove IS out of Kobani.",
            ("seize", "drove IS out of"),
            id="drove-out",
        ),
    ],
)
def test_trigger_forms(sentence: str, expected: tuple[str, str]) -> None:
    assert kinds(sentence)[0] == expected


def test_a_denial_ends_with_its_clause() -> None:
    found = kinds("Hezbollah denied firing rockets, but Israeli jets struck Khiam.")
    assert ("air_strike", "jets struck") in found
    assert all(k != "shelling" for k, _ in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The firm struck a deal with the government.",
        "Shell and Watson have been charged with escape.",
        "The town will host an annual biker rally.",
        "Teachers went on strike over pay.",
        "The gun went off during the struggle.",
        "The contract includes missile defence systems.",
    ],
    ids=["struck-a-deal", "shell-a-name", "biker-rally", "labour-strike", "gun-went-off", "arms"],
)
def test_everyday_words_are_no_event_kinds(sentence: str) -> None:
    assert [k for k, _ in kinds(sentence) if k not in ("attack", "kill")] == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param(
            "Dozens of people rallied in Sweida on Saturday to protest rising fuel prices.",
            "protest",
            id="rallied-to-protest",
        ),
        pytest.param(
            "Hezbollah fighters took the last Nusra Front positions near Arsal.",
            "seize",
            id="took-positions",
        ),
        pytest.param(
            "Pro-government fighters had cleared Sirte of the last militants.",
            "retake",
            id="cleared-of",
        ),
        pytest.param(
            "More than 4,000 families left Fallujah last week.", "displacement", id="families-left"
        ),
    ],
)
def test_holdout_phrasings(sentence: str, kind: str) -> None:
    assert [t.kind for t in find_triggers(sentence)] == [kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian warplanes did not strike Jisr al-Shughur on Sunday.",
        "Government jets never bombed the market, the ministry said.",
        "Gunmen took two aid workers hostage.",  # "took" alone is no seizure
    ],
)
def test_negation_after_a_noun_trigger_and_bare_took(sentence: str) -> None:
    assert "air_strike" not in [t.kind for t in find_triggers(sentence)]
    assert "seize" not in [t.kind for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents say government planes bomb the city several times a week.",
        "Mortars hit the old quarter almost daily.",
        "Snipers fire on the road every night.",
    ],
)
def test_a_habit_is_no_event(sentence: str) -> None:
    assert find_triggers(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Clashes erupted every day last week in Daraa, killing 30.", "armed_clash"),
        ("Shelling of the camp continued daily for a month.", "shelling"),
        ("Jets bombed Raqqa on Sunday, as they do almost daily, killing nine.", "air_strike"),
    ],
)
def test_days_of_a_campaign_or_a_habit_in_another_clause_keep_the_event(
    sentence: str, kind: str
) -> None:
    assert kind in [t.kind for t in find_triggers(sentence)]


def test_a_participle_after_a_determiner_names_an_event_told_before() -> None:
    kinds = [t.kind for t in find_triggers("Civilians died in the captured villages.")]
    assert "seize" not in kinds
    assert [t.kind for t in find_triggers("Rebels captured the villages on Monday.")] == ["seize"]


def test_a_trend_over_months_is_no_event() -> None:
    trend = "Violence has risen in recent months, with bombings striking markets in Baghdad."
    assert find_triggers(trend) == []
    assert find_triggers("Over the past few years, rebels seized dozens of villages.") == []
    week = find_triggers("Over the past week, clashes killed 30.")
    assert "armed_clash" in [t.kind for t in week]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param("Residents demonstrated against the new tax.", "protest", id="demonstrated"),
        pytest.param("Nurses staged a sit-in at the hospital.", "protest", id="sit-in"),
        pytest.param("Hundreds took to the streets of the capital.", "protest", id="streets"),
        pytest.param("Police fired tear gas in the square.", "protest_with_intervention", id="gas"),
        pytest.param("Youths hurled stones at the convoy.", "riot", id="stones"),
        pytest.param("A mob lynched a suspected thief.", "mob_violence", id="lynched"),
        pytest.param("Police arrested three journalists.", "arrest", id="arrested"),
        pytest.param("Soldiers detained a shepherd.", "arrest", id="detained"),
        pytest.param("The two sides agreed a truce.", "agreement", id="truce"),
        pytest.param("Engineers defused an IED on the road.", "disrupted_weapons", id="defused"),
        pytest.param(
            "Troops set up a new base near the dam.", "base_established", id="base-set-up"
        ),
        pytest.param(
            "The group sent reinforcements to the front.", "change_to_group", id="reinforce"
        ),
        pytest.param("Soldiers raped a woman at the checkpoint.", "sexual_violence", id="rape"),
        pytest.param("An attacker threw a grenade at the patrol.", "grenade", id="grenade"),
        pytest.param(
            "The shells released chlorine gas over the district.", "chemical_weapon", id="gas"
        ),
        pytest.param("Gunmen torched the market.", "destroy", id="torched"),
        pytest.param("A man was shot dead in the street.", "harm", id="shot-dead"),
        pytest.param("Militants beheaded a hostage.", "harm", id="beheaded"),
        pytest.param("The bodies of two men were found in a ditch.", "body", id="bodies"),
        pytest.param("A shootout broke out near the border.", "armed_clash", id="shootout"),
    ],
)
def test_triggers_of_the_whole_taxonomy(sentence: str, kind: str) -> None:
    assert kind in [t.kind for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Floods killed twelve people in the valley.", id="flood"),
        pytest.param("A gas cylinder exploded in a bakery.", id="gas-cylinder"),
        pytest.param("Three died of cholera in the camp.", id="illness"),
        pytest.param("The driver died in a road accident.", id="accident"),
        pytest.param("Residents were evacuated as the wildfire spread.", id="wildfire"),
    ],
)
def test_deaths_a_disaster_explains_are_no_event(sentence: str) -> None:
    assert find_triggers(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("He was jailed for the murder of his neighbour.", [], id="jailed-for"),
        pytest.param(
            "A mob set upon a man accused of killing a child.",
            [("mob_violence", "mob")],
            id="accused-of",
        ),
        pytest.param("The group claimed responsibility for the bombing.", [], id="claimed"),
        pytest.param(
            "Jets struck the camp in retaliation for a rocket attack.",
            [("air_strike", "Jets struck")],
            id="retaliation",
        ),
    ],
)
def test_a_deed_named_as_an_accusation_or_a_cause_is_not_told(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert kinds(sentence) == expected


def test_the_acled_crowd_tag_is_a_gathering() -> None:
    assert [t.kind for t in find_triggers("[size=no report]")] == ["crowd"]
    assert find_triggers("The size of the crowd was not known.") == []


def test_explosions_heard_from_afar_are_shelling() -> None:
    assert [
        t.kind for t in find_triggers("Monitors heard a series of explosions near the dam.")
    ] == ["shelling"]
    assert [t.kind for t in find_triggers("An explosion hit the market.")] == ["explosive_device"]
