"""Per-document stages on a pool of worker processes, streamed in input order.

Every document is processed independently by the per-document function the
caller passes (:func:`conflictgeo.document.process_document`), so
the work splits into batches of documents sent to worker processes. Results come
back in input order whatever the number of workers, and event ids are content
hashes, so the output is the same for any ``workers``. At most a few batches per
worker are in flight: memory stays flat however long the input is.

A caller that only needs, say, output lines passes ``render``: workers then send
back what it makes of each result (bytes, say) instead of the mentions and
events, so the parent neither unpickles objects nor serialises them itself.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, overload

from conflictgeo.errors import InputError
from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.model import Document, DocumentResult, Event, Mention

# Documents per task: a round trip costs the parent's pool threads about 0.4 ms,
# a tenth of a batch of 8 warm reports (2,364 reports: 3 % less CPU with 32).
BATCH = 32
HEAD = 16  # run here before a pool starts: fewer documents than this never start one
IN_FLIGHT = 4  # batches queued per worker: keeps workers busy, memory bounded

Item = Document | InputError
Parts = tuple[tuple[Mention, ...], tuple[Event, ...]]  # a DocumentResult without its document
R = TypeVar("R")
Render = Callable[[DocumentResult], Any]
#: The per-document job: ``process(document, gazetteer, **where)``.
Process = Callable[..., DocumentResult]


def default_workers() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def limit_documents(items: Iterable[Item], limit: int | None) -> Iterator[Item]:
    """``items`` up to and including the ``limit``-th document (errors pass through)."""
    if limit is None:
        yield from items
        return
    if limit <= 0:
        return
    seen = 0
    for item in items:
        yield item
        if isinstance(item, Document):
            seen += 1
            if seen >= limit:
                return


@overload
def process_stream(
    items: Iterable[Item],
    process: Process,
    gazetteer: Gazetteer,
    *,
    workers: int = ...,
    render: None = ...,
    warm_up: Callable[[], None] | None = ...,
    **where: Any,
) -> Iterator[DocumentResult | InputError]: ...


@overload
def process_stream(
    items: Iterable[Item],
    process: Process,
    gazetteer: Gazetteer,
    *,
    workers: int = ...,
    render: Callable[[DocumentResult], R],
    warm_up: Callable[[], None] | None = ...,
    **where: Any,
) -> Iterator[R | InputError]: ...


def process_stream(
    items: Iterable[Item],
    process: Process,
    gazetteer: Gazetteer,
    *,
    workers: int = 1,
    render: Render | None = None,
    warm_up: Callable[[], None] | None = None,
    **where: Any,
) -> Iterator[Any]:
    """Process every document of ``items``; yield results and errors in input order.

    ``process(document, gazetteer, **where)`` is the per-document job (a
    module-level function, so that it can be sent to a worker), such as
    :func:`~conflictgeo.document.process_document` with its keyword arguments
    (``country``, ``bbox``, ``online``, ``events_only``). With ``workers`` > 1 the
    documents go to that many processes, each opening the gazetteer read-only.
    The online fallback keeps its per-process rate limit only in one process, so
    with ``online`` the work stays here.

    With ``render`` (a module-level function, so that it can be sent to a worker)
    ``render(result)`` is yielded instead of each result, made where the document
    was processed.

    ``warm_up()``, if given, runs once before the pool starts: it loads what
    each worker would otherwise load on first use, so that forked workers share
    it (see :func:`conflictgeo.document.warm_up`).
    """

    def run(item: Item) -> Any:
        if isinstance(item, InputError):
            return item
        result = process(item, gazetteer, **where)
        return result if render is None else render(result)

    source = iter(items)
    if workers > 1 and where.get("online") is None:
        # A pool costs a start-up: inputs of fewer than HEAD documents run here.
        head = list(itertools.islice(source, HEAD))
        if len(head) == HEAD:
            # The head runs here first: it warms the lazy tables and the gazetteer's
            # caches, which forked workers then share instead of each building its own.
            for item in head:
                yield run(item)
            if warm_up is not None:
                warm_up()
            yield from _pooled(source, process, gazetteer, workers, where, render)
            return
        source = iter(head)
    for item in source:
        yield run(item)


def _pooled(
    items: Iterable[Item],
    process: Process,
    gazetteer: Gazetteer,
    workers: int,
    where: dict[str, Any],
    render: Render | None,
) -> Iterator[Any]:
    context = _context()
    # A forked worker inherits this process's memory: it adopts the parent's warm
    # gazetteer caches (copy-on-write) rather than filling its own from SQLite.
    _PARENT["gazetteer"] = gazetteer if context.get_start_method() == "fork" else None
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(process, str(gazetteer.path), where, render),
    )
    # Each entry is a batch (its documents and future) or an input error, in input order.
    pending: deque[tuple[list[Document], Future[list[Any]]] | InputError] = deque()
    cap = workers * IN_FLIGHT
    source = iter(items)
    exhausted = False
    clean = False
    try:
        while True:
            while not exhausted and len(pending) < cap:
                batch: list[Document] = []
                for item in source:
                    if isinstance(item, InputError):
                        if batch:  # keep order: the documents before it go first
                            pending.append((batch, pool.submit(_run_batch, batch)))
                            batch = []
                        pending.append(item)
                        if len(pending) >= cap:
                            break
                    else:
                        batch.append(item)
                        if len(batch) == BATCH:
                            break
                else:
                    exhausted = True
                if batch:
                    pending.append((batch, pool.submit(_run_batch, batch)))
            if not pending:
                break
            head = pending.popleft()
            if isinstance(head, InputError):
                yield head
            else:
                docs, future = head
                if render is not None:
                    yield from future.result()
                    continue
                for doc, (mentions, events) in zip(docs, future.result(), strict=True):
                    yield DocumentResult(doc, mentions, events)
        clean = True
    finally:
        # On Ctrl-C or an error downstream: drop queued work, do not wait for it.
        pool.shutdown(wait=clean, cancel_futures=not clean)


def _context() -> multiprocessing.context.BaseContext:
    """How to start workers: fork when that is safe, else a fork server.

    Forking copies this process with everything imported, so workers start at
    once; but a process running other threads (the progress bar's refresh
    thread) must not fork, as a lock held by such a thread would stay held in
    the child. Then workers come from a fork server that preloaded the per-document stages.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["conflictgeo.document"])
        return ctx
    return multiprocessing.get_context("spawn")


_WORKER: dict[str, Any] = {}
_PARENT: dict[str, Gazetteer | None] = {}


def _init_worker(
    process: Process, store: str, where: dict[str, Any], render: Render | None = None
) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker has the CLI's handler
    gazetteer = Gazetteer(Path(store))
    parent = _PARENT.get("gazetteer")
    if parent is not None and parent.path == gazetteer.path:
        gazetteer.adopt_caches(parent)
    _WORKER["process"] = process
    _WORKER["gazetteer"] = gazetteer
    _WORKER["where"] = where
    _WORKER["render"] = render


def _run_batch(batch: list[Document]) -> list[Parts] | list[Any]:
    process, gazetteer = _WORKER["process"], _WORKER["gazetteer"]
    where, render = _WORKER["where"], _WORKER["render"]
    out: list[Any] = []
    for doc in batch:
        result = process(doc, gazetteer, **where)
        # The parent holds the documents: only what was found travels back.
        out.append((result.mentions, result.events) if render is None else render(result))
    return out
