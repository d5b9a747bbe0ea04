"""Toponym resolution: pick each toponym's place from its candidates, with context.

Each candidate gets a score from priors (population, feature type, whether the
name is the place's main name) and context (the document's country focus, an
enclosing place named nearby, a feature hint from a cue, closeness to the
other places the document names). Scores become a probability by softmax, so
a mention's ``score`` says how sure the choice is; ``reasons`` say what decided it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from conflictgeo.gazetteer.index import Candidate, Gazetteer
from conflictgeo.gazetteer.names import name_key
from conflictgeo.gazetteer.sources import transliterated_countries
from conflictgeo.geoparse.distance import haversine_radians_km
from conflictgeo.geoparse.fragments import far_fragments, fragment_names
from conflictgeo.geoparse.hierarchy import area_countries, within
from conflictgeo.geoparse.recognize import Toponym
from conflictgeo.model import Mention, Place

_FEATURE_PRIOR = {
    "PCLI": 2.0,
    "PCLD": 1.5,
    "PCLS": 1.5,
    "PCLF": 1.5,
    "PCL": 1.5,
    "ADM1": 0.6,
    "PPLC": 1.2,
    "PPLA": 0.8,
    "PPLA2": 0.4,
    "PPLA3": 0.2,
    "ADM2": 0.2,
    "PPL": 0.0,
    "PPLX": -0.3,
    "PPLL": -0.3,
    "PPLQ": -1.0,
    "PPLH": -1.0,
    # A world region ("the Middle East", "the Gulf") named bare is the region.
    "RGN": 1.0,
}
_HINT_FIT = {
    # hint -> feature class -> bonus
    "village": {"P": 1.0, "A": -2.0},
    "town": {"P": 1.0, "A": -2.0},
    "city": {"P": 1.5, "A": -2.0},
    "province": {"A": 2.5, "P": -1.5},
    "district": {"A": 2.0, "P": -1.0},
    "country": {"A": 2.5, "P": -2.0},
}
VARIANT_MIN_SIMILARITY = 75  # rapidfuzz ratio of the name keys, 0-100
# Share of the other names' country votes a country needs for a name with no
# reading in it to be looked up there by its spelling (_add_home_spellings).
_HOME_FOCUS = 0.5
_WELL_KNOWN = 100_000  # people: a city news names anywhere
# Penalty for an exact namesake abroad of a name that also has spellings in the
# report's country: Jaru in Brazil, in a report from the Aleppo countryside.
_ABROAD = 2.0
# Weight of a country named in the country focus (its demonym or another
# well-known place: 1; a small place, whose namesakes abroad are many: 0.5).
_COUNTRY_VOTE = 2.0
_SMALL_VOTE = 0.5
_VARIANT_FOCUS = 0.3  # share of the document's evidence a variant's country needs
# Weight of the home region's share (0-1) in a candidate's score: as strong as
# the country focus, so a namesake in the region the report keeps naming beats
# a bigger namesake elsewhere (Paris, Texas, in a Texan paper).
_HOME_WEIGHT = 3.0
# Penalty for a second- or third-level division named without its type word.
_BARE_DISTRICT = 1.5
_DISTRICTS = frozenset({"ADM2", "ADM3", "ADM4"})
# Bonus for a town whose county the document names, and for that county: news
# names a county and its towns bare anywhere in a story ("Paris ... Henry
# County"), and of all the namesake pairs usually one town lies in one county.
_COUNTY_PAIR = 2.0
# Weight of a name inside an organisation's name in the home region's vote:
# a body named after a place is mostly that place's ("Woodstock District
# Chamber of Commerce"), but teams and papers travel ("Texas Rangers").
_ASSOCIATIVE_VOTE = 0.5
# Bonus for each other name of the document that has a namesake near a
# candidate (fading out over _CLUSTER_KM), scaled by 1/sqrt(its namesakes'
# count): local news names towns that lie close together (New London, Mount
# Pleasant and Winfield, Iowa), though each is common. The bonus is capped.
_CLUSTER_WEIGHT = 0.7
_CLUSTER_KM = 120.0
_CLUSTER_CAP = 2.0
_CLUSTER_TOP = 25  # namesakes per name, by prior, that may lend support
_CLUSTER_BATCH_CELLS = 2_000_000  # distances measured at once per report (16 MB)
# Penalty for a first-level division named bare whose name is also that of its
# main city (its seat, or a town of _CITY_SHARE of its people): news means the city.
_PROVINCE_OF_CITY = 2.0
_CITY_SHARE = 0.1
_AREA_HINTS = frozenset({"province", "district", "country"})
# Below this, a single-word name with no context support is not taken as a place.
_MIN_PLAUSIBLE = 0.8


def resolve(
    toponyms: list[Toponym],
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    keep_weak: bool = False,
    text: str | None = None,
) -> list[Mention]:
    """Resolve ``toponyms`` (of one document) to :class:`Mention` objects.

    ``country`` (ISO 3166-1 alpha-2) is a user hint: only candidates in that
    country are considered; ``bbox`` (min lon, min lat, max lon, max lat) keeps
    only candidates inside it. ``keep_weak`` keeps lone words with little
    support (when the caller already knows they are places). With the
    document's ``text``, a name cut out of a longer capitalised name stands only
    if the rest of the report vouches for it (:mod:`conflictgeo.geoparse.fragments`).
    """
    _restrict(toponyms, country, bbox)
    _drop_code_clashes(toponyms)
    # Variants do not vote, so the votes hold after they get their candidates.
    votes = _country_votes(toponyms)
    _add_variant_candidates(toponyms, gazetteer, _shares(votes.values()))
    _restrict(toponyms, country, bbox)
    home = _HomeRegion(toponyms)
    others = _focus_without_self(toponyms, votes)
    anchors = _Anchors(_anchors(toponyms), toponyms)
    cluster = _Cluster(toponyms)
    pairs = _CountyPairs(toponyms)
    # After the context is taken, so that these spellings lend it nothing.
    at_home = _add_home_spellings(toponyms, gazetteer, others)
    if at_home:
        _restrict(toponyms, country, bbox)
    by_key = {t.key: t for t in toponyms if t.candidates}
    memo: dict[tuple[object, ...], tuple[tuple[Candidate, ...], list]] = {}
    args = (home, pairs, anchors, by_key, gazetteer, keep_weak, memo, cluster)
    firsts: dict[int, tuple[list, Place | None]] = {}
    # Probabilities by scored list: repeated names share one (``firsts`` and the
    # memos keep every list alive, so no id is reused while this dict lives).
    probs: dict[int, float] = {}
    mentions = [
        _resolve_one(t, others[t.key], *args, firsts=firsts, probs=probs, at_home=at_home)
        for t in toponyms
    ]
    # Second pass: the ambiguous names' first-pass scores with the divisions the
    # first pass put the other names in (see _Picked).
    picked = _Picked(toponyms, mentions, at_home)
    if picked.total:
        for n, t in enumerate(toponyms):
            first = firsts.get(id(t))
            if first is not None and len(first[0]) > 1:
                scored, encloser = first
                rescored = picked.rescore(t.key, scored)
                if rescored is not scored:  # else the first pass's mention stands
                    mentions[n] = _mention(t, rescored, encloser, keep_weak, probs)
    if text is not None:
        mentions = far_fragments(toponyms, mentions, fragment_names(toponyms, text))
    return [m for m in mentions if m is not None]


def _restrict(
    toponyms: list[Toponym], country: str | None, bbox: tuple[float, float, float, float] | None
) -> None:
    """Keep only the candidates inside the user's country and bounding box."""
    for t in toponyms:
        if country:
            t.candidates = tuple(c for c in t.candidates if c.place.country_code == country)
        if bbox:
            west, south, east, north = bbox
            t.candidates = tuple(
                c
                for c in t.candidates
                if west <= c.place.lon <= east and south <= c.place.lat <= north
            )


def _add_variant_candidates(
    toponyms: list[Toponym], gazetteer: Gazetteer, focus: dict[str, float]
) -> None:
    """Give names no exact key matched the places whose spelling skeleton matches.

    Only in the document's focus countries, the only ones a variant is trusted
    in (see ``_resolve_one``); candidates must also resemble the name as
    written (rapidfuzz ratio of the keys, :data:`VARIANT_MIN_SIMILARITY`).
    """
    lacking = [t for t in toponyms if t.variant and not t.candidates]
    countries = [cc for cc, share in focus.items() if share >= _VARIANT_FOCUS]
    # and in the country of an area the text puts the name in ("X, Y province")
    countries += [cc for cc in area_countries(lacking) if cc not in countries]
    if not lacking or not countries:
        return
    table = gazetteer.lookup_variants(
        (t.key for t in lacking), countries=countries, min_similarity=VARIANT_MIN_SIMILARITY
    )
    for t in lacking:
        cands = table.get(t.key, ())
        if cands:
            t.candidates = cands
            t.reasons.append(f"spelling variant of {cands[0].place.name}")


def _add_home_spellings(
    toponyms: list[Toponym], gazetteer: Gazetteer, focus: dict[str, dict[str, float]]
) -> set[tuple[str, int]]:
    """Give a name whose every reading lies abroad the spelling variants it has in
    the country the rest of the report points to.

    "Al Mansoura ..., Raqqa governorate, Syria" matches towns in Algeria and
    Egypt exactly, and Syria's al-Mansurah only by its spelling skeleton: in a
    report whose other names lie in Syria (:data:`_HOME_FOCUS` of their
    votes) the Syrian spellings join the candidates, so the focus can choose
    them. Only where names are transliterated from Arabic script
    (:func:`~conflictgeo.gazetteer.sources.transliterated_countries`): in a
    Texan paper, Gori is Georgia's, not a Gore spelled otherwise. A well-known
    reading (a country, a province, a city of :data:`_WELL_KNOWN`) is kept alone.
    Returns the (key, geonameid) pairs added, which lend no context.
    """
    transliterated = transliterated_countries()
    wanted: dict[tuple[str, ...], list[Toponym]] = {}
    for t in toponyms:
        if not t.candidates or t.variant or t.role not in ("location", "context"):
            continue
        if any(_well_known(c) for c in t.candidates):
            continue  # "Paris" or "Iraq" named in a Texan paper is itself
        home = tuple(
            sorted(
                cc
                for cc, n in focus.get(t.key, {}).items()
                if n >= _HOME_FOCUS and cc in transliterated
            )
        )
        if home and not any(c.place.country_code in home for c in t.candidates):
            wanted.setdefault(home, []).append(t)
    added: set[tuple[str, int]] = set()
    for home, names in wanted.items():
        table = gazetteer.lookup_variants(
            {t.key for t in names}, countries=home, min_similarity=VARIANT_MIN_SIMILARITY
        )
        for t in names:
            have = {c.place.geonameid for c in t.candidates}
            extra = tuple(c for c in table.get(t.key, ()) if c.place.geonameid not in have)
            if extra:
                t.candidates = (*t.candidates, *extra)
                t.reasons.append(f"spelling variants in {', '.join(home)}, where the report is")
                added.update((t.key, c.place.geonameid) for c in extra)
    return added


def _well_known(c: Candidate, *, own_name: bool = True) -> bool:
    """A country, province or region, or a city of :data:`_WELL_KNOWN` people (by
    its own name, unless ``own_name`` is false): a reading news uses anywhere."""
    p = c.place
    return (
        p.is_country
        or p.is_admin1
        or p.feature_class == "L"
        or ((c.main_name or not own_name) and p.population >= _WELL_KNOWN)
    )


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def _drop_code_clashes(toponyms: list[Toponym]) -> None:
    """Drop candidates that match only by the accident of letter case.

    An acronym in capitals ("EU", "OAS", "WA") is not a village or district
    whose name has the same letters (Eu in France, Oas in the Philippines, Wa
    in Ghana): it names a country, province or region, or a place by one of
    its codes. Conversely a short word in mixed
    case ("Ga.", "Ind.", "Va.") is an abbreviation, not the country code that
    has its letters (GA Gabon, IND India, VA Vatican).
    """
    for t in toponyms:
        letters = t.key.replace(" ", "")
        if not t.candidates or len(letters) > 4:
            continue
        written = _LEADING_THE.sub("", t.text)  # "The U.S." is written in capitals
        if written.isupper():
            kept = tuple(
                c
                for c in t.candidates
                if not c.main_name
                or c.place.is_country
                or c.place.is_admin1
                or c.place.feature_class == "L"
            )
        elif len(letters) <= 3:
            kept = tuple(c for c in t.candidates if c.main_name or not c.place.is_country)
        else:
            continue
        if len(kept) < len(t.candidates):
            t.candidates = kept
            if not kept:
                t.reasons.append("only a code or a name with the same letters matches")


class _HomeRegion:
    """The document's home region: each first-level division's share of its names.

    Local news names its own region's towns bare ("Gainesville", "Paris") and
    the places around them, so each distinct name votes for the divisions its
    candidates lie in; the divisions the names share add up (the "local
    lexicon" of Lieberman et al. 2010). A name gives each division the square
    root of its share of the name's prior (:func:`_area_shares`): namesakes alike
    in n divisions give each 1/sqrt(n), so a common name ("Franklin County", in 25
    states) still says something, but less than a rare one (1/n drowns the
    common names' evidence; a full vote each lets any big state with many towns
    win), and a state named bare ("California") votes for itself, not for the
    hamlets that share its name. A name does not vote on
    its own reading, and repeating a name adds nothing. Country-level
    candidates carry no division and do not vote; names inside an
    organisation's name vote at :data:`_ASSOCIATIVE_VOTE` (a name's weight is
    its best role's). The dateline counts here: it says where the paper is.
    """

    def __init__(self, toponyms: list[Toponym]) -> None:
        self.by_key: dict[str, dict[tuple[str, str], float]] = {}
        self.weight: dict[str, float] = {}
        for t in toponyms:
            if not t.candidates or t.variant:
                continue
            weight = _ASSOCIATIVE_VOTE if t.role == "associative" else 1.0
            if weight <= self.weight.get(t.key, 0.0):
                continue
            areas = _area_shares(t.candidates)
            if areas:
                self.by_key[t.key] = {a: weight * math.sqrt(p) for a, p in areas.items()}
                self.weight[t.key] = weight
        self.total = sum(self.weight.values())
        self.votes: Counter[tuple[str, str]] = Counter()
        for areas in self.by_key.values():
            self.votes.update(areas)
        self.country_votes: Counter[str] = Counter()
        for (cc, _), n in self.votes.items():
            self.country_votes[cc] += n

    def share(self, key: str, place: Place) -> float:
        """Share of the other names' votes that ``place``'s division has (0-1).

        A country holds all of its divisions' shares: the home region is in it.
        """
        own = self.by_key.get(key, {})
        others = self.total - self.weight.get(key, 0.0)
        if others <= 0:
            return 0.0
        cc = place.country_code
        if place.is_country:
            mine = sum(n for (c, _), n in own.items() if c == cc)
            return (self.country_votes[cc] - mine) / others
        if not place.admin1:
            return 0.0
        area = (cc, place.admin1)
        return (self.votes[area] - own.get(area, 0.0)) / others


def _area_shares(candidates: tuple[Candidate, ...]) -> dict[tuple[str, str], float]:
    """Each first-level division's share of a name's prior probability (softmax).

    Namesakes of equal standing share alike; a name whose reading is plain
    ("California" the state, not the hamlets) gives its division nearly all.
    """
    weights: dict[tuple[str, str], float] = {}
    for c in candidates:
        if c.place.admin1 and not c.place.is_country:
            area = (c.place.country_code, c.place.admin1)
            weights[area] = weights.get(area, 0.0) + math.exp(_prior(c))
    total = sum(weights.values())
    return {a: w / total for a, w in weights.items()} if total else {}


class _Picked:
    """The first-level divisions the first pass put the document's names in.

    The home region (:class:`_HomeRegion`) weighs every reading of a name, so a
    common name's many namesakes thin its vote; once the names are resolved,
    the reading chosen for each says more (Watertown and Delano resolved in
    Minnesota, by a "Minnesota" nearby, make a bare Montgomery Minnesota's
    too). In the second pass this vote takes the home region's place, at the
    same weight (added to it, a national story's few towns in one state drag
    its other cities there). Each other name votes for its pick's division by
    the pick's score (an unsure pick says little); names inside an
    organisation's name at :data:`_ASSOCIATIVE_VOTE`, as for the home region.
    A country holds all of its divisions' votes.
    """

    def __init__(
        self,
        toponyms: list[Toponym],
        mentions: list[Mention | None],
        spelled: set[tuple[str, int]] = frozenset(),  # type: ignore[assignment]
    ) -> None:
        self.by_key: dict[str, tuple[tuple[str, str], float]] = {}
        for t, m in zip(toponyms, mentions, strict=True):
            if m is None or m.place is None or m.place.is_country or not m.place.admin1:
                continue
            if t.variant or (t.key, m.place.geonameid) in spelled:
                continue  # a spelling variant follows the context; it does not make it
            weight = m.score * (_ASSOCIATIVE_VOTE if t.role == "associative" else 1.0)
            if weight > self.by_key.get(t.key, ((), 0.0))[1]:
                self.by_key[t.key] = ((m.place.country_code, m.place.admin1), weight)
        self.votes: dict[tuple[str, str], float] = {}
        self.country_votes: dict[str, float] = {}
        for area, weight in self.by_key.values():
            self.votes[area] = self.votes.get(area, 0.0) + weight
            self.country_votes[area[0]] = self.country_votes.get(area[0], 0.0) + weight
        self.total = sum(self.votes.values())
        self.memo: dict[tuple[str, int], tuple[list, list]] = {}

    def rescore(
        self, key: str, scored: list[tuple[float, Candidate, list[str], float]]
    ) -> list[tuple[float, Candidate, list[str], float]]:
        """``scored`` (the first pass's) with each candidate's home-region share
        replaced by its division's share of the other names' picks, best first."""
        # A repeated name has the same first-pass list; the entry keeps it alive.
        memo = (key, id(scored))
        done = self.memo.get(memo)
        if done is not None:
            return done[1]
        own_area, own = self.by_key.get(key, (("", ""), 0.0))
        others = self.total - own
        if others <= 0:
            return scored
        votes, country_votes = self.votes, self.country_votes
        out = []
        changed = False
        for item in scored:
            s, c, why, region = item
            cc = c.place.country_code
            country = c.place.is_country
            if country:
                n = country_votes.get(cc, 0.0) - (own if own_area[0] == cc else 0.0)
            else:  # divisions the picks name only (no division: no vote)
                area = (cc, c.place.admin1)
                n = votes.get(area, 0.0) - (own if area == own_area else 0.0)
            if not n and not region:
                out.append(item)  # most namesakes: no vote in either pass
                continue
            changed = True
            share = n / others
            s += _HOME_WEIGHT * (share - region)
            if share >= 0.3 and not country:
                why = [*why, "in the division where the first pass put the other names"]
            out.append((s, c, why, share))
        if not changed:
            self.memo[memo] = (scored, scored)
            return scored
        out.sort(key=lambda x: (-x[0], x[1].place.geonameid))
        self.memo[memo] = (scored, out)
        return out


class _CountyPairs:
    """Second-level divisions and the towns in them that the document both names.

    A town and its county are each ambiguous (Paris and Henry County are in a
    dozen states each) but seldom as a pair: the candidate town whose county is
    a candidate of another name in the document, and that county, support each
    other. Names inside an organisation's name and variant spellings do not
    count, as for the home region, nor a county named without its type word.
    """

    def __init__(self, toponyms: list[Toponym]) -> None:
        self.counties: dict[tuple[str, str, str], set[str]] = {}
        self.towns: dict[tuple[str, str, str], set[str]] = {}
        for t in toponyms:
            if not t.candidates or t.variant or t.role == "associative":
                continue
            for c in t.candidates:
                key = self._key(c.place)
                if key is None:
                    continue
                if c.place.feature_code != "ADM2":
                    self.towns.setdefault(key, set()).add(t.key)
                elif name_key(c.place.name) == t.key:
                    # Only a county named with its type word: a bare "Texas"
                    # or "Dallas" is not Texas County, Missouri, or Dallas County.
                    self.counties.setdefault(key, set()).add(t.key)

    @staticmethod
    def _key(place: Place) -> tuple[str, str, str] | None:
        if not place.admin2 or not place.admin1:
            return None
        if place.feature_code != "ADM2" and place.feature_class != "P":
            return None
        return (place.country_code, place.admin1, place.admin2)

    def paired(self, key: str, place: Place) -> bool:
        """Whether another name of the document is ``place``'s county or one of its towns."""
        area = self._key(place)
        if area is None or (place.feature_code == "ADM2" and name_key(place.name) != key):
            return False
        other = self.towns if place.feature_code == "ADM2" else self.counties
        return bool(other.get(area, set()) - {key})


def _shares(votes: Iterable[Counter[str]]) -> dict[str, float]:
    """Share of the document's evidence for each country."""
    total: Counter[str] = Counter()
    for v in votes:
        total.update(v)
    n = sum(total.values())
    return {cc: k / n for cc, k in total.items()} if n else {}


def _country_votes(toponyms: list[Toponym]) -> dict[str, Counter[str]]:
    """Each name's votes for the countries its mentions most likely lie in."""
    votes: dict[str, Counter[str]] = {}
    for t in toponyms:
        # Variant spellings are judged by the focus, so they do not vote on it.
        # Nor do names inside organisations' names ("Texas Rangers" play anywhere).
        if not t.candidates or t.role in ("dateline", "associative") or t.variant:
            continue
        top = max(t.candidates, key=_prior)
        if not top.place.country_code:
            continue  # most likely a region or continent, in no one country
        countries = {c.place.country_code for c in t.candidates if c.place.country_code}
        # A country named outweighs a town, and a small place's namesake abroad
        # says little of where the report is. A demonym ("Russian air strikes")
        # names people, not a place: it votes as a town.
        named = top.place.is_country and t.role == "location"
        known = _well_known(top, own_name=False)
        weight = _COUNTRY_VOTE if named else 1.0 if known else _SMALL_VOTE
        votes.setdefault(t.key, Counter())[top.place.country_code] += weight * (
            1.0 if len(countries) == 1 else 0.5
        )
    return votes


def _focus_without_self(
    toponyms: list[Toponym], votes: dict[str, Counter[str]]
) -> dict[str, dict[str, float]]:
    """For each name, the country focus of the document's other names.

    A name does not vouch for its own reading: a bare "Sahel" is not Burkina
    Faso's Sahel province just because it is the only name in the report.
    """
    total: Counter[str] = Counter()
    for v in votes.values():
        total.update(v)
    n = sum(total.values())
    everyone = {cc: k / n for cc, k in total.items()} if n else {}
    out: dict[str, dict[str, float]] = {}
    for t in toponyms:
        own = votes.get(t.key)
        if own is None:
            out[t.key] = everyone
        elif t.key not in out:
            rest = n - sum(own.values())
            out[t.key] = (
                {cc: (k - own[cc]) / rest for cc, k in total.items() if k > own[cc]}
                if rest > 0
                else {}
            )
    return out


def _anchors(toponyms: list[Toponym]) -> list[Place]:
    """Places the document names unambiguously; others are pulled towards them."""
    out: dict[int, Place] = {}
    for t in toponyms:
        if t.role == "dateline" or not t.candidates or t.variant:
            continue
        if len({c.place.country_code for c in t.candidates}) == 1:
            best = max(t.candidates, key=_prior)
            if not best.place.is_country:
                out[best.place.geonameid] = best.place
    return list(out.values())


def _prior(c: Candidate) -> float:
    p = c.place
    return (
        math.log10(p.population + 1) / 2.0
        + _FEATURE_PRIOR.get(p.feature_code, 0.0)
        + (0.8 if c.main_name else 0.0)
    )


def _resolve_one(
    t: Toponym,
    focus: dict[str, float],
    home: _HomeRegion,
    pairs: _CountyPairs,
    anchors: _Anchors,
    by_key: dict[str, Toponym],
    gazetteer: Gazetteer,
    keep_weak: bool = False,
    memo: dict[tuple[object, ...], tuple[tuple[Candidate, ...], list]] | None = None,
    cluster: _Cluster | None = None,
    firsts: dict[int, tuple[list, Place | None]] | None = None,
    probs: dict[int, float] | None = None,
    at_home: set[tuple[str, int]] | None = None,
) -> Mention | None:
    """Resolve one toponym. ``memo`` (one per document) keeps the scored candidates
    of names already scored: a report repeats its names, and the scores depend only
    on the inputs in ``scored_by`` below. ``firsts`` gets each scored toponym's
    candidates, best first, and its encloser, for the second pass."""
    encloser = _encloser(t, by_key, gazetteer)
    if t.area is not None:  # the text's own hierarchy (geoparse/hierarchy.py)
        t.candidates = within(t.candidates, t.area)
    if t.variant:
        # A variant spelling is only trusted where the document's context points.
        t.candidates = tuple(
            c
            for c in t.candidates
            if (encloser is not None and _inside(c.place, encloser))
            or focus.get(c.place.country_code, 0.0) >= _VARIANT_FOCUS
        )
        if not t.candidates and not t.hint and t.area is None:
            return None
    if not t.candidates:
        reasons = (*t.reasons, f"'{t.text}' is not in the gazetteer")
        return Mention(t.start, t.end, t.text, None, 0.0, t.role, t.hint, reasons, encloser)
    scored: list[tuple[float, Candidate, list[str], float]] = []  # score, place, why, home
    # Every input of the scoring loop besides the document's context (focus is
    # the key's): the candidates by identity, which the memo entry keeps alive.
    scored_by = (t.key, t.hint, t.role, encloser, tuple(map(id, t.candidates)))
    done = memo.get(scored_by) if memo is not None else None
    candidates = () if done is not None else t.candidates
    # Closeness to the document's other places only matters when there is a choice.
    if len(candidates) > 1:
        nearest = _nearest_km([c.place for c in candidates], anchors)
        support = (
            cluster.support(t.key, candidates) if cluster is not None else [0.0] * len(nearest)
        )
    else:
        nearest, support = [math.inf] * len(candidates), [0.0] * len(candidates)
    # A name given the spellings of the report's country (_add_home_spellings):
    # its exact namesakes abroad are the readings the report does not point to.
    spelled = {gid for key, gid in at_home if key == t.key} if at_home else set()
    for c, near, close in zip(candidates, nearest, support, strict=True):
        why: list[str] = []
        s = _prior(c)
        if spelled and c.place.geonameid not in spelled:
            s -= _ABROAD
        share = focus.get(c.place.country_code, 0.0)
        if share:
            s += 3.0 * share
            if share >= 0.3:
                why.append(f"in the document's focus country {c.place.country_code}")
        region = home.share(t.key, c.place)
        if region:
            s += _HOME_WEIGHT * region
            if region >= 0.3 and not c.place.is_country:
                why.append(f"in the document's home region {c.place.admin1_name or c.place.admin1}")
        if pairs.paired(t.key, c.place):
            s += _COUNTY_PAIR
            why.append("a county and a town in it are both named")
        if c.place.is_admin1 and t.hint not in _AREA_HINTS and _names_its_city(c, candidates):
            # "New York", "Tbilisi", "Lagos" named bare are the city, not the
            # province around it that shares its name.
            s -= _PROVINCE_OF_CITY
        if c.place.feature_code in _DISTRICTS and name_key(c.place.name) != t.key:
            # A bare "Franklin" is a town before it is Franklin County: news names
            # a district with its type word, a town without.
            s -= _BARE_DISTRICT
        if t.hint:
            s += _HINT_FIT.get(t.hint, {}).get(c.place.feature_class, 0.0)
        if t.role == "demonym" and (c.place.is_country or c.place.is_admin1):
            s += 1.0
        if encloser is not None:
            if _inside(c.place, encloser):
                s += 4.0
                why.append(f"inside {encloser.name} named nearby")
            else:
                s -= 2.0
        if near < 150:
            s += 1.0 * (1 - near / 150)
        if close:
            s += _CLUSTER_WEIGHT * close
            if close >= 0.5:
                why.append("near places the document names")
        scored.append((s, c, why, region))
    if done is not None:
        scored = done[1]
    else:
        scored.sort(key=lambda x: (-x[0], x[1].place.geonameid))
        if memo is not None:
            memo[scored_by] = (t.candidates, scored)
    if firsts is not None:
        firsts[id(t)] = (scored, encloser)  # the toponyms outlive the dict
    return _mention(t, scored, encloser, keep_weak, probs if firsts is not None else None)


def _mention(
    t: Toponym,
    scored: list[tuple[float, Candidate, list[str], float]],
    encloser: Place | None,
    keep_weak: bool,
    probs: dict[int, float] | None = None,
) -> Mention | None:
    """The mention of ``t`` given its scored candidates, best first (``probs``
    caches each list's probability)."""
    best_s, best, why, _ = scored[0]
    prob = probs.get(id(scored)) if probs is not None else None
    if prob is None:
        prob = _probability(scored)
        if probs is not None:
            probs[id(scored)] = prob
    reasons = [*t.reasons, *why]
    if t.hint:
        reasons.append(f"feature hint '{t.hint}'")
    if len(scored) > 1:
        reasons.append(f"chosen from {len(scored)} candidates")
    # A lone word with weak support (a small foreign hamlet) is not a place here.
    if (
        not t.hint
        and not encloser
        and not keep_weak
        and t.role == "location"
        and " " not in t.text
        and best_s < _MIN_PLAUSIBLE
    ):
        return None
    return Mention(
        t.start, t.end, t.text, best.place, round(prob, 3), t.role, t.hint, tuple(reasons), encloser
    )


def _probability(scored: list[tuple[float, Candidate, list[str], float]]) -> float:
    """The softmax probability of the best of ``scored`` (best first)."""
    best_s = scored[0][0]
    return 1.0 / sum(math.exp(s - best_s) for s, _, _, _ in scored)


def _encloser(t: Toponym, by_key: dict[str, Toponym], gazetteer: Gazetteer) -> Place | None:
    if t.area is not None:
        return t.area.place
    if not t.encloser:
        return None
    other = by_key.get(t.encloser)
    if other is None or not other.candidates:
        return None
    best = max(other.candidates, key=lambda c: (c.place.is_country or c.place.is_admin1, _prior(c)))
    if best.place.feature_class == "P" and best.place.admin1:
        # "the Latakian village of": the demonym names the province around the city.
        return gazetteer.admin1_place(best.place.country_code, best.place.admin1) or best.place
    return best.place


def _inside(place: Place, area: Place) -> bool:
    if area.is_country:
        return place.country_code == area.country_code
    return place.country_code == area.country_code and place.admin1 == area.admin1


class _Cluster:
    """Namesakes of the document's names as arrays, to find the candidates that
    lie near some reading of the other names (spatial minimality).

    Names inside an organisation's name and variant spellings lend no support,
    as for the home region; each name lends its :data:`_CLUSTER_TOP` likeliest
    namesakes.
    """

    def __init__(self, toponyms: list[Toponym]) -> None:
        keys: list[str] = []
        lat: list[float] = []
        lon: list[float] = []
        weights: list[float] = []
        seen: set[str] = set()
        for t in toponyms:
            if not t.candidates or t.variant or t.role == "associative" or t.key in seen:
                continue
            seen.add(t.key)
            top = sorted(t.candidates, key=_prior, reverse=True)[:_CLUSTER_TOP]
            top = [c for c in top if not c.place.is_country]
            if not top:
                continue
            for c in top:
                keys.append(t.key)
                lat.append(c.place.lat)
                lon.append(c.place.lon)
            weights.append(1.0 / math.sqrt(len(t.candidates)))
        self.keys = keys
        self.names = list(dict.fromkeys(keys))
        self.weights = np.array(weights)
        index = {k: n for n, k in enumerate(self.names)}
        self.owner = np.array([index[k] for k in keys], dtype=np.int64)
        self.lat = np.radians(np.array(lat))[None, :]
        self.lon = np.radians(np.array(lon))[None, :]
        self.cos_lat = np.cos(self.lat)
        # Columns are grouped by name (toponyms add theirs in one go): the start
        # of each name's columns, for a minimum per name.
        self.starts = np.searchsorted(self.owner, np.arange(len(self.names)))
        self.memo: dict[tuple[str, tuple[int, ...]], list[float]] = {}
        self._measure_all(toponyms, index)

    def _measure_all(self, toponyms: list[Toponym], index: dict[str, int]) -> None:
        """Measure every ambiguous name's candidates in one call up front (the
        numpy set-up per name cost more than the distances); the same numbers
        as :meth:`_support`, row by row. A report too large for one matrix is
        left to :meth:`support`, name by name."""
        if len(self.names) < 2:
            return
        rows: dict[tuple[str, tuple[int, ...]], tuple[Candidate, ...]] = {}
        for t in toponyms:
            if len(t.candidates) > 1:
                rows.setdefault(
                    (t.key, tuple(c.place.geonameid for c in t.candidates)), t.candidates
                )
        sizes = [len(cands) for cands in rows.values()]
        if not rows or sum(sizes) * len(self.keys) > _CLUSTER_BATCH_CELLS:
            return
        places = [c.place for cands in rows.values() for c in cands]
        lat = np.radians(np.array([p.lat for p in places])[:, None])
        lon = np.radians(np.array([p.lon for p in places])[:, None])
        km = haversine_radians_km(lat, lon, np.cos(lat), self.lat, self.lon, self.cos_lat)
        nearest = np.minimum.reduceat(km, self.starts, axis=1)  # candidates x names
        closeness = np.clip(1.0 - nearest / _CLUSTER_KM, 0.0, None) * self.weights[None, :]
        own = np.repeat(np.array([index.get(key, -1) for key, _ in rows]), sizes)
        named = np.nonzero(own >= 0)[0]
        closeness[named, own[named]] = 0.0  # a name lends no support to itself
        totals = np.minimum(closeness.sum(axis=1), _CLUSTER_CAP).tolist()
        at = 0
        for memo, n in zip(rows, sizes, strict=True):
            self.memo[memo] = totals[at : at + n]
            at += n

    def support(self, key: str, candidates: tuple[Candidate, ...]) -> list[float]:
        """For each candidate, the capped sum over the other names of their weight
        times closeness (1 at 0 km, 0 at :data:`_CLUSTER_KM`) of their nearest namesake."""
        if len(self.names) < 2:
            return [0.0] * len(candidates)
        # A name repeated in a report has the same candidates: measure them once.
        memo = (key, tuple(c.place.geonameid for c in candidates))
        if memo not in self.memo:
            self.memo[memo] = self._support(key, candidates)
        return self.memo[memo]

    def _support(self, key: str, candidates: tuple[Candidate, ...]) -> list[float]:
        lat = np.radians(np.array([c.place.lat for c in candidates])[:, None])
        lon = np.radians(np.array([c.place.lon for c in candidates])[:, None])
        km = haversine_radians_km(lat, lon, np.cos(lat), self.lat, self.lon, self.cos_lat)
        nearest = np.minimum.reduceat(km, self.starts, axis=1)  # candidates x names
        closeness = np.clip(1.0 - nearest / _CLUSTER_KM, 0.0, None) * self.weights[None, :]
        if key in self.names:
            closeness[:, self.names.index(key)] = 0.0
        return np.minimum(closeness.sum(axis=1), _CLUSTER_CAP).tolist()


class _Anchors:
    """The anchors of one document as arrays, converted once for all its names.

    With the document's ``toponyms``, every candidate of an ambiguous one is
    measured in one call up front (:func:`_nearest_km` then looks it up): one
    numpy call per document instead of one per name.
    """

    __slots__ = ("cos_lat", "ids", "lat", "lon", "nearest", "places")

    def __init__(self, places: list[Place], toponyms: Iterable[Toponym] = ()) -> None:
        self.places = places
        self.lat = np.radians(np.array([a.lat for a in places])[None, :])
        self.lon = np.radians(np.array([a.lon for a in places])[None, :])
        self.cos_lat = np.cos(self.lat)
        self.ids = np.array([a.geonameid for a in places])[None, :]
        # id(place) -> km; the toponyms hold the places while the document resolves.
        self.nearest: dict[int, float] = {}
        if places:
            ambiguous = {
                id(c.place): c.place
                for t in toponyms
                if len(t.candidates) > 1
                for c in t.candidates
            }
            km = _nearest_km(list(ambiguous.values()), self)
            self.nearest = dict(zip(ambiguous, km, strict=True))

    def __len__(self) -> int:
        return len(self.places)


def _nearest_km(places: list[Place], anchors: _Anchors) -> list[float]:
    """For each place, the distance to the closest other anchor (inf if none).

    Great-circle (haversine) distances for all place-anchor pairs in one
    broadcast numpy expression: the closeness bonus fades out over 150 km, so
    the ellipsoid's 0.5 % would change nothing, at several times the cost.
    """
    if not places or not anchors:
        return [math.inf] * len(places)
    known = anchors.nearest
    if all(id(p) in known for p in places):  # measured with the document's other names
        return [known[id(p)] for p in places]
    lat = np.radians(np.array([p.lat for p in places])[:, None])
    lon = np.radians(np.array([p.lon for p in places])[:, None])
    km = haversine_radians_km(lat, lon, np.cos(lat), anchors.lat, anchors.lon, anchors.cos_lat)
    km[np.array([p.geonameid for p in places])[:, None] == anchors.ids] = np.inf
    return km.min(axis=1).tolist()


def _names_its_city(division: Candidate, candidates: Iterable[Candidate]) -> bool:
    """Whether the main city of ``division`` is also among the name's candidates:
    its seat, or a town holding :data:`_CITY_SHARE` of its people (Yuma, which
    some gazetteers also call "Arizona", is not Arizona's city)."""
    area = division.place
    return any(
        c.place.feature_class == "P"
        and c.place.country_code == area.country_code
        and c.place.admin1 == area.admin1
        and (
            c.place.feature_code in ("PPLA", "PPLC")
            or (area.population and c.place.population >= _CITY_SHARE * area.population)
        )
        for c in candidates
    )
