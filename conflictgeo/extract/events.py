"""Events: one per trigger kind per sentence, with date, figures, actors and place.

For each sentence after the headline, triggers give candidate kinds; actors
and victims around a trigger type the generic ones ("attacked" by an air force
is an air strike; "seized" by government forces is a government regain); ACLED
precedence rules drop the redundant ones. The event takes the sentence's date
(or the last one stated earlier in the paragraph, or the publication week),
its figures, and the place its clause attaches to. Sentences that report the
same event close together (same kind, compatible date and place) are merged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from conflictgeo.extract.actors import Actor, actor_country, find_actors
from conflictgeo.extract.dates import (
    DateMention,
    DroppedDate,
    campaign_days,
    relative_day,
    scan_dates,
)
from conflictgeo.extract.kinds import KINDS, Trigger, find_triggers
from conflictgeo.extract.numbers import (
    Displaced,
    Toll,
    death_toll,
    displaced_figure,
    find_territory,
    tolls_by_day,
)
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.gazetteer.names import name_key
from conflictgeo.geoparse.distance import haversine_km
from conflictgeo.model import Casualties, DateRange, Document, Event, Located, Mention, Place
from conflictgeo.text import Sentence, split_sentences

EXTRACTOR_VERSION = "rules-1"
MERGE_WINDOW = 2  # sentences apart that may still describe one event

_NEAR = re.compile(
    r"\b(?:near|outside|around|close to|on the outskirts of|outskirts of|on the edges? of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of|suburbs? of|"
    r"\d+\s*(?:km|kilometres|kilometers|miles) (?:from|of))\s+"
    # "near the parliament in Kabul" is in Kabul: no "in" / "at" between
    r"(?:the\s+)?(?:(?!(?:in|at|inside|of)\b)\w+\s+){0,3}$",
    re.IGNORECASE,
)
_AT = re.compile(
    r"\b(?:in|on|at|into|to|from|toward|towards|of|across|inside|within)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_ARMED_SUBJECT = re.compile(
    r"\b(?:units|forces|troops|soldiers|fighters|militants|rebels|army|militias|gunmen|"
    r"militiamen|insurgents)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_TERRITORY_OBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,6}?(?:villages?|towns?|city|cities|base|bases|checkpoints?|positions?|"
    r"areas?|district|neighbou?rhoods?|hills?|airport|border crossing|territory|control|"
    r"palace|camps?|headquarters|compound|barracks|port|air ?base|refinery|dam|crossing|"
    r"posts?|garrison|outposts?)\b",
    re.IGNORECASE,
)
_CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|residents|villagers|children|women|families|farmers|shepherds|workers|"
    r"passengers|worshippers|journalists|activists|protesters|migrants|students|settlers|"
    r"fans|patrons|customers|shoppers|pilgrims|teachers|doctors|aid workers|man|men|woman|"
    r"boys?|girls?|teenagers?|youths?|elderly|infants?|bab(?:y|ies)|minors?|child)\b",
    re.IGNORECASE,
)
# Territory that changed hands with no fighting reported is a transfer (ACLED):
# "took control of Jarabulus after IS withdrew without a fight". Said outright
# (_NO_FIGHT_WORDS, below) it is a transfer whatever else the text says; these
# cues (a withdrawal, a deal) make one only when no fighting or death is reported.
_NO_FIGHT = re.compile(
    r"\b(?:withdr(?:ew|awn|awal)|pulled out|retreated|melted away|abandoned|"
    r"(?:forces|troops|soldiers|army|police|defenders|officials) (?:had )?fled|"
    r"under an? (?:\w+ ){0,3}?(?:deal|agreement)|bussed|evacuat(?:ed|ion))\b",
    re.IGNORECASE,
)
_FIGHT = re.compile(
    r"\b(?:fight(?:ing|s)?|fought|clash(?:es|ed)?|battles?|offensive|assault|heavy resistance|"
    r"overr?an|overrun|stormed)\b",
    re.IGNORECASE,
)
_NO_FIGHT_WORDS = re.compile(
    r"without (?:a |any )?(?:fight|fighting|battle|resistance|a shot)|unopposed", re.IGNORECASE
)
# Violence that makes a protest a riot (ACLED Riots / Violent demonstration).
_RIOT = re.compile(
    r"\b(?:riot(?:s|ed|ing|ers)?|stormed|torched|set fire|burn(?:ed|t|ing)|threw (?:stones|rocks)|"
    r"looted|ransacked|clash(?:ed|es) with (?:police|security)|violent)\b",
    re.IGNORECASE,
)
# "a camp for displaced people": victims described, not a displacement event.
_DISPLACED_ADJ = re.compile(
    r"\s+(?:people|persons|families|civilians|Syrians|Iraqis|Palestinians)\b", re.IGNORECASE
)
# The object of an attack that makes it a battle, not violence against civilians.
_MILITARY_TARGET = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:base|checkpoints?|posts?|positions?|convoy|patrols?|barracks|"
    r"headquarters|garrison|outposts?|soldiers|troops|forces|army|police (?:station|post))\b",
    re.IGNORECASE,
)
# A facility named by a place-like word ("the Reina nightclub", "al-Sinak bridge").
_FACILITY_AFTER = re.compile(
    r"\s+(?:nightclub|hotel|hospital|mosque|church|school|stadium|market|restaurant|cafe|"
    r"bridge|square|prison|compound|building|tower|station|street|road|roundabout|"
    r"gate|hall|university)\b",
    re.IGNORECASE,
)
# "the Karrada district of Baghdad": the city the district is in.
_PART_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|quarter|suburb|area|camp|sector) of\s+(?:the\s+)?",
    re.IGNORECASE,
)
_BATTLES = ("armed_clash", "territory_taken_nonstate", "territory_regained_gov")
_AIR_SUPPORT = re.compile(
    r"\b(?:backed|supported|covered|aided|assisted|accompanied) by\b|\bunder (?:the )?cover of\b|"
    r"\bwith (?:the )?(?:help|support|backing|cover) of\b|\bamid\b|\bair (?:support|cover)\b",
    re.IGNORECASE,
)
_SEQUENCE = re.compile(r"\b(?:followed by|then|later|afterwards|after which)\b", re.IGNORECASE)
# Where displaced people came from and went: "fled Kessab for Latakia".
_ORIGIN = re.compile(
    r"\b(?:fled|flee(?:ing)?|from|left|out of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
_DESTINATION = re.compile(
    r"\b(?:to|towards?|into|for|in|reached|arrived in|sought refuge in|took refuge in)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
# Where a subordinate or new clause starts: its actors are not the trigger's subject.
_CLAUSE_START = re.compile(
    r";|,\s+(?:and|but|while)\b|\b(?:after|as|when|while|before|since|until)\b", re.IGNORECASE
)
# Reported speech: the event stays, with who said it ("..., the Observatory said").
_SPEECH_SOURCE = re.compile(
    r"\baccording to (?P<a>(?:the |a )?[\w'’ -]{2,60}?)(?=[,.;]|$| on | in )"
    r"|,\s*(?P<b>(?:the |a |an )?[\w'’ -]{2,60}?) (?:said|says|reported|claimed|announced|"
    r"told \w+)\b"
    r"|\b(?:said|says|reported|claimed) (?P<c>(?:the |a )?[A-Z][\w'’ -]{2,60}?)(?=[,.;]|$)",
)
_SPEECH_DATE = re.compile(
    r"\b(?:said|says|announced|declared|reported|told \w+|stated|confirmed|claimed|added)"
    r"(?:\s+\w+){0,2}?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# Words between a trigger and its object place: "bombed Salma", "overran the town of".
_OBJECT_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:the\s+)?", re.IGNORECASE)
# A place name followed by one of these names a group, not a venue ("Zintan brigades").
_GROUP_AFTER = re.compile(
    r"(?:['’]s?)?(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:brigades?|militias?|battalions?|tribes?|"
    r"fighters|forces|rebels|council|gunmen|militants)\b"
)
# "Beirut's southern suburbs", "the Kunduz highway": a part of the place's area (geo 2).
_PART_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:\w+\s+)?(?:suburbs?|outskirts|highway|road|countryside|environs|border)\b",
    re.IGNORECASE,
)
_AREA_CUE = re.compile(
    r"\s+(?:province|governorate|region|countryside|district|wilaya|muhafazat)\b|\s*'s\s+countryside",
    re.IGNORECASE,
)
_REMOTE = ("air_strike", "shelling", "explosive_device", "suicide_bombing")
_SPECIFICITY = {"P": 3, "S": 3, "L": 2, "T": 2, "H": 2, "A": 1}


@dataclass(slots=True)
class _Draft:
    kind: str
    sentence: int
    paragraph: int
    trigger: Trigger
    start: int
    end: int
    evidence: list[str]
    date: DateRange | None
    date_own: bool  # stated in the event's own sentence
    actor1: str | None
    actor2: str | None
    where: Located
    place_own: bool  # placed from the event's own sentence
    casualties: Casualties | None
    displaced: int | None
    displaced_text: str | None
    notes: list[str] = field(default_factory=list)
    displaced_unit: str | None = None
    toll_role: str = "new"  # numbers.Toll.role of ``casualties``


@dataclass(frozen=True, slots=True)
class Scan:
    """A report's sentences and each one's event triggers: enough to tell
    whether it reports any event before a place is looked up."""

    sentences: list[Sentence]
    triggers: list[list[Trigger]]

    @property
    def reports_events(self) -> bool:
        """Whether any sentence holds a trigger (no trigger, no event)."""
        return any(self.triggers)


def scan(doc: Document) -> Scan:
    """Split ``doc`` into sentences and find each one's triggers."""
    sentences = split_sentences(doc.text, doc.title_end)
    return Scan(sentences, [find_triggers(s.text) for s in sentences])


def extract_events(
    doc: Document,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    scanned: Scan | None = None,
) -> list[Event]:
    """The events reported in ``doc``, given its geoparsed ``mentions``.

    ``scanned`` is :func:`scan`'s result for ``doc`` when the caller has it.
    """
    scanned = scanned or scan(doc)
    if not scanned.reports_events:
        return []
    sentences, triggers_of = scanned.sentences, scanned.triggers
    focus = _focus_area(mentions, gazetteer)
    # Dates after triggers: their patterns share one literal scan of each
    # sentence, which the scanner keeps (see conflictgeo.prefilter.SENTENCES).
    scanned_dates = [scan_dates(s.text, doc.published) for s in sentences]
    dates_of = [found for found, _ in scanned_dates]
    # Actors only where a sentence reports something (the regexes are costly).
    actors_of = {i: find_actors(s.text) for i, s in enumerate(sentences) if triggers_of[i]}
    # The country the report's actors fight in ("Houthis": Yemen) picks among
    # namesakes, unless the report names the namesake's country itself.
    context = _Context(
        actor_country([a for found in actors_of.values() for a in found]),
        frozenset(
            m.place.country_code
            for m in mentions
            if m.place is not None and (m.place.is_country or m.role == "demonym")
        ),
    )
    drafts: list[_Draft] = []
    last_date: tuple[int, DateRange] | None = None  # (paragraph, date)
    for index, sentence in enumerate(sentences):
        dates = dates_of[index]
        stated = _stated_date(sentence.text, dates) if dates else None
        triggers = triggers_of[index]
        if triggers:
            if stated is not None:
                date, date_own = stated, True
            elif (
                last_date
                and last_date[0] == sentence.paragraph
                and (moved := _moved_date(sentence.text, last_date[1]))
            ):
                date, date_own = moved, True
            elif last_date and last_date[0] == sentence.paragraph:
                date, date_own = (
                    dataclasses.replace(
                        last_date[1], rule=f"carried from an earlier sentence: {last_date[1].rule}"
                    ),
                    False,
                )
            else:
                date, date_own = _publication_week(doc.published), False
            first_new = len(drafts)
            drafts.extend(
                _sentence_events(
                    doc,
                    index,
                    sentence,
                    triggers,
                    actors_of[index],
                    date,
                    date_own,
                    mentions,
                    focus,
                    gazetteer,
                    context,
                )
            )
            for draft in drafts[first_new:]:
                draft.notes.extend(_dropped_notes(scanned_dates[index][1]))
        elif drafts and drafts[-1].paragraph == sentence.paragraph:
            _toll_only(_toll_host(drafts), index, sentence, stated)
        if stated is not None:
            last_date = (sentence.paragraph, stated)
    merged = _merge(drafts)
    return [day for d in merged for day in _campaign_days(_finish(doc, d))]


# A campaign of known days ("on 26 and 27 July", "from 10 to 12 August") is one
# event per day (ACLED; ONTOLOGY.md), up to a week; a longer span is one event
# with its range in date_start/date_end, as its days are not each known to
# have seen fighting. Displacement is not split: people flee once.
CAMPAIGN_MAX_DAYS = 7


def _campaign_days(event: Event) -> list[Event]:
    """``event`` split into one event per day of its campaign; a toll the text gives
    day by day ("killing 3 on 9 May and 5 on 10 May") goes to its day, the rest is
    shared out evenly, the remainder to the first days (ACLED)."""
    d = event.date
    if d is None or d.time_precision != 1 or event.kind == "displacement":
        return [event]
    per_day = tolls_by_day(event.evidence) if event.casualties is not None else {}
    if d.start == d.end:
        # one day stated, but tolls told for others close to it: one event per day
        days = sorted(
            day
            for day in (_same_month_day(d.start, n) for n in per_day)
            if day is not None and abs((day - d.start).days) < CAMPAIGN_MAX_DAYS
        )
        if len(days) < 2 or d.start not in days:
            return [event]
    elif (d.end - d.start).days + 1 > CAMPAIGN_MAX_DAYS:
        return [event]
    else:
        days = campaign_days(d)  # "on 3, 5 and 9 May": those three days
    n = len(days)
    stated = {day: per_day[day.day] for day in days if day.day in per_day}
    unknown = [day for day in days if day not in stated]
    left = (event.casualties.fatalities if event.casualties else 0) - sum(
        k for k, _ in stated.values()
    )
    if left < 0 and unknown:  # the day figures do not fit the toll: share the toll out
        stated, unknown = {}, days
    out = []
    for i, day in enumerate(days):
        rule = f"day {i + 1} of {n} of a campaign ({d.text})"
        if day in stated:
            k, phrase = stated[day]
            cas: Casualties | None = Casualties(k, k, k, k, phrase, "the toll told for that day")
        elif stated and event.casualties is not None:
            j = unknown.index(day)
            part = left // len(unknown) + (1 if j < left % len(unknown) else 0)
            cas = Casualties(
                part,
                part,
                part,
                part,
                event.casualties.text,
                f"{event.casualties.rule}; {left} not told by day, shared out evenly",
            )
        else:
            cas = _share(event.casualties, i, n)
        out.append(
            dataclasses.replace(
                event,
                event_id=event.event_id if i == 0 else f"{event.event_id[:13]}d{i:02d}",
                date=DateRange(day, day, day, 1, 1, d.text, rule),
                casualties=cas,
            )
        )
    return out


def _same_month_day(day: dt.date, n: int) -> dt.date | None:
    try:
        return day.replace(day=n)
    except ValueError:
        return None


def _share(cas: Casualties | None, i: int, n: int) -> Casualties | None:
    """Day ``i``'s share of a toll reported for ``n`` days."""
    if cas is None:
        return None

    def part(x: int | None) -> int | None:
        return None if x is None else x // n + (1 if i < x % n else 0)

    fatalities = part(cas.fatalities)
    assert fatalities is not None
    rule = f"{cas.rule}; {cas.fatalities} over {n} days shared out evenly (ACLED)"
    return Casualties(part(cas.low), part(cas.best), part(cas.high), fatalities, cas.text, rule)


# ----------------------------------------------------------------------- per sentence


# How many sentences after its event a sentence that only gives a toll may come
# ("Gunmen shot a man. The victim was a teacher. He died in hospital. 1 fatality.").
TOLL_WINDOW = 3


def _toll_only(prev: _Draft, index: int, sentence: Sentence, stated: DateRange | None) -> None:
    """A sentence with a death toll and no trigger ("11 fatalities.", "The victim
    died.") completes the event before it in the paragraph (see :func:`_give_toll`),
    unless it dates its deaths to another day ("Last week, five were killed")."""
    if index - prev.sentence > TOLL_WINDOW or _other_day(prev, stated):
        return
    toll = death_toll(sentence.text)
    if toll is not None and _give_toll(prev, toll, index):
        prev.evidence.append(sentence.text)
        prev.end = max(prev.end, sentence.end)


def _other_day(prev: _Draft, date: DateRange | None) -> bool:
    """True when ``date`` (a later sentence's own) cannot be the day of ``prev``."""
    have = prev.date
    if date is None or have is None or not prev.date_own:
        return False
    if have.time_precision == 1 < date.time_precision and re.search(
        r"\b(?:last|previous|past|earlier)\b", date.text, re.IGNORECASE
    ):
        return True  # "on Monday ... Last week, five were killed": an earlier event
    return date.end < have.start or have.end < date.start


def _toll_host(drafts: list[_Draft]) -> _Draft:
    """The event a later toll belongs to: the first of the last sentence's events
    ("an ambush involving an IED and gunfire. Five soldiers were killed": the ambush)."""
    last = drafts[-1].sentence
    return next(d for d in drafts if d.sentence == last)


def _give_toll(prev: _Draft, toll: Toll, index: int) -> bool:
    """Give the toll of sentence ``index`` to the event before it: its figure when
    it has none; added when the sentence tells of more deaths ("A fourth person
    died later"); in place of it when the sentence states the total ("4
    fatalities."). A figure told again ("the 12 dead") is never counted twice; its
    sentence joins the event. True if the sentence joins the event."""
    cas = toll.casualties
    if cas.best is None and cas.low is None:
        return False
    had = prev.casualties
    if had is None or (had.best is None and had.low is None):
        prev.casualties, prev.toll_role = cas, "new"
        prev.notes.append(f"toll from sentence {index + 1} (a toll-only sentence)")
        return True
    if toll.role == "more":
        prev.casualties = Casualties(
            None if had.low is None or cas.low is None else had.low + cas.low,
            None if had.best is None or cas.best is None else had.best + cas.best,
            None if had.high is None or cas.high is None else had.high + cas.high,
            had.fatalities + cas.fatalities,
            f"{had.text}; {cas.text}",
            f"{had.rule}; plus {cas.fatalities} more from sentence {index + 1}",
        )
        prev.notes.append(f"{cas.fatalities} more deaths from sentence {index + 1}")
        return True
    if toll.role == "total" and cas.fatalities != had.fatalities:
        prev.casualties = dataclasses.replace(
            cas, rule=f"{cas.rule}; the total sentence {index + 1} states"
        )
        prev.toll_role = "total"  # what it passes on, if merged into an event before it
        prev.notes.append(f"total toll from sentence {index + 1}")
        return True
    # "The 12 dead included five children": the same toll told again
    return toll.role in ("again", "total")


def _death_owner(typed: list[tuple[str, Trigger]], deaths: Casualties, text: str) -> Trigger | None:
    """The trigger a sentence's toll belongs to; None when the deaths are the
    grievance a protest is about ("protested over the killing of a student")."""
    owner = _nearest_trigger(typed, deaths.text.split("; ")[0], text)
    kind = next((k for k, t in typed if t is owner), "")
    if owner is not None and kind in _PROTEST_KINDS:
        pos = text.find(deaths.text.split("; ")[0])
        cue = _GRIEVANCE.search(text, max(owner.end, pos - 60), pos) if pos > owner.end else None
        if cue and not re.search(r"[.;]\s", text[cue.end() : pos]):
            return None
    return owner


_PROTEST_KINDS = ("protest", "protest_with_intervention", "riot")
# What a protest is about: deaths told after these are not the protest's own.
_GRIEVANCE = re.compile(
    r"\b(?:after|following|over|against|about|because of|in protest|to protest|to denounce|"
    r"to condemn|condemning|denouncing|demanding|to demand|in reaction|in response|in the wake of|"
    r"in memory of|mourn(?:ing)?|angered by|outraged)\b",
    re.IGNORECASE,
)


def _figure_notes(deaths: Casualties | None, moved: Displaced | None, kind: str) -> list[str]:
    """Notes for figures dropped as implausible ("10^100 people were killed")."""
    notes = []
    if deaths is not None and deaths.rule.startswith("implausible"):
        notes.append(f"figure '{deaths.text}' dropped: {deaths.rule.split(': ', 1)[-1]}")
    if moved is not None and moved.value is None and kind == "displacement":
        notes.append(f"figure '{moved.text}' dropped: {moved.rule.split(': ', 1)[-1]}")
    return notes


def _sentence_events(
    doc: Document,
    index: int,
    sentence: Sentence,
    triggers: list[Trigger],
    actors: list[Actor],
    date: DateRange | None,
    date_own: bool,
    mentions: Sequence[Mention],
    focus: Located,
    gazetteer: Gazetteer,
    context: _Context,
) -> list[_Draft]:
    text = sentence.text
    # The event's own actors first, then the report's.
    country = actor_country(actors) or context.country
    toll = death_toll(text)
    deaths = toll.casualties if toll else None
    typed = _type_triggers(text, triggers, actors, deaths)
    if not typed:
        return []
    # Figures only the events of some kinds carry (the patterns are costly).
    kinds = {kind for kind, _ in typed}
    moved = displaced_figure(text) if "displacement" in kinds else None
    said = _speech_source(text)
    territory = find_territory(text) if any(k.startswith("territory") for k in kinds) else None
    # A place named inside an actor's name ("al-Qaeda", "Zintan brigades") is no venue.
    local = [
        m
        for m in mentions
        if sentence.start <= m.start < sentence.end
        and not any(
            a.start <= m.start - sentence.start < a.end for a in actors if a.type != "civilians"
        )
        and not _GROUP_AFTER.match(text, m.end - sentence.start)
    ]
    death_owner = _death_owner(typed, deaths, text) if deaths else None
    out = []
    for kind, trig in typed:
        actor1, actor2 = _roles(kind, trig, actors)
        where, own = _locate(
            kind, trig, text, sentence.start, local, focus, gazetteer, country, context.named
        )
        notes = []
        if kind.startswith("territory") and territory:
            notes.append(f"{territory} taken")
        if said:
            notes.append(f"reported by {said}")
        if kind == "displacement":
            notes.extend(_displacement_route(text, sentence.start, trig, local))
        out.append(
            _Draft(
                kind=kind,
                sentence=index,
                paragraph=sentence.paragraph,
                trigger=trig,
                start=sentence.start,
                end=sentence.end,
                evidence=[text],
                date=date,
                date_own=date_own,
                actor1=actor1,
                actor2=actor2,
                where=where,
                place_own=own,
                casualties=deaths if death_owner is trig else None,
                displaced=moved.value if moved and kind == "displacement" else None,
                displaced_text=moved.text if moved and kind == "displacement" else None,
                notes=notes + _figure_notes(deaths if death_owner is trig else None, moved, kind),
                displaced_unit=moved.unit if moved and kind == "displacement" else None,
                toll_role=toll.role if toll and death_owner is trig else "new",
            )
        )
    return out


def _type_triggers(
    text: str, triggers: list[Trigger], actors: list[Actor], deaths: Casualties | None
) -> list[tuple[str, Trigger]]:
    """Give every trigger a kind, then apply ACLED precedence; one event per kind."""
    strong_kinds = {t.kind for t in triggers if t.strong and t.kind in KINDS}
    typed: list[tuple[str, Trigger]] = []
    for t in triggers:
        clause = _clause_start(text, t.start)
        before = [a for a in actors if clause <= a.start < t.start]  # "Air Force attacked"
        after = [a for a in actors if a.start >= t.end]
        # The subject's head: "Government forces and Hezbollah fighters recaptured" is
        # the government's regain.
        agent = next((a for a in before if a.type != "civilians"), None)
        kind: str | None = t.kind
        if t.kind in ("seize", "retake"):
            if not _TERRITORY_OBJECT.match(text[t.end :]) and not _names_place_after(text, t):
                kind = None  # "seized weapons": not territory
            elif t.kind == "retake":
                kind = (
                    "territory_taken_nonstate"
                    if agent and agent.type == "nonstate"
                    else "territory_regained_gov"
                )
            else:
                kind = (
                    "territory_regained_gov"
                    if agent and agent.type == "state"
                    else "territory_taken_nonstate"
                )
        elif t.kind == "attack":
            if strong_kinds or typed:
                kind = None
            elif agent and agent.is_air_force:
                kind = "air_strike"
            elif _MILITARY_TARGET.match(text, t.end):
                kind = "armed_clash"  # an attack on a base or a patrol is a battle
            elif (
                (agent and agent.is_unidentified)
                or any(a.type == "civilians" for a in after)
                or _CIVILIAN_WORDS.search(text[t.end :])
            ):
                kind = "attack_on_civilians"
            else:
                kind = "armed_clash"
        elif t.kind == "kill":
            if strong_kinds or typed or deaths is None:
                kind = None
            elif _CIVILIAN_WORDS.search(text) or (agent and agent.is_unidentified):
                kind = "attack_on_civilians"
            else:
                kind = "armed_clash"
        elif t.kind == "displacement" and _ARMED_SUBJECT.search(
            text[max(0, t.start - 80) : t.start]
        ):
            kind = None  # troops fleeing a battle are not displaced people
        elif (
            t.kind == "displacement"
            and t.text.lower() == "displaced"
            and _DISPLACED_ADJ.match(text, t.end)
            and strong_kinds - {"displacement"}
        ):
            kind = None  # "a strike on a camp for displaced people"
        elif t.kind == "protest":
            violent_before = any(
                o.strong and o.kind in KINDS and o.kind != "protest" and o.start < t.start
                for o in triggers
            )
            # "a bomb struck a peace rally": the rally is the target, not the event
            kind = None if violent_before else ("riot" if _RIOT.search(text) else "protest")
        if kind in ("territory_taken_nonstate", "territory_regained_gov") and _without_fighting(
            text, triggers, deaths
        ):
            kind = "territory_transfer"
        if kind == "abduction" and deaths is not None and deaths.fatalities > 0:
            kind = "attack_on_civilians"  # ACLED: an abduction with deaths is an attack
        if kind and all(k != kind for k, _ in typed):
            typed.append((kind, t))
    kinds = {k for k, _ in typed}
    # ACLED: territory changing hands by fighting is one Battles event, not a clash too;
    # a suicide bombing is not also an IED.
    if kinds & {"territory_taken_nonstate", "territory_regained_gov"}:
        typed = [(k, t) for k, t in typed if k != "armed_clash"]
    if "suicide_bombing" in kinds:
        typed = [(k, t) for k, t in typed if k != "explosive_device"]
    # ACLED: air strikes in support of a ground battle are part of that Battles event
    # ("clashes ... backed by Russian air strikes"); strikes that follow it are not.
    battle = next((t for k, t in typed if k in _BATTLES), None)
    air = next((t for k, t in typed if k == "air_strike"), None)
    if battle and air:
        lo, hi = sorted((battle, air), key=lambda t: t.start)
        if _AIR_SUPPORT.search(text, lo.end, hi.end) and not _SEQUENCE.search(
            text, lo.end, hi.start
        ):
            typed = [(k, t) for k, t in typed if k != "air_strike"]
    if kinds & {"protest", "riot"}:  # clashes at a demonstration are the riot itself
        typed = [(k, t) for k, t in typed if k != "armed_clash"]
    return typed


def _displacement_route(text: str, offset: int, trig: Trigger, local: list[Mention]) -> list[str]:
    """Origin and destination of displaced people, when the sentence names them."""
    origin = destination = None
    for m in local:
        if m.role != "location":
            continue
        before = text[max(0, m.start - offset - 40) : m.start - offset]
        if origin is None and _ORIGIN.search(before):
            origin = m.text
        elif destination is None and m.start - offset > trig.start and _DESTINATION.search(before):
            destination = m.text
    route = []
    if origin:
        route.append(f"displaced from {origin}")
    if destination:
        route.append(f"displaced to {destination}")
    return route


def _speech_source(text: str) -> str | None:
    """Who the sentence says reported it: "the Observatory", "local officials"."""
    m = _SPEECH_SOURCE.search(text)
    if m is None:
        return None
    return (m.group("a") or m.group("b") or m.group("c") or "").strip() or None


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position ``at`` starts."""
    start = 0
    for m in _CLAUSE_START.finditer(text, 0, at):
        start = m.end()
    return start


def _without_fighting(text: str, triggers: list[Trigger], deaths: Casualties | None) -> bool:
    """True when a change of control is reported with no fighting (ACLED: a transfer)."""
    if _NO_FIGHT_WORDS.search(text):
        return True
    if not _NO_FIGHT.search(text) or (deaths is not None and deaths.fatalities > 0):
        return False
    if any(t.kind in ("armed_clash", "air_strike", "shelling") for t in triggers):
        return False
    return not _FIGHT.search(text)


def _names_place_after(text: str, t: Trigger) -> bool:
    return bool(
        re.match(
            r"^\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:of\s+)?(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z]",
            text[t.end :],
        )
    )


def _nearest_trigger(typed: list[tuple[str, Trigger]], phrase: str, text: str) -> Trigger | None:
    """The trigger a figure belongs to: the closest one before it, else the first."""
    pos = text.find(phrase)
    before = [t for _, t in typed if t.start <= pos]
    return max(before, key=lambda t: t.start) if before else typed[0][1]


def _roles(kind: str, trig: Trigger, actors: list[Actor]) -> tuple[str | None, str | None]:
    armed = [a for a in actors if a.type != "civilians"]
    civilians = [a for a in actors if a.type == "civilians"]
    if kind == "displacement":
        group = min(civilians, key=lambda a: abs(a.start - trig.start), default=None)
        return (group.name if group else None), None
    before = [a for a in armed if a.start < trig.start]
    actor1 = before[0] if before else None
    if kind in ("attack_on_civilians", "abduction"):
        victims = [a for a in civilians if a.start >= trig.end] or civilians
        return (actor1.name if actor1 else None), (victims[0].name if victims else "Civilians")
    after = [a for a in armed if a.start >= trig.end and (actor1 is None or a.name != actor1.name)]
    if actor1 is None and after and kind not in ("armed_clash",):
        return None, after[0].name
    if not after and kind in _REMOTE and any(a.start >= trig.end for a in civilians):
        return (actor1.name if actor1 else None), "Civilians"  # ACLED: the victims are side 2
    return (actor1.name if actor1 else None), (after[0].name if after else None)


# ----------------------------------------------------------------------- places


def _locate(
    kind: str,
    trig: Trigger,
    text: str,
    offset: int,
    local: list[Mention],
    focus: Located,
    gazetteer: Gazetteer,
    country: tuple[str, str] | None = None,
    named: frozenset[str] = frozenset(),
) -> tuple[Located, bool]:
    """The place the event's clause attaches to, or the report's focus area.

    ``country`` (ISO code, and the actor implying it) re-reads a name resolved
    to another country, or not resolved, in that country; ``named`` are the
    countries the report names, whose places are kept as resolved.
    """
    usable = [m for m in local if m.role == "location"]
    if country is not None:
        usable = [_in_country(m, country, named, gazetteer) for m in usable]
        if focus.place is None:
            focus = _country_focus(focus, country, gazetteer)
    if not usable:
        return focus, False
    any_resolved = any(m.place is not None for m in usable)

    def others_resolved(m: Mention) -> bool:
        return any(o.place is not None and o is not m for o in usable)

    def _far_part_of(m: Mention) -> bool:
        """True when m is "the X district of Y" and the X found lies far from Y."""
        cue = _PART_OF.match(text, m.end - offset)
        if cue is None or m.place is None:
            return False
        city = next((o for o in usable if o.start - offset == cue.end()), None)
        if city is None or city.place is None:
            return False
        km = haversine_km(m.place.lat, m.place.lon, city.place.lat, city.place.lon)
        return bool(km > 30)

    def score(m: Mention) -> float:
        rel = m.start - offset
        before = text[max(0, rel - 40) : rel]
        s = 0.0
        if _AT.search(before) or _NEAR.search(before):
            s += 2.0
        elif trig.end <= rel and _OBJECT_GAP.fullmatch(text, trig.end, rel):
            s += 2.0  # the trigger's object: "bombed Salma", "seized Tripoli airport"
        s += _SPECIFICITY.get(m.place.feature_class, 3) if m.place else 3
        if m.place is not None and m.place.is_country:
            s -= 2.0
        if m.place is None and m.within is None and any_resolved:
            s -= 2.5  # "the Bab Touma district of Damascus": the known place places it
        if _FACILITY_AFTER.match(text, m.end - offset) and others_resolved(m):
            s -= 2.5  # "the Reina nightclub in Istanbul": the town places it
        if _far_part_of(m) and others_resolved(m):
            s -= 2.5  # "the Karrada district of Baghdad", Karrada a namesake far away
        s -= abs(rel - trig.start) / 100
        return s

    best = max(usable, key=score)
    rel = best.start - offset
    near = bool(_NEAR.search(text[max(0, rel - 40) : rel])) or bool(
        _PART_AFTER.match(text, best.end - offset)
    )
    if best.place is None:
        area = best.within
        if area is not None:
            return Located(
                area,
                best.text,
                3,
                4,
                f"'{best.text}' is not in the gazetteer; placed at the enclosing "
                f"{area.name} ({_area_word(area)})",
            ), True
        return dataclasses.replace(
            focus,
            location=best.text,
            reason=f"'{best.text}' is not in the gazetteer; {focus.reason}",
        ), True
    place = best.place
    if (
        place.feature_code.startswith("ADM")
        and best.hint != "province"
        and not _AREA_CUE.match(text, best.end - offset)
    ):
        # "Hajjah", "Hawija": a name a province or district shares with its capital,
        # said without "province" or "district", means the town (ACLED codes the town).
        place = _town_of_same_name(best, gazetteer) or place
    geo, where, what = _precision(place, near)
    reason = f"{what} '{best.text}' in the event's sentence"
    if best.reasons and best.reasons[-1].startswith("read in "):
        reason += f" ({best.reasons[-1]})"
    if kind == "displacement":
        reason += " (where the displaced went or came from)"
    return Located(place, best.text, geo, where, reason), True


@dataclass(frozen=True, slots=True)
class _Context:
    country: tuple[str, str] | None  # (ISO code, actor) the report's actors imply
    named: frozenset[str]  # countries the report names ("Syria", "Iraqi")


def _in_country(
    m: Mention, country: tuple[str, str], named: frozenset[str], gazetteer: Gazetteer
) -> Mention:
    """``m`` read as the place of that name in ``country`` when it was resolved to a
    namesake elsewhere (a country the report does not name) or not at all."""
    cc, actor = country
    if m.place is not None and (
        m.place.country_code == cc or m.place.is_country or m.place.country_code in named
    ):
        return m
    key = name_key(m.text)
    found = [c.place for c in gazetteer.lookup([key]).get(key, ()) if c.place.country_code == cc]
    if not found and m.place is None:  # a spelling variant: "Sweida", "Bashiqa"
        found = [c.place for c in gazetteer.lookup_variants([key], countries=[cc]).get(key, ())]
    if not found:
        return m
    place = max(found, key=lambda p: (p.feature_class == "P", p.population))
    why = f"read in {cc}, the country of the {actor} named in the report"
    return dataclasses.replace(m, place=place, reasons=(*m.reasons, why))


def _country_focus(focus: Located, country: tuple[str, str], gazetteer: Gazetteer) -> Located:
    """A report with no focus area is at least in its actors' country (flagged, prec 6)."""
    cc, actor = country
    place = gazetteer.country_place(cc)
    if place is None:
        return focus
    return Located(
        place,
        place.name,
        None,
        6,
        f"no place resolved; country only: {place.name}, the country of the {actor}",
    )


def _town_of_same_name(m: Mention, gazetteer: Gazetteer) -> Place | None:
    area = m.place
    assert area is not None
    towns = [
        c.place
        for c in gazetteer.lookup([name_key(m.text)]).get(name_key(m.text), ())
        if c.place.feature_class == "P"
        and c.place.country_code == area.country_code
        and c.place.admin1 == area.admin1
    ]
    return max(towns, key=lambda p: p.population, default=None)


def _precision(place: Place, near: bool) -> tuple[int | None, int, str]:
    if place.is_country:
        return None, 6, "country only:"
    if place.is_admin1:
        return 3, 4, "province"
    if place.feature_code.startswith("ADM"):
        return 2, 3, "district"
    if near:
        return 2, 2, "near"
    return 1, 1, "named place"


def _area_word(place: Place) -> str:
    if place.is_country:
        return "country"
    return "province" if place.is_admin1 else "area"


def _focus_area(mentions: Sequence[Mention], gazetteer: Gazetteer) -> Located:
    """Where a report's events are placed when their sentence names no place."""
    located = [m for m in mentions if m.role == "location" and m.place is not None]
    admin1 = Counter(m.place.admin1_key for m in located if m.place and m.place.admin1_key)
    if admin1:
        key, count = admin1.most_common(1)[0]
        if count >= 2 and count * 2 > sum(admin1.values()):
            cc, _, code = key.partition(".")
            area = gazetteer.admin1_place(cc, code)
            if area is not None:
                return Located(
                    area,
                    area.name,
                    3,
                    4,
                    f"no place named in the sentence; placed at the report's focus "
                    f"area, {area.name} province ({count} mentions)",
                )
    countries = Counter(
        m.place.country_code
        for m in mentions
        if m.place is not None and m.role in ("location", "demonym")
    )
    if countries:
        cc, count = countries.most_common(1)[0]
        country = gazetteer.country_place(cc)
        if country is not None and count * 2 > sum(countries.values()):
            return Located(
                country,
                country.name,
                None,
                6,
                f"no place named in the sentence; country only: {country.name}, the report's focus",
            )
    return Located(
        None, "", None, 6, "no place named in the sentence and no clear focus area in the report"
    )


def _publication_week(published: dt.date | None) -> DateRange | None:
    if published is None:
        return None
    start = published - dt.timedelta(days=min(6, published.toordinal() - 1))  # not before year 1
    return DateRange(
        start, published, published, 2, 3, "", "no date in the text: the week before publication"
    )


# "On 3 May 2019, residents said that ...": the day a source spoke, before what it told.
_REPORTED_THAT = re.compile(
    r",?\s*(?:[\w'’()-]+\s+){0,8}?(?:it was |was |were |had |have |has )?"
    r"(?:reported|said|announced|stated|claimed|confirmed|learned|learnt|told)\b"
    r"(?:\s+\w+){0,3}?\s+that\b",
    re.IGNORECASE,
)


def _stated_date(text: str, dates: list[DateMention]) -> DateRange:
    """The event's own date among those a sentence states.

    The event's own date first; the start of a period ("since 26 August") next;
    the day a source spoke ("the ministry said on 3 September", "On 3 May,
    residents said that ...") last. What a source tells relative to the day it
    spoke ("On 3 December, it was reported that last week ...") counts from that day.
    """
    first = dates[0]
    cue = _REPORTED_THAT.match(text, first.end)
    if cue is not None and first.range.time_precision == 1:
        told = [d for d in scan_dates(text[cue.end() :], first.range.event_date)[0] if not d.since]
        if told:
            own = told[0].range
            return dataclasses.replace(
                own, rule=f"{own.rule}, counted from the report date {first.range.event_date}"
            )
    if len(dates) == 1:
        return first.range  # one date: no ranking to do
    return min(
        dates,
        key=lambda d: (
            bool(_SPEECH_DATE.search(text, 0, d.start)) or (cue is not None and d is first),
            d.since,
            d.range.time_precision,
            d.start,
        ),
    ).range


def _moved_date(text: str, before: DateRange) -> DateRange | None:
    """The day a sentence tells relative to the date before it ("The following day
    ..."), when that date is a day."""
    found = relative_day(text) if before.time_precision == 1 else None
    if found is None:
        return None
    days, phrase = found
    try:
        day = before.event_date + dt.timedelta(days=days)
    except OverflowError:
        return None
    return DateRange(
        day, day, day, 1, 1, phrase, f"'{phrase}': {days:+d} day from {before.event_date}"
    )


def _dropped_notes(dropped: list[DroppedDate]) -> list[str]:
    """Notes for the date-shaped phrases of a sentence dropped as implausible."""
    return [f"date '{d.text}' dropped: {d.reason}" for d in dropped]


# ----------------------------------------------------------------------- merging


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Merge drafts of one event told over nearby sentences.

    A sentence that only reports deaths ("At least 12 people were killed.")
    gives its toll to the event just before it in the paragraph.
    """
    out: list[_Draft] = []
    for d in drafts:
        if d.trigger.kind == "kill" and out:
            # "A civilian was killed.": a toll of the event before it
            prev = _toll_host(out)
            if (
                prev.paragraph == d.paragraph
                and 0 < d.sentence - prev.sentence <= TOLL_WINDOW
                and d.casualties is not None
                and not (d.date_own and _other_day(prev, d.date))
                and _give_toll(prev, Toll(d.casualties, d.toll_role), d.sentence)
            ):
                prev.evidence.extend(d.evidence)
                prev.end = max(prev.end, d.end)
                continue
        host = next((o for o in reversed(out) if _same_event(o, d)), None)
        if host is None:
            out.append(d)
            continue
        _absorb(host, d)
        host.notes.append(
            f"sentence {d.sentence + 1} merged in: same kind within {MERGE_WINDOW} sentences,"
            " compatible date, place and actors"
        )
    return out


_NEAR_KM = 100  # how far from X an event told as "near X" may be, for merging


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.kind != b.kind or b.sentence - a.sentence > MERGE_WINDOW or a.sentence == b.sentence:
        return False
    both_dated = a.date_own and b.date_own and a.date and b.date
    if both_dated and (a.date.end < b.date.start or b.date.end < a.date.start):
        return False
    if a.place_own and b.place_own:
        pa, pb = a.where.place, b.where.place
        if pa is not None and pb is not None and not (_contains(pa, pb) or _contains(pb, pa)):
            # "near X" / "60 km west of X" only points at the area: a town close by fits
            near = 2 in (a.where.geo_precision, b.where.geo_precision)
            if not (near and haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= _NEAR_KM):
                return False
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)


def _contains(area: Place, place: Place) -> bool:
    """True when ``place`` is ``area`` or lies in it (a country or a province)."""
    if area.geonameid == place.geonameid:
        return True
    if area.is_country:
        return place.country_code == area.country_code
    return area.is_admin1 and place.admin1_key == area.admin1_key


def _absorb(host: _Draft, d: _Draft) -> None:
    if d.date_own and (
        not host.date_own
        or (host.date and d.date and d.date.time_precision < host.date.time_precision)
    ):
        host.date, host.date_own = d.date, True
    if d.place_own and (not host.place_own or _finer(d.where, host.where)):
        host.where, host.place_own = d.where, True
    if d.casualties and (host.casualties is None or host.casualties.best is None):
        host.casualties = d.casualties
    if d.displaced is not None and (host.displaced is None or d.displaced > host.displaced):
        host.displaced, host.displaced_text = d.displaced, d.displaced_text
        host.displaced_unit = d.displaced_unit
    host.actor1 = host.actor1 or d.actor1
    host.actor2 = host.actor2 or d.actor2
    host.evidence.extend(d.evidence)
    host.end = max(host.end, d.end)
    host.notes.extend(n for n in d.notes if n not in host.notes)


def _finer(a: Located, b: Located) -> bool:
    return (a.geo_precision or 9, a.where_prec) < (b.geo_precision or 9, b.where_prec)


def _finish(doc: Document, d: _Draft) -> Event:
    info = KINDS[d.kind]
    event_id = hashlib.sha1(
        f"{doc.content_hash or doc.text}:{d.kind}:{d.start}".encode()
    ).hexdigest()[:16]
    confidence = (
        0.4
        + (0.2 if d.trigger.strong else 0.0)
        + (0.2 if d.place_own else 0.0)
        + (0.2 if d.date_own else 0.0)
    )
    notes = "; ".join([f"trigger '{d.trigger.text}'", *d.notes])
    return Event(
        event_id=event_id,
        kind=d.kind,
        event_type=info.event_type,
        sub_event_type=info.sub_event_type,
        date=d.date,
        actor1=d.actor1,
        actor2=d.actor2,
        where=d.where,
        casualties=d.casualties,
        displaced=d.displaced,
        displaced_text=d.displaced_text,
        displaced_unit=d.displaced_unit,
        notes=notes,
        doc_id=doc.id,
        evidence=" … ".join(d.evidence),
        char_start=d.start,
        char_end=d.end,
        confidence=confidence,
        source=doc.source,
        url=doc.url,
        published=doc.published,
        extractor_version=EXTRACTOR_VERSION,
        sources=(doc.id,),
    )
