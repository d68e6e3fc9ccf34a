"""What the documents say PyTorch is: its features, modules and basic concepts.

Much of this prose is untestable (popularity, history, ease of use); the
testable kernels are checked: the graph is built at run time and follows
Python control flow, operations run eagerly, models can be rebuilt between
calls, and the listed modules and classes exist and do their job.  The
untestable prose is registered in :mod:`spec.overview_prose`, the torch.nn
catalogue of the notes document in :mod:`spec.overview_nn`.
"""

from __future__ import annotations

import numpy as np

from spec import SecondDevice, expect
from spec import overview_nn as _nn_catalogue  # noqa: F401  (registers the torch.nn catalogue claims)
from spec import overview_prose as _prose  # noqa: F401  (registers the untestable overview prose)
from spec._claim import claim
from spec._interop import tensor_from
from spec.seeds import BASICS, COMPARISON, FEATURES, GETTING_STARTED


@claim(
    id="overview.features.dynamic-graph-follows-control-flow",
    seed=FEATURES, lines=(7, 7),
    quote="PyTorch 使用动态计算图（即 Eager 模式），允许在运行时动态定义和修改计算图",
    statement="The graph is defined at run time: Python branches and loops on the data decide which "
    "operations are recorded, and the gradient is that of the path actually taken.",
    inputs={"values": "overview_vector"},
)
def dynamic_graph_follows_control_flow(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    y = x * x if x[0] > 0 else 3 * x  # the branch is chosen by the data, while running
    for _ in range(len(values)):  # and the depth by its length
        y = y * 1.5
    y.sum().backward()
    local = 2 * values if values[0] > 0 else np.full_like(values, 3.0)
    expect.close("x.grad through the branch taken", x.grad, local * 1.5 ** len(values))


@claim(
    id="overview.features.cuda-interface",
    seed=FEATURES, lines=(11, 11),
    quote="支持GPU加速，利用CUDA进行高效并行计算",
    statement="GPU acceleration goes through CUDA: torch.cuda.is_available() answers with a bool and "
    "'cuda' is a device type, whether or not a GPU is present.",
)
def cuda_interface_is_present(t, device):
    """Placement on a real GPU is checked in devices.* when one is present."""
    expect.equal("type(torch.cuda.is_available())", type(t.cuda.is_available()), bool)
    expect.equal("torch.device('cuda').type", t.device("cuda").type, "cuda")


@claim(
    id="overview.features.network-structure-adjustable",
    seed=FEATURES, lines=(13, 13),
    quote="支持动态调整网络结构",
    statement="A network's structure can be changed between calls: appending a layer to an nn.Sequential "
    "changes what the next forward computes.",
)
def network_structure_can_be_adjusted(t, device):
    model = t.nn.Sequential(t.nn.Linear(2, 2)).to(device)
    x = t.tensor([[1.0, -3.0], [-2.0, 0.5]], device=device)
    before = expect.numpy_of(model(x))
    model.append(t.nn.ReLU())
    expect.equal("len(model) after append", len(model), 2)
    expect.close("model(x) after appending nn.ReLU()", model(x), np.maximum(before, 0))


@claim(
    id="overview.modules.listed-modules-exist",
    seed=FEATURES, lines=(23, 23),
    quote="pytorch有哪些模块？",
    statement="PyTorch's modules include torch, torch.nn, torch.optim, torch.utils.data and torch.autograd, "
    "each with its central member.",
)
def listed_modules_exist(t, device):
    members = {"torch": (t, "tensor"), "torch.nn": (t.nn, "Module"), "torch.optim": (t.optim, "Optimizer"),
               "torch.utils.data": (t.utils.data, "DataLoader"), "torch.autograd": (t.autograd, "grad")}
    for module, (namespace, member) in members.items():
        expect.true(f"{module}.{member} to exist", hasattr(namespace, member))


@claim(
    id="overview.basics.core-concepts",
    seed=BASICS, lines=(6, 6),
    quote="张量（Tensor）、自动求导（Autograd）、神经网络模块（nn.Module）、优化器（optim）",
    statement="The basic concepts are all there: tensors are torch.Tensor, torch.autograd.grad differentiates, "
    "nn.Module is the base of models and torch.optim.Optimizer the base of optimizers.",
)
def core_concepts_exist(t, device):
    x = t.tensor([1.0, 2.0], device=device, requires_grad=True)
    expect.true("isinstance(x, torch.Tensor)", isinstance(x, t.Tensor))
    (grad,) = t.autograd.grad((x * x).sum(), x)
    expect.close("torch.autograd.grad((x * x).sum(), x)", grad, np.array([2.0, 4.0], np.float32))
    expect.true("nn.Linear to be an nn.Module", issubclass(t.nn.Linear, t.nn.Module))
    expect.true("optim.SGD to be an optim.Optimizer", issubclass(t.optim.SGD, t.optim.Optimizer))


@claim(
    id="overview.basics.tensor-is-a-multidimensional-array",
    seed=BASICS, lines=(8, 8),
    quote="张量（Tensor）：PyTorch 的核心数据结构，支持多维数组",
    statement="A tensor is a multidimensional array: built from an n-d array it keeps its shape, dim() and values "
    "(on the device under test; GPU placement is checked by devices.*).",
    inputs={"array": "float32_array"},
)
def tensor_is_a_multidimensional_array(t, device, array):
    x = tensor_from(t, array, device)
    expect.equal("x.dim()", x.dim(), array.ndim)
    expect.equal("tuple(x.shape)", tuple(x.shape), array.shape)
    expect.close("x", x, array)


@claim(
    id="overview.basics.autograd-gives-model-gradients",
    seed=BASICS, lines=(9, 9),
    quote="PyTorch 提供了自动求导功能，可以轻松计算模型的梯度，便于进行反向传播和优化。",
    statement="One backward() call computes the gradient of a loss with respect to a model's weight and bias.",
    inputs={"inputs": "training_inputs"},
)
def autograd_gives_model_gradients(t, device, inputs):
    model = t.nn.Linear(2, 1).to(device=device, dtype=t.float64)
    w, b = expect.numpy_of(model.weight), expect.numpy_of(model.bias)
    (model(tensor_from(t, inputs, device)) ** 2).mean().backward()
    residual = 2 * (inputs @ w.T + b) / len(inputs)
    expect.close("model.weight.grad", model.weight.grad, residual.T @ inputs)
    expect.close("model.bias.grad", model.bias.grad, residual.sum(0))


@claim(
    id="overview.basics.module-defines-a-model",
    seed=BASICS, lines=(10, 10),
    quote="PyTorch 提供了简单且强大的 API 来构建神经网络模型，可以方便地进行前向传播和模型定义。",
    statement="Subclassing nn.Module with layers as attributes and a forward() defines a model: calling it "
    "runs forward, and the layers' parameters are registered.",
)
def module_subclass_defines_a_model(t, device):
    class Doubler(t.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = t.nn.Linear(2, 1)

        def forward(self, x):
            return 2 * self.linear(x)

    model = Doubler().to(device)
    x = t.tensor([[1.0, -1.0]], device=device)
    w, b = expect.numpy_of(model.linear.weight), expect.numpy_of(model.linear.bias)
    expect.close("model(x)", model(x), 2 * (np.array([[1.0, -1.0]]) @ w.T + b))
    expect.equal("number of model.parameters()", len(list(model.parameters())), 2)


@claim(
    id="overview.basics.model-and-tensors-move-to-a-device",
    seed=BASICS, lines=(12, 12),
    quote="设备（Device）：可以将模型和张量移动到 GPU 上以加速计算。",
    statement="model.to(device) moves every parameter, and tensor.to(device) the tensor, onto that device.",
    second_device=SecondDevice.PLACEMENT,
)
def model_and_tensors_move_to_a_device(t, device, other_device):
    model = t.nn.Linear(2, 1).to(device)
    moved = model.to(other_device)
    kind = t.device(other_device).type
    expect.equal("device types of the parameters after model.to(other)",
                 {p.device.type for p in moved.parameters()}, {kind})
    expect.equal("x.to(other).device.type", t.ones(2, device=device).to(other_device).device.type, kind)


@claim(
    id="overview.autograd.graph-is-built-as-operations-run",
    seed=BASICS, lines=(124, 124),
    quote="在动态图中，计算图在运行时动态构建。每次执行操作时，计算图都会更新",
    statement="Each operation on a tensor that requires grad adds a node at once: y.grad_fn exists as soon "
    "as y is computed and links to its inputs' nodes; running the code again builds a new graph.",
)
def graph_is_built_as_operations_run(t, device):
    x = t.tensor([1.0, 2.0], device=device, requires_grad=True)
    expect.true("a leaf to have no grad_fn", x.grad_fn is None)
    graphs = []
    for _ in range(2):
        y = x * 2
        z = y + 1
        expect.true("z.grad_fn to exist right after z = y + 1", z.grad_fn is not None)
        expect.true("z.grad_fn to link to y.grad_fn", any(f is y.grad_fn for f, _ in z.grad_fn.next_functions))
        graphs.append(z.grad_fn)
    expect.true("a second run to build a new graph", graphs[0] is not graphs[1])


@claim(
    id="overview.comparison.no-declarative-programming",
    seed=COMPARISON, lines=(5, 5),
    quote="不必进行任何复杂的声明式编程(declarative programming)",
    statement="Code runs imperatively, line by line: a result holds its values as soon as it is computed, and "
    "a shape error raises at the faulty line, with no graph to declare and compile first.",
)
def code_runs_imperatively(t, device):
    x = t.tensor([1.0, 2.0], device=device)
    y = x * 2
    expect.close("y = x * 2, read at once", y, np.array([2.0, 4.0], np.float32))
    reached = []
    with expect.raises("x + torch.ones(3) at the line that adds", RuntimeError):
        x + t.ones(3, device=device)
        reached.append("after the faulty line")
    expect.equal("lines run after the faulty one", reached, [])


@claim(
    id="overview.comparison.model-structure-changes-at-run-time",
    seed=COMPARISON, lines=(10, 10),
    quote="PyTorch支持动态图机制，允许在运行时动态修改模型结构",
    statement="A model's structure can be modified while the program runs: assigning a new layer to a "
    "module attribute replaces it in the next forward and in parameters().",
)
def model_structure_changes_at_run_time(t, device):
    model = t.nn.Sequential()
    model.head = t.nn.Linear(2, 1)
    x = t.ones(4, 2, device=device)
    expect.equal("model.to(device)(x).shape", tuple(model.to(device)(x).shape), (4, 1))
    model.head = t.nn.Linear(2, 3).to(device)
    expect.equal("model(x).shape after replacing the head", tuple(model(x).shape), (4, 3))
    expect.equal("parameter shapes after replacing the head",
                 [tuple(p.shape) for p in model.parameters()], [(3, 2), (3,)])


@claim(
    id="overview.comparison.core-components",
    seed=COMPARISON, lines=(21, 25),
    quote="torch.nn：神经网络模块，提供卷积层、全连接层等。\ntorch.optim：优化器模块，提供SGD、Adam等优化算法。",
    statement="torch holds tensor operations and math functions, torch.nn convolution and fully connected "
    "layers (nn.Conv2d, nn.Linear), torch.optim the SGD and Adam optimizers.",
)
def core_components_provide_the_listed_parts(t, device):
    x = t.tensor([0.0, 1.0], device=device)
    expect.close("torch.exp(x) + torch.sin(x)", t.exp(x) + t.sin(x), np.exp([0.0, 1.0]) + np.sin([0.0, 1.0]))
    for layer in ("Conv2d", "Linear"):
        expect.true(f"nn.{layer} to be an nn.Module", issubclass(getattr(t.nn, layer), t.nn.Module))
    for name in ("SGD", "Adam"):
        cls = getattr(t.optim, name, None)
        expect.true(f"optim.{name} to be an Optimizer", isinstance(cls, type) and issubclass(cls, t.optim.Optimizer))


@claim(
    id="overview.intro.like-numpy",
    seed=GETTING_STARTED, lines=(3, 3),
    quote="类似于numpy但是可以进行GPU加速。",
    statement="Tensors work like numpy arrays: elementwise arithmetic, transpose, reductions and matmul "
    "give numpy's results (GPU placement is checked in devices.*).",
    inputs={"matrix": "float32_matrix"},
)
def tensors_work_like_numpy(t, device, matrix):
    x = tensor_from(t, matrix, device)
    a = matrix.astype(np.float64)
    expect.close("x * 2 + x", x * 2 + x, a * 2 + a)
    expect.close("x.T", x.T, a.T)
    expect.close("x.sum(0)", x.sum(0), a.sum(0), atol=1e-4)
    expect.close("x @ x.T", x @ x.T, a @ a.T, rtol=1e-5, atol=1e-2)


@claim(
    id="overview.intro.built-in-autograd",
    seed=GETTING_STARTED, lines=(11, 11),
    quote="Pytorch内置了自动求导功能，能够自动计算张量的梯度。",
    statement="Autograd is built in: for a tensor with requires_grad=True, backward() fills x.grad "
    "(for sum(x**3), with 3*x**2).",
    inputs={"values": "overview_vector"},
)
def autograd_is_built_in(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    (x**3).sum().backward()
    expect.close("x.grad of (x**3).sum()", x.grad, 3 * values**2)
