"""Dates of events, resolved against the publication date.

Each expression found becomes a :class:`~conflictgeo.model.DateRange` with
ACLED ``time_precision`` (1 day, 2 week, 3 month) and UCDP ``date_prec``
(1 day, 2 two to six days, 3 a week, 4 a month, 5 a year). A date with no
year takes the publication year, unless that would put it in the future
relative to the publication, when it takes the year before.

Forms: "10 August 2013", "August 10, 2013", "August 10 2013" (no comma),
"Tuesday, 10 August", "10/8/2013", "10.8.2013", "10-8-2013" (day first),
"2013-08-10", "on 10/08" (day and month, after "on", "of", "dated" or "("),
"Aug. 10", "10th of August"; day ranges and lists ("26 and 27 July",
"Aug. 10 and 11", "the night of 9-10 May", "28, 29 and 30 July", "from 28 July
to 2 August"); months and their parts; "since ..."; "yesterday", weekdays
("Sunday evening" is the Sunday), weekends, weeks, "three days ago".

Coding rules: a whole month is coded to the 15th and its parts to the middle of
their ten days ("early August" 1-10 → the 5th; "the first week of August" 1-7,
precision 2); "over the weekend" is the Saturday and Sunday before publication
(coded to the Saturday, precision 2); "this week" runs from its Monday to
publication, "last week" over the seven days before it (coded to the middle,
precision 2); a day range or list of up to a week
("26 and 27 July", "from 10 to 12 August") is coded to its first day with
precision 1, as ACLED codes a campaign one event per day (``start``/``end``
keep the range, :func:`campaign_days` its days); a longer span is coded to its
middle with precision 2 (up to two weeks) or 3.

Implausible dates are dropped, never rewritten: a year outside 1900-2100
("1 January 0001", "5 March 99999"), or a relative date that would fall off the
calendar from the publication date. :func:`scan_dates` returns them apart, with
the reason, for the event's notes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from conflictgeo.model import DateRange
from conflictgeo.prefilter import SENTENCES, Family

#: Years an event date may have; a date-shaped phrase outside them is dropped.
YEARS = (1900, 2100)

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"


def _month(name: str = "month") -> str:
    return rf"(?P<{name}>{_MONTH_WORDS})\.?"


def _day(name: str = "day") -> str:
    return rf"(?P<{name}>[0-3]?\d){_ORD}"


def _year(name: str = "year") -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)"


_MONTH = _month()
_YEAR = _year()
_DAY = _day()
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
# "Tuesday, 3 December": the weekday belongs to the date after it.
_ON_WEEKDAY = r"(?:(?:" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_PART = (
    r"(?P<part>early|mid|late|the (?:beginning|start|end|middle) of|beginning of|end of|"
    r"(?:the\s+)?(?:first|second|third|fourth|last|final) week of)[\s-]+"
)
_RANGE_LINK = r"\s*,?\s*(?:and|to|-|–|until|till|through|or)\s*"
_ABOUT = r"(?:(?:approximately|about|around|roughly|circa)\s+)?"
# Day lists: "28, 29 and 30" (the commas' days in group "days").
_DAY_LIST = rf"(?P<days>(?:[0-3]?\d{_ORD}\s*,\s*)*)"
# A count, not a second day: "Aug. 10 and 11 people".
_NOT_A_COUNT = (
    r"(?!\s+(?-i:[a-z-]+\s+)?(?:people|persons|men|women|children|police|(?-i:[a-z]+s))\b)"
)
_NUM_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
# An impossible year after a day and month: a leading zero, five digits or more,
# or a year before 1900 that ends the phrase ("On 1 January 0001,").
_BAD_YEAR = r",?\s+(?:0\d{3}|\d{5,}|1[0-8]\d\d(?=\s*(?:[,.;:)]|$)))(?!\d)"
_DAYU = rf"[0-3]?\d{_ORD}"
_MONTHU = rf"(?:{_MONTH_WORDS})\.?"

# Order matters: the most specific forms first; a span once claimed is not reused.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "cross_range_dm",  # "from 28 December to 2 January", "between 23 Aug and 6 Sept 2018"
        re.compile(
            rf"\b(?:from|between)\s+{_ABOUT}{_ON_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
            rf"\s*(?:and|to|-|–|until|till|through)\s*{_ON_WEEKDAY}{_day('day2')}\s+(?:of\s+)?"
            rf"{_month('month2')}(?:,?\s+{_year('year2')})?\b",
            re.I,
        ),
    ),
    (
        "cross_range_md",  # "from Dec. 28 to Jan. 2"
        re.compile(
            rf"\b(?:from|between)\s+{_ABOUT}{_ON_WEEKDAY}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
            rf"\s*(?:and|to|-|–|until|till|through)\s*{_ON_WEEKDAY}{_month('month2')}\s+"
            rf"{_day('day2')}(?:,?\s+{_year('year2')})?\b",
            re.I,
        ),
    ),
    (
        "day_range",  # "26 and 27 July", "9-10 May 2020", "28, 29 and 30 December"
        re.compile(
            rf"\b(?:from\s+|between\s+)?{_DAY_LIST}{_DAY}{_RANGE_LINK}{_day('day2')}\s+"
            rf"(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
            re.I,
        ),
    ),
    (
        "month_day_range",  # "Aug. 10 and 11", "August 10-11, 2013", "Dec. 28th and 29th"
        re.compile(
            rf"\b(?:from\s+|between\s+)?{_MONTH}\s+{_DAY_LIST}{_DAY}{_RANGE_LINK}"
            # "Aug. 10 and 11 people": a count unless an ordinal or a year marks a day
            rf"(?P<day2>[0-3]?\d)(?P<ord2>st|nd|rd|th)?(?:,?\s+{_YEAR})?\b"
            rf"(?(ord2)|(?(year)|{_NOT_A_COUNT}))(?![.,]?\d)",
            re.I,
        ),
    ),
    (
        "bad_date",  # "1 January 0001", "March 5, 99999": dropped
        re.compile(rf"\b(?:{_DAYU}\s+(?:of\s+)?{_MONTHU}|{_MONTHU}\s+{_DAYU}){_BAD_YEAR}", re.I),
    ),
    ("iso", re.compile(r"\b(?P<year>\d{4,5})-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    (
        "numeric",  # day first: "10/8/2013", "31.12.2019", "31-12-2007"
        re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4,5})\b"),
    ),
    (
        "numeric_short",  # "on 27/04", "the night of 26/09", "(18/02)", "dated 22/06"
        re.compile(
            r"(?:(?<=\bon\s)|(?<=\bof\s)|(?<=\()|(?<=\bdated\s))"
            r"(?P<a>[0-3]?\d)/(?P<b>[01]?\d)\b(?![/.-]\d)"
        ),
    ),
    (
        "day_month_year",
        re.compile(rf"\b{_ON_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    ),
    (
        "month_day_year",
        re.compile(rf"\b{_ON_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_ON_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![.,]?\d)", re.I
        ),
    ),
    ("day_month", re.compile(rf"\b{_ON_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:{_PART})?{_MONTH}(?:\s+{_YEAR})?\b", re.I)),
    ("month", re.compile(rf"\b(?:{_PART})?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    (
        "ago",  # "three days ago", "a week ago", "two months ago"
        re.compile(
            r"\b(?P<n>\d{1,2}|" + "|".join(_NUM_WORDS) + r")\s+(?P<unit>day|week|month)s?\s+ago\b",
            re.I,
        ),
    ),
    ("day_before_yesterday", re.compile(r"\bthe day before yesterday\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|tonight|earlier today)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on\s+|last\s+)?{_WEEKDAY}\b", re.I)),
    (
        "weekend",
        re.compile(
            r"\b(?:over|at|during|on|through|throughout) the weekend\b|\b(?:this|last) weekend\b",
            re.I,
        ),
    ),
    ("this_week", re.compile(r"\b(?:earlier )?this week\b", re.I)),
    ("last_week", re.compile(r"\b(?:last|past|previous) week\b", re.I)),
    (
        "last_month",
        re.compile(r"\b(?:last month|earlier this month|this month|past month)\b", re.I),
    ),
    ("year", re.compile(rf"\bin\s+{_YEAR}\b", re.I)),
]
_SCANNER = SENTENCES  # one literal pass per sentence for dates and triggers
# Month names that are also ordinary words need a day, a year or "in"/"early" beside them.
_AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "sat", "sun"}
# Each pattern runs only on sentences holding one of its literals (a month name, a digit).
_GUARDED = [(name, _SCANNER.guard(rx)) for name, rx in _PATTERNS]
_FAMILY = Family(_GUARDED, lambda item: item[1])
# "since" right before a date that another pattern claimed ("since Aug. 1").
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:on\s+)?$", re.I)
_DAY_NUMBER = re.compile(r"\d+")
CAMPAIGN_RULE = "days of a campaign: the first day"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    range: DateRange
    since: bool  # "since February 2013": a start, not the event's own date


@dataclass(frozen=True, slots=True)
class DroppedDate:
    """A date-shaped phrase that is no plausible date, kept for the event's notes."""

    start: int
    end: int
    text: str
    reason: str


class _Implausible(ValueError):
    """A phrase shaped like a date whose date is impossible for a report."""


def find_dates(sentence: str, published: dt.date | None) -> list[DateMention]:
    """Date expressions in ``sentence``, resolved against ``published``.

    >>> [str(d.range.event_date) for d in find_dates("On Aug. 10, jets struck.", dt.date(2013, 8, 14))]
    ['2013-08-10']
    >>> d = find_dates("They seized 11 villages in early August.", dt.date(2013, 8, 14))[0].range
    >>> str(d.start), str(d.end), d.time_precision, d.date_prec
    ('2013-08-01', '2013-08-10', 3, 4)
    """
    return scan_dates(sentence, published)[0]


def scan_dates(
    sentence: str, published: dt.date | None
) -> tuple[list[DateMention], list[DroppedDate]]:
    """:func:`find_dates`, and the date-shaped phrases dropped as implausible.

    >>> found, dropped = scan_dates("On 5 March 99999, rebels attacked.", dt.date(2013, 8, 14))
    >>> found, [d.text for d in dropped]
    ([], ['5 March 99999'])
    """
    found: list[DateMention] = []
    dropped: list[DroppedDate] = []
    possible = _FAMILY.possible(sentence)  # most sentences: none
    if not possible:
        return found, dropped
    claimed: list[tuple[int, int]] = []
    for name, rx in possible:
        for m in rx.pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in claimed):
                continue
            try:
                rng = _resolve(name, m, published)
            except OverflowError:  # e.g. "last Saturday" from a publication on 0001-01-01
                claimed.append((m.start(), m.end()))
                dropped.append(
                    DroppedDate(m.start(), m.end(), m.group(), f"off the calendar from {published}")
                )
                continue
            except _Implausible as err:
                claimed.append((m.start(), m.end()))
                dropped.append(DroppedDate(m.start(), m.end(), m.group(), str(err)))
                continue
            except ValueError:
                # "February 30": shaped like a date but none; claim the span so that
                # "February" alone is not then read as the whole month.
                claimed.append((m.start(), m.end()))
                continue
            if rng is None:
                continue
            claimed.append((m.start(), m.end()))
            start, since = m.start(), name == "since"
            lead = _SINCE_BEFORE.search(sentence, 0, m.start()) if not since else None
            if lead:  # "since Aug. 1": the start of a period, not the event's own date
                start, since = lead.start(), True
                rng = DateRange(
                    rng.start,
                    max(rng.end, published or rng.end),
                    rng.start,
                    rng.time_precision,
                    rng.date_prec,
                    sentence[start : m.end()],
                    "since: start of a period",
                )
            found.append(DateMention(start, m.end(), rng, since))
    return sorted(found, key=lambda d: d.start), dropped


def campaign_days(rng: DateRange) -> list[dt.date]:
    """The days of a campaign range: those a list names ("3, 5 and 9 May"),
    else every day from start to end.

    >>> d = find_dates("Clashes on 3, 5 and 9 May 2019.", None)[0].range
    >>> [x.day for x in campaign_days(d)]
    [3, 5, 9]
    """
    n = (rng.end - rng.start).days + 1
    every = [rng.start + dt.timedelta(days=i) for i in range(n)]
    if rng.rule != CAMPAIGN_RULE or rng.start.month != rng.end.month:
        return every
    text = rng.text.lower()
    if re.search(r"\d\s*(?:-|–|to|until|till|through)\s*\d", text):
        return every  # a range, not a list
    days = sorted({int(x) for x in _DAY_NUMBER.findall(_strip_years(text))})
    listed = [rng.start.replace(day=x) for x in days if rng.start.day <= x <= rng.end.day]
    return listed if len(listed) >= 2 else every


def _strip_years(text: str) -> str:
    return re.sub(r"\b\d{4,}\b", " ", text)


# A day told relative to the one before it: "the following day", "a day earlier".
_RELATIVE_DAY = SENTENCES.guard(
    re.compile(
        r"\b(?:(?:the\s+)?(?P<next>following|next)\s+(?:day|morning|night|evening)|"
        r"the\s+day\s+(?P<after>after)|a\s+day\s+(?P<later>later)|"
        r"the\s+day\s+(?P<before>before)(?!\s+yesterday)|the\s+(?P<prev>previous|preceding)\s+"
        r"(?:day|night|evening)|a\s+day\s+(?P<earlier>earlier|before)|"
        r"(?:on\s+)?the\s+(?P<same>same)\s+day)\b",
        re.IGNORECASE,
    )
)


def relative_day(sentence: str) -> tuple[int, str] | None:
    """Days from the date told before and the phrase, for "the following day"
    (+1), "the previous day" (-1), "the same day" (0); None when there is none.

    >>> relative_day("The following day, residents protested.")
    (1, 'The following day')
    """
    m = _RELATIVE_DAY.search(sentence)
    if m is None:
        return None
    if m.group("same"):
        return 0, m.group()
    forward = m.group("next") or m.group("after") or m.group("later")
    return (1 if forward else -1), m.group()


def warm_up() -> None:
    """Import dateparser and load its tables now (half a CPU-second on first use):
    called before forking workers, so they share them instead of each loading them."""
    import dateparser

    dateparser.parse("12/08/2013", settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})


def _check_year(year: int, text: str) -> int:
    if not YEARS[0] <= year <= YEARS[1]:
        raise _Implausible(f"year {year} outside {YEARS[0]}-{YEARS[1]}")
    return year


def _resolve(name: str, m: re.Match[str], pub: dt.date | None) -> DateRange | None:
    text = m.group()
    g = m.groupdict()
    month_word = (g.get("month") or "").lower().rstrip(".")
    # A bare "May" or "March" is a date only after "in": "in May", not "may attack".
    bare_month = name == "month" and not (g.get("year") or g.get("part"))
    if bare_month and month_word in _AMBIGUOUS_MONTHS:
        before = m.string[max(0, m.start() - 3) : m.start()].lower()
        if "in " not in before:
            return None
    # A ValueError ("February 30") propagates: scan_dates then drops the whole span.
    if name == "bad_date":
        year = re.search(r"(\d+)\D*$", text)
        raise _Implausible(f"year {year.group(1) if year else '?'} is no plausible year")
    if name == "iso":
        year = _check_year(int(g["year"]), text)
        return _one_day(dt.date(year, int(g["month"]), int(g["day"])), text, "ISO date")
    if name == "numeric":
        _check_year(int(g["year"]), text)
        import dateparser  # slow to import: only for numeric dates (12/08/2013)

        parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
        return _one_day(parsed.date(), text, "numeric date, day first") if parsed else None
    if name == "numeric_short":
        if pub is None:
            return None
        day = _infer_year(pub, int(g["b"]), int(g["a"]))
        return _one_day(day, text, "day/month, day first; year from publication")
    if name in ("cross_range_dm", "cross_range_md"):
        return _cross_range(g, text, pub)
    if name in ("day_range", "month_day_range"):
        month = _MONTHS[month_word]
        first_day = int(g["days"].split(",")[0]) if g.get("days") else int(g["day"])
        if g.get("year"):
            first = dt.date(_check_year(int(g["year"]), text), month, first_day)
        elif pub is not None:
            first = _infer_year(pub, month, first_day)
        else:
            return None
        last = first.replace(day=int(g["day2"]))
        if last < first:
            raise ValueError(f"{text}: the range ends before it starts")
        if re.search(r"\bor\b", text, re.I):  # "on 9 or 10 May": one day, not known which
            return DateRange(first, last, first, 2, 2, text, "one of these days: the first")
        return _span(first, last, text)
    if name in ("day_month_year", "month_day_year"):
        year = _check_year(int(g["year"]), text)
        return _one_day(dt.date(year, _MONTHS[month_word], int(g["day"])), text, "full date")
    if name in ("month_day", "day_month"):
        if pub is None:
            return None
        day = _infer_year(pub, _MONTHS[month_word], int(g["day"]))
        return _one_day(day, text, "day and month; year from publication")
    if name in ("month", "since"):
        return _month_range(g, month_word, pub, text, since=name == "since")
    if pub is None:
        return None
    if name == "ago":
        n = _NUM_WORDS.get(g["n"].lower()) or int(g["n"])
        unit = g["unit"].lower()
        if unit == "day":
            return _one_day(pub - dt.timedelta(days=n), text, f"{n} days before publication")
        if unit == "week":
            day = pub - dt.timedelta(days=7 * n)
            return DateRange(
                day - dt.timedelta(days=3),
                day + dt.timedelta(days=3),
                day,
                2,
                3,
                text,
                f"{n} weeks before publication",
            )
        month_start = pub.replace(day=1)
        for _ in range(n):
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        day = month_start.replace(day=min(pub.day, calendar.monthrange(*_ym(month_start))[1]))
        return DateRange(
            month_start,
            month_start.replace(day=calendar.monthrange(*_ym(month_start))[1]),
            day,
            3,
            4,
            text,
            f"{n} months before publication",
        )
    if name == "day_before_yesterday":
        return _one_day(pub - dt.timedelta(days=2), text, "two days before publication")
    if name == "yesterday":
        return _one_day(pub - dt.timedelta(days=1), text, "yesterday: the day before publication")
    if name == "today":
        return _one_day(pub, text, "the publication date")
    if name == "weekday":
        back = (pub.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7 or 7
        if "last" not in text.lower() and back == 7:
            back = 0
        return _one_day(pub - dt.timedelta(days=back), text, "weekday before publication")
    if name == "weekend":
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        sunday = min(saturday + dt.timedelta(days=1), pub)
        return DateRange(saturday, sunday, saturday, 2, 2, text, "the weekend before publication")
    if name == "this_week":
        monday = pub - dt.timedelta(days=pub.weekday())
        return DateRange(
            monday,
            pub,
            monday + (pub - monday) / 2,
            2,
            2,
            text,
            "the publication's week so far: its middle",
        )
    if name == "last_week":
        end = pub - dt.timedelta(days=1)
        start = pub - dt.timedelta(days=7)
        return DateRange(
            start, end, start + (end - start) / 2, 2, 3, text, "the week before publication"
        )
    if name == "last_month":
        if "last" in text.lower() or "past" in text.lower():
            first = (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        else:
            first = pub.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        last = min(last, pub)
        return DateRange(
            first, last, first + (last - first) / 2, 3, 4, text, "month relative to publication"
        )
    if name == "year":
        year = int(g["year"])
        return DateRange(
            dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year, 7, 1), 3, 5, text, "year only"
        )
    return None


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _one_day(day: dt.date, text: str, rule: str) -> DateRange:
    return DateRange(day, day, day, 1, 1, text, rule)


def _span(first: dt.date, last: dt.date, text: str) -> DateRange:
    """A range of days: a campaign of up to a week is coded to its first day
    (one event per day, ACLED); a longer span to its middle."""
    n = (last - first).days + 1
    if n <= 7:
        return DateRange(first, last, first, 1, 2 if n < 6 else 3, text, CAMPAIGN_RULE)
    return DateRange(
        first,
        last,
        first + (last - first) / 2,
        2 if n <= 14 else 3,
        3 if n <= 14 else 4,
        text,
        f"a span of {n} days: its middle",
    )


def _cross_range(g: dict[str, str | None], text: str, pub: dt.date | None) -> DateRange | None:
    """A range over two months ("from 28 December to 2 January")."""
    m1 = _MONTHS[(g["month"] or "").lower().rstrip(".")]
    m2 = _MONTHS[(g["month2"] or "").lower().rstrip(".")]
    d1, d2 = int(g["day"] or 0), int(g["day2"] or 0)
    if g.get("year2"):
        y2 = _check_year(int(g["year2"] or 0), text)
        y1 = int(g["year"]) if g.get("year") else (y2 if m1 <= m2 else y2 - 1)
        first, last = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    elif g.get("year"):
        y1 = _check_year(int(g["year"] or 0), text)
        first = dt.date(y1, m1, d1)
        last = dt.date(y1 if m1 <= m2 else y1 + 1, m2, d2)
    elif pub is not None:
        first = _infer_year(pub, m1, d1)
        last = dt.date(first.year if m1 <= m2 else first.year + 1, m2, d2)
    else:
        return None
    if last < first:
        raise ValueError(f"{text}: the range ends before it starts")
    return _span(first, last, text)


def _infer_year(pub: dt.date, month: int, day: int) -> dt.date:
    """The latest such day not in the future of the report; ValueError if none is."""
    dt.date(2000, month, day)  # ValueError for a day no month has ("February 30")
    for year in (pub.year, pub.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # February 29 outside a leap year, or year 0
            continue
        if candidate <= pub or (candidate - pub).days <= 2:  # never in the report's future
            return candidate
    raise ValueError(f"no {month}/{day} within a year before {pub}")


def _month_range(
    g: dict[str, str | None], month_word: str, pub: dt.date | None, text: str, *, since: bool
) -> DateRange | None:
    month = _MONTHS[month_word]
    if g.get("year"):
        year = int(g["year"] or 0)
    elif pub is not None:
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        return None
    last_day = calendar.monthrange(year, month)[1]
    start, end = dt.date(year, month, 1), dt.date(year, month, last_day)
    part = re.sub(r"\s+", " ", (g.get("part") or "").lower())
    week = re.search(r"(first|second|third|fourth|last|final) week", part)
    if week:  # "the first week of August": its seven days, precision 2
        first = {"first": 1, "second": 8, "third": 15, "fourth": 22}.get(week.group(1))
        start = dt.date(year, month, first or last_day - 6)
        end = min(start + dt.timedelta(days=6), dt.date(year, month, last_day))
    elif part.startswith(("early", "the beginning", "the start", "beginning")):
        end = dt.date(year, month, 10)
    elif part.startswith("mid") or "middle" in part:
        start, end = dt.date(year, month, 11), dt.date(year, month, 20)
    elif part.startswith(("late", "the end", "end")):
        start = dt.date(year, month, 21)
    if pub is not None and start <= pub < end:
        end = pub  # the report cannot speak of days after it
    if since:
        end = pub or end
        return DateRange(start, end, start, 3, 4, text, "since: start of a period")
    middle = start + (end - start) / 2
    if week:
        return DateRange(start, end, middle, 2, 3, text, f"{week.group()}: its middle")
    if not part and start.day == 1 and end.day >= 15:
        middle = start.replace(day=15)  # ACLED's middle of a month is the 15th
    return DateRange(start, end, middle, 3, 4, text, f"{part or 'month'}: middle of the range")
