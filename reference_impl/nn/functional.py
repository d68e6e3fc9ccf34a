"""torch.nn.functional: the stateless forms of the layers, activations and losses.

Mirrors: torch.nn.functional.  Primitives with explicit gradients live in
:mod:`reference_impl.ops`; the rest is composed here from them.
"""

from __future__ import annotations

import math
from typing import Any

from reference_impl import _dtype as dt
from reference_impl.ops.compare import where
from reference_impl.ops.conv import adaptive_avg_pool2d, avg_pool2d, conv1d, conv2d, conv_transpose2d, max_pool2d
from reference_impl.ops.convnd import conv3d, conv_transpose1d, conv_transpose3d
from reference_impl.ops.linalg import linear
from reference_impl.ops.nnops import (
    batch_norm,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    dropout,
    embedding,
    l1_loss,
    log_softmax,
    mse_loss,
    nll_loss,
    smooth_l1_loss,
    softmax,
)
from reference_impl.ops.unary import leaky_relu as _leaky_relu
from reference_impl.ops.unary import relu as _relu
from reference_impl.ops.unary import sigmoid, tanh
from reference_impl.tensor import Tensor

__all__ = ["adaptive_avg_pool2d", "avg_pool2d", "batch_norm", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "conv1d", "conv2d", "embedding_bag", "conv3d", "conv_transpose1d",
           "conv_transpose2d", "conv_transpose3d", "cross_entropy", "dropout",
           "elu", "embedding", "gelu", "l1_loss", "leaky_relu", "linear", "log_softmax", "max_pool2d", "mse_loss",
           "nll_loss", "normalize", "one_hot", "pad", "relu", "sigmoid", "silu", "smooth_l1_loss", "softmax",
           "softplus", "tanh", "hardtanh", "relu6", "huber_loss", "mish", "logsigmoid"]


def relu(x: Tensor, inplace: bool = False) -> Tensor:
    """Mirrors: F.relu."""
    return x.relu_() if inplace else _relu(x)


def leaky_relu(x: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """Mirrors: F.leaky_relu."""
    out = _leaky_relu(x, negative_slope)
    if inplace:
        x.data = out.detach()
    return out


def elu(x: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return where(x > 0, x, (x.clamp(max=0).exp() - 1) * alpha)


def gelu(x: Tensor, approximate: str = "none") -> Tensor:
    """Mirrors: F.gelu (exact erf form, or the tanh approximation)."""
    if approximate == "tanh":
        return x * 0.5 * (1 + tanh((x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)))
    from reference_impl.ops._common import unary as _unary
    cdf = _unary(lambda v: 0.5 * (1 + math.erf(v / math.sqrt(2))), x.detach())
    pdf = _unary(lambda v: math.exp(-v * v / 2) / math.sqrt(2 * math.pi), x.detach())
    # x * Phi(x), differentiable through x with d/dx = Phi(x) + x phi(x)
    return x * cdf + (x - x.detach()) * x.detach() * pdf


def silu(x: Tensor, inplace: bool = False) -> Tensor:
    return x * sigmoid(x)


def mish(x: Tensor, inplace: bool = False) -> Tensor:
    return x * tanh(softplus(x))


def softplus(x: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    soft = ((x * beta).clamp(max=threshold).exp() + 1).log() / beta
    return where(x * beta > threshold, x, soft)


def logsigmoid(x: Tensor) -> Tensor:
    return -softplus(-x)


def hardtanh(x: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:
    return x.clamp(min_val, max_val)


def relu6(x: Tensor, inplace: bool = False) -> Tensor:
    return x.clamp(0.0, 6.0)


def huber_loss(x: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0) -> Tensor:
    d = (x - target).abs()
    loss = where(d < delta, d * d * 0.5, (d - 0.5 * delta) * delta)
    return loss.mean() if reduction == "mean" else loss.sum() if reduction == "sum" else loss


def normalize(x: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12) -> Tensor:
    return x / x.norm(p, dim, keepdim=True).clamp(min=eps)


def one_hot(x: Tensor, num_classes: int = -1) -> Tensor:
    """Mirrors: F.one_hot: int64 of shape x.shape + (num_classes,)."""
    if x.dtype is not dt.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    values = list(x._flat())
    n = max(values) + 1 if num_classes == -1 else num_classes
    out = [0] * (len(values) * n)
    for i, v in enumerate(values):
        if not 0 <= v < n:
            raise RuntimeError("Class values must be smaller than num_classes.")
        out[i * n + v] = 1
    return Tensor._of(out, x._shape + (n,), dt.int64, x.device)


def pad(x: Tensor, pad: Any, mode: str = "constant", value: float = 0.0) -> Tensor:
    """Mirrors: F.pad (constant mode): pairs from the last dim backwards."""
    if mode != "constant":
        return _pad_by_index(x, pad, mode)
    from reference_impl import creation
    from reference_impl.ops.shape import cat
    out = x
    for i in range(len(pad) // 2):
        d = x.dim() - 1 - i
        before, after = pad[2 * i], pad[2 * i + 1]
        parts = []
        if before > 0:
            shape = list(out.shape)
            shape[d] = before
            parts.append(creation.full(shape, value, dtype=x.dtype, device=x.device))
        parts.append(out)
        if after > 0:
            shape = list(out.shape)
            shape[d] = after
            parts.append(creation.full(shape, value, dtype=x.dtype, device=x.device))
        out = cat(parts, d) if len(parts) > 1 else out
    return out


def _pad_by_index(x: Tensor, pad: Any, mode: str) -> Tensor:
    """reflect / replicate / circular padding as a gather along each padded dim (differentiable)."""
    out = x
    for i in range(len(pad) // 2):
        d = x.dim() - 1 - i
        n = out.shape[d]
        before, after = pad[2 * i], pad[2 * i + 1]
        idx = []
        for j in range(-before, n + after):
            if mode == "reflect":
                if before >= n or after >= n:
                    raise RuntimeError("Padding size should be less than the corresponding input dimension")
                k = abs(j)
                k = 2 * (n - 1) - k if k >= n else k
            elif mode == "replicate":
                k = min(max(j, 0), n - 1)
            elif mode == "circular":
                k = j % n
            else:
                raise NotImplementedError(f"pad mode {mode!r} is not implemented in reference_impl")
            idx.append(k)
        out = out[(slice(None),) * d + (idx,)]
    return out


def embedding_bag(input: Tensor, weight: Tensor, offsets: Any = None, *args: Any, **kwargs: Any) -> Tensor:
    """Mirrors: F.embedding_bag (see reference_impl.nn.sparse)."""
    from reference_impl.nn.sparse import embedding_bag as _embedding_bag

    return _embedding_bag(input, weight, offsets, *args, **kwargs)
