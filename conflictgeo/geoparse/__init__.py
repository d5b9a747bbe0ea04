"""Geoparsing: the place names of a report, recognised and resolved.

:mod:`~conflictgeo.geoparse.recognize` finds the toponyms and their candidate
places (with :mod:`~conflictgeo.geoparse.lexicon`, the words that are not
places); :mod:`~conflictgeo.geoparse.resolve` picks each one's place from the
document's context; :mod:`~conflictgeo.geoparse.parser` runs the two;
:mod:`~conflictgeo.geoparse.distance` measures kilometres for every stage.
"""

from __future__ import annotations

from conflictgeo.geoparse.parser import BBox, geoparse, resolve_spans

__all__ = ["BBox", "geoparse", "resolve_spans"]
