"""Extraction of abbrev (placeholder: fills nothing yet)."""

from __future__ import annotations

from . import Context


def extract_abbreviations(ctx: Context) -> None:
    """Add this stage's findings to ``ctx``."""
    return None
