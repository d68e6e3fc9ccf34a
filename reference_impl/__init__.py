"""reference_impl: a pure-Python PyTorch-compatible library, the readable model
of the semantics that torch-conformance specifies.

``import reference_impl as torch`` gives tensors on flat ``array`` buffers,
autograd, ``nn``, ``optim``, ``utils.data`` and ``save``/``load``, with the
standard library only (numpy is imported lazily by ``from_numpy`` and
``Tensor.numpy()``).  Devices: ``cpu`` and a simulated accelerator ``sim``.

Mirrors: the ``torch`` namespace (names, defaults, exception types).
"""

from __future__ import annotations

from reference_impl import autograd, cuda, nn, optim, serialization, utils
from reference_impl._dtype import bool_ as bool  # noqa: A001 - torch's name
from reference_impl._dtype import dtype, float32, float64, get_default_dtype, int8, int32, int64, set_default_dtype
from reference_impl.autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from reference_impl.creation import (
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    full,
    full_like,
    linspace,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    tensor,
    zeros,
    zeros_like,
)
from reference_impl.device import device
from reference_impl.numpy_interop import from_numpy
from reference_impl.ops import (
    abs,
    add,
    all,
    allclose,
    amax,
    amin,
    any,
    argmax,
    argmin,
    bmm,
    cat,
    ceil,
    chunk,
    clamp,
    clone,
    cos,
    cumsum,
    div,
    dot,
    eq,
    equal,
    exp,
    flatten,
    flip,
    floor,
    floor_divide,
    gather,
    ge,
    gt,
    index_select,
    isfinite,
    isnan,
    le,
    log,
    log_softmax,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    logsumexp,
    lt,
    masked_fill,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    mm,
    mul,
    mv,
    narrow,
    ne,
    neg,
    nonzero,
    norm,
    outer,
    permute,
    pow,
    prod,
    reciprocal,
    relu,
    remainder,
    reshape,
    round,
    sigmoid,
    sign,
    sin,
    softmax,
    split,
    sqrt,
    squeeze,
    stack,
    std,
    sub,
    sum,
    t,
    tanh,
    transpose,
    unbind,
    unsqueeze,
    var,
    where,
)
from reference_impl.ops.shape import concat, concatenate
from reference_impl.random import (
    Generator,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    seed,
    set_rng_state,
)
from reference_impl.serialization import load, save
from reference_impl.tensor import Size, Tensor

float = float32  # noqa: A001
double = float64
long = int64
int = int32  # noqa: A001
uint8_unsupported = None
__version__ = "0.1.0"
version = type("version", (), {"cuda": None, "__version__": __version__})


def is_tensor(obj: object) -> builtins_bool:
    """Mirrors: torch.is_tensor."""
    return isinstance(obj, Tensor)


def numel(x: Tensor) -> builtins_int:
    return x.numel()


def clip(x: Tensor, min: object = None, max: object = None) -> Tensor:  # noqa: A002
    return clamp(x, min, max)


def broadcast_shapes(*shapes: object) -> Size:
    from reference_impl import _kernels

    return Size(_kernels.broadcast_shapes(*shapes))  # type: ignore[arg-type]


def result_type(a: object, b: object) -> dtype:
    from reference_impl import _dtype

    return _dtype.result_type(a, b)


def promote_types(a: dtype, b: dtype) -> dtype:
    from reference_impl import _dtype

    return _dtype.promote(a, b)


def is_floating_point(x: Tensor) -> builtins_bool:
    return x.is_floating_point()


def square(x: Tensor) -> Tensor:
    return x * x


def rsqrt(x: Tensor) -> Tensor:
    return x.rsqrt()


def numel_of(x: Tensor) -> builtins_int:
    return x.numel()


import builtins as _builtins  # noqa: E402

builtins_bool = _builtins.bool
builtins_int = _builtins.int
del _builtins

__all__ = ["Generator", "Size", "Tensor", "abs", "add", "all", "allclose", "amax", "amin", "any", "arange", "argmax",
           "argmin", "as_tensor", "autograd", "bmm", "bool", "broadcast_shapes", "cat", "ceil", "chunk", "clamp",
           "clip", "clone", "concat", "concatenate", "cos", "creation", "cuda", "cumsum", "default_generator",
           "device", "div", "dot", "double", "dtype", "empty", "empty_like", "enable_grad", "eq", "equal", "exp",
           "eye", "flatten", "flip", "float", "float32", "float64", "floor", "floor_divide", "from_numpy", "full",
           "full_like", "function", "gather", "ge", "get_default_dtype", "get_rng_state", "grad_mode", "gt",
           "index_select", "inference_mode", "initial_seed", "int", "int32", "int64", "int8", "is_floating_point",
           "is_grad_enabled", "is_tensor", "isfinite", "isnan", "le", "linspace", "load", "log", "log_softmax",
           "logical_and", "logical_not", "logical_or", "logical_xor", "logsumexp", "long", "lt", "manual_seed",
           "masked_fill", "matmul", "max", "maximum", "mean", "min", "minimum", "mm", "mul", "mv", "narrow", "ne",
           "neg", "nn", "no_grad", "nonzero", "norm", "numel", "numel_of", "numpy_interop", "ones", "ones_like", "ops",
           "optim", "outer", "permute", "pow", "prod", "promote_types", "rand", "rand_like", "randint", "randint_like",
           "randn", "randn_like", "random", "randperm", "reciprocal", "relu", "remainder", "reshape", "result_type",
           "round", "rsqrt", "save", "seed", "serialization", "set_default_dtype", "set_grad_enabled", "set_rng_state",
           "sigmoid", "sign", "sin", "softmax", "split", "sqrt", "square", "squeeze", "stack", "std", "sub", "sum",
           "t", "tanh", "tensor", "tensor_methods", "transpose", "uint8_unsupported", "unbind", "unsqueeze", "utils",
           "var", "version", "where", "zeros", "zeros_like"]
