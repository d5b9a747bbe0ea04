"""One error hierarchy for the whole package.

Every error derives from :class:`ConflictGeoError` and, where one fits, from the
matching built-in, so callers can catch either. Messages say what to do next.
"""

from __future__ import annotations


class ConflictGeoError(Exception):
    """Root of every error conflictgeo raises on purpose."""


class InputError(ConflictGeoError, ValueError):
    """An input file or record cannot be read as a report.

    ``source`` names the file (and ``line`` the line, where one applies) so the
    message can point the user at it.
    """

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class InputNotFound(InputError, FileNotFoundError):
    """An input path does not exist."""


class DateParseError(ConflictGeoError, ValueError):
    """A date given by the user cannot be understood."""


class GazetteerError(ConflictGeoError, RuntimeError):
    """The gazetteer store cannot be built, opened or extended."""


class GazetteerNotFound(GazetteerError, LookupError):
    """A gazetteer file or source does not exist."""


class OutputError(ConflictGeoError, OSError):
    """An output cannot be written (permissions, disk, an unknown format)."""


class UnknownFormat(OutputError, LookupError):
    """An output format or file extension has no writer."""


class NothingToBuild(InputError):
    """No input of a build could be read: every path missing, empty or unreadable.

    ``errors`` holds the :class:`InputError` of each input that failed.
    """

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        why = f": {shown}{more}" if shown else " (the inputs hold no report)"
        super().__init__(
            f"nothing to build from, no report could be read{why}; nothing was written. "
            "Check the paths, or give files or folders of reports (.txt, .jsonl, .csv, .html)"
        )


class InputWarning(InputError):
    """A problem with an input that was still processed: a default stood in for
    an unreadable value (a record's ``published`` date), or the reader suspects
    the file's structure. Reported as a warning, not as a skipped input."""


class OutputLocked(OutputError):
    """Another build is writing the same outputs (or store) and did not finish in time."""


class ForeignOutput(OutputError, FileExistsError):
    """An output path holds a file conflictgeo did not write: it is never replaced."""


class ArgumentTypeError(ConflictGeoError, TypeError):
    """A function of the Python API was given a value of a type it does not take;
    the message says what it accepts."""
