"""The notebook runs top to bottom on the bundled samples (nbclient), and is stored clean."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pyogrio
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore_events.ipynb"


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
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    # built the geodatabase, drew the interactive map and the three figures
    assert pyogrio.read_info(tmp_path / "events.gpkg", layer="events")["features"] > 0
    assert "leaflet" in (tmp_path / "events_map.html").read_text(encoding="utf-8").lower()
    for png in ("events_map.png", "timeline.png", "fatalities_by_province.png"):
        assert (tmp_path / png).read_bytes()[:4] == b"\x89PNG", png
    text = "".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "events are placed at a named place and dated to the day" in text
    assert "conflictgeo_version" in text
    html = [
        output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]
    assert any("folium" in h or "leaflet" in h.lower() for h in html)
