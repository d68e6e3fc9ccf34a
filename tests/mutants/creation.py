"""Mutants of the creation and numpy_interop areas: factories, dtypes, prints and numpy sharing."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.mutants import Mutant


def _wrap(torch: Any, name: str, make: Any) -> None:
    """Replace torch.<name> by make(original)."""
    setattr(torch, name, make(getattr(torch, name)))


def _wrap_method(torch: Any, name: str, make: Any) -> None:
    """Replace torch.Tensor.<name> by make(original)."""
    setattr(torch.Tensor, name, make(getattr(torch.Tensor, name)))


def _zeros_fills_ones(torch: Any) -> None:
    torch.zeros = torch.ones


def _ones_fills_twos(torch: Any) -> None:
    _wrap(torch, "ones", lambda ones: lambda *a, **k: ones(*a, **k).add_(1))


def _default_dtype_float64(torch: Any) -> None:
    torch.set_default_dtype(torch.float64)


def _randn_not_random(torch: Any) -> None:
    def make(randn: Any) -> Any:
        def same_every_time(*a: Any, **k: Any) -> Any:
            torch.manual_seed(0)
            return randn(*a, **k)
        return same_every_time
    _wrap(torch, "randn", make)


def _randn_rejects_device(torch: Any) -> None:
    def make(randn: Any) -> Any:
        def no_device(*a: Any, **k: Any) -> Any:
            if "device" in k:
                raise TypeError("randn() got an unexpected keyword argument 'device'")
            return randn(*a, **k)
        return no_device
    _wrap(torch, "randn", make)


def _randn_std_two(torch: Any) -> None:
    _wrap(torch, "randn", lambda randn: lambda *a, **k: randn(*a, **k).mul_(2))


def _rand_is_randn(torch: Any) -> None:
    torch.rand = torch.randn


def _empty_has_no_elements(torch: Any) -> None:
    _wrap(torch, "empty", lambda empty: lambda *a, **k: empty(0, **k))


def _long_is_int32(torch: Any) -> None:
    torch.long = torch.int32


def _ones_like_is_float32(torch: Any) -> None:
    torch.ones_like = lambda x, *a, **k: torch.ones(tuple(x.shape), device=x.device)


def _tensor_ints_as_int32(torch: Any) -> None:
    def make(tensor: Any) -> Any:
        def int32_by_default(data: Any, *a: Any, **k: Any) -> Any:
            x = tensor(data, *a, **k)
            return x.to(torch.int32) if x.dtype == torch.int64 and "dtype" not in k else x
        return int32_by_default
    _wrap(torch, "tensor", make)


def _tensor_ignores_dtype(torch: Any) -> None:
    def make(tensor: Any) -> Any:
        def dtype_dropped(data: Any, *a: Any, dtype: Any = None, **k: Any) -> Any:
            return tensor(data, *a, **k)
        return dtype_dropped
    _wrap(torch, "tensor", make)


def _tensor_of_array_ignores_its_dtype(torch: Any) -> None:
    def make(tensor: Any) -> Any:
        def as_list(data: Any, *a: Any, **k: Any) -> Any:
            return tensor(data.tolist() if isinstance(data, np.ndarray) else data, *a, **k)
        return as_list
    _wrap(torch, "tensor", make)


def _tensor_shares_numpy_memory(torch: Any) -> None:
    def make(tensor: Any) -> Any:
        def shared(data: Any, *a: Any, **k: Any) -> Any:
            return torch.as_tensor(data, *a, **k) if isinstance(data, np.ndarray) else tensor(data, *a, **k)
        return shared
    _wrap(torch, "tensor", make)


def _repr_always_shows_dtype(torch: Any) -> None:
    def make(original: Any) -> Any:
        def with_dtype(self: Any, *a: Any, **k: Any) -> str:
            shown = original(self, *a, **k)
            return shown if "dtype=" in shown else f"{shown[:-1]}, dtype={self.dtype})"
        return with_dtype
    _wrap_method(torch, "__repr__", make)


def _repr_always_shows_device(torch: Any) -> None:
    def make(original: Any) -> Any:
        def with_device(self: Any, *a: Any, **k: Any) -> str:
            shown = original(self, *a, **k)
            return shown if "device=" in shown else f"{shown[:-1]}, device='{self.device}')"
        return with_device
    _wrap_method(torch, "__repr__", make)


def _print_precision_6(torch: Any) -> None:
    torch.set_printoptions(precision=6)


def _element_size_in_bits(torch: Any) -> None:
    _wrap_method(torch, "element_size", lambda element_size: lambda self: 8 * element_size(self))


def _ones_ignores_device(torch: Any) -> None:
    _wrap(torch, "ones", lambda ones: lambda *a, device=None, **k: ones(*a, **k))


def _to_ignores_device(torch: Any) -> None:
    def make(to: Any) -> Any:
        def device_dropped(self: Any, *a: Any, **k: Any) -> Any:
            k.pop("device", None)
            a = tuple(x for x in a if not isinstance(x, (str, torch.device)))
            return to(self, *a, **k) if a or k else self
        return device_dropped
    _wrap_method(torch, "to", make)


def _size_is_a_list(torch: Any) -> None:
    _wrap_method(torch, "size", lambda size: lambda self, *a: size(self, *a) if a else list(size(self)))


def _from_numpy_float32(torch: Any) -> None:
    def make(from_numpy: Any) -> Any:
        def float32(a: Any) -> Any:
            x = from_numpy(a)
            return x.float() if x.is_floating_point() else x
        return float32
    _wrap(torch, "from_numpy", make)


def _from_numpy_copies(torch: Any) -> None:
    _wrap(torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(a.copy()))


def _numpy_copies(torch: Any) -> None:
    _wrap_method(torch, "numpy", lambda numpy: lambda self, *a, **k: numpy(self, *a, **k).copy())


def _m(name: str, description: str, patch: Any, *kills: str) -> Mutant:
    return Mutant(name=name, description=description, patch=patch, kills=kills)


MUTANTS: list[Mutant] = [
    _m("zeros_fills_ones", "torch.zeros fills with 1", _zeros_fills_ones,
       "creation.zeros.all-zero-float32", "creation.zeros-ones.filled-for-every-dtype",
       "creation.zeros.prints-as-documented", "creation.zeros-ones.doc-example-2x3",
       "creation.zeros.dtype-long-is-int64"),
    _m("ones_fills_twos", "torch.ones fills with 2", _ones_fills_twos,
       "creation.ones.all-one-float32", "creation.zeros-ones.filled-for-every-dtype",
       "creation.ones.prints-as-documented", "creation.zeros-ones.doc-example-2x3"),
    _m("default_dtype_float64", "the default float dtype is float64, not float32", _default_dtype_float64,
       "creation.zeros.all-zero-float32", "creation.ones.all-one-float32", "creation.empty.shape-and-default-dtype",
       "creation.rand.random-matrix-in-unit-interval", "creation.randn.random-2x3-float32",
       "creation.tensor.from-nested-lists", "broadcasting.scalar.python-number-applies-to-every-element"),
    _m("randn_not_random", "torch.randn reseeds itself: every call draws the same values", _randn_not_random,
       "creation.randn.random-2x3-float32"),
    _m("randn_rejects_device", "torch.randn does not accept device=", _randn_rejects_device,
       "creation.randn.on-requested-device"),
    _m("randn_std_two", "torch.randn draws with standard deviation 2", _randn_std_two,
       "creation.randn.standard-normal"),
    _m("rand_is_randn", "torch.rand draws from N(0, 1), not U[0, 1)", _rand_is_randn,
       "creation.rand.random-matrix-in-unit-interval", "creation.rand.uniform-on-half-open-unit-interval"),
    _m("empty_has_no_elements", "torch.empty(5, 3) has 0 elements", _empty_has_no_elements,
       "creation.empty.uninitialized-not-empty", "creation.empty.shape-and-default-dtype"),
    _m("long_is_int32", "torch.long is int32", _long_is_int32, "creation.zeros.dtype-long-is-int64"),
    _m("ones_like_is_float32", "torch.ones_like ignores the input's dtype", _ones_like_is_float32,
       "creation.ones-like.same-shape-and-dtype"),
    _m("tensor_ints_as_int32", "torch.tensor infers int32 for Python ints", _tensor_ints_as_int32,
       "creation.tensor.python-ints-give-int64", "creation.tensor.from-nested-lists",
       "numpy_interop.from-list-and-from-numpy-agree"),
    _m("tensor_ignores_dtype", "torch.tensor ignores dtype=", _tensor_ignores_dtype,
       "creation.tensor.dtype-argument", "creation.dtype.sets-element-size-and-meaning"),
    _m("tensor_of_array_ignores_its_dtype", "torch.tensor(ndarray) infers the dtype from Python values",
       _tensor_of_array_ignores_its_dtype, "numpy_interop.tensor.like-a-numpy-array"),
    _m("tensor_shares_numpy_memory", "torch.tensor(ndarray) shares the array's memory",
       _tensor_shares_numpy_memory, "numpy_interop.tensor-of-array-copies"),
    _m("repr_always_shows_dtype", "print(x) names the dtype even when it is the default",
       _repr_always_shows_dtype, "creation.zeros.prints-as-documented", "creation.ones.prints-as-documented",
       "creation.print.floats-with-four-decimals", "numpy_interop.from-numpy.int-array-prints-as-documented"),
    _m("repr_always_shows_device", "print(x) names the device even on the cpu", _repr_always_shows_device,
       "creation.print.cpu-tensor-shows-no-device"),
    _m("print_precision_6", "print shows 6 decimals", _print_precision_6,
       "creation.print.floats-with-four-decimals"),
    _m("element_size_in_bits", "element_size() counts bits", _element_size_in_bits,
       "creation.dtype.sets-element-size-and-meaning"),
    _m("ones_ignores_device", "torch.ones(..., device=d) stays on the cpu", _ones_ignores_device,
       "creation.device.tensor-lives-on-another-device"),
    _m("to_ignores_device", "x.to(device) leaves x where it is", _to_ignores_device,
       "creation.device.to-moves-between-devices"),
    _m("size_is_a_list", "x.size() returns a list", _size_is_a_list, "creation.size.is-a-tuple"),
    _m("from_numpy_float32", "torch.from_numpy converts floats to float32", _from_numpy_float32,
       "numpy_interop.from-numpy.keeps-shape-dtype-values", "numpy_interop.from-numpy.float64-stays-float64"),
    _m("from_numpy_copies", "torch.from_numpy copies the array", _from_numpy_copies,
       "numpy_interop.from-numpy.shares-memory-both-ways",
       "numpy_interop.round-trip.numpy-of-from-numpy-is-the-array"),
    _m("numpy_copies", "Tensor.numpy() returns a copy", _numpy_copies,
       "numpy_interop.numpy.shares-memory-with-tensor"),
]
