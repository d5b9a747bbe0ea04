"""QGIS default styles (QML) for the layers, stored in a GeoPackage's ``layer_styles`` table.

QGIS looks up a layer's default style in the ``layer_styles`` table of its
GeoPackage (the table QGIS itself writes with "Save as Default"): the row with
the layer's table and geometry column and ``useAsDefault`` true. Storing our
styles there means a user who drags ``events.gpkg`` into QGIS sees events
categorised by kind, sized by fatalities, place names labelled and the temporal
controller ready, with no ``.qml`` file to find.

The QML is generated from :data:`conflictgeo.taxonomy.KINDS`, so a new
event kind gets a category without anyone editing a style (it takes its
event type's colour; a shape of its own is set in ``_SHAPES``).

    >>> qml = layer_style_qml("events")
    >>> 'attr="kind"' in qml and 'to_datetime(&quot;date_start&quot;)' in qml
    True
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import geopandas
import pandas as pd

from conflictgeo.layers import LAYER_GEOMETRY
from conflictgeo.taxonomy import KINDS

__all__ = [
    "EVENT_SYMBOLS",
    "EVENT_TYPE_COLOURS",
    "QGIS_VERSION",
    "kind_colour",
    "kind_label",
    "layer_style_qml",
    "layer_styles_table",
]

#: QGIS version written into the QML (the oldest we test with, Debian bookworm's).
QGIS_VERSION = "3.22.16-Białowieża"

# One colour per ACLED event type (Paul Tol's "vibrant" scheme: colour-blind
# safe, every colour visible on white and on pale country outlines) and, within
# a type, one marker shape per sub-type, so kinds stay apart in greyscale print
# too. Shapes follow groups across types: a circle is the type's general
# sub-type (Armed clash, Attack, Peaceful protest, Violent demonstration,
# Other), a triangle control of a place changing hands by force or not
# (Government regains territory, Non-violent transfer of territory), a star
# what comes from the air or a crowd (Air/drone strike, Mob violence,
# Looting/property destruction), a square people held (Abduction, Arrests,
# Protest with intervention), a cross an attack stopped or turned lethal
# (Suicide bomb, Excessive force, Disrupted weapons use), an arrow people on
# the move (displacement).
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "204,51,17",  # red #cc3311
    "Explosions/Remote violence": "238,119,51",  # orange #ee7733
    "Violence against civilians": "238,51,119",  # magenta #ee3377
    "Protests": "0,119,187",  # blue #0077bb
    "Riots": "51,187,238",  # cyan #33bbee
    "Strategic developments": "0,153,136",  # teal #009988
}
_SHAPES: dict[str, str] = {
    "armed_clash": "circle",
    "territory_regained_gov": "triangle",
    "territory_taken_nonstate": "diamond",
    "chemical_weapon": "hexagon",
    "air_strike": "star",
    "suicide_bombing": "cross_fill",
    "shelling": "diamond",
    "explosive_device": "square",
    "grenade": "pentagon",
    "sexual_violence": "pentagon",
    "attack_on_civilians": "circle",
    "abduction": "square",
    "protest": "circle",
    "protest_with_intervention": "square",
    "excessive_force": "cross_fill",
    "riot": "circle",
    "mob_violence": "star",
    "agreement": "pentagon",
    "arrest": "square",
    "change_to_group": "hexagon",
    "disrupted_weapons": "cross_fill",
    "base_established": "octagon",
    "looting": "star",
    "territory_transfer": "triangle",
    "other_strategic": "circle",
    "displacement": "arrow",
}

#: kind -> (fill colour "r,g,b", marker shape), in :data:`KINDS` order.
EVENT_SYMBOLS: dict[str, tuple[str, str]] = {
    kind.name: (EVENT_TYPE_COLOURS[kind.event_type], _SHAPES.get(kind.name, "triangle"))
    for kind in KINDS.values()
}


def kind_label(kind: str) -> str:
    """The legend entry of a kind: our name and ACLED's sub-event type.

    >>> kind_label("air_strike"), kind_label("displacement")
    ('air strike (Air/drone strike)', 'displacement (Strategic developments: Other)')
    """
    info = KINDS.get(kind)
    if info is None:
        return kind or "other"
    sub = info.sub_event_type
    if sub == "Other":
        sub = f"{info.event_type}: Other"
    return f"{kind.replace('_', ' ')} ({sub})"


def kind_colour(kind: str) -> str:
    """The kind's colour as ``#rrggbb`` (grey for a kind we do not know).

    >>> kind_colour("armed_clash"), kind_colour("nothing")
    ('#cc3311', '#999999')
    """
    rgb = EVENT_SYMBOLS.get(kind, ("153,153,153", ""))[0]
    return "#" + "".join(f"{int(c):02x}" for c in rgb.split(","))


# Marker size in mm grows with the square root of the death toll (area ~ deaths),
# capped so one massacre does not cover a province.
_EVENT_SIZE = 'min(2.4 + 0.9 * sqrt(coalesce("fatalities", 0)), 12)'
_PLACE_SIZE = 'min(1.6 + 0.6 * sqrt(coalesce("event_count", 0)), 6)'


def layer_style_qml(layer: str) -> str:
    """The QML document of the default style of ``layer``.

    Parameters
    ----------
    layer : str
        ``events``, ``places``, ``mentions`` or ``documents``.

    Returns
    -------
    str
        A QGIS style document (``<!DOCTYPE qgis ...>``).

    Raises
    ------
    KeyError
        For a layer without a style.
    """
    root = ET.Element("qgis", version=QGIS_VERSION, styleCategories="AllStyleCategories")
    if layer == "events":
        root.set("labelsEnabled", "0")
        _temporal(root, start="date_start", end="date_end")
        renderer = ET.SubElement(
            root,
            "renderer-v2",
            type="categorizedSymbol",
            attr="kind",
            forceraster="0",
            symbollevels="0",
            enableorderby="1",
            referencescale="-1",
        )
        categories = ET.SubElement(renderer, "categories")
        symbols = ET.SubElement(renderer, "symbols")
        for i, (name, (colour, shape)) in enumerate(EVENT_SYMBOLS.items()):
            label = kind_label(name)
            ET.SubElement(
                categories, "category", render="true", symbol=str(i), value=name, label=label
            )
            symbols.append(_marker(str(i), colour, shape, _EVENT_SIZE))
        # Anything else (a kind added later, a missing kind) still shows, in grey.
        other = str(len(EVENT_SYMBOLS))
        ET.SubElement(categories, "category", render="true", symbol=other, value="", label="other")
        symbols.append(_marker(other, "153,153,153", "triangle", _EVENT_SIZE))
        # Big tolls drawn first, so small events on top of them stay visible.
        orderby = ET.SubElement(renderer, "orderby")
        ET.SubElement(orderby, "orderByClause", asc="0", nullsFirst="0").text = '"fatalities"'
    elif layer == "places":
        root.set("labelsEnabled", "1")
        _single_symbol(root, _marker("0", "255,255,255", "circle", _PLACE_SIZE, outline="35,35,35"))
        _labels(root, "name")
    elif layer == "mentions":
        root.set("labelsEnabled", "0")
        _single_symbol(root, _marker("0", "102,102,102", "cross2", "2"))
    elif layer == "documents":
        _temporal(root, start="published", end="published")
    else:
        raise KeyError(f"no default style for layer {layer!r}")
    ET.indent(root)
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    )


def layer_styles_table(
    layers: Iterable[str], *, geometry_column: str = "geom", now: dt.datetime | None = None
) -> geopandas.GeoDataFrame:
    """The rows of the GeoPackage ``layer_styles`` table for ``layers``.

    Columns are those QGIS creates (``f_table_catalog`` ... ``update_time``);
    ``f_table_schema`` is empty and ``f_geometry_column`` is the layer's
    geometry column (empty for an attribute table), which is how QGIS finds a
    layer's style in a GeoPackage.
    """
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    names = [n for n in layers if n in LAYER_GEOMETRY]
    rows = [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": name,
            "f_geometry_column": geometry_column if LAYER_GEOMETRY[name] else "",
            "styleName": f"conflictgeo {name}",
            "styleQML": layer_style_qml(name),
            "styleSLD": "",
            "useAsDefault": True,
            "description": f"conflictgeo default style of the {name} layer",
            "owner": "conflictgeo",
            "ui": None,
            "update_time": now,
        }
        for name in names
    ]
    frame = pd.DataFrame(rows, columns=_STYLE_COLUMNS)
    frame = frame.astype({"useAsDefault": "bool", "update_time": "datetime64[ms]"})
    return geopandas.GeoDataFrame(frame.astype({"ui": "string"}))


_STYLE_COLUMNS = [
    "f_table_catalog",
    "f_table_schema",
    "f_table_name",
    "f_geometry_column",
    "styleName",
    "styleQML",
    "styleSLD",
    "useAsDefault",
    "description",
    "owner",
    "ui",
    "update_time",
]


# -- QML pieces ------------------------------------------------------------------------------


def _option(parent: ET.Element, name: str | None, value: str, kind: str = "QString") -> None:
    attrs = {"type": kind, "value": value}
    if name is not None:
        attrs["name"] = name
    ET.SubElement(parent, "Option", attrs)


def _single_symbol(root: ET.Element, marker: ET.Element) -> None:
    """Every feature of the layer drawn with one ``marker``."""
    renderer = ET.SubElement(
        root,
        "renderer-v2",
        type="singleSymbol",
        forceraster="0",
        symbollevels="0",
        enableorderby="0",
        referencescale="-1",
    )
    ET.SubElement(renderer, "symbols").append(marker)


def _marker(
    name: str, colour: str, shape: str, size_expression: str, *, outline: str = "35,35,35"
) -> ET.Element:
    symbol = ET.Element(
        "symbol", type="marker", name=name, alpha="1", clip_to_extent="1", force_rhr="0"
    )
    layer = ET.SubElement(
        symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "pass": "0", "locked": "0"}
    )
    options = ET.SubElement(layer, "Option", type="Map")
    for key, value in [
        ("angle", "0"),
        ("color", f"{colour},255"),
        ("joinstyle", "bevel"),
        ("name", shape),
        ("outline_color", f"{outline},255"),
        ("outline_style", "solid"),
        ("outline_width", "0.3"),
        ("outline_width_unit", "MM"),
        ("scale_method", "diameter"),
        ("size", "2.4"),
        ("size_unit", "MM"),
        ("vertical_anchor_point", "1"),
    ]:
        _option(options, key, value)
    ddp = ET.SubElement(ET.SubElement(layer, "data_defined_properties"), "Option", type="Map")
    _option(ddp, "name", "")
    properties = ET.SubElement(ddp, "Option", name="properties", type="Map")
    size = ET.SubElement(properties, "Option", name="size", type="Map")
    _option(size, "active", "true", "bool")
    _option(size, "expression", size_expression)
    _option(size, "type", "3", "int")  # 3 = expression-based property
    _option(ddp, "type", "collection")
    return symbol


def _temporal(root: ET.Element, *, start: str, end: str) -> None:
    # Mode 4, start and end from expressions, rather than mode 2 (from fields):
    # QGIS 3.22 compares a DATE field with the controller's date-times as
    # text, so a one-day event would never show. The end is the day after
    # ``end`` with the end excluded (limitMode 0): an event dated one day shows
    # through that whole day, at any step of the controller.
    temporal = ET.SubElement(
        root,
        "temporal",
        enabled="1",
        mode="4",
        startField=start,
        endField=end,
        startExpression=f'to_datetime("{start}")',
        endExpression=f'to_datetime("{end}") + make_interval(days:=1)',
        durationField="",
        durationUnit="d",
        fixedDuration="0",
        accumulate="0",
        limitMode="0",
    )
    fixed = ET.SubElement(temporal, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")


def _labels(root: ET.Element, field: str) -> None:
    labeling = ET.SubElement(root, "labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    style = ET.SubElement(
        settings,
        "text-style",
        fieldName=field,
        isExpression="0",
        fontSize="9",
        fontSizeUnit="Point",
        textColor="35,35,35,255",
        textOpacity="1",
        fontWeight="50",
        fontItalic="0",
        multilineHeight="1",
        namedStyle="Regular",
        previewBkgrdColor="255,255,255,255",
        capitalization="0",
    )
    ET.SubElement(
        style,
        "text-buffer",
        bufferDraw="1",
        bufferSize="0.8",
        bufferSizeUnits="MM",
        bufferColor="255,255,255,255",
        bufferOpacity="0.85",
        bufferJoinStyle="128",
        bufferNoFill="1",
    )
    ET.SubElement(
        settings,
        "text-format",
        wrapChar="",
        multilineAlign="3",
        plussign="0",
        formatNumbers="0",
        decimals="3",
        reverseDirectionSymbol="0",
        addDirectionSymbol="0",
        leftDirectionSymbol="&lt;",
        rightDirectionSymbol="&gt;",
        placeDirectionSymbol="0",
        autoWrapLength="0",
        useMaxLineLengthForAutoWrap="1",
    )
    # placement 6 = around the point, in cartographic order; only for places
    # with events at larger scales keeps the map readable.
    ET.SubElement(
        settings,
        "placement",
        placement="6",
        dist="1",
        distUnits="MM",
        offsetType="1",
        priority="5",
        quadOffset="4",
        centroidWhole="0",
    )
    ET.SubElement(
        settings,
        "rendering",
        drawLabels="1",
        obstacle="1",
        scaleVisibility="0",
        limitNumLabels="0",
        displayAll="0",
        upsidedownLabels="0",
        labelPerPart="0",
        mergeLines="0",
        fontLimitPixelSize="0",
    )
