"""Gradient accumulation: backward() adds into .grad until zero_grad() clears it.

The getting-started tutorial (lines 125-129): before loss.backward(), clear the
old gradients with net.zero_grad(), or they accumulate.  Since torch 2.0,
zero_grad() clears by setting .grad to None (set_to_none=True), not to zeros.
"""

from __future__ import annotations

import numpy as np

from spec import expect, stateful
from spec._claim import claim
from spec._interop import tensor_from
from spec.autograd import linear_from, linear_mse_grads
from spec.seeds import GETTING_STARTED

CLEAR_QUOTE = "在调用loss.backward（）之前，需要清除tensor里之前的梯度，否则会累加进去。"
ZERO_GRAD_QUOTE = "需要清除tensor里之前的梯度，否则会累加进去。\n```\nnet.zero_grad()"


def _mse_backward(t, device, lin, batch, rows=slice(None), reduction="mean", scale=1.0):
    """loss = scale * (mean or sum of (lin(x) - y)**2 over the rows); loss.backward()."""
    x, y = tensor_from(t, batch["x"][rows], device), tensor_from(t, batch["y"][rows], device)
    squares = (lin(x) - y) ** 2
    ((squares.sum() if reduction == "sum" else squares.mean()) * scale).backward()


def _expect_grads(lin, grads, when):
    expect.close(f"lin.weight.grad {when}", lin.weight.grad, grads[0])
    expect.close(f"lin.bias.grad {when}", lin.bias.grad, grads[1])


@claim(
    id="autograd.accumulation.backward-adds-into-grad",
    seed=GETTING_STARTED, lines=(126, 126),
    quote=CLEAR_QUOTE,
    statement="Without clearing, each backward() adds its gradient to .grad: after k passes over "
    "inputs x_1..x_k, w.grad is the sum of the k gradients.",
    inputs={"inputs": "autograd_repeated_inputs"},
)
def backward_adds_into_grad(t, device, inputs):
    """Users trip on this when they forget zero_grad: the step uses the sum of all past gradients."""
    w_values = inputs[0] / 2 + 1
    w = tensor_from(t, w_values, device, requires_grad=True)
    for k, x in enumerate(inputs, start=1):
        (w * w * tensor_from(t, x, device)).sum().backward()
        expect.close(f"w.grad after {k} backward() calls", w.grad, 2 * w_values * inputs[:k].sum(axis=0))


@claim(
    id="autograd.accumulation.net-zero-grad-clears-to-none",
    seed=GETTING_STARTED, lines=(126, 128),
    quote=ZERO_GRAD_QUOTE,
    statement="net.zero_grad() clears every parameter's gradient (to None, set_to_none=True by "
    "default), so the next backward() leaves exactly the new gradient.",
    inputs={"batch": "autograd_linear_batch"},
)
def net_zero_grad_clears_to_none(t, device, batch):
    """In torch >= 2.0 the cleared .grad is None, not zeros: code reading p.grad right after breaks."""
    net = linear_from(t, device, batch)
    _mse_backward(t, device, net, batch)
    _mse_backward(t, device, net, batch)
    net.zero_grad()
    expect.equal("[p.grad for p in net.parameters()] after net.zero_grad()",
                 [p.grad for p in net.parameters()], [None, None])
    _mse_backward(t, device, net, batch)
    _expect_grads(net, linear_mse_grads(batch), "after zero_grad() and one backward()")


@claim(
    id="autograd.accumulation.zero-grad-set-to-none-false-gives-zeros",
    seed=GETTING_STARTED, lines=(126, 128),
    quote=ZERO_GRAD_QUOTE,
    statement="net.zero_grad(set_to_none=False) clears by filling the existing .grad tensors with "
    "zeros; the next backward() again leaves exactly the new gradient.",
    inputs={"batch": "autograd_linear_batch"},
)
def zero_grad_set_to_none_false_gives_zeros(t, device, batch):
    net = linear_from(t, device, batch)
    _mse_backward(t, device, net, batch)
    net.zero_grad(set_to_none=False)
    for name, p in net.named_parameters():
        expect.true(f"{name}.grad to be a tensor after zero_grad(set_to_none=False)", p.grad is not None)
        expect.close(f"{name}.grad after zero_grad(set_to_none=False)", p.grad, np.zeros(tuple(p.shape)))
    _mse_backward(t, device, net, batch)
    _expect_grads(net, linear_mse_grads(batch), "after zero_grad(set_to_none=False) and one backward()")


@claim(
    id="autograd.accumulation.optimizer-zero-grad-clears",
    seed=GETTING_STARTED, lines=(126, 128),
    quote=ZERO_GRAD_QUOTE,
    statement="optimizer.zero_grad() clears the gradients of the parameters it holds the same way: "
    "None by default, zeros with set_to_none=False.",
    inputs={"batch": "autograd_linear_batch"},
)
def optimizer_zero_grad_clears(t, device, batch):
    net = linear_from(t, device, batch)
    optimizer = t.optim.SGD(net.parameters(), lr=0.1)
    _mse_backward(t, device, net, batch)
    _mse_backward(t, device, net, batch)
    optimizer.zero_grad()
    expect.equal("[p.grad for p in net.parameters()] after optimizer.zero_grad()",
                 [p.grad for p in net.parameters()], [None, None])
    _mse_backward(t, device, net, batch)
    _expect_grads(net, linear_mse_grads(batch), "after optimizer.zero_grad() and one backward()")
    optimizer.zero_grad(set_to_none=False)
    expect.true("net.weight.grad to be a tensor after optimizer.zero_grad(set_to_none=False)",
                net.weight.grad is not None)
    expect.close("net.weight.grad after optimizer.zero_grad(set_to_none=False)",
                 net.weight.grad, np.zeros(batch["weight"].shape))


@claim(
    id="autograd.accumulation.micro-batches-add-up-to-full-batch",
    seed=GETTING_STARTED, lines=(126, 126),
    quote=CLEAR_QUOTE,
    statement="Accumulating backward() over micro-batches gives the full-batch gradient: summed "
    "losses add up directly, mean losses once each is scaled by its share of the batch.",
    inputs={"batch": "autograd_linear_batch", "reduction": "autograd_reduction"},
)
def micro_batches_add_up_to_full_batch(t, device, batch, reduction):
    """Users who accumulate mean losses unscaled get the gradient times the number of micro-batches."""
    n = batch["x"].shape[0]
    bounds = [0, *batch["cuts"], n]
    full = linear_from(t, device, batch)
    _mse_backward(t, device, full, batch, reduction=reduction)
    accumulated = linear_from(t, device, batch)
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        share = (hi - lo) / n if reduction == "mean" else 1.0
        _mse_backward(t, device, accumulated, batch, slice(lo, hi), reduction, scale=share)
    oracle = linear_mse_grads(batch, scale=None if reduction == "mean" else 1.0)
    _expect_grads(full, oracle, f"of the full batch ({reduction})")
    _expect_grads(accumulated, oracle, f"accumulated over micro-batches {bounds} ({reduction})")


@claim(
    id="autograd.accumulation.grad-follows-backward-zero-grad-step",
    seed=GETTING_STARTED, lines=(125, 128),
    quote="### 计算loss对参数的梯度\n" + CLEAR_QUOTE + "\n```\nnet.zero_grad()",
    statement="Over any interleaving of forward+backward, net.zero_grad(), optimizer.zero_grad(), "
    "zero_grad(set_to_none=False) and SGD step(), .grad is None or the sum since the last clear.",
    stateful=True,
)
def grad_follows_backward_zero_grad_step(t, device):
    """A running numpy model of Linear(2, 1) with SGD(lr=0.1) and loss tanh(lin(x)).sum()."""
    from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

    class GradLifecycle(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.model = {"weight": np.array([[0.5, -0.25]]), "bias": np.array([0.1])}
            self.lin = linear_from(t, device, self.model)
            self.optimizer = t.optim.SGD(self.lin.parameters(), lr=0.1)
            self.grad = {"weight": None, "bias": None}
            self.calls = 0

        @rule()
        def forward_backward(self):
            self.calls += 1
            x = np.array([[self.calls % 3 - 1.0, 0.5 * (self.calls % 4)]])
            t.tanh(self.lin(tensor_from(t, x, device))).sum().backward()
            d_pre = 1 - np.tanh(x @ self.model["weight"].T + self.model["bias"]) ** 2
            for name, g in (("weight", d_pre.T @ x), ("bias", d_pre.sum(axis=0))):
                self.grad[name] = g if self.grad[name] is None else self.grad[name] + g

        @rule()
        def net_zero_grad(self):
            self.lin.zero_grad()
            self.grad = {"weight": None, "bias": None}

        @rule()
        def optimizer_zero_grad(self):
            self.optimizer.zero_grad()
            self.grad = {"weight": None, "bias": None}

        @rule()
        def zero_grad_keeping_tensors(self):
            self.lin.zero_grad(set_to_none=False)
            self.grad = {k: None if g is None else np.zeros_like(g) for k, g in self.grad.items()}

        @rule()
        def step(self):
            self.optimizer.step()
            for name, g in self.grad.items():
                if g is not None:
                    self.model[name] = self.model[name] - 0.1 * g
                expect.close(f"lin.{name} after step()", getattr(self.lin, name), self.model[name])

        @invariant()
        def grads_match_the_model(self):
            for name in ("weight", "bias"):
                p, want = getattr(self.lin, name), self.grad[name]
                if want is None:
                    expect.true(f"lin.{name}.grad is None after {self.calls} calls", p.grad is None)
                else:
                    expect.true(f"lin.{name}.grad to be a tensor", p.grad is not None)
                    expect.close(f"lin.{name}.grad after {self.calls} calls", p.grad, want)

    stateful.run(GradLifecycle)
