"""System services the tests use (QGIS's Python, PostgreSQL with PostGIS).

``scripts/test`` installs and starts them. When one is missing a test skips
with the reason, except under CI (``CI=true``), where a missing service must
fail the run instead of hiding behind a skip.
"""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_service(available: bool, reason: str) -> None:
    """Skip (locally) or fail (under CI) when a service is not ``available``."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: run scripts/test, which installs it)")
    pytest.skip(reason)
