"""The whole job: ``build`` with its options, from Python."""

from __future__ import annotations

import pytest

import conflictgeo as cg
from conflictgeo.merge import MergeRules

TEXT = (
    "Jets pound Saraqib\n\n"
    "On 4 March 2015 government warplanes struck the town of Saraqib in Idlib province, "
    "killing at least 9 people. Syrian Observatory for Human Rights monitors said the raid "
    "hit a market."
)


def test_build_reports_counts_errors_and_outputs(embedded_gazetteer, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text("")
    report = cg.build(
        [tmp_path], tmp_path / "out", gazetteer=embedded_gazetteer, published="2015-03-05"
    )
    assert (report.documents, len(report.errors)) == (1, 1)
    assert report.events >= 1
    assert sorted(p.name for p in report.outputs) == ["events.csv", "events.geojson", "events.gpkg"]


REPORTS = {
    "a.txt": "On 4 March 2015 government warplanes struck the town of Saraqib, killing 9 people.",
    "b.txt": "Government warplanes bombed Saraqib on 4 March 2015, killing 11 people.",
    "c.txt": "Government warplanes bombed Saraqib on 5 March 2015, killing 2 people.",
}


@pytest.mark.parametrize(
    ("rules", "events"),
    [
        pytest.param(MergeRules(), 2, id="default-same-day"),
        pytest.param(MergeRules(max_days_apart=1), 1, id="a-day-apart"),
        pytest.param(None, 3, id="no-merge"),
    ],
)
def test_build_merges_by_the_rules_given(embedded_gazetteer, tmp_path, rules, events) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text)
    report = cg.build(
        [tmp_path],
        tmp_path / "out",
        gazetteer=embedded_gazetteer,
        published="2015-03-06",
        formats=["csv"],
        merge_rules=rules,
    )
    assert (report.documents, report.events) == (3, events)


def test_options_object_and_keywords_build_the_same(embedded_gazetteer, tmp_path) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text)
    options = cg.BuildOptions(published="2015-03-06", formats=("geojson",), merge_rules=None)
    by_object = cg.build([tmp_path], tmp_path / "a", options, gazetteer=embedded_gazetteer)
    by_keywords = cg.build(
        [tmp_path],
        tmp_path / "b",
        gazetteer=embedded_gazetteer,
        published="2015-03-06",
        formats=["geojson"],
        merge_rules=None,
    )
    assert (by_object.documents, by_object.events) == (by_keywords.documents, by_keywords.events)
    assert (tmp_path / "a" / "events.geojson").read_bytes() == (
        tmp_path / "b" / "events.geojson"
    ).read_bytes()
    with pytest.raises(TypeError):
        cg.build([tmp_path], tmp_path / "c", options, gazetteer=embedded_gazetteer, colour="red")


def test_options_are_frozen() -> None:
    options = cg.BuildOptions(workers=2)
    with pytest.raises(AttributeError):
        options.workers = 3  # type: ignore[misc]
