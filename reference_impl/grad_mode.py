"""Grad mode: whether operations are recorded for autograd.

Mirrors: torch.is_grad_enabled, torch.no_grad, enable_grad, set_grad_enabled
and inference_mode (context managers and decorators; the state is one flag,
saved and restored around each ``with`` block).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

_grad_enabled = [True]


def is_grad_enabled() -> bool:
    """Mirrors: torch.is_grad_enabled()."""
    return _grad_enabled[0]


class _GradMode:
    """Base of the grad-mode switches: context manager and decorator.

    Mirrors: torch.autograd.grad_mode._DecoratorContextManager: the previous
    mode is restored on exit, also when the block raises.
    """

    _mode: bool = False

    def __init__(self) -> None:
        self._prev: list[bool] = []

    def __enter__(self) -> None:
        self._prev.append(_grad_enabled[0])
        _grad_enabled[0] = self._mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev.pop()

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.__class__():
                return fn(*args, **kwargs)
        return wrapper

    def clone(self) -> _GradMode:
        return self.__class__()


class no_grad(_GradMode):
    """Disable graph recording.  Mirrors: torch.no_grad."""

    _mode = False


class enable_grad(_GradMode):
    """Enable graph recording.  Mirrors: torch.enable_grad."""

    _mode = True


class inference_mode(no_grad):
    """Mirrors: torch.inference_mode, approximated by no_grad."""

    def __init__(self, mode: bool = True) -> None:
        super().__init__()
        self._mode = not mode


class set_grad_enabled(_GradMode):
    """Set grad mode now; as a context manager, restore it on exit.

    Mirrors: torch.set_grad_enabled(mode): the mode takes effect at
    construction, so a plain call works too.
    """

    def __init__(self, mode: bool) -> None:
        super().__init__()
        self._mode = bool(mode)
        self._prev.append(_grad_enabled[0])
        _grad_enabled[0] = self._mode

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev.pop()

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        _grad_enabled[0] = self._prev.pop()
        mode = self._mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)
