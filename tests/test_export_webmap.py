"""Tests of conflictgeo.export.webmap: the offline HTML map, checked in a real browser.

Debian's Chromium (``scripts/test`` installs it) loads the page headless from
the file, as a user opening it would: the console must stay silent, the DOM
must hold one marker per placed event, a ``#day=`` link shows that day's
events only, and a report's markup ends up as text in its popup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conflictgeo.export.webmap import (
    country_outlines,
    events_from_records,
    webmap_html,
    write_webmap,
)
from conflictgeo.model import Casualties, DateRange, Event, Located, Place
from tests.services import need_service

SALMA = Place(164907, "Salma", 35.70, 36.20, "SY", "P", "PPL", "02", "Latakia", country="Syria")
IDLIB = Place(169389, "Idlib", 35.93, 36.63, "SY", "P", "PPLA", "12", "Idlib", country="Syria")
HOSTILE = '<img src=x onerror="document.title=1"></script><script>document.title=2</script>'


def _event(event_id: str, kind: str, place: Place | None, start: dt.date | None, **kw) -> Event:
    end = kw.pop("end", start)
    values = {
        "event_id": event_id,
        "kind": kind,
        "event_type": "",
        "sub_event_type": "",
        "date": DateRange(start, end, start, 1, 1) if start else None,
        "actor1": "Military Forces of Syria (2000-)",
        "actor2": None,
        "where": Located(place, place.name if place else "Qasr", 1, 1, "the named town"),
        "casualties": Casualties(9, 9, 9, 9, "nine people"),
        "displaced": None,
        "displaced_text": None,
        "notes": "",
        "doc_id": "d1",
        "evidence": "Jets struck the town.",
        "char_start": 0,
        "char_end": 10,
        "confidence": 0.9,
    }
    return Event(**{**values, **kw})


EVENTS = [
    _event("e1", "air_strike", SALMA, dt.date(2013, 8, 10)),
    _event("e2", "armed_clash", IDLIB, dt.date(2013, 8, 12), evidence=HOSTILE),
    _event("e3", "displacement", SALMA, dt.date(2013, 8, 5), end=dt.date(2013, 8, 11)),
    _event("e4", "shelling", IDLIB, None),  # undated: shown with every date only
    _event("e5", "shelling", None, dt.date(2013, 8, 10)),  # no place: not on the map
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("webmap") / "map.html"
    return write_webmap(events_from_records(EVENTS), path, title="Test <map> & co")


def _chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    need_service(binary is not None, "Chromium is not installed (Debian package chromium)")
    return str(binary)


def _load(url: str, *extra: str) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and what the page wrote to its console."""
    done = subprocess.run(
        [_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--virtual-time-budget=3000", *extra, url],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console


def test_the_page_is_self_contained(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "<script src" not in text and "<link" not in text  # no CDN, nothing fetched
    assert "url(images/" not in text  # Leaflet's images inlined
    assert "Natural Earth" in text and "<title>Test &lt;map&gt; &amp; co</title>" in text


def test_report_text_cannot_leave_the_json(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert HOSTILE not in text and "</script><script>document.title" not in text
    data = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', text, re.S)
    assert data is not None
    evidence = {f["properties"]["id"]: f["properties"]["evidence"]
                for f in json.loads(data.group(1))["events"]["features"]}  # fmt: skip
    assert evidence["e2"] == HOSTILE  # the text survives, as data


def test_one_marker_per_placed_event_and_a_silent_console(page: Path) -> None:
    dom, console = _load(page.as_uri(), "--dump-dom")
    assert console == []
    assert len(re.findall(r'<path class="cg-event', dom)) == 4  # e5 has no place
    assert 'data-events="4"' in dom
    for kind in ("air_strike", "armed_clash", "displacement", "shelling"):
        assert f"cg-kind-{kind}" in dom  # one layer per kind, all on
    assert dom.count('<input type="checkbox" class="leaflet-control-layers-selector"') == 4


def test_a_day_link_shows_that_days_events(page: Path) -> None:
    dom, console = _load(page.as_uri() + "#day=2013-08-10", "--dump-dom")
    assert console == []
    # e1 that day, e3 (5 to 11 August) on each of its days; e2 is on the 12th, e4 undated
    assert sorted(re.findall(r'<path class="cg-event cg-kind-(\w+)', dom)) == [
        "air_strike",
        "displacement",
    ]
    assert 'data-shown="2"' in dom


def test_a_popup_shows_markup_as_text(page: Path) -> None:
    dom, console = _load(page.as_uri() + "#event=e2", "--dump-dom")
    assert console == []
    popup = dom[dom.index('class="cg-popup"') :]
    assert "&lt;img src=x onerror=" in popup and "<img src=" not in popup
    assert "<title>Test &lt;map&gt; &amp; co</title>" in dom  # the title was not rewritten
    assert "Idlib" in popup[: popup.index("</blockquote>")]  # the popup of e2, at Idlib


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "map.png"
    _load(page.as_uri(), f"--screenshot={shot}", "--window-size=900,600")
    assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 10_000


def test_online_tiles_only_when_asked() -> None:
    events = events_from_records(EVENTS[:1])
    assert "tile.openstreetmap.org" not in webmap_html(events)
    assert "tile.openstreetmap.org" in webmap_html(events, tiles="osm")


def test_outlines() -> None:
    world = country_outlines()
    assert len(world) > 170 and world.crs.to_epsg() == 4326
    near = country_outlines((35.0, 32.0, 42.0, 37.0))
    assert {"Syria", "Lebanon", "Iraq"} <= set(near["name"]) and "Brazil" not in set(near["name"])
