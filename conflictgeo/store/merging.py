"""Stored layers and new reports, merged: the step between reading a store and
writing it back. :func:`event_from_record` turns a stored row into an
:class:`~conflictgeo.model.Event` again so that new reports merge into it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas
import pandas as pd

from conflictgeo.export.base import Layers
from conflictgeo.layers import LAYER_FIELDS, LAYER_NAMES, build_layers, events_frame, sort_events
from conflictgeo.merge import DEFAULT_RULES, MergeRules, merge_events
from conflictgeo.model import (
    _ISO3,
    Casualties,
    DateRange,
    DocumentResult,
    Event,
    Located,
    Place,
)

__all__ = ["event_from_record", "merge_layers"]

_ISO2 = {iso3: iso2 for iso2, iso3 in _ISO3.items()}


def merge_layers(
    stored: Layers | None,
    results: Sequence[DocumentResult],
    *,
    ingested_at: str | None = None,
    rules: MergeRules | None = DEFAULT_RULES,
) -> tuple[dict[str, geopandas.GeoDataFrame], int]:
    """The stored layers with ``results`` added; and how many new events were merged away.

    Stored events come first, in their stored order, and keep their ids; the
    new events are merged into them (and among themselves) by
    :func:`~conflictgeo.merge.merge_events`, and those that are new events are
    added after them in document order. ``places.event_count`` is counted
    again over all events; ``mention_count`` adds the new mentions.
    """
    stored_events = [event_from_record(row) for row in _records(stored["events"])] if stored else []
    doc_order = {r.document.id: i for i, r in enumerate(results)}
    new_events = sort_events((e for r in results for e in r.events), doc_order)
    merged = merge_events([*stored_events, *new_events], rules=rules)
    added = merged[len(stored_events) :]
    fresh = build_layers(results, added, ingested_at=ingested_at)
    layers = {"events": events_frame(merged)}
    for name in ("mentions", "documents"):
        layers[name] = _concat(stored[name] if stored else None, fresh[name], name)
    places = _concat(stored["places"] if stored else None, fresh["places"], "places")
    if len(places):
        mentions = places.groupby("geonameid", sort=False)["mention_count"].transform("sum")
        places = places.assign(mention_count=mentions).drop_duplicates("geonameid")
        counts = layers["events"]["geonameid"].value_counts()
        events_at = places["geonameid"].map(counts).fillna(0).astype("Int64")
        places = places.assign(event_count=events_at).reset_index(drop=True)
    layers["places"] = places
    merged_away = len(new_events) - len(added)
    return {name: layers[name] for name in LAYER_NAMES}, merged_away


def event_from_record(row: Mapping[str, Any]) -> Event:
    """The :class:`~conflictgeo.model.Event` of a stored ``events`` row.

    The inverse of :meth:`Event.record`: ``event_from_record(row).record()``
    gives ``row`` back, so a stored event can be merged with new reports and
    written again unchanged. What the row does not keep (the place's feature
    code, the date rule) is left empty; :meth:`Event.record` does not use it.
    """
    value = {k: _clean(v) for k, v in row.items()}
    day = _day(value.get("event_date"))
    date = None
    if day is not None:
        date = DateRange(
            start=_day(value.get("date_start")) or day,
            end=_day(value.get("date_end")) or day,
            event_date=day,
            time_precision=_int(value.get("time_precision")) or 0,
            date_prec=_int(value.get("date_prec")) or 0,
            text=value.get("date_text") or "",
        )
    place = None
    if value.get("geonameid") is not None:
        place = Place(
            geonameid=int(value["geonameid"]),
            name=value.get("location") or "",
            lat=float(value["latitude"]),
            lon=float(value["longitude"]),
            country_code=_ISO2.get(value.get("iso3") or "", ""),
            feature_class="",
            feature_code="",
            admin1_name=value.get("admin1") or "",
            country=value.get("country") or "",
            admin2_name=value.get("admin2") or "",
        )
    casualty_fields = ("deaths_low", "deaths_best", "deaths_high", "fatalities_text")
    casualties = None
    if any(value.get(k) is not None for k in casualty_fields) or (_int(value.get("fatalities"))):
        casualties = Casualties(
            low=_int(value.get("deaths_low")),
            best=_int(value.get("deaths_best")),
            high=_int(value.get("deaths_high")),
            fatalities=_int(value.get("fatalities")) or 0,
            text=value.get("fatalities_text") or "",
            rule=value.get("fatalities_rule") or "",
        )
    sources = tuple(s for s in (value.get("sources") or "").split(";") if s)
    return Event(
        event_id=value["event_id"],
        kind=value.get("kind") or "",
        event_type=value.get("event_type") or "",
        sub_event_type=value.get("sub_event_type") or "",
        date=date,
        actor1=value.get("actor1"),
        actor2=value.get("actor2"),
        where=Located(
            place=place,
            location=value.get("location") or "",
            geo_precision=_int(value.get("geo_precision")),
            where_prec=_int(value.get("where_prec")) or 0,
            reason=value.get("location_reason") or "",
        ),
        casualties=casualties,
        displaced=_int(value.get("displaced")),
        displaced_text=value.get("displaced_text"),
        notes=value.get("extractor_trace") or "",  # "notes" is the narrative made from the row
        doc_id=value.get("doc_id") or "",
        evidence=value.get("evidence") or "",
        char_start=_int(value.get("char_start")) or 0,
        char_end=_int(value.get("char_end")) or 0,
        confidence=float(value.get("confidence") or 0.0),
        source=value.get("source"),
        url=value.get("url"),
        published=_day(value.get("published")),
        extractor_version=value.get("extractor_version") or "",
        sources=sources,
        merged_because=tuple(
            line for line in (value.get("merged_because") or "").split(" | ") if line
        ),
        assoc_actor_1=value.get("assoc_actor_1"),
        assoc_actor_2=value.get("assoc_actor_2"),
        inter1=_int(value.get("inter1")),
        inter2=_int(value.get("inter2")),
        displaced_unit=value.get("displaced_unit"),
    )


# -- helpers ------------------------------------------------------------------------------------


def _concat(
    stored: geopandas.GeoDataFrame | None, fresh: geopandas.GeoDataFrame, name: str
) -> geopandas.GeoDataFrame:
    if stored is None or len(stored) == 0:
        return fresh
    columns = list(LAYER_FIELDS[name])
    old = stored[[*columns, stored.geometry.name]] if _geo(stored) else stored[columns]
    old = _like(old, fresh)
    frame = pd.concat([old, fresh], ignore_index=True) if len(fresh) else old
    return geopandas.GeoDataFrame(frame, geometry=fresh.geometry.name, crs=fresh.crs)


def _like(old: pd.DataFrame, fresh: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``old`` (as read back) with the columns, types and geometry of ``fresh``."""
    data: dict[str, Any] = {}
    for column in fresh.columns:
        if column == fresh.geometry.name:
            continue
        values = old[column] if column in old else pd.Series([None] * len(old))
        if fresh[column].dtype == object:  # dates
            data[column] = pd.Series([_day(v) for v in values], dtype=object)
        elif str(fresh[column].dtype) == "Int64":
            data[column] = pd.Series([_int(v) for v in values], dtype="Int64")
        else:
            data[column] = pd.Series([_clean(v) for v in values]).astype(fresh[column].dtype)
    geometry = old.geometry.values if _geo(old) else [None] * len(old)
    frame = geopandas.GeoDataFrame(data, geometry=geopandas.GeoSeries(geometry).values)
    frame = frame.set_crs(fresh.crs, allow_override=True)
    if fresh.geometry.name != frame.geometry.name:
        frame = frame.rename_geometry(fresh.geometry.name)
    return frame


def _geo(frame: pd.DataFrame) -> bool:
    try:
        return isinstance(frame, geopandas.GeoDataFrame) and frame.geometry is not None
    except AttributeError:
        return False


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", None)]
    return frame[columns].to_dict("records")


def _clean(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def _int(value: Any) -> int | None:
    value = _clean(value)
    return None if value is None else int(value)


def _day(value: Any) -> dt.date | None:
    value = _clean(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()
