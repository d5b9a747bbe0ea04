"""A fast first pass for many-pattern searches: can this sentence match at all?

Python's ``re`` tries every alternative of a large alternation at every
position. :func:`screen` instead reads, from the parsed patterns, the first
letters every match must begin with and nests them into a trie
(``a(?:ir(?: st|craft)|mbush)|b...``), so a sentence without any of them is
rejected in one cheap scan; the full patterns then run only on the rest.
"""

from __future__ import annotations

import re
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]

_DIGITS = {str(d) for d in range(10)}


def _prefixes(items: list[tuple[object, object]], need: int, depth: int = 0) -> set[str] | None:
    """The lowercase beginnings (``need`` characters, fewer where a match may end or
    an open class such as ``\\w`` follows) of what a parsed pattern can match; None
    when the pattern nests too deep to tell."""
    if need == 0 or not items:
        return {""}
    if depth > 40:
        return None
    (op, av), rest = items[0], items[1:]

    def then(heads: set[str]) -> set[str] | None:
        tail = _prefixes(rest, need - 1, depth + 1)
        return None if tail is None else {h + t for h in heads for t in tail}

    if op is _sre.LITERAL:
        return then({chr(av).lower()})  # type: ignore[arg-type]
    if op is _sre.IN:
        chars = _class_chars(av)  # type: ignore[arg-type]
        return {""} if chars is None else then(chars)
    if op is _sre.SUBPATTERN:
        return _prefixes(list(av[-1]) + rest, need, depth + 1)  # type: ignore[index]
    if op is _sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            found = _prefixes(list(alt) + rest, need, depth + 1)
            if found is None:
                return None
            out |= found
        return out
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, high, sub = av  # type: ignore[misc]
        again = [(op, (max(low - 1, 0), high - 1, sub))] if high != 1 else []
        once = _prefixes(list(sub) + again + rest, need, depth + 1)
        skip = _prefixes(rest, need, depth + 1) if low == 0 else set()
        return None if once is None or skip is None else once | skip
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _prefixes(rest, need, depth + 1)
    return {""}  # anything else (a category, "any") ends the known beginning


def screen(alternatives: list[str]) -> re.Pattern[str]:
    """One cheap pass that every trigger needs to pass: the first three letters of
    every way a trigger can begin (up to six letters), at a word start. Falls back to
    all the patterns at once when some alternative has no known beginning."""
    heads: set[str] = set()
    for alt in alternatives:
        found = _prefixes(list(_sre_parse.parse(alt, re.IGNORECASE)), 6)
        if found is None or "" in found:
            return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)
        heads |= found
    return re.compile(r"\b" + _trie(sorted(heads)), re.IGNORECASE)


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words`` (as prefixes), nested by shared letters so the
    engine tries a few branches per position, not hundreds."""
    if "" in words:
        return ""  # a shorter word already matches here
    branches = []
    for first in sorted({w[0] for w in words}):
        tails = [w[1:] for w in words if w[0] == first]
        branches.append(re.escape(first) + _trie(tails))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _class_chars(items: list[tuple[object, object]]) -> set[str] | None:
    """The characters of a small class (``[0-3]``, ``\\d``, ``[-–]``); None when open."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av).lower())  # type: ignore[arg-type]
        elif op is _sre.RANGE and av[1] - av[0] < 16:  # type: ignore[index,operator]
            chars |= {chr(c).lower() for c in range(av[0], av[1] + 1)}  # type: ignore[index]
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            chars |= _DIGITS
        else:
            return None
    return chars
