"""Views and copies: t()/transpose, squeeze/unsqueeze, view/reshape, clone/detach/to."""

from __future__ import annotations

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, GETTING_STARTED

NUMPY_LIKE = "在 PyTorch 中，张量的概念类似于 NumPy 中的数组"
MEMORY = "PyTorch 张量还提供了一些内存管理功能，比如.clone()、.detach() 和 .to() 方法"
BATCH_DIM = "可以使用input.unsqueeze（0）来增加一个batch维，相反地，squeeze用于降维"


@claim(
    id="views.transpose.t-equals-transpose-0-1",
    seed=BASICS, lines=(80, 82),
    quote="# 张量的转置\ng = torch.randn(3, 2)\nprint(g.t())  # 或者 g.transpose(0, 1)",
    statement="g.t() of a matrix is its transpose, shape (c, r), equal to g.transpose(0, 1).",
    inputs={"g": "float32_matrix"},
)
def t_is_transpose_0_1(t, device, g):
    x = tensor_from(t, g, device)
    expect.equal("g.t().shape", tuple(x.t().shape), g.T.shape)
    expect.close("g.t()", x.t(), g.T)
    expect.close("g.transpose(0, 1)", x.transpose(0, 1), g.T)


@claim(
    id="views.transpose.t-only-for-at-most-2d",
    seed=BASICS, lines=(82, 82),
    quote="print(g.t())  # 或者 g.transpose(0, 1)",
    statement="The two spellings agree only up to 2-d: t() raises for 3 or more dims, where "
    "transpose(0, 1) swaps the first two; t() of a 1-d tensor returns it unchanged.",
    inputs={"a": "float32_3d_array"},
)
def t_is_only_for_at_most_2d(t, device, a):
    """Users swap t() for transpose(0, 1) in batched code and get an error."""
    x = tensor_from(t, a, device)
    with expect.raises(f"x.t() for x of shape {a.shape}"):
        x.t()
    expect.close("x.transpose(0, 1)", x.transpose(0, 1), a.swapaxes(0, 1))
    expect.close("x[0, 0].t() (1-d)", x[0, 0].t(), a[0, 0])


@claim(
    id="views.shape.g-shape-is-torch-size-3-2",
    seed=BASICS, lines=(84, 85),
    quote="# 张量的形状\nprint(g.shape)  # 返回形状",
    statement="g.shape returns the shape as torch.Size([3, 2]); printing g.t() did not transpose g itself.",
)
def g_shape_is_torch_size_3_2(t, device):
    g = t.randn(3, 2, device=device)
    g.t()
    expect.equal("g.shape", tuple(g.shape), (3, 2))
    expect.true("g.shape to be a torch.Size", isinstance(g.shape, t.Size), type(g.shape).__name__)
    expect.equal("print(g.shape)", str(g.shape), "torch.Size([3, 2])")


@claim(
    id="creation.size.is-a-tuple",
    seed=GETTING_STARTED, lines=(70, 71),
    quote="print(x.size())\n# torch.size其实是一个tuple，因此它支持所有的tuple操作。",
    statement="x.size() (torch.Size) is a tuple subclass and supports tuple operations.",
    inputs={"shape": "small_shape"},
)
def size_is_a_tuple(t, device, shape):
    size = t.zeros(*shape, device=device).size()
    shape = tuple(shape)
    expect.true("isinstance(x.size(), tuple)", isinstance(size, tuple), f"got {type(size).__name__}")
    expect.equal("x.size() == shape", size == shape, True)
    expect.equal("len(x.size())", len(size), len(shape))
    expect.equal("x.size()[::-1]", tuple(size[::-1]), shape[::-1])
    expect.equal("x.size() + (7,)", tuple(size + (7,)), shape + (7,))
    expect.equal("list(x.size())", list(size), list(shape))
    expect.equal("x.size().count(1)", size.count(1), shape.count(1))


@claim(
    id="views.unsqueeze.adds-a-batch-dim",
    seed=GETTING_STARTED, lines=(119, 119),
    quote=BATCH_DIM,
    statement="For one sample of shape (C, H, W), input.unsqueeze(0) has shape (1, C, H, W) and the same "
    "values: a batch of one.",
    inputs={"a": "float32_3d_array"},
)
def unsqueeze_0_adds_a_batch_dim(t, device, a):
    x = tensor_from(t, a, device)
    batch = x.unsqueeze(0)
    expect.equal("input.unsqueeze(0).shape", tuple(batch.shape), (1, *a.shape))
    expect.close("input.unsqueeze(0)[0]", batch[0], a)


@claim(
    id="views.unsqueeze.inserts-size-one-dim",
    seed=GETTING_STARTED, lines=(119, 119),
    quote=BATCH_DIM,
    statement="x.unsqueeze(d) inserts a dim of size 1 at d (negative d counting from the end), like "
    "numpy.expand_dims.",
    inputs={"case": "shape_and_insert_dim"},
)
def unsqueeze_inserts_size_one_dim(t, device, case):
    shape, d = case
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    expect.close(f"x.unsqueeze({d}) for x of shape {shape}", tensor_from(t, a, device).unsqueeze(d),
                 np.expand_dims(a, d))


@claim(
    id="views.squeeze.removes-size-one-dims",
    seed=GETTING_STARTED, lines=(119, 119),
    quote=BATCH_DIM,
    statement="x.squeeze() drops every dim of size 1 (like numpy.squeeze); squeeze(0) undoes "
    "unsqueeze(0); squeeze(d) of a dim not of size 1 changes nothing.",
    inputs={"shape": "squeezable_shape"},
)
def squeeze_removes_size_one_dims(t, device, shape):
    a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    x = tensor_from(t, a, device)
    expect.close(f"x.squeeze() for x of shape {shape}", x.squeeze(), np.squeeze(a))
    expect.close("x.unsqueeze(0).squeeze(0)", x.unsqueeze(0).squeeze(0), a)
    for d, side in enumerate(shape):
        if side != 1:
            expect.close(f"x.squeeze({d}) of a side {side}", x.squeeze(d), a)


@claim(
    id="views.reshape.values-match-numpy",
    seed=BASICS, lines=(19, 19),
    quote=NUMPY_LIKE,
    statement="Like numpy, x.reshape(shape) keeps the elements in row-major order; -1 stands for the "
    "one side inferred from the others.",
    inputs={"case": "array_and_reshape"},
)
def reshape_matches_numpy(t, device, case):
    a, shape = case
    x = tensor_from(t, a, device)
    expect.close(f"x.reshape{shape} for x of shape {a.shape}", x.reshape(shape), a.reshape(shape))


@claim(
    id="views.view.shares-memory",
    seed=BASICS, lines=(19, 19),
    quote=NUMPY_LIKE,
    statement="Like numpy's reshape of a contiguous array, x.view(shape) is a view: it has the reshaped "
    "values, and writing through it changes x.",
    inputs={"case": "array_and_reshape"},
)
def view_shares_memory(t, device, case):
    a, shape = case
    x = tensor_from(t, a, device)
    v = x.view(shape)
    expect.close(f"x.view{shape}", v, a.reshape(shape))
    v.mul_(2)
    expect.close("x after x.view(shape).mul_(2)", x, a * 2)


@claim(
    id="views.clone.copies-memory",
    seed=BASICS, lines=(113, 113),
    quote=MEMORY,
    statement="x.clone() is a copy in new memory: equal values, and writing the clone leaves x unchanged.",
    inputs={"a": "float32_array"},
)
def clone_copies_memory(t, device, a):
    x = tensor_from(t, a, device)
    y = x.clone()
    expect.close("x.clone()", y, a)
    y.add_(1)
    expect.close("x after x.clone().add_(1)", x, a)


@claim(
    id="views.detach.shares-memory-without-grad",
    seed=BASICS, lines=(113, 113),
    quote=MEMORY,
    statement="x.detach() shares x's memory (writes show in x) but is cut from autograd: "
    "requires_grad False, no grad_fn.",
    inputs={"a": "float32_array"},
)
def detach_shares_memory_without_grad(t, device, a):
    """detach() is not a copy: an in-place write to it silently changes the tracked tensor."""
    x = tensor_from(t, a, device, requires_grad=True)
    y = x.detach()
    expect.equal("x.detach().requires_grad", y.requires_grad, False)
    expect.equal("x.detach().grad_fn", y.grad_fn, None)
    y.zero_()
    expect.close("x after x.detach().zero_()", x, np.zeros_like(a))


@claim(
    id="views.to.copies-only-when-something-changes",
    seed=BASICS, lines=(113, 113),
    quote=MEMORY,
    statement="x.to(dtype or device x already has) returns x itself, no copy; x.to(another dtype) "
    "returns a converted copy and leaves x as it was.",
    inputs={"a": "float32_array"},
)
def to_copies_only_when_something_changes(t, device, a):
    x = tensor_from(t, a, device)
    expect.true("x.to(x.dtype) is x", x.to(x.dtype) is x, "it made a copy")
    expect.true("x.to(x.device) is x", x.to(x.device) is x, "it made a copy")
    y = x.to(t.float64)
    expect.equal("x.to(torch.float64).dtype", y.dtype, t.float64)
    expect.close("x.to(torch.float64)", y, a.astype(np.float64))
    expect.equal("x.dtype after x.to(torch.float64)", x.dtype, t.float32)


untestable(
    id="views.memory.helps-optimize-memory-and-speed",
    seed=BASICS, lines=(113, 113),
    quote="它们可以帮助你优化内存使用和提高性能",
    statement="clone(), detach() and to() help optimize memory use and improve performance.",
    reason="A performance judgement; what each method does with memory is checked by views.clone.*, "
    "views.detach.* and views.to.*.",
)
