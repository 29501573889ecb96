"""Gazetteer of Vietnamese administrative units (placeholder until the gazetteer lands)."""

from __future__ import annotations


class Gazetteer:
    """Time-aware lookup of administrative units (to be implemented)."""
