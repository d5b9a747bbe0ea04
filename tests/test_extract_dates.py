"""Tests of conflictgeo.extract.dates.find_dates: dates resolved against publication."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictgeo.extract.dates import DateMention, campaign_days, find_dates, scan_dates

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


# Every common English form (sentences written for these tests).
@pytest.mark.parametrize(
    ("sentence", "published", "start", "end", "precision", "text"),
    [
        pytest.param(
            "On December 31 2019 police shot two men.",
            None,
            D(2019, 12, 31),
            D(2019, 12, 31),
            1,
            "December 31 2019",
            id="month-day-year-no-comma",
        ),
        pytest.param(
            "On 31.12.2019 police shot two men.",
            None,
            D(2019, 12, 31),
            D(2019, 12, 31),
            1,
            "31.12.2019",
            id="dotted-numeric",
        ),
        pytest.param(
            "Riots were recorded on 31-12-2007.",
            None,
            D(2007, 12, 31),
            D(2007, 12, 31),
            1,
            "31-12-2007",
            id="dashed-numeric",
        ),
        pytest.param(
            "On the morning of 27/04 residents blocked the road.",
            D(2015, 5, 2),
            D(2015, 4, 27),
            D(2015, 4, 27),
            1,
            "27/04",
            id="day-slash-month",
        ),
        pytest.param(
            "Rebels attacked on the night of 9-10 May.",
            PUB,
            D(2013, 5, 9),
            D(2013, 5, 10),
            1,
            "9-10 May",
            id="night-of-two-days",
        ),
        pytest.param(
            "Jets struck on Aug. 10 and 11, activists said.",
            PUB,
            D(2013, 8, 10),
            D(2013, 8, 11),
            1,
            "Aug. 10 and 11",
            id="month-day-and-day",
        ),
        pytest.param(
            "Clashes on December 28th and 29th left many dead.",
            JAN_PUB,
            D(2013, 12, 28),
            D(2013, 12, 29),
            1,
            "December 28th and 29th",
            id="ordinal-days",
        ),
        pytest.param(
            "Clashes on 28, 29 and 30 July 2013 killed 30.",
            None,
            D(2013, 7, 28),
            D(2013, 7, 30),
            1,
            "28, 29 and 30 July 2013",
            id="list-of-days",
        ),
        pytest.param(
            "Fighting raged from 30 December to 2 January.",
            JAN_PUB,
            D(2013, 12, 30),
            D(2014, 1, 2),
            1,
            "from 30 December to 2 January",
            id="across-months",
        ),
        pytest.param(
            "Jets struck on Sunday evening.",
            PUB,
            D(2013, 8, 11),
            D(2013, 8, 11),
            1,
            "on Sunday",
            id="weekday-evening",
        ),
        pytest.param(
            "Jets struck on Tuesday 6 August.",
            PUB,
            D(2013, 8, 6),
            D(2013, 8, 6),
            1,
            "Tuesday 6 August",
            id="weekday-with-its-date",
        ),
        pytest.param(
            "Jets struck in the first week of August.",
            PUB,
            D(2013, 8, 1),
            D(2013, 8, 7),
            2,
            "the first week of August",
            id="first-week-of",
        ),
        pytest.param(
            "Jets struck the town three days ago.",
            PUB,
            D(2013, 8, 11),
            D(2013, 8, 11),
            1,
            "three days ago",
            id="days-ago",
        ),
        pytest.param(
            "Jets struck on 9 or 10 August.",
            PUB,
            D(2013, 8, 9),
            D(2013, 8, 10),
            2,
            "9 or 10 August",
            id="one-of-two-days",
        ),
        pytest.param(
            "Shelling went on through the weekend.",
            PUB,
            D(2013, 8, 10),
            D(2013, 8, 11),
            2,
            "through the weekend",
            id="through-the-weekend",
        ),
    ],
)
def test_common_english_forms(
    sentence: str,
    published: dt.date | None,
    start: dt.date,
    end: dt.date,
    precision: int,
    text: str,
) -> None:
    r = one(sentence, published).range
    assert (r.start, r.end, r.time_precision, r.text) == (start, end, precision, text)


def test_a_count_after_a_day_is_no_second_day() -> None:
    # "Aug. 10 and 11 people": eleven people, not the 11th
    r = one("On Aug. 10 and 11 people died.").range
    assert (r.start, r.end) == (D(2013, 8, 10), D(2013, 8, 10))


def test_a_long_span_is_coded_to_its_middle() -> None:
    r = one("Fighting raged between 3 and 20 June 2013.", None).range
    assert (r.start, r.end, r.event_date, r.time_precision) == (
        D(2013, 6, 3),
        D(2013, 6, 20),
        D(2013, 6, 11),
        3,
    )


def test_campaign_days_of_a_list_and_of_a_range() -> None:
    listed = one("Clashes on 3, 5 and 9 May 2019.", None).range
    assert campaign_days(listed) == [D(2019, 5, 3), D(2019, 5, 5), D(2019, 5, 9)]
    ranged = one("Clashes from 3 to 5 May 2019.", None).range
    assert campaign_days(ranged) == [D(2019, 5, 3), D(2019, 5, 4), D(2019, 5, 5)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        pytest.param("On 1 January 0001, rebels attacked.", "1 January 0001", id="year-0001"),
        pytest.param("On 5 March 99999, rebels attacked.", "5 March 99999", id="year-99999"),
        pytest.param("On 0001-01-01 rebels attacked.", "0001-01-01", id="iso-year-1"),
        pytest.param("On 1/1/0001 rebels attacked.", "1/1/0001", id="numeric-year-1"),
        pytest.param("On 2 May 1850, rebels attacked.", "2 May 1850", id="before-1900"),
    ],
)
def test_implausible_dates_are_dropped_not_rewritten(sentence: str, phrase: str) -> None:
    # Issue 14 item 5: "1 January 0001" was read as 1 January of the publication year.
    found, dropped = scan_dates(sentence, PUB)
    assert found == []
    assert [d.text for d in dropped] == [phrase]
    assert dropped[0].reason


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        pytest.param("On Saturday, rebels attacked.", D(1, 1, 1), id="weekday-before-year-1"),
        pytest.param("Rebels attacked yesterday.", D(1, 1, 1), id="yesterday-before-year-1"),
        pytest.param("Rebels attacked last week.", D(1, 1, 3), id="last-week-before-year-1"),
        pytest.param("Rebels attacked on 30 December.", D(1, 1, 1), id="year-0"),
    ],
)
def test_a_publication_at_the_calendars_edge_raises_nothing(
    sentence: str, published: dt.date
) -> None:
    # Issue 14 item 10: an OverflowError stopped the whole run.
    found, dropped = scan_dates(sentence, published)
    assert found == [] and all("calendar" in d.reason for d in dropped)


def test_dates_at_the_calendars_end_still_resolve() -> None:
    (m,) = find_dates("Jets struck on 30 December.", D(9999, 12, 31))
    assert m.range.event_date == D(9999, 12, 30)
