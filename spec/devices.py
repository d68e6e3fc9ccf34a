"""Devices: torch.device, creating tensors on and moving them to a device, mixing devices, numpy.

Models on devices (module.to, training, checkpoints) are in spec/devices_models.py.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from spec import SecondDevice, Verdict, expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, COMPARISON, FEATURES, GETTING_STARTED, NOTES

PLACEMENT, VALUES = SecondDevice.PLACEMENT, SecondDevice.VALUES
SAME_DEVICE_QUOTE = "在训练过程中，所有张量和模型都应该移到同一个设备上（要么都在 CPU 上，要么都在 GPU 上）。"
EXPLICIT_QUOTE = "对于Pytorch，你必须显式地为每个torch张量和numpy变量启用GPU。"
VERSION_RE = re.compile(r"^\d+\.\d+")


def on(t: Any, actual: Any, wanted: Any) -> bool:
    """``actual`` (a tensor's .device) is the device ``wanted`` names; an index only if given."""
    w = t.device(wanted)
    return bool(actual.type == w.type and (w.index is None or actual.index == w.index))


def expect_on(t: Any, what: str, x: Any, wanted: Any) -> None:
    expect.true(f"{what} on {wanted}", on(t, x.device, wanted), f"it is on {x.device}")


def non_cpu(t: Any, device: str, other_device: str) -> str:
    """Of the two devices under test, one that is not the CPU."""
    return device if t.device(other_device).type == "cpu" else other_device


untestable(
    id="devices.gpu.cuda-gives-efficient-parallel-computation",
    seed=FEATURES, lines=(11, 11),
    quote="支持GPU加速，利用CUDA进行高效并行计算，适合大规模深度学习任务",
    statement="GPU acceleration through CUDA makes large-scale deep learning efficient.",
    reason="a performance statement about hardware; the API part (torch.cuda, device='cuda') is "
    "checked by the devices.cuda.* and devices.idiom.* claims",
)
untestable(
    id="devices.gpu.moving-to-gpu-accelerates",
    seed=BASICS, lines=(12, 12),
    quote="可以将模型和张量移动到 GPU 上以加速计算",
    statement="Moving models and tensors to the GPU speeds up computation.",
    reason="speed depends on the hardware and the workload; that models and tensors can be moved is "
    "checked by devices.module.* and devices.tensor.*",
)
untestable(
    id="devices.gpu.moving-back-and-forth-is-error-prone",
    seed=COMPARISON, lines=(60, 60),
    quote="这将使代码变得混乱，如果你在CPU和GPU之间来回移动以执行不同的操作，则很容易出错。",
    statement="Explicit device moves make code messy and error-prone.",
    reason="an opinion about code style; that mixing devices raises is devices.mixing.ops-across-devices-raise",
)


@claim(
    id="devices.cuda.is-available-is-a-bool-telling-whether-cuda-works",
    seed=NOTES, lines=(29, 29),
    quote="torch.cuda.is_available()  # 检查GPU是否可用，如果输出True，则表示可用",
    statement="torch.cuda.is_available() returns a bool: True exactly when tensors can be created on 'cuda'.",
)
def cuda_is_available_is_a_bool_telling_whether_cuda_works(t, device):
    available = t.cuda.is_available()
    expect.equal("type(torch.cuda.is_available())", type(available), bool)
    if available:
        expect.no_raise("torch.zeros(1, device='cuda')", lambda: t.zeros(1, device="cuda"))
    else:
        with expect.raises("torch.zeros(1, device='cuda') when is_available() is False"):
            t.zeros(1, device="cuda")


@claim(
    id="devices.device.cuda-device-object-needs-no-gpu",
    seed=GETTING_STARTED, lines=(85, 86),
    quote="if torch.cuda.is_available():\n    device = torch.device(\"cuda\")",
    statement="torch.device('cuda') only names a device: it can be built without a GPU; its type is "
    "'cuda' and its index None.",
)
def cuda_device_object_needs_no_gpu(t, device):
    """Only using the device needs a GPU; hence the is_available() guard around tensors, not names."""
    d = t.device("cuda")
    expect.equal('torch.device("cuda").type', d.type, "cuda")
    expect.equal('torch.device("cuda").index', d.index, None)
    expect.equal('str(torch.device("cuda"))', str(d), "cuda")


@claim(
    id="devices.version.torch-version-is-a-version-string",
    seed=NOTES, lines=(30, 30),
    quote="print(torch.__version__)  # 查看torch当前版本",
    statement="torch.__version__ is a string starting with 'major.minor'.",
)
def torch_version_is_a_version_string(t, device):
    expect.true("isinstance(torch.__version__, str)", isinstance(t.__version__, str), repr(t.__version__))
    expect.true("torch.__version__ to start with major.minor", VERSION_RE.match(t.__version__), t.__version__)


@claim(
    id="devices.version.cuda-is-the-compile-time-cuda-version",
    seed=NOTES, lines=(31, 31),
    quote="print(torch.version.cuda)  # 编译当前版本的torch使用的cuda版本号",
    statement="torch.version.cuda is the CUDA version torch was built with ('major.minor'), or None "
    "for a build without CUDA; a build that can use a GPU is not CUDA-less.",
)
def version_cuda_is_the_compile_time_cuda_version(t, device):
    """A CPU-only build prints None; it is the build's CUDA, not the driver's. ROCm builds set
    torch.version.hip instead."""
    cuda = t.version.cuda
    expect.true("torch.version.cuda to be None or 'major.minor'",
                cuda is None or (isinstance(cuda, str) and VERSION_RE.match(cuda)), repr(cuda))
    if t.cuda.is_available():
        gpu_build = cuda is not None or getattr(t.version, "hip", None) is not None
        expect.true("torch.version.cuda (or .hip) set when a GPU is usable", gpu_build, repr(cuda))


@claim(
    id="devices.tensor.lives-on-either-device",
    seed=BASICS, lines=(89, 89),
    quote="PyTorch 张量可以存在于不同的设备上，包括CPU和GPU",
    statement="A tensor can live on the CPU or on another device; x.device says which.",
    second_device=PLACEMENT,
)
def tensors_live_on_either_device(t, device, other_device):
    for d in (device, other_device):
        expect_on(t, f"torch.zeros(2, 3, device={d!r})", t.zeros(2, 3, device=d), d)


@claim(
    id="devices.tensor.results-stay-on-the-operands-device",
    seed=BASICS, lines=(8, 8),
    quote="支持多维数组，并可以在 CPU 或 GPU 上进行加速计算",
    statement="Operations on tensors of one device compute there: their results live on that device.",
    second_device=PLACEMENT,
)
def results_stay_on_the_operands_device(t, device, other_device):
    for d in (device, other_device):
        x, w = t.ones(2, 3, device=d), t.ones(3, 4, device=d)
        expect_on(t, "(x @ w + 1).relu().sum(dim=0)", (x @ w + 1).relu().sum(dim=0), d)
        expect_on(t, "torch.cat([x, x])", t.cat([x, x]), d)


@claim(
    id="devices.creation.device-argument-places-the-tensor",
    seed=GETTING_STARTED, lines=(92, 92),
    quote="x = torch.ones(3,5,device = device)",
    statement="Creation functions given device= build the tensor on that device, with the asked "
    "shape and dtype.",
    inputs={"shape": "small_shape", "dtype": "creation_dtype"},
    second_device=PLACEMENT,
)
def creation_device_argument_places_the_tensor(t, device, other_device, shape, dtype):
    where = t.device(other_device)
    for name in ("zeros", "ones", "empty"):
        x = getattr(t, name)(*shape, dtype=getattr(t, dtype), device=where)
        expect_on(t, f"torch.{name}(*shape, device=device)", x, other_device)
        expect.equal(f"torch.{name}(*shape, dtype=torch.{dtype}).shape", tuple(x.shape), tuple(shape))
        expect.equal(f"torch.{name}(*shape, dtype=torch.{dtype}).dtype", x.dtype, getattr(t, dtype))
    expect_on(t, "torch.tensor([5, 3], device=device)", t.tensor([5, 3], device=where), other_device)


@claim(
    id="devices.device.object-and-string-name-the-same-device",
    seed=BASICS, lines=(407, 407),
    quote="使用 **torch.device** 来指定计算设备。",
    statement="A torch.device object is accepted wherever a device string is (creation, .to, "
    "module.to) and places tensors the same way.",
    second_device=PLACEMENT,
)
def device_object_and_string_name_the_same_device(t, device, other_device):
    d = t.device(other_device)
    expect.equal("torch.zeros(2, device=torch.device(s)).device", t.zeros(2, device=d).device,
                 t.zeros(2, device=other_device).device)
    expect.equal("x.to(torch.device(s)).device", t.zeros(2, device=device).to(d).device,
                 t.zeros(2, device=device).to(other_device).device)
    expect_on(t, "nn.Linear(2, 2).to(torch.device(s)).weight", t.nn.Linear(2, 2).to(d).weight, other_device)


@claim(
    id="devices.idiom.cuda-if-available-else-cpu",
    seed=BASICS, lines=(50, 51),
    quote="device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\")\n"
    "d = torch.randn(2, 3, device=device)",
    statement="The idiom picks 'cuda' exactly when it is available, and randn(2, 3, device=device) "
    "is a (2, 3) float32 tensor on that device.",
)
def cuda_if_available_else_cpu_idiom_works(t, device):
    """Run on any machine: the idiom is what makes the same script work with and without a GPU."""
    chosen = t.device("cuda" if t.cuda.is_available() else "cpu")
    expect.equal("device.type", chosen.type, "cuda" if t.cuda.is_available() else "cpu")
    d = t.randn(2, 3, device=chosen)
    expect.equal("d.shape", tuple(d.shape), (2, 3))
    expect.equal("d.dtype", d.dtype, t.float32)
    expect.equal("d.device.type", d.device.type, chosen.type)


@claim(
    id="devices.device.parses-type-and-index",
    seed=COMPARISON, lines=(63, 63),
    quote="device = torch.device(\"cuda:0\" if torch.cuda.is_available() else \"cpu\")",
    statement="torch.device('type:index') has .type and .index ('cuda:0' -> 'cuda', 0; 'cpu' -> "
    "'cpu', None), prints back as written and equals torch.device(type, index).",
    inputs={"spelled": "devices_device_string"},
)
def device_parses_type_and_index(t, device, spelled):
    """'cuda' and 'cuda:0' are different devices: the first means 'the current GPU'."""
    d = t.device(spelled["text"])
    expect.equal(f"torch.device({spelled['text']!r}).type", d.type, spelled["type"])
    expect.equal(f"torch.device({spelled['text']!r}).index", d.index, spelled["index"])
    expect.equal(f"str(torch.device({spelled['text']!r}))", str(d), spelled["text"])
    if spelled["index"] is not None:
        expect.equal("torch.device(type, index)", t.device(spelled["type"], spelled["index"]), d)
        expect.true(f"torch.device({spelled['text']!r}) != torch.device({spelled['type']!r})",
                    d != t.device(spelled["type"]))


@claim(
    id="devices.idiom.falls-back-to-cpu",
    seed=GETTING_STARTED, lines=(139, 139),
    quote="首先我们看看是否有GPU，如果没有，我们还是fallback到CPU上。",
    statement="Without a GPU the idiom falls back to the CPU, where creation and training run.",
)
def idiom_falls_back_to_cpu(t, device):
    chosen = t.device("cuda:0" if t.cuda.is_available() else "cpu")
    if not t.cuda.is_available():
        expect.equal("the fallback device", chosen, t.device("cpu"))
    net = t.nn.Linear(3, 1).to(chosen)
    loss = net(t.ones(2, 3, device=chosen)).sum()
    loss.backward()
    expect.equal("net.weight.grad.device.type", net.weight.grad.device.type, chosen.type)


@claim(
    id="devices.tensor.to-returns-a-new-tensor-on-the-device",
    seed=BASICS, lines=(92, 92),
    quote="tensor_gpu = tensor_from_list.to('cuda')  # 将张量移动到GPU",
    statement="x.to(other) is a new tensor on the other device with x's shape, dtype and requires_grad; "
    "x itself stays where it was.",
    inputs={"array": "float_array", "requires_grad": "devices_flag"},
    second_device=PLACEMENT,
)
def to_returns_a_new_tensor_on_the_device(t, device, other_device, array, requires_grad):
    """The copy is recorded by autograd: moving a leaf that requires grad gives a non-leaf, so
    `w = torch.randn(3, requires_grad=True).to('cuda')` leaves w.grad None after backward."""
    x = tensor_from(t, array, device, requires_grad=requires_grad)
    y = x.to(other_device)
    expect.true("x.to(other) is not x", y is not x)
    expect_on(t, "x.to(other)", y, other_device)
    expect_on(t, "x after x.to(other)", x, device)
    expect.equal("x.to(other).shape", tuple(y.shape), array.shape)
    expect.equal("x.to(other).dtype", y.dtype, x.dtype)
    expect.equal("x.to(other).requires_grad", y.requires_grad, requires_grad)
    expect.equal("x.to(other).is_leaf", y.is_leaf, not requires_grad)


@claim(
    id="devices.tensor.to-must-be-assigned-back",
    seed=BASICS, lines=(419, 420),
    quote="X = X.to(device)\nY = Y.to(device)",
    statement="Tensor.to is not in place: X.to(device) alone leaves X where it was; X = X.to(device) "
    "rebinds X to the moved copy.",
    second_device=PLACEMENT,
)
def tensor_to_must_be_assigned_back(t, device, other_device):
    """Unlike model.to(device), which moves the model itself (devices.module.to-moves-in-place)."""
    X, Y = t.ones(4, 3, device=device), t.zeros(4, dtype=t.int64, device=device)
    X.to(other_device)
    expect_on(t, "X after a bare X.to(device)", X, device)
    X, Y = X.to(other_device), Y.to(other_device)
    expect_on(t, "X = X.to(device)", X, other_device)
    expect_on(t, "Y = Y.to(device)", Y, other_device)


@claim(
    id="devices.tensor.to-returns-self-when-nothing-changes",
    seed=GETTING_STARTED, lines=(95, 95),
    quote="使用to方法转移Tensor到任何设备上",
    statement="x.to(...) returns x itself when the device and dtype already match (and x.cpu() of a "
    "CPU tensor is x); copy=True forces a new tensor.",
    inputs={"dtype": "creation_dtype"},
)
def to_returns_self_when_nothing_changes(t, device, dtype):
    """So writes through the result may reach the original: `y = x.to(device); y += 1` changes x."""
    x = t.zeros(2, 3, dtype=getattr(t, dtype), device=device)
    for what, y in (("x.to(device)", x.to(device)), ("x.to(x.device)", x.to(x.device)),
                    ("x.to(x.dtype)", x.to(x.dtype)), ("x.to(x.device, x.dtype)", x.to(x.device, x.dtype))):
        expect.true(f"{what} is x", y is x, "nothing changes, so no copy")
    expect.true("x.to(device, copy=True) is not x", x.to(device, copy=True) is not x)
    c = x.cpu()
    expect.true("c.cpu() is c for a CPU tensor c", c.cpu() is c)


@claim(
    id="devices.tensor.moving-keeps-values-and-gradients-flow-back",
    seed=NOTES, lines=(77, 78),
    quote="\tcpu_tensor = torch.tensor([1, 2, 3])\n\tgpu_tensor = cpu_tensor.to('cuda')",
    statement="Moving to another device and back (.to or .cpu()) keeps the values, and gradients "
    "flow back through .to to the original tensor on its own device.",
    inputs={"array": "float_array"},
    second_device=VALUES,
)
def moving_keeps_values_and_gradients_flow_back(t, device, other_device, array):
    x = tensor_from(t, array, device, requires_grad=True)
    y = x.to(other_device)
    expect.close("x.to(other)", y, array)
    expect.close("x.to(other).to(device)", y.to(device), array)
    expect.equal("x.to(other).cpu().device.type", y.cpu().device.type, "cpu")
    expect.close("x.to(other).cpu()", y.cpu(), array)
    (y * 3).sum().backward()
    expect_on(t, "x.grad", x.grad, device)
    expect.close("x.grad of (x.to(other) * 3).sum()", x.grad, np.full(array.shape, 3, array.dtype))


@claim(
    id="devices.tensor.repr-names-a-non-cpu-device",
    seed=NOTES, lines=(79, 80),
    quote="\tprint(\"CPU Tensor:\", cpu_tensor)\n\tprint(\"GPU Tensor:\", gpu_tensor)",
    statement="Printing a tensor on a non-CPU device shows device='...' (e.g. device='cuda:0'); "
    "a CPU tensor's repr shows no device.",
    second_device=PLACEMENT,
)
def repr_names_a_non_cpu_device(t, device, other_device):
    cpu_tensor = t.tensor([1, 2, 3], device="cpu")
    gpu_tensor = cpu_tensor.to(non_cpu(t, device, other_device))
    expect.true(f"device='{gpu_tensor.device}' in repr(gpu_tensor)",
                f"device='{gpu_tensor.device}'" in repr(gpu_tensor), repr(gpu_tensor))
    expect.true("no device= in repr(cpu_tensor)", "device=" not in repr(cpu_tensor), repr(cpu_tensor))


@claim(
    id="devices.mixing.ops-across-devices-raise",
    seed=BASICS, lines=(422, 422),
    quote=SAME_DEVICE_QUOTE,
    statement="An operation whose tensors (or a model and its input) are on different devices raises "
    "RuntimeError; nothing is moved implicitly.",
    second_device=PLACEMENT,
)
def ops_across_devices_raise(t, device, other_device):
    a, b = t.ones(2, 3, device=device), t.ones(2, 3, device=other_device)
    with expect.raises("a + b with a and b on different devices", RuntimeError):
        a + b
    model = t.nn.Linear(3, 2).to(other_device)
    with expect.raises("model(X) with the model and X on different devices", RuntimeError):
        model(a)


@claim(
    id="devices.mixing.zero-dim-cpu-tensor-is-exempt",
    seed=BASICS, lines=(422, 422),
    quote=SAME_DEVICE_QUOTE,
    statement="One exception to the same-device rule: a 0-dim CPU tensor combines with a tensor on any "
    "device, like a Python number, and the result stays on that device.",
    second_device=PLACEMENT,
)
def zero_dim_cpu_tensor_is_exempt(t, device, other_device):
    """Why `loss * torch.tensor(0.5)` works on the GPU while a (1,)-shaped CPU tensor would raise."""
    where = non_cpu(t, device, other_device)
    s, x = t.tensor(2.0, device="cpu"), t.ones(2, 3, device=where)
    expect_on(t, "torch.tensor(2.0) * x", s * x, where)
    expect_on(t, "x + torch.tensor(2.0)", x + s, where)


@claim(
    id="devices.numpy.doc-says-numpy-variables-can-be-put-on-the-gpu",
    seed=COMPARISON, lines=(60, 60),
    quote=EXPLICIT_QUOTE,
    statement="As written: numpy variables, like tensors, can be enabled for the GPU.",
    verdict=Verdict.PARTLY,
    paired_with="devices.numpy.arrays-live-on-the-cpu-only",
    second_device=PLACEMENT,
)
def doc_numpy_variables_can_be_put_on_the_gpu(t, device, other_device):
    """True of tensors, false of numpy: a numpy array is host memory only. numpy data reaches the GPU
    only as a tensor (torch.from_numpy(a).to(device)), and comes back only through .cpu()."""
    a = np.ones((2, 3), dtype=np.float32)
    on_gpu = t.from_numpy(a).to(non_cpu(t, device, other_device))
    back = on_gpu.numpy()  # the document's "numpy variable on the GPU"
    expect.true("x_on_gpu.numpy() to be a numpy array", isinstance(back, np.ndarray))


@claim(
    id="devices.numpy.arrays-live-on-the-cpu-only",
    seed=COMPARISON, lines=(60, 60),
    quote=EXPLICIT_QUOTE,
    statement="numpy arrays cannot live on a GPU: .numpy() of a tensor on a non-CPU device raises "
    "TypeError (move it with .cpu() first); the array's data goes there only as a moved tensor.",
    second_device=PLACEMENT,
)
def numpy_arrays_live_on_the_cpu_only(t, device, other_device):
    a = np.ones((2, 3), dtype=np.float32)
    where = non_cpu(t, device, other_device)
    on_gpu = t.from_numpy(a).to(where)
    expect.true("torch.from_numpy(a).to(device) is a tensor", not isinstance(on_gpu, np.ndarray))
    expect_on(t, "torch.from_numpy(a).to(device)", on_gpu, where)
    with expect.raises("x.numpy() of a tensor on a non-CPU device", TypeError):
        on_gpu.numpy()


# The claims about models on devices (module.to, training, checkpoints) live in devices_models.
from spec import devices_models  # noqa: E402,F401  (registration)
