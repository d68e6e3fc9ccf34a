"""Saving and loading: whole models, state_dicts, file objects, map_location, checkpoints."""

from __future__ import annotations

import io
import pickle
import sys
from typing import Any

import numpy as np

from spec import Verdict, expect
from spec._claim import claim
from spec.seeds import COMPARISON, NOTES

FORMS_QUOTE = "支持整个网络加参数和仅参数两种保存形式，可以使用.pkl或.pth文件。"
SAVE_WHOLE_QUOTE = ("torch.save(myNN, '../model/myNN_v1.pth')  \n# load the model  \n"
                    "myNN_v1 = torch.load('../model/myNN_v1.pth')")
SAVE_STATE_QUOTE = "torch.save(myNN.state_dict(), '../model/myNN_v2.pth')"
LOAD_STATE_QUOTE = "myNN_v2.load_state_dict(torch.load('../model/myNN_v2.pth'))"


def my_nn_class(t: Any) -> type:
    """The document's MyNN for backend ``t``, created once and installed in this module
    under a stable name, so that pickling a whole model can find its class again."""
    name = "MyNN_" + "".join(c if c.isalnum() else "_" for c in getattr(t, "__name__", "backend"))
    module = sys.modules[__name__]
    if not hasattr(module, name):

        class MyNN(t.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.weight = t.nn.Parameter(t.randn(5, 5))
                self.bias = t.nn.Parameter(t.randn(5))

            def forward(self, x: Any) -> Any:
                return x + 1

        MyNN.__name__ = MyNN.__qualname__ = name
        MyNN.__module__ = __name__
        setattr(module, name, MyNN)
    return getattr(module, name)  # type: ignore[no-any-return]


def build_stack(t: Any, recipe: dict[str, Any], device: str) -> Any:
    """The Sequential a ``serialization_layer_stack`` recipe describes, on ``device``."""
    layers = []
    for layer in recipe["layers"]:
        if layer[0] == "linear":
            layers.append(t.nn.Linear(layer[1], layer[2], bias=layer[3]))
        elif layer[0] == "batchnorm":
            layers.append(t.nn.BatchNorm1d(layer[1], affine=layer[2]))
        else:
            layers.append(t.nn.ReLU())
    return t.nn.Sequential(*layers).to(device=device, dtype=getattr(t, recipe["dtype"]))


def trained_stack(t: Any, recipe: dict[str, Any], device: str) -> Any:
    """A built stack after one training-mode forward, so BatchNorm's running stats moved."""
    net = build_stack(t, recipe, device)
    with t.no_grad():
        net(t.randn(3, recipe["layers"][0][1], device=device, dtype=getattr(t, recipe["dtype"])))
    return net


def values_of(state: Any) -> dict[str, np.ndarray[Any, Any]]:
    """A state_dict as numpy copies (copies: a CPU tensor's numpy() shares its memory)."""
    return {k: np.array(expect.numpy_of(v), copy=True) for k, v in state.items()}


def expect_same_state(what: str, actual: Any, expected: Any) -> None:
    """Same keys in the same order, and per entry the same dtype, shape and exact values."""
    expect.equal(f"list({what})", list(actual), list(expected))
    for key, want in expected.items():
        got = actual[key]
        expect.equal(f"{what}[{key!r}].dtype", got.dtype, want.dtype)
        expect.equal(f"{what}[{key!r}].shape", tuple(got.shape), tuple(want.shape))
        expect.close(f"{what}[{key!r}]", got, expect.numpy_of(want), rtol=0, atol=0)


@claim(
    id="serialization.forms.whole-network-or-parameters-only",
    seed=COMPARISON, lines=(14, 14),
    quote=FORMS_QUOTE,
    statement="A model can be saved whole (class and parameters) or as its parameters only "
    "(state_dict); both load back to the same values.",
)
def both_save_forms_load_back(t, device, tmp_path):
    """The whole form needs weights_only=False on torch >= 2.6; the parameters-only form
    loads with the defaults into a freshly built model."""
    MyNN = my_nn_class(t)
    net = MyNN().to(device)
    t.save(net, str(tmp_path / "whole.pkl"))
    t.save(net.state_dict(), str(tmp_path / "params.pth"))
    whole = t.load(str(tmp_path / "whole.pkl"), weights_only=False)
    params_only = MyNN().to(device)
    params_only.load_state_dict(t.load(str(tmp_path / "params.pth")))
    expect_same_state("torch.load(whole).state_dict()", whole.state_dict(), net.state_dict())
    expect_same_state("params_only.state_dict()", params_only.state_dict(), net.state_dict())


@claim(
    id="serialization.forms.file-extension-does-not-matter",
    seed=COMPARISON, lines=(14, 14),
    quote=FORMS_QUOTE,
    statement="The file name's extension (.pkl, .pth, .pt, none...) plays no part: "
    "torch.save/torch.load give the same result for any of them.",
    inputs={"extension": "serialization_file_extension"},
)
def file_extension_does_not_matter(t, device, tmp_path, extension):
    """torch.save writes the same zip format whatever the name; .pth is only a convention."""
    net = t.nn.Linear(3, 2).to(device)
    t.save(net.state_dict(), str(tmp_path / f"model{extension}"))
    t.save(net.state_dict(), str(tmp_path / "reference.pth"))
    loaded = t.load(str(tmp_path / f"model{extension}"))
    expect_same_state(f"torch.load('model{extension}')", loaded, t.load(str(tmp_path / "reference.pth")))
    expect_same_state(f"torch.load('model{extension}')", loaded, net.state_dict())


@claim(
    id="serialization.whole-model.doc-says-torch-load-restores-it",
    seed=NOTES, lines=(202, 204),
    quote=SAVE_WHOLE_QUOTE,
    statement="As written: torch.load(path) with default arguments loads back a model saved whole.",
    verdict=Verdict.VERSION_DEPENDENT,
    paired_with="serialization.whole-model.loads-with-weights-only-false",
)
def doc_torch_load_restores_whole_model(t, device, tmp_path):
    """True before torch 2.6; since then torch.load defaults to weights_only=True, which
    refuses to unpickle arbitrary classes such as a whole nn.Module."""
    MyNN = my_nn_class(t)
    myNN = MyNN().to(device)
    t.save(myNN, str(tmp_path / "myNN_v1.pth"))
    myNN_v1 = t.load(str(tmp_path / "myNN_v1.pth"))
    expect.true("torch.load(path) to return a MyNN", isinstance(myNN_v1, MyNN), f"got {type(myNN_v1).__name__}")


@claim(
    id="serialization.whole-model.loads-with-weights-only-false",
    seed=NOTES, lines=(202, 204),
    quote=SAVE_WHOLE_QUOTE,
    statement="torch.save(model, path) pickles the whole model; torch.load(path, weights_only=False) "
    "returns a new instance of the same class with equal parameters.",
)
def whole_model_loads_with_weights_only_false(t, device, tmp_path):
    """The class is pickled by qualified name, so it must be importable when loading."""
    MyNN = my_nn_class(t)
    myNN = MyNN().to(device)
    t.save(myNN, str(tmp_path / "myNN_v1.pth"))
    myNN_v1 = t.load(str(tmp_path / "myNN_v1.pth"), weights_only=False)
    expect.equal("type(myNN_v1)", type(myNN_v1), MyNN)
    expect.true("myNN_v1 is not myNN", myNN_v1 is not myNN, "loading builds a new object")
    expect_same_state("myNN_v1.state_dict()", myNN_v1.state_dict(), myNN.state_dict())
    expect.close("myNN_v1(torch.tensor(1.0))", myNN_v1(t.tensor(1.0, device=device)), np.float32(2.0))


@claim(
    id="serialization.whole-model.default-weights-only-refuses",
    seed=NOTES, lines=(202, 204),
    quote=SAVE_WHOLE_QUOTE,
    statement="With the default weights_only=True (torch >= 2.6), torch.load of a whole pickled "
    "model raises pickle.UnpicklingError.",
)
def default_weights_only_refuses_whole_model(t, device, tmp_path):
    """Only tensors, containers and primitive types load by default; a module's class does not."""
    myNN = my_nn_class(t)().to(device)
    t.save(myNN, str(tmp_path / "myNN_v1.pth"))
    with expect.raises("torch.load(path) of a whole pickled model", pickle.UnpicklingError):
        t.load(str(tmp_path / "myNN_v1.pth"))


@claim(
    id="serialization.state-dict.doc-second-form-round-trips",
    seed=NOTES, lines=(211, 214),
    quote="torch.save(myNN.state_dict(), '../model/myNN_v2.pth')  \n# load the model  \n"
    "myNN_v2 = MyNN()  \nmyNN_v2.load_state_dict(torch.load('../model/myNN_v2.pth'))",
    statement="Saving model.state_dict() and loading it into a new MyNN() with the default torch.load "
    "gives the new model the saved parameters.",
)
def doc_second_form_round_trips(t, device, tmp_path):
    """A state_dict holds only tensors, so the default weights_only=True loads it."""
    MyNN = my_nn_class(t)
    myNN = MyNN().to(device)
    t.save(myNN.state_dict(), str(tmp_path / "myNN_v2.pth"))
    myNN_v2 = MyNN().to(device)
    myNN_v2.load_state_dict(t.load(str(tmp_path / "myNN_v2.pth")))
    expect_same_state("myNN_v2.state_dict()", myNN_v2.state_dict(), myNN.state_dict())


@claim(
    id="serialization.state-dict.round-trips-through-a-path",
    seed=NOTES, lines=(211, 211),
    quote=SAVE_STATE_QUOTE,
    statement="torch.load(path) of a saved state_dict has the same keys in the same order, dtypes, "
    "shapes and values (parameters and buffers alike).",
    inputs={"recipe": "serialization_layer_stack"},
)
def state_dict_round_trips_through_a_path(t, device, seed, tmp_path, recipe):
    t.manual_seed(seed)
    net = trained_stack(t, recipe, device)
    t.save(net.state_dict(), str(tmp_path / "net.pth"))
    expect_same_state("torch.load(path)", t.load(str(tmp_path / "net.pth")), net.state_dict())


@claim(
    id="serialization.state-dict.round-trips-through-a-file-object",
    seed=NOTES, lines=(211, 211),
    quote=SAVE_STATE_QUOTE,
    statement="torch.save and torch.load also take a file object (io.BytesIO): the state_dict "
    "comes back with the same keys, order, dtypes, shapes and values.",
    inputs={"recipe": "serialization_layer_stack"},
)
def state_dict_round_trips_through_a_file_object(t, device, seed, recipe):
    """The file object must be rewound (seek(0)) between save and load."""
    t.manual_seed(seed)
    net = trained_stack(t, recipe, device)
    buffer = io.BytesIO()
    t.save(net.state_dict(), buffer)
    buffer.seek(0)
    expect_same_state("torch.load(buffer)", t.load(buffer), net.state_dict())


@claim(
    id="serialization.load-state-dict.copies-values-in-place",
    seed=NOTES, lines=(214, 214),
    quote=LOAD_STATE_QUOTE,
    statement="load_state_dict copies the saved values into the new model's existing Parameters and "
    "buffers, and reports no missing or unexpected keys.",
    inputs={"recipe": "serialization_layer_stack"},
)
def load_state_dict_copies_values_in_place(t, device, seed, tmp_path, recipe):
    """Copying in place keeps the Parameter objects, so an optimizer made earlier still holds them."""
    t.manual_seed(seed)
    net = trained_stack(t, recipe, device)
    t.save(net.state_dict(), str(tmp_path / "net.pth"))
    fresh = build_stack(t, recipe, device)
    before = list(fresh.parameters())
    result = fresh.load_state_dict(t.load(str(tmp_path / "net.pth")))
    expect.equal("result.missing_keys", list(result.missing_keys), [])
    expect.equal("result.unexpected_keys", list(result.unexpected_keys), [])
    expect.true("the same Parameter objects after load_state_dict",
                all(a is b for a, b in zip(before, fresh.parameters(), strict=True)))
    expect_same_state("fresh.state_dict()", fresh.state_dict(), net.state_dict())


@claim(
    id="serialization.load-state-dict.strict-rejects-missing-and-unexpected-keys",
    seed=NOTES, lines=(214, 214),
    quote=LOAD_STATE_QUOTE,
    statement="By default (strict=True) load_state_dict raises RuntimeError when a key is missing "
    "or an unexpected key is present.",
    inputs={"recipe": "serialization_layer_stack", "pick": "serialization_key_pick"},
)
def strict_load_rejects_missing_and_unexpected_keys(t, device, seed, recipe, pick):
    t.manual_seed(seed)
    net = trained_stack(t, recipe, device)
    names = [name for name, _ in net.named_parameters()]
    missing = names[pick % len(names)]
    state = net.state_dict()
    del state[missing]
    with expect.raises(f"load_state_dict(state without {missing!r})", RuntimeError):
        build_stack(t, recipe, device).load_state_dict(state)
    state = net.state_dict()
    state["extra.weight"] = t.zeros(1, device=device)
    with expect.raises("load_state_dict(state with 'extra.weight')", RuntimeError):
        build_stack(t, recipe, device).load_state_dict(state)


@claim(
    id="serialization.load-state-dict.non-strict-reports-keys",
    seed=NOTES, lines=(214, 214),
    quote=LOAD_STATE_QUOTE,
    statement="load_state_dict(state, strict=False) loads the matching entries, leaves the others "
    "untouched and returns the missing_keys and unexpected_keys.",
    inputs={"recipe": "serialization_layer_stack", "pick": "serialization_key_pick"},
)
def non_strict_load_reports_missing_and_unexpected_keys(t, device, seed, recipe, pick):
    t.manual_seed(seed)
    net = trained_stack(t, recipe, device)
    names = [name for name, _ in net.named_parameters()]
    missing = names[pick % len(names)]
    state = net.state_dict()
    del state[missing]
    state["extra.weight"] = t.zeros(1, device=device)
    fresh = build_stack(t, recipe, device)
    kept = values_of(fresh.state_dict())[missing]
    result = fresh.load_state_dict(state, strict=False)
    expect.equal("result.missing_keys", list(result.missing_keys), [missing])
    expect.equal("result.unexpected_keys", list(result.unexpected_keys), ["extra.weight"])
    expect.close(f"fresh.state_dict()[{missing!r}] (left out of the state)", fresh.state_dict()[missing], kept,
                 rtol=0, atol=0)
    del state["extra.weight"]
    loaded = {k: v for k, v in fresh.state_dict().items() if k != missing}
    expect_same_state("fresh.state_dict() without the missing key", loaded, state)


@claim(
    id="serialization.map-location.cpu-loads-onto-the-cpu",
    seed=NOTES, lines=(214, 214),
    quote="torch.load('../model/myNN_v2.pth')",
    statement="torch.load(f, map_location='cpu') puts every tensor on the CPU whatever device it was "
    "saved from, keeping dtype, shape and values.",
    inputs={"array": "nested_list_array"},
)
def map_location_cpu_loads_onto_the_cpu(t, device, tmp_path, array):
    """The usual way to open a GPU checkpoint on a machine without a GPU."""
    x = t.tensor(array.tolist(), device=device)
    t.save({"x": x}, str(tmp_path / "x.pth"))
    y = t.load(str(tmp_path / "x.pth"), map_location="cpu")["x"]
    expect.equal("y.device.type", y.device.type, "cpu")
    expect.equal("y.dtype", y.dtype, x.dtype)
    expect.close("torch.load(f, map_location='cpu')['x']", y, expect.numpy_of(x), rtol=0, atol=0, check_dtype=True)


OPTIMIZERS = {
    "sgd_momentum": lambda t, params: t.optim.SGD(params, lr=0.1, momentum=0.9),
    "adam": lambda t, params: t.optim.Adam(params, lr=0.05),
}


@claim(
    id="serialization.checkpoint.resumed-training-equals-uninterrupted",
    seed=NOTES, lines=(211, 211),
    quote=SAVE_STATE_QUOTE,
    statement="Saving the model's and the optimizer's state_dict and loading both into fresh objects "
    "resumes training exactly: every later step equals uninterrupted training.",
    inputs={"plan": "serialization_training_plan"},
)
def resumed_training_equals_uninterrupted(t, device, seed, tmp_path, plan):
    """Momentum buffers and Adam's moments and step count live in optimizer.state_dict(),
    not in the model's: a checkpoint of the model alone does not resume SGD-momentum or Adam."""
    t.manual_seed(seed)
    X, Y = t.randn(4, plan["n_in"], device=device), t.randn(4, plan["n_out"], device=device)

    def make() -> tuple[Any, Any]:
        net = t.nn.Linear(plan["n_in"], plan["n_out"]).to(device)
        return net, OPTIMIZERS[plan["optimizer"]](t, net.parameters())

    def step(net: Any, opt: Any) -> None:
        opt.zero_grad()
        t.nn.functional.mse_loss(net(X), Y).backward()
        opt.step()

    net, opt = make()
    for _ in range(plan["checkpoint"]):
        step(net, opt)
    target = str(tmp_path / "ckpt.pth") if plan["via"] == "path" else io.BytesIO()
    t.save({"model": net.state_dict(), "optimizer": opt.state_dict()}, target)
    if not isinstance(target, str):
        target.seek(0)
    resumed, resumed_opt = make()
    checkpoint = t.load(target)
    resumed.load_state_dict(checkpoint["model"])
    resumed_opt.load_state_dict(checkpoint["optimizer"])
    for k in range(plan["checkpoint"] + 1, plan["steps"] + 1):
        step(net, opt)
        step(resumed, resumed_opt)
        for (name, p), q in zip(net.named_parameters(), resumed.parameters(), strict=True):
            expect.close(f"resumed {name} after step {k} ({plan['optimizer']})", q, expect.numpy_of(p), rtol=0, atol=0)


@claim(
    id="serialization.stateful.save-edit-cast-load-sequences",
    seed=NOTES, lines=(197, 197),
    quote="模型保存和加载有两种方式：",
    statement="After any sequence of saves (to paths or file objects), in-place edits, dtype casts and "
    "loads, the module holds exactly the values of the last load, cast to its current dtype.",
    stateful=True,
)
def save_edit_cast_load_sequences_track_a_model(t, device, tmp_path):
    """A saved file is a snapshot: later in-place edits of the module do not reach it,
    and load_state_dict casts the saved values to the module's dtype."""
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

    from spec import stateful

    class SaveEditCastLoad(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.net = t.nn.Linear(3, 2).to(device)
            self.model = values_of(self.net.state_dict())
            self.saved: dict[int, tuple[Any, dict[str, Any]]] = {}

        @rule(delta=st.sampled_from([-1.0, 0.5, 3.0]))
        def edit_in_place(self, delta: float) -> None:
            with t.no_grad():
                for p in self.net.parameters():
                    p.add_(delta)
            self.model = {k: v + v.dtype.type(delta) for k, v in self.model.items()}

        @rule(slot=st.integers(0, 2), via=st.sampled_from(["path", "file object"]))
        def save(self, slot: int, via: str) -> None:
            target = str(tmp_path / f"slot{slot}.pth") if via == "path" else io.BytesIO()
            t.save(self.net.state_dict(), target)
            self.saved[slot] = (target, {k: v.copy() for k, v in self.model.items()})

        @precondition(lambda self: self.saved)
        @rule(data=st.data())
        def load(self, data: Any) -> None:
            target, values = self.saved[data.draw(st.sampled_from(sorted(self.saved)), label="slot")]
            if not isinstance(target, str):
                target.seek(0)
            self.net.load_state_dict(t.load(target))
            self.model = {k: v.astype(self.model[k].dtype) for k, v in values.items()}

        @rule(dtype=st.sampled_from(["float32", "float64"]))
        def cast(self, dtype: str) -> None:
            self.net.to(getattr(t, dtype))
            self.model = {k: v.astype(dtype) for k, v in self.model.items()}

        @invariant()
        def module_holds_the_model_values(self) -> None:
            state = self.net.state_dict()
            expect.equal("list(net.state_dict())", list(state), ["weight", "bias"])
            for key, want in self.model.items():
                expect.equal(f"net.{key}.dtype", state[key].dtype, getattr(t, want.dtype.name))
                expect.close(f"net.{key}", state[key], want, rtol=0, atol=0)

    stateful.run(SaveEditCastLoad)

