"""Elementwise ops, matmul and broadcasting: numpy's rules, in shape, value and gradient."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim
from spec._interop import tensor_from
from spec.seeds import BASICS, FEATURES

BROADCAST_QUOTE = "并且这些运算可以自动处理广播机制"
MATMUL_QUOTE = "矩阵乘法\u00a0torch.matmul()\u00a0等，并且这些运算可以自动处理广播机制"

# op name -> (backend spelling, numpy oracle, d(op)/dx, d(op)/dy)
BINARY: dict[str, tuple[Callable[[Any, Any, Any], Any], Callable[..., Any], Callable[..., Any], Callable[..., Any]]] = {
    "add": (lambda t, x, y: t.add(x, y), np.add, lambda a, b: np.ones_like(a * b), lambda a, b: np.ones_like(a * b)),
    "sub": (lambda t, x, y: x - y, np.subtract, lambda a, b: np.ones_like(a * b), lambda a, b: -np.ones_like(a * b)),
    "mul": (lambda t, x, y: t.mul(x, y), np.multiply, lambda a, b: b + 0 * a, lambda a, b: a + 0 * b),
    "div": (lambda t, x, y: x / y, np.divide, lambda a, b: 1 / b + 0 * a, lambda a, b: -a / (b * b)),
}
SPELLING = {"add": "torch.add(x, y)", "sub": "x - y", "mul": "torch.mul(x, y)", "div": "x / y"}


def _away_from_zero(b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Divisors kept at least 0.5 in magnitude so division is well conditioned."""
    return np.where(b >= 0, b + 0.5, b - 0.5).astype(b.dtype)


def _operands(op: str, pair: tuple[Any, Any]) -> tuple[Any, Any]:
    a, b = pair
    return (a, _away_from_zero(b)) if op == "div" else (a, b)


def unbroadcast(grad: np.ndarray[Any, Any], shape: tuple[int, ...]) -> np.ndarray[Any, Any]:
    """Sum a broadcast gradient back to an operand's shape (the numpy oracle)."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, side in enumerate(shape):
        if side == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


@claim(
    id="broadcasting.binary-op.shape-is-numpy-broadcast-shape",
    seed=FEATURES, lines=(29, 29),
    quote="加法\u00a0torch.add()\u00a0、乘法\u00a0torch.mul()\u00a0、矩阵乘法\u00a0torch.matmul()\u00a0等，并且这些运算可以自动处理广播机制",
    statement="For broadcastable operands, x op y has numpy's broadcast shape of x.shape and y.shape.",
    inputs={"pair": "broadcastable_float_pair", "op": "binary_op"},
)
def binary_op_shape_is_numpy_broadcast_shape(t, device, pair, op):
    a, b = _operands(op, pair)
    x, y = tensor_from(t, a, device), tensor_from(t, b, device)
    out = BINARY[op][0](t, x, y)
    expect.equal(f"{SPELLING[op]}.shape for shapes {a.shape}, {b.shape}",
                 tuple(out.shape), np.broadcast_shapes(a.shape, b.shape))


@claim(
    id="broadcasting.binary-op.values-match-numpy",
    seed=FEATURES, lines=(29, 29),
    quote=BROADCAST_QUOTE,
    statement="For broadcastable operands, the values of x op y equal numpy's broadcast result.",
    inputs={"pair": "broadcastable_float_pair", "op": "binary_op"},
)
def binary_op_values_match_numpy(t, device, pair, op):
    a, b = _operands(op, pair)
    x, y = tensor_from(t, a, device), tensor_from(t, b, device)
    expect.close(f"{SPELLING[op]} for shapes {a.shape}, {b.shape}", BINARY[op][0](t, x, y), BINARY[op][1](a, b))


@claim(
    id="broadcasting.binary-op.incompatible-shapes-raise",
    seed=FEATURES, lines=(29, 29),
    quote=BROADCAST_QUOTE,
    statement="Operands whose aligned sides differ and are not 1 do not broadcast: the op raises.",
    inputs={"shapes": "incompatible_shape_pair", "op": "binary_op"},
)
def incompatible_shapes_raise(t, device, shapes, op):
    x, y = t.ones(*shapes[0], device=device), t.ones(*shapes[1], device=device)
    with expect.raises(f"{SPELLING[op]} for shapes {shapes[0]}, {shapes[1]}"):
        BINARY[op][0](t, x, y)


@claim(
    id="broadcasting.binary-op.grad-summed-to-operand-shape",
    seed=FEATURES, lines=(29, 29),
    quote=BROADCAST_QUOTE,
    statement="The gradient of a broadcast operand is the output gradient summed back to "
    "that operand's own shape.",
    inputs={"pair": "broadcastable_float64_pair", "op": "binary_op"},
)
def broadcast_grad_is_summed_to_operand_shape(t, device, pair, op):
    a, b = _operands(op, pair)
    x = tensor_from(t, a, device, requires_grad=True)
    y = tensor_from(t, b, device, requires_grad=True)
    BINARY[op][0](t, x, y).sum().backward()
    _, _, dx, dy = BINARY[op]
    expect.equal("x.grad.shape", tuple(x.grad.shape), a.shape)
    expect.equal("y.grad.shape", tuple(y.grad.shape), b.shape)
    expect.close(f"x.grad of ({SPELLING[op]}).sum()", x.grad, unbroadcast(dx(a, b), a.shape))
    expect.close(f"y.grad of ({SPELLING[op]}).sum()", y.grad, unbroadcast(dy(a, b), b.shape))


@claim(
    id="broadcasting.functional.torch-add-and-mul-equal-operators",
    seed=FEATURES, lines=(29, 29),
    quote="加法\u00a0torch.add()\u00a0、乘法\u00a0torch.mul()",
    statement="torch.add(x, y) equals x + y and torch.mul(x, y) equals x * y, broadcasting alike.",
    inputs={"pair": "broadcastable_float_pair"},
)
def torch_add_and_mul_equal_operators(t, device, pair):
    a, b = pair
    x, y = tensor_from(t, a, device), tensor_from(t, b, device)
    expect.close("torch.add(x, y)", t.add(x, y), expect.numpy_of(x + y), rtol=0, atol=0)
    expect.close("torch.mul(x, y)", t.mul(x, y), expect.numpy_of(x * y), rtol=0, atol=0)
    expect.close("x + y", x + y, a + b)


@claim(
    id="broadcasting.elementwise.plus-adds-elementwise",
    seed=BASICS, lines=(72, 75),
    quote="# 张量相加\ne = torch.randn(2, 3)\nf = torch.randn(2, 3)\nprint(e + f)",
    statement="e + f of two tensors of one shape is their elementwise sum, of that shape.",
    inputs={"pair": "same_shape_float_pair"},
)
def plus_adds_elementwise(t, device, pair):
    a, b = pair
    e, f = tensor_from(t, a, device), tensor_from(t, b, device)
    expect.close("e + f", e + f, a + b)


@claim(
    id="broadcasting.elementwise.star-multiplies-elementwise",
    seed=BASICS, lines=(77, 78),
    quote="# 逐元素乘法\nprint(e * f)",
    statement="e * f is the elementwise (Hadamard) product, not the matrix product, even for square matrices.",
    inputs={"pair": "same_shape_float_pair"},
)
def star_multiplies_elementwise(t, device, pair):
    """Users coming from numpy.matrix or MATLAB expect * to be matrix multiplication."""
    a, b = pair
    e, f = tensor_from(t, a, device), tensor_from(t, b, device)
    expect.close("e * f", e * f, a * b)


@claim(
    id="broadcasting.scalar.python-number-applies-to-every-element",
    seed=BASICS, lines=(141, 142),
    quote="y = x + 2\nz = y * y * 3",
    statement="A Python number broadcasts to every element (y = x + 2, z = y * y * 3) without changing "
    "a float tensor's dtype; an int tensor with a float number becomes float32.",
    inputs={"a": "float32_array", "s": "python_scalar"},
)
def python_number_applies_to_every_element(t, device, a, s):
    """Python numbers are 'weak': x + 2.0 stays float32, never float64."""
    x = tensor_from(t, a, device)
    y = x + 2
    z = y * y * 3
    expect.close("y = x + 2", y, a + np.float32(2))
    expect.close("z = y * y * 3", z, (a + np.float32(2)) ** 2 * np.float32(3), rtol=1e-5)
    expect.equal("(x + s).dtype", (x + s).dtype, t.float32)
    expect.close(f"x * {s!r}", x * s, a * np.float32(s), rtol=1e-5)
    expect.equal("(torch.tensor([1, 2]) + 2).dtype", (t.tensor([1, 2], device=device) + 2).dtype, t.int64)
    expect.equal("(torch.tensor([1, 2]) + 0.5).dtype", (t.tensor([1, 2], device=device) + 0.5).dtype, t.float32)


@claim(
    id="broadcasting.in-place.broadcasts-into-self",
    seed=FEATURES, lines=(29, 29),
    quote=BROADCAST_QUOTE,
    statement="An in-place op x.add_(y) broadcasts y to x's shape and writes the result into x itself.",
    inputs={"pair": "inplace_fitting_pair"},
)
def in_place_op_broadcasts_into_self(t, device, pair):
    a, b = pair
    x, y = tensor_from(t, a, device), tensor_from(t, b, device)
    out = x.add_(y)
    expect.true("x.add_(y) is x", out is x, "it returned a new tensor")
    expect.close(f"x after x.add_(y) for shapes {a.shape}, {b.shape}", x, a + b)


@claim(
    id="broadcasting.in-place.cannot-grow-self",
    seed=FEATURES, lines=(29, 29),
    quote=BROADCAST_QUOTE,
    statement="Broadcasting never resizes the target of an in-place op: x.add_(y) raises when the "
    "broadcast shape is not x's shape.",
    inputs={"shapes": "inplace_growing_shapes"},
)
def in_place_op_cannot_grow_self(t, device, shapes):
    """x + y would broadcast, so users expect x += y to work too; it cannot change x's shape."""
    x_shape, y_shape = shapes
    x, y = t.zeros(x_shape, device=device), t.ones(y_shape, device=device)
    with expect.raises(f"x.add_(y) for shapes {x_shape}, {y_shape}", RuntimeError):
        x.add_(y)


@claim(
    id="broadcasting.matmul.batch-dims-broadcast-like-numpy",
    seed=FEATURES, lines=(29, 29),
    quote=MATMUL_QUOTE,
    statement="torch.matmul(x, y) has numpy.matmul's shape and values: batch dims broadcast, the last "
    "two are multiplied as matrices.",
    inputs={"pair": "matmul_pair"},
)
def matmul_batch_dims_broadcast_like_numpy(t, device, pair):
    a, b = pair
    out = t.matmul(tensor_from(t, a, device), tensor_from(t, b, device))
    expect.close(f"torch.matmul(x, y) for shapes {a.shape}, {b.shape}", out, np.matmul(a, b))


@claim(
    id="broadcasting.matmul.vector-operands",
    seed=FEATURES, lines=(29, 29),
    quote=MATMUL_QUOTE,
    statement="A 1-d first operand of matmul acts as a row and a 1-d second one as a column, and that dim "
    "is dropped: (k,)@(k,) is a 0-d dot product, (k,)@(...,k,p) is (...,p), (...,k)@(k,) is (...).",
    inputs={"pair": "matmul_vector_pair"},
)
def matmul_of_vector_operands(t, device, pair):
    a, b = pair
    if a.ndim == 1 and b.ndim == 1:
        shape = ()
    elif a.ndim == 1:
        shape = b.shape[:-2] + b.shape[-1:]
    else:
        shape = a.shape[:-1]
    out = t.matmul(tensor_from(t, a, device), tensor_from(t, b, device))
    expect.equal(f"torch.matmul(x, y).shape for shapes {a.shape}, {b.shape}", tuple(out.shape), shape)
    expect.close("torch.matmul(x, y)", out, np.matmul(a, b))


@claim(
    id="broadcasting.matmul.inner-dims-must-match",
    seed=FEATURES, lines=(29, 29),
    quote=MATMUL_QUOTE,
    statement="torch.matmul raises when x's last side differs from y's second-to-last (or only) side.",
    inputs={"shapes": "matmul_mismatch_shapes"},
)
def matmul_inner_dims_must_match(t, device, shapes):
    x, y = t.ones(*shapes[0], device=device), t.ones(*shapes[1], device=device)
    with expect.raises(f"torch.matmul(x, y) for shapes {shapes[0]}, {shapes[1]}", RuntimeError):
        t.matmul(x, y)


@claim(
    id="broadcasting.matmul.grad-summed-to-operand-shape",
    seed=FEATURES, lines=(29, 29),
    quote=MATMUL_QUOTE,
    statement="For out = torch.matmul(x, y), x.grad = G @ y^T and y.grad = x^T @ G (G = d out), each "
    "summed over the batch dims it was broadcast along, back to its operand's shape.",
    inputs={"pair": "matmul_batched_matrix_pair"},
)
def matmul_grad_is_summed_to_operand_shape(t, device, pair):
    a, b = pair
    x = tensor_from(t, a, device, requires_grad=True)
    y = tensor_from(t, b, device, requires_grad=True)
    t.matmul(x, y).sum().backward()
    g = np.ones(np.matmul(a, b).shape)
    expect.close("x.grad of torch.matmul(x, y).sum()", x.grad, unbroadcast(g @ np.swapaxes(b, -1, -2), a.shape))
    expect.close("y.grad of torch.matmul(x, y).sum()", y.grad, unbroadcast(np.swapaxes(a, -1, -2) @ g, b.shape))
