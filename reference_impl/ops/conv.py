"""Convolution and pooling: im2col index lists, then C-level dot products.

Mirrors: torch.nn.functional.conv1d / conv2d (stride, padding, dilation,
groups; ConvolutionBackward0), conv_transpose2d (the adjoint of conv2d,
with output_padding), max_pool2d (MaxPool2DWithIndicesBackward0) and
avg_pool2d (AvgPool2DBackward0, padding counted).  For each geometry an index
list maps every (output position, kernel tap) to an input element, or to a
sentinel slot for padding; it is computed once and cached.
"""

from __future__ import annotations

import math
import operator
from functools import lru_cache
from typing import Any

from reference_impl import _kernels as K
from reference_impl.function import Context, Function
from reference_impl.ops._common import common_device, new
from reference_impl.tensor import Tensor


def _pair(v: Any) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else (int(v[0]), int(v[1]))


@lru_cache(maxsize=256)
def _im2col(c: int, h: int, w: int, kh: int, kw: int, stride: tuple[int, int], pad: tuple[int, int],
            dil: tuple[int, int], out: tuple[int, int] | None = None) -> tuple[tuple[int, ...], int, int]:
    """Input indices of every (output position, (channel, i, j) tap); c*h*w is the padding slot."""
    oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w + 2 * pad[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    if out is not None:
        oh, ow = out
    if oh <= 0 or ow <= 0:
        raise RuntimeError(f"Calculated output size: ({oh}x{ow}). Output size is too small")
    sentinel = c * h * w
    idx: list[int] = []
    for y in range(oh):
        for x in range(ow):
            for ch in range(c):
                for i in range(kh):
                    r = y * stride[0] - pad[0] + i * dil[0]
                    for j in range(kw):
                        q = x * stride[1] - pad[1] + j * dil[1]
                        idx.append(ch * h * w + r * w + q if 0 <= r < h and 0 <= q < w else sentinel)
    return tuple(idx), oh, ow


def _gather_cols(plane: list[Any], idx: tuple[int, ...], pad_value: Any) -> list[Any]:
    plane.append(pad_value)
    cols = list(operator.itemgetter(*idx)(plane)) if len(idx) > 1 else [plane[idx[0]]]
    plane.pop()
    return cols


def _scatter_cols(acc: list[Any], idx: tuple[int, ...], values: list[Any]) -> None:
    for i, v in zip(idx, values, strict=False):
        acc[i] += v


class Conv2d(Function):
    name = "ConvolutionBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, w: Tensor, b: Any, stride: Any, pad: Any, dil: Any, groups: int) -> Tensor:
        common_device(x, w, b)
        n, c, h, wd = x._shape
        o, cg, kh, kw = w._shape
        if c != cg * groups:
            raise RuntimeError(f"Given groups={groups}, weight of size {list(w._shape)}, expected input"
                               f"{list(x._shape)} to have {cg * groups} channels, but got {c} channels instead")
        if o % groups:
            raise RuntimeError("out_channels must be divisible by groups")
        idx, oh, ow = _im2col(cg, h, wd, kh, kw, stride, pad, dil)
        og, kk, p = o // groups, cg * kh * kw, oh * ow
        xf, wf = list(x._flat()), list(w._flat())
        out: list[Any] = []
        plane_size = cg * h * wd
        for i in range(n):
            for g in range(groups):
                start = (i * c + g * cg) * h * wd
                cols = _gather_cols(xf[start:start + plane_size], idx, 0.0)
                out.extend(K.matmul_nt(wf[g * og * kk:(g + 1) * og * kk], cols, og, kk, p))
        if b is not None:
            bias = list(b._flat())
            out = list(map(operator.add, out, [bias[ch] for _ in range(n) for ch in range(o) for _ in range(p)]))
        ctx.save(x, w)
        ctx.geom = (idx, groups, og, kk, p, oh, ow, b is not None)
        return new(out, (n, o, oh, ow), x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Any, ...]:
        x, w = ctx.saved()
        idx, groups, og, kk, p, oh, ow, has_bias = ctx.geom
        n, c, h, wd = x._shape
        cg = c // groups
        xf, wf, gf = list(x._flat()), list(w._flat()), list(grad._flat())
        gw = [0.0] * len(wf)
        gx: list[Any] = []
        plane_size = cg * h * wd
        for i in range(n):
            for g in range(groups):
                start = (i * c + g * cg) * h * wd
                cols = _gather_cols(xf[start:start + plane_size], idx, 0.0)
                gslice = gf[(i * groups + g) * og * p:(i * groups + g + 1) * og * p]
                wslice = wf[g * og * kk:(g + 1) * og * kk]
                part = K.matmul(gslice, cols, og, p, kk)
                off = g * og * kk
                gw[off:off + og * kk] = list(map(operator.add, gw[off:off + og * kk], part))
                gcols = K.matmul(K.transpose2d(gslice, og, p), wslice, p, og, kk)
                acc = [0.0] * (plane_size + 1)
                _scatter_cols(acc, idx, gcols)
                gx.extend(acc[:plane_size])
        gb = None
        if has_bias:
            o = og * groups
            gb = new([sum(gf[(i * o + ch) * p + q] for i in range(n) for q in range(p)) for ch in range(o)],
                     (o,), grad.dtype, grad.device)
        return (new(gx, x._shape, x.dtype, x.device), new(gw, w._shape, w.dtype, w.device), gb,
                None, None, None, None)


class ConvTranspose2d(Function):
    name = "ConvolutionBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, w: Tensor, b: Any, stride: Any, pad: Any, out_pad: Any, dil: Any,
                groups: int) -> Tensor:
        common_device(x, w, b)
        n, cin, h, wd = x._shape
        _, cog, kh, kw = w._shape
        cig = cin // groups
        oh = (h - 1) * stride[0] - 2 * pad[0] + dil[0] * (kh - 1) + out_pad[0] + 1
        ow = (wd - 1) * stride[1] - 2 * pad[1] + dil[1] * (kw - 1) + out_pad[1] + 1
        if oh <= 0 or ow <= 0:
            raise RuntimeError(f"Given input size per channel: ({h} x {wd}). Calculated output size per channel: "
                               f"({oh} x {ow}). Output size is too small")
        idx, _, _ = _im2col(cog, oh, ow, kh, kw, stride, pad, dil, (h, wd))
        kk, p, plane = cog * kh * kw, h * wd, cog * oh * ow
        xf, wf = list(x._flat()), list(w._flat())
        out: list[Any] = []
        for i in range(n):
            for g in range(groups):
                xs = xf[(i * cin + g * cig) * p:(i * cin + (g + 1) * cig) * p]
                cols = K.matmul(K.transpose2d(xs, cig, p), wf[g * cig * kk:(g + 1) * cig * kk], p, cig, kk)
                acc = [0.0] * (plane + 1)
                _scatter_cols(acc, idx, cols)
                out.extend(acc[:plane])
        cout = cog * groups
        if b is not None:
            bias = list(b._flat())
            out = list(map(operator.add, out, [bias[ch] for _ in range(n) for ch in range(cout)
                                               for _ in range(oh * ow)]))
        ctx.save(x, w)
        ctx.geom = (idx, groups, cig, cog, kk, p, plane, b is not None, oh, ow)
        return new(out, (n, cout, oh, ow), x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Any, ...]:
        x, w = ctx.saved()
        idx, groups, cig, cog, kk, p, plane, has_bias, oh, ow = ctx.geom
        n, cin = x._shape[:2]
        xf, wf, gf = list(x._flat()), list(w._flat()), list(grad._flat())
        gx: list[Any] = []
        gw = [0.0] * len(wf)
        cout = cog * groups
        for i in range(n):
            for g in range(groups):
                start = (i * cout + g * cog) * oh * ow
                cols = _gather_cols(gf[start:start + plane], idx, 0.0)          # (p, kk)
                wslice = wf[g * cig * kk:(g + 1) * cig * kk]
                gx.extend(K.matmul_nt(wslice, cols, cig, kk, p))
                xs = xf[(i * cin + g * cig) * p:(i * cin + (g + 1) * cig) * p]
                part = K.matmul(xs, cols, cig, p, kk)
                off = g * cig * kk
                gw[off:off + cig * kk] = list(map(operator.add, gw[off:off + cig * kk], part))
        gb = None
        if has_bias:
            q = oh * ow
            gb = new([sum(gf[(i * cout + ch) * q + j] for i in range(n) for j in range(q)) for ch in range(cout)],
                     (cout,), grad.dtype, grad.device)
        return (new(gx, x._shape, x.dtype, x.device), new(gw, w._shape, w.dtype, w.device), gb,
                None, None, None, None, None)


class Pool2d(Function):
    name = "MaxPool2DWithIndicesBackward0"

    @staticmethod
    def forward(ctx: Context, x: Tensor, k: Any, stride: Any, pad: Any, dil: Any, kind: str) -> Tensor:
        n, c, h, w = x._shape
        if pad[0] * 2 > k[0] or pad[1] * 2 > k[1]:
            raise RuntimeError("pad should be at most half of effective kernel size, but got pad="
                               f"{pad[0]}, kernel_size={k[0]} and dilation={dil[0]}")
        idx, oh, ow = _im2col(1, h, w, k[0], k[1], stride, pad, dil)
        kk, p = k[0] * k[1], oh * ow
        xf = list(x._flat())
        out: list[Any] = []
        picks: list[int] = []
        for plane in range(n * c):
            cols = _gather_cols(xf[plane * h * w:(plane + 1) * h * w], idx, -math.inf if kind == "max" else 0.0)
            for q in range(p):
                window = cols[q * kk:(q + 1) * kk]
                if kind == "max":
                    m = max(window)
                    picks.append(idx[q * kk + window.index(m)])
                    out.append(m)
                else:
                    out.append(sum(window) / kk)
        ctx.name = "MaxPool2DWithIndicesBackward0" if kind == "max" else "AvgPool2DBackward0"
        ctx.geom = (x._shape, idx, picks, kk, p, kind)
        return new(out, (n, c, oh, ow), x.dtype, x.device)

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Any, ...]:
        shape, idx, picks, kk, p, kind = ctx.geom
        n, c, h, w = shape
        gf = list(grad._flat())
        gx: list[Any] = []
        for plane in range(n * c):
            acc = [0.0] * (h * w + 1)
            gp = gf[plane * p:(plane + 1) * p]
            if kind == "max":
                for q, v in enumerate(gp):
                    acc[picks[plane * p + q]] += v
            else:
                _scatter_cols(acc, idx, [v / kk for v in gp for _ in range(kk)])
            gx.extend(acc[:h * w])
        return (new(gx, shape, grad.dtype, grad.device), None, None, None, None, None)


def _padding(pad: Any, k: tuple[int, int], dil: tuple[int, int]) -> tuple[int, int]:
    if pad == "valid":
        return (0, 0)
    if pad == "same":
        return (dil[0] * (k[0] - 1) // 2, dil[1] * (k[1] - 1) // 2)
    return _pair(pad)


def conv2d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
           groups: int = 1) -> Tensor:
    """Mirrors: F.conv2d (a 3-d input is an unbatched image)."""
    if x.dim() == 3:
        return conv2d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0)
    if x.dim() != 4:
        raise RuntimeError(f"Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: "
                           f"{list(x.shape)}")
    dil = _pair(dilation)
    return Conv2d.apply(x, weight, bias, _pair(stride), _padding(padding, weight._shape[2:], dil), dil, groups)


def conv1d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0, dilation: Any = 1,
           groups: int = 1) -> Tensor:
    """Mirrors: F.conv1d, as a conv2d of height 1."""
    unbatched = x.dim() == 2
    if unbatched:
        x = x.unsqueeze(0)
    one = lambda v: v if isinstance(v, str) else (0 if v is None else (v if isinstance(v, int) else v[0]))  # noqa: E731
    pad = one(padding)
    pad2: Any = pad if isinstance(pad, str) else (0, pad)
    s, d = one(stride), one(dilation)
    out = Conv2d.apply(x.unsqueeze(2), weight.unsqueeze(2), bias, (1, s), _padding(pad2, (1,) + weight._shape[2:],
                       (1, d)), (1, d), groups).squeeze(2)
    return out.squeeze(0) if unbatched else out


def conv_transpose2d(x: Tensor, weight: Tensor, bias: Any = None, stride: Any = 1, padding: Any = 0,
                     output_padding: Any = 0, groups: int = 1, dilation: Any = 1) -> Tensor:
    """Mirrors: F.conv_transpose2d."""
    if x.dim() == 3:
        return conv_transpose2d(x.unsqueeze(0), weight, bias, stride, padding, output_padding, groups,
                                dilation).squeeze(0)
    return ConvTranspose2d.apply(x, weight, bias, _pair(stride), _pair(padding), _pair(output_padding),
                                 _pair(dilation), groups)


def max_pool2d(x: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
               ceil_mode: bool = False, return_indices: bool = False) -> Any:
    """Mirrors: F.max_pool2d (stride defaults to the kernel size)."""
    k = _pair(kernel_size)
    s = k if stride is None or stride == [] else _pair(stride)
    if x.dim() == 3:
        return max_pool2d(x.unsqueeze(0), k, s, padding, dilation, ceil_mode, return_indices).squeeze(0)
    return Pool2d.apply(x, k, s, _pair(padding), _pair(dilation), "max")


def avg_pool2d(x: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override: Any = None) -> Tensor:
    """Mirrors: F.avg_pool2d (padding zeros counted in the average)."""
    k = _pair(kernel_size)
    s = k if stride is None else _pair(stride)
    if x.dim() == 3:
        return avg_pool2d(x.unsqueeze(0), k, s, padding).squeeze(0)
    return Pool2d.apply(x, k, s, _pair(padding), (1, 1), "avg")


def adaptive_avg_pool2d(x: Tensor, output_size: Any) -> Tensor:
    """Mirrors: F.adaptive_avg_pool2d (windows floor(i*H/o) .. ceil((i+1)*H/o))."""
    oh, ow = _pair(output_size)
    h, w = x._shape[-2:]
    oh, ow = oh or h, ow or w
    if h % oh == 0 and w % ow == 0:
        return avg_pool2d(x, (h // oh, w // ow))
    from reference_impl.ops.shape import stack
    rows = []
    for i in range(oh):
        r0, r1 = (i * h) // oh, -(-((i + 1) * h) // oh)
        cells = [x[..., r0:r1, (j * w) // ow:-(-((j + 1) * w) // ow)].mean((-2, -1)) for j in range(ow)]
        rows.append(stack(cells, -1))
    return stack(rows, -2)
