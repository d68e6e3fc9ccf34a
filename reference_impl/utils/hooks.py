"""Hook handles.

Mirrors: torch.utils.hooks.RemovableHandle: ``remove()`` unregisters the hook;
removing twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class RemovableHandle:
    """Mirrors: torch.utils.hooks.RemovableHandle."""

    _next = 0

    def __init__(self, store: Any, hook: Callable[..., Any]) -> None:
        RemovableHandle._next += 1
        self.id = RemovableHandle._next
        self._store = store
        store[self.id] = hook

    def remove(self) -> None:
        self._store.pop(self.id, None)
