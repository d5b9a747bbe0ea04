"""All outputs of a build or none: files staged under temporary names, moved in together.

A build writes every format (and a GeoPackage store) to a temporary file
beside its destination (``.events.geojson.k3j9.tmp.geojson``); only when every
one is complete are they moved into place, one :func:`os.replace` each. Before
the first move the list of moves is written to ``DIR/.conflictgeo.commit`` (the
journal); after the last it is removed. A build killed during the moves (a
few milliseconds) leaves the journal, and the next build to lock the
directory finishes the moves before it does anything else, so the outputs are
never a mix of two builds. SIGINT and SIGTERM that arrive during the moves are
handled after them.

Leftovers of a killed build (temporary files, GDAL's ``-journal`` files, a
directory moved aside) are removed by the next build that writes the same
outputs, under the lock (:func:`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = ["JOURNAL_NAME", "Staging", "finish_interrupted", "remove_leftovers", "reserve_temp"]

logger = logging.getLogger(__name__)

#: The journal's name, in the directory of the first output.
JOURNAL_NAME = ".conflictgeo.commit"


def reserve_temp(target: Path, extension: str) -> Path:
    """A fresh, unused name beside ``target`` for a writer (or GDAL) to create."""
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=f".tmp{extension}", dir=target.parent
    )
    os.close(fd)
    os.unlink(name)
    return Path(name)


class Staging:
    """The files of one build, written under temporary names, to move in together.

    A writer writes its file to :meth:`temp` (and names any file it writes beside
    it with :meth:`add`); :meth:`commit` moves them all into place, :meth:`discard`
    removes whatever was not moved. Use it as a context manager: leaving it
    discards.
    """

    def __init__(self) -> None:
        self.moves: list[tuple[Path, Path]] = []
        self.obsolete: list[Path] = []
        #: Called once every file is in place, before a SIGINT held back meanwhile is
        #: handled (so a caller can note that its outputs are complete).
        self.on_commit: list[Callable[[], None]] = []

    def temp(self, target: Path, extension: str) -> Path:
        """A temporary name for ``target``, moved onto it by :meth:`commit`."""
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = reserve_temp(target, extension)
        self.moves.append((temp, target))
        return temp

    def add(self, temp: Path, target: Path) -> None:
        """Move ``temp`` (a file written beside a staged one) onto ``target`` too."""
        self.moves.append((temp, target))

    def remove_after(self, path: Path) -> None:
        """Remove ``path`` once the files are in place (a file the new ones make obsolete)."""
        self.obsolete.append(path)

    @property
    def targets(self) -> list[Path]:
        return [target for _, target in self.moves]

    def commit(self) -> list[Path]:
        """Move every staged file into place; the targets moved, in staging order.

        Raises :class:`OSError` naming the target that could not be moved.
        """
        moves = [(temp, target) for temp, target in self.moves if temp.exists()]
        for temp, _ in moves:
            _fsync(temp)
        if not moves:
            for call in self.on_commit:
                call()
            return []
        journal = moves[0][1].parent / JOURNAL_NAME
        with _signals_deferred():
            _write_journal(journal, moves)
            done = 0
            try:
                for temp, target in moves:
                    _move(temp, target)
                    done += 1
            except OSError as exc:
                if done == 0:  # nothing moved: as if the build had not written
                    journal.unlink(missing_ok=True)
                else:  # the journal and the files not moved yet let the next build finish
                    self.moves = []
                raise OSError(exc.errno, exc.strerror, str(moves[done][1])) from exc
            journal.unlink(missing_ok=True)
            for path in self.obsolete:
                _remove(path)
            for directory in {target.parent for _, target in moves}:
                _fsync_directory(directory)
            for call in self.on_commit:
                call()
        self.moves, self.obsolete = [], []
        return [target for _, target in moves]

    def discard(self) -> None:
        """Remove the staged files that were not moved into place (and what GDAL or
        SQLite made beside them: ``-journal``, ``-wal``)."""
        for temp, _ in self.moves:
            _remove(temp)
            for beside in temp.parent.glob(glob_escape(temp.name) + "-*"):
                _remove(beside)
        self.moves = []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def finish_interrupted(directory: Path) -> list[Path]:
    """Finish the moves of a build killed while it moved its files into ``directory``.

    Call it holding the directory's lock. Returns the targets moved now.
    """
    journal = Path(directory) / JOURNAL_NAME
    try:
        moves = [(Path(a), Path(b)) for a, b in json.loads(journal.read_text(encoding="utf-8"))]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError):
        logger.warning("ignoring %s: it cannot be read", journal)
        journal.unlink(missing_ok=True)
        return []
    done = []
    with _signals_deferred():
        for temp, target in moves:
            if temp.exists():
                _move(temp, target)
                done.append(target)
        journal.unlink(missing_ok=True)
    if done:
        logger.warning(
            "finished writing %s: the build that wrote them was stopped while it moved "
            "them into place",
            ", ".join(str(t) for t in done),
        )
    return done


def remove_leftovers(targets: Iterable[Path]) -> None:
    """Remove the temporary files a killed build left beside ``targets``.

    Call it holding the lock of the targets' directories: another build's
    files in progress would be removed too.
    """
    for target in targets:
        if not target.parent.is_dir():
            continue
        for leftover in target.parent.glob(f".{glob_escape(target.name)}.*"):
            if leftover.name.endswith(".old") or ".tmp" in leftover.name:
                logger.info("removing %s, left by an interrupted build", leftover)
                _remove(leftover)


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


# -- helpers ---------------------------------------------------------------------------------


def _move(temp: Path, target: Path) -> None:
    """``os.replace``, also over a directory (a Dask build's Parquet dataset)."""
    if target.is_dir() and not target.is_symlink():
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.replace(target, aside / target.name)
        os.replace(temp, target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(temp, target)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _write_journal(journal: Path, moves: list[tuple[Path, Path]]) -> None:
    text = json.dumps([[os.path.abspath(a), os.path.abspath(b)] for a, b in moves])
    temp = reserve_temp(journal, ".json")
    try:
        temp.write_text(text, encoding="utf-8")
        _fsync(temp)
        os.replace(temp, journal)
    except OSError:
        _remove(temp)
        raise
    _fsync_directory(journal.parent)


def _fsync(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            if child.is_file():
                _fsync(child)
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened there
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the files move; handle them afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(sig)
        if handler is None or handler == signal.SIG_IGN:  # not Python's to swap, or ignored
            continue
        previous[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in caught:
            signal.raise_signal(sig)
