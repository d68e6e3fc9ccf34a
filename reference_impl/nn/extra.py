"""Smaller layers: padding, LayerNorm, GroupNorm, distances, PixelShuffle, Upsample,
ChannelShuffle, Bilinear, Dropout2d, LazyLinear and the DataParallel wrappers.

Mirrors: the torch.nn classes of the same names (defaults and forward maths);
DataParallel on a machine without several GPUs simply runs ``module``.
"""

from __future__ import annotations

import math
from typing import Any

from reference_impl import creation
from reference_impl.nn import functional as F
from reference_impl.nn import init
from reference_impl.nn.layers import Linear
from reference_impl.nn.module import Module
from reference_impl.nn.parameter import Parameter
from reference_impl.tensor import Tensor


class _Pad(Module):
    mode = "constant"
    n = 2

    def __init__(self, padding: Any, value: float = 0.0) -> None:
        super().__init__()
        self.padding = (padding,) * (2 * self.n) if isinstance(padding, int) else tuple(padding)
        self.value = value

    def forward(self, x: Tensor) -> Tensor:
        return F.pad(x, self.padding, self.mode, self.value)

    def extra_repr(self) -> str:
        return f"{self.padding}" + (f", value={self.value}" if self.mode == "constant" and type(self).__name__
                                    .startswith("Constant") else "")


class ZeroPad2d(_Pad):
    """Mirrors: nn.ZeroPad2d((left, right, top, bottom))."""


class ZeroPad1d(_Pad):
    n = 1


class ConstantPad1d(_Pad):
    n = 1


class ConstantPad2d(_Pad):
    pass


class ReflectionPad1d(_Pad):
    mode, n = "reflect", 1


class ReflectionPad2d(_Pad):
    mode = "reflect"


class ReplicationPad2d(_Pad):
    mode = "replicate"


class LayerNorm(Module):
    """Mirrors: nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)."""

    def __init__(self, normalized_shape: Any, eps: float = 1e-5, elementwise_affine: bool = True, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.normalized_shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(creation.ones(self.normalized_shape, device=device, dtype=dtype))
            self.bias = Parameter(creation.zeros(self.normalized_shape, device=device, dtype=dtype)) if bias else None
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x: Tensor) -> Tensor:
        dims = tuple(range(-len(self.normalized_shape), 0))
        mean = x.mean(dims, keepdim=True)
        var = ((x - mean) ** 2).mean(dims, keepdim=True)
        out = (x - mean) / (var + self.eps).sqrt()
        if self.weight is not None:
            out = out * self.weight
        if self.bias is not None:
            out = out + self.bias
        return out

    def extra_repr(self) -> str:
        return (f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
                f"bias={self.bias is not None}")  # mirrors LayerNorm.extra_repr (2.13)


class GroupNorm(Module):
    """Mirrors: nn.GroupNorm(num_groups, num_channels, eps=1e-5, affine=True)."""

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        if num_channels % num_groups:
            raise ValueError("num_channels must be divisible by num_groups")
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        if affine:
            self.weight = Parameter(creation.ones(num_channels, device=device, dtype=dtype))
            self.bias = Parameter(creation.zeros(num_channels, device=device, dtype=dtype))

    def forward(self, x: Tensor) -> Tensor:
        n, c = x.shape[:2]
        g = x.reshape(n, self.num_groups, -1)
        mean = g.mean(-1, keepdim=True)
        var = ((g - mean) ** 2).mean(-1, keepdim=True)
        out = ((g - mean) / (var + self.eps).sqrt()).reshape(x.shape)
        if self.affine:
            shape = (1, c) + (1,) * (x.dim() - 2)
            out = out * self.weight.reshape(shape) + self.bias.reshape(shape)
        return out

    def extra_repr(self) -> str:
        return f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}"


class PairwiseDistance(Module):
    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm, self.eps, self.keepdim = p, eps, keepdim

    def forward(self, a: Tensor, b: Tensor) -> Tensor:
        return (a - b + self.eps).norm(self.norm, -1, self.keepdim)


class CosineSimilarity(Module):
    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim, self.eps = dim, eps

    def forward(self, a: Tensor, b: Tensor) -> Tensor:
        num = (a * b).sum(self.dim)
        return num / ((a * a).sum(self.dim).sqrt() * (b * b).sum(self.dim).sqrt()).clamp(min=self.eps)


class PixelShuffle(Module):
    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, x: Tensor) -> Tensor:
        r = self.upscale_factor
        n, c, h, w = x.shape
        y = x.reshape(n, c // (r * r), r, r, h, w).permute(0, 1, 4, 2, 5, 3)
        return y.reshape(n, c // (r * r), h * r, w * r)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class ChannelShuffle(Module):
    def __init__(self, groups: int) -> None:
        super().__init__()
        self.groups = groups

    def forward(self, x: Tensor) -> Tensor:
        n, c = x.shape[:2]
        return x.reshape((n, self.groups, c // self.groups) + tuple(x.shape[2:])).transpose(1, 2).reshape(x.shape)


class Upsample(Module):
    """Mirrors: nn.Upsample(scale_factor=..., mode='nearest') for integer factors."""

    def __init__(self, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
                 align_corners: Any = None) -> None:
        super().__init__()
        if mode != "nearest":
            raise NotImplementedError(f"Upsample mode {mode!r} is not implemented in reference_impl")
        self.size, self.scale_factor, self.mode = size, scale_factor, mode

    def forward(self, x: Tensor) -> Tensor:
        for d in range(2, x.dim()):
            n = x.shape[d]
            out = self.size[d - 2] if isinstance(self.size, (tuple, list)) else (
                self.size if self.size is not None else int(n * self.scale_factor))
            idx = [min(int(math.floor(i * n / out)), n - 1) for i in range(out)]
            x = x[(slice(None),) * d + (idx,)]
        return x

    def extra_repr(self) -> str:
        return f"scale_factor={float(self.scale_factor)}, mode='{self.mode}'" if self.scale_factor else \
            f"size={self.size}, mode='{self.mode}'"


class Bilinear(Module):
    """Mirrors: nn.Bilinear: y = x1^T A x2 + b, init U(-1/sqrt(in1), 1/sqrt(in1))."""

    def __init__(self, in1_features: int, in2_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        self.in1_features, self.in2_features, self.out_features = in1_features, in2_features, out_features
        self.weight = Parameter(creation.empty(out_features, in1_features, in2_features))
        self.bias = Parameter(creation.empty(out_features)) if bias else None
        bound = 1 / math.sqrt(in1_features)
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, a: Tensor, b: Tensor) -> Tensor:
        out = ((a.unsqueeze(-2).unsqueeze(-2) @ self.weight).squeeze(-2) * b.unsqueeze(-2)).sum(-1)
        return out + self.bias if self.bias is not None else out


class Dropout2d(Module):
    """Mirrors: nn.Dropout2d: whole channels zeroed with probability p in training."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        self.p, self.inplace = p, inplace

    def forward(self, x: Tensor) -> Tensor:
        if not self.training or self.p == 0:
            return x
        mask = F.dropout(creation.ones(x.shape[:2] + (1,) * (x.dim() - 2), dtype=x.dtype, device=x.device), self.p)
        return x * mask

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


class LazyLinear(Linear):
    """Mirrors: nn.LazyLinear(out_features): in_features inferred at the first call."""

    def __init__(self, out_features: int, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        Module.__init__(self)
        self.in_features, self.out_features = 0, out_features
        self._lazy = (bias, device, dtype)
        self.weight = Parameter(creation.empty(0))
        self.bias = Parameter(creation.empty(0)) if bias else None

    def forward(self, x: Tensor) -> Tensor:
        if self.in_features == 0:
            self.in_features = x.shape[-1]
            _, device, dtype = self._lazy
            dev = device if device is not None else self.weight.device
            self.weight.data = creation.empty(self.out_features, self.in_features, device=dev, dtype=dtype)
            if self.bias is not None:
                self.bias.data = creation.empty(self.out_features, device=dev, dtype=dtype)
            self.reset_parameters()
        return super().forward(x)


class DataParallel(Module):
    """Mirrors: nn.DataParallel: holds ``module``; here (no GPUs) it runs it directly."""

    def __init__(self, module: Module, device_ids: Any = None, output_device: Any = None, dim: int = 0) -> None:
        super().__init__()
        self.module = module

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self.module(*args, **kwargs)


class DistributedDataParallel(DataParallel):
    """Mirrors: nn.parallel.DistributedDataParallel's wrapping (no process group here)."""
