"""Loss functions: CrossEntropyLoss, MSELoss, and the (output, target) convention."""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, FEATURES, GETTING_STARTED

CE_QUOTE = "nn.CrossEntropyLoss()常用于分类任务，它结合了nn.LogSoftmax()和nn.NLLLoss()"
MSE_QUOTE = "nn.MSELoss()\u00a0常用于回归任务，计算预测值和真实值之间的均方误差"
ORDER_QUOTE = "损失函数的参数是（output，target）对，output是模型的预测，target是实际的值"


def log_softmax(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Row-wise log-softmax in float64, shifted by the row maximum for stability."""
    x = x.astype(np.float64)
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


@claim(
    id="losses.cross-entropy.combines-log-softmax-and-nll",
    seed=FEATURES, lines=(42, 42),
    quote=CE_QUOTE,
    statement="nn.CrossEntropyLoss()(x, y) equals nn.NLLLoss()(nn.LogSoftmax(dim=1)(x), y).",
    inputs={"batch": "losses_logits_and_labels"},
)
def cross_entropy_is_nll_of_log_softmax(t, device, batch):
    """CrossEntropyLoss takes raw logits: feeding it softmax outputs applies softmax twice."""
    logits, labels = batch
    x, y = tensor_from(t, logits, device), tensor_from(t, labels, device)
    combined = t.nn.NLLLoss()(t.nn.LogSoftmax(dim=1)(x), y)
    expect.close("nn.CrossEntropyLoss()(x, y)", t.nn.CrossEntropyLoss()(x, y), expect.numpy_of(combined))


@claim(
    id="losses.cross-entropy.mean-negative-log-softmax-at-label",
    seed=FEATURES, lines=(42, 42),
    quote=CE_QUOTE,
    statement="nn.CrossEntropyLoss()(x, y) is -mean_i log_softmax(x)[i, y_i]; reduction='sum' gives the sum.",
    inputs={"batch": "losses_logits_and_labels"},
)
def cross_entropy_is_mean_negative_log_softmax_at_label(t, device, batch):
    logits, labels = batch
    x, y = tensor_from(t, logits, device), tensor_from(t, labels, device)
    picked = -log_softmax(logits)[np.arange(len(labels)), labels]
    expect.close("nn.CrossEntropyLoss()(x, y)", t.nn.CrossEntropyLoss()(x, y), picked.mean().astype(np.float32))
    expect.close("nn.CrossEntropyLoss(reduction='sum')(x, y)",
                 t.nn.CrossEntropyLoss(reduction="sum")(x, y), picked.sum().astype(np.float32))


untestable(
    id="losses.cross-entropy.suits-classification",
    seed=FEATURES, lines=(42, 42),
    quote="nn.CrossEntropyLoss()常用于分类任务",
    statement="CrossEntropyLoss is commonly used for classification tasks.",
    reason="Usage advice about which tasks people apply the loss to; no behaviour of a backend decides it.",
)


@claim(
    id="losses.mse.mean-squared-error",
    seed=FEATURES, lines=(43, 43),
    quote=MSE_QUOTE,
    statement="nn.MSELoss()(x, y) is mean((x - y)**2); reduction='sum' gives the sum, 'none' the elementwise squares.",
    inputs={"pair": "losses_prediction_and_target"},
)
def mse_loss_is_mean_squared_error(t, device, pair):
    prediction, target = pair
    x, y = tensor_from(t, prediction, device), tensor_from(t, target, device)
    squares = (prediction.astype(np.float64) - target) ** 2
    expect.close("nn.MSELoss()(x, y)", t.nn.MSELoss()(x, y), squares.mean().astype(np.float32))
    expect.close("nn.MSELoss(reduction='sum')(x, y)", t.nn.MSELoss(reduction="sum")(x, y),
                 squares.sum().astype(np.float32))
    expect.close("nn.MSELoss(reduction='none')(x, y)", t.nn.MSELoss(reduction="none")(x, y),
                 squares.astype(np.float32))


untestable(
    id="losses.mse.suits-regression",
    seed=FEATURES, lines=(43, 43),
    quote="nn.MSELoss()\u00a0常用于回归任务",
    statement="MSELoss is commonly used for regression tasks.",
    reason="Usage advice about which tasks people apply the loss to; no behaviour of a backend decides it.",
)


@claim(
    id="losses.call.output-then-target",
    seed=GETTING_STARTED, lines=(123, 123),
    quote=ORDER_QUOTE,
    statement="A loss is called as criterion(output, target); the order matters: "
    "CrossEntropyLoss(target, output) raises, and BCELoss(p, y) differs from BCELoss(y, p).",
)
def loss_takes_output_then_target(t, device):
    """Only the first argument is the prediction: swapping them is an error or a different number."""
    output = t.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], device=device)
    target = t.tensor([0, 2], device=device)
    expect.no_raise("nn.CrossEntropyLoss()(output, target)", lambda: t.nn.CrossEntropyLoss()(output, target))
    with expect.raises("nn.CrossEntropyLoss()(target, output) with int64 logits and float targets"):
        t.nn.CrossEntropyLoss()(target, output)
    p, y = t.tensor([0.9, 0.2], device=device), t.tensor([1.0, 0.0], device=device)
    bce = t.nn.BCELoss()
    expect.true("nn.BCELoss()(p, y) != nn.BCELoss()(y, p)", abs(bce(p, y).item() - bce(y, p).item()) > 1.0,
                f"{bce(p, y).item()} vs {bce(y, p).item()}")


@claim(
    id="losses.mse.smaller-when-prediction-closer",
    seed=GETTING_STARTED, lines=(123, 123),
    quote="损失函数会计算预测值和真实值的差别，损失越小说明预测的越准",
    statement="MSELoss measures the difference: shrinking the error (target + s*e for s < 1) lowers the loss, "
    "and the loss is 0 exactly when prediction equals target.",
    inputs={"pair": "losses_prediction_and_target", "s": "losses_error_scale"},
)
def mse_is_smaller_when_prediction_is_closer(t, device, pair, s):
    prediction, target = pair
    error = prediction.astype(np.float64) - target
    closer = (target + s * error).astype(np.float32)
    y = tensor_from(t, target, device)
    full = t.nn.MSELoss()(tensor_from(t, prediction, device), y).item()
    near = t.nn.MSELoss()(tensor_from(t, closer, device), y).item()
    if s == 0.0:
        expect.equal("nn.MSELoss()(target, target)", near, 0.0)
    if np.abs(error).max() > 1e-2:
        expect.true(f"MSE of a prediction {s} times as far from the target to be smaller",
                    near < full, f"{near} >= {full}")


@claim(
    id="losses.cross-entropy.lower-when-label-is-favoured",
    seed=BASICS, lines=(314, 316),
    quote="使用损失函数评估预测输出与真实标签之间的差异。",
    statement="A loss scores the prediction against the label: CrossEntropyLoss is >= 0 and falls as the "
    "label's logit rises.",
    inputs={"batch": "losses_logits_and_labels"},
)
def cross_entropy_falls_as_label_logit_rises(t, device, batch):
    logits, labels = batch
    onehot = np.eye(logits.shape[1], dtype=np.float32)[labels]
    y = tensor_from(t, labels, device)
    losses = [t.nn.CrossEntropyLoss()(tensor_from(t, logits + c * onehot, device), y).item() for c in (0.0, 2.0, 4.0)]
    expect.true("nn.CrossEntropyLoss()(x, y) >= 0", min(losses) >= 0.0, f"losses {losses}")
    slack = 1e-5  # float32 rounding of log-sum-exp near a zero loss
    falls = losses[1] <= losses[0] + slack and losses[2] <= losses[1] + slack
    expect.true("the loss not to rise as the label's logit rises by 0, 2, 4", falls, f"losses {losses}")
    if losses[0] > 1e-3:
        expect.true("the loss to fall strictly", losses[2] < losses[0], f"losses {losses}")
