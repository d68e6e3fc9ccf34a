"""The one error for a torch name tinygrad has no equivalent of."""

from __future__ import annotations

from typing import NoReturn


def missing(prefix: str, name: str) -> NoReturn:
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)  # import machinery and introspection probe dunders: stay silent
    raise AttributeError(f"tinygrad has no equivalent of {prefix}.{name} (not mapped by the tinygrad adapter)")
