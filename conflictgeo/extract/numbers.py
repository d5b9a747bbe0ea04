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
* a range "A-B", "between A and B", "A or B": low = A, high = B, best = A.
* vague words (ACLED): "a few", "several" -> 3; "many", "scores", "dozens" -> 12 for
  dozens, 10 otherwise; "hundreds" -> 100; "thousands" -> 1000.
* ACLED ``fatalities`` is the lowest figure reported (low, else best); "casualties"
  alone (dead and wounded together) gives 0; wounded only gives no death figure.
* implausible figures are dropped, never rewritten: more than :data:`MAX_DEATHS`
  deaths or :data:`MAX_DISPLACED` displaced people, or a power ("10^100"); the
  phrase and the reason stay in ``fatalities_text`` / ``fatalities_rule``.

Deaths are read clause by clause around a death word: the victims before a
passive or intransitive one ("two men were shot dead", "the victim died",
"2 fatalities", "Twenty are dead"), the object after an active one ("killing
seven", "shot dead the driver", "claimed the lives of 5", "the deaths of 2
soldiers"); the killers in the subject of an active verb are never counted
("four men shot dead a priest" is one death). Victims are counted item by item:

* a side breakdown ("3 soldiers and 2 civilians", "five rangers, one soldier and a
  guard", "his wife and two children") is summed; "a" / "one" / "the" + a person
  noun, a named person ("Ahmed Ali", "journalist Shireen Abu Akleh"), "him" or
  "her" count 1; "both" 2; "a family of seven" 7; an age is no count ("a
  six-year-old boy" is one).
* a subset ("including 3 children", "most of them gunmen", "among the dead") and a
  running total ("bringing the death toll to 40") are not added; a figure
  restated with "the" ("the five were ...") is not added again.
* figures of time, distance, animals or things ("a 30-minute firefight", "100
  camels") are no deaths; neither are "killed or wounded" (casualties).
* dates are masked first, so "on 13 October 2019 left 15 dead" is not 2019 + 15.

:func:`death_toll` also says what a figure is to the event it follows: a new
figure, more deaths ("another three", "a fourth person died later") or the total
("4 fatalities.", "the death toll rose to 9").
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from conflictgeo.model import Casualties
from conflictgeo.prefilter import Scanner

#: More deaths than any one event's report gives: a larger figure is dropped.
MAX_DEATHS = 10_000_000
#: More displaced people than any one event's report gives: dropped.
MAX_DISPLACED = 100_000_000

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
_SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "quadrillion": 10**15,
}
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:" + "|".join(_SCALES) + r"))?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUM}){_SCALE}"
# "10^100", "1e100", "10**100": a power is no count of anything.
_POWER = r"\d+\s*(?:\^|\*\*)\s*\d+|\d+(?:\.\d+)?[eE]\+?\d+"
_VAGUE_RX = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))
_QUAL = (
    r"(?P<qual>at least|all|no fewer than|not less than|more than|over|upwards of|in excess of|"
    r"up to|as many as|at most|nearly|almost|about|around|some|approximately|roughly|"
    r"an estimated|estimated|another|a further|a total of)\s+"
)
_RANGE = rf"(?:between\s+)?(?P<lo>{_NUMBER})\s*(?:-|–|to|and|or)\s*(?P<hi>{_NUMBER})"
# "no one was killed" is not a figure of one.
QUANTITY = re.compile(
    rf"\b(?<!\bno\s)(?:{_QUAL})?(?:(?P<power>{_POWER})|{_RANGE}|(?P<num>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE_RX}))\b",
    re.IGNORECASE,
)
# The same pattern without group names, to embed (several times) in larger ones.
_Q = re.sub(r"\?P<\w+>", "?:", QUANTITY.pattern)
_Q = re.sub(r"\(\?P=\w+\)", "", _Q)

# The figures' patterns run only on sentences holding their key words ("killed",
# "villages"): one literal scan of a sentence for them all (see conflictgeo.prefilter).
_SCANNER = Scanner()
_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Dates and times are not figures: "on 26 and 27 July 2018 killed 30" is 30,
# "on 11/04 shot dead two" is two.
_DATE_MASK = _SCANNER.guard(
    re.compile(
        rf"\b(?:\d{{1,2}}(?:\s*(?:,|and|-|–|to)\s*\d{{1,2}})*\s+(?:of\s+)?{_MONTH_NAMES}"
        rf"(?:,?\s+(?:19|20)\d\d)?|{_MONTH_NAMES}\s+\d{{1,2}}(?:(?:st|nd|rd|th)\b)?"
        rf"(?:\s*(?:and|-|–|to)\s*\d{{1,2}}\b)?(?:,?\s+(?:19|20)\d\d)?"
        rf"|{_MONTH_NAMES},?\s+(?:19|20)\d\d|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}|\d{{4}}-\d\d-\d\d"
        rf"|\d{{1,2}}/\d{{1,2}}|(?:in|since)\s+(?:19|20)\d\d|\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?|hrs)?"
        rf"|\d{{1,2}}\s*[ap]\.m\.|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
        rf"(?:\s+(?:night|morning|evening|afternoon))?)"
    )
)
_CASUALTIES_ONLY = _SCANNER.guard(re.compile(r"\bcasualties\b", re.IGNORECASE))
_DISPLACED_UNITS = (
    r"(?P<unit>people|persons|families|households|residents|civilians|villagers|refugees|"
    r"individuals|[A-Z][a-z]+s)"
)
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
    implausible: str = ""  # why the figure was dropped ("more than 10,000,000")

    @property
    def fatalities(self) -> int:
        if self.acled is not None:
            return self.acled
        return self.low if self.low is not None else (self.best or 0)


def parse_number(text: str) -> int | None:
    """An integer from digits or English words (exact: no float rounding).

    >>> parse_number("1,200"), parse_number("twenty-one"), parse_number("three hundred")
    (1200, 21, 300)
    >>> parse_number("99999999999999999999"), parse_number("one trillion")
    (99999999999999999999, 1000000000000)
    """
    t = text.lower().strip()
    scale = 1
    for word, factor in _SCALES.items():
        if t.endswith(word):
            t, scale = t[: -len(word)].strip(), factor
            break
    if not t:
        return scale if scale > 1 else None
    if re.fullmatch(_DIGITS, t):
        try:
            return int(Decimal(t.replace(",", "")) * scale)
        except InvalidOperation:
            return None
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


def quantity(m: re.Match[str], limit: int = MAX_DISPLACED) -> Quantity | None:
    """Turn a :data:`QUANTITY` match into low / best / high with the rule applied.

    A figure over ``limit`` or a power ("10^100") comes back with no numbers and
    ``implausible`` set: it is dropped, not rewritten.
    """
    g = m.groupdict()
    qual = (g.get("qual") or "").lower()
    text = m.group().strip()
    if g.get("power"):
        return _implausible(text, f"a power ({g['power']}) is no count")
    if g.get("lo"):
        lo, hi = parse_number(g["lo"]), parse_number(g["hi"])
        if lo is None or hi is None or hi < lo:
            return None
        if hi > limit:
            return _implausible(text, f"more than {limit:,}")
        return Quantity(lo, lo, hi, text, "range: low and high as given, best the low")
    if g.get("vague"):
        n = _VAGUE[g["vague"].lower()]
        return Quantity(n, n, None, text, f"vague '{g['vague'].lower()}' -> {n} (ACLED)")
    n = parse_number(g.get("num") or "")
    if n is None:
        return None
    if n > limit:
        return _implausible(text, f"more than {limit:,}")
    if qual in ("all", "another", "a further", "a total of"):
        return Quantity(n, n, n, text, f"exact figure ('{qual}')")
    if qual in ("at least", "no fewer than", "not less than"):
        return Quantity(n, n, None, text, f"'{qual}' {n}: low {n}")
    if qual in ("more than", "over", "upwards of", "in excess of"):
        return Quantity(n + 1, n + 1, None, text, f"'{qual}' {n}: low {n + 1}, ACLED {n}", n)
    if qual in ("up to", "as many as", "at most"):
        return Quantity(None, n, n, text, f"'{qual}' {n}: high {n}, best {n}")
    if qual:
        return Quantity(None, n, None, text, f"'{qual}' {n}: best {n}")
    return Quantity(n, n, n, text, "exact figure")


def _implausible(text: str, why: str) -> Quantity:
    return Quantity(None, None, None, text, f"implausible figure dropped: {why}", None, why)


# ----------------------------------------------------------------------- deaths

_AUX = (
    r"(?:was|were|is|are|been|being|be|get|got|have|has|had|reportedly|allegedly|also|later|"
    r"all|both|subsequently|eventually|then|initially|reported|confirmed|believed|said|feared|"
    r"thought|known|to|have been|found|instantly|immediately|either)"
)
# Death words. "killed", "shot dead" and the like are active ("rebels killed two")
# or passive ("two were killed"): the words around them decide (see _read_anchor).
_ANCHOR = _SCANNER.guard(
    re.compile(
        r"(?P<to_death>\bto\s+death\b)"
        r"|(?P<either>\b(?:killed|slain|murdered|executed|beheaded|decapitated|lynched|"
        r"massacred|assassinated|shot\s+dead|gunned\s+down|burn(?:ed|t)\s+alive|found\s+dead)\b)"
        # "The victims were named as A, B and C", "Among the dead were three officers"
        r"|(?P<listing>\b(?:(?:among|amongst)\s+(?:the\s+)?(?:dead|those\s+killed)\s+"
        r"(?:were|was|are|is)|(?:the\s+(?:dead|deceased)|those\s+killed)\s+"
        r"(?:were|was|are|included|include|includes)(?:\s+(?:named|identified)\s+as)?|"
        r"(?:the\s+)?(?:victims|dead|deceased)\s+(?:were|was|have\s+been|had\s+been)\s+"
        r"(?:named|identified)\s+as)\b:?)"
        r"|(?P<body>\b(?:his|her|the|a)\s+(?:dead\s+|lifeless\s+|mutilated\s+)?body\s+"
        r"(?:was|has\s+been|had\s+been|is)\s+(?:later\s+)?(?:found|recovered|discovered|"
        r"retrieved|dumped)\b)"
        r"|(?P<active>\b(?:(?:the\s+)?(?:deaths?|killings?|murders?)\s+of|"
        r"kill(?:s|ing)?|shoot(?:s|ing)?\s+dead|gun(?:s|ning)?\s+down|"
        r"murder(?:s|ing)|execut(?:es|ing)|behead(?:s|ing)|lynch(?:es|ing)|massacr(?:es|ing)|"
        r"assassinat(?:es|ing)|(?:claim|take|took|taking|claiming|claimed)\s+the\s+lives?\s+of|"
        r"(?:the\s+)?(?:bod(?:y|ies)|corpses?|remains)\s+of(?=[^.;]{0,80}?\b(?:found|discovered|"
        r"recovered|retrieved|dumped|exhumed|pulled|washed)\b)|"
        r"(?:(?<=\bfound\s)|(?<=\brecovered\s)|(?<=\bretrieved\s)|(?<=\bdiscovered\s)|"
        r"(?<=\bpulled\s)|(?<=\bexhumed\s))(?:the\s+)?(?:bod(?:y|ies)|corpses?|remains)\s+of|"
        r"death\s+toll\s+(?:[\w-]+\s+){0,3}?(?:to|of|at|reached|hit)|"
        r"(?:fatalit(?:y|ies)|deaths|death\s+tolls?)\s+(?:range|ranged|ranging|vary|varied|varying)"
        r"\s+(?:from|between)|"
        r"(?:toll|fatalities|deaths|dead|killed)\s*:)(?=\s|\d))"
        r"|(?P<intrans>\b(?:died|die|dies|perished|succumbed|lost\s+(?:their|his|her)\s+li(?:fe|ves)|"
        r"dead)\b)"
        r"|(?P<nominal>\b(?:fatalit(?:y|ies)|deaths|death|bodies|corpses)\b)",
        re.IGNORECASE,
    )
)
# "was abducted by three men and [killed]": the passive's subject is the victim.
_COORDINATED_PASSIVE = re.compile(
    r"\b(?-i:was|were|is|are|been|being|got)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b"
    r"(?:,?\s+(?!and\b)[\w'’-]+){0,6}?,?\s+and\s+"
    r"(?:(?:later|then|also|subsequently|eventually|found|\w+(?:ed|en|t))\s+){0,2}$",
    re.IGNORECASE,
)
# Before a death word: negation, or a threat, makes it no death.
_NEGATED = re.compile(
    r"\b(?:(?:not|never|no one|nobody|none|without|threat(?:en)?(?:ed|s)?\s+to|"
    r"(?:tried|attempt(?:ed|ing)?|plann?(?:ed|ing)|plot(?:ted|ting)?|wanted|vowed)\s+to|"
    r"escaped being|escap(?:e|ed|es|ing)|surviv(?:e|ed|es|ing)|"
    # an allegation about deaths before the event: "accused of killing a villager"
    r"accused\s+of|suspected\s+of|blamed\s+for|charged\s+with|convicted\s+of|"
    r"arrested\s+(?:\w+\s+)?for|responsible\s+for|in\s+connection\s+with|"
    r"alleged\s+to\s+have|said\s+to\s+have|blam\w+(?:\s+\w+)?\s+for|suspects?\s+in)\s+(?:\w+\s+){0,2}"
    # "nearly killed", but "nearly 40 people died"
    r"|(?:nearly|almost|narrowly)\s+)$",
    re.IGNORECASE,
)
_MIXED = re.compile(r"^\s*(?:or|and(?!\s+\d))\s+(?:seriously\s+)?(?:wounded|injured|hurt)\b", re.I)
# Deaths from disease, disasters or accidents are no conflict toll.
_NATURAL = (
    r"(?:flash\s+)?(?:floods?|flooding|landslides?|mudslides?|earthquakes?|storms?|cyclones?|"
    r"hurricanes?|typhoons?|tsunami|droughts?|famine|hunger|starvation|disease|illness|cholera|"
    r"covid(?:-19)?|coronavirus|virus|pandemic|poisoning|overdose|(?:road|traffic|car|bus|plane|"
    r"train|boat)\s+(?:accident|crash)|accidents?|crash(?:es)?|collisions?|natural\s+causes|"
    r"old\s+age|heart\s+attack|heatwave|heat\s+stroke|the\s+cold)"
)
_NATURAL_AFTER = re.compile(
    rf"\s+(?:[\w-]+\s+){{0,3}}?(?:of|from|in|after|due\s+to|following|because\s+of)\s+"
    rf"(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{0,2}}?{_NATURAL}\b",
    re.IGNORECASE,
)
_NATURAL_BEFORE = re.compile(
    rf"\b{_NATURAL}\s+(?:[\w-]+\s+){{0,3}}$|\b(?:toll|deaths?)\s+from\s+(?:the\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}{_NATURAL}\b[^.;]*$",
    re.IGNORECASE,
)
# What a protest is about: "over the killing of", "to condemn the death of". (Deaths
# "after" or "following" which a fight broke out are counted with it, as ACLED does.)
_GRIEVANCE = re.compile(
    r"\b(?:over|against|condemn\w*|denounc\w*|protest\w*|mourn\w*|justice\s+for)"
    r"(?:\s+(?:of|at|against|over))?(?:\s+(?!(?:killed|died|were|was)\b)[\w-]+){0,4}?\s+$",
    re.IGNORECASE,
)
# "dead" before a noun is an adjective: "his dead father".
_ADJECTIVE_DEAD = re.compile(
    r"\s+(?!(?:and|or|in|at|on|after|by|as|when|while|with|during|near|following|from|"
    r"since|including|among|inside|outside|but|so|were|was|are|is|bodies|body)\b)[a-z]"
)
_DEAD_FOUND = re.compile(
    r"\s+(?:[\w-]+\s+){1,6}?(?:was|were)\s+(?:\w+\s+)?(?:found|discovered|thrown|dumped|"
    r"recovered|left|retrieved|killed)\b",
    re.IGNORECASE,
)
_LEFT_BEFORE = re.compile(r"\b(?:left|leaving|leaves|leave)\s+$", re.IGNORECASE)
# A running total, not the event's own toll: "bringing the death toll to 40".
_RUNNING = re.compile(
    r"\b(?:bring|brought|bringing|brings|rais(?:e|ed|es|ing)|push(?:ed|es|ing)?|tak(?:e|es|ing)|"
    r"took|overall|total|cumulative)\b[^,;]{0,25}$",
    re.IGNORECASE,
)
_SUBSET = re.compile(
    r"\b(?:including|includ(?:ed|es)|among (?:them|whom|the (?:dead|victims|killed))|"
    r"of (?:them|whom)|amongst)\b",
    re.IGNORECASE,
)
# Where the victims of an active verb end: "killing four [and stealing cattle]".
_OBJECT_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bProf)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bSgt)"
    r"(?<!\bCapt)(?<!\bMaj)(?<!\bSen)(?<!\bGov)(?<!\bSt)[.;:!?—–]|\s-\s|\b(?:in|at(?!\s+(?:least|most)\b)|on|near|during|while|after|before|"
    r"when|as(?!\s+many\b)|by|with|for|from|since|inside|outside|including|among|who|whom|"
    r"which|that|because|amid|across|along|over(?!\s+(?:\d|[a-z]+ty\b|ten|a\s+dozen))|into|"
    r"(?<!\bup\s)to|following|without|were|was|are|is|had|have|has|been|will|would|said|says|"
    r"reported|told|added|announced|confirmed|according|last|this|yesterday|today|earlier|"
    r"killed|dead|died|injured|wounded|there|here|nearby|overnight|again|instantly|"
    r"and\s+(?:then\s+)?\w+(?:ing|ed)|,\s*\w+ing)\b",
    re.IGNORECASE,
)
# People counted by the figure before them: "25 soldiers and [policemen]".
_BARE_PLURAL = re.compile(
    r"(?-i:[a-z-]+\s+){0,2}(?-i:[a-z]{2,}(?:s|men)|people|police|children|youth)"
)
# More deaths than those told before: "were also killed", "died as well".
_ALSO = re.compile(r"\b(?:also|too|as well(?!\s+as)|in addition|additionally)\b", re.IGNORECASE)
# Where a noun phrase's describing part starts: "a man [from the village]".
_POST_NOUN = re.compile(
    r"\s+(?:in|at|on|near|from|of the|who|which|that|whose|with|during|after|while|"
    r"(?-i:[a-z]+ed)\s+(?:on|in|at|to|by|for|from|with|of|as)|attached|aged)\b",
    re.IGNORECASE,
)
# Words that introduce victims inside a longer phrase.
_LIST_CUE = re.compile(
    r"\b(?:resulting in|resulted in|results in|leading to|led to|causing|caused|left|leaving|"
    r"including|claiming)\s+",
    re.IGNORECASE,
)
# What an object after "killed" starts with: a number, a determiner, a name.
_OBJECT_START = re.compile(
    r"\s+(?:\d|[A-Z]|(?:a|an|the|his|her|their|its|this|that|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|dozens|scores|hundreds|at least|more than|some|about)\b)"
)
# Where a list of victims ends ("were named as A, B and C [.]").
_LIST_END = re.compile(r"[.;:!?—–](?:\s|$)|\s-\s|\b(?:who|whom|which|while|when)\b")
# Where the victims before a passive verb start: the clause's first word.
# A phrase after the victims that describes them, not more victims.
_POST_MODIFIER = re.compile(
    r"(?<=[a-z])\s+(?:accused|suspected|believed|thought|said|known|identified|named|"
    r"described|allegedly|working|travelling|traveling|living|wearing|belonging|aged|whose)\b",
    re.IGNORECASE,
)
_SUBJECT_START = re.compile(
    r"[;:—–]|(?<=[a-z])\.(?=[A-Z])|(?<=[a-z)\]]{2})\.\s+(?=[A-Z0-9])|\s-\s|"
    r"\b(?:after|when|while|because|but|whereas|although|though|if|where|which|whom|whose|"
    r"reported that|said that|says that|that)\b",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"\s*,(?!\d{3})\s*(?:and\s+|as well as\s+)?|\s+(?:and|as well as|along with|plus|together with|"
    r"&)\s+",
    re.IGNORECASE,
)
_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "from",
    "of",
    "on",
    "to",
    "into",
    "outside",
    "inside",
    "around",
}
# "killed two men near the town, along with eight others"
_ALONG_WITH = re.compile(
    rf"[^.;]{{0,80}}?,\s*(?:(?:along|together) with|alongside)\s+(?P<q>{_Q})\s+"
    rf"(?:other\s+\w+|others)\b",
    re.IGNORECASE,
)
_ALONG_WITH_AFTER = re.compile(
    r"(?:\s+by\s+[\w\s'’-]{1,40}?)?,?\s+(?:(?:along|together) with|alongside|as well as)\s+"
    r"(?P<item>(?:his|her|their|an?|another|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+)\s+[\w'’-]+(?:\s+(?!(?:in|at|on|near|from|during|by|with|after|who)\b)[\w'’-]+)?)",
    re.IGNORECASE,
)
_DETERMINERS = {
    "a": "a",
    "an": "a",
    "one": "a",
    "single": "a",
    "another": "more",
    "the": "the",
    "this": "the",
    "that": "the",
    "his": "a",
    "her": "a",
    "their": "a",
    "its": "a",
    "each": "a",
    "every": "a",
}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
_PRONOUNS = {"him": 1, "her": 1, "himself": 1, "herself": 1}
# Words no victim phrase holds: verbs, prepositions, clause words ("in" ends it).
_NOT_IN_VICTIMS = {
    "was", "were", "is", "are", "be", "been", "being", "have", "has", "had", "will", "would",
    "said", "says", "say", "reported", "told", "in", "at", "on", "near", "during", "after",
    "before", "when", "while", "by", "with", "into", "to", "for", "as", "than", "since",
    "until", "within", "inside", "outside", "across", "against", "over", "under", "through",
    "following", "amid", "that", "which", "who", "whom", "where", "because", "but", "or",
    "if", "attacked", "clashed", "fired", "opened", "shot", "stabbed", "hacked", "beat",
    "beaten", "stoned", "burned", "burnt", "clubbed", "tortured", "abducted", "kidnapped",
    "arrested", "detained", "wounded", "injured", "left", "leaving", "carried", "launched",
    "stormed", "raided", "ambushed", "shelled", "struck", "hit", "targeted", "killed",
    "killing", "died", "not", "no", "there", "they", "we", "it", "he", "she", "you",
    "i", "resulting", "resulted", "leading", "led", "causing", "caused", "according",
    "out", "up", "down", "off", "away", "back", "broke", "began", "fled", "went", "came",
    "took", "fell", "ran", "rose", "threw", "sent", "set", "held", "made", "found", "got",
    "gave", "saw", "stood", "kept", "brought", "caught", "fought", "sought", "erupted",
}  # fmt: skip
# Heads that are no people: "a 30-minute firefight", "100 camels", "the attack".
_NOT_PEOPLE = {
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles",
    "mile", "metres", "meters", "metre", "meter", "house", "houses", "home", "homes",
    "vehicle", "vehicles", "car", "cars", "truck", "trucks", "bus", "buses", "building",
    "buildings", "shop", "shops", "round", "rounds", "shell", "shells", "rocket", "rockets",
    "missile", "missiles", "mortar", "mortars", "bomb", "bombs", "camel", "camels", "goat",
    "goats", "cattle", "cow", "cows", "sheep", "livestock", "animal", "animals", "dog",
    "dogs", "donkey", "donkeys", "horse", "horses", "head", "heads", "percent", "times",
    "time", "village", "villages", "town", "towns", "attack", "attacks", "blast", "blasts",
    "explosion", "explosions", "strike", "strikes", "airstrike", "airstrikes", "clash",
    "clashes", "incident", "incidents", "raid", "raids", "ambush", "ambushes", "operation",
    "operations", "fire", "fighting", "violence", "bombing", "bombings", "shelling",
    "attacker's", "area", "areas", "road", "roads", "place", "places", "crowd", "mob",
    "group", "groups", "gang", "gangs", "unit", "units", "forces", "police", "army",
    "military", "toll", "figure", "figures", "number", "event", "events",
    "church", "mosque", "school", "hospital", "market", "camp", "station", "office",
    "compound", "prison", "boat", "bridge", "border", "city", "district",
    "region", "province", "county", "country", "state", "government", "ministry",
    "generation", "generations", "family", "families", "household", "households",
    "ox", "oxen", "bull", "bulls", "calf", "calves", "pig", "pigs", "chicken", "chickens",
    "poultry", "mule", "mules", "herd", "herds", "lamb", "lambs", "ram", "rams",
}  # fmt: skip
# An age, no count: "a six-year-old boy", "a 70 year old man", "aged 35".
_AGE = re.compile(
    rf"\b(?:{_NUMBER}|\d+)[\s-]+(?:years?|months?)[\s-]+old\b|\baged\s+\d+\b", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
# Person nouns a headline writes without an article ("mob lynches man").
_BARE_PERSON = {
    "man", "woman", "boy", "girl", "child", "teenager", "student", "teacher", "farmer",
    "herder", "herdsman", "trader", "driver", "pastor", "priest", "cleric", "imam", "officer",
    "policeman", "soldier", "chief", "elder", "suspect", "thief", "robber", "civilian",
    "journalist", "villager", "resident", "businessman", "worker", "guard", "activist",
    "politician", "leader", "commander", "fisherman", "shepherd", "youth", "mother", "father",
}  # fmt: skip
# Capitalised words opening a sentence or clause that name no one.
_NOT_NAMES = {
    "around", "about", "some", "nearly", "approximately", "reportedly", "also", "later",
    "then", "meanwhile", "earlier", "overnight", "however", "separately", "elsewhere",
    "here", "police", "security", "officials", "sources", "reports", "local", "unidentified",
    "unknown", "suspected", "armed", "several", "many", "another", "other", "others",
    "according", "following", "during", "after", "before", "yesterday", "today", "tonight",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "thereafter",
}  # fmt: skip
_NAME_LINK = {"al", "el", "bin", "ibn", "abu", "abd", "de", "da", "van", "von", "bint", "ould"}
_FAMILY_OF = re.compile(rf"^(?:an?\s+|the\s+|whole\s+|entire\s+)*family\s+of\s+({_NUMBER})\b", re.I)


@dataclass(frozen=True, slots=True)
class Toll:
    """The deaths one sentence reports, and what they are to the event before it:
    ``"new"`` (a figure of their own), ``"more"`` (deaths to add: "another
    three", "a fourth person died later"), ``"total"`` ("4 fatalities.",
    "the death toll rose to 9": the event's whole toll) or ``"again"`` (a
    figure told before: "the five dead were ...")."""

    casualties: Casualties
    role: str = "new"


@dataclass(frozen=True, slots=True)
class _Group:
    start: int  # of the victims' phrase (or the death word, before it)
    end: int
    count: Quantity
    role: str  # "new", "more", "the" (a figure restated), "running", "zero"
    nominal: bool = False  # "2 fatalities": a figure summing up, not a clause of its own


def find_deaths(sentence: str) -> Casualties | None:
    """Deaths reported in ``sentence``; side breakdowns are added up.

    >>> c = find_deaths("The Observatory said up to 20 people were killed in the air strikes.")
    >>> c.low, c.best, c.high, c.fatalities
    (None, 20, 20, 20)
    >>> find_deaths("Three soldiers and two civilians were killed.").best
    5
    >>> find_deaths("Four gunmen shot dead a shopkeeper.").fatalities
    1
    >>> find_deaths("The attack caused casualties.").fatalities
    0
    """
    toll = death_toll(sentence)
    return toll.casualties if toll else None


def death_toll(sentence: str) -> Toll | None:
    """:func:`find_deaths` with the figure's role (see :class:`Toll`).

    >>> death_toll("A fourth person died later.").role
    'more'
    >>> t = death_toll("4 fatalities.")
    >>> t.role, t.casualties.fatalities
    ('total', 4)
    """
    if not _ANCHOR.could_match(sentence):
        return _casualties_only(sentence)
    masked = _mask(sentence)
    groups: list[_Group] = []
    for m in _ANCHOR.pattern.finditer(masked):
        if groups and m.start() < groups[-1].end:
            continue
        if m.lastgroup == "to_death" and groups and not masked[groups[-1].end : m.start()].strip():
            continue  # "lynched a suspected thief [to death]": one group
        group = _read_anchor(masked, m)
        if group is not None:
            groups.append(group)
    stated = _STATED_TOTAL.search(sentence)
    if stated:  # "(total of 5 fatalities)", "a total of 9 people were killed": the total
        qm = QUANTITY.match(stated.group("q"))
        q = quantity(qm, MAX_DEATHS) if qm else None
        if q is not None:
            groups = [_Group(stated.start(), stated.end(), q, "total")]
    counted = _combine(groups, masked)
    if counted is None:
        return _casualties_only(sentence) if not groups else None
    kept, role = counted
    text = "; ".join(sentence[g.start : g.end].strip() for g in kept)
    if len(kept) == 1:
        q = kept[0].count
        cas = Casualties(q.low, q.best, q.high, q.fatalities, text, q.rule)
    else:
        cas = Casualties(
            _sum([g.count.low for g in kept]),
            _sum([g.count.best for g in kept]),
            _sum([g.count.high for g in kept]),
            sum(g.count.fatalities for g in kept),
            text,
            "sum of the figures of "
            + " and ".join(f"'{sentence[g.start : g.end].strip()}'" for g in kept),
        )
    if role == "new" and _TOTAL.search(sentence):
        role = "total"
    return Toll(cas, role)


_STATED_TOTAL = re.compile(
    rf"\b(?:a\s+)?total\s+(?:of\s+)?(?P<q>{_Q})\s+(?:\w+\s+){{0,2}}?"
    r"(?:fatalit(?:y|ies)|deaths|dead|killed|people\s+(?:were\s+)?killed)\b",
    re.IGNORECASE,
)


def _casualties_only(sentence: str) -> Toll | None:
    if _CASUALTIES_ONLY.search(sentence):
        return Toll(
            Casualties(
                None,
                None,
                None,
                0,
                "casualties",
                "'casualties' alone mixes dead and wounded: 0 (ACLED)",
            )
        )
    return None


def _mask(sentence: str) -> str:
    """``sentence`` with dates, times and parentheses blanked (same length)."""
    masked = sentence
    if _DATE_MASK.could_match(masked):
        masked = _DATE_MASK.pattern.sub(lambda m: " " * len(m.group()), masked)
    if "(" in masked or "[" in masked:
        masked = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", lambda m: " " * len(m.group()), masked)
    return masked


def _read_anchor(text: str, m: re.Match[str]) -> _Group | None:
    """The victims one death word reports, or None."""
    kind = m.lastgroup or ""
    before = text[: m.start()]
    if _NEGATED.search(before[-40:]) or _MIXED.match(text, m.end()):
        return None
    if _NATURAL_AFTER.match(text, m.end()) or _NATURAL_BEFORE.search(before[-80:]):
        return None  # "died of alcohol poisoning", "floods killed 77": no conflict toll
    if _GRIEVANCE.search(before[-40:]) and re.match(
        r"(?:the\s+)?(?:deaths?|killings?|murders?)\s+of", m.group(), re.I
    ):
        return None  # "protested over the killing of a student": an earlier death
    if kind == "active":
        group = _victims_after(text, m.start(), m.end())
        if group is None and re.match(r"(?:the\s+)?(?:bod|corpse|remains)", m.group(), re.I):
            # "Five corpses of suspected militants were found": the count before
            return _victims_before(text, m.start(), m.end(), "nominal")
        return group
    if kind == "listing":  # the victims told one by one: the toll told again, or the only one
        group = _victims_after(text, m.start(), m.end(), listing=True)
        return None if group is None else dataclasses.replace(group, role="the")
    if kind == "body":  # "his body was found": one death (told again after a killing)
        return _Group(m.start(), m.end(), Quantity(1, 1, 1, m.group(), "one person"), "the")
    if kind == "intrans" and m.group().lower() == "dead" and _ADJECTIVE_DEAD.match(text, m.end()):
        # "three dead women were found": bodies; "his dead father": no count
        found = _DEAD_FOUND.match(text, m.end())
        if not found:
            return None
        return _victims_before(text, m.start(), m.end(), kind)
    if kind == "either" and re.match(r"\s+to\s+death\b", text[m.end() :], re.I):
        return None  # "lynched to death an elderly man": read from "to death"
    if kind == "either":
        # "were killed": passive. "killed two": active. "killed and beheaded a man": active.
        # (case-sensitive: "IS executed" is the Islamic State, not "is executed")
        if re.search(rf"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:{_AUX}\s+)*$", before):
            return _victims_before(text, m.start(), m.end(), kind)
        both = _COORDINATED_PASSIVE.search(before)
        if both:  # "was abducted and killed": the victims before "was"
            return _victims_before(text, both.start(), m.end(), kind)
        after = re.match(r"\s+and\s+(?:then\s+)?\w+(?:ed|t)\b", text[m.end() :], re.I)
        pos = m.end() + (after.end() if after else 0)
        active = _victims_after(text, m.start(), pos)
        if active is not None:
            return active
        if after:  # "killed and beheaded" someone not counted
            return None
        # "Six-year-old boy killed in raid": a headline's passive. "killed 21 civilians"
        # that could not be read: an object follows, so the words before are the killers.
        if _OBJECT_START.match(text, pos) and not _OBJECT_END.match(text, pos + 1):
            return None
        return _victims_before(text, m.start(), m.end(), kind)
    if kind == "to_death":
        # "was beaten to death": passive; "hacked 38 people to death": the object.
        passive = re.search(
            rf"\b(?:was|were|is|are|been|being|got)\s+(?:{_AUX}\s+)*[\w-]+(?:ed|en|t)\s+$",
            before,
            re.I,
        )
        if passive:
            return _victims_before(text, passive.start(), m.end(), kind)
        both = _COORDINATED_PASSIVE.search(before)
        if both:  # "was abducted by three men and stabbed to death"
            return _victims_before(text, both.start(), m.end(), kind)
        if _OBJECT_START.match(text, m.end()):  # "a mob stoned to death a police officer"
            return _victims_after(text, m.start(), m.end())
        return _victims_before(text, m.start(), m.end(), kind)
    if kind == "intrans":
        both = _COORDINATED_PASSIVE.search(before)
        if both:  # "was shot in the forehead and died": the victims before "was"
            return _victims_before(text, both.start(), m.end(), kind)
    return _victims_before(text, m.start(), m.end(), kind)


def _victims_after(text: str, start: int, pos: int, *, listing: bool = False) -> _Group | None:
    """The object of an active death word: "killing [two soldiers and a civilian]"."""
    end_m = (_LIST_END if listing else _OBJECT_END).search(text, pos)
    seg_end = end_m.start() if end_m else len(text)
    seg = _strip_asides(_protect_ranges(text[pos:seg_end]))
    if not seg.strip() or re.match(r"\s*(?:,|and\b|or\b)", seg):
        return None  # "1 killed, 7 injured", "killed and two wounded": no object
    # "eight men accused of spying": what follows the victims describes them
    for post in _POST_MODIFIER.finditer(seg):
        word = seg[: post.start()].split()[-1].lower()
        if not (QUANTITY.fullmatch(word) or word in _DETERMINERS):  # "two suspected rebels"
            seg = seg[: post.start()]
            break
    items = _split_items(seg)
    # "killing 57 people, many of them children", "killed 47, the ministry said": a
    # list ends with "and"; items after its last "and" that only a comma joins are
    # no victims of their own.
    joined = [i for i, (_, _, _, sep) in enumerate(items) if sep == "and"]
    items = items[: (joined[-1] + 1) if joined else 1]
    total: list[Quantity] = []
    last_end = pos
    previous: Quantity | None = None
    for piece, _a, b, sep in items:
        q = _item(piece, forward=True)
        if not isinstance(q, Quantity):
            break
        if sep == "," and previous is not None and _appositive(previous, q):
            previous = q  # "the governor, Jaafar Saad,": one person named twice
            last_end = pos + b
            continue
        total.append(q)
        previous = q
        last_end = pos + b
    if not total:
        return None
    more = _ALONG_WITH.match(text, seg_end)
    if more:  # "killed X near Y, along with eight others"
        qm = QUANTITY.match(more.group("q"))
        extra = quantity(qm, MAX_DEATHS) if qm else None
        if extra is not None:
            total.append(extra)
            last_end = more.end()
    count = _add(total)
    anchor = text[start:pos].lower()
    if _RUNNING.search(text, max(0, start - 40), start):
        role = "running"  # "bringing the death toll to 40"
    elif "toll" in anchor or anchor.rstrip().endswith(":"):
        role = "total"  # "the death toll rose to 9", "fatalities: 4"
    elif re.search(r"\bof\s*$", anchor) and re.match(r"\s*(?:the|his|her|their)\s", text[pos:]):
        role = "the"  # "the killing of the farmer", "the death of the latter": told before
    elif any(q.rule.startswith("more:") for q in total):
        role = "more"
    else:
        role = "new"
    return _Group(start, last_end, count, role)


def _victims_before(text: str, start: int, end: int, kind: str) -> _Group | None:
    """The victims before a passive, intransitive or nominal death word."""
    head = text[:start]
    clause = 0
    for m in _SUBJECT_START.finditer(head):
        clause = m.end()
    # Drop the auxiliaries: "two men [were later] killed"; "who" points back.
    trail = re.search(rf"(?:\s+(?:{_AUX}|who|which|that))*\s*$", head[clause:], re.I)
    seg_end = clause + (trail.start() if trail else len(head) - clause)
    singular = bool(re.search(r"\b(?:was|is|has)\b", text[seg_end:end], re.I))
    seg = _strip_asides(_protect_ranges(head[clause:seg_end]))
    subset = re.search(r"\s+(?:including|among them|among whom|of whom)\s", seg, re.IGNORECASE)
    if subset and QUANTITY.search(seg, 0, subset.start()):
        # "five policemen including one officer and four guards were killed": five
        seg = seg[: subset.start()] + " " * (len(seg) - subset.start())
    # "A gangster, who has been involved in robberies and killings, is killed"
    seg = re.sub(r",\s*(?:who|which|whose)\b[^,]*,", lambda m: " " * len(m.group()), seg)
    items = _split_items(seg)
    if not items:
        return None
    rev = list(reversed(items))
    total: list[Quantity] = []
    first_at = None
    listed = False  # an "and" was crossed: "A, B and C" goes on over its commas
    for i, (piece, a, _b, sep) in enumerate(rev):
        left_piece = rev[i + 1][0] if i + 1 < len(rev) else ""
        q = _item(
            piece,
            forward=False,
            singular=singular and i == 0,
            alone=len(rev) == 1,
            modifiers=kind == "nominal",
        )
        shared = q is None and sep == "and" and bool(_BARE_PLURAL.fullmatch(piece))
        if q is None and i == 0 and not shared:
            # "Police said the five men": the victims end the clause's first phrase.
            cue = _LIST_CUE.search(piece)
            if cue:  # "the clashes led to another death"
                q = _item(
                    piece[cue.end() :], forward=False, alone=True, modifiers=kind == "nominal"
                )
                cut = cue.end()
            if not isinstance(q, Quantity):
                q, cut = _item_suffix(piece, singular)
            if not isinstance(q, Quantity):
                # "A prisoner released on pardon is lynched": the subject's head first
                q, cut = _item_prefix(piece, singular), 0
            if q is not None:
                total.append(q)
                first_at = clause + a + cut
            break
        if q is None and not shared:
            # "resulting in 25 fighters and 6 soldiers' deaths": the list's left edge
            cue = _LIST_CUE.search(piece)
            if cue:
                q = _item(piece[cue.end() :], forward=False, modifiers=kind == "nominal")
                if isinstance(q, Quantity):
                    total.append(q)
                    first_at = clause + a + cue.end()
            break  # (a bare plural shares the count before it: "25 soldiers and policemen")
        if isinstance(q, Quantity):
            if kind == "nominal" and i == 0 and q.rule in _ONE_PERSON:
                return None  # "the fatality", "Ahmed's death": no count of its own
            if q.rule == "a named person" and _PLACE_CHAIN.match(left_piece):
                break  # "in Santarem, Para, a man": a place, not a victim
            total.append(q)
        first_at = clause + a
        if sep == "":
            break
        if sep == ",":
            left = _item(left_piece, forward=False)
            far = rev[i + 2][0] if i + 2 < len(rev) else ""
            if (
                isinstance(q, Quantity)
                and isinstance(left, Quantity)
                and q.rule == "one person"
                and _description(piece)
                and (left.rule == "a named person" or _DEFINITE.match(left_piece))
                and not _PLACE_CHAIN.match(far)
            ):
                total.pop()  # "his companion, a gang leader,": one person told twice
                continue
            if not (listed or q == "aside"):
                break  # "in the town, a man was killed": the comma ends the victims
        else:
            listed = True
    if singular and len(total) > 1 and all(t.rule in _ONE_PERSON for t in total):
        # "a drug and kidnapping suspect was killed": one
        total = [Quantity(1, 1, 1, " ".join(t.text for t in reversed(total)), "one person")]
    if not total or first_at is None:
        return None
    count = _add(total)
    phrase_start = first_at
    left = _LEFT_BEFORE.search(text, 0, first_at)
    if left and kind == "intrans":
        phrase_start = left.start()  # "left 15 fighters dead"
    piece_text = text[first_at:start].strip().lower()
    if any(q.rule.startswith("more:") for q in total) or _ALSO.search(text, first_at, end + 12):
        role = "more"  # "Three civilians were also killed", "another soldier died"
    elif piece_text.startswith(("the ", "these ", "those ", "both ", "all ")):
        role = "the"
    elif count.fatalities == 0 and count.best == 0:
        role = "zero"
    elif _RUNNING.search(text, 0, first_at):
        role = "running"
    else:
        role = "new"
    more = _ALONG_WITH_AFTER.match(text, end)
    if more:  # "Ndungu was killed by gunmen along with another man", "... alongside his wife"
        extra = _victims_after(text, more.start("item"), more.start("item"))
        if extra is not None:
            count = _add([count, extra.count])
            end = extra.end
    return _Group(phrase_start, end, count, role, kind == "nominal")


# A subset or a description set off by commas: ", including 8 children,", ", mostly women".
_ASIDE = re.compile(
    r",\s*(?:including|among (?:them|whom)|amongst them|mostly|mainly|largely|chiefly|"
    r"(?:most|many|all|some|several|half|the majority|two|three|four|five) of (?:them|whom))\b"
    r"[^,;]*?(?=,|$)",
    re.IGNORECASE,
)
# An age after a name: "Ahmed Ali, 35, and his son Omar, 10,".
_AGE_AFTER_NAME = re.compile(r"(?<=[A-Za-z])(?P<age>,\s*\d{1,2})(?=\s*(?:,|and\b))")


def _strip_asides(seg: str) -> str:
    """``seg`` with subsets, descriptions and ages set off by commas blanked."""
    if "," not in seg:
        return seg
    seg = _ASIDE.sub(lambda m: " " * len(m.group()), seg)
    return _AGE_AFTER_NAME.sub(_blank_age, seg)


def _blank_age(m: re.Match[str]) -> str:
    """Blank ", 35" after a capitalised name; keep a count after other words."""
    word = re.search(r"(\w+)\W*$", m.string[: m.start()])
    return " " * len(m.group()) if word and word.group(1)[:1].isupper() else m.group()


def _protect_ranges(seg: str) -> str:
    """'between 10 and 15' must not be split at 'and' (same length kept)."""
    return re.sub(
        rf"\b(between\s+{_Q})\s+and\s+(?={_Q})",
        lambda m: m.group(1) + " to  ",
        seg,
        flags=re.IGNORECASE,
    )


def _split_items(seg: str) -> list[tuple[str, int, int, str]]:
    """``seg`` cut at commas and "and": (item, start, end, separator before it)
    in order; the separator is "" for the first, "," for a bare comma, else "and"."""
    items = []
    pos, sep = 0, ""
    for m in _SEPARATOR.finditer(seg):
        items.append((seg[pos : m.start()], pos, sep))
        pos = m.end()
        sep = "," if m.group().strip() == "," else "and"
    items.append((seg[pos:], pos, sep))
    out = []
    for piece, a, sep in items:
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if piece.strip():
            out.append((piece.strip(), a + lead, a + trail, sep))
    return out


_ONE_PERSON = ("one person", "a named person", "more: one more person")
_DEFINITE = re.compile(r"^(?:the|his|her|their|its)\s", re.IGNORECASE)
# A place before the victims: "in Santarem, Para, a man was killed".
_PLACE_CHAIN = re.compile(r"^(?:in|at|near|from|of|on|outside|inside|around|to)\s", re.IGNORECASE)


def _description(piece: str) -> bool:
    """ "a suspected gang leader": a description of someone named before it."""
    return piece.lower().startswith(("a ", "an "))


def _appositive(previous: Quantity, q: Quantity) -> bool:
    """A person named after a description of one, or the reverse ("the governor,
    Jaafar Saad", "Ahmed Ali, a teacher"): one person."""
    one = ("one person", "a named person")
    if previous.rule not in one or q.rule not in one:
        return False
    if previous.rule == "a named person" and q.rule == "one person":
        return q.text.lower().startswith(("a ", "an ", "the "))  # not "his wife"
    # "the governor of Aden, Jaafar Saad": a description, then the name (not "his son Omar, Ali")
    described = re.match(r"(?:a|an|the)\s+(?:[a-z][\w'’-]*\s*)+(?:of\b.*)?$", previous.text)
    return previous.rule == "one person" and q.rule == "a named person" and bool(described)


def _item_prefix(piece: str, singular: bool) -> Quantity | None:
    """The victims' phrase that opens ``piece``, before what describes them ("A
    prisoner [released on pardon]", "A chief [who went missing]")."""
    cut = _POST_NOUN.search(piece)
    if cut is None or cut.start() == 0:
        return None
    q = _item(piece[: cut.start()], forward=False, singular=singular, alone=True)
    return q if isinstance(q, Quantity) else None


def _item_suffix(piece: str, singular: bool) -> tuple[Quantity | None, int]:
    """The longest tail of ``piece`` that is a victims' phrase, and where it starts."""
    words = list(_WORD.finditer(piece))
    for before, w in itertools.pairwise(words):
        q = _item(piece[w.start() :], forward=False, singular=singular, alone=True)
        if isinstance(q, Quantity):
            if before.group().lower() in _PREPOSITIONS and q.rule in _ONE_PERSON:
                continue  # "airstrikes in Helmand", "refuge in a church": no victim
            return q, w.start()
    return None, 0


def _item(
    piece: str,
    *,
    forward: bool,
    singular: bool = False,
    alone: bool = False,
    modifiers: bool = False,
) -> Quantity | str | None:
    """The number of people one item of a victims' list counts; "aside" for
    "most of them gunmen"; None when the item is no victims' phrase.
    ``modifiers``: the item's words qualify a noun after it ("6 military
    [fatalities]"), so its last word is no head noun."""
    text = re.sub(r"\s+", " ", piece.strip(" ,"))
    if not text:
        return None
    low = text.lower()
    aside = re.match(
        r"^(?:(?:most|many|all|some|several|none|half|[a-z]+) of (?:them|whom)|"
        r"(?:among|amongst) (?:which|whom|them)|including)\b",
        low,
    )
    if aside and not forward and not alone:
        return "aside"  # "Nine Palestinians, most of them gunmen, were killed"
    if low in _PRONOUNS:
        return Quantity(1, 1, 1, text, "one person") if forward else None
    fam = _FAMILY_OF.match(text)
    if fam:
        n = parse_number(fam.group(1))
        return Quantity(n, n, n, text, "a family of that many") if n else None
    text = _AGE.sub("AGE", text)
    qm = QUANTITY.match(text)
    if qm and qm.end() > 0 and (qm.group("num") or "").lower() in ("a", "an"):
        qm = None
    rest = text[qm.end() :].strip() if qm else text
    if qm:  # "1 of whom", "16 of them": the count itself
        rest = re.sub(
            r"^of (?:them|whom|those(?: \w+){1,2}|the(?: \w+){0,2} (?:arrested|abducted|"
            r"kidnapped|detained|injured|wounded|hostages|captives))$",
            "",
            rest,
            flags=re.IGNORECASE,
        ).strip()  # "three of those arrested": three
    words = [w.group() for w in _WORD.finditer(rest)]
    if len(words) > 9 or (not words and not qm):
        return None
    lowered = [w.lower().strip(".") for w in words]
    if any(w in _NOT_IN_VICTIMS for w in lowered[1:]) or (
        lowered and lowered[0] in _NOT_IN_VICTIMS - {"no"}
    ):
        return None
    # the head noun: "resident" in "1 resident of the village"
    head = (lowered[: lowered.index("of")] if "of" in lowered[1:] else lowered)[-1:] or [""]
    head = head[0]
    if (head in _NOT_PEOPLE and not modifiers) or (
        modifiers and any(w in _NOT_PEOPLE for w in lowered[:-1])
    ):
        return None  # "100 camels", "2 days of violence [fatalities]"
    if qm:
        q = quantity(qm, MAX_DEATHS)
        if q is None:
            return None
        if rest.lower().startswith(("more", "others", "other")):
            return dataclasses_replace(q, f"more: {q.rule}")
        if (qm.group("qual") or "").lower() in ("another", "a further"):
            return dataclasses_replace(q, f"more: {q.rule}")
        return q
    if lowered[0] == "both":
        return Quantity(2, 2, 2, text, "'both': two")
    det = _DETERMINERS.get(lowered[0])
    if det is not None and len(words) > 1:
        after_det = QUANTITY.match(rest, _WORD.search(rest, len(words[0])).start())  # type: ignore[union-attr]
        if after_det and (after_det.group("num") or "").lower() not in ("a", "an", "one"):
            q = quantity(after_det, MAX_DEATHS)  # "their three children", "the five men"
            return dataclasses_replace(q, f"more: {q.rule}") if q and det == "more" else q
    own = lowered[1 : lowered.index("of")] if "of" in lowered[1:] else lowered[1:]
    if det is not None and any(QUANTITY.fullmatch(w) or w in _DETERMINERS for w in own):
        return None  # "the source reports six", "the area claim the officer": no one phrase
    if det is not None or lowered[0] == "age":
        body = lowered[1:] if det is not None else lowered
        if not body and det in ("a", "more") and not forward:
            # "another death", "a fatality": one
            return Quantity(
                1, 1, 1, text, "more: one more person" if det == "more" else "one person"
            )
        if not body or (body == ["age"]):
            return None
        if len(body) > 1 and body[0] in _ORDINALS:
            return Quantity(1, 1, 1, text, "more: one more person")
        if head.endswith("s") and not head.endswith(("ss", "us", "'s", "’s")) and head != "age":
            return None  # "the victims": how many is not said
        if det == "a" and head in ("couple", "pair"):
            return Quantity(2, 2, 2, text, "a couple: two")
        rule = "more: one more person" if det == "more" else "one person"
        if det == "the" and forward is False and not singular and len(body) == 1 and head != "age":
            rule = "one person"
        return Quantity(1, 1, 1, text, rule)
    if _is_name(words):
        return Quantity(1, 1, 1, text, "a named person")
    # "journalist Shireen Abu Akleh": a title, then the name
    lead = 0
    while lead < len(words) and words[lead][:1].islower() and lead < 3:
        lead += 1
    if 0 < lead < len(words) and _is_name(words[lead:]):
        return Quantity(1, 1, 1, text, "a named person")
    if singular and len(words) <= 4 and not head.endswith("s"):
        return Quantity(1, 1, 1, text, "one person")
    if forward and len(words) <= 2 and head in _BARE_PERSON:
        return Quantity(1, 1, 1, text, "one person")  # a headline's "mob lynches man"
    return None


def _is_name(words: list[str]) -> bool:
    """Capitalised words a person's name could be ("Ahmed al-Ali")."""
    if not 1 <= len(words) <= 5:
        return False
    if not all(
        w[:1].isupper() or w.lower() in _NAME_LINK or w.lower().split("-")[0] in _NAME_LINK
        for w in words
    ):
        return False
    if not words[0][:1].isupper() or words[-1].isupper():
        return False  # "al" alone, or an acronym ("SDF")
    last = words[-1].lower()
    if len(words) == 1 and (last in _NOT_NAMES or last in _NOT_IN_VICTIMS):
        return False
    return not (len(words) == 1 and last.endswith("s"))


def dataclasses_replace(q: Quantity, rule: str) -> Quantity:
    return Quantity(q.low, q.best, q.high, q.text, rule, q.acled, q.implausible)


def _add(parts: list[Quantity]) -> Quantity:
    if len(parts) == 1:
        return parts[0]
    dropped = [p for p in parts if p.implausible]
    if dropped:
        return dropped[0]
    more = any(p.rule.startswith("more:") for p in parts)
    return Quantity(
        _sum([p.low for p in parts]),
        _sum([p.best for p in parts]),
        _sum([p.high for p in parts]),
        " + ".join(p.text for p in parts),
        ("more: " if more else "") + "sum of a side breakdown",
        sum(p.fatalities for p in parts),
    )


# Deaths of an earlier event told beside this one's.
_PRIOR = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?|months?|years?)"
    r"\s+(?:after|since|before|earlier|ago)|(?:last|previous)\s+(?:week|month|year)|"
    r"earlier\s+(?:this|last)\s+(?:week|month|year)|in\s+(?:an?|the)\s+(?:earlier|previous|"
    r"separate|similar)\s+(?:attack|incident|raid|clash|clashes|strike))\b",
    re.IGNORECASE,
)


def _combine(groups: list[_Group], text: str) -> tuple[list[_Group], str] | None:
    """The groups a sentence's toll adds up, and the toll's role."""
    live = [g for g in groups if g.role != "zero"]
    if not live:
        return None
    dropped = [g for g in live if g.count.implausible]
    if dropped:
        return [dropped[0]], "new"
    # "killed three on Monday, a week after five soldiers were killed": an earlier event's
    # deaths are not this one's (kept only when the sentence tells of nothing else)
    prior = [_PRIOR.search(text, max(0, g.start - 50), g.end) is not None for g in live]
    if any(prior) and not all(prior):
        live = [g for g, p in zip(live, prior, strict=True) if not p]
    first = live[0]
    kept = [first]
    for g in live[1:]:
        between = text[kept[-1].end : g.start]
        if g.role in ("the", "running") or _SUBSET.search(between):
            continue
        if re.search(r"\b(?:of them|of whom|among them)\b", text[g.start : g.end], re.I):
            continue  # "killed 8 people, 4 of them on the 9th": part of the 8
        if g.nominal and g.count.fatalities == sum(k.count.fatalities for k in kept):
            continue  # "two rebels and a soldier were killed, 2 rebel and 1 army fatality"
        kept.append(g)
    if first.role == "running" and len(live) > 1:
        kept = [g for g in live if g.role != "running"][:1] or kept
    totals = [g for g in live if g.role == "total"]
    if totals:
        return totals[:1], "total"  # "FATALITIES: 2": the note's own figure
    if first.role == "the":
        return kept, "again"  # "the five were ...": a toll told before
    return kept, ("more" if all(g.role == "more" for g in kept) else "new")


# A sentence that only states a toll ("4 fatalities.") or calls it a total.
_TOTAL = re.compile(
    rf"^\W*(?:(?:a\s+)?total\s+of\s+)?(?:{_Q})\s+(?:\w+\s+)?(?:fatalit(?:y|ies)|deaths?|dead)"
    r"(?:\s+(?:in\s+total|reported|recorded|overall|in\s+all|altogether|confirmed))?\W*$"
    r"|\b(?:in\s+total|in\s+all|altogether|a\s+total\s+of)\b",
    re.IGNORECASE,
)

# Tolls told day by day: "killing 3 on 9 May and 5 on 10 May", "four were killed on the 9th".
_ON_DAY = rf"\s+(?:(?:were\s+)?coded\s+)?(?:on|for)\s+(?:the\s+)?(?:{_MONTH_NAMES}\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:,|and|to|-|–|or)\s*[0-3]?\d\b)(?:\s+{_MONTH_NAMES}(?![a-z])(?:,?\s+(?:19|20)\d\d)?)?"
_PER_DAY = re.compile(
    rf"(?P<q>{_Q})\s+(?:[\w-]+\s+){{0,3}}?(?:(?:were|was)\s+)?(?:killed|dead|died|deaths|"
    rf"fatalit(?:y|ies)){_ON_DAY}"
    rf"|\b(?:killed|killing|kills)\s+(?P<q2>{_Q})(?:\s+(?!on\b|for\b)[\w-]+){{0,2}}?{_ON_DAY.replace('day>', 'day2>')}"
    rf"|(?P<q3>{_Q})\s+of\s+(?:them|whom)(?:\s+(?:were|was))?(?:\s+(?:killed|dead|died))?"
    rf"{_ON_DAY.replace('day>', 'day3>')}",
    re.IGNORECASE,
)
# "... on 9 May, and 5 on 10 May", "... and 9 coded for July 7": the next day's toll
_AND_DAY = re.compile(
    rf"\s*,?\s*(?:and|while|with|then)\s+(?P<q>{_Q})(?:\s+(?!on\b|for\b|coded\b)[\w-]+){{0,2}}?"
    rf"(?:\s+(?:were|was)\s+(?:killed|dead))?{_ON_DAY}",
    re.IGNORECASE,
)


def tolls_by_day(text: str) -> dict[int, tuple[int, str]]:
    """Deaths a text gives for single days of the month, by day.

    >>> tolls_by_day("Clashes killed 3 on 9 May and 5 on 10 May.")
    {9: (3, 'killed 3 on 9 May'), 10: (5, 'and 5 on 10 May')}
    >>> tolls_by_day("Four were killed on the 9th and two died on the 10th.")
    {9: (4, 'Four were killed on the 9th'), 10: (2, 'and two died on the 10th')}
    """
    out: dict[int, tuple[int, str]] = {}
    pos = 0
    while True:
        m = _PER_DAY.search(text, pos)
        if m is None:
            return out
        pos = m.end()
        found = [
            (
                m.group("q") or m.group("q2") or m.group("q3"),
                m.group("day") or m.group("day2") or m.group("day3"),
                m.group(),
            )
        ]
        while (more := _AND_DAY.match(text, pos)) is not None:
            found.append((more.group("q"), more.group("day"), more.group().strip(" ,.")))
            pos = more.end()
        for q_text, day, phrase in found:
            qm = QUANTITY.match(q_text)
            q = quantity(qm, MAX_DEATHS) if qm else None
            if q is not None and not q.implausible and q.best is not None:
                out.setdefault(int(day), (q.fatalities, phrase))


# ----------------------------------------------------------------------- displaced, places


@dataclass(frozen=True, slots=True)
class Displaced:
    """A displacement figure with its unit ("2,000 families", "thousands of people")."""

    value: int | None  # None when the figure was dropped as implausible
    unit: str  # "people", "families" or "households"
    text: str
    rule: str


_FAMILY_UNITS = {"families": "families", "households": "households"}


def displaced_figure(sentence: str) -> Displaced | None:
    """The displacement figure of ``sentence``, with its unit.

    >>> d = displaced_figure("About 600 families fled to Atmeh.")
    >>> d.value, d.unit, d.text
    (600, 'families', 'About 600 families')
    """
    for m in _DISPLACED.finditer(sentence):
        qm = QUANTITY.match(m.group("q"))
        q = quantity(qm) if qm else None
        if q is None:
            continue
        unit = _FAMILY_UNITS.get(m.group("unit").lower(), "people")
        if q.implausible:
            return Displaced(None, unit, m.group().strip(), q.rule)
        if (q.best or q.high) is None:
            continue
        value = q.low if q.low is not None else q.best
        return Displaced(value, unit, m.group().strip(), q.rule)
    return None


def find_displaced(sentence: str) -> tuple[int | None, str | None]:
    """The number of displaced people (or families, households) in ``sentence``
    and its phrase; see :func:`displaced_figure` for the unit.

    >>> find_displaced("Opposition sources said thousands of Alawites fled their homes.")
    (1000, 'thousands of Alawites')
    """
    d = displaced_figure(sentence)
    return (d.value, d.text) if d and d.value is not None else (None, None)


def find_territory(sentence: str) -> str | None:
    """The places taken, as the text counts them ("at least 11 villages").

    >>> find_territory("The rebels have seized at least 11 villages in early August.")
    'at least 11 villages'
    """
    m = _TERRITORY.search(sentence)
    return m.group().strip() if m else None


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)
