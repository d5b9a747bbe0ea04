"""Builds on a Dask ``distributed`` cluster: the per-document stages on the workers.

The reports are read here (ids must be unique across all inputs, which needs
one reader) and become a :mod:`dask.bag` of documents. Each partition is
geoparsed and its events extracted on a worker, which opens the gazetteer
read-only once per process, from the same path: on a cluster of several
machines that path must hold the same store on each (a shared file system, or
the store copied). The cross-document merge is one ordered reduction over the
partitions' events, so the events equal a single-process build's exactly.
The workers can write the merged events as a partitioned GeoParquet dataset
(dask-geopandas) themselves; the client follows the partitions as they finish
(progress) and cancels the run on Ctrl-C.

Install the extra with ``pip install 'conflictgeo[dask]'``.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictgeo.errors import ConflictGeoError, InputError
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.layers import sort_events
from conflictgeo.merge import DEFAULT_RULES, MergeRules, merge_events
from conflictgeo.model import Document, DocumentResult, Event
from conflictgeo.run.pool import Process, default_workers

log = logging.getLogger(__name__)

PARTITION_SIZE = 64  # documents per task: a few hundred ms of work, small to ship
CONNECT_TIMEOUT = "10s"  # to reach a remote scheduler


class DaskError(ConflictGeoError, RuntimeError):
    """The Dask cluster cannot be reached or used."""


@contextlib.contextmanager
def connect(address: str, *, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``address``; ``"local"`` starts a LocalCluster.

    A local cluster has ``workers`` single-threaded worker processes (default:
    all cores) and is closed on exit; a remote scheduler is only disconnected.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:  # an optional dependency
        raise DaskError("--dask needs Dask distributed: pip install 'conflictgeo[dask]'") from error

    if not log.isEnabledFor(logging.INFO):  # Dask logs its own start-up at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)

    if address == "local":
        with _ctrl_c_held():
            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,  # the stages are pure Python: processes, not threads
                processes=True,
                dashboard_address=":0",  # any free port: never clash with a running cluster
                # A stopped run makes workers log lost heartbeats and cancelled tasks; a
                # failed task is raised here anyway, with its error.
                silence_logs=logging.CRITICAL,
            )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            if not log.isEnabledFor(logging.INFO):  # after a Ctrl-C a busy worker is killed
                logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
            cluster.close()
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskError(
            f"--dask {address}: cannot reach a Dask scheduler there ({error}); "
            "start one with `dask scheduler` or use --dask local"
        ) from error
    with client:
        yield client


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ignore Ctrl-C while a local cluster starts its worker processes.

    Ctrl-C reaches the whole process group. Workers started meanwhile inherit
    the ignored signal, so only this process acts on it and stops the run
    (closing the cluster) instead of every worker dying with a traceback. A
    child's blocked-signal mask is reset by ``spawn``; an ignored signal is
    not. The price: a Ctrl-C during those few seconds of start-up is lost.
    """
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@dataclass(slots=True)
class ClusterRun:
    """What a run on the cluster gave back to the client."""

    results: list[DocumentResult] = field(default_factory=list)  # in input order, if collected
    events: list[Event] = field(default_factory=list)  # merged, in layer order, if collected
    documents: int = 0
    mentions: int = 0
    merged_events: int = 0
    parquet: Path | None = None  # the partitioned GeoParquet dataset the workers wrote


def process_on_cluster(
    documents: Sequence[Document],
    process: Process,
    gazetteer: Gazetteer,
    client: Any,
    *,
    partition_size: int = PARTITION_SIZE,
    rules: MergeRules | None = DEFAULT_RULES,
    parquet: Path | None = None,
    collect: bool = True,
    on_document: Callable[[Document], None] | None = None,
    **where: Any,
) -> ClusterRun:
    """Process ``documents`` on the cluster: results, merged events, GeoParquet.

    ``process(document, gazetteer, **where)`` is the per-document job, such as
    :func:`~conflictgeo.document.process_document`, and ``where`` its place
    restrictions (``country``, ``bbox``); the online fallback is per process
    and is refused here. ``rules`` are the merge rules (``None``: no merging).

    With ``collect`` the results and the merged events come back to the
    client; without, only the counts do. With ``parquet`` (a path) the workers
    write the merged events as a partitioned GeoParquet dataset there, one
    file per input partition (``part.0.parquet``, ..., zero-padded), each
    holding the events first reported in that partition: read in name order,
    the files give the rows of a one-process build's ``events.parquet`` in its
    order. The dataset is written into a hidden directory beside ``parquet``
    and moved there when complete, so the workers must see that directory (a
    local cluster, or an output directory on a file system the workers share).

    ``on_document`` is called for each document of a partition as soon as
    that partition is processed, for progress.
    """
    if where.get("online") is not None:
        raise DaskError("--online asks a rate-limited service from one process: not with --dask")
    where = {k: v for k, v in where.items() if k != "online"}
    if not documents:
        return ClusterRun()
    store = str(gazetteer.path)
    if parquet is None:
        return _run(
            documents,
            process,
            store,
            client,
            partition_size,
            rules,
            None,
            collect,
            on_document,
            where,
        )
    from conflictgeo.export.parquet import replace_dataset

    runs: list[ClusterRun] = []

    def write(directory: Path) -> None:
        runs.append(
            _run(
                documents,
                process,
                store,
                client,
                partition_size,
                rules,
                directory,
                collect,
                on_document,
                where,
            )
        )

    path = replace_dataset(Path(parquet), write)
    runs[0].parquet = path
    return runs[0]


def _run(
    documents: Sequence[Document],
    process: Process,
    store: str,
    client: Any,
    partition_size: int,
    rules: MergeRules | None,
    directory: Path | None,
    collect: bool,
    on_document: Callable[[Document], None] | None,
    where: dict[str, Any],
) -> ClusterRun:
    import dask.bag as db
    from dask import delayed
    from toolz import partition_all

    chunks = list(partition_all(partition_size, documents))  # as from_sequence splits them
    # Signals wait for a safe point from here on: see _signals_deferred.
    with _signals_deferred() as check:
        futures: list[Any] = []
        try:
            bag = db.from_sequence(documents, partition_size=partition_size)
            if bag.npartitions != len(chunks):  # progress needs each partition's documents
                raise DaskError(f"expected {len(chunks)} partitions, Dask made {bag.npartitions}")
            parts = bag.map_partitions(_process_partition, process, store, where).to_delayed()
            # One aggregate over every partition, in order: merging is order-dependent
            # (the first report's row is kept), so it is not split into a tree.
            partition_events = [delayed(_partition_events)(p) for p in parts]
            groups = delayed(_merge_partitions)(partition_events, rules)
            # What the client waits on per partition: the results, or only their counts.
            done = parts if collect else [delayed(_counts)(p) for p in parts]
            targets: list[Any] = [delayed(_count_events)(groups)]
            if collect:
                targets.append(groups)
            if directory is not None:
                targets.append(_parquet_write(groups, len(parts), directory))
            futures = client.compute([*done, *targets])
            index = {future.key: i for i, future in enumerate(futures[: len(done)])}
            for future in _as_finished(futures[: len(done)], check):
                if on_document is not None:
                    for doc in chunks[index[future.key]]:
                        on_document(doc)
            for _ in _as_finished(futures[len(done) :], check):  # the merge and the files
                pass
            gathered = client.gather(futures)
        except OSError as error:
            client.cancel(futures)
            where_to = (
                f"; the workers write GeoParquet into {directory.parent}, which must be on a "
                "file system they share"
                if directory is not None
                else ""
            )
            raise DaskError(f"the Dask cluster failed: {error}{where_to}") from error
        except BaseException:  # Ctrl-C or a failed task: stop the rest of the work
            client.cancel(futures)
            raise
    per_part, rest = gathered[: len(done)], gathered[len(done) :]
    run = ClusterRun(merged_events=rest[0])
    if collect:
        run.results = [result for part in per_part for result in part]
        run.events = [event for group in rest[1] for event in group]
        per_part = [_counts(part) for part in per_part]
    run.documents = sum(n for n, _ in per_part)
    run.mentions = sum(m for _, m in per_part)
    if directory is not None:
        written = len(list(directory.glob("*.parquet")))
        if written != len(parts):
            raise DaskError(
                f"the workers wrote {written} of {len(parts)} GeoParquet files where this "
                f"machine sees them ({directory.parent}): give -o a directory on a file "
                "system the workers share"
            )
    return run


POLL = 0.2  # seconds between looks at a deferred Ctrl-C while the cluster works


@contextlib.contextmanager
def _signals_deferred() -> Iterator[Callable[[], None]]:
    """Hold Python's SIGINT / SIGTERM handlers back until ``check()`` is called.

    A handler that raises (Ctrl-C's ``KeyboardInterrupt``, the CLI's stop) can
    fire inside a garbage-collector callback or a ``__del__``, of which the
    Dask client and an in-process scheduler run many, and there the exception
    is printed and dropped: the run would go on. Instead the signal is noted,
    and ``check()`` runs the original handler where raising is safe.
    """
    caught: list[int] = []
    previous: dict[int, Any] = {}

    def note(signum: int, frame: object) -> None:
        caught.append(signum)

    def restore() -> None:
        while previous:
            signum, handler = previous.popitem()
            signal.signal(signum, handler)

    def check() -> None:
        if caught and previous:
            handler = previous[caught[0]]
            restore()
            handler(caught[0], None)

    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            handler = signal.getsignal(signum)
            if callable(handler):  # a Python handler (not the default or ignored)
                previous[signum] = signal.signal(signum, note)
    except ValueError:  # not the main thread: signals are not ours to handle
        restore()
    try:
        yield check
    finally:
        restore()


def _as_finished(futures: Sequence[Any], check: Callable[[], None]) -> Iterator[Any]:
    """``futures`` as they finish (or fail), calling ``check`` at least every :data:`POLL` s."""
    from distributed import as_completed

    finished = as_completed(futures)
    while not finished.is_empty():
        check()
        batch = finished.next_batch(block=False)
        if not batch:
            time.sleep(POLL)
        yield from batch
    check()


def _parquet_write(groups: Any, partitions: int, directory: Path) -> Any:
    """The task writing each partition's merged events to ``directory``, one file each."""
    import dask.dataframe as dd
    import dask_geopandas  # noqa: F401  (makes GeoDataFrame partitions a GeoDataFrame collection)
    from dask import delayed

    from conflictgeo.export.parquet import geoparquet_frame
    from conflictgeo.layers import events_frame

    frames = [delayed(_events_partition)(groups[i]) for i in range(partitions)]
    meta = geoparquet_frame(events_frame([]))
    width = len(str(partitions - 1))  # zero-padded: name order is partition order
    write = dd.from_delayed(frames, meta=meta, verify_meta=False).to_parquet(
        str(directory),
        compute=False,
        write_index=False,
        compression="zstd",
        name_function=lambda i: f"part.{i:0{width}d}.parquet",
    )
    return write.to_delayed()  # one kind of graph with the delayed tasks it depends on


_STORES: dict[str, Gazetteer] = {}


def _worker_gazetteer(store: str) -> Gazetteer:
    """The store opened read-only once per worker process, not once per task."""
    if store not in _STORES:
        path = Path(store)
        if not path.exists():
            raise DaskError(f"{store}: no gazetteer on this worker; give every worker the store")
        _STORES[store] = Gazetteer(path)
    return _STORES[store]


def _process_partition(
    documents: Iterable[Document], process: Process, store: str, where: dict[str, Any]
) -> list[DocumentResult]:
    gazetteer = _worker_gazetteer(store)
    return [process(doc, gazetteer, **where) for doc in documents]


def _partition_events(results: Iterable[DocumentResult]) -> list[Event]:
    return [event for result in results for event in result.events]


def _counts(results: Sequence[DocumentResult]) -> tuple[int, int]:
    """Documents and place mentions of a partition."""
    return len(results), sum(len(result.mentions) for result in results)


def _merge_partitions(parts: Sequence[list[Event]], rules: MergeRules | None) -> list[list[Event]]:
    """The merged events of all partitions, in layer order, grouped by the partition
    of the report each event's row comes from."""
    partition: dict[str, int] = {}
    doc_order: dict[str, int] = {}
    for i, part in enumerate(parts):
        for event in part:
            partition.setdefault(event.doc_id, i)
            doc_order.setdefault(event.doc_id, len(doc_order))  # parts are in input order
    merged = merge_events((event for part in parts for event in part), rules=rules)
    groups: list[list[Event]] = [[] for _ in parts]
    for event in sort_events(merged, doc_order):
        groups[partition[event.doc_id]].append(event)
    return groups


def _count_events(groups: Sequence[list[Event]]) -> int:
    return sum(len(group) for group in groups)


def _events_partition(events: list[Event]) -> Any:
    from conflictgeo.export.parquet import geoparquet_frame
    from conflictgeo.layers import events_frame

    return geoparquet_frame(events_frame(events))


def split_items(items: Iterable[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    """The documents and the errors of a read, each in input order."""
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in items:
        (errors if isinstance(item, InputError) else documents).append(item)  # type: ignore[arg-type]
    return documents, errors
