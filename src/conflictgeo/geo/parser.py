"""The geoparser: recognition then resolution, one document at a time."""

from __future__ import annotations

from conflictgeo.geo.gazetteer import Gazetteer
from conflictgeo.geo.recognize import recognize
from conflictgeo.geo.resolve import resolve
from conflictgeo.model import Document, Mention


def geoparse(doc: Document, gazetteer: Gazetteer, *, country: str | None = None) -> list[Mention]:
    """Every toponym in ``doc``, resolved where the gazetteer allows, in text order."""
    return resolve(recognize(doc, gazetteer), gazetteer, country=country)
