"""The notebook runs top to bottom on the bundled samples (nbclient), and is stored clean.

It is also run copied out of the repository, as a user copying it would: with
the paths given by environment variables it works, without them it stops in
its first cell with a message saying which variable to set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pyogrio
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore_events.ipynb"


def _run(notebook_path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook_path.parent)}},
    ).execute()
    return notebook


def _text(notebook: nbformat.NotebookNode) -> str:
    return "".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_outputs_are_stripped() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_notebook_runs_on_the_samples(
    tmp_path: Path, embedded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTGEO_DATA_DIR", str(embedded_dir))
    monkeypatch.setenv("CONFLICTGEO_OUT", str(tmp_path))
    monkeypatch.delenv("CONFLICTGEO_SAMPLES", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = _run(NOTEBOOK)  # in the repository: the samples are found from its folder
    # built the geodatabase, drew the interactive map and the three figures
    assert pyogrio.read_info(tmp_path / "events.gpkg", layer="events")["features"] > 0
    assert (tmp_path / "events_acled.csv").read_text().startswith("event_id_cnty,event_date,")
    page = (tmp_path / "events_map.html").read_text(encoding="utf-8")
    assert "leaflet" in page.lower() and "<script src" not in page  # the offline page
    for png in ("events_map.png", "timeline.png", "fatalities_by_province.png"):
        assert (tmp_path / png).read_bytes()[:4] == b"\x89PNG", png
    text = _text(notebook)
    assert "events are placed at a named place and dated to the day" in text
    assert "conflictgeo_version" in text
    events = pyogrio.read_dataframe(tmp_path / "events.gpkg", layer="events")
    no_province = events["admin1"].isna() | (events["admin1"] == "")
    country_level = bool(
        (no_province & events["country"].notna() & (events["country"] != "")).any()
    )
    assert ("(country level)" in text) == country_level  # a country-level bar is named so
    assert ", )" not in text  # no empty province label
    html = [
        output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]
    assert any("folium" in h or "leaflet" in h.lower() for h in html)


def test_notebook_copied_out_of_the_repository(
    tmp_path: Path, embedded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "elsewhere" / "explore_events.ipynb"
    copy.parent.mkdir()
    shutil.copy(NOTEBOOK, copy)
    monkeypatch.setenv("CONFLICTGEO_DATA_DIR", str(embedded_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("CONFLICTGEO_OUT", raising=False)
    monkeypatch.delenv("CONFLICTGEO_SAMPLES", raising=False)
    with pytest.raises(CellExecutionError, match="CONFLICTGEO_SAMPLES"):
        _run(copy)  # nothing to load, nothing to build from: it says what to set
    monkeypatch.setenv("CONFLICTGEO_SAMPLES", str(ROOT / "data" / "samples"))
    _run(copy)
    assert (copy.parent / "out" / "events.gpkg").exists()  # out/ beside the notebook
    assert (copy.parent / "out" / "fatalities_by_province.png").exists()
