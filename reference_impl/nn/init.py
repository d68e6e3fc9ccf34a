"""Weight initialisation.

Mirrors: torch.nn.init (2.x): the same signatures and defaults
(``kaiming_uniform_(tensor, a=0.0, mode="fan_in", nonlinearity="leaky_relu",
generator=None)``...), each filling the tensor in place without recording
gradients and returning it; fan-in/fan-out from the weight's own shape
(dim 1 times the receptive field is the fan-in, so grouped convolutions use
in_channels/groups and transposed ones out_channels/groups).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from reference_impl.grad_mode import no_grad
from reference_impl.tensor import Tensor


def calculate_gain(nonlinearity: str, param: Any = None) -> float:
    """Mirrors: nn.init.calculate_gain."""
    linear_fns = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"]
    if nonlinearity in linear_fns or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif not isinstance(param, bool) and isinstance(param, (int, float)):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    """Mirrors: nn.init._calculate_fan_in_and_fan_out."""
    if tensor.dim() < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive = math.prod(tensor.shape[2:]) if tensor.dim() > 2 else 1
    return tensor.shape[1] * receptive, tensor.shape[0] * receptive


def _calculate_correct_fan(tensor: Tensor, mode: str) -> int:
    mode = mode.lower()
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Tensor:
    """Mirrors: nn.init.uniform_: U(a, b)."""
    with no_grad():
        return tensor.uniform_(a, b, generator=generator)


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Tensor:
    """Mirrors: nn.init.normal_: N(mean, std^2)."""
    with no_grad():
        return tensor.normal_(mean, std, generator=generator)


def trunc_normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, a: float = -2.0, b: float = 2.0,
                  generator: Any = None) -> Tensor:
    """Mirrors: nn.init.trunc_normal_ (by rejection: values outside [a, b] redrawn)."""
    from reference_impl import random as rnd

    gen = generator or rnd.default_generator
    values: list[float] = []
    while len(values) < tensor.numel():
        values.extend(v for v in gen.normal_list(tensor.numel(), mean, std) if a <= v <= b)
    with no_grad():
        tensor._write(values[:tensor.numel()])
    return tensor


def constant_(tensor: Tensor, val: float) -> Tensor:
    with no_grad():
        return tensor.fill_(val)


def ones_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 1.0)


def zeros_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 0.0)


def eye_(tensor: Tensor) -> Tensor:
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    n, m = tensor.shape
    with no_grad():
        tensor._write([1.0 if i == j else 0.0 for i in range(n) for j in range(m)])
    return tensor


def _no_fill(tensor: Tensor) -> bool:
    if 0 in tensor.shape:
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=3)
        return True
    return False


def kaiming_uniform_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                     generator: Any = None) -> Tensor:
    """Mirrors: nn.init.kaiming_uniform_: U(-b, b), b = gain * sqrt(3 / fan)."""
    if _no_fill(tensor):
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                    generator: Any = None) -> Tensor:
    """Mirrors: nn.init.kaiming_normal_: N(0, std^2), std = gain / sqrt(fan)."""
    if _no_fill(tensor):
        return tensor
    fan = _calculate_correct_fan(tensor, mode)
    std = calculate_gain(nonlinearity, a) / math.sqrt(fan)
    return normal_(tensor, 0.0, std, generator)


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Mirrors: nn.init.xavier_uniform_: U(-b, b), b = gain * sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return uniform_(tensor, -math.sqrt(3.0) * std, math.sqrt(3.0) * std, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Mirrors: nn.init.xavier_normal_: N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std, generator)


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Mirrors: nn.init.orthogonal_ (Gram-Schmidt on a normal matrix)."""
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    rows, cols = tensor.shape[0], tensor.numel() // tensor.shape[0]
    from reference_impl import random as rnd
    gen = generator or rnd.default_generator
    n, m = (rows, cols) if rows >= cols else (cols, rows)
    vecs: list[list[float]] = []
    while len(vecs) < m:
        v = gen.normal_list(n)
        for u in vecs:
            d = sum(a * b for a, b in zip(v, u, strict=False))
            v = [a - d * b for a, b in zip(v, u, strict=False)]
        norm = math.sqrt(sum(a * a for a in v))
        if norm > 1e-8:
            vecs.append([a / norm for a in v])
    q = [[vecs[j][i] for j in range(m)] for i in range(n)]  # n x m, orthonormal columns
    if rows < cols:
        q = [list(r) for r in zip(*q, strict=False)]
    with no_grad():
        tensor._write([gain * v for r in q for v in r])
    return tensor


# the deprecated spellings without the trailing underscore
uniform = uniform_
normal = normal_
constant = constant_
