"""Benchmark: reference_impl against micrograd and plain pure-Python loops.

Outside the default test run (the file name does not match test_*.py).  One command:

    pytest tests/reference_impl/bench/bench_workloads.py -p no:cacheprovider --benchmark-group-by=group

Workloads (each forward + backward, and for (a) an SGD step):
(a) MLP 2-16-16-1, ReLU, batch 32, MSE; (b) 64x64 @ 64x64; (c) Conv2d 3->8, 3x3 on 4x3x16x16;
(d) (64,1,32) + and * (1,48,32) with backward.  micrograd is slow, so it runs one round.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Callable
from typing import Any

import pytest

import reference_impl as torch

micrograd = pytest.importorskip("micrograd.engine")
Value = micrograd.Value
R = random.Random(0)


def _rand(*shape: int) -> list[Any]:
    if len(shape) == 1:
        return [R.uniform(-1, 1) for _ in range(shape[0])]
    return [_rand(*shape[1:]) for _ in range(shape[0])]


# -- (a) MLP 2-16-16-1 ----------------------------------------------------------------------------
X_A, Y_A = _rand(32, 2), _rand(32, 1)


def reference_mlp() -> Callable[[], None]:
    model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16), torch.nn.ReLU(),
                                torch.nn.Linear(16, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x, y = torch.tensor(X_A), torch.tensor(Y_A)

    def step() -> None:
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()
    return step


def micrograd_mlp() -> Callable[[], None]:
    from micrograd.nn import MLP
    model = MLP(2, [16, 16, 1])  # its hidden layers are ReLU, the last linear

    def step() -> None:
        model.zero_grad()
        squares = ((model([Value(a) for a in xi]) - yi[0]) ** 2 for xi, yi in zip(X_A, Y_A, strict=True))
        loss = sum(squares, Value(0.0)) * (1 / 32)
        loss.backward()
        for p in model.parameters():
            p.data -= 0.01 * p.grad
    return step


def plain_mlp() -> Callable[[], None]:
    sizes = [2, 16, 16, 1]
    ws = [_rand(o, i) for i, o in zip(sizes, sizes[1:], strict=False)]
    bs = [[0.0] * o for o in sizes[1:]]

    def step() -> None:
        acts = [X_A]
        for li, (w, b) in enumerate(zip(ws, bs, strict=False)):
            out = [[sum(map(operator.mul, row, wr)) + bb for wr, bb in zip(w, b, strict=False)] for row in acts[-1]]
            if li < len(ws) - 1:
                out = [[v if v > 0 else 0.0 for v in r] for r in out]
            acts.append(out)
        g = [[2 * (o[0] - t[0]) / 32] for o, t in zip(acts[-1], Y_A, strict=False)]
        for li in range(len(ws) - 1, -1, -1):
            w, a_in = ws[li], acts[li]
            gw = [[sum(g[n][o] * a_in[n][i] for n in range(32)) for i in range(len(w[0]))] for o in range(len(w))]
            gb = [sum(g[n][o] for n in range(32)) for o in range(len(w))]
            if li:
                g = [[sum(g[n][o] * w[o][i] for o in range(len(w))) * (a_in[n][i] > 0) for i in range(len(w[0]))]
                     for n in range(32)]
            ws[li] = [[wv - 0.01 * gv for wv, gv in zip(wr, gr, strict=False)] for wr, gr in zip(w, gw, strict=False)]
            bs[li] = [bv - 0.01 * gv for bv, gv in zip(bs[li], gb, strict=False)]
    return step


# -- (b) 64x64 @ 64x64 ----------------------------------------------------------------------------
A_B, B_B = _rand(64, 64), _rand(64, 64)


def reference_matmul() -> Callable[[], None]:
    a, b = torch.tensor(A_B, requires_grad=True), torch.tensor(B_B, requires_grad=True)

    def step() -> None:
        (a @ b).sum().backward()
    return step


def micrograd_matmul() -> Callable[[], None]:
    a = [[Value(v) for v in r] for r in A_B]
    b = [[Value(v) for v in r] for r in B_B]

    def step() -> None:
        out = [sum((a[i][k] * b[k][j] for k in range(64)), Value(0.0)) for i in range(64) for j in range(64)]
        sum(out, Value(0.0)).backward()
    return step


def plain_matmul() -> Callable[[], None]:
    """The tuned plain loop: dot products over pre-transposed columns, backward the same way."""
    def mm(x: list[list[float]], y: list[list[float]]) -> list[list[float]]:
        cols = list(map(list, zip(*y, strict=False)))
        return [[sum(map(operator.mul, r, c)) for c in cols] for r in x]

    def step() -> None:
        out = mm(A_B, B_B)
        g = [[1.0] * 64 for _ in out]
        mm(g, list(map(list, zip(*B_B, strict=False))))      # dA = G B^T
        mm(list(map(list, zip(*A_B, strict=False))), g)      # dB = A^T G
    return step


# -- (c) Conv2d 3->8, 3x3, input 4x3x16x16 -----------------------------------------------------------
X_C = _rand(4, 3, 16, 16)
W_C = _rand(8, 3, 3, 3)


def reference_conv() -> Callable[[], None]:
    conv = torch.nn.Conv2d(3, 8, 3)
    x = torch.tensor(X_C, requires_grad=True)

    def step() -> None:
        conv(x).sum().backward()
    return step


def micrograd_conv() -> Callable[[], None]:
    x = [[[[Value(v) for v in r] for r in ch] for ch in img] for img in X_C]
    w = [[[[Value(v) for v in r] for r in ch] for ch in o] for o in W_C]

    def step() -> None:
        total = Value(0.0)
        for img in x:
            for o in w:
                for i in range(14):
                    for j in range(14):
                        total = total + sum((o[c][p][q] * img[c][i + p][j + q] for c in range(3) for p in range(3)
                                             for q in range(3)), Value(0.0))
        total.backward()
    return step


def plain_conv() -> Callable[[], None]:
    def step() -> None:
        out = [[[[sum(W_C[o][c][p][q] * img[c][i + p][j + q] for c in range(3) for p in range(3) for q in range(3))
                  for j in range(14)] for i in range(14)] for o in range(8)] for img in X_C]
        gw = [[[[sum(img[c][i + p][j + q] for img in X_C for i in range(14) for j in range(14))
                 for q in range(3)] for p in range(3)] for c in range(3)] for o in range(8)]
        gx = [[[[0.0] * 16 for _ in range(16)] for _ in range(3)] for _ in X_C]
        for n in range(4):
            for o in range(8):
                for i in range(14):
                    for j in range(14):
                        for c in range(3):
                            for p in range(3):
                                for q in range(3):
                                    gx[n][c][i + p][j + q] += W_C[o][c][p][q]
        del out, gw
    return step


# -- (d) (64,1,32) + and * (1,48,32) -------------------------------------------------------------------
A_D, B_D = _rand(64, 1, 32), _rand(1, 48, 32)


def reference_broadcast() -> Callable[[], None]:
    a, b = torch.tensor(A_D, requires_grad=True), torch.tensor(B_D, requires_grad=True)

    def step() -> None:
        ((a + b).sum() + (a * b).sum()).backward()
    return step


def micrograd_broadcast() -> Callable[[], None]:
    a = [[Value(v) for v in r[0]] for r in A_D]
    b = [[Value(v) for v in r] for r in B_D[0]]

    def step() -> None:
        total = Value(0.0)
        for ai in a:
            for bj in b:
                for x, y in zip(ai, bj, strict=False):
                    total = total + (x + y) + x * y
        total.backward()
    return step


def plain_broadcast() -> Callable[[], None]:
    """Straightforward loops over the broadcast grid: values, then both gradients accumulated."""
    a = [r[0] for r in A_D]
    b = B_D[0]

    def step() -> None:
        add = [[[x + y for x, y in zip(ai, bj, strict=False)] for bj in b] for ai in a]
        mul = [[[x * y for x, y in zip(ai, bj, strict=False)] for bj in b] for ai in a]
        ga = [[0.0] * 32 for _ in a]
        gb = [[0.0] * 32 for _ in b]
        for i, ai in enumerate(a):
            gai = ga[i]
            for j, bj in enumerate(b):
                gbj = gb[j]
                for k in range(32):
                    gai[k] += 1.0 + bj[k]
                    gbj[k] += 1.0 + ai[k]
        del add, mul
    return step


WORKLOADS = {
    "a_mlp_step": (reference_mlp, micrograd_mlp, plain_mlp),
    "b_matmul_64": (reference_matmul, micrograd_matmul, plain_matmul),
    "c_conv2d": (reference_conv, micrograd_conv, plain_conv),
    "d_broadcast": (reference_broadcast, micrograd_broadcast, plain_broadcast),
}


@pytest.mark.parametrize("impl", ["reference", "micrograd", "plain"])
@pytest.mark.parametrize("workload", sorted(WORKLOADS))
def test_workload(benchmark: Any, workload: str, impl: str) -> None:
    make = WORKLOADS[workload][["reference", "micrograd", "plain"].index(impl)]
    benchmark.group = workload
    step = make()
    if impl == "micrograd":
        step = _with_deep_recursion(step)
    rounds = 1 if impl == "micrograd" else 5
    benchmark.pedantic(step, rounds=rounds, iterations=1, warmup_rounds=0 if impl == "micrograd" else 1)
    assert benchmark.stats is None or benchmark.stats.stats.rounds == rounds  # None under --benchmark-disable


def _with_deep_recursion(step: Callable[[], None]) -> Callable[[], None]:
    """micrograd's topological sort recurses once per graph level: run it on a big stack."""
    import sys
    import threading

    def run() -> None:
        errors: list[BaseException] = []

        def target() -> None:
            try:
                step()
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(10**6)
        threading.stack_size(1 << 29)
        try:
            worker = threading.Thread(target=target)
            worker.start()
            worker.join()
        finally:
            threading.stack_size(0)
            sys.setrecursionlimit(old)
        if errors:
            raise errors[0]
    return run
