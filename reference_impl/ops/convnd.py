"""Convolutions in one and three dimensions, composed from the 2-d primitives.

Mirrors: torch.nn.functional.conv3d, conv_transpose1d and conv_transpose3d
(same arguments, defaults, output sizes and gradients).  A 3-d convolution is
the sum over kernel depth taps of 2-d convolutions of depth slices; a 1-d
transposed convolution is a 2-d one of height 1.  Being composed of
differentiable ops, they need no backward of their own.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from reference_impl import creation
from reference_impl.ops.conv import conv2d, conv_transpose2d
from reference_impl.ops.shape import cat, stack
from reference_impl.tensor import Tensor


def _triple(v: Any) -> tuple[int, int, int]:
    if isinstance(v, int):
        return (v, v, v)
    return (int(v[0]), int(v[1]), int(v[2]))


def _single(v: Any) -> int:
    return v if isinstance(v, int) else int(v[0])


def _add_bias(out: Tensor, bias: Any) -> Tensor:
    if bias is None:
        return out
    return out + bias.reshape(1, -1, *[1] * (out.dim() - 2))


def _check_dims(name: str, x: Tensor, spatial: int) -> None:
    if x.dim() not in (spatial + 1, spatial + 2):
        raise RuntimeError(f"Expected {spatial + 1}D (unbatched) or {spatial + 2}D (batched) input to {name}, "
                           f"but got input of size: {list(x.shape)}")


def conv3d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
           groups: int = 1) -> Tensor:
    """Mirrors: F.conv3d (a 4-d input is unbatched)."""
    _check_dims("conv3d", x, 3)
    if x.dim() == 4:
        return conv3d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0)
    (sd, sh, sw), (dd, dh, dw) = _triple(stride), _triple(dilation)
    kd = weight.shape[2]
    if padding == "valid":
        padding = 0
    if padding == "same":
        padding = tuple(d * (k - 1) // 2 for d, k in zip((dd, dh, dw), weight.shape[2:], strict=True))
    pd, ph, pw = _triple(padding)
    if pd:
        zeros = creation.zeros(x.shape[0], x.shape[1], pd, *x.shape[3:], dtype=x.dtype, device=x.device)
        x = cat([zeros, x, zeros], 2)
    depth = (x.shape[2] - dd * (kd - 1) - 1) // sd + 1
    if depth <= 0:
        raise RuntimeError(f"Calculated output size: ({depth}x?x?). Output size is too small")
    slices = []
    for z in range(depth):
        taps = [conv2d(x[:, :, z * sd + i * dd], weight[:, :, i], None, (sh, sw), (ph, pw), (dh, dw), groups)
                for i in range(kd)]
        slices.append(functools.reduce(operator.add, taps))
    return _add_bias(stack(slices, 2), bias)


def conv_transpose1d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0,
                     output_padding: Any = 0, groups: int = 1, dilation: Any = 1) -> Tensor:
    """Mirrors: F.conv_transpose1d, as a conv_transpose2d of height 1."""
    _check_dims("conv_transpose1d", x, 1)
    if x.dim() == 2:
        return conv_transpose1d(x.unsqueeze(0), weight, bias, stride, padding, output_padding, groups,
                                dilation).squeeze(0)
    out = conv_transpose2d(x.unsqueeze(2), weight.unsqueeze(2), bias, (1, _single(stride)), (0, _single(padding)),
                           (0, _single(output_padding)), groups, (1, _single(dilation)))
    return out.squeeze(2)


def conv_transpose3d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0,
                     output_padding: Any = 0, groups: int = 1, dilation: Any = 1) -> Tensor:
    """Mirrors: F.conv_transpose3d: input depth slice z, kernel tap i land on output depth z*s + i*d - pad."""
    _check_dims("conv_transpose3d", x, 3)
    if x.dim() == 4:
        return conv_transpose3d(x.unsqueeze(0), weight, bias, stride, padding, output_padding, groups,
                                dilation).squeeze(0)
    (sd, sh, sw), (pd, ph, pw) = _triple(stride), _triple(padding)
    (od, oh, ow), (dd, dh, dw) = _triple(output_padding), _triple(dilation)
    if any(o >= s and o >= d for o, s, d in ((od, sd, dd), (oh, sh, dh), (ow, sw, dw))):
        raise RuntimeError("output padding must be smaller than either stride or dilation, but got "
                           f"output_padding_depth: {od} output_padding_height: {oh} output_padding_width: {ow} "
                           f"stride_depth: {sd} stride_height: {sh} stride_width: {sw} dilation_depth: {dd} "
                           f"dilation_height: {dh} dilation_width: {dw}")
    sizes = [(n - 1) * s - 2 * p + d * (k - 1) + o + 1 for n, s, p, d, k, o in
             zip(x.shape[2:], (sd, sh, sw), (pd, ph, pw), (dd, dh, dw), weight.shape[2:], (od, oh, ow), strict=True)]
    if min(sizes) <= 0:
        raise RuntimeError(f"Given input size per channel: ({' x '.join(map(str, x.shape[2:]))}). Calculated output "
                           f"size per channel: ({' x '.join(map(str, sizes))}). Output size is too small")
    kd, depth = weight.shape[2], sizes[0]
    acc: list[list[Tensor]] = [[] for _ in range(depth)]
    plane = None
    for z in range(x.shape[2]):
        for i in range(kd):
            plane = conv_transpose2d(x[:, :, z], weight[:, :, i], None, (sh, sw), (ph, pw), (oh, ow), groups,
                                     (dh, dw))
            target = z * sd + i * dd - pd
            if 0 <= target < depth:
                acc[target].append(plane)
    assert plane is not None  # the input has at least one depth slice
    slices = [functools.reduce(operator.add, parts) if parts else creation.zeros_like(plane) for parts in acc]
    return _add_bias(stack(slices, 2), bias)
