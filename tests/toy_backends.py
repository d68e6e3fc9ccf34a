"""Toy backends for the plugin's own tests: torch with one thing made wrong.

They wrap torch without monkeypatching it (a tensor subclass and a namespace
that delegates everything else), so that pytester can run them in-process.
"""

from __future__ import annotations

import types
from typing import Any

from conformance.backends.torch_backend import TorchBackend


def torch_with(torch: Any, **overrides: Any) -> Any:
    """A module-like copy of torch's namespace with some names replaced; torch itself is untouched."""
    ns = types.SimpleNamespace(**{k: getattr(torch, k) for k in dir(torch) if not k.startswith("__")})
    ns.__dict__.update(overrides)
    return ns


def _namespace_returning(cls: type, torch: Any, **overrides: Any) -> Any:
    """torch, except that creation functions return ``cls``."""
    def returning_cls(create: Any) -> Any:
        return lambda *a, **k: create(*a, **k).as_subclass(cls)

    names = ("tensor", "ones", "zeros", "rand", "randn", "empty", "ones_like")
    creation = {name: returning_cls(getattr(torch, name)) for name in names}
    return torch_with(torch, **{**creation, **overrides})


def left_aligned_broadcasting() -> TorchBackend:
    """Aligns shapes on the LEFT (pads the shorter shape with trailing 1s): a wrong rule."""
    import torch

    def align(a: Any, b: Any) -> tuple[Any, Any]:
        a = a.as_subclass(torch.Tensor) if isinstance(a, torch.Tensor) else a
        b = b.as_subclass(torch.Tensor) if isinstance(b, torch.Tensor) else b
        if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.dim() != b.dim():
            n = max(a.dim(), b.dim())
            a = a.reshape(tuple(a.shape) + (1,) * (n - a.dim()))
            b = b.reshape(tuple(b.shape) + (1,) * (n - b.dim()))
        return a, b

    def binary(fn: Any) -> Any:
        return lambda x, y, *args, **kwargs: fn(*align(x, y), *args, **kwargs).as_subclass(LeftAligned)

    class LeftAligned(torch.Tensor):
        def __repr__(self, **kwargs: Any) -> str:
            return repr(self.as_subclass(torch.Tensor))

        __add__ = binary(torch.add)
        __sub__ = binary(torch.sub)
        __mul__ = binary(torch.mul)
        __truediv__ = binary(torch.div)

    return _Wrapped("left-aligned", _namespace_returning(
        LeftAligned, torch, add=binary(torch.add), sub=binary(torch.sub), mul=binary(torch.mul), div=binary(torch.div)
    ))


def one_based_indexing() -> TorchBackend:
    """Counts indices from 1, as the document's "x[:, 1] is the first column" would need."""
    import torch

    def shift(key: Any) -> Any:
        if isinstance(key, tuple):
            return tuple(shift(k) for k in key)
        return key - 1 if isinstance(key, int) and key > 0 else key

    class OneBased(torch.Tensor):
        def __repr__(self, **kwargs: Any) -> str:
            return repr(self.as_subclass(torch.Tensor))

        def __getitem__(self, key: Any) -> Any:
            return torch.Tensor.__getitem__(self, shift(key))

    return _Wrapped("one-based", _namespace_returning(OneBased, torch))


class _Wrapped(TorchBackend):
    def __init__(self, name: str, namespace: Any) -> None:
        self.name = name
        self._namespace = namespace

    @property
    def namespace(self) -> Any:
        return self._namespace


class DeclaresUnknownClaim(TorchBackend):
    name = "declares-unknown"
    expected_failures = {"creation.no-such-claim": "a typo in the adapter"}


class DeclaresDeviation(TorchBackend):
    name = "declares-deviation"
    expected_failures = {"indexing.column.index-1-is-second-column": "counts columns from 1"}

    @property
    def namespace(self) -> Any:
        return one_based_indexing().namespace


class DevicesRaise(TorchBackend):
    name = "devices-raise"

    def devices(self) -> list[str]:
        raise OSError("driver not loaded")


class NotABackend:
    """Lacks the protocol entirely."""
