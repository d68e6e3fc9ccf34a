"""Autograd: grad mode, graph nodes, the Function protocol and the backward engine.

Mirrors: torch.autograd.  Each differentiable primitive is a
:class:`Function` whose ``forward`` computes on flat buffers and whose
``backward`` returns one gradient per input, three lines below.  Calling it
records a node whose class is named as torch names it (``AddBackward0``...),
with ``next_functions`` pointing at the inputs' nodes (``AccumulateGrad`` for
leaves).  :func:`run_backward` sorts the graph iteratively (no recursion, so
deep graphs are fine), then walks it once, summing gradients with ``+``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

if TYPE_CHECKING:
    from reference_impl.tensor import Tensor

_grad_enabled = [True]


def is_grad_enabled() -> bool:
    """Mirrors: torch.is_grad_enabled()."""
    return _grad_enabled[0]


class _GradMode:
    """Base of the grad-mode switches: context manager and decorator.

    Mirrors: torch.autograd.grad_mode._DecoratorContextManager: the previous
    mode is restored on exit, also when the block raises.
    """

    _mode: bool = False

    def __init__(self) -> None:
        self._prev: list[bool] = []

    def __enter__(self) -> None:
        self._prev.append(_grad_enabled[0])
        _grad_enabled[0] = self._mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev.pop()

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.__class__():
                return fn(*args, **kwargs)
        return wrapper

    def clone(self) -> _GradMode:
        return self.__class__()


class no_grad(_GradMode):
    """Disable graph recording.  Mirrors: torch.no_grad."""

    _mode = False


class enable_grad(_GradMode):
    """Enable graph recording.  Mirrors: torch.enable_grad."""

    _mode = True


class inference_mode(no_grad):
    """Mirrors: torch.inference_mode, approximated by no_grad."""

    def __init__(self, mode: bool = True) -> None:
        super().__init__()
        self._mode = not mode


class set_grad_enabled(_GradMode):
    """Set grad mode now; as a context manager, restore it on exit.

    Mirrors: torch.set_grad_enabled(mode): the mode takes effect at
    construction, so a plain call works too.
    """

    def __init__(self, mode: bool) -> None:
        super().__init__()
        self._mode = bool(mode)
        self._prev.append(_grad_enabled[0])
        _grad_enabled[0] = self._mode

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self._prev.pop()

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        _grad_enabled[0] = self._prev.pop()
        mode = self._mode

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)
        return wrapper


class Node:
    """A recorded operation (a tensor's ``grad_fn``).

    Mirrors: torch.autograd.graph.Node: ``name()``, ``next_functions``,
    ``register_hook``.  Subclasses exist only to carry torch's class names.
    """

    def __init__(self, fn: type[Function] | None, ctx: Context | None, inputs: Sequence[Any]) -> None:
        self._fn = fn
        self._ctx = ctx
        self.next_functions: tuple[tuple[Node | None, int], ...] = tuple(
            (_edge(t), 0) for t in inputs)
        self._hooks: list[Callable[..., Any]] = []
        self._retained: list[Any] = []

    def name(self) -> str:
        return type(self).__name__

    def register_hook(self, hook: Callable[..., Any]) -> None:
        self._hooks.append(hook)

    def apply(self, grad: Tensor) -> tuple[Tensor | None, ...]:
        if self._ctx is None or self._ctx.freed:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved tensors "
                "after they have already been freed). Saved intermediate values of the graph are freed "
                "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                "backward through the graph a second time or if you need to access saved tensors after "
                "calling backward.")
        assert self._fn is not None
        return self._fn.backward(self._ctx, grad)

    def __repr__(self) -> str:
        return f"<{self.name()} object at {hex(id(self))}>"


class AccumulateGrad(Node):
    """The sink of a leaf: adds incoming gradients into ``variable.grad``."""

    def __init__(self, variable: Tensor) -> None:
        self._fn = None
        self._ctx = None
        self.next_functions = ()
        self._hooks = []
        self._retained = []
        self.variable = variable


_NODE_CLASSES: dict[str, type[Node]] = {}


def node_class(name: str) -> type[Node]:
    """The Node subclass named ``name`` (``AddBackward0``...), made once."""
    cls = _NODE_CLASSES.get(name)
    if cls is None:
        cls = _NODE_CLASSES[name] = type(name, (Node,), {"__doc__": f"Mirrors torch's {name}."})
    return cls


def _edge(t: Any) -> Node | None:
    if t is None or not getattr(t, "requires_grad", False):
        return None
    if t.grad_fn is not None:
        return t.grad_fn  # type: ignore[no-any-return]
    acc = t._accumulator
    if acc is None:
        acc = t._accumulator = AccumulateGrad(t)
    return acc  # type: ignore[no-any-return]


class Context:
    """What a forward leaves for its backward.

    ``save`` records tensors with their version, so that a later in-place
    change is detected when the backward needs them (as torch does).
    """

    __slots__ = ("_saved", "freed", "name", "__dict__")

    def __init__(self) -> None:
        self._saved: tuple[tuple[Any, int], ...] = ()
        self.freed = False
        self.name: str | None = None

    def save(self, *tensors: Any) -> None:
        self._saved = tuple((t, t._version if t is not None else 0) for t in tensors)

    def saved(self) -> tuple[Any, ...]:
        for t, version in self._saved:
            if t is not None and t._version != version:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been modified by an "
                    f"inplace operation: [{t.type_name()} {list(t.shape)}] is at version {t._version}; "
                    f"expected version {version} instead.")
        return tuple(t for t, _ in self._saved)

    def save_for_backward(self, *tensors: Any) -> None:
        """Mirrors: FunctionCtx.save_for_backward (custom Functions)."""
        self.save(*tensors)

    @property
    def saved_tensors(self) -> tuple[Any, ...]:
        return self.saved()

    def free(self) -> None:
        self._saved = ()
        self.__dict__.clear()
        self.freed = True


class Function:
    """A differentiable primitive: ``forward`` and ``backward`` side by side.

    ``apply`` runs forward without recording, then, if grad mode is on and an
    input requires grad, attaches a node to the result.  ``backward`` gets the
    output's gradient and returns one gradient (or None) per positional input.
    """

    name = "Backward0"

    @staticmethod
    def forward(ctx: Context, *args: Any, **kwargs: Any) -> Tensor:
        raise NotImplementedError

    @staticmethod
    def backward(ctx: Context, grad: Tensor) -> tuple[Tensor | None, ...]:
        raise NotImplementedError

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Tensor:
        ctx = Context()
        if not _grad_enabled[0]:
            return cls.forward(ctx, *args, **kwargs)
        record = any(getattr(a, "requires_grad", False) for a in args)
        if record:
            _grad_enabled[0] = False
            try:
                out = cls.forward(ctx, *args, **kwargs)
            finally:
                _grad_enabled[0] = True
        else:
            return cls.forward(ctx, *args, **kwargs)
        inputs = [a if hasattr(a, "_accumulator") else None for a in args]
        node = node_class(ctx.name or cls.name)(cls, ctx, inputs)
        if any(out is a for a in args):
            out = out._alias()
        out.grad_fn = node
        out._requires_grad = True
        return out


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
    for root, g in zip(roots, grads):
        if not root.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        node = _edge(root)
        assert node is not None
        g = _as_grad(root, g)
        pending[node] = g if node not in pending else pending[node] + g
    deps = _discover(pending)
    ready = [n for n in pending if deps.get(n, 0) == 0]
    prev = _grad_enabled[0]
    _grad_enabled[0] = create_graph
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
        _grad_enabled[0] = prev


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
        for t, g in zip(inputs, found):
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
    for t, n in zip(inputs, nodes):
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
