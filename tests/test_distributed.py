"""Builds on a real Dask cluster (scheduler and worker processes) equal local builds."""

from __future__ import annotations

import pytest
from tests.test_parallel import SAMPLES, write_corpus

pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from conflictgeo.distributed import DaskError, process_on_cluster, split_items
from conflictgeo.ingest import read_documents
from conflictgeo.merge import merge_events
from conflictgeo.pipeline import build, process_document


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster


def test_events_on_the_cluster_equal_the_one_process_build(
    cluster, embedded_gazetteer, tmp_path
) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 5)
    documents, errors = split_items(read_documents([corpus]))
    assert not errors and len(documents) == 5 * len(list(SAMPLES.glob("*.txt")))
    local = [process_document(d, embedded_gazetteer) for d in documents]
    local_events = merge_events(e for r in local for e in r.events)
    with Client(cluster) as client:
        # Small partitions: duplicates of one event land in different partitions.
        results, events = process_on_cluster(
            documents, embedded_gazetteer, client, partition_size=4
        )
    assert [r.document.id for r in results] == [d.id for d in documents]
    assert results == local
    assert events == local_events
    assert len(events) < sum(len(r.events) for r in local), "nothing was merged"
    assert any(len(e.sources) > 1 for e in events)


def test_build_with_dask_writes_what_a_local_build_writes(
    cluster, embedded_gazetteer, tmp_path
) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    (tmp_path / "empty.txt").write_text("")
    inputs = [corpus, tmp_path / "empty.txt"]
    common = {"gazetteer": embedded_gazetteer, "formats": ["csv"], "ingested_at": "2024-01-01"}
    on_dask = build(inputs, tmp_path / "dask", dask=cluster.scheduler_address, **common)
    local = build(inputs, tmp_path / "local", **common)
    assert (on_dask.documents, on_dask.events, on_dask.mentions) == (
        local.documents,
        local.events,
        local.mentions,
    )
    assert [str(e) for e in on_dask.errors] == [str(e) for e in local.errors] != []
    dask_csv = (tmp_path / "dask" / "events.csv").read_text()
    assert dask_csv == (tmp_path / "local" / "events.csv").read_text()
    assert dask_csv.count("\n") > 5


def test_online_lookups_are_refused_on_a_cluster(cluster, embedded_gazetteer) -> None:
    with Client(cluster) as client, pytest.raises(DaskError, match="--online"):
        process_on_cluster([], embedded_gazetteer, client, online=object())


def test_an_unreachable_scheduler_is_a_clear_error(
    embedded_gazetteer, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("conflictgeo.distributed.CONNECT_TIMEOUT", "1s")
    corpus = write_corpus(tmp_path / "c.jsonl", 1)
    with pytest.raises(DaskError, match="cannot reach a Dask scheduler"):
        build([corpus], tmp_path / "out", dask="tcp://127.0.0.1:9", gazetteer=embedded_gazetteer)


def test_cli_build_dask(cluster, embedded_dir, use_data_dir, tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from conflictgeo.cli import app

    use_data_dir(embedded_dir)
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    runner = CliRunner()
    args = ["build", str(corpus), "--format", "csv"]
    on_dask = runner.invoke(
        app, [*args, "-o", str(tmp_path / "d"), "--dask", cluster.scheduler_address]
    )
    local = runner.invoke(app, [*args, "-o", str(tmp_path / "l"), "--workers", "1"])
    assert on_dask.exit_code == local.exit_code == 0, on_dask.output
    assert (tmp_path / "d" / "events.csv").read_text() == (
        tmp_path / "l" / "events.csv"
    ).read_text()
    monkeypatch.setattr("conflictgeo.distributed.CONNECT_TIMEOUT", "1s")
    down = runner.invoke(app, [*args, "-o", str(tmp_path / "x"), "--dask", "tcp://127.0.0.1:9"])
    assert down.exit_code == 2
    assert "cannot reach a Dask scheduler" in down.stderr and "Traceback" not in down.output
    assert not (tmp_path / "x").exists()


def test_a_worker_without_the_store_fails_with_a_message(cluster, embedded_dir, tmp_path) -> None:
    import shutil

    from conflictgeo.geo.gazetteer import STORE_NAME, Gazetteer

    (tmp_path / "store").mkdir()
    shutil.copy(embedded_dir / STORE_NAME, tmp_path / "store" / STORE_NAME)
    gazetteer = Gazetteer(tmp_path / "store" / STORE_NAME)
    gazetteer.close()
    (tmp_path / "store" / STORE_NAME).unlink()  # as on a worker machine without the file
    documents, _ = split_items(read_documents([write_corpus(tmp_path / "c.jsonl", 1)]))
    with Client(cluster) as client, pytest.raises(DaskError, match="no gazetteer on this worker"):
        process_on_cluster(documents, gazetteer, client)
