"""Literal pre-filters: they may only rule out texts the regex cannot match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictgeo.extract import actors, dates, kinds, numbers
from conflictgeo.prefilter import DIGIT, SENTENCES, Family, Scanner, guarded, required_literals
from conflictgeo.text import split_sentences

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def sample_sentences() -> list[str]:
    return [s.text for p in sorted(SAMPLES.glob("*.txt")) for s in split_sentences(p.read_text())]


def lexicon_patterns() -> list:
    return [
        kinds._GENERIC,
        *(rx for _, rx in dates._GUARDED),
        *(rx for _, _, rx in kinds._COMPILED),
        *(rx for rx, _, _ in actors._COMPILED),
        numbers._ANCHOR,
        numbers._DATE_MASK,
        numbers._CASUALTIES_ONLY,
        numbers._DISPLACED,
        numbers._TERRITORY,
    ]


def test_the_lexicon_filters_never_rule_out_a_match() -> None:
    sentences = sample_sentences()
    assert len(sentences) > 50
    ruled_out = 0
    for rx in lexicon_patterns():
        for s in sentences:
            if not rx.could_match(s):
                ruled_out += 1
                assert rx.pattern.search(s) is None, (rx.pattern.pattern[:60], s)
            assert [m.span() for m in rx.finditer(s)] == [m.span() for m in rx.pattern.finditer(s)]
    assert ruled_out > len(sentences), "the filters rule nothing out"


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("On ٣/٤/٢٠١٣ jets struck.", True),  # Arabic-Indic digits are \d too
        ("AIR STRIKES", True),
        ("airſtrike", True),  # re.IGNORECASE: the long s is an s
        ("ﬁghting", False),  # no full folding in re: the filter may pass it, the regex decides
        ("The talks resumed.", False),
    ],
)
def test_case_folding_and_unicode_digits(text: str, matches: bool) -> None:
    rx = re.compile(r"\b(?:\d+/\d+/\d+|air ?strikes?|fighting)\b", re.IGNORECASE)
    g = guarded(rx)
    assert (rx.search(text) is not None) == matches
    assert (g.search(text) is not None) == matches


def test_an_alternative_without_literals_disables_the_filter() -> None:
    assert required_literals(re.compile(r"\w+|shelled")) is None
    g = guarded(re.compile(r"\w+|shelled"))
    assert g.could_match("anything") and g.search("running").group() == "running"


def test_conjunctions_and_digits() -> None:
    (clauses,) = required_literals(re.compile(r"\bin\s+(?:19|20)\d\d\b"))
    assert set(clauses) == {frozenset({"in"}), frozenset({"19", "20"}), frozenset({DIGIT})}
    g = guarded(re.compile(r"\bin\s+(?:19|20)\d\d\b"))
    assert not g.could_match("fighting in the year two thousand")
    assert g.could_match("in the year 1999") and g.search("in the year 1999") is None
    assert g.search("fighting in 2013") is not None


def test_a_scanner_scans_a_text_once_for_all_its_patterns() -> None:
    scanner = Scanner()
    a = scanner.guard(re.compile(r"shell(?:ed|ing)", re.I))
    b = scanner.guard(re.compile(r"killed \d+", re.I))
    text = "Shelling killed 4."
    assert a.search(text) and b.search(text)
    assert scanner.found(text) is scanner.found(text)
    assert not b.could_match("Shelling went on.")


def test_fold_agrees_with_ignorecase_on_every_code_point() -> None:
    import sys

    from conflictgeo.prefilter import fold

    letter = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if letter.fullmatch(c):
            (lower,) = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.I)]
            assert fold(c) == lower, hex(cp)


def test_dotted_and_dotless_i_are_not_ruled_out() -> None:
    rx = re.compile(r"\bairstrikes?\b", re.IGNORECASE)
    for text in ("AİRSTRIKE", "aırstrike"):
        assert rx.search(text) is not None
        assert guarded(rx).search(text) is not None


def test_non_ascii_literals_are_not_used() -> None:
    assert required_literals(re.compile("café|tea")) is None
    ((*clauses,),) = required_literals(re.compile("caf(?:é|e) au lait"))
    assert set(clauses) == {frozenset({" au lait"}), frozenset({"caf"})}


@pytest.mark.parametrize(
    ("pattern", "text"),
    [(r"\d{2} killed", "12 killed"), (r"(?:a\d){2}", "a1a2"), (r"(?:ab){2}c", "ababc")],
)
def test_repeats(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    assert guarded(rx).search(text) is not None
    assert guarded(rx).search(text.replace("1", "x").replace("b", "")) is rx.search(
        text.replace("1", "x").replace("b", "")
    )


def test_found_keys_are_exactly_the_keys_the_text_holds_short_or_long() -> None:
    # Keys of one or two characters are tested as substrings, longer ones by the
    # automaton: together exactly the keys the folded text contains.
    for scanner in (SENTENCES, actors._SCANNER):
        keys = scanner._keys
        assert any(len(w) <= 2 for w in keys) and any(len(w) > 2 for w in keys)
        for sentence in sample_sentences():
            expected = {w for w in keys if w in sentence.casefold()}
            assert scanner.found(sentence).keys - {DIGIT} == expected


def test_keys_are_each_alternatives_rarest_clause() -> None:
    scanner = Scanner()
    g = scanner.guard(re.compile(r"\b(?:the (?:\w+ )?town of|in \d+ villages)\b", re.I))
    assert scanner._keys == {"town of", " villages"}
    assert "the " not in scanner._keys  # in most sentences: tested only where a key is
    assert g.could_match("They took the town of Kessab.")
    assert not g.could_match("A town of note.")  # the key, but not "the "
    assert not g.could_match("in the villages")  # the key, but no digit
    assert g.could_match("in 11 villages") and g.search("in 11 villages")


def test_a_digit_is_a_key_only_when_nothing_longer_is_required() -> None:
    scanner = Scanner()
    scanner.guard(re.compile(r"\d+-\d+"))
    assert scanner._keys == {"-"} and not scanner._digits
    only = scanner.guard(re.compile(r"\d+"))
    assert scanner._digits
    assert only.could_match("٣") and not only.could_match("three")


def test_the_sentence_lexicons_share_one_scan() -> None:
    assert dates._SCANNER is kinds._SCANNER is SENTENCES
    sentence = "On Aug. 10 jets struck Saraqib."
    found = SENTENCES.found(sentence)
    assert {"aug", "struck"} <= found.keys  # a date key and a trigger key, one pass
    assert dates.find_dates(sentence, None) == []  # no publication date: no year
    assert SENTENCES.found(sentence) is found
    assert [t.kind for t in kinds.find_triggers(sentence)] == ["air_strike"]
    assert SENTENCES.found(sentence) is found


def test_a_family_decides_on_its_own_keys_only() -> None:
    scanner = Scanner()
    one = Family([scanner.guard(re.compile(r"\bshelled\b"))], lambda g: g)
    Family([scanner.guard(re.compile(r"\bcaptured\b"))], lambda g: g)
    for text in ("shelled", "captured", "shelled and captured", "nothing"):
        assert one.possible(text) == tuple(g for g in one._items if g.pattern.search(text))
    assert len(one._memo) == 2  # {shelled} and {}: "captured" is not its key


def test_remembered_answers_equal_fresh_ones() -> None:
    for rx in lexicon_patterns():
        for sentence in sample_sentences() * 2:  # the second pass answers from memory
            if rx.alternatives is None:
                assert rx.could_match(sentence)
                continue
            found = rx._scanner.found(sentence)
            fresh = any(
                all(
                    any(lit in found.folded for lit in c - {DIGIT})
                    or (DIGIT in c and found.has_digit())
                    for c in clauses
                )
                for clauses in rx.alternatives
            )
            assert rx.could_match(sentence) == fresh


def test_family_keeps_in_order_the_items_whose_pattern_may_match() -> None:
    scanner = Scanner()
    items = [
        ("killed", scanner.guard(re.compile(r"\bkilled\b", re.I))),
        ("year", scanner.guard(re.compile(r"\bin (?:19|20)\d\d\b"))),
        ("any", scanner.guard(re.compile(r"\w+"))),  # no literal: always possible
        ("shelled", scanner.guard(re.compile(r"\bshell(?:ed|ing)\b", re.I))),
    ]
    family = Family(items, lambda item: item[1])
    for text in ("Shelling KILLED two in 2013.", "Nothing here.", "in 1999 they shelled it"):
        expected = tuple(item for item in items if item[1].could_match(text))
        assert family.possible(text) == expected
        # Never rules out a pattern that matches.
        kept = {name for name, _ in family.possible(text)}
        assert {name for name, g in items if g.pattern.search(text)} <= kept
    assert [name for name, _ in family.possible("Nothing here.")] == ["any"]
    assert Family([], lambda item: item).possible("text") == ()


def test_family_refuses_patterns_of_several_scanners() -> None:
    with pytest.raises(ValueError, match="one scanner"):
        Family([guarded(re.compile("a")), guarded(re.compile("b"))], lambda g: g)


def test_the_lexicon_families_keep_what_each_pattern_would() -> None:
    for family in (dates._FAMILY, kinds._FAMILY, actors._FAMILY):
        for sentence in sample_sentences():
            kept = family.possible(sentence)
            assert kept == tuple(
                item
                for item, g in zip(family._items, family._guards, strict=True)
                if g.could_match(sentence)
            )


def test_a_scan_is_remembered_for_later_patterns_until_new_keys_arrive() -> None:
    scanner = Scanner()
    shelled = scanner.guard(re.compile(r"shelled"))
    first, second = "Troops shelled the village.", "Jets struck the town."
    assert shelled.search(first) and not shelled.search(second)
    assert scanner.found(first) is scanner.found(first)  # triggers then dates: one scan
    struck = scanner.guard(re.compile(r"struck"))  # a pattern guarded later adds a key...
    assert struck.search(second) is not None  # ...and a remembered scan cannot hide it
    assert "struck" in scanner.found(second).keys
