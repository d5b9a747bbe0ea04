"""Turn per-document results into the four GIS layers the writers export.

:func:`build_layers` returns ``events``, ``places``, ``mentions`` and
``documents`` as :class:`geopandas.GeoDataFrame` objects in EPSG:4326. Point
geometries are built as ``Point(lon, lat)``; anything without a place keeps its
row with a missing (``None``) geometry. ``documents`` carries a geometry column
of ``None`` only and is written as an attribute-only table.

The column order and logical type of every layer is declared in
:data:`LAYER_FIELDS`; the writers use it to give each output field its proper
type (``Date`` fields in particular) even when a layer has no rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import geopandas
import numpy as np
import pandas as pd
import shapely

from conflictgeo.model import EVENT_FIELDS, DocumentResult, Event, Place

__all__ = [
    "CRS",
    "DOCUMENT_FIELDS",
    "LAYER_FIELDS",
    "LAYER_GEOMETRY",
    "LAYER_NAMES",
    "MENTION_FIELDS",
    "PLACE_FIELDS",
    "build_layers",
    "events_frame",
]

logger = logging.getLogger(__name__)

#: Coordinate reference system of every layer (WGS 84 longitude/latitude).
CRS = "EPSG:4326"

#: Layer names in the order they are written.
LAYER_NAMES: tuple[str, ...] = ("events", "places", "mentions", "documents")

#: Columns of the ``places`` layer (one row per resolved GeoNames id).
PLACE_FIELDS: dict[str, str] = {
    "geonameid": "int",
    "name": "str",
    "country_code": "str",
    "country": "str",
    "admin1": "str",
    "feature_class": "str",
    "feature_code": "str",
    "population": "int",
    "source": "str",
    "approximate": "bool",
    "mention_count": "int",
    "event_count": "int",
}

#: Columns of the ``mentions`` layer (one row per toponym mention).
MENTION_FIELDS: dict[str, str] = {
    "doc_id": "str",
    "start": "int",
    "end": "int",
    "text": "str",
    "role": "str",
    "hint": "str",
    "name": "str",
    "geonameid": "int",
    "country_code": "str",
    "admin1": "str",
    "feature_code": "str",
    "score": "float",
    "reasons": "str",
}

#: Columns of the ``documents`` layer (one row per report; no geometry).
DOCUMENT_FIELDS: dict[str, str] = {
    "id": "str",
    "title": "str",
    "source": "str",
    "url": "str",
    "published": "date",
    "origin": "str",
    "content_hash": "str",
    "dateline": "str",
    "n_chars": "int",
    "n_mentions": "int",
    "n_events": "int",
    "ingested_at": "str",
}

#: Column order and logical type (``str``, ``int``, ``float``, ``bool``,
#: ``date``) of each layer.
LAYER_FIELDS: dict[str, dict[str, str]] = {
    "events": EVENT_FIELDS,
    "places": PLACE_FIELDS,
    "mentions": MENTION_FIELDS,
    "documents": DOCUMENT_FIELDS,
}

#: OGR geometry type of each layer; ``None`` means an attribute-only table.
LAYER_GEOMETRY: dict[str, str | None] = {
    "events": "Point",
    "places": "Point",
    "mentions": "Point",
    "documents": None,
}

# pandas >= 3 has a default ``str`` dtype (missing values are NaN); older
# versions spell the nullable string dtype "string".
_STR_DTYPE = "str" if int(pd.__version__.split(".", 1)[0]) >= 3 else "string"


def build_layers(
    results: Sequence[DocumentResult],
    events: Sequence[Event] | None = None,
    *,
    ingested_at: str | None = None,
) -> dict[str, geopandas.GeoDataFrame]:
    """Build the ``events``, ``places``, ``mentions`` and ``documents`` layers.

    Parameters
    ----------
    results : sequence of DocumentResult
        The per-document results, in input order; that order is the "document
        order" the layers are sorted by.
    events : sequence of Event, optional
        The merged (de-duplicated) events. When omitted, the events of every
        result are used as they are.
    ingested_at : str, optional
        ISO 8601 UTC timestamp stored in ``documents.ingested_at``. Pass a fixed
        value for reproducible builds; defaults to the current time.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        The four layers keyed by name, in :data:`LAYER_NAMES` order, all in
        EPSG:4326 with columns as declared in :data:`LAYER_FIELDS`. Empty input
        gives four empty layers with the same columns.

    Notes
    -----
    * ``events``: one row per event from :meth:`Event.record`, sorted by
      document order, then ``char_start``, ``char_end`` and ``event_id``.
      Unplaced events keep their row with a ``None`` geometry.
    * ``places``: each place resolved by a mention or used by an event, once
      per ``geonameid``, in order of first appearance. ``mention_count``
      counts every resolved mention of it (any role); ``event_count`` counts
      the events placed there.
    * ``mentions``: one row per mention, sorted by document order and offset;
      ``reasons`` are joined with ``"; "``.
    * ``documents``: ``n_events`` counts the events extracted from the
      document before merging.
    """
    if events is None:
        events = [event for result in results for event in result.events]
    if ingested_at is None:
        ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

    doc_order: dict[str, int] = {}
    for index, result in enumerate(results):
        doc_order.setdefault(result.document.id, index)

    layers = {
        "events": _events_layer(events, doc_order),
        "places": _places_layer(results, events),
        "mentions": _mentions_layer(results, doc_order),
        "documents": _documents_layer(results, ingested_at),
    }
    logger.debug(
        "built layers: %s",
        ", ".join(f"{name}={len(frame)}" for name, frame in layers.items()),
    )
    return layers


def _events_layer(events: Iterable[Event], doc_order: dict[str, int]) -> geopandas.GeoDataFrame:
    return events_frame(sort_events(events, doc_order))


def sort_events(events: Iterable[Event], doc_order: dict[str, int]) -> list[Event]:
    """``events`` in layer order: document order, then ``char_start``, ``char_end``, id."""
    last = len(doc_order)
    return sorted(
        events,
        key=lambda e: (doc_order.get(e.doc_id, last), e.char_start, e.char_end, e.event_id),
    )


def events_frame(events: Iterable[Event]) -> geopandas.GeoDataFrame:
    """The ``events`` layer of ``events``, in the order given."""
    events = list(events)
    rows = [event.record() for event in events]
    points = [_point(event.where.place) for event in events]
    return _frame(rows, EVENT_FIELDS, points)


def _places_layer(
    results: Sequence[DocumentResult], events: Iterable[Event]
) -> geopandas.GeoDataFrame:
    places: dict[int, Place] = {}
    mention_count: Counter[int] = Counter()
    event_count: Counter[int] = Counter()
    for result in results:
        for mention in sorted(result.mentions, key=lambda m: (m.start, m.end)):
            if mention.place is not None:
                places.setdefault(mention.place.geonameid, mention.place)
                mention_count[mention.place.geonameid] += 1
    for event in events:
        place = event.where.place
        if place is not None:
            places.setdefault(place.geonameid, place)
            event_count[place.geonameid] += 1

    rows = [
        {
            "geonameid": place.geonameid,
            "name": place.name,
            "country_code": place.country_code or None,
            "country": place.country or None,
            "admin1": place.admin1_name or None,
            "feature_class": place.feature_class or None,
            "feature_code": place.feature_code or None,
            "population": place.population,
            "source": place.source or None,
            "approximate": place.approximate,
            "mention_count": mention_count[gid],
            "event_count": event_count[gid],
        }
        for gid, place in places.items()
    ]
    return _frame(rows, PLACE_FIELDS, [_point(place) for place in places.values()])


def _mentions_layer(
    results: Sequence[DocumentResult], doc_order: dict[str, int]
) -> geopandas.GeoDataFrame:
    rows: list[dict[str, Any]] = []
    points: list[shapely.Point | None] = []
    for result in sorted(results, key=lambda r: doc_order[r.document.id]):
        doc_id = result.document.id
        for mention in sorted(result.mentions, key=lambda m: (m.start, m.end, m.text)):
            place = mention.place
            rows.append(
                {
                    "doc_id": doc_id,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "role": mention.role,
                    "hint": mention.hint or None,
                    "name": place.name if place else None,
                    "geonameid": place.geonameid if place else None,
                    "country_code": (place.country_code or None) if place else None,
                    "admin1": (place.admin1_name or None) if place else None,
                    "feature_code": (place.feature_code or None) if place else None,
                    "score": mention.score,
                    "reasons": "; ".join(mention.reasons) or None,
                }
            )
            points.append(_point(place))
    return _frame(rows, MENTION_FIELDS, points)


def _documents_layer(results: Sequence[DocumentResult], ingested_at: str) -> geopandas.GeoDataFrame:
    rows = [
        {
            "id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published,
            "origin": doc.origin or None,
            "content_hash": doc.content_hash or None,
            "dateline": doc.dateline,
            "n_chars": len(doc.text),
            "n_mentions": len(result.mentions),
            "n_events": len(result.events),
            "ingested_at": ingested_at,
        }
        for result in results
        for doc in (result.document,)
    ]
    return _frame(rows, DOCUMENT_FIELDS, [None] * len(rows))


def _point(place: Place | None) -> shapely.Point | None:
    """``Point(lon, lat)`` of a place, or ``None`` when there is no place."""
    if place is None:
        return None
    return shapely.Point(place.lon, place.lat)


def _date_or_none(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


_INT64 = (-(2**63), 2**63 - 1)


def _int64(values: list[Any]) -> list[Any]:
    """``values`` with integers no 64-bit field can hold emptied (and logged), so
    that one absurd figure ("killed 99999999999999999999") does not stop a build."""
    out = list(values)
    for i, v in enumerate(out):
        if isinstance(v, int) and not _INT64[0] <= v <= _INT64[1]:
            logger.warning("an integer too large for a 64-bit field was left empty: %d", v)
            out[i] = None
    return out


_COLUMN: dict[str, Callable[[list[Any]], pd.Series]] = {
    "str": lambda values: pd.Series(values, dtype=_STR_DTYPE),
    "int": lambda values: pd.Series(pd.array(_int64(values), dtype="Int64")),
    "float": lambda values: pd.Series(values, dtype="float64"),
    "bool": lambda values: pd.Series(values, dtype="bool"),
    "date": lambda values: pd.Series([_date_or_none(v) for v in values], dtype=object),
}


def _frame(
    rows: list[dict[str, Any]],
    fields: dict[str, str],
    points: list[shapely.Point | None],
) -> geopandas.GeoDataFrame:
    """A GeoDataFrame with ``fields`` as typed columns and ``points`` as geometry."""
    columns = {
        name: _COLUMN[kind]([row.get(name) for row in rows]) for name, kind in fields.items()
    }
    geometry = geopandas.GeoSeries(np.array(points, dtype=object), crs=CRS)
    return geopandas.GeoDataFrame(columns, geometry=geometry, crs=CRS)
