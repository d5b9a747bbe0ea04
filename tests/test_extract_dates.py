"""Tests of conflictgeo.extract.dates.find_dates: dates resolved against publication."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictgeo.extract.dates import DateMention, find_dates

D = dt.date
PUB = D(2013, 8, 14)  # a Wednesday
JAN_PUB = D(2014, 1, 5)  # a Sunday, early in the year


def one(sentence: str, published: dt.date | None = PUB) -> DateMention:
    found = find_dates(sentence, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected", "text"),
    [
        pytest.param(
            "On Aug. 10, jets struck Salma.", D(2013, 8, 10), "Aug. 10", id="abbr-month-day"
        ),
        pytest.param(
            "Jets struck on 10 August 2013.", D(2013, 8, 10), "10 August 2013", id="d-m-y"
        ),
        pytest.param(
            "Jets struck on August 10, 2013.", D(2013, 8, 10), "August 10, 2013", id="m-d-y"
        ),
        pytest.param(
            "Jets struck on 10/8/2013.", D(2013, 8, 10), "10/8/2013", id="numeric-day-first"
        ),
        pytest.param("Jets struck on 2013-08-10.", D(2013, 8, 10), "2013-08-10", id="iso"),
        pytest.param(
            "Jets struck on the 3rd of August 2013.",
            D(2013, 8, 3),
            "3rd of August 2013",
            id="ordinal-of",
        ),
        pytest.param(
            "Jets struck on August 10th.", D(2013, 8, 10), "August 10th", id="ordinal-suffix"
        ),
        pytest.param(
            "Jets struck on Sept. 3.", D(2012, 9, 3), "Sept. 3", id="future-month-last-year"
        ),
        pytest.param("Jets struck yesterday.", D(2013, 8, 13), "yesterday", id="yesterday"),
        pytest.param("Jets struck last night.", D(2013, 8, 13), "last night", id="last-night"),
        pytest.param("Jets struck today.", D(2013, 8, 14), "today", id="today"),
        pytest.param("Jets struck on Tuesday.", D(2013, 8, 13), "on Tuesday", id="weekday-before"),
        pytest.param(
            "Jets struck on Wednesday.",
            D(2013, 8, 14),
            "on Wednesday",
            id="weekday-is-publication-day",
        ),
        pytest.param(
            "Jets struck last Wednesday.",
            D(2013, 8, 7),
            "last Wednesday",
            id="last-weekday-a-week-back",
        ),
        pytest.param(
            "Jets struck on Friday.", D(2013, 8, 9), "on Friday", id="weekday-previous-week"
        ),
    ],
)
def test_single_days(sentence: str, expected: dt.date, text: str) -> None:
    r = one(sentence).range
    assert (r.start, r.end, r.event_date) == (expected, expected, expected)
    assert (r.time_precision, r.date_prec) == (1, 1)
    assert r.text == text


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        pytest.param(
            "Rebels attacked on Dec. 28.", JAN_PUB, D(2013, 12, 28), id="december-in-january"
        ),
        pytest.param("Rebels attacked on 31 December.", JAN_PUB, D(2013, 12, 31), id="day-month"),
        pytest.param(
            "Rebels attacked on Tuesday.", JAN_PUB, D(2013, 12, 31), id="weekday-over-new-year"
        ),
        pytest.param(
            "Rebels attacked yesterday.", D(2013, 1, 1), D(2012, 12, 31), id="yesterday-new-year"
        ),
        pytest.param(
            "Rebels attacked on February 29.",
            D(2017, 1, 10),
            D(2016, 2, 29),
            id="leap-day-last-leap-year",
        ),
    ],
)
def test_no_future_dates(sentence: str, published: dt.date, expected: dt.date) -> None:
    r = one(sentence, published).range
    assert r.event_date == expected
    assert r.event_date <= published


@pytest.mark.parametrize(
    ("sentence", "published", "start", "end", "middle"),
    [
        pytest.param(
            "Fighting raged in August.",
            PUB,
            D(2013, 8, 1),
            D(2013, 8, 14),
            D(2013, 8, 7),
            id="publication-month-capped",
        ),
        pytest.param(
            "Fighting raged in August.",
            JAN_PUB,
            D(2013, 8, 1),
            D(2013, 8, 31),
            D(2013, 8, 15),
            id="past-month-whole",
        ),
        pytest.param(
            "Fighting raged in March 2013.",
            PUB,
            D(2013, 3, 1),
            D(2013, 3, 31),
            D(2013, 3, 15),
            id="month-year",
        ),
        pytest.param(
            "Fighting raged in early August.",
            PUB,
            D(2013, 8, 1),
            D(2013, 8, 10),
            D(2013, 8, 5),
            id="early",
        ),
        pytest.param(
            "Fighting raged in mid-July.",
            PUB,
            D(2013, 7, 11),
            D(2013, 7, 20),
            D(2013, 7, 15),
            id="mid",
        ),
        pytest.param(
            "Fighting raged in late July.",
            PUB,
            D(2013, 7, 21),
            D(2013, 7, 31),
            D(2013, 7, 26),
            id="late",
        ),
        pytest.param(
            "Fighting raged at the end of July.",
            PUB,
            D(2013, 7, 21),
            D(2013, 7, 31),
            D(2013, 7, 26),
            id="end-of",
        ),
        pytest.param(
            "Fighting raged last month.",
            PUB,
            D(2013, 7, 1),
            D(2013, 7, 31),
            D(2013, 7, 16),
            id="last-month",
        ),
        pytest.param(
            "Fighting raged earlier this month.",
            PUB,
            D(2013, 8, 1),
            D(2013, 8, 14),
            D(2013, 8, 7),
            id="earlier-this-month",
        ),
        pytest.param(
            "Fighting raged in September.",
            PUB,
            D(2012, 9, 1),
            D(2012, 9, 30),
            D(2012, 9, 15),
            id="later-month-is-last-year",
        ),
    ],
)
def test_months(
    sentence: str, published: dt.date, start: dt.date, end: dt.date, middle: dt.date
) -> None:
    r = one(sentence, published).range
    assert (r.start, r.end, r.event_date) == (start, end, middle)
    assert (r.time_precision, r.date_prec) == (3, 4)


def test_last_week_is_the_seven_days_before_publication() -> None:
    r = one("Rebels advanced last week.").range
    assert (r.start, r.end, r.event_date) == (D(2013, 8, 7), D(2013, 8, 13), D(2013, 8, 10))
    assert (r.time_precision, r.date_prec) == (2, 3)


def test_year_only() -> None:
    r = one("The town fell in 2012.").range
    assert (r.start, r.end, r.time_precision, r.date_prec) == (D(2012, 1, 1), D(2012, 12, 31), 3, 5)


@pytest.mark.parametrize(
    ("sentence", "published", "start", "end", "text"),
    [
        pytest.param(
            "Rebels have held it since February 2013.",
            PUB,
            D(2013, 2, 1),
            PUB,
            "since February 2013",
            id="month-year",
        ),
        pytest.param(
            "Rebels have held it since early July.",
            PUB,
            D(2013, 7, 1),
            PUB,
            "since early July",
            id="part-of-month",
        ),
        pytest.param(
            "Rebels have held it since Aug. 1.", PUB, D(2013, 8, 1), PUB, "since Aug. 1", id="day"
        ),
        pytest.param(
            "Rebels have held it since 10 August 2013.",
            None,
            D(2013, 8, 10),
            D(2013, 8, 10),
            "since 10 August 2013",
            id="full-date-no-publication",
        ),
    ],
)
def test_since_marks_the_start_of_a_period(
    sentence: str, published: dt.date | None, start: dt.date, end: dt.date, text: str
) -> None:
    m = one(sentence, published)
    assert m.since is True
    assert (m.range.start, m.range.end, m.range.event_date) == (start, end, start)
    assert m.range.text == text == sentence[m.start : m.end]


def test_since_date_and_own_date_in_one_sentence() -> None:
    found = find_dates("Besieged since Aug. 1, the town fell on Aug. 10.", PUB)
    assert [(m.range.event_date, m.since) for m in found] == [
        (D(2013, 8, 1), True),
        (D(2013, 8, 10), False),
    ]


def test_two_dates_keep_order_and_offsets() -> None:
    sentence = "Jets struck on Aug. 10 and again on Aug. 11."
    found = find_dates(sentence, PUB)
    assert [m.range.event_date for m in found] == [D(2013, 8, 10), D(2013, 8, 11)]
    assert [sentence[m.start : m.end] for m in found] == ["Aug. 10", "Aug. 11"]
    assert all(not m.since for m in found)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Rebels may attack the town.", id="may-verb"),
        pytest.param("May God protect them, he said.", id="may-sentence-start"),
        pytest.param("Thousands march through Damascus.", id="march-verb"),
        pytest.param("Jets struck on February 30.", id="february-30"),
        pytest.param("Jets struck on February 30, 2013.", id="february-30-with-year"),
        pytest.param("Jets struck on 31/4/2013.", id="april-31-numeric"),
        pytest.param("Jets struck on 2013-02-30.", id="iso-invalid"),
        pytest.param("Jets struck the town.", id="no-date"),
    ],
)
def test_no_date(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Jets struck yesterday.",
        "Jets struck on Tuesday.",
        "Jets struck last week.",
        "Jets struck in August.",
        "Jets struck on Aug. 10.",
        "Jets struck last month.",
        "Jets struck in 2012.",
    ],
    ids=["yesterday", "weekday", "last-week", "month", "day-month", "last-month", "year"],
)
def test_relative_dates_need_a_publication_date(sentence: str) -> None:
    assert find_dates(sentence, None) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Jets struck on 10 August 2013.", D(2013, 8, 10), id="d-m-y"),
        pytest.param("Jets struck on August 10, 2013.", D(2013, 8, 10), id="m-d-y"),
        pytest.param("Jets struck on 2013-08-10.", D(2013, 8, 10), id="iso"),
        pytest.param("Jets struck on 10/8/2013.", D(2013, 8, 10), id="numeric"),
    ],
)
def test_full_dates_resolve_without_publication(sentence: str, expected: dt.date) -> None:
    assert one(sentence, None).range.event_date == expected


def test_month_with_year_resolves_without_publication() -> None:
    r = one("Fighting raged in March 2013.", None).range
    assert (r.start, r.end) == (D(2013, 3, 1), D(2013, 3, 31))


@pytest.mark.parametrize(
    ("sentence", "published", "event_date", "start", "end", "precision"),
    [
        pytest.param(
            "About 130,000 Kurds crossed into Turkey over the weekend.",
            D(2014, 9, 22),
            D(2014, 9, 20),
            D(2014, 9, 20),
            D(2014, 9, 21),
            2,
            id="weekend-before-a-monday",
        ),
        pytest.param(
            "Half a million people fled Mosul this week.",
            D(2014, 6, 13),
            D(2014, 6, 11),
            D(2014, 6, 9),
            D(2014, 6, 13),
            2,
            id="this-week",
        ),
        pytest.param(
            "Clashes on 26 and 27 July 2018 killed 30 combatants.",
            D(2018, 7, 30),
            D(2018, 7, 26),
            D(2018, 7, 26),
            D(2018, 7, 27),
            1,
            id="two-days-first-day",
        ),
        pytest.param(
            "Shelling from 10 to 12 August killed nine.",
            D(2013, 8, 14),
            D(2013, 8, 10),
            D(2013, 8, 10),
            D(2013, 8, 12),
            1,
            id="from-to-days",
        ),
    ],
)
def test_weekends_weeks_and_day_ranges(
    sentence: str,
    published: dt.date,
    event_date: dt.date,
    start: dt.date,
    end: dt.date,
    precision: int,
) -> None:
    (found,) = find_dates(sentence, published)
    r = found.range
    assert (r.event_date, r.start, r.end, r.time_precision) == (event_date, start, end, precision)
