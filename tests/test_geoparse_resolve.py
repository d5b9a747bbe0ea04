"""Resolution given the toponyms: context rules on hand-built candidates."""

from __future__ import annotations

import pytest

from conflictgeo.gazetteer.index import Candidate
from conflictgeo.geoparse.recognize import Toponym
from conflictgeo.geoparse.resolve import resolve
from conflictgeo.model import Place


def place(gid: int, name: str, admin1: str, admin2: str, code: str, pop: int, lat: float) -> Place:
    cls = "A" if code.startswith("ADM") else "P"
    return Place(gid, name, lat, -88.0, "US", cls, code, admin1, admin1, admin2, population=pop)


def toponym(start: int, text: str, *places: Place) -> Toponym:
    return Toponym(
        start,
        start + len(text),
        text,
        text.lower(),
        candidates=tuple(Candidate(p, True) for p in places),
    )


def test_a_town_and_its_county_named_anywhere_support_each_other(embedded_gazetteer) -> None:
    # Two namesake towns and two namesake counties: only one town lies in one county.
    paris = toponym(
        0,
        "Paris",
        place(1, "Paris", "KY", "017", "PPLA2", 9000, 38.2),
        place(2, "Paris", "TN", "079", "PPLA2", 8000, 36.3),
    )
    county = toponym(
        40,
        "Henry County",
        place(3, "Henry County", "TN", "079", "ADM2", 30000, 36.3),
        place(4, "Henry County", "GA", "151", "ADM2", 200000, 33.4),
    )
    found = {m.text: m for m in resolve([paris, county], embedded_gazetteer)}
    assert found["Paris"].place.geonameid == 2
    assert found["Henry County"].place.geonameid == 3
    assert any("county and a town" in r for r in found["Paris"].reasons)


def test_a_name_does_not_pair_with_itself(embedded_gazetteer) -> None:
    # One name whose candidates include both a town and its county: no support.
    only = toponym(
        0,
        "Henry",
        place(1, "Henry", "IL", "123", "PPL", 2000, 41.1),
        place(3, "Henry", "IL", "123", "ADM2", 5000, 41.1),
    )
    (mention,) = resolve([only], embedded_gazetteer, keep_weak=True)
    assert not any("county and a town" in r for r in mention.reasons)


def test_a_county_named_without_its_type_word_pairs_with_nothing(embedded_gazetteer) -> None:
    # "Texas" also matches Texas County, Missouri (type word cut); Houston, Missouri
    # lies in it, but a bare "Texas" does not name that county.
    houston = toponym(
        0,
        "Houston",
        place(1, "Houston", "TX", "201", "PPLA2", 2300000, 29.8),
        place(2, "Houston", "MO", "215", "PPLA2", 2000, 37.3),
    )
    texas = toponym(20, "Texas", place(3, "Texas County", "MO", "215", "ADM2", 25000, 37.3))
    found = {m.text: m for m in resolve([houston, texas], embedded_gazetteer, keep_weak=True)}
    assert not any("county and a town" in r for r in found["Houston"].reasons)
    assert not any("county and a town" in r for r in found["Texas"].reasons)


def test_nearest_km_matches_pairwise_haversine_and_skips_the_place_itself() -> None:
    import math

    from conflictgeo.geoparse.distance import haversine_km
    from conflictgeo.geoparse.resolve import _Anchors, _nearest_km

    latakia = Place(1, "Latakia", 35.52, 35.78, "SY", "P", "PPLA")
    idlib = Place(2, "Idlib", 35.93, 36.63, "SY", "P", "PPLA")
    homs = Place(3, "Homs", 34.73, 36.72, "SY", "P", "PPLA")
    anchors = _Anchors([latakia, idlib])
    # Converted once, the anchors give bit for bit what one haversine call per pair gives.
    assert _nearest_km([homs, latakia], anchors) == [
        min(haversine_km(homs.lat, homs.lon, a.lat, a.lon) for a in (latakia, idlib)),
        haversine_km(latakia.lat, latakia.lon, idlib.lat, idlib.lon),
    ]
    assert _nearest_km([latakia], _Anchors([latakia])) == [math.inf]
    assert _nearest_km([homs], _Anchors([])) == [math.inf]


def test_repeated_names_are_scored_once_with_the_same_result(sy_gazetteer, monkeypatch) -> None:
    """The per-document memo of scored candidates changes no mention: every
    sample report (they repeat their names) resolves as without it."""
    import json
    from pathlib import Path

    import conflictgeo.geoparse.resolve as resolve_module
    from conflictgeo.geoparse.recognize import recognize
    from conflictgeo.model import Document

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    texts = [p.read_text() for p in sorted(samples.glob("*.txt"))]
    with (samples / "more-reports.jsonl").open() as handle:
        texts += [json.loads(line)["text"] for line in handle if line.strip()]
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    # Repeats with other candidate tuples too: a country hint filters each toponym's own.
    runs = [{}, {"country": "SY"}]

    hits = 0
    real = resolve_module._resolve_one

    def counting(t, *args, **kw):
        nonlocal hits
        memo = args[-2]  # (..., memo, cluster)
        before = len(memo)
        mention = real(t, *args, **kw)
        hits += bool(t.candidates) and len(memo) == before  # scored, but nothing new
        return mention

    monkeypatch.setattr(resolve_module, "_resolve_one", counting)
    with_memo = [
        resolve(recognize(d, sy_gazetteer), sy_gazetteer, **kw) for kw in runs for d in docs
    ]
    assert hits > 20

    monkeypatch.setattr(
        resolve_module, "_resolve_one", lambda *args, **kw: real(*args[:-2], None, args[-1], **kw)
    )
    without = [resolve(recognize(d, sy_gazetteer), sy_gazetteer, **kw) for kw in runs for d in docs]
    assert with_memo == without
    assert sum(m.place is not None for ms in with_memo for m in ms) > 50


def test_distances_measured_per_document_equal_those_measured_per_name() -> None:
    """_Anchors measures every ambiguous candidate at once; the numbers are the
    same, bit for bit, as measuring each name's candidates (or each place) alone."""
    import random

    from conflictgeo.geoparse.resolve import _Anchors, _nearest_km

    rng = random.Random(3)

    def somewhere(gid: int) -> Place:
        lat, lon = rng.uniform(-80, 80), rng.uniform(-180, 180)
        return Place(gid, f"P{gid}", lat, lon, "SY", "P", "PPL")

    anchor_places = [somewhere(gid) for gid in range(1, 8)]
    names = [
        toponym(i * 10, f"Name{i}", *[somewhere(100 + 10 * i + k) for k in range(i % 9 + 2)])
        for i in range(40)
    ]
    # A candidate that is an anchor itself: its own distance does not count.
    names.append(toponym(500, "Anchor", anchor_places[0], somewhere(999)))
    batched = _Anchors(anchor_places, names)
    alone = _Anchors(anchor_places)
    assert len(batched.nearest) == sum(len(t.candidates) for t in names)
    assert not alone.nearest
    for t in names:
        places = [c.place for c in t.candidates]
        assert _nearest_km(places, batched) == _nearest_km(places, alone)
        assert _nearest_km(places, alone) == [_nearest_km([p], alone)[0] for p in places]
    assert _nearest_km([anchor_places[0]], alone)[0] > 0


def test_a_state_named_bare_votes_for_itself_not_for_its_namesake_hamlets(
    embedded_gazetteer,
) -> None:
    # "Bee" is a big state and also hamlets in four other states, one of them
    # "AA", where the slightly bigger Arcadia lies. An even vote per state would
    # leave the two Arcadias tied on home region; the state's own reading wins.
    arcadia = toponym(
        0,
        "Arcadia",
        place(1, "Arcadia", "AA", "001", "PPLA2", 9000, 38.0),
        place(2, "Arcadia", "BB", "002", "PPLA2", 8000, 36.0),
    )
    bee = toponym(
        20,
        "Bee",
        place(3, "Bee", "BB", "", "ADM1", 5_000_000, 45.0),  # far: no closeness bonus
        *(
            place(10 + i, "Bee", a, "009", "PPL", 100, 30.0)
            for i, a in enumerate("AA CC DD EE".split())
        ),
    )
    found = {m.text: m for m in resolve([arcadia, bee], embedded_gazetteer, keep_weak=True)}
    assert found["Bee"].place.geonameid == 3
    assert found["Arcadia"].place.geonameid == 2
    assert any("home region" in r for r in found["Arcadia"].reasons)


def test_a_town_near_readings_of_the_other_names_wins(embedded_gazetteer) -> None:
    # The smaller Newtown lies within 40 km of a Mount Pleasant and a Winfield,
    # though neither is the likeliest of its namesakes (local news names the
    # towns around it); the bigger Newtown has no namesake of theirs near it.
    newtown = toponym(
        0,
        "Newtown",
        place(1, "Newtown", "CT", "001", "PPL", 30000, 44.0),
        place(2, "Newtown", "IA", "002", "PPL", 2000, 38.0),
    )
    pleasant = toponym(
        20,
        "Mount Pleasant",
        place(3, "Mount Pleasant", "IL", "003", "PPL", 8000, 38.3),
        place(4, "Mount Pleasant", "SC", "004", "PPL", 60000, 30.0),
        place(5, "Mount Pleasant", "MI", "005", "PPL", 20000, 50.0),
    )
    winfield = toponym(
        40,
        "Winfield",
        place(6, "Winfield", "MO", "006", "PPL", 1000, 37.8),
        place(7, "Winfield", "KS", "007", "PPL", 10000, 32.0),
        place(8, "Winfield", "WV", "008", "PPL", 5000, 48.0),
    )
    found = {
        m.text: m
        for m in resolve([newtown, pleasant, winfield], embedded_gazetteer, keep_weak=True)
    }
    assert found["Newtown"].place.geonameid == 2
    assert any("near places the document names" in r for r in found["Newtown"].reasons)


def test_a_place_inside_an_organisations_name_votes_for_its_region(embedded_gazetteer) -> None:
    # "the Riverton Chamber of Commerce": a body named after a place is mostly
    # that place's, so its division is the report's home region, at half a vote.
    lakeview = toponym(
        0,
        "Lakeview",
        place(1, "Lakeview", "AA", "001", "PPL", 9000, 40.0),
        place(2, "Lakeview", "BB", "002", "PPL", 8000, 36.0),
    )
    riverton = toponym(20, "Riverton", place(3, "Riverton", "BB", "003", "PPL", 3000, 50.0))
    riverton.role = "associative"
    found = {m.text: m for m in resolve([lakeview, riverton], embedded_gazetteer, keep_weak=True)}
    assert found["Lakeview"].place.geonameid == 2
    assert any("home region" in r for r in found["Lakeview"].reasons)


def test_cluster_support_measured_per_report_equals_per_name(sy_gazetteer) -> None:
    """_Cluster measures every ambiguous name at once; the numbers are those of
    measuring each name alone, bit for bit."""
    from conflictgeo.geoparse.recognize import recognize
    from conflictgeo.geoparse.resolve import _Cluster
    from conflictgeo.model import Document

    text = (
        "Clashes broke out in Paris, Texas, near Dallas and Tyler. Police in Athens, "
        "Springfield and Columbus were on alert; Damascus and Aleppo stayed calm."
    )
    toponyms = recognize(Document(id="c", text=text), sy_gazetteer)
    cluster = _Cluster(toponyms)
    ambiguous = [t for t in toponyms if len(t.candidates) > 1]
    assert len(ambiguous) >= 3 and cluster.memo
    for t in ambiguous:
        batched = cluster.support(t.key, t.candidates)
        assert batched == cluster._support(t.key, t.candidates)
    assert any(any(x > 0 for x in cluster.memo[m]) for m in cluster.memo)


def test_a_bare_name_follows_the_division_the_other_names_were_resolved_in(
    embedded_gazetteer,
) -> None:
    # Watertown and Delano lie a few km apart in Minnesota, so closeness puts
    # both there; but their many namesakes thin Minnesota's share of the
    # candidates' votes, which alone leave a bare "Montgomery" (too far for
    # closeness) at the big Alabama city. Once the first pass has put the other
    # names in Minnesota, Montgomery follows them.
    watertown = toponym(
        20,
        "Watertown",
        place(1, "Watertown", "MN", "019", "PPL", 4000, 44.96),
        place(2, "Watertown", "NY", "045", "PPLA2", 27000, 40.0),
        place(3, "Watertown", "SD", "029", "PPLA2", 22000, 36.0),
        place(4, "Watertown", "WI", "055", "PPL", 23000, 33.0),
        place(5, "Watertown", "MA", "017", "PPL", 31000, 30.0),
    )
    delano = toponym(
        40,
        "Delano",
        place(6, "Delano", "MN", "171", "PPL", 5000, 45.04),
        place(7, "Delano", "CA", "029", "PPL", 50000, 27.0),
    )
    montgomery = toponym(
        60,
        "Montgomery",
        place(8, "Montgomery", "MN", "079", "PPL", 3000, 43.7),
        place(9, "Montgomery", "AL", "101", "PPLA", 200000, 32.4),
    )
    found = {m.text: m for m in resolve([watertown, delano, montgomery], embedded_gazetteer)}
    assert found["Watertown"].place.geonameid == 1
    assert found["Montgomery"].place.geonameid == 8
    assert any("first pass" in r for r in found["Montgomery"].reasons)


def _city_and_province(city_pop: int, hint: str = "") -> list[Toponym]:
    state = Place(10, "Newland", 43.0, -75.5, "US", "A", "ADM1", "NL", population=19_000_000)
    city = Place(11, "Newland City", 40.7, -74.0, "US", "P", "PPL", "NL", population=city_pop)
    t = Toponym(
        0,
        7,
        "Newland",
        "newland",
        candidates=(Candidate(state, True), Candidate(city, False)),
        hint=hint,
    )
    return [t]


def test_a_province_named_bare_like_its_main_city_is_the_city(embedded_gazetteer) -> None:
    (mention,) = resolve(_city_and_province(8_000_000), embedded_gazetteer, keep_weak=True)
    assert mention.place.geonameid == 11
    # Said with its type word (a "province" cue), it is the province.
    (mention,) = resolve(
        _city_and_province(8_000_000, hint="province"), embedded_gazetteer, keep_weak=True
    )
    assert mention.place.geonameid == 10
    # A town that holds a sliver of the province's people is not its city.
    (mention,) = resolve(_city_and_province(90_000), embedded_gazetteer, keep_weak=True)
    assert mention.place.geonameid == 10


def _parse(text: str, gazetteer) -> dict:
    from conflictgeo.geoparse.parser import geoparse
    from conflictgeo.model import Document

    return {m.text: m for m in geoparse(Document(id="t", text=text), gazetteer)}


def test_a_name_read_only_abroad_takes_its_spelling_in_the_reports_country(sy_gazetteer) -> None:
    # "Al Mansoura" matches towns in Algeria and Egypt exactly; Syria's al-Mansurah
    # west of Raqqa only by its spelling. The report is in Syria.
    # The report names no country: its other names put it in Syria.
    found = _parse(
        "Coalition jets hit a bridge at Al Mansoura, west of Raqqa. "
        "Fighting went on in Tabqa and Raqqa.",
        sy_gazetteer,
    )
    mansoura = found["Al Mansoura"]
    assert mansoura.place.country_code == "SY" and mansoura.place.admin1 == "04"  # Raqqa
    assert any("spelling variants in SY" in r for r in mansoura.reasons)
    # Naming the one country, the text's own hierarchy reads it there first
    # (geoparse/hierarchy.py), with the same answer.
    found = _parse(
        "Coalition jets hit a bridge at Al Mansoura, west of Raqqa, Syria.", sy_gazetteer
    )
    mansoura = found["Al Mansoura"]
    assert mansoura.place.country_code == "SY" and mansoura.place.admin1 == "04"
    assert any("which the report names" in r for r in mansoura.reasons)


def test_an_exact_namesake_abroad_loses_to_a_spelling_at_home(sy_gazetteer) -> None:
    # Jaru is a town in Brazil; in a report about the Aleppo countryside it is not,
    # and Brazil's lone namesake does not open Brazil to "Marea"'s spelling variants.
    found = _parse("Rebels shelled Jaru and Marea, north of Aleppo.", sy_gazetteer)
    assert found["Jaru"].place.country_code == "SY"
    assert found["Marea"].place.country_code == "SY"


def test_home_spellings_only_where_names_are_transliterated(embedded_gazetteer) -> None:
    # In an American report a Georgian town is itself, not an American one spelled alike.
    found = _parse(
        "The Ohio delegation met in Columbus, then flew to Gori, Dayton and Toledo.",
        embedded_gazetteer,
    )
    assert found["Gori"].place is None or found["Gori"].place.country_code == "GE"
    assert not any("spelling variants" in r for r in found["Gori"].reasons)


def test_a_country_named_outweighs_a_small_namesake_abroad() -> None:
    from conflictgeo.geoparse.resolve import _country_votes, _shares

    syria = Toponym(
        0,
        5,
        "Syria",
        "syria",
        candidates=(
            Candidate(
                Place(1, "Syria", 35.0, 38.0, "SY", "A", "PCLI", population=22_000_000), True
            ),
        ),
    )
    hamlet = Toponym(
        10,
        15,
        "Jaru",
        "jaru",
        candidates=(
            Candidate(
                Place(2, "Jaru", -10.4, -62.5, "BR", "P", "PPL", "24", population=50_000), True
            ),
        ),
    )
    shares = _shares(_country_votes([syria, hamlet]).values())
    assert shares["SY"] == pytest.approx(0.8)  # 2 for a country named, 0.5 for a small town
