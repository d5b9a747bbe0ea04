"""conflictgeo: news reports of armed conflict in, a geodatabase of events out.

>>> import conflictgeo as cg
>>> sorted(cg.__all__)[:3]
['ArgumentTypeError', 'BuildOptions', 'BuildReport']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from conflictgeo._version import __version__
from conflictgeo.build import BuildOptions, BuildReport, build
from conflictgeo.errors import (
    ArgumentTypeError,
    ConflictGeoError,
    GazetteerError,
    InputError,
    NothingToBuild,
    OutputError,
)
from conflictgeo.merge import MergeRules
from conflictgeo.model import Document, DocumentResult, Event, Mention, Place

if TYPE_CHECKING:
    from conflictgeo.document import process
    from conflictgeo.gazetteer.index import Gazetteer

# The per-document stages compile their patterns on import: loaded when first used.
_LAZY = {"process": "conflictgeo.document", "Gazetteer": "conflictgeo.gazetteer.index"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'conflictgeo' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


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
