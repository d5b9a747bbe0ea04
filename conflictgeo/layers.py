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
import pickle
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas as pd
import shapely

from conflictgeo.model import EVENT_FIELDS, DocumentResult, Event, Place

__all__ = [
    "CHUNK_ROWS",
    "CRS",
    "DOCUMENT_FIELDS",
    "LAYER_FIELDS",
    "LAYER_GEOMETRY",
    "LAYER_NAMES",
    "MENTION_FIELDS",
    "PLACE_FIELDS",
    "LayerStream",
    "SpooledLayer",
    "build_layers",
    "events_frame",
    "now_stamp",
    "sort_events",
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

    :class:`LayerStream` builds the same layers from results as they arrive,
    without holding them.
    """
    doc_order: dict[str, int] = {}
    for index, result in enumerate(results):
        doc_order.setdefault(result.document.id, index)
    # A repeated document id sorts its mentions beside the first (ingest makes ids unique).
    stream = LayerStream(ingested_at=ingested_at)
    for result in sorted(results, key=lambda r: doc_order[r.document.id]):
        stream.add(result, documents=False)
    for result in results:
        stream.add_document(result)
    layers = stream.layers(events, doc_order=doc_order)
    return {
        name: layer.frame() if isinstance(layer, SpooledLayer) else layer
        for name, layer in layers.items()
    }


def now_stamp() -> str:
    """The current UTC time as ``documents.ingested_at`` holds it (``2013-08-14T09:30:00Z``)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class SpooledLayer:
    """A layer too long for memory: its rows written to a file in chunks as they
    are made, and read back one chunk at a time (:meth:`chunks`) by the writer.

    The chunks are the :class:`geopandas.GeoDataFrame` objects :func:`build_layers`
    would have made of those rows, pickled one after another: a layer written
    chunk by chunk is the layer written whole.
    """

    def __init__(self, path: Path, fields: dict[str, str]) -> None:
        self.path = Path(path)
        self.fields = fields
        self.rows = 0
        self._chunks = 0

    def append(self, frame: geopandas.GeoDataFrame) -> None:
        with self.path.open("ab") as out:
            pickle.dump(frame, out, protocol=pickle.HIGHEST_PROTOCOL)
        self.rows += len(frame)
        self._chunks += 1

    def chunks(self) -> Iterator[geopandas.GeoDataFrame]:
        """The layer's frames in order; one empty frame when it has no rows."""
        if not self._chunks:
            yield _frame([], self.fields, [])
            return
        with self.path.open("rb") as spool:
            for _ in range(self._chunks):
                yield pickle.load(spool)  # our own file, written by this build

    def frame(self) -> geopandas.GeoDataFrame:
        """The whole layer in memory."""
        frames = list(self.chunks())
        if len(frames) == 1:
            return frames[0]
        whole = pd.concat(frames, ignore_index=True)
        return geopandas.GeoDataFrame(whole, geometry=whole.geometry.name, crs=CRS)

    def __len__(self) -> int:
        return self.rows


#: Mention rows held before they are written to the spool (about 1,500 news reports).
CHUNK_ROWS = 20_000


class LayerStream:
    """The four layers of :func:`build_layers`, made from results as they arrive.

    :meth:`add` takes each result in document order and keeps only what the
    layers need: the ``mentions`` rows go to a :class:`SpooledLayer` in
    ``spool`` (a directory) every :data:`CHUNK_ROWS` rows, ``documents`` rows
    become compact frames, and ``places`` keeps one row per place with its
    counts. The events are kept (:attr:`events`): merging needs them all. So a
    build's memory grows with its events, not with its reports' text and mentions.
    Without ``spool`` the mentions stay in memory.
    """

    def __init__(self, *, ingested_at: str | None = None, spool: Path | None = None) -> None:
        self.ingested_at = ingested_at or now_stamp()
        self.events: list[Event] = []
        self.doc_order: dict[str, int] = {}
        self._places: dict[int, Place] = {}
        self._mention_count: Counter[int] = Counter()
        self._mention_rows: list[tuple[Any, ...]] = []
        self._mention_points: list[Place | None] = []
        self._mention_frames: list[geopandas.GeoDataFrame] = []
        self._spool = (
            SpooledLayer(Path(spool) / "mentions.pickle", MENTION_FIELDS) if spool else None
        )
        self._document_rows: list[dict[str, Any]] = []
        self._document_frames: list[geopandas.GeoDataFrame] = []

    def add(self, result: DocumentResult, *, documents: bool = True) -> None:
        """Take one result (in document order): its mentions, places, events and
        (unless ``documents`` is false) its ``documents`` row."""
        doc_id = result.document.id
        self.doc_order.setdefault(doc_id, len(self.doc_order))
        self.events.extend(result.events)
        for mention in sorted(result.mentions, key=lambda m: (m.start, m.end)):
            if mention.place is not None:
                self._places.setdefault(mention.place.geonameid, mention.place)
                self._mention_count[mention.place.geonameid] += 1
        for mention in sorted(result.mentions, key=lambda m: (m.start, m.end, m.text)):
            place = mention.place
            # A tuple in MENTION_FIELDS order: a mention layer is the longest, and
            # tuples transposed into columns cost a third of what dicts do.
            self._mention_rows.append(
                (
                    doc_id,
                    mention.start,
                    mention.end,
                    mention.text,
                    mention.role,
                    mention.hint or None,
                    place.name if place else None,
                    place.geonameid if place else None,
                    (place.country_code or None) if place else None,
                    (place.admin1_name or None) if place else None,
                    (place.feature_code or None) if place else None,
                    mention.score,
                    "; ".join(mention.reasons) or None,
                )
            )
            self._mention_points.append(place)
        if self._spool is not None and len(self._mention_rows) >= CHUNK_ROWS:
            self._flush_mentions()
        if documents:
            self.add_document(result)

    def add_document(self, result: DocumentResult) -> None:
        """Take the ``documents`` row of one result (in input order)."""
        doc = result.document
        self._document_rows.append(
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
                "ingested_at": self.ingested_at,
            }
        )
        if len(self._document_rows) >= CHUNK_ROWS:
            self._document_frames.append(self._documents_frame())

    def layers(
        self, events: Sequence[Event] | None = None, *, doc_order: dict[str, int] | None = None
    ) -> dict[str, geopandas.GeoDataFrame | SpooledLayer]:
        """The layers of everything added, with ``events`` (merged; default: as
        added); ``mentions`` is a :class:`SpooledLayer` when spooled."""
        if events is None:
            events = self.events
        order = self.doc_order if doc_order is None else doc_order
        if self._spool is not None:
            self._flush_mentions()
            mentions: geopandas.GeoDataFrame | SpooledLayer = self._spool
        else:
            mentions = _concat([*self._mention_frames, self._mentions_frame()])
        layers = {
            "events": events_frame(sort_events(events, order)),
            "places": self._places_frame(events),
            "mentions": mentions,
            "documents": _concat([*self._document_frames, self._documents_frame()]),
        }
        logger.debug(
            "built layers: %s", ", ".join(f"{name}={len(frame)}" for name, frame in layers.items())
        )
        return layers

    def _flush_mentions(self) -> None:
        frame = self._mentions_frame()
        if len(frame) and self._spool is not None:
            self._spool.append(frame)

    def _mentions_frame(self) -> geopandas.GeoDataFrame:
        frame = _tuples_frame(self._mention_rows, MENTION_FIELDS, _points(self._mention_points))
        self._mention_rows, self._mention_points = [], []
        return frame

    def _documents_frame(self) -> geopandas.GeoDataFrame:
        rows, self._document_rows = self._document_rows, []
        return _frame(rows, DOCUMENT_FIELDS, [None] * len(rows))

    def _places_frame(self, events: Iterable[Event]) -> geopandas.GeoDataFrame:
        places = dict(self._places)
        event_count: Counter[int] = Counter()
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
                "mention_count": self._mention_count[gid],
                "event_count": event_count[gid],
            }
            for gid, place in places.items()
        ]
        return _frame(rows, PLACE_FIELDS, _points(list(places.values())))


def _concat(frames: list[geopandas.GeoDataFrame]) -> geopandas.GeoDataFrame:
    """One frame of the chunks of a layer (dtypes kept: every chunk has the declared ones)."""
    frames = [f for f in frames if len(f)] or frames[-1:]
    if len(frames) == 1:
        return frames[0]
    whole = pd.concat(frames, ignore_index=True)
    return geopandas.GeoDataFrame(whole, geometry=whole.geometry.name, crs=CRS)


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
    # In chunks: a row dict per event costs more than the frame made of it.
    frames = [
        _frame(
            [event.record() for event in chunk],
            EVENT_FIELDS,
            _points([event.where.place for event in chunk]),
        )
        for chunk in (events[i : i + CHUNK_ROWS] for i in range(0, max(len(events), 1), CHUNK_ROWS))
    ]
    return _concat(frames)


def _points(places: Sequence[Place | None]) -> np.ndarray:
    """``Point(lon, lat)`` of each place (``None`` where there is none), made in one call."""
    out = np.full(len(places), None, dtype=object)
    at = [i for i, place in enumerate(places) if place is not None]
    if at:
        coords = np.array([(places[i].lon, places[i].lat) for i in at], dtype="float64")
        out[at] = shapely.points(coords)
    return out


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


def _tuples_frame(
    rows: list[tuple[Any, ...]],
    fields: dict[str, str],
    points: Sequence[shapely.Point | None] | np.ndarray,
) -> geopandas.GeoDataFrame:
    """:func:`_frame` of rows given as tuples in ``fields`` order."""
    values = list(zip(*rows, strict=True)) if rows else [()] * len(fields)
    columns = {
        name: _COLUMN[kind](list(column))
        for (name, kind), column in zip(fields.items(), values, strict=True)
    }
    return _geoframe(columns, points)


def _frame(
    rows: list[dict[str, Any]],
    fields: dict[str, str],
    points: Sequence[shapely.Point | None] | np.ndarray,
) -> geopandas.GeoDataFrame:
    """A GeoDataFrame with ``fields`` as typed columns and ``points`` as geometry."""
    columns = {
        name: _COLUMN[kind]([row.get(name) for row in rows]) for name, kind in fields.items()
    }
    return _geoframe(columns, points)


def _geoframe(
    columns: dict[str, pd.Series], points: Sequence[shapely.Point | None] | np.ndarray
) -> geopandas.GeoDataFrame:
    points = points if isinstance(points, np.ndarray) else np.array(points, dtype=object)
    geometry = geopandas.GeoSeries(points, crs=CRS)
    return geopandas.GeoDataFrame(columns, geometry=geometry, crs=CRS)
