"""nn.Module and nn.Parameter: subclassing, forward, super().__init__(), the seeds' example models.

The tutorial classes (SimpleNN, MyNN) are defined from the backend's
``t.nn.Module`` by the factories below, with the tutorial's names, so that
reprs print as in the documents.  The area continues in
spec/modules_parameters.py (nn.Parameter and buffers, 004 lines 134-163) and
spec/modules_registration.py (generated registration properties: parameters,
buffers, state_dict, .to, optimizers, a state machine), imported at the end.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, COMPARISON, FEATURES, NOTES

SUPER_ROW = "用于初始化继承自nn.Module的参数，实现子类与父类方法的关联。"


def simple_nn(t: Any) -> type:
    """001's SimpleNN: fc1 = Linear(2, 2), fc2 = Linear(2, 1), forward fc2(relu(fc1(x)))."""

    class SimpleNN(t.nn.Module):
        def __init__(self):
            super(SimpleNN, self).__init__()  # noqa: UP008 - the tutorial's spelling
            self.fc1 = t.nn.Linear(2, 2)
            self.fc2 = t.nn.Linear(2, 1)

        def forward(self, x):
            x = t.relu(self.fc1(x))
            return self.fc2(x)

    return SimpleNN


def my_nn(t: Any) -> type:
    """004's MyNN: weight (5, 5) and bias (5,) Parameters, but forward is x + 1 (they go unused)."""

    class MyNN(t.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.weight = t.nn.Parameter(t.randn(5, 5))
            self.bias = t.nn.Parameter(t.randn(5))

        def forward(self, x):
            return x + 1

    return MyNN


untestable(
    id="modules.overview.module-is-convenient",
    seed=FEATURES, lines=(19, 19),
    quote="方便构建和管理复杂神经网络",
    statement="nn.Module makes building and managing complex networks convenient.",
    reason="Convenience is a judgement; what it rests on (a nested network is listed and switched as one) "
    "is checked by modules.overview.module-manages-nested-networks.",
)
untestable(
    id="modules.nn-intro.neural-network-definition",
    seed=BASICS, lines=(192, 192),
    quote="神经网络是一种模仿人脑神经元连接的计算模型",
    statement="A neural network is a computational model imitating the brain's neurons, in layers of nodes.",
    reason="A definition of neural networks in general, not a statement about PyTorch.",
)
untestable(
    id="modules.nn-intro.training-adjusts-weights",
    seed=BASICS, lines=(194, 194),
    quote="神经网络通过调整神经元之间的连接权重来优化预测结果，这一过程涉及前向传播、损失计算、反向传播和参数更新。",
    statement="Training adjusts the weights through forward pass, loss, backward pass and parameter update.",
    reason="A summary of training in general; the steps of the loop are checked by the training.* and "
    "optim.* claims on 001 lines 236-400.",
)
untestable(
    id="modules.nn-intro.network-applications",
    seed=BASICS, lines=(196, 196),
    quote="它们在图像识别、语音处理、自然语言处理等多个领域都有广泛应用",
    statement="These networks are widely used in image recognition, speech and natural language processing.",
    reason="A statement about the field, not about PyTorch's behaviour.",
)


@claim(
    id="modules.nn-intro.network-kinds-have-layers",
    seed=BASICS, lines=(196, 196),
    quote="神经网络的类型包括前馈神经网络、卷积神经网络（CNN）、循环神经网络（RNN）和长短期记忆网络（LSTM）",
    statement="nn has a Module for each kind named: Linear (feed-forward), Conv2d (CNN), RNN and LSTM, "
    "each mapping a batch to the expected output shape.",
)
def network_kinds_have_layers(t, device):
    """The building blocks exist as Modules; their detailed behaviour is the layers area's."""
    cases = {
        "Linear(3, 2)(x)": (t.nn.Linear(3, 2), (4, 3), (4, 2)),
        "Conv2d(1, 2, 3)(x)": (t.nn.Conv2d(1, 2, 3), (1, 1, 4, 4), (1, 2, 2, 2)),
        "RNN(3, 2)(x)[0]": (t.nn.RNN(3, 2), (5, 1, 3), (5, 1, 2)),
        "LSTM(3, 2)(x)[0]": (t.nn.LSTM(3, 2), (5, 1, 3), (5, 1, 2)),
    }
    for what, (layer, shape_in, shape_out) in cases.items():
        expect.true(f"{what.split('(')[0]} to be an nn.Module", isinstance(layer, t.nn.Module))
        out = layer.to(device)(t.zeros(*shape_in, device=device))
        out = out[0] if isinstance(out, tuple) else out
        expect.equal(f"{what}.shape", tuple(out.shape), shape_out)


@claim(
    id="modules.subclass.layers-defined-in-init-are-submodules",
    seed=BASICS, lines=(198, 200),
    quote="即 **torch.nn.Module**。\n\n我们可以继承 nn.Module 类并定义自己的网络层。",
    statement="A subclass of nn.Module that assigns layers in __init__ has them as submodules, in "
    "assignment order, and owns their parameters under dotted names.",
)
def layers_defined_in_init_are_submodules(t, device):
    """Assigning a Module attribute registers it; the order of assignment is the order of listing."""
    model = simple_nn(t)().to(device)
    expect.true("model to be an nn.Module", isinstance(model, t.nn.Module))
    expect.equal("[name for name, _ in model.named_children()]", [n for n, _ in model.named_children()], ["fc1", "fc2"])
    shapes = [(n, tuple(p.shape)) for n, p in model.named_parameters()]
    expect.equal("model.named_parameters() (name, shape)", shapes,
                 [("fc1.weight", (2, 2)), ("fc1.bias", (2,)), ("fc2.weight", (1, 2)), ("fc2.bias", (1,))])


@claim(
    id="modules.simple-nn.repr-matches-printed-output",
    seed=BASICS, lines=(230, 233),
    quote="SimpleNN(\n  (fc1): Linear(in_features=2, out_features=2, bias=True)\n"
    "  (fc2): Linear(in_features=2, out_features=1, bias=True)\n)",
    statement="print(model) of SimpleNN prints the class name and each child as '(name): repr', "
    "indented two spaces, exactly as the document shows.",
)
def simple_nn_repr_matches_printed_output(t, device):
    """The repr lists children in assignment order, with each layer's extra_repr; forward is not shown."""
    expected = ("SimpleNN(\n  (fc1): Linear(in_features=2, out_features=2, bias=True)\n"
                "  (fc2): Linear(in_features=2, out_features=1, bias=True)\n)")
    expect.equal("str(model)", str(simple_nn(t)().to(device)), expected)


@claim(
    id="modules.simple-nn.forward-is-relu-fc1-then-fc2",
    seed=BASICS, lines=(216, 217),
    quote="x = torch.relu(self.fc1(x))  # ReLU 激活函数\n        x = self.fc2(x)",
    statement="model(x) of SimpleNN is fc2(relu(fc1(x))) = relu(x W1^T + b1) W2^T + b2.",
    inputs={"x": "module_batch_of_2_features"},
)
def simple_nn_forward_is_relu_fc1_then_fc2(t, device, seed, x):
    t.manual_seed(seed)
    model = simple_nn(t)().to(device)
    w1, b1, w2, b2 = (expect.numpy_of(p.detach()).astype(np.float64) for p in model.parameters())
    hidden = np.maximum(x @ w1.T + b1, 0)
    expect.close("model(x)", model(tensor_from(t, x, device)).detach(), hidden @ w2.T + b2)


@claim(
    id="modules.call.calling-model-runs-forward",
    seed=BASICS, lines=(215, 215),
    quote="def forward(self, x):",
    statement="Calling a module, model(x), calls its forward(x) once and returns what forward returns.",
)
def calling_model_runs_forward(t, device):
    """nn.Module.__call__ wraps forward (hooks); users call model(x), never forward directly."""
    seen = []

    class Recorder(t.nn.Module):
        def forward(self, x):
            seen.append(x)
            return ("out", x)

    x = t.ones(2, device=device)
    expect.equal("Recorder()(x)[0]", Recorder()(x)[0], "out")
    expect.true("forward to be called once with x itself", len(seen) == 1 and seen[0] is x)


@claim(
    id="modules.module.init-registers-parameters-and-submodules",
    seed=NOTES, lines=(169, 169),
    quote="用于初始化模型的参数和子模块",
    statement="Parameters and submodules assigned in __init__ are registered as soon as the module is built.",
)
def init_registers_parameters_and_submodules(t, device):
    class Net(t.nn.Module):
        def __init__(self):
            super().__init__()
            self.scale = t.nn.Parameter(t.ones(3))
            self.body = t.nn.Linear(3, 3)

    net = Net().to(device)
    expect.equal("[n for n, _ in net.named_parameters()]", [n for n, _ in net.named_parameters()],
                 ["scale", "body.weight", "body.bias"])
    expect.equal("[n for n, _ in net.named_children()]", [n for n, _ in net.named_children()], ["body"])


@claim(
    id="modules.forward.missing-forward-raises",
    seed=NOTES, lines=(170, 170),
    quote="`forward` **方法**：定义模型的前向传播逻辑",
    statement="forward defines the computation: a Module subclass without forward raises NotImplementedError "
    "when called.",
)
def missing_forward_raises(t, device):
    class NoForward(t.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = t.nn.Linear(2, 2)

    with expect.raises("NoForward()(x), a module without forward", NotImplementedError):
        NoForward().to(device)(t.ones(1, 2, device=device))


untestable(
    id="modules.module.core-component",
    seed=NOTES, lines=(166, 166),
    quote="它是构建神经网络的核心组件，用于定义网络的结构、参数和前向传播逻辑。",
    statement="nn.Module is the core component that defines a network's structure, parameters and forward logic.",
    reason="A summary; its concrete parts are checked by modules.module.init-registers-parameters-and-submodules, "
    "modules.forward.missing-forward-raises and modules.call.calling-model-runs-forward.",
)


@claim(
    id="modules.module.base-class-of-layers",
    seed=NOTES, lines=(166, 166),
    quote="几乎所有的神经网络层（如线性层、卷积层、循环层等）和模型都是通过继承 `torch.nn.Module` 来实现的",
    statement="nn.Module is the base class of the layers: Linear, Conv1d/2d, RNN, LSTM, GRU, BatchNorm, "
    "activations, Dropout, pooling, containers and losses are all subclasses.",
)
def module_is_base_class_of_layers(t, device):
    names = ("Linear", "Conv1d", "Conv2d", "ConvTranspose2d", "RNN", "LSTM", "GRU", "BatchNorm1d", "BatchNorm2d",
             "ReLU", "Sigmoid", "Tanh", "Softmax", "Dropout", "MaxPool2d", "Flatten", "Sequential", "ModuleList",
             "MSELoss", "CrossEntropyLoss")
    for name in names:
        expect.true(f"issubclass(nn.{name}, nn.Module)", issubclass(getattr(t.nn, name), t.nn.Module))


@claim(
    id="modules.super.assigning-before-init-raises",
    seed=COMPARISON, lines=(14, 14),
    quote=SUPER_ROW,
    statement="super().__init__() sets up nn.Module's registries: assigning a submodule, Parameter or buffer "
    "before it raises AttributeError 'cannot assign module before Module.__init__() call' (and alike).",
)
def assigning_before_super_init_raises(t, device):
    """The classic forgotten-super() bug: the error names the missing call."""
    assignments = {
        "module": lambda self: setattr(self, "fc", t.nn.Linear(2, 2)),
        "parameters": lambda self: setattr(self, "w", t.nn.Parameter(t.zeros(2, device=device))),
        "buffer": lambda self: self.register_buffer("b", t.zeros(2, device=device)),
    }
    for kind, assign in assignments.items():
        class Forgetful(t.nn.Module):
            def __init__(self):
                assign(self)  # noqa: B023 - each class is built and used in this iteration
                super().__init__()

        message = f"cannot assign {kind} before Module.__init__() call"
        try:
            Forgetful()
        except AttributeError as exc:
            expect.true(f"the error to say {message!r}", message in str(exc), f"it says {exc}")
        else:
            expect.true(f"assigning a {kind} before super().__init__() to raise AttributeError", False)


@claim(
    id="modules.super.init-sets-up-inherited-machinery",
    seed=COMPARISON, lines=(14, 14),
    quote=SUPER_ROW,
    statement="After super().__init__() (either spelling) a subclass has nn.Module's state (no parameters, "
    "training=True) and methods: calling it reaches the subclass's forward.",
)
def super_init_sets_up_inherited_machinery(t, device):
    class Old(t.nn.Module):
        def __init__(self):
            super(Old, self).__init__()  # noqa: UP008 - the spelling under test

        def forward(self, x):
            return x * 2

    class New(Old):
        def __init__(self):
            super().__init__()

    for m in (Old(), New()):
        name = type(m).__name__
        expect.equal(f"list({name}().parameters())", list(m.parameters()), [])
        expect.equal(f"{name}().training", m.training, True)
        expect.close(f"{name}()(torch.ones(2))", m(t.ones(2, device=device)), np.array([2.0, 2.0], "float32"))


@claim(
    id="modules.my-nn.tensor-input-prints-tensor-2",
    seed=NOTES, lines=(188, 189),
    quote="input = torch.tensor(1.0)  \nprint(myNN(input))",
    statement="myNN(torch.tensor(1.0)) prints tensor(2.): forward x + 1 of a 0-d float tensor.",
)
def my_nn_tensor_input_prints_tensor_2(t, device):
    out = my_nn(t)()(t.tensor(1.0))
    expect.equal("str(myNN(torch.tensor(1.0)))", str(out), "tensor(2.)")


@claim(
    id="modules.my-nn.python-int-input-returns-4",
    seed=NOTES, lines=(190, 190),
    quote="print(myNN(3))",
    statement="myNN(3) returns the Python int 4: a module's forward takes any Python value, not only tensors.",
)
def my_nn_python_int_input_returns_4(t, device):
    """Module.__call__ does not check its arguments: forward alone decides what it accepts."""
    out = my_nn(t)()(3)
    expect.equal("myNN(3)", out, 4)
    expect.equal("type(myNN(3))", type(out), int)


@claim(
    id="modules.my-nn.named-parameters-print",
    seed=NOTES, lines=(193, 194),
    quote="for name, param in myNN.named_parameters():  \n    print(f\"{name}: {param.shape}\")",
    statement="MyNN's loop prints 'weight: torch.Size([5, 5])' then 'bias: torch.Size([5])', "
    "though forward never uses them.",
)
def my_nn_named_parameters_print(t, device):
    lines = [f"{name}: {param.shape}" for name, param in my_nn(t)().named_parameters()]
    expect.equal("the printed lines", lines, ["weight: torch.Size([5, 5])", "bias: torch.Size([5])"])


# The rest of this area: Parameter and buffer examples, then the generated registration properties.
from spec import modules_parameters, modules_registration  # noqa: E402,F401  (registration)
