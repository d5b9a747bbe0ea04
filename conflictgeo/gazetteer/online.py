"""Opt-in online geocoding for place names the local gazetteer lacks.

Two web services are available through geopy, looked up in
:data:`ONLINE_SERVICES` by name (:func:`get_online_geocoder`):

- ``"nominatim"``: OpenStreetMap's Nominatim (:class:`NominatimGeocoder`);
- ``"geonames"``: the GeoNames search web service (:class:`GeoNamesGeocoder`),
  which needs a free account name (``username=`` or ``$CONFLICTGEO_GEONAMES_USER``).

Behaviour is composed around the service call, never mixed into it::

    lookup -> AnswerCache (SQLite, on disk) -> RateLimiter (geopy) -> geocoder.geocode

- Every answer is cached on disk, negative answers included, keyed by
  (service, folded name, country), so a rerun never asks again. Negative
  answers expire after ``negative_ttl_days`` (the service may learn the name);
  found places never expire.
- Requests are spaced by ``min_delay_seconds`` (1 s by default, the public
  Nominatim's maximum rate) and transient errors retried ``max_retries`` times.
- A failed request (timeout, HTTP 5xx, service down, quota) is logged as a
  warning and gives ``None`` for that name; nothing is cached, so the next run
  asks again. After ``max_failures`` failures in a row the geocoder stops asking
  for the rest of the run (cached answers are still used).
- A wrong configuration (unknown service, no GeoNames account, an account
  GeoNames refuses, a rate above the public Nominatim's policy) raises
  :class:`OnlineGeocoderError`, a :class:`~conflictgeo.errors.GazetteerError`.

Examples
--------
>>> sorted(ONLINE_SERVICES)
['geonames', 'nominatim']

A lookup answered from the cache (a real one asks the service first):

>>> import tempfile
>>> cache_path = Path(tempfile.mkdtemp()) / CACHE_NAME
>>> with get_online_geocoder("nominatim", cache_path=cache_path) as geocoder:
...     geocoder.cache.put("nominatim", "atlantis", "", "Atlantis", None)
...     geocoder.lookup("Atlantis"), geocoder.stats.requests
(None, 0)
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Self

from geopy.adapters import URLLibAdapter
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import GeoNames, Nominatim
from geopy.geocoders.base import Geocoder

from conflictgeo._version import __version__
from conflictgeo.errors import GazetteerError
from conflictgeo.gazetteer.admin import admin_name
from conflictgeo.gazetteer.index import data_dir
from conflictgeo.gazetteer.names import fold
from conflictgeo.model import Place

__all__ = [
    "CACHE_NAME",
    "ENV_CONTACT",
    "ENV_GEONAMES_USER",
    "ONLINE_SERVICES",
    "AnswerCache",
    "CachedAnswer",
    "GeoNamesGeocoder",
    "LookupStats",
    "NominatimGeocoder",
    "OnlineGeocoder",
    "OnlineGeocoderError",
    "UnknownService",
    "default_user_agent",
    "get_online_geocoder",
    "nominatim_feature",
    "osm_geonameid",
]

log = logging.getLogger(__name__)

#: File name of the answer cache inside :func:`~conflictgeo.gazetteer.index.data_dir`.
CACHE_NAME = "online-cache.sqlite"
#: Environment variable holding the GeoNames account name.
ENV_GEONAMES_USER = "CONFLICTGEO_GEONAMES_USER"
#: Environment variable holding a contact (e-mail or URL) for the user agent.
ENV_CONTACT = "CONFLICTGEO_CONTACT"

_PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL,
    name_key TEXT NOT NULL,
    country TEXT NOT NULL,
    query TEXT NOT NULL,
    answer TEXT,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (service, name_key, country));
"""
_CACHE_VERSION = "1"


class OnlineGeocoderError(GazetteerError, ValueError):
    """An online geocoder is configured wrongly; the message says how to fix it."""


class UnknownService(OnlineGeocoderError, LookupError):
    """No online geocoding service has this name; the message lists the choices."""


# ---------------------------------------------------------------- helpers


def default_user_agent(contact: str | None = None) -> str:
    """The HTTP user agent identifying conflictgeo to a web service.

    Nominatim's usage policy requires an agent naming the application; a
    contact (e-mail or URL) lets the operators reach you instead of blocking.

    Parameters
    ----------
    contact : str, optional
        E-mail address or URL; defaults to ``$CONFLICTGEO_CONTACT``.

    Returns
    -------
    str
        ``"conflictgeo/<version>"``, followed by ``" (+<contact>)"`` when one is known.

    Examples
    --------
    >>> default_user_agent("ops@example.org").endswith("(+ops@example.org)")
    True
    >>> default_user_agent().startswith("conflictgeo/")
    True
    """
    release = __version__
    contact = (contact if contact is not None else os.environ.get(ENV_CONTACT, "")).strip()
    return f"conflictgeo/{release}" + (f" (+{contact})" if contact else "")


def osm_geonameid(osm_type: str, osm_id: int) -> int:
    """A stable negative id for an OpenStreetMap object, used as ``Place.geonameid``.

    ``-(osm_id * 10 + k)`` with ``k`` = 1 for a node, 2 for a way, 3 for a
    relation: negative, so it never collides with a GeoNames id (all
    positive), the same object always gets the same id, and the OSM object
    can be read back from it (last digit = type, the rest = OSM id).

    Parameters
    ----------
    osm_type : str
        ``"node"``, ``"way"`` or ``"relation"`` (or ``"N"``, ``"W"``, ``"R"``).
    osm_id : int
        The OSM id (positive).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        For another type or a non-positive id.

    Examples
    --------
    >>> osm_geonameid("relation", 184822)
    -1848223
    >>> osm_geonameid("N", 42)
    -421
    """
    kind = {"n": 1, "w": 2, "r": 3}.get(osm_type[:1].lower())
    if kind is None or osm_id <= 0:
        raise ValueError(f"not an OpenStreetMap object: {osm_type!r} {osm_id!r}")
    return -(osm_id * 10 + kind)


# Nominatim place=* values -> GeoNames feature class and code.
_OSM_PLACE: dict[str, tuple[str, str]] = {
    "country": ("A", "PCLI"),
    "state": ("A", "ADM1"),
    "province": ("A", "ADM1"),
    "region": ("L", "RGN"),
    "state_district": ("A", "ADM2"),
    "county": ("A", "ADM2"),
    "district": ("A", "ADM2"),
    "municipality": ("A", "ADM3"),
    "city": ("P", "PPL"),
    "town": ("P", "PPL"),
    "village": ("P", "PPL"),
    "hamlet": ("P", "PPL"),
    "isolated_dwelling": ("P", "PPL"),
    "borough": ("P", "PPLX"),
    "suburb": ("P", "PPLX"),
    "quarter": ("P", "PPLX"),
    "neighbourhood": ("P", "PPLX"),
    "city_block": ("P", "PPLX"),
    "locality": ("L", "LCTY"),
    "farm": ("S", "FRM"),
    "island": ("T", "ISL"),
    "islet": ("T", "ISL"),
    "archipelago": ("T", "ISLS"),
}
# OSM admin_level -> GeoNames code. Countries differ (a level-6 unit is an ADM2
# in France, an ADM3 in Syria); this is the common case.
_ADMIN_LEVEL = {2: "PCLI", 3: "ADM1", 4: "ADM1", 5: "ADM2", 6: "ADM2", 7: "ADM3", 8: "ADM3"}
# OSM capital=* -> GeoNames code of a populated place.
_CAPITAL = {"yes": "PPLC", "2": "PPLC", "3": "PPLA", "4": "PPLA", "5": "PPLA2", "6": "PPLA2"}


def nominatim_feature(raw: Mapping[str, Any]) -> tuple[str, str]:
    """GeoNames feature class and code for a Nominatim search result.

    ``place=city/town/village/hamlet`` give ``P``/``PPL`` (``PPLC``/``PPLA``
    when ``extratags`` mark a capital), suburbs ``PPLX``;
    ``boundary=administrative`` gives ``A`` and a code from the OSM
    ``admin_level`` (``extratags``, else half the result's ``place_rank``):
    2 → ``PCLI``, 3-4 → ``ADM1``, 5-6 → ``ADM2``, 7-8 → ``ADM3``, deeper →
    ``ADM4``. Anything else gives ``("", "")``.

    Parameters
    ----------
    raw : mapping
        One result of Nominatim's ``/search?format=json`` (geopy's ``Location.raw``).

    Returns
    -------
    tuple of str
        ``(feature_class, feature_code)``.

    Examples
    --------
    >>> nominatim_feature({"class": "place", "type": "village"})
    ('P', 'PPL')
    >>> nominatim_feature({"class": "boundary", "type": "administrative", "place_rank": 8})
    ('A', 'ADM1')
    >>> nominatim_feature({"class": "amenity", "type": "cafe"})
    ('', '')
    """
    osm_class, osm_type = raw.get("class") or raw.get("category"), raw.get("type")
    extratags = raw.get("extratags") or {}
    if osm_class == "boundary" and osm_type == "administrative":
        level = _int(raw.get("admin_level") or extratags.get("admin_level"))
        if not level and _int(raw.get("place_rank")):
            level = _int(raw.get("place_rank")) // 2
        if not level:
            return "A", "ADMD"
        return "A", _ADMIN_LEVEL.get(level, "ADM4" if level > 8 else "ADMD")
    if osm_class == "place" and isinstance(osm_type, str) and osm_type in _OSM_PLACE:
        fclass, fcode = _OSM_PLACE[osm_type]
        if fclass == "P" and fcode == "PPL":
            fcode = _CAPITAL.get(str(extratags.get("capital", "")).lower(), fcode)
        return fclass, fcode
    return "", ""


def _int(value: object) -> int:
    """An integer from a service's string or number; 0 when there is none."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    digits = re.sub(r"[\s,.'_]", "", str(value or ""))
    return int(digits) if digits.isdigit() else 0


def _name_key(query: str) -> str:
    """Cache key of a name: folded like the gazetteer's keys, articles kept."""
    return fold(query) or " ".join(unicodedata.normalize("NFKC", query).casefold().split())


def _country(country: str | None) -> str:
    if country is None or not country.strip():
        return ""
    code = country.strip().upper()
    if not _COUNTRY.match(code):
        raise OnlineGeocoderError(
            f"country must be an ISO 3166-1 alpha-2 code such as 'SY', not {country!r}"
        )
    return code


# ---------------------------------------------------------------- the cache


@dataclasses.dataclass(frozen=True, slots=True)
class CachedAnswer:
    """A service's stored answer: the raw record, or ``None`` when it found nothing."""

    answer: dict[str, Any] | None
    fetched_at: float  # seconds since the epoch (UTC)


class AnswerCache:
    """Persistent cache of online answers, in one SQLite file.

    One row per (service, name key, country) holds the raw record the service
    returned (JSON) or ``NULL`` for "not found", the query as sent and when it
    was fetched. Raw records, not places, are stored so that a better mapping
    in a later release applies to old answers too. Safe to share between the
    threads of one process; several processes may use the same file (WAL).

    Parameters
    ----------
    path : str or os.PathLike, optional
        The cache file; default ``data_dir() / "online-cache.sqlite"``.
    negative_ttl_days : float or None, default 30
        Age after which a "not found" answer is asked again; ``None`` keeps
        them for ever.
    clock : callable, default time.time
        Current time in seconds since the epoch.

    Raises
    ------
    OnlineGeocoderError
        When the file cannot be created or is not a cache.

    Examples
    --------
    >>> import tempfile
    >>> cache = AnswerCache(Path(tempfile.mkdtemp()) / "cache.sqlite")
    >>> cache.put("nominatim", "kessab", "SY", "Kessab", None)
    >>> cache.get("nominatim", "kessab", "SY").answer is None
    True
    >>> cache.get("nominatim", "kessab", "") is None
    True
    >>> cache.close()
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        negative_ttl_days: float | None = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path) if path is not None else data_dir() / CACHE_NAME
        self.negative_ttl_days = negative_ttl_days
        self._clock = clock
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
            with contextlib.suppress(sqlite3.Error):  # e.g. on a network file system
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_CACHE_SCHEMA)
            self._db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (_CACHE_VERSION,)
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise OnlineGeocoderError(
                f"cannot open the online geocoding cache {self.path}: {exc}; "
                "remove the file or give another cache_path"
            ) from exc

    def get(self, service: str, name_key: str, country: str) -> CachedAnswer | None:
        """The stored answer, or ``None`` when there is none or it has expired.

        Parameters
        ----------
        service : str
            Service name, a key of :data:`ONLINE_SERVICES`.
        name_key : str
            The folded name.
        country : str
            ISO alpha-2 code the search was restricted to, ``""`` for none.

        Returns
        -------
        CachedAnswer or None
        """
        with self._lock:
            row = self._db.execute(
                "SELECT answer, fetched_at FROM answers"
                " WHERE service = ? AND name_key = ? AND country = ?",
                (service, name_key, country),
            ).fetchone()
        if row is None:
            return None
        answer, fetched_at = row
        ttl = self.negative_ttl_days
        if answer is None and ttl is not None and self._clock() - fetched_at >= ttl * 86400:
            return None
        return CachedAnswer(json.loads(answer) if answer is not None else None, fetched_at)

    def put(
        self,
        service: str,
        name_key: str,
        country: str,
        query: str,
        answer: Mapping[str, Any] | None,
    ) -> None:
        """Store an answer (``None`` for "not found"), replacing an older one.

        A write that fails (disk full, read-only file) is logged, not raised:
        the answer is still used in this run.
        """
        text = json.dumps(answer, ensure_ascii=False) if answer is not None else None
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                    (service, name_key, country, query, text, self._clock()),
                )
        except sqlite3.Error as exc:
            log.warning("cannot write to the online geocoding cache %s: %s", self.path, exc)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    def __repr__(self) -> str:
        return f"AnswerCache({str(self.path)!r})"


# ---------------------------------------------------------------- geocoders


@dataclasses.dataclass(slots=True)
class LookupStats:
    """What one geocoder did in this run (for reports and logs)."""

    lookups: int = 0  # calls of lookup() with a non-empty name
    cache_hits: int = 0  # answered from the cache
    requests: int = 0  # names asked of the service
    found: int = 0  # places returned (from the cache or the service)
    failures: int = 0  # names the service failed to answer


class _NoRetry(Exception):
    """Carries a geopy error the rate limiter must not retry (it is not a GeopyError)."""

    def __init__(self, error: GeopyError) -> None:
        super().__init__(str(error))
        self.error = error


# Errors that will not go away by asking the same thing again.
_PERMANENT = (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
)


def _no_retry(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``func`` so that permanent geopy errors escape geopy's RateLimiter retries."""

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GeocoderRateLimited:  # HTTP 429: transient, let the rate limiter retry
            raise
        except _PERMANENT as exc:
            raise _NoRetry(exc) from exc

    return call


_FAILED = object()  # the service did not answer


class OnlineGeocoder:
    """Base class of the online geocoders: cache, rate limit, errors, mapping.

    Subclasses set :attr:`name`, :attr:`default_domain` and
    :attr:`default_scheme` and implement :meth:`_make_geocoder` (the geopy
    geocoder), :meth:`_request` (one call of it) and :meth:`_to_place` (a raw
    record to a :class:`~conflictgeo.model.Place`). Instances are not
    picklable: the rate limit holds per process, so look names up in one
    process only.

    Parameters
    ----------
    cache_path : str or os.PathLike, optional
        The answer cache; default ``data_dir() / "online-cache.sqlite"``.
    min_delay_seconds : float, default 1.0
        Least time between two requests. The public Nominatim allows no less
        than 1 s; 0 is for tests and private servers.
    max_retries : int, default 2
        Retries of a request that timed out or met a server error.
    error_wait_seconds : float, default 5.0
        Wait before a retry; at least ``min_delay_seconds``.
    timeout : float, default 10.0
        Seconds to wait for one answer.
    negative_ttl_days : float or None, default 30
        Age after which a cached "not found" is asked again; ``None``: never.
    max_failures : int, default 3
        Failed names in a row after which the service is not asked again in
        this run (the cache is still used).
    user_agent : str, optional
        HTTP user agent; default :func:`default_user_agent` with ``contact``.
    contact : str, optional
        E-mail or URL put in the default user agent (``$CONFLICTGEO_CONTACT``).
    domain, scheme : str, optional
        Where the service is (``"nominatim.example.org"``, ``"https"``): a
        private server, or a local one in tests.

    Attributes
    ----------
    name : str
        Service name, the key in :data:`ONLINE_SERVICES`; places get
        ``source = "online:<name>"``.
    stats : LookupStats
        Counters of this instance's lookups.
    """

    name: ClassVar[str]
    default_domain: ClassVar[str]
    default_scheme: ClassVar[str] = "https"
    #: geopy errors that mean the configuration is wrong (raised, not logged).
    config_errors: ClassVar[tuple[type[GeopyError], ...]] = ()

    def __init__(
        self,
        *,
        cache_path: str | os.PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        timeout: float = 10.0,
        negative_ttl_days: float | None = 30.0,
        max_failures: int = 3,
        user_agent: str | None = None,
        contact: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
    ) -> None:
        if min_delay_seconds < 0 or max_retries < 0 or timeout <= 0 or max_failures < 1:
            raise OnlineGeocoderError(
                f"{self.name}: min_delay_seconds and max_retries must be >= 0, "
                "timeout > 0 and max_failures >= 1"
            )
        if error_wait_seconds < min_delay_seconds:
            raise OnlineGeocoderError(
                f"{self.name}: error_wait_seconds ({error_wait_seconds}) must be at least "
                f"min_delay_seconds ({min_delay_seconds})"
            )
        self.domain = (domain or self.default_domain).strip("/")
        self.scheme = scheme or self.default_scheme
        self.user_agent = user_agent or default_user_agent(contact)
        self.min_delay_seconds = min_delay_seconds
        self.max_failures = max_failures
        self.stats = LookupStats()
        self._geocoder = self._make_geocoder(timeout=timeout)
        # Composition: the retry filter wraps the request, the rate limiter wraps both.
        self._fetch = RateLimiter(
            _no_retry(self._request),
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        self._cache = AnswerCache(cache_path, negative_ttl_days=negative_ttl_days)
        self._failures_in_a_row = 0
        self._gave_up = ""
        self._state_lock = threading.Lock()
        self._name_locks: dict[tuple[str, str], threading.Lock] = {}

    # ------------------------------------------------------------ the API
    def lookup(self, name: str, *, country: str | None = None) -> Place | None:
        """The place a name refers to, from the cache or the service.

        Parameters
        ----------
        name : str
            The place name as the text gives it (``"Kessab"``).
        country : str, optional
            ISO 3166-1 alpha-2 code (``"SY"``): only places in that country.

        Returns
        -------
        Place or None
            The service's best match, with ``source = "online:<service>"``;
            ``None`` when it knows no such place, or when it could not be
            asked (a warning is logged and nothing is cached).

        Raises
        ------
        OnlineGeocoderError
            When ``country`` is not an alpha-2 code, or the service refuses
            the configuration (e.g. an unknown GeoNames account).

        Examples
        --------
        >>> import tempfile
        >>> geocoder = NominatimGeocoder(cache_path=Path(tempfile.mkdtemp()) / "c.sqlite")
        >>> geocoder.cache.put(
        ...     "nominatim", "kessab", "SY", "Kessab",
        ...     {"osm_type": "node", "osm_id": 42, "lat": "35.9", "lon": "35.98",
        ...      "class": "place", "type": "village", "name": "Kessab"},
        ... )
        >>> place = geocoder.lookup("Kessab", country="sy")
        >>> place.name, place.lat, place.lon, place.feature_code, place.source
        ('Kessab', 35.9, 35.98, 'PPL', 'online:nominatim')
        >>> geocoder.close()
        """
        query = " ".join(name.split())
        code = _country(country)
        if not query:
            return None
        key = _name_key(query)
        self.stats.lookups += 1
        with self._name_lock(key, code):  # one request per name, however many threads ask
            cached = self._cache.get(self.name, key, code)
            if cached is not None:
                self.stats.cache_hits += 1
                return self._place(cached.answer, query)
            if self._gave_up:
                log.debug("%s: not asked for %r (%s)", self.name, query, self._gave_up)
                return None
            answer = self._ask(query, code)
            if answer is _FAILED:
                return None
            assert answer is None or isinstance(answer, dict)
            self._cache.put(self.name, key, code, query, answer)
            return self._place(answer, query)

    @property
    def cache(self) -> AnswerCache:
        """The answer cache."""
        return self._cache

    @property
    def available(self) -> bool:
        """False once the geocoder has stopped asking the service in this run."""
        return not self._gave_up

    def close(self) -> None:
        """Close the cache file."""
        self._cache.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError(
            f"{type(self).__name__} cannot be sent to another process: its rate limit "
            "holds per process; look names up online in one process only"
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(domain={self.domain!r}, cache={str(self._cache.path)!r})"

    # ------------------------------------------------------------ subclass hooks
    def _make_geocoder(self, *, timeout: float) -> Geocoder:
        """The geopy geocoder for :attr:`domain`, :attr:`scheme` and :attr:`user_agent`."""
        raise NotImplementedError

    def _request(self, query: str, country: str) -> Any:
        """One geopy ``geocode`` call: a ``Location`` or ``None``."""
        raise NotImplementedError

    def _to_place(self, raw: Mapping[str, Any]) -> Place:
        """The place described by one raw service record."""
        raise NotImplementedError

    # ------------------------------------------------------------ internals
    def _name_lock(self, key: str, country: str) -> threading.Lock:
        with self._state_lock:
            return self._name_locks.setdefault((key, country), threading.Lock())

    def _ask(self, query: str, country: str) -> dict[str, Any] | object | None:
        """The raw record the service returns, ``None`` for "not found", or ``_FAILED``."""
        where = f" in {country}" if country else ""
        self.stats.requests += 1
        try:
            location = self._fetch(query, country)
        except _NoRetry as wrapped:
            exc = wrapped.error
            if isinstance(exc, self.config_errors):
                raise OnlineGeocoderError(self._config_message(exc)) from exc
            if isinstance(exc, GeocoderQueryError):  # this name only
                return self._failed(query, where, exc, count=False)
            return self._failed(query, where, exc, give_up=True)
        except (GeopyError, OSError, ValueError) as exc:
            return self._failed(query, where, exc)
        with self._state_lock:
            self._failures_in_a_row = 0
        if location is None:
            log.info("%s: no place named %r%s", self.name, query, where)
            return None
        raw = getattr(location, "raw", None)
        if not isinstance(raw, dict):
            return self._failed(query, where, ValueError(f"unexpected answer {location!r}"))
        return raw

    def _failed(
        self,
        query: str,
        where: str,
        exc: BaseException,
        *,
        count: bool = True,
        give_up: bool = False,
    ) -> object:
        self.stats.failures += 1
        log.warning(
            "%s could not look up %r%s (%s: %s); the name stays unresolved",
            self.name,
            query,
            where,
            type(exc).__name__,
            exc,
        )
        with self._state_lock:
            if count:
                self._failures_in_a_row += 1
            tripped = give_up or self._failures_in_a_row >= self.max_failures
            if tripped and not self._gave_up:
                self._gave_up = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "%s: not asking the service again in this run (%s); "
                    "cached answers are still used",
                    self.name,
                    self._gave_up,
                )
        return _FAILED

    def _config_message(self, exc: GeopyError) -> str:
        return f"{self.name} refused the request: {exc}"

    def _place(self, answer: Mapping[str, Any] | None, query: str) -> Place | None:
        if answer is None:
            return None
        try:
            place = self._to_place(answer)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("%s: cannot read the answer for %r (%s)", self.name, query, exc)
            return None
        self.stats.found += 1
        return place


class NominatimGeocoder(OnlineGeocoder):
    """OpenStreetMap's Nominatim (``/search?format=json``) through geopy.

    Asks for one result with address details and extra tags, in English, and
    by default only settlements and administrative areas
    (``featureType=settlement``: no streets, shops or cafés named after a
    town). Places get ``geonameid`` = :func:`osm_geonameid` (negative),
    feature class and code from :func:`nominatim_feature`, ``country_code``
    and ``country`` from the address, ``admin1_name`` from its state or
    province (``admin1``, a GeoNames code, stays empty), ``population`` from
    the extra tags, and ``approximate`` unless the point is an OSM node (ways
    and relations are placed at a derived point).

    The public server's usage policy (https://operations.osmfoundation.org/
    policies/nominatim/) allows at most one request per second, requires an
    identifying user agent and the caching this class does; a faster
    ``min_delay_seconds`` is refused unless ``domain`` names another server.

    Parameters
    ----------
    featuretype : str or None, default "settlement"
        Nominatim's ``featureType`` (``country``, ``state``, ``city``,
        ``settlement``); ``None`` for any feature.
    language : str, default "en"
        ``accept-language`` of the names returned.
    **options
        As for :class:`OnlineGeocoder`.

    Examples
    --------
    >>> import tempfile
    >>> cache_path = Path(tempfile.mkdtemp()) / CACHE_NAME
    >>> with NominatimGeocoder(cache_path=cache_path, contact="ops@example.org") as geocoder:
    ...     geocoder.user_agent.endswith("(+ops@example.org)"), geocoder.domain
    (True, 'nominatim.openstreetmap.org')
    """

    name = "nominatim"
    default_domain = _PUBLIC_NOMINATIM

    def __init__(
        self, *, featuretype: str | None = "settlement", language: str = "en", **options: Any
    ) -> None:
        public = (options.get("domain") or _PUBLIC_NOMINATIM).strip("/") == _PUBLIC_NOMINATIM
        if public and options.get("min_delay_seconds", 1.0) < 1.0:
            raise OnlineGeocoderError(
                "the public Nominatim allows at most one request per second: use "
                "min_delay_seconds >= 1, or your own Nominatim server (domain=...)"
            )
        self.featuretype = featuretype
        self.language = language
        super().__init__(**options)

    def _make_geocoder(self, *, timeout: float) -> Geocoder:
        # URLLibAdapter: geopy would pick requests when installed, whose urllib3
        # retries hide timeouts and undo max_retries; the stdlib adapter retries nothing.
        return Nominatim(
            user_agent=self.user_agent,
            timeout=timeout,
            domain=self.domain,
            scheme=self.scheme,
            adapter_factory=URLLibAdapter,
        )

    def _request(self, query: str, country: str) -> Any:
        return self._geocoder.geocode(  # type: ignore[attr-defined]
            query,
            exactly_one=True,
            addressdetails=True,
            extratags=True,
            language=self.language or False,
            country_codes=country.lower() or None,
            featuretype=self.featuretype,
        )

    def _to_place(self, raw: Mapping[str, Any]) -> Place:
        address = raw.get("address") or {}
        extratags = raw.get("extratags") or {}
        fclass, fcode = nominatim_feature(raw)
        osm_type = str(raw["osm_type"])
        name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0].strip()
        return Place(
            geonameid=osm_geonameid(osm_type, int(raw["osm_id"])),
            name=str(name),
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            country_code=str(address.get("country_code", "")).upper(),
            feature_class=fclass,
            feature_code=fcode,
            admin1_name=admin_name(
                str(address.get("state") or address.get("province") or address.get("region") or "")
            ),
            country=str(address.get("country", "")),
            population=_int(extratags.get("population")),
            source=f"online:{self.name}",
            approximate=not osm_type.lower().startswith("n"),
        )


class GeoNamesGeocoder(OnlineGeocoder):
    """The GeoNames search web service (``/searchJSON``) through geopy.

    Needs a GeoNames account with the free web services enabled
    (https://www.geonames.org/login, then "enable" on the account page),
    given as ``username`` or ``$CONFLICTGEO_GEONAMES_USER``. Places keep
    their GeoNames id, feature class and code, admin1 code and population, as
    the dumps give them. The free tier allows 1,000 requests an hour and
    20,000 a day; when the quota is spent the geocoder stops asking for the
    rest of the run (use ``min_delay_seconds=3.6`` to stay under the hourly
    limit). The default server is ``secure.geonames.org`` over HTTPS, since
    the account name travels in the query string.

    Parameters
    ----------
    username : str, optional
        GeoNames account name; default ``$CONFLICTGEO_GEONAMES_USER``.
    **options
        As for :class:`OnlineGeocoder`.

    Raises
    ------
    OnlineGeocoderError
        When no account name is given; a lookup raises it when GeoNames
        rejects the account.

    Examples
    --------
    >>> import tempfile
    >>> cache_path = Path(tempfile.mkdtemp()) / CACHE_NAME
    >>> with GeoNamesGeocoder(username="my_account", cache_path=cache_path) as geocoder:
    ...     geocoder.domain, geocoder.scheme
    ('secure.geonames.org', 'https')
    """

    name = "geonames"
    default_domain = "secure.geonames.org"
    config_errors = (GeocoderAuthenticationFailure, GeocoderInsufficientPrivileges)

    def __init__(self, *, username: str | None = None, **options: Any) -> None:
        username = (username or os.environ.get(ENV_GEONAMES_USER, "")).strip()
        if not username:
            raise OnlineGeocoderError(
                "the GeoNames web service needs an account name: register at "
                "https://www.geonames.org/login, enable the free web services on your "
                f"account page, then pass username=... or set {ENV_GEONAMES_USER}"
            )
        self.username = username
        super().__init__(**options)

    def _make_geocoder(self, *, timeout: float) -> Geocoder:
        return GeoNames(
            self.username,
            user_agent=self.user_agent,
            timeout=timeout,
            domain=self.domain,
            scheme=self.scheme,
            adapter_factory=URLLibAdapter,
        )

    def _request(self, query: str, country: str) -> Any:
        return self._geocoder.geocode(  # type: ignore[attr-defined]
            query, exactly_one=True, country=country or None
        )

    def _config_message(self, exc: GeopyError) -> str:
        return (
            f"GeoNames refused the account {self.username!r}: {exc}. Check the name, and "
            "enable the free web services on https://www.geonames.org/manageaccount "
            f"(username=... or {ENV_GEONAMES_USER})"
        )

    def _to_place(self, raw: Mapping[str, Any]) -> Place:
        return Place(
            geonameid=int(raw["geonameId"]),
            name=str(raw.get("name") or raw.get("toponymName") or ""),
            lat=float(raw["lat"]),
            lon=float(raw["lng"]),
            country_code=str(raw.get("countryCode", "")),
            feature_class=str(raw.get("fcl", "")),
            feature_code=str(raw.get("fcode", "")),
            admin1=str(raw.get("adminCode1", "")),
            admin1_name=admin_name(str(raw.get("adminName1", ""))),
            country=str(raw.get("countryName", "")),
            population=_int(raw.get("population")),
            source=f"online:{self.name}",
            approximate=False,
        )


#: Service name -> geocoder class, like geopy's ``SERVICE_TO_GEOCODER``.
ONLINE_SERVICES: dict[str, type[OnlineGeocoder]] = {
    NominatimGeocoder.name: NominatimGeocoder,
    GeoNamesGeocoder.name: GeoNamesGeocoder,
}


def get_online_geocoder(name: str, **options: Any) -> OnlineGeocoder:
    """A new online geocoder for a service named in :data:`ONLINE_SERVICES`.

    Parameters
    ----------
    name : str
        ``"nominatim"`` or ``"geonames"`` (any case).
    **options
        Passed to the class: see :class:`OnlineGeocoder`,
        :class:`NominatimGeocoder`, :class:`GeoNamesGeocoder`.

    Returns
    -------
    OnlineGeocoder

    Raises
    ------
    UnknownService
        When no service has that name; the message lists the choices.
    OnlineGeocoderError
        When the options are wrong (e.g. GeoNames without an account name).

    Examples
    --------
    >>> get_online_geocoder("bing")
    Traceback (most recent call last):
    ...
    conflictgeo.gazetteer.online.UnknownService: unknown online geocoding service 'bing': choose one of geonames, nominatim
    """  # noqa: E501
    key = name.strip().lower()
    if key not in ONLINE_SERVICES:
        choices = ", ".join(sorted(ONLINE_SERVICES))
        raise UnknownService(f"unknown online geocoding service {name!r}: choose one of {choices}")
    return ONLINE_SERVICES[key](**options)
