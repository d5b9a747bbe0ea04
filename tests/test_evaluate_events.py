"""Event evaluation: the gold reader, per-field scoring, the shipped gold, ``evaluate events``.

Small gold sets are built in code (Damascus and Aleppo, GeoNames 170654 and
170063). ``tests/data/events-gold.jsonl`` is the project's own hand-coded set
(see its README entry); it is checked for shape here and scored with the
embedded gazetteer as a regression guard.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgeo.cli import app
from conflictgeo.errors import InputError, InputNotFound
from conflictgeo.evaluate import events as eve
from conflictgeo.extract.kinds import KINDS
from conflictgeo.gazetteer.index import Gazetteer

GOLD = Path(__file__).parent / "data" / "events-gold.jsonl"

ROWS = [
    {
        "id": "a",
        "published": "2018-03-19",
        "text": "Government shelling killed 14 civilians in Damascus on 17 March 2018.",
        "kind": "shelling",
        "date": "2018-03-17",
        "time_precision": 1,
        "fatalities": 14,
        "location": "Damascus",
        "geo_precision": 1,
        "lat": 33.5102,
        "lon": 36.29128,
    },
    {
        "id": "b",
        "published": "2016-12-14",
        "text": "Rebels clashed with the army in Aleppo yesterday; five fighters were killed.",
        "sub_event_type": "Armed clash",
        "date": "2016-12-13",
        "time_precision": 1,
        "fatalities": 4,  # deliberately wrong: the report says five
        "location": "Aleppo",
        "geo_precision": 1,
        "lat": 36.20124,
        "lon": 37.16117,
    },
    {
        "id": "c",
        "published": "2017-02-05",
        "text": "The army denied shelling Douma on Saturday.",
        "kind": None,
    },
]


def write(tmp_path: Path, rows: list[object], name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_reader_takes_kind_or_sub_event_type(tmp_path: Path) -> None:
    golds = eve.read_event_gold(write(tmp_path, ROWS))
    assert [g.kind for g in golds] == ["shelling", "armed_clash", None]
    assert golds[0].lat == 33.5102 and golds[1].date is not None
    assert eve.read_event_gold(write(tmp_path, ROWS), limit=1)[0].id == "a"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("{not json", "not JSON", id="json"),
        pytest.param("[1, 2]", "JSON object", id="not-object"),
        pytest.param({"published": "2020-01-01"}, "'text'", id="no-text"),
        pytest.param({"text": "x"}, "'published' is missing", id="no-published"),
        pytest.param({"text": "x", "published": "May 2020"}, "ISO date", id="bad-date"),
        pytest.param({"text": "x", "published": "2020-01-01", "kind": "riots"}, "unknown kind"),
        pytest.param(
            {"text": "x", "published": "2020-01-01", "sub_event_type": "Picnic"},
            "unknown sub_event_type",
            id="bad-sub-event",
        ),
        pytest.param(
            {"text": "x", "published": "2020-01-01", "lat": 33.5}, "both 'lat'", id="lat-only"
        ),
        pytest.param(
            {"text": "x", "published": "2020-01-01", "fatalities": -1}, "whole number", id="neg"
        ),
    ],
)
def test_reader_errors_name_the_line(tmp_path: Path, line: object, message: str) -> None:
    path = write(tmp_path, [ROWS[0], line])
    with pytest.raises(InputError, match=message) as info:
        eve.read_event_gold(path)
    assert info.value.line == 2


def test_reader_refuses_missing_empty_and_duplicate(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        eve.read_event_gold(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="no gold reports"):
        eve.read_event_gold(write(tmp_path, [""]))
    with pytest.raises(InputError, match="duplicate id"):
        eve.read_event_gold(write(tmp_path, [ROWS[0], ROWS[0]]))


def test_scores_each_field(tmp_path: Path, embedded_gazetteer: Gazetteer) -> None:
    golds = eve.read_event_gold(write(tmp_path, ROWS))
    result = eve.evaluate_events(golds, embedded_gazetteer)
    a, b, c = result.results
    assert (a.kind_ok, a.date_ok, a.fatalities_ok, a.location_ok) == (True, True, True, True)
    assert a.km is not None and a.km < 5
    assert (b.kind_ok, b.date_ok, b.fatalities_ok) == (True, True, False)
    assert (c.kind_ok, c.date_ok, c.fatalities_ok, c.location_ok) == (True, None, None, None)
    assert c.event is None
    assert result.accuracy("kind") == (3, 3)
    assert result.accuracy("fatalities") == (1, 2)
    assert result.accuracy("location") == (2, 2)
    assert result.confusion()[("(none)", "(none)")] == 1
    summary = result.summary()
    assert summary["fatalities"] == {"right": 1, "n": 2, "accuracy": 0.5}
    assert b.row()["wrong"] == ["fatalities"]
    assert b.row()["fatalities"] == 5


def test_a_missed_event_is_wrong_on_every_field(tmp_path: Path, embedded_gazetteer) -> None:
    row = dict(ROWS[0], text="Nothing happened in Damascus today.")
    (r,) = eve.evaluate_events(
        eve.read_event_gold(write(tmp_path, [row])), embedded_gazetteer
    ).results
    assert (r.kind_ok, r.date_ok, r.fatalities_ok, r.location_ok) == (False, False, False, False)
    assert r.row()["wrong"] == ["kind", "date", "fatalities", "location"]


# ------------------------------------------------------------------ the shipped gold


def test_shipped_gold_covers_every_kind_country_and_negatives() -> None:
    golds = eve.read_event_gold(GOLD)
    assert len(golds) >= 150
    kinds = Counter(g.kind for g in golds)
    for kind in KINDS:  # every kind, the whole ACLED taxonomy (issue 12), has gold lines
        assert kinds[kind] >= (1 if kind in ("protest", "riot") else 5), kind
    assert kinds[None] >= 10
    countries = Counter(g.country for g in golds)
    assert set(countries) == {
        "Syria", "Iraq", "Yemen", "Libya", "Lebanon", "Turkey", "Afghanistan", "Palestine",
    }  # fmt: skip
    assert min(countries.values()) >= 15
    for g in golds:
        if g.kind is None:
            continue
        assert g.date is not None and g.date <= g.published, g.id
        assert g.fatalities is not None and g.time_precision in (1, 2, 3), g.id
        has_town = g.geo_precision in (1, 2)
        assert has_town == (g.lat is not None), g.id


@pytest.mark.parametrize("name", ["events-fresh.jsonl", "events-holdout.jsonl"])
def test_fresh_gold_is_well_formed(name: str) -> None:
    golds = eve.read_event_gold(GOLD.with_name(name))
    assert len(golds) >= 50 and {g.country for g in golds} >= {"Syria", "Palestine"}
    for g in golds:
        assert g.kind is None or (g.date is not None and g.date <= g.published), g.id
        assert (g.lat is not None) == (g.kind is not None and g.geo_precision in (1, 2)), g.id


def test_actor_roles_are_scored_only_where_coded(tmp_path: Path, embedded_gazetteer) -> None:
    text = "Syrian troops shelled Damascus on 17 March 2018, killing 14 civilians."
    coded = dict(
        ROWS[0],
        id="coded",
        text=text,
        actor1="Military Forces of Syria (2000-2024)",
        actor2="Civilians (Syria)",
    )
    wrong = dict(coded, id="wrong", actor1="Islamic State", actor2=None)
    result = eve.evaluate_events(
        eve.read_event_gold(write(tmp_path, [coded, wrong, ROWS[1]])), embedded_gazetteer
    )
    a, b, c = result.results
    assert (a.actor1_ok, a.actor2_ok) == (True, True), a.event and a.event.actor1
    assert (b.actor1_ok, b.actor2_ok) == (False, False)
    assert (c.actor1_ok, c.actor2_ok) == (None, None)
    assert result.accuracy("actor1") == (1, 2)
    assert b.row()["wrong"] == ["actor1", "actor2"]
    assert result.summary()["actor2"]["n"] == 2


def test_a_bad_actor_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'actor1' must be a name or null"):
        eve.read_event_gold(write(tmp_path, [dict(ROWS[0], actor1=3)]))


def test_shipped_gold_meets_the_targets_on_the_embedded_gazetteer(embedded_gazetteer) -> None:
    result = eve.evaluate_events(eve.read_event_gold(GOLD), embedded_gazetteer)

    def share(name: str) -> float:
        right, n = result.accuracy(name)
        return right / n

    # Targets of the issue; location is measured with the Middle East dumps in
    # the README (the embedded layer alone lacks many villages).
    assert share("kind") >= 0.85
    assert share("date") >= 0.97
    assert share("fatalities") >= 0.85
    assert share("location") >= 0.70


# ------------------------------------------------------------------ command line


def run(*args: str):
    return CliRunner().invoke(app, ["evaluate", "events", *args])


def test_cli_prints_tables(embedded_dir, use_data_dir, tmp_path) -> None:
    use_data_dir(embedded_dir)
    result = run(str(write(tmp_path, ROWS)))
    assert result.exit_code == 0, result.output
    for words in ("kind (sub-event type)", "date exact", "fatalities exact", "within 25 km"):
        assert words in result.stdout
    assert "gold by first extracted" in result.stdout


def test_cli_json_and_errors_file(embedded_dir, tmp_path) -> None:
    errors = tmp_path / "errors.jsonl"
    gold = write(tmp_path, ROWS)
    result = run(str(gold), "--data-dir", str(embedded_dir), "--json", "--errors", str(errors))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["reports"] == 3 and summary["kind"]["accuracy"] == 1.0
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["b"]
    result = run(str(gold), "--data-dir", str(embedded_dir), "--errors", str(errors), "--all")
    assert len(errors.read_text().splitlines()) == 3


@pytest.mark.parametrize("content", ['{"text": "x"}', "not json"], ids=["no-published", "not-json"])
def test_cli_bad_gold_is_one_line_and_exit_2(embedded_dir, use_data_dir, tmp_path, content):
    use_data_dir(embedded_dir)
    path = tmp_path / "gold.jsonl"
    path.write_text(content + "\n")
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "error:" in result.stderr
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ ACLED's notes layout

# Notes written by us in the shape of ACLED's coder notes, with a coding row as
# ACLED's export gives it (inter codes as text, "" for no actor).


def note(id_: str, text: str, source_set: str = "set-a", **gold: object) -> dict[str, object]:
    coding: dict[str, object] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": "2018-03-17",
        "time_precision": 1,
        "geo_precision": 1,
        "lat": 33.5102,
        "lon": 36.29128,
        "fatalities": 14,
        "country": "Syria",
        "admin1": "Damascus",
        "location": "Damascus",
        "actor1": "Military Forces of Syria (2000-)",
        "assoc_actor_1": "",
        "actor2": "Civilians (Syria)",
        "assoc_actor_2": "",
        "inter1": "1",
        "inter2": "7",
        "interaction": "17",
    }
    coding.update(gold)
    return {"id": id_, "source_set": source_set, "text": text, "gold": coding}


SHELLING = "On 17 March 2018, government forces shelled Damascus, killing 14 civilians."
NOTES = [
    note("n1", SHELLING),
    note(
        "n2",
        "On 17 March 2018, government forces shelled Damascus. 14 fatalities, split across"
        " two events.",
        source_set="set-b",
        fatalities=7,
        geo_precision=2,
        actor2="NA",
        inter2="0",
    ),
    note(
        "n3",
        "On 12 May 2019, about 300 families fled Aleppo city after days of fighting.",
        source_set="set-b",
        sub_event_type="Other",
        event_type="Strategic developments",
        date="2019-05-12",
        lat=36.20124,
        lon=37.16117,
        fatalities=0,
    ),
]


def test_acled_layout_is_read_by_acled_rules(tmp_path: Path) -> None:
    n1, n2, n3 = eve.read_event_gold(write(tmp_path, NOTES))
    assert (n1.published, n1.source_set, n1.sub_event_type) == (
        None,
        "set-a",
        "Shelling/artillery/missile attack",
    )
    assert n1.kind == "shelling" and n1.actors_coded and n1.inter_coded
    assert (n1.actor1, n1.actor2, n1.assoc_actor_1) == (
        "Military Forces of Syria (2000-)",
        "Civilians (Syria)",
        None,
    )
    assert (n1.inter1, n1.inter2) == (1, 7)
    assert n1.score_fatalities and n1.score_place
    # "split": ACLED shared the toll out, so it is not scored; geo 2: the place neither.
    assert not n2.score_fatalities and not n2.score_place
    assert n2.actor2 is None and n2.inter2 == 0  # "NA" is no actor
    assert n3.label == "Other"  # ACLED's Other holds displacement and other_strategic


def test_acled_layout_needs_a_sub_event_type(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown sub_event_type"):
        eve.read_event_gold(write(tmp_path, [note("x", SHELLING, sub_event_type="Picnic")]))
    with pytest.raises(InputError, match="'inter1' must be a whole number"):
        eve.read_event_gold(write(tmp_path, [note("x", SHELLING, inter1="State forces?")]))


def test_acled_layout_scores_by_score_py_rules(tmp_path: Path, embedded_gazetteer) -> None:
    result = eve.evaluate_events(eve.read_event_gold(write(tmp_path, NOTES)), embedded_gazetteer)
    n1, n2, n3 = result.results
    assert n1.kind_ok and n1.date_ok and n1.fatalities_ok and n1.location_ok
    assert n2.fatalities_ok is None and n2.location_ok is None  # split toll, geo 2
    assert n3.kind_ok, n3.label  # displacement is ACLED's Other
    assert result.accuracy("fatalities") == (2, 2)
    assert result.accuracy("location") == (2, 2)
    assert result.accuracy("actor1")[1] == 3 and result.accuracy("inter2")[1] == 3
    summary = result.summary()
    assert set(summary["by_source_set"]) == {"set-a", "set-b"}
    assert summary["by_source_set"]["set-b"]["reports"] == 2
    assert summary["by_sub_event_type"]["Other"]["kind"]["right"] == 1
    assert {c["gold"] for c in summary["confusion"]} == {
        "Other",
        "Shelling/artillery/missile attack",
    }


def test_actor_and_inter_fields_compare_names_and_codes(tmp_path: Path, embedded_gazetteer) -> None:
    import dataclasses

    result = eve.evaluate_events(
        eve.read_event_gold(write(tmp_path, NOTES[:1])), embedded_gazetteer
    )
    (r,) = result.results
    assert r.event is not None
    right = dataclasses.replace(
        r.event,
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        inter1=1,
        inter2=7,
    )
    wrong = dataclasses.replace(
        right, actor1="Rebels", inter1=2, assoc_actor_2="Journalists (Syria)"
    )
    good, bad = eve.EventResult(r.gold, right, 1), eve.EventResult(r.gold, wrong, 1)
    assert (good.actor1_ok, good.actor2_ok, good.inter1_ok, good.inter2_ok) == (True,) * 4
    assert (bad.actor1_ok, bad.actor2_ok, bad.inter1_ok, bad.assoc_actor_2_ok) == (
        False,
        True,
        False,
        False,
    )
    assert bad.row()["wrong"][-3:] == ["actor1", "inter1", "assoc_actor_2"]
    assert bad.row()["gold_inter"] == [1, 7] and bad.row()["source_set"] == "set-a"
    # No actor coded for side 2 and none extracted agree (0 is "no actor").
    none2 = eve.EventResult(
        dataclasses.replace(r.gold, actor2=None, inter2=0),
        dataclasses.replace(right, actor2=None, inter2=None),
        1,
    )
    assert none2.actor2_ok and none2.inter2_ok


def test_sample_and_source_set(tmp_path: Path) -> None:
    path = write(tmp_path, NOTES)
    assert [g.id for g in eve.read_event_gold(path, source_set="set-b")] == ["n2", "n3"]
    assert [g.id for g in eve.read_event_gold(path, source_set="set-b", limit=1)] == ["n2"]
    picked = [g.id for g in eve.read_event_gold(path, sample=2)]
    assert picked == [g.id for g in eve.read_event_gold(path, sample=2)]  # the same draw
    assert len(picked) == 2 and set(picked) < {"n1", "n2", "n3"}
    with pytest.raises(InputError, match="no gold reports"):
        eve.read_event_gold(path, source_set="nope")


def test_cli_reports_per_source_set_and_sub_event_type(embedded_dir, tmp_path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run(
        str(write(tmp_path, NOTES)),
        "--data-dir",
        str(embedded_dir),
        "--errors",
        str(errors),
        "--all",
    )
    assert result.exit_code == 0, result.output
    for words in (
        "By source set",
        "set-b",
        "By gold sub-event type",
        "actor 1 (where coded)",
        "inter 2",
    ):
        assert words in result.stdout
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [r["source_set"] for r in rows] == ["set-a", "set-b", "set-b"]
    result = run(
        str(write(tmp_path, NOTES)),
        "--data-dir",
        str(embedded_dir),
        "--json",
        "--source-set",
        "set-a",
    )
    assert json.loads(result.stdout)["reports"] == 1


def test_a_periods_end_aside(tmp_path: Path, embedded_gazetteer) -> None:
    """An export made while a government ruled leaves its period open: "(2000-)"."""
    import dataclasses

    row = note("n1", SHELLING, actor1="Military Forces of Syria (2000-)")
    gold = eve.read_event_gold(write(tmp_path, [row]))
    (r,) = eve.evaluate_events(gold, embedded_gazetteer).results
    assert r.event is not None
    ended = dataclasses.replace(r.event, actor1="Military Forces of Syria (2000-2024)")
    closed = eve.EventResult(r.gold, ended, 1)
    assert (closed.actor1_ok, closed.actor1_any_period_ok) == (False, True)
    iraq = dataclasses.replace(r.event, actor1="Military Forces of Iraq (2000-2024)")
    other = eve.EventResult(r.gold, iraq, 1)
    assert other.actor1_any_period_ok is False


def test_our_acled_style_actor_gold_is_met(embedded_gazetteer) -> None:
    """``tests/data/actors-gold.jsonl``: our reports coded with ACLED's actor names."""
    golds = eve.read_event_gold(GOLD.with_name("actors-gold.jsonl"))
    assert len(golds) >= 30 and all(g.actors_coded and g.inter_coded for g in golds)
    result = eve.evaluate_events(golds, embedded_gazetteer)
    for name in ("actor1", "actor2", "inter1", "inter2"):
        right, n = result.accuracy(name)
        assert right / n >= 0.8, (name, right, n)
