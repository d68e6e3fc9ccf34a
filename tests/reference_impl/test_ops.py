"""reference_impl operations against numpy: values, broadcasting, reductions, views."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference_impl as torch

FAST = settings(max_examples=25, deadline=None)
floats = st.floats(-10, 10, width=32, allow_nan=False)


SMALL_SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)


def arrays(shape=SMALL_SHAPES):
    return hnp.arrays(np.float32, shape, elements=floats)


def as_np(t):
    return t.detach().numpy()


@FAST
@given(st.data())
def test_binary_ops_broadcast_like_numpy(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
    a, b = (data.draw(arrays(s)) for s in shapes.input_shapes)
    x, y = torch.tensor(a.tolist()), torch.tensor(b.tolist())
    np.testing.assert_allclose(as_np(x + y), a + b, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(as_np(x * y), a * b, rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(as_np(x - y), a - b, rtol=1e-6, atol=1e-6)


@FAST
@given(arrays(hnp.array_shapes(min_dims=1, max_dims=3, max_side=4)), st.data())
def test_reductions_along_a_dim_match_numpy(a, data):
    dim = data.draw(st.integers(0, a.ndim - 1))
    x = torch.tensor(a.tolist())
    np.testing.assert_allclose(as_np(x.sum(dim)), a.sum(dim), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(as_np(x.mean(dim, keepdim=True)), a.mean(dim, keepdims=True), rtol=1e-5, atol=1e-4)
    np.testing.assert_array_equal(as_np(x.max(dim).values), a.max(dim))
    np.testing.assert_array_equal(as_np(x.argmax(dim)), a.argmax(dim))


@FAST
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(0, 2))
def test_matmul_with_batch_broadcasting_matches_numpy(n, k, m, batch):
    rng = np.random.default_rng(n * 100 + k * 10 + m)
    a = rng.standard_normal((batch + 1, n, k)).astype(np.float32)
    b = rng.standard_normal((k, m)).astype(np.float32)
    out = torch.tensor(a.tolist()) @ torch.tensor(b.tolist())
    np.testing.assert_allclose(as_np(out), a @ b, rtol=1e-5, atol=1e-5)


def test_transpose_and_slices_are_views_sharing_storage():
    x = torch.arange(12.0).reshape(3, 4)
    col = x[:, 1]
    x.t()[1, 0] = 100.0
    assert col[0].item() == 100.0
    assert x.t().is_contiguous() is False
    np.testing.assert_array_equal(as_np(x.t()), as_np(x).T)


def test_boolean_mask_selects_like_numpy():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = torch.tensor(a.tolist())
    np.testing.assert_array_equal(as_np(x[x > 5]), a[a > 5])
    x[x > 5] = 0.0
    assert x.max().item() == 5.0


def test_from_numpy_shares_memory_both_ways():
    a = np.zeros(3, dtype=np.float32)
    t = torch.from_numpy(a)
    a[0] = 2.0
    t[1] = 3.0
    assert t.tolist() == [2.0, 3.0, 0.0] and a.tolist() == [2.0, 3.0, 0.0]


def test_numpy_of_a_sim_tensor_raises_type_error():
    try:
        torch.ones(2, device="sim").numpy()
    except TypeError:
        return
    raise AssertionError("expected TypeError")


def test_mixing_devices_raises_runtime_error():
    try:
        torch.ones(2) + torch.ones(2, device="sim")
    except RuntimeError:
        return
    raise AssertionError("expected RuntimeError")


def test_float32_results_are_rounded_to_float32():
    x = torch.tensor([1.0]) / 3
    assert x.item() == float(np.float32(1.0) / np.float32(3.0))


def test_int8_overflow_wraps_like_torch():
    assert (torch.tensor([100], dtype=torch.int8) * 3).tolist() == [44]


def test_repr_matches_torch_format():
    assert repr(torch.tensor([[1.5, 2], [3, 4]])) == "tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])"
    assert repr(torch.tensor([1e-5, 1e5])) == "tensor([1.0000e-05, 1.0000e+05])"
    assert repr(torch.zeros(2, dtype=torch.float64)) == "tensor([0., 0.], dtype=torch.float64)"
    assert repr(torch.tensor([True, False])) == "tensor([ True, False])"
