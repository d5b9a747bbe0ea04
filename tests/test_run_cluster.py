"""Builds on a real Dask cluster (scheduler and worker processes) equal local builds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_run_pool import SAMPLES, _group_gone, write_corpus

pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from conflictgeo.build import build
from conflictgeo.document import process_document
from conflictgeo.errors import OutputError
from conflictgeo.ingest import read_documents
from conflictgeo.layers import sort_events
from conflictgeo.merge import merge_events
from conflictgeo.run.cluster import PARTITION_SIZE, DaskError, process_on_cluster, split_items


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
        run = process_on_cluster(
            documents, process_document, embedded_gazetteer, client, partition_size=4
        )
    results, events = run.results, run.events
    assert [r.document.id for r in results] == [d.id for d in documents]
    assert results == local
    assert events == sort_events(local_events, {d.id: i for i, d in enumerate(documents)})
    assert (run.documents, run.merged_events) == (len(documents), len(events))
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
        process_on_cluster([], process_document, embedded_gazetteer, client, online=object())


def test_an_unreachable_scheduler_is_a_clear_error(
    embedded_gazetteer, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("conflictgeo.run.cluster.CONNECT_TIMEOUT", "1s")
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
    monkeypatch.setattr("conflictgeo.run.cluster.CONNECT_TIMEOUT", "1s")
    down = runner.invoke(app, [*args, "-o", str(tmp_path / "x"), "--dask", "tcp://127.0.0.1:9"])
    assert down.exit_code == 2
    assert "cannot reach a Dask scheduler" in down.stderr and "Traceback" not in down.output
    assert not (tmp_path / "x").exists()


def test_a_worker_without_the_store_fails_with_a_message(cluster, embedded_dir, tmp_path) -> None:
    import shutil

    from conflictgeo.gazetteer.index import STORE_NAME, Gazetteer

    (tmp_path / "store").mkdir()
    shutil.copy(embedded_dir / STORE_NAME, tmp_path / "store" / STORE_NAME)
    gazetteer = Gazetteer(tmp_path / "store" / STORE_NAME)
    gazetteer.close()
    (tmp_path / "store" / STORE_NAME).unlink()  # as on a worker machine without the file
    documents, _ = split_items(read_documents([write_corpus(tmp_path / "c.jsonl", 1)]))
    with Client(cluster) as client, pytest.raises(DaskError, match="no gazetteer on this worker"):
        process_on_cluster(documents, process_document, gazetteer, client)


GOLD = Path(__file__).parent / "data" / "events-gold.jsonl"  # distinct short reports


def mixed_corpus(path: Path, copies: int) -> Path:
    """Distinct reports, then the samples ``copies`` times: duplicates across partitions."""
    write_corpus(path, copies)
    with path.open("a") as out:
        for line in GOLD.read_text().splitlines():
            record = json.loads(line)
            out.write(json.dumps({k: record[k] for k in ("id", "text", "published")}) + "\n")
    return path


def test_the_workers_write_partitioned_geoparquet_equal_to_the_one_process_file(
    cluster, embedded_gazetteer, tmp_path
) -> None:
    import dask_geopandas
    import geopandas
    import pandas as pd
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    corpus = mixed_corpus(tmp_path / "c.jsonl", 3)
    common = {"gazetteer": embedded_gazetteer, "formats": ["parquet", "csv"]}
    on_dask = build([corpus], tmp_path / "dask", dask=cluster.scheduler_address, **common)
    local = build([corpus], tmp_path / "local", **common)
    dataset = tmp_path / "dask" / "events.parquet"
    assert on_dask.outputs == [dataset, tmp_path / "dask" / "events.csv"]
    assert (on_dask.documents, on_dask.events) == (local.documents, local.events)
    files = sorted(dataset.iterdir())
    # one file per partition of PARTITION_SIZE documents (the corpus grows with the gold)
    parts = -(-on_dask.documents // PARTITION_SIZE)
    assert parts > 1 and [f.name for f in files] == [f"part.{i}.parquet" for i in range(parts)]
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == [
        "events.csv",
        "events.csv.conflictgeo",  # our marks: a CSV and a dataset have no place for them
        "events.csvt",
        "events.parquet",
        "events.parquet.conflictgeo",
    ]  # no temporary directory left
    rows = [pq.read_metadata(f).num_rows for f in files]
    assert sum(1 for n in rows if n) > 1, rows  # the events are spread over the files
    for f in files:
        geo = json.loads(pq.read_schema(f).metadata[b"geo"])
        assert geo["primary_column"] == "geometry"
        column = geo["columns"]["geometry"]
        assert column["encoding"] == "WKB" and column["crs"]["id"]["code"] == 4326
    one = geopandas.read_parquet(tmp_path / "local" / "events.parquet")
    assert len(one) == local.events > 200
    pd.testing.assert_frame_equal(geopandas.read_parquet(dataset), one)
    assert (
        ds.dataset(dataset)
        .to_table()
        .equals(pq.read_table(one_path := tmp_path / "local" / "events.parquet"))
    )
    assert ds.dataset(dataset).schema.equals(pq.read_schema(one_path), check_metadata=False)
    lazy = dask_geopandas.read_parquet(dataset)
    assert lazy.npartitions == parts and lazy.crs == one.crs
    assert list(lazy.compute()["event_id"]) == list(one["event_id"])
    # The csv came from the same run: equal to the one-process file too.
    assert (tmp_path / "dask" / "events.csv").read_text() == (
        tmp_path / "local" / "events.csv"
    ).read_text()

    # A new build replaces the dataset; a directory that is not ours is never replaced.
    again = build(
        [write_corpus(tmp_path / "d.jsonl", 1)],
        tmp_path / "dask",
        dask=cluster.scheduler_address,
        gazetteer=embedded_gazetteer,
        formats=["parquet"],
    )
    assert again.outputs == [dataset] and again.documents == 5
    assert len(geopandas.read_parquet(dataset)) == again.events < local.events
    assert [p.name for p in (tmp_path / "dask").iterdir() if p.name.startswith(".")] == []
    # A one-process build into the same directory replaces the dataset with its file.
    single = build([corpus], tmp_path / "dask", gazetteer=embedded_gazetteer, formats=["parquet"])
    assert dataset.is_file() and single.outputs == [dataset]
    pd.testing.assert_frame_equal(geopandas.read_parquet(dataset), one)
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == [
        "events.csv",
        "events.csv.conflictgeo",
        "events.csvt",
        "events.parquet",  # the file carries its mark; the dataset's mark went with it
    ]
    foreign = tmp_path / "foreign" / "events.parquet"
    foreign.mkdir(parents=True)
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not a conflictgeo parquet output"):
        build(
            [corpus],
            tmp_path / "foreign",
            dask=cluster.scheduler_address,
            gazetteer=embedded_gazetteer,
            formats=["parquet"],
        )
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_progress_is_reported_as_partitions_finish(cluster, embedded_gazetteer, tmp_path) -> None:
    from distributed import get_task_stream

    documents, _ = split_items(read_documents([mixed_corpus(tmp_path / "c.jsonl", 6)]))
    seen: list[tuple[str, float]] = []
    with Client(cluster) as client, get_task_stream(client) as stream:
        run = process_on_cluster(
            documents,
            process_document,
            embedded_gazetteer,
            client,
            partition_size=16,
            on_document=lambda doc: seen.append((doc.id, time.time())),
        )
    assert sorted(i for i, _ in seen) == sorted(d.id for d in documents)
    assert run.documents == len(documents)
    # The merge needs every partition: the first reports were counted before it began.
    merge = [t for t in stream.data if str(t["key"]).startswith("_merge_partitions")]
    assert len(merge) == 1
    merge_start = min(s["start"] for s in merge[0]["startstops"] if s["action"] == "compute")
    assert min(t for _, t in seen) < merge_start


def test_build_dask_counts_only_when_only_the_dataset_is_written(
    cluster, embedded_gazetteer, tmp_path
) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    calls: list[object] = []
    report = build(
        [corpus, tmp_path / "bad.jsonl"],
        tmp_path / "out",
        dask=cluster.scheduler_address,
        gazetteer=embedded_gazetteer,
        formats=["parquet"],
        on_document=calls.append,
    )
    local = build([corpus], tmp_path / "local", gazetteer=embedded_gazetteer, formats=["gpkg"])
    assert (report.documents, report.mentions, report.events) == (
        local.documents,
        local.mentions,
        local.events,
    )
    assert len(report.errors) == 1 and len(calls) == report.documents + 1

    # The merge rules reach the reduction on the cluster.
    rules = {"gazetteer": embedded_gazetteer, "merge_rules": None}
    kept = build([corpus], tmp_path / "k", dask=cluster.scheduler_address, formats=["csv"], **rules)
    one = build([corpus], tmp_path / "k1", formats=["csv"], **rules)
    assert kept.events == one.events > report.events
    assert (tmp_path / "k" / "events.csv").read_text() == (
        tmp_path / "k1" / "events.csv"
    ).read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_a_dask_build_and_leaves_no_dataset(embedded_dir, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 400)
    out = tmp_path / "out"
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(embedded_dir)}
    script = Path(sys.executable).with_name("conflictgeo")
    proc = subprocess.Popen(
        [
            *(str(script), "build", str(corpus), "-o", str(out), "--format", "parquet"),
            *("--dask", "local", "--workers", "2"),
        ],
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # Ctrl-C goes to the whole group, the cluster included
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    # The hidden dataset directory appears when the work is sent to the cluster.
    while not list(out.glob(".events.parquet.*")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()  # type: ignore[union-attr]
        time.sleep(0.05)
    time.sleep(0.3)
    assert proc.poll() is None, "finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"interrupted" in err
    assert list(out.iterdir()) == []  # no dataset, complete or not
    assert _group_gone(proc.pid, within=15), "a worker outlived the run"
