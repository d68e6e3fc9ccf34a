"""torch.nn.utils: gradient clipping and parameter/vector conversion.

Mirrors: nn.utils.clip_grad_norm_ (total norm over all gradients, scaled
by max_norm / (total + 1e-6) when above), clip_grad_value_,
parameters_to_vector and vector_to_parameters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from reference_impl.grad_mode import no_grad
from reference_impl.tensor import Tensor


def clip_grad_norm_(parameters: Any, max_norm: float, norm_type: float = 2.0,
                    error_if_nonfinite: bool = False, foreach: Any = None) -> Tensor:
    """Mirrors: nn.utils.clip_grad_norm_; returns the total norm."""
    from reference_impl import creation

    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return creation.tensor(0.0)
    if norm_type == math.inf:
        total = max(max(abs(v) for v in g._flat()) for g in grads)
    else:
        total = sum(sum(abs(v) ** norm_type for v in g._flat()) for g in grads) ** (1.0 / norm_type)
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(f"The total norm of order {float(norm_type)} for gradients from `parameters` is "
                           "non-finite, so it cannot be clipped.")
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        with no_grad():
            for g in grads:
                g.mul_(coef)
    return creation.tensor(total, dtype=grads[0].dtype, device=grads[0].device)


def clip_grad_value_(parameters: Any, clip_value: float, foreach: Any = None) -> None:
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    with no_grad():
        for p in params:
            if p.grad is not None:
                p.grad.clamp_(-clip_value, clip_value)


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    from reference_impl.ops.shape import cat
    return cat([p.reshape(-1) for p in parameters])


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    start = 0
    with no_grad():
        for p in parameters:
            n = p.numel()
            p.copy_(vec[start:start + n].reshape(p.shape))
            start += n
