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
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from conflictgeo.extract.actors import (
    CIVILIANS,
    IDENTITY,
    MILITARY,
    POLICE,
    PROTESTERS,
    RIOTERS,
    UNIDENTIFIED,
    Actor,
    Named,
    acled_name,
    actor_country,
    attributed,
    crowd,
    find_actors,
)
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
from conflictgeo.extract.subtypes import BATTLES, clause_start, escalate_protests, type_triggers
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.gazetteer.names import name_key
from conflictgeo.geoparse.distance import haversine_km
from conflictgeo.geoparse.hierarchy import AREA_OF, CODED_TO, STATED_AREA, area_of_place
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
# A facility named by a place-like word ("the Reina nightclub", "al-Sinak bridge").
_FACILITY_AFTER = re.compile(
    r"\s+(?:nightclub|hotel|hospital|mosque|church|school|stadium|market|restaurant|cafe|"
    r"bridge|square|prison|compound|building|tower|station|street|road|roundabout|"
    r"gate|hall|university)\b",
    re.IGNORECASE,
)
# "the Karrada district of Baghdad": the city the district is in.
_PART_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|quarter|suburb|area|camp|sector|zone) of\s+(?:the\s+)?",
    re.IGNORECASE,
)
# Where a sentence's actors come from: "farmers from X stormed ..." ("residents of X
# protested" is where they protested).
_PROVENANCE = re.compile(
    r"\b(?:\w+s|man|woman|boy|girl|youth|member|resident|native)\s+from\s+(?:the\s+)?"
    r"(?:(?:town|city|village|area) of\s+)?$",
    re.IGNORECASE,
)
# Where displaced people came from and went: "fled Kessab for Latakia", "residents of
# Kessab fled to Latakia". The word right before the name says which ("fled to X" is
# where they went); a feature word may come between ("fled the village of X").
_ROUTE_GAP = (
    r"\s+(?:the\s+)?"
    r"(?:(?:\w+\s+)?(?:town|city|village|district|area|camp|neighbou?rhood)s?\s+of\s+)?$"
)
_ORIGIN = re.compile(
    r"\b(?:fled|flee(?:ing|s)?|escaped|escaping|left|leaving|abandoned|from|out of|"
    r"(?:residents|inhabitants|people|villagers|families) of)" + _ROUTE_GAP,
    re.I,
)
_DESTINATION = re.compile(
    r"\b(?:to|towards?|into|for|reached|reaching|arrived in|arriving in|(?:sought|took|taking|"
    r"seeking|found) (?:refuge|shelter) in|sheltering in|settled in|headed (?:to|for))"
    + _ROUTE_GAP,
    re.I,
)
# Reported speech: the event stays, with who said it ("..., the Observatory said").
# (the source: after "according to"; before the verb at a clause's or the sentence's
# start, "..., police said", "Residents said ..."; after it where speech comes first,
# "..., said the Observatory.")
_SPEAKS = r"(?:said|says|told \w+|reported|claimed|announced|stated|added)"
_SPEECH_SOURCE = re.compile(
    r"\baccording to (?P<a>(?:the |a |an )?[\w'’ -]{2,60}?)(?=[,.;:]|$| on | in | who | that )"
    rf"|,\s*(?P<b>(?:the |a |an )?[\w'’ -]{{2,60}}?) {_SPEAKS}\b"
    rf"|^(?P<d>(?:[\w'’-]+ ){{0,4}}?[\w'’-]+) {_SPEAKS}\b"
    r"|[,\"”]\s*(?:said|says|reported|claimed) (?P<c>(?:the |a |an )?[\w'’ -]{2,60}?)(?=[,.;]|$)",
)
# Words that open a clause, not a source ("..., while activists said"), and words no
# source holds: a passive or a pronoun ("clashes were reported", "it was reported").
_SOURCE_OPENERS = re.compile(r"^(?:while|and|but|as|though|although|whereas|with|after)\s+", re.I)
_NOT_A_SOURCE = frozenset(
    "was were been be is are has have had being it there they he she we which who that no "
    "none not by as several one two three four five six seven eight nine ten eleven twelve "
    "fifteen twenty dozens hundreds thousands".split()
)
# Nouns of the event itself ("clashes were reported", "injuries reported").
_EVENT_NOUN = re.compile(
    r"\b(?:protests?|riots?|clash(?:es)?|injur\w*|casualt\w*|deaths?|fatalit\w*|attacks?|"
    r"fighting|violence|explosions?|incidents?)\b",
    re.I,
)
_SOURCE_TAIL = re.compile(r"\s+(?:later|also|earlier|previously|initially|first|then)$", re.I)
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
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    guessed: tuple[bool, bool] = (False, False)  # actor 1 / 2 filled in, not named
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
        {
            p: tuple(
                a for i, found in actors_of.items() if sentences[i].paragraph == p for a in found
            )
            for p in {s.paragraph for s in sentences}
        },
        {
            i: " ".join(
                s.text
                for s in sentences[max(0, i - 2) : i + 3]
                if s.paragraph == sentences[i].paragraph
            )
            for i in actors_of
        },
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
                    carried=lambda i=index: _carried_place(sentences, i, mentions, gazetteer),
                )
            )
            for draft in drafts[first_new:]:
                draft.notes.extend(_dropped_notes(scanned_dates[index][1]))
        elif drafts and drafts[-1].paragraph == sentence.paragraph:
            _toll_only(_toll_host(drafts), index, sentence, stated)
        if stated is not None:
            last_date = (sentence.paragraph, stated)
    # A demonstration told over several sentences takes the worst done at it.
    for d, kind in zip(
        drafts,
        escalate_protests(
            [(d.paragraph, d.sentence, d.kind) for d in drafts],
            MERGE_WINDOW,
            [d.evidence[0] for d in drafts],
        ),
        strict=True,
    ):
        if kind != d.kind:
            _crowd_as(d, kind)
        d.kind = kind
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
    carried: Callable[[], Located | None] | None = None,
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
        where, own = _locate(
            kind,
            trig,
            text,
            sentence.start,
            local,
            focus,
            gazetteer,
            country,
            context.named,
            carried=carried,
        )
        # Actors are named for the event's country and date (ACLED: "Civilians (Kenya)").
        roles = _roles(
            kind,
            trig,
            actors,
            text,
            _event_country(where, country),
            date,
            context.actors.get(sentence.paragraph, ()),
            context.nearby.get(index, ""),
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
                actor1=roles.actor1,
                actor2=roles.actor2,
                where=where,
                place_own=own,
                casualties=deaths if death_owner is trig else None,
                displaced=moved.value if moved and kind == "displacement" else None,
                displaced_text=moved.text if moved and kind == "displacement" else None,
                notes=notes + _figure_notes(deaths if death_owner is trig else None, moved, kind),
                displaced_unit=moved.unit if moved and kind == "displacement" else None,
                toll_role=toll.role if toll and death_owner is trig else "new",
                assoc_actor_1=roles.assoc1,
                assoc_actor_2=roles.assoc2,
                inter1=roles.inter1,
                inter2=roles.inter2,
                guessed=roles.guessed,
            )
        )
    return out


def _type_triggers(
    text: str, triggers: list[Trigger], actors: list[Actor], deaths: Casualties | None
) -> list[tuple[str, Trigger]]:
    """Give every trigger a kind, then apply ACLED precedence; one event per kind
    (see :mod:`conflictgeo.extract.subtypes`)."""
    return type_triggers(text, triggers, actors, deaths)


def _displacement_route(text: str, offset: int, trig: Trigger, local: list[Mention]) -> list[str]:
    """Origin and destination of displaced people, when the sentence names them."""
    origin, destination = _route(text, offset, local)
    route = []
    if origin:
        route.append(f"displaced from {origin.text}")
    if destination:
        route.append(f"displaced to {destination.text}")
    return route


def _route(
    text: str, offset: int, local: Sequence[Mention]
) -> tuple[Mention | None, Mention | None]:
    """The mentions a sentence names as where displaced people came from and went."""
    origin = destination = None
    for m in local:
        if m.role != "location":
            continue
        before = text[max(0, m.start - offset - 60) : m.start - offset]
        if origin is None and _ORIGIN.search(before):
            origin = m
        elif destination is None and _DESTINATION.search(before):
            destination = m
    return origin, destination


def _speech_source(text: str) -> str | None:
    """Who the sentence says reported it: "the Observatory", "local officials".

    >>> _speech_source("Clashes went on, while opposition activists said the town fell.")
    'opposition activists'
    >>> _speech_source("A rights group said Houthi gunmen had abducted nine men.")
    'A rights group'
    >>> _speech_source("Heavy clashes were reported in the north.") is None
    True
    """
    for m in _SPEECH_SOURCE.finditer(text):
        found = next(g for g in m.groups() if g is not None)
        source = _SOURCE_TAIL.sub("", _SOURCE_OPENERS.sub("", found.strip()))
        words = source.lower().split()
        if not words or _NOT_A_SOURCE.intersection(words) or words[0].isdigit():
            continue
        if _EVENT_NOUN.search(source) or words in (["and"], ["but"], ["or"], ["while"]):
            continue
        if m.group("d") is not None and {"and", "but", "or"} & set(words):
            continue  # "Jets struck and the Observatory said": a clause, not a speaker
        return source
    return None


def _nearest_trigger(typed: list[tuple[str, Trigger]], phrase: str, text: str) -> Trigger | None:
    """The trigger a figure belongs to: the closest one before it, else the first."""
    pos = text.find(phrase)
    before = [t for _, t in typed if t.start <= pos]
    return max(before, key=lambda t: t.start) if before else typed[0][1]


class _Roles(NamedTuple):
    """The two sides of an event as ACLED names them."""

    actor1: str | None
    assoc1: str | None
    inter1: int | None
    actor2: str | None
    assoc2: str | None
    inter2: int | None
    guessed: tuple[bool, bool] = (False, False)  # filled in by rule, not named in the text


_PROTESTS = ("protest", "protest_with_intervention")
_RIOTS = ("riot", "mob_violence")
_ON_CIVILIANS = ("attack_on_civilians", "abduction", "sexual_violence")
# Unattributed bombs and grenades: ACLED codes an unidentified armed group.
_UNATTRIBUTED = ("explosive_device", "suicide_bombing", "grenade")
# Events whose unnamed perpetrator a report may name elsewhere ("Al Shabaab claimed
# responsibility"); never air strikes (armed groups have no aircraft) nor crowds.
_ATTRIBUTABLE = (*_ON_CIVILIANS, *_UNATTRIBUTED, "armed_clash", "shelling", "looting")
# The agent of a passive trigger, between the trigger and the agent: "killed by
# police", "shot dead on Monday by suspected Al Shabaab", "attacked by a group of".
_PASSIVE = re.compile(
    r"^(?:\s+[\w-]+){0,4}?\s+by\s+(?:the\s+|a\s+|an\s+|some\s+|suspected\s+|alleged\s+|"
    r"a group of\s+|members of (?:the\s+)?|(?:two|three|four|five|several|\d+)\s+)?$",
    re.IGNORECASE,
)
# ("as" too often a preposition, "coded as shelling", to end a subject's reach)
_SUBORDINATE_START = re.compile(r"\b(?:after|when|while|before|since|until)$", re.I)
# A speaker: "officials said", "according to the police".
_SAYS = re.compile(
    r"(?:\s+and\s+[\w\s-]{1,30}?)?\s+(?:said|says|told|reported|claimed|stated|announced|"
    r"confirmed)\b(?!\s+(?:that\s+)?(?:they|it|its|their|he|she)\b)"
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)


def _speaks(text: str, a: Actor) -> bool:
    return bool(_SAYS.match(text, a.end) or _ACCORDING.search(text, max(0, a.start - 20), a.start))


_AND = re.compile(r"\s+and\s+(?:the\s+)?$", re.I)
# Whom a crowd turned on: "clashed with police", "stoned a police post".
_AGAINST = re.compile(
    r"\b(?:attack\w*|clash\w* with|fought|against|target\w*|ston\w*|torch\w*|beat\w*|"
    r"lynch\w*|chas\w*|pelt\w*|confront\w*)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_PARTNER = re.compile(
    r"\b(?:led|backed|supported|aided|joined|assisted) by\s+(?:the\s+)?$|\b(?:alongside|"
    r"together with|with the (?:support|help|backing) of|including|allied with)\s+(?:the\s+)?"
    r"(?:\w+\s+(?:from|of)\s+(?:the\s+)?)?$",
    re.I,
)


# "... killed when raiders attacked": the subject of a clause after the trigger.
_SUBORDINATE = re.compile(r"\b(?:when|after|as|while)\s+(?:the\s+|a\s+|suspected\s+)?$", re.I)
# States whose air force ACLED names as its own actor, whatever the report calls the attacker.
_AIR_FORCE_ACTORS = {"RU", "UA"}
# "clashes between X and Y": both sides follow the trigger.
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)


def _event_country(where: Located, country: tuple[str, str] | None) -> str | None:
    """The country an event's actors are named for: its place's, else its actors'."""
    if where.place is not None and where.place.country_code:
        return where.place.country_code
    return country[0] if country else None


def _roles(
    kind: str,
    trig: Trigger,
    actors: list[Actor],
    text: str,
    country: str | None,
    date: DateRange | None,
    report: Sequence[Actor] = (),
    report_text: str = "",
) -> _Roles:
    """Actor 1 (who acted) and actor 2 (against whom), named as ACLED names them.

    Demonstrators are the protesters of a protest and the rioters of a riot, whoever
    the words say they are (who they are is the associated actor); victims of
    violence against civilians are ``Civilians (COUNTRY)``; unnamed perpetrators
    of it, and of bombs, an ``Unidentified Armed Group (COUNTRY)``. A side the
    sentence leaves out may come from the ``report``'s other sentences ("Police
    dispersed them."): the police of a riot, the other side of a clash.
    """
    day = date.event_date if date else None
    # Who only speaks ("local officials said", "according to the police") takes no side.
    actors = [a for a in actors if not _speaks(text, a)]
    report = [a for a in report if a not in actors]

    def named(a: Actor | None) -> Named | None:
        return acled_name(a, country, day) if a is not None else None

    def side(name: str, group: str = "") -> Named:
        return crowd(name, country, group)

    guesses: list[Named] = []  # sides filled in by rule, not named in the text

    def guess(n: Named) -> Named:
        guesses.append(n)
        return n

    def police() -> Named:
        return guess(acled_name(_POLICE_OF_COUNTRY, country, day))

    # Herders who attack ("pastoralists attacked a village") are a communal militia.
    actors = [_armed_herders(a, trig, text) for a in actors]
    agent, others = _agent(trig, actors, text)
    if kind in _ATTRIBUTABLE and (agent is None or agent.is_unidentified):
        # "Two masked men ... It is believed the attackers were Al Shabaab."
        blamed = attributed(text) or (attributed(report_text) if report_text else None)
        if blamed is not None:
            others = [a for a in others if a.name != blamed.name]
            if agent is not None and agent.start >= trig.end:
                others = [agent, *others]
            agent = blamed
    people = [a for a in actors if a.type == "civilians" and a is not agent]
    victims = [a for a in people if a.start >= trig.end] or people
    group = next((a.group for a in people if a.group and a.name == CIVILIANS), "")
    elsewhere = list(report)
    state = next((a for a in actors if a.force in (MILITARY, POLICE)), None)
    if state is None and kind in (*_PROTESTS, *_RIOTS, "excessive_force", "arrest"):
        state = next((a for a in elsewhere if a.force in (MILITARY, POLICE)), None)
    if kind != "disrupted_weapons":  # aircraft are struck only when shot down
        others = [a for a in others if not a.aircraft]
    # (an actor inside the trigger phrase, "pushed the Houthis back", is its object too)
    target = next((a for a in others if a.start > trig.start), None)
    if target is None and agent is not None and agent.start >= trig.end:
        target = next(iter(others), None)  # passive: "two soldiers were killed by IS"
    if target is None and kind in BATTLES and agent is not None:
        # "Houthi fighters and tribesmen fought": the other side shares the subject.
        target = next((a for a in others if _AND.match(text, agent.end, a.start)), None)
    # "rebels, led by Al Qaeda-aligned militias, seized": the agent's partner (ACLED's
    # associated actor), not a side.
    partner = next((a for a in others if agent is not None and a.start > agent.end
                    and _PARTNER.search(text, agent.end, a.start)), None)  # fmt: skip
    if partner is not None:
        others = [a for a in others if a is not partner]
        if target is partner:
            target = None
    if kind in BATTLES and agent is not None and agent.unit == "Air Force":
        agent = dataclasses.replace(agent, unit="")  # a ground battle is the forces' own
    one: Named | None
    two: Named | None
    # A named group the demonstrators belong to ("ODM supporters rioted"), else who they are.
    member = next((a for a in others if a.start < trig.start and a.type == "nonstate"), None)
    if kind in _PROTESTS:
        who = next((a.group for a in people if a.group and a.start < trig.end), group)
        one = side(PROTESTERS, who)
        if member is not None:
            one = dataclasses.replace(one, assoc=acled_name(member, country, day).name)
        two = None
        if kind == "protest_with_intervention":
            two = named(state) or police()
    elif kind == "excessive_force":
        one = named(state) or police()
        two = side(PROTESTERS, group)
    elif kind in _RIOTS:
        who = next((a.group for a in people if a.group and a.start < trig.end), "")
        one = side(RIOTERS, who)
        if member is not None:
            one = dataclasses.replace(one, assoc=acled_name(member, country, day).name)
        # The police who met the riot (in another sentence, maybe), else whom it hit;
        # a group only named in passing ("the wife of a Mungiki leader") is neither.
        armed = state if kind == "riot" else None
        armed = armed or next(
            (a for a in actors if a.type in ("state", "nonstate") and a is not member
             and a.start > trig.start and _AGAINST.search(text, max(0, a.start - 40), a.start)),
            None,
        )  # fmt: skip
        if armed is not None:
            two = named(armed)
        elif kind == "mob_violence" or any(a.start >= trig.end for a in people):
            two = side(CIVILIANS, next((a.group for a in victims if a.group), ""))
        else:
            two = None
    elif kind in _ON_CIVILIANS:
        one = named(agent) or guess(side(UNIDENTIFIED))
        if target is not None and not any(a.start >= trig.end for a in people):
            two = named(target)  # "gunmen killed a police officer"
        else:
            two = side(CIVILIANS, next((a.group for a in victims if a.group), ""))
            if not people:
                guess(two)
    elif kind == "displacement":
        near = min(people, key=lambda a: abs(a.start - trig.start), default=None)
        one = side(CIVILIANS, near.group) if near is not None else None
        two = None
    else:
        if (
            kind == "air_strike"
            and agent is not None
            and agent.force == MILITARY
            and not agent.unit
            and (agent.country or country) in _AIR_FORCE_ACTORS
        ):
            agent = dataclasses.replace(agent, unit="Air Force")  # ACLED: the air force struck
        one = named(agent)
        if one is None and kind in _UNATTRIBUTED:
            one = guess(side(UNIDENTIFIED))
        two = named(target)
        if kind == "armed_clash":  # a clash has two sides, unnamed ones unidentified
            if two is None:
                other = next((a for a in elsewhere if a.type in ("state", "nonstate")
                              and (agent is None or a.name != agent.name)), None)  # fmt: skip
                two = named(other)
            if two is None and agent is not None and any(a.start >= trig.end for a in people):
                # "gunmen killed three people": the victims, whatever the kind says
                two = side(CIVILIANS, next((a.group for a in victims if a.group), ""))
            one = one or guess(side(UNIDENTIFIED))
            if two is None and agent is not None and agent.name == IDENTITY:
                two = guess(named(dataclasses.replace(agent, group="")))  # type: ignore[arg-type]
            two = two or guess(side(UNIDENTIFIED))
        remote = kind in (*_REMOTE, "grenade", "chemical_weapon")
        if two is None and remote:  # the victims, in this sentence or the paragraph's next
            acted = agent.name if agent is not None else ""
            hurt = people or [
                a
                for a in _paragraph_actors(report_text)
                if a.name == CIVILIANS or (a.force and not a.aircraft and a.name != acted)
            ]
            first = hurt[0] if hurt else None
            if first is not None and first.force:
                two = named(first)  # "three Ukrainian soldiers were wounded"
            elif first is not None:
                two = side(CIVILIANS, next((a.group for a in hurt if a.group), ""))
        if two is None and kind == "arrest" and people:
            two = side(CIVILIANS, group)
        if one is None and kind == "arrest":
            one = police()
    if partner is not None and one is not None and not one.assoc and one.name != CIVILIANS:
        one = dataclasses.replace(one, assoc=acled_name(partner, country, day).name)
    return _Roles(
        one.name if one else None,
        one.assoc if one else None,
        one.inter if one else None,
        two.name if two else None,
        two.assoc if two else None,
        two.inter if two else None,
        (any(g is one for g in guesses), any(g is two for g in guesses)),
    )


@functools.lru_cache(maxsize=64)
def _paragraph_actors(text: str) -> tuple[Actor, ...]:
    """The actors of a paragraph, sentences without a trigger included (cached: the
    events of one paragraph ask in turn)."""
    return tuple(find_actors(text)) if text else ()


def _armed_herders(a: Actor, trig: Trigger, text: str) -> Actor:
    """Pastoralists who act, rather than suffer, are ACLED's communal militia."""
    if a.group != "Pastoralists" or a.name != CIVILIANS:
        return a
    acting = a.start < trig.start and clause_start(text, trig.start) <= a.start
    between = a.start >= trig.end and _BETWEEN.search(text, 0, a.start)
    if not (acting or between):
        return a
    return dataclasses.replace(a, name=IDENTITY, type="nonstate", group="")


# "Police" with no country: the police of the event's country.
_POLICE_OF_COUNTRY = Actor(POLICE, "state", 0, 0, "", force=POLICE)


def _agent(trig: Trigger, actors: list[Actor], text: str) -> tuple[Actor | None, list[Actor]]:
    """Who acted (the agent of a passive trigger, "killed by police", else the armed
    subject of the trigger's clause, else the nearest armed actor before it), and
    the other armed actors in the sentence."""
    armed = [a for a in actors if a.type in ("state", "nonstate", "unknown")]
    by = next(
        (a for a in armed if a.start >= trig.end and _PASSIVE.match(text[trig.end : a.start])),
        None,
    )
    clause = clause_start(text, trig.start)
    subject = [a for a in armed if clause <= a.start < trig.start]
    # Past a subordinate clause's start ("sent troops after fighting between ...") the
    # actors before it are another verb's; past ", and" they may be this one's too.
    subordinate = bool(clause and _SUBORDINATE_START.search(text, max(0, clause - 8), clause))
    before = [] if subordinate else [a for a in armed if a.start < trig.start]
    agent = by or (subject[0] if subject else before[-1] if before else None)
    if agent is None:  # "Nine people were killed when raiders attacked a village"
        agent = next(
            (a for a in armed if a.start >= trig.end and _SUBORDINATE.search(text, 0, a.start)),
            None,
        )
    if agent is None:
        after = [a for a in armed if a.start >= trig.end]
        if after and _BETWEEN.search(text, 0, after[0].start):
            agent = after[0]  # "clashes between the police and gunmen"
    others = [a for a in armed if a is not agent and (agent is None or a.name != agent.name
              or a.group != agent.group)]  # fmt: skip
    return agent, others


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
    carried: Callable[[], Located | None] | None = None,
) -> tuple[Located, bool]:
    """The place the event's clause attaches to, or the report's focus area.

    ``country`` (ISO code, and the actor implying it) re-reads a name resolved
    to another country, or not resolved, in that country; ``named`` are the
    countries the report names, whose places are kept as resolved. ``carried``
    gives the place of an earlier sentence of the paragraph, for a sentence
    that names none ("Traders protested in X. They blocked a road.").
    """
    usable = [m for m in local if m.role == "location"]
    if country is not None:
        usable = [_in_country(m, country, named, gazetteer) for m in usable]
        if focus.place is None:
            focus = _country_focus(focus, country, gazetteer)
    if not usable:
        earlier = carried() if carried is not None else None
        return (earlier or focus), False
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
        s += _SPECIFICITY.get(_feature_class(m, text, offset, gazetteer), 3) if m.place else 3
        if m.place is not None and m.place.is_country:
            s -= 2.0
        if rel < trig.start and kind != "displacement" and _PROVENANCE.search(before):
            s -= 2.0  # "farmers from X stormed an office in Y": where the actors come from
        if m.place is None and m.within is None and any_resolved:
            s -= 2.5  # "the Bab Touma district of Damascus": the known place places it
        if _FACILITY_AFTER.match(text, m.end - offset) and others_resolved(m):
            s -= 2.5  # "the Reina nightclub in Istanbul": the town places it
        if _far_part_of(m) and others_resolved(m):
            s -= 2.5  # "the Karrada district of Baghdad", Karrada a namesake far away
        if any(r.startswith(AREA_OF) for r in m.reasons):
            s -= 3.0  # "Salma (Haffa, Latakia)": Haffa and Latakia only say where Salma is
        if CODED_TO in m.reasons:
            s += 3.0  # the coder says where the event is
        elif any(r.endswith(STATED_AREA) for r in m.reasons):
            s += 1.0  # a name given with its district or province is the one located
        s -= abs(rel - trig.start) / 100
        return s

    best = max(usable, key=score)
    went = ""
    if kind == "displacement":
        # People leaving a named town are placed there; where they went is the
        # place only when the sentence names no other ("fled to Latakia").
        origin, destination = _route(text, offset, usable)
        if origin is not None and (origin.place or origin.within):
            best, went = origin, " (where the displaced came from)"
        elif best is destination and len(usable) > 1:
            best = max((m for m in usable if m is not destination), key=score)
        elif best is destination:
            went = " (where the displaced went)"
    rel = best.start - offset
    near = bool(_NEAR.search(text[max(0, rel - 40) : rel])) or bool(
        _PART_AFTER.match(text, best.end - offset)
    )
    if best.place is None:
        if best.within is not None:
            # A name the gazetteer lacks, at the district or province the text puts it in.
            area = area_of_place(best.within)
            return Located(
                area.place,
                best.text,
                area.geo_precision,
                area.where_prec,
                f"'{best.text}' is not in the gazetteer; placed at the enclosing "
                f"{area.place.name} ({_area_word(area.place)})",
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
    # "coded to X": the coder's approximate location for an event near it.
    geo, where, what = _precision(place, near or CODED_TO in best.reasons)
    if geo == 1 and best.hint == "district":
        # "in Haffa district" where the gazetteer has only the town: the district's
        # seat stands for it (ACLED precision 2).
        geo, where, what = 2, 3, "district (at the town that names it)"
    reason = f"{what} '{best.text}' in the event's sentence"
    if best.reasons and best.reasons[-1].startswith("read in "):
        reason += f" ({best.reasons[-1]})"
    return Located(place, best.text, geo, where, reason + went), True


@dataclass(frozen=True, slots=True)
class _Context:
    country: tuple[str, str] | None  # (ISO code, actor) the report's actors imply
    named: frozenset[str]  # countries the report names ("Syria", "Iraqi")
    actors: Mapping[int, tuple[Actor, ...]] = field(default_factory=dict)  # by paragraph
    # Each event sentence with the two before and after it in its paragraph: where a
    # report names a perpetrator or the victims apart ("Al Shabaab claimed it.").
    nearby: Mapping[int, str] = field(default_factory=dict)


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
    # The area the text itself puts the name in ("Hays, Texas") outweighs the actors.
    area = area_of_place(m.within) if m.within is not None else None
    if area is not None and area.place.country_code != cc:
        return m
    key = name_key(m.text)
    found = [c.place for c in gazetteer.lookup([key]).get(key, ()) if c.place.country_code == cc]
    if not found and m.place is None:  # a spelling variant: "Sweida", "Bashiqa"
        found = [c.place for c in gazetteer.lookup_variants([key], countries=[cc]).get(key, ())]
    if area is not None:
        found = [p for p in found if area.contains(p)]
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


def _carried_place(
    sentences: Sequence[Sentence], index: int, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> Located | None:
    """The place of the nearest earlier sentence of the paragraph that names one."""
    sentence = sentences[index]
    for earlier in reversed(sentences[:index]):
        if earlier.paragraph != sentence.paragraph:
            return None
        local = [
            m
            for m in mentions
            if earlier.start <= m.start < earlier.end
            and m.role == "location"
            and (m.place is not None or m.within is not None)
            and not _GROUP_AFTER.match(earlier.text, m.end - earlier.start)
        ]
        if local:
            start = Trigger("", 0, 0, "", False)  # no trigger there: the clause is the sentence
            where, _ = _locate("", start, earlier.text, earlier.start, local, _NOWHERE, gazetteer)
            if where.place is None:
                return None
            return dataclasses.replace(
                where,
                reason=f"no place named in the sentence; carried from an earlier one: "
                f"{where.reason}",
            )
    return None


_NOWHERE = Located(None, "", None, 6, "")


def _feature_class(m: Mention, text: str, offset: int, gazetteer: Gazetteer) -> str:
    """The feature class ``m`` is placed as: a division a town shares its name with,
    said without its type word ("in Nairobi", Nairobi City county), is the town."""
    place = m.place
    assert place is not None
    if (
        place.feature_code.startswith("ADM")
        and m.hint != "province"
        and not _AREA_CUE.match(text, m.end - offset)
        and _town_of_same_name(m, gazetteer) is not None
    ):
        return "P"
    return place.feature_class


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
    if place.is_admin1:
        return "province"
    return "district" if place.feature_code.startswith("ADM") else "the town naming its district"


def _focus_area(mentions: Sequence[Mention], gazetteer: Gazetteer) -> Located:
    """Where a report's events are placed when their sentence names no place."""
    # A name the gazetteer lacks counts for the province the text puts it in.
    located = [
        m.place or m.within
        for m in mentions
        if m.role == "location" and (m.place is not None or m.within is not None)
    ]
    admin1 = Counter(p.admin1_key for p in located if p is not None and p.admin1_key)
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
    if both_dated and a.date.time_precision != b.date.time_precision:
        # "on Monday" and "last week": a sentence that states a time of another
        # precision tells of another time, even when the week holds the day.
        return False
    if a.place_own and b.place_own:
        pa, pb = a.where.place, b.where.place
        if pa is not None and pb is not None and not (_contains(pa, pb) or _contains(pb, pa)):
            # "near X" / "60 km west of X" only points at the area: a town close by fits
            near = 2 in (a.where.geo_precision, b.where.geo_precision)
            if not (near and haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= _NEAR_KM):
                return False
    # Actors filled in by rule, or unidentified ones, are no side named differently.
    named_apart = (
        a.actor1 != b.actor1
        and not (a.guessed[0] or b.guessed[0])
        and not any(n and n.startswith("Unidentified") for n in (a.actor1, b.actor1))
    )
    return not (a.actor1 and b.actor1 and named_apart)


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
    # A side the host lacks, or only guessed, is taken from a sentence that names it.
    if d.actor1 and (host.actor1 is None or (host.guessed[0] and not d.guessed[0])):
        host.actor1, host.assoc_actor_1, host.inter1 = d.actor1, d.assoc_actor_1, d.inter1
        host.guessed = (d.guessed[0], host.guessed[1])
    if d.actor2 and (host.actor2 is None or (host.guessed[1] and not d.guessed[1])):
        host.actor2, host.assoc_actor_2, host.inter2 = d.actor2, d.assoc_actor_2, d.inter2
        host.guessed = (host.guessed[0], d.guessed[1])
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
        assoc_actor_1=d.assoc_actor_1,
        assoc_actor_2=d.assoc_actor_2,
        inter1=d.inter1,
        inter2=d.inter2,
    )


def _crowd_as(d: _Draft, kind: str) -> None:
    """The crowd of a demonstration retyped by the worst done at it is named as
    ACLED names that type's crowd: "Protesters (X)" at a protest, "Rioters (X)"
    at a riot (inter 6 / 5); lethal force against it puts the forces first."""
    crowd = PROTESTERS if kind in (*_PROTESTS, "excessive_force") else None
    crowd = RIOTERS if kind in _RIOTS else crowd
    if crowd is None:
        return
    code = 6 if crowd == PROTESTERS else 5
    for side in ("1", "2"):
        name = getattr(d, f"actor{side}")
        head, _, rest = (name or "").partition(" (")
        if head in (PROTESTERS, RIOTERS):
            setattr(d, f"actor{side}", f"{crowd} ({rest}" if rest else crowd)
            setattr(d, f"inter{side}", code)
    if kind == "excessive_force" and (d.actor1 or "").startswith(crowd):
        d.actor1, d.actor2 = d.actor2, d.actor1
        d.assoc_actor_1, d.assoc_actor_2 = d.assoc_actor_2, d.assoc_actor_1
        d.inter1, d.inter2 = d.inter2, d.inter1
        d.guessed = (d.guessed[1], d.guessed[0])
