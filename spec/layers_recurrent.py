"""Layers beyond Linear and convolution values: batch layout, padding, recurrent, pooling,
activations, softmax, dropout, batch normalisation, Sequential and Flatten.

(Split from :mod:`spec.layers` for length; imported from there so its claims register.)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import Verdict, expect, stats
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.layers import conv_from
from spec.seeds import FEATURES, GETTING_STARTED, NOTES

NCHW_QUOTE = ("比如nn.Conv2d的输入是一个4D的Tensor，shape是nSamples nChannels Height Width，如果你只有一个样本 "
              "nChannels Height Width，那么可以使用input.unsqueeze（0）来增加一个batch维，相反地，squeeze用于降维。")
BATCH_QUOTE = ("torch.nn只支持mini-batches的输入，整个torch.nn包的输入都必须第一维是batch，"
               "即使只有一个样本也要弄成batch是1的输入。")


@claim(
    id="layers.input.doc-says-conv2d-needs-a-batch-dimension",
    seed=GETTING_STARTED, lines=(117, 119),
    quote=BATCH_QUOTE,
    statement="As written: torch.nn accepts only mini-batches; a single (C, H, W) sample given to "
    "nn.Conv2d must be unsqueezed to (1, C, H, W) or the call fails.",
    verdict=Verdict.VERSION_DEPENDENT,
    paired_with="layers.input.unbatched-sample-equals-batch-of-one",
)
def doc_conv2d_needs_a_batch_dimension(t, device):
    """True before PyTorch 1.11; since then Conv*d, pooling and most of torch.nn accept one unbatched sample."""
    conv = t.nn.Conv2d(3, 2, 3).to(device)
    with expect.raises("nn.Conv2d(3, 2, 3) on an unbatched (3, 5, 5) input"):
        conv(t.ones(3, 5, 5, device=device))


@claim(
    id="layers.input.unbatched-sample-equals-batch-of-one",
    seed=GETTING_STARTED, lines=(117, 117),
    quote=BATCH_QUOTE,
    statement="Conv2d and MaxPool2d accept an unbatched (C, H, W) sample and Linear an (in,) vector; "
    "the result equals running the batch of one and squeezing: m(x) == m(x.unsqueeze(0)).squeeze(0).",
    inputs={"case": "layers_unbatched_case"},
)
def unbatched_sample_equals_batch_of_one(t, device, case):
    x = tensor_from(t, case["x"], device)
    make = {"conv2d": lambda: t.nn.Conv2d(x.shape[0], 2, case.get("k")),
            "max_pool2d": lambda: t.nn.MaxPool2d(case.get("k")),
            "linear": lambda: t.nn.Linear(x.shape[0], 3)}
    m = make[case["kind"]]().to(device)
    expect.close(f"{case['kind']}(x) for unbatched x", m(x), expect.numpy_of(m(x.unsqueeze(0)).squeeze(0)))


@claim(
    id="layers.input.conv2d-takes-nchw",
    seed=GETTING_STARTED, lines=(119, 119),
    quote=NCHW_QUOTE,
    statement="Conv2d takes (nSamples, nChannels, H, W) and returns (nSamples, out_channels, H', W'); "
    "x.unsqueeze(0) adds a batch dimension of 1 and squeeze(0) removes it.",
    inputs={"case": "layers_conv2d_case"},
)
def conv2d_takes_nchw_input(t, device, case):
    conv = conv_from(t, case, device)
    x = tensor_from(t, case["x"], device)
    y = conv(x)
    expect.equal("conv(x).shape[0]", y.shape[0], case["x"].shape[0])
    one = x[0].unsqueeze(0)
    expect.equal("x[0].unsqueeze(0).shape", tuple(one.shape), (1,) + case["x"].shape[1:])
    expect.equal("conv(x[0].unsqueeze(0)).squeeze(0).shape", tuple(conv(one).squeeze(0).shape), tuple(y.shape[1:]))
    expect.close("conv(x[0].unsqueeze(0)).squeeze(0)", conv(one).squeeze(0), expect.numpy_of(y[0]))


@claim(
    id="layers.padding.3x3-kernel-loses-two-rows-and-columns",
    seed=NOTES, lines=(229, 229),
    quote="卷积会导致像素丢失，比如卷积核的大小为3x3，则会丢失2行2列的像素。",
    statement="Without padding (stride 1) a 3x3 convolution maps H x W to (H - 2) x (W - 2).",
    inputs={"x": "layers_image"},
)
def conv_3x3_loses_two_rows_and_columns(t, device, x):
    y = t.nn.Conv2d(x.shape[1], 2, 3).to(device)(tensor_from(t, x, device))
    expect.equal("Conv2d(C, 2, 3)(x).shape[2:]", tuple(y.shape[2:]), (x.shape[2] - 2, x.shape[3] - 2))


@claim(
    id="layers.padding.padding-keeps-the-size",
    seed=NOTES, lines=(229, 229),
    quote="如果想要图像在卷积之后保持原始大小，就需要在卷积前进行填充。",
    statement="With stride 1, padding=1 keeps H x W for a 3x3 kernel, padding=k//2 for any odd k, "
    "and padding='same' for any k.",
    inputs={"x": "layers_image"},
)
def conv_padding_keeps_the_size(t, device, x):
    c, side = x.shape[1], tuple(x.shape[2:])
    xt = tensor_from(t, x, device)
    for k in (3, 1, 5):
        y = t.nn.Conv2d(c, 2, k, padding=k // 2).to(device)(xt)
        expect.equal(f"Conv2d(C, 2, {k}, padding={k // 2})(x).shape[2:]", tuple(y.shape[2:]), side)
    for k, d in ((3, 1), (2, 2), (4, 2)):
        y = t.nn.Conv2d(c, 2, k, padding="same", dilation=d).to(device)(xt)
        expect.equal(f"Conv2d(C, 2, {k}, padding='same', dilation={d})(x).shape[2:]", tuple(y.shape[2:]), side)


@claim(
    id="layers.padding.zero-pad-then-conv-equals-conv-padding",
    seed=NOTES, lines=(227, 229),
    quote="#### Padding Layers",
    statement="nn.ZeroPad2d(p) before an unpadded Conv2d gives the same output as Conv2d(padding=p).",
    inputs={"case": "layers_conv2d_case"},
)
def zero_pad_then_conv_equals_conv_padding(t, device, case):
    padded_conv = conv_from(t, case, device)
    plain = conv_from(t, case, device, padding=(0, 0))
    plain.load_state_dict(padded_conv.state_dict())
    p0, p1 = case["padding"]
    pad = t.nn.ZeroPad2d((p1, p1, p0, p0))
    x = tensor_from(t, case["x"], device)
    expect.close("conv(nn.ZeroPad2d(p)(x))", plain(pad(x)), expect.numpy_of(padded_conv(x)))


def np_pool(x: Any, k: int, s: int, p: int, reduce: Any, fill: float) -> np.ndarray[Any, Any]:
    """2-d pooling of x (N, C, H, W) with a k x k window, stride s, padding p filled with ``fill``."""
    xp = np.pad(np.asarray(x, np.float64), [(0, 0), (0, 0), (p, p), (p, p)], constant_values=fill)
    sides = [(x.shape[a] + 2 * p - k) // s + 1 for a in (2, 3)]
    out = np.zeros(x.shape[:2] + tuple(sides))
    for i, j in np.ndindex(*sides):
        out[:, :, i, j] = reduce(xp[:, :, i * s:i * s + k, j * s:j * s + k], axis=(2, 3))
    return out


def rnn_from(t: Any, case: dict[str, Any], device: str) -> Any:
    make = getattr(t.nn, case["kind"])
    return make(case["in"], case["hidden"], case["layers"], batch_first=case["batch_first"]).to(device)


@claim(
    id="layers.recurrent.lstm-and-gru-shapes",
    seed=FEATURES, lines=(38, 38),
    quote="循环层：nn.LSTM\u00a0、nn.GRU等，用于处理序列数据，如时间序列或自然语言等",
    statement="LSTM/GRU(input, hidden, num_layers) map a (L, N, input) sequence ((N, L, input) with "
    "batch_first=True) to output (L, N, hidden) (resp. (N, L, hidden)) and h_n (num_layers, N, hidden); "
    "LSTM also returns c_n of that shape.",
    inputs={"case": "layers_rnn_case"},
)
def lstm_and_gru_shapes(t, device, case):
    """h_n and c_n stay (num_layers, N, hidden) even with batch_first=True: a frequent surprise."""
    out, state = rnn_from(t, case, device)(tensor_from(t, case["x"], device))
    seq, batch, hidden = case["seq"], case["batch"], case["hidden"]
    layout = (batch, seq, hidden) if case["batch_first"] else (seq, batch, hidden)
    expect.equal("output.shape", tuple(out.shape), layout)
    states = state if case["kind"] == "LSTM" else (state,)
    expect.equal(f"number of {case['kind']} state tensors", len(states), 2 if case["kind"] == "LSTM" else 1)
    for name, s in zip(("h_n", "c_n"), states, strict=False):
        expect.equal(f"{name}.shape", tuple(s.shape), (case["layers"], batch, hidden))


@claim(
    id="layers.recurrent.outputs-are-causal",
    seed=FEATURES, lines=(38, 38),
    quote="用于处理序列数据",
    statement="LSTM/GRU read the sequence in order: the output at step i depends only on steps <= i, "
    "and the last step's output is the last layer's h_n.",
    inputs={"case": "layers_rnn_case"},
)
def recurrent_outputs_are_causal(t, device, case):
    rnn, x, last = rnn_from(t, case, device), case["x"], case["seq"] - 1
    out, state = rnn(tensor_from(t, x, device))
    h_n = state[0] if case["kind"] == "LSTM" else state
    at = (lambda y, i: y[:, i]) if case["batch_first"] else (lambda y, i: y[i])
    expect.close("output at the last step", at(out, last), expect.numpy_of(h_n[-1]))
    changed = x.copy()
    at(changed, last)[...] += 1.0
    out2, _ = rnn(tensor_from(t, changed, device))
    for i in range(last):
        expect.close(f"output at step {i} after changing step {last}", at(out2, i), expect.numpy_of(at(out, i)))


@claim(
    id="layers.pool.max-pool-takes-window-maximum",
    seed=NOTES, lines=(224, 224),
    quote="取池化窗口内的最大值即为最大池化。",
    statement="MaxPool2d(k, stride, padding) takes the maximum of each k x k window (padding never wins); "
    "stride defaults to kernel_size.",
    inputs={"case": "layers_pool_case"},
)
def max_pool_takes_window_maximum(t, device, case):
    k, p, s = case["k"], case["padding"], case["stride"] or case["k"]
    y = t.nn.MaxPool2d(k, stride=case["stride"], padding=p).to(device)(tensor_from(t, case["x"], device))
    expect.close(f"MaxPool2d({k}, {case['stride']}, {p})(x)", y, np_pool(case["x"], k, s, p, np.max, -np.inf))


@claim(
    id="layers.pool.avg-pool-takes-window-mean",
    seed=GETTING_STARTED, lines=(169, 169),
    quote="### 池化层",
    statement="AvgPool2d(k, stride, padding) takes the mean of each k x k window, padded zeros included "
    "(count_include_pad=True); stride defaults to kernel_size.",
    inputs={"case": "layers_pool_case"},
)
def avg_pool_takes_window_mean(t, device, case):
    k, p, s = case["k"], case["padding"], case["stride"] or case["k"]
    y = t.nn.AvgPool2d(k, stride=case["stride"], padding=p).to(device)(tensor_from(t, case["x"], device))
    expect.close(f"AvgPool2d({k}, {case['stride']}, {p})(x)", y, np_pool(case["x"], k, s, p, np.mean, 0.0))


@claim(
    id="layers.pool.reduces-spatial-size",
    seed=NOTES, lines=(224, 224),
    quote="池化操作用于降低特征图的空间维度，减少计算量。",
    statement="Pooling output side = floor((H + 2p - k) / s) + 1; with the default stride (= kernel_size) and "
    "no padding it is floor(H / k), so a k x k pool (k >= 2) shrinks the feature map about k^2 times.",
    inputs={"case": "layers_pool_case"},
)
def pooling_reduces_spatial_size(t, device, case):
    x, k, p = case["x"], case["k"], case["padding"]
    s = case["stride"] or k
    for name in ("MaxPool2d", "AvgPool2d"):
        y = getattr(t.nn, name)(k, stride=case["stride"], padding=p).to(device)(tensor_from(t, x, device))
        expect.equal(f"{name}({k}, stride={case['stride']}, padding={p})(x).shape[2:]", tuple(y.shape[2:]),
                     tuple((side + 2 * p - k) // s + 1 for side in x.shape[2:]))
        if min(x.shape[2:]) < k:
            continue
        pool = getattr(t.nn, name)(k).to(device)
        expect.equal(f"nn.{name}({k}).stride", pool.stride, k)
        y = pool(tensor_from(t, x, device))
        expect.equal(f"{name}({k})(x).shape[2:]", tuple(y.shape[2:]), tuple(side // k for side in x.shape[2:]))
        expect.true(f"{name}({k})(x) smaller than x for k >= 2", k < 2 or y.numel() * k * k <= x.size)


def sigmoid(x: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, np.float64)))


@claim(
    id="layers.activation.relu-matches-numpy",
    seed=GETTING_STARTED, lines=(171, 172),
    quote="### 非线性激活\n- Relu",
    statement="nn.ReLU()(x) = max(x, 0) elementwise.",
    inputs={"x": "layers_activation_input"},
)
def relu_matches_numpy(t, device, x):
    expect.close("nn.ReLU()(x)", t.nn.ReLU()(tensor_from(t, x, device)), np.maximum(x, 0))


@claim(
    id="layers.activation.sigmoid-matches-numpy",
    seed=GETTING_STARTED, lines=(173, 173),
    quote="- Sigmoid",
    statement="nn.Sigmoid()(x) = 1 / (1 + exp(-x)) elementwise.",
    inputs={"x": "layers_activation_input"},
)
def sigmoid_matches_numpy(t, device, x):
    expect.close("nn.Sigmoid()(x)", t.nn.Sigmoid()(tensor_from(t, x, device)), sigmoid(x))


@claim(
    id="layers.activation.tanh-matches-numpy",
    seed=NOTES, lines=(233, 233),
    quote="非线性激活函数可以分为多种类型，常见的包括 `Sigmoid`、`ReLU`、`Leaky ReLU`、`Tanh` 等。",
    statement="nn.Tanh()(x) = tanh(x) elementwise.",
    inputs={"x": "layers_activation_input"},
)
def tanh_matches_numpy(t, device, x):
    expect.close("nn.Tanh()(x)", t.nn.Tanh()(tensor_from(t, x, device)), np.tanh(x.astype(np.float64)))


@claim(
    id="layers.activation.leaky-relu-matches-numpy",
    seed=NOTES, lines=(233, 233),
    quote="`Leaky ReLU`",
    statement="nn.LeakyReLU(negative_slope=0.01)(x) = x for x > 0 and slope * x otherwise; the default slope is 0.01.",
    inputs={"x": "layers_activation_input"},
)
def leaky_relu_matches_numpy(t, device, x):
    xt = tensor_from(t, x, device)
    expect.close("nn.LeakyReLU()(x)", t.nn.LeakyReLU()(xt), np.where(x > 0, x, 0.01 * x.astype(np.float64)))
    expect.close("nn.LeakyReLU(0.2)(x)", t.nn.LeakyReLU(0.2)(xt), np.where(x > 0, x, 0.2 * x.astype(np.float64)))


ACTIVATIONS = ("ReLU", "Sigmoid", "Tanh", "LeakyReLU")


@claim(
    id="layers.activation.are-nonlinear",
    seed=NOTES, lines=(236, 236),
    quote="为模型引入非线性的特征。通过对卷积层的输出进行非线性变换，引入非线性特征来提高模型的能力。",
    statement="ReLU, Sigmoid, Tanh and LeakyReLU are not linear maps: f(1 + (-2)) != f(1) + f(-2).",
)
def activations_are_nonlinear(t, device):
    for name in ACTIVATIONS:
        f = getattr(t.nn, name)()
        a, b = t.tensor([1.0], device=device), t.tensor([-2.0], device=device)
        lhs, rhs = expect.numpy_of(f(a + b)), expect.numpy_of(f(a) + f(b))
        expect.true(f"nn.{name}()(1 + (-2)) != nn.{name}()(1) + nn.{name}()(-2)", abs(lhs - rhs).max() > 1e-3,
                    f"both are {lhs}")


@claim(
    id="layers.activation.doc-says-nonlinear-activations-relieve-vanishing-gradients",
    seed=NOTES, lines=(237, 237),
    quote="在深层网络中，使用线性激活函数容易导致梯度消失的问题，而非线性激活函数可以通过引入非线性变换，缓解梯度消失问题",
    statement="As written: linear activations cause vanishing gradients in deep networks and nonlinear "
    "ones (Sigmoid, ReLU, LeakyReLU, Tanh) relieve it, i.e. pass back larger gradients.",
    verdict=Verdict.REFUTED,
    paired_with="layers.activation.derivatives-never-exceed-one",
)
def doc_nonlinear_activations_relieve_vanishing_gradients(t, device):
    """Every listed activation has slope <= 1 (sigmoid <= 1/4), so it can only shrink a gradient that an
    identity (linear) activation passes intact; ReLU helps only compared with saturating sigmoid/tanh."""
    def chain_grad(name):  # d/dx of 10 layers y -> activation(0.9 * y), at x = 0.5
        x = y = t.tensor([0.5], device=device, requires_grad=True)
        for _ in range(10):
            y = getattr(t.nn, name)()(0.9 * y)
        y.sum().backward()
        return float(expect.numpy_of(x.grad)[0])

    linear = chain_grad("Identity")
    for name in ACTIVATIONS:
        grad = chain_grad(name)
        expect.true(f"a 10-layer {name} chain to pass back more gradient than a linear one", grad > linear,
                    f"{grad:.3g} <= {linear:.3g}")


@claim(
    id="layers.activation.derivatives-never-exceed-one",
    seed=NOTES, lines=(237, 237),
    quote="缓解梯度消失的问题。",
    statement="Slopes: ReLU 1 (x > 0) or 0, LeakyReLU 1 or 0.01, Tanh 1 - tanh^2 <= 1, Sigmoid s(1 - s) <= 1/4; "
    "only the ReLU family passes a positive-side gradient unattenuated, which is why it eases vanishing gradients.",
    inputs={"x": "layers_activation_input"},
)
def activation_derivatives_never_exceed_one(t, device, x):
    s, th = sigmoid(x), np.tanh(x.astype(np.float64))
    slopes = {"ReLU": (x > 0) * 1.0, "LeakyReLU": np.where(x > 0, 1.0, 0.01), "Tanh": 1 - th * th,
              "Sigmoid": s * (1 - s)}
    for name, slope in slopes.items():
        xt = tensor_from(t, x, device, requires_grad=True)
        getattr(t.nn, name)()(xt).sum().backward()
        expect.close(f"d nn.{name}()(x) / dx", xt.grad, slope)
        expect.true(f"the slope of {name} at most {0.25 if name == 'Sigmoid' else 1}",
                    expect.numpy_of(xt.grad).max() <= (0.25 if name == "Sigmoid" else 1.0) + 1e-6)


@claim(
    id="layers.activation.softmax-sums-to-one",
    seed=NOTES, lines=(114, 114),
    quote="Non-linear Activations (other)",
    statement="nn.Softmax(dim)(x) = exp(x) / exp(x).sum(dim): values in [0, 1] that sum to 1 along dim.",
    inputs={"case": "layers_softmax_case"},
)
def softmax_sums_to_one(t, device, case):
    x, dim = case["x"].astype(np.float64), case["dim"]
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    y = t.nn.Softmax(dim=dim)(tensor_from(t, case["x"], device))
    expect.close(f"nn.Softmax(dim={dim})(x)", y, e / e.sum(axis=dim, keepdims=True))
    expect.close(f"nn.Softmax(dim={dim})(x).sum({dim})", y.sum(dim), np.ones(np.delete(x.shape, dim % x.ndim)))


@claim(
    id="layers.dropout.eval-is-identity",
    seed=NOTES, lines=(260, 260),
    quote="#### Dropout Layers",
    statement="A new nn.Dropout(p) is in training mode; after .eval() it returns its input unchanged.",
    inputs={"x": "layers_activation_input", "p": "layers_dropout_p"},
)
def dropout_in_eval_mode_is_identity(t, device, x, p):
    drop = t.nn.Dropout(p)
    expect.true("a new nn.Dropout to be in training mode", drop.training)
    drop.eval()
    expect.close(f"nn.Dropout({p}).eval()(x)", drop(tensor_from(t, x, device)), x)


@claim(
    id="layers.dropout.train-zeroes-with-p-and-scales",
    seed=NOTES, lines=(260, 260),
    quote="#### Dropout Layers",
    statement="In training mode nn.Dropout(p) zeroes each element with probability p and multiplies the "
    "others by 1/(1 - p), so the expected output equals the input.",
    inputs={"p": "layers_dropout_p"},
)
def dropout_in_training_zeroes_with_p_and_scales(t, device, p, seed):
    """Users forget the 1/(1-p) rescaling at training time (eval needs none).

    Statistical: n = 4000; the zero fraction within z(1e-9) * sqrt(p(1-p)/n) of p (normal approximation);
    false-positive rate 1e-9 per example, so < 1e-6 over the 500 examples of the 'thorough' profile.
    """
    t.manual_seed(seed)
    n = 4000
    x = np.arange(1, n + 1, dtype=np.float32)
    y = expect.numpy_of(t.nn.Dropout(p)(tensor_from(t, x, device)))
    kept = y != 0
    expect.close(f"kept values of nn.Dropout({p})(x)", y[kept], x[kept].astype(np.float64) / (1 - p))
    frac, bound = 1 - kept.mean(), stats.z_bound(1e-9) * (p * (1 - p) / n) ** 0.5
    expect.true(f"the zeroed fraction near p = {p}", abs(frac - p) <= bound, f"{frac:.4f}, allowed +-{bound:.4f}")


@claim(
    id="layers.norm.batchnorm-normalises-in-training",
    seed=NOTES, lines=(241, 241),
    quote="#### 归一化层 Normalization Layers",
    statement="In training mode BatchNorm1d/2d outputs (x - mean) / sqrt(var + 1e-5) per channel, with the "
    "batch mean and biased variance over every dim but 1; running_mean becomes 0.1 * mean.",
    inputs={"x": "layers_batchnorm_input"},
)
def batchnorm_normalises_in_training(t, device, x):
    """The batch variance is biased (divides by n); the running variance stored for eval is unbiased."""
    bn = (t.nn.BatchNorm2d if x.ndim == 4 else t.nn.BatchNorm1d)(x.shape[1]).to(device).double()
    axes = tuple(a for a in range(x.ndim) if a != 1)
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    expect.close(f"{type(bn).__name__}(C)(x)", bn(tensor_from(t, x, device)), (x - mean) / np.sqrt(var + 1e-5))
    expect.close("bn.running_mean", bn.running_mean, 0.1 * mean.ravel())


@claim(
    id="layers.container.sequential-applies-in-order",
    seed=NOTES, lines=(109, 109),
    quote="- [Containers]",
    statement="nn.Sequential(*layers)(x) applies the layers in the order given, each to the previous output.",
    inputs={"case": "layers_sequential_case"},
)
def sequential_applies_in_order(t, device, case):
    widths, layers = case["widths"], []
    for i, act in enumerate(case["acts"]):
        layers += [t.nn.Linear(widths[i], widths[i + 1]), getattr(t.nn, act)()]
    model = t.nn.Sequential(*layers).to(device)
    expect.true("model[i] is the i-th layer given", len(model) == len(layers) and model[0] is layers[0])
    y = x = tensor_from(t, case["x"], device)
    for layer in layers:
        y = layer(y)
    expect.close("nn.Sequential(*layers)(x)", model(x), expect.numpy_of(y))


@claim(
    id="layers.utility.flatten-keeps-the-batch-dimension",
    seed=NOTES, lines=(126, 126),
    quote="- [Utilities]",
    statement="nn.Flatten() reshapes (N, *rest) to (N, prod(rest)) in row-major order (start_dim=1); "
    "nn.Flatten(0) flattens everything.",
    inputs={"x": "layers_flatten_input"},
)
def flatten_keeps_the_batch_dimension(t, device, x):
    xt = tensor_from(t, x, device)
    expect.close("nn.Flatten()(x)", t.nn.Flatten()(xt), x.reshape(x.shape[0], -1))
    expect.close("nn.Flatten(0)(x)", t.nn.Flatten(0)(xt), x.reshape(-1))


untestable(
    id="layers.nn-stands-for-neural-network",
    seed=GETTING_STARTED, lines=(154, 154),
    quote="nn是neural network",
    statement="The nn in torch.nn stands for neural network.",
    reason="A statement about naming.",
)
