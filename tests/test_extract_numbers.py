"""Tests of conflictgeo.extract.numbers: figures for deaths, displacement, territory."""

from __future__ import annotations

import pytest

from conflictgeo.extract.numbers import (
    QUANTITY,
    find_deaths,
    find_displaced,
    find_territory,
    parse_number,
    quantity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("12", 12, id="digits"),
        pytest.param("1,200", 1200, id="thousands-comma"),
        pytest.param("10,000,000", 10_000_000, id="two-commas"),
        pytest.param("eleven", 11, id="teen-word"),
        pytest.param("twenty-one", 21, id="hyphenated"),
        pytest.param("forty five", 45, id="spaced"),
        pytest.param("Thirty", 30, id="capitalised-tens"),
        pytest.param("three hundred", 300, id="word-scale"),
        pytest.param("2.5 thousand", 2500, id="decimal-scale"),
        pytest.param("hundred", 100, id="bare-scale"),
        pytest.param("dozens", None, id="vague-not-a-number"),
        pytest.param("many", None, id="vague-many"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "best", "high"),
    [
        pytest.param("a dozen", 12, 12, None, id="a-dozen"),
        pytest.param("dozens", 12, 12, None, id="dozens"),
        pytest.param("several", 3, 3, None, id="several"),
        pytest.param("a few", 3, 3, None, id="a-few"),
        pytest.param("scores", 10, 10, None, id="scores"),
        pytest.param("hundreds", 100, 100, None, id="hundreds"),
        pytest.param("tens of thousands", 10_000, 10_000, None, id="tens-of-thousands"),
        pytest.param("twenty-one", 21, 21, 21, id="hyphenated-word-not-a-range"),
        pytest.param("twenty-one to thirty", 21, 21, 30, id="word-range"),
        pytest.param("about 3,000", None, 3000, None, id="about"),
        pytest.param("no fewer than 10", 10, 10, None, id="no-fewer-than"),
        pytest.param("over 40", 41, 41, None, id="over"),
        pytest.param("as many as 7", None, 7, 7, id="as-many-as"),
    ],
)
def test_quantity(text: str, low: int | None, best: int | None, high: int | None) -> None:
    m = QUANTITY.search(text)
    assert m is not None
    q = quantity(m)
    assert q is not None
    assert (q.low, q.best, q.high) == (low, best, high)
    assert q.text == text


def test_reversed_range_is_no_quantity() -> None:
    m = QUANTITY.search("15-10")
    assert m is not None
    assert quantity(m) is None


@pytest.mark.parametrize(
    ("sentence", "low", "best", "high", "fatalities", "phrase"),
    [
        pytest.param(
            "At least 11 people were killed in the attack.",
            11,
            11,
            None,
            11,
            "At least 11 people were killed",
            id="at-least",
        ),
        pytest.param(
            "Up to 20 people were killed in the air strikes.",
            None,
            20,
            20,
            20,
            "Up to 20 people were killed",
            id="up-to",
        ),
        pytest.param("The blast went off, killing 7.", 7, 7, 7, 7, "killing 7", id="killing-n"),
        pytest.param(
            "Between 10 and 15 were killed.",
            10,
            10,
            15,
            10,
            "Between 10 and 15 were killed",
            id="between-range",
        ),
        pytest.param(
            "5-6 people died in the raid.", 5, 5, 6, 5, "5-6 people died", id="dash-range"
        ),
        pytest.param(
            "Three soldiers and two civilians were killed.",
            5,
            5,
            5,
            5,
            "Three soldiers and two civilians were killed",
            id="side-breakdown-sum",
        ),
        pytest.param("Dozens were killed.", 12, 12, None, 12, "Dozens were killed", id="dozens"),
        pytest.param(
            "Hundreds killed in Ghouta.", 100, 100, None, 100, "Hundreds killed", id="hundreds"
        ),
        pytest.param(
            "More than 30 killed.", 31, 31, None, 30, "More than 30 killed", id="more-than"
        ),
        pytest.param(
            "Shelling on 13 October 2019 left 15 fighters dead.",
            15,
            15,
            15,
            15,
            "left 15 fighters dead",
            id="date-not-a-figure",
        ),
        pytest.param(
            "Artillery hit the town, killing two SDF fighters and a civilian.",
            3,
            3,
            3,
            3,
            "killing two SDF fighters and a civilian",
            id="breakdown-with-a-singular",
        ),
        pytest.param(
            "Mortars landed yesterday, killing a woman.",
            1,
            1,
            1,
            1,
            "killing a woman",
            id="a-woman",
        ),
        pytest.param(
            "12 Palestinians and one Israeli soldier were killed.",
            13,
            13,
            13,
            13,
            "12 Palestinians and one Israeli soldier were killed",
            id="breakdown-with-one",
        ),
        pytest.param(
            "Nine Palestinians, most of them gunmen, were killed in a gun battle.",
            9,
            9,
            9,
            9,
            "Nine Palestinians, most of them gunmen, were killed",
            id="parenthetical",
        ),
        pytest.param(
            "IS executed eight men accused of spying.",
            8,
            8,
            8,
            8,
            "executed eight men",
            id="executed-victims",
        ),
        pytest.param(
            "An IED hit a patrol, resulting in the death of 2 SDF members.",
            2,
            2,
            2,
            2,
            "the death of 2 SDF members",
            id="death-of",
        ),
        pytest.param(
            "Militants stormed a compound, killing 30 policemen, with 4 attackers killed.",
            34,
            34,
            34,
            34,
            "killing 30 policemen; 4 attackers killed",
            id="two-sides-joined",
        ),
        pytest.param(
            "Troops shot dead journalist Shireen Abu Akleh in Jenin.",
            1,
            1,
            1,
            1,
            "shot dead journalist Shireen",
            id="titled-victim",
        ),
        pytest.param(
            "Artillery hit the hospital, killing 7 patients and a child.",
            8,
            8,
            8,
            8,
            "killing 7 patients and a child",
            id="any-plural-noun",
        ),
        pytest.param(
            "Nearly 40 people died.", None, 40, None, 40, "Nearly 40 people died", id="nearly"
        ),
        pytest.param(
            "Twenty-one people were killed.",
            21,
            21,
            21,
            21,
            "Twenty-one people were killed",
            id="hyphenated-word",
        ),
        pytest.param(
            "1,200 people have been killed.",
            1200,
            1200,
            1200,
            1200,
            "1,200 people have been killed",
            id="comma-digits",
        ),
        pytest.param(
            "The death toll rose to 25.", 25, 25, 25, 25, "death toll rose to 25", id="death-toll"
        ),
        pytest.param("The strike left 9 dead.", 9, 9, 9, 9, "left 9 dead", id="left-dead"),
        pytest.param(
            "Rebels killed 14 soldiers.",
            14,
            14,
            14,
            14,
            "killed 14 soldiers",
            id="killed-n-victims",
        ),
        pytest.param(
            "At least 11 people were killed and 20 wounded.",
            11,
            11,
            None,
            11,
            "At least 11 people were killed",
            id="wounded-not-added",
        ),
        pytest.param(
            "12 people were wounded and 3 killed.",
            3,
            3,
            3,
            3,
            "3 killed",
            id="killed-after-wounded",
        ),
    ],
)
def test_find_deaths(
    sentence: str,
    low: int | None,
    best: int | None,
    high: int | None,
    fatalities: int,
    phrase: str,
) -> None:
    c = find_deaths(sentence)
    assert c is not None
    assert (c.low, c.best, c.high, c.fatalities) == (low, best, high, fatalities)
    assert c.text == phrase


def test_casualties_alone_count_zero_fatalities() -> None:
    c = find_deaths("The attack caused heavy casualties.")
    assert c is not None
    assert (c.low, c.best, c.high, c.fatalities) == (None, None, None, 0)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("12 people were wounded.", id="wounded-only"),
        pytest.param("Dozens were injured in the shelling.", id="injured-only"),
        pytest.param("No one was killed.", id="no-one"),
        pytest.param("He died.", id="no-figure"),
        pytest.param("Rebels seized 3 villages.", id="no-deaths"),
    ],
)
def test_no_deaths(sentence: str) -> None:
    assert find_deaths(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "value", "phrase"),
    [
        pytest.param(
            "About 3,000 families fled the area.", 3000, "About 3,000 families", id="about-families"
        ),
        pytest.param(
            "Opposition sources said thousands of Alawites fled their homes.",
            1000,
            "thousands of Alawites",
            id="thousands-of-group",
        ),
        pytest.param("More than 500 people fled.", 501, "More than 500 people", id="more-than"),
        pytest.param(
            "Up to 2,000 residents were displaced.", 2000, "Up to 2,000 residents", id="up-to"
        ),
        pytest.param("Twenty-one families fled.", 21, "Twenty-one families", id="word-number"),
    ],
)
def test_find_displaced(sentence: str, value: int, phrase: str) -> None:
    assert find_displaced(sentence) == (value, phrase)


def test_find_displaced_without_a_figure() -> None:
    assert find_displaced("Rebels fled.") == (None, None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The rebels have seized at least 11 villages in early August.",
            "at least 11 villages",
            id="at-least-villages",
        ),
        pytest.param("They took three towns.", "three towns", id="word-towns"),
        pytest.param("They captured 4 army checkpoints.", "4 army checkpoints", id="qualified"),
        pytest.param("They seized the town.", None, id="no-count"),
    ],
)
def test_find_territory(sentence: str, expected: str | None) -> None:
    assert find_territory(sentence) == expected
