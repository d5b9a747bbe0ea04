"""The command line: the only module that talks to the terminal.

Data goes to stdout; progress, warnings and errors go to stderr. Exit codes:
0 all good, 1 some inputs were skipped or read with a warning (the rest was
processed), 2 the command could not run (bad option, unwritable output, no
gazetteer) or no input could be read (nothing was processed), 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from conflictgeo._version import __version__
from conflictgeo.errors import ConflictGeoError, InputError, InputWarning
from conflictgeo.model import Document, DocumentResult


class _Argument(TyperArgument):
    """An argument shown the usual way: ``INPUT...`` in the usage line, no Python type."""

    @property
    def display_name_raw(self) -> str:
        # typer adds "..." itself to a many-valued argument without a metavar
        name = (self.metavar or self.name or "").upper()
        return name + ("..." if self.nargs != 1 and self.metavar is not None else "")

    def display_type(self, ctx: click.Context) -> str:
        return ""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw + ("..." if self.nargs != 1 and self.metavar is None else "")
        return name if self.required else f"[{name}]"


class _Option(TyperOption):
    """An option shown the usual way: a flag alone, a value by its metavar (``--out DIR``)."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "value").upper()


def _conventional(command: click.Command) -> click.Command:
    """Give a command's parameters the help conventions of :class:`_Argument` / :class:`_Option`."""
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option
    if type(command) is TyperCommand:
        command.__class__ = _Command
    return command


class _Command(TyperCommand):
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and type(option) is TyperOption:
            option.__class__ = _Option
        return option


class _Group(TyperGroup):
    """Typer's group, whose commands show their help in the usual Unix way (typer >= 0.2x
    shows Python types: ``<bool>``, ``<list[str]>``, ``{inputs}...``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _conventional(self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return _conventional(command) if command is not None else None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and type(option) is TyperOption:
            option.__class__ = _Option
        return option


app = typer.Typer(
    name="conflictgeo",
    help="Turn news reports of armed conflict into a geodatabase of located events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
)
gazetteer_app = typer.Typer(
    help="Manage the gazetteer (places and their names).", no_args_is_help=True, cls=_Group
)
app.add_typer(gazetteer_app, name="gazetteer")
# emoji=False: a ":name:" in a path or a report is text, not an emoji code
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

#: The output formats (``conflictgeo.export.WRITERS``, named here so that help
#: needs no import of the writers; tests/test_cli.py keeps them equal).
FORMATS = ("gpkg", "geojson", "csv", "geojsonseq", "parquet", "acled", "ucdp")

Inputs = Annotated[
    list[str],
    typer.Argument(metavar="INPUT", help="Files, directories, or - for stdin.", show_default=False),
]
Published = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date for inputs that carry none (e.g. 2013-08-14).",
    ),
]
Country = Annotated[
    str | None,
    typer.Option(
        "--country",
        metavar="CC",
        help="ISO country code: only consider places in this country (e.g. SY).",
    ),
]
BBoxOpt = Annotated[
    str | None,
    typer.Option(
        "--bbox",
        metavar="W,S,E,N",
        help="Only consider places inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"
        " (e.g. 35.5,32.3,42.4,37.4).",
    ),
]
Online = Annotated[
    str | None,
    typer.Option(
        "--online",
        metavar="SERVICE",
        help="Ask an online service (nominatim or geonames) for cued names the gazetteer "
        "lacks. Off by default; answers are cached and rate-limited.",
    ),
]
Contact = Annotated[
    str | None,
    typer.Option(
        "--contact",
        metavar="EMAIL",
        help="Your e-mail or URL, sent to the online service as asked.",
    ),
]
TextColumn_ = Annotated[
    str | None,
    typer.Option(
        "--text-column", metavar="NAME", help="CSV column / JSON field holding the report text."
    ),
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        metavar="N",
        help="Worker processes for the per-document stages (default: all cores).",
    ),
]
Limit = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, metavar="N", help="Stop after the first N reports (trial runs)."
    ),
]
ShowProgress = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress bar with reports/s on stderr (default: when stderr is a terminal).",
    ),
]


def main() -> None:
    """Entry point of the ``conflictgeo`` script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    # Ctrl-C and `kill` stop a run: workers cancelled, no file half-written. Typer
    # would turn a KeyboardInterrupt into a silent exit, so it gets one of ours.
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except (KeyboardInterrupt, _Interrupted):
        err.print(
            _ON_INTERRUPT[0]
            if _ON_INTERRUPT
            else "interrupted: nothing half-written was left behind"
        )
        sys.exit(130)
    except SystemExit as done:
        if _SIGNALLED and done.code in (0, 1, None):  # the stop came too late to cut it short
            err.print("interrupted after the run had finished: its output is complete")
            sys.exit(130)
        raise


class _Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised past every ``except Exception`` up to :func:`main`."""


_SIGNALLED: list[int] = []
#: What an interrupt leaves, said when one stops the command (set by the command as it goes).
_ON_INTERRUPT: list[str] = []


def _interrupt(signum: int, frame: object) -> None:
    # Raised at an arbitrary point, the exception may land in a __del__ or a
    # garbage-collector callback, where Python prints and drops it: the signal
    # is noted too, and the next document raises it again (_stop_if_signalled).
    _SIGNALLED.append(signum)
    raise _Interrupted


def _stop_if_signalled() -> None:
    if _SIGNALLED:
        raise _Interrupted


def _show_version(value: bool) -> None:
    # Eager: runs while the options are parsed, before a missing command is an error.
    if value:
        typer.echo(f"conflictgeo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Show the version and exit."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    if verbose:
        logging.getLogger().setLevel(logging.INFO)


# --------------------------------------------------------------------- build


@app.command()
def build(
    inputs: Inputs,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="DIR", help="Output directory.")
    ] = None,
    published: Published = None,
    country: Country = None,
    bbox: BBoxOpt = None,
    online: Online = None,
    contact: Contact = None,
    text_column: TextColumn_ = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMATS",
            help="Comma-separated output formats, of: " + ", ".join(FORMATS) + ".",
        ),
    ] = "gpkg,geojson,csv",
    append: Annotated[
        bool, typer.Option("--append", help="Add to OUTDIR/events.gpkg instead of replacing it.")
    ] = False,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", metavar="FILE.gpkg", help="Add to this GeoPackage (implies --append)."
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="URL", help="Add to this PostGIS database (postgresql://user@host/db)."
        ),
    ] = None,
    workers: Workers = None,
    limit: Limit = None,
    progress_bar: ShowProgress = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="SCHEDULER",
            help="Run the per-document stages on a Dask cluster: a scheduler address "
            "(tcp://host:8786) or 'local' for a local cluster of --workers processes.",
        ),
    ] = None,
    merge_days: Annotated[
        int,
        typer.Option(
            "--merge-days",
            min=0,
            metavar="N",
            help="Days apart two reports of one event may be dated (0: same day or overlap).",
        ),
    ] = 0,
    merge_km: Annotated[
        float,
        typer.Option(
            "--merge-km",
            min=0.0,
            metavar="KM",
            help="Distance within which two reports are at one place.",
        ),
    ] = 10.0,
    merge_areas: Annotated[
        bool,
        typer.Option(
            "--merge-areas",
            help="Let an event placed only at a province or country merge with one inside it.",
        ),
    ] = False,
    no_merge: Annotated[
        bool, typer.Option("--no-merge", help="Keep every event as reported (no de-duplication).")
    ] = False,
    csv_raw: Annotated[
        bool,
        typer.Option(
            "--csv-raw",
            help="Write CSV cells that a spreadsheet would run as formulas (=, +, -, @) as "
            "they are; by default they get a leading ' (see README).",
        ),
    ] = False,
) -> None:
    """Build the geodatabase: events.gpkg (4 layers), events.geojson, events.csv.

    With --append, --into or --db, reports already stored are skipped and
    events that duplicate stored ones are merged into them.
    """
    from conflictgeo.build import BuildOptions
    from conflictgeo.build import build as build_all
    from conflictgeo.merge import MergeRules

    options = BuildOptions(
        published=_published(published),
        **_where(country, bbox, online, contact),
        formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
        text_column=text_column,
        append=append,
        into=into,
        db=db,
        workers=_workers(workers),
        limit=limit,
        dask=dask,
        merge_rules=None if no_merge else MergeRules(merge_days, merge_km, merge_areas),
        csv_raw=csv_raw,
    )
    _ON_INTERRUPT[:] = [
        "interrupted: nothing half-written was left behind: no output was written or "
        "changed (they are moved in together, only when all are complete)"
    ]
    gazetteer = _gazetteer()
    problems: list[InputError] = []
    read: list[Document] = []
    with _progress(progress_bar, rate=True) as progress:
        task = progress.add_task(
            "processing", total=_total(inputs, limit, progress), unit="reports"
        )

        def seen(item: Document | InputError) -> None:
            _stop_if_signalled()
            if isinstance(item, InputError):
                problems.append(item)
                if read:  # else held back: if nothing at all can be read, one line says so
                    _say_problem(item)
            elif not read:
                read.append(item)
                for problem in problems:
                    _say_problem(problem)
            if not isinstance(item, InputWarning):  # a warned report comes too
                progress.advance(task)

        def stage(name: str) -> None:
            if name == "written":  # every output in place: an interrupt now loses nothing
                _ON_INTERRUPT[:] = ["interrupted after its outputs were written: they are complete"]
                return
            done = progress.tasks[0].completed
            # after the reports, the bar stays full and says what is being done
            total = done if name in ("merging", "writing") else progress.tasks[0].total
            progress.update(task, description=name, total=total)

        report = _guard(
            lambda: build_all(
                inputs, out, options, gazetteer=gazetteer, on_document=seen, on_stage=stage
            )
        )
        progress.update(task, description="done")
    if not read:
        for problem in problems:
            _say_problem(problem)
    for path in report.outputs:
        typer.echo(str(path))
    _say(
        f"{report.documents} reports, {report.mentions} place mentions, "
        f"{report.events} events -> {report.store or out}"
    )
    if report.store is not None:
        err.print(
            f"{report.skipped} report(s) already stored, skipped; "
            f"{report.merged} new event(s) merged into stored ones"
        )
        if report.documents == 0 and report.skipped and not problems:
            err.print("nothing new: the store is unchanged")
            return
    if problems:
        err.print(f"{_problems_line(problems)}; the rest was processed")
        raise typer.Exit(1)


# --------------------------------------------------------------------- extract / geoparse


@app.command()
def extract(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    published: Published = None,
    country: Country = None,
    bbox: BBoxOpt = None,
    online: Online = None,
    contact: Contact = None,
    text_column: TextColumn_ = None,
    workers: Workers = None,
    limit: Limit = None,
    progress_bar: ShowProgress = None,
) -> None:
    """Print one JSON object per event (every events-layer field, plus doc_id, char_start)."""
    _print_jsonl(
        inputs,
        fmt,
        published,
        text_column,
        # Only events are printed: reports that tell of none are not geoparsed.
        {**_where(country, bbox, online, contact), "events_only": True},
        _event_lines,
        _Run(workers, limit, progress_bar),
    )


@app.command()
def geoparse(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    published: Published = None,
    country: Country = None,
    bbox: BBoxOpt = None,
    online: Online = None,
    contact: Contact = None,
    text_column: TextColumn_ = None,
    workers: Workers = None,
    limit: Limit = None,
    progress_bar: ShowProgress = None,
) -> None:
    """Print one JSON object per document: {"id", "mentions": [...]}."""
    _print_jsonl(
        inputs,
        fmt,
        published,
        text_column,
        _where(country, bbox, online, contact),
        _geoparse_line,
        _Run(workers, limit, progress_bar),
    )


def _print_jsonl(
    inputs: list[str],
    fmt: str,
    published: str | None,
    text_column: str | None,
    where: dict[str, Any],
    render: Callable[[DocumentResult], bytes],
    run: _Run,
) -> None:
    """Process every input and write ``render``'s JSON lines (UTF-8) to stdout.

    ``render`` runs where the document was processed (a worker, with
    ``--workers``): the lines come back ready to write.
    """
    if fmt.lower() not in ("jsonl", "ndjson"):
        err.print(f"[red]error:[/] --format {escape(repr(fmt))}: only jsonl is supported here")
        raise typer.Exit(2)
    problems: list[InputError] = []
    processed = 0
    sys.stdout.flush()
    out = sys.stdout.buffer
    live = out.isatty()  # a terminal sees each report's lines as they come
    with _progress(run.progress, rate=True) as progress:
        task = progress.add_task(
            "processing", total=_total(inputs, run.limit, progress), unit="reports"
        )
        for result in _results(inputs, published, text_column, where, run, render):
            if isinstance(result, InputError):
                problems.append(result)
                if not isinstance(result, InputWarning):  # a warned report still comes
                    progress.advance(task)
                continue
            progress.advance(task)
            processed += 1
            out.write(result)
            if live:
                out.flush()
    out.flush()
    if problems and not processed:
        err.print(f"[red]error:[/] no report could be read ({_problems_line(problems)})")
        raise typer.Exit(2)
    if problems:
        err.print(f"{_problems_line(problems)}; the rest was processed")
        raise typer.Exit(1)


def _event_lines(result: DocumentResult) -> bytes:
    """One JSON line per event of ``result`` (``extract``)."""
    return "".join(_json_line(event.record()) for event in result.events).encode()


def _geoparse_line(result: DocumentResult) -> bytes:
    """The JSON line of ``result``'s mentions (``geoparse``)."""
    return _json_line(_geoparse_record(result)).encode()


def _json_line(obj: dict[str, Any]) -> str:
    """``obj`` as one line of JSON. U+2028 and U+2029 are valid in JSON strings,
    but ``str.splitlines()`` and many line readers end a line there: escaped."""
    line = json.dumps(obj, default=_json_default, ensure_ascii=False)
    if "\u2028" in line or "\u2029" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return line + "\n"


def _geoparse_record(result: DocumentResult) -> dict[str, Any]:
    mentions = []
    for m in result.mentions:
        p = m.place
        mentions.append(
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "name": p.name if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "geonameid": p.geonameid if p else None,
                "country_code": p.country_code if p else None,
                "admin1": p.admin1_name if p else None,
                "feature_code": p.feature_code if p else None,
                "score": m.score,
                "role": m.role,
                "reasons": list(m.reasons),
            }
        )
    return {"id": result.document.id, "mentions": mentions}


@dataclass(frozen=True)
class _Run:
    """How a command runs: worker processes, a report limit, the progress bar."""

    workers: int | None = None
    limit: int | None = None
    progress: bool | None = None


def _results(
    inputs: list[str],
    published: str | None,
    text_column: str | None,
    where: dict[str, Any],
    run: _Run,
    render: Callable[[DocumentResult], bytes],
) -> Iterator[bytes | InputError]:
    from conflictgeo.document import process_document, warm_up
    from conflictgeo.ingest import read_documents
    from conflictgeo.run.pool import limit_documents, process_stream

    pub = _published(published)
    gazetteer = _gazetteer()
    items = limit_documents(
        read_documents(inputs, published=pub, text_column=text_column), run.limit
    )
    results = process_stream(
        items,
        process_document,
        gazetteer,
        workers=_workers(run.workers),
        render=render,
        warm_up=warm_up,
        **where,
    )
    while True:
        _stop_if_signalled()
        result = _guard(lambda: next(results, None))
        if result is None:
            return
        if isinstance(result, InputError):
            _say_problem(result)
        yield result


def _say_problem(problem: InputError) -> None:
    """One line on stderr: a skipped input, or a warning about one still processed."""
    label = "warning" if isinstance(problem, InputWarning) else "skipped"
    err.print(f"[yellow]{label}[/] {escape(str(problem))}")


def _problems_line(problems: list[InputError]) -> str:
    """ "2 input(s) skipped, 1 warning" """
    warned = sum(isinstance(p, InputWarning) for p in problems)
    parts = []
    if len(problems) > warned:
        parts.append(f"{len(problems) - warned} input(s) skipped")
    if warned:
        parts.append(f"{warned} warning(s)")
    return "[yellow]" + ", ".join(parts) + "[/]"


# --------------------------------------------------------------------- map


@app.command("map")
def map_(
    source: Annotated[
        Path,
        typer.Argument(
            help="The events: events.gpkg (or events.geojson, events.parquet) from `build`.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE.html",
            help="The HTML file to write (default: SOURCE with .html).",
        ),
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The map's title.")] = "Conflict events",
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            metavar="osm|URL",
            help="Add online background tiles (osm, or a {z}/{x}/{y} URL template). "
            "Off by default: the page then needs no network.",
        ),
    ] = None,
) -> None:
    """Write an HTML map of the events: one self-contained file that works offline.

    Events coloured by kind, sized by fatalities, a layer per kind, popups with
    date, actors, toll, the report's sentence and why the place; a time slider.
    """
    from conflictgeo.export.webmap import read_events, write_webmap

    events = _guard(lambda: read_events(source))
    target = out or source.with_suffix(".html")
    path = _guard(lambda: write_webmap(events, target, title=title, tiles=tiles))
    placed = int(events.geometry.notna().sum()) if hasattr(events, "geometry") else len(events)
    typer.echo(str(path))
    _say(f"{placed} of {len(events)} events on the map -> {path}")


# --------------------------------------------------------------------- gazetteer


@gazetteer_app.command("add")
def gazetteer_add(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames dump files (SY.txt, SY.zip, cities500.txt.gz, admin1CodesASCII.txt)."
        ),
    ],
) -> None:
    """Load GeoNames-format files into the gazetteer."""
    from conflictgeo.gazetteer.index import add_files

    loaded = _guard(lambda: add_files(files, progress=_say))
    for path, rows in loaded:
        _say(f"added {rows:,} rows from {path}")


@gazetteer_app.command("install")
def gazetteer_install(
    datasets: Annotated[
        list[str],
        typer.Argument(
            help="Country codes (SY IQ), or cities500, cities1000, allCountries, "
            "admin1CodesASCII, admin2Codes.",
            show_default=False,
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the GeoNames files are (default: $CONFLICTGEO_GEONAMES_URL, "
            "else https://download.geonames.org/export/dump).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Download again even if the installed file is current.")
    ] = False,
) -> None:
    """Download GeoNames dumps and load them into the gazetteer."""
    from conflictgeo.gazetteer.download import install

    with _transfer_progress() as bars:
        tasks: dict[str, Any] = {}

        def transfer(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bars.add_task(name, total=total)
            bars.update(tasks[name], completed=done, total=total)

        installed = _guard(
            lambda: install(
                datasets,
                base_url=base_url,
                force=force,
                progress=_say,
                transfer=transfer,
            )
        )
    for item in installed:
        if item.rows is None:
            _say(f"{item.name} is up to date (sha256 {item.sha256[:16]}, {item.path})")
        else:
            _say(
                f"installed {item.name}: {item.rows:,} rows, {item.size:,} bytes {item.fetched}, "
                f"sha256 {item.sha256[:16]} ({item.path})"
            )


@gazetteer_app.command("remove")
def gazetteer_remove(
    names: Annotated[
        list[str],
        typer.Argument(help="Sources as `gazetteer info` names them (SY.zip).", show_default=False),
    ],
) -> None:
    """Take loaded sources out of the gazetteer; the embedded layer stays."""
    from conflictgeo.gazetteer.index import remove_source

    removed = _guard(lambda: remove_source(names, progress=_say))
    for name in removed:
        _say(f"removed {name}")


@gazetteer_app.command("info")
def gazetteer_info(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Say what the gazetteer holds and where it lives."""
    info = _gazetteer().info()
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    typer.echo(f"gazetteer: {info['path']}")
    typer.echo(f"version:   {info['version']}")
    typer.echo(f"places:    {info['places']:,} ({info['names']:,} name keys)")
    for source in info["sources"]:  # type: ignore[attr-defined]
        typer.echo(
            f"  {source['name']}: {source['rows']:,} rows ({source['places']:,} places in use),"
            f" loaded {source['loaded_at']}, {source['checksum']} ({source['path']})"
        )


# --------------------------------------------------------------------- evaluate

evaluate_app = typer.Typer(
    help="Measure accuracy against gold-annotated corpora.", no_args_is_help=True, cls=_Group
)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("geoparse")
def evaluate_geoparse(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold file: GeoWebNews XML, LGL XML, or JSONL.", show_default=False),
    ],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Gazetteer directory (default: $CONFLICTGEO_DATA_DIR)."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write one JSON line per gold toponym to this file."),
    ] = None,
    country: Country = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N documents.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score the geoparser on gold toponyms: given the spans, end to end, and a baseline."""
    from conflictgeo.evaluate import geoparse as ev
    from conflictgeo.gazetteer.index import Gazetteer

    docs = _guard(lambda: ev.read_gold(gold, limit=limit))
    cc = _country(country)
    gazetteer = _guard(lambda: Gazetteer.open(data_dir, progress=_say))
    with _progress() as progress:
        task = progress.add_task("documents", total=len(docs))
        result = ev.evaluate_geoparse(
            docs,
            gazetteer,
            country=cc,
            source=str(gold),
            on_document=lambda _: progress.advance(task),
        )
    if errors is not None:
        rows = _guard(lambda: ev.write_errors(result, errors))
        _say(f"{rows} rows -> {errors}")
    if as_json:
        typer.echo(json.dumps(result.summary(), indent=2))
        return
    out = Console(highlight=False)
    for table in ev.render(result):
        out.print(table)


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold file: JSON Lines of coded reports (see `conflictgeo.evaluate.events`).",
            show_default=False,
        ),
    ],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Gazetteer directory (default: $CONFLICTGEO_DATA_DIR)."),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write one JSON line per report with a wrong field."),
    ] = None,
    all_rows: Annotated[
        bool, typer.Option("--all", help="With --errors: write every report, right or wrong.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N reports.")
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            min=1,
            help="N reports drawn at random, the same N as score.py --limit N draws.",
        ),
    ] = None,
    source_set: Annotated[
        str | None,
        typer.Option("--source-set", help="Only the reports of this source_set (ACLED notes)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score event extraction on coded reports (the project's gold or ACLED's notes): kind,
    date, fatalities, place, actors and inter codes, per source set and per sub-event type,
    with the confusion of kinds."""
    from conflictgeo.evaluate import events as eve
    from conflictgeo.gazetteer.index import Gazetteer

    golds = _guard(
        lambda: eve.read_event_gold(gold, limit=limit, sample=sample, source_set=source_set)
    )
    gazetteer = _guard(lambda: Gazetteer.open(data_dir, progress=_say))
    with _progress() as progress:
        task = progress.add_task("reports", total=len(golds))
        result = eve.evaluate_events(
            golds, gazetteer, source=str(gold), on_report=lambda _: progress.advance(task)
        )
    if errors is not None:
        rows = _guard(lambda: eve.write_errors(result, errors, all_rows=all_rows))
        _say(f"{rows} rows -> {errors}")
    if as_json:
        typer.echo(json.dumps(result.summary(), indent=2))
        return
    # The per-group tables have a dozen columns: wide enough when written to a file.
    out = Console(highlight=False, width=None if sys.stdout.isatty() else 150)
    for table in eve.render(result):
        out.print(table)


# --------------------------------------------------------------------- helpers


def _say(message: str) -> None:
    """Print a message on stderr as it is: paths and report text are never rich markup
    (a file named "[draft] homs.txt" stays so; "[/]" is no closing tag)."""
    err.print(message, markup=False)


def _guard(call: Any) -> Any:
    """Run ``call``; a ConflictGeoError becomes a one-line message and exit code 2."""
    try:
        return call()
    except ConflictGeoError as error:
        err.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from error


def _gazetteer() -> Any:
    from conflictgeo.gazetteer.index import Gazetteer

    return _guard(lambda: Gazetteer.open(progress=_say))


def _published(value: str | None) -> dt.date | None:
    from conflictgeo.ingest import parse_date

    return _guard(lambda: parse_date(value, what="--published date"))


def _where(
    country: str | None, bbox: str | None, online: str | None, contact: str | None
) -> dict[str, Any]:
    """The place restrictions and the online service a command was given."""
    geocoder = None
    if online:
        from conflictgeo.gazetteer.online import get_online_geocoder

        options = {"contact": contact} if contact else {}
        geocoder = _guard(lambda: get_online_geocoder(online, **options))
    return {"country": _country(country), "bbox": _bbox(bbox), "online": geocoder}


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        west = east = south = north = float("nan")
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        err.print(
            f"[red]error:[/] --bbox {escape(repr(value))}: give MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"
            " in degrees, e.g. 35.5,32.3,42.4,37.4 for Syria"
        )
        raise typer.Exit(2)
    return west, south, east, north


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        err.print(
            f"[red]error:[/] --country {escape(repr(value))}: give a two-letter ISO code such as SY"
        )
        raise typer.Exit(2)
    return code


def _progress(show: bool | None = None, *, rate: bool = False) -> Progress:
    """A transient bar on stderr: shown when asked, else when stderr is a terminal.

    The description is the stage (processing, merging, writing); with a total
    known the bar shows the time remaining.
    """
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        *([_RateColumn()] if rate else []),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        # Asked for on a pipe or a log file: no live redraws there, so the final state stays.
        transient=show is None or err.is_terminal,
        disable=not (err.is_terminal if show is None else show),
    )


class _RateColumn(ProgressColumn):
    """Items per second, averaged over rich's recent samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", task.description)
        label = f"{speed:,.0f} {unit}/s" if speed else ""
        return Text(label, style="progress.data.speed")


def _total(inputs: list[str], limit: int | None, progress: Progress) -> int | None:
    """The reports (and unreadable inputs) ahead, counted cheaply when the bar shows."""
    if progress.disable:
        return limit
    from conflictgeo.count import count_items

    return count_items(inputs, limit=limit)


def _workers(value: int | None) -> int:
    from conflictgeo.run.pool import default_workers

    return value or default_workers()


def _transfer_progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
