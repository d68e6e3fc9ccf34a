"""Broadcasting: binary ops follow numpy's rule, in shape, value and gradient."""

from __future__ import annotations

import operator
from typing import Any, Callable

import numpy as np

from spec import expect
from spec._claim import claim
from spec._interop import tensor_from
from spec.seeds import FEATURES

BROADCAST_QUOTE = "并且这些运算可以自动处理广播机制"

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
