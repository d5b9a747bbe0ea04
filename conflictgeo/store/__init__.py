"""Incremental builds: add new reports to a geodatabase that already holds some.

A store is where the layers live between builds: a GeoPackage
(:class:`GeoPackageStore`) or a PostGIS database
(:class:`conflictgeo.store.postgis.PostGISStore`). Both work the same way:

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

import os
from pathlib import Path

from conflictgeo.errors import OutputError
from conflictgeo.store.base import Store
from conflictgeo.store.geopackage import GeoPackageStore
from conflictgeo.store.merging import event_from_record, merge_layers

__all__ = [
    "GeoPackageStore",
    "Store",
    "event_from_record",
    "merge_layers",
    "open_store",
]


def open_store(
    outdir: str | os.PathLike[str] | None = None,
    *,
    into: str | os.PathLike[str] | None = None,
    db: str | None = None,
) -> Store:
    """The store a build adds to: ``--db`` URL, ``--into`` file, or ``OUTDIR/events.gpkg``."""
    if db is not None:
        from conflictgeo.store.postgis import PostGISStore  # SQLAlchemy: imported when asked for

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
