"""Named hypothesis strategies that claims ask for by key.

A claim says ``inputs={"pair": "broadcastable_float_pair"}``; the runner looks
the key up here and draws.  Each submodule holds the strategies of one area in
a ``STRATEGIES`` mapping from key to a zero-argument factory, so that building
a strategy (and importing hypothesis) happens only when a claim runs.
Examples stay small on purpose: the pure-Python reference backend runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.strategies import arrays, autograd, broadcasting, layers, modules, serialization, training

_FACTORIES: dict[str, Callable[[], Any]] = {}
for _module in (arrays, broadcasting, autograd, modules, serialization, layers, training):
    for _key, _factory in _module.STRATEGIES.items():
        if _key in _FACTORIES:
            raise ValueError(f"strategy key {_key!r} is defined twice")
        _FACTORIES[_key] = _factory


def names() -> list[str]:
    """Every strategy key a claim may name."""
    return sorted(_FACTORIES)


def strategy_for(key: str) -> Any:
    """The hypothesis strategy registered under ``key``."""
    try:
        factory = _FACTORIES[key]
    except KeyError:
        raise KeyError(f"no strategy named {key!r}; known: {', '.join(names())}") from None
    return factory()
