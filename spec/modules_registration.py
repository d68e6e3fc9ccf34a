"""Parameters, buffers and submodules: what a Module lists, saves, converts and optimises.

Properties over generated module structures (``module_tree`` in
conformance/strategies/modules.py): plain data that :func:`build` turns into
nested ``t.nn.Module`` objects and :func:`members` turns into the names torch
must list, in torch's order.  Imported by spec/modules.py (same area).
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import numpy as np

from spec import expect
from spec._claim import claim
from spec.seeds import FEATURES, NOTES

PARAM_VS_TENSOR = "普通 Tensor 不会被自动添加到模型的参数列表中，而 `nn.Parameter` 会"
PARAM_VS_BUFFER = ("反向传播需要被 optimizer 更新的，称之为 parameter ，比如权重。\n"
                   "\t反向传播不需要被 optimizer 更新，称之为 buffer，比如阈值。")
NESTING = "`torch.nn.Module` 支持嵌套，可以通过组合多个子模块来构建复杂网络"


def build(t: Any, tree: list[dict[str, Any]], device: str) -> Any:
    """The module a tree describes, attributes assigned in the tree's order."""
    m = t.nn.Module()
    for e in tree:
        kind, name = e["kind"], e["name"]
        if kind == "child":
            setattr(m, name, build(t, e["tree"], device))
        elif kind == "param":
            setattr(m, name, t.nn.Parameter(t.full(e["shape"], e["value"], device=device)))
        elif kind == "buffer":
            m.register_buffer(name, t.ones(*e["shape"], dtype=getattr(t, e["dtype"]), device=device),
                              persistent=e["persistent"])
        else:
            setattr(m, name, t.ones(*e["shape"], device=device))
    return m


class Members(NamedTuple):
    params: list[str]  # named_parameters(), in order
    buffers: list[str]  # named_buffers(), persistent or not
    state: list[str]  # state_dict() keys: own params, own persistent buffers, then children
    modules: list[str]  # named_modules(), preorder, "" first
    plain: list[str]  # plain tensor attributes


def members(tree: list[dict[str, Any]], prefix: str = "") -> Members:
    """What torch lists for a tree: each module's own members first, then its children's."""
    own = {k: [prefix + e["name"] for e in tree if e["kind"] == k] for k in ("param", "buffer", "plain")}
    persistent = [prefix + e["name"] for e in tree if e["kind"] == "buffer" and e["persistent"]]
    out = Members(own["param"], own["buffer"], own["param"] + persistent, [prefix.rstrip(".")], own["plain"])
    for e in tree:
        if e["kind"] == "child":
            for mine, theirs in zip(out, members(e["tree"], prefix + e["name"] + "."), strict=True):
                mine += theirs
    return out


def at(model: Any, path: str) -> Any:
    """``model.a.b.c`` for the dotted path ``"a.b.c"``."""
    return functools.reduce(getattr, path.split("."), model)


@claim(
    id="modules.overview.module-manages-nested-networks",
    seed=FEATURES, lines=(19, 19),
    quote="提供nn.Module等模块化工具，方便构建和管理复杂神经网络",
    statement="A network built from nested nn.Modules is managed as one: modules() reaches every "
    "submodule, and train()/eval()/zero_grad() on the root reach all of them.",
    inputs={"tree": "module_tree"},
)
def module_manages_nested_networks(t, device, tree):
    """Forgetting that eval() must reach every submodule is how dropout stays on at test time."""
    model = build(t, tree, device)
    expect.equal("len(list(model.modules()))", len(list(model.modules())), len(members(tree).modules))
    expect.true("model.eval() returns model", model.eval() is model)
    expect.equal("[m.training for m in model.modules()] after eval()", {m.training for m in model.modules()}, {False})
    model.train()
    expect.equal("[m.training for m in model.modules()] after train()", {m.training for m in model.modules()}, {True})
    params = list(model.parameters())
    if params:
        sum((p * p).sum() for p in params).backward()
    model.zero_grad()
    expect.equal("[p.grad for p in model.parameters()] after zero_grad()", [p.grad for p in params],
                 [None] * len(params))


@claim(
    id="modules.registration.parameter-attribute-is-listed",
    seed=NOTES, lines=(159, 159),
    quote=PARAM_VS_TENSOR,
    statement="A Parameter assigned as an attribute is listed by parameters() and named_parameters() "
    "(in assignment order) and saved in state_dict().",
    inputs={"tree": "module_tree"},
)
def parameter_attribute_is_listed(t, device, tree):
    """Assignment order is the listing order, which optimizers and state_dict() rely on."""
    model, expected = build(t, tree, device), members(tree).params
    named = list(model.named_parameters())
    expect.equal("[name for name, _ in model.named_parameters()]", [n for n, _ in named], expected)
    expect.true("parameters() to yield the named parameters' objects, in order",
                [id(p) for p in model.parameters()] == [id(p) for _, p in named])
    expect.true("every parameter to be an nn.Parameter", all(isinstance(p, t.nn.Parameter) for _, p in named))
    state = model.state_dict()
    for name, p in named:
        expect.close(f"model.state_dict()[{name!r}]", state[name], expect.numpy_of(p.detach()))


@claim(
    id="modules.registration.plain-tensor-attribute-is-neither",
    seed=NOTES, lines=(159, 159),
    quote=PARAM_VS_TENSOR,
    statement="A plain tensor attribute is neither a parameter nor a buffer, and is not saved in state_dict().",
    inputs={"tree": "module_tree"},
)
def plain_tensor_attribute_is_neither(t, device, tree):
    """self.x = torch.zeros(...) is not saved, trained or converted with the module: use a Parameter or a buffer."""
    model, plain = build(t, tree, device), members(tree).plain
    listed = {n for n, _ in model.named_parameters()} | {n for n, _ in model.named_buffers()}
    for name in plain:
        expect.true(f"model.{name} to be a plain tensor", not isinstance(at(model, name), t.nn.Parameter))
        expect.true(f"{name!r} not in named_parameters() or named_buffers()", name not in listed)
        expect.true(f"{name!r} not in model.state_dict()", name not in model.state_dict())


@claim(
    id="modules.registration.buffer-is-listed-but-not-a-parameter",
    seed=NOTES, lines=(162, 163),
    quote=PARAM_VS_BUFFER,
    statement="register_buffer(name, tensor) lists the tensor in buffers() and named_buffers() (in order) "
    "and saves it in state_dict(), but never in parameters().",
    inputs={"tree": "module_tree"},
)
def buffer_is_listed_but_not_a_parameter(t, device, tree):
    """Buffers are state (running statistics, masks) saved and moved with the module but never trained."""
    model, expected = build(t, tree, device), members(tree)
    named = list(model.named_buffers())
    expect.equal("[name for name, _ in model.named_buffers()]", [n for n, _ in named], expected.buffers)
    expect.true("buffers() to yield the named buffers' objects",
                [id(b) for b in model.buffers()] == [id(b) for _, b in named])
    params = {n for n, _ in model.named_parameters()}
    expect.equal("buffers among named_parameters()", [n for n, _ in named if n in params], [])
    expect.true("no buffer to be an nn.Parameter", not any(isinstance(b, t.nn.Parameter) for _, b in named))
    state = model.state_dict()
    for name in expected.state:
        expect.true(f"{name!r} in model.state_dict()", name in state)


@claim(
    id="modules.registration.non-persistent-buffer-not-in-state-dict",
    seed=NOTES, lines=(163, 163),
    quote="反向传播不需要被 optimizer 更新，称之为 buffer，比如阈值。",
    statement="register_buffer(name, tensor, persistent=False) is a buffer that state_dict() leaves out.",
    inputs={"tree": "module_tree"},
)
def non_persistent_buffer_not_in_state_dict(t, device, tree):
    """Non-persistent buffers (caches) are not saved, so loading a checkpoint never restores them."""
    model, expected = build(t, tree, device), members(tree)
    transient = [n for n in expected.buffers if n not in expected.state]
    buffers, state = {n for n, _ in model.named_buffers()}, model.state_dict()
    for name in transient:
        expect.true(f"non-persistent {name!r} in named_buffers()", name in buffers)
        expect.true(f"non-persistent {name!r} not in model.state_dict()", name not in state)


@claim(
    id="modules.registration.nesting-gives-dotted-names",
    seed=NOTES, lines=(166, 166),
    quote=NESTING,
    statement="Submodules nest: named_modules() lists them depth-first with dotted names, and a member "
    "of a submodule is named '<child>.<member>' and is that submodule's attribute.",
    inputs={"tree": "module_tree"},
)
def nesting_gives_dotted_names(t, device, tree):
    """The dotted names are the state_dict keys and the paths users pass to get_submodule/get_parameter."""
    model, expected = build(t, tree, device), members(tree)
    expect.equal("[name for name, _ in model.named_modules()]", [n for n, _ in model.named_modules()], expected.modules)
    children = [e["name"] for e in tree if e["kind"] == "child"]
    expect.equal("[name for name, _ in model.named_children()]", [n for n, _ in model.named_children()], children)
    for name, p in model.named_parameters():
        expect.true(f"named_parameters()'s {name!r} to be model.{name}", at(model, name) is p)
    for name, b in model.named_buffers():
        expect.true(f"named_buffers()'s {name!r} to be model.{name}", at(model, name) is b)


@claim(
    id="modules.state-dict.order-params-then-buffers-then-children",
    seed=NOTES, lines=(166, 166),
    quote=NESTING,
    statement="state_dict() lists a module's parameters, then its persistent buffers, then each child's "
    "entries recursively, whatever the order of assignment.",
    inputs={"tree": "module_tree"},
    examples=({"tree": [
        {"kind": "child", "name": "a", "tree": [{"kind": "param", "name": "b", "shape": (2,), "value": 0.5}]},
        {"kind": "buffer", "name": "c", "shape": (2,), "dtype": "float32", "persistent": True},
        {"kind": "param", "name": "d", "shape": (1,), "value": 2.0},
    ]},),
)
def state_dict_orders_params_buffers_children(t, device, tree):
    """Not the order of assignment: a module's own parameters and buffers come before any child's entries."""
    model = build(t, tree, device)
    expect.equal("list(model.state_dict())", list(model.state_dict()), members(tree).state)


@claim(
    id="modules.registration.shared-parameter-listed-once",
    seed=NOTES, lines=(159, 159),
    quote=PARAM_VS_TENSOR,
    statement="A Parameter assigned under two names is one parameter: parameters() and named_parameters() "
    "list it once (first name met), state_dict() saves it under both names.",
    inputs={"case": "module_tree_with_shared_parameter"},
)
def shared_parameter_listed_once(t, device, case):
    """Tied weights are trained once (one entry in parameters()), yet a checkpoint holds both keys."""
    tree, path = case
    model = build(t, tree, device)
    model.shared = at(model, path)
    own = [e["name"] for e in tree if e["kind"] == "param"]
    listed = own + ["shared"] + members(tree).params[len(own):]
    unique = [n for n in listed if n != (path if "." in path else "shared")]
    expect.equal("[name for name, _ in model.named_parameters()]", [n for n, _ in model.named_parameters()], unique)
    expect.equal("len(list(model.parameters()))", len(list(model.parameters())), len(unique))
    state = members(tree).state
    keys = state[: len(own)] + ["shared"] + state[len(own):]
    expect.equal("list(model.state_dict())", list(model.state_dict()), keys)


@claim(
    id="modules.registration.optimizer-updates-parameters-never-buffers",
    seed=NOTES, lines=(162, 163),
    quote=PARAM_VS_BUFFER,
    statement="An optimizer built on model.parameters() updates every parameter and no buffer.",
    inputs={"tree": "module_tree", "lr": "module_sgd_lr"},
)
def optimizer_updates_parameters_never_buffers(t, device, tree, lr):
    """Even when a buffer takes part in the loss it gets no gradient and no update."""
    tree = tree + [{"kind": "param", "name": "w", "shape": (1,), "value": 1.0}]
    model = build(t, tree, device)
    optimizer = t.optim.SGD(model.parameters(), lr=lr)
    loss = sum((p * p).sum() for p in model.parameters()) / 2  # d loss / dp = p
    (loss + sum((b * b).sum() for b in model.buffers() if b.is_floating_point())).backward()
    optimizer.step()
    for name, p in model.named_parameters():
        after = (1 - lr) * entry_at(tree, name)["value"]
        expect.close(f"model.{name} after one SGD step", p.detach(), np.full(tuple(p.shape), after, "float32"))
    for name, b in model.named_buffers():
        expect.close(f"buffer model.{name} after the step", b, np.ones(tuple(b.shape)))


def entry_at(tree: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """The tree entry a dotted path names."""
    head, _, rest = path.partition(".")
    entry = next(e for e in tree if e["name"] == head)
    return entry_at(entry["tree"], rest) if rest else entry


@claim(
    id="modules.to.dtype-conversion-converts-parameters-and-buffers",
    seed=NOTES, lines=(162, 163),
    quote=PARAM_VS_BUFFER,
    statement="model.to(torch.float64) and model.double() convert floating parameters and buffers in place "
    "(same Parameter objects, same module returned); integer buffers and plain tensor attributes are untouched.",
    inputs={"tree": "module_tree"},
)
def dtype_conversion_converts_parameters_and_buffers(t, device, tree):
    """Conversion keeps the Parameter objects, so an optimizer made before .double() still updates them; integer
    buffers such as num_batches_tracked stay int64."""
    expected = members(tree)
    conversions = {"model.to(torch.float64)": lambda m: m.to(t.float64), "model.double()": lambda m: m.double()}
    for spelling, convert in conversions.items():
        model = build(t, tree, device)
        before = [id(p) for p in model.parameters()]
        expect.true(f"{spelling} to return model itself", convert(model) is model)
        expect.true(f"{spelling} to keep the Parameter objects", [id(p) for p in model.parameters()] == before)
        for name, p in model.named_parameters():
            expect.equal(f"model.{name}.dtype after {spelling}", p.dtype, t.float64)
        for name, b in model.named_buffers():
            kept = t.float64 if entry_at(tree, name)["dtype"] == "float32" else t.int64
            expect.equal(f"buffer model.{name}.dtype after {spelling}", b.dtype, kept)
        for name in expected.plain:
            expect.equal(f"plain model.{name}.dtype after {spelling}", at(model, name).dtype, t.float32)


@claim(
    id="modules.registration.stateful-register-replace-delete",
    seed=NOTES, lines=(159, 163),
    quote=PARAM_VS_BUFFER,
    statement="Through any sequence of registering, replacing, aliasing and deleting parameters, buffers, "
    "plain tensors and submodules, parameters(), buffers() and state_dict() list exactly the live members.",
    stateful=True,
)
def registration_survives_any_sequence_of_changes(t, device):
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

    from spec import stateful

    names = st.sampled_from(("a", "b", "c", "d"))
    layers = {"linear": (lambda: t.nn.Linear(1, 1), ["weight", "bias"], []),
              "batchnorm": (lambda: t.nn.BatchNorm1d(1), ["weight", "bias"],
                            ["running_mean", "running_var", "num_batches_tracked"])}

    class Registration(RuleBasedStateMachine):
        """The model: own params (name -> Parameter or None), buffers (name -> persistent), children, plain."""

        def __init__(self):
            super().__init__()
            self.m, self.made = t.nn.Module(), []
            self.params, self.buffers, self.children, self.plain = {}, {}, {}, set()

        def _forget(self, name):
            for table in (self.params, self.buffers, self.children):
                table.pop(name, None)
            self.plain.discard(name)

        @rule(name=names, reuse=st.booleans())
        def assign_parameter(self, name, reuse):
            p = self.made[-1] if reuse and self.made else t.nn.Parameter(t.zeros(2, device=device))
            self.made.append(p)
            setattr(self.m, name, p)
            if name not in self.params:
                self._forget(name)
            self.params[name] = p

        @precondition(lambda self: any(p is not None for p in self.params.values()))
        @rule(data=st.data())
        def assign_none_to_parameter(self, data):
            name = data.draw(st.sampled_from(sorted(n for n, p in self.params.items() if p is not None)))
            setattr(self.m, name, None)
            self.params[name] = None

        @rule(name=names, persistent=st.booleans())
        def register_buffer(self, name, persistent):
            if name in self.params or name in self.children or name in self.plain:
                with expect.raises(f"register_buffer({name!r}) over another attribute", KeyError):
                    self.m.register_buffer(name, t.zeros(1, device=device), persistent=persistent)
                return
            self.m.register_buffer(name, t.zeros(1, device=device), persistent=persistent)
            self.buffers[name] = persistent

        @rule(name=names)
        def assign_plain_tensor(self, name):
            if name in self.params or name in self.children:
                with expect.raises(f"model.{name} = tensor over a parameter or submodule", TypeError):
                    setattr(self.m, name, t.zeros(1, device=device))
                return
            setattr(self.m, name, t.zeros(1, device=device))  # over a buffer: stays a buffer
            if name not in self.buffers:
                self.plain.add(name)

        @rule(name=names, kind=st.sampled_from(sorted(layers)))
        def assign_submodule(self, name, kind):
            if name in self.params:
                with expect.raises(f"model.{name} = module over a parameter", TypeError):
                    setattr(self.m, name, layers[kind][0]())
                return
            setattr(self.m, name, layers[kind][0]())
            if name not in self.children:
                self._forget(name)
            self.children[name] = kind

        @rule(name=names)
        def delete(self, name):
            present = name in self.params or name in self.buffers or name in self.children or name in self.plain
            if not present:
                with expect.raises(f"del model.{name} of a missing attribute", AttributeError):
                    delattr(self.m, name)
                return
            delattr(self.m, name)
            self._forget(name)

        def _of_children(self, which):
            """(dotted name, object) of the children's parameters (1) or buffers (2)."""
            return [(f"{c}.{n}", getattr(getattr(self.m, c), n)) for c, kind in self.children.items()
                    for n in layers[kind][which]]

        @invariant()
        def lists_match_the_model(self):
            own = [(n, p) for n, p in self.params.items() if p is not None]
            seen, params = set(), []
            for n, p in own + self._of_children(1):
                if id(p) not in seen:  # a Parameter under two names is listed once
                    seen.add(id(p))
                    params.append(n)
            expect.equal("[n for n, _ in model.named_parameters()]", [n for n, _ in self.m.named_parameters()], params)
            buffers = list(self.buffers) + [n for n, _ in self._of_children(2)]
            expect.equal("[n for n, _ in model.named_buffers()]", [n for n, _ in self.m.named_buffers()], buffers)
            state = [n for n, _ in own] + [n for n, keep in self.buffers.items() if keep] + [
                f"{c}.{n}" for c, kind in self.children.items() for n in layers[kind][1] + layers[kind][2]]
            expect.equal("list(model.state_dict())", list(self.m.state_dict()), state)
            for n in self.plain:
                expect.true(f"plain model.{n} to stay a plain attribute",
                            not isinstance(getattr(self.m, n), t.nn.Parameter))

    stateful.run(Registration)
