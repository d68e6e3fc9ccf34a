"""The torch-like namespace ``t`` the checks call, spelled onto tinygrad 0.14.

Every name here is a tinygrad function, class or dtype, reached under torch's
name, with torch's argument spellings translated (``dim=`` -> ``dim=``,
``device="cpu"`` passed through, ``requires_grad=`` dropped: see below).  Tensors
are tinygrad's own ``Tensor`` objects, never wrapped: a method torch has and
tinygrad lacks (``x.t()``, ``x.add_()``, ``x.requires_grad``) is an
AttributeError in the check, and the claim fails.

A torch name with no tinygrad equivalent is not defined: reading it raises
``AttributeError: tinygrad has no equivalent of torch.<name>``.

Argument translations (the only behaviour this module adds):

* ``requires_grad=`` on creation is accepted and dropped.  tinygrad 0.14 has no
  per-tensor gradient flag: ``backward()`` fills ``.grad`` of every floating
  tensor in the graph.  A claim that relies on ``requires_grad=False`` (or reads
  ``x.requires_grad``) therefore fails on tinygrad's own behaviour.
* ``device=`` on the creation functions whose tinygrad spelling has no device
  argument (``arange``, ``eye``, ``linspace``) becomes tinygrad's ``.to(device)``.
* ``t.tensor(x)`` where torch takes a shape as several ints or one tuple: both
  reach tinygrad unchanged (tinygrad accepts both).
"""

from __future__ import annotations

from typing import Any

from tinygrad import Device, Tensor, dtypes

from tinygrad_conformance.torchlike import autograd, cuda, nn, optim  # noqa: F401  (t.nn, t.optim...)
from tinygrad_conformance.torchlike._missing import missing

# ---- dtypes: tinygrad's own DType objects under torch's names ----
bool = dtypes.bool  # noqa: A001
uint8 = dtypes.uint8
int8 = dtypes.int8
int16 = dtypes.int16
short = dtypes.int16
int32 = dtypes.int32
int = dtypes.int32  # noqa: A001
int64 = dtypes.int64
long = dtypes.int64
float16 = dtypes.float16
half = dtypes.float16
bfloat16 = dtypes.bfloat16
float32 = dtypes.float32
float = dtypes.float32  # noqa: A001
float64 = dtypes.float64
double = dtypes.float64

Tensor = Tensor  # noqa: PLW0127  (isinstance(x, t.Tensor))


def _drop_requires_grad(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.pop("requires_grad", None)
    return kwargs


# ---- creation ----
def tensor(data: Any, dtype: Any = None, device: Any = None, requires_grad: Any = False) -> Tensor:
    return Tensor(data, device=device, dtype=dtype)


def from_numpy(array: Any) -> Tensor:
    return Tensor(array)


def zeros(*shape: Any, **kwargs: Any) -> Tensor:
    return Tensor.zeros(*shape, **_drop_requires_grad(kwargs))


def ones(*shape: Any, **kwargs: Any) -> Tensor:
    return Tensor.ones(*shape, **_drop_requires_grad(kwargs))


def empty(*shape: Any, **kwargs: Any) -> Tensor:
    return Tensor.empty(*shape, **_drop_requires_grad(kwargs))


def full(size: Any, fill_value: Any, **kwargs: Any) -> Tensor:
    return Tensor.full(size, fill_value, **_drop_requires_grad(kwargs))


def rand(*shape: Any, **kwargs: Any) -> Tensor:
    return Tensor.rand(*shape, **_drop_requires_grad(kwargs))


def randn(*shape: Any, **kwargs: Any) -> Tensor:
    return Tensor.randn(*shape, **_drop_requires_grad(kwargs))


def zeros_like(x: Tensor, **kwargs: Any) -> Tensor:
    return x.zeros_like(**_drop_requires_grad(kwargs))


def ones_like(x: Tensor, **kwargs: Any) -> Tensor:
    return x.ones_like(**_drop_requires_grad(kwargs))


def rand_like(x: Tensor, **kwargs: Any) -> Tensor:
    return x.rand_like(**_drop_requires_grad(kwargs))


def randn_like(x: Tensor, **kwargs: Any) -> Tensor:
    return x.randn_like(**_drop_requires_grad(kwargs))


def _placed(x: Tensor, device: Any) -> Tensor:
    return x if device is None else x.to(device)


def arange(*args: Any, dtype: Any = None, device: Any = None, requires_grad: Any = False) -> Tensor:
    return _placed(Tensor.arange(*args, dtype=dtype), device)


def eye(n: Any, m: Any = None, dtype: Any = None, device: Any = None, requires_grad: Any = False) -> Tensor:
    return _placed(Tensor.eye(n, m, dtype=dtype), device)


def linspace(start: Any, end: Any, steps: Any, dtype: Any = None, device: Any = None,
             requires_grad: Any = False) -> Tensor:
    return _placed(Tensor.linspace(start, end, steps, dtype=dtype), device)


manual_seed = Tensor.manual_seed


# ---- operations: tinygrad's Tensor methods called as functions ----
add = Tensor.add
sub = Tensor.sub
mul = Tensor.mul
div = Tensor.div
matmul = Tensor.matmul
exp = Tensor.exp
log = Tensor.log
sin = Tensor.sin
cos = Tensor.cos
tanh = Tensor.tanh
sigmoid = Tensor.sigmoid
relu = Tensor.relu
sqrt = Tensor.sqrt
abs = Tensor.abs  # noqa: A001
sum = Tensor.sum  # noqa: A001
mean = Tensor.mean
where = Tensor.where
maximum = Tensor.maximum
minimum = Tensor.minimum
reshape = Tensor.reshape
flatten = Tensor.flatten
transpose = Tensor.transpose
squeeze = Tensor.squeeze
unsqueeze = Tensor.unsqueeze
allclose = Tensor.allclose
argmax = Tensor.argmax
softmax = Tensor.softmax


def cat(tensors: Any, dim: Any = 0) -> Tensor:
    first, *rest = list(tensors)
    return first.cat(*rest, dim=dim)


def stack(tensors: Any, dim: Any = 0) -> Tensor:
    first, *rest = list(tensors)
    return first.stack(*rest, dim=dim)


# ---- saving: tinygrad's safetensors helpers (a dict of tensors, to a file name) ----
def save(obj: Any, f: Any) -> None:
    """``torch.save(obj, f)`` -> ``tinygrad.nn.state.safe_save(obj, f)``: tinygrad saves a flat
    dict of tensors as safetensors; anything else (a whole model, an optimizer, a file object)
    fails in tinygrad."""
    from tinygrad.nn.state import safe_save

    safe_save(obj, f)


def load(f: Any, map_location: Any = None, weights_only: Any = None) -> dict[str, Tensor]:
    """``torch.load(f)`` -> ``tinygrad.nn.state.safe_load(f)`` (tensors on tinygrad's DISK device);
    a ``map_location`` device string becomes tinygrad's ``.to(map_location)`` on each tensor."""
    from tinygrad.nn.state import safe_load

    loaded = safe_load(f)
    if map_location is None:
        return loaded
    return {k: v.to(map_location) for k, v in loaded.items()}


# ---- devices: tinygrad names devices with plain strings ("CPU"); it has no device object ----
device = Device.canonicalize


def __getattr__(name: str) -> Any:
    return missing("torch", name)
