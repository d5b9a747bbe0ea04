"""Tests of conflictgeo.store.postgis against a real PostgreSQL with PostGIS.

``scripts/test`` starts a throwaway cluster on 127.0.0.1 and sets
``CONFLICTGEO_TEST_DB``; without it these tests skip (and fail under CI).
Every test works in its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas
import pytest
import sqlalchemy
from typer.testing import CliRunner

from conflictgeo import __version__
from conflictgeo.cli import app
from conflictgeo.errors import OutputError
from conflictgeo.layers import build_layers
from conflictgeo.store import merge_layers
from conflictgeo.store import postgis as postgis_module
from conflictgeo.store.postgis import PostGISStore
from tests.services import need_service
from tests.test_export import LATAKIA, _results
from tests.test_store import SAMPLES, _a_second_report_of_ev1

URL = os.environ.get("CONFLICTGEO_TEST_DB", "")
AT = "2024-03-07T00:00:00Z"


def _engine() -> sqlalchemy.Engine:
    return sqlalchemy.create_engine("postgresql+psycopg://" + URL.split("://", 1)[1])


@pytest.fixture(scope="module")
def server() -> Iterator[sqlalchemy.Engine]:
    need_service(bool(URL), "no PostgreSQL to test against (CONFLICTGEO_TEST_DB; scripts/test)")
    engine = _engine()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
            connection.commit()
    except sqlalchemy.exc.OperationalError as exc:
        need_service(False, f"PostgreSQL at {URL} is not reachable: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture
def schema(server: sqlalchemy.Engine) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:10]}"
    yield name
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        connection.commit()


def _count(server: sqlalchemy.Engine, schema: str, table: str) -> int:
    with server.connect() as connection:
        return int(
            connection.exec_driver_sql(f'SELECT count(*) FROM "{schema}"."{table}"').scalar()
        )


def _write(schema: str, layers: Any, metadata: dict[str, str] | None = None) -> None:
    store = PostGISStore(URL, schema=schema).open()
    store.write(layers, metadata=metadata or {"conflictgeo_version": "test"})


def test_layers_go_in_typed_indexed_tables(server: sqlalchemy.Engine, schema: str) -> None:
    _write(schema, build_layers(_results(), ingested_at=AT), {"built_at": "now"})
    with server.connect() as connection:
        run = connection.exec_driver_sql
        types = dict(
            run(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = %(s)s AND table_name = 'events'",
                {"s": schema},
            ).all()
        )
        geometry = run(
            "SELECT type, srid FROM geometry_columns WHERE f_table_schema = %(s)s "
            "AND f_table_name = 'events'",
            {"s": schema},
        ).one()
        indexes = " ".join(
            row[0]
            for row in run(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = %(s)s", {"s": schema}
            )
        )
        metadata = dict(run(f'SELECT key, value FROM "{schema}".conflictgeo_metadata').all())
    assert types["event_date"] == "date" and types["fatalities"] == "bigint"
    assert tuple(geometry) == ("POINT", 4326)
    assert "USING gist (geom)" in indexes
    assert "UNIQUE INDEX events_event_id_key" in indexes
    assert metadata == {"built_at": "now", "conflictgeo_version": __version__}  # + our mark
    events = geopandas.read_postgis(
        f'SELECT * FROM "{schema}".events ORDER BY fid', server, geom_col="geom"
    )
    assert events["event_id"].tolist() == ["ev-1", "ev-2", "ev-3"]
    assert events["location"].tolist() == ["Latakia", "Ṭarṭūs", "Salmá"]
    assert events.geometry.iloc[0].x == pytest.approx(LATAKIA.lon)
    assert events.geometry.iloc[1] is None
    assert str(events["event_date"].iloc[0]) == "2024-03-04"


def test_read_back_and_merge(server: sqlalchemy.Engine, schema: str) -> None:
    _write(schema, build_layers(_results(), ingested_at=AT))
    store = PostGISStore(URL, schema=schema).open()
    assert store.layers is not None
    assert store.layers["events"]["event_id"].tolist() == ["ev-1", "ev-2", "ev-3"]
    layers, merged = merge_layers(store.layers, [_a_second_report_of_ev1()], ingested_at=AT)
    store.write(layers, metadata={})
    assert merged == 1
    assert _count(server, schema, "events") == 3
    assert _count(server, schema, "documents") == 3
    with server.connect() as connection:
        sources = connection.exec_driver_sql(
            f"SELECT sources FROM \"{schema}\".events WHERE event_id = 'ev-1'"
        ).scalar()
    assert sources == "d1;d3"


def test_unique_event_id(server: sqlalchemy.Engine, schema: str) -> None:
    layers = build_layers(_results(), ingested_at=AT)
    twice = dict(layers)
    twice["events"] = geopandas.GeoDataFrame(
        geopandas.pd.concat([layers["events"], layers["events"].head(1)], ignore_index=True)
    )
    with pytest.raises(OutputError, match="duplicate key"):
        _write(schema, twice)


def test_cli_db_append_is_idempotent(
    server: sqlalchemy.Engine, embedded_dir: Path, use_data_dir
) -> None:
    use_data_dir(embedded_dir)
    runner = CliRunner()  # the CLI writes to the "public" schema; dropped below
    args = ["build", str(SAMPLES), "--db", URL, "--published", "2013-08-14"]
    try:
        first = runner.invoke(app, args)
        assert first.exit_code == 0, first.output
        events = _count(server, "public", "events")
        documents = _count(server, "public", "documents")
        assert events > 0 and documents == 9
        again = runner.invoke(app, args)
        assert again.exit_code == 0, again.output
        assert "nothing new" in again.output
        assert _count(server, "public", "events") == events
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(
                "DROP TABLE IF EXISTS public.events, public.places, public.mentions, "
                "public.documents, public.conflictgeo_metadata"
            )
            connection.commit()


def test_connection_dropped_mid_write_loses_nothing(
    server: sqlalchemy.Engine, schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(schema, build_layers(_results()[:1], ingested_at=AT))
    store = PostGISStore(URL, schema=schema).open()
    layers, _ = merge_layers(store.layers, _results()[1:], ingested_at=AT)
    (backend,) = store._connection.exec_driver_sql("SELECT pg_backend_pid()").one()
    real_insert = PostGISStore._insert
    inserted: list[str] = []

    def insert_then_lose_connection(self: PostGISStore, name: str, frame: Any) -> None:
        real_insert(self, name, frame)
        inserted.append(name)
        if name == "events":  # the events are in; another session kills this one
            with server.connect() as admin:
                admin.exec_driver_sql(f"SELECT pg_terminate_backend({backend})")

    monkeypatch.setattr(PostGISStore, "_insert", insert_then_lose_connection)
    with pytest.raises(OutputError, match=r"connection was lost.*nothing stored was changed"):
        store.write(layers, metadata={})
    assert inserted == ["events"]
    assert _count(server, schema, "events") == 2  # what was stored before, no more, no less
    assert _count(server, schema, "documents") == 1


def test_second_writer_waits_then_gives_up(
    server: sqlalchemy.Engine, schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgis_module, "LOCK_TIMEOUT", 1)
    first = PostGISStore(URL, schema=schema).open()
    try:
        errors: list[Exception] = []

        def second() -> None:
            try:
                PostGISStore(URL, schema=schema).open()
            except OutputError as exc:
                errors.append(exc)

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(30)
        assert len(errors) == 1
        assert "another build holds the database's lock" in str(errors[0])
    finally:
        first.close()


def test_not_our_table(server: sqlalchemy.Engine, schema: str) -> None:
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        connection.exec_driver_sql(f'CREATE TABLE "{schema}".events (id int, name text)')
        connection.exec_driver_sql(f"INSERT INTO \"{schema}\".events VALUES (1, 'keep me')")
        connection.commit()
    with pytest.raises(OutputError, match="not a conflictgeo layer"):
        PostGISStore(URL, schema=schema).open()
    assert _count(server, schema, "events") == 1


def test_bad_url_is_a_clear_error() -> None:
    store = PostGISStore("postgresql://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(OutputError) as info:
        store.open()
    assert "secret" not in str(info.value) and "nobody:***@" in str(info.value)


def test_masked_location() -> None:
    assert PostGISStore("postgresql://a:b@h/db").location == "postgresql://a:***@h/db"
    assert PostGISStore("postgresql://a@h/db").location == "postgresql://a@h/db"


# -- a store of an earlier release, foreign tables, what the messages say ---------------------

EARLIER_MISSING = ("disorder_type", "assoc_actor_1", "inter1", "interaction", "extractor_trace")


def test_a_store_of_an_earlier_release_is_upgraded(
    server: sqlalchemy.Engine, schema: str, caplog: pytest.LogCaptureFixture
) -> None:
    layers = build_layers(_results(), ingested_at=AT)
    events = layers["events"]
    layers["events"] = events.assign(extractor_trace=[f"trace {i}" for i in events["event_id"]])
    _write(schema, layers)
    with server.connect() as connection:  # the tables as the earlier release made them
        run = connection.exec_driver_sql
        run(f'UPDATE "{schema}".events SET notes = extractor_trace')
        for column in EARLIER_MISSING:
            run(f'ALTER TABLE "{schema}".events DROP COLUMN {column}')
        connection.commit()
    with caplog.at_level("WARNING"):
        store = PostGISStore(URL, schema=schema).open()
    assert "written by an earlier release" in caplog.text and "disorder_type" in caplog.text
    assert store.layers is not None
    assert store.layers["events"]["extractor_trace"].tolist() == [
        "trace ev-1",
        "trace ev-2",
        "trace ev-3",
    ]
    merged, _ = merge_layers(store.layers, [_a_second_report_of_ev1()], ingested_at=AT)
    store.write(merged, metadata={})
    with server.connect() as connection:
        rows = connection.exec_driver_sql(
            f'SELECT event_id, extractor_trace, sources FROM "{schema}".events ORDER BY fid'
        ).all()
        columns = {
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = %(s)s AND table_name = 'events'",
                {"s": schema},
            )
        }
    assert set(EARLIER_MISSING) <= columns  # written back in the new layout
    assert [r[0] for r in rows] == ["ev-1", "ev-2", "ev-3"] and rows[0][2] == "d1;d3"
    assert rows[1][1] == "trace ev-2"  # the trace the old notes column held is kept


def test_our_tables_without_our_metadata_table_are_not_ours(
    server: sqlalchemy.Engine, schema: str
) -> None:
    _write(schema, build_layers(_results(), ingested_at=AT))
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP TABLE "{schema}".conflictgeo_metadata')
        connection.commit()
    with pytest.raises(OutputError, match=r"no .*conflictgeo_metadata table.*nothing was changed"):
        PostGISStore(URL, schema=schema).open()
    assert _count(server, schema, "events") == 3


def test_a_refused_connection_is_not_a_lost_one() -> None:
    with pytest.raises(OutputError) as info:
        PostGISStore("postgresql://someone@127.0.0.1:1/none").open()
    message = str(info.value)
    assert "could not connect, so nothing was changed" in message
    assert "the connection was lost" not in message


def test_the_cli_says_it_could_not_connect(embedded_dir: Path) -> None:
    import subprocess
    import sys

    process = subprocess.run(
        [
            sys.executable,
            "-c",
            "from conflictgeo.cli import main; main()",
            "build",
            str(SAMPLES / "tal-afar-car-bomb.txt"),
            "--db",
            "postgresql://someone:secret@127.0.0.1:1/none",
        ],
        env={**os.environ, "CONFLICTGEO_DATA_DIR": str(embedded_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 2
    assert "could not connect" in process.stderr and "secret" not in process.stderr
    assert "Traceback" not in process.stderr and "connection was lost" not in process.stderr


def test_no_stray_psycopg_warning_when_the_connection_drops_mid_copy(
    server: sqlalchemy.Engine,
    schema: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """psycopg logs the error it meets ending a COPY that already failed; the build
    reports the first error alone."""
    import psycopg

    _write(schema, build_layers(_results()[:1], ingested_at=AT))
    store = PostGISStore(URL, schema=schema).open()
    (backend,) = store._connection.exec_driver_sql("SELECT pg_backend_pid()").one()
    real_write = psycopg.Copy.write

    def write_then_fail(self: Any, buffer: Any) -> None:
        with server.connect() as admin:
            admin.exec_driver_sql(f"SELECT pg_terminate_backend({backend})")
        real_write(self, buffer)
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(psycopg.Copy, "write", write_then_fail)
    with caplog.at_level("WARNING"), pytest.raises(OutputError, match="connection was lost"):
        store.write(build_layers(_results(), ingested_at=AT), metadata={})
    assert "error ignored terminating" not in caplog.text
    assert _count(server, schema, "events") == 2
