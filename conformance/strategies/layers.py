"""Strategies of the layers claims."""

from __future__ import annotations

STRATEGIES: dict = {}
