"""Shared fixtures: paths to the project's data and to ``../shared`` when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "articles" / "hung-yen-antq.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article in ``data/articles``."""
    return SEED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``, or a skip with the reason when it is not beside the project."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED
