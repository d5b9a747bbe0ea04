"""Builds on a Dask ``distributed`` cluster: the per-document stages on the workers.

The reports are read here (ids must be unique across all inputs, which needs
one reader) and become a :mod:`dask.bag` of documents. Each partition is
geoparsed and its events extracted on a worker, which opens the gazetteer
read-only once per process, from the same path: on a cluster of several
machines that path must hold the same store on each (a shared file system, or
the store copied). The cross-document merge is one ordered reduction over the
partitions' events, so the events equal a single-process build's exactly.

Install the extra with ``pip install 'conflictgeo[dask]'``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from conflictgeo.errors import ConflictGeoError, InputError
from conflictgeo.geo.gazetteer import Gazetteer
from conflictgeo.merge import merge_events
from conflictgeo.model import Document, DocumentResult, Event

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
    from conflictgeo.parallel import default_workers

    if not log.isEnabledFor(logging.INFO):  # Dask logs its own start-up at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)

    if address == "local":
        cluster = LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,  # the stages are pure Python: processes, not threads
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running cluster
            silence_logs=logging.WARNING,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
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


def process_on_cluster(
    documents: Sequence[Document],
    gazetteer: Gazetteer,
    client: Any,
    *,
    partition_size: int = PARTITION_SIZE,
    **where: Any,
) -> tuple[list[DocumentResult], list[Event]]:
    """Every document's result, in input order, and the merged events.

    ``where`` takes :func:`~conflictgeo.pipeline.process_document`'s place
    restrictions (``country``, ``bbox``); the online fallback is per process
    and is refused here.
    """
    import dask
    import dask.bag as db

    if where.get("online") is not None:
        raise DaskError("--online asks a rate-limited service from one process: not with --dask")
    where = {k: v for k, v in where.items() if k != "online"}
    if not documents:
        return [], []
    bag = db.from_sequence(documents, partition_size=partition_size)
    results = bag.map_partitions(_process_partition, str(gazetteer.path), where)
    # One aggregate over every partition, in order: merging is order-dependent
    # (the first report's row is kept), so it is not split into a tree.
    merged = results.reduction(_partition_events, _merge_partitions, split_every=False)
    try:
        out, events = dask.compute(results, merged, scheduler=client.get)
    except OSError as error:
        raise DaskError(f"the Dask cluster failed: {error}") from error
    return list(out), list(events)


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
    documents: Iterable[Document], store: str, where: dict[str, Any]
) -> list[DocumentResult]:
    from conflictgeo.pipeline import process_document

    gazetteer = _worker_gazetteer(store)
    return [process_document(doc, gazetteer, **where) for doc in documents]


def _partition_events(results: Iterable[DocumentResult]) -> list[Event]:
    return [event for result in results for event in result.events]


def _merge_partitions(parts: Iterable[list[Event]]) -> list[Event]:
    return merge_events(event for part in parts for event in part)


def split_items(items: Iterable[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    """The documents and the errors of a read, each in input order."""
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in items:
        (errors if isinstance(item, InputError) else documents).append(item)  # type: ignore[arg-type]
    return documents, errors
