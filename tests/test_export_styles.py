"""Tests of conflictgeo.export.styles: the QGIS default styles in the GeoPackage.

The QML is checked the way a user meets it: ``qgis_check.py`` opens the
GeoPackage with QGIS's own Python API (Debian's python3-qgis, run by
/usr/bin/python3 with QT_QPA_PLATFORM=offscreen) and reports each layer's
validity, feature count, default style, date fields and temporal filter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import geopandas
import pytest

from conflictgeo.export import GeoPackageWriter
from conflictgeo.export.styles import (
    EVENT_SYMBOLS,
    EVENT_TYPE_COLOURS,
    kind_colour,
    kind_label,
    layer_style_qml,
    layer_styles_table,
)
from conflictgeo.extract.kinds import KINDS
from conflictgeo.layers import LAYER_NAMES, build_layers
from tests.services import need_service
from tests.test_export import _results

QGIS_PYTHON = Path("/usr/bin/python3")
CHECK = Path(__file__).resolve().parents[1] / "scripts" / "qgis_check.py"


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    layers = build_layers(_results(), ingested_at="2024-03-07T00:00:00Z")
    path = tmp_path_factory.mktemp("styles") / "events.gpkg"
    return GeoPackageWriter().write(layers, path)


@pytest.mark.parametrize("layer", LAYER_NAMES)
def test_qml_is_a_qgis_document(layer: str) -> None:
    qml = layer_style_qml(layer)
    assert qml.startswith("<!DOCTYPE qgis")
    root = ET.fromstring(qml.split("\n", 1)[1])
    assert root.tag == "qgis"
    assert root.get("version", "").startswith("3.")


def test_every_kind_has_its_own_symbol() -> None:
    assert list(EVENT_SYMBOLS) == list(KINDS)
    assert len(set(EVENT_SYMBOLS.values())) == len(KINDS)  # colour + shape pairs differ
    root = ET.fromstring(layer_style_qml("events").split("\n", 1)[1])
    values = [c.get("value") for c in root.iter("category")]
    assert values == [*KINDS, ""]  # "" catches any other kind


def test_one_colour_per_event_type_and_a_shape_per_sub_type() -> None:
    for kind, info in KINDS.items():
        assert EVENT_SYMBOLS[kind][0] == EVENT_TYPE_COLOURS[info.event_type], kind
    assert len(set(EVENT_TYPE_COLOURS.values())) == len(EVENT_TYPE_COLOURS)
    by_type: dict[str, list[str]] = {}
    for kind, info in KINDS.items():
        by_type.setdefault(info.event_type, []).append(EVENT_SYMBOLS[kind][1])
    for event_type, shapes in by_type.items():
        assert len(shapes) == len(set(shapes)), event_type  # kinds of a type differ in shape
    # no colour too pale to see on white (the old displacement grey was 221,221,221)
    for colour in EVENT_TYPE_COLOURS.values():
        assert min(int(c) for c in colour.split(",")) < 200, colour


def test_the_legend_names_our_kinds() -> None:
    root = ET.fromstring(layer_style_qml("events").split("\n", 1)[1])
    labels = {c.get("value"): c.get("label") for c in root.iter("category")}
    for kind in KINDS:
        assert kind.replace("_", " ") in labels[kind], (kind, labels[kind])
    assert labels["displacement"] == "displacement (Strategic developments: Other)"
    assert kind_label("air_strike") == "air strike (Air/drone strike)"
    assert kind_colour("armed_clash") == "#cc3311"


def test_unknown_layer() -> None:
    with pytest.raises(KeyError, match="no default style"):
        layer_style_qml("roads")


def test_layer_styles_rows(gpkg: Path) -> None:
    with contextlib.closing(sqlite3.connect(gpkg)) as db:
        rows = db.execute(
            "SELECT f_table_name, f_geometry_column, useAsDefault, f_table_schema "
            "FROM layer_styles ORDER BY id"
        ).fetchall()
        (geometry_column,) = db.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'events'"
        ).fetchone()
    assert rows == [
        ("events", geometry_column, 1, ""),
        ("places", geometry_column, 1, ""),
        ("mentions", geometry_column, 1, ""),
        ("documents", "", 1, ""),
    ]


def test_layer_styles_table_without_layers() -> None:
    frame = layer_styles_table([], now=dt.datetime(2024, 1, 1))
    assert len(frame) == 0


def _qgis(path: Path, day: str, *extra: str) -> dict[str, Any]:
    probe = (
        subprocess.run(
            [str(QGIS_PYTHON), "-c", "import qgis.core"], capture_output=True, check=False
        )
        if QGIS_PYTHON.exists()
        else None
    )
    need_service(
        probe is not None and probe.returncode == 0,
        "QGIS's Python API is not installed (Debian package python3-qgis)",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(path.parent)}
    env.pop("PYTHONPATH", None)
    # Headless QGIS 3.22 now and then dies of a signal while starting (seen once in
    # some hundred runs, with nothing on stderr); one more try tells that apart from
    # a file QGIS cannot read, which fails every time. faulthandler says where.
    for _ in range(2):
        done = subprocess.run(
            [str(QGIS_PYTHON), "-X", "faulthandler", str(CHECK), str(path), day, *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        if done.returncode >= 0:
            break
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_qgis_opens_every_layer_with_its_default_style(gpkg: Path) -> None:
    seen = _qgis(gpkg, "2024-03-04")
    counts = {name: len(geopandas.read_file(gpkg, layer=name)) for name in LAYER_NAMES}
    assert set(seen) == set(LAYER_NAMES)
    for name in LAYER_NAMES:
        layer = seen[name]
        assert layer["valid"], name
        assert layer["features"] == counts[name], name
        assert layer["default_style_loaded"], (name, layer["style_message"])
        assert layer["crs"] == ("EPSG:4326" if name != "documents" else None), name
    events = seen["events"]
    assert events["renderer"] == "categorizedSymbol"
    assert events["category_field"] == "kind"
    assert events["categories"] == [*KINDS, ""]
    assert events["category_labels"][: len(KINDS)] == [kind_label(k) for k in KINDS]
    assert events["category_colours"][: len(KINDS)] == [kind_colour(k) for k in KINDS]
    assert len(set(zip(events["category_colours"], events["category_shapes"], strict=True))) == (
        len(KINDS) + 1
    )
    assert "fatalities" in events["size_expression"]
    assert events["date_fields"] == ["event_date", "date_start", "date_end", "published"]
    assert seen["documents"]["date_fields"] == ["published"]
    places = seen["places"]
    assert places["labels"] and places["label_field"] == "name"


def test_qgis_temporal_controller_shows_events_of_the_day(gpkg: Path) -> None:
    # ev-1 happened on 2024-03-04, ev-3 on 2024-03-01, ev-2 has no date.
    assert _qgis(gpkg, "2024-03-04")["events"]["on_day"] == ["ev-1"]
    assert _qgis(gpkg, "2024-03-01")["events"]["on_day"] == ["ev-3"]
    assert _qgis(gpkg, "2024-03-02")["events"]["on_day"] == []
    seen = _qgis(gpkg, "2024-03-05")
    assert seen["events"]["temporal"]
    assert seen["documents"]["on_day"] == ["d1"]


def test_qgis_loads_the_layer_temporal_as_desktop_does(gpkg: Path) -> None:
    """QGIS Desktop builds the layer without its style, then loads the default
    style once (QgsAppLayerHandling::postProcessAddedLayer): no second call."""
    seen = _qgis(gpkg, "2024-03-04")["events"]
    assert seen["temporal"] and seen["default_style_loaded"]
    assert seen["temporal_mode"] == 4  # start and end from expressions
    assert seen["on_day"] == ["ev-1"]


def test_qgis_renders_only_the_events_of_the_day(gpkg: Path, tmp_path: Path) -> None:
    """Two frames of the temporal controller compared pixel by pixel with the
    unfiltered map: a day with one of the two placed events draws less, a day
    with none draws nothing but the background."""
    frames = tmp_path / "frames"
    one = _qgis(gpkg, "2024-03-04", "--render", str(frames), "--size", "320x240")["render"]
    none = _qgis(gpkg, "2024-03-02", "--render", str(frames), "--size", "320x240")["render"]
    assert one["all"]["event_pixels"] > 0
    assert 0 < one["2024-03-04"]["event_pixels"] < one["all"]["event_pixels"]
    assert one["2024-03-04"]["differs_from_all"] > 0
    assert none["2024-03-02"]["event_pixels"] == 0
    assert (frames / "2024-03-04.png").read_bytes()[:4] == b"\x89PNG"
