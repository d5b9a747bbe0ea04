"""conflictgeo: news reports of armed conflict in, a geodatabase of events out.

>>> import conflictgeo as cg
>>> sorted(cg.__all__)[:3]
['BuildReport', 'ConflictGeoError', 'Document']
"""

from __future__ import annotations

from conflictgeo.errors import (
    ConflictGeoError,
    GazetteerError,
    InputError,
    OutputError,
)
from conflictgeo.geo.gazetteer import Gazetteer
from conflictgeo.model import Document, DocumentResult, Event, Mention, Place
from conflictgeo.pipeline import BuildReport, build, process

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "ConflictGeoError",
    "Document",
    "DocumentResult",
    "Event",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Mention",
    "OutputError",
    "Place",
    "__version__",
    "build",
    "process",
]
