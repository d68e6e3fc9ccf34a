"""Autograd: the backward engine, with grad mode and the Function protocol re-exported.

Mirrors: torch.autograd (backward, grad, Function, no_grad...).  The graph is
recorded by :mod:`reference_impl.function`; :func:`run_backward` sorts it
iteratively (no recursion, so deep graphs are fine), then walks it once,
summing gradients with ``+``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reference_impl import grad_mode
from reference_impl.function import AccumulateGrad, Context, Function, Node, _edge, node_class
from reference_impl.grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled

if TYPE_CHECKING:
    from reference_impl.tensor import Tensor

__all__ = ["AccumulateGrad", "Context", "Function", "Node", "backward", "enable_grad", "grad", "inference_mode",
           "is_grad_enabled", "no_grad", "node_class", "run_backward", "set_grad_enabled"]


def _as_grad(root: Tensor, grad: Any) -> Tensor:
    from reference_impl.tensor import Tensor

    if grad is None:
        if root.numel() != 1:
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        from reference_impl import creation

        return creation.ones_like(root)
    if not isinstance(grad, Tensor):
        from reference_impl import creation

        return creation.tensor(grad, dtype=root.dtype, device=root.device)
    if tuple(grad.shape) != tuple(root.shape):
        raise RuntimeError(f"Mismatch in shape: grad_output[0] has a shape of {grad.shape} and "
                           f"output[0] has a shape of {root.shape}.")
    return grad


def _discover(roots: Iterable[Node]) -> dict[Node, int]:
    """Dependency counts of every node reachable from ``roots`` (iterative DFS)."""
    deps: dict[Node, int] = {}
    stack = [r for r in roots]
    seen = set(stack)
    while stack:
        node = stack.pop()
        for nxt, _ in node.next_functions:
            if nxt is None:
                continue
            deps[nxt] = deps.get(nxt, 0) + 1
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return deps


def run_backward(roots: Sequence[Tensor], grads: Sequence[Any], retain_graph: bool, create_graph: bool,
                 capture: dict[int, Any] | None = None, accumulate: bool = True) -> None:
    """Propagate gradients from ``roots`` through the recorded graph.

    Mirrors: torch's engine: dependencies counted first, each node run once
    after all its consumers; leaves accumulate into ``.grad`` (or, for
    ``autograd.grad``, the gradients of ``capture``'s tensors are collected).
    """
    pending: dict[Node, Any] = {}
    for root, g in zip(roots, grads, strict=False):
        if not root.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        node = _edge(root)
        assert node is not None
        g = _as_grad(root, g)
        pending[node] = g if node not in pending else pending[node] + g
    deps = _discover(pending)
    ready = [n for n in pending if deps.get(n, 0) == 0]
    prev = grad_mode._grad_enabled[0]
    grad_mode._grad_enabled[0] = create_graph
    try:
        while ready:
            node = ready.pop()
            grad = pending.pop(node, None)
            if grad is not None:
                for hook in node._hooks and [h for h in node._hooks]:
                    result = hook(grad)
                    grad = grad if result is None else result
                for ref in node._retained:
                    t = ref()
                    if t is not None:
                        t.grad = grad.detach() if t.grad is None else t.grad + grad.detach()
            if capture is not None and grad is not None:
                key = id(node)
                if key in capture:
                    capture[key] = grad if capture[key] is None else capture[key] + grad
            if isinstance(node, AccumulateGrad):
                if grad is not None and accumulate:
                    _accumulate(node.variable, grad, create_graph)
                continue
            in_grads: tuple[Any, ...] = ()
            if grad is not None:
                in_grads = node.apply(grad)
                if not retain_graph and node._ctx is not None:
                    node._ctx.free()
            for i, (nxt, _) in enumerate(node.next_functions):
                if nxt is None:
                    continue
                gi = in_grads[i] if i < len(in_grads) else None
                if gi is not None:
                    pending[nxt] = gi if nxt not in pending else pending[nxt] + gi
                deps[nxt] -= 1
                if deps[nxt] == 0:
                    ready.append(nxt)
    finally:
        grad_mode._grad_enabled[0] = prev


def _accumulate(leaf: Tensor, grad: Tensor, create_graph: bool) -> None:
    """``leaf.grad += grad`` (a fresh tensor the first time).  Mirrors: AccumulateGrad."""
    for hook in leaf._hooks:
        result = hook(grad)
        grad = grad if result is None else result
    if leaf.grad is None:
        leaf.grad = grad if create_graph else grad.detach().clone()
    elif create_graph:
        leaf.grad = leaf.grad + grad
    else:
        with no_grad():
            leaf.grad.add_(grad)


def backward(tensors: Any, grad_tensors: Any = None, retain_graph: bool | None = None,
             create_graph: bool = False, inputs: Any = None) -> None:
    """Mirrors: torch.autograd.backward."""
    from reference_impl.tensor import Tensor

    tensors = [tensors] if isinstance(tensors, Tensor) else list(tensors)
    if grad_tensors is None:
        grad_tensors = [None] * len(tensors)
    elif isinstance(grad_tensors, Tensor):
        grad_tensors = [grad_tensors]
    retain = create_graph if retain_graph is None else retain_graph
    if inputs is not None:
        inputs = [inputs] if isinstance(inputs, Tensor) else list(inputs)
        found = grad(tensors, inputs, grad_tensors, retain_graph=retain, create_graph=create_graph,
                     allow_unused=True)
        for t, g in zip(inputs, found, strict=False):
            if g is not None:
                _accumulate(t, g, create_graph)
        return
    run_backward(tensors, grad_tensors, retain, create_graph)


def grad(outputs: Any, inputs: Any, grad_outputs: Any = None, retain_graph: bool | None = None,
         create_graph: bool = False, allow_unused: bool | None = None,
         materialize_grads: bool = False) -> tuple[Any, ...]:
    """Gradients of ``outputs`` with respect to ``inputs``, without touching ``.grad``.

    Mirrors: torch.autograd.grad: an input the outputs do not depend on is an
    error unless ``allow_unused=True`` (then its gradient is None).
    """
    from reference_impl.tensor import Tensor

    outputs = [outputs] if isinstance(outputs, Tensor) else list(outputs)
    inputs = [inputs] if isinstance(inputs, Tensor) else list(inputs)
    if grad_outputs is None:
        grad_outputs = [None] * len(outputs)
    elif isinstance(grad_outputs, Tensor):
        grad_outputs = [grad_outputs]
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    nodes = [_edge(t) for t in inputs]
    capture: dict[int, Any] = {id(n): None for n in nodes if n is not None}
    retain = create_graph if retain_graph is None else retain_graph
    run_backward(outputs, grad_outputs, retain, create_graph, capture=capture, accumulate=False)
    result = []
    for t, n in zip(inputs, nodes, strict=False):
        g = capture.get(id(n)) if n is not None else None
        if g is None:
            if materialize_grads:
                from reference_impl import creation

                g = creation.zeros_like(t)
            elif not allow_unused:
                raise RuntimeError("One of the differentiated Tensors appears to not have been used in the "
                                   "graph. Set allow_unused=True if this is the desired behavior.")
        result.append(g)
    return tuple(result)
