"""Graph nodes and the Function protocol: how a primitive records itself.

Mirrors: torch.autograd.Function and the nodes of torch's graph.  Each
differentiable primitive is a :class:`Function` whose ``forward`` computes on
flat buffers and whose ``backward`` returns one gradient per input.  Calling it
records a node whose class is named as torch names it (``AddBackward0``...),
with ``next_functions`` pointing at the inputs' nodes (``AccumulateGrad`` for
leaves).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reference_impl import grad_mode

if TYPE_CHECKING:
    from reference_impl.tensor import Tensor


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
        if not grad_mode._grad_enabled[0]:
            return cls.forward(ctx, *args, **kwargs)
        record = any(getattr(a, "requires_grad", False) for a in args)
        if record:
            grad_mode._grad_enabled[0] = False
            try:
                out = cls.forward(ctx, *args, **kwargs)
            finally:
                grad_mode._grad_enabled[0] = True
        else:
            return cls.forward(ctx, *args, **kwargs)
        inputs = [a if hasattr(a, "_accumulator") else None for a in args]
        node = node_class(ctx.name or cls.name)(cls, ctx, inputs)
        if any(out is a for a in args):
            out = out._alias()
        out.grad_fn = node
        out._requires_grad = True
        return out
