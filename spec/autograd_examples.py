"""Autograd: the document's worked examples, what they print, and backward()'s rules.

Lines 97-109 and 137-174 of the basics tutorial: tensor([1.0]) * 2, and
x -> y = x + 2 -> z = y * y * 3 -> out = z.mean() with out.backward().
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from typing import Any

import numpy as np

from spec import Verdict, expect
from spec._claim import claim
from spec._interop import tensor_from
from spec.autograd import doc_program
from spec.seeds import BASICS

DOC_X = np.array([[-0.1908, 0.2811], [0.8068, 0.8002]], dtype=np.float32)  # the x the document prints
DOC_OUT = 18.1469  # the out the document prints
OUT_REPR = re.compile(r"tensor\(-?\d+\.\d{4}(, device='[^']+')?, grad_fn=<MeanBackward0>\)")


def non_leaf_grad(y: Any) -> Any:
    """y.grad, without torch's warning that a non-leaf's .grad is not populated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return y.grad


@claim(
    id="autograd.example.tensor-times-two-has-grad-two",
    seed=BASICS, lines=(97, 109),
    quote="当你创建一个需要梯度的张量时，PyTorch可以自动计算其梯度：\n\n实例\n```python\n"
    "# 创建一个需要梯度的张量\ntensor_requires_grad = torch.tensor([1.0], requires_grad=True)",
    statement="For a = torch.tensor([v], requires_grad=True), (a * 2).backward() (no argument: one element) "
    "makes a.grad tensor([2.]), a float32 tensor of shape (1,), whatever v is.",
    inputs={"value": "autograd_scalar"},
)
def tensor_times_two_has_grad_two(t, device, value):
    for v in (1.0, value):
        tensor_requires_grad = t.tensor([v], requires_grad=True, device=device)
        tensor_result = tensor_requires_grad * 2
        tensor_result.backward()
        grad = tensor_requires_grad.grad
        expect.equal("tensor_requires_grad.grad.shape", tuple(grad.shape), (1,))
        expect.equal("tensor_requires_grad.grad.dtype", grad.dtype, t.float32)
        expect.close(f"grad of torch.tensor([{v}]) * 2", grad, np.array([2.0], dtype=np.float32))


@claim(
    id="autograd.example.grad-fn-names",
    seed=BASICS, lines=(141, 143),
    quote="y = x + 2\nz = y * y * 3\nout = z.mean()",
    statement="y = x + 2 has grad_fn AddBackward0, z = y * y * 3 has MulBackward0 (fed by "
    "another MulBackward0), out = z.mean() has MeanBackward0; x is a leaf and the rest are not.",
)
def example_grad_fn_names(t, device):
    x = t.randn(2, 2, requires_grad=True, device=device)
    y, z, out = doc_program(x)
    expect.equal("y.grad_fn.name()", y.grad_fn.name(), "AddBackward0")
    expect.equal("z.grad_fn.name()", z.grad_fn.name(), "MulBackward0")
    expect.equal("(y * y).grad_fn.name()", z.grad_fn.next_functions[0][0].name(), "MulBackward0")
    expect.equal("out.grad_fn.name()", out.grad_fn.name(), "MeanBackward0")
    expect.equal("[x, y, z, out].is_leaf", [v.is_leaf for v in (x, y, z, out)], [True, False, False, False])


@claim(
    id="autograd.example.doc-says-output-block-is-printed",
    seed=BASICS, lines=(148, 150),
    quote="输出结果类似如下：\n```\ntensor([[0., 0., 0.],",
    statement="As written: the x/y/z/out program prints a block like the one shown, which begins "
    "with a 2x3 tensor of zeros and holds seven tensors.",
    verdict=Verdict.REFUTED,
    paired_with="autograd.example.program-prints-x-then-out",
)
def doc_output_block_is_printed(t, device):
    """The block is pasted from the tensor-creation section: zeros, ones, randn, from_numpy, randn
    precede the two tensors this program does print."""
    printed = _run_example_program(t, device)
    expect.equal("the number of tensors printed", printed.count("tensor("), 7)
    expect.true("the output to begin with 'tensor([[0., 0., 0.],'", printed.startswith("tensor([[0., 0., 0.],"))


@claim(
    id="autograd.example.program-prints-x-then-out",
    seed=BASICS, lines=(160, 162),
    quote="        [ 0.8068,  0.8002]], requires_grad=True)\ntensor(18.1469, grad_fn=<MeanBackward0>)",
    statement="The program prints exactly two tensors: x, 2x2 with 'requires_grad=True', then the "
    "0-dim out as 'tensor(v, grad_fn=<MeanBackward0>)'.",
)
def program_prints_x_then_out(t, device):
    printed = _run_example_program(t, device)
    expect.equal("the number of tensors printed", printed.count("tensor("), 2)
    x_text, out_text = printed.split(")\n", 1)
    expect.true("print(x) to end in 'requires_grad=True)'", x_text.endswith("requires_grad=True"), x_text)
    expect.equal("the '[' in print(x) of a 2x2 tensor", x_text.count("["), 3)
    expect.true("print(out) to read 'tensor(v, grad_fn=<MeanBackward0>)'",
                OUT_REPR.fullmatch(out_text.strip()), out_text)


def _run_example_program(t, device):
    """Lines 137-145: the program, with what it prints captured."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        x = t.randn(2, 2, requires_grad=True, device=device)
        print(x)
        out = doc_program(x)[2]
        print(out)
    return buffer.getvalue()


@claim(
    id="autograd.example.printed-out-is-three-mean-square",
    seed=BASICS, lines=(160, 162),
    quote="tensor(18.1469, grad_fn=<MeanBackward0>)",
    statement="out = 3 * mean((x + 2)**2); for the printed x it is the printed 18.1469.",
    inputs={"matrix": "autograd_matrix_2x2"},
)
def printed_out_is_three_mean_square(t, device, matrix):
    """The printed x is rounded to 4 decimals, which moves out by at most 8e-4."""
    doc_out = doc_program(tensor_from(t, DOC_X, device, requires_grad=True))[2].item()
    expect.true("out for the printed x to be 18.1469", abs(doc_out - DOC_OUT) <= 1e-3, f"got {doc_out}")
    out = doc_program(tensor_from(t, matrix, device, requires_grad=True))[2]
    expect.equal("out.shape", tuple(out.shape), ())
    expect.close("out", out, np.float32(3 * np.mean((matrix.astype(np.float64) + 2) ** 2)))


@claim(
    id="autograd.example.backward-gives-three-halves-of-x-plus-two",
    seed=BASICS, lines=(171, 174),
    quote="out.backward()\n\n# 查看 x 的梯度\nprint(x.grad)",
    statement="After out.backward(), x.grad is d out / dx = 6 (x + 2) / x.numel(), "
    "that is 3 (x + 2) / 2 for the document's 2x2 x.",
    inputs={"matrix": "autograd_matrix_2x2", "values": "autograd_values"},
)
def backward_gives_three_halves_of_x_plus_two(t, device, matrix, values):
    x = tensor_from(t, matrix, device, requires_grad=True)
    doc_program(x)[2].backward()
    expect.close("x.grad (2x2)", x.grad, 3 * (matrix + 2) / 2)
    x = tensor_from(t, values, device, requires_grad=True)
    doc_program(x)[2].backward()
    expect.close(f"x.grad (shape {values.shape})", x.grad, 6 * (values + 2) / values.size)


@claim(
    id="autograd.leaf.non-leaf-grad-needs-retain-grad",
    seed=BASICS, lines=(173, 174),
    quote="# 查看 x 的梯度\nprint(x.grad)",
    statement="backward() fills .grad of leaves like x only: y.grad stays None unless "
    "y.retain_grad() was called, after which it is d out / dy.",
    inputs={"values": "autograd_values"},
)
def non_leaf_grad_needs_retain_grad(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    y, _, out = doc_program(x)
    out.backward()
    expect.true("x.is_leaf and not y.is_leaf", x.is_leaf and not y.is_leaf)
    expect.true("y.grad is None (y is not a leaf)", non_leaf_grad(y) is None)
    y, _, out = doc_program(x)
    y.retain_grad()
    out.backward()
    expect.close("y.grad after y.retain_grad()", y.grad, 6 * (values + 2) / values.size)


@claim(
    id="autograd.backward.graph-freed-unless-retained",
    seed=BASICS, lines=(166, 166),
    quote="一旦定义了计算图，可以通过 **.backward()** 方法来计算梯度。",
    statement="backward() frees the graph: a second out.backward() raises RuntimeError, unless the "
    "first used retain_graph=True, and then the second adds the same gradient again.",
    inputs={"values": "autograd_values"},
)
def graph_freed_unless_retained(t, device, values):
    x = tensor_from(t, values, device, requires_grad=True)
    out = doc_program(x)[2]
    out.backward()
    with expect.raises("a second out.backward() on the freed graph", RuntimeError):
        out.backward()
    x = tensor_from(t, values, device, requires_grad=True)
    out = doc_program(x)[2]
    out.backward(retain_graph=True)
    expect.no_raise("out.backward() after backward(retain_graph=True)", out.backward)
    expect.close("x.grad after two backward()", x.grad, 2 * 6 * (values + 2) / values.size)


@claim(
    id="autograd.backward.non-scalar-needs-gradient",
    seed=BASICS, lines=(108, 108),
    quote="tensor_result.backward()",
    statement="backward() without an argument works for one-element outputs like tensor_result; "
    "for more elements it raises RuntimeError, and backward(gradient=g) gives x.grad = 2 g for 2 x.",
    inputs={"pair": "autograd_nonscalar_with_gradient"},
)
def non_scalar_backward_needs_gradient(t, device, pair):
    values, g = pair
    x = tensor_from(t, values, device, requires_grad=True)
    with expect.raises(f"(x * 2).backward() for x of shape {values.shape}", RuntimeError):
        (x * 2).backward()
    (x * 2).backward(gradient=tensor_from(t, g, device))
    expect.close("x.grad after (x * 2).backward(gradient=g)", x.grad, 2 * g)
