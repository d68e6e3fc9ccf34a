"""Tensor creation: zeros, ones, rand, randn, empty, tensor, *_like, and what they print."""

from __future__ import annotations

import numpy as np

from spec import SecondDevice, expect, stats
from spec._claim import claim, untestable
from spec.seeds import BASICS, FEATURES, GETTING_STARTED, NOTES

untestable(
    id="creation.torch.core-module-is-the-base",
    seed=FEATURES, lines=(26, 26),
    quote="torch是PyTorch的核心模块，提供了张量创建、操作以及基本的数学运算等功能，是其他模块的基础",
    statement="torch is PyTorch's core module, providing tensor creation, operations and basic math; "
    "the other modules build on it.",
    reason="A statement about how PyTorch's packages are layered; the functions it names are checked "
    "by the creation and broadcasting claims.",
)


@claim(
    id="creation.tensor.from-nested-lists",
    seed=FEATURES, lines=(28, 28),
    quote="可以使用torch.tensor()从Python列表创建张量，如x = torch.tensor([1, 2, 3])",
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
    id="creation.zeros-ones.filled-for-every-dtype",
    seed=FEATURES, lines=(28, 28),
    quote="torch.zeros()\u00a0创建全零张量，\u00a0torch.ones()\u00a0创建全一张量",
    statement="torch.zeros(shape, dtype=d) is all zeros and torch.ones(shape, dtype=d) all ones, "
    "for integer, float and bool dtypes and a shape given as a tuple.",
    inputs={"shape": "small_shape", "dtype": "interop_dtype"},
)
def zeros_and_ones_are_filled_for_every_dtype(t, device, shape, dtype):
    z = t.zeros(tuple(shape), dtype=getattr(t, dtype), device=device)
    o = t.ones(tuple(shape), dtype=getattr(t, dtype), device=device)
    expect.close(f"torch.zeros({shape}, dtype=torch.{dtype})", z, np.zeros(shape, dtype), check_dtype=True)
    expect.close(f"torch.ones({shape}, dtype=torch.{dtype})", o, np.ones(shape, dtype), check_dtype=True)


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
    id="creation.randn.random-2x3-float32",
    seed=BASICS, lines=(39, 40),
    quote="# 创建一个 2x3 的随机数张量\nc = torch.randn(2, 3)",
    statement="torch.randn(2, 3) is a 2x3 float32 tensor of random values: two draws differ.",
)
def randn_2x3_is_random_float32(t, device, seed):
    """Two draws of six continuous values coincide with probability 0 (bar a broken generator)."""
    t.manual_seed(seed)
    c, c2 = t.randn(2, 3, device=device), t.randn(2, 3, device=device)
    expect.equal("torch.randn(2, 3).shape", tuple(c.shape), (2, 3))
    expect.equal("torch.randn(2, 3).dtype", c.dtype, t.float32)
    expect.true("two draws of torch.randn(2, 3) to differ",
                not np.array_equal(expect.numpy_of(c), expect.numpy_of(c2)), "they are equal")


@claim(
    id="creation.randn.on-requested-device",
    seed=BASICS, lines=(49, 51),
    quote="# 在指定设备（CPU/GPU）上创建张量\n"
    "device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\")\n"
    "d = torch.randn(2, 3, device=device)",
    statement="torch.randn(2, 3, device=device) creates the 2x3 tensor directly on that device.",
)
def randn_with_device_lands_there(t, device, seed):
    t.manual_seed(seed)
    d = t.randn(2, 3, device=t.device(device))
    expect.equal("torch.randn(2, 3, device=device).shape", tuple(d.shape), (2, 3))
    expect.equal("d.device.type", d.device.type, t.device(device).type)


def _printed(x):
    """What print(x) shows, for a tensor moved to the cpu first (a cpu tensor prints no device)."""
    return str(x.cpu())


@claim(
    id="creation.zeros.prints-as-documented",
    seed=BASICS, lines=(57, 58),
    quote="tensor([[0., 0., 0.],\n        [0., 0., 0.]])",
    statement="print(torch.zeros(2, 3)) shows tensor([[0., 0., 0.], [0., 0., 0.]]) on two aligned lines, "
    "with no dtype (float32 is the default).",
)
def zeros_prints_as_documented(t, device):
    expect.equal("print(torch.zeros(2, 3))", _printed(t.zeros(2, 3, device=device)),
                 "tensor([[0., 0., 0.],\n        [0., 0., 0.]])")


@claim(
    id="creation.ones.prints-as-documented",
    seed=BASICS, lines=(59, 60),
    quote="tensor([[1., 1., 1.],\n        [1., 1., 1.]])",
    statement="print(torch.ones(2, 3)) shows tensor([[1., 1., 1.], [1., 1., 1.]]) on two aligned lines.",
)
def ones_prints_as_documented(t, device):
    expect.equal("print(torch.ones(2, 3))", _printed(t.ones(2, 3, device=device)),
                 "tensor([[1., 1., 1.],\n        [1., 1., 1.]])")


@claim(
    id="creation.print.floats-with-four-decimals",
    seed=BASICS, lines=(61, 62),
    quote="tensor([[ 1.0189, -0.5718, -1.2814],\n        [-0.5865,  1.0855,  1.1727]])",
    statement="A float32 tensor prints its values with 4 decimals, right-aligned in columns.",
)
def floats_print_with_four_decimals(t, device):
    """The doc's printed randn values, re-entered: print precision 4 is torch's default."""
    c = t.tensor([[1.0189, -0.5718, -1.2814], [-0.5865, 1.0855, 1.1727]], device=device)
    expect.equal("print(c)", _printed(c),
                 "tensor([[ 1.0189, -0.5718, -1.2814],\n        [-0.5865,  1.0855,  1.1727]])")


@claim(
    id="creation.print.cpu-tensor-shows-no-device",
    seed=BASICS, lines=(65, 66),
    quote="tensor([[-0.3360,  0.2203,  1.3463],\n        [-0.5982, -0.2704,  0.5429]])",
    statement="print(d) for d made with device=device shows no device on the cpu (as in the document's "
    "output); on another device it adds device='cuda:0'.",
)
def cpu_tensor_prints_without_device(t, device):
    """The doc's output was made on a cpu: on a GPU the same print names the device."""
    d = t.tensor([[-0.3360, 0.2203, 1.3463], [-0.5982, -0.2704, 0.5429]], device=device)
    shown = "tensor([[-0.3360,  0.2203,  1.3463],\n        [-0.5982, -0.2704,  0.5429]])"
    if d.device.type != "cpu":
        shown = shown[:-1] + f", device='{d.device}')"
    expect.equal("print(d)", str(d), shown)


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
    id="creation.empty.uninitialized-not-empty",
    seed=GETTING_STARTED, lines=(31, 33),
    quote="初始化空矩阵\n```\nx = torch.empty(5, 3)",
    statement="The 'empty matrix' torch.empty(5, 3) has 15 elements (uninitialized, not 0 elements), "
    "shape (5, 3), for any requested shape.",
    inputs={"shape": "small_shape"},
)
def empty_is_uninitialized_not_empty(t, device, shape):
    """'空' means uninitialized memory, not a tensor without elements; its values are arbitrary."""
    x = t.empty(5, 3, device=device)
    expect.equal("torch.empty(5, 3).numel()", x.numel(), 15)
    e = t.empty(*shape, device=device)
    expect.equal(f"torch.empty(*{shape}).shape", tuple(e.shape), tuple(shape))
    expect.equal(f"torch.empty(*{shape}).numel()", e.numel(), int(np.prod(shape)))


@claim(
    id="creation.rand.random-matrix-in-unit-interval",
    seed=GETTING_STARTED, lines=(35, 37),
    quote="初始化随机矩阵\n```\nx = torch.rand(5, 3)",
    statement="torch.rand(*shape) is a float32 tensor of that shape with values in [0, 1).",
    inputs={"shape": "small_shape"},
)
def rand_is_random_matrix_in_unit_interval(t, device, seed, shape):
    t.manual_seed(seed)
    x = t.rand(*shape, device=device)
    values = expect.numpy_of(x)
    expect.equal(f"torch.rand(*{shape}).shape", tuple(x.shape), tuple(shape))
    expect.equal("torch.rand(...).dtype", x.dtype, t.float32)
    expect.true("all of torch.rand(...) in [0, 1)", ((values >= 0) & (values < 1)).all(), str(values))


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
    """KS distance to N(0, 1) within the DKW bound; mean within z/sqrt(n); variance within z*sqrt(2/n).

    Statistical: n = 20000, three tests each at false-positive rate 1e-6/3 (normal approximations
    for mean and variance are accurate at this n).
    """
    t.manual_seed(seed)
    n, fpr = 20000, 1e-6 / 3
    x = expect.numpy_of(t.randn(n, device=device)).astype(np.float64)
    d = stats.ks_distance(x.tolist(), stats.normal_cdf(0.0, 1.0))
    expect.true("torch.randn samples to look standard normal", d <= stats.dkw_epsilon(n, fpr),
                f"KS distance {d:.4f}")
    expect.true("the mean of torch.randn(n) near 0", abs(x.mean()) * n**0.5 <= stats.z_bound(fpr),
                f"mean {x.mean():.4f}")
    expect.true("the variance of torch.randn(n) near 1", abs(x.var() - 1) <= stats.z_bound(fpr) * (2 / n) ** 0.5,
                f"variance {x.var():.4f}")


@claim(
    id="creation.zeros-ones.doc-example-2x3",
    seed=NOTES, lines=(101, 102),
    quote="zeros_tensor = torch.zeros(2, 3) # 元素全为0的张量\nones_tensor = torch.ones(2, 3) # 元素全为1的张量",
    statement="torch.zeros(2, 3) has every element 0 and torch.ones(2, 3) every element 1; "
    "the shape may also be given as one tuple, torch.zeros((2, 3)).",
)
def zeros_and_ones_doc_example(t, device):
    for name, make, fill in (("zeros", t.zeros, 0.0), ("ones", t.ones, 1.0)):
        expect.close(f"torch.{name}(2, 3)", make(2, 3, device=device), np.full((2, 3), fill, np.float32))
        expect.close(f"torch.{name}((2, 3))", make((2, 3), device=device), np.full((2, 3), fill, np.float32))


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
    id="creation.tensor.python-ints-give-int64",
    seed=GETTING_STARTED, lines=(49, 51),
    quote="Python数组转化为Tensor\n```\nx = torch.tensor([5,3])",
    statement="torch.tensor([5, 3]) turns the Python list into a 1-d int64 tensor holding 5 and 3 (shape (2,)).",
)
def tensor_of_python_ints_is_int64(t, device):
    """Not a 5x3 matrix: torch.tensor takes data, unlike torch.empty(5, 3) which takes a shape."""
    x = t.tensor([5, 3], device=device)
    expect.equal("torch.tensor([5,3]).dtype", x.dtype, t.int64)
    expect.close("torch.tensor([5,3])", x, np.array([5, 3], dtype=np.int64), check_dtype=True)


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
    id="creation.dtype.sets-element-size-and-meaning",
    seed=BASICS, lines=(25, 25),
    quote="张量中的数据类型定义了存储每个元素所需的内存大小和解释方式。PyTorch支持多种数据类型，包括整数型"
    "（如torch.int8、torch.int32）、浮点型（如torch.float32、torch.float64）和布尔型（torch.bool）",
    statement="int8, int32, float32, float64 and bool exist; the dtype fixes each element's size in bytes "
    "(1, 4, 4, 8, 1) and how values are read (ints truncate, bool is nonzero-ness).",
    inputs={"dtype": "interop_dtype"},
)
def dtype_sets_element_size_and_meaning(t, device, dtype):
    data = np.array([0.0, 1.5, -2.5, 3.0])
    x = t.tensor(data.tolist(), dtype=getattr(t, dtype), device=device)
    expect.equal(f"torch.tensor(..., dtype=torch.{dtype}).element_size()", x.element_size(), np.dtype(dtype).itemsize)
    expect.equal("x.is_floating_point()", x.is_floating_point(), dtype.startswith("float"))
    expect.close(f"torch.tensor([0.0, 1.5, -2.5, 3.0], dtype=torch.{dtype})", x, data.astype(dtype), check_dtype=True)


@claim(
    id="creation.device.tensor-lives-on-another-device",
    seed=BASICS, lines=(19, 19),
    quote="但是 PyTorch 的张量可以运行在不同的设备上，比如 CPU 和 GPU",
    statement="A tensor can be created on another device than the cpu, and ops on it run (and stay) there.",
    second_device=SecondDevice.PLACEMENT,
)
def tensor_lives_on_another_device(t, device, other_device):
    x = t.ones(2, 3, device=other_device)
    y = x.t()
    expect.equal("torch.ones(2, 3, device=other).device.type", x.device.type, t.device(other_device).type)
    expect.equal("x.t().device", y.device, x.device)
    expect.equal("x.t().shape", tuple(y.shape), (3, 2))


@claim(
    id="creation.device.to-moves-between-devices",
    seed=NOTES, lines=(64, 64),
    quote="Tensor 不仅支持多种数据类型，还可以在不同 device 之间相互转换",
    statement="x.to(other device) is a tensor on that device with x's dtype and shape; x itself stays put.",
    second_device=SecondDevice.PLACEMENT,
    inputs={"dtype": "interop_dtype"},
)
def to_moves_between_devices(t, device, other_device, dtype):
    x = t.zeros(2, 3, dtype=getattr(t, dtype), device=device)
    y = x.to(other_device)
    expect.equal("x.to(other).device.type", y.device.type, t.device(other_device).type)
    expect.equal("x.to(other).dtype", y.dtype, x.dtype)
    expect.equal("x.to(other).shape", tuple(y.shape), (2, 3))
    expect.equal("x.device.type after x.to(other)", x.device.type, t.device(device).type)


untestable(
    id="creation.device.efficient-parallel-computation",
    seed=NOTES, lines=(64, 64),
    quote="这使得它在进行大规模并行计算时非常高效",
    statement="Dtypes and device conversion make tensors very efficient for large-scale parallel computation.",
    reason="A performance judgement with no threshold to check.",
)
