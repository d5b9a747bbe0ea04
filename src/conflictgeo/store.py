"""Incremental builds: add new reports to a geodatabase that already holds some.

A store is where the layers live between builds: a GeoPackage
(:class:`GeoPackageStore`) or a PostGIS database
(:class:`conflictgeo.export.postgis.PostGISStore`). Both work the same way:

1. :meth:`Store.open` takes the store's write lock and reads what it holds;
2. the build skips every report whose content hash is already stored
   (:meth:`Store.content_hashes`);
3. :func:`merge_layers` merges the new reports into the stored layers: new
   events that duplicate stored ones are folded into them by
   :func:`conflictgeo.merge.merge_events` (the stored row keeps its id and
   gains the new report in ``sources``), places are counted again, mentions and
   documents are added;
4. :meth:`Store.write` replaces the stored layers with the merged ones in one
   step (a GeoPackage is written to a temporary file and renamed over the old
   one; PostGIS writes in one transaction), so a crash or Ctrl-C leaves the
   previous database as it was.

Building the same input twice changes nothing: every report is skipped and
nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd
import pyogrio
import pyogrio.errors

from conflictgeo import __version__
from conflictgeo.errors import OutputError
from conflictgeo.export import Layers  # importing export also sets GDAL up for reading outputs
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

__all__ = [
    "GeoPackageStore",
    "Store",
    "dataset_metadata",
    "event_from_record",
    "merge_layers",
    "open_store",
]

logger = logging.getLogger(__name__)

_ISO2 = {iso3: iso2 for iso2, iso3 in _ISO3.items()}

#: Seconds to wait for another program's write lock on a GeoPackage.
LOCK_TIMEOUT = 5.0


class Store:
    """Base class of the stores: a place that holds the four layers between builds.

    Subclasses implement :meth:`open`, :meth:`write` and :meth:`close`.
    """

    #: Where the store is, for messages (a path or a URL without password).
    location: str = ""
    #: The stored layers, read by :meth:`open`; ``None`` for a new store.
    layers: dict[str, geopandas.GeoDataFrame] | None = None

    def open(self) -> Store:
        """Lock the store against other writers and read its layers."""
        raise NotImplementedError

    def write(self, layers: Layers, *, metadata: Mapping[str, str]) -> str:
        """Replace the stored layers with ``layers`` in one step; returns :attr:`location`."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the lock."""

    def content_hashes(self) -> set[str]:
        """Content hashes of the reports already stored."""
        if not self.layers:
            return set()
        hashes = self.layers["documents"]["content_hash"]
        return {str(h) for h in hashes if isinstance(h, str) and h}

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a build that dies still lets go of the lock
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()


class GeoPackageStore(Store):
    """The layers in one GeoPackage, as :class:`~conflictgeo.export.GeoPackageWriter` writes it.

    :meth:`open` holds an SQLite write lock (``BEGIN IMMEDIATE``) on the
    existing file until :meth:`close`, so two builds cannot add to the same
    file at once and a program editing it (QGIS) makes the build stop with a
    message instead of losing either side's rows. Readers are not blocked.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock: sqlite3.Connection | None = None

    def open(self) -> GeoPackageStore:
        if not self.path.exists():
            self.layers = None
            return self
        if not self.path.is_file():
            raise OutputError(f"cannot use {self.path}: it is not a file; choose another path")
        if self._lock is None:
            self._take_lock()
        # A build killed mid-write (SIGKILL, power loss) leaves its temporary file;
        # with the lock held no other build is writing one, so they can go.
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp.gpkg*"):  # and -journal
            logger.info("removing %s, left by an interrupted build", leftover)
            leftover.unlink(missing_ok=True)
        self.layers = self._read()
        return self

    def write(self, layers: Layers, *, metadata: Mapping[str, str]) -> str:
        from conflictgeo.export import GeoPackageWriter

        try:
            GeoPackageWriter().write(layers, self.path, metadata=metadata)
        finally:
            self.close()
        return self.location

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _take_lock(self) -> None:
        try:
            self._lock = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            self._lock.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            self.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise OutputError(
                    f"cannot add to {self.path}: the database is locked by another program "
                    f"(a build still running, or QGIS editing it) and stayed locked for "
                    f"{LOCK_TIMEOUT:g} s; close it or wait, then run the build again"
                ) from exc
            raise _not_ours(self.path, "it is not an SQLite/GeoPackage file") from exc
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot open {self.path}: {exc.strerror or exc}") from exc

    def _read(self) -> dict[str, geopandas.GeoDataFrame]:
        try:
            listed = {name for name, _ in pyogrio.list_layers(self.path)}
        except pyogrio.errors.DataSourceError as exc:
            raise _not_ours(self.path, "GDAL cannot open it as a GeoPackage") from exc
        missing = [name for name in LAYER_NAMES if name not in listed]
        if missing:
            raise _not_ours(self.path, f"it has no {', '.join(missing)} layer")
        layers = {}
        for name in LAYER_NAMES:
            frame = pyogrio.read_dataframe(self.path, layer=name, use_arrow=True)
            absent = [c for c in LAYER_FIELDS[name] if c not in frame.columns]
            if absent:
                raise _not_ours(self.path, f"its {name} layer has no {', '.join(absent)} field")
            layers[name] = frame
        logger.info("read %s: %s", self.path, ", ".join(f"{n}={len(f)}" for n, f in layers.items()))
        return layers


def open_store(
    outdir: str | os.PathLike[str] | None = None,
    *,
    into: str | os.PathLike[str] | None = None,
    db: str | None = None,
) -> Store:
    """The store a build adds to: ``--db`` URL, ``--into`` file, or ``OUTDIR/events.gpkg``."""
    if db is not None:
        from conflictgeo.export.postgis import PostGISStore

        return PostGISStore(db)
    if into is not None:
        path = Path(into)
        if path.suffix.lower() != ".gpkg":
            raise OutputError(
                f"cannot add to {path}: only a GeoPackage (.gpkg) holds every layer and the "
                "report hashes an incremental build needs; use --into FILE.gpkg"
            )
        return GeoPackageStore(path)
    if outdir is None:
        raise OutputError("nowhere to build: give -o OUTDIR, --into FILE.gpkg or --db URL")
    return GeoPackageStore(Path(outdir) / "events.gpkg")


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
            admin2=value.get("admin2") or "",
            country=value.get("country") or "",
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
        notes=value.get("notes") or "",
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
    )


def dataset_metadata(
    gazetteer_info: Mapping[str, Any] | None, *, built_at: str | None = None
) -> dict[str, str]:
    """The dataset metadata written with the layers (GeoPackage ``gpkg_metadata``).

    ``conflictgeo_version``, ``built_at`` (UTC, ISO 8601) and ``gazetteer``: a
    JSON list of the gazetteer's sources with their row counts, load times and
    checksums (from :meth:`conflictgeo.geo.gazetteer.Gazetteer.info`).
    """
    built_at = built_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    metadata = {"conflictgeo_version": __version__, "built_at": built_at}
    if gazetteer_info is not None:
        sources = [
            {k: s.get(k) for k in ("name", "rows", "loaded_at", "checksum")}
            for s in gazetteer_info.get("sources", [])
        ]
        metadata["gazetteer_version"] = str(gazetteer_info.get("version", ""))
        metadata["gazetteer_places"] = str(gazetteer_info.get("places", ""))
        metadata["gazetteer_sources"] = json.dumps(sources, ensure_ascii=False, default=str)
    return metadata


# -- helpers ---------------------------------------------------------------------------------


def _not_ours(path: Path, why: str) -> OutputError:
    return OutputError(
        f"{path} exists but is not a conflictgeo geodatabase ({why}); nothing was changed. "
        "Choose another output, or move that file away if it may be replaced"
    )


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
