"""The HTML map: one self-contained page of the events, to open or share offline.

:func:`write_webmap` writes one ``.html`` file holding everything it needs:
Leaflet (vendored in ``assets/``, BSD 2-Clause), the country outlines of
Natural Earth (1:110m, public domain, via the ``world-atlas`` package; cut to
the events' region), the events and the page's script. No CDN, no tile server:
the file opens from a disk or an e-mail. Online tiles are added only when
asked (``tiles="osm"`` or a URL template).

On the page: events coloured by kind (the QGIS style's colours,
:mod:`conflictgeo.export.styles`), sized by fatalities (area ~ deaths), one
layer per kind to switch on and off (the layer list is the legend), popups
with date, actors, toll, the report's sentence and the reason for the place,
and a time slider that shows the events of one day (an event dated to a week
or a month shows on each of its days). Report text reaches the page only as
JSON read with ``JSON.parse`` and is put into popups as text nodes, never as
HTML, so a report cannot inject markup or script.

>>> html = webmap_html(events_from_records([]), title="<none>")
>>> "&lt;none&gt;" in html and "<script src" not in html and "<link" not in html
True
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import importlib.resources
import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd
import pyogrio
import shapely

from conflictgeo.errors import InputError, OutputError
from conflictgeo.export.styles import kind_colour, kind_label
from conflictgeo.layers import CRS, events_frame

__all__ = [
    "LEAFLET_VERSION",
    "NATURAL_EARTH",
    "country_outlines",
    "events_from_records",
    "read_events",
    "webmap_html",
    "write_webmap",
]

LEAFLET_VERSION = "1.9.4"
#: Attribution of the outlines, as Natural Earth asks for it.
NATURAL_EARTH = "Country outlines: Made with Natural Earth (public domain), 1:110m, via world-atlas"

#: Online tile layers a user may ask for by name (else give a URL template).
TILES = {
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors",
    ),
}

_ASSETS = importlib.resources.files("conflictgeo.export") / "assets"


def country_outlines(
    bounds: tuple[float, float, float, float] | None = None,
) -> geopandas.GeoDataFrame:
    """Natural Earth's country outlines (1:110m); those meeting ``bounds`` (W, S, E, N) if given.

    Columns ``id`` (ISO 3166-1 numeric, as text), ``name`` and the geometry, EPSG:4326.
    """
    frame = _outlines().copy()
    if bounds is not None:  # whole countries, not cut ones: no false coastline at the edge
        frame = frame[frame.intersects(shapely.box(*bounds))]
    return frame.reset_index(drop=True)


@cache
def _outlines() -> geopandas.GeoDataFrame:
    with importlib.resources.as_file(_ASSETS / "countries-110m.json") as path:
        frame = pyogrio.read_dataframe(path, layer="countries")
    frame["geometry"] = shapely.make_valid(frame.geometry.values)  # quantised rings may touch
    return frame.set_crs(CRS, allow_override=True)[["id", "name", "geometry"]]


def read_events(path: str | os.PathLike[str]) -> geopandas.GeoDataFrame:
    """The ``events`` layer of a GeoPackage, GeoJSON or GeoParquet file we wrote."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", source=str(path))
    try:
        if path.suffix.lower() == ".parquet" or path.is_dir():
            frame = geopandas.read_parquet(path)
        elif path.suffix.lower() == ".gpkg":
            frame = geopandas.read_file(path, layer="events")
        else:
            frame = geopandas.read_file(path)
    except Exception as exc:  # GDAL's and Arrow's errors vary by format
        raise InputError(f"cannot read events from it: {exc}", source=str(path)) from exc
    if "event_id" not in frame.columns or "kind" not in frame.columns:
        raise InputError(
            "no events layer here (no event_id and kind columns); give the events.gpkg, "
            "events.geojson or events.parquet that `conflictgeo build` wrote",
            source=str(path),
        )
    return frame


def events_from_records(events: list[Any]) -> geopandas.GeoDataFrame:
    """The events layer of :class:`~conflictgeo.model.Event` objects (for tests, notebooks)."""
    return events_frame(events)


def webmap_html(
    events: geopandas.GeoDataFrame | pd.DataFrame,
    *,
    title: str = "Conflict events",
    tiles: str | None = None,
) -> str:
    """The self-contained HTML page of ``events`` (an events layer).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        The ``events`` layer (from the GeoPackage, GeoJSON or GeoParquet we write).
    title : str
        The page's title and heading.
    tiles : str, optional
        Online background tiles: ``"osm"`` or a ``{z}/{x}/{y}`` URL template.
        Off by default: the page then needs no network.
    """
    features = _features(events)
    placed = [f for f in features if f["geometry"]]
    bounds = _bounds(placed)
    outlines = country_outlines(_grow(bounds, 20.0))
    outlines["geometry"] = shapely.set_precision(outlines.geometry.values, 0.01)
    days = sorted(f["properties"]["start"] for f in placed if f["properties"]["start"])
    page = {
        "title": title,
        "bounds": bounds,
        "events": {"type": "FeatureCollection", "features": placed},
        "outlines": json.loads(outlines.to_json(drop_id=True)),
        "kinds": _kinds(placed),
        "first_day": days[0] if days else None,
        "last_day": max(
            (f["properties"]["end"] for f in placed if f["properties"]["end"]), default=None
        ),
        "unplaced": len(features) - len(placed),
        "tiles": _tiles(tiles),
        "attribution": f"{NATURAL_EARTH}; Leaflet {LEAFLET_VERSION}; events: conflictgeo",
    }
    return _PAGE.format(
        title=html.escape(title),
        css=_leaflet_css(),
        leaflet=(_ASSETS / "leaflet.js").read_text(encoding="utf-8"),
        data=_script_json(page),
        script=_SCRIPT,
    )


def write_webmap(
    events: geopandas.GeoDataFrame | pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    title: str = "Conflict events",
    tiles: str | None = None,
) -> Path:
    """Write the page of :func:`webmap_html` to ``path`` (atomically); returns ``path``."""
    path = Path(path)
    text = webmap_html(events, title=title, tiles=tiles)
    temp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; choose another -o file"
        ) from exc
    return path


# -- the data --------------------------------------------------------------------------------


def _features(events: pd.DataFrame) -> list[dict[str, Any]]:
    geometry = events.geometry if isinstance(events, geopandas.GeoDataFrame) else None
    out = []
    for i, row in enumerate(events.to_dict("records")):
        point = geometry.iloc[i] if geometry is not None else None
        if point is None or point.is_empty:
            lon, lat = row.get("longitude"), row.get("latitude")
            point = shapely.Point(lon, lat) if _number(lon) and _number(lat) else None
        kind = _text(row.get("kind"))
        start = _day(row.get("date_start")) or _day(row.get("event_date"))
        end = _day(row.get("date_end")) or start
        fatalities = int(row["fatalities"]) if _number(row.get("fatalities")) else 0
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(point.x, 5), round(point.y, 5)]}
                if point is not None
                else None,
                "properties": {
                    "id": _text(row.get("event_id")),
                    "kind": kind,
                    "date": _day(row.get("event_date")),
                    "start": start,
                    "end": end,
                    "time_precision": _int(row.get("time_precision")),
                    "geo_precision": _int(row.get("geo_precision")),
                    "fatalities": fatalities,
                    "fatalities_text": _text(row.get("fatalities_text")),
                    "actor1": _text(row.get("actor1")),
                    "actor2": _text(row.get("actor2")),
                    "location": _text(row.get("location")),
                    "admin1": _text(row.get("admin1")),
                    "country": _text(row.get("country")),
                    "evidence": _text(row.get("evidence")),
                    "location_reason": _text(row.get("location_reason")),
                    "sources": len([s for s in _text(row.get("sources")).split(";") if s]) or 1,
                    "radius": round(min(4 + 2.2 * math.sqrt(fatalities), 24), 1),
                },
            }
        )
    return out


def _kinds(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each kind on the map once: its name, legend label, colour, count (most events first)."""
    counts: dict[str, int] = {}
    for f in features:
        counts[f["properties"]["kind"]] = counts.get(f["properties"]["kind"], 0) + 1
    return [
        {"kind": k, "label": kind_label(k), "colour": kind_colour(k), "count": n}
        for k, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _bounds(features: list[dict[str, Any]]) -> list[float]:
    if not features:
        return [-20.0, 0.0, 60.0, 50.0]  # nothing placed: Africa and the Middle East
    xs = [f["geometry"]["coordinates"][0] for f in features]
    ys = [f["geometry"]["coordinates"][1] for f in features]
    return [min(xs), min(ys), max(xs), max(ys)]


def _grow(bounds: list[float], degrees: float) -> tuple[float, float, float, float]:
    west, south, east, north = bounds
    return (
        max(west - degrees, -180.0),
        max(south - degrees, -90.0),
        min(east + degrees, 180.0),
        min(north + degrees, 90.0),
    )


def _tiles(tiles: str | None) -> dict[str, str] | None:
    if not tiles:
        return None
    url, attribution = TILES.get(
        tiles.lower(), (tiles, "tiles: " + tiles.split("/")[2] if "//" in tiles else tiles)
    )
    return {"url": url, "attribution": attribution}


def _script_json(value: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>`` or
    ``<!--`` can end or bend the element, whatever the reports say."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _leaflet_css() -> str:
    css = (_ASSETS / "leaflet.css").read_text(encoding="utf-8")
    # The images Leaflet's CSS names, inlined: a page file alone has no images/ folder.
    for name in ("layers.png", "layers-2x.png", "marker-icon.png"):
        data = base64.b64encode((_ASSETS / name).read_bytes()).decode("ascii")
        css = css.replace(f"url(images/{name})", f"url(data:image/png;base64,{data})")
    return css


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _number(value: object) -> bool:
    try:
        return value is not None and not pd.isna(value) and math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _int(value: object) -> int | None:
    return int(value) if _number(value) else None  # type: ignore[call-overload]


def _day(value: object) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)[:10]
    return text if len(text) == 10 else None


# -- the page --------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}
html, body {{ margin: 0; height: 100%; font: 13px/1.35 system-ui, sans-serif; color: #222; }}
#map {{ position: absolute; top: 0; bottom: 0; left: 0; right: 0; background: #d7e6ef; }}
.cg-panel {{ background: rgba(255,255,255,0.93); padding: 8px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 340px; }}
.cg-panel h1 {{ font-size: 15px; margin: 0 0 6px; }}
.cg-panel input[type=range] {{ width: 100%; }}
.cg-day {{ font-weight: 600; }}
.cg-note {{ color: #555; font-size: 11px; margin-top: 4px; }}
.cg-swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  border: 1px solid #222; margin: 0 4px 0 2px; vertical-align: -1px; }}
.cg-popup dl {{ margin: 4px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }}
.cg-popup dt {{ color: #666; }} .cg-popup dd {{ margin: 0; }}
.cg-popup blockquote {{ margin: 6px 0 0; padding-left: 6px; border-left: 3px solid #ccc;
  font-style: italic; }}
</style>
</head>
<body>
<div id="map"></div>
<script>
{leaflet}
</script>
<script type="application/json" id="cg-data">{data}</script>
<script>
{script}
</script>
</body>
</html>
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("cg-data").textContent);
  var b = page.bounds;
  var map = L.map("map", { preferCanvas: false, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(page.attribution);
  if (page.tiles) {
    L.tileLayer(page.tiles.url, { attribution: page.tiles.attribution, maxZoom: 18 }).addTo(map);
  }
  L.geoJSON(page.outlines, {
    interactive: false,
    style: { color: "#9a9a9a", weight: 0.8, fillColor: "#f2f0e9", fillOpacity: page.tiles ? 0 : 1 }
  }).addTo(map);
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40], maxZoom: 9 });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function popup(p) {
    var box = el("div", null, "cg-popup");
    box.appendChild(el("strong", p.kind.replace(/_/g, " ")));
    var dl = el("dl");
    function row(name, value) {
      if (value === "" || value === null || value === undefined) return;
      dl.appendChild(el("dt", name));
      dl.appendChild(el("dd", value));
    }
    var when = p.start === p.end ? p.start : p.start + " to " + p.end;
    row("date", p.start ? when : "not known");
    row("place", [p.location, p.admin1, p.country].filter(Boolean).join(", "));
    row("why here", p.location_reason);
    row("actor 1", p.actor1);
    row("actor 2", p.actor2);
    var toll = p.fatalities_text ? " (\u201c" + p.fatalities_text + "\u201d)" : "";
    row("fatalities", p.fatalities + toll);
    row("reports", p.sources);
    box.appendChild(dl);
    if (p.evidence) box.appendChild(el("blockquote", p.evidence));
    return box;
  }

  var groups = {}, markers = [], overlays = {};
  page.kinds.forEach(function (k) {
    groups[k.kind] = L.layerGroup().addTo(map);
    var label = document.createElement("span");
    var swatch = el("span", null, "cg-swatch");
    swatch.style.background = k.colour;
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(k.label + " \u00b7 " + k.count));
    overlays[label.outerHTML] = groups[k.kind];
  });
  var colours = {};
  page.kinds.forEach(function (k) { colours[k.kind] = k.colour; });
  // Big tolls first, so that small events stay on top of them.
  page.events.features.slice().sort(function (a, b) {
    return b.properties.fatalities - a.properties.fatalities;
  }).forEach(function (f) {
    var p = f.properties, c = f.geometry.coordinates;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: p.radius, color: "#222", weight: 1, fillColor: colours[p.kind] || "#999",
      fillOpacity: 0.85, className: "cg-event cg-kind-" + p.kind.replace(/[^a-z0-9_]/gi, "")
    });
    marker.bindPopup(function () { return popup(p); }, { maxWidth: 360 });
    marker.feature = f;
    markers.push(marker);
  });
  L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);

  var panel = L.control({ position: "bottomleft" });
  panel.onAdd = function () {
    var box = el("div", null, "cg-panel");
    L.DomEvent.disableClickPropagation(box);
    box.appendChild(el("h1", page.title));
    var all = document.createElement("input");
    all.type = "checkbox"; all.checked = true; all.id = "cg-all";
    var allLabel = el("label", " all dates");
    allLabel.prepend(all);
    box.appendChild(allLabel);
    var slider = document.createElement("input");
    slider.type = "range"; slider.id = "cg-slider"; slider.min = 0; slider.step = 1;
    var first = page.first_day ? Date.parse(page.first_day) : 0;
    var last = page.last_day ? Date.parse(page.last_day) : first;
    var span = Math.max(0, Math.round((last - first) / 86400000));
    slider.max = span; slider.value = 0; slider.disabled = !page.first_day;
    box.appendChild(slider);
    var day = el("div", "", "cg-day");
    box.appendChild(day);
    box.appendChild(el("div", "Circle area grows with the death toll. Events dated to a " +
      "week or a month show on each of its days." +
      (page.unplaced ? " " + page.unplaced + " event(s) without a place are not on the map." : ""),
      "cg-note"));
    function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
    function show() {
      var shown = 0, today = page.first_day ? iso(first + slider.value * 86400000) : null;
      day.textContent = all.checked ? "every date (" + (page.first_day || "none") + " to " +
        (page.last_day || "none") + ")" : today;
      markers.forEach(function (m) {
        var p = m.feature.properties, group = groups[p.kind];
        var on = all.checked || (p.start && p.start <= today && today <= p.end);
        if (on && !group.hasLayer(m)) group.addLayer(m);
        if (!on && group.hasLayer(m)) group.removeLayer(m);
        if (on) shown += 1;
      });
      box.dataset.shown = shown;
    }
    slider.addEventListener("input", function () { all.checked = false; show(); });
    all.addEventListener("change", show);
    // A link may name a day (#day=2013-08-10) or an event (#event=ID), to share a view.
    var hash = new URLSearchParams(window.location.hash.slice(1));
    var wanted = hash.get("day");
    if (wanted && page.first_day && /^\d{4}-\d\d-\d\d$/.test(wanted)) {
      var offset = Math.round((Date.parse(wanted) - first) / 86400000);
      if (offset >= 0 && offset <= span) { slider.value = offset; all.checked = false; }
    }
    show();
    return box;
  };
  panel.addTo(map);
  var chosen = new URLSearchParams(window.location.hash.slice(1)).get("event");
  markers.forEach(function (m) {
    var p = m.feature.properties;
    if (chosen && p.id === chosen && groups[p.kind].hasLayer(m)) m.openPopup();
  });
  document.body.dataset.events = markers.length;
})();
"""
