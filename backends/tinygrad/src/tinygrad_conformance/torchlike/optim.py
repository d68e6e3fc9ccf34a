"""torch.optim onto tinygrad.nn.optim.

``SGD`` and ``Adam`` are tinygrad's (``SGD`` is tinygrad's LARS with the trust ratio off, ``Adam``
its LAMB with ``adam=True``); torch's keyword names are translated (``betas`` -> ``b1, b2``) and
``params`` (often a generator in torch code) is given to tinygrad as a list.  Options tinygrad
does not have are rejected, not emulated.  ``step()`` is tinygrad's: it raises unless tinygrad's
global ``TRAINING`` switch is on (``model.train()`` in this adapter).
"""

from __future__ import annotations

from typing import Any

from tinygrad.nn import optim as tg_optim

from tinygrad_conformance.torchlike._missing import missing

Optimizer = tg_optim.Optimizer


def SGD(params: Any, lr: float = 1e-3, momentum: float = 0.0, dampening: float = 0.0, weight_decay: float = 0.0,  # noqa: N802
        nesterov: bool = False) -> tg_optim.Optimizer:
    if dampening:
        raise NotImplementedError("tinygrad's SGD has no dampening")
    return tg_optim.SGD(list(params), lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=nesterov)


def Adam(params: Any, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,  # noqa: N802
         weight_decay: float = 0.0, amsgrad: bool = False) -> tg_optim.Optimizer:
    if weight_decay:
        raise NotImplementedError("tinygrad's Adam has no L2 weight decay (its AdamW decays decoupled)")
    if amsgrad:
        raise NotImplementedError("tinygrad's Adam has no amsgrad")
    return tg_optim.Adam(list(params), lr=lr, b1=betas[0], b2=betas[1], eps=eps)


def __getattr__(name: str) -> Any:
    return missing("torch.optim", name)
