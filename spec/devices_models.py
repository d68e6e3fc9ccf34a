"""Models on devices: module.to, training on a device, and checkpoints across devices.

Split from spec/devices.py (tensors and torch.device), which imports this module.
"""

from __future__ import annotations

import io
from typing import Any

from spec import expect
from spec._claim import claim
from spec.devices import EXPLICIT_QUOTE, PLACEMENT, VALUES, expect_on, non_cpu
from spec.seeds import BASICS, COMPARISON, GETTING_STARTED, NOTES
from spec.serialization import build_stack, expect_same_state, values_of

LOAD_QUOTE = "myNN_v2.load_state_dict(torch.load('../model/myNN_v2.pth'))"


@claim(
    id="devices.module.to-moves-in-place-and-returns-it",
    seed=BASICS, lines=(415, 416),
    quote="# 将模型移动到设备\nmodel.to(device)",
    statement="model.to(device) moves every parameter and buffer of the model itself and returns "
    "the same model object, so its result need not be assigned.",
    inputs={"recipe": "serialization_layer_stack"},
    second_device=PLACEMENT,
)
def module_to_moves_in_place_and_returns_it(t, device, other_device, recipe):
    model = build_stack(t, recipe, device)
    expect.true("model.to(device) is model", model.to(other_device) is model)
    for name, p in model.named_parameters():
        expect_on(t, f"model.{name}", p, other_device)
    for name, b in model.named_buffers():
        expect_on(t, f"model.{name} (a buffer)", b, other_device)


@claim(
    id="devices.module.to-keeps-parameter-objects-for-an-earlier-optimizer",
    seed=COMPARISON, lines=(66, 66),
    quote="net.to(device)",
    statement="net.to(device) keeps the Parameter objects (their data moves), so an optimizer built "
    "before the move updates the moved parameters exactly as on the original device.",
    second_device=VALUES,
)
def module_to_keeps_parameters_for_an_earlier_optimizer(t, device, other_device, seed):
    """Building the optimizer after the move is the safe habit; this is why the other order works."""
    t.manual_seed(seed)
    net, twin = t.nn.Linear(3, 2).to(device), t.nn.Linear(3, 2).to(device)
    twin.load_state_dict(net.state_dict())
    before = list(net.parameters())
    opt, twin_opt = t.optim.SGD(net.parameters(), lr=0.1), t.optim.SGD(twin.parameters(), lr=0.1)
    net.to(other_device)
    expect.true("the same Parameter objects after net.to(device)",
                all(a is b for a, b in zip(before, net.parameters(), strict=True)))
    X, Y = t.randn(4, 3, device=device), t.randn(4, 2, device=device)
    for model, optimizer, where in ((net, opt, other_device), (twin, twin_opt, device)):
        optimizer.zero_grad()
        t.nn.functional.mse_loss(model(X.to(where)), Y.to(where)).backward()
        optimizer.step()
    expect_on(t, "net.weight after the step", net.weight, other_device)
    expect.close("net.weight after opt.step() on the other device", net.weight, expect.numpy_of(twin.weight))
    expect.close("net.bias after opt.step() on the other device", net.bias, expect.numpy_of(twin.bias))



@claim(
    id="devices.tensor.every-tensor-must-be-moved-explicitly",
    seed=COMPARISON, lines=(60, 60),
    quote=EXPLICIT_QUOTE,
    statement="Moving a model moves no other tensor: tensors created afterwards still default to the "
    "CPU, and feeding one to the moved model raises until it is moved too.",
    second_device=PLACEMENT,
)
def every_tensor_must_be_moved_explicitly(t, device, other_device):
    gpu = non_cpu(t, device, other_device)
    net = t.nn.Linear(3, 2).to(gpu)
    inputs = t.randn(4, 3)
    expect.equal("torch.randn(4, 3).device.type after net.to(device)", inputs.device.type, "cpu")
    with expect.raises("net(inputs) before inputs.to(device)", RuntimeError):
        net(inputs)
    expect_on(t, "net(inputs.to(device))", net(inputs.to(gpu)), gpu)


@claim(
    id="devices.training.batch-moved-next-to-the-net-runs",
    seed=COMPARISON, lines=(69, 69),
    quote="inputs, labels = data[0].to(device), data[1].to(device)",
    statement="With the net on a device, each DataLoader batch (built on the CPU) is moved with "
    "data[0].to(device), data[1].to(device); outputs and loss are then computed on that device.",
    second_device=PLACEMENT,
)
def batch_moved_next_to_the_net_runs(t, device, other_device, seed):
    t.manual_seed(seed)
    dataset = t.utils.data.TensorDataset(t.randn(6, 3), t.tensor([0, 1, 2, 0, 1, 2]))
    net = t.nn.Linear(3, 3).to(other_device)
    for data in t.utils.data.DataLoader(dataset, batch_size=2):
        expect.equal("data[0].device.type (from the DataLoader)", data[0].device.type, "cpu")
        inputs, labels = data[0].to(other_device), data[1].to(other_device)
        outputs = net(inputs)
        loss = t.nn.CrossEntropyLoss()(outputs, labels)
        expect.equal("labels.dtype after .to(device)", labels.dtype, t.int64)
        expect_on(t, "net(inputs)", outputs, other_device)
        expect_on(t, "criterion(outputs, labels)", loss, other_device)


@claim(
    id="devices.training.step-runs-on-the-device",
    seed=GETTING_STARTED, lines=(137, 137),
    quote="为了在GPU上训练，我们需要把Tensor转移到GPU上。",
    statement="Once the model and the tensors are on a device, forward, backward and optimizer.step() "
    "all run there: loss, gradients and updated parameters stay on that device.",
    second_device=PLACEMENT,
)
def training_step_runs_on_the_device(t, device, other_device):
    net = t.nn.Sequential(t.nn.Linear(3, 4), t.nn.ReLU(), t.nn.Linear(4, 1)).to(other_device)
    optimizer = t.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    X, Y = t.ones(5, 3).to(other_device), t.zeros(5, 1).to(other_device)
    optimizer.zero_grad()
    loss = t.nn.functional.mse_loss(net(X), Y)
    loss.backward()
    optimizer.step()
    expect_on(t, "loss", loss, other_device)
    for name, p in net.named_parameters():
        expect_on(t, f"net.{name}.grad", p.grad, other_device)
        expect_on(t, f"net.{name} after optimizer.step()", p, other_device)


@claim(
    id="devices.checkpoint.load-restores-the-saved-device-unless-map-location",
    seed=NOTES, lines=(214, 214),
    quote=LOAD_QUOTE,
    statement="torch.load puts each tensor back on the device it was saved from; map_location='...' "
    "(a string or torch.device) puts them on the given device instead.",
    second_device=PLACEMENT,
)
def load_restores_the_saved_device_unless_map_location(t, device, other_device, tmp_path):
    """A GPU checkpoint opened on a CPU-only machine fails without map_location='cpu'."""
    t.save(t.nn.Linear(3, 2).to(device).state_dict(), str(tmp_path / "net.pth"))
    for key, value in t.load(str(tmp_path / "net.pth")).items():
        expect_on(t, f"torch.load(f)[{key!r}]", value, device)
    for where in (other_device, t.device(other_device)):
        for key, value in t.load(str(tmp_path / "net.pth"), map_location=where).items():
            expect_on(t, f"torch.load(f, map_location={where!r})[{key!r}]", value, other_device)


@claim(
    id="devices.checkpoint.loads-across-devices-with-its-values",
    seed=NOTES, lines=(214, 214),
    quote=LOAD_QUOTE,
    statement="A state_dict saved on one device loads into a model on another, through map_location "
    "or directly (load_state_dict copies across devices); the model keeps its device and gets the values.",
    second_device=VALUES,
)
def checkpoint_loads_across_devices_with_its_values(t, device, other_device, seed, tmp_path):
    t.manual_seed(seed)
    saved = t.nn.Linear(3, 2).to(other_device)
    t.save(saved.state_dict(), str(tmp_path / "net.pth"))
    for how, state in (("map_location=device", t.load(str(tmp_path / "net.pth"), map_location=device)),
                       ("no map_location", t.load(str(tmp_path / "net.pth")))):
        net = t.nn.Linear(3, 2).to(device)
        net.load_state_dict(state)
        expect_same_state(f"net.state_dict() after loading with {how}", net.state_dict(), saved.state_dict())
        for name, p in net.named_parameters():
            expect_on(t, f"net.{name} after load_state_dict ({how})", p, device)


@claim(
    id="devices.stateful.save-load-move-sequences",
    seed=BASICS, lines=(405, 405),
    quote="PyTorch 允许你将模型和数据移动到 GPU 上进行加速。",
    statement="After any sequence of moves between two devices, saves, in-place edits and loads, the "
    "model lives where it was last moved and holds the values of the last load.",
    second_device=VALUES,
    stateful=True,
)
def save_load_move_sequences_track_a_model(t, device, other_device, tmp_path):
    """load_state_dict copies into the model wherever it is: loading never moves the model."""
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

    from spec import stateful

    class SaveLoadMove(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.net, self.where = t.nn.Linear(3, 2).to(device), device
            self.model = values_of(self.net.state_dict())
            self.saved: dict[int, tuple[Any, dict[str, Any]]] = {}

        @rule(where=st.sampled_from([device, other_device]))
        def move(self, where: str) -> None:
            self.net.to(where)
            self.where = where

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
        @rule(data=st.data(), map_here=st.booleans())
        def load(self, data: Any, map_here: bool) -> None:
            target, values = self.saved[data.draw(st.sampled_from(sorted(self.saved)), label="slot")]
            if not isinstance(target, str):
                target.seek(0)
            self.net.load_state_dict(t.load(target, map_location=self.where) if map_here else t.load(target))
            self.model = {k: v.copy() for k, v in values.items()}

        @invariant()
        def model_is_where_it_was_moved_with_the_model_values(self) -> None:
            for key, value in self.net.state_dict().items():
                expect_on(t, f"net.{key}", value, self.where)
                expect.close(f"net.{key}", value, self.model[key], rtol=0, atol=0)

    stateful.run(SaveLoadMove)
