"""torch.nn against torch.nn.functional: modules hold parameters and state, functions do not.

The seeds' comparison table (004 lines 305-345): an nn layer owns its
parameters and running statistics; the functional form computes the same
thing from arguments the caller passes, and keeps nothing between calls.
"""

from __future__ import annotations

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import NOTES

BN_STATE = "- torch.nn: 可以保持状态（如 BatchNorm\u00a0的运行统计信息）"
MANUAL = "- torch.nn.functional: 需要手动管理参数"
INDEPENDENT = "- torch.nn.functional: 无状态，每次调用都是独立的"
EPS = 1e-5  # BatchNorm's default eps


def running_stats(batches, momentum, features):
    """numpy oracle of BatchNorm's running mean and (unbiased) variance after training on the batches."""
    mean, var = np.zeros(features), np.ones(features)
    for x in batches:
        mean = (1 - momentum) * mean + momentum * x.mean(0)
        var = (1 - momentum) * var + momentum * x.var(0, ddof=1)
    return mean, var


@claim(
    id="functional.nn.modules-hold-parameters-and-state",
    seed=NOTES, lines=(309, 309),
    quote="- torch.nn: 提供完整的模块类（Module），包含状态和参数",
    statement="An nn layer is a Module object holding its parameters (Linear: weight, bias) and its state "
    "(BatchNorm1d: running statistics, the training flag).",
)
def nn_modules_hold_parameters_and_state(t, device):
    linear, bn = t.nn.Linear(3, 2).to(device), t.nn.BatchNorm1d(3).to(device)
    expect.true("nn.Linear(3, 2) to be an nn.Module", isinstance(linear, t.nn.Module))
    expect.equal("[n for n, _ in linear.named_parameters()]", [n for n, _ in linear.named_parameters()],
                 ["weight", "bias"])
    expect.equal("[n for n, _ in bn.named_buffers()]", [n for n, _ in bn.named_buffers()],
                 ["running_mean", "running_var", "num_batches_tracked"])
    expect.equal("bn.training", bn.training, True)
    expect.equal("bn.eval().training", bn.eval().training, False)


@claim(
    id="functional.functional.pure-functions-without-state",
    seed=NOTES, lines=(311, 311),
    quote="- torch.nn.functional: 提供纯函数操作，无状态",
    statement="F.relu, F.sigmoid and F.softmax are plain functions, not Modules: they compute from their "
    "arguments only, give the same result on every call and leave the input unchanged.",
    inputs={"values": "module_float32_array"},
)
def functional_ops_are_pure_functions(t, device, values):
    F = t.nn.functional
    v = values.astype(np.float64)
    e = np.exp(v - v.max(-1, keepdims=True))
    oracles = {"relu": np.maximum(v, 0), "sigmoid": 1 / (1 + np.exp(-v)), "softmax": e / e.sum(-1, keepdims=True)}
    x = tensor_from(t, values, device)
    calls = {"relu": lambda: F.relu(x), "sigmoid": lambda: F.sigmoid(x), "softmax": lambda: F.softmax(x, dim=-1)}
    for name, call in calls.items():
        expect.true(f"F.{name} not to be an nn.Module", not isinstance(getattr(F, name), t.nn.Module))
        expect.close(f"F.{name}(x)", call(), oracles[name])
        expect.close(f"F.{name}(x), called again", call(), oracles[name])
        expect.close(f"x after F.{name}(x)", x, values)


@claim(
    id="functional.nn.manages-parameters-automatically",
    seed=NOTES, lines=(315, 315),
    quote="- torch.nn: 自动管理参数（如权重和偏置）",
    statement="nn.Linear(in, out) creates and registers its weight (out, in) and bias (out,) Parameters "
    "(only the weight with bias=False); parameters() and zero_grad() reach them.",
    inputs={"sizes": "module_linear_sizes"},
)
def nn_manages_parameters_automatically(t, device, sizes):
    fan_in, fan_out = sizes
    m = t.nn.Linear(fan_in, fan_out).to(device)
    shapes = [(n, tuple(p.shape), p.requires_grad) for n, p in m.named_parameters()]
    expect.equal("Linear(in, out).named_parameters()", shapes,
                 [("weight", (fan_out, fan_in), True), ("bias", (fan_out,), True)])
    expect.equal("[n for n, _ in Linear(in, out, bias=False).named_parameters()]",
                 [n for n, _ in t.nn.Linear(fan_in, fan_out, bias=False).named_parameters()], ["weight"])
    m(t.ones(1, fan_in, device=device)).sum().backward()
    expect.true("every parameter to have a grad after backward()", all(p.grad is not None for p in m.parameters()))
    m.zero_grad()
    expect.true("every grad to be cleared by m.zero_grad()", all(p.grad is None for p in m.parameters()))


@claim(
    id="functional.functional.linear-needs-parameters-passed-manually",
    seed=NOTES, lines=(317, 317),
    quote=MANUAL,
    statement="F.linear takes the weight and bias as arguments (F.linear(x) alone raises TypeError); given "
    "a Linear's own, F.linear(x, m.weight, m.bias) equals m(x).",
    inputs={"case": "functional_linear_case"},
)
def linear_needs_parameters_passed_manually(t, device, seed, case):
    t.manual_seed(seed)
    F, m = t.nn.functional, t.nn.Linear(case["in"], case["out"]).to(device)
    x = tensor_from(t, case["x"], device)
    with expect.raises("F.linear(x) without a weight", TypeError):
        F.linear(x)
    expect.close("F.linear(x, m.weight, m.bias)", F.linear(x, m.weight, m.bias).detach(),
                 expect.numpy_of(m(x).detach()))


@claim(
    id="functional.functional.relu-equals-nn-relu",
    seed=NOTES, lines=(317, 317),
    quote=MANUAL,
    statement="F.relu(x) equals nn.ReLU()(x): the module form only wraps the function.",
    inputs={"values": "module_float32_array"},
)
def relu_function_equals_relu_module(t, device, values):
    x = tensor_from(t, values, device)
    expect.close("F.relu(x)", t.nn.functional.relu(x), np.maximum(values, 0))
    expect.close("nn.ReLU()(x)", t.nn.ReLU()(x), np.maximum(values, 0))


@claim(
    id="functional.functional.conv2d-with-module-weights-equals-module",
    seed=NOTES, lines=(317, 317),
    quote=MANUAL,
    statement="F.conv2d(x, conv.weight, conv.bias, stride, padding) equals conv(x) for an nn.Conv2d with "
    "that stride and padding.",
    inputs={"case": "functional_conv2d_case"},
)
def conv2d_function_with_module_weights_equals_module(t, device, seed, case):
    t.manual_seed(seed)
    conv = t.nn.Conv2d(case["in"], case["out"], case["kernel"], stride=case["stride"], padding=case["padding"],
                       bias=case["bias"]).to(device).double()
    x = tensor_from(t, case["x"], device)
    functional = t.nn.functional.conv2d(x, conv.weight, conv.bias, stride=case["stride"], padding=case["padding"])
    expect.close("F.conv2d(x, conv.weight, conv.bias, ...)", functional.detach(), expect.numpy_of(conv(x).detach()))


@claim(
    id="functional.nn.batchnorm-running-stats-are-buffers",
    seed=NOTES, lines=(321, 321),
    quote=BN_STATE,
    statement="BatchNorm's running_mean (zeros), running_var (ones) and num_batches_tracked (int64 0) are "
    "buffers, not parameters; weight and bias are the parameters (affine=True); state_dict lists "
    "parameters then buffers. track_running_stats=False keeps no buffers.",
    inputs={"config": "module_batchnorm_config"},
)
def batchnorm_running_stats_are_buffers(t, device, config):
    c = config["num_features"]
    bn = getattr(t.nn, f"BatchNorm{config['dims']}d")(c, affine=config["affine"],
                                                      track_running_stats=config["track_running_stats"]).to(device)
    params = ["weight", "bias"] if config["affine"] else []
    buffers = ["running_mean", "running_var", "num_batches_tracked"] if config["track_running_stats"] else []
    expect.equal("[n for n, _ in bn.named_parameters()]", [n for n, _ in bn.named_parameters()], params)
    expect.equal("[n for n, _ in bn.named_buffers()]", [n for n, _ in bn.named_buffers()], buffers)
    expect.equal("list(bn.state_dict())", list(bn.state_dict()), params + buffers)
    initial = {"running_mean": np.zeros(c, "float32"), "running_var": np.ones(c, "float32"),
               "num_batches_tracked": np.array(0, "int64")}
    for name in buffers:
        expect.close(f"bn.{name}", getattr(bn, name), initial[name], check_dtype=True)
        expect.equal(f"bn.{name}.requires_grad", getattr(bn, name).requires_grad, False)


@claim(
    id="functional.nn.batchnorm-updates-running-stats-in-train-mode",
    seed=NOTES, lines=(321, 321),
    quote=BN_STATE,
    statement="In train mode each BatchNorm forward updates running = (1 - momentum) * running + momentum * "
    "batch statistic (the variance unbiased) and counts num_batches_tracked; momentum defaults to 0.1.",
    inputs={"case": "module_batchnorm_batches"},
)
def batchnorm_updates_running_stats_in_train_mode(t, device, case):
    """The running variance uses the unbiased (n - 1) batch variance, though normalisation uses the biased one."""
    batches, momentum = case["batches"], case["momentum"]
    expect.equal("nn.BatchNorm1d(c).momentum", t.nn.BatchNorm1d(1).momentum, 0.1)
    bn = t.nn.BatchNorm1d(batches[0].shape[1], momentum=momentum).to(device).double()
    for x in batches:
        bn(tensor_from(t, x, device))
    mean, var = running_stats(batches, momentum, batches[0].shape[1])
    expect.close("bn.running_mean", bn.running_mean, mean)
    expect.close("bn.running_var", bn.running_var, var)
    expect.equal("bn.num_batches_tracked", int(bn.num_batches_tracked), len(batches))


@claim(
    id="functional.nn.batchnorm-eval-uses-and-keeps-running-stats",
    seed=NOTES, lines=(321, 321),
    quote=BN_STATE,
    statement="In eval mode BatchNorm normalises with the running statistics it kept from training, "
    "(x - running_mean) / sqrt(running_var + eps), and does not update them.",
    inputs={"case": "module_batchnorm_batches"},
)
def batchnorm_eval_uses_and_keeps_running_stats(t, device, case):
    batches, momentum = case["batches"], case["momentum"]
    bn = t.nn.BatchNorm1d(batches[0].shape[1], momentum=momentum).to(device).double()
    for x in batches[:-1]:
        bn(tensor_from(t, x, device))
    mean, var = running_stats(batches[:-1], momentum, batches[0].shape[1])
    bn.eval()
    out = bn(tensor_from(t, batches[-1], device))
    expect.close("bn.eval()(x)", out.detach(), (batches[-1] - mean) / np.sqrt(var + EPS))
    expect.close("bn.running_mean after an eval forward", bn.running_mean, mean)
    expect.equal("bn.num_batches_tracked after an eval forward", int(bn.num_batches_tracked), len(batches) - 1)


@claim(
    id="functional.functional.batch-norm-with-running-stats-equals-module-eval",
    seed=NOTES, lines=(317, 317),
    quote=MANUAL,
    statement="F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, training=False) equals "
    "bn(x) in eval mode: the caller passes the state the module holds.",
    inputs={"case": "module_batchnorm_batches"},
)
def batch_norm_function_with_running_stats_equals_module_eval(t, device, case):
    batches = case["batches"]
    bn = t.nn.BatchNorm1d(batches[0].shape[1], momentum=case["momentum"]).to(device).double()
    with t.no_grad():
        bn.weight.mul_(2.0)
        bn.bias.add_(0.5)
    for x in batches[:-1]:
        bn(tensor_from(t, x, device))
    x = tensor_from(t, batches[-1], device)
    functional = t.nn.functional.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias,
                                            training=False, eps=bn.eps)
    expect.close("F.batch_norm(x, running stats, training=False)", functional.detach(),
                 expect.numpy_of(bn.eval()(x).detach()))


@claim(
    id="functional.functional.calls-are-independent",
    seed=NOTES, lines=(323, 323),
    quote=INDEPENDENT,
    statement="F.batch_norm(x, None, None, training=True) keeps nothing between calls: its result on a batch "
    "is the same before and after other calls, while an nn.BatchNorm1d counts and averages every batch it sees.",
    inputs={"case": "module_batchnorm_batches"},
)
def functional_calls_are_independent(t, device, case):
    F, (*earlier, last) = t.nn.functional, [tensor_from(t, x, device) for x in case["batches"]]
    before = expect.numpy_of(F.batch_norm(last, None, None, training=True))
    bn = t.nn.BatchNorm1d(last.shape[1]).to(device).double()
    for x in earlier + [last]:
        F.batch_norm(x, None, None, training=True)
        bn(x)
    expect.close("F.batch_norm(x, None, None, training=True) after other calls",
                 F.batch_norm(last, None, None, training=True), before)
    expect.equal("bn.num_batches_tracked (the module keeps state)", int(bn.num_batches_tracked), len(earlier) + 1)


@claim(
    id="functional.functional.batch-norm-updates-only-the-stats-passed-in",
    seed=NOTES, lines=(323, 323),
    quote=INDEPENDENT,
    statement="F.batch_norm(x, running_mean, running_var, training=True) updates the tensors passed in, in "
    "place, as the module would: the state lives in the caller's tensors, not in the function.",
    inputs={"case": "module_batchnorm_batches"},
)
def batch_norm_updates_only_the_stats_passed_in(t, device, case):
    """The one way a functional call affects a later one: through the running tensors the caller hands it."""
    batches, momentum = case["batches"], case["momentum"]
    c = batches[0].shape[1]
    mean = t.zeros(c, dtype=t.float64, device=device)
    var = t.ones(c, dtype=t.float64, device=device)
    for x in batches:
        t.nn.functional.batch_norm(tensor_from(t, x, device), mean, var, training=True, momentum=momentum)
    expected_mean, expected_var = running_stats(batches, momentum, c)
    expect.close("running_mean passed to F.batch_norm", mean, expected_mean)
    expect.close("running_var passed to F.batch_norm", var, expected_var)


untestable(
    id="functional.usage.nn-suits-complete-models",
    seed=NOTES, lines=(327, 327),
    quote="- torch.nn: 适合构建完整的网络模型",
    statement="torch.nn suits building complete network models.",
    reason="Advice about when to use which API; it states no behaviour a check could decide.",
)
untestable(
    id="functional.usage.functional-suits-simple-operations",
    seed=NOTES, lines=(329, 329),
    quote="- torch.nn.functional: 适合简单操作和函数式编程",
    statement="torch.nn.functional suits simple operations and functional programming.",
    reason="Advice about when to use which API; it states no behaviour a check could decide.",
)
untestable(
    id="functional.performance.functional-slightly-faster",
    seed=NOTES, lines=(333, 333),
    quote="- torch.nn.functional\u00a0通常略快（差异很小）",
    statement="torch.nn.functional is usually slightly faster than torch.nn (the difference is small).",
    reason="Speed is measured, not asserted: timings vary with machine, load and backend, so a pass/fail "
    "check would be flaky or meaningless; the benchmark, not the spec, is the place for it.",
)
untestable(
    id="functional.usage.nn-organises-models-better",
    seed=NOTES, lines=(335, 335),
    quote="- torch.nn\u00a0提供更好的模型组织和管理",
    statement="torch.nn gives better model organisation and management.",
    reason="A judgement; the management it means (parameters and state registered and listed) is checked by "
    "functional.nn.manages-parameters-automatically and the modules.registration claims.",
)
untestable(
    id="functional.usage.prefer-nn-module-for-models",
    seed=NOTES, lines=(339, 339),
    quote="1. 构建模型时优先使用\u00a0torch.nn.Module",
    statement="Prefer torch.nn.Module when building models.",
    reason="Usage advice, not behaviour.",
)
untestable(
    id="functional.usage.functional-for-simple-operations",
    seed=NOTES, lines=(341, 341),
    quote="2. 对于简单操作（如激活函数）可以使用\u00a0functional",
    statement="Simple operations such as activations may use functional.",
    reason="Usage advice, not behaviour; that F.relu equals nn.ReLU is functional.functional.relu-equals-nn-relu.",
)
untestable(
    id="functional.usage.stateful-layers-need-nn-module",
    seed=NOTES, lines=(343, 343),
    quote="3. 需要保存状态的层（如 BatchNorm）必须使用\u00a0nn.Module",
    statement="Layers that keep state, such as BatchNorm, must use nn.Module.",
    reason="Advice, not a technical necessity: F.batch_norm with caller-held running tensors works "
    "(functional.functional.batch-norm-updates-only-the-stats-passed-in); the module just keeps them for you.",
)
untestable(
    id="functional.usage.functional-for-functional-programming",
    seed=NOTES, lines=(345, 345),
    quote="4. 在函数式编程场景中使用\u00a0functional",
    statement="Use functional in functional-programming settings.",
    reason="Usage advice, not behaviour.",
)
