"""One writer at a time: an operating-system lock on a file beside the outputs.

Every build that writes into a directory (``events.gpkg``, ``events.geojson``,
...) or adds to a store there holds ``DIR/.conflictgeo.lock`` exclusively from
the moment it reads what is there until its files are in place, so two builds
never interleave their read, merge and write, and a store that does not exist
yet is created by one of them only. The lock is the operating system's
(``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows): it goes with the
process, so a killed build leaves no stale lock, only a file that the next
build takes over (a build that finishes removes it). A second build waits for
the first (and says so in the log), up to :data:`WAIT` seconds, then fails
with :class:`~conflictgeo.errors.OutputLocked`.

A process may take the same lock again while it holds it (a build that adds to
``OUTDIR/events.gpkg`` and writes ``OUTDIR/events.geojson`` holds one lock). A
build that needs two directories' locks takes them together, in path order
(:func:`lock_all`), so two builds never wait for each other in a circle.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from conflictgeo.errors import OutputError, OutputLocked

__all__ = ["LOCK_NAME", "WAIT", "OutputLock", "lock_all", "lock_path"]

logger = logging.getLogger(__name__)

#: Seconds a build waits for another build's lock before it gives up (``None``:
#: as long as the other build runs).
WAIT: float | None = None

_POLL = 0.1  # seconds between tries while another build holds the lock

# Locks this process holds: path -> [file descriptor, depth]. flock() locks belong
# to an open file, so a second open of the same file in this process would wait for
# the first: the same lock is counted instead.
_HELD: dict[str, list[int]] = {}
_GUARD = threading.Lock()


#: The lock file's name, in the directory of the outputs.
LOCK_NAME = ".conflictgeo.lock"


def lock_path(directory: Path | str) -> Path:
    """The lock file of the outputs in ``directory``."""
    return Path(directory) / LOCK_NAME


@contextlib.contextmanager
def lock_all(targets: Iterable[Path | str]) -> Iterator[list[OutputLock]]:
    """Hold the locks of every directory of ``targets`` (files), taken in path order."""
    directories = sorted({os.path.abspath(Path(t).parent) for t in targets})
    locks = [OutputLock(lock_path(d), what=d) for d in directories]
    try:
        for lock in locks:
            lock.acquire()
        yield locks
    finally:
        for lock in reversed(locks):
            lock.release()


class OutputLock:
    """An exclusive lock on ``path`` (see the module docstring).

    Parameters
    ----------
    path : pathlib.Path
        The lock file (:func:`lock_path`); created, with its directory, if missing.
    what : str
        What the lock guards, for messages ("out/events.gpkg").
    wait : float or None, optional
        Seconds to wait for another holder; default :data:`WAIT`.
    """

    def __init__(
        self, path: Path | str, *, what: str, wait: float | str | None = "default"
    ) -> None:
        self.path = Path(path)
        self.what = what
        self._wait = wait
        self._held = False

    @property
    def wait(self) -> float | None:
        """Seconds to wait for another holder (``None``: without limit)."""
        return WAIT if self._wait == "default" else self._wait  # type: ignore[return-value]

    def acquire(self) -> OutputLock:
        if self._held:
            return self
        key = os.path.abspath(self.path)
        with _GUARD:
            held = _HELD.get(key)
            if held is not None:
                held[1] += 1
                self._held = True
                return self
        fd = self._take()
        _note_holder(fd)
        with _GUARD:
            _HELD[key] = [fd, 1]
        self._held = True
        return self

    def _take(self) -> int:
        """Open and lock the file; again if a holder removed it meanwhile."""
        start = time.monotonic()
        while True:
            fd = self._open()
            try:
                self._wait_for(fd, start)
            except BaseException:
                os.close(fd)
                raise
            if _same_file(fd, self.path):
                return fd
            _unlock(fd)  # the file we locked was removed by the build before us
            os.close(fd)

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        key = os.path.abspath(self.path)
        with _GUARD:
            held = _HELD.get(key)
            if held is None:
                return
            held[1] -= 1
            if held[1] > 0:
                return
            del _HELD[key]
        # Removed while still locked: a build that opened it meanwhile finds it gone
        # once it gets the lock (_same_file) and opens the path again.
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(held[0])
        os.close(held[0])

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.release()

    def _open(self) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except PermissionError:  # another user's lock file: flock needs no write access
                return os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise OutputError(
                f"cannot write {self.what}: cannot create its lock file {self.path} "
                f"({exc.strerror or exc}); choose another output or make the directory writable"
            ) from exc

    def _wait_for(self, fd: int, start: float) -> None:
        told = False
        while not _try_lock(fd):
            waited = time.monotonic() - start
            if self.wait is not None and waited >= self.wait:
                raise OutputLocked(
                    f"cannot write {self.what}: another conflictgeo build{_holder(self.path)} "
                    f"is writing there (lock {self.path}, waited {waited:.0f} s); nothing was "
                    "changed. Run this build again when that one has finished"
                )
            if not told:
                logger.warning(
                    "another conflictgeo build%s is writing into %s; waiting for it to finish "
                    "(lock %s)",
                    _holder(self.path),
                    self.what,
                    self.path,
                )
                told = True
            time.sleep(_POLL)
        if told:
            logger.warning("the other build has finished; going on with %s", self.what)


# -- the operating system's locks ------------------------------------------------------------

if os.name == "nt":  # pragma: no cover - tested on POSIX
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return os.name == "nt" or (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _note_holder(fd: int) -> None:
    """Write who holds the lock into the file, for the message of a build that waits."""
    if not hasattr(os, "pwrite"):  # Windows: a range msvcrt locks cannot be read anyway
        return
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 1)  # byte 0 is the one msvcrt would lock; the text comes after it
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 1)


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError):
        text = path.read_bytes()[1:].decode("utf-8", "replace").strip()
        if text.startswith("pid "):
            return f" ({text})"
    return ""
