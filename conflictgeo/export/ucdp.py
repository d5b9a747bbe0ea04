"""UCDP GED-style CSV: the violent events with the columns of UCDP's Georeferenced Event Dataset.

``events_ucdp.csv`` has GED's columns in GED's order (:data:`UCDP_COLUMNS`),
filled where a news report can tell them:

* ``id`` our ``event_id``; ``relid`` ``ISO3-YEAR-cg-event_id``; ``year``;
  ``code_status`` "Clear"; ``type_of_violence`` 1 state-based (a state actor
  on a side), 2 non-state, 3 one-sided (violence against civilians, or
  civilians as the target); conflict and dyad ids are empty (UCDP assigns
  them to its own conflicts).
* ``side_a`` / ``side_b`` the actors, a state side written "Government of
  COUNTRY" as GED does; ``number_of_sources`` the reports merged into the
  event, ``source_article`` / ``source_office`` / ``source_date`` /
  ``source_headline`` / ``source_original`` from the first report.
* ``where_prec`` 1-7 and ``date_prec`` 1-5 (UCDP's precisions),
  ``where_coordinates`` the place the point stands for ("Salma town",
  "Latakia province"), ``where_description`` the place as the report words
  it, ``adm_1`` / ``adm_2`` division names, ``geom_wkt``, ``priogrid_gid``
  (the 0.5-degree PRIO-GRID cell), ``country``, ``region`` (UCDP's five).
  ``country_id`` (a Gleditsch-Ward number) is empty: no installed table gives it.
* ``event_clarity`` 1 when day and place are known, else 2; ``date_start`` /
  ``date_end``; ``best`` / ``low`` / ``high`` deaths (``best`` the ACLED
  figure when the report gives no best estimate), all counted in
  ``deaths_civilians`` for one-sided violence and ``deaths_unknown`` otherwise
  (a report seldom splits them by side).

GED holds organised violence only: protests, riots and strategic
developments (and events with no date) are left out of this file.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import unicodedata
from pathlib import Path
from typing import ClassVar

import pandas as pd

from conflictgeo.export.base import Layers, Writer
from conflictgeo.export.countries import iso2_of, ucdp_region
from conflictgeo.taxonomy import KINDS

__all__ = ["UCDP_COLUMNS", "UcdpWriter", "priogrid_gid", "ucdp_frame"]

logger = logging.getLogger(__name__)

#: UCDP GED's columns, in the dataset's order.
UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)

# UCDP's own conflict, dyad and side ids: assigned to its conflicts, not ours to fill.
_UCDP_IDS = (
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_b_dset_id",
    "side_b_new_id",
)
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_ONE_SIDED_KINDS = {"excessive_force", "mob_violence"}


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell of a point: 0.5-degree cells numbered from (-180, -90)
    row by row, 720 to a row, starting at 1.

    >>> priogrid_gid(-89.9, -179.9), priogrid_gid(35.7, 36.1)
    (1, 181153)
    """
    row = min(math.floor((lat + 90) * 2), 359)
    col = min(math.floor((lon + 180) * 2), 719)
    return row * 720 + col + 1


def ucdp_frame(layers: Layers) -> pd.DataFrame:
    """The rows of ``events_ucdp.csv``: the dated events of organised violence."""
    events = pd.DataFrame(layers["events"])
    kinds = events["kind"].map(lambda k: KINDS[k].event_type if k in KINDS else "")
    keep = events["event_date"].notna() & (
        kinds.isin(_VIOLENT) | events["kind"].isin(_ONE_SIDED_KINDS)
    )
    if (~keep).any():
        logger.info("UCDP output: %d event(s) not of organised violence or undated left out",
                    int((~keep).sum()))  # fmt: skip
    places = _places(layers)
    documents = _documents(layers)
    rows = [_row(e, places, documents) for e in events[keep].to_dict("records")]
    frame = pd.DataFrame(rows, columns=list(UCDP_COLUMNS))
    ints = ["year", "type_of_violence", "number_of_sources", "where_prec", "event_clarity",
            "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
            "high", "low"]  # fmt: skip
    return frame.astype(dict.fromkeys(ints, "int64")).astype(
        {"priogrid_gid": "Int64", "country_id": "Int64", "active_year": "Int64"}
    )


class UcdpWriter(Writer):
    """Write the violent events as a UCDP GED-style CSV (``events_ucdp.csv``)."""

    name: ClassVar[str] = "ucdp"
    extension: ClassVar[str] = ".csv"
    driver: ClassVar[str] = "CSV"
    stem_suffix: ClassVar[str] = "_ucdp"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        ucdp_frame(layers).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")

    def owns(self, path: Path) -> bool:
        """Ours when the header is GED's and the first ``relid`` carries our mark."""
        with path.open(encoding="utf-8", errors="replace") as handle:
            header, first = handle.readline().strip(), handle.readline()
        return header == ",".join(UCDP_COLUMNS) and (not first or "-cg-" in first)


def _row(
    event: dict[str, object],
    places: dict[int, tuple[str, int, str]],
    documents: dict[str, dict[str, object]],
) -> dict[str, object]:
    start, end = _day(event["date_start"]) or _day(event["event_date"]), _day(event["date_end"])
    day = _day(event["event_date"]) or start
    assert day is not None
    iso3 = _text(event.get("iso3"))
    country = _text(event.get("country"))
    inter1, inter2 = _code(event.get("inter1")), _code(event.get("inter2"))
    kind = _text(event.get("kind"))
    if (
        KINDS[kind].event_type == "Violence against civilians"
        or kind in _ONE_SIDED_KINDS
        or inter2 == 7
        or _text(event.get("civilian_targeting"))
    ):
        violence = 3
    elif 1 in (inter1, inter2):
        violence = 1
    else:
        violence = 2
    fatalities = _code(event.get("fatalities"))
    best = _int_or(event.get("deaths_best"), fatalities)
    low = _int_or(event.get("deaths_low"), min(best, fatalities))
    high = _int_or(event.get("deaths_high"), best)
    lat, lon = event.get("latitude"), event.get("longitude")
    placed = lat is not None and not pd.isna(lat)  # type: ignore[call-overload]
    sources = [s for s in _text(event.get("sources")).split(";") if s]
    doc = documents.get(_text(event.get("doc_id")), {})
    geo = _code(event.get("geo_precision"))
    where_prec = _code(event.get("where_prec")) or 6
    return {
        "id": event["event_id"],
        "relid": f"{iso3 or 'XXX'}-{day.year}-cg-{event['event_id']}",
        "year": day.year,
        "active_year": None,
        "code_status": "Clear",
        "type_of_violence": violence,
        **dict.fromkeys(_UCDP_IDS, ""),
        "side_a": _side(_text(event.get("actor1")), inter1, country),
        "side_b": _side(_text(event.get("actor2")), inter2, country),
        "number_of_sources": len(sources) or 1,
        "source_article": _text(event.get("url")) or _text(event.get("doc_id")),
        "source_office": _text(event.get("source")),
        "source_date": _iso(event.get("published")),
        "source_headline": _text(doc.get("title")),
        "source_original": _text(event.get("source")),
        "where_prec": where_prec,
        "where_coordinates": _where_coordinates(event, places),
        "where_description": _text(event.get("location")),
        "adm_1": _text(event.get("admin1")),
        "adm_2": _text(event.get("admin2")),
        "latitude": round(float(lat), 4) if placed else None,  # type: ignore[arg-type]
        "longitude": round(float(lon), 4) if placed else None,  # type: ignore[arg-type]
        "geom_wkt": f"POINT ({float(lon):.4f} {float(lat):.4f})" if placed else "",  # type: ignore[arg-type]
        "priogrid_gid": priogrid_gid(float(lat), float(lon)) if placed else None,  # type: ignore[arg-type]
        "country": country,
        "country_id": None,
        "region": ucdp_region(iso2_of(iso3)),
        "event_clarity": 1 if _code(event.get("time_precision")) == 1 and geo == 1 else 2,
        "date_prec": _code(event.get("date_prec")) or 1,
        "date_start": _iso(start),
        "date_end": _iso(end or start),
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if violence == 3 else 0,
        "deaths_unknown": 0 if violence == 3 else best,
        "best": best,
        "high": max(high, best),
        "low": min(low, best),
    }


def _side(actor: str, inter: int, country: str) -> str:
    """GED names a state side by its government ("Government of Syria")."""
    if inter == 1 and country and "Police" not in actor:
        return f"Government of {country}"
    return actor


def _where_coordinates(event: dict[str, object], places: dict[int, tuple[str, int, str]]) -> str:
    """What the point stands for, in GED's words: "Salma town", "Idlib province"."""
    label, population, feature = places.get(
        _code(event.get("geonameid")), (_text(event.get("location")), 0, "")
    )
    label = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    label = label.replace("‘", "").replace("’", "'")
    if not label:
        return ""
    where_prec = _code(event.get("where_prec"))
    if where_prec == 6 or feature.startswith("PCL"):
        return label
    if feature == "ADM1" or (where_prec == 4 and not feature.startswith("P")):
        return f"{label} province"
    if feature == "ADM2" or (where_prec == 3 and not feature.startswith("P")):
        return f"{label} district"
    size = "city" if population >= 100_000 else "town" if population >= 10_000 else "village"
    return f"{label} {size}"


def _places(layers: Layers) -> dict[int, tuple[str, int, str]]:
    places = layers.get("places")
    if places is None or not len(places):
        return {}
    columns = zip(
        places["geonameid"], places["name"], places["population"], places["feature_code"],
        strict=True,
    )  # fmt: skip
    return {
        int(g): (str(n), 0 if pd.isna(p) else int(p), _text(f))
        for g, n, p, f in columns
        if not pd.isna(g)
    }


def _documents(layers: Layers) -> dict[str, dict[str, object]]:
    documents = layers.get("documents")
    if documents is None or not len(documents):
        return {}
    return {str(row["id"]): row for row in pd.DataFrame(documents).to_dict("records")}


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _code(value: object) -> int:
    try:
        return 0 if pd.isna(value) else int(value)  # type: ignore[call-overload, arg-type]
    except (TypeError, ValueError):
        return 0


def _int_or(value: object, default: int) -> int:
    try:
        return default if pd.isna(value) else int(value)  # type: ignore[call-overload, arg-type]
    except (TypeError, ValueError):
        return default


def _day(value: object) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _iso(value: object) -> str:
    day = _day(value)
    return day.isoformat() if day else ""
