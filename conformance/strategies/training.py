"""Strategies of the training claims."""

from __future__ import annotations

STRATEGIES: dict = {}
