"""Linear and convolution layers: values against numpy, sizes, arguments, defaults, padding.

numpy is the oracle: :func:`np_conv` is a direct (slow, small-size) cross-correlation
with stride, padding, dilation and groups.  Recurrent, pooling, activation,
normalisation, dropout and container layers are in :mod:`spec.layers_recurrent`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import COMPARISON, FEATURES, GETTING_STARTED, NOTES

CONV_TABLE_QUOTE = "包括卷积核参数共享、局部连接、深度可分离卷积等概念。"
CONV_QUOTE = ("nn.Conv2d(in_channels, out_channels, kernel_size)\u00a0用于二维图像卷积，"
              "nn.Conv1d\u00a0用于一维数据卷积等")
DEFAULTS_QUOTE = "- Stride=1\n- Padding=0\n- padding_mode\n- dilation"


def np_conv(x: Any, w: Any, b: Any, stride: tuple[int, ...], padding: tuple[int, ...],
            dilation: tuple[int, ...], groups: int = 1) -> np.ndarray[Any, Any]:
    """Cross-correlation (the kernel is not flipped) of x (N, C, *S) with w (O, C/groups, *K)."""
    x = np.pad(np.asarray(x, np.float64), [(0, 0), (0, 0)] + [(p, p) for p in padding])
    w = np.asarray(w, np.float64)
    k = w.shape[2:]
    sizes = [(x.shape[2 + a] - dilation[a] * (k[a] - 1) - 1) // stride[a] + 1 for a in range(len(k))]
    per_in, per_out = w.shape[1], w.shape[0] // groups
    out = np.zeros((x.shape[0], w.shape[0], *sizes))
    for pos in np.ndindex(*sizes):
        window = x[(slice(None), slice(None)) + tuple(
            slice(pos[a] * stride[a], pos[a] * stride[a] + dilation[a] * (k[a] - 1) + 1, dilation[a])
            for a in range(len(k)))]
        for g in range(groups):
            outs = slice(g * per_out, (g + 1) * per_out)
            axes = list(range(1, w.ndim))
            out[(slice(None), outs) + pos] = np.tensordot(window[:, g * per_in:(g + 1) * per_in], w[outs], (axes, axes))
    if b is not None:
        out += np.asarray(b, np.float64).reshape(1, -1, *([1] * len(k)))
    return out


def params_of(m: Any) -> tuple[Any, Any]:
    """(weight, bias or None) of a layer, as numpy arrays."""
    return expect.numpy_of(m.weight), None if m.bias is None else expect.numpy_of(m.bias)


def conv_from(t: Any, case: dict[str, Any], device: str, **override: Any) -> Any:
    """The ConvNd a ``layers_conv*_case`` describes (1-d or 2-d by its kernel)."""
    make = t.nn.Conv1d if len(case["kernel"]) == 1 else t.nn.Conv2d
    args = {k: case[k] for k in ("stride", "padding", "dilation", "groups", "bias")} | override
    return make(case["in"], case["out"], case["kernel"], **args).to(device)


def numel(m: Any) -> int:
    return sum(p.numel() for p in m.parameters())


@claim(
    id="layers.linear.maps-in-features-to-out-features",
    seed=FEATURES, lines=(36, 36),
    quote="nn.Linear(in_features, out_features)\u00a0用于构建全连接层，是神经网络中常用的层，连接输入和输出特征",
    statement="nn.Linear(in_features, out_features) has weight (out, in) and bias (out,), maps (*, in) to "
    "(*, out), and is fully connected: d y_j / d x_i = W[j, i] for every pair.",
    inputs={"case": "layers_linear_case"},
)
def linear_maps_in_features_to_out_features(t, device, case):
    fc = t.nn.Linear(case["in"], case["out"], bias=case["bias"]).to(device)
    expect.equal("(fc.in_features, fc.out_features)", (fc.in_features, fc.out_features), (case["in"], case["out"]))
    expect.equal("fc.weight.shape", tuple(fc.weight.shape), (case["out"], case["in"]))
    expect.equal("fc.bias is None", fc.bias is None, not case["bias"])
    x = tensor_from(t, case["x"], device, requires_grad=True)
    y = fc(x)
    expect.equal("fc(x).shape", tuple(y.shape), case["x"].shape[:-1] + (case["out"],))
    w, _ = params_of(fc)
    for j in range(case["out"]):
        (grad,) = t.autograd.grad(y[..., j].sum(), x, retain_graph=True)
        expect.close(f"d fc(x)[..., {j}] / dx", grad, np.broadcast_to(w[j], case["x"].shape))


@claim(
    id="layers.linear.is-x-wt-plus-b",
    seed=GETTING_STARTED, lines=(157, 157),
    quote="Linear Layer 实现对前一层的线性变换。",
    statement="nn.Linear computes y = x @ W.T + b (affine); without bias it is linear: "
    "fc(x1 + x2) = fc(x1) + fc(x2).",
    inputs={"case": "layers_linear_case"},
)
def linear_is_x_wt_plus_b(t, device, case):
    """W is stored (out, in) and transposed in the product; with the default bias=True the map is affine."""
    fc = t.nn.Linear(case["in"], case["out"], bias=case["bias"]).to(device)
    w, b = params_of(fc)
    x = case["x"].astype(np.float64)
    expect.close("fc(x)", fc(tensor_from(t, case["x"], device)), x @ w.T + (0 if b is None else b))
    if b is None:
        x2 = np.flip(case["x"]).copy()
        expect.close("fc(x1 + x2)", fc(tensor_from(t, case["x"] + x2, device)), (x + x2) @ w.T)


@claim(
    id="layers.conv2d.matches-numpy-cross-correlation",
    seed=FEATURES, lines=(37, 37),
    quote=CONV_QUOTE,
    statement="nn.Conv2d output equals the 2-d cross-correlation (kernel not flipped) of the input with "
    "the weight plus bias, with stride, padding, dilation and groups.",
    inputs={"case": "layers_conv2d_case"},
)
def conv2d_matches_numpy_cross_correlation(t, device, case):
    """"Convolution" in deep learning does not flip the kernel, unlike scipy.signal.convolve2d."""
    conv = conv_from(t, case, device)
    w, b = params_of(conv)
    expected = np_conv(case["x"], w, b, case["stride"], case["padding"], case["dilation"], case["groups"])
    expect.close("conv(x)", conv(tensor_from(t, case["x"], device)), expected)


@claim(
    id="layers.conv1d.matches-numpy-cross-correlation",
    seed=FEATURES, lines=(37, 37),
    quote=CONV_QUOTE,
    statement="nn.Conv1d convolves (N, C, L) sequences: its output equals the 1-d cross-correlation "
    "with the weight plus bias, with stride, padding, dilation and groups.",
    inputs={"case": "layers_conv1d_case"},
)
def conv1d_matches_numpy_cross_correlation(t, device, case):
    conv = conv_from(t, case, device)
    w, b = params_of(conv)
    expected = np_conv(case["x"], w, b, case["stride"], case["padding"], case["dilation"], case["groups"])
    expect.close("conv1d(x)", conv(tensor_from(t, case["x"], device)), expected)


@claim(
    id="layers.conv.family-of-conv-layers",
    seed=NOTES, lines=(219, 219),
    quote="卷积层提供了很多函数如 `nn.Conv2d` ",
    statement="torch.nn provides Conv1d, Conv2d, Conv3d and ConvTranspose1d/2d/3d, all Modules; "
    "ConvNd takes (N, C, *N spatial sides) input.",
)
def conv_family_of_layers_exists(t, device):
    for n in (1, 2, 3):
        for name in (f"Conv{n}d", f"ConvTranspose{n}d"):
            layer = getattr(t.nn, name)(2, 3, 2).to(device)
            expect.true(f"nn.{name} to be an nn.Module", isinstance(layer, t.nn.Module))
            y = layer(t.ones(1, 2, *[4] * n, device=device))
            side = 3 if name.startswith("Conv") and "Transpose" not in name else 5
            expect.equal(f"nn.{name}(2, 3, 2)(ones(1, 2, *[4]*{n})).shape", tuple(y.shape), (1, 3, *[side] * n))


untestable(
    id="layers.conv.main-role-is-feature-extraction",
    seed=NOTES, lines=(219, 219),
    quote="其主要作用是提取输入数据的特征。",
    statement="The main purpose of convolution layers is to extract features of the input.",
    reason="A statement of purpose; what a conv layer computes is checked by the value claims.",
)


@claim(
    id="layers.conv.weight-sharing-parameter-count",
    seed=COMPARISON, lines=(14, 14),
    quote=CONV_TABLE_QUOTE,
    statement="Weight sharing: a conv layer has out*in/groups*prod(kernel) (+ out bias) parameters, "
    "whatever the input size, and one layer runs on inputs of any size.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_parameter_count_is_independent_of_input_size(t, device, case):
    conv = conv_from(t, case, device)
    expected = case["out"] * case["in"] // case["groups"] * math.prod(case["kernel"]) + case["out"] * case["bias"]
    expect.equal("sum(p.numel() for p in conv.parameters())", numel(conv), expected)
    bigger = np.pad(case["x"], [(0, 0), (0, 0), (2, 3), (1, 4)])
    small, large = conv(tensor_from(t, case["x"], device)), conv(tensor_from(t, bigger, device))
    expect.true("a larger input to give a larger output", large.shape[2:] > small.shape[2:])
    expect.equal("parameter count after larger inputs", numel(conv), expected)


@claim(
    id="layers.conv.weight-sharing-translation-equivariance",
    seed=COMPARISON, lines=(14, 14),
    quote=CONV_TABLE_QUOTE,
    statement="Weight sharing: the same kernel is applied at every position, so (stride 1, no padding) "
    "conv(x[..., a:, b:]) == conv(x)[..., a:, b:].",
    inputs={"case": "layers_conv2d_case"},
)
def conv_is_translation_equivariant(t, device, case):
    x = np.pad(case["x"], [(0, 0), (0, 0)] + [(p, p) for p in case["padding"]])
    conv = conv_from(t, case, device, stride=(1, 1), padding=(0, 0))
    y = expect.numpy_of(conv(tensor_from(t, x, device)))
    a, b = (min(1, side - 1) for side in y.shape[2:])
    cropped = conv(tensor_from(t, np.ascontiguousarray(x[..., a:, b:]), device))
    expect.close(f"conv(x[..., {a}:, {b}:])", cropped, y[..., a:, b:])


@claim(
    id="layers.conv.local-connectivity",
    seed=COMPARISON, lines=(14, 14),
    quote=CONV_TABLE_QUOTE,
    statement="Local connectivity: an output element depends only on the input window under its kernel "
    "(rows i*s - p + d*[0..k-1], and its group's channels): the gradient is zero elsewhere.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_output_depends_only_on_its_window(t, device, case):
    conv = conv_from(t, case, device)
    x = tensor_from(t, case["x"], device, requires_grad=True)
    y = conv(x)
    i, j = y.shape[2] - 1, y.shape[3] - 1
    y[0, 0, i, j].backward()
    (s0, s1), (p0, p1), (d0, d1), (k0, k1) = case["stride"], case["padding"], case["dilation"], case["kernel"]
    window = np.zeros(case["x"].shape, dtype=bool)
    rows = [r for r in (i * s0 - p0 + d0 * a for a in range(k0)) if 0 <= r < window.shape[2]]
    cols = [c for c in (j * s1 - p1 + d1 * a for a in range(k1)) if 0 <= c < window.shape[3]]
    window[np.ix_([0], range(case["in"] // case["groups"]), rows, cols)] = True
    grad = expect.numpy_of(x.grad)
    expect.close(f"d conv(x)[0, 0, {i}, {j}] / dx outside its window", np.where(window, 0, grad), np.zeros_like(grad))


@claim(
    id="layers.conv.depthwise-separable",
    seed=COMPARISON, lines=(14, 14),
    quote=CONV_TABLE_QUOTE,
    statement="Depthwise separable convolution: Conv2d(C, C, k, groups=C) filters each channel with its own "
    "(1, k, k) kernel, then a 1x1 Conv2d(C, O) mixes channels per pixel; C*k*k + C*O weights.",
    inputs={"case": "layers_conv2d_case"},
)
def depthwise_then_pointwise_conv(t, device, case):
    c, o, k = case["in"], case["out"], case["kernel"]
    depthwise = t.nn.Conv2d(c, c, k, case["stride"], case["padding"], case["dilation"], groups=c).to(device)
    pointwise = t.nn.Conv2d(c, o, 1).to(device)
    expect.equal("depthwise.weight.shape", tuple(depthwise.weight.shape), (c, 1, *k))
    expect.equal("weights of depthwise + pointwise", depthwise.weight.numel() + pointwise.weight.numel(),
                 c * math.prod(k) + c * o)
    (wd, bd), (wp, bp) = params_of(depthwise), params_of(pointwise)
    per_channel = np.concatenate([np_conv(case["x"][:, ch:ch + 1], wd[ch:ch + 1], bd[ch:ch + 1], case["stride"],
                                          case["padding"], case["dilation"]) for ch in range(c)], axis=1)
    expected = np.einsum("oc,nchw->nohw", wp[:, :, 0, 0], per_channel) + bp.reshape(1, -1, 1, 1)
    expect.close("pointwise(depthwise(x))", pointwise(depthwise(tensor_from(t, case["x"], device))), expected)


@claim(
    id="layers.conv2d.positional-arguments",
    seed=COMPARISON, lines=(78, 78),
    quote="self.conv = Conv2d(in_channels, out_channels, kernel_size, stride, padding=padding, bias=bias)",
    statement="Conv2d's positional order is (in_channels, out_channels, kernel_size, stride); ints expand "
    "to pairs; bias=False leaves conv.bias None; the weight is (out, in, k, k).",
    inputs={"case": "layers_conv2d_case"},
)
def conv2d_positional_arguments(t, device, case):
    c_in, c_out, k, s, p = case["in"], case["out"], case["kernel"][0], case["stride"][0], case["padding"][0]
    conv = t.nn.Conv2d(c_in, c_out, k, s, padding=p, bias=case["bias"])
    got = (conv.in_channels, conv.out_channels, tuple(conv.kernel_size), tuple(conv.stride), tuple(conv.padding))
    expect.equal("(in_channels, out_channels, kernel_size, stride, padding)", got,
                 (c_in, c_out, (k, k), (s, s), (p, p)))
    expect.equal("conv.bias is None", conv.bias is None, not case["bias"])
    expect.equal("conv.weight.shape", tuple(conv.weight.shape), (c_out, c_in, k, k))


@claim(
    id="layers.conv-transpose2d.positional-arguments",
    seed=COMPARISON, lines=(82, 85),
    quote="# 反卷积\n```python\n#pytorch\n"
    "self.dconv = nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride, bias=bias)",
    statement="ConvTranspose2d's positional order is (in_channels, out_channels, kernel_size, stride); "
    "its weight is (in, out/groups, k, k), the transpose of Conv2d's layout.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_transpose2d_positional_arguments(t, device, case):
    """The weight layout (in, out, k, k) is the reverse of Conv2d's: the source of its fan_in surprise."""
    c_in, c_out, k, s = case["in"], case["out"], case["kernel"][0], case["stride"][0]
    dconv = t.nn.ConvTranspose2d(c_in, c_out, k, s, bias=case["bias"])
    got = (dconv.in_channels, dconv.out_channels, tuple(dconv.kernel_size), tuple(dconv.stride))
    expect.equal("(in_channels, out_channels, kernel_size, stride)", got, (c_in, c_out, (k, k), (s, s)))
    expect.equal("dconv.bias is None", dconv.bias is None, not case["bias"])
    expect.equal("dconv.weight.shape", tuple(dconv.weight.shape), (c_in, c_out, k, k))


@claim(
    id="layers.conv-transpose2d.output-size-rule",
    seed=COMPARISON, lines=(82, 85),
    quote="self.dconv = nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride, bias=bias)",
    statement="ConvTranspose2d output side = (H - 1)*s - 2p + d(k - 1) + output_padding + 1.",
    inputs={"axes": "layers_conv_transpose_geometry"},
)
def conv_transpose2d_output_size_rule(t, device, axes):
    """A transposed conv with stride s upsamples about s times: the usual 'deconvolution' decoder layer."""
    arg = {name: tuple(a[key] for a in axes) for name, key in
           (("kernel_size", "k"), ("stride", "s"), ("padding", "p"), ("dilation", "d"), ("output_padding", "op"))}
    dconv = t.nn.ConvTranspose2d(1, 1, **arg).to(device)
    y = dconv(t.zeros(1, 1, axes[0]["h"], axes[1]["h"], device=device))
    sides = tuple((a["h"] - 1) * a["s"] - 2 * a["p"] + a["d"] * (a["k"] - 1) + a["op"] + 1 for a in axes)
    expect.equal(f"ConvTranspose2d(1, 1, **{arg})(x).shape[2:]", tuple(y.shape[2:]), sides)


@claim(
    id="layers.conv-transpose2d.is-adjoint-of-conv2d",
    seed=COMPARISON, lines=(82, 85),
    quote="# 反卷积",
    statement="ConvTranspose2d is the transpose (adjoint) of Conv2d with the same weight: "
    "dconv(y) = d<conv(x), y>/dx; it does not invert the convolution.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_transpose2d_is_adjoint_of_conv2d(t, device, case):
    """"Deconvolution" is a misnomer: the layer maps back to the input's shape, not to its values."""
    conv = conv_from(t, case, device, bias=False)
    x = tensor_from(t, case["x"], device, requires_grad=True)
    out = conv(x)
    y = t.tensor(np.cos(np.arange(out.numel())).reshape(tuple(out.shape)).tolist(), device=device)
    (out * y).sum().backward()
    s, p, d, k = case["stride"], case["padding"], case["dilation"], case["kernel"]
    op = tuple(case["x"].shape[2 + a] - ((out.shape[2 + a] - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + 1)
               for a in range(2))
    dconv = t.nn.ConvTranspose2d(case["out"], case["in"], k, s, padding=p, output_padding=op,
                                 groups=case["groups"], bias=False, dilation=d).to(device)
    with t.no_grad():
        dconv.weight.copy_(conv.weight)
    expect.close("dconv(y) (conv's adjoint)", dconv(y), expect.numpy_of(x.grad))


@claim(
    id="layers.conv.in-and-out-channels",
    seed=GETTING_STARTED, lines=(161, 162),
    quote="- in_channels输入图片的channel数\n- out_channels输出图片的channel数",
    statement="in_channels must equal the input's channel count (dim 1; anything else raises) and "
    "out_channels is the output's channel count.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_in_and_out_channels(t, device, case):
    conv = conv_from(t, case, device)
    expect.equal("conv(x).shape[1]", conv(tensor_from(t, case["x"], device)).shape[1], case["out"])
    for wrong in (case["in"] + 1, case["in"] * 2):
        with expect.raises(f"Conv2d(in_channels={case['in']}) on an input with {wrong} channels"):
            conv(t.zeros(1, wrong, *case["x"].shape[2:], device=device))


@claim(
    id="layers.conv.kernel-is-learned",
    seed=GETTING_STARTED, lines=(163, 163),
    quote="- kernel_size训练过程中对于kernel进行调整",
    statement="kernel_size fixes the kernel's shape (weight is (out, in, k, k)); the kernel values are a "
    "Parameter that training adjusts: a gradient step changes the weight, never kernel_size.",
)
def conv_kernel_is_learned(t, device):
    conv = t.nn.Conv2d(2, 3, 3).to(device)
    expect.equal("conv.weight.shape", tuple(conv.weight.shape), (3, 2, 3, 3))
    expect.true("conv.weight among conv.parameters()", any(p is conv.weight for p in conv.parameters()))
    expect.true("conv.weight.requires_grad", conv.weight.requires_grad)
    before = expect.numpy_of(conv.weight).copy()
    (conv(t.ones(1, 2, 4, 4, device=device)) ** 2).sum().backward()
    grad = expect.numpy_of(conv.weight.grad)
    expect.true("a nonzero gradient for the kernel", np.abs(grad).max() > 0)
    with t.no_grad():
        conv.weight -= 0.1 * conv.weight.grad
    expect.close("conv.weight after one SGD step", conv.weight, before - 0.1 * grad)
    expect.equal("conv.kernel_size after training", tuple(conv.kernel_size), (3, 3))


@claim(
    id="layers.conv.default-stride-1-padding-0",
    seed=GETTING_STARTED, lines=(164, 167),
    quote=DEFAULTS_QUOTE,
    statement="Conv2d defaults: stride=1, padding=0, padding_mode='zeros', dilation=1 (and groups=1, bias=True).",
    inputs={"x": "layers_image"},
)
def conv_defaults_stride_1_padding_0(t, device, x):
    conv = t.nn.Conv2d(x.shape[1], 2, 3).to(device)
    got = (tuple(conv.stride), tuple(conv.padding), conv.padding_mode, tuple(conv.dilation), conv.groups)
    expect.equal("(stride, padding, padding_mode, dilation, groups)", got, ((1, 1), (0, 0), "zeros", (1, 1), 1))
    expect.true("conv.bias is not None", conv.bias is not None)
    w, b = params_of(conv)
    expected = np_conv(x, w, b, (1, 1), (0, 0), (1, 1))
    expect.close("Conv2d(C, 2, 3)(x)", conv(tensor_from(t, x, device)), expected)


@claim(
    id="layers.conv.output-size-rule",
    seed=GETTING_STARTED, lines=(164, 167),
    quote=DEFAULTS_QUOTE,
    statement="Conv2d output side = floor((H + 2*padding - dilation*(kernel_size - 1) - 1) / stride) + 1.",
    inputs={"axes": "layers_conv_geometry"},
)
def conv_output_size_rule(t, device, axes):
    """The rule from torch's Conv2d docs; users often forget the dilation term or the floor."""
    arg = {name: tuple(a[key] for a in axes) for name, key in
           (("kernel_size", "k"), ("stride", "s"), ("padding", "p"), ("dilation", "d"))}
    y = t.nn.Conv2d(1, 1, **arg).to(device)(t.zeros(1, 1, axes[0]["h"], axes[1]["h"], device=device))
    sides = tuple((a["h"] + 2 * a["p"] - a["d"] * (a["k"] - 1) - 1) // a["s"] + 1 for a in axes)
    expect.equal(f"Conv2d(1, 1, **{arg})(x).shape[2:]", tuple(y.shape[2:]), sides)


@claim(
    id="layers.conv.padding-mode-matches-numpy-pad",
    seed=GETTING_STARTED, lines=(166, 166),
    quote="- padding_mode",
    statement="padding_mode 'zeros', 'reflect', 'replicate', 'circular' pad like np.pad's 'constant', "
    "'reflect', 'edge', 'wrap' before an unpadded convolution.",
    inputs={"case": "layers_padding_mode_case"},
)
def conv_padding_mode_matches_numpy_pad(t, device, case):
    x, p, mode = case["x"], case["padding"], case["mode"]
    conv = t.nn.Conv2d(x.shape[1], 2, case["k"], padding=p, padding_mode=mode).to(device)
    np_mode = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
    padded = np.pad(x, [(0, 0), (0, 0), (p, p), (p, p)], mode=np_mode)
    w, b = params_of(conv)
    expect.close(f"Conv2d(padding={p}, padding_mode={mode!r})(x)", conv(tensor_from(t, x, device)),
                 np_conv(padded, w, b, (1, 1), (0, 0), (1, 1)))


@claim(
    id="layers.conv.dilation-spreads-the-kernel",
    seed=GETTING_STARTED, lines=(167, 167),
    quote="- dilation",
    statement="dilation d spaces the kernel taps d apart: it equals an undilated conv with the kernel "
    "spread over d*(k - 1) + 1 positions, zeros in between.",
    inputs={"case": "layers_conv2d_case"},
)
def conv_dilation_spreads_the_kernel(t, device, case):
    dilated = conv_from(t, case, device)
    d, k = case["dilation"], case["kernel"]
    spread = t.nn.Conv2d(case["in"], case["out"], tuple(d[a] * (k[a] - 1) + 1 for a in range(2)), case["stride"],
                         case["padding"], groups=case["groups"], bias=case["bias"]).to(device)
    w = np.zeros(tuple(spread.weight.shape), dtype=np.float32)
    w[:, :, :: d[0], :: d[1]] = expect.numpy_of(dilated.weight)
    with t.no_grad():
        spread.weight.copy_(tensor_from(t, w, device))
        if case["bias"]:
            spread.bias.copy_(dilated.bias)
    x = tensor_from(t, case["x"], device)
    expect.close(f"Conv2d(dilation={d})(x)", dilated(x), expect.numpy_of(spread(x)))


from spec import layers_recurrent  # noqa: E402,F401  (registers the claims split off into it)
