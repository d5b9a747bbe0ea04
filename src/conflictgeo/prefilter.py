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
    if not text.isascii():
        text = text.translate(_IGNORECASE_FIXES)
    return text.casefold()


Clause = frozenset[str]  # one of these strings must occur
Alternatives = tuple[tuple[Clause, ...], ...]  # any alternative whose clauses all hold


class Scanner:
    """One Aho-Corasick automaton for the literals of a family of patterns.

    Patterns guarded by one scanner share its pass: the several date patterns
    tried on one sentence scan it once, not once each.
    """

    __slots__ = ("_automaton", "_digits", "_last", "_short", "_words")

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._digits = False
        self._automaton: Any = None
        self._short: tuple[str, ...] = ()
        self._last: tuple[str, frozenset[str]] | None = None

    def guard(self, pattern: re.Pattern[str]) -> Guarded:
        """``pattern`` with a literal pre-filter, when one can be derived (else none)."""
        alternatives = required_literals(pattern)
        if alternatives is not None:
            literals = {lit for clauses in alternatives for c in clauses for lit in c}
            self._digits = self._digits or DIGIT in literals
            if not literals - {DIGIT} <= self._words:
                self._words |= literals - {DIGIT}
                self._automaton = None  # rebuilt on the next scan
        return Guarded(pattern, alternatives, self)

    def found(self, text: str) -> frozenset[str]:
        """The family's literals that occur in ``text`` (case-folded)."""
        last = self._last
        if last is not None and last[0] is text:  # the same string object, held here
            return last[1]
        if self._automaton is None and self._words:
            import ahocorasick

            # Literals of one or two characters (" ", "e", "in") occur many times
            # in every sentence: a substring test each is cheaper than walking
            # their hits; the automaton finds the longer ones.
            self._short = tuple(sorted(w for w in self._words if len(w) <= _SHORT))
            self._automaton = ahocorasick.Automaton()
            for word in sorted(self._words):
                if len(word) > _SHORT:
                    self._automaton.add_word(word, word)
            self._automaton.make_automaton()
        folded = fold(text)
        words = {w for w in self._short if w in folded}
        if self._automaton is not None and len(self._automaton):
            words.update(word for _, word in self._automaton.iter(folded))
        if self._digits and _ANY_DIGIT.search(text):
            words.add(DIGIT)
        found = frozenset(words)
        self._last = (text, found)
        return found


class Guarded:
    """A compiled pattern whose ``search`` first checks for its required literals.

    Its scanner finds every literal in one pass over the case-folded text; only
    the alternatives whose rarest clause occurred are then checked.
    """

    __slots__ = ("_by_first", "_firsts", "_memo", "_scanner", "alternatives", "pattern")

    def __init__(
        self, pattern: re.Pattern[str], alternatives: Alternatives | None, scanner: Scanner
    ) -> None:
        self.pattern = pattern
        self.alternatives = alternatives
        self._scanner = scanner
        self._by_first: dict[str, list[tuple[Clause, ...]]] = {}
        for clauses in alternatives or ():
            for lit in clauses[0]:
                self._by_first.setdefault(lit, []).append(clauses)
        self._firsts = frozenset(self._by_first)
        # The answer depends only on the literals found, and sentences share few sets
        # of them ("in", "on" and a digit): remembered per set.
        self._memo: dict[frozenset[str], bool] = {}

    def could_match(self, text: str) -> bool:
        if self.alternatives is None:
            return True
        found = self._scanner.found(text)
        known = self._memo.get(found)
        if known is None:
            known = self._memo[found] = self._decide(found)
            if len(self._memo) > 4096:  # bounded: most sets of a long text are new
                self._memo.clear()
        return known

    def _decide(self, found: frozenset[str]) -> bool:
        # Only the found literals that open one of this pattern's alternatives.
        for lit in found & self._firsts:
            for clauses in self._by_first[lit]:
                if all(not found.isdisjoint(c) for c in clauses):
                    return True
        return False

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        if not self.could_match(text):
            return None
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        if not self.could_match(text):
            return iter(())
        return self.pattern.finditer(text, *args)


T = TypeVar("T")


class Family(Generic[T]):
    """Items holding guarded patterns of one scanner, all tried on the same texts.

    :meth:`possible` keeps the items whose pattern can match, decided once per
    set of literals found rather than once per pattern and text: a sentence
    asks a dozen date or trigger patterns, and sentences share few such sets.
    """

    __slots__ = ("_guards", "_items", "_memo", "_scanner")

    def __init__(self, items: Sequence[T], guard: Callable[[T], Guarded]) -> None:
        self._items = tuple(items)
        self._guards = tuple(guard(item) for item in self._items)
        scanners = {id(g._scanner) for g in self._guards}
        if len(scanners) > 1:
            raise ValueError("a family's patterns must share one scanner")
        self._scanner = self._guards[0]._scanner if self._guards else None
        self._memo: dict[frozenset[str], tuple[T, ...]] = {}

    def possible(self, text: str) -> tuple[T, ...]:
        """The items, in order, whose pattern may match ``text`` (a superset of those that do)."""
        if self._scanner is None:
            return ()
        found = self._scanner.found(text)
        known = self._memo.get(found)
        if known is None:
            known = tuple(
                item
                for item, g in zip(self._items, self._guards, strict=True)
                if g.alternatives is None or g._decide(found)
            )
            if len(self._memo) > 4096:  # bounded, as Guarded's own memo
                self._memo.clear()
            self._memo[found] = known
        return known


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
        # The rarest clause first: long strings, few of them.
        clauses.sort(key=lambda c: (-min(len(x) for x in c), len(c), sorted(c)))
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
