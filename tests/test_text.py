"""Tests of conflictgeo.text: cleaning, headline and dateline, sentence splitting."""

from __future__ import annotations

import random
import re

import pytest

from conflictgeo.text import (
    MAX_SENTENCE_CHARS,
    OffsetMap,
    apply_edits,
    clean,
    clean_with_offsets,
    prepare,
    split_sentences,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "fled in August.\n_69129968_syria_latakia_feb13The sources said",
            "fled in August.\nThe sources said",
            id="media-token-glued-to-capital",
        ),
        pytest.param(
            "Jets struck. _69129968_syria_aleppo More text",
            "Jets struck. More text",
            id="media-token-before-space",
        ),
        pytest.param("photo.jpg The army advanced.", "The army advanced.", id="file-name"),
        pytest.param("a  b\t c\u00a0d", "a b c d", id="spaces-tabs-nbsp"),
        pytest.param("line one\n\n\n\n\nline two", "line one\n\nline two", id="blank-lines"),
        pytest.param("  x  \r\n y \r z ", "x\ny\nz", id="crlf-and-edges"),
        pytest.param("\ufeffBEIRUT", "BEIRUT", id="bom"),
        pytest.param("Cafe\u0301", "Caf\u00e9", id="nfc"),
        pytest.param("In 2013_10 rebels", "In 2013_10 rebels", id="no-false-media-token"),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "title", "dateline", "span_text"),
    [
        pytest.param(
            "Rebels advance\n\nNICOSIA — Rebels seized a town.",
            "Rebels advance",
            "Nicosia",
            "NICOSIA",
            id="caps-em-dash",
        ),
        pytest.param(
            "Rebels advance\n\nBEIRUT (Reuters) - Rebels seized a town.",
            "Rebels advance",
            "Beirut",
            "BEIRUT",
            id="agency",
        ),
        pytest.param(
            "BEIRUT, Lebanon — Rebels seized a town.",
            None,
            "Beirut",
            "BEIRUT",
            id="caps-with-country",
        ),
        pytest.param(
            "Damascus, Aug. 12 (AFP) – Rebels fled.",
            None,
            "Damascus",
            "Damascus",
            id="title-case-with-date-and-agency",
        ),
        pytest.param(
            "Syria rebels seize villages\n\nBy John Smith\n\nNICOSIA — Rebels seized.",
            "Syria rebels seize villages",
            "Nicosia",
            "NICOSIA",
            id="after-byline",
        ),
        pytest.param(
            "Rebels seized a town near Latakia on Tuesday.",
            None,
            None,
            None,
            id="plain-first-sentence",
        ),
        pytest.param(
            "The Syrian army — backed by jets — advanced.",
            None,
            None,
            None,
            id="dash-aside-is-no-dateline",
        ),
        pytest.param(
            "Rebels seized a town.\n\nMore text.", None, None, None, id="sentence-is-no-headline"
        ),
    ],
)
def test_prepare_headline_and_dateline(
    raw: str, title: str | None, dateline: str | None, span_text: str | None
) -> None:
    p = prepare(raw)
    assert p.title == title
    assert p.dateline == dateline
    if span_text is None:
        assert p.dateline_span is None
    else:
        assert p.dateline_span is not None
        assert p.text[slice(*p.dateline_span)] == span_text


def test_prepare_headline_span() -> None:
    p = prepare("Rebels advance\n\nBEIRUT — Rebels seized a town.")
    assert p.text[: p.title_end] == "Rebels advance"
    assert p.text == "Rebels advance\n\nBEIRUT — Rebels seized a town."


def test_prepare_given_title_is_not_looked_for() -> None:
    p = prepare("BEIRUT — Rebels seized a town.", title="Rebels advance")
    assert (p.title, p.title_end, p.dateline) == ("Rebels advance", 0, "Beirut")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "On Aug. 10 rebels fled. Then jets came.",
            ["On Aug. 10 rebels fled.", "Then jets came."],
            id="month-abbreviation",
        ),
        pytest.param(
            "Mr. Kilo spoke. Gen. Ali and Dr. Bob too.",
            ["Mr. Kilo spoke.", "Gen. Ali and Dr. Bob too."],
            id="titles",
        ),
        pytest.param(
            "John F. Kennedy spoke. Next.", ["John F. Kennedy spoke.", "Next."], id="initial"
        ),
        pytest.param(
            "The U.N. envoy spoke. He left.",
            ["The U.N. envoy spoke.", "He left."],
            id="dotted-acronym",
        ),
        pytest.param(
            'He said: "Rebels fled." Then the army came.',
            ['He said: "Rebels fled."', "Then the army came."],
            id="straight-quotes",
        ),
        pytest.param(
            "He said, “We fled.” Later, they returned.",
            ["He said, “We fled.”", "Later, they returned."],
            id="curly-quotes",
        ),
        pytest.param("Is it? Yes! Done.", ["Is it?", "Yes!", "Done."], id="question-exclamation"),
        pytest.param("It cost 3.5 million. Next.", ["It cost 3.5 million.", "Next."], id="decimal"),
        pytest.param(
            "In 2013. 2014 was worse.", ["In 2013.", "2014 was worse."], id="next-starts-with-digit"
        ),
        pytest.param(
            "rebels fled. then jets came.",
            ["rebels fled. then jets came."],
            id="lower-case-does-not-split",
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_split_sentences_paragraphs_and_offsets() -> None:
    text = "Para one.\nstill one.\n\nPara two. Second.\n\nNo stop"
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Para one. still one.", 0),  # a single newline neither splits nor starts a paragraph
        ("Para two.", 1),
        ("Second.", 1),
        ("No stop", 2),
    ]
    assert text[sentences[0].start : sentences[0].end] == "Para one.\nstill one."
    assert [text[s.start : s.end] for s in sentences[1:]] == ["Para two.", "Second.", "No stop"]


def test_split_sentences_from_offset() -> None:
    text = "Rebels advance\n\nJets struck. Rebels fled."
    sentences = split_sentences(text, start=len("Rebels advance"))
    assert [(s.text, s.start) for s in sentences] == [("Jets struck.", 16), ("Rebels fled.", 29)]


def test_the_media_hint_never_rules_out_a_media_file_name() -> None:
    import random
    import re

    from conflictgeo import text as t

    rng = random.Random(3)
    parts = ["_69129968_syria", "photo.jpg", "x.JPEG", " ", "\n", "12345_", "abc", "Abc",
             ".png", "_", "9", "a.b", ".mov", "movement", "tiff"]  # fmt: skip
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 10))) for _ in range(20_000)]
    with_media = [x for x in texts if t._MEDIA_TOKEN.search(x)]
    assert len(with_media) > 1000
    assert all(t._may_hold_media(x) for x in with_media)
    # The hint is the old one-pattern hint, split in two that each open with a literal.
    old_hint = re.compile(r"\d{5,}_|\.(?:jpe?g|png|gif|webp|tiff?|bmp|svg|mp4|mov)\b")
    assert [t._may_hold_media(x) for x in texts] == [bool(old_hint.search(x)) for x in texts]
    assert t.clean("a photo.jpg\n_69129968_syria_feb13The end") == "a\nThe end"


def test_the_word_before_a_full_stop_is_what_a_search_from_the_left_finds() -> None:
    # The splitter reads it backwards from the stop; a search for "[\w.]+$" in the
    # 64 characters before the stop (where "$" also matches before a final newline)
    # is the reference, on short strings made of the awkward pieces.
    import random
    import re

    from conflictgeo.text import _word_before

    rng = random.Random(5)
    parts = ["Mr", "U.S", "é", "x", ".", " ", "\n", "Gen", "Aug", "12", "ß", ",", "a" * 70]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    reference = re.compile(r"([\w.]+)$")
    newline_ends = 0
    for text in texts:
        backwards = text[::-1]
        for at in range(len(text) + 1):
            lo = max(0, at - 64, at - rng.randint(0, 80))
            expected = reference.search(text, lo, at)
            newline_ends += bool(expected and expected.end() == at - 1)
            found = _word_before(text, backwards, at, lo)
            assert found == (expected.group(1) if expected else None), (text, at, lo)
    assert newline_ends > 100  # the "$ before a newline" case was met


def test_split_sentences_equals_the_plain_splitter() -> None:
    import random
    import re

    from conflictgeo import text as t

    plain_end = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n")
    last_word = re.compile(r"([\w.]+)$")

    def plain(text: str) -> list[t.Sentence]:
        sentences: list[t.Sentence] = []
        paragraph, begin = 0, 0
        for match in plain_end.finditer(text):
            if match.group().startswith("."):
                word = last_word.search(text, max(begin, match.start() - 64), match.start())
                if word and (word.group(1).lower() in t._ABBREVIATIONS or len(word.group(1)) == 1):
                    continue
            end = match.end() if not match.group().isspace() else match.start()
            t._append(sentences, text, begin, end, paragraph)
            if "\n\n" in text[match.start() : match.end() + 1] or match.group().isspace():
                paragraph += 1
            begin = match.end()
        t._append(sentences, text, begin, len(text), paragraph)
        return sentences

    rng = random.Random(7)
    parts = ["Rebels fled", ".", "!", "?", "...", " ", "\n", "\n\n", "Mr", "U.S", "A", "2013",
             '"', "”", ")", "(", "x", "Aug", "é"]  # fmt: skip
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        assert split_sentences(text) == plain(text), text


def test_clean_equals_the_plain_cleaner() -> None:
    # Spaces: a lone " " is left as it is rather than replaced by itself; newlines:
    # "\n\n\n+" for "\n{3,}". The plain forms are the reference, on fuzzed texts.
    import random
    import re
    import unicodedata

    from conflictgeo import text as t

    spaces = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
    many_newlines = re.compile(r"\n{3,}")

    def plain(raw: str) -> str:
        text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\ufeff", "")
        if t._may_hold_media(text):
            text = t._MEDIA_TOKEN.sub("", text)
        text = spaces.sub(" ", text)
        text = "\n".join(line.strip() for line in text.split("\n"))
        return many_newlines.sub("\n\n", text).strip()

    rng = random.Random(11)
    parts = [" ", "  ", "\t", "\u00a0", "\u2003", "\u200b", "\n", "\r\n", "\r", "\ufeff",
             "word", "W", ".", "12345_x", "a.jpg", "e\u0301"]  # fmt: skip
    for _ in range(20_000):
        raw = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        assert clean(raw) == plain(raw), repr(raw)


# -- offsets: the cleaned text back to the input --------------------------------------

# Inputs we wrote, each with one kind of whitespace or invisible character that
# cleaning changes: every word of the cleaned text must map to its own
# characters in the input.
OFFSET_INPUTS = [
    pytest.param("Shelling  hit   Deir  ez-Zor.\n\n\n\nRebels fled.", id="space-runs"),
    pytest.param("Shelling\thit\t\tHoms\t.", id="tabs"),
    pytest.param("Jets struck Kafr\u00a0Nabl and\u00a0\u00a0Saraqib.", id="nbsp"),
    pytest.param("Jets struck Kafr\u200bNabl\u200b and Alep\u00adpo\ufeff today.", id="zero-width"),
    pytest.param("Rebels advance\r\n\r\nBEIRUT \u2014 Rebels\r\nseized Idlib.\rOk.", id="crlf"),
    pytest.param("  \n Caf\u0065\u0301 in Homs \n\n", id="nfc-and-edges"),
    pytest.param("fled in Aug.\n_69129968_syria_aleppo_feb13The army shelled Homs.", id="media"),
    pytest.param("Line one\u2028line two\u2029Para two \x0cpage.", id="unicode-breaks"),
]


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:[ '-][^\W_]+)*", text)]


@pytest.mark.parametrize("raw", OFFSET_INPUTS)
def test_every_cleaned_span_maps_to_its_own_input_characters(raw: str) -> None:
    text, offsets = clean_with_offsets(raw)
    assert text == clean(raw)
    assert offsets.input_text(text, 0, len(raw)) == raw  # the map holds what it took out
    for start, end in _words(text):
        a, b = offsets.to_input(start, end)
        assert offsets.input_text(text, a, b) == raw[a:b]
        assert clean(raw[a:b]) == text[start:end], (text[start:end], raw[a:b])
        assert offsets.to_clean(a, b) == (start, end)


def test_offsets_of_a_clean_text_are_the_identity() -> None:
    text, offsets = clean_with_offsets("Rebels seized Salma.")
    assert offsets.identity and offsets == OffsetMap()
    assert offsets.to_input(14, 19) == (14, 19) and offsets.input_text(text, 14, 19) == "Salma"


def test_a_span_inside_a_changed_stretch_takes_all_of_it() -> None:
    text, offsets = clean_with_offsets("a\r\nb")  # "\r\n" became "\n"
    assert text == "a\nb"
    assert offsets.to_input(1, 2) == (1, 3)
    assert offsets.to_input(0, 3) == (0, 4)
    assert offsets.to_input(2, 3) == (3, 4)


def test_lone_surrogates_become_replacement_characters_in_place() -> None:
    text, offsets = clean_with_offsets("Homs \ud83d shelled")
    assert text == "Homs \ufffd shelled"
    text.encode("utf-8")
    assert offsets.to_input(0, 4) == (0, 4) and offsets.to_input(7, 14) == (7, 14)


def test_prepare_composes_a_readers_offsets() -> None:
    raw = "# Rebels advance\n\nRebels  seized Idlib."
    stripped, heading = apply_edits(raw, [(0, 2, "")])  # a reader took "# " out
    prepared = prepare(stripped, offsets=heading)
    start = prepared.text.index("Idlib")
    a, b = prepared.offsets.to_input(start, start + 5)
    assert raw[a:b] == "Idlib" and prepared.title == "Rebels advance"


def _origins(origin: list[tuple[int, int]], text: str, edits) -> list[tuple[int, int]]:
    """Brute force: the input range of every character after ``edits``; a changed
    stretch's characters each come from all of its input."""
    out: list[tuple[int, int]] = []
    at = 0
    for start, end, replacement in edits:
        out += origin[at:start]
        if replacement == text[start:end]:
            out += origin[start:end]
        elif end > start:
            whole = (min(o[0] for o in origin[start:end]), max(o[1] for o in origin[start:end]))
            out += [whole] * len(replacement)
        else:
            here = origin[start][0] if start < len(origin) else (origin[-1][1] if origin else 0)
            out += [(here, here)] * len(replacement)
        at = end
    return out + origin[at:]


def test_composed_offsets_agree_with_a_character_by_character_account() -> None:
    rng = random.Random(7)
    alphabet = ["ab", " ", "  ", "\n", "\r\n", "e\u0301", "Deir", "x", "\t"]
    for _ in range(400):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        text, offsets = raw, OffsetMap()
        origin = [(i, i + 1) for i in range(len(raw))]
        for _ in range(rng.randrange(1, 4)):
            edits, pos = [], 0
            while pos <= len(text):
                if rng.random() < 0.3:
                    end = min(len(text), pos + rng.randrange(0, 4))
                    edits.append((pos, end, rng.choice(["", "x", "yy", " "])))
                    pos = end + 1
                else:
                    pos += rng.randrange(1, 4)
            edited, step = apply_edits(text, edits)
            origin = _origins(origin, text, edits)
            offsets = offsets.compose(text, step)
            text = edited
        assert offsets.input_text(text, 0, len(raw)) == raw
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                a, b = offsets.to_input(start, end)
                low = min(o[0] for o in origin[start:end])
                high = max(o[1] for o in origin[start:end])
                assert a <= low and high <= b  # the span holds where its characters came from
                assert offsets.input_text(text, a, b) == raw[a:b]


def test_a_sentence_without_an_end_is_cut_at_clause_breaks() -> None:
    clause = "rebels shelled the northern villages near the border, "
    text = clause * 200  # 10,800 characters and no full stop
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert all(s.text.endswith(",") for s in sentences[:-1])  # cut after a comma
    assert " ".join(s.text for s in sentences) == text.strip()  # nothing lost


def test_a_sentence_without_spaces_is_cut_at_the_limit() -> None:
    sentences = split_sentences("x" * (2 * MAX_SENTENCE_CHARS + 5))
    assert [s.end - s.start for s in sentences] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]
