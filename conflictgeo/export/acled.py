"""ACLED-compatible CSV: the events with exactly ACLED's columns, in ACLED's order.

``events_acled.csv`` has the 31 columns of an ACLED export (the codebook's
order, :data:`ACLED_COLUMNS`) and ACLED's value conventions, so that
``pd.concat([acled, ours])`` needs no mapping:

* ``event_id_cnty``: ACLED's ids are the country's ISO alpha-3 code and a
  number (``SYR12345``); ours are the alpha-3 code, ``-cg-`` and our
  ``event_id`` (``SYR-cg-1f2e3d4c5b6a7980``), so they never collide with
  ACLED's and still start with the country.
* ``event_date`` ISO ``YYYY-MM-DD`` (the date ACLED codes: the middle of a
  week or month for ``time_precision`` 2 or 3), ``year`` a number.
* ``inter1`` / ``inter2`` ACLED's actor type codes (1 State forces ... 8
  External/Other forces, 0 no such actor or not known) and ``interaction``
  the two-digit code, smaller first (:mod:`conflictgeo.taxonomy`). Newer
  ACLED exports write the words instead ("State forces", "State
  forces-Rebel group"): ``AcledWriter(words=True)`` does the same.
* ``civilian_targeting`` "Civilian targeting" or empty; ``iso`` the ISO 3166-1
  numeric code; ``region`` and ``country`` as ACLED names them
  (:mod:`conflictgeo.export.countries`); ``admin1`` / ``admin2`` division
  names; ``admin3`` empty (GeoNames has no third level for most countries).
* ``geo_precision`` 1-3: an event placed only at a country is 3, as ACLED
  codes a broad area.
* ``source`` the publication (else the reports' ids), ``source_scale`` empty
  (we do not know a source's scale), ``notes`` the one-paragraph narrative
  of the events layer, ``fatalities`` ACLED's figure.
* ``tags`` ``crowd size=no report`` for protests and riots (we do not read
  crowd sizes), else empty; ``timestamp`` the Unix time the report was read.

ACLED codes every event to a day and a place: events without a date or a
place (they stay in the other formats, with the reason) are left out of this
file, and the writer logs how many.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import ClassVar

import pandas as pd

from conflictgeo.export.base import Layers, Writer
from conflictgeo.export.countries import acled_country, acled_region, iso2_of, iso_numeric
from conflictgeo.taxonomy import INTER_CODES, KINDS

__all__ = ["ACLED_COLUMNS", "AcledWriter", "acled_frame"]

logger = logging.getLogger(__name__)

#: ACLED's export columns, in the codebook's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: The marker of our ids in ``event_id_cnty``.
ID_MARK = "-cg-"

_CROWD_TYPES = {"Protests", "Riots"}


def acled_frame(layers: Layers, *, words: bool = False) -> pd.DataFrame:
    """The rows of ``events_acled.csv``: the dated, placed events in ACLED's columns.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers of :func:`conflictgeo.layers.build_layers` (``events``; the
        ``documents`` layer gives ``timestamp``).
    words : bool, default False
        Write ``inter1`` / ``inter2`` / ``interaction`` as words, as newer
        ACLED exports do, rather than codes.
    """
    events = pd.DataFrame(layers["events"])
    keep = events["event_date"].notna() & events["latitude"].notna()
    if (~keep).any():
        logger.info(
            "ACLED output: %d event(s) without a date or a place left out", int((~keep).sum())
        )
    events = events[keep]
    read_at = _read_times(layers)
    rows = [_row(event, read_at, words) for event in events.to_dict("records")]
    frame = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
    ints = ["year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"]
    if not words:
        ints += ["inter1", "inter2", "interaction"]
    return frame.astype(dict.fromkeys(ints, "int64"))


class AcledWriter(Writer):
    """Write the ``events`` layer as an ACLED-compatible CSV (``events_acled.csv``)."""

    name: ClassVar[str] = "acled"
    extension: ClassVar[str] = ".csv"
    driver: ClassVar[str] = "CSV"
    stem_suffix: ClassVar[str] = "_acled"
    layer_names: ClassVar[tuple[str, ...] | None] = ("events",)

    def __init__(self, *, words: bool = False) -> None:
        self.words = words

    def _write(self, layers: Layers, path: Path, metadata: dict[str, str]) -> None:
        acled_frame(layers, words=self.words).to_csv(
            path, index=False, encoding="utf-8", lineterminator="\n"
        )

    def owns(self, path: Path) -> bool:
        """Ours when the header is ACLED's and the first id carries our mark."""
        with path.open(encoding="utf-8", errors="replace") as handle:
            header, first = handle.readline().strip(), handle.readline()
        return header == ",".join(ACLED_COLUMNS) and (not first or ID_MARK in first.split(",")[0])


def _row(event: dict[str, object], read_at: dict[str, int], words: bool) -> dict[str, object]:
    iso3 = _text(event.get("iso3"))
    iso2 = iso2_of(iso3)
    day = _day(event["event_date"])
    inter1, inter2 = _code(event.get("inter1")), _code(event.get("inter2"))
    pair = sorted(c for c in (inter1, inter2) if c)
    interaction = pair[0] * 10 + (pair[1] if len(pair) > 1 else 0) if pair else 0
    kind = KINDS.get(_text(event.get("kind")))
    source = _text(event.get("source")) or "; ".join(_text(event.get("sources")).split(";"))
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{ID_MARK}{event['event_id']}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": _code(event.get("time_precision")) or 1,
        "disorder_type": _text(event.get("disorder_type")),
        "event_type": _text(event.get("event_type")),
        "sub_event_type": _text(event.get("sub_event_type")),
        "actor1": _text(event.get("actor1")),
        "assoc_actor_1": _text(event.get("assoc_actor_1")),
        "inter1": _inter_words(inter1) if words else inter1,
        "actor2": _text(event.get("actor2")),
        "assoc_actor_2": _text(event.get("assoc_actor_2")),
        "inter2": _inter_words(inter2) if words else inter2,
        "interaction": _interaction_words(inter1, inter2) if words else interaction,
        "civilian_targeting": _text(event.get("civilian_targeting")),
        "iso": iso_numeric(iso2),
        "region": acled_region(iso2),
        "country": acled_country(iso2) or _text(event.get("country")),
        "admin1": _text(event.get("admin1")),
        "admin2": _text(event.get("admin2")),
        "admin3": "",
        "location": _text(event.get("location")),
        "latitude": round(float(event["latitude"]), 4),  # type: ignore[arg-type]
        "longitude": round(float(event["longitude"]), 4),  # type: ignore[arg-type]
        "geo_precision": _code(event.get("geo_precision")) or 3,
        "source": source,
        "source_scale": "",
        "notes": _text(event.get("notes")),
        "fatalities": _code(event.get("fatalities")),
        "tags": "crowd size=no report" if kind and kind.event_type in _CROWD_TYPES else "",
        "timestamp": read_at.get(_text(event.get("doc_id")), read_at.get("", 0)),
    }


def _read_times(layers: Layers) -> dict[str, int]:
    """Unix time each report was read (``documents.ingested_at``); ``""``: now."""
    out = {"": int(dt.datetime.now(dt.UTC).timestamp())}
    documents = layers.get("documents")
    if documents is None or not len(documents):
        return out
    for doc_id, stamp in zip(documents["id"], documents["ingested_at"], strict=True):
        try:
            when = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        except ValueError:
            continue
        out.setdefault(str(doc_id), int(when.timestamp()))
    return out


def _inter_words(code: int) -> str:
    return INTER_CODES.get(code, "")


def _interaction_words(inter1: int, inter2: int) -> str:
    """``"State forces-Rebel group"``, ``"Protesters only"``: as newer exports write it."""
    names = [INTER_CODES[c] for c in sorted(c for c in (inter1, inter2) if c)]
    if not names:
        return ""
    return f"{names[0]} only" if len(names) == 1 else "-".join(names)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _code(value: object) -> int:
    try:
        return 0 if pd.isna(value) else int(value)  # type: ignore[call-overload, arg-type]
    except (TypeError, ValueError):
        return 0


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
