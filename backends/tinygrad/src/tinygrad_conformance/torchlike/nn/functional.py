"""torch.nn.functional onto tinygrad Tensor methods (argument order translated)."""

from __future__ import annotations

from typing import Any

from tinygrad import Tensor

from tinygrad_conformance.torchlike._missing import missing

relu = Tensor.relu
sigmoid = Tensor.sigmoid
tanh = Tensor.tanh


def leaky_relu(x: Tensor, negative_slope: float = 0.01) -> Tensor:
    return x.leaky_relu(negative_slope)


def softmax(x: Tensor, dim: int = -1) -> Tensor:
    return x.softmax(dim)


def log_softmax(x: Tensor, dim: int = -1) -> Tensor:
    return x.log_softmax(dim)


def linear(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """torch's weight is (out, in); tinygrad's ``Tensor.linear`` takes (in, out)."""
    return x.linear(weight.transpose(), bias)


def conv2d(x: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1) -> Tensor:
    return x.conv2d(weight, bias, groups=groups, stride=stride, dilation=dilation, padding=padding)


def max_pool2d(x: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1) -> Tensor:
    return x.max_pool2d(kernel_size, stride, dilation, padding)


def cross_entropy(x: Tensor, target: Tensor, reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    return x.cross_entropy(target, reduction=reduction, label_smoothing=label_smoothing)


def nll_loss(x: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    return x.nll_loss(target, reduction=reduction)


def binary_cross_entropy(x: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    return x.binary_crossentropy(target, reduction=reduction)


def __getattr__(name: str) -> Any:
    return missing("torch.nn.functional", name)
