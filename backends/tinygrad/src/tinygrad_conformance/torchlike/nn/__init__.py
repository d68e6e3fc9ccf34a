"""torch.nn onto tinygrad.nn and tinygrad's Tensor methods.

Layers with state are tinygrad's own classes (``tinygrad.nn.Linear``, ``Conv2d``,
``ConvTranspose2d``, ``BatchNorm``, ``LayerNorm``, ``Embedding``), given the
Module methods of :mod:`.module` by subclassing; their ``__init__`` and
``__call__`` are tinygrad's.  torch's ``device=``/``dtype=`` constructor arguments
become tinygrad's in-place ``Tensor.to_``/``cast`` after construction.

Stateless layers and losses are Modules whose ``forward`` is one tinygrad
Tensor method (``ReLU`` -> ``Tensor.relu``, ``CrossEntropyLoss`` ->
``Tensor.cross_entropy``, ``Sequential`` -> ``Tensor.sequential``...).  Their
constructor arguments are kept under private names: torch's attributes such as
``stride`` or ``reduction`` are not tinygrad's, so they are not offered.  torch
layers and losses with no tinygrad method (``MSELoss``, ``RNN``, ``LSTM``,
``ZeroPad2d``, ``LazyLinear``, ``DataParallel``...) are not defined.
"""

from __future__ import annotations

from typing import Any

from tinygrad import Tensor
from tinygrad import nn as tg_nn

from tinygrad_conformance.torchlike._missing import missing
from tinygrad_conformance.torchlike.nn import functional  # noqa: F401  (t.nn.functional)
from tinygrad_conformance.torchlike.nn.module import Module, Parameter

__all__ = ["Module", "Parameter", "functional"]


def _placed(module: Module, device: Any, dtype: Any) -> None:
    if device is not None or dtype is not None:
        module.to(device=device, dtype=dtype)


# ---- layers with state: tinygrad's classes plus the Module methods ----
class Linear(Module, tg_nn.Linear):
    def __init__(self, in_features: int, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        tg_nn.Linear.__init__(self, in_features, out_features, bias)
        _placed(self, device, dtype)

    forward = tg_nn.Linear.__call__


class Conv2d(Module, tg_nn.Conv2d):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        tg_nn.Conv2d.__init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias)
        _placed(self, device, dtype)

    forward = tg_nn.Conv2d.__call__


class Conv1d(Conv2d):
    """tinygrad's ``nn.Conv1d`` is a function returning a ``Conv2d`` with a one-element kernel tuple."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        tg_nn.Conv2d.__init__(self, in_channels, out_channels, (kernel_size,), stride, padding, dilation, groups, bias)
        _placed(self, device, dtype)


class ConvTranspose2d(Module, tg_nn.ConvTranspose2d):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 output_padding: Any = 0, groups: int = 1, bias: bool = True, dilation: Any = 1, device: Any = None,
                 dtype: Any = None) -> None:
        tg_nn.ConvTranspose2d.__init__(self, in_channels, out_channels, kernel_size, stride, padding, output_padding,
                                       dilation, groups, bias)
        _placed(self, device, dtype)

    forward = tg_nn.ConvTranspose2d.__call__


class _BatchNorm(Module, tg_nn.BatchNorm):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None, dtype: Any = None) -> None:
        tg_nn.BatchNorm.__init__(self, num_features, eps, affine, track_running_stats, momentum)
        _placed(self, device, dtype)

    forward = tg_nn.BatchNorm.__call__


class BatchNorm1d(_BatchNorm):
    pass


class BatchNorm2d(_BatchNorm):
    pass


class LayerNorm(Module, tg_nn.LayerNorm):
    def __init__(self, normalized_shape: Any, eps: float = 1e-5, elementwise_affine: bool = True) -> None:
        tg_nn.LayerNorm.__init__(self, normalized_shape, eps, elementwise_affine)

    forward = tg_nn.LayerNorm.__call__


class Embedding(Module, tg_nn.Embedding):
    def __init__(self, num_embeddings: int, embedding_dim: int) -> None:
        tg_nn.Embedding.__init__(self, num_embeddings, embedding_dim)

    forward = tg_nn.Embedding.__call__


# ---- stateless layers: one tinygrad Tensor method each ----
class ReLU(Module):
    def __init__(self, inplace: bool = False) -> None:
        if inplace:
            raise NotImplementedError("tinygrad has no in-place relu")

    def forward(self, x: Tensor) -> Tensor:
        return x.relu()


class LeakyReLU(Module):
    def __init__(self, negative_slope: float = 0.01, inplace: bool = False) -> None:
        if inplace:
            raise NotImplementedError("tinygrad has no in-place leaky_relu")
        self._negative_slope = negative_slope

    def forward(self, x: Tensor) -> Tensor:
        return x.leaky_relu(self._negative_slope)


class Sigmoid(Module):
    def forward(self, x: Tensor) -> Tensor:
        return x.sigmoid()


class Tanh(Module):
    def forward(self, x: Tensor) -> Tensor:
        return x.tanh()


class Softmax(Module):
    def __init__(self, dim: int | None = None) -> None:
        self._dim = dim

    def forward(self, x: Tensor) -> Tensor:
        return x.softmax(-1 if self._dim is None else self._dim)


class LogSoftmax(Module):
    def __init__(self, dim: int | None = None) -> None:
        self._dim = dim

    def forward(self, x: Tensor) -> Tensor:
        return x.log_softmax(-1 if self._dim is None else self._dim)


class Flatten(Module):
    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        self._start_dim, self._end_dim = start_dim, end_dim

    def forward(self, x: Tensor) -> Tensor:
        return x.flatten(self._start_dim, self._end_dim)


class Dropout(Module):
    """``Tensor.dropout``: active only while tinygrad's global TRAINING is set."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        self._p = p

    def forward(self, x: Tensor) -> Tensor:
        return x.dropout(self._p)


class MaxPool2d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
                 ceil_mode: bool = False) -> None:
        self._args = (kernel_size, stride, dilation, padding)
        self._ceil_mode = ceil_mode

    def forward(self, x: Tensor) -> Tensor:
        return x.max_pool2d(*self._args, ceil_mode=self._ceil_mode)


class AvgPool2d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, ceil_mode: bool = False,
                 count_include_pad: bool = True) -> None:
        self._args = (kernel_size, stride, 1, padding)
        self._ceil_mode, self._count_include_pad = ceil_mode, count_include_pad

    def forward(self, x: Tensor) -> Tensor:
        return x.avg_pool2d(*self._args, ceil_mode=self._ceil_mode, count_include_pad=self._count_include_pad)


class Sequential(Module):
    """Children stored under "0", "1"...; ``forward`` is ``Tensor.sequential``."""

    def __init__(self, *modules: Module) -> None:
        for i, m in enumerate(modules):
            setattr(self, str(i), m)

    def __getitem__(self, i: int) -> Module:
        return list(self.children())[i]

    def __len__(self) -> int:
        return len(list(self.children()))

    def __iter__(self) -> Any:
        return iter(list(self.children()))

    def forward(self, x: Tensor) -> Tensor:
        return x.sequential(list(self.children()))


# ---- losses: one tinygrad Tensor method each ----
class CrossEntropyLoss(Module):
    def __init__(self, reduction: str = "mean", label_smoothing: float = 0.0) -> None:
        self._reduction, self._label_smoothing = reduction, label_smoothing

    def forward(self, input: Tensor, target: Tensor) -> Tensor:  # noqa: A002
        return input.cross_entropy(target, reduction=self._reduction, label_smoothing=self._label_smoothing)


class NLLLoss(Module):
    def __init__(self, reduction: str = "mean") -> None:
        self._reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:  # noqa: A002
        return input.nll_loss(target, reduction=self._reduction)


class BCELoss(Module):
    def __init__(self, reduction: str = "mean") -> None:
        self._reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:  # noqa: A002
        return input.binary_crossentropy(target, reduction=self._reduction)


def __getattr__(name: str) -> Any:
    return missing("torch.nn", name)
