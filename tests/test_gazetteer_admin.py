"""Tests of conflictgeo.gazetteer.admin: one English spelling per division."""

from __future__ import annotations

import sqlite3

import pytest

from conflictgeo.gazetteer.admin import AdminNames, admin_name


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("Al-Anbar Governorate", "Al-Anbar"),
        ("Latakia", "Latakia"),
        ("Muhafazat Halab", "Halab"),
        ("Qaḑā’ Sāmarrā’", "Samarra"),
        ("Dhī Qār", "Dhi Qar"),
        ("‘Akkār", "Akkar"),
        ("Rivers State", "Rivers"),
        ("Tigray Region", "Tigray"),
        ("Hawke’s Bay", "Hawke's Bay"),  # an English apostrophe inside a word stays
        ("Kuwait City", "Kuwait City"),  # "City" is part of the name
        ("Île-de-France", "Ile-de-France"),
        ("  Baiji   District ", "Baiji"),
    ],
)
def test_admin_name(raw: str, written: str) -> None:
    assert admin_name(raw) == written


def test_a_type_word_alone_is_kept() -> None:
    assert admin_name("Province") == "Province"


@pytest.fixture
def store() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE admin1 (key TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
        CREATE TABLE admin2 (key TEXT PRIMARY KEY, name TEXT, geonameid INTEGER);
        CREATE TABLE places (geonameid INTEGER, name TEXT, feature_code TEXT,
                             country_code TEXT, admin1 TEXT, approximate INTEGER);
        INSERT INTO admin1 VALUES ('IQ.01', 'Al-Anbar Governorate', 1);
        INSERT INTO admin2 VALUES ('IQ.18.77', 'Baiji District', 2);
        INSERT INTO places VALUES (3, 'Erbil Governorate', 'ADM1', 'IQ', '11', 0);
        """
    )
    return db


def test_names_by_code(store: sqlite3.Connection) -> None:
    names = AdminNames(store)
    assert names.admin1("IQ", "01") == "Al-Anbar"
    assert names.admin1("IQ", "11") == "Erbil"  # not in the table: the division's own row
    assert names.admin1("IQ", "99") == ""
    assert names.admin1("IQ", "") == ""
    assert names.admin2("IQ", "18", "77") == "Baiji"
    assert names.admin2("IQ", "18", "78") == ""  # a code without a name is not written


def test_places_carry_division_names(embedded_dir) -> None:
    from conflictgeo.gazetteer.index import Gazetteer

    gazetteer = Gazetteer.open(embedded_dir)
    names = {
        c.place.admin1_name
        for c in gazetteer.lookup(["baghdad"])["baghdad"]
        if c.place.country_code == "IQ"
    }
    assert names and all("Governorate" not in n for n in names), names
