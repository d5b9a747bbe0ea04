"""The geoparser: recognition then resolution, one document at a time."""

from __future__ import annotations

from collections.abc import Sequence

from conflictgeo.geo.gazetteer import Gazetteer
from conflictgeo.geo.names import name_key
from conflictgeo.geo.recognize import Toponym, demonym_keys, recognize
from conflictgeo.geo.resolve import resolve
from conflictgeo.model import Document, Mention


def geoparse(doc: Document, gazetteer: Gazetteer, *, country: str | None = None) -> list[Mention]:
    """Every toponym in ``doc``, resolved where the gazetteer allows, in text order."""
    return resolve(recognize(doc, gazetteer), gazetteer, country=country)


def resolve_spans(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
) -> list[Mention | None]:
    """Resolve given spans (gold toponyms, say) with the whole document as context.

    Returns one entry per span, in order: the mention, or None when no place
    fits. Spans the recogniser also found keep its cues and role; others are
    looked up as names (or demonyms) and resolved alongside them.
    """
    found = recognize(doc, gazetteer)
    by_span = {(t.start, t.end): t for t in found}
    wanted: list[Toponym] = []
    extra: list[Toponym] = []
    for start, end in spans:
        t = by_span.get((start, end))
        if t is None:
            text = doc.text[start:end]
            key = name_key(text)
            table = gazetteer.lookup([key, *demonym_keys(text)])
            cands = table.get(key) or next(
                (table[k] for k in demonym_keys(text) if table.get(k)), ()
            )
            t = Toponym(start, end, text, key, candidates=cands)
            extra.append(t)
        if t.role in ("dateline", "context", "associative"):
            t.role = "location"  # the caller says it is a place; resolve it as one
        wanted.append(t)
    mentions = resolve(found + extra, gazetteer, country=country, keep_weak=True)
    by_pos = {(m.start, m.end): m for m in mentions}
    return [by_pos.get((t.start, t.end)) for t in wanted]
