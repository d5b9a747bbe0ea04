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
from conflictgeo.extract.dates import find_dates
from conflictgeo.extract.kinds import KINDS, Trigger, find_triggers
from conflictgeo.extract.numbers import find_deaths, find_displaced, find_territory
from conflictgeo.extract.subtypes import escalate_protests, type_triggers
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
# Where displaced people came from and went: "fled Kessab for Latakia".
_ORIGIN = re.compile(
    r"\b(?:fled|flee(?:ing)?|from|left|out of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
_DESTINATION = re.compile(
    r"\b(?:to|towards?|into|for|in|reached|arrived in|sought refuge in|took refuge in)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
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
    dates_of = [find_dates(s.text, doc.published) for s in sentences]
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
        # The event's own date first; the start of a period ("since 26 August") next;
        # the day a source spoke ("the ministry said on 3 September") last.
        stated = (
            min(
                dates,
                key=lambda d: (
                    bool(_SPEECH_DATE.search(sentence.text, 0, d.start)),
                    d.since,
                    d.range.time_precision,
                    d.start,
                ),
            ).range
            if len(dates) > 1
            else (dates[0].range if dates else None)  # one date: no ranking to do
        )
        triggers = triggers_of[index]
        if triggers:
            if stated is not None:
                date, date_own = stated, True
            elif last_date and last_date[0] == sentence.paragraph:
                date, date_own = (
                    dataclasses.replace(
                        last_date[1], rule=f"carried from an earlier sentence: {last_date[1].rule}"
                    ),
                    False,
                )
            else:
                date, date_own = _publication_week(doc.published), False
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
        elif drafts and drafts[-1].paragraph == sentence.paragraph:
            _toll_only(drafts[-1], index, sentence)
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
        d.kind = kind
    merged = _merge(drafts)
    return [day for d in merged for day in _campaign_days(_finish(doc, d))]


# A campaign of known days ("on 26 and 27 July", "from 10 to 12 August") is one
# event per day (ACLED; ONTOLOGY.md), up to a week; a longer span is one event
# with its range in date_start/date_end, as its days are not each known to
# have seen fighting. Displacement is not split: people flee once.
CAMPAIGN_MAX_DAYS = 7


def _campaign_days(event: Event) -> list[Event]:
    """``event`` split into one event per day of its campaign; the toll is shared
    out evenly, the remainder to the first days (ACLED)."""
    d = event.date
    if d is None or d.time_precision != 1 or d.start == d.end or event.kind == "displacement":
        return [event]
    n = (d.end - d.start).days + 1
    if n > CAMPAIGN_MAX_DAYS:
        return [event]
    out = []
    for i in range(n):
        day = d.start + dt.timedelta(days=i)
        rule = f"day {i + 1} of {n} of a campaign ({d.text})"
        out.append(
            dataclasses.replace(
                event,
                event_id=event.event_id if i == 0 else f"{event.event_id[:13]}d{i:02d}",
                date=DateRange(day, day, day, 1, 1, d.text, rule),
                casualties=_share(event.casualties, i, n),
            )
        )
    return out


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


def _toll_only(prev: _Draft, index: int, sentence: Sentence) -> None:
    """A sentence with a death toll and no trigger ("11 fatalities.") completes the
    event just before it in the paragraph, if that one has no figure yet."""
    if prev.casualties is not None or index - prev.sentence > 1:
        return
    deaths = find_deaths(sentence.text)
    if deaths is None or deaths.best is None:
        return
    prev.casualties = deaths
    prev.evidence.append(sentence.text)
    prev.end = max(prev.end, sentence.end)
    prev.notes.append(f"toll from sentence {index + 1} (a toll-only sentence)")


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
    deaths = find_deaths(text)
    typed = _type_triggers(text, triggers, actors, deaths)
    if not typed:
        return []
    # Figures only the events of some kinds carry (the patterns are costly).
    kinds = {kind for kind, _ in typed}
    displaced, displaced_text = find_displaced(text) if "displacement" in kinds else (None, None)
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
    death_owner = _nearest_trigger(typed, deaths.text, text) if deaths else None
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
                displaced=displaced if kind == "displacement" else None,
                displaced_text=displaced_text if kind == "displacement" else None,
                notes=notes,
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
    start = published - dt.timedelta(days=6)
    return DateRange(
        start, published, published, 2, 3, "", "no date in the text: the week before publication"
    )


# ----------------------------------------------------------------------- merging


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Merge drafts of one event told over nearby sentences.

    A sentence that only reports deaths ("At least 12 people were killed.")
    gives its toll to the event just before it in the paragraph.
    """
    out: list[_Draft] = []
    for d in drafts:
        if d.trigger.kind == "kill" and out:
            prev = out[-1]
            if (
                prev.paragraph == d.paragraph
                and d.sentence - prev.sentence <= 1
                and prev.casualties is None
                and d.casualties is not None
            ):
                prev.casualties = d.casualties
                prev.evidence.extend(d.evidence)
                prev.end = max(prev.end, d.end)
                prev.notes.append(f"toll from sentence {d.sentence + 1} (a toll-only sentence)")
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
