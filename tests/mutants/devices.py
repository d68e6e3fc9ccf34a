"""Mutants of the devices area (run on cpu, with meta as the placement device)."""

from __future__ import annotations

import copy
import re
import sys
from typing import Any

import numpy as np

from tests.mutants import Mutant


def _cuda_always_available(torch: Any) -> None:
    torch.cuda.is_available = lambda: True


def _is_available_returns_int(torch: Any) -> None:
    original = torch.cuda.is_available
    torch.cuda.is_available = lambda: int(original())


def _version_is_a_tuple(torch: Any) -> None:
    torch.__version__ = tuple(int(p) for p in re.findall(r"\d+", str(torch.__version__))[:3])


def _cuda_version_is_a_number(torch: Any) -> None:
    torch.version.cuda = 12.1


def _wrap_device(torch: Any, parse: Any) -> None:
    original = torch.device

    def device(spec: Any, *args: Any) -> Any:
        return parse(original, spec, *args)

    torch.device = device


def _device_drops_index(torch: Any) -> None:
    _wrap_device(torch, lambda original, spec, *args: original(str(spec).split(":")[0]))


def _cuda_device_needs_gpu(torch: Any) -> None:
    def parse(original: Any, spec: Any, *args: Any) -> Any:
        made = original(spec, *args)
        if made.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError("no CUDA GPU")
        return made

    _wrap_device(torch, parse)


def _wrap_creation(torch: Any, keep: Any) -> None:
    """Creation functions called from outside torch pass on ``device=`` only when ``keep(device)``.

    torch's own Python code (meta kernels among it) calls torch.empty too; those calls are left alone.
    """
    for name in ("zeros", "ones", "empty", "randn", "tensor"):
        original = getattr(torch, name)

        def create(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if "device" in kwargs and not caller.startswith("torch") and not keep(kwargs["device"]):
                del kwargs["device"]
            return _original(*args, **kwargs)

        setattr(torch, name, create)


def _creation_ignores_device(torch: Any) -> None:
    _wrap_creation(torch, lambda device: False)


def _creation_ignores_device_objects(torch: Any) -> None:
    _wrap_creation(torch, lambda device: not isinstance(device, torch.device))


def _tensor_to_always_copies(torch: Any) -> None:
    original = torch.Tensor.to
    torch.Tensor.to = lambda self, *args, **kwargs: original(self, *args, **kwargs).clone()


def _tensor_cpu_always_copies(torch: Any) -> None:
    original = torch.Tensor.cpu
    torch.Tensor.cpu = lambda self, *args, **kwargs: original(self, *args, **kwargs).clone()


def _tensor_to_ignores_device(torch: Any) -> None:
    original = torch.Tensor.to

    def to(self: Any, *args: Any, **kwargs: Any) -> Any:
        dtype = kwargs.get("dtype") or next((a for a in args if isinstance(a, torch.dtype)), None)
        return self if dtype is None else original(self, dtype)

    torch.Tensor.to = to


def _module_to_returns_a_copy(torch: Any) -> None:
    original = torch.nn.Module.to
    torch.nn.Module.to = lambda self, *args, **kwargs: original(copy.deepcopy(self), *args, **kwargs)


def _implicit_device_transfer(torch: Any) -> None:
    """Binary + and F.linear move a CPU operand to the other operand's device."""
    add, linear = torch.Tensor.__add__, torch.nn.functional.linear

    def align(a: Any, b: Any) -> tuple[Any, Any]:
        if isinstance(b, torch.Tensor) and a.device != b.device:
            return (a.to(b.device), b) if a.device.type == "cpu" else (a, b.to(a.device))
        return a, b

    def linear_aligned(input: Any, weight: Any, bias: Any = None) -> Any:
        return linear(align(input, weight)[0], weight, bias)

    torch.Tensor.__add__ = lambda self, other: add(*align(self, other))
    torch.nn.functional.linear = linear_aligned


def _mixing_rejects_zero_dim_cpu(torch: Any) -> None:
    for name in ("__add__", "__mul__", "__rmul__", "__radd__"):
        original = getattr(torch.Tensor, name)

        def strict(self: Any, other: Any, _original: Any = original) -> Any:
            if isinstance(other, torch.Tensor) and other.device != self.device:
                raise RuntimeError(f"tensors on {self.device} and {other.device}")
            return _original(self, other)

        setattr(torch.Tensor, name, strict)


def _numpy_copies_to_host(torch: Any) -> None:
    original = torch.Tensor.numpy

    def numpy(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.device.type == "cpu":
            return original(self, *args, **kwargs)
        return np.zeros(tuple(self.shape), dtype=str(self.dtype).replace("torch.", ""))

    torch.Tensor.numpy = numpy


def _repr_hides_device(torch: Any) -> None:
    original = torch.Tensor.__repr__
    torch.Tensor.__repr__ = lambda self, *a, **k: re.sub(r",\s*device='[^']*'", "", original(self, *a, **k))


def _load_ignores_map_location(torch: Any) -> None:
    original = torch.load

    def load(f: Any, map_location: Any = None, *args: Any, **kwargs: Any) -> Any:
        return original(f, None, *args, **kwargs)

    torch.load = load


MUTANTS: list[Mutant] = [
    Mutant(
        name="cuda_always_available",
        description="torch.cuda.is_available() is True on a machine without a usable GPU",
        patch=_cuda_always_available,
        kills=("devices.cuda.is-available-is-a-bool-telling-whether-cuda-works",
               "devices.idiom.cuda-if-available-else-cpu", "devices.idiom.falls-back-to-cpu",
               "devices.version.cuda-is-the-compile-time-cuda-version"),
    ),
    Mutant(
        name="is_available_returns_int",
        description="torch.cuda.is_available() returns 0/1 instead of a bool",
        patch=_is_available_returns_int,
        kills=("devices.cuda.is-available-is-a-bool-telling-whether-cuda-works",),
    ),
    Mutant(
        name="version_is_a_tuple",
        description="torch.__version__ is a tuple of ints, not a string",
        patch=_version_is_a_tuple,
        kills=("devices.version.torch-version-is-a-version-string",),
    ),
    Mutant(
        name="cuda_version_is_a_number",
        description="torch.version.cuda is the float 12.1 instead of None or a 'major.minor' string",
        patch=_cuda_version_is_a_number,
        kills=("devices.version.cuda-is-the-compile-time-cuda-version",),
    ),
    Mutant(
        name="device_drops_index",
        description="torch.device('cuda:1') parses as torch.device('cuda'), losing the index",
        patch=_device_drops_index,
        kills=("devices.device.parses-type-and-index",),
    ),
    Mutant(
        name="cuda_device_needs_gpu",
        description="torch.device('cuda') raises when no GPU is available",
        patch=_cuda_device_needs_gpu,
        kills=("devices.device.cuda-device-object-needs-no-gpu",),
    ),
    Mutant(
        name="creation_ignores_device",
        description="zeros/ones/empty/randn/tensor ignore device= and build on the CPU",
        patch=_creation_ignores_device,
        kills=("devices.tensor.lives-on-either-device", "devices.tensor.results-stay-on-the-operands-device",
               "devices.creation.device-argument-places-the-tensor", "devices.mixing.ops-across-devices-raise",
               "devices.mixing.zero-dim-cpu-tensor-is-exempt"),
    ),
    Mutant(
        name="creation_ignores_device_objects",
        description="creation functions take device='meta' but treat a torch.device object as the CPU",
        patch=_creation_ignores_device_objects,
        kills=("devices.device.object-and-string-name-the-same-device",
               "devices.creation.device-argument-places-the-tensor"),
    ),
    Mutant(
        name="tensor_to_always_copies",
        description="Tensor.to copies even when the device and dtype already match",
        patch=_tensor_to_always_copies,
        kills=("devices.tensor.to-returns-self-when-nothing-changes",),
    ),
    Mutant(
        name="tensor_cpu_always_copies",
        description="Tensor.cpu() of a CPU tensor returns a copy",
        patch=_tensor_cpu_always_copies,
        kills=("devices.tensor.to-returns-self-when-nothing-changes",),
    ),
    Mutant(
        name="tensor_to_ignores_device",
        description="Tensor.to(device) leaves the tensor where it is",
        patch=_tensor_to_ignores_device,
        kills=("devices.tensor.to-returns-a-new-tensor-on-the-device", "devices.tensor.to-must-be-assigned-back",
               "devices.tensor.repr-names-a-non-cpu-device", "devices.module.to-moves-in-place-and-returns-it",
               "devices.numpy.arrays-live-on-the-cpu-only", "devices.tensor.every-tensor-must-be-moved-explicitly",
               "devices.training.batch-moved-next-to-the-net-runs", "devices.training.step-runs-on-the-device"),
    ),
    Mutant(
        name="module_to_returns_a_copy",
        description="Module.to moves and returns a copy, leaving the original model where it was",
        patch=_module_to_returns_a_copy,
        kills=("devices.module.to-moves-in-place-and-returns-it",),
    ),
    Mutant(
        name="implicit_device_transfer",
        description="+ and F.linear silently move a CPU operand to the other operand's device",
        patch=_implicit_device_transfer,
        kills=("devices.mixing.ops-across-devices-raise", "devices.tensor.every-tensor-must-be-moved-explicitly"),
    ),
    Mutant(
        name="mixing_rejects_zero_dim_cpu",
        description="+ and * raise for a 0-dim CPU tensor combined with a tensor on another device",
        patch=_mixing_rejects_zero_dim_cpu,
        kills=("devices.mixing.zero-dim-cpu-tensor-is-exempt",),
    ),
    Mutant(
        name="numpy_copies_to_host",
        description="Tensor.numpy() of a non-CPU tensor returns a host array instead of raising",
        patch=_numpy_copies_to_host,
        kills=("devices.numpy.arrays-live-on-the-cpu-only",
               "devices.numpy.doc-says-numpy-variables-can-be-put-on-the-gpu"),
    ),
    Mutant(
        name="repr_hides_device",
        description="repr of a tensor on a non-CPU device omits device='...'",
        patch=_repr_hides_device,
        kills=("devices.tensor.repr-names-a-non-cpu-device",),
    ),
    Mutant(
        name="load_ignores_map_location",
        description="torch.load ignores map_location and restores the saved device",
        patch=_load_ignores_map_location,
        kills=("devices.checkpoint.load-restores-the-saved-device-unless-map-location",),
    ),
]
