"""Stopping gradients: torch.no_grad(), requires_grad=False, detach(), and the grad mode.

The basics tutorial (lines 180-188): to keep gradients from being computed, use
``with torch.no_grad():`` or set requires_grad=False.  The claims also pin down
the grad mode that no_grad switches: is_grad_enabled, its restoration on exit,
nesting with enable_grad and set_grad_enabled, and in-place updates of leaves.
"""

from __future__ import annotations

import contextlib

from spec import expect, stateful
from spec._claim import claim
from spec._interop import tensor_from
from spec.autograd import TRACKED
from spec.seeds import BASICS

STOP_QUOTE = (
    "如果你不希望某些张量的梯度被计算（例如，当你不需要反向传播时），"
    "可以使用 torch.no_grad() 或设置 requires_grad=False。"
)
WITH_QUOTE = "# 使用 torch.no_grad() 禁用梯度计算\nwith torch.no_grad():"
LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation"


@contextlib.contextmanager
def restoring_grad_mode(t):
    """Put the grad mode back however the check ends, so one broken backend claim cannot leak."""
    before = t.is_grad_enabled()
    try:
        yield before
    finally:
        t.set_grad_enabled(before)


@claim(
    id="no_grad.example.y-has-no-graph",
    seed=BASICS, lines=(185, 187),
    quote=WITH_QUOTE + "\n    y = x * 2",
    statement="For x with requires_grad=True, y = x * 2 inside torch.no_grad() holds 2x but has "
    "requires_grad False and no grad_fn, so y.sum().backward() raises RuntimeError.",
    inputs={"values": "autograd_values"},
)
def no_grad_example_y_has_no_graph(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    with t.no_grad():
        y = x * 2
    expect.close("y", y, 2 * values)
    expect.equal("(y.requires_grad, y.grad_fn)", (y.requires_grad, y.grad_fn), (False, None))
    with expect.raises("y.sum().backward() for y computed under no_grad", RuntimeError):
        y.sum().backward()


@claim(
    id="no_grad.results-are-untracked",
    seed=BASICS, lines=(181, 181),
    quote=STOP_QUOTE,
    statement="Inside torch.no_grad(), every operation on requires_grad tensors gives the same "
    "values as outside, with requires_grad False and grad_fn None.",
    inputs={"values": "autograd_values"},
)
def no_grad_results_are_untracked(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    c = tensor_from(t, values + 1, device, requires_grad=True)
    for spelling, op in TRACKED.items():
        tracked = op(t, x, c)
        with t.no_grad():
            untracked = op(t, x, c)
        expect.true(f"({spelling}) under no_grad to record nothing",
                    not untracked.requires_grad and untracked.grad_fn is None)
        expect.close(f"({spelling}) under no_grad", untracked, expect.numpy_of(tracked))


@claim(
    id="no_grad.requires-grad-false-gets-no-grad",
    seed=BASICS, lines=(181, 181),
    quote=STOP_QUOTE,
    statement="A tensor with requires_grad=False (created so, or switched off by requires_grad_(False)) "
    "gets no .grad from backward(), while requires_grad leaves beside it do.",
    inputs={"values": "autograd_values"},
)
def requires_grad_false_gets_no_grad(t, device, values):
    a = t.tensor(values.tolist(), dtype=t.float64, device=device, requires_grad=False)
    frozen = tensor_from(t, values, device, requires_grad=True).requires_grad_(False)
    w = tensor_from(t, values + 1, device, requires_grad=True)
    (a * w * frozen).sum().backward()
    expect.true("a.grad is None (requires_grad=False)", a.grad is None)
    expect.true("frozen.grad is None (requires_grad_(False))", frozen.grad is None)
    expect.close("w.grad", w.grad, values * values)


@claim(
    id="no_grad.requires-grad-false-only-on-leaves",
    seed=BASICS, lines=(181, 181),
    quote="或设置 requires_grad=False",
    statement="requires_grad can be switched off only on leaves: for a computed y = x * 2, "
    "y.requires_grad_(False) and y.requires_grad = False raise RuntimeError (detach() is the way).",
)
def requires_grad_false_only_on_leaves(t, device):
    """Users try to 'stop the gradient' of an intermediate result this way and hit the error."""
    x = t.ones(2, requires_grad=True, device=device)
    y = x * 2
    with expect.raises("y.requires_grad_(False) on a non-leaf", RuntimeError):
        y.requires_grad_(False)
    with expect.raises("y.requires_grad = False on a non-leaf", RuntimeError):
        y.requires_grad = False
    expect.equal("x.requires_grad_(False).requires_grad on the leaf", x.requires_grad_(False).requires_grad, False)


@claim(
    id="no_grad.detach-stops-gradient",
    seed=BASICS, lines=(180, 181),
    quote="### 停止梯度计算\n如果你不希望某些张量的梯度被计算",
    statement="x.detach() shares x's values but does not require grad and has no grad_fn, so "
    "gradients do not flow through it: (x.detach() * x).sum() gives x.grad = x.",
    inputs={"values": "autograd_values"},
)
def detach_stops_gradient(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    d = x.detach()
    expect.equal("(x.detach().requires_grad, x.detach().grad_fn)", (d.requires_grad, d.grad_fn), (False, None))
    (d * x).sum().backward()
    expect.close("x.grad of (x.detach() * x).sum()", x.grad, values)


@claim(
    id="no_grad.mode.is-grad-enabled-follows-no-grad",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="torch.is_grad_enabled() is True by default, False inside torch.no_grad(), and True "
    "again after the block.",
)
def is_grad_enabled_follows_no_grad(t, device):
    with restoring_grad_mode(t):
        expect.equal("torch.is_grad_enabled() outside no_grad", t.is_grad_enabled(), True)
        with t.no_grad():
            expect.equal("torch.is_grad_enabled() inside no_grad", t.is_grad_enabled(), False)
        expect.equal("torch.is_grad_enabled() after no_grad", t.is_grad_enabled(), True)


@claim(
    id="no_grad.mode.restored-after-exception",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="When the with torch.no_grad() block raises, the exception propagates and gradient "
    "recording is enabled again afterwards.",
)
def no_grad_restored_after_exception(t, device):
    x = t.ones(2, requires_grad=True, device=device)
    with restoring_grad_mode(t):
        with expect.raises("a ValueError raised inside no_grad", ValueError):
            with t.no_grad():
                raise ValueError("inside no_grad")
        expect.equal("torch.is_grad_enabled() after the exception", t.is_grad_enabled(), True)
        expect.true("(x * 2).grad_fn to be recorded again", (x * 2).grad_fn is not None)


@claim(
    id="no_grad.mode.nested-restores-previous",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="no_grad restores the mode it found: nested no_grad blocks, or a no_grad inside "
    "set_grad_enabled(False), leave recording disabled on exit.",
)
def nested_no_grad_restores_previous(t, device):
    with restoring_grad_mode(t):
        with t.no_grad():
            with t.no_grad():
                pass
            expect.equal("torch.is_grad_enabled() after an inner no_grad", t.is_grad_enabled(), False)
        with t.set_grad_enabled(False):
            with t.no_grad():
                pass
            expect.equal("torch.is_grad_enabled() after no_grad in set_grad_enabled(False)",
                         t.is_grad_enabled(), False)
        expect.equal("torch.is_grad_enabled() after both", t.is_grad_enabled(), True)


@claim(
    id="no_grad.mode.enable-grad-inside-no-grad",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="torch.enable_grad() inside torch.no_grad() records operations again, and leaving it "
    "returns to no_grad.",
)
def enable_grad_inside_no_grad(t, device):
    x = t.ones(2, requires_grad=True, device=device)
    with restoring_grad_mode(t), t.no_grad():
        with t.enable_grad():
            expect.true("(x * 2).grad_fn inside enable_grad", (x * 2).grad_fn is not None)
            expect.equal("torch.is_grad_enabled() inside enable_grad", t.is_grad_enabled(), True)
        expect.equal("(x * 2).requires_grad back in no_grad", (x * 2).requires_grad, False)


@claim(
    id="no_grad.mode.decorator-form",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="@torch.no_grad() on a function disables recording during each call only.",
)
def no_grad_decorator_form(t, device):
    x = t.ones(2, requires_grad=True, device=device)

    @t.no_grad()
    def doubled(v):
        return v * 2, t.is_grad_enabled()

    with restoring_grad_mode(t):
        y, enabled_inside = doubled(x)
        expect.equal("torch.is_grad_enabled() inside the decorated call", enabled_inside, False)
        expect.equal("doubled(x).requires_grad", y.requires_grad, False)
        expect.equal("torch.is_grad_enabled() after the call", t.is_grad_enabled(), True)


@claim(
    id="no_grad.mode.set-grad-enabled",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="torch.set_grad_enabled(flag) sets the mode as a call, and as a context restores the "
    "previous mode on exit.",
)
def set_grad_enabled_sets_and_restores(t, device):
    x = t.ones(2, requires_grad=True, device=device)
    with restoring_grad_mode(t):
        with t.set_grad_enabled(False):
            expect.equal("(x * 2).requires_grad in set_grad_enabled(False)", (x * 2).requires_grad, False)
        expect.equal("torch.is_grad_enabled() after set_grad_enabled(False) block", t.is_grad_enabled(), True)
        t.set_grad_enabled(False)
        expect.equal("torch.is_grad_enabled() after set_grad_enabled(False)", t.is_grad_enabled(), False)
        t.set_grad_enabled(True)
        expect.equal("(x * 2).requires_grad after set_grad_enabled(True)", (x * 2).requires_grad, True)


@claim(
    id="no_grad.inplace.leaf-update-allowed-inside",
    seed=BASICS, lines=(185, 187),
    quote=WITH_QUOTE + "\n    y = x * 2",
    statement="Inside no_grad, a requires_grad leaf may be updated in place (w -= lr * w.grad): it "
    "keeps requires_grad, stays a leaf, and holds the new values.",
    inputs={"values": "autograd_values"},
)
def leaf_update_allowed_inside_no_grad(t, device, values):
    w = tensor_from(t, values, device, requires_grad=True)
    (w * w).sum().backward()
    with t.no_grad():
        w -= 0.1 * w.grad
    expect.close("w after w -= 0.1 * w.grad under no_grad", w, values - 0.1 * 2 * values)
    expect.equal("(w.requires_grad, w.is_leaf, w.grad_fn)", (w.requires_grad, w.is_leaf, w.grad_fn), (True, True, None))


@claim(
    id="no_grad.inplace.leaf-update-refused-outside",
    seed=BASICS, lines=(185, 187),
    quote=WITH_QUOTE + "\n    y = x * 2",
    statement="Outside no_grad, an in-place update of a requires_grad leaf raises RuntimeError "
    "('a leaf Variable that requires grad is being used in an in-place operation').",
    inputs={"values": "autograd_values"},
)
def leaf_update_refused_outside_no_grad(t, device, values):
    """The classic hand-written SGD bug: forgetting no_grad around w -= lr * w.grad."""
    w = tensor_from(t, values, device, requires_grad=True)
    for spelling, update in (("w -= 0.1", lambda: w.__isub__(0.1)), ("w.add_(1)", lambda: w.add_(1)),
                             ("w.mul_(2)", lambda: w.mul_(2)), ("w.zero_()", lambda: w.zero_())):
        try:
            update()
        except RuntimeError as error:
            expect.true(f"{spelling}'s error to say '{LEAF_INPLACE}'", LEAF_INPLACE in str(error), str(error))
        else:
            raise AssertionError(f"{spelling} on a requires_grad leaf should raise RuntimeError, but it did not")
    expect.close("w after the refused updates", w, values)


@claim(
    id="no_grad.mode.any-nesting-of-contexts",
    seed=BASICS, lines=(185, 186),
    quote=WITH_QUOTE,
    statement="Over any nesting of no_grad, enable_grad, set_grad_enabled blocks and calls, "
    "is_grad_enabled() and whether ops record follow a stack model: each block restores what it found.",
    stateful=True,
)
def any_nesting_of_grad_mode_contexts(t, device):
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

    class GradModeContexts(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.initial = self.mode = t.is_grad_enabled()
            self.open = []  # (context, mode when it was entered)
            self.x = t.ones(2, requires_grad=True, device=device)

        def enter(self, context, mode_inside):
            context.__enter__()
            self.open.append((context, self.mode))
            self.mode = mode_inside

        @rule()
        def enter_no_grad(self):
            self.enter(t.no_grad(), False)

        @rule()
        def enter_enable_grad(self):
            self.enter(t.enable_grad(), True)

        @rule()
        def enter_set_grad_enabled_false(self):
            self.enter(t.set_grad_enabled(False), False)

        @rule()
        def enter_set_grad_enabled_true(self):
            self.enter(t.set_grad_enabled(True), True)

        @rule()
        def call_set_grad_enabled_false(self):
            t.set_grad_enabled(False)
            self.mode = False

        @rule()
        def call_set_grad_enabled_true(self):
            t.set_grad_enabled(True)
            self.mode = True

        @rule()
        def call_no_grad_decorated_function(self):
            inside = t.no_grad()(lambda: t.is_grad_enabled())()
            expect.equal("torch.is_grad_enabled() inside a @no_grad() function", inside, False)

        @precondition(lambda self: self.open)
        @rule()
        def leave_innermost(self):
            context, self.mode = self.open.pop()
            context.__exit__(None, None, None)

        @precondition(lambda self: self.open)
        @rule()
        def leave_innermost_by_exception(self):
            context, self.mode = self.open.pop()
            error = ValueError("raised in the block")
            expect.true("the context not to swallow the exception", not context.__exit__(ValueError, error, None))

        @invariant()
        def mode_matches_model(self):
            expect.equal(f"torch.is_grad_enabled() with {len(self.open)} open blocks", t.is_grad_enabled(), self.mode)
            expect.equal("(x * 2).requires_grad", (self.x * 2).requires_grad, self.mode)

        def teardown(self):
            try:
                while self.open:
                    self.leave_innermost()
                expect.equal("torch.is_grad_enabled() after leaving every block", t.is_grad_enabled(), self.mode)
            finally:
                t.set_grad_enabled(self.initial)

    with restoring_grad_mode(t):
        stateful.run(GradModeContexts)
