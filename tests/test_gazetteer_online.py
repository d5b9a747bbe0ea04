"""Online geocoding fallback, against a local HTTP server (no internet).

A ``ThreadingHTTPServer`` on 127.0.0.1 answers in each service's real JSON
format (Nominatim ``/search?format=json``, GeoNames ``/searchJSON``) and
records every request, so the tests check what was asked as well as what came
back.
"""

from __future__ import annotations

import itertools
import json
import logging
import pickle
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from conflictgeo.errors import GazetteerError
from conflictgeo.gazetteer.online import (
    CACHE_NAME,
    ENV_GEONAMES_USER,
    ONLINE_SERVICES,
    GeoNamesGeocoder,
    NominatimGeocoder,
    OnlineGeocoder,
    OnlineGeocoderError,
    UnknownService,
    get_online_geocoder,
    nominatim_feature,
    osm_geonameid,
)

LOGGER = "conflictgeo.gazetteer.online"

# -- answers in the services' own formats ---------------------------------------------------

KESSAB_OSM: dict[str, Any] = {
    "place_id": 246820931,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    "osm_type": "node",
    "osm_id": 277630582,
    "lat": "35.9258116",
    "lon": "35.9869217",
    "class": "place",
    "type": "village",
    "place_rank": 19,
    "importance": 0.3801,
    "addresstype": "village",
    "name": "Kessab",
    "display_name": "Kessab, Latakia Governorate, Syria",
    "address": {
        "village": "Kessab",
        "state": "Latakia Governorate",
        "ISO3166-2-lvl4": "SY-LA",
        "country": "Syria",
        "country_code": "sy",
    },
    "extratags": {"population": "2,500", "wikidata": "Q1024418"},
    "boundingbox": ["35.9058116", "35.9458116", "35.9669217", "36.0069217"],
}
LATAKIA_OSM: dict[str, Any] = {
    "place_id": 12345,
    "osm_type": "relation",
    "osm_id": 184472,
    "lat": "35.6112004",
    "lon": "35.9933612",
    "class": "boundary",
    "type": "administrative",
    "place_rank": 8,
    "addresstype": "state",
    "name": "Latakia Governorate",
    "display_name": "Latakia Governorate, Syria",
    "address": {"state": "Latakia Governorate", "country": "Syria", "country_code": "sy"},
    "extratags": {"admin_level": "4", "population": "1008000"},
}
DAMASCUS_OSM: dict[str, Any] = {
    "osm_type": "node",
    "osm_id": 21173327,
    "lat": "33.5130695",
    "lon": "36.3095814",
    "class": "place",
    "type": "city",
    "name": "Damascus",
    "display_name": "Damascus, Damascus Governorate, Syria",
    "address": {"city": "Damascus", "country": "Syria", "country_code": "sy"},
    "extratags": {"capital": "yes", "population": "1711000"},
}
KESSAB_GN: dict[str, Any] = {
    "adminCode1": "02",
    "lng": "35.98596",
    "geonameId": 169923,
    "toponymName": "Kassab",
    "countryId": "163843",
    "fcl": "P",
    "population": 2500,
    "countryCode": "SY",
    "name": "Kessab",
    "fclName": "city, village,...",
    "adminCodes1": {"ISO3166_2": "LA"},
    "countryName": "Syria",
    "fcodeName": "populated place",
    "adminName1": "Latakia",
    "lat": "35.92639",
    "fcode": "PPL",
}


# -- the fake services ------------------------------------------------------------------------


@dataclass
class Seen:
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]
    at: float


@dataclass
class FakeServices:
    """What the local server answers, and what it was asked."""

    nominatim: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    geonames: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    status: int = 200  # HTTP status of every answer
    fail_next: int = 0  # answer this many requests with HTTP 500 first
    delay: float = 0.0  # seconds to wait before answering
    body: bytes | None = None  # answer this instead of the JSON
    geonames_status: dict[str, Any] | None = None  # a GeoNames error document
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def asked(self, path: str = "") -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path.endswith(path)]

    def answer(self, path: str, params: dict[str, list[str]]) -> tuple[int, bytes]:
        with self.lock:
            if self.fail_next:
                self.fail_next -= 1
                return 500, b"Internal Server Error"
        if self.status != 200:
            return self.status, b"error"
        if self.body is not None:
            return 200, self.body
        if path == "/search":
            query = params["q"][0].lower()
            codes = params.get("countrycodes", [""])[0].lower().split(",")
            found = [
                r
                for r in self.nominatim.get(query, [])
                if codes == [""] or r["address"]["country_code"] in codes
            ]
            return 200, json.dumps(found[: int(params.get("limit", ["10"])[0])]).encode()
        if path == "/searchJSON":
            if self.geonames_status:
                return 200, json.dumps({"status": self.geonames_status}).encode()
            query = params["q"][0].lower()
            countries = params.get("country", [])
            found = [
                r
                for r in self.geonames.get(query, [])
                if not countries or r["countryCode"] in countries
            ]
            found = found[: int(params.get("maxRows", ["100"])[0])]
            return 200, json.dumps({"totalResultsCount": len(found), "geonames": found}).encode()
        return 404, b"not found"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        with fake.lock:
            fake.requests.append(Seen(url.path, params, dict(self.headers), time.monotonic()))
        if fake.delay:
            time.sleep(fake.delay)
        status, body = fake.answer(url.path, params)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeServices


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    services = FakeServices(
        nominatim={"kessab": [KESSAB_OSM], "latakia": [LATAKIA_OSM], "damascus": [DAMASCUS_OSM]},
        geonames={"kessab": [KESSAB_GN]},
    )
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = services
    services.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield services
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def make(fake: FakeServices, tmp_path: Path) -> Iterator[Any]:
    """Build a geocoder pointed at the fake server, fast and with a private cache."""
    made: list[OnlineGeocoder] = []

    def build(service: str = "nominatim", **options: Any) -> OnlineGeocoder:
        settings: dict[str, Any] = {
            "domain": fake.domain,
            "scheme": "http",
            "cache_path": tmp_path / CACHE_NAME,
            "min_delay_seconds": 0.0,
            "error_wait_seconds": 0.0,
            "timeout": 5.0,
        }
        if service == "geonames":
            settings["username"] = "conflictgeo_test"
        settings.update(options)
        geocoder = get_online_geocoder(service, **settings)
        made.append(geocoder)
        return geocoder

    yield build
    for geocoder in made:
        geocoder.close()


# -- hits ---------------------------------------------------------------------------------------


def test_nominatim_hit_maps_to_place(make: Any, fake: FakeServices) -> None:
    place = make("nominatim").lookup("Kessab")
    assert place is not None
    assert (place.lat, place.lon) == (35.9258116, 35.9869217)  # not (lon, lat)
    assert place.name == "Kessab"
    assert place.geonameid == osm_geonameid("node", 277630582) < 0
    assert (place.feature_class, place.feature_code) == ("P", "PPL")
    assert (place.country_code, place.country) == ("SY", "Syria")
    assert place.admin1_name == "Latakia"  # one spelling per division (gazetteer/admin.py)
    assert place.population == 2500
    assert place.source == "online:nominatim"
    assert place.approximate is False  # an OSM node is a surveyed point
    (seen,) = fake.asked("/search")
    assert seen.params["format"] == ["json"]
    assert seen.params["addressdetails"] == ["1"]
    assert seen.params["limit"] == ["1"]
    assert seen.params["featureType"] == ["settlement"]
    assert seen.params["accept-language"] == ["en"]


def test_nominatim_boundary_is_an_approximate_area(make: Any) -> None:
    place = make("nominatim").lookup("Latakia")
    assert place is not None
    assert (place.feature_class, place.feature_code) == ("A", "ADM1")
    assert place.geonameid == -1844723  # relation 184472: -(id * 10 + 3)
    assert place.approximate is True  # a point standing for an area
    assert place.is_admin1 and place.population == 1008000


def test_nominatim_capital(make: Any) -> None:
    place = make("nominatim").lookup("Damascus")
    assert place is not None and place.feature_code == "PPLC"


def test_geonames_hit_maps_to_place(make: Any, fake: FakeServices) -> None:
    place = make("geonames").lookup("Kessab")
    assert place is not None
    assert (place.lat, place.lon) == (35.92639, 35.98596)
    assert place.geonameid == 169923
    assert (place.feature_class, place.feature_code) == ("P", "PPL")
    assert (place.country_code, place.admin1, place.admin1_name) == ("SY", "02", "Latakia")
    assert place.admin1_key == "SY.02"
    assert place.source == "online:geonames" and not place.approximate
    (seen,) = fake.asked("/searchJSON")
    assert seen.params["username"] == ["conflictgeo_test"]
    assert seen.params["maxRows"] == ["1"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"class": "place", "type": "town"}, ("P", "PPL")),
        ({"class": "place", "type": "suburb"}, ("P", "PPLX")),
        ({"class": "place", "type": "city", "extratags": {"capital": "4"}}, ("P", "PPLA")),
        ({"class": "place", "type": "state"}, ("A", "ADM1")),
        ({"class": "boundary", "type": "administrative", "place_rank": 4}, ("A", "PCLI")),
        (
            {"class": "boundary", "type": "administrative", "extratags": {"admin_level": "6"}},
            ("A", "ADM2"),
        ),
        ({"class": "boundary", "type": "administrative", "place_rank": 20}, ("A", "ADM4")),
        ({"class": "boundary", "type": "administrative"}, ("A", "ADMD")),
        ({"class": "highway", "type": "residential"}, ("", "")),
    ],
)
def test_nominatim_feature(raw: dict[str, Any], expected: tuple[str, str]) -> None:
    assert nominatim_feature(raw) == expected


def test_osm_ids_do_not_collide() -> None:
    ids = {osm_geonameid(kind, 7) for kind in ("node", "way", "relation")}
    assert len(ids) == 3 and all(i < 0 for i in ids)
    with pytest.raises(ValueError):
        osm_geonameid("changeset", 7)


# -- the cache ----------------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["nominatim", "geonames"])
def test_miss_is_cached(make: Any, fake: FakeServices, service: str) -> None:
    geocoder = make(service)
    assert geocoder.lookup("Atlantis") is None
    assert geocoder.lookup("  atlantis ") is None  # same name key
    assert len(fake.asked()) == 1
    assert geocoder.stats.requests == 1 and geocoder.stats.cache_hits == 1


def test_hit_is_cached_and_the_cache_persists(make: Any, fake: FakeServices) -> None:
    first = make("nominatim")
    place = first.lookup("Kessab", country="SY")
    assert first.lookup("Kessab", country="SY") == place
    first.close()
    again = make("nominatim")  # same cache file, new instance
    assert again.lookup("Kessab", country="SY") == place
    assert again.lookup("Atlantis") is None
    assert len(fake.asked()) == 2  # Kessab once, Atlantis once
    third = make("nominatim")
    assert third.lookup("ATLANTIS") is None
    assert len(fake.asked()) == 2


def test_services_do_not_share_answers(make: Any, fake: FakeServices) -> None:
    make("nominatim").lookup("Kessab")
    make("geonames").lookup("Kessab")
    assert [r.path for r in fake.asked()] == ["/search", "/searchJSON"]


def test_negative_answers_expire_found_places_do_not(
    make: Any, fake: FakeServices, tmp_path: Path
) -> None:
    geocoder = make("nominatim", negative_ttl_days=30)
    geocoder.lookup("Atlantis")
    geocoder.lookup("Kessab")
    db = sqlite3.connect(tmp_path / CACHE_NAME)
    with db:
        db.execute("UPDATE answers SET fetched_at = fetched_at - 31 * 86400")
    db.close()
    assert geocoder.lookup("Atlantis") is None
    assert geocoder.lookup("Kessab") is not None
    assert [r.params["q"] for r in fake.asked()] == [["Atlantis"], ["Kessab"], ["Atlantis"]]


def test_negative_answers_can_be_kept_for_ever(make: Any, fake: FakeServices) -> None:
    geocoder = make("nominatim", negative_ttl_days=None)
    geocoder.lookup("Atlantis")
    geocoder.lookup("Atlantis")
    assert len(fake.asked()) == 1


def test_concurrent_lookups_ask_once(make: Any, fake: FakeServices) -> None:
    fake.delay = 0.2
    geocoder = make("nominatim")
    with ThreadPoolExecutor(8) as pool:
        places = list(pool.map(lambda _: geocoder.lookup("Kessab"), range(8)))
    assert len({p.geonameid for p in places if p}) == 1 and all(places)
    assert len(fake.asked()) == 1


# -- what is sent -------------------------------------------------------------------------------


def test_country_restriction_is_sent(make: Any, fake: FakeServices) -> None:
    nominatim, geonames = make("nominatim"), make("geonames")
    assert nominatim.lookup("Kessab", country="sy") is not None
    assert nominatim.lookup("Kessab", country="TR") is None
    assert geonames.lookup("Kessab", country="SY") is not None
    assert geonames.lookup("Kessab", country="TR") is None
    search = fake.asked("/search")
    assert [r.params["countrycodes"] for r in search] == [["sy"], ["tr"]]
    search_json = fake.asked("/searchJSON")
    assert [r.params["country"] for r in search_json] == [["SY"], ["TR"]]
    assert nominatim.lookup("Kessab") is not None  # no restriction: a new question
    assert "countrycodes" not in fake.asked("/search")[-1].params


def test_bad_country_code_is_refused(make: Any, fake: FakeServices) -> None:
    with pytest.raises(OnlineGeocoderError, match="alpha-2"):
        make("nominatim").lookup("Kessab", country="Syria")
    assert not fake.asked()


def test_user_agent_is_ours(make: Any, fake: FakeServices) -> None:
    make("nominatim").lookup("Kessab")
    make("nominatim", contact="ops@example.org").lookup("Damascus")
    make("nominatim", user_agent="my-app/2.0").lookup("Latakia")
    make("geonames").lookup("Kessab")
    agents = [r.headers["User-Agent"] for r in fake.asked()]
    assert agents[0].startswith("conflictgeo/")
    assert agents[1].startswith("conflictgeo/") and agents[1].endswith("(+ops@example.org)")
    assert agents[2] == "my-app/2.0"
    assert agents[3].startswith("conflictgeo/")


def test_empty_name_is_not_asked(make: Any, fake: FakeServices) -> None:
    assert make("nominatim").lookup("   ") is None
    assert not fake.asked()


# -- failures -----------------------------------------------------------------------------------


def test_server_error_gives_none_with_a_warning_and_is_not_cached(
    make: Any, fake: FakeServices, caplog: pytest.LogCaptureFixture
) -> None:
    fake.status = 500
    geocoder = make("nominatim", max_retries=1)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert geocoder.lookup("Kessab") is None
    assert any("Kessab" in r.getMessage() and r.name == LOGGER for r in caplog.records)
    assert len(fake.asked()) == 2  # tried, retried once
    fake.status = 200
    assert geocoder.lookup("Kessab") is not None  # the failure was not cached
    assert geocoder.stats.failures == 1


def test_timeout_gives_none_with_a_warning(
    make: Any, fake: FakeServices, caplog: pytest.LogCaptureFixture
) -> None:
    fake.delay = 1.0
    geocoder = make("geonames", timeout=0.2, max_retries=0)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert geocoder.lookup("Kessab") is None
    assert any("GeocoderTimedOut" in r.getMessage() for r in caplog.records if r.name == LOGGER)


def test_unreadable_answer_gives_none(
    make: Any, fake: FakeServices, caplog: pytest.LogCaptureFixture
) -> None:
    fake.body = b"<html>maintenance</html>"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert make("nominatim", max_retries=0).lookup("Kessab") is None
    assert any(r.name == LOGGER for r in caplog.records)


def test_transient_error_is_retried(make: Any, fake: FakeServices) -> None:
    fake.fail_next = 1
    assert make("nominatim", max_retries=2).lookup("Kessab") is not None
    assert len(fake.asked()) == 2


def test_stops_asking_after_repeated_failures(
    make: Any, fake: FakeServices, caplog: pytest.LogCaptureFixture
) -> None:
    geocoder = make("nominatim", max_retries=0, max_failures=2)
    assert geocoder.lookup("Kessab") is not None
    fake.status = 503
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        for name in ("Atlantis", "Lemuria", "Mu", "Hyperborea"):
            assert geocoder.lookup(name) is None
    assert len(fake.asked()) == 3  # Kessab, then two failures, then silence
    assert not geocoder.available
    assert any("not asking the service again" in r.getMessage() for r in caplog.records)
    assert geocoder.lookup("Kessab") is not None  # the cache still answers


def test_geonames_quota_stops_asking(make: Any, fake: FakeServices) -> None:
    fake.geonames_status = {
        "message": "the hourly limit of 1000 credits for conflictgeo_test has been exceeded.",
        "value": 19,
    }
    geocoder = make("geonames", max_retries=2)
    assert geocoder.lookup("Kessab") is None
    assert geocoder.lookup("Damascus") is None
    assert len(fake.asked()) == 1  # not retried, not asked again
    assert not geocoder.available


def test_rate_limiter_spaces_requests(make: Any, fake: FakeServices) -> None:
    geocoder = make("nominatim", min_delay_seconds=0.25, error_wait_seconds=0.25)
    for name in ("Kessab", "Latakia", "Damascus", "Kessab"):
        geocoder.lookup(name)
    times = [r.at for r in fake.asked()]
    assert len(times) == 3  # the second Kessab came from the cache
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 0.2 for gap in gaps), gaps


# -- configuration ------------------------------------------------------------------------------


def test_geonames_needs_a_username(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_GEONAMES_USER, raising=False)
    with pytest.raises(OnlineGeocoderError, match=ENV_GEONAMES_USER) as caught:
        get_online_geocoder("geonames", cache_path=tmp_path / CACHE_NAME)
    assert isinstance(caught.value, GazetteerError)
    assert "geonames.org/login" in str(caught.value)
    monkeypatch.setenv(ENV_GEONAMES_USER, "from_env")
    with GeoNamesGeocoder(cache_path=tmp_path / CACHE_NAME) as geocoder:
        assert geocoder.username == "from_env"


def test_geonames_refusing_the_account_raises(make: Any, fake: FakeServices) -> None:
    fake.geonames_status = {"message": "user does not exist.", "value": 10}
    geocoder = make("geonames", username="nobody")
    with pytest.raises(OnlineGeocoderError, match="'nobody'") as caught:
        geocoder.lookup("Kessab")
    assert isinstance(caught.value, GazetteerError)
    assert len(fake.asked()) == 1  # not retried


def test_unknown_service_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(UnknownService, match="choose one of geonames, nominatim") as caught:
        get_online_geocoder("google", cache_path=tmp_path / CACHE_NAME)
    assert isinstance(caught.value, GazetteerError) and isinstance(caught.value, LookupError)
    assert sorted(ONLINE_SERVICES) == ["geonames", "nominatim"]
    assert isinstance(get_online_geocoder(" Nominatim ", cache_path=tmp_path / "c"), OnlineGeocoder)


def test_public_nominatim_keeps_to_one_request_a_second(tmp_path: Path) -> None:
    with pytest.raises(OnlineGeocoderError, match="one request per second"):
        NominatimGeocoder(min_delay_seconds=0.1, cache_path=tmp_path / CACHE_NAME)
    with NominatimGeocoder(cache_path=tmp_path / CACHE_NAME) as geocoder:  # no request made
        assert geocoder.min_delay_seconds == 1.0
        assert geocoder.user_agent.startswith("conflictgeo/")


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OnlineGeocoderError, match="error_wait_seconds"):
        NominatimGeocoder(domain="localhost:1", min_delay_seconds=2, error_wait_seconds=1)
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(OnlineGeocoderError, match="cannot open"):
        NominatimGeocoder(cache_path=tmp_path / "dir.sqlite")


def test_default_cache_lives_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CONFLICTGEO_DATA_DIR", str(tmp_path))
    with NominatimGeocoder() as geocoder:
        assert geocoder.cache.path == tmp_path / CACHE_NAME
    assert (tmp_path / CACHE_NAME).exists()


def test_not_sent_to_other_processes(make: Any) -> None:
    with pytest.raises(TypeError, match="one process"):
        pickle.dumps(make("nominatim"))
