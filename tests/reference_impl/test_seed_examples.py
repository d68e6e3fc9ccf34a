"""Every code example of the seed documents runs on reference_impl as on torch.

Each snippet is cut from its seed file by the line range listed below (the
lines between a code fence and its closing fence; a fence indented by n spaces
strips up to n spaces from its lines, as CommonMark does).  The snippets of one
document run in order in one namespace, once with real torch and once with
reference_impl, and what they print is compared: exactly where the output is
deterministic, with every floating-point number masked where it depends on
random draws (the two libraries' generators differ even when seeded alike).

How ``import torch`` resolves to reference_impl: the snippet's own import lines
run unchanged; the namespace it executes in gets a ``__builtins__`` whose
``__import__`` maps ``torch`` and ``torch.*`` to ``reference_impl`` and
``reference_impl.*``.  sys.modules is not touched for torch (real torch stays
importable beside it); the namespace itself is registered as a throwaway module
so that ``torch.save`` can pickle the classes a snippet defines.

Names a snippet uses but the document never defines (``trainloader``, ``net``,
``data``, ``self``...) come from a ``setup`` string, executed in the same
namespace just before the snippet, under the same import mapping.  A ``probe``
string, executed just after, prints what a snippet computes but does not print
itself.  Paths like ``'../model/x.pth'`` resolve inside a tmp dir: the snippets
run with the working directory ``<tmp>/work`` beside an empty ``<tmp>/model``.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import os
import re
import sys
import types
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from spec.seeds import BASICS, COMPARISON, FEATURES, GETTING_STARTED, NOTES, seed_dir

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.skipif(not seed_dir().is_dir(), reason=f"the seed documents are not at {seed_dir()}")

EXACT = "exact"  # printed output is deterministic: compared character for character
NUMBERS = "numbers"  # depends on random draws: floats masked, structure compared
VERSION = "version"  # first printed line is the library's version: masked, the rest exact


@dataclass(frozen=True)
class Snippet:
    seed: str
    first: int  # first code line (1-based, inclusive)
    last: int  # last code line (inclusive)
    compare: str = EXACT
    setup: str = ""
    probe: str = ""
    skip: str = ""

    @property
    def id(self) -> str:
        return f"{self.seed[:3]}:{self.first}-{self.last}"


TRAINING_LOOP_SETUP = """
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset
# the document's loop assumes a CIFAR-style net, loss, optimizer and loader; the smallest stand-ins:
net = nn.Linear(4, 3)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
trainloader = DataLoader(TensorDataset(torch.ones(8, 4), torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])), batch_size=4)
"""

SNIPPETS: tuple[Snippet, ...] = (
    # 001: tensors, autograd, nn.Module, training, devices (one namespace, in document order)
    Snippet(BASICS, 29, 52, NUMBERS),  # zeros/ones/randn/from_numpy/device
    Snippet(BASICS, 72, 85, NUMBERS),  # e + f, e * f, g.t(), g.shape
    Snippet(BASICS, 91, 92, probe="print('tensor_from_list' in dir())"),  # CUDA branch not taken on CPU
    Snippet(BASICS, 101, 109),  # backward of tensor * 2
    Snippet(BASICS, 136, 145, NUMBERS),  # x + 2, y * y * 3, mean, grad_fn repr
    Snippet(BASICS, 170, 174, NUMBERS),  # out.backward(); x.grad
    Snippet(BASICS, 185, 187, probe="print(y.requires_grad, y.grad_fn is None)"),  # no_grad
    Snippet(BASICS, 205, 224),  # SimpleNN repr
    Snippet(BASICS, 251, 266, NUMBERS),  # forward, MSELoss
    Snippet(BASICS, 278, 284, probe="print([p.grad is None for p in model.parameters()])"),  # Adam step
    Snippet(BASICS, 343, 381, NUMBERS),  # training loop, loss every 10 epochs
    Snippet(BASICS, 413, 420, probe="print(X.device, Y.device, next(model.parameters()).device)"),
    # 002: fragments of a comparison with Keras/TensorFlow
    Snippet(COMPARISON, 38, 56, setup=TRAINING_LOOP_SETUP,
            probe="print(net.weight.grad.shape, type(loss.grad_fn).__name__)"),
    # line 71 ("JAVASCRIPT 复制 全屏") is scraped page chrome, not code: the range stops before it
    Snippet(COMPARISON, 62, 69, setup="net = nn.Linear(4, 3)\ndata = [torch.ones(2, 4), torch.tensor([0, 1])]",
            probe="print(device, inputs.device, labels, next(net.parameters()).device)"),
    Snippet(COMPARISON, 77, 79,
            setup="from torch.nn import Conv2d\nself = nn.Module()  # the snippet is a line of some __init__\n"
                  "in_channels, out_channels, kernel_size, stride, padding, bias = 3, 8, 3, 2, 1, False",
            probe="print(self)"),
    Snippet(COMPARISON, 84, 85,
            setup="in_channels, out_channels, kernel_size, stride, bias = 8, 3, 4, 2, True", probe="print(self)"),
    # 003: a getting-started index of one-liners (one namespace, in document order)
    Snippet(GETTING_STARTED, 33, 33, setup="import torch", probe="print(x.shape, x.dtype)"),
    Snippet(GETTING_STARTED, 37, 37, probe="print(x.shape, x.dtype, bool(((x >= 0) & (x < 1)).all()))"),
    Snippet(GETTING_STARTED, 41, 41, probe="print(x)"),
    Snippet(GETTING_STARTED, 45, 45, probe="print(y)"),
    Snippet(GETTING_STARTED, 51, 51, probe="print(x)"),
    Snippet(GETTING_STARTED, 55, 58, probe="print(type(b).__name__, b, b.dtype)"),
    Snippet(GETTING_STARTED, 62, 65, probe="print(b)"),
    Snippet(GETTING_STARTED, 70, 71),  # x is tensor([5, 3]) from line 51
    # in document order x is the 1-D tensor([5, 3]) of line 51, where x[:, 1] is an IndexError on both;
    # the text speaks of a matrix's rows and columns, so a 5x3 matrix is bound first
    Snippet(GETTING_STARTED, 75, 78, setup="x = torch.arange(15).reshape(5, 3)"),
    Snippet(GETTING_STARTED, 85, 86, probe="print('device' in dir())"),  # CUDA branch not taken on CPU
    Snippet(GETTING_STARTED, 90, 92, probe="print('device' in dir())"),
    Snippet(GETTING_STARTED, 97, 100, probe="print(x)"),
    Snippet(GETTING_STARTED, 109, 111, probe="print(nn.Linear(2, 2), F.relu(torch.tensor([-1.0, 2.0])))"),
    Snippet(GETTING_STARTED, 128, 128,
            setup="net = nn.Linear(2, 1)\nnet(torch.ones(1, 2)).sum().backward()",
            probe="print(net.weight.grad, net.bias.grad)"),
    Snippet(GETTING_STARTED, 133, 134,
            skip="pseudo-code, not Python: 'learning rate*gradient' is a SyntaxError under any library"),
    # 004: notes on tensors, Parameter, Module, save/load (one namespace, in document order)
    Snippet(NOTES, 28, 31, VERSION),
    Snippet(NOTES, 49, 61,
            probe="print(scalar_tensor, vector_tensor, matrix_tensor.dtype, multi_dimensional_tensor.shape)"),
    Snippet(NOTES, 67, 80, probe="print(int8_tensor, int32_tensor, float32_tensor, float64_tensor)"),
    Snippet(NOTES, 87, 104,
            probe="print(pytorch_tensor_from_list, pytorch_tensor_from_numpy, numpy_array_2, zeros_tensor,\n"
                  "      ones_tensor, empty_tensor.shape, random_tensor.shape, normal_tensor.dtype)"),
    Snippet(NOTES, 139, 155),  # named_parameters of CustomModel
    Snippet(NOTES, 173, 194),  # MyNN: forward on a tensor and on an int
    # torch >= 2.6 loads with weights_only=True: a whole pickled module is refused (UnpicklingError)
    Snippet(NOTES, 201, 204, probe="print('myNN_v1' in dir())"),
    Snippet(NOTES, 210, 214, probe="print(all(torch.equal(a, b) for a, b in zip(myNN_v2.parameters(),"
                                   " myNN.parameters())))"),
)

DOCUMENTS_WITHOUT_CODE = (FEATURES,)


# ---- extraction -------------------------------------------------------------------------------------------------


@cache
def _lines(seed: str) -> list[str]:
    return (seed_dir() / seed).read_text(encoding="utf-8").splitlines()


def _fence_indent(line: str) -> int | None:
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) if stripped.startswith("```") else None


def extract(snippet: Snippet) -> str:
    """The code at snippet.first..last, de-indented by its opening fence's indent (CommonMark)."""
    lines = _lines(snippet.seed)
    opening = snippet.first - 1
    while opening > 0 and _fence_indent(lines[opening - 1]) is None:
        opening -= 1
    indent = _fence_indent(lines[opening - 1]) if opening > 0 else None
    assert indent is not None, f"{snippet.id}: no code fence above line {snippet.first}"
    body = lines[snippet.first - 1:snippet.last]
    assert all(_fence_indent(line) is None for line in body), f"{snippet.id}: the range crosses a fence"
    pattern = re.compile(rf"^ {{0,{indent}}}")
    return "\n".join(pattern.sub("", line) for line in body) + "\n"


# ---- running ----------------------------------------------------------------------------------------------------


def _mapped_import(library: str) -> Any:
    """An __import__ that resolves torch and torch.* to `library` and its submodules."""

    def _import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        if level == 0 and (name == "torch" or name.startswith("torch.")):
            module = importlib.import_module(library + name[len("torch"):])
            # like __import__: the top-level package, unless names are imported from the module
            return module if fromlist else importlib.import_module(library)
        return builtins.__import__(name, globals, locals, fromlist, level)

    return _import


def _run_document(seed: str, library: str, tmp: Path) -> dict[str, str]:
    """Run the seed's snippets in order in one namespace; what each printed (or raised), by snippet id."""
    module = types.ModuleType(f"_seed_{seed[:3]}_{library}")
    sys.modules[module.__name__] = module
    namespace = module.__dict__
    namespace["__builtins__"] = {**vars(builtins), "__import__": _mapped_import(library)}
    importlib.import_module(library).manual_seed(0)  # reproducible per library; the two streams still differ
    outputs: dict[str, str] = {}
    cwd = os.getcwd()
    os.chdir(tmp / "work")
    try:
        for snippet in SNIPPETS:
            if snippet.seed != seed or snippet.skip:
                continue
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                for part, code in (("setup", snippet.setup), ("snippet", extract(snippet)), ("probe", snippet.probe)):
                    try:
                        exec(compile(code, f"<{snippet.id} {part}>", "exec"), namespace)
                    except Exception as error:  # an error is part of the behaviour being compared
                        print(f"<{part} raised {type(error).__name__}>")
            outputs[snippet.id] = buffer.getvalue()
    finally:
        os.chdir(cwd)
        del sys.modules[module.__name__]
    return outputs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, str]]:
    results = {}
    for library in ("torch", "reference_impl"):
        for seed in sorted({s.seed for s in SNIPPETS}):
            tmp = tmp_path_factory.mktemp(f"{seed[:3]}_{library}")
            (tmp / "work").mkdir()
            (tmp / "model").mkdir()
            results[(seed, library)] = _run_document(seed, library, tmp)
    return results


# ---- comparing --------------------------------------------------------------------------------------------------

_FLOAT = re.compile(r" *-?(?:\d+\.\d*|\d*\.\d+)(?:e[+-]?\d+)?")


def normalize(text: str, compare: str, library: str) -> str:
    if compare == NUMBERS:
        return _FLOAT.sub("#", text)
    if compare == VERSION:
        version = importlib.import_module(library).__version__
        return text.replace(str(version), "<version>", 1)
    return text


@pytest.mark.parametrize("snippet", [
    pytest.param(s, id=s.id, marks=[pytest.mark.skip(reason=s.skip)] if s.skip else []) for s in SNIPPETS
])
def test_seed_snippet_prints_what_torch_prints(snippet: Snippet, outputs: dict) -> None:
    expected = normalize(outputs[(snippet.seed, "torch")][snippet.id], snippet.compare, "torch")
    actual = normalize(outputs[(snippet.seed, "reference_impl")][snippet.id], snippet.compare, "reference_impl")
    assert actual == expected, (f"{snippet.id} ({snippet.compare}) printed\n{actual}\nbut torch printed\n{expected}"
                                f"\ncode:\n{extract(snippet)}")


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if not s.skip], ids=lambda s: s.id)
def test_seed_snippet_runs_without_error_on_torch_unless_documented(snippet: Snippet, outputs: dict) -> None:
    printed = outputs[(snippet.seed, "torch")][snippet.id]
    raised = re.findall(r"<(\w+) raised (\w+)>", printed)
    expected = [("snippet", "UnpicklingError")] if snippet.id == "004:201-204" else []
    assert raised == expected, f"{snippet.id}: {printed}"


def _fenced_lines(seed: str) -> list[tuple[int, str, str]]:
    """(line number, line, the opening fence's info string) of every non-blank line inside a fenced block."""
    found, info = [], None
    for number, line in enumerate(_lines(seed), start=1):
        if _fence_indent(line) is not None:
            info = line.strip()[3:].strip() if info is None else None
        elif info is not None and line.strip():
            found.append((number, line, info))
    return found


# fenced lines that are not code to run, by (seed, first, last): why
NOT_CODE = {
    (BASICS, 57, 66): "sample output of the snippet above",
    (BASICS, 150, 162): "sample output of the snippet above",
    (BASICS, 230, 233): "sample output of the snippet above",
    (BASICS, 386, 395): "sample output of the snippet above",
    (COMPARISON, 71, 71): "scraped page chrome ('JAVASCRIPT 复制 全屏'), not code",
    (NOTES, 22, 22): "a conda command (a ```shell block)",
}


def test_every_fenced_line_of_the_seeds_is_a_listed_snippet_or_explained() -> None:
    covered = {(s.seed, n) for s in SNIPPETS for n in range(s.first, s.last + 1)}
    covered |= {(seed, n) for (seed, first, last) in NOT_CODE for n in range(first, last + 1)}
    missing = [(seed, number, line) for seed in (FEATURES, BASICS, COMPARISON, GETTING_STARTED, NOTES)
               for number, line, _ in _fenced_lines(seed) if (seed, number) not in covered]
    assert missing == []
    assert not any(s.seed in DOCUMENTS_WITHOUT_CODE for s in SNIPPETS)
    assert all(not _fenced_lines(seed) for seed in DOCUMENTS_WITHOUT_CODE)
