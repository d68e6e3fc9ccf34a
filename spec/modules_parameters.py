"""nn.Parameter and buffers: the seeds' examples (004 lines 134-163).

CustomModel is defined from the backend's ``t.nn.Module`` with the tutorial's
name.  Part of the modules area; imported by spec/modules.py.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim
from spec._interop import tensor_from
from spec.seeds import NOTES


def custom_model(t: Any) -> type:
    """004's CustomModel: weight (5, 5) and bias (5,) Parameters, forward x @ weight + bias."""

    class CustomModel(t.nn.Module):
        def __init__(self):
            super(CustomModel, self).__init__()  # noqa: UP008 - the tutorial's spelling
            self.weight = t.nn.Parameter(t.randn(5, 5))
            self.bias = t.nn.Parameter(t.randn(5))

        def forward(self, x):
            return x @ self.weight + self.bias

    return CustomModel


@claim(
    id="modules.parameter.is-a-tensor-subclass",
    seed=NOTES, lines=(136, 136),
    quote="继承自 `torch.Tensor`，因此它本质上也是一个张量（Tensor）",
    statement="nn.Parameter is a subclass of torch.Tensor: a Parameter is a tensor with the data it wraps.",
    inputs={"values": "module_float32_array"},
)
def parameter_is_a_tensor_subclass(t, device, values):
    p = t.nn.Parameter(tensor_from(t, values, device))
    expect.true("issubclass(nn.Parameter, torch.Tensor)", issubclass(t.nn.Parameter, t.Tensor))
    expect.true("isinstance(p, torch.Tensor)", isinstance(p, t.Tensor))
    expect.close("nn.Parameter(x)", p.detach(), values)
    expect.close("p * 2 (tensor arithmetic)", (p * 2).detach(), values * 2)


@claim(
    id="modules.parameter.requires-grad-and-gets-gradient",
    seed=NOTES, lines=(136, 136),
    quote="参数会在反向传播过程中计算梯度",
    statement="A Parameter requires grad by default (requires_grad=False opts out), so backward() fills its .grad.",
    inputs={"values": "module_float32_array"},
)
def parameter_requires_grad_and_gets_gradient(t, device, values):
    p = t.nn.Parameter(tensor_from(t, values, device))
    expect.equal("nn.Parameter(x).requires_grad", p.requires_grad, True)
    expect.equal("nn.Parameter(x, requires_grad=False).requires_grad",
                 t.nn.Parameter(tensor_from(t, values, device), requires_grad=False).requires_grad, False)
    (p * p).sum().backward()
    expect.close("p.grad of (p * p).sum()", p.grad, 2 * values)


@claim(
    id="modules.parameter.optimizer-updates-it",
    seed=NOTES, lines=(136, 136),
    quote="并且可以通过优化器进行自动更新",
    statement="An optimizer over model.parameters() updates the Parameters in place: for SGD, p -= lr * p.grad.",
    inputs={"x": "module_batch_of_5_features", "lr": "module_sgd_lr"},
)
def optimizer_updates_parameters(t, device, seed, x, lr):
    t.manual_seed(seed)
    model = custom_model(t)().to(device)
    weight, bias = (expect.numpy_of(p.detach()).astype(np.float64) for p in (model.weight, model.bias))
    optimizer = t.optim.SGD(model.parameters(), lr=lr)
    model(tensor_from(t, x, device)).sum().backward()
    optimizer.step()
    expect.close("model.weight after SGD", model.weight.detach(), weight - lr * x.sum(0)[:, None] * np.ones((1, 5)))
    expect.close("model.bias after SGD", model.bias.detach(), bias - lr * len(x))


@claim(
    id="modules.custom-model.named-parameters-print-in-order",
    seed=NOTES, lines=(154, 155),
    quote='for name, param in model.named_parameters():\n\tprint(f"{name}: {param.shape}")',
    statement="CustomModel's loop prints 'weight: torch.Size([5, 5])' then 'bias: torch.Size([5])'.",
)
def custom_model_named_parameters_print_in_order(t, device):
    model = custom_model(t)().to(device)
    lines = [f"{name}: {param.shape}" for name, param in model.named_parameters()]
    expect.equal("the printed lines", lines, ["weight: torch.Size([5, 5])", "bias: torch.Size([5])"])


@claim(
    id="modules.custom-model.forward-is-x-matmul-weight-plus-bias",
    seed=NOTES, lines=(150, 150),
    quote="return x @ self.weight + self.bias",
    statement="CustomModel()(x) is x @ weight + bias (weight used as is, not transposed as in nn.Linear).",
    inputs={"x": "module_batch_of_5_features"},
)
def custom_model_forward_is_x_matmul_weight_plus_bias(t, device, seed, x):
    t.manual_seed(seed)
    model = custom_model(t)().to(device)
    weight, bias = (expect.numpy_of(p.detach()).astype(np.float64) for p in (model.weight, model.bias))
    expect.close("model(x)", model(tensor_from(t, x, device)).detach(), x @ weight + bias)


@claim(
    id="modules.parameter.plain-tensor-does-not-take-part-in-optimization",
    seed=NOTES, lines=(159, 159),
    quote="使用 `nn.Parameter` 可以确保张量是模型的一部分，并参与优化。",
    statement="Only the Parameter is trained by an optimizer over model.parameters(); a plain tensor attribute "
    "is left alone even when it requires grad and has a gradient.",
)
def plain_tensor_does_not_take_part_in_optimization(t, device):
    """Writing self.w = torch.randn(..., requires_grad=True) silently freezes w: a classic bug."""
    class Model(t.nn.Module):
        def __init__(self):
            super().__init__()
            self.w = t.nn.Parameter(t.ones(3, device=device))
            self.v = t.ones(3, device=device, requires_grad=True)

    model = Model()
    expect.equal("[n for n, _ in model.named_parameters()]", [n for n, _ in model.named_parameters()], ["w"])
    optimizer = t.optim.SGD(model.parameters(), lr=0.5)
    (model.w * model.v).sum().backward()
    optimizer.step()
    expect.close("model.w after a step", model.w.detach(), np.full(3, 0.5, "float32"))
    expect.close("plain model.v after a step (its grad is ones)", model.v.detach(), np.ones(3, "float32"))


@claim(
    id="modules.buffer.threshold-not-updated-by-optimizer",
    seed=NOTES, lines=(162, 163),
    quote="反向传播不需要被 optimizer 更新，称之为 buffer，比如阈值。",
    statement="A buffer such as a threshold (register_buffer) is used in forward but is not a parameter: "
    "it gets no gradient and an optimizer step leaves it unchanged, while the weight moves.",
)
def threshold_buffer_not_updated_by_optimizer(t, device):
    class Gate(t.nn.Module):
        def __init__(self):
            super().__init__()
            self.weight = t.nn.Parameter(t.full((3,), 2.0, device=device))
            self.register_buffer("threshold", t.full((3,), 0.5, device=device))

        def forward(self, x):
            return t.relu(x * self.weight - self.threshold)

    gate = Gate()
    optimizer = t.optim.SGD(gate.parameters(), lr=0.1)
    gate(t.ones(3, device=device)).sum().backward()
    optimizer.step()
    expect.true("gate.threshold.grad to be None", gate.threshold.grad is None)
    expect.close("gate.threshold after a step", gate.threshold, np.full(3, 0.5, "float32"))
    expect.close("gate.weight after a step", gate.weight.detach(), np.full(3, 1.9, "float32"))
