"""Recognition and resolution: what is a place, which place, and why."""

from __future__ import annotations

import pytest

from conflictgeo.geoparse.parser import geoparse
from conflictgeo.model import Document


def parse(text: str, gazetteer, **kw):
    return {m.text: m for m in geoparse(Document(id="t", text=text), gazetteer, **kw)}


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Michel Kilo, a member of the coalition, spoke in Damascus.", {"Kilo", "Michel"}),
        ("Nothing happened in Damascus.", {"Nothing"}),
        ("A car exploded in Homs. Car bombs are common in Syria.", {"Car"}),
        ("The Syrian Observatory for Human Rights reported clashes in Idlib.", {"Human"}),
        (
            '"We\'ll stay," a man in Aleppo said. "I\'ve seen worse. They\'re gone."',
            {"We'll", "I've", "They're"},
        ),
    ],
    ids=[
        "person",
        "sentence-initial-word",
        "word-used-in-lower-case",
        "organisation",
        "contraction",
    ],
)
def test_names_that_are_not_places(embedded_gazetteer, text: str, not_places: set[str]) -> None:
    found = parse(text, embedded_gazetteer)
    assert not_places.isdisjoint(found)
    assert any(m.place and m.place.country_code == "SY" for m in found.values())


def test_roles(embedded_gazetteer) -> None:
    text = (
        "BEIRUT — Syrian forces shelled Idlib while the army held strongholds such as "
        "Aleppo and Homs, the Syrian Observatory for Human Rights said."
    )
    found = parse(text, embedded_gazetteer)
    assert found["Syrian"].role == "demonym" and found["Syrian"].place.is_country
    assert found["Idlib"].role == "location"
    assert found["Aleppo"].role == found["Homs"].role == "context"


def test_enclosing_place_picks_the_village(sy_gazetteer) -> None:
    found = parse("Jets struck the Latakian village of Salma.", sy_gazetteer)
    assert found["Salma"].place.geonameid == 164907
    assert any("inside" in r for r in found["Salma"].reasons)


def test_unknown_cued_name_is_kept_unresolved_with_its_area(embedded_gazetteer) -> None:
    found = parse("Jets struck the Latakian village of Salma.", embedded_gazetteer)
    salma = found["Salma"]
    assert salma.place is None and salma.hint == "village"
    assert salma.within is not None and salma.within.admin1_key == "SY.02"


def test_spelling_variants_resolve_in_the_documents_country(sy_gazetteer) -> None:
    found = parse("Rebels in Idlib repelled an attack on Maarat al-Numan.", sy_gazetteer)
    assert found["Maarat al-Numan"].place.name == "Ma‘arrat an Nu‘mān"
    assert any("spelling variant" in r for r in found["Maarat al-Numan"].reasons)


def test_spelling_variants_do_not_vote_for_their_own_country(embedded_gazetteer) -> None:
    found = parse("In Yemen, Houthi fighters clashed near Marib.", embedded_gazetteer)
    houthi = found.get("Houthi")
    assert houthi is None or houthi.place is None or houthi.place.country_code == "YE"


def test_country_hint_restricts_candidates(embedded_gazetteer) -> None:
    assert (
        parse("Clashes in Tripoli.", embedded_gazetteer, country="LB")["Tripoli"].place.country_code
        == "LB"
    )
    assert (
        parse("Clashes in Tripoli.", embedded_gazetteer, country="LY")["Tripoli"].place.country_code
        == "LY"
    )


def test_bbox_restricts_candidates(embedded_gazetteer) -> None:
    lebanon = (35.0, 33.0, 36.7, 34.7)
    assert (
        parse("Clashes in Tripoli.", embedded_gazetteer, bbox=lebanon)["Tripoli"].place.country_code
        == "LB"
    )


def test_online_service_resolves_cued_names_the_gazetteer_lacks(embedded_gazetteer) -> None:
    from conflictgeo.model import Place

    class FakeService:  # stands in for OnlineGeocoder; the real one is tested in test_geo_online
        def __init__(self) -> None:
            self.asked: list[tuple[str, str | None]] = []

        def lookup(self, name: str, *, country: str | None = None) -> Place | None:
            self.asked.append((name, country))
            return Place(-1, name, 35.689, 36.137, "SY", "P", "PPL", source="online:test")

    service = FakeService()
    found = parse(
        "Jets struck the Latakian village of Salma near Latakia.",
        embedded_gazetteer,
        online=service,
    )
    assert service.asked == [("Salma", "SY")]
    assert found["Salma"].place.source == "online:test"
    assert "found online (online:test)" in found["Salma"].reasons


def test_title_case_headline_capitals_prove_nothing(embedded_gazetteer) -> None:
    from conflictgeo.text import prepare

    p = prepare(
        "Rebels Seize Hills As Fighting Spreads Near Latakia\n\nRebels took hills near Latakia."
    )
    doc = Document(id="h", text=p.text, title=p.title, title_end=p.title_end)
    found = {m.text for m in geoparse(doc, embedded_gazetteer) if m.start < p.title_end}
    assert "Latakia" in found
    assert found <= {"Latakia"}  # "Hills", "Spreads", "Rebels" are not places


def test_continent_demonym(embedded_gazetteer) -> None:
    found = parse("European diplomats met in Beirut.", embedded_gazetteer)
    assert found["European"].role == "demonym" and found["European"].place.feature_code == "CONT"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Officials in the US said so.", "US", "US"),
        ("Canadian troops left.", "Canadian", "CA"),
        ("Mexicans voted on Sunday.", "Mexicans", "MX"),
        ("Aid reached Sudan.", "Sudan", "SD"),  # a country, not a demonym of Haiti's Sud
    ],
    ids=["country-code", "demonym-from-countryinfo", "plural-demonym", "country-not-demonym"],
)
def test_countries_and_demonyms(embedded_gazetteer, text: str, name: str, country: str) -> None:
    assert parse(text, embedded_gazetteer)[name].place.country_code == country


def test_apposition_names_the_enclosing_area(embedded_gazetteer) -> None:
    found = parse("The fair opened in Paris, Texas, on Monday.", embedded_gazetteer)
    assert found["Paris"].place.country_code == "US"
    assert found["Paris"].place.admin1_name == "Texas"


def test_news_abbreviations_of_states(embedded_gazetteer) -> None:
    found = parse("Police in Gainesville, Ga., and Albany, N.Y., made arrests.", embedded_gazetteer)
    assert found["Ga"].place.feature_code == "ADM1" and found["Ga"].place.admin1 == "GA"
    assert found["Ga"].place.country_code == "US"  # not GA, Gabon
    assert found["N.Y"].place.admin1 == "NY"
    assert (found["Gainesville"].place.country_code, found["Gainesville"].place.admin1) == (
        "US",
        "GA",
    )
    assert found["Albany"].place.admin1 == "NY"


def test_titles_cut_short_are_no_places(embedded_gazetteer) -> None:
    """ "Sen." is a title, not SEN (Senegal) nor Senj; nor is "Gen." a place."""
    found = parse("Sen. Smith and Gen. Jones visited Kabul.", embedded_gazetteer)
    assert "Sen" not in found and "Gen" not in found
    assert found["Kabul"].place.country_code == "AF"


def test_acronym_is_not_a_village_with_its_letters(embedded_gazetteer) -> None:
    found = parse("Leaders of the EU met in Brussels on Monday.", embedded_gazetteer)
    assert found["EU"].place.name == "European Union"
    assert found["EU"].place.feature_code == "RGN"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("There was tension in the Middle East.", "Western Asia"),
        ("Drought has hit farmers across the Sahel.", "Sahel"),
        ("Tankers were attacked in the Gulf.", "Persian Gulf"),
    ],
)
def test_world_regions(embedded_gazetteer, text: str, region: str) -> None:
    found = parse(text, embedded_gazetteer)
    (mention,) = found.values()
    assert mention.place.name == region and mention.place.feature_class == "L"
    assert not any("focus country" in r for r in mention.reasons)


def test_home_region_picks_the_local_namesake(embedded_gazetteer) -> None:
    """A Texan report's bare "Paris" is Paris, Texas, not the French capital."""
    text = (
        "Storms hit Paris on Tuesday. Roads were closed between Sulphur Springs, "
        "Clarksville and Bonham, and schools in Sherman and Denison shut early."
    )
    found = parse(text, embedded_gazetteer)
    paris = found["Paris"].place
    assert (paris.country_code, paris.admin1) == ("US", "TX")
    assert any("home region" in r for r in found["Paris"].reasons)
    # Named alone, Paris is the capital.
    assert (
        parse("Storms hit Paris on Tuesday.", embedded_gazetteer)["Paris"].place.country_code
        == "FR"
    )


def test_place_opening_an_organisation_or_title_is_associative(embedded_gazetteer) -> None:
    text = (
        "A spokesman for the Ohio Department of Transportation said Fargo Mayor "
        "Dennis Walaker had asked for help."
    )
    found = parse(text, embedded_gazetteer)
    assert found["Ohio"].role == "associative" and found["Ohio"].place.admin1 == "OH"
    assert found["Fargo"].role == "associative" and found["Fargo"].place.country_code == "US"
    assert "Dennis" not in found and "Walaker" not in found


def test_given_span_named_after_a_place(embedded_gazetteer) -> None:
    from conflictgeo.geoparse.parser import resolve_spans

    text = "She studied at Colorado State University and worked at the Royal Street market."
    doc = Document(id="t", text=text)
    spans = [
        (text.index("Colorado"), text.index(" and")),
        (text.index("Royal"), text.index(" market")),
    ]
    university, street = resolve_spans(doc, spans, embedded_gazetteer)
    assert university is not None and university.place.admin1 == "CO"
    assert street is None or street.place is None  # no well-known Royal: not Royal City


def test_demonym_suffixes() -> None:
    from conflictgeo.geoparse.recognize import demonym_keys

    assert "ontario" in demonym_keys("Ontarians")
    assert "london" in demonym_keys("Londoner")
    assert "east" not in demonym_keys("Easter")


def test_given_span_with_a_two_word_demonym(embedded_gazetteer) -> None:
    from conflictgeo.geoparse.parser import resolve_spans

    text = "The Sri Lankan army said the rebels had withdrawn."
    start = text.index("Sri")
    (mention,) = resolve_spans(
        Document(id="t", text=text), [(start, start + len("Sri Lankan"))], embedded_gazetteer
    )
    assert mention is not None and mention.place.country_code == "LK"


def test_bare_name_is_the_town_before_the_district(embedded_gazetteer) -> None:
    """A bare "Franklin" is the town, although Franklin County has more people."""
    from conflictgeo.gazetteer.index import Candidate
    from conflictgeo.geoparse.recognize import Toponym
    from conflictgeo.geoparse.resolve import resolve
    from conflictgeo.model import Place

    county = Place(1, "Franklin County", 40.0, -83.0, "US", "A", "ADM2", "OH", population=1_300_000)
    town = Place(2, "Franklin", 35.9, -86.9, "US", "P", "PPLA2", "TN", population=80_000)
    cands = (Candidate(county, True), Candidate(town, True))

    def pick(text: str) -> str:
        t = Toponym(0, len(text), text, text.lower(), candidates=cands)
        (mention,) = resolve([t], embedded_gazetteer)
        return mention.place.name

    assert pick("Franklin") == "Franklin"
    # Named with its type word, the county it is (its key is its own name).
    t = Toponym(0, 15, "Franklin County", "franklin county", candidates=(Candidate(county, True),))
    assert resolve([t], embedded_gazetteer)[0].place.feature_code == "ADM2"


def test_hyphenated_places_are_each_a_place(embedded_gazetteer) -> None:
    found = parse(
        "Shelling along the Syrian-Turkish border; the Amsterdam-London line.", embedded_gazetteer
    )
    assert found["Syrian"].place.country_code == "SY"
    assert found["Turkish"].place.country_code == "TR"
    assert found["London"].place.country_code == "GB"
    # A hyphenated name still matches whole.
    assert (
        parse("Troops left Guinea-Bissau.", embedded_gazetteer)["Guinea-Bissau"].place.country_code
        == "GW"
    )


def test_party_label_and_home_of_a_legislator(embedded_gazetteer) -> None:
    found = parse(
        "The bill's sponsor, Rep. Tim Ryan, D-Ohio, voted against it.", embedded_gazetteer
    )
    assert found["Ohio"].place.admin1 == "OH" and found["Ohio"].start == found["Ohio"].end - 4


def test_names_joined_by_a_hyphen_are_no_persons_name(embedded_gazetteer) -> None:
    found = parse(
        "Talks on Egypt-US trade ended; an EU-Israel summit is off. Anna Smith-Paris spoke.",
        embedded_gazetteer,
    )
    assert found["Egypt"].place.country_code == "EG"
    assert found["US"].place.country_code == "US"
    assert found["Israel"].place.country_code == "IL"
    # The compound's own neighbours still make a person's name.
    assert "Paris" not in found


def test_a_common_word_opening_the_sentence_makes_no_persons_name(embedded_gazetteer) -> None:
    found = parse(
        "Missing Memphis boy found. The missing boy was at home. Michel Memphis spoke.",
        embedded_gazetteer,
    )
    assert found["Memphis"].start == 8 and found["Memphis"].place.admin1 == "TN"
    # A given name is no common word: the person's name stays one.
    assert not any(m.start > 60 for m in found.values())


def test_a_word_ending_a_persons_name_is_that_person_elsewhere(embedded_gazetteer) -> None:
    found = parse(
        "Sherry Parker, the mayor, spoke. Parker said the road to Memphis reopened.",
        embedded_gazetteer,
    )
    assert "Parker" not in found and found["Memphis"].place.admin1 == "TN"
    # Without a person of that name, the town stays a place; a road number is no given name.
    assert parse("Buses to Parker and Memphis run again.", embedded_gazetteer)["Parker"].place
    # Nor is a body's name ending on the place a person's.
    found = parse("First Baptist Church Parker met. Buses to Parker run.", embedded_gazetteer)
    assert found["Parker"].place.name == "Parker"
    found = parse("The A429 Gloucester road is shut. Gloucester is quiet.", embedded_gazetteer)
    assert found["Gloucester"].place.name == "Gloucester"


def test_a_word_that_speaks_is_a_person_unless_a_well_known_place(embedded_gazetteer) -> None:
    found = parse("Parker said the road was shut. Moscow said talks went well.", embedded_gazetteer)
    assert "Parker" not in found and found["Moscow"].place.country_code == "RU"
    found = parse("Police in Parker said the road was shut.", embedded_gazetteer)
    assert found["Parker"].place.name == "Parker"


def test_a_demonym_after_an_article_stays_a_demonym(embedded_gazetteer) -> None:
    assert parse("The Syrian opposition met.", embedded_gazetteer)["Syrian"].role == "demonym"


def test_party_label_of_several_letters(embedded_gazetteer) -> None:
    found = parse("Sen. Ann Roe, DFL-Duluth, backed the bill.", embedded_gazetteer)
    assert found["Duluth"].place.admin1 == "MN"


def test_an_article_before_a_place_is_not_in_its_span(embedded_gazetteer) -> None:
    found = parse("An Alexandria man and the Memphis police.", embedded_gazetteer)
    assert "Alexandria" in found and "An Alexandria" not in found
    assert found["Alexandria"].start == 3


def test_a_type_word_alone_is_no_place(embedded_gazetteer) -> None:
    found = parse("The City said Main Street and the Valley stay shut in Ohio.", embedded_gazetteer)
    assert {"City", "Street", "Valley"}.isdisjoint(found)
    assert found["Ohio"].place.admin1 == "OH"


def test_name_of_several_words_opening_a_longer_name(embedded_gazetteer) -> None:
    """A small town of two words opening a longer name ("Grand Ledge Rotary") is named
    as the body's place; a one-word small town there would be a person's name."""
    found = parse("Fans cheered the Grand Ledge Rotary on Monday.", embedded_gazetteer)
    assert found["Grand Ledge"].role == "associative"
    assert found["Grand Ledge"].place.admin1 == "MI"


def test_two_word_demonyms(embedded_gazetteer) -> None:
    found = parse("The Sri Lankan army and South Korean troops held talks.", embedded_gazetteer)
    assert found["Sri Lankan"].role == "demonym" and found["Sri Lankan"].place.country_code == "LK"
    assert found["South Korean"].place.country_code == "KR"


def test_free_syrian_army_is_no_free_state(embedded_gazetteer) -> None:
    found = parse("Fighters of the Free Syrian Army entered Aleppo.", embedded_gazetteer)
    assert "Free" not in found
    assert found["Syrian"].role == "demonym" and found["Aleppo"].place.country_code == "SY"


def test_article_ez(sy_gazetteer) -> None:
    found = parse("Shelling hit Deir ez-Zor and the town of al-Mayadin.", sy_gazetteer)
    assert found["Deir ez-Zor"].place.country_code == "SY"
    assert found["Deir ez-Zor"].place.feature_class == "P"


def test_demonyms_of_regions_and_plural_names(embedded_gazetteer) -> None:
    """ "Central American" is of a world region, "Philippine" of the Philippines."""
    found = parse(
        "Central American migrants and Philippine troops reached the border.",
        embedded_gazetteer,
    )
    assert found["Central American"].place.name == "Central America"
    assert found["Central American"].role == "demonym"
    assert found["Philippine"].place.country_code == "PH"


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Police in St. Paul said the man was arrested.", "St. Paul", "Saint Paul"),
        ("The plant near Mt. Pleasant closed.", "Mt. Pleasant", "Pleasant"),
        ("The plant in W. Va. closed.", "W. Va", "West Virginia"),
        ("He moved to the Czech Republic last year.", "Czech Republic", "Czechia"),
        ("Schools in ST. PAUL closed early.", "ST. PAUL", "Saint Paul"),
        ("Rep. Jo Doe, D-W. Va., voted no.", "W. Va", "West Virginia"),
        ("The bridge near St. Albans reopened.", "St. Albans", "Albans"),
    ],
    ids=[
        "saint",
        "mount",
        "initial",
        "demonym-opens-a-country-name",
        "saint-in-capitals",
        "party-label-then-initial",
        "plural-demonym-inside-a-name",
    ],
)
def test_abbreviated_and_compound_names(
    embedded_gazetteer, text: str, name: str, place: str
) -> None:
    found = parse(text, embedded_gazetteer)
    assert place in found[name].place.name  # the whole name matched, not its last word


def test_a_sentence_may_end_on_an_abbreviation(embedded_gazetteer) -> None:
    """ "Athens, Ga. Police said": the period ends the sentence, Ga. stays a state."""
    found = parse("Storms hit Athens, Ga. Police said roads were closed.", embedded_gazetteer)
    assert found["Ga"].place.name == "Georgia"
    assert found["Athens"].place.admin1 == "GA"


def test_a_number_or_former_opening_a_sentence_is_no_part_of_a_name(embedded_gazetteer) -> None:
    found = parse(
        "Storms hit Texas. Three Houston firemen died. Former US envoys came.",
        embedded_gazetteer,
    )
    assert found["Houston"].place.country_code == "US"
    assert found["US"].place.country_code == "US"


# ------------------------------------------------------------------- fast paths


def _fuzz_texts(words: list[str], n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    gaps = [" ", " ", "", ", ", "\n", ". ", "-", "'"]
    return [
        "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(0, 12)))
        for _ in range(n)
    ]


def _sample_texts() -> list[str]:
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    return [p.read_text() for p in sorted(samples.glob("*.txt"))]


def test_the_tokeniser_keeps_exactly_the_words_a_plain_scan_keeps() -> None:
    from conflictgeo.geoparse import recognize as r

    def dropped(word: str) -> bool:  # as _tokens drops them
        return word[0].islower() and word not in r._CONNECTORS and "-" not in word[:4]

    def plain(text: str) -> list[tuple[int, str]]:
        return [(m.start(), m.group()) for m in r._TOKEN.finditer(text) if not dropped(m.group())]

    def kept(text: str) -> list[tuple[int, str]]:
        # _TOKEN_KEPT already skips most of the dropped words, not all.
        return [
            (m.start(1), m.group(1))
            for m in r._TOKEN_KEPT.finditer(text)
            if m.group(1) and not dropped(m.group(1))
        ]

    words = ["of", "the", "ofx", "al-Bab", "Idlib", "x.of", "2013", "3rd", "É", "é", "²", "_", "’s"]
    texts = _sample_texts() + _fuzz_texts(words, 20_000, seed=1)
    assert all(kept(t) == plain(t) for t in texts)
    expected = [(0, "the"), (12, "of"), (15, "Salma"), (29, "al-Bab")]
    assert kept("the village of Salma, 2013's al-Bab.") == expected


def test_cue_patterns_run_next_to_feature_words_find_what_a_full_scan_finds() -> None:
    from conflictgeo.geoparse import recognize as r

    def spans(matches) -> list[object]:
        return [(m.span(), m.groupdict()) for m in matches]

    words = ["the", "Latakian", "village", "villages", "of", "Salma", "and", "or", "Idlib",
             "province", "city", "City", "Syrian", "towns", "capital", "al", "al-Bab", "Free",
             "Tal Abyad", "’s", "x"]  # fmt: skip
    texts = _sample_texts() + _fuzz_texts(words, 20_000, seed=2)
    found = 0
    for text in texts:
        after, before = r._cue_anchors(text)
        for pattern, anchors, at_hint in (
            (r._CUE_BEFORE, before, False),
            (r._CUE_AFTER, after, True),
        ):
            full = spans(pattern.finditer(text))
            assert spans(r._cue_matches(pattern, anchors, text, ends_at_hint=at_hint)) == full
            found += len(full)
    assert found > 1000  # the fuzz does exercise both patterns


def test_match_run_takes_the_longest_name_that_stops_before_a_taken_word() -> None:
    from conflictgeo.gazetteer.index import Candidate
    from conflictgeo.gazetteer.names import name_key
    from conflictgeo.geoparse.recognize import _match_run, _spans, _tokens
    from conflictgeo.model import Place

    text = "Deir Ez Zor Hama Homs"
    run = _tokens(text)
    keys = {(i, j): name_key(text[run[i].start : run[j].end]) for i, j in _spans(run)}
    place = Place(1, "X", 35.0, 38.0, "SY", "P", "PPL", population=200_000)
    table = {keys[span]: (Candidate(place, True),) for span in ((0, 3), (0, 2), (4, 4))}
    found = _match_run(text, run, keys, table, {0}, set(), set())
    assert [t.text for t in found] == ["Deir Ez Zor Hama", "Homs"]
    # "Hama" already belongs to another name: the longest match must end before it.
    found = _match_run(text, run, keys, table, {0}, {run[3].start}, set())
    assert [t.text for t in found] == ["Deir Ez Zor", "Homs"]


def test_apostrophes_inside_arabic_names_are_kept(embedded_gazetteer) -> None:
    found = parse("Houthi fighters clashed with government forces in Sa'dah.", embedded_gazetteer)
    assert found["Sa'dah"].place is not None and found["Sa'dah"].place.country_code == "YE"


def test_city_or_town_before_a_municipal_body_is_the_body_s_word() -> None:
    """In "Oakvale City Council" (Oakvale's council) the span is "Oakvale", though
    "Oakvale City" is an alternate name of the town or an area's name; a town
    whose main name ends in "City" keeps it ("Marlow City Manager")."""
    from conflictgeo.gazetteer.index import Candidate
    from conflictgeo.gazetteer.names import name_key
    from conflictgeo.geoparse.recognize import _match_run, _spans, _tokens
    from conflictgeo.model import Place

    town = Place(1, "Oakvale", 40.0, -83.0, "US", "P", "PPL", population=40_000)
    area = Place(2, "Brenford City", 53.3, -6.2, "IE", "A", "ADM2", population=500_000)
    brenford = Place(3, "Brenford", 32.5, -82.9, "US", "P", "PPL", population=16_000)
    marlow = Place(4, "Marlow City", 39.2, -119.8, "US", "P", "PPLA", population=55_000)
    names = {
        "Oakvale City": (Candidate(town, False),),
        "Oakvale": (Candidate(town, True),),
        "Oakvale Town": (Candidate(town, False),),
        "Brenford City": (Candidate(area, True),),
        "Brenford": (Candidate(brenford, True),),
        "Marlow City": (Candidate(marlow, True),),
        "Marlow": (Candidate(Place(5, "Marlow", 34.6, -97.9, "US", "P", "PPL"), True),),
    }
    table = {name_key(k): v for k, v in names.items()}

    def spans(text: str) -> list[str]:
        run = _tokens(text)
        keys = {(i, j): name_key(text[run[i].start : run[j].end]) for i, j in _spans(run)}
        return [t.text for t in _match_run(text, run, keys, table, set(), set(), set())]

    assert spans("Oakvale City Council") == ["Oakvale"]
    assert spans("Brenford City Manager Terry") == ["Brenford"]
    assert spans("Oakvale Town Hall records") == ["Oakvale"]
    assert spans("Marlow City Manager") == ["Marlow City"]
    assert spans("Brenford City") == ["Brenford City"]  # no body follows


@pytest.mark.parametrize(
    ("text", "name", "cue"),
    [
        ("At dawn the militia attacked Qurmuzelia and burned houses.", "Qurmuzelia", "attacked"),
        ("Families fled Tal Barzuna after the shelling.", "Tal Barzuna", "fled"),
        ("Rockets fell near Qurmuzelia on Monday.", "Qurmuzelia", "near"),
        ("Fighting raged on the outskirts of Qurmuzelia.", "Qurmuzelia", "outskirts of"),
        ("Gunmen took positions west of Qurmuzelia.", "Qurmuzelia", "west of"),
    ],
    ids=["verb", "verb-two-words", "near", "outskirts-of", "direction-of"],
)
def test_unknown_name_after_an_event_verb_or_a_position_word_is_kept(
    embedded_gazetteer, text: str, name: str, cue: str
) -> None:
    """A name the gazetteer lacks, cued as where something happened, stays a
    mention: unresolved, hinted as a place, with the reason."""
    m = parse(text, embedded_gazetteer)[name]
    assert m.place is None and m.hint == "place" and m.role == "location"
    assert f"cue: '{cue}' before it" in m.reasons
    assert any("not in the gazetteer" in r for r in m.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Residents spoke about Qurmuzelia in interviews.",  # no cue
        "The minister wrote on Qurmuzelia that talks failed.",  # "on" vouches for no unknown name
        "Protests spread in Qurmuzelia.",  # nor does "in"
        "The rebels stormed Qurmuzelia's headquarters.",  # the owner of the building
    ],
    ids=["no-cue", "on", "in", "possessive"],
)
def test_unknown_name_without_a_strong_cue_is_no_mention(embedded_gazetteer, text: str) -> None:
    assert "Qurmuzelia" not in parse(text, embedded_gazetteer)


def test_an_article_written_apart_opens_a_cued_name(embedded_gazetteer) -> None:
    m = parse("Clashes broke out in the village of Al Barzunah.", embedded_gazetteer)["Al Barzunah"]
    assert m.place is None and m.hint == "village"


def test_weak_cue_keeps_a_weakly_supported_name_the_gazetteer_has(sy_gazetteer) -> None:
    """Hazzano is only an alternate name of a hamlet of no recorded population:
    bare it is too weak to be taken, but "shelling on" says it is a place."""
    assert "Hazzano" not in parse("Residents of Hazzano protested.", sy_gazetteer)
    m = parse("Artillery shelling on Hazzano continued.", sy_gazetteer)["Hazzano"]
    assert m.place is not None and m.place.geonameid == 169618
    assert m.hint == "place" and "cue: 'on' before it" in m.reasons


def test_spelling_variant_with_an_article_written_apart(sy_gazetteer) -> None:
    """ "Al Sarmadeh" is no key; without its article it is a skeleton of Sarmadā."""
    found = parse("Clashes in Idlib and shelling on Al Sarmadeh.", sy_gazetteer)
    assert found["Al Sarmadeh"].place.geonameid == 164786


def test_an_arabic_place_word_after_a_place_qualifies_it(embedded_gazetteer) -> None:
    """ "Daraa al-Balad" is the old town of Daraa: Daraa, and no town "Balad"."""
    found = parse("Shells fell on Daraa al-Balad.", embedded_gazetteer)
    assert found["Daraa"].place.country_code == "SY"
    assert "al-Balad" not in found


def test_a_named_area_is_matched_whole(embedded_gazetteer) -> None:
    """ "the Eastern Ghouta" is the area near Damascus, not "Eastern" Province of a
    Gulf state with a stray "Ghouta"."""
    found = parse("Renewed shelling hit towns across the Eastern Ghouta.", embedded_gazetteer)
    assert found["Eastern Ghouta"].place.admin1_key == "SY.08"
    assert "Eastern" not in found


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("The Air Force said its jets hit targets near Aleppo.", "Air"),
        ("The Popular Mobilization Forces entered Tal Afar.", "Popular"),
        ("The Liberal Party leader spoke in Ottawa.", "Liberal"),
        ("Congress will vote on the aid to Ukraine.", "Congress"),
        ("Union leaders met in Chicago.", "Union"),
        ("President Trump spoke in Ohio.", "Trump"),
        ("Reporters asked Gen. Allen about the strikes in Mosul.", "Allen"),
        ("Sheikh Rashid met officials in Dubai.", "Rashid"),
    ],
    ids=[
        "org-word-air",
        "org-word-popular",
        "org-word-liberal",
        "group-congress",
        "group-union",
        "after-title",
        "after-abbreviated-title",
        "after-sheikh",
    ],
)
def test_words_of_organisations_and_people_are_not_places(
    embedded_gazetteer, text: str, not_place: str
) -> None:
    """Each of these words is also the name (or another name) of a small place
    somewhere: inside an organisation's name, as a group's name or after a
    personal title it names none."""
    found = parse(text, embedded_gazetteer)
    assert not any(not_place in name for name in found)
    assert any(m.place is not None for m in found.values())  # the real place stays


def test_a_cued_town_named_like_a_group_is_the_town(embedded_gazetteer) -> None:
    """ "Alliance" is an organisation head word, but "captured in Alliance" is the
    Nebraska town, a location (not a body's associative place)."""
    m = parse("Two men were captured in Alliance, Nebraska.", embedded_gazetteer)["Alliance"]
    assert m.place.admin1_key == "US.NE" and m.role == "location"


def test_a_group_s_name_is_no_place_nor_a_spelling_variant(embedded_gazetteer) -> None:
    found = parse("Fighters of al-Qaeda and Houthi rebels clashed in Abyan.", embedded_gazetteer)
    assert set(found) == {"Abyan"}


def test_a_name_of_given_names_alone_is_a_person() -> None:
    """ "Ali Abdullah" is also a village; after "loyal to" it is a man (given
    names only), while "Ali Sabieh" (Sabieh is no given name) stays a town."""
    from conflictgeo.gazetteer.index import Candidate
    from conflictgeo.gazetteer.names import name_key
    from conflictgeo.geoparse.recognize import _match_run, _spans, _tokens
    from conflictgeo.model import Place

    village = Place(1, "Ali Abdullah", 12.8, 44.0, "YE", "P", "PPL")
    town = Place(2, "Ali Sabieh", 11.2, 42.7, "DJ", "P", "PPLA", population=40_000)
    table = {name_key("Ali Abdullah"): (Candidate(village, True),)}
    table[name_key("Ali Sabieh")] = (Candidate(town, True),)

    def spans(text: str) -> list[str]:
        run = _tokens(text)
        keys = {(i, j): name_key(text[run[i].start : run[j].end]) for i, j in _spans(run)}
        return [t.text for t in _match_run(text, run, keys, table, set(), set(), set())]

    assert spans("Ali Abdullah") == []
    assert spans("Ali Sabieh") == ["Ali Sabieh"]


def test_a_name_only_unlike_another_name_of_a_small_place_is_none() -> None:
    """A word that is only an old or foreign name of a small place, unlike the
    place's own name ("Passover" for a town now called otherwise), is no place
    unless a cue says so; a place's own name or a similar spelling stands."""
    from conflictgeo.gazetteer.index import Candidate
    from conflictgeo.geoparse.recognize import Toponym, _unlike_other_names
    from conflictgeo.model import Place

    town = Place(1, "Mountain Glen", 36.5, -81.8, "US", "P", "PPL", population=2_000)
    village = Place(2, "Ḩazzānū", 36.1, 36.7, "SY", "P", "PPL")
    assert _unlike_other_names(
        Toponym(0, 8, "Passover", "passover", candidates=(Candidate(town, False),))
    )
    cued = Toponym(0, 8, "Passover", "passover", hint="town", candidates=(Candidate(town, False),))
    assert not _unlike_other_names(cued)  # "the town of Passover"
    assert not _unlike_other_names(
        Toponym(0, 7, "Hazzano", "hazzano", candidates=(Candidate(village, False),))
    )
    own = Toponym(0, 13, "Mountain Glen", "mountain glen", candidates=(Candidate(town, True),))
    assert not _unlike_other_names(own)
    longer = Toponym(
        0, 18, "Upper Mountain Glen", "upper mountain glen", candidates=(Candidate(town, False),)
    )
    assert not _unlike_other_names(longer)  # the own name's words are all in it


def test_a_well_known_place_inside_a_longer_name_is_the_body_s_place(embedded_gazetteer) -> None:
    """ "Hope Ukraine" is a charity named after the country: an associative
    mention of Ukraine, not a person called Ukraine."""
    m = parse("The charity Hope Ukraine sent trucks of aid to Kharkiv.", embedded_gazetteer)[
        "Ukraine"
    ]
    assert m.role == "associative" and m.place.is_country


def test_a_given_name_opening_a_person_s_name_is_no_place(embedded_gazetteer) -> None:
    """Paul is also a division of Cape Verde: "Paul Stone" is a man."""
    found = parse("Paul Stone may be contacted at the office in Leeds.", embedded_gazetteer)
    assert "Paul" not in found and found["Leeds"].place.country_code == "GB"


def test_an_ing_word_opening_a_headline_is_no_part_of_the_name(embedded_gazetteer) -> None:
    """ "Shelling Homs city ..." names Homs: the verb is neither a person's first
    name nor the first word of a cued name."""
    found = parse("Shelling Homs city leaves casualties", embedded_gazetteer)
    assert set(found) == {"Homs"} and found["Homs"].place.country_code == "SY"


def test_a_word_of_position_vouches_for_a_name_a_verb_does_not() -> None:
    """ "near Passover" may name the town; "attacked Trump" names a man."""
    from conflictgeo.geoparse.recognize import Toponym, _positioned

    def toponym(text: str, name: str) -> Toponym:
        start = text.index(name)
        return Toponym(start, start + len(name), name, name.lower())

    assert _positioned(
        "Shots rang out near Passover.", toponym("Shots rang out near Passover.", "Passover")
    )
    assert _positioned("Fog lay on Passover.", toponym("Fog lay on Passover.", "Passover"))
    assert not _positioned(
        "The senator attacked Trump.", toponym("The senator attacked Trump.", "Trump")
    )
