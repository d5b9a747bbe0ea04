"""The dataset metadata written with the layers: which release built them, when,
from which gazetteer (GeoPackage ``gpkg_metadata``, Parquet schema metadata,
the PostGIS ``conflictgeo_metadata`` table)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from conflictgeo._version import __version__

__all__ = ["dataset_metadata"]


def dataset_metadata(
    gazetteer_info: Mapping[str, Any] | None, *, built_at: str | None = None
) -> dict[str, str]:
    """The dataset metadata written with the layers (GeoPackage ``gpkg_metadata``).

    ``conflictgeo_version``, ``built_at`` (UTC, ISO 8601) and ``gazetteer``: a
    JSON list of the gazetteer's sources with their row counts, load times and
    checksums (from :meth:`conflictgeo.gazetteer.Gazetteer.info`).
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
