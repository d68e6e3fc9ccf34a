"""Optimizers: SGD (plain and with momentum) and Adam, against numpy re-implementations.

The generated claims minimise a separable quadratic sum(a*w*w + b*w) in float64,
whose gradient 2*a*w + b the numpy oracles recompute at every step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec.seeds import BASICS, FEATURES, GETTING_STARTED

SGD_QUOTE = "torch.optim.SGD(params, lr=learning_rate, momentum=momentum_value)"
ADAM_QUOTE = "torch.optim.Adam(params, lr=learning_rate, betas=(0.9, 0.999))"
ADAM_DEFAULTS = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "amsgrad": False}


def gradient(problem: dict[str, Any]) -> Callable[[Any], Any]:
    return lambda w: 2 * problem["a"] * w + problem["b"]


def minimise(t: Any, device: str, problem: dict[str, Any], make: Callable[[list[Any]], Any], steps: int) -> Any:
    """Run ``steps`` of zero_grad / backward / step on sum(a*w*w + b*w); return w."""
    w = t.tensor(problem["w0"].tolist(), dtype=t.float64, device=device, requires_grad=True)
    a, b = (t.tensor(problem[k].tolist(), dtype=t.float64, device=device) for k in "ab")
    optimizer = make([w])
    for _ in range(steps):
        optimizer.zero_grad()
        (a * w * w + b * w).sum().backward()
        optimizer.step()
    return w


def sgd_oracle(w: Any, grad: Callable[[Any], Any], steps: int, lr: float, momentum: float = 0.0,
               dampening: float = 0.0, nesterov: bool = False, weight_decay: float = 0.0) -> Any:
    """torch.optim.SGD's documented update (torch/optim/sgd.py), in numpy."""
    buf = None
    for _ in range(steps):
        g = grad(w) + weight_decay * w
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        w = w - lr * g
    return w


def adam_oracle(w: Any, grad: Callable[[Any], Any], steps: int, lr: float = 1e-3,
                betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8, weight_decay: float = 0.0,
                amsgrad: bool = False) -> Any:
    """torch.optim.Adam's documented update (torch/optim/adam.py), bias-corrected, in numpy."""
    (b1, b2), m, v, v_max = betas, 0.0 * w, 0.0 * w, 0.0 * w
    for step in range(1, steps + 1):
        g = grad(w) + weight_decay * w
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        v_max = np.maximum(v_max, v) if amsgrad else v
        denom = np.sqrt(v_max) / np.sqrt(1 - b2**step) + eps
        w = w - lr / (1 - b1**step) * m / denom
    return w


@claim(
    id="optim.optimizer.step-lowers-the-loss",
    seed=FEATURES, lines=(46, 46),
    quote="torch.optim\u00a0是优化器模块，用于在训练过程中更新神经网络的参数，以最小化损失函数",
    statement="An optimizer step updates the parameters so as to lower the loss: SGD with a step size "
    "below the curvature bound decreases a convex quadratic at every step.",
    inputs={"problem": "optim_quadratic"},
)
def optimizer_step_lowers_the_loss(t, device, problem):
    lr = 1 / (2 * max(problem["a"].max(), 0.5))  # a * lr <= 1/2: each step loses >= lr*|g|^2/2
    loss = lambda w: float((problem["a"] * w * w + problem["b"] * w).sum())  # noqa: E731
    w = problem["w0"]
    for step in range(1, problem["steps"] + 1):
        g = gradient(problem)(w)
        new = expect.numpy_of(minimise(t, device, problem, lambda p: t.optim.SGD(p, lr=lr), step))
        expect.true(f"the loss to fall at SGD step {step}", loss(new) <= loss(w) - lr * (g * g).sum() / 2 + 1e-9,
                    f"{loss(w)} -> {loss(new)}")
        w = new


@claim(
    id="optim.sgd.params-lr-momentum",
    seed=FEATURES, lines=(48, 48),
    quote=SGD_QUOTE + "\u00a0，其中params是需要更新的参数列表，lr是学习率，momentum是动量参数",
    statement="SGD(params, lr=..., momentum=...) keeps the given lr and momentum in its param group and "
    "updates exactly the tensors in params.",
)
def sgd_takes_params_lr_and_momentum(t, device):
    w = t.tensor([1.0, -2.0], device=device, requires_grad=True)
    frozen = t.tensor([3.0], device=device, requires_grad=True)
    optimizer = t.optim.SGD([w], lr=0.1, momentum=0.9)
    group = optimizer.param_groups[0]
    expect.equal("param_groups[0]['lr'], ['momentum']", (group["lr"], group["momentum"]), (0.1, 0.9))
    expect.true("param_groups[0]['params'] to hold w itself", len(group["params"]) == 1 and group["params"][0] is w)
    ((w * w).sum() + (frozen * frozen).sum()).backward()
    optimizer.step()
    expect.close("w after one step", w, np.array([0.8, -1.6], dtype=np.float32))
    expect.close("a tensor not in params", frozen, np.array([3.0], dtype=np.float32))


@claim(
    id="optim.sgd.momentum-update-rule",
    seed=FEATURES, lines=(48, 48),
    quote=SGD_QUOTE,
    statement="SGD with momentum (and dampening, nesterov, weight_decay) follows torch's documented rule "
    "b = momentum*b + (1-dampening)*g, w -= lr*b (or lr*(g + momentum*b) with nesterov), over k steps.",
    inputs={"problem": "optim_quadratic", "hp": "optim_sgd_hparams"},
    refs=("torch/optim/sgd.py: SGD docstring algorithm",),
)
def sgd_follows_momentum_update_rule(t, device, problem, hp):
    """The first step uses b = g (no dampening): a detail most re-implementations get wrong."""
    w = minimise(t, device, problem, lambda p: t.optim.SGD(p, **hp), problem["steps"])
    expected = sgd_oracle(problem["w0"], gradient(problem), problem["steps"], **hp)
    expect.close(f"w after {problem['steps']} SGD({hp}) steps", w, expected)


@claim(
    id="optim.adam.default-betas-and-hyperparameters",
    seed=FEATURES, lines=(49, 49),
    quote=ADAM_QUOTE,
    statement="Adam's defaults are lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False; "
    "Adam(params) steps exactly like Adam(params, lr=0.001, betas=(0.9, 0.999)).",
)
def adam_defaults_are_the_documented_ones(t, device):
    group = t.optim.Adam([t.zeros(2, device=device, requires_grad=True)]).param_groups[0]
    expect.equal("Adam(params).param_groups[0] defaults",
                 {k: group[k] for k in ADAM_DEFAULTS}, ADAM_DEFAULTS)
    problem = {"w0": np.array([1.0, -0.5]), "a": np.array([0.5, 2.0]), "b": np.array([0.25, 1.0])}
    plain = minimise(t, device, problem, lambda p: t.optim.Adam(p), 3)
    spelled = minimise(t, device, problem, lambda p: t.optim.Adam(p, lr=0.001, betas=(0.9, 0.999)), 3)
    expect.close("w after 3 steps of Adam(params)", plain, expect.numpy_of(spelled))
    expect.close("w after 3 steps of Adam(params)", plain, adam_oracle(problem["w0"], gradient(problem), 3))


@claim(
    id="optim.adam.momentum-and-adaptive-rate-rule",
    seed=FEATURES, lines=(49, 49),
    quote="它结合了动量和自适应学习率调整的方法",
    statement="Adam combines momentum (a moving mean m of gradients) with an adaptive rate (divided by the "
    "root of a moving mean v of squared gradients), bias-corrected, per torch's documented rule.",
    inputs={"problem": "optim_quadratic", "hp": "optim_adam_hparams"},
    refs=("torch/optim/adam.py: Adam docstring algorithm",),
)
def adam_follows_momentum_and_adaptive_rate_rule(t, device, problem, hp):
    """Bias correction makes the first step about lr*sign(g), whatever the gradient's scale."""
    w = minimise(t, device, problem, lambda p: t.optim.Adam(p, **hp), problem["steps"])
    expected = adam_oracle(problem["w0"], gradient(problem), problem["steps"], **hp)
    expect.close(f"w after {problem['steps']} Adam({hp}) steps", w, expected)


untestable(
    id="optim.adam.performs-well",
    seed=FEATURES, lines=(49, 49),
    quote="在很多任务中表现良好",
    statement="Adam performs well on many tasks.",
    reason="An empirical judgement about model quality across tasks, not a behaviour of the optimizer API.",
)


@claim(
    id="optim.optimizers.adam-and-sgd-minimise-the-loss",
    seed=BASICS, lines=(11, 11),
    quote="使用优化器（如 Adam、SGD 等）来更新模型的参数，使得损失最小化。",
    statement="Repeated SGD or Adam steps drive a strictly convex quadratic to its minimiser.",
)
def adam_and_sgd_minimise_the_loss(t, device):
    problem = {"w0": np.zeros(3), "a": np.array([0.5, 1.0, 2.0]), "b": np.array([1.0, -2.0, 0.5])}
    minimiser = -problem["b"] / (2 * problem["a"])
    for name, make, steps in (("SGD(lr=0.2)", lambda p: t.optim.SGD(p, lr=0.2), 100),
                              ("Adam(lr=0.05)", lambda p: t.optim.Adam(p, lr=0.05), 300)):
        w = minimise(t, device, problem, make, steps)
        expect.close(f"w after {steps} steps of {name}", w, minimiser, atol=1e-4, rtol=0)


@claim(
    id="optim.optimizers.update-the-model-parameters-in-place",
    seed=BASICS, lines=(270, 270),
    quote="优化器在训练过程中更新神经网络的参数，以减少损失函数的值。",
    statement="optimizer.step() updates the model's own Parameter objects in place: same objects, new values, "
    "so the next forward sees them.",
)
def optimizer_updates_model_parameters_in_place(t, device):
    model = t.nn.Linear(2, 1).to(device)
    before = [(p, expect.numpy_of(p).copy()) for p in model.parameters()]
    optimizer = t.optim.SGD(model.parameters(), lr=0.1)
    x = t.tensor([[1.0, 2.0]], device=device)
    t.nn.MSELoss()(model(x), t.tensor([[5.0]], device=device)).backward()
    grads = [expect.numpy_of(p.grad).copy() for p in model.parameters()]
    optimizer.step()
    for (old, value), new, g in zip(before, model.parameters(), grads, strict=True):
        expect.true("model.parameters() after step() to be the same objects", old is new)
        expect.close("a parameter after step()", new, value - 0.1 * g)


@claim(
    id="optim.optimizers.sgd-and-adam-are-provided",
    seed=BASICS, lines=(272, 272),
    quote="PyTorch 提供了多种优化器，例如 SGD、Adam 等。",
    statement="torch.optim provides SGD and Adam (among others), both subclasses of torch.optim.Optimizer.",
)
def sgd_and_adam_are_optimizers(t, device):
    for name in ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad"):
        cls = getattr(t.optim, name, None)
        expect.true(f"torch.optim.{name} to be an Optimizer subclass",
                    isinstance(cls, type) and issubclass(cls, t.optim.Optimizer))


def tiny_model(t: Any, device: str, seed: int) -> tuple[Any, Any]:
    """The tutorial's SimpleNN shape in miniature: Linear(2, 2) -> ReLU -> Linear(2, 1), and its MSE loss."""
    t.manual_seed(seed)
    model = t.nn.Sequential(t.nn.Linear(2, 2), t.nn.ReLU(), t.nn.Linear(2, 1)).to(device)
    x, y = t.randn(4, 2, device=device), t.randn(4, 1, device=device)
    return model, lambda: t.nn.MSELoss()(model(x), y)


@claim(
    id="optim.optimizer.zero-grad-clears-gradients",
    seed=BASICS, lines=(282, 282),
    quote="optimizer.zero_grad()  # 清空梯度",
    statement="optimizer.zero_grad() clears every parameter's gradient (to None by default, set_to_none=True), "
    "so the next backward() gives the fresh gradient, not a sum.",
)
def zero_grad_clears_gradients(t, device, seed):
    model, loss = tiny_model(t, device, seed)
    optimizer = t.optim.Adam(model.parameters(), lr=0.001)
    loss().backward()
    first = [expect.numpy_of(p.grad).copy() for p in model.parameters()]
    optimizer.zero_grad()
    for p in model.parameters():
        expect.true("p.grad after zero_grad() to be None or zero",
                    p.grad is None or not expect.numpy_of(p.grad).any())
    loss().backward()
    for p, g in zip(model.parameters(), first, strict=True):
        expect.close("p.grad after zero_grad() and a second backward()", p.grad, g)


@claim(
    id="optim.adam.tutorial-step-updates-parameters",
    seed=BASICS, lines=(279, 284),
    quote="optimizer = optim.Adam(model.parameters(), lr=0.001)",
    statement="With Adam(model.parameters(), lr=0.001), zero_grad(); loss.backward(); step() moves every "
    "parameter by Adam's first step -0.001 * g / (|g| + 1e-8), about 0.001 against the gradient's sign.",
)
def adam_tutorial_step_updates_parameters(t, device, seed):
    model, loss = tiny_model(t, device, seed)
    optimizer = t.optim.Adam(model.parameters(), lr=0.001)
    optimizer.zero_grad()
    loss().backward()
    before = [(expect.numpy_of(p).astype(np.float64), expect.numpy_of(p.grad).astype(np.float64))
              for p in model.parameters()]
    optimizer.step()
    for p, (value, g) in zip(model.parameters(), before, strict=True):
        expect.close("a parameter after the first Adam step", p, value - 0.001 * g / (np.abs(g) + 1e-8))


@claim(
    id="optim.sgd.plain-update-rule",
    seed=GETTING_STARTED, lines=(131, 134),
    quote="weight=weight-learning_rate*gradient",
    statement="Plain SGD (no momentum) updates weight = weight - learning_rate * gradient, the same as the "
    "hand-written update under no_grad.",
    inputs={"problem": "optim_quadratic", "hp": "optim_sgd_hparams"},
)
def plain_sgd_is_weight_minus_lr_times_gradient(t, device, problem, hp):
    lr = hp["lr"]
    w = minimise(t, device, problem, lambda p: t.optim.SGD(p, lr=lr), 1)
    expect.close(f"w after one SGD(lr={lr}) step", w, problem["w0"] - lr * gradient(problem)(problem["w0"]))
    manual = t.tensor(problem["w0"].tolist(), dtype=t.float64, device=device, requires_grad=True)
    a, b = (t.tensor(problem[k].tolist(), dtype=t.float64, device=device) for k in "ab")
    (a * manual * manual + b * manual).sum().backward()
    with t.no_grad():
        manual -= lr * manual.grad
    expect.close("w after `w -= lr * w.grad` under no_grad", manual, expect.numpy_of(w))
