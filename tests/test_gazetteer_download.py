"""`gazetteer install` / `gazetteer remove`, against a local HTTP server (no internet)."""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import shutil
import socket
import sqlite3
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgeo.cli import app
from conflictgeo.errors import GazetteerError, GazetteerNotFound
from conflictgeo.gazetteer.download import ENV_BASE_URL, file_name, install
from conflictgeo.gazetteer.index import STORE_NAME, Gazetteer, remove_source
from conflictgeo.gazetteer.names import name_key

LATAKIA_CITY = 173576  # an embedded row (PPL); the test dump gives it PPLA


def geonames_row(gid: int, name: str, cc: str, admin1: str, code: str = "PPL") -> str:
    cols = [str(gid), name, name, "", "35.5", "35.8", "P", code, cc, "", admin1]
    cols += ["", "", "", "1200", "", "10", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


def make_zip(member: str, rows: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "".join(rows))
        archive.writestr("readme.txt", "test dump\n")
    return buffer.getvalue()


SY_V1 = make_zip(
    "SY.txt",
    [
        geonames_row(99000001, "Qaryat Testiyah", "SY", "02"),
        geonames_row(99000002, "Dayr Mukhtabar", "SY", "02"),
        geonames_row(LATAKIA_CITY, "Latakia", "SY", "02", "PPLA"),
    ],
)
SY_V2 = make_zip(
    "SY.txt",
    [
        geonames_row(99000001, "Qaryat Testiyah", "SY", "02"),
        geonames_row(99000003, "Tall Jadidah", "SY", "02"),
    ]
    * 50,  # big enough to be sent in several chunks
)
IQ = make_zip("IQ.txt", [geonames_row(99000101, "Tall Fahsiyah", "IQ", "04")])


@dataclass
class Served:
    """What the test server holds and how it misbehaves."""

    files: dict[str, bytes] = field(default_factory=dict)
    last_modified: str = "Mon, 01 Jan 2024 00:00:00 GMT"
    ranges: bool = True  # honour Range / If-Range with 206
    truncate: int = 0  # the next N bodies stop half-way
    requests: list[dict[str, str]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


class Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def do_GET(self) -> None:
        state: Served = self.server.state  # type: ignore[attr-defined]
        state.requests.append({"path": self.path, **dict(self.headers)})
        body = state.files.get(self.path.removeprefix("/dump/"))
        if body is None:
            return self._reply(404, b"not found")
        stamp = email.utils.parsedate_to_datetime(state.last_modified)
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since) >= stamp:
            return self._reply(304, b"")
        start = 0
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if (
            wanted
            and state.ranges
            and (not if_range or email.utils.parsedate_to_datetime(if_range) == stamp)
        ):
            start = int(wanted.removeprefix("bytes=").split("-")[0])
            if start >= len(body):
                return self._reply(416, b"", {"Content-Range": f"bytes */{len(body)}"})
            span = {"Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"}
            return self._reply(206, body[start:], span)
        return self._reply(200, body)

    def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        state: Served = self.server.state  # type: ignore[attr-defined]
        state.statuses.append(status)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", state.last_modified)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if status in (200, 206) and state.truncate:
            state.truncate -= 1
            body = body[: len(body) // 2]
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Served]]:
    """A local GeoNames mirror; its URL is also the default base URL, so nothing goes out."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Served(files={"SY.zip": SY_V1, "IQ.zip": IQ})
    httpd.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/dump"
    monkeypatch.setenv(ENV_BASE_URL, url)
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    try:
        yield url, state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def data(embedded_dir: Path, tmp_path: Path, use_data_dir) -> Path:
    """A data directory holding a copy of the session's embedded store."""
    directory = tmp_path / "data"
    directory.mkdir()
    shutil.copy(embedded_dir / STORE_NAME, directory / STORE_NAME)
    use_data_dir(directory)
    return directory


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def found(directory: Path, name: str) -> list[int]:
    gazetteer = Gazetteer(directory / STORE_NAME)
    try:
        key = name_key(name)
        return sorted(c.place.geonameid for c in gazetteer.lookup([key])[key])
    finally:
        gazetteer.close()


def source_names(directory: Path) -> list[str]:
    info = json.loads(run("gazetteer", "info", "--json").stdout)
    assert info["path"] == str(directory / STORE_NAME)
    return [s["name"] for s in info["sources"]]


# ---------------------------------------------------------------- install


def test_install_downloads_verifies_and_loads(server, data: Path) -> None:
    url, state = server
    result = run("gazetteer", "install", "sy", "--base-url", url)
    assert result.exit_code == 0, result.output
    assert "installed SY.zip: 3 rows" in result.stderr
    installed = data / "downloads" / "SY.zip"
    assert installed.read_bytes() == SY_V1
    assert not list((data / "downloads").glob("*.part"))
    assert found(data, "Qaryat Testiyah") == [99000001]

    info = json.loads(run("gazetteer", "info", "--json").stdout)
    sy = next(s for s in info["sources"] if s["name"] == "SY.zip")
    assert sy["checksum"] == hashlib.sha256(SY_V1).hexdigest()[:16]
    assert sy["path"] == str(installed.resolve())
    assert sy["rows"] == 3 and sy["places"] == 3
    assert "SY.zip: 3 rows (3 places in use)" in run("gazetteer", "info").stdout

    # Again: the server says 304, nothing is downloaded or reloaded.
    before = digest(data / STORE_NAME)
    again = run("gazetteer", "install", "SY")  # base URL from $CONFLICTGEO_GEONAMES_URL
    assert again.exit_code == 0, again.output
    assert "SY.zip is up to date" in again.stderr
    assert "If-Modified-Since" in state.requests[-1] and state.statuses[-1] == 304
    assert digest(data / STORE_NAME) == before

    forced = run("gazetteer", "install", "SY", "--force")
    assert forced.exit_code == 0, forced.output
    assert "installed SY.zip: 3 rows" in forced.stderr and state.statuses[-1] == 200


def test_install_reports_transfer_progress(server, tmp_path: Path, embedded_dir: Path) -> None:
    shutil.copy(embedded_dir / STORE_NAME, tmp_path / STORE_NAME)
    seen: list[tuple[str, int, int | None]] = []
    [item] = install(["IQ"], tmp_path, transfer=lambda *args: seen.append(args))
    assert (item.name, item.rows, item.fetched) == ("IQ.zip", 1, "downloaded")
    assert item.sha256 == hashlib.sha256(IQ).hexdigest()
    assert seen[0] == ("IQ.zip", 0, len(IQ)) and seen[-1] == ("IQ.zip", len(IQ), len(IQ))


def test_truncated_download_leaves_file_and_store_then_resumes(server, data: Path) -> None:
    _, state = server
    assert run("gazetteer", "install", "SY").exit_code == 0
    store_before = digest(data / STORE_NAME)

    state.files["SY.zip"] = SY_V2
    state.last_modified = "Tue, 02 Jan 2024 00:00:00 GMT"
    state.truncate = 1
    result = run("gazetteer", "install", "SY")
    assert result.exit_code == 2
    assert "stopped at" in result.stderr and "run the command again to resume" in result.stderr
    assert "Traceback" not in result.output
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V1
    assert digest(data / STORE_NAME) == store_before
    part = data / "downloads" / "SY.zip.part"
    assert part.read_bytes() == SY_V2[: len(SY_V2) // 2]

    resumed = run("gazetteer", "install", "SY")
    assert resumed.exit_code == 0, resumed.output
    assert state.requests[-1]["Range"] == f"bytes={len(SY_V2) // 2}-"
    assert state.statuses[-1] == 206
    assert "resumed" in resumed.stderr
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V2
    assert not part.exists() and not (data / "downloads" / "SY.zip.old").exists()
    assert found(data, "Tall Jadidah") == [99000003]


def test_a_server_without_ranges_starts_over(server, data: Path) -> None:
    _, state = server
    state.ranges = False
    state.truncate = 1
    assert run("gazetteer", "install", "SY").exit_code == 2
    result = run("gazetteer", "install", "SY")
    assert result.exit_code == 0, result.output
    assert "Range" in state.requests[-1] and state.statuses[-1] == 200
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V1


def test_a_part_from_another_version_of_the_file_is_not_resumed(server, data: Path) -> None:
    _, state = server
    state.truncate = 1
    assert run("gazetteer", "install", "SY").exit_code == 2
    state.files["SY.zip"] = SY_V2
    state.last_modified = "Tue, 02 Jan 2024 00:00:00 GMT"  # If-Range no longer matches
    result = run("gazetteer", "install", "SY")
    assert result.exit_code == 0, result.output
    assert state.statuses[-1] == 200
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V2


def test_corrupt_zip_is_discarded_and_changes_nothing(server, data: Path) -> None:
    _, state = server
    assert run("gazetteer", "install", "SY").exit_code == 0
    store_before = digest(data / STORE_NAME)
    bad = bytearray(SY_V2)
    bad[60] ^= 0xFF  # inside SY.txt's compressed data
    state.files["SY.zip"] = bytes(bad)
    state.last_modified = "Tue, 02 Jan 2024 00:00:00 GMT"
    result = run("gazetteer", "install", "SY")
    assert result.exit_code == 2
    assert "corrupt" in result.stderr and "Traceback" not in result.output
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V1
    assert not (data / "downloads" / "SY.zip.part").exists()
    assert digest(data / STORE_NAME) == store_before


def test_a_file_that_fails_to_load_puts_the_old_one_back(server, data: Path) -> None:
    _, state = server
    assert run("gazetteer", "install", "SY").exit_code == 0
    store_before = digest(data / STORE_NAME)
    state.files["SY.zip"] = make_zip("SY.txt", ["1\tonly\tthree columns\n"])
    state.last_modified = "Tue, 02 Jan 2024 00:00:00 GMT"
    result = run("gazetteer", "install", "SY")
    assert result.exit_code == 2 and "GeoNames" in result.stderr
    assert (data / "downloads" / "SY.zip").read_bytes() == SY_V1
    assert sorted(p.name for p in (data / "downloads").iterdir()) == ["SY.zip"]
    assert digest(data / STORE_NAME) == store_before


def test_missing_file_says_which(server, data: Path) -> None:
    _, state = server
    del state.files["IQ.zip"]
    result = run("gazetteer", "install", "SY", "IQ")
    assert result.exit_code == 2
    assert "IQ.zip" in result.stderr and "404" in result.stderr
    assert source_names(data) == ["embedded"]  # SY.zip, fetched first, is not half-installed

    # SY.zip waits, complete, as a .part: the next run finds it so (416) and installs it.
    state.files["IQ.zip"] = IQ
    result = run("gazetteer", "install", "SY", "IQ")
    assert result.exit_code == 0, result.output
    assert state.statuses[-2:] == [416, 200]
    assert source_names(data) == ["embedded", "SY.zip", "IQ.zip"]


def test_unknown_country_code_lists_the_valid_ones(server, data: Path) -> None:
    _, state = server
    result = run("gazetteer", "install", "SY", "XQ")
    assert result.exit_code == 2
    assert "'XQ'" in result.stderr
    assert (
        " SY " in result.stderr and "cities500" in result.stderr and "admin2Codes" in result.stderr
    )
    assert state.requests == []  # checked before anything is fetched
    with pytest.raises(GazetteerNotFound, match=r"did you mean SY, Syria"):
        file_name("Syria")


def test_unreachable_server(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("no_proxy", "*")
    result = run("gazetteer", "install", "SY", "--base-url", f"http://127.0.0.1:{port}/dump")
    assert result.exit_code == 2
    assert f"cannot reach http://127.0.0.1:{port}/dump/SY.zip" in result.stderr
    assert "check your connection or pass --base-url" in result.stderr


# ---------------------------------------------------------------- remove


def test_remove_restores_the_store_without_that_source(
    server, data: Path, embedded_dir: Path
) -> None:
    assert run("gazetteer", "install", "SY", "IQ").exit_code == 0
    assert Gazetteer(data / STORE_NAME).place(LATAKIA_CITY).feature_code == "PPLA"

    result = run("gazetteer", "remove", "SY.zip")
    assert result.exit_code == 0, result.output
    assert "removed SY.zip" in result.stderr
    assert source_names(data) == ["embedded", "IQ.zip"]
    assert found(data, "Qaryat Testiyah") == []
    assert found(data, "Tall Fahsiyah") == [99000101]
    latakia = Gazetteer(data / STORE_NAME).place(LATAKIA_CITY)
    assert (latakia.feature_code, latakia.source) == ("PPL", "embedded")

    # Every table is the embedded store's again, apart from IQ.zip's rows: compared
    # in full for places and divisions; by count, and row by row for the ids the
    # dump touched, for the name indexes (names, variants, ...).
    db = sqlite3.connect(data / STORE_NAME)
    db.execute("ATTACH ? AS base", (str(embedded_dir / STORE_NAME),))
    tables = [t for (t,) in db.execute("SELECT name FROM base.sqlite_master WHERE type='table'")]
    touched = "geonameid IN (173576, 99000001, 99000002)"
    for table in set(tables) - {"sources", "meta"}:
        full = table in ("places", "admin1")
        for a, b in (("main", "base"), ("base", "main")):
            rows = "WHERE geonameid != 99000101" + ("" if full else f" AND {touched}")
            extra = db.execute(
                f"SELECT count(*) FROM (SELECT * FROM {a}.{table} {rows}"
                f" EXCEPT SELECT * FROM {b}.{table} {rows})"
            ).fetchone()[0]
            assert extra == 0, f"{table}: {extra} rows in {a} and not in {b}"
        counts = [
            db.execute(f"SELECT count(*) FROM {s}.{table} WHERE geonameid != 99000101").fetchone()
            for s in ("main", "base")
        ]
        assert counts[0] == counts[1], table
    db.close()


def test_remove_refuses_what_it_cannot_do(server, data: Path) -> None:
    assert run("gazetteer", "install", "SY", "IQ").exit_code == 0
    before = digest(data / STORE_NAME)

    unknown = run("gazetteer", "remove", "YE.zip")
    assert unknown.exit_code == 2
    assert "YE.zip" in unknown.stderr and "loaded: SY.zip, IQ.zip" in unknown.stderr
    with pytest.raises(GazetteerError, match="embedded layer"):
        remove_source("embedded", data)

    (data / "downloads" / "IQ.zip").unlink()
    lost = run("gazetteer", "remove", "SY.zip")
    assert lost.exit_code == 2
    assert "IQ.zip" in lost.stderr and "conflictgeo gazetteer remove SY.zip IQ.zip" in lost.stderr
    assert digest(data / STORE_NAME) == before
