"""Toponym recognition: which spans of a document name places, and how.

A span becomes a :class:`Toponym` when it matches a gazetteer name key, when a
cue names it ("the village of Salma", "Latakia province"), or when it is a
demonym of a known place ("Latakian", "Syrian"). Each toponym gets a role:
``location``, ``demonym``, ``dateline``, ``context`` ("such ... as Aleppo") or
``associative`` (inside an organisation name). Recognition asks the gazetteer
once per document, for every candidate key at once.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz

from conflictgeo.gazetteer.index import Candidate, Gazetteer
from conflictgeo.gazetteer.names import ARTICLES, name_key
from conflictgeo.geoparse.hierarchy import Area, link_areas
from conflictgeo.geoparse.lexicon import (
    FEATURE_HINTS,
    GIVEN_NAMES,
    ORG_HEADS,
    ORG_MODIFIERS,
    PERSON_TITLES,
    PLACE_VERBS,
    PLACE_WORDS,
    POSITION_OF,
    POSITION_WORDS,
    STOPWORDS,
    TITLE_HEADS,
    WEAK_PLACE_CUES,
    country_demonyms,
)
from conflictgeo.model import Document

MAX_NAME_TOKENS = 6
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.\-]*[^\W_])?")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# English contractions: a pronoun with its verb ("I've", "They're") or a negated
# verb ("Don't"). Only these pronouns, so Arabic names keep theirs ("Sa'dah").
_CONTRACTION = re.compile(
    r"^(?:i|you|we|they|he|she|it|there|that|who|what|where)['’](?:ve|ll|re|d|m)$|n['’]t$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"-[a-z]+$")  # "Qaida-aligned", "Assad-held"
_ARTICLE_CAP = re.compile(r"^(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|ez)-[A-Z]")
# Lower-case words that may join capitalised words inside one name.
_CONNECTORS = frozenset("of for the de du des la le al el bin ibn bani beni abu and".split())
# _TOKEN's matches, without a round trip to Python for each plain lower-case word
# (most words), which _tokens drops anyway. A maximal stretch of [\w'’.\-] holds
# at most one _TOKEN match, from its first letter to its last letter or digit; so
# a match skips whole stretches that are one ASCII lower-case non-connector word,
# or hold no letter, and the gaps between them, then takes the next token (group 1;
# none at the end of the text).
_STRETCH_START = r"(?<![\w'’.\-])"
_SKIPPED = (
    rf"(?:[^\w'’.\-]+|{_STRETCH_START}"
    rf"(?:(?!(?:{'|'.join(sorted(_CONNECTORS))})(?![a-z]))[a-z]+[_'’.\-]*|[\d_'’.\-]+)"
    r"(?![\w'’.\-]))*+"
)
_TOKEN_KEPT = re.compile(
    rf"{_SKIPPED}(?:{_STRETCH_START}[\d_'’.\-]*([^\W\d_](?:[\w'’.\-]*[^\W_])?)|\Z)"
)
_NAME = r"(?:(?:al|el|as|ash|ad|ar|at|az|an)-)?[A-Z][\w'’\-]*(?:\s(?:(?:al|el|as|ash|ad|ar|at|az|an)-)?[A-Z][\w'’\-]*){0,3}"
_NAME_LIST = rf"{_NAME}(?:(?:,\s*|,?\s+and\s+|,?\s+or\s+){_NAME})*"
_HINT_WORDS = "|".join(sorted(FEATURE_HINTS, key=len, reverse=True))
# "the Latakian village of Salma", "the naval ports of Latakia and Tartous".
_CUE_BEFORE = re.compile(
    rf"\b(?:(?P<enc>[A-Z][\w'’\-]+)\s+)?(?:[a-z]+\s+)?(?P<hint>{_HINT_WORDS})\s+of\s+(?P<names>{_NAME_LIST})"
)
# "Latakia province", "the Idlib countryside".
_CUE_AFTER = re.compile(rf"(?P<names>{_NAME})\s+(?P<hint>{_HINT_WORDS})\b")
# Both cue patterns, tried at every position of a report, cost a tenth of the
# pipeline; _cue_matches runs them only next to a feature word. Every match of
# either has a feature word after whitespace or a word boundary, and before it only
# word characters, ' ’ - and whitespace (the names, "the Latakian", "Idlib"): so a
# match ending at that feature word starts inside the stretch of such characters
# that leads up to it. One scan finds the feature words for both.
_HINT = re.compile(rf"\b(?:{_HINT_WORDS})\b")
_OF_AFTER_HINT = re.compile(r"\s+of\s")
_NOT_IN_NAME = re.compile(r"[^\w'’\-\s]")
_CONTEXT = re.compile(rf"\bsuch\s+(?:[\w\-]+\s+){{0,4}}?as\s+(?P<names>{_NAME_LIST})")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


@dataclass(slots=True)
class Toponym:
    """A recognised name with its gazetteer candidates, before resolution."""

    start: int
    end: int
    text: str
    key: str
    role: str = "location"
    hint: str = ""
    encloser: str = ""  # key of an enclosing place or demonym ("latakia")
    candidates: tuple[Candidate, ...] = ()
    reasons: list[str] = field(default_factory=list)
    variant: bool = False  # no exact name matched: candidates may come from a spelling variant
    area: Area | None = None  # the area the text puts it in (geoparse/hierarchy.py)


class _Token(NamedTuple):  # a tuple: tens of thousands are made per report batch
    start: int
    end: int
    text: str
    capital: bool  # starts with a capital, or an article then a capital ("al-Bab")


def recognize(doc: Document, gazetteer: Gazetteer) -> list[Toponym]:
    """Find the toponyms of ``doc``, in text order."""
    text = doc.text
    tokens = _split_compounds(_tokens(text))
    runs = _runs(text, tokens)
    sentence_starts = _sentence_starts(text)

    # Every key the document could need, asked for in one batch. Each run's span
    # keys are made once here; matching below looks them up by token indices.
    span_keys = [
        {(i, j): name_key(text[run[i].start : run[j].end]) for i, j in _spans(run)} for run in runs
    ]
    keys = {key for run_keys in span_keys for key in run_keys.values()}
    pairs = _name_pairs(text, tokens)
    for tok in tokens:
        if tok.capital:
            keys.update(demonym_keys(tok.text))
    for first, second in pairs:
        keys.update(_pair_keys(first, second))
    cues = [_without_opening_gerund(c, sentence_starts) for c in _cues(text)]
    keys.update(c.key for c in cues)
    table = gazetteer.lookup(keys)

    # Demonyms first: "Syrian" is also the name of a hamlet somewhere.
    # Words the report also uses in lower case ("A car ... Car bombs") are common words.
    lower_words = set(_LOWER_WORD.findall(text))
    found: list[Toponym] = []
    taken: set[int] = set()
    for first, second in pairs:  # "Sri Lankan", "South Korean"
        demonym = _demonym(second, table, first=first, text=text)
        if demonym:
            found.append(demonym)
            taken.update((first.start, second.start))
    # A demonym that opens a longer name is that name's word: "Czech Republic",
    # "Dominican Republic" are countries, not a demonym and a stray "Republic".
    opens_name = {
        run[i].start
        for run, run_keys in zip(runs, span_keys, strict=True)
        for (i, j), key in run_keys.items()
        if j > i and any(_well_known(c) for c in table.get(key, ()))
    }
    # Nor is a word inside a longer place name a demonym: "St. Albans" is no
    # Albanian's "Alba", whatever the size of the place.
    in_name = {
        run[k].start
        for run, run_keys in zip(runs, span_keys, strict=True)
        for (i, j), key in run_keys.items()
        if j > i and " " in key and table.get(key)  # "The Syrian" is one word's key
        for k in range(i + 1, j + 1)
    }
    for tok in tokens:
        if (
            tok.capital
            and tok.text.lower() not in STOPWORDS
            and tok.start not in taken
            and tok.start not in opens_name
            and tok.start not in in_name
        ):
            demonym = _demonym(tok, table)
            if demonym:
                found.append(demonym)
                taken.add(tok.start)
    caps_headline = _title_case_headline(doc)
    surnames: set[str] = set()
    for run, run_keys in zip(runs, span_keys, strict=True):
        in_headline = caps_headline and run[0].start < doc.title_end
        found.extend(
            _match_run(
                text,
                run,
                run_keys,
                table,
                sentence_starts,
                taken,
                lower_words,
                in_headline,
                surnames,
            )
        )
    found = _drop_surnames(found, surnames, text)
    _apply_cues(found, cues, table)
    starts = [tok.start for tok in tokens]
    for t in found:  # every token inside a found name is taken
        taken.update(
            starts[bisect.bisect_left(starts, t.start) : bisect.bisect_left(starts, t.end)]
        )
    found.extend(_variant_names(text, runs, taken, sentence_starts, lower_words))
    for t in found:  # the resolver may look these up as spelling variants
        if not t.candidates and t.role == "location":
            t.variant = True
    # Before the place cues: a verb vouches for no such name ("attacked Trump").
    found = [t for t in found if not (_unlike_other_names(t) and not _positioned(text, t))]
    _apply_place_cues(text, found)
    _apply_roles(doc, found)
    _apply_apposition(text, found)
    # The text's own hierarchy: "X (District, Province)", "X, Y governorate".
    found.extend(link_areas(doc, found, gazetteer, Toponym))
    found = _drop_headline_caps(doc, found)
    found.sort(key=lambda t: t.start)
    return found


def _given_name(text: str, first: _Token, last: _Token) -> bool:
    """``first`` may be a given name before the surname ``last``: two words in
    Title case side by side ("Sherry Martin"; not "A429 Cirencester", "Chabad-
    Shadyside", "WHO Geneva")."""
    return (
        text[first.end : last.start] == " "
        and first.text.isalpha()
        and first.text.istitle()
        and last.text.istitle()
    )


def _drop_surnames(found: list[Toponym], surnames: set[str], text: str = "") -> list[Toponym]:
    """A lone word that ends a person's name elsewhere in the report is that
    person ("Sherry Martin ... Martin said"), and so is one that speaks ("Birch
    said"), unless it is a well-known place ("Moscow said" is its government)."""
    return [
        t
        for t in found
        if not (
            t.role == "location"
            and " " not in t.text
            and (t.key in surnames or _speaks(text, t))
            and not any(_well_known(c) for c in t.candidates)
        )
    ]


_SPEAKS = re.compile(r",? (?:said|says|told|added|asked|explained|noted|wrote)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|of|from|at|near|for|to)\s+$")


def _speaks(text: str, t: Toponym) -> bool:
    """ "Birch said": a word that speaks, but not "police in Nitro said"."""
    return bool(_SPEAKS.match(text, t.end)) and not _PLACE_BEFORE.search(
        text, max(0, t.start - 6), t.start
    )


def _apply_apposition(text: str, found: list[Toponym]) -> None:
    """ "Paris, Texas", "Salma, Latakia province": the second name encloses the first."""
    by_start = {t.start: t for t in found}
    for t in found:
        m = re.match(r",\s*", text[t.end : t.end + 3])
        nxt = by_start.get(t.end + m.end()) if m else None
        if nxt is None or t.encloser or nxt.role not in ("location", "context"):
            continue
        if any(c.place.is_country or c.place.is_admin1 for c in nxt.candidates):
            t.encloser = nxt.key
            t.reasons.append(f"followed by its area, {nxt.text}")


def _title_case_headline(doc: Document) -> bool:
    """True when the headline capitalises (nearly) every word."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", doc.text[: doc.title_end]) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _drop_headline_caps(doc: Document, found: list[Toponym]) -> list[Toponym]:
    """In a Title Case headline capitals prove nothing: keep a headline name only
    when the body names it too or it is a well-known place."""
    if not _title_case_headline(doc):
        return found
    body_keys = {t.key for t in found if t.start >= doc.title_end}
    return [
        t
        for t in found
        if t.start >= doc.title_end or t.key in body_keys or any(_notable(c) for c in t.candidates)
    ]


# ------------------------------------------------------------------- spelling variants


def _variant_names(
    text: str,
    runs: list[list[_Token]],
    taken: set[int],
    sentence_starts: set[int],
    lower_words: set[str],
) -> list[Toponym]:
    """Capitalised names no exact key matched, which a spelling variant may."""
    out = []
    for run in runs:
        caps = [t for t in run if t.capital]
        # The cheapest checks first (all are pure).
        if not 1 <= len(caps) <= 3 or any(t.start in taken for t in caps) or _is_org(run):
            continue
        # A sentence's first word is capitalised anyway: no sign of a proper name.
        if len(caps) == 1 and (
            caps[0].start in sentence_starts or _not_a_name(caps[0], sentence_starts, lower_words)
        ):
            continue
        # "Al Khatuniya": an article written apart opens the name (name_key drops it).
        named = caps[1:] if len(caps) > 1 and caps[0].text.lower() in ARTICLES else caps
        if any(t.text.lower() in STOPWORDS or t.text.isupper() for t in named):
            continue
        start, end = run[0].start, run[-1].end
        key = name_key(text[start:end])
        if len(key) >= 4 and key not in _GENERIC_WORDS:
            out.append(Toponym(start, end, text[start:end], key, variant=True))
    return out


# ------------------------------------------------------------------- tokens, runs


def _tokens(text: str) -> list[_Token]:
    """Capitalised words and name connectors, with their offsets."""
    out = []
    for m in _TOKEN_KEPT.finditer(text):
        word = m.group(1)
        if word is None:
            continue
        # Lower-case words matter only as name connectors ("of", "al") or as the
        # start of "al-Bab"; the rest just break runs, which the gaps show anyway.
        if word[0].islower() and word not in _CONNECTORS and "-" not in word[:4]:
            continue
        # The regexes only run where they can change something (most words are plain).
        if "'" in word or "’" in word:
            if _CONTRACTION.search(word):
                continue  # "I've", "We'll", "Don't": a pronoun or verb, never a name
            word = _POSSESSIVE.sub("", word)
        upper = word[0].isupper()
        if upper and "-" in word:
            word = _SUFFIX.sub("", word)
        if word.endswith("."):
            word = word.rstrip(".")
        if word:
            capital = upper or ("-" in word[:4] and bool(_ARTICLE_CAP.match(word)))
            start = m.start(1)
            out.append(_new_token(_Token, (start, start + len(word), word, capital)))
    return out


# _Token(...) without the named tuple's Python-level __new__ (the same tuple).
_new_token = tuple.__new__


# "DFL" is Minnesota's Democratic-Farmer-Labor party, written like "D".
_PARTY_LABELS = frozenset({"D", "R", "I", "DFL"})


def _split_compounds(tokens: list[_Token]) -> list[_Token]:
    """ "Amsterdam-London", "Syrian-Turkish", "Fargo-Moorhead": capitalised words
    joined by hyphens become separate tokens. Runs join them again, so a
    hyphenated name ("Guinea-Bissau") still matches whole; an Arabic article
    ("Al-Bab") stays with its word."""
    out: list[_Token] = []
    for tok in tokens:
        parts = tok.text.split("-")
        if (
            len(parts) == 2
            and parts[0] in _PARTY_LABELS
            and (len(parts[1]) > 1 or parts[1].isupper())
        ):
            # "D-Ohio", "R-Charleston", "D-W. Va.": a US legislator's party and home,
            # the home a place (an initial is joined to the abbreviation after it).
            start = tok.start + len(parts[0]) + 1
            out.append(_Token(start, tok.end, parts[1], True))
            continue
        if (
            len(parts) < 2
            or not all(len(p) > 1 and p[0].isupper() for p in parts)
            or parts[0].lower() in ARTICLES
        ):
            out.append(tok)
            continue
        pos = tok.start
        for part in parts:
            out.append(_Token(pos, pos + len(part), part, True))
            pos += len(part) + 1
    return out


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Capitalised word runs, joined by single spaces or name connectors."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []  # connectors waiting for the next capital
    for tok in tokens:
        gap = text[(pending or current)[-1].end : tok.start] if current else ""
        joined = bool(current) and (
            gap in (" ", "-", "\n") or (gap == ". " and _abbreviated(current[-1], tok))
        )
        if tok.capital and joined:
            current.extend(pending)
            current.append(tok)
            pending = []
        elif (
            not tok.capital
            and joined
            and tok.text in _CONNECTORS
            and len(pending) < 2
            and (tok.text != "and" or any(t.text in ("of", "for") for t in current))
        ):
            pending.append(tok)
        else:
            if current:
                runs.append(current)
            current, pending = ([tok], []) if tok.capital else ([], [])
    if current:
        runs.append(current)
    return runs


_NAME_PREFIXES = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})


def _abbreviated(tok: _Token, following: _Token) -> bool:
    """A period that does not end the run: after an abbreviation that opens a
    place name ("St. Paul", "Mt. Pleasant", "Sault Ste. Marie"), or after an
    initial before another short abbreviation ("W. Va.", "N. Y."). Not after a
    state's abbreviation or an acronym, which a sentence may end on ("... in
    Athens, Ga. Police said", "... in the US. Adam said")."""
    if not tok.capital:
        return False
    # Headlines and datelines write them in capitals too ("ST. PAUL").
    return tok.text.title() in _NAME_PREFIXES or (len(tok.text) == 1 and len(following.text) <= 2)


def _spans(run: list[_Token]) -> list[tuple[int, int]]:
    """(i, j) token index pairs of the sub-spans that start and end with a capital."""
    if len(run) == 1:  # most runs: one capitalised word
        return [(0, 0)] if run[0].capital else []
    caps = [i for i, t in enumerate(run) if t.capital]
    # Stop at MAX_NAME_TOKENS rather than test every later capital: a run of
    # thousands of capitalised words (a Title Case text without punctuation)
    # would cost their square. Same pairs, in the same order.
    spans = []
    for a, i in enumerate(caps):
        for j in (caps[b] for b in range(a, len(caps))):
            if j - i >= MAX_NAME_TOKENS:
                break
            spans.append((i, j))
    return spans


def _sentence_starts(text: str) -> set[int]:
    starts = {0}
    for m in re.finditer(r"(?:[.!?]['\"”’]?\s+|\n\s*)['\"“‘(]?", text):
        starts.add(m.end())
    return starts


_ORG_OR_TITLE = ORG_HEADS | TITLE_HEADS


def _is_org(run: list[_Token]) -> bool:
    """The run names an organisation or a titled person ("Ohio Department of
    Transportation", "Fargo Mayor Dennis Walaker")."""
    return any(t.capital and _without_article(t.text.lower()) in _ORG_OR_TITLE for t in run)


def _leading(run: list[_Token], i: int) -> bool:
    """Token ``i`` opens the run, but for stop words ("The Butler County Jail")."""
    # islice, not run[:i]: all() stops at the first word that is no stop word,
    # where a copy of the run's head would cost its length at every match.
    return all(t.text.lower() in STOPWORDS for t in itertools.islice(run, i))


# ------------------------------------------------------------------- matching


def _match_run(
    text: str,
    run: list[_Token],
    span_keys: dict[tuple[int, int], str],
    table: dict[str, tuple[Candidate, ...]],
    sentence_starts: set[int],
    taken: set[int],
    lower_words: set[str],
    in_headline: bool = False,
    surnames: set[str] | None = None,
) -> list[Toponym]:
    """Greedy longest gazetteer matches in one run, with the run's role rules.

    ``span_keys`` holds the key of every (i, j) pair of :func:`_spans`. The keys
    of places that end a person's name ("Sherry Martin") go into ``surnames``.
    """
    matches: list[tuple[int, int]] = []
    n = len(run)
    i = 0
    while i < n:
        best = None
        if run[i].capital and run[i].start not in taken:
            # ``taken`` does not change while matching: a match ends before the
            # first taken token after i (and within MAX_NAME_TOKENS).
            stop = i + 1
            while stop < n and stop - i < MAX_NAME_TOKENS and run[stop].start not in taken:
                stop += 1
            for j in range(stop - 1, i - 1, -1):
                if run[j].capital and table.get(span_keys[i, j]):
                    best = j
                    break
        if best is None:
            i += 1
            continue
        best = _municipal_body(run, i, best, span_keys, table)
        matches.append((i, best))
        i = best + 1

    out: list[Toponym] = []
    if not matches:  # most runs
        return out
    org = _is_org(run)
    for i, j in matches:
        key = span_keys[i, j]
        start, end = run[i].start, run[j].end
        ci, cj = _hyphen_compound(text, run, i, j, span_keys, table)
        words = [t.text for t in run[i : j + 1]]
        if key in _GENERIC_WORDS:
            continue  # "the City", "Street", "Center" alone name no place
        if any(b == i - 1 for _, b in matches) and all(
            _without_article(t.text.lower()) in PLACE_WORDS for t in run[i : j + 1]
        ):
            continue  # "Daraa al-Balad": the word qualifies the place before it
        if (
            len(words) == 1
            and _not_a_name(run[i], sentence_starts, lower_words)
            and not _abbreviation(text, run[i], table[key])
        ):
            continue
        if _not_a_place(text, run, i, j, org):
            # A group, a person: its words are no one's place, nor a variant's.
            taken.update(t.start for t in run[i : j + 1])
            continue
        if org and not _org_outside(run, i, j) and _place_cue(text, run[i].start)[0]:
            org = False  # "in Alliance": the one head word is the cued town's name
        if org:
            # Inside an organisation's name a place is worth a mention when it is
            # well known, or when it opens the name and so says whose the body
            # is ("Butler County Jail", "Tega Cay Fire Department"); a division
            # only by its name cut of its type word is none ("Free Syrian Army"
            # is not Free State's).
            if all(_type_word_cut(c, key) for c in table[key]):
                continue
            if not (_leading(run, ci) or any(_notable(c) for c in table[key])):
                continue
            role = "associative"
        else:
            role = "location"
            if not in_headline and _part_of_longer_name(
                run, ci, cj, taken, table, sentence_starts, lower_words
            ):
                # "Michel Kilo", "Bashar Assad": a person, not Kilo the town. But a
                # well-known place or a name of several words opening a longer name
                # qualifies it ("Texas Rangers", "Cambridge Analytica", "Walker County
                # Fair"): an associative mention.
                leading = _leading(run, ci)
                known = j > i or any(_notable(c) for c in table[key])
                if not leading and known and not _given_before(run, ci):
                    # "Rodeo Gainesville", "Education Minnesota", "Leadership Henry
                    # County": a well-known place (or a name of several words) inside
                    # a longer name, after no given name, is that body's place.
                    role = "associative"
                elif not (leading and known):
                    if (
                        surnames is not None
                        and i == j == len(run) - 1
                        and 0 < i <= 2  # a person's name is two or three words
                        and _given_name(text, run[i - 1], run[i])
                        and not any(t.text.lower() in _GENERIC for t in run)
                    ):
                        surnames.add(key)
                    continue
                elif i == j and run[i].text.lower() in GIVEN_NAMES:
                    continue  # "Paul Stone", "Charles Barkley": a person, by a given name
                else:
                    role = "associative"
        # "The Alexandria man", "An Athens firm": the article is the sentence's,
        # not the name's (the key drops it already); the span starts after it.
        first = i
        while first < j and run[first].text.lower() in _DETERMINERS and run[first + 1].capital:
            first += 1
        start = run[first].start
        out.append(Toponym(start, end, text[start:end], key, role=role, candidates=table[key]))
        taken.update(t.start for t in run[i : j + 1])
    return out


_DETERMINERS = frozenset({"the", "a", "an"})
# "City" or "Town" before one of these words opens the name of the municipality's
# body or officer ("Dublin City Council", "Hanover Town Hall"), besides the
# bodies and titles of the lexicon.
_SETTLEMENT_WORDS = frozenset({"city", "town"})
_MUNICIPAL = frozenset({"manager", "hall", "councilman", "councilwoman", "clerk", "marshal"})


def _municipal_body(
    run: list[_Token],
    i: int,
    j: int,
    span_keys: dict[tuple[int, int], str],
    table: dict[str, tuple[Candidate, ...]],
) -> int:
    """The end of the match (i, j) without a trailing "City"/"Town" that opens
    a municipal body's name: "Springfield City Schools" names Springfield's
    schools, not a place called "Springfield City" (an alternate name of it, or
    an Irish county for Dublin). A town whose own main name ends in the word
    keeps it ("Carson City Council", "Kansas City Manager")."""
    if (
        j == i
        or j + 1 >= len(run)
        or run[j].text.lower() not in _SETTLEMENT_WORDS
        or not run[j + 1].capital
        or run[j + 1].text.lower() not in _ORG_OR_TITLE | _MUNICIPAL
    ):
        return j
    shorter = span_keys.get((i, j - 1))
    if not shorter or not table.get(shorter):
        return j
    if any(c.main_name and c.place.feature_class == "P" for c in table[span_keys[i, j]]):
        return j
    return j - 1


def _hyphen_compound(
    text: str,
    run: list[_Token],
    i: int,
    j: int,
    span_keys: dict[tuple[int, int], str],
    table: dict[str, tuple[Candidate, ...]],
) -> tuple[int, int]:
    """The match (i, j) widened over the names or acronyms hyphenated to it.

    "Egypt-US talks", "an EU-Israel summit", "Paris-Henry County", "Watertown-ML":
    a hyphen between two names pairs places (or a place and a school's initials),
    it does not make a person's name; the compound's own neighbours decide that
    ("Jean-Marie Le Pen" stays a person).
    """

    def joins(a: int, b: int, added: int) -> bool:
        """Tokens a and b are hyphenated, and ``added`` (one of them) is a name."""
        tok = run[added]
        return (
            text[run[a].end : run[b].start] == "-"
            and tok.capital
            and (tok.text.isupper() or bool(table.get(span_keys.get((added, added), ""))))
        )

    while i > 0 and joins(i - 1, i, i - 1):
        i -= 1
    while j + 1 < len(run) and joins(j, j + 1, j + 1):
        j += 1
    return i, j


def _type_word_cut(c: Candidate, key: str) -> bool:
    """A province matched only by its own name cut of its type word ("Free" of Free State)."""
    return c.place.is_admin1 and c.main_name and name_key(c.place.name) != key


def _notable(c: Candidate) -> bool:
    """A well-known place: a continent, country, province or city of 100,000+."""
    p = c.place
    return c.main_name and (
        p.is_country or p.is_admin1 or p.feature_code == "CONT" or p.population >= 100_000
    )


def _well_known(c: Candidate) -> bool:
    """:func:`_notable` by any of its names ("Czech Republic" is Czechia's)."""
    return _notable(Candidate(c.place, True))


def _abbreviation(text: str, tok: _Token, cands: tuple[Candidate, ...]) -> bool:
    """ "US", "UAE", "EU", "Ga.", "N.Y.": an acronym that is another name of a country,
    first-level division or region, or a word cut short by a period ("Ga.") that is another
    name of a division, is a place. ("Sen." is no Senegal: country codes count
    only in capitals; "Gen." is a stop word.)"""
    if tok.text.lower() in STOPWORDS:
        return False
    if tok.text.isupper():
        return any(
            not c.main_name
            and (c.place.is_country or c.place.is_admin1 or c.place.feature_class == "L")
            for c in cands
        )
    if text[tok.end : tok.end + 1] == ".":
        return any(not c.main_name and c.place.is_admin1 for c in cands)
    return False


def _not_a_name(tok: _Token, sentence_starts: set[int], lower_words: set[str]) -> bool:
    word = tok.text
    if tok.start in sentence_starts and word.lower() in lower_words:
        return True
    if word.lower() in STOPWORDS or len(name_key(word)) < 3:
        return True
    return word.isupper() and len(word) <= 4  # acronyms: UN, SOHR, ISIS


def _part_of_longer_name(
    run: list[_Token],
    i: int,
    j: int,
    taken: set[int],
    table: dict[str, tuple[Candidate, ...]],
    sentence_starts: frozenset[int] | set[int] = frozenset(),
    lower_words: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """True when the match sits in a longer capitalised name that is not a place.

    A capitalised neighbour that is neither a place word ("Northern", "Province"),
    a stop word nor a demonym makes the run a person's or an organisation's name,
    even when the neighbour also matches some place ("Michel Kilo"). A common
    word capitalised only because it opens the sentence does not ("Missing
    Lancaster girl found", when the report also writes "missing").
    """
    for k in (i - 1, j + 1):
        if not 0 <= k < len(run):
            continue
        tok = run[k]
        if not tok.capital or tok.start in taken:
            continue
        if (
            k == i - 1
            and tok.start in sentence_starts
            and (_common_word(tok.text, lower_words) or _gerund(tok.text))
            and not table.get(name_key(tok.text))
        ):
            continue
        word = _without_article(tok.text.lower())  # "Daraa al-Balad"
        if word in PLACE_WORDS or word in STOPWORDS or word in FEATURE_HINTS:
            continue
        return True
    return False


def _without_article(word: str) -> str:
    """``word`` without an Arabic article hyphenated to it ("al-balad" -> "balad")."""
    head, sep, rest = word.partition("-")
    return rest if sep and rest and head in ARTICLES else word


def _common_word(word: str, lower_words: frozenset[str] | set[str]) -> bool:
    """The report also uses ``word`` in lower case."""
    return word.lower() in lower_words


# ------------------------------------------------------------------- given spans


def span_candidates(text: str, gazetteer: Gazetteer) -> tuple[str, tuple[Candidate, ...]]:
    """(key, candidates) for a span a caller says is a place ("Colorado State
    University", "Liverpool Academy", "Iraq's", "Syrian").

    The whole span's name first, then a demonym it may be, then the longest
    run of its words that names a well-known place, earliest first: a building,
    team or institution named after a place is located at that place.
    """
    text = _POSSESSIVE.sub("", text.strip()).rstrip(".")
    key = name_key(text)
    words = key.split()
    inner = [
        " ".join(words[i : i + n])
        for n in range(len(words) - 1, 0, -1)
        for i in range(len(words) - n + 1)
    ]
    # "Syrian", and "Sri Lankan", "South Ossetian": the last word is the demonym.
    head = " ".join(words[:-1])
    demonyms = tuple(f"{head} {k}".strip() for k in demonym_keys(words[-1])) if words else ()
    table = gazetteer.lookup([key, *demonyms, *inner])
    for k in (key, *demonyms):
        if table.get(k):
            return k, table[k]
    for k in inner:
        if len(k) < 3 or any(w in _GENERIC for w in k.split()):
            continue
        # Only a well-known place: "Royal Street" is no street of Royal City.
        notable = tuple(c for c in table.get(k, ()) if _notable(c))
        if notable:
            return k, notable
    return key, ()


# Words that name a kind of thing, not a place, inside a longer name.
_GENERIC = STOPWORDS | ORG_HEADS | TITLE_HEADS | PLACE_WORDS | frozenset(FEATURE_HINTS)
# A place's type word alone ("the City", "Main Street", "the Valley") is not its
# name, though some gazetteer rows carry it as an alternate name.
_GENERIC_WORDS = frozenset(
    "city cities town towns village villages county district province region street road"
    " square market center centre downtown uptown valley".split()
)


# ------------------------------------------------------------------- demonyms


@functools.lru_cache(maxsize=50_000)
def demonym_keys(word: str) -> tuple[str, ...]:
    """Keys a demonym may come from: "Syrian" -> syria, "Iraqis" -> iraq.

    >>> demonym_keys("Latakian")[:2]
    ('latakia', 'latak')
    >>> demonym_keys("Mexicans")[0], demonym_keys("Canadian")[0]
    ('mexico', 'canada')
    """
    w = word.lower()
    known = country_demonyms()
    # A country's demonym first; the suffix rules still apply after it, for a
    # region named with that word ("Central American", "North Americans").
    keys = [known[w]] if w in known else []
    if w.endswith("s") and len(w) > 4:  # plural: "Syrians", "Iraqis"
        w = w[:-1]
    if w.endswith("ian"):
        keys += [w[:-1], w[:-3], w[:-3] + "e", w[:-3] + "ia", w[:-3] + "a", w[:-3] + "y"]
        keys += [w[:-3] + "io"]  # "Ontarian"
    elif w.endswith("an"):
        keys += [w[:-1], w[:-2], w[:-2] + "o"]
    elif w.endswith("i") and len(w) > 4:
        keys += [w[:-1]]
    elif w.endswith("ese"):
        keys += [w[:-3], w[:-3] + "a"]
    elif w.endswith("er") and len(w) > 6 and w[:-2] not in STOPWORDS:
        keys += [w[:-2]]  # "Londoner", "Berliner"; not "Easter" (East), "Southerner"
    elif w.endswith("ine") and len(w) > 6:
        keys += [w + "s"]  # a plural name's adjective: "Philippine" (Philippines)
    return tuple(k for k in dict.fromkeys(keys) if len(k) >= 3)


def _name_pairs(text: str, tokens: list[_Token]) -> list[tuple[_Token, _Token]]:
    """Two capitalised words side by side whose second may be a demonym."""
    return [
        (a, b)
        for a, b in itertools.pairwise(tokens)
        if a.capital and b.capital and text[a.end : b.start] == " " and demonym_keys(b.text)
    ]


def _pair_keys(first: _Token, second: _Token) -> list[str]:
    head = name_key(first.text)
    return [f"{head} {k}" for k in demonym_keys(second.text)] if head else []


def _demonym(
    tok: _Token,
    table: dict[str, tuple[Candidate, ...]],
    *,
    first: _Token | None = None,
    text: str = "",
) -> Toponym | None:
    """A demonym of a well-known place: "Syrian", or with ``first`` "Sri Lankan"."""
    keys = _pair_keys(first, tok) if first is not None else demonym_keys(tok.text)
    if not keys:  # most words; asked first, as the check below is dearer
        return None
    if first is None and any(_notable(c) for c in table.get(name_key(tok.text), ())):
        return None  # "Sudan" is a country, not the demonym of some "Sud"
    start = first.start if first is not None else tok.start
    for key in keys:
        cands = tuple(
            c
            for c in table.get(key, ())
            # A world region too: "Central American" is of Central America.
            if (_notable(c) or c.place.feature_code == "RGN")
            and not c.place.feature_code.startswith("ADM2")
        )
        if cands:
            return Toponym(
                start,
                tok.end,
                text[start : tok.end] if first is not None else tok.text,
                key,
                role="demonym",
                candidates=cands,
                reasons=[f"demonym of {key.title()}"],
            )
    return None


# ------------------------------------------------------------------- cues, roles


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    text: str
    key: str
    hint: str
    encloser: str


def _cue_anchors(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the feature words that may end a _CUE_AFTER match (after whitespace)
    and of those that may be a _CUE_BEFORE match's ("village of")."""
    after, before = [], []
    for m in _HINT.finditer(text):
        start, end = m.span()
        if start and text[start - 1].isspace():
            after.append((start, end))
        if _OF_AFTER_HINT.match(text, end):
            before.append((start, end))
    return after, before


def _cue_matches(
    pattern: re.Pattern[str], anchors: list[tuple[int, int]], text: str, *, ends_at_hint: bool
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, searched only from the stretch before each feature
    word in ``anchors`` (see _HINT). With ``ends_at_hint`` (a match ends with its
    feature word and a word boundary) a search stops at the feature word."""
    if not anchors:
        return
    breaks = [m.start() for m in _NOT_IN_NAME.finditer(text)]
    pos = 0
    for start, end in anchors:
        if end <= pos:
            continue
        # The stretch of name characters leading up to the feature word.
        lo = max(pos, breaks[i - 1] + 1 if (i := bisect.bisect_left(breaks, start)) else 0)
        if ends_at_hint:
            m = pattern.search(text, lo, end)
            # The same start in the whole text: the truncation must not shorten it.
            m = pattern.match(text, m.start()) if m else None
        else:
            m = pattern.search(text, lo)
            if m is None:  # none anywhere after lo: later stretches start no earlier
                return
        if m is not None:
            yield m
            pos = m.end()


def _cues(text: str) -> list[_Cue]:
    cues = []
    after, before = _cue_anchors(text)
    for m in _cue_matches(_CUE_BEFORE, before, text, ends_at_hint=False):
        hint = FEATURE_HINTS[m.group("hint")]
        enc = m.group("enc") or ""
        enc_key = ""
        if enc and enc.lower() not in STOPWORDS:
            enc_key = demonym_keys(enc)[0] if demonym_keys(enc) else name_key(enc)
        cues.extend(_list_cues(text, m.start("names"), m.group("names"), hint, enc_key))
    for m in _cue_matches(_CUE_AFTER, after, text, ends_at_hint=True):
        cues.extend(
            _list_cues(text, m.start("names"), m.group("names"), FEATURE_HINTS[m.group("hint")], "")
        )
    return [c for c in cues if not _opens_with_stopword(c.text)]


def _gerund(word: str) -> bool:
    """A verb's -ing form opening a headline or sentence ("Bombing Daraa city",
    "Targeting Damascus"), which a name does not start with in lower case."""
    return len(word) >= 6 and word.endswith("ing") and word[1:].islower()


def _without_opening_gerund(cue: _Cue, sentence_starts: set[int]) -> _Cue:
    """The cue without an -ing word that opens its sentence ("Bombing Daraa city"
    cues Daraa); a name the gazetteer has is kept whole (the caller's table
    decides later)."""
    first, sep, rest = cue.text.partition(" ")
    if not sep or cue.start not in sentence_starts or not _gerund(first):
        return cue
    start = cue.start + len(first) + 1
    return _Cue(start, cue.end, rest, name_key(rest), cue.hint, cue.encloser)


def _opens_with_stopword(name: str) -> bool:
    """The name's first word is a stop word, but for an article written apart
    before the name ("the village of Al Kadir")."""
    words = name.split()
    first = words[0].lower()
    return first in STOPWORDS and not (first in ARTICLES and len(words) > 1)


def _list_cues(text: str, offset: int, names: str, hint: str, encloser: str) -> list[_Cue]:
    out = []
    pos = 0
    for part in _LIST_SPLIT.split(names):
        idx = names.find(part, pos)
        pos = idx + len(part)
        part = _POSSESSIVE.sub("", part).rstrip(".")
        if part:
            out.append(
                _Cue(offset + idx, offset + idx + len(part), part, name_key(part), hint, encloser)
            )
    return out


def _apply_cues(
    found: list[Toponym], cues: list[_Cue], table: dict[str, tuple[Candidate, ...]]
) -> None:
    by_start = {t.start: t for t in found}
    for cue in cues:
        hit = by_start.get(cue.start)
        if hit is not None and hit.role == "demonym":
            continue
        if hit is None:
            # Cued names the gazetteer lacks are kept, unresolved.
            if any(t.start <= cue.start < t.end for t in found):
                continue
            hit = Toponym(cue.start, cue.end, cue.text, cue.key, candidates=table.get(cue.key, ()))
            found.append(hit)
            by_start[cue.start] = hit
        hit.hint = hit.hint or cue.hint
        hit.encloser = hit.encloser or cue.encloser
        hit.reasons.append(f"cue: {cue.hint}")


def _apply_roles(doc: Document, found: list[Toponym]) -> None:
    text = doc.text
    context_spans = []
    for m in _CONTEXT.finditer(text) if "such" in text else ():  # its one literal
        context_spans.append((m.start("names"), m.end("names")))
    for t in found:
        if doc.dateline_span and t.start < doc.dateline_span[1] and t.end > doc.dateline_span[0]:
            t.role = "dateline"
            t.reasons.append("dateline: where the story was filed")
        elif t.role == "location" and any(a <= t.start < b for a, b in context_spans):
            t.role = "context"
            t.reasons.append("named only for comparison ('such ... as')")


# ------------------------------------------------------------------- place cues


def _words_before(text: str, start: int, width: int) -> list[str]:
    """The whitespace-separated words of the ``width`` characters before ``start``
    (none unless whitespace precedes it; a word the window cuts is left out).
    String methods, not a regex anchored at the end: this runs for every name."""
    if start == 0 or not text[start - 1].isspace():
        return []
    lo = max(0, start - width)
    words = text[lo:start].split()
    if lo and words and not text[lo - 1].isspace() and not text[lo].isspace():
        words = words[1:]
    return words


def _place_cue(text: str, start: int) -> tuple[str, bool]:
    """The cue word before ``start`` and whether it is strong (see
    :data:`~conflictgeo.geoparse.lexicon.PLACE_VERBS`), or ("", False). The word
    before it counts when the cue is "of" ("north of X"); an article between cue
    and name is skipped ("stormed the Eastern Ghouta")."""
    words = _words_before(text, start, 40)
    if len(words) > 1 and words[-1].lower() == "the":
        words.pop()
    if not words or not words[-1].isalpha():
        return "", False
    word = words[-1].lower()
    before = words[-2].lower() if len(words) > 1 and words[-2].isalpha() else ""
    if word == "of" and before in POSITION_OF:
        return f"{before} of", True
    if word in PLACE_VERBS or word in POSITION_WORDS:
        return word, True
    if word in WEAK_PLACE_CUES:
        return word, False
    return "", False


def _apply_place_cues(text: str, found: list[Toponym]) -> None:
    """A name after a verb that takes a place or a word of position ("struck
    Jubeen", "fled Talmenes", "near Salma", "west of X") is a place where
    something happened: it gets the hint ``place``, which keeps it as a mention
    when the gazetteer lacks it (unresolved, with the reason) and when its only
    reading is weakly supported. "in", "on" and "at" vouch only for a name the
    gazetteer has ("shelling on Saqba"): they also precede media and people
    ("on Twitter"). A possessive after an unknown name is its owner's ("stormed
    Assad's palace")."""
    for t in found:
        if t.hint or t.role != "location":
            continue
        word, strong = _place_cue(text, t.start)
        if not word:
            continue
        if not t.candidates and (not strong or text[t.end : t.end + 2] in ("'s", "’s")):
            continue
        t.hint = "place"
        t.reasons.append(f"cue: '{word}' before it")


# ------------------------------------------------------------------- not places

# Words that make up organisations' names and titles: a match of these alone
# inside an organisation's name is none of its places ("Liberal Party").
_ORG_WORDS = ORG_HEADS | ORG_MODIFIERS | PERSON_TITLES | TITLE_HEADS
_TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt capt sgt cpl pvt maj brig adm cmdr sen rep gov det rev".split()
)


def _not_a_place(text: str, run: list[_Token], i: int, j: int, org: bool) -> str:
    """Why the match (i, j) of ``run`` names no place, or "".

    Groups ("al-Qaeda", "Houthi", "Congress": a name of organisation head words
    alone), the words of an organisation's name ("Liberal Party", "Popular
    Mobilization Forces", "Air Force"), a person named after a title ("President
    Trump", "Gen. Allen"), and a person named by given names alone ("Ali
    Abdullah"), though some places bear these names. A group's word cued as a
    place is the place ("captured in Alliance").
    """
    if i == j:  # most matches: one word
        words = [_without_article(run[i].text.lower())]
    else:
        words = [_without_article(t.text.lower()) for t in run[i : j + 1]]
        words = [w for w in words if w not in _DETERMINERS] or words  # "The Liberal"
    if (all(w in ORG_HEADS for w in words) or (org and all(w in _ORG_WORDS for w in words))) and (
        not _place_cue(text, run[i].start)[0]  # "captured in Alliance": the town
    ):
        return "a group or an organisation's word"
    if not org and _title_before(text, run, i):
        return "a person, after a title"
    names = [w for w in words if w not in _CONNECTORS]
    if len(names) > 1 and all(w in GIVEN_NAMES for w in names):
        return "a person's given names"
    return ""


def _given_before(run: list[_Token], i: int) -> bool:
    """Token ``i`` follows a given name or an initial ("Andrew Jackson", "Samuel L.
    Jackson"): a person's name, not a body's."""
    return i > 0 and (run[i - 1].text.lower() in GIVEN_NAMES or len(run[i - 1].text) == 1)


def _org_outside(run: list[_Token], i: int, j: int) -> bool:
    """A head word or title of ``run`` lies outside its tokens i..j."""
    return any(
        t.capital and t.text.lower() in _ORG_OR_TITLE for k, t in enumerate(run) if not i <= k <= j
    )


def _title_before(text: str, run: list[_Token], i: int) -> bool:
    """A personal title just before token ``i``: in the run ("President Trump"), or
    before it in lower case or abbreviated ("the president Trump", "Gen. Allen"; a
    full stop after a whole word ends a sentence: "... said the president. Ohio")."""
    if i:
        return run[i - 1].text.lower() in PERSON_TITLES
    words = _words_before(text, run[i].start, 16)
    if not words:
        return False
    word = words[-1]
    abbreviated = word.endswith(".")
    word = word[:-1] if abbreviated else word
    k = len(word)
    while k and word[k - 1].isalpha():
        k -= 1
    if k == len(word) or (k and word[k - 1].isalnum()):
        return False  # no letters, or a word with digits in it
    word = word[k:].lower()
    return word in (_TITLE_ABBREVIATIONS if abbreviated else PERSON_TITLES)


def _positioned(text: str, t: Toponym) -> bool:
    """A word of position or "in", "on", "at" before ``t`` (not a verb, which
    also takes people: "attacked Trump")."""
    word, _ = _place_cue(text, t.start)
    return bool(word) and word not in PLACE_VERBS


# Below this rapidfuzz ratio (of word sets: "Damascus Ghouta" is like "Ghouta") a
# name is unlike the place's own name.
_LIKE = 60


def _unlike_other_names(t: Toponym) -> bool:
    """``t`` matched only other names of small places, each unlike the place's
    own name, and nothing cues it as a place: "Park" (an old name of Rockville),
    "Trump", "Passover". Such names are mostly words or people; a place's own
    name, a well-known place and a name cued by a feature word ("the town of")
    stand, and the caller keeps one after a word of position ("near Passover")."""
    if t.hint or not t.candidates or t.variant or t.role not in ("location", "associative"):
        return False
    return all(
        not c.main_name
        and not _well_known(c)
        and fuzz.token_set_ratio(t.key, name_key(c.place.name)) < _LIKE
        for c in t.candidates
    )
