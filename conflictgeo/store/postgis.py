"""PostGIS store: the four layers as tables of a PostgreSQL database, for teams.

``conflictgeo build REPORTS --db postgresql://user@host/dbname`` adds reports
to the database exactly as ``--into FILE.gpkg`` adds them to a GeoPackage (see
:mod:`conflictgeo.store`): reports already stored are skipped by content hash
and duplicate events merge into stored ones.

Tables (in ``schema``, default ``public``): ``events``, ``places``,
``mentions`` (``geom geometry(Point, 4326)`` with a GiST index) and
``documents``, columns typed from :data:`conflictgeo.layers.LAYER_FIELDS`
(``date`` columns are SQL ``DATE``), plus ``conflictgeo_metadata`` (key,
value: project version, gazetteer sources, run time). ``events.event_id``,
``places.geonameid`` and ``documents.id`` are unique.

One build is one transaction, under an advisory lock that other builds wait
for (up to :data:`LOCK_TIMEOUT`): if the connection drops, the server stops or
the build is killed, PostgreSQL rolls it back and the tables keep what they
held before.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import geopandas
import pandas as pd

from conflictgeo.errors import ForeignOutput, OutputError
from conflictgeo.export.base import Layers, mark
from conflictgeo.export.commit import Staging
from conflictgeo.layers import CRS, LAYER_FIELDS, LAYER_GEOMETRY, LAYER_NAMES
from conflictgeo.store.base import IDENTITY_FIELDS, Store, upgrade_layers

__all__ = ["LOCK_TIMEOUT", "PostGISStore"]

logger = logging.getLogger(__name__)

#: Seconds a build waits for another build's lock on the same database.
LOCK_TIMEOUT = 10

_SQL_TYPES = {
    "str": "text",
    "int": "bigint",
    "float": "double precision",
    "bool": "boolean",
    "date": "date",
}
_UNIQUE = {"events": "event_id", "places": "geonameid", "documents": "id"}
# Any fixed 64-bit number: the advisory lock every conflictgeo build takes.
_LOCK_KEY = 0x636F6E666C696374  # "conflict"


class PostGISStore(Store):
    """The layers in a PostGIS database (SQLAlchemy + GeoAlchemy2 + psycopg).

    Parameters
    ----------
    url : str
        SQLAlchemy URL, ``postgresql://user:password@host:port/dbname``
        (``postgresql+psycopg://`` is used for plain ``postgresql://``).
    schema : str, default "public"
        Schema of the tables.
    """

    def __init__(self, url: str, *, schema: str = "public") -> None:
        self.url = url
        self.schema = schema
        self._engine: Any = None
        self._connection: Any = None
        self._transaction: Any = None
        self._connected = False  # a connection was made (else a failure is "cannot connect")
        self.location = _masked(url)

    # -- Store interface ---------------------------------------------------------------------

    def open(self) -> PostGISStore:
        sqlalchemy = _sqlalchemy()
        url = self.url
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        try:
            self._engine = sqlalchemy.create_engine(url)
            self._connection = self._engine.connect()
            self._connected = True
            self._transaction = self._connection.begin()
            run = self._connection.exec_driver_sql
            run(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}s'")
            run(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            if not run("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").first():
                run("CREATE EXTENSION IF NOT EXISTS postgis")
            run(f"CREATE SCHEMA IF NOT EXISTS {self._quote(self.schema)}")
            self.layers = self._read()
        except _db_errors() as exc:
            self.close()
            raise self._error("open", exc) from exc
        except Exception:
            self.close()
            raise
        return self

    def stage(self, layers: Layers, staging: Staging, *, metadata: Mapping[str, str]) -> None:
        """Replace the tables' rows inside the build's transaction (not committed yet)."""
        sqlalchemy = _sqlalchemy()
        if self._connection is None:
            self.open()
        metadata = {**mark(), **metadata}
        try:
            with _quiet_copy():
                self._create_tables()
                run = self._connection.exec_driver_sql
                for name in LAYER_NAMES:
                    run(f"DELETE FROM {self._table(name)}")
                    self._insert(name, layers[name])
                run(f"DELETE FROM {self._table('conflictgeo_metadata')}")
                self._connection.execute(
                    sqlalchemy.text(
                        f"INSERT INTO {self._table('conflictgeo_metadata')} (key, value) "
                        "VALUES (:key, :value)"
                    ),
                    [{"key": k, "value": v} for k, v in metadata.items()],
                )
        except _db_errors() as exc:
            # geopandas inserts with COPY on the psycopg connection itself, whose
            # errors are not wrapped by SQLAlchemy
            self.close()
            raise self._error("write to", exc) from exc

    def commit(self, staging: Staging) -> list[Path]:
        """Commit the transaction, then move the build's files in (after the database:
        a failed commit leaves both as they were)."""
        try:
            self._transaction.commit()
        except _db_errors() as exc:
            self.close()
            raise self._error("write to", exc) from exc
        finally:
            self.close()
        logger.info("wrote %s", self.location)
        return staging.commit()

    def close(self) -> None:
        # Closing a connection with an open transaction rolls it back.
        for handle in ("_connection", "_engine"):
            obj = getattr(self, handle, None)
            if obj is None:
                continue
            try:
                obj.close() if handle == "_connection" else obj.dispose()
            except Exception:  # the connection may already be gone
                logger.debug("closing %s failed", handle, exc_info=True)
            setattr(self, handle, None)
        self._transaction = None

    # -- reading -----------------------------------------------------------------------------

    def _read(self) -> dict[str, geopandas.GeoDataFrame] | None:
        columns = self._columns()
        present = [name for name in LAYER_NAMES if name in columns]
        if not present:
            return None
        for name in LAYER_NAMES:
            missing = [c for c in IDENTITY_FIELDS[name] if c not in columns.get(name, ())]
            if missing:
                raise ForeignOutput(
                    f"{self.location} has a table {self.schema}.{name} that is not a conflictgeo "
                    f"layer (no {', '.join(missing[:5])} column); nothing was changed. Use "
                    "another database or schema"
                )
        if "conflictgeo_metadata" not in columns:
            raise ForeignOutput(
                f"{self.location} has tables {', '.join(f'{self.schema}.{n}' for n in present)} "
                f"but no {self.schema}.conflictgeo_metadata table, which every conflictgeo "
                "store has: they are not a conflictgeo store; nothing was changed. Use "
                "another database or schema"
            )
        layers = {}
        for name in LAYER_NAMES:
            stored = [c for c in columns[name] if c not in ("fid", "geom")]
            select = ", ".join(self._quote(c) for c in stored)
            if LAYER_GEOMETRY[name]:
                sql = f"SELECT {select}, geom FROM {self._table(name)} ORDER BY fid"
                frame = geopandas.read_postgis(sql, self._connection, geom_col="geom")
                frame = frame.rename_geometry("geometry").set_crs(CRS, allow_override=True)
            else:
                sql = f"SELECT {select} FROM {self._table(name)} ORDER BY fid"
                frame = pd.read_sql(sql, self._connection)
            layers[name] = frame
        return upgrade_layers(layers, self.location)  # type: ignore[return-value]

    def _columns(self) -> dict[str, set[str]]:
        rows = self._connection.exec_driver_sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %(schema)s",
            {"schema": self.schema},
        ).all()
        out: dict[str, set[str]] = {}
        for table, column in rows:
            out.setdefault(table, set()).add(column)
        return out

    # -- writing -----------------------------------------------------------------------------

    def _create_tables(self) -> None:
        run = self._connection.exec_driver_sql
        for name in LAYER_NAMES:
            columns = ["fid bigserial PRIMARY KEY"]
            for column, kind in LAYER_FIELDS[name].items():
                unique = " NOT NULL UNIQUE" if _UNIQUE.get(name) == column else ""
                columns.append(f"{self._quote(column)} {_SQL_TYPES[kind]}{unique}")
            if LAYER_GEOMETRY[name]:
                columns.append("geom geometry(Point, 4326)")
            run(f"CREATE TABLE IF NOT EXISTS {self._table(name)} ({', '.join(columns)})")
            for column, kind in LAYER_FIELDS[name].items():  # a table of an earlier release
                run(
                    f"ALTER TABLE {self._table(name)} ADD COLUMN IF NOT EXISTS "
                    f"{self._quote(column)} {_SQL_TYPES[kind]}"
                )
            if LAYER_GEOMETRY[name]:
                index = self._quote(f"{name}_geom_idx")
                run(f"CREATE INDEX IF NOT EXISTS {index} ON {self._table(name)} USING gist (geom)")
        run(
            f"CREATE TABLE IF NOT EXISTS {self._table('conflictgeo_metadata')} "
            "(key text PRIMARY KEY, value text)"
        )

    def _insert(self, name: str, frame: geopandas.GeoDataFrame) -> None:
        if not len(frame):
            return
        columns = list(LAYER_FIELDS[name])
        if LAYER_GEOMETRY[name]:
            data = frame[[*columns, frame.geometry.name]].rename_geometry("geom")
            data.to_postgis(
                name, self._connection, schema=self.schema, if_exists="append", index=False
            )
        else:
            pd.DataFrame(frame[columns]).to_sql(
                name, self._connection, schema=self.schema, if_exists="append", index=False
            )

    # -- helpers -----------------------------------------------------------------------------

    def _table(self, name: str) -> str:
        return f"{self._quote(self.schema)}.{self._quote(name)}"

    @staticmethod
    def _quote(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def _error(self, action: str, exc: Exception) -> OutputError:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if "lock timeout" in detail or "canceling statement due to lock" in detail:
            advice = (
                f"another build holds the database's lock (waited {LOCK_TIMEOUT} s); "
                "nothing was changed. Wait for it to finish, then run the build again"
            )
        elif not self._connected:
            advice = (
                "could not connect, so nothing was changed. Check that the server is "
                "running and the host, port, user, password and database in the URL"
            )
        elif any(w in detail.lower() for w in ("terminat", "closed", "connection", "lost")):
            advice = (
                "the connection was lost; the transaction was rolled back, so nothing "
                "stored was changed. Check the server and run the build again"
            )
        else:
            advice = "nothing stored was changed; check the URL, the server and your rights"
        return OutputError(f"cannot {action} {self.location}: {detail}; {advice}")


def _masked(url: str) -> str:
    """``url`` without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else url


def _db_errors() -> tuple[type[Exception], ...]:
    import psycopg

    return (_sqlalchemy().exc.SQLAlchemyError, psycopg.Error)


def _sqlalchemy() -> Any:
    try:
        import geoalchemy2  # noqa: F401  (registers the geometry type used by to_postgis)
        import sqlalchemy
        import sqlalchemy.exc
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise OutputError(
            "--db needs SQLAlchemy, GeoAlchemy2 and psycopg: pip install 'conflictgeo[postgis]'"
        ) from exc
    return sqlalchemy


class _SecondaryCopyError(logging.Filter):
    """Drops psycopg's warning about the error it met ending a COPY that had already
    failed (``error ignored terminating <psycopg.Copy [BAD]>``): the first error is
    the one the build reports; the second goes to our debug log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("error ignored terminating"):
            logger.debug("psycopg: %s", record.getMessage())
            return False
        return True


@contextlib.contextmanager
def _quiet_copy() -> Iterator[None]:
    psycopg_logger = logging.getLogger("psycopg")
    quiet = _SecondaryCopyError()
    psycopg_logger.addFilter(quiet)
    try:
        yield
    finally:
        psycopg_logger.removeFilter(quiet)
