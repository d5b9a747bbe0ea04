"""Dates of events, resolved against the publication date.

Each expression found becomes a :class:`~conflictgeo.model.DateRange` with
ACLED ``time_precision`` (1 day, 2 week, 3 month) and UCDP ``date_prec``
(1 day, 2 two to six days, 3 a week, 4 a month, 5 a year). A date with no
year takes the publication year, unless that would put it in the future
relative to the publication, when it takes the year before.

Coding rules: a whole month is coded to the 15th and its parts to the middle of
their ten days ("early August" 1-10 → the 5th); "over the weekend" is the
Saturday and Sunday before publication (coded to the Saturday, precision 2);
"this week" runs from its Monday to publication, "last week" over the seven
days before it (coded to the middle, precision 2); a day range ("26 and 27 July",
"from 10 to 12 August") is coded to its first day with precision 1, as ACLED
codes a campaign one event per day (``start``/``end`` keep the range).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from conflictgeo.model import DateRange
from conflictgeo.prefilter import SENTENCES, Family

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_PART = r"(?P<part>early|mid|late|the (?:beginning|start|end|middle) of|beginning of|end of)[\s-]+"

# Order matters: the most specific forms first; a span once claimed is not reused.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day_range",
        re.compile(
            rf"\b(?:from\s+|between\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*"
            rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
            re.I,
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    (
        "month_day",
        re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![.,]?\d)", re.I),
    ),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:{_PART})?{_MONTH}(?:\s+{_YEAR})?\b", re.I)),
    ("month", re.compile(rf"\b(?:{_PART})?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|tonight|earlier today)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on\s+|last\s+)?{_WEEKDAY}\b", re.I)),
    (
        "weekend",
        re.compile(r"\b(?:over|at|during|on) the weekend\b|\b(?:this|last) weekend\b", re.I),
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


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    range: DateRange
    since: bool  # "since February 2013": a start, not the event's own date


def find_dates(sentence: str, published: dt.date | None) -> list[DateMention]:
    """Date expressions in ``sentence``, resolved against ``published``.

    >>> [str(d.range.event_date) for d in find_dates("On Aug. 10, jets struck.", dt.date(2013, 8, 14))]
    ['2013-08-10']
    >>> d = find_dates("They seized 11 villages in early August.", dt.date(2013, 8, 14))[0].range
    >>> str(d.start), str(d.end), d.time_precision, d.date_prec
    ('2013-08-01', '2013-08-10', 3, 4)
    """
    found: list[DateMention] = []
    possible = _FAMILY.possible(sentence)  # most sentences: none
    if not possible:
        return found
    claimed: list[tuple[int, int]] = []
    for name, rx in possible:
        for m in rx.pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in claimed):
                continue
            try:
                rng = _resolve(name, m, published)
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
    return sorted(found, key=lambda d: d.start)


def warm_up() -> None:
    """Import dateparser and load its tables now (half a CPU-second on first use):
    called before forking workers, so they share them instead of each loading them."""
    import dateparser

    dateparser.parse("12/08/2013", settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})


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
    # A ValueError ("February 30") propagates: find_dates then drops the whole span.
    if name == "iso":
        day = dt.date(int(g["year"]), int(g["month"]), int(g["day"]))
        return _day(day, text, "ISO date")
    if name == "numeric":
        import dateparser  # slow to import: only for numeric dates (12/08/2013)

        parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
        return _day(parsed.date(), text, "numeric date, day first") if parsed else None
    if name == "day_range":
        month = _MONTHS[month_word]
        if g.get("year"):
            first = dt.date(int(g["year"]), month, int(g["day"]))
        elif pub is not None:
            first = _infer_year(pub, month, int(g["day"]))
        else:
            return None
        last = first.replace(day=int(g["day2"]))
        if last < first:
            raise ValueError(f"{text}: the range ends before it starts")
        # ACLED codes a campaign one event per day: the first event is the first day.
        return DateRange(
            first,
            last,
            first,
            1,
            2 if (last - first).days < 6 else 3,
            text,
            "days of a campaign: the first day",
        )
    if name in ("day_month_year", "month_day_year"):
        day = dt.date(int(g["year"]), _MONTHS[month_word], int(g["day"]))
        return _day(day, text, "full date")
    if name in ("month_day", "day_month"):
        if pub is None:
            return None
        day = _infer_year(pub, _MONTHS[month_word], int(g["day"]))
        return _day(day, text, "day and month; year from publication")
    if name in ("month", "since"):
        return _month(g, month_word, pub, text, since=name == "since")
    if pub is None:
        return None
    if name == "yesterday":
        return _day(pub - dt.timedelta(days=1), text, "yesterday: the day before publication")
    if name == "today":
        return _day(pub, text, "the publication date")
    if name == "weekday":
        back = (pub.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7 or 7
        if "last" not in text.lower() and back == 7:
            back = 0
        return _day(pub - dt.timedelta(days=back), text, "weekday before publication")
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


def _day(day: dt.date, text: str, rule: str) -> DateRange:
    return DateRange(day, day, day, 1, 1, text, rule)


def _infer_year(pub: dt.date, month: int, day: int) -> dt.date:
    """The latest such day not in the future of the report; ValueError if none is."""
    dt.date(2000, month, day)  # ValueError for a day no month has ("February 30")
    for year in (pub.year, pub.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # February 29 outside a leap year
            continue
        if candidate <= pub + dt.timedelta(days=2):  # never in the future of the report
            return candidate
    raise ValueError(f"no {month}/{day} within a year before {pub}")


def _month(
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
    part = (g.get("part") or "").lower()
    if part.startswith(("early", "the beginning", "the start", "beginning")):
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
    if not part and start.day == 1 and end.day >= 15:
        middle = start.replace(day=15)  # ACLED's middle of a month is the 15th
    return DateRange(start, end, middle, 3, 4, text, f"{part or 'month'}: middle of the range")
