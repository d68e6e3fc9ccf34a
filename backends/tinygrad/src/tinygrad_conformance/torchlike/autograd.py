"""torch.autograd onto tinygrad: ``grad`` is ``Tensor.gradient``, ``backward`` is ``Tensor.backward``."""

from __future__ import annotations

from typing import Any

from tinygrad import Tensor

from tinygrad_conformance.torchlike._missing import missing


def grad(outputs: Any, inputs: Any, grad_outputs: Any = None, **kwargs: Any) -> tuple[Tensor, ...]:
    """``torch.autograd.grad(y, xs)`` -> ``y.gradient(*xs)``.  torch's options (retain_graph,
    create_graph, allow_unused) have no tinygrad counterpart and are rejected."""
    if kwargs:
        raise TypeError(f"tinygrad's Tensor.gradient has no option {', '.join(kwargs)}")
    if isinstance(outputs, (list, tuple)):
        if len(outputs) != 1:
            raise TypeError("tinygrad's Tensor.gradient differentiates one output tensor")
        outputs = outputs[0]
    if isinstance(grad_outputs, (list, tuple)):
        grad_outputs = grad_outputs[0]
    single = isinstance(inputs, Tensor)
    return tuple(outputs.gradient(*([inputs] if single else list(inputs)), gradient=grad_outputs))


def backward(tensors: Any, grad_tensors: Any = None) -> None:
    if isinstance(tensors, (list, tuple)):
        if len(tensors) != 1:
            raise TypeError("tinygrad's Tensor.backward starts from one tensor")
        tensors = tensors[0]
    if isinstance(grad_tensors, (list, tuple)):
        grad_tensors = grad_tensors[0]
    tensors.backward(grad_tensors)


def __getattr__(name: str) -> Any:
    return missing("torch.autograd", name)
