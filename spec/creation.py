"""Tensor creation: zeros, ones, rand, randn, empty, tensor, *_like, dtype, Size."""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import expect, stats
from spec._claim import claim
from spec.seeds import BASICS, GETTING_STARTED, NOTES


@claim(
    id="creation.zeros.all-zero-float32",
    seed=BASICS, lines=(31, 32),
    quote="# 创建一个 2x3 的全 0 张量\na = torch.zeros(2, 3)",
    statement="torch.zeros(*shape) is a float32 tensor of that shape filled with 0.",
    inputs={"shape": "small_shape"},
)
def zeros_is_all_zero_float32(t, device, shape):
    a = t.zeros(*shape, device=device)
    expect.equal("tuple(torch.zeros(*shape).shape)", tuple(a.shape), tuple(shape))
    expect.equal("torch.zeros(...).dtype", a.dtype, t.float32)
    expect.close("torch.zeros(*shape)", a, np.zeros(shape, dtype=np.float32))


@claim(
    id="creation.ones.all-one-float32",
    seed=BASICS, lines=(35, 36),
    quote="# 创建一个 2x3 的全 1 张量\nb = torch.ones(2, 3)",
    statement="torch.ones(*shape) is a float32 tensor of that shape filled with 1.",
    inputs={"shape": "small_shape"},
)
def ones_is_all_one_float32(t, device, shape):
    b = t.ones(*shape, device=device)
    expect.equal("tuple(torch.ones(*shape).shape)", tuple(b.shape), tuple(shape))
    expect.equal("torch.ones(...).dtype", b.dtype, t.float32)
    expect.close("torch.ones(*shape)", b, np.ones(shape, dtype=np.float32))


@claim(
    id="creation.rand.uniform-on-half-open-unit-interval",
    seed=NOTES, lines=(103, 103),
    quote="random_tensor = torch.rand(2, 3) # 随机值张量，范围[0, 1)",
    statement="torch.rand draws float32 values uniformly from [0, 1): never below 0, never 1.",
)
def rand_is_uniform_on_half_open_unit_interval(t, device, seed):
    """Every value in [0, 1); the empirical CDF within the DKW bound of U(0, 1).

    Statistical: n = 20000 samples, DKW bound at false-positive rate 1e-6.
    """
    t.manual_seed(seed)
    n = 20000
    x = expect.numpy_of(t.rand(n, device=device)).astype(np.float64)
    expect.equal("torch.rand(2, 3).shape", tuple(t.rand(2, 3, device=device).shape), (2, 3))
    expect.true("all of torch.rand(n) in [0, 1)", x.min() >= 0.0 and x.max() < 1.0,
                f"min {x.min()}, max {x.max()}")
    d = stats.ks_distance(x.tolist(), stats.uniform_cdf(0.0, 1.0))
    bound = stats.dkw_epsilon(n)
    expect.true("torch.rand samples to look uniform", d <= bound, f"KS distance {d:.4f} > {bound:.4f}")


@claim(
    id="creation.randn.standard-normal",
    seed=NOTES, lines=(104, 104),
    quote="normal_tensor = torch.randn(2, 3) # 正态分布随机值张量，均值为0，标准差为1",
    statement="torch.randn draws float32 values from the normal distribution with mean 0 and std 1.",
)
def randn_is_standard_normal(t, device, seed):
    """The empirical CDF within the DKW bound of N(0, 1), and the mean within z/sqrt(n).

    Statistical: n = 20000, two tests each at false-positive rate 5e-7 (1e-6 in all).
    """
    t.manual_seed(seed)
    n = 20000
    x = expect.numpy_of(t.randn(n, device=device)).astype(np.float64)
    d = stats.ks_distance(x.tolist(), stats.normal_cdf(0.0, 1.0))
    bound = stats.dkw_epsilon(n, 5e-7)
    expect.true("torch.randn samples to look standard normal", d <= bound,
                f"KS distance {d:.4f} > {bound:.4f}")
    z = abs(x.mean()) * n**0.5
    expect.true("the mean of torch.randn(n) near 0", z <= stats.z_bound(5e-7), f"mean {x.mean():.4f}")


@claim(
    id="creation.empty.shape-and-default-dtype",
    seed=NOTES, lines=(100, 100),
    quote="empty_tensor = torch.empty(2, 3) # 未初始化的张量",
    statement="torch.empty(2, 3) is a float32 tensor of shape (2, 3) whose values are unspecified.",
)
def empty_has_shape_and_default_dtype(t, device):
    e = t.empty(2, 3, device=device)
    expect.equal("torch.empty(2, 3).shape", tuple(e.shape), (2, 3))
    expect.equal("torch.empty(2, 3).dtype", e.dtype, t.float32)


@claim(
    id="creation.tensor.from-nested-lists",
    seed=NOTES, lines=(51, 61),
    quote="scalar_tensor = torch.tensor(1)",
    statement="torch.tensor(nested list) keeps the list's values and nesting as shape; "
    "Python ints give int64, floats float32, bools bool.",
    inputs={"array": "nested_list_array"},
)
def tensor_from_nested_lists_keeps_values_and_shape(t, device, array):
    data = array.tolist()
    x = t.tensor(data, device=device)
    expect.equal("torch.tensor(data).shape", tuple(x.shape), array.shape)
    inferred = {"b": t.bool, "i": t.int64, "f": t.float32}[array.dtype.kind]
    expect.equal("torch.tensor(data).dtype", x.dtype, inferred)
    expect.close("torch.tensor(data)", x, array.astype({"b": bool, "i": np.int64, "f": np.float32}[array.dtype.kind]))


@claim(
    id="creation.tensor.python-ints-give-int64",
    seed=GETTING_STARTED, lines=(51, 51),
    quote="x = torch.tensor([5,3])",
    statement="torch.tensor([5, 3]) is a 1-d int64 tensor holding 5 and 3.",
)
def tensor_of_python_ints_is_int64(t, device):
    x = t.tensor([5, 3], device=device)
    expect.equal("torch.tensor([5,3]).dtype", x.dtype, t.int64)
    expect.close("torch.tensor([5,3])", x, np.array([5, 3], dtype=np.int64), check_dtype=True)


@claim(
    id="creation.zeros.dtype-long-is-int64",
    seed=GETTING_STARTED, lines=(41, 41),
    quote="x = torch.zeros(5,3,dtype=torch.long)",
    statement="torch.zeros(5, 3, dtype=torch.long) is a (5, 3) int64 tensor of zeros; torch.long is torch.int64.",
)
def zeros_with_dtype_long_is_int64(t, device):
    x = t.zeros(5, 3, dtype=t.long, device=device)
    expect.equal("torch.long", t.long, t.int64)
    expect.equal("x.dtype", x.dtype, t.int64)
    expect.close("torch.zeros(5,3,dtype=torch.long)", x, np.zeros((5, 3), dtype=np.int64), check_dtype=True)


@claim(
    id="creation.ones-like.same-shape-and-dtype",
    seed=GETTING_STARTED, lines=(43, 45),
    quote="初始化和别的tensor形状相同的一矩阵\n```\ny = torch.ones_like(x)",
    statement="torch.ones_like(x) is all ones with x's shape, dtype and device.",
    inputs={"shape": "small_shape", "dtype": "creation_dtype"},
)
def ones_like_keeps_shape_dtype_and_device(t, device, shape, dtype):
    x = t.zeros(*shape, dtype=getattr(t, dtype), device=device)
    y = t.ones_like(x)
    expect.equal("torch.ones_like(x).shape", tuple(y.shape), tuple(x.shape))
    expect.equal("torch.ones_like(x).dtype", y.dtype, x.dtype)
    expect.equal("torch.ones_like(x).device", y.device, x.device)
    expect.close("torch.ones_like(x)", y, np.ones(shape, dtype=dtype))


@claim(
    id="creation.tensor.dtype-argument",
    seed=NOTES, lines=(69, 73),
    quote="int8_tensor = torch.tensor([1, 2, 3], dtype=torch.int8)",
    statement="torch.tensor(data, dtype=d) stores the data as dtype d, for int8, int32, float32 and float64.",
    inputs={"array": "int_valued_array", "dtype": "creation_dtype"},
)
def tensor_dtype_argument_sets_storage_type(t, device, array, dtype):
    x = t.tensor(array.tolist(), dtype=getattr(t, dtype), device=device)
    expect.equal(f"torch.tensor(data, dtype=torch.{dtype}).dtype", x.dtype, getattr(t, dtype))
    expect.close(f"torch.tensor(data, dtype=torch.{dtype})", x, array.astype(dtype), check_dtype=True)


@claim(
    id="creation.size.is-a-tuple",
    seed=GETTING_STARTED, lines=(70, 71),
    quote="print(x.size())\n# torch.size其实是一个tuple，因此它支持所有的tuple操作。",
    statement="x.size() (torch.Size) is a tuple subclass and supports tuple operations.",
    inputs={"shape": "small_shape"},
)
def size_is_a_tuple(t, device, shape):
    size: Any = t.zeros(*shape, device=device).size()
    shape = tuple(shape)
    expect.true("isinstance(x.size(), tuple)", isinstance(size, tuple), f"got {type(size).__name__}")
    expect.equal("x.size() == shape", size == shape, True)
    expect.equal("len(x.size())", len(size), len(shape))
    expect.equal("x.size()[::-1]", tuple(size[::-1]), shape[::-1])
    expect.equal("x.size() + (7,)", tuple(size + (7,)), shape + (7,))
    expect.equal("list(x.size())", list(size), list(shape))
    expect.equal("x.size().count(1)", size.count(1), shape.count(1))
