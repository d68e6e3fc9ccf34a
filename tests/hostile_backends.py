"""Hostile backends: torch with one function made to hang, crash, raise the
unraisable, return the wrong thing, or scribble on its inputs.

The run must survive each: the claims that call the hostile function fail
with a clear reason and every other claim comes out as it does on torch.
"""

from __future__ import annotations

import os
import time
from typing import Any

from conformance.backends.torch_backend import TorchBackend
from tests.toy_backends import torch_with


class _Hostile(TorchBackend):
    """torch, except for the functions ``overrides(torch)`` returns."""

    def __init__(self, name: str) -> None:
        self.name = name

    def overrides(self, torch: Any) -> dict[str, Any]:
        raise NotImplementedError

    @property
    def namespace(self) -> Any:
        torch = super().namespace
        return torch_with(torch, **self.overrides(torch))


class Hangs(_Hostile):
    """``torch.empty`` never returns."""

    def overrides(self, torch: Any) -> dict[str, Any]:
        return {"empty": lambda *a, **k: time.sleep(3600)}


class Aborts(_Hostile):
    """``torch.ones_like`` kills its own process."""

    def overrides(self, torch: Any) -> dict[str, Any]:
        return {"ones_like": lambda *a, **k: os.abort()}


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no message for you")


class _Exotic(BaseException):
    """Derives from BaseException, not Exception."""


def _raise(exc: BaseException) -> Any:
    def fn(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return fn


class RaisesExotic(_Hostile):
    """``zeros`` raises KeyboardInterrupt, ``ones`` SystemExit, ``rand`` an unprintable
    exception, ``randn`` a BaseException subclass, ``empty`` unittest's SkipTest."""

    def overrides(self, torch: Any) -> dict[str, Any]:
        import unittest

        return {"zeros": _raise(KeyboardInterrupt()), "ones": _raise(SystemExit(3)),
                "rand": _raise(_Unprintable()), "randn": _raise(_Exotic("exotic")),
                "empty": _raise(unittest.SkipTest("not today"))}


class WrongTypes(_Hostile):
    """``add`` returns a nested list; ``mul`` returns a tensor of the wrong shape."""

    def overrides(self, torch: Any) -> dict[str, Any]:
        return {"add": lambda x, y: torch.add(x, y).tolist(), "mul": lambda x, y: torch.mul(x, y).reshape(-1)}


class MutatesInputs(_Hostile):
    """``from_numpy`` copies the array, then zeroes the caller's array."""

    def overrides(self, torch: Any) -> dict[str, Any]:
        def from_numpy(array: Any) -> Any:
            copy = torch.from_numpy(array.copy())
            array[...] = 0
            return copy

        return {"from_numpy": from_numpy}


hangs = Hangs("hangs")
aborts = Aborts("aborts")
raises_exotic = RaisesExotic("raises-exotic")
wrong_types = WrongTypes("wrong-types")
mutates_inputs = MutatesInputs("mutates-inputs")
