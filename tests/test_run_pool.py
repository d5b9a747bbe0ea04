"""Worker processes: same results in the same order for any number of workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgeo.cli import app
from conflictgeo.document import process_document
from conflictgeo.errors import InputError
from conflictgeo.ingest import read_documents
from conflictgeo.model import Document, DocumentResult
from conflictgeo.run import pool as parallel
from conflictgeo.run.pool import limit_documents, process_stream

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def sample_texts() -> list[str]:
    return [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]


def write_corpus(path: Path, copies: int) -> Path:
    """The sample reports ``copies`` times over, as JSONL with distinct ids."""
    with path.open("w") as out:
        for n in range(copies):
            for i, text in enumerate(sample_texts()):
                record = {"id": f"d{n}-{i}", "text": text, "published": "2014-05-01"}
                out.write(json.dumps(record) + "\n")
    return path


def records(results) -> list[object]:
    out: list[object] = []
    for r in results:
        if isinstance(r, InputError):
            out.append(str(r))
        else:
            out.append((r.document.id, [e.record() for e in r.events], r.mentions))
    return out


def test_two_workers_give_the_one_process_results_in_input_order(
    embedded_gazetteer, monkeypatch
) -> None:
    monkeypatch.setattr(parallel, "BATCH", 4)  # many batches from a small input
    docs: list[Document | InputError] = []
    for n in range(6):
        docs.extend(read_documents([str(p) for p in sorted(SAMPLES.glob("*.txt"))]))
        docs.append(InputError("unreadable", source=f"bad-{n}.txt"))
    docs = [
        d if isinstance(d, InputError) else Document(**{**_fields(d), "id": f"{d.id}-{i}"})
        for i, d in enumerate(docs)
    ]
    assert sum(isinstance(d, Document) for d in docs) > parallel.HEAD + 2 * parallel.BATCH
    one = records(process_stream(docs, process_document, embedded_gazetteer, workers=1))
    two = records(process_stream(docs, process_document, embedded_gazetteer, workers=2))
    assert two == one
    assert [r for r in two if isinstance(r, str)] == [f"bad-{n}.txt: unreadable" for n in range(6)]
    assert any(events for item in one if not isinstance(item, str) for events in [item[1]])


def _summary(result: DocumentResult) -> tuple[str, int, int]:
    """A render: module-level, so that it can be sent to a worker process."""
    return result.document.id, len(result.events), os.getpid()


def test_render_runs_where_the_document_was_processed(embedded_gazetteer) -> None:
    docs = _numbered(6, error_every=2)
    plain = records(process_stream(docs, process_document, embedded_gazetteer, workers=1))
    for workers in (1, 2):
        rendered = list(
            process_stream(
                docs, process_document, embedded_gazetteer, workers=workers, render=_summary
            )
        )
        # Same order, errors where they were, and render's value for every document:
        assert [str(r) if isinstance(r, InputError) else r[:2] for r in rendered] == [
            item if isinstance(item, str) else (item[0], len(item[1])) for item in plain
        ]
        pids = {r[2] for r in rendered if not isinstance(r, InputError)}
        assert (pids == {os.getpid()}) == (workers == 1)  # with workers: made in them


def _numbered(copies: int, *, error_every: int = 0) -> list[Document | InputError]:
    """The samples ``copies`` times with distinct ids, an input error after every
    ``error_every``-th copy."""
    items: list[Document | InputError] = []
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    for n in range(copies):
        for d in read_documents(paths):
            items.append(Document(**{**_fields(d), "id": f"{d.id}-{n}"}))
        if error_every and n % error_every == 0:
            items.append(InputError("unreadable", source=f"bad-{n}.txt"))
    return items


def _fields(doc: Document) -> dict[str, object]:
    return {name: getattr(doc, name) for name in doc.__slots__}


def test_a_small_input_does_not_start_a_pool(embedded_gazetteer, monkeypatch) -> None:
    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started for three documents")

    monkeypatch.setattr(parallel, "_pooled", no_pool)
    docs = list(read_documents([str(p) for p in sorted(SAMPLES.glob("*.txt"))[:3]]))
    results = list(process_stream(docs, process_document, embedded_gazetteer, workers=4))
    assert [r.document.id for r in results] == [d.id for d in docs]


def test_limit_counts_reports_not_errors() -> None:
    error = InputError("bad", source="x")
    docs = [Document(id=str(i), text="t") for i in range(5)]
    items = [error, docs[0], error, docs[1], docs[2], docs[3]]
    assert list(limit_documents(items, 2)) == [error, docs[0], error, docs[1]]
    assert list(limit_documents(items, None)) == items


def test_cli_workers_and_limit(embedded_dir, use_data_dir, tmp_path) -> None:
    use_data_dir(embedded_dir)
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(corpus), "--workers", "1"])
    two = runner.invoke(app, ["extract", str(corpus), "--workers", "2", "--no-progress"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.stdout == one.stdout and one.stdout.count("\n") > 10
    limited = runner.invoke(app, ["geoparse", str(corpus), "--limit", "3", "--workers", "2"])
    assert limited.exit_code == 0, limited.output
    ids = [json.loads(line)["id"] for line in limited.stdout.splitlines()]
    assert ids == ["d0-0", "d0-1", "d0-2"]
    bad = runner.invoke(app, ["extract", str(corpus), "--workers", "0"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_cli_build_with_workers_equals_one_process(embedded_dir, use_data_dir, tmp_path) -> None:
    use_data_dir(embedded_dir)
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    runner = CliRunner()
    for n in (1, 2):
        result = runner.invoke(
            app,
            [
                "build",
                str(corpus),
                "-o",
                str(tmp_path / f"w{n}"),
                "--format",
                "csv",
                "--workers",
                str(n),
            ],
        )
        assert result.exit_code == 0, result.output
    w1, w2 = ((tmp_path / f"w{n}" / "events.csv").read_text() for n in (1, 2))
    assert w2 == w1 and w1.count("\n") > 10


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_workers_and_leaves_whole_lines(embedded_dir, tmp_path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 400)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "CONFLICTGEO_DATA_DIR": str(embedded_dir)}
    script = Path(sys.executable).with_name("conflictgeo")
    with out.open("w") as stdout:
        proc = subprocess.Popen(
            [str(script), "extract", str(corpus), "--workers", "2"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # Ctrl-C goes to the whole group, workers included
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 60
        while out.stat().st_size == 0 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"interrupted" in err
    lines = out.read_text().splitlines()
    assert 0 < len(lines) < 400 * 6
    for line in lines:
        json.loads(line)  # every line written is whole
    assert _group_gone(proc.pid, within=10), "a worker outlived the run"


def _group_gone(group: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_progress_bar_with_rate_only_when_asked(embedded_dir, use_data_dir, tmp_path) -> None:
    use_data_dir(embedded_dir)
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    runner = CliRunner()
    shown = runner.invoke(app, ["extract", str(corpus), "--progress", "--limit", "20"])
    quiet = runner.invoke(app, ["extract", str(corpus), "--limit", "20"])
    assert shown.exit_code == quiet.exit_code == 0, shown.output
    assert "20/20" in shown.stderr and "reports/s" in shown.stderr
    assert "reports/s" not in quiet.stderr  # not a terminal: no bar unless asked
    assert shown.stdout == quiet.stdout


def test_a_threaded_process_does_not_fork(embedded_gazetteer) -> None:
    import threading

    docs = [
        Document(**{**_fields(d), "id": f"{d.id}-{n}"})
        for n in range(4)
        for d in read_documents([str(p) for p in sorted(SAMPLES.glob("*.txt"))])
    ]
    alone = parallel._context().get_start_method()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel._context().get_start_method() == "forkserver"
        threaded = records(process_stream(docs, process_document, embedded_gazetteer, workers=2))
    finally:
        stop.set()
        thread.join()
    assert threaded == records(
        process_stream(docs, process_document, embedded_gazetteer, workers=1)
    )
    assert alone in ("fork", "forkserver")  # fork only when no other thread runs


def test_forked_workers_adopt_the_parents_warm_caches(embedded_gazetteer, monkeypatch) -> None:
    docs = [
        Document(**{**_fields(d), "id": f"{d.id}-{n}"})
        for n in range(4)
        for d in read_documents([str(p) for p in sorted(SAMPLES.glob("*.txt"))])
    ]
    fresh = type(embedded_gazetteer)(embedded_gazetteer.path)
    results = list(process_stream(docs, process_document, fresh, workers=2))
    assert records(results) == records(
        process_stream(docs, process_document, embedded_gazetteer, workers=1)
    )
    assert fresh._cache  # the head ran here first, warming the parent's caches
    # What a forked worker's initialiser does with them:
    monkeypatch.setattr(parallel.signal, "signal", lambda *args: None)
    monkeypatch.setitem(parallel._PARENT, "gazetteer", fresh)
    monkeypatch.setattr(parallel, "_WORKER", {})
    parallel._init_worker(process_document, str(fresh.path), {})
    worker = parallel._WORKER["gazetteer"]
    assert worker is not fresh and worker._cache is fresh._cache


def test_adopting_caches_of_another_store_is_refused(embedded_gazetteer, tmp_path) -> None:
    other = tmp_path / "gazetteer.sqlite"
    other.write_bytes(embedded_gazetteer.path.read_bytes())
    with pytest.raises(ValueError, match="is not"):
        type(embedded_gazetteer)(other).adopt_caches(embedded_gazetteer)
