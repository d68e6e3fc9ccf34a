"""Mutants of the autograd and no_grad areas: each breaks one documented autograd behaviour."""

from __future__ import annotations

from typing import Any

from tests.mutants import Mutant


def _leaves(root: Any) -> list[Any]:
    """The leaf tensors whose accumulators the graph of ``root`` reaches."""
    found, stack, seen = [], [root.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if hasattr(node, "variable"):
            found.append(node.variable)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return found


def _backward_overwrites(torch: Any) -> None:
    original = torch.Tensor.backward

    def backward(self: Any, *args: Any, **kwargs: Any) -> Any:
        for leaf in _leaves(self):
            leaf.grad = None
        return original(self, *args, **kwargs)

    torch.Tensor.backward = backward


def _backward_halves_gradients(torch: Any) -> None:
    original = torch.Tensor.backward

    def backward(self: Any, gradient: Any = None, *args: Any, **kwargs: Any) -> Any:
        seed = torch.ones_like(self) if gradient is None else gradient
        return original(self, seed * 0.5, *args, **kwargs)

    torch.Tensor.backward = backward


def _backward_always_retains_graph(torch: Any) -> None:
    original = torch.Tensor.backward
    torch.Tensor.backward = lambda self, gradient=None, retain_graph=None, *a, **k: original(
        self, gradient, True, *a, **k)


def _backward_seeds_non_scalars_with_ones(torch: Any) -> None:
    original = torch.Tensor.backward
    torch.Tensor.backward = lambda self, gradient=None, *a, **k: original(
        self, torch.ones_like(self) if gradient is None else gradient, *a, **k)


def _autograd_grad_doubles(torch: Any) -> None:
    original = torch.autograd.grad
    torch.autograd.grad = lambda *a, **k: tuple(None if g is None else 2 * g for g in original(*a, **k))


def _zero_grad_is_noop(torch: Any) -> None:
    torch.nn.Module.zero_grad = lambda self, set_to_none=True: None
    torch.optim.Optimizer.zero_grad = lambda self, set_to_none=True: None


def _zero_grad_fills_zeros_by_default(torch: Any) -> None:
    for cls in (torch.nn.Module, torch.optim.Optimizer):
        original = cls.zero_grad

        def zero_grad(self: Any, set_to_none: bool = False, _f: Any = original) -> None:
            _f(self, set_to_none)

        cls.zero_grad = zero_grad


def _zero_grad_always_sets_none(torch: Any) -> None:
    for cls in (torch.nn.Module, torch.optim.Optimizer):
        original = cls.zero_grad

        def zero_grad(self: Any, set_to_none: bool = True, _f: Any = original) -> None:
            _f(self, True)

        cls.zero_grad = zero_grad


def _linear_not_recorded(torch: Any) -> None:
    original = torch.nn.functional.linear

    def linear(*args: Any, **kwargs: Any) -> Any:
        with torch.no_grad():
            return original(*args, **kwargs)

    torch.nn.functional.linear = linear


def _mul_not_recorded(torch: Any) -> None:
    original = torch.Tensor.__mul__

    def mul(self: Any, other: Any) -> Any:
        with torch.no_grad():
            return original(self, other)

    torch.Tensor.__mul__ = mul


def _add_makes_a_leaf(torch: Any) -> None:
    original = torch.Tensor.__add__
    torch.Tensor.__add__ = lambda self, other: original(self, other).detach().requires_grad_(self.requires_grad)


def _mean_is_sum_over_numel(torch: Any) -> None:
    torch.Tensor.mean = lambda self, *a, **k: self.sum(*a, **k) / self.numel()


def _mul_adds(torch: Any) -> None:
    torch.Tensor.__mul__ = torch.Tensor.__add__


def _tensor_always_requires_grad(torch: Any) -> None:
    original = torch.tensor

    def tensor(data: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.pop("requires_grad", None)
        result = original(data, *args, **kwargs)
        return result.requires_grad_() if result.is_floating_point() else result

    torch.tensor = tensor


def _requires_grad_cannot_be_switched_off(torch: Any) -> None:
    original = torch.Tensor.requires_grad_
    torch.Tensor.requires_grad_ = lambda self, requires_grad=True: original(self, True)


def _requires_grad_off_allowed_on_non_leaves(torch: Any) -> None:
    original = torch.Tensor.requires_grad_

    def requires_grad_(self: Any, requires_grad: bool = True) -> Any:
        return self if self.grad_fn is not None and not requires_grad else original(self, requires_grad)

    torch.Tensor.requires_grad_ = requires_grad_


def _retain_grad_is_noop(torch: Any) -> None:
    torch.Tensor.retain_grad = lambda self: None


def _detach_keeps_the_graph(torch: Any) -> None:
    torch.Tensor.detach = lambda self: self.view_as(self)


def _no_grad_records(torch: Any) -> None:
    torch.no_grad = torch.enable_grad


def _no_grad_exit_enables(torch: Any) -> None:
    class no_grad(torch.no_grad):  # noqa: N801 - mirrors the name it replaces
        def __exit__(self, *exc: Any) -> None:
            torch._C._set_grad_enabled(True)

    torch.no_grad = no_grad


def _no_grad_exit_skipped_on_error(torch: Any) -> None:
    class no_grad(torch.no_grad):  # noqa: N801
        def __exit__(self, exc_type: Any, *rest: Any) -> None:
            if exc_type is None:
                super().__exit__(exc_type, *rest)

    torch.no_grad = no_grad


def _is_grad_enabled_always_true(torch: Any) -> None:
    torch.is_grad_enabled = lambda: True


def _set_grad_enabled_ignored(torch: Any) -> None:
    class set_grad_enabled(torch.no_grad):  # noqa: N801 - a do-nothing context and call
        def __init__(self, mode: bool) -> None:
            super().__init__()

        def __enter__(self) -> None:
            return None

        def __exit__(self, *exc: Any) -> None:
            return None

    torch.set_grad_enabled = set_grad_enabled


def _enable_grad_ignored(torch: Any) -> None:
    class enable_grad(torch.enable_grad):  # noqa: N801
        def __enter__(self) -> None:
            return None

        def __exit__(self, *exc: Any) -> None:
            return None

    torch.enable_grad = enable_grad


_IN_PLACE = ("__isub__", "sub_", "add_", "mul_", "zero_")


def _in_place_on_leaves_always_allowed(torch: Any) -> None:
    for name in _IN_PLACE:
        original = getattr(torch.Tensor, name)

        def allowed(self: Any, *args: Any, _f: Any = original, **kwargs: Any) -> Any:
            with torch.no_grad():
                return _f(self, *args, **kwargs)

        setattr(torch.Tensor, name, allowed)


def _in_place_on_leaves_always_refused(torch: Any) -> None:
    for name in _IN_PLACE:
        original = getattr(torch.Tensor, name)

        def refused(self: Any, *args: Any, _f: Any = original, **kwargs: Any) -> Any:
            if self.is_leaf and self.requires_grad:
                raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
            return _f(self, *args, **kwargs)

        setattr(torch.Tensor, name, refused)


GRADIENT_VALUES = (
    "autograd.overview.builtin-module-computes-gradients",
    "autograd.overview.loss-backward-grads-trainable-parameters",
    "autograd.example.tensor-times-two-has-grad-two",
    "autograd.intro.derivatives-of-math-functions",
    "autograd.intro.chain-rule",
    "autograd.intro.gradients-of-every-layer",
    "autograd.graph.built-at-run-time",
    "autograd.module.grad-matches-backward",
    "autograd.example.backward-gives-three-halves-of-x-plus-two",
    "autograd.leaf.non-leaf-grad-needs-retain-grad",
    "autograd.backward.non-scalar-needs-gradient",
    "autograd.training.iteration-gradients-update-parameters",
    "autograd.module.backward-created-from-forward",
    "autograd.accumulation.backward-adds-into-grad",
    "autograd.accumulation.micro-batches-add-up-to-full-batch",
    "no_grad.requires-grad-false-gets-no-grad",
    "no_grad.detach-stops-gradient",
)

MUTANTS: list[Mutant] = [
    Mutant("backward_overwrites_grad", "backward() replaces .grad instead of adding to it", _backward_overwrites,
           ("autograd.accumulation.backward-adds-into-grad", "autograd.accumulation.micro-batches-add-up-to-full-batch",
            "autograd.accumulation.grad-follows-backward-zero-grad-step",
            "autograd.backward.graph-freed-unless-retained")),
    Mutant("backward_halves_gradients", "Tensor.backward() seeds with 0.5 instead of 1 (or gradient/2)",
           _backward_halves_gradients, GRADIENT_VALUES),
    Mutant("backward_always_retains_graph", "backward() never frees the graph", _backward_always_retains_graph,
           ("autograd.backward.graph-freed-unless-retained",)),
    Mutant("backward_seeds_non_scalars_with_ones", "backward() on a non-scalar silently uses ones as gradient",
           _backward_seeds_non_scalars_with_ones, ("autograd.backward.non-scalar-needs-gradient",)),
    Mutant("autograd_grad_doubles", "torch.autograd.grad returns twice the gradient", _autograd_grad_doubles,
           ("autograd.module.grad-matches-backward",)),
    Mutant("zero_grad_is_noop", "Module.zero_grad and Optimizer.zero_grad do nothing", _zero_grad_is_noop,
           ("autograd.accumulation.net-zero-grad-clears-to-none",
            "autograd.accumulation.zero-grad-set-to-none-false-gives-zeros",
            "autograd.accumulation.optimizer-zero-grad-clears",
            "autograd.accumulation.grad-follows-backward-zero-grad-step")),
    Mutant("zero_grad_fills_zeros_by_default", "zero_grad() defaults to set_to_none=False (torch < 2.0)",
           _zero_grad_fills_zeros_by_default,
           ("autograd.accumulation.net-zero-grad-clears-to-none", "autograd.accumulation.optimizer-zero-grad-clears",
            "autograd.accumulation.grad-follows-backward-zero-grad-step")),
    Mutant("zero_grad_always_sets_none", "zero_grad(set_to_none=False) still sets .grad to None",
           _zero_grad_always_sets_none,
           ("autograd.accumulation.zero-grad-set-to-none-false-gives-zeros",
            "autograd.accumulation.optimizer-zero-grad-clears",
            "autograd.accumulation.grad-follows-backward-zero-grad-step")),
    Mutant("linear_not_recorded", "F.linear runs outside the graph", _linear_not_recorded,
           ("autograd.overview.forward-is-recorded",)),
    Mutant("mul_not_recorded", "x * y is not recorded by autograd", _mul_not_recorded,
           ("autograd.requires-grad.operations-are-tracked", "autograd.example.grad-fn-names")),
    Mutant("add_makes_a_leaf", "x + y returns a fresh leaf, cutting the graph", _add_makes_a_leaf,
           ("autograd.graph.each-op-extends-graph", "autograd.example.grad-fn-names",
            "autograd.leaf.non-leaf-grad-needs-retain-grad")),
    Mutant("mean_is_sum_over_numel", "Tensor.mean is sum() / numel() (DivBackward0, not MeanBackward0)",
           _mean_is_sum_over_numel,
           ("autograd.example.grad-fn-names", "autograd.example.program-prints-x-then-out")),
    Mutant("mul_adds", "Tensor.__mul__ adds", _mul_adds,
           ("autograd.example.printed-out-is-three-mean-square",
            "autograd.example.backward-gives-three-halves-of-x-plus-two")),
    Mutant("tensor_always_requires_grad", "torch.tensor ignores requires_grad and records float tensors",
           _tensor_always_requires_grad,
           ("autograd.requires-grad.attribute-and-default", "autograd.requires-grad.operations-are-tracked",
            "no_grad.requires-grad-false-gets-no-grad")),
    Mutant("requires_grad_cannot_be_switched_off", "requires_grad_(False) leaves requires_grad True",
           _requires_grad_cannot_be_switched_off,
           ("autograd.requires-grad.attribute-and-default", "no_grad.requires-grad-false-gets-no-grad",
            "autograd.overview.loss-backward-grads-trainable-parameters")),
    Mutant("requires_grad_off_allowed_on_non_leaves", "y.requires_grad_(False) on a non-leaf is silently ignored",
           _requires_grad_off_allowed_on_non_leaves, ("no_grad.requires-grad-false-only-on-leaves",)),
    Mutant("retain_grad_is_noop", "retain_grad() does nothing", _retain_grad_is_noop,
           ("autograd.leaf.non-leaf-grad-needs-retain-grad",)),
    Mutant("detach_keeps_the_graph", "detach() returns a view still in the graph", _detach_keeps_the_graph,
           ("no_grad.detach-stops-gradient",)),
    Mutant("no_grad_records", "torch.no_grad() is enable_grad(): nothing is switched off", _no_grad_records,
           ("no_grad.example.y-has-no-graph", "no_grad.results-are-untracked",
            "no_grad.mode.is-grad-enabled-follows-no-grad", "no_grad.mode.enable-grad-inside-no-grad",
            "no_grad.mode.decorator-form", "no_grad.inplace.leaf-update-allowed-inside",
            "no_grad.mode.nested-restores-previous", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("no_grad_exit_enables", "leaving no_grad enables grad instead of restoring the previous mode",
           _no_grad_exit_enables,
           ("no_grad.mode.nested-restores-previous", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("no_grad_exit_skipped_on_error", "no_grad does not restore the mode when its block raises",
           _no_grad_exit_skipped_on_error,
           ("no_grad.mode.restored-after-exception", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("is_grad_enabled_always_true", "torch.is_grad_enabled() always says True",
           _is_grad_enabled_always_true,
           ("no_grad.mode.is-grad-enabled-follows-no-grad", "no_grad.mode.set-grad-enabled",
            "no_grad.mode.decorator-form", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("set_grad_enabled_ignored", "torch.set_grad_enabled(flag) changes nothing", _set_grad_enabled_ignored,
           ("no_grad.mode.set-grad-enabled", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("enable_grad_ignored", "torch.enable_grad() changes nothing", _enable_grad_ignored,
           ("no_grad.mode.enable-grad-inside-no-grad", "no_grad.mode.any-nesting-of-contexts")),
    Mutant("in_place_on_leaves_always_allowed", "in-place ops on requires_grad leaves run without error",
           _in_place_on_leaves_always_allowed, ("no_grad.inplace.leaf-update-refused-outside",)),
    Mutant("in_place_on_leaves_always_refused", "in-place ops on requires_grad leaves raise even under no_grad",
           _in_place_on_leaves_always_refused, ("no_grad.inplace.leaf-update-allowed-inside",)),
]
