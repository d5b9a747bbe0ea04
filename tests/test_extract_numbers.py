"""Tests of conflictgeo.extract.numbers: figures for deaths, displacement, territory."""

from __future__ import annotations

import pytest

from conflictgeo.extract.numbers import (
    QUANTITY,
    death_toll,
    displaced_figure,
    find_deaths,
    find_displaced,
    find_territory,
    parse_number,
    quantity,
    tolls_by_day,
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
            "shot dead journalist Shireen Abu Akleh",
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


# Victims read clause by clause (sentences written for these tests).
@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        pytest.param("Both victims died.", 2, id="both"),
        pytest.param("A civilian was killed.", 1, id="a-civilian-passive"),
        pytest.param("The victim died.", 1, id="the-victim-died"),
        pytest.param("1 fatality.", 1, id="one-fatality"),
        pytest.param(
            "Four rangers, one soldier, one guard, and one foreign trainer (a former officer) "
            "were killed and nine others wounded.",
            7,
            id="long-breakdown-with-aside",
        ),
        pytest.param("A grenade attack injured civilians and kills one", 1, id="kills-one"),
        pytest.param("Three suspected thieves were lynched by a mob.", 3, id="lynched"),
        pytest.param("A trader was beaten to death by police.", 1, id="beaten-to-death"),
        pytest.param("Police answered the attack; they killed 12 of them.", 12, id="n-of-them"),
        pytest.param(
            "At least 15 (some reports say 25) have been killed.", 15, id="lowest-of-two-reports"
        ),
        pytest.param("A pastor is gunned down by two men at the market.", 1, id="killers-after-by"),
        pytest.param(
            "A man was abducted by three men and stabbed to death near a field.",
            1,
            id="coordinated-passive",
        ),
        pytest.param("A crowd of villagers killed a man by burning him.", 1, id="killers-subject"),
        pytest.param("A gang of four men shot dead a priest.", 1, id="four-killers-one-victim"),
        pytest.param("Nine-year-old boy killed.", 1, id="age-is-no-count"),
        pytest.param("Police on 11/04 shot dead two suspects.", 2, id="short-date-masked"),
        pytest.param(
            "A gas leak killed 11 and injured hundreds of others.", 11, id="injured-not-added"
        ),
        pytest.param(
            "4 soldiers and 1 officer were killed when a bomb hit their vehicle.", 5, id="sum"
        ),
        pytest.param("The clashes led to another death.", 1, id="another-death"),
        pytest.param(
            "A suspect and his companion, a known gang leader, were killed.", 2, id="appositive"
        ),
        pytest.param("Ahmed Ali, a teacher, and his son were killed.", 2, id="named-appositive"),
        pytest.param("In the town, a man was killed.", 1, id="place-before-victim"),
        pytest.param(
            "The strike killed Ahmed Ali, his wife and their three children.",
            5,
            id="a-family-named",
        ),
        pytest.param("A mother and her four children were killed.", 5, id="mother-and-children"),
        pytest.param("A family of seven was killed when the house was hit.", 7, id="family-of"),
        pytest.param("Between 3 and 5 civilians were killed.", 3, id="between-lowest"),
        pytest.param("Reports on fatalities range from 2 to 4.", 2, id="fatalities-range"),
        pytest.param("They hacked at least 30 people to death.", 30, id="object-to-death"),
        pytest.param(
            "Militants killed 5 policemen, bringing the death toll this month to 40.",
            5,
            id="running-total-not-added",
        ),
        pytest.param(
            "The attack killed 20 people, including 8 children.", 20, id="subset-not-added"
        ),
        pytest.param("Police said the five men were killed in a shootout.", 5, id="said-the-five"),
        pytest.param("The bodies of two men were found in a field.", 2, id="bodies-of"),
        pytest.param(
            "Airstrikes in the province killed 21 civilians last week, officials said.",
            21,
            id="place-before-active-verb",
        ),
        pytest.param(
            "A drone killed the commander and his deputy near the airport, along with six others.",
            8,
            id="along-with-others",
        ),
        pytest.param(
            "The bomb killed the mayor, Omar Hassan, and four guards.", 5, id="title-then-name"
        ),
        pytest.param(
            "The shelling killed 47 people, the health ministry said.", 47, id="speaker-no-victim"
        ),
        pytest.param(
            "A bomb hit a bus carrying workers; four of them died.", 4, id="four-of-them-died"
        ),
        pytest.param("At least 25 soldiers and policemen were killed.", 25, id="shared-count"),
        pytest.param("A shop owner and a guard was killed.", 1, id="singular-verb-one-person"),
        pytest.param("Twelve are dead after fresh clashes.", 12, id="are-dead"),
        pytest.param("His body was found two days later.", 1, id="body-found"),
        pytest.param("Three dead women were found by the road.", 3, id="dead-adjective-found"),
        pytest.param(
            "A driver was caught in the crossfire and died of his wounds.",
            1,
            id="coordinated-intransitive",
        ),
        pytest.param(
            "The chief was shot dead by gunmen along with his driver.", 2, id="along-with-passive"
        ),
        pytest.param("Three farmers were also killed in the raid.", 3, id="also-killed"),
        pytest.param(
            "A prisoner freed on parole was lynched in the market.", 1, id="subject-head-first"
        ),
        pytest.param(
            "A thief, who had robbed several shops in the town, is killed by a mob.",
            1,
            id="relative-clause-skipped",
        ),
        pytest.param("A mob stoned to death a police officer.", 1, id="to-death-object-after"),
        pytest.param("1 killed, 7 injured.", 1, id="killed-comma-injured"),
        pytest.param("resulting in 25 rebel and 6 army fatalities.", 31, id="nominal-breakdown"),
        pytest.param(
            "Two rebels and one soldier were killed, resulting in 2 rebel and 1 army fatalities.",
            3,
            id="breakdown-restated",
        ),
        pytest.param("Mob lynches man in the market.", 1, id="headline-bare-object"),
        pytest.param("Among the dead were three police officers.", 3, id="among-the-dead"),
        pytest.param(
            "The victims were named as Sami Odeh, his wife Rana and their sons Fadi and Tarek.",
            4,
            id="victims-named",
        ),
        pytest.param("Sami Odeh, 35, and his son Fadi, 10, were killed.", 2, id="ages-after-names"),
        pytest.param(
            "Karim Nassar was killed alongside his wife and four children.", 6, id="alongside"
        ),
        pytest.param("Rescuers recovered the bodies of 11 people.", 11, id="bodies-recovered"),
        pytest.param(
            "At least 20 members of one family, including 8 children and 5 women, were killed.",
            20,
            id="subset-with-and",
        ),
        pytest.param("Up to 22 people, mostly children, died.", 22, id="mostly"),
        pytest.param("The strike killed a couple and their two children.", 4, id="a-couple"),
        pytest.param(
            "The strike killed Dr. Sami Haddad and his family.", 1, id="title-abbreviation"
        ),
        pytest.param("Villagers lynched a suspected thief to death.", 1, id="lynched-to-death"),
        pytest.param("Youths lynched to death an old man.", 1, id="lynched-to-death-object"),
        pytest.param(
            "Two guards died as well as two attackers (a total of 5 fatalities).",
            5,
            id="stated-total-in-brackets",
        ),
        pytest.param(
            "Five policemen including one officer and four guards were killed.",
            5,
            id="subset-without-commas",
        ),
        pytest.param(
            "Five corpses of suspected fighters were discovered.", 5, id="corpses-of-count-before"
        ),
        pytest.param(
            "A farmer was detained and later found killed.", 1, id="coordinated-found-killed"
        ),
        pytest.param("Three of those arrested were later found dead.", 3, id="n-of-those"),
        pytest.param(
            "They attacked the post, in which three guards and a driver were killed.",
            4,
            id="in-which",
        ),
        pytest.param("A man was on Sunday night lynched by a mob.", 1, id="weekday-masked"),
        pytest.param("Three people die in clashes with police.", 3, id="present-die"),
        pytest.param("Police gun down a wanted man during a raid.", 1, id="gun-down"),
    ],
)
def test_victims_clause_by_clause(sentence: str, fatalities: int) -> None:
    c = find_deaths(sentence)
    assert c is not None
    assert c.fatalities == fatalities


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("No fatalities were reported.", id="no-fatalities"),
        pytest.param("Gunmen threatened to kill five hostages.", id="threat"),
        pytest.param("Raiders killed and stole 100 camels.", id="animals"),
        pytest.param("A mob nearly lynched a suspected thief.", id="nearly"),
        pytest.param("Two elders narrowly escaped death in the attack.", id="escaped-death"),
        pytest.param("Herders were accused of killing a farmer.", id="accusation"),
        pytest.param("A suspect in the murder of a trader was arrested.", id="suspect-in"),
        pytest.param("Students marched to protest the killing of a classmate.", id="grievance"),
        pytest.param("He wept beside his dead father.", id="dead-adjective"),
        pytest.param("Farmers shot and killed five oxen.", id="oxen"),
        pytest.param("Flash floods killed 20 people in the valley.", id="floods"),
        pytest.param("At least 30 people have died of alcohol poisoning.", id="poisoning"),
        pytest.param(
            "The death toll from the earthquake rose as 40 people had died.", id="quake-toll"
        ),
    ],
)
def test_no_death_figure(sentence: str) -> None:
    assert find_deaths(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        pytest.param("10^100 people were killed.", "10^100", id="power"),
        pytest.param("Rebels killed one trillion people.", "one trillion", id="trillion"),
        pytest.param("Rebels killed 9000000000000000000 people.", "9000000000000000000", id="big"),
        pytest.param(
            "Rebels killed 99999999999999999999 people.", "99999999999999999999", id="over-int64"
        ),
    ],
)
def test_implausible_figures_are_dropped_not_rewritten(sentence: str, figure: str) -> None:
    # Issue 14 item 5: "10^100" was read as 100 and "one trillion" as 1.
    c = find_deaths(sentence)
    assert c is not None
    assert (c.low, c.best, c.high, c.fatalities) == (None, None, None, 0)
    assert c.rule.startswith("implausible figure dropped")
    assert figure in c.text


def test_parse_number_is_exact() -> None:
    assert parse_number("99999999999999999999") == 99999999999999999999
    assert parse_number("one trillion") == 10**12


@pytest.mark.parametrize(
    ("sentence", "role", "fatalities"),
    [
        pytest.param("A fourth person died later.", "more", 1, id="ordinal-more"),
        pytest.param("Another three men were found dead.", "more", 3, id="another"),
        pytest.param("4 fatalities.", "total", 4, id="acled-total"),
        pytest.param("The death toll rose to 9.", "total", 9, id="toll-rose"),
        pytest.param("Two soldiers were shot dead.", "new", 2, id="new"),
        pytest.param("Among the dead were three police officers.", "again", 3, id="among-the-dead"),
    ],
)
def test_the_role_of_a_toll(sentence: str, role: str, fatalities: int) -> None:
    toll = death_toll(sentence)
    assert toll is not None
    assert (toll.role, toll.casualties.fatalities) == (role, fatalities)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        pytest.param("About 2,000 families fled the fighting.", 2000, "families", id="families"),
        pytest.param("Some 600 families fled to the camps.", 600, "families", id="families-to"),
        pytest.param("Up to 300 households were displaced.", 300, "households", id="households"),
        pytest.param("Thousands of people fled.", 1000, "people", id="people"),
    ],
)
def test_displaced_figures_keep_their_unit(sentence: str, value: int, unit: str) -> None:
    d = displaced_figure(sentence)
    assert d is not None
    assert (d.value, d.unit) == (value, unit)


def test_an_implausible_displacement_figure_is_dropped() -> None:
    d = displaced_figure("The war displaced 10^100 people.")
    assert d is not None and d.value is None and "implausible" in d.rule


def test_tolls_by_day_and_a_range_is_no_day() -> None:
    assert tolls_by_day("Clashes killed 3 on 9 May and 5 on 10 May.") == {
        9: (3, "killed 3 on 9 May"),
        10: (5, "and 5 on 10 May"),
    }
    # the toll of a two-day range is no toll of its first day
    assert tolls_by_day("Clashes killed 16 soldiers on 23 and 24 June 2013.") == {}
