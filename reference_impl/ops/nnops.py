"""Neural-network primitives: softmax, log_softmax, the losses, dropout,
batch normalisation and embedding.

Mirrors: torch.nn.functional's forward formulas, node names
(SoftmaxBackward0, LogSoftmaxBackward0, NllLossBackward0, MseLossBackward0...)
and argument checks (target dtype, class bounds, reduction names).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from reference_impl import _dtype as dt
from reference_impl import _kernels as K
from reference_impl.function import Context, Function, node_class
from reference_impl.ops._common import new, wrap_dim
from reference_impl.tensor import Tensor


def named(out: Tensor, name: str) -> Tensor:
    """Give a composite's final node torch's name for the whole operation."""
    if out.grad_fn is not None:
        out.grad_fn.__class__ = node_class(name)
    return out


def _rowwise(x: Tensor, dim: int, fn: Any) -> list[Any]:
    """Apply ``fn(row) -> row`` along ``dim``; the result in x's row-major order."""
    if x.dim() == 0:
        return fn([x.item()])
    d = wrap_dim(dim, x.dim())
    if d == x.dim() - 1:
        out: list[Any] = []
        for r in K.rows(x._flat(), x._shape[-1]):
            out.extend(fn(r))
        return out
    moved = x.transpose(d, -1)
    flat = Tensor._of(moved._flat(), moved._shape, x.dtype)
    res = new(_rowwise(flat, -1, fn), moved._shape, x.dtype, x.device)
    return list(res.transpose(d, -1)._flat())


def _softmax_row(r: list[float]) -> list[float]:
    m = max(r)
    e = [math.exp(v - m) for v in r] if m != -math.inf else [math.nan] * len(r)
    s = sum(e)
    return [v / s for v in e]


def _log_softmax_row(r: list[float]) -> list[float]:
    m = max(r)
    lse = m + math.log(sum(math.exp(v - m) for v in r))
    return [v - lse for v in r]


class Softmax(Function):
    name = "SoftmaxBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: int) -> Tensor:
        out = new(_rowwise(x, dim, _softmax_row), x._shape, _float(x), x.device)
        ctx.save(out)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (out * (g - (g * out).sum(ctx.dim, keepdim=True)), None)


class LogSoftmax(Function):
    name = "LogSoftmaxBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, dim: int) -> Tensor:
        out = new(_rowwise(x, dim, _log_softmax_row), x._shape, _float(x), x.device)
        ctx.save(out)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        (out,) = ctx.saved()
        return (g - out.exp() * g.sum(ctx.dim, keepdim=True), None)


def _float(x: Tensor) -> dt.dtype:
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"softmax_lastdim_kernel_impl\" not implemented for '{x.type_name()[6:-6]}'")
    return x.dtype


def _implicit_dim(x: Tensor, dim: Any) -> int:
    if dim is None:
        warnings.warn("Implicit dimension choice for softmax has been deprecated. Change the call to include "
                      "dim=X as an argument.", UserWarning, stacklevel=3)
        return 0 if x.dim() in (0, 1, 3) else 1
    return int(dim)


def softmax(x: Tensor, dim: Any = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """Mirrors: torch.softmax / F.softmax."""
    return Softmax.apply(x if dtype is None else x.to(dtype), _implicit_dim(x, dim))


def log_softmax(x: Tensor, dim: Any = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    """Mirrors: torch.log_softmax / F.log_softmax."""
    return LogSoftmax.apply(x if dtype is None else x.to(dtype), _implicit_dim(x, dim))


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"{reduction} is not a valid value for reduction")


def mse_loss(x: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
             reduction: str = "mean") -> Tensor:
    """Mirrors: F.mse_loss (a warning when the shapes differ and broadcast)."""
    if x.shape != target.shape:
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({x.shape}). "
                      "This will likely lead to incorrect results due to broadcasting. Please ensure they have "
                      "the same size.", UserWarning, stacklevel=2)
    diff = x - target
    return named(_reduce(diff * diff, reduction), "MseLossBackward0")


def l1_loss(x: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
            reduction: str = "mean") -> Tensor:
    """Mirrors: F.l1_loss."""
    if x.shape != target.shape:
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({x.shape}). "
                      "This will likely lead to incorrect results due to broadcasting. Please ensure they have "
                      "the same size.", UserWarning, stacklevel=2)
    return _reduce((x - target).abs(), reduction)


class NllLoss(Function):
    name = "NllLossBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, target: Tensor, weight: Any, ignore_index: int, reduction: str) -> Tensor:
        if target.dtype.is_floating_point:
            found = "Float" if target.dtype is dt.float32 else "Double"
            raise RuntimeError(f"expected scalar type Long but found {found}")
        if x.dim() == 1:
            x2, t2 = x.unsqueeze(0), target.reshape(1)
        elif x.dim() == 2:
            x2, t2 = x, target
        else:
            c = x._shape[1]
            x2 = x.permute((0,) + tuple(range(2, x.dim())) + (1,)).reshape(-1, c)
            t2 = target.reshape(-1)
        n, c = x2._shape
        if t2._shape[0] != n:
            raise ValueError(f"Expected input batch_size ({n}) to match target batch_size ({t2._shape[0]}).")
        rows = K.rows(x2._flat(), c)
        w = list(weight._flat()) if weight is not None else None
        losses, weights = [], []
        for row, t in zip(rows, t2._flat(), strict=False):
            if t == ignore_index:
                losses.append(0.0)
                weights.append(0.0)
                continue
            if not 0 <= t < c:
                raise IndexError(f"Target {t} is out of bounds.")
            wt = w[t] if w is not None else 1.0
            losses.append(-row[t] * wt)
            weights.append(wt)
        ctx.meta = (x._shape, n, c, list(t2._flat()), weights, reduction, ignore_index)
        if reduction == "none":
            return new(losses, target._shape if x.dim() != 1 else (), x.dtype, x.device)
        total = sum(losses)
        if reduction == "mean":
            total = total / sum(weights) if sum(weights) else math.nan
        elif reduction != "sum":
            raise ValueError(f"{reduction} is not a valid value for reduction")
        return new([total], (), x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, g: Tensor) -> tuple[Any, ...]:
        shape, n, c, targets, weights, reduction, ignore = ctx.meta
        gflat = list(g.contiguous()._flat()) if reduction == "none" else None
        denom = sum(weights) if reduction == "mean" else 1.0
        scale = g.item() / denom if gflat is None and denom else 0.0
        out = [0.0] * (n * c)
        for i, (t, wt) in enumerate(zip(targets, weights, strict=False)):
            if t == ignore:
                continue
            out[i * c + t] = -wt * (gflat[i] if gflat is not None else scale)
        grad = new(out, (n, c), g.dtype, g.device)
        if len(shape) == 1:
            grad = grad.reshape(shape)
        elif len(shape) > 2:
            nd = len(shape)
            grad = grad.reshape((shape[0],) + shape[2:] + (c,)).permute((0, nd - 1) + tuple(range(1, nd - 1)))
            grad = grad.contiguous()
        return (grad, None, None, None, None)


def nll_loss(x: Tensor, target: Tensor, weight: Any = None, size_average: Any = None, ignore_index: int = -100,
             reduce: Any = None, reduction: str = "mean") -> Tensor:
    """Mirrors: F.nll_loss."""
    return NllLoss.apply(x, target, weight, ignore_index, reduction)


def cross_entropy(x: Tensor, target: Tensor, weight: Any = None, size_average: Any = None, ignore_index: int = -100,
                  reduce: Any = None, reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    """Mirrors: F.cross_entropy = nll_loss(log_softmax(x, 1)); class indices or probabilities."""
    dim = 0 if x.dim() == 1 else 1
    logp = log_softmax(x, dim)
    if target.dtype.is_floating_point:
        if label_smoothing:
            target = target * (1 - label_smoothing) + label_smoothing / x._shape[dim]
        w = logp if weight is None else logp * weight.reshape((-1,) + (1,) * (x.dim() - dim - 1))
        loss = -(w * target).sum(dim)
        return _reduce(loss, reduction) if reduction != "mean" else loss.sum() / (
            loss.numel() if x.dim() > 1 else 1) if loss.dim() else loss
    out = nll_loss(logp, target, weight, None, ignore_index, None, reduction)
    if label_smoothing:
        smooth = -logp.mean(dim)
        out = out * (1 - label_smoothing) + _reduce(smooth, reduction) * label_smoothing
    return out


def binary_cross_entropy(x: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
                         reduce: Any = None, reduction: str = "mean") -> Tensor:
    """Mirrors: F.binary_cross_entropy (log clamped at -100, as torch)."""
    loss = -(target * x.log().clamp(min=-100) + (1 - target) * (1 - x).log().clamp(min=-100))
    if weight is not None:
        loss = loss * weight
    return named(_reduce(loss, reduction), "BinaryCrossEntropyBackward0")


def binary_cross_entropy_with_logits(x: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
                                     reduce: Any = None, reduction: str = "mean", pos_weight: Any = None) -> Tensor:
    """Mirrors: F.binary_cross_entropy_with_logits (the stable log-sigmoid form)."""
    log_sig = -((-x.abs()).exp() + 1).log() + x.clamp(max=0)        # log sigmoid(x)
    log_one_minus = log_sig - x                                       # log(1 - sigmoid(x))
    pos = target * log_sig * (pos_weight if pos_weight is not None else 1)
    loss = -(pos + (1 - target) * log_one_minus)
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def smooth_l1_loss(x: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
                   reduction: str = "mean", beta: float = 1.0) -> Tensor:
    d = (x - target).abs()
    from reference_impl.ops.compare import where
    loss = where(d < beta, d * d * (0.5 / beta), d - 0.5 * beta) if beta > 0 else d
    return _reduce(loss, reduction)


def dropout(x: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Mirrors: F.dropout: zero with probability p, scale survivors by 1/(1-p)."""
    if p < 0 or p > 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    from reference_impl import random as rnd
    keep = [1.0 / (1 - p) if u >= p else 0.0 for u in rnd.default_generator.uniform_list(x.numel(), dt.float64)]
    mask = new(keep, x._shape, x.dtype, x.device)
    out = named(x * mask, "NativeDropoutBackward0")
    if inplace:
        x.data = out.detach()
    return out


def batch_norm(x: Tensor, running_mean: Any, running_var: Any, weight: Any = None, bias: Any = None,
               training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Mirrors: F.batch_norm: batch statistics in training (running stats updated with the
    unbiased variance), running statistics in evaluation."""
    from reference_impl.autograd import no_grad

    dims = (0,) + tuple(range(2, x.dim()))
    shape = (1, x._shape[1]) + (1,) * (x.dim() - 2)
    if training:
        n = x.numel() // x._shape[1]
        if n <= 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {x.shape}")
        mean = x.mean(dims, keepdim=True)
        var = ((x - mean) ** 2).mean(dims, keepdim=True)
        if running_mean is not None:
            with no_grad():
                running_mean.mul_(1 - momentum).add_(mean.detach().reshape(-1) * momentum)
                running_var.mul_(1 - momentum).add_(var.detach().reshape(-1) * (momentum * n / (n - 1)))
    else:
        mean = running_mean.reshape(shape)
        var = running_var.reshape(shape)
    out = (x - mean) / (var + eps).sqrt()
    if weight is not None:
        out = out * weight.reshape(shape)
    if bias is not None:
        out = out + bias.reshape(shape)
    return named(out, "NativeBatchNormBackward0")


def embedding(idx: Tensor, weight: Tensor, padding_idx: Any = None, *args: Any, **kwargs: Any) -> Tensor:
    """Mirrors: F.embedding: rows of ``weight`` picked by integer ``idx``; the ``padding_idx`` row gets
    no gradient."""
    if idx.dtype.is_floating_point:
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           "Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)")
    out = weight[idx]
    if padding_idx is not None and out.requires_grad:
        from reference_impl.ops.compare import where
        pad = padding_idx + weight.shape[0] if padding_idx < 0 else padding_idx
        out = where((idx == pad).unsqueeze(-1), out.detach(), out)
    return named(out, "EmbeddingBackward0")
