"""The operations: primitives with explicit gradients, grouped by kind.

``pointwise`` (arithmetic with broadcasting), ``unary`` (elementwise
functions), ``compare`` (comparisons, where), ``unbroadcast`` (the broadcast
adjoint), ``copy`` (dtype/device copies, clone), ``reduce`` (sum, mean,
max...), ``shape`` (views, cat, stack), ``index`` (``x[key]``), ``linalg``
(matmul), ``nnops`` (softmax, losses, normalisation), ``conv`` (convolution
and pooling) and ``inplace``.  This module re-exports their public functions
and adds the dtype/device conversion ``to``.
"""

from __future__ import annotations

from typing import Any

from reference_impl._dtype import bool_, dtype, float32, float64, int8, int32, int64
from reference_impl.device import canonical, device
from reference_impl.ops.compare import (
    allclose,
    eq,
    equal,
    ge,
    gt,
    isfinite,
    isnan,
    le,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    lt,
    masked_fill,
    maximum,
    minimum,
    ne,
    where,
)
from reference_impl.ops.copy import ToCopy, clone
from reference_impl.ops.index import gather, getitem, index_select, nonzero, setitem
from reference_impl.ops.inplace import copy_, fill_, inplace, random_fill_, reshape_, resize_
from reference_impl.ops.linalg import bmm, dot, linear, matmul, mm, mv, outer
from reference_impl.ops.nnops import log_softmax, softmax
from reference_impl.ops.pointwise import add, div, floor_divide, mul, neg, pow, reciprocal, remainder, rsub, sub
from reference_impl.ops.reduce import (
    all,
    amax,
    amin,
    any,
    argmax,
    argmin,
    cumsum,
    logsumexp,
    max,
    mean,
    min,
    norm,
    prod,
    std,
    sum,
    var,
)
from reference_impl.ops.shape import (
    cat,
    chunk,
    contiguous,
    expand,
    flatten,
    flip,
    narrow,
    permute,
    repeat,
    reshape,
    split,
    squeeze,
    stack,
    t,
    transpose,
    unbind,
    unflatten,
    unsqueeze,
    view,
)
from reference_impl.ops.unary import (
    abs,
    ceil,
    clamp,
    cos,
    exp,
    floor,
    leaky_relu,
    log,
    relu,
    round,
    sigmoid,
    sign,
    sin,
    sqrt,
    tanh,
)
from reference_impl.ops.unbroadcast import sum_to
from reference_impl.tensor import Tensor


def to(x: Tensor, *args: Any, **kwargs: Any) -> Tensor:
    """Mirrors: Tensor.to(device), .to(dtype), .to(device, dtype), .to(other):
    self when nothing changes, otherwise a differentiable copy."""
    d: Any = kwargs.pop("dtype", None)
    dev: Any = kwargs.pop("device", None)
    copy = kwargs.pop("copy", False)
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    if kwargs:
        raise TypeError(f"to() received an invalid combination of arguments: {sorted(kwargs)}")
    for a in args:
        if isinstance(a, dtype):
            d = a
        elif isinstance(a, Tensor):
            d, dev = a.dtype, a.device
        elif isinstance(a, (str, device)):
            dev = a
        elif isinstance(a, bool):
            continue
        else:
            raise TypeError(f"to() received an invalid combination of arguments - got ({type(a).__name__})")
    target_dev = canonical(dev) if dev is not None else x.device
    target_dtype = d or x.dtype
    if target_dev == x.device and target_dtype is x.dtype and not copy:
        return x
    return ToCopy.apply(x, target_dtype, target_dev)


def new_like(x: Tensor, kind: str, data: Any, d: Any, dev: Any, requires_grad: bool) -> Tensor:
    """Tensor.new_tensor / new_zeros / new_ones / new_full: x's dtype and device by default."""
    from reference_impl import creation

    d = d or x.dtype
    dev = dev if dev is not None else x.device
    if kind == "tensor":
        return creation.tensor(data, dtype=d, device=dev, requires_grad=requires_grad)
    if kind == "full":
        size, value = data
        return creation.full(size, value, dtype=d, device=dev, requires_grad=requires_grad)
    fn = creation.zeros if kind == "zeros" else creation.ones
    return fn(*data, dtype=d, device=dev, requires_grad=requires_grad)

__all__ = ["Tensor", "ToCopy", "abs", "add", "all", "allclose", "amax", "amin", "any", "argmax", "argmin", "bmm",
           "bool_", "canonical", "cat", "ceil", "chunk", "clamp", "clone", "compare", "contiguous", "conv", "copy",
           "copy_", "cos", "cumsum", "device", "div", "dot", "dtype", "eq", "equal", "exp", "expand", "fill_",
           "flatten", "flip", "float32", "float64", "floor", "floor_divide", "gather", "ge", "getitem", "gt", "index",
           "index_select", "inplace", "int32", "int64", "int8", "isfinite", "isnan", "le", "leaky_relu", "linalg",
           "linear", "log", "log_softmax", "logical_and", "logical_not", "logical_or", "logical_xor", "logsumexp",
           "lt", "masked_fill", "matmul", "max", "maximum", "mean", "min", "minimum", "mm", "mul", "mv", "narrow",
           "ne", "neg", "new_like", "nnops", "nonzero", "norm", "outer", "permute", "pointwise", "pow", "prod",
           "random_fill_", "reciprocal", "reduce", "relu", "remainder", "repeat", "reshape", "reshape_", "resize_",
           "round", "rsub", "setitem", "shape", "sigmoid", "sign", "sin", "softmax", "split", "sqrt", "squeeze",
           "stack", "std", "sub", "sum", "sum_to", "t", "tanh", "to", "transpose", "unary", "unbind", "unbroadcast",
           "unflatten", "unsqueeze", "var", "view", "where"]
