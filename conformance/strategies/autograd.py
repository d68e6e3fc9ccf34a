"""Strategies of the autograd claims."""

from __future__ import annotations

STRATEGIES: dict = {}
