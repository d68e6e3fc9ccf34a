"""reference_impl gradients against central finite differences, and the engine's rules."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference_impl as torch

FAST = settings(max_examples=20, deadline=None)

UNARY = {
    "exp": lambda t, x: t.exp(x), "tanh": lambda t, x: t.tanh(x), "sigmoid": lambda t, x: t.sigmoid(x),
    "sin": lambda t, x: t.sin(x), "square": lambda t, x: x * x, "softmax": lambda t, x: t.softmax(x, -1) * x,
    "log_softmax": lambda t, x: t.log_softmax(x, -1) * x, "mean": lambda t, x: x.mean(-1, keepdim=True) * x,
}


def numeric_grad(fn, a, eps=1e-6):
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[i] += eps
        down[i] -= eps
        g[i] = (fn(up) - fn(down)) / (2 * eps)
    return g


@FAST
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=3),
                  elements=st.floats(-2, 2)), st.sampled_from(sorted(UNARY)))
def test_unary_gradients_match_finite_differences(a, name):
    f = UNARY[name]
    x = torch.tensor(a.tolist(), dtype=torch.float64, requires_grad=True)
    f(torch, x).sum().backward()
    expected = numeric_grad(lambda v: f(torch, torch.tensor(v.tolist(), dtype=torch.float64)).sum().item(), a)
    np.testing.assert_allclose(x.grad.numpy(), expected, rtol=1e-5, atol=1e-6)


@FAST
@given(st.data())
def test_broadcast_gradients_are_summed_to_operand_shapes(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3))
    a, b = (data.draw(hnp.arrays(np.float64, s, elements=st.floats(0.5, 2))) for s in shapes.input_shapes)
    x = torch.tensor(a.tolist(), dtype=torch.float64, requires_grad=True)
    y = torch.tensor(b.tolist(), dtype=torch.float64, requires_grad=True)
    (x * y / (y + 1)).sum().backward()
    fx = lambda v: float((v * b / (b + 1)).sum())  # noqa: E731
    fy = lambda v: float((a * v / (v + 1)).sum())  # noqa: E731
    np.testing.assert_allclose(x.grad.numpy(), numeric_grad(fx, a), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(y.grad.numpy(), numeric_grad(fy, b), rtol=1e-5, atol=1e-6)


def test_conv2d_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((1, 2, 4, 4))
    w = rng.standard_normal((2, 1, 2, 2))
    x = torch.tensor(a.tolist(), dtype=torch.float64, requires_grad=True)
    k = torch.tensor(w.tolist(), dtype=torch.float64, requires_grad=True)
    f = lambda xx, kk: torch.nn.functional.conv2d(xx, kk, padding=1, groups=2, stride=2)  # noqa: E731
    (f(x, k) ** 2).sum().backward()
    fx = lambda v: (f(torch.tensor(v.tolist(), dtype=torch.float64), k.detach()) ** 2).sum().item()  # noqa: E731
    fk = lambda v: (f(x.detach(), torch.tensor(v.tolist(), dtype=torch.float64)) ** 2).sum().item()  # noqa: E731
    np.testing.assert_allclose(x.grad.numpy(), numeric_grad(fx, a), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(k.grad.numpy(), numeric_grad(fk, w), rtol=1e-5, atol=1e-6)


def test_backward_twice_without_retain_graph_raises():
    x = torch.ones(2, requires_grad=True)
    y = (x.exp() * 2).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="second time"):
        y.backward()


def test_gradients_accumulate_across_backward_calls():
    x = torch.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    (x * 2).sum().backward()
    assert x.grad.tolist() == [4.0, 4.0]


def test_deep_graph_does_not_hit_the_recursion_limit():
    x = torch.ones(1, requires_grad=True)
    y = x
    for _ in range(5000):
        y = y * 1.0
    y.sum().backward()
    assert x.grad.tolist() == [1.0]


def test_no_grad_is_restored_after_an_exception():
    with pytest.raises(ValueError):
        with torch.no_grad():
            raise ValueError
    assert torch.is_grad_enabled()


def test_in_place_on_a_leaf_requiring_grad_is_refused():
    w = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="leaf Variable"):
        w.add_(1)
    with torch.no_grad():
        w.add_(1)
    assert w.tolist() == [2.0, 2.0]


def test_grad_fn_names_follow_torch():
    x = torch.ones(2, 2, requires_grad=True)
    assert type((x + 1).grad_fn).__name__ == "AddBackward0"
    assert (x @ x).grad_fn.name() == "MmBackward0"
    assert x.mean().grad_fn.name() == "MeanBackward0"
    assert x.sum(0).grad_fn.name() == "SumBackward1"


def test_autograd_grad_leaves_dot_grad_untouched():
    x = torch.tensor([3.0], requires_grad=True)
    (g,) = torch.autograd.grad((x ** 2).sum(), x)
    assert g.tolist() == [6.0] and x.grad is None
