"""numpy interop: torch.from_numpy and Tensor.numpy share memory; torch.tensor copies.

from_numpy and numpy() deal in cpu tensors only, so those claims ignore the device under test.
"""

from __future__ import annotations

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec.seeds import BASICS, GETTING_STARTED, NOTES


@claim(
    id="numpy_interop.tensor.like-a-numpy-array",
    seed=BASICS, lines=(19, 19),
    quote="在 PyTorch 中，张量的概念类似于 NumPy 中的数组",
    statement="A tensor built from a numpy array has the array's shape, number of dims, dtype and values, "
    "and x.numpy() gives them back.",
    inputs={"array": "interop_array"},
)
def tensor_is_like_a_numpy_array(t, device, array):
    x = t.tensor(array, device=device)
    expect.equal("x.shape", tuple(x.shape), array.shape)
    expect.equal("x.dim()", x.dim(), array.ndim)
    expect.equal("x.numel()", x.numel(), array.size)
    expect.equal("x.dtype", x.dtype, getattr(t, array.dtype.name))
    expect.close("x.cpu().numpy()", x.cpu().numpy(), array, check_dtype=True)


@claim(
    id="numpy_interop.from-numpy.keeps-shape-dtype-values",
    seed=BASICS, lines=(43, 46),
    quote="# 从 NumPy 数组创建张量\nimport numpy as np\nnumpy_array = np.array([[1, 2], [3, 4]])\n"
    "tensor_from_numpy = torch.from_numpy(numpy_array)",
    statement="torch.from_numpy(a) is a cpu tensor with a's shape, dtype and values, for bool, integer "
    "and float arrays.",
    inputs={"array": "interop_array"},
    examples=({"array": np.array([[1, 2], [3, 4]])}, {"array": np.array([[0.5, -1.0], [2.0, 3.0]])}),
)
def from_numpy_keeps_shape_dtype_and_values(t, device, array):
    x = t.from_numpy(array)
    expect.equal("torch.from_numpy(a).shape", tuple(x.shape), array.shape)
    expect.equal("torch.from_numpy(a).dtype", x.dtype, getattr(t, array.dtype.name))
    expect.equal("torch.from_numpy(a).device.type", x.device.type, "cpu")
    expect.close("torch.from_numpy(a)", x, array, check_dtype=True)


@claim(
    id="numpy_interop.from-numpy.int-array-prints-as-documented",
    seed=BASICS, lines=(63, 64),
    quote="tensor([[1, 2],\n        [3, 4]])",
    statement="print(torch.from_numpy(np.array([[1, 2], [3, 4]]))) shows tensor([[1, 2], [3, 4]]): "
    "numpy's default int64 becomes torch.int64, which prints without a dtype.",
)
def from_numpy_int_array_prints_as_documented(t, device):
    """On Windows with numpy < 2 the default int is int32, and the print adds dtype=torch.int32."""
    numpy_array = np.array([[1, 2], [3, 4]], dtype=np.int64)
    tensor_from_numpy = t.from_numpy(numpy_array)
    expect.equal("tensor_from_numpy.dtype", tensor_from_numpy.dtype, t.int64)
    expect.equal("print(tensor_from_numpy)", str(tensor_from_numpy), "tensor([[1, 2],\n        [3, 4]])")


@claim(
    id="numpy_interop.numpy.shares-memory-with-tensor",
    seed=GETTING_STARTED, lines=(55, 58),
    quote="a = torch.ones(5)\n# 将a转化为numpy赋值给b\nb = a.numpy()",
    statement="b = a.numpy() of a cpu tensor is a float32 numpy array sharing a's memory: "
    "a.add_(1) changes b, and writing b changes a.",
)
def numpy_shares_memory_with_tensor(t, device):
    """numpy() needs a cpu tensor; it is a view, not a copy, which surprises users who keep b."""
    a = t.ones(5, device="cpu")
    b = a.numpy()
    expect.equal("b.dtype", b.dtype, np.float32)
    a.add_(1)
    expect.close("b after a.add_(1)", b, np.full(5, 2.0, np.float32))
    b[0] = 7.0
    expect.equal("a[0].item() after b[0] = 7", a[0].item(), 7.0)


@claim(
    id="numpy_interop.from-numpy.shares-memory-both-ways",
    seed=GETTING_STARTED, lines=(64, 65),
    quote="a = np.ones(5)\nb = torch.from_numpy(a)",
    statement="b = torch.from_numpy(a) shares a's memory: np.add(a, 1, out=a) changes b, and b.add_(1) changes a.",
)
def from_numpy_shares_memory_both_ways(t, device):
    a = np.ones(5)
    b = t.from_numpy(a)
    np.add(a, 1, out=a)
    expect.close("b after np.add(a, 1, out=a)", b, np.full(5, 2.0))
    b.add_(1)
    expect.close("a after b.add_(1)", a, np.full(5, 3.0))


@claim(
    id="numpy_interop.from-numpy.float64-stays-float64",
    seed=GETTING_STARTED, lines=(64, 65),
    quote="a = np.ones(5)\nb = torch.from_numpy(a)",
    statement="torch.from_numpy(np.ones(5)) is float64 (numpy's default), not torch's default float32.",
)
def from_numpy_float64_stays_float64(t, device):
    """Mixing it with float32 model weights then fails or promotes: a common stumble."""
    b = t.from_numpy(np.ones(5))
    expect.equal("torch.from_numpy(np.ones(5)).dtype", b.dtype, t.float64)
    expect.close("torch.from_numpy(np.ones(5))", b, np.ones(5), check_dtype=True)


@claim(
    id="numpy_interop.round-trip.numpy-of-from-numpy-is-the-array",
    seed=NOTES, lines=(95, 97),
    quote="pytorch_tensor_from_numpy = torch.from_numpy(numpy_array)\n\n"
    "numpy_array_2 = pytorch_tensor_from_numpy.numpy()",
    statement="torch.from_numpy(a).numpy() equals a in shape, dtype and values, and shares a's memory.",
    inputs={"array": "interop_array"},
)
def numpy_round_trip_gives_back_the_array(t, device, array):
    numpy_array_2 = t.from_numpy(array).numpy()
    expect.equal("numpy_array_2.dtype", numpy_array_2.dtype, array.dtype)
    expect.close("numpy_array_2", numpy_array_2, array, check_dtype=True)
    expect.true("numpy_array_2 to share memory with numpy_array",
                array.size == 0 or np.shares_memory(numpy_array_2, array), "it is a copy")


@claim(
    id="numpy_interop.from-list-and-from-numpy-agree",
    seed=NOTES, lines=(89, 95),
    quote="py_list = [1, 2, 3]\n\nnumpy_array = array([1, 2, 3])\n# 从列表创建Tensor\n"
    "pytorch_tensor_from_list = torch.tensor(py_list)\n# 从NumPy数组创建Tensor\n"
    "pytorch_tensor_from_numpy = torch.from_numpy(numpy_array)",
    statement="torch.tensor(py_list) and torch.from_numpy(array(py_list)) hold the same int64 values.",
    inputs={"py_list": "int_list"},
)
def tensor_from_list_and_from_numpy_agree(t, device, py_list):
    from_list = t.tensor(py_list, device=device)
    from_numpy = t.from_numpy(np.array(py_list, dtype=np.int64))
    expect.equal("pytorch_tensor_from_list.dtype", from_list.dtype, from_numpy.dtype)
    expect.close("pytorch_tensor_from_list", from_list, expect.numpy_of(from_numpy), check_dtype=True)


@claim(
    id="numpy_interop.tensor-of-array-copies",
    seed=NOTES, lines=(84, 84),
    quote="Tensor还可以通过numpy、自定义的特殊方法进行构造",
    statement="torch.tensor(a) also builds a tensor from a numpy array, but copies it: "
    "later writes to a do not show in the tensor (unlike torch.from_numpy).",
    inputs={"array": "interop_array"},
)
def tensor_of_numpy_array_copies(t, device, array):
    a = array.copy()
    x = t.tensor(a, device=device)
    a[...] = ~a if a.dtype == bool else a + 1
    expect.close("torch.tensor(a) after writing a", x, array, check_dtype=True)


untestable(
    id="numpy_interop.custom-special-methods",
    seed=NOTES, lines=(84, 84),
    quote="Tensor还可以通过numpy、自定义的特殊方法进行构造",
    statement="Tensors can also be built by 'custom special methods'.",
    reason="The document names no method; the factories it lists next (empty, zeros, ones, rand, randn) "
    "are checked by the creation claims.",
)
