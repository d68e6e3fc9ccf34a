"""reference_impl.nn, optim, utils.data and save/load."""

from __future__ import annotations

import io
import math
import pickle

import pytest

import reference_impl as torch
from reference_impl import nn


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.register_buffer("steps", torch.zeros(1))
        self.register_buffer("scratch", torch.zeros(1), persistent=False)

    def forward(self, x):
        return self.fc(x)


def test_state_dict_lists_own_parameters_and_persistent_buffers_before_children():
    assert list(Net().state_dict()) == ["steps", "fc.weight", "fc.bias"]


def test_register_buffer_rejects_dotted_name():
    with pytest.raises(KeyError):
        Net().register_buffer("a.b", torch.zeros(1))


def test_getattr_of_a_missing_attribute_raises_attribute_error():
    with pytest.raises(AttributeError):
        Net().missing  # noqa: B018


def test_load_state_dict_reports_missing_and_unexpected_keys():
    net = Net()
    sd = net.state_dict()
    del sd["steps"]
    sd["extra"] = torch.zeros(1)
    result = net.load_state_dict(sd, strict=False)
    assert result.missing_keys == ["steps"] and result.unexpected_keys == ["extra"]
    with pytest.raises(RuntimeError, match="Missing key"):
        net.load_state_dict(sd)


def test_to_sim_keeps_parameter_identity():
    net = Net()
    w = net.fc.weight
    net.to("sim")
    assert net.fc.weight is w and w.device.type == "sim"


def test_linear_default_init_is_within_inverse_sqrt_fan_in():
    layer = nn.Linear(16, 4)
    bound = 1 / math.sqrt(16)
    assert max(abs(v) for v in layer.weight.detach().reshape(-1).tolist()) <= bound


def test_repr_of_a_module_tree_matches_torch():
    assert repr(nn.Sequential(nn.Linear(2, 3), nn.ReLU())) == (
        "Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)")


def test_training_with_sgd_and_adam_lowers_the_loss():
    torch.manual_seed(0)
    x = torch.randn(16, 2)
    y = x.sum(1, keepdim=True)
    for make in (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), lambda p: torch.optim.Adam(p, lr=0.05)):
        model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
        opt = make(model.parameters())
        first = None
        for _ in range(30):
            opt.zero_grad()
            loss = nn.MSELoss()(model(x), y)
            loss.backward()
            opt.step()
            first = first if first is not None else loss.item()
        assert loss.item() < first / 2


def test_dataloader_batches_and_drops_the_last_partial_batch():
    ds = torch.utils.data.TensorDataset(torch.arange(10.0), torch.arange(10))
    batches = list(torch.utils.data.DataLoader(ds, batch_size=4, drop_last=True))
    assert len(batches) == 2 and batches[0][1].tolist() == [0, 1, 2, 3]


def test_save_and_load_a_state_dict_round_trip(tmp_path):
    net = Net()
    torch.save(net.state_dict(), tmp_path / "m.pt")
    other = Net()
    other.load_state_dict(torch.load(tmp_path / "m.pt"))
    assert other.fc.weight.tolist() == net.fc.weight.tolist()


def test_loading_a_whole_module_needs_weights_only_false():
    buf = io.BytesIO()
    torch.save(Net(), buf)
    buf.seek(0)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(buf)
    buf.seek(0)
    assert isinstance(torch.load(buf, weights_only=False), Net)


def test_a_truncated_file_gives_a_serialization_error(tmp_path):
    torch.save({"w": torch.ones(100)}, tmp_path / "m.pt")
    data = (tmp_path / "m.pt").read_bytes()
    (tmp_path / "m.pt").write_bytes(data[:-10])
    with pytest.raises(torch.serialization.SerializationError):
        torch.load(tmp_path / "m.pt")
