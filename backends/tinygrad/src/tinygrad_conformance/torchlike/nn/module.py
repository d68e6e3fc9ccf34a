"""The thin Module / Parameter / buffer layer: tinygrad has no Module base class.

A tinygrad model is any object whose attributes hold Tensors; tinygrad's
``nn.state`` helpers walk ``__dict__`` to find them.  This layer adds only:

* ``Module.__call__`` -> ``self.forward(...)``;
* ``state_dict()``      = ``tinygrad.nn.state.get_state_dict(self)`` (tinygrad's key names and order);
* ``load_state_dict()`` = ``tinygrad.nn.state.load_state_dict(self, sd, strict=strict, verbose=False)``
  (tinygrad's strictness and its return value, a list of tensors);
* ``named_parameters()`` / ``named_buffers()``: the ``get_state_dict`` entries split by
  tinygrad's own flag ``Tensor.is_param`` (True for every tensor unless cleared);
* ``register_buffer(name, x)``: ``setattr`` of ``x.is_param_(False)`` (how tinygrad's own
  BatchNorm marks its running statistics);
* ``named_children()`` / ``named_modules()``: the attributes that are Modules (tinygrad has
  no helper for this; it is a walk over ``__dict__``);
* ``to(device)`` / ``to(dtype)``: tinygrad's ``Tensor.to_`` / ``Tensor.replace(x.cast(dtype))``
  on each state tensor, in place;
* ``train()`` / ``eval()`` / ``training``: tinygrad's one training switch, the process-global
  ``TRAINING`` context variable (read by its BatchNorm, ``Tensor.dropout`` and
  ``Optimizer.step``); a per-module mode does not exist in tinygrad;
* ``zero_grad()``: ``p.grad = None`` for each parameter (as tinygrad's ``Optimizer.zero_grad``).

``Parameter(x)`` is a ``Tensor`` subclass holding the same lazy graph as ``x`` (so that
``isinstance(p, nn.Parameter)`` can be asked); tinygrad itself has no Parameter type and
treats every tensor attribute as model state.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tinygrad import Tensor
from tinygrad.helpers import TRAINING
from tinygrad.nn import state as tg_state


class Parameter(Tensor):
    __slots__ = ()

    def __init__(self, data: Any = None, requires_grad: bool = True) -> None:
        super().__init__(data.uop if isinstance(data, Tensor) else data)


class Module:
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} defines no forward()")

    # ---- state: tinygrad's helpers ----
    def state_dict(self) -> dict[str, Tensor]:
        return tg_state.get_state_dict(self)

    def load_state_dict(self, state_dict: dict[str, Tensor], strict: bool = True) -> Any:
        return tg_state.load_state_dict(self, state_dict, strict=strict, verbose=False)

    def named_parameters(self) -> Iterator[tuple[str, Tensor]]:
        return ((k, v) for k, v in self.state_dict().items() if v.is_param)

    def parameters(self) -> Iterator[Tensor]:
        return (v for _, v in self.named_parameters())

    def named_buffers(self) -> Iterator[tuple[str, Tensor]]:
        return ((k, v) for k, v in self.state_dict().items() if not v.is_param)

    def buffers(self) -> Iterator[Tensor]:
        return (v for _, v in self.named_buffers())

    def register_buffer(self, name: str, tensor: Tensor, persistent: bool = True) -> None:
        if not persistent:
            raise NotImplementedError(
                "tinygrad's get_state_dict saves every tensor attribute: no non-persistent buffers")
        setattr(self, name, tensor.is_param_(False))

    # ---- structure: a walk over __dict__ ----
    def named_children(self) -> Iterator[tuple[str, Module]]:
        return ((k, v) for k, v in vars(self).items() if isinstance(v, Module))

    def children(self) -> Iterator[Module]:
        return (v for _, v in self.named_children())

    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, Module]]:
        yield prefix, self
        for name, child in self.named_children():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)

    def modules(self) -> Iterator[Module]:
        return (m for _, m in self.named_modules())

    # ---- placement and dtype: tinygrad's in-place moves ----
    def to(self, *args: Any, device: Any = None, dtype: Any = None) -> Module:
        from tinygrad.dtype import DType

        for a in args:
            if isinstance(a, DType):
                dtype = a
            else:
                device = a
        for v in self.state_dict().values():
            if device is not None:
                v.to_(device)
            if dtype is not None and v.is_floating_point():
                v.replace(v.cast(dtype))
        return self

    # ---- mode: tinygrad's global TRAINING switch ----
    @property
    def training(self) -> bool:
        return bool(TRAINING.value)

    def train(self, mode: bool = True) -> Module:
        TRAINING.value = int(mode)
        return self

    def eval(self) -> Module:
        return self.train(False)

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = None
