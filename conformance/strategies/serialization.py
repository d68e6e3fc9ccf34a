"""Strategies of the serialization claims."""

from __future__ import annotations

STRATEGIES: dict = {}
