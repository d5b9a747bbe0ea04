"""Figures in event text: deaths, displaced people, places taken.

Numbers come as digits ("1,200"), words ("twenty-one", "a dozen"), vague words
("dozens", "hundreds", "several"), ranges ("5-6", "between 10 and 15") and with
qualifiers ("at least", "up to", "more than", "nearly"). Each figure keeps its
phrase and the rule that turned it into numbers.

Rules (documented so a user can audit them):

* exact N: low = best = high = N.
* "at least / more than / over N": low = N (N+1 for "more than"), best = low, high unknown;
  the ACLED figure is N itself (a coder enters the number the report gives).
* "up to / as many as N": high = N, best = N (the only figure given), low unknown.
* "nearly / almost / about / around N": best = N, low and high unknown.
* a range "A-B": low = A, high = B, best = A.
* vague words (ACLED): "a few", "several" -> 3; "many", "scores", "dozens" -> 12 for
  dozens, 10 otherwise; "hundreds" -> 100; "thousands" -> 1000.
* ACLED ``fatalities`` is the lowest figure reported (low, else best); "casualties"
  alone (dead and wounded together) gives 0; wounded only gives no death figure.
* a side breakdown ("3 soldiers and 2 civilians", "two fighters and a civilian")
  is summed; "a" / "one" + a person noun counts 1.
* dates are masked first, so "on 13 October 2019 left 15 dead" is not 2019 + 15.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictgeo.model import Casualties
from conflictgeo.prefilter import Scanner

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {
    "a few": 3,
    "few": 3,
    "several": 3,
    "a number of": 3,
    "some": 3,
    "many": 10,
    "scores": 10,
    "dozens": 12,
    "a dozen": 12,
    "dozen": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
}
_UNIT_WORDS = "(?:" + "|".join(k for k in _UNITS if len(k) > 2) + r")\b"
# "twenty-one" is one number: a tens word takes a following unit when there is one,
# so the hyphen is not read as a range ("twenty" to "one").
_WORD_NUM = (
    r"(?:(?:"
    + "|".join(_TENS)
    + rf")(?:[\s-]{_UNIT_WORDS}|(?![\s-]{_UNIT_WORDS}))|"
    + "|".join(k for k in _UNITS if k not in ("a", "an", "no"))
    + r")"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:hundred|thousand|million))?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUM}){_SCALE}"
_VAGUE_RX = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))
_QUAL = (
    r"(?P<qual>at least|all|no fewer than|not less than|more than|over|upwards of|in excess of|"
    r"up to|as many as|at most|nearly|almost|about|around|some|approximately|roughly|"
    r"an estimated|estimated)\s+"
)
_RANGE = rf"(?:between\s+)?(?P<lo>{_NUMBER})\s*(?:-|–|to|and)\s*(?P<hi>{_NUMBER})"
# "no one was killed" is not a figure of one.
QUANTITY = re.compile(
    rf"\b(?<!\bno\s)(?:{_QUAL})?(?:{_RANGE}|(?P<num>{_NUMBER})|(?P<vague>{_VAGUE_RX}))\b",
    re.IGNORECASE,
)
# The same pattern without group names, to embed (several times) in larger ones.
_Q = re.sub(r"\?P<\w+>", "?:", QUANTITY.pattern)

_KILLED = (
    r"(?:killed|dead|died|deaths?|fatalities|lost their lives|perished|slain|killing|"
    r"executed|shot dead|gunned down|murdered|beheaded)"
)
# Verbs followed by their victims: "killing 11", "executed eight men".
_KILL_VERBS = (
    r"(?:killing|killed|executed|executing|shot dead|gunned down|murdered|beheaded|massacred)"
)
_PERSON = (
    r"(?:person|civilian|soldier|fighter|rebel|militant|member|child|woman|man|boy|girl|"
    r"resident|villager|policeman|officer|militiaman|insurgent|combatant|commander|"
    r"journalist|worker|farmer|shepherd|recruit|guard|bodyguard|settler|student|"
    r"pharmacist|teacher|doctor|official|activist|protester|worshipper|wife|husband|son|"
    r"sheikh|imam|cleric|judge|mayor|governor|leader|lawyer|nurse|engineer|driver|trader|"
    r"photographer|patient|detainee|hostage|"
    r"daughter|brother|sister|father|mother|(?-i:[A-Z][a-z]+))"
)
_PEOPLE = (
    r"(?:people|persons|civilians|soldiers|fighters|rebels|militants|troops|members|"
    r"children|women|men|residents|villagers|policemen|officers|militiamen|insurgents|"
    r"combatants|others|of them|workers|farmers|shepherds|recruits|guards|cadets|"
    r"worshippers|migrants|passengers|prisoners|students|settlers|protesters|attackers|"
    r"assailants|gunmen|bombers|boys|girls|babies|infants|relatives|bodyguards|"
    r"(?-i:[a-z]{3,}(?<!ss)s)|"
    r"(?-i:[A-Z][a-z]+s)|" + _PERSON + r")"
)
# "a woman", "one soldier": one person.
# Greedy, so "an Islamic Jihad commander" is one commander, not "an Islamic".
_ONE = rf"(?:an?|one|his|her)\s+(?:[\w-]+\s+){{0,2}}{_PERSON}\b"
# A victim named by title: "shot dead journalist Shireen Abu Akleh".
_TITLED = (
    r"(?:journalist|activist|cleric|sheikh|imam|commander|leader|judge|mayor|governor|"
    r"lawyer|doctor|official|officer)\b"
)
# The figures' patterns run only on sentences holding their key words ("killed",
# "villages"): one literal scan of a sentence for them all (see conflictgeo.prefilter).
_SCANNER = Scanner()
# "20 people were killed", "killing 11", "the death toll rose to 7", "3 soldiers and 2 civilians".
_DEATH_BEFORE = _SCANNER.guard(
    re.compile(
        rf"(?P<q>(?:{_Q})(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE})?"
        rf"(?:\s*(?:,|and)\s*(?:(?:{_Q})(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE})|{_ONE}))*)"
        rf"(?:,\s*(?:most|many|all|some|several|two|three) of (?:them|whom)[\w\s]{{0,30}}?,)?"
        rf"\s+(?:(?:were|was|have been|had been|has been|are|being|reportedly|later|also|found|"
        rf"reported|confirmed|said to have been|believed)\s+)*{_KILLED}\b",
        re.IGNORECASE,
    )
)
_DEATH_AFTER = _SCANNER.guard(
    re.compile(
        rf"\b(?:{_KILL_VERBS}|death toll (?:rose |climbed )?(?:to|of|at)|left|fatalities:|"
        rf"(?:the )?deaths? of)\s+"
        rf"(?P<q>(?:{_Q}|{_ONE}|{_TITLED})(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE})?"
        rf"(?:\s*(?:,|and)\s*(?:(?:{_Q})(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE})|{_ONE}))*)"
        rf"(?:\s+dead)?",
        re.IGNORECASE,
    )
)
_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Dates are not figures: "on 26 and 27 July 2018 killed 30" is 30.
_DATE_MASK = _SCANNER.guard(
    re.compile(
        rf"\b(?:\d{{1,2}}(?:\s*(?:and|-|–|to)\s*\d{{1,2}})?\s+(?:of\s+)?{_MONTH_NAMES}"
        rf"(?:,?\s+(?:19|20)\d\d)?|{_MONTH_NAMES}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?"
        rf"|{_MONTH_NAMES},?\s+(?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}}-\d\d-\d\d"
        rf"|(?:in|since)\s+(?:19|20)\d\d)\b"
    )
)
_SIDE_LINK = re.compile(r"\s*,?\s*(?:with|and|as well as|along with|while|plus)\s+", re.I)
_CASUALTIES_ONLY = _SCANNER.guard(re.compile(r"\bcasualties\b", re.IGNORECASE))
_DISPLACED_UNITS = r"(?P<unit>people|persons|families|households|residents|civilians|villagers|refugees|[A-Z][a-z]+s)"
_DISPLACED = _SCANNER.guard(
    re.compile(rf"(?P<q>(?i:{_Q}))\s+(?:of\s+)?(?:\w+\s+){{0,1}}?{_DISPLACED_UNITS}\b")
)
_TERRITORY = _SCANNER.guard(
    re.compile(
        rf"(?P<q>{_Q})\s+(?:\w+\s+)?(?P<what>villages|towns|hamlets|cities|positions|"
        r"checkpoints|bases|hills|neighbou?rhoods|districts|areas|outposts)\b",
        re.IGNORECASE,
    )
)


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int | None
    best: int | None
    high: int | None
    text: str
    rule: str
    acled: int | None = None  # ACLED's figure when it is not low (else best)

    @property
    def fatalities(self) -> int:
        if self.acled is not None:
            return self.acled
        return self.low if self.low is not None else (self.best or 0)


def parse_number(text: str) -> int | None:
    """An integer from digits or English words.

    >>> parse_number("1,200"), parse_number("twenty-one"), parse_number("three hundred")
    (1200, 21, 300)
    """
    t = text.lower().strip()
    scale = 1
    for word, factor in (("hundred", 100), ("thousand", 1000), ("million", 1_000_000)):
        if t.endswith(word):
            t, scale = t[: -len(word)].strip(), factor
            break
    if not t:
        return scale if scale > 1 else None
    if re.fullmatch(_DIGITS, t):
        return int(float(t.replace(",", "")) * scale)
    parts = re.split(r"[\s-]+", t)
    total = 0
    for p in parts:
        if p in _UNITS:
            total += _UNITS[p]
        elif p in _TENS:
            total += _TENS[p]
        else:
            return None
    return total * scale


def quantity(m: re.Match[str]) -> Quantity | None:
    """Turn a :data:`QUANTITY` match into low / best / high with the rule applied."""
    g = m.groupdict()
    qual = (g.get("qual") or "").lower()
    text = m.group().strip()
    if g.get("lo"):
        lo, hi = parse_number(g["lo"]), parse_number(g["hi"])
        if lo is None or hi is None or hi < lo:
            return None
        return Quantity(lo, lo, hi, text, "range: low and high as given, best the low")
    if g.get("vague"):
        n = _VAGUE[g["vague"].lower()]
        return Quantity(n, n, None, text, f"vague '{g['vague'].lower()}' -> {n} (ACLED)")
    n = parse_number(g.get("num") or "")
    if n is None:
        return None
    if qual == "all":
        return Quantity(n, n, n, text, "exact figure ('all')")
    if qual in ("at least", "no fewer than", "not less than"):
        return Quantity(n, n, None, text, f"'{qual}' {n}: low {n}")
    if qual in ("more than", "over", "upwards of", "in excess of"):
        return Quantity(n + 1, n + 1, None, text, f"'{qual}' {n}: low {n + 1}, ACLED {n}", n)
    if qual in ("up to", "as many as", "at most"):
        return Quantity(None, n, n, text, f"'{qual}' {n}: high {n}, best {n}")
    if qual:
        return Quantity(None, n, None, text, f"'{qual}' {n}: best {n}")
    return Quantity(n, n, n, text, "exact figure")


def find_deaths(sentence: str) -> Casualties | None:
    """Deaths reported in ``sentence``; side breakdowns are added up.

    >>> c = find_deaths("The Observatory said up to 20 people were killed in the air strikes.")
    >>> c.low, c.best, c.high, c.fatalities
    (None, 20, 20, 20)
    >>> find_deaths("Three soldiers and two civilians were killed.").best
    5
    >>> find_deaths("The attack caused casualties.").fatalities
    0
    """
    masked = sentence
    if _DATE_MASK.could_match(sentence):
        masked = _DATE_MASK.pattern.sub(lambda m: " " * len(m.group()), sentence)
    # The first figure in the sentence; a second side joined to it ("killing 30
    # policemen, with 4 attackers killed") is added.
    found = sorted(
        (m for m in (_DEATH_BEFORE.search(masked), _DEATH_AFTER.search(masked)) if m),
        key=lambda m: m.start(),
    )
    if len(found) == 2 and found[0].end() <= found[1].start():
        first, second = (_figure(m, sentence) for m in found)
        link = masked[found[0].end() : found[1].start()]
        if first and second and _SIDE_LINK.fullmatch(link):
            return Casualties(
                _sum([first.low, second.low]),
                _sum([first.best, second.best]),
                _sum([first.high, second.high]),
                first.fatalities + second.fatalities,
                f"{first.text}; {second.text}",
                "sum of the two sides' figures",
            )
    for m in found:
        cas = _figure(m, sentence)
        if cas is not None:
            return cas
    if _CASUALTIES_ONLY.search(sentence):
        return Casualties(
            None,
            None,
            None,
            0,
            "casualties",
            "'casualties' alone mixes dead and wounded: 0 (ACLED)",
        )
    return None


def _figure(m: re.Match[str], sentence: str) -> Casualties | None:
    """The deaths one :data:`_DEATH_BEFORE` / :data:`_DEATH_AFTER` match reports."""
    # "killing five people, two of them police officers": the part is not added
    group = re.split(r",\s*(?:[\w-]+\s+){1,2}of (?:them|whom)\b", m.group("q"))[0]
    parts = [q for q in (quantity(x) for x in QUANTITY.finditer(group)) if q]
    parts = [p for p in parts if p.best is not None or p.high is not None]
    # "a civilian" is one person; "one soldier" is already a number above
    ones = len(re.findall(rf"(?:^|,|\band)\s*{_ONE}", group, re.I)) - len(
        re.findall(r"(?:^|,|\band)\s*one\s", group, re.I)
    )
    if re.match(_TITLED, group, re.I):
        ones += 1
    parts += [Quantity(1, 1, 1, "one", "one person")] * ones
    if not parts:
        return None
    if len(parts) == 1:
        q = parts[0]
    else:
        q = Quantity(
            _sum([p.low for p in parts]),
            _sum([p.best for p in parts]),
            _sum([p.high for p in parts]),
            group,
            "sum of a side breakdown",
            _sum([p.fatalities for p in parts]),
        )
    phrase = sentence[m.start() : m.end()].strip()
    return Casualties(q.low, q.best, q.high, q.fatalities, phrase, q.rule)


def find_displaced(sentence: str) -> tuple[int | None, str | None]:
    """The number of displaced people in ``sentence`` and its phrase.

    >>> find_displaced("Opposition sources said thousands of Alawites fled their homes.")
    (1000, 'thousands of Alawites')
    """
    for m in _DISPLACED.finditer(sentence):
        q = quantity(QUANTITY.match(m.group("q")))  # type: ignore[arg-type]
        if q is None or (q.best or q.high) is None:
            continue
        value = q.low if q.low is not None else q.best
        return value, m.group().strip()
    return None, None


def find_territory(sentence: str) -> str | None:
    """The places taken, as the text counts them ("at least 11 villages").

    >>> find_territory("The rebels have seized at least 11 villages in early August.")
    'at least 11 villages'
    """
    m = _TERRITORY.search(sentence)
    return m.group().strip() if m else None


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)
