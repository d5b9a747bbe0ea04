"""conflictgeo: news reports of armed conflict in, a geodatabase of events out.

>>> import conflictgeo as cg
>>> sorted(cg.__all__)[:3]
['ArgumentTypeError', 'BuildOptions', 'BuildReport']
"""

from __future__ import annotations

from conflictgeo._version import __version__
from conflictgeo.build import BuildOptions, BuildReport, build
from conflictgeo.document import process
from conflictgeo.errors import (
    ArgumentTypeError,
    ConflictGeoError,
    GazetteerError,
    InputError,
    NothingToBuild,
    OutputError,
)
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.merge import MergeRules
from conflictgeo.model import Document, DocumentResult, Event, Mention, Place

__all__ = [
    "ArgumentTypeError",
    "BuildOptions",
    "BuildReport",
    "ConflictGeoError",
    "Document",
    "DocumentResult",
    "Event",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Mention",
    "MergeRules",
    "NothingToBuild",
    "OutputError",
    "Place",
    "__version__",
    "build",
    "process",
]
