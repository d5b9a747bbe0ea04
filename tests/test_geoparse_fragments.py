"""Names cut out of longer capitalised names: found, and kept only when vouched for."""

from __future__ import annotations

import pytest

from conflictgeo.gazetteer.index import Candidate
from conflictgeo.geoparse.fragments import far_fragments, fragment_names
from conflictgeo.geoparse.parser import geoparse
from conflictgeo.geoparse.recognize import Toponym
from conflictgeo.model import Document, Mention, Place


def toponym(text: str, name: str, role: str = "location") -> Toponym:
    start = text.index(name)
    town = Place(1, name, 35.0, 38.0, "SY", "P", "PPL", "04")
    return Toponym(
        start, start + len(name), name, name.lower(), role, candidates=(Candidate(town, True),)
    )


@pytest.mark.parametrize(
    ("text", "name", "longer"),
    [
        ("Gunmen entered Sheikh Omran at dawn.", "Omran", "Sheikh Omran"),
        ("Shelling hit Kafr Nabudah ar Rihan overnight.", "Kafr Nabudah", "Kafr Nabudah ar Rihan"),
        ("Shelling hit Tall Sha'ir al-Sharqi overnight.", "Tall Sha'ir", "Tall Sha'ir al-Sharqi"),
        ("Losses were heavy in Busra al_Harir.", "Busra", "Busra al_Harir"),
        ("Fighters held Abu as Salih for a day.", "Abu", "Abu as Salih"),
    ],
)
def test_a_name_joined_to_more_capitalised_words_is_a_fragment(
    text: str, name: str, longer: str
) -> None:
    assert fragment_names([toponym(text, name)], text) == {0: longer}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Car bombs hit Syria's Afrin.", "Afrin"),  # a possessive
        ("Rebels held Salma at Jabal al-Akrad.", "Salma"),  # "at" is English here
        ("The Nelson-Creston riding voted.", "Creston"),  # two names hyphenated
        ("Police in Idlib Province said so.", "Idlib"),  # a type word
        ("A storm hit Dayton Monday.", "Dayton"),  # a weekday
        ("Raids on Homs Attack the City. An attack followed.", "Homs"),  # a word also in lower case
        ("Envoys met in Geneva UN offices.", "Geneva"),  # an acronym
    ],
)
def test_words_that_do_not_lengthen_a_name(text: str, name: str) -> None:
    assert fragment_names([toponym(text, name)], text) == {}


def test_a_demonym_before_a_name_does_not_lengthen_it() -> None:
    text = "Kurdish fighters left Syrian Afrin."
    topos = [toponym(text, "Syrian", role="demonym"), toponym(text, "Afrin")]
    assert fragment_names(topos, text) == {}


def test_a_fragment_stands_only_near_the_reports_places() -> None:
    def mention(start: int, place: Place, within: Place | None = None) -> Mention:
        return Mention(start, start + 5, place.name, place, 0.9, within=within)

    far = Place(1, "Mustafa", 32.9, 44.4, "IQ", "P", "PPL", "11")
    near = Place(2, "Omran", 35.3, 40.2, "SY", "P", "PPL", "07")
    town = Place(3, "Deir", 35.33, 40.14, "SY", "P", "PPLA", "07", population=90_000)
    mentions = [mention(0, far), mention(10, near), mention(20, town)]
    topos = [Toponym(m.start, m.end, m.text, m.text.lower()) for m in mentions]
    out = far_fragments(topos, mentions, {0: "Sheikh Mustafa", 1: "Sheikh Omran"})
    assert out[0].place is None and "a fragment of 'Sheikh Mustafa'" in out[0].reasons[-1]
    assert out[1].place == near  # 30 km from Deir
    assert out[2].place == town


def test_fragments_far_from_the_report_stay_unresolved(sy_gazetteer) -> None:
    # "Mafraq" alone is a city in Jordan, "Mustafa" a village in Iraq: in a report
    # from eastern Syria they are parts of names the gazetteer lacks.
    text = (
        "Islamic State fighters stormed Sheikh Mustafa and Mafraq ar Ruwayk, east of Deir ez-Zor."
    )
    found = {m.text: m for m in geoparse(Document(id="t", text=text), sy_gazetteer)}
    # The recogniser may learn these names whole; while it matches the parts,
    # they stay unresolved, with the reason.
    parts = [found[name] for name in ("Mustafa", "Mafraq") if name in found]
    assert parts or {"Sheikh Mustafa", "Mafraq ar Ruwayk"} <= set(found)
    for part in parts:
        assert part.place is None
        assert any("a fragment of" in r for r in part.reasons)
    assert found["Deir ez-Zor"].place.country_code == "SY"


def test_a_well_known_place_inside_a_longer_name_stands(embedded_gazetteer) -> None:
    found = {
        m.text: m
        for m in geoparse(
            Document(id="t", text="Tourists climbed to the Aleppo Citadel."), embedded_gazetteer
        )
    }
    assert found["Aleppo"].place.country_code == "SY"
