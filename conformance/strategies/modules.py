"""Strategies of the modules claims."""

from __future__ import annotations

STRATEGIES: dict = {}
