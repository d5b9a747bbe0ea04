"""Tests of conflictgeo.gazetteer.names: the keys that let gazetteer and text names meet."""

from __future__ import annotations

import pytest

from conflictgeo.gazetteer.names import fold, is_latin, name_key, variant_key


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Al-Lādhiqīyah", "ladhiqiyah", id="al-hyphen-accents"),
        pytest.param("al Ladhiqiyah", "ladhiqiyah", id="al-space"),
        pytest.param("AL-BAB", "bab", id="al-upper"),
        pytest.param("El-Bab", "bab", id="el"),
        pytest.param("As-Suwayda", "suwayda", id="as"),
        pytest.param("Ash-Sham", "sham", id="ash"),
        pytest.param("Ar-Raqqah", "raqqah", id="ar"),
        pytest.param("Jisr ash-Shughur", "jisr shughur", id="ash-inside"),
        pytest.param("Dayr az-Zawr", "dayr zawr", id="az"),
        pytest.param("Deir ez-Zor", "deir zor", id="ez"),
        pytest.param("Maʿarrat an-Nuʿmān", "maarrat numan", id="ayn-marks-and-an"),
        pytest.param("Ma'arrat al-Nu'man", "maarrat numan", id="apostrophes"),
        pytest.param("Ra’s al-‘Ayn", "ras ayn", id="curly-apostrophes"),
        pytest.param("Raʾs al ʿAyn", "ras ayn", id="hamza-ayn"),
        pytest.param("Ḥamāh", "hamah", id="dot-below-macron"),
        pytest.param("Saint-Étienne", "saint etienne", id="hyphen-to-space"),
        pytest.param("Łódź", "lodz", id="letters-nfkd-keeps"),
        pytest.param("The Hague", "hague", id="leading-the"),
        pytest.param("The Golan Heights", "golan heights", id="leading-the-two-words"),
        pytest.param("Theodore", "theodore", id="the-prefix-is-not-the-word"),
        pytest.param("the", "the", id="the-alone-kept"),
        pytest.param("Al", "al", id="article-alone-kept"),
        pytest.param("  Homs  ", "homs", id="spaces"),
        pytest.param("Deir Ezzor", "deir zor", id="article-fused-to-its-word"),
        pytest.param("Jisr Eshshughur", "jisr shughur", id="fused-digraph-article"),
        pytest.param("Sheikh Essa", "sheikh essa", id="short-word-is-no-fused-article"),
        pytest.param("Wadi Attar", "wadi attar", id="a-article-only-before-z-and-digraphs"),
        pytest.param("Ezzedine", "ezzedine", id="first-word-keeps-its-letters"),
    ],
)
def test_name_key(name: str, expected: str) -> None:
    assert name_key(name) == expected


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(
            ("Al-Lādhiqīyah", "al Ladhiqiyah", "Ladhiqiyah", "AL-LADHIQIYAH"), id="latakia"
        ),
        pytest.param(("Ḥamāh", "Hamah", "hamah"), id="hama"),
        pytest.param(("Maʿarrat an-Nuʿmān", "Ma'arrat al-Nu'man", "Maarrat Numan"), id="maarrat"),
    ],
)
def test_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Ṭarṭūs", "tartus", id="accents"),
        pytest.param("Ra's al-'Ayn", "ras al ayn", id="articles-kept"),
        pytest.param("Tall Kalakh / Tell Kalakh", "tall kalakh tell kalakh", id="punctuation"),
    ],
)
def test_fold(name: str, expected: str) -> None:
    assert fold(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Latakia", True, id="ascii"),
        pytest.param("Salmá", True, id="latin-1-accent"),
        pytest.param("Ḥamāh", True, id="latin-extended-additional"),
        pytest.param("Łódź", True, id="latin-extended-a"),
        pytest.param("Ras al-Ayn 2", True, id="digits-and-punctuation-ignored"),
        pytest.param("سلمى", False, id="arabic"),
        pytest.param("Дамаск", False, id="cyrillic"),
        pytest.param("Halab حلب", False, id="mixed-script"),
        pytest.param("123", False, id="no-letters"),
        pytest.param("", False, id="empty"),
    ],
)
def test_is_latin(name: str, expected: bool) -> None:
    assert is_latin(name) is expected


def _fold_in_full(name: str) -> str:
    """:func:`fold` without its ASCII shortcut: every step for every name."""
    import unicodedata

    from conflictgeo.gazetteer.names import _FOLD, _MARKS, _NON_ALNUM

    text = unicodedata.normalize("NFKD", name.lower()).translate(_FOLD)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _MARKS.sub("", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", text).strip()


def test_fold_of_ascii_names_takes_a_shortcut_to_the_same_key() -> None:
    import random

    rng = random.Random(6)
    alphabet = [chr(i) for i in range(128)]
    names = ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(20_000)]
    names += ["Ra's al-`Ayn", "Deir ez-Zor", "  Tal  Abyad ", "O'Hare", "A.B.C.", "Ürümqi"]
    assert [fold(n) for n in names] == [_fold_in_full(n) for n in names]


@pytest.mark.parametrize(
    ("written", "gazetteer"),
    [
        pytest.param("Shekh Meskin", "Ash Shaykh Miskin", id="shekh-shaykh-e-i"),
        pytest.param("Cheikh Meskine", "Shaykh Miskin", id="french-cheikh"),
        pytest.param("Ter Ma'la", "Teir Maaleh", id="ayn-and-final-eh"),
        pytest.param("al-Qaboun", "Al Qabun", id="ou-u"),
        pytest.param("Deir Ezzor", "Dayr az Zawr", id="fused-article"),
        pytest.param("Khan Sheikhoun", "Khan Shaykhun", id="sheikh-inside-a-word"),
        pytest.param("Mouadamiyeh", "Muadamiyah", id="ou-u-final-eh-ah"),
        pytest.param("Kafr Nubl", "Kafer Nobol", id="vowels-between-consonants"),
    ],
)
def test_transliterations_share_a_spelling_skeleton(written: str, gazetteer: str) -> None:
    assert variant_key(name_key(written)) == variant_key(name_key(gazetteer))


def test_distinct_names_keep_distinct_skeletons() -> None:
    assert variant_key(name_key("Saraqeb")) != variant_key(name_key("Sarmada"))
    assert variant_key(name_key("Deir Ezzor")) != variant_key(name_key("Deir Hafer"))
