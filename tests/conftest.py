"""Shared fixtures: gazetteer stores built once per test session.

``embedded_gazetteer`` is the default store a new user gets; ``sy_gazetteer``
adds ``../shared/gazetteer/SY.txt`` (village-level Syria) to a copy of it.
Tests needing ``../shared`` skip when it is not beside the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conflictgeo.gazetteer.index import STORE_NAME, Gazetteer, add_files

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "latakia-offensive-2013.txt"
SY_DUMP = SHARED / "gazetteer" / "SY.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not beside the checkout)")
    return path


@pytest.fixture(scope="session")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("gazetteer-embedded")
    Gazetteer.open(directory).close()
    return directory


@pytest.fixture(scope="session")
def sy_dir(embedded_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_shared(SY_DUMP)
    directory = tmp_path_factory.mktemp("gazetteer-sy")
    shutil.copy(embedded_dir / STORE_NAME, directory / STORE_NAME)
    add_files([SY_DUMP], directory)
    return directory


@pytest.fixture(scope="session")
def embedded_gazetteer(embedded_dir: Path) -> Gazetteer:
    return Gazetteer.open(embedded_dir)


@pytest.fixture(scope="session")
def sy_gazetteer(sy_dir: Path) -> Gazetteer:
    return Gazetteer.open(sy_dir)


@pytest.fixture
def use_data_dir(monkeypatch: pytest.MonkeyPatch):
    """Point CONFLICTGEO_DATA_DIR (what the CLI reads) at a given store directory."""

    def use(directory: Path) -> None:
        monkeypatch.setenv("CONFLICTGEO_DATA_DIR", str(directory))

    return use
