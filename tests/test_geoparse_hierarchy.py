"""The text's own place hierarchy: areas a sentence puts a name in restrict its readings.

Sentences are ours; places come from the embedded gazetteer (cities500 and
first-level divisions), as a new user has them. "Zorvakine" and "Qaryat Zorva"
are made-up village names no gazetteer holds.
"""

from __future__ import annotations

import pytest

from conflictgeo.gazetteer.index import Candidate, Gazetteer
from conflictgeo.geoparse.hierarchy import AREA_OF, Area, area_of_place, within
from conflictgeo.geoparse.parser import geoparse
from conflictgeo.model import Document, Mention, Place


def mentions(text: str, gazetteer: Gazetteer) -> dict[str, Mention]:
    """The first mention of each name, by its text."""
    out: dict[str, Mention] = {}
    for m in geoparse(Document("t", text), gazetteer):
        out.setdefault(m.text, m)
    return out


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        pytest.param(
            "Clashes broke out in Paris (Texas) on Monday.", "Paris", "US", "TX", id="parenthesis"
        ),
        pytest.param(
            "The army shelled Tripoli (Lebanon) on Monday.", "Tripoli", "LB", "", id="country"
        ),
        pytest.param(
            "Protesters marched in Columbus, Georgia, on Monday.",
            "Columbus",
            "US",
            "GA",
            id="apposition-the-state-not-the-country",
        ),
        pytest.param(
            "Warplanes struck Ariha in the Idlib countryside on Monday.",
            "Ariha",
            "SY",
            "12",
            id="countryside",
        ),
        pytest.param(
            "Warplanes struck Ariha in the countryside of Idlib on Monday.",
            "Ariha",
            "SY",
            "12",
            id="countryside-of",
        ),
        pytest.param(
            "Warplanes struck Saraqib in southern Idlib on Monday.",
            "Saraqib",
            "SY",
            "12",
            id="direction",
        ),
        pytest.param(
            "Farmers rallied in Pune (Pune, MH) on Friday.",
            "Pune",
            "IN",
            "16",
            id="a-short-code-is-no-country",
        ),
    ],
)
def test_a_stated_area_picks_the_namesake_inside_it(
    text: str, name: str, country: str, admin1: str, embedded_gazetteer: Gazetteer
) -> None:
    m = mentions(text, embedded_gazetteer)[name]
    assert m.place is not None
    assert m.place.country_code == country
    if admin1:
        assert m.place.admin1 == admin1
    assert m.within is not None


def test_a_village_missing_from_the_gazetteer_stays_with_its_area(
    embedded_gazetteer: Gazetteer,
) -> None:
    m = mentions(
        "Militants shelled Zorvakine, Latakia governorate, Syria, on Monday.", embedded_gazetteer
    )["Zorvakine"]
    assert m.place is None
    assert m.within is not None and m.within.is_admin1 and m.within.country_code == "SY"
    assert "'Zorvakine' is not in the gazetteer" in m.reasons


def test_an_unknown_name_before_its_district_and_province_is_a_mention(
    embedded_gazetteer: Gazetteer,
) -> None:
    found = mentions("Gunmen attacked Zorvakine village (Banikoara, Alibori).", embedded_gazetteer)
    m = found["Zorvakine"]
    assert m.place is None and m.hint == "village"
    assert m.within is not None and m.within.name == "Banikoara"
    # The areas say where Zorvakine is: they are marked so, for the event placing.
    assert any(r.startswith(AREA_OF) for r in found["Alibori"].reasons)


def test_an_unknown_word_before_a_parenthesis_needs_a_sign_it_is_a_place(
    embedded_gazetteer: Gazetteer,
) -> None:
    found = mentions("Fighting broke out. Zorvakine (Alibori) denied it.", embedded_gazetteer)
    assert "Zorvakine" not in found


def test_a_namesake_outside_the_stated_area_is_dropped(embedded_gazetteer: Gazetteer) -> None:
    """A small place with a namesake only elsewhere: the text's area wins."""
    m = mentions("Shelling hit Kessab (Alibori) on Monday.", embedded_gazetteer)["Kessab"]
    assert m.place is None
    assert m.within is not None and m.within.name == "Alibori"
    assert "its namesakes lie outside Alibori" in m.reasons


def test_a_well_known_place_of_another_country_does_not_outweigh_the_stated_area(
    embedded_gazetteer: Gazetteer,
) -> None:
    """ "Paris (Alibori)" is a village of Alibori the gazetteer lacks, not the French capital."""
    m = mentions("Shelling hit Paris (Alibori) on Monday.", embedded_gazetteer)["Paris"]
    assert m.place is None and m.within is not None and m.within.name == "Alibori"


def test_a_well_known_town_outside_its_stated_province_keeps_its_reading(
    embedded_gazetteer: Gazetteer,
) -> None:
    """ "Houston (Arizona)": a slip of the writer's sooner than a Houston in Arizona."""
    m = mentions("Police fired tear gas in Houston (Arizona) on Monday.", embedded_gazetteer)[
        "Houston"
    ]
    assert m.place is not None and m.place.admin1 == "TX"


def test_the_other_name_in_brackets_may_be_the_known_one(embedded_gazetteer: Gazetteer) -> None:
    m = mentions(
        "Shelling hit the village of Qaryat Zorva [Kandi] (Alibori) on Monday.",
        embedded_gazetteer,
    )["Qaryat Zorva"]
    assert m.place is not None and m.place.name == "Kandi"
    assert "by its other name, Kandi" in m.reasons


def test_the_coders_location(embedded_gazetteer: Gazetteer) -> None:
    m = mentions(
        "Gunmen abducted two men in a hamlet near the town (coded to Kandi, Alibori).",
        embedded_gazetteer,
    )["Kandi"]
    assert m.place is not None and m.place.country_code == "BJ"
    assert "the coder's location ('coded to')" in m.reasons


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Rebels shelled Aleppo, Idlib and Hama on Monday.", id="provinces"),
        pytest.param("Rebels shelled Aleppo, Idlib, Hama on Monday.", id="no-and"),
    ],
)
def test_a_list_is_no_hierarchy(text: str, embedded_gazetteer: Gazetteer) -> None:
    m = mentions(text, embedded_gazetteer)["Aleppo"]
    assert m.place is not None and m.place.admin1 == "09"  # Aleppo, not Idlib's
    assert m.within is None


def test_towns_in_a_list_keep_their_readings(embedded_gazetteer: Gazetteer) -> None:
    """ "X, Y and Z": Y is no area of X, though Y names a province somewhere."""
    found = mentions("Volunteers came from Dallas, Austin and Houston to help.", embedded_gazetteer)
    assert all(found[name].place.country_code == "US" for name in ("Dallas", "Austin"))
    assert found["Dallas"].within is None


def _place(gid: int, code: str, admin1: str, lat: float, lon: float, admin2: str = "") -> Place:
    return Place(gid, f"p{gid}", lat, lon, "SY", code[0] if code != "ADM2" else "A", code, admin1,
                 admin2=admin2)  # fmt: skip


def test_a_district_known_by_its_point_keeps_the_near_namesakes() -> None:
    district = Area(_place(1, "ADM2", "02", 35.5, 35.8), "district", 60.0)
    near = Candidate(_place(2, "PPL", "02", 35.6, 35.9), True)
    far = Candidate(_place(3, "PPL", "02", 36.5, 36.8), True)  # same province, 140 km off
    elsewhere = Candidate(_place(4, "PPL", "09", 37.0, 37.5), True)  # another province
    assert within((near, far, elsewhere), district) == (near,)
    # Only a far one in the province: the district's size is not known, it stays.
    assert within((far, elsewhere), district) == (far,)
    # Close by but coded in another province (divisions redrawn since): it may be inside.
    recoded = Candidate(_place(5, "PPL", "09", 35.55, 35.85), True)
    assert within((recoded, elsewhere), district) == (recoded,)


def test_an_area_that_is_not_strict_keeps_every_candidate() -> None:
    area = Area(_place(1, "ADM1", "02", 35.5, 35.8), "province", strict=False)
    other = Candidate(_place(4, "PPL", "09", 35.6, 35.9), True)
    assert within((other,), area) == (other,)


@pytest.mark.parametrize(
    ("code", "geo", "where"),
    [("PCLI", None, 6), ("ADM1", 3, 4), ("ADM2", 2, 3), ("PPL", 2, 3)],
)
def test_the_precision_an_event_placed_at_an_area_gets(
    code: str, geo: int | None, where: int
) -> None:
    area = area_of_place(_place(1, code, "02" if code != "PCLI" else "", 35.5, 35.8))
    assert (area.geo_precision, area.where_prec) == (geo, where)


def test_fragments_give_way_to_the_whole_name_before_its_area(
    embedded_gazetteer: Gazetteer,
) -> None:
    """ "Zorvakine del Rio, Guerrero": "Rio" is a piece of a name the gazetteer lacks."""
    found = mentions("Gunmen shot two men in Zorvakine del Rio, Guerrero, on Monday.",
                     embedded_gazetteer)  # fmt: skip
    assert "Rio" not in found
    m = found["Zorvakine del Rio"]
    assert m.place is None and m.within is not None and m.within.name == "Guerrero"


def test_a_person_of_a_place_is_no_fragment(embedded_gazetteer: Gazetteer) -> None:
    found = mentions("The winner, Anna Kowalczyk of Hudson, Ohio, thanked her coach.",
                     embedded_gazetteer)  # fmt: skip
    assert found["Hudson"].place is not None and found["Hudson"].place.admin1 == "OH"


def test_a_possessive_after_the_comma_is_no_area(embedded_gazetteer: Gazetteer) -> None:
    """ "Zorva Kine, Texas' governor" is a person and a title, not a place in Texas."""
    found = mentions("Help came quickly, said Zorva Kine, Texas' governor.", embedded_gazetteer)
    assert "Zorva Kine" not in found
    assert found["Texas"].within is None


def test_a_small_place_is_read_in_the_country_the_report_names(sy_gazetteer: Gazetteer) -> None:
    """Its exact namesakes lie in Algeria and Egypt; the report is about Syria."""
    m = mentions(
        "Coalition aircraft struck a fuel station near Mansoura on Monday, activists in Syria "
        "said.",
        sy_gazetteer,
    )["Mansoura"]
    assert m.place is not None and m.place.country_code == "SY"
    assert any(r.startswith("read in Syria, which the report names") for r in m.reasons)


def test_a_famous_place_abroad_keeps_its_reading(sy_gazetteer: Gazetteer) -> None:
    m = mentions("Talks on Syria were held in Paris on Monday.", sy_gazetteer)["Paris"]
    assert m.place is not None and m.place.country_code == "FR"


def test_nested_areas_make_a_hierarchy_however_the_sentence_goes_on(
    embedded_gazetteer: Gazetteer,
) -> None:
    found = mentions("A firm from Toronto, Ontario, Canada won the contract.", embedded_gazetteer)
    assert found["Toronto"].place is not None and found["Toronto"].place.country_code == "CA"
    assert found["Ontario"].place is not None and found["Ontario"].place.is_admin1


@pytest.mark.parametrize(
    ("text", "province"),
    [
        pytest.param(
            "Clashes were reported in Zorvakine (Hiraan) on Monday.", "Hiiraan", id="Hiraan"
        ),
        pytest.param("Police dispersed a march in Zorvakine (Nariobi).", "Nairobi City", id="typo"),
    ],
)
def test_a_province_spelled_otherwise_is_found(
    text: str, province: str, embedded_gazetteer: Gazetteer
) -> None:
    m = mentions(text, embedded_gazetteer)["Zorvakine"]
    assert m.within is not None and m.within.name == province


def test_no_far_province_is_guessed_from_a_spelling(embedded_gazetteer: Gazetteer) -> None:
    """A word in brackets that only looks like a province abroad names no area."""
    found = mentions("Police clashed with Hasidim (Haredi) men in Jerusalem.", embedded_gazetteer)
    assert all(m.within is None for m in found.values())


def test_the_areas_after_a_list_are_every_items(embedded_gazetteer: Gazetteer) -> None:
    found = mentions(
        "Farmers attacked camps in the villages Zorva, Kessab and Zorvakine (Banikoara, Alibori).",
        embedded_gazetteer,
    )
    for name in ("Zorva", "Kessab", "Zorvakine"):
        assert found[name].within is not None and found[name].within.name == "Banikoara"
        assert found[name].place is None


def test_an_organisation_before_an_area_is_no_place(embedded_gazetteer: Gazetteer) -> None:
    found = mentions("Workers protested at Zorvakine Polytechnic College, Kandi (Alibori).",
                     embedded_gazetteer)  # fmt: skip
    assert not any(name.startswith("Zorvakine") for name in found)


def test_a_country_named_with_and_is_one_area(embedded_gazetteer: Gazetteer) -> None:
    m = mentions(
        "Locals protested in Foca, Bosnia and Herzegovina, on Monday.", embedded_gazetteer
    )["Foca"]
    assert m.place is not None and m.place.country_code == "BA"


def test_a_famous_namesake_abroad_does_not_soften_a_plain_apposition(
    embedded_gazetteer: Gazetteer,
) -> None:
    """ "Eastleigh, Nairobi, ..." is a Nairobi estate the gazetteer lacks, not Eastleigh,
    England; a well-known town of Kenya itself would have kept its reading."""
    m = mentions("Police raided homes in Eastleigh, Nairobi, on Monday.", embedded_gazetteer)[
        "Eastleigh"
    ]
    assert m.place is None and m.within is not None and m.within.country_code == "KE"
