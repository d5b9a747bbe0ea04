"""Literal pre-filters: skip a regex search when the text cannot match.

Python's ``re`` tries every alternative of a big pattern at every position, so
a "can this sentence hold a trigger at all?" pass over a hundred alternatives
costs more than the work it saves. :func:`required_literals` reads a pattern's
syntax tree and derives, for each top-level alternative, the strings a match
must contain ("strik", a month name and a digit); plain substring tests on the
case-folded text then rule most sentences out, and the regex runs only where
an alternative's strings all occur. The answer is always the regex's own: the
filter can only say "no match possible".

>>> rx = guarded(re.compile(r"\\b(?:air ?strikes?|shell(?:ed|ing))\\b", re.I))
>>> rx.alternatives[0] == ({"strike"}, {"air"})  # "air" and "strike" in one sentence
True
>>> rx.search("Jets carried out AIRSTRIKES.").group()
'AIRSTRIKES'
>>> rx.search("Talks resumed.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

try:  # Python 3.11+: the parser moved into the re package
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_MAX_CLASS = 12  # a character class wider than this is no useful literal
_SHORT = 2  # literals this long or shorter are tested as substrings (see Scanner.found)
_MAX_REPEAT_EXPAND = 3  # "x{2}" contributes "xx"; longer repeats just "x"
# \d matches every Unicode decimal digit ("٣" too): it stands for itself.
DIGIT = "\x00"
_ANY_DIGIT = re.compile(r"\d")

# re.IGNORECASE matches these to "i", where case folding does not ("İ" folds to
# "i" plus a combining dot). They are the only two letters it equates with an ASCII
# letter that casefold() does not; tests/test_prefilter.py checks every code point.
_IGNORECASE_FIXES = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(text: str) -> str:
    """``text`` in the form the literals are kept in: each character a text can
    hold where ``re.IGNORECASE`` matches an ASCII letter folds to that letter."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text):
        text = text.translate(_IGNORECASE_FIXES)
    return text.casefold()


Clause = frozenset[str]  # one of these strings must occur
Alternatives = tuple[tuple[Clause, ...], ...]  # any alternative whose clauses all hold


class Found:
    """What a :class:`Scanner` found in one text: the keys it holds, and the
    folded text to test the other literals against."""

    __slots__ = ("_digit", "folded", "keys", "text")

    def __init__(self, text: str, folded: str, keys: frozenset[str], digit: bool | None) -> None:
        self.text = text
        self.folded = folded
        self.keys = keys
        self._digit = digit

    def has_digit(self) -> bool:
        if self._digit is None:
            self._digit = _ANY_DIGIT.search(self.text) is not None
        return self._digit


class Scanner:
    """One Aho-Corasick automaton for the key literals of a family of patterns.

    Each alternative of a pattern has a key clause, its rarest (see
    :func:`required_literals`); the automaton finds the keys of every guarded
    pattern in one pass over the case-folded text, and an alternative's other
    clauses ("the ", "ing": in most sentences) are tested as substrings only
    where one of its keys occurs. Patterns guarded by one scanner share its
    pass: the date and trigger patterns tried on one sentence scan it once.
    """

    __slots__ = ("_automaton", "_digits", "_keys", "_recent", "_short")

    def __init__(self) -> None:
        self._keys: set[str] = set()
        self._digits = False  # a digit is some alternative's key
        self._automaton: Any = None
        self._short: tuple[str, ...] = ()
        # What the last texts held, so patterns tried on a sentence at different
        # times (its triggers, then later its dates) share one scan of it.
        self._recent: dict[str, Found] = {}

    def guard(self, pattern: re.Pattern[str]) -> Guarded:
        """``pattern`` with a literal pre-filter, when one can be derived (else none)."""
        alternatives = required_literals(pattern)
        if alternatives is not None:
            keys = {lit for clauses in alternatives for lit in clauses[0]}
            self._digits = self._digits or DIGIT in keys
            if not keys - {DIGIT} <= self._keys:
                self._keys |= keys - {DIGIT}
                self._automaton = None  # rebuilt on the next scan
                self._recent.clear()  # scans made without the new keys
        return Guarded(pattern, alternatives, self)

    def found(self, text: str) -> Found:
        """The keys that occur in ``text`` (case-folded), with the folded text."""
        recent = self._recent.get(text)
        if recent is not None:
            return recent
        if self._automaton is None and self._keys:
            import ahocorasick_rs

            # Keys of one or two characters ("in", "-") occur many times in every
            # sentence: a substring test each is cheaper than walking their hits.
            self._short = tuple(sorted(w for w in self._keys if len(w) <= _SHORT))
            long = sorted(w for w in self._keys if len(w) > _SHORT)
            self._automaton = (
                ahocorasick_rs.AhoCorasick(
                    long, implementation=ahocorasick_rs.Implementation.DFA, store_patterns=True
                )
                if long
                else ()
            )
        folded = fold(text)
        keys = {w for w in self._short if w in folded}
        if self._automaton:
            keys.update(self._automaton.find_matches_as_strings(folded, overlapping=True))
        digit = None
        if self._digits:
            digit = _ANY_DIGIT.search(text) is not None
            if digit:
                keys.add(DIGIT)
        found = Found(text, folded, frozenset(keys), digit)
        if len(self._recent) >= _RECENT:
            self._recent.clear()
        self._recent[text] = found
        return found


_RECENT = 512  # texts whose scan is kept: the sentences of a long report

# The extractor's sentence lexicons (date patterns, event triggers) are all tried
# on every sentence: one scanner for them all scans each sentence once.
SENTENCES = Scanner()


# The other clauses of the alternatives whose key occurred, each clause as its
# strings and whether a digit also satisfies it: any alternative whose clauses all hold.
Rest = tuple[tuple[tuple[tuple[str, ...], bool], ...], ...]


def _rest_holds(found: Found, rest: Rest) -> bool:
    folded = found.folded
    for clauses in rest:  # plain loops: this runs for most sentences
        for words, digit in clauses:
            for word in words:
                if word in folded:
                    break
            else:
                if digit and found.has_digit():
                    continue
                break  # the clause fails, and with it the alternative
        else:
            return True
    return False


def _as_rest(clauses: tuple[Clause, ...]) -> tuple[tuple[tuple[str, ...], bool], ...]:
    return tuple((tuple(sorted(c - {DIGIT})), DIGIT in c) for c in clauses)


class Guarded:
    """A compiled pattern whose ``search`` first checks for its required literals.

    Its scanner finds the keys in one pass over the case-folded text; only the
    alternatives one of whose keys occurred are then checked, clause by clause.
    """

    __slots__ = ("_by_first", "_firsts", "_memo", "_scanner", "alternatives", "pattern")

    def __init__(
        self, pattern: re.Pattern[str], alternatives: Alternatives | None, scanner: Scanner
    ) -> None:
        self.pattern = pattern
        self.alternatives = alternatives
        self._scanner = scanner
        self._by_first: dict[str, list[tuple[tuple[tuple[str, ...], bool], ...]]] = {}
        for clauses in alternatives or ():
            for lit in clauses[0]:
                self._by_first.setdefault(lit, []).append(_as_rest(clauses[1:]))
        self._firsts = frozenset(self._by_first)
        # Sentences share few sets of keys ("in" and a digit): the alternatives
        # left to check are remembered per set.
        self._memo: dict[frozenset[str], Rest | None] = {}

    def could_match(self, text: str) -> bool:
        if self.alternatives is None:
            return True
        return self._decide(self._scanner.found(text))

    def _decide(self, found: Found) -> bool:
        rest = self._rest(found.keys)
        return rest is None or _rest_holds(found, rest)

    def _rest(self, keys: frozenset[str]) -> Rest | None:
        """The other clauses of each alternative whose key is in ``keys``; None
        when one alternative needs nothing more (its key was all it required)."""
        try:
            return self._memo[keys]
        except KeyError:
            pass
        rests = dict.fromkeys(
            clauses for lit in sorted(keys & self._firsts) for clauses in self._by_first[lit]
        )
        rest = None if () in rests else tuple(rests)
        if len(self._memo) > 4096:  # bounded: most sets of a long text are new
            self._memo.clear()
        self._memo[keys] = rest
        return rest

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        if not self.could_match(text):
            return None
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        if not self.could_match(text):
            return iter(())
        return self.pattern.finditer(text, *args)


T = TypeVar("T")
Candidates = tuple[tuple[T, Rest | None], ...]


class Family(Generic[T]):
    """Items holding guarded patterns of one scanner, all tried on the same texts.

    :meth:`possible` keeps the items whose pattern can match: which items' keys
    occurred, and what else they need, is worked out once per set of keys found
    rather than once per pattern and text (a sentence asks a dozen date or
    trigger patterns, and sentences share few such sets).
    """

    __slots__ = ("_guards", "_items", "_keys", "_memo", "_scanner")

    def __init__(self, items: Sequence[T], guard: Callable[[T], Guarded]) -> None:
        self._items = tuple(items)
        self._guards = tuple(guard(item) for item in self._items)
        scanners = {id(g._scanner) for g in self._guards}
        if len(scanners) > 1:
            raise ValueError("a family's patterns must share one scanner")
        self._scanner = self._guards[0]._scanner if self._guards else None
        # Only the family's own keys decide (its scanner may serve other families).
        self._keys = frozenset(lit for g in self._guards for lit in g._firsts)
        self._memo: dict[frozenset[str], tuple[tuple[T, ...] | None, Candidates[T]]] = {}

    def possible(self, text: str) -> tuple[T, ...]:
        """The items, in order, whose pattern may match ``text`` (a superset of those that do)."""
        if self._scanner is None:
            return ()
        found = self._scanner.found(text)
        keys = found.keys & self._keys
        known = self._memo.get(keys)
        if known is None:
            known = self._memo[keys] = self._candidates(keys)
        sure, candidates = known
        if sure is not None:
            return sure
        return tuple(item for item, rest in candidates if rest is None or _rest_holds(found, rest))

    def _candidates(self, keys: frozenset[str]) -> tuple[tuple[T, ...] | None, Candidates[T]]:
        """For a set of keys, the items whose key occurred, with what else they
        need (None: nothing); and the items alone when none needs more."""
        if len(self._memo) > 4096:  # bounded, as Guarded's own memo
            self._memo.clear()
        candidates = tuple(
            (item, None if g.alternatives is None else g._rest(keys))
            for item, g in zip(self._items, self._guards, strict=True)
            if g.alternatives is None or keys & g._firsts
        )
        if all(rest is None for _, rest in candidates):
            return tuple(item for item, _ in candidates), candidates
        return None, candidates


def guarded(pattern: re.Pattern[str]) -> Guarded:
    """``pattern`` with a literal pre-filter of its own (see :class:`Scanner`)."""
    return Scanner().guard(pattern)


def required_literals(pattern: re.Pattern[str]) -> Alternatives | None:
    """Per top-level alternative, case-folded clauses every match of it satisfies.

    None when some alternative requires no literal at all (``\\w+``).

    >>> required_literals(re.compile(r"\\bin\\s+(?:19|20)\\d\\d\\b")) == (
    ...     ({"in"}, {"19", "20"}, {DIGIT}),
    ... )
    True
    >>> required_literals(re.compile(r"\\d+ (?:KILLED|dead)", re.I))[0][0] == {"killed", "dead"}
    True
    """
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError):
        return None
    out = []
    for items in _top_alternatives(list(tree)):
        # Only ASCII literals: their case-insensitive matches are known (see fold).
        clauses = [c for c in _options(items) if c and all(x and x.isascii() for x in c)]
        if not clauses:
            return None
        # The rarest clause first (the key, see Scanner): long strings, few of them;
        # a digit, in many sentences and found by a search of its own, last of its length.
        clauses.sort(key=lambda c: (-min(len(x) for x in c), DIGIT in c, len(c), sorted(c)))
        out.append(tuple(frozenset(x.casefold() for x in c) for c in dict.fromkeys(clauses)))
    return tuple(out)


def _top_alternatives(items: list[tuple[Any, Any]]) -> Iterable[list[tuple[Any, Any]]]:
    """ "\\b(?:a|b)\\b" and "a|b" are the alternatives a and b."""
    inner = [(op, arg) for op, arg in items if op is not sre.AT]
    if len(inner) == 1 and inner[0][0] is sre.SUBPATTERN:
        yield from _top_alternatives(list(inner[0][1][-1]))
    elif len(inner) == 1 and inner[0][0] is sre.BRANCH:
        for branch in inner[0][1][1]:
            yield from _top_alternatives(list(branch))
    else:
        yield items


def _sequence(items: list[tuple[Any, Any]]) -> Clause | None:
    """The best single clause of a sequence (see :func:`_options`)."""
    options = _options(items)
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _options(items: list[tuple[Any, Any]]) -> list[Clause]:
    """Every clause a sequence requires: its runs of literals and its elements' clauses."""
    options: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            low, _, body = arg
            if low >= 1:
                inner = _sequence(list(body))
                if inner is not None:
                    # Repeats are contiguous only when the body is nothing but literals.
                    literal = all(o is sre.LITERAL for o, _ in body)
                    if literal and 1 < low <= _MAX_REPEAT_EXPAND:
                        (lit,) = inner
                        inner = frozenset([lit * low])
                    options.append(inner)
            continue
        found = _element(op, arg)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset([run]))
    return options


def _element(op: Any, arg: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if found is None:
                return None  # one alternative needs nothing: the whole needs nothing
            union |= found
        return frozenset(union)
    if op is sre.IN:
        return _char_class(arg)
    return None  # anchors, lookarounds, ".", negated literals: nothing required


def _char_class(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE:
            low, high = arg
            if high - low >= _MAX_CLASS:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            chars.add(DIGIT)
        else:  # negation, \w, \s: too wide
            return None
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None
