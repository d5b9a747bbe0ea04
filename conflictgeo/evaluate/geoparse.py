"""Geoparsing evaluation against gold-annotated corpora.

Three runs are scored on every gold toponym that has coordinates:

``gold_spans``
    :func:`~conflictgeo.geoparse.parser.resolve_spans` given the gold spans (the
    geocoder alone); an unresolved span has an infinite error.
``end_to_end``
    :func:`~conflictgeo.geoparse.parser.geoparse` (recogniser and geocoder); the
    prediction for a gold toponym is the resolved mention overlapping it most;
    none is a miss, an infinite error.
``population_baseline``
    the most populous gazetteer candidate of the gold span's name key (ties to
    the lowest GeoNames id); no candidate is an infinite error.

Errors are great-circle distances in km (geopy). The figures of a run
(:class:`Scores`) are those of Gritta et al. 2018, "What's missing in
geographical parsing?": accuracy within 161 km, median and mean error, and the
AUC of the log-error curve (see :func:`auc`). End to end, recognition is also
scored on spans (:class:`Recognition`).

Gold files (:func:`read_gold`): GeoWebNews XML, LGL XML, or JSONL with
``{"id", "text", "gold": [{"start", "end", "lat", "lon", "type"?}]}``.
Offsets index the raw text. Documents are made from it as the readers make
one of a JSONL record's text (cleaned, headline and dateline found), and gold
spans and mentions cross between the two texts by the document's offset map,
as ``conflictgeo geoparse`` reports them.
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.distance import great_circle
from rich.table import Table
from rich.text import Text

from conflictgeo.document import input_mentions
from conflictgeo.errors import InputError, OutputError
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.gazetteer.names import name_key
from conflictgeo.geoparse.parser import geoparse, resolve_spans
from conflictgeo.geoparse.recognize import span_candidates
from conflictgeo.geoparse.resolve import VARIANT_MIN_SIMILARITY
from conflictgeo.model import Document, Mention, Place
from conflictgeo.text import prepare

__all__ = [
    "CAP_KM",
    "GOLD_READERS",
    "RUNS",
    "WITHIN_KM",
    "Evaluation",
    "GoldDocument",
    "GoldToponym",
    "Recognition",
    "Scores",
    "ToponymResult",
    "accuracy_within",
    "auc",
    "distance_km",
    "evaluate_geoparse",
    "gazetteer_candidates",
    "log_error",
    "mean_error",
    "median_error",
    "population_baseline",
    "read_gold",
    "read_gwn",
    "read_jsonl",
    "read_lgl",
    "render",
    "score",
    "write_errors",
]

WITHIN_KM = 161.0
"""The accuracy threshold: 161 km, 100 miles."""
CAP_KM = 20039.0
"""Half the Earth's circumference: the largest error, and what a miss counts as in the AUC."""
RUNS = ("gold_spans", "end_to_end", "population_baseline", "ceiling")
"""The runs scored, in display order."""
RUN_TITLES = {
    "gold_spans": "gold spans",
    "end_to_end": "end to end",
    "population_baseline": "population baseline",
    "ceiling": "ceiling: best candidate",
}

# ------------------------------------------------------------------ gold data


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym with coordinates.

    ``text`` is the document text at ``start:end``; ``name`` is the name the
    annotation states (GWN ``extractedName``, LGL ``phrase``), which differs
    from ``text`` only where the corpus has an offset error. ``type`` is the
    GWN toponym type, the LGL feature code, or the JSONL ``type`` ("" if none).
    """

    start: int
    end: int
    text: str
    lat: float
    lon: float
    type: str = ""
    name: str = ""
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A gold document: its raw text and gold toponyms, in file order.

    ``skipped`` says which gold toponyms with coordinates could not be used
    (a span outside the text) so a report can name them.
    """

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    skipped: tuple[str, ...] = ()  # gold toponyms with coordinates left out, and why

    def document(self) -> Document:
        """The :class:`~conflictgeo.model.Document` to geoparse, made as a reader
        makes one of a JSONL record's text (cleaned, headline and dateline
        found), with the map back to :attr:`text`, which gold offsets index."""
        prepared = prepare(self.text)
        digest = hashlib.sha256(prepared.text.encode("utf-8", "replace")).hexdigest()[:16]
        return Document(
            id=self.id,
            text=prepared.text,
            title=prepared.title,
            content_hash=digest,
            title_end=prepared.title_end,
            dateline=prepared.dateline,
            dateline_span=prepared.dateline_span,
            offsets=prepared.offsets,
        )


def read_gold(
    path: str | Path, *, fmt: str | None = None, limit: int | None = None
) -> list[GoldDocument]:
    """Read a gold file, choosing the reader by extension and content.

    ``.jsonl``/``.ndjson``/``.json`` and files starting with ``{`` are JSONL;
    XML files are LGL when their toponyms carry ``<gaztag>``/``<phrase>``,
    GeoWebNews otherwise.

    Parameters
    ----------
    path
        The gold file.
    fmt
        Force a reader of :data:`GOLD_READERS` (``gwn``, ``lgl``, ``jsonl``).
    limit
        Keep only the first ``limit`` documents.

    Returns
    -------
    list of GoldDocument
        Every document, in file order, including those without gold toponyms
        (their predictions still count in recognition precision).

    Raises
    ------
    InputError
        The file is missing, not in a known format, malformed, or holds no
        toponym with coordinates.
    """
    path = Path(path)
    if fmt is not None:
        if fmt not in GOLD_READERS:
            raise InputError(
                f"unknown gold format {fmt!r}; choose one of {', '.join(GOLD_READERS)}",
                source=str(path),
            )
        docs = GOLD_READERS[fmt](path)
    else:
        fmt, root = _sniff(path)
        if root is None:
            docs = read_jsonl(path)
        else:
            docs = (_lgl_documents if fmt == "lgl" else _gwn_documents)(root, path)
    if limit is not None:
        docs = docs[: max(limit, 0)]
    if not any(d.toponyms for d in docs):
        raise InputError(
            f"no gold toponym with coordinates in this {fmt} file; give a GeoWebNews or LGL"
            " XML file, or JSONL with gold lat/lon",
            source=str(path),
        )
    return docs


def read_gwn(path: str | Path) -> list[GoldDocument]:
    """Read GeoWebNews XML (Gritta et al. 2019).

    ``<article file=..><text>`` then ``<toponyms><toponym>`` with ``<start>``,
    ``<end>``, ``<extractedName>``, ``<type>`` and, where resolvable,
    ``<latitude>``/``<longitude>`` and ``<geonamesID>``. Toponyms without
    coordinates (demonyms, non-toponyms, homonyms, ...) are skipped; those
    with coordinates but a span outside the text (a few negative offsets in
    the published file) are listed in :attr:`GoldDocument.skipped`.
    """
    path = Path(path)
    return _gwn_documents(_xml_root(path), path)


def read_lgl(path: str | Path) -> list[GoldDocument]:
    """Read Local-Global Lexicon XML (Lieberman et al. 2010).

    ``<article docid=..><text>`` then ``<toponym>`` with ``<start>``, ``<end>``,
    ``<phrase>`` and ``<gaztag geonameid=..>`` holding ``<fcode>``, ``<lat>``
    and ``<lon>``. Toponyms without a gaztag (streets, mostly) are skipped;
    spans outside the text are listed in :attr:`GoldDocument.skipped`.
    """
    path = Path(path)
    return _lgl_documents(_xml_root(path), path)


# What one gold toponym element gives: (lat, lon, name, type, geonameid) as text.
_Fields = tuple[str | None, str | None, str, str, str | None]


def _gwn_fields(top: ET.Element) -> _Fields:
    return (
        top.findtext("latitude"),
        top.findtext("longitude"),
        top.findtext("extractedName") or "",
        top.findtext("type") or "",
        top.findtext("geonamesID"),
    )


def _lgl_fields(top: ET.Element) -> _Fields | None:
    tag = top.find("gaztag")
    if tag is None:
        return None
    return (
        tag.findtext("lat"),
        tag.findtext("lon"),
        top.findtext("phrase") or "",
        tag.findtext("fcode") or "",
        tag.get("geonameid"),
    )


def _gwn_documents(root: ET.Element, path: Path) -> list[GoldDocument]:
    return _xml_documents(root, path, "file", _gwn_fields)


def _lgl_documents(root: ET.Element, path: Path) -> list[GoldDocument]:
    return _xml_documents(root, path, "docid", _lgl_fields)


def _xml_documents(
    root: ET.Element, path: Path, id_attr: str, fields: Callable[[ET.Element], _Fields | None]
) -> list[GoldDocument]:
    """Articles of an XML gold corpus; ``fields`` knows where its format keeps each value."""
    docs = []
    for i, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        doc_id = article.get(id_attr) or str(i)
        toponyms: list[GoldToponym] = []
        skipped: list[str] = []
        for top in article.iter("toponym"):
            found = fields(top)
            if found is None:
                continue
            lat, lon, name, kind, geonameid = found
            coords = _coords(lat, lon, path, doc_id)
            if coords is None:
                continue
            name = name.strip()
            try:
                start, end = _span(top.findtext("start"), top.findtext("end"), text, path, doc_id)
            except _BadSpan as bad:
                skipped.append(f"{bad} ({name!r})")
                continue
            toponyms.append(
                GoldToponym(
                    start,
                    end,
                    text[start:end],
                    *coords,
                    type=kind.strip(),
                    name=name,
                    geonameid=_int_or_none(geonameid),
                )
            )
        docs.append(GoldDocument(doc_id, text, tuple(toponyms), tuple(skipped)))
    return docs


def read_jsonl(path: str | Path) -> list[GoldDocument]:
    """Read JSONL gold: one ``{"id", "text", "gold": [...]}`` object a line.

    Each gold item has ``start``, ``end``, ``lat``, ``lon`` and optionally
    ``type``, ``name`` and ``geonameid``; items with a null ``lat`` or ``lon``
    are skipped, spans outside the text listed in :attr:`GoldDocument.skipped`.
    A missing ``id`` becomes the line number. Blank lines are ignored.
    """
    path = Path(path)
    docs = []
    try:
        with path.open(encoding="utf-8-sig") as lines:
            for n, line in enumerate(lines, 1):
                if line.strip():
                    docs.append(_jsonl_document(line, path, n))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=str(path)) from error
    except UnicodeDecodeError as error:
        raise InputError("not UTF-8 text; give a UTF-8 JSONL file", source=str(path)) from error
    return docs


GOLD_READERS: dict[str, Callable[[Path], list[GoldDocument]]] = {
    "gwn": read_gwn,
    "lgl": read_lgl,
    "jsonl": read_jsonl,
}
"""Gold readers by format name."""


def _sniff(path: Path) -> tuple[str, ET.Element | None]:
    """The gold format of ``path`` (``gwn``, ``lgl`` or ``jsonl``) and, for XML, its root."""
    if path.is_dir():
        raise InputError("is a directory; give one gold file", source=str(path))
    if not path.exists():
        raise InputError("no such file; give a gold XML or JSONL file", source=str(path))
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return "jsonl", None
    try:
        with path.open("rb") as f:
            head = f.read(1 << 16)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=str(path)) from error
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        return "jsonl", None
    if not start.startswith(b"<"):
        raise InputError(
            "not a gold file; give GeoWebNews or LGL XML, or JSONL"
            ' ({"id", "text", "gold": [{"start", "end", "lat", "lon"}]})',
            source=str(path),
        )
    root = _xml_root(path)
    for top in root.iter("toponym"):
        if top.find("gaztag") is not None or top.find("phrase") is not None:
            return "lgl", root
        if top.find("extractedName") is not None or top.find("latitude") is not None:
            return "gwn", root
    return "gwn", root


def _xml_root(path: Path) -> ET.Element:
    """The parsed root element of ``path``."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        line, col = error.position
        raise InputError(
            f"not well-formed XML at line {line}, column {col + 1}; fix the file or give"
            " GeoWebNews/LGL XML or JSONL",
            source=str(path),
        ) from error
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=str(path)) from error
    return root


def _coords(
    lat: str | float | None, lon: str | float | None, path: Path, doc_id: str
) -> tuple[float, float] | None:
    """Latitude and longitude as floats, None when either is absent."""
    if lat is None or lon is None or (isinstance(lat, str) and not lat.strip()):
        return None
    if isinstance(lon, str) and not lon.strip():
        return None
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError) as error:
        raise InputError(
            f"document {doc_id}: coordinates {lat!r}, {lon!r} are not numbers", source=str(path)
        ) from error
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise InputError(
            f"document {doc_id}: coordinates {la}, {lo} out of range; give lat in [-90, 90]"
            " and lon in [-180, 180]",
            source=str(path),
        )
    return la, lo


def _span(
    start: str | int | None, end: str | int | None, text: str, path: Path, doc_id: str
) -> tuple[int, int]:
    """Validated ``(start, end)`` character offsets into ``text``.

    Raises InputError when they are not integers, :class:`_BadSpan` when they
    fall outside the text (GeoWebNews has a few negative offsets).
    """
    try:
        s, e = int(str(start).strip()), int(str(end).strip())
    except ValueError as error:
        raise InputError(
            f"document {doc_id}: span {start!r}-{end!r} is not a pair of integers",
            source=str(path),
        ) from error
    if not 0 <= s < e <= len(text):
        raise _BadSpan(f"document {doc_id}: span {s}-{e} is outside its text ({len(text)} chars)")
    return s, e


class _BadSpan(Exception):
    """A gold span that does not fit its text: skipped and reported, not fatal."""


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None


def _jsonl_document(line: str, path: Path, n: int) -> GoldDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON ({error.msg})", source=str(path), line=n) from error
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError('expected an object with a "text" string', source=str(path), line=n)
    gold = obj.get("gold", [])
    if not isinstance(gold, list):
        raise InputError('"gold" must be a list of spans', source=str(path), line=n)
    text = obj["text"]
    doc_id = str(obj.get("id") or n)
    toponyms: list[GoldToponym] = []
    skipped: list[str] = []
    for item in gold:
        if not isinstance(item, dict) or "start" not in item or "end" not in item:
            raise InputError(
                'each "gold" item needs "start", "end", "lat", "lon"', source=str(path), line=n
            )
        try:
            coords = _coords(item.get("lat"), item.get("lon"), path, doc_id)
            if coords is None:
                continue
            start, end = _span(item["start"], item["end"], text, path, doc_id)
        except _BadSpan as bad:
            skipped.append(f"line {n}: {bad}")
            continue
        except InputError as error:
            raise InputError(error.reason, source=str(path), line=n) from error
        toponyms.append(
            GoldToponym(
                start,
                end,
                text[start:end],
                *coords,
                type=str(item.get("type") or ""),
                name=str(item.get("name") or ""),
                geonameid=_int_or_none(item.get("geonameid")),
            )
        )
    return GoldDocument(doc_id, text, tuple(toponyms), tuple(skipped))


# ------------------------------------------------------------------ metrics


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (lat, lon) points.

    >>> round(distance_km(33.51, 36.29, 36.20, 37.16))  # Damascus to Aleppo
    309
    """
    return float(great_circle((lat1, lon1), (lat2, lon2)).km)


def log_error(km: float) -> float:
    """An error on the AUC's scale: ``log(1 + min(km, CAP_KM)) / log(CAP_KM)``, at most 1.

    Infinite errors (misses) count as ``CAP_KM``. The clip to 1 only matters
    for errors above ``CAP_KM - 1`` km (``log(20040) / log(20039)`` exceeds 1 by
    5e-6); no distance on Earth reaches that, so it only touches misses.

    >>> log_error(0.0), log_error(math.inf)
    (0.0, 1.0)
    >>> round(log_error(161.0), 3)
    0.514
    """
    return min(1.0, math.log1p(min(km, CAP_KM)) / math.log(CAP_KM))


def auc(errors: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, Gritta et al. 2018; 0 best, 1 worst.

    The errors, mapped by :func:`log_error` and sorted ascending, are the
    heights ``y_0 .. y_{n-1}`` of a curve over ``x = i / (n - 1)`` in [0, 1];
    the AUC is its trapezoid area, ``(sum(y) - (y_0 + y_{n-1}) / 2) / (n - 1)``
    (their ``np.trapz(y) / (log(20039) * (n - 1))``, with misses at 20,039 km).
    It differs from the mean of ``y`` by at most ``1 / (2 (n - 1))``. With one
    error it is that error's ``y``; with none, NaN.

    >>> auc([0.0, 0.0]), auc([math.inf, math.inf])
    (0.0, 1.0)
    >>> auc([0.0, math.inf])  # a straight line from 0 to 1
    0.5
    """
    ys = sorted(log_error(e) for e in errors)
    if not ys:
        return math.nan
    if len(ys) == 1:
        return ys[0]
    return (math.fsum(ys) - (ys[0] + ys[-1]) / 2) / (len(ys) - 1)


def accuracy_within(errors: Sequence[float], km: float = WITHIN_KM) -> float:
    """Share of errors of at most ``km`` (infinite errors count as wrong); NaN if none.

    >>> accuracy_within([0.0, 160.9, 161.0, 161.1, math.inf])
    0.6
    """
    if not errors:
        return math.nan
    return sum(e <= km for e in errors) / len(errors)


def median_error(errors: Sequence[float]) -> float:
    """Median error in km, infinite errors included (so it is infinite when most are misses).

    >>> median_error([1.0, 3.0, math.inf])
    3.0
    """
    return statistics.median(errors) if errors else math.nan


def mean_error(errors: Sequence[float]) -> float:
    """Mean of the finite errors in km (misses are counted apart); NaN if all are misses.

    >>> mean_error([1.0, 3.0, math.inf])
    2.0
    """
    finite = [e for e in errors if math.isfinite(e)]
    return math.fsum(finite) / len(finite) if finite else math.nan


@dataclass(frozen=True, slots=True)
class Scores:
    """The figures of one run over ``n`` gold toponyms.

    ``unresolved`` counts infinite errors (no place given); ``mean_km`` leaves
    them out, ``median_km``, ``accuracy`` and ``auc`` count them as wrong.
    """

    n: int
    accuracy: float  # share within WITHIN_KM
    median_km: float
    mean_km: float
    unresolved: int
    auc: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures: non-finite values become None."""
        return {
            "n": self.n,
            "accuracy_161km": _finite(self.accuracy),
            "median_km": _finite(self.median_km),
            "mean_km": _finite(self.mean_km),
            "unresolved": self.unresolved,
            "auc": _finite(self.auc),
        }


def score(errors: Sequence[float]) -> Scores:
    """All figures of a run from its errors in km (``math.inf`` = no place).

    >>> s = score([10.0, 200.0, math.inf])
    >>> round(s.accuracy, 3), s.median_km, s.mean_km, s.unresolved
    (0.333, 200.0, 105.0, 1)
    """
    errors = list(errors)
    return Scores(
        n=len(errors),
        accuracy=accuracy_within(errors),
        median_km=median_error(errors),
        mean_km=mean_error(errors),
        unresolved=sum(math.isinf(e) for e in errors),
        auc=auc(errors),
    )


@dataclass(frozen=True, slots=True)
class Recognition:
    """End-to-end span recognition, matched by overlap.

    A gold span is found when some predicted span overlaps it; a predicted
    span is correct when it overlaps some gold span. Predictions are all the
    geoparser's mentions, resolved or not, whatever their role (GeoWebNews
    gives adjectival uses such as "American" coordinates). Gold spans are the
    toponyms with coordinates, so a prediction on an annotated name without
    them (a street in LGL; a GWN demonym, homonym or non-toponym) counts
    against precision.
    """

    gold: int
    predicted: int
    gold_found: int
    predicted_correct: int

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else math.nan

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else math.nan

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready counts and ratios."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "gold_found": self.gold_found,
            "predicted_correct": self.predicted_correct,
            "precision": _finite(self.precision),
            "recall": _finite(self.recall),
            "f1": _finite(self.f1),
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


# ------------------------------------------------------------------ evaluation


@dataclass(frozen=True, slots=True)
class ToponymResult:
    """One gold toponym, what each run made of it, and the errors in km (inf: no place)."""

    doc_id: str
    gold: GoldToponym
    gold_spans: Mention | None  # resolve_spans' mention (None: no mention returned)
    end_to_end: Mention | None  # the resolved mention overlapping the gold span most
    baseline: Place | None
    recognized: bool = False  # end to end, some mention (resolved or not) overlaps the span
    gold_spans_km: float = math.inf
    end_to_end_km: float = math.inf
    baseline_km: float = math.inf
    best: Place | None = None  # the gazetteer's candidate nearest the gold point
    best_km: float = math.inf

    @classmethod
    def of(
        cls,
        doc_id: str,
        gold: GoldToponym,
        gold_spans: Mention | None,
        end_to_end: Mention | None,
        baseline: Place | None,
        *,
        recognized: bool = False,
        candidates: Sequence[Place] = (),
    ) -> ToponymResult:
        """A result with its errors measured from the gold point.

        ``candidates`` are every place the gazetteer offers for the gold span;
        the nearest one to the gold point is the ceiling run's answer.
        """

        def km(p: Place | None) -> float:
            return math.inf if p is None else distance_km(gold.lat, gold.lon, p.lat, p.lon)

        best = min(candidates, key=lambda p: (km(p), p.geonameid), default=None)
        return cls(
            doc_id,
            gold,
            gold_spans,
            end_to_end,
            baseline,
            recognized or end_to_end is not None,
            km(gold_spans.place if gold_spans else None),
            km(end_to_end.place if end_to_end else None),
            km(baseline),
            best,
            km(best),
        )

    def place(self, run: str) -> Place | None:
        """The place ``run`` (one of :data:`RUNS`) gave this toponym."""
        if run == "population_baseline":
            return self.baseline
        if run == "ceiling":
            return self.best
        mention: Mention | None = getattr(self, run)
        return mention.place if mention is not None else None

    def error_km(self, run: str) -> float:
        """Distance from the gold point to ``run``'s place; ``math.inf`` when none."""
        if run == "population_baseline":
            return self.baseline_km
        if run == "ceiling":
            return self.best_km
        return self.gold_spans_km if run == "gold_spans" else self.end_to_end_km

    def record(self) -> dict[str, Any]:
        """One ``--errors`` row: the gold toponym, each run's place and error (null = none)."""
        g = self.gold
        row: dict[str, Any] = {
            "doc_id": self.doc_id,
            "start": g.start,
            "end": g.end,
            "text": g.text,
            "gold_name": g.name or None,
            "type": g.type or None,
            "gold_lat": g.lat,
            "gold_lon": g.lon,
            "gold_geonameid": g.geonameid,
        }
        for run, prefix in (("gold_spans", "span"), ("end_to_end", "e2e")):
            mention: Mention | None = getattr(self, run)
            if run == "gold_spans":
                row["span_reasons"] = list(mention.reasons) if mention else None
            else:
                row["e2e_recognized"] = self.recognized
                row["e2e_start"] = mention.start if mention else None
                row["e2e_end"] = mention.end if mention else None
                row["e2e_text"] = mention.text if mention else None
            row.update(_place_fields(prefix, mention.place if mention else None))
            row[f"{prefix}_score"] = round(mention.score, 4) if mention else None
            row[f"{prefix}_error_km"] = _km(self.error_km(run))
        row.update(_place_fields("base", self.baseline))
        row["base_error_km"] = _km(self.error_km("population_baseline"))
        row.update(_place_fields("best", self.best))
        row["best_error_km"] = _km(self.best_km)
        return row


def _place_fields(prefix: str, p: Place | None) -> dict[str, Any]:
    return {
        f"{prefix}_name": p.name if p else None,
        f"{prefix}_lat": p.lat if p else None,
        f"{prefix}_lon": p.lon if p else None,
        f"{prefix}_geonameid": p.geonameid if p else None,
        f"{prefix}_feature_code": p.feature_code if p else None,
        f"{prefix}_country_code": p.country_code if p else None,
    }


def _km(value: float) -> float | None:
    return round(value, 3) if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Results of :func:`evaluate_geoparse`: one row per gold toponym, plus recognition."""

    source: str
    documents: int
    rows: tuple[ToponymResult, ...]
    recognition: Recognition
    gazetteer: str = ""
    country: str | None = None
    seconds: float = 0.0
    skipped: tuple[str, ...] = ()  # gold toponyms left out (bad spans), and why

    def errors(self, run: str, *, type: str | None = None) -> list[float]:
        """Errors in km of ``run`` (one of :data:`RUNS`), optionally for one gold type."""
        if run not in RUNS:
            raise ValueError(f"unknown run {run!r}; choose one of {', '.join(RUNS)}")
        return [r.error_km(run) for r in self.rows if type is None or r.gold.type == type]

    def scores(self, run: str, *, type: str | None = None) -> Scores:
        """The figures of ``run``, over all gold toponyms or those of one ``type``."""
        return score(self.errors(run, type=type))

    def types(self) -> list[str]:
        """Gold types present, most frequent first (empty when the gold gives none)."""
        counts: dict[str, int] = defaultdict(int)
        for r in self.rows:
            if r.gold.type:
                counts[r.gold.type] += 1
        return sorted(counts, key=lambda t: (-counts[t], t))

    @property
    def mismatched_spans(self) -> int:
        """Gold spans whose text differs from the annotated name (corpus offset errors)."""
        return sum(1 for r in self.rows if r.gold.name and r.gold.name != r.gold.text)

    def summary(self) -> dict[str, Any]:
        """Every figure, JSON-ready (what ``--json`` prints)."""
        return {
            "gold": self.source,
            "gazetteer": self.gazetteer,
            "country": self.country,
            "documents": self.documents,
            "toponyms": len(self.rows),
            "mismatched_spans": self.mismatched_spans,
            "skipped": list(self.skipped),
            "seconds": round(self.seconds, 2),
            "runs": {run: self.scores(run).as_dict() for run in RUNS},
            "recognition": self.recognition.as_dict(),
            "by_type": {
                t: {run: self.scores(run, type=t).as_dict() for run in RUNS} for t in self.types()
            },
        }

    def records(self) -> Iterator[dict[str, Any]]:
        """The ``--errors`` rows, one per gold toponym, in file order."""
        for r in self.rows:
            yield r.record()


def population_baseline(
    text: str, gazetteer: Gazetteer, *, country: str | None = None
) -> Place | None:
    """The most populous place named ``text`` (ties: lowest GeoNames id), or None.

    Candidates are those of ``gazetteer.lookup([name_key(text)])``, restricted
    to ``country`` when one is given.
    """
    key = name_key(text)
    candidates = [
        c.place
        for c in gazetteer.lookup([key]).get(key, ())
        if country is None or c.place.country_code == country
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (-p.population, p.geonameid))


def gazetteer_candidates(
    text: str, gazetteer: Gazetteer, *, country: str | None = None
) -> list[Place]:
    """Every place the resolver could give a span: its names, demonyms and spelling variants.

    The nearest of them to the gold point bounds what any ranking can reach
    with this gazetteer (the "ceiling" run): an error there is the gazetteer's
    (a street, a river, a point far from the gold's), not the ranker's.
    Variants are looked up in every country, where the resolver only trusts
    them in the document's focus countries, so the bound is a generous one.
    """
    key, candidates = span_candidates(text, gazetteer)
    places = {c.place.geonameid: c.place for c in candidates}
    if key:
        variants = gazetteer.lookup_variants([key], min_similarity=VARIANT_MIN_SIMILARITY)
        places.update((c.place.geonameid, c.place) for c in variants.get(key, ()))
    return [p for p in places.values() if country is None or p.country_code == country]


def evaluate_geoparse(
    gold: Iterable[GoldDocument],
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    source: str = "",
    on_document: Callable[[GoldDocument], None] | None = None,
) -> Evaluation:
    """Score the geoparser on gold documents: given the spans, end to end, and the baseline.

    Parameters
    ----------
    gold
        Gold documents, e.g. from :func:`read_gold`.
    gazetteer
        The store the geoparser and the baseline look places up in.
    country
        ISO code: only consider places in this country (all three runs).
    source
        Name of the gold file, for the report.
    on_document
        Called after each document (progress).

    Returns
    -------
    Evaluation
        One :class:`ToponymResult` per gold toponym and the recognition counts.
    """
    began = time.perf_counter()
    rows: list[ToponymResult] = []
    skipped: list[str] = []
    n_docs = gold_n = predicted = gold_found = predicted_correct = 0
    for gdoc in gold:
        n_docs += 1
        skipped.extend(gdoc.skipped)
        doc = gdoc.document()
        # The stages see the cleaned text: gold spans go there, mentions come back.
        spans = [doc.offsets.to_clean(t.start, t.end) for t in gdoc.toponyms]
        given = resolve_spans(doc, spans, gazetteer, country=country) if spans else []
        moved = iter(input_mentions(doc, [m for m in given if m is not None]))
        given = [None if m is None else next(moved) for m in given]
        found = list(input_mentions(doc, geoparse(doc, gazetteer, country=country)))
        resolved = [m for m in found if m.place is not None]
        for t, mention in zip(gdoc.toponyms, given, strict=True):
            recognized = any(_overlaps(m, t) for m in found)
            gold_found += recognized
            rows.append(
                ToponymResult.of(
                    gdoc.id,
                    t,
                    mention,
                    _best_overlap(t, resolved),
                    population_baseline(t.text, gazetteer, country=country),
                    recognized=recognized,
                    # The resolver may reach a place by a route the lookup does not
                    # take (a demonym, an enclosing area): the ceiling includes it.
                    candidates=[
                        *gazetteer_candidates(t.text, gazetteer, country=country),
                        *([mention.place] if mention and mention.place else []),
                    ],
                )
            )
        gold_n += len(spans)
        predicted += len(found)
        predicted_correct += sum(any(_overlaps(m, t) for t in gdoc.toponyms) for m in found)
        if on_document is not None:
            on_document(gdoc)
    return Evaluation(
        source=source,
        documents=n_docs,
        rows=tuple(rows),
        recognition=Recognition(gold_n, predicted, gold_found, predicted_correct),
        gazetteer=str(gazetteer.path),
        country=country,
        seconds=time.perf_counter() - began,
        skipped=tuple(skipped),
    )


def _overlaps(m: Mention, t: GoldToponym) -> bool:
    return m.start < t.end and t.start < m.end


def _best_overlap(t: GoldToponym, mentions: Sequence[Mention]) -> Mention | None:
    """The mention sharing most characters with ``t`` (ties: the earliest), or None."""
    best, best_len = None, 0
    for m in mentions:
        shared = min(m.end, t.end) - max(m.start, t.start)
        if shared > best_len:
            best, best_len = m, shared
    return best


def write_errors(evaluation: Evaluation, path: str | Path) -> int:
    """Write one JSON line per gold toponym (see :meth:`ToponymResult.record`).

    Returns
    -------
    int
        The number of rows written.

    Raises
    ------
    OutputError
        The file cannot be written.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8") as out:
            for row in evaluation.records():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        tmp.replace(path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"{path}: cannot write the errors file ({error.strerror}); choose a writable path"
        ) from error
    return n


# ------------------------------------------------------------------ display


def render(evaluation: Evaluation, *, min_type_count: int = 10) -> list[Table | Text]:
    """Rich tables of an evaluation and a legend (the CLI prints them; nothing is printed here).

    The per-type table lists every type when there are at most ten; beyond
    that, types with fewer than ``min_type_count`` gold toponyms are pooled
    as "other".
    """
    ev = evaluation
    where = f", country {ev.country}" if ev.country else ""
    skipped = f", {len(ev.skipped)} skipped (span outside the text)" if ev.skipped else ""
    runs = Table(
        title=(
            f"{Path(ev.source).name or 'gold'}: {_plural(ev.documents, 'document')},"
            f" {_plural(len(ev.rows), 'gold toponym')} with coordinates{where}{skipped}"
            f" ({ev.seconds:.1f} s)"
        ),
        title_justify="left",
    )
    for header in ("run", "n", "acc@161", "median", "mean", "none", "AUC"):
        runs.add_column(header, justify="left" if header == "run" else "right", no_wrap=True)
    for run in RUNS:
        s = ev.scores(run)
        runs.add_row(
            RUN_TITLES[run],
            str(s.n),
            _pct(s.accuracy),
            _num(s.median_km),
            _num(s.mean_km),
            str(s.unresolved),
            _num(s.auc, 3),
        )
    rec = ev.recognition
    recog = Table(
        title="Recognition, end to end (spans matched by overlap)",
        title_justify="left",
    )
    for header in ("gold", "predicted", "precision", "recall", "F1"):
        recog.add_column(header, justify="right")
    recog.add_row(
        str(rec.gold), str(rec.predicted), _pct(rec.precision), _pct(rec.recall), _pct(rec.f1)
    )
    tables: list[Table | Text] = [runs, recog]
    types = ev.types()
    if types:
        by_type = Table(
            title="By gold type: acc@161km / AUC per run", title_justify="left", show_lines=False
        )
        for header in ("type", "n", "gold spans", "end to end", "baseline", "ceiling"):
            by_type.add_column(header, justify="left" if header == "type" else "right")
        counts = {t: sum(r.gold.type == t for r in ev.rows) for t in types}
        shown = [t for t in types if len(types) <= 10 or counts[t] >= min_type_count]
        rest = [t for t in types if t not in shown]
        groups: list[tuple[str, list[str]]] = [(t, [t]) for t in shown]
        if rest:
            groups.append((f"other ({len(rest)} types, n < {min_type_count})", rest))
        for label, members in groups:
            cells = []
            for run in RUNS:
                errors = [e for t in members for e in ev.errors(run, type=t)]
                s = score(errors)
                cells.append(f"{_pct(s.accuracy)} / {_num(s.auc, 2)}")
            by_type.add_row(label, str(sum(counts[t] for t in members)), *cells)
        tables.append(by_type)
    tables.append(
        Text(
            "Errors in km. acc@161: share within 161 km. none: no place given (wrong in acc,"
            " median and AUC; left out of the mean). AUC: area under the sorted log-error curve,"
            " 0 best, 1 worst (Gritta et al. 2018)."
        )
    )
    return tables


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %" if math.isfinite(value) else "-"


def _num(value: float, digits: int = 0) -> str:
    if math.isnan(value):
        return "-"
    if math.isinf(value):
        return "inf"
    return f"{value:,.{digits}f}"
