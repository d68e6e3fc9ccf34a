"""The training process and loop: forward, loss, backward, step, repeated.

Most checks build the tutorial's SimpleNN (Linear(2, 2) -> ReLU -> Linear(2, 1))
and compare it with a numpy forward and backward pass.  The batch loop of the
comparison document (zero_grad, forward, loss, backward, step over a DataLoader)
is in :mod:`spec.training_loop`, imported here so that its claims register.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from spec import Verdict, expect
from spec import training_loop as _batch_loop  # noqa: F401  (registers the batch-loop claims)
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS


def simple_nn(t: Any) -> Any:
    """The tutorial's model, verbatim but for the namespace."""

    class SimpleNN(t.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc1 = t.nn.Linear(2, 2)  # 输入层到隐藏层
            self.fc2 = t.nn.Linear(2, 1)  # 隐藏层到输出层

        def forward(self, x: Any) -> Any:
            x = t.relu(self.fc1(x))  # ReLU 激活函数
            return self.fc2(x)

    return SimpleNN()


def weights(model: Any) -> dict[str, Any]:
    return {name: expect.numpy_of(p).astype(np.float64) for name, p in model.named_parameters()}


def numpy_forward(w: dict[str, Any], x: Any) -> tuple[Any, Any]:
    """fc2(relu(fc1(x))) in numpy; also returns fc1's pre-activation for the backward pass."""
    pre = x @ w["fc1.weight"].T + w["fc1.bias"]
    return np.maximum(pre, 0) @ w["fc2.weight"].T + w["fc2.bias"], pre


def numpy_mse_gradients(w: dict[str, Any], x: Any, y: Any) -> dict[str, Any]:
    """d MSE(model(x), y) / d parameter, by the chain rule (relu'(0) = 0, as torch)."""
    out, pre = numpy_forward(w, x)
    d_out = 2 * (out - y) / out.size
    hidden = np.maximum(pre, 0)
    d_pre = (d_out @ w["fc2.weight"]) * (pre > 0)
    return {"fc2.weight": d_out.T @ hidden, "fc2.bias": d_out.sum(0),
            "fc1.weight": d_pre.T @ x, "fc1.bias": d_pre.sum(0)}


def model_and_data(t: Any, device: str, inputs: Any) -> tuple[Any, Any, Any, Any]:
    """A float64 SimpleNN on device, the inputs X and targets Y = sum of X's columns."""
    model = simple_nn(t).to(device=device, dtype=t.float64)
    targets = inputs.sum(axis=1, keepdims=True)
    return model, tensor_from(t, inputs, device), tensor_from(t, targets, device), targets


@claim(
    id="training.process.forward-through-layers",
    seed=BASICS, lines=(238, 238),
    quote="在前向传播阶段，输入数据通过网络层传递，每层应用权重和激活函数，直到产生输出。",
    statement="model(x) passes x through each layer in turn, applying its weights and the activation: "
    "SimpleNN(x) == fc2(relu(fc1(x))).",
    inputs={"inputs": "training_inputs"},
)
def forward_passes_through_layers(t, device, inputs):
    model, x, _, _ = model_and_data(t, device, inputs)
    expect.close("SimpleNN()(x)", model(x), numpy_forward(weights(model), inputs)[0])


@claim(
    id="training.process.loss-from-output-and-label",
    seed=BASICS, lines=(240, 240),
    quote="根据网络的输出和真实标签，计算损失函数的值。",
    statement="criterion(output, label) is a 0-dim tensor connected to the model's graph (requires_grad), "
    "whose value is the loss of the output against the label.",
    inputs={"inputs": "training_inputs"},
)
def loss_is_computed_from_output_and_label(t, device, inputs):
    model, x, y, targets = model_and_data(t, device, inputs)
    loss = t.nn.MSELoss()(model(x), y)
    expect.equal("loss.shape", tuple(loss.shape), ())
    expect.true("loss.requires_grad (it depends on the parameters)", loss.requires_grad)
    out = numpy_forward(weights(model), inputs)[0]
    expect.close("criterion(output, target)", loss, ((out - targets) ** 2).mean())


@claim(
    id="training.process.backward-reaches-every-parameter",
    seed=BASICS, lines=(242, 242),
    quote="反向传播利用自动求导技术计算损失函数关于每个参数的梯度。",
    statement="loss.backward() leaves in every parameter's .grad a gradient of the parameter's own shape.",
    inputs={"inputs": "training_inputs"},
)
def backward_reaches_every_parameter(t, device, inputs):
    model, x, y, _ = model_and_data(t, device, inputs)
    expect.true("no gradient before backward()", all(p.grad is None for p in model.parameters()))
    t.nn.MSELoss()(model(x), y).backward()
    for name, p in model.named_parameters():
        expect.true(f"{name}.grad to exist after backward()", p.grad is not None)
        expect.equal(f"{name}.grad.shape", tuple(p.grad.shape), tuple(p.shape))


@claim(
    id="training.process.gradient-of-loss-wrt-parameters",
    seed=BASICS, lines=(318, 320),
    quote="利用自动求导计算损失相对于模型参数的梯度。",
    statement="The gradients autograd computes are those of the loss with respect to the parameters: "
    "they match a numpy chain-rule backward pass of SimpleNN with MSE.",
    inputs={"inputs": "training_inputs"},
)
def gradients_are_those_of_the_loss(t, device, inputs):
    model, x, y, targets = model_and_data(t, device, inputs)
    t.nn.MSELoss()(model(x), y).backward()
    expected = numpy_mse_gradients(weights(model), inputs, targets)
    for name, p in model.named_parameters():
        expect.close(f"{name}.grad", p.grad, expected[name])


@claim(
    id="training.process.optimizer-updates-weights-and-biases",
    seed=BASICS, lines=(244, 244),
    quote="使用优化器根据梯度更新网络的权重和偏置。",
    statement="optimizer.step() updates both the weights and the biases: every parameter with a nonzero "
    "gradient changes.",
    inputs={"inputs": "training_inputs"},
)
def optimizer_updates_weights_and_biases(t, device, inputs):
    model, x, y, _ = model_and_data(t, device, inputs)
    before = weights(model)
    t.nn.MSELoss()(model(x), y).backward()
    t.optim.Adam(model.parameters(), lr=0.001).step()
    for name, p in model.named_parameters():
        g = np.abs(expect.numpy_of(p.grad))
        moved = np.abs(expect.numpy_of(p) - before[name]) > 1e-4  # Adam's first step is ~0.001
        decided = (g == 0) | (g > 1e-6)  # a tinier gradient moves its entry less than 1e-4
        expect.equal(f"which entries of {name} moved", moved[decided].tolist(), (g > 1e-6)[decided].tolist())


@claim(
    id="training.process.iterating-reaches-a-good-fit",
    seed=BASICS, lines=(246, 246),
    quote="重复上述过程，直到模型在训练数据上的性能达到满意的水平。",
    statement="Repeating forward, loss, backward and step fits a learnable problem: 200 SGD steps on exact "
    "linear data bring the MSE below 1e-6.",
)
def iterating_reaches_a_good_fit(t, device, seed):
    """Deterministic for a fixed seed; X ~ randn(32, 2) keeps the problem well conditioned (lr 0.1)."""
    t.manual_seed(seed)
    x = t.randn(32, 2, device=device)
    y = x @ t.tensor([[2.0], [-3.0]], device=device) + 0.5
    model = t.nn.Linear(2, 1).to(device)
    optimizer = t.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(200):
        optimizer.zero_grad()
        loss = t.nn.MSELoss()(model(x), y)
        loss.backward()
        optimizer.step()
    expect.true("the training loss after 200 steps to be below 1e-6", loss.item() < 1e-6, f"loss {loss.item()}")


@claim(
    id="training.forward.output-and-mse-loss",
    seed=BASICS, lines=(251, 266),
    quote="x = torch.randn(1, 2)\n\n# 前向传播\noutput = model(x)",
    statement="For x = torch.randn(1, 2), model(x) has shape (1, 1); MSELoss against a (1, 1) target is a "
    "0-dim float32 tensor equal to (output - target)**2.",
)
def forward_output_and_mse_loss(t, device, seed):
    t.manual_seed(seed)
    model = simple_nn(t).to(device)
    x = t.randn(1, 2, device=device)
    output = model(x)
    target = t.randn(1, 1, device=device)
    loss = t.nn.MSELoss()(output, target)
    expect.equal("output.shape", tuple(output.shape), (1, 1))
    expect.equal("(loss.shape, loss.dtype)", (tuple(loss.shape), loss.dtype), ((), t.float32))
    diff = expect.numpy_of(output).astype(np.float64) - expect.numpy_of(target)
    expect.close("criterion(output, target)", loss, np.float32((diff**2).item()))


@claim(
    id="training.forward.target-comment-says-one",
    seed=BASICS, lines=(261, 262),
    quote="# 假设目标值为 1\ntarget = torch.randn(1, 1)",
    statement="As written: the comment says the target value is 1, so target = torch.randn(1, 1) is 1.",
    verdict=Verdict.REFUTED,
    paired_with="training.forward.randn-target-is-random",
)
def target_from_randn_is_one(t, device, seed):
    """The comment and the code disagree: randn draws N(0, 1); a target of 1 is torch.ones(1, 1)."""
    t.manual_seed(seed)
    target = t.randn(1, 1, device=device)
    expect.close("target = torch.randn(1, 1)", target, np.ones((1, 1), np.float32))


@claim(
    id="training.forward.randn-target-is-random",
    seed=BASICS, lines=(261, 262),
    quote="target = torch.randn(1, 1)",
    statement="target = torch.randn(1, 1) is a random (1, 1) float32 draw: two draws differ, and it is "
    "not the constant 1 the comment announces.",
)
def randn_target_is_random(t, device, seed):
    t.manual_seed(seed)
    first, second = t.randn(1, 1, device=device), t.randn(1, 1, device=device)
    expect.equal("(target.shape, target.dtype)", (tuple(first.shape), first.dtype), ((1, 1), t.float32))
    expect.true("two torch.randn(1, 1) draws to differ", first.item() != second.item())
    expect.true("torch.randn(1, 1) not to be the target 1", first.item() != 1.0)


@claim(
    id="training.steps.parameters-are-initialised",
    seed=BASICS, lines=(297, 300),
    quote="初始化模型参数（权重和偏置）。",
    statement="Building the model initialises its weights and biases: finite, not all zero, and within "
    "nn.Linear's default bound 1/sqrt(in_features).",
)
def model_parameters_are_initialised(t, device, seed):
    t.manual_seed(seed)
    model = simple_nn(t).to(device)
    for name, value in weights(model).items():
        bound = 1 / np.sqrt(2)  # both layers have in_features = 2
        expect.true(f"{name} to be finite and not all zero", np.isfinite(value).all() and value.any())
        expect.true(f"|{name}| <= 1/sqrt(in_features)", np.abs(value).max() <= bound, f"{value}")


@claim(
    id="training.steps.forward-uses-current-parameters",
    seed=BASICS, lines=(310, 312),
    quote="在每次迭代中，将输入数据通过模型传递，计算预测输出。",
    statement="Each iteration's forward pass uses the parameters as they are now: after a step, model(X) "
    "is the numpy forward with the updated weights.",
    inputs={"inputs": "training_inputs"},
)
def forward_uses_current_parameters(t, device, inputs):
    model, x, y, _ = model_and_data(t, device, inputs)
    optimizer = t.optim.SGD(model.parameters(), lr=0.1)
    for iteration in range(3):
        optimizer.zero_grad()
        output = model(x)
        expect.close(f"model(X) in iteration {iteration}", output, numpy_forward(weights(model), inputs)[0])
        t.nn.MSELoss()(output, y).backward()
        optimizer.step()


@claim(
    id="training.steps.update-follows-the-optimizer-strategy",
    seed=BASICS, lines=(322, 324),
    quote="根据计算出的梯度和优化器的策略更新模型参数。",
    statement="The same gradients give each optimizer's own update: SGD(lr) moves by lr*g, Adam(lr) first "
    "moves by lr*g/(|g|+eps).",
    inputs={"inputs": "training_inputs"},
)
def update_follows_the_optimizer_strategy(t, device, seed, inputs):
    for name, make in (("SGD", t.optim.SGD), ("Adam", t.optim.Adam)):
        t.manual_seed(seed)
        model, x, y, targets = model_and_data(t, device, inputs)
        before = weights(model)
        grads = numpy_mse_gradients(before, inputs, targets)
        t.nn.MSELoss()(model(x), y).backward()
        make(model.parameters(), lr=0.1).step()
        for key, p in model.named_parameters():
            g = grads[key]
            step = g if name == "SGD" else g / (np.abs(g) + 1e-8)
            expect.close(f"{key} after one {name}(lr=0.1) step", p, before[key] - 0.1 * step)


def tutorial_loop_losses(t: Any, device: str, seed: int) -> list[float]:
    """The tutorial's training loop, verbatim: the loss.item() of each of the 100 epochs."""
    t.manual_seed(seed)
    model = simple_nn(t).to(device)
    criterion = t.nn.MSELoss()
    optimizer = t.optim.Adam(model.parameters(), lr=0.001)
    X, Y = t.randn(10, 2, device=device), t.randn(10, 1, device=device)  # noqa: N806 (the tutorial's names)
    losses = []
    for _ in range(100):
        optimizer.zero_grad()
        loss = criterion(model(X), Y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@claim(
    id="training.loop.tutorial-loss-decreases",
    seed=BASICS, lines=(371, 398),
    quote="随着训练的进行，损失值应该会逐渐降低，表示模型在不断学习并优化其参数。",
    statement="In the tutorial's loop (SimpleNN, MSELoss, Adam lr=0.001, 100 epochs on randn data) the "
    "loss ends below where it began, and the ten printed values never rise.",
)
def tutorial_loss_decreases(t, device, seed):
    """Deterministic for a fixed seed.  On torch 2.13 cpu, seeds 0-1999 all held: the printed values
    never rose by more than 6e-6 (float32 noise on a plateau where both ReLUs died)."""
    for run in range(3):
        losses = tutorial_loop_losses(t, device, seed + run)
        printed = losses[9::10]
        expect.true(f"the last loss below the first (seed {seed + run})", losses[-1] < losses[0],
                    f"{losses[0]:.4f} -> {losses[-1]:.4f}")
        rises = [b - a for a, b in zip(printed[:-1], printed[1:], strict=True)]
        expect.true("the printed losses never to rise", max(rises) <= 1e-4, f"{[f'{v:.4f}' for v in printed]}")


@claim(
    id="training.loop.loss-item-is-a-python-float",
    seed=BASICS, lines=(380, 380),
    quote="print(f'Epoch [{epoch+1}/100], Loss: {loss.item():.4f}')",
    statement="loss.item() returns the loss as a Python float, which the f-string prints with 4 decimals.",
)
def loss_item_is_a_python_float(t, device):
    loss = t.nn.MSELoss()(t.tensor([[1.5]], device=device), t.tensor([[0.25]], device=device))
    expect.equal("type(loss.item())", type(loss.item()), float)
    expect.equal("f'Loss: {loss.item():.4f}'", f"Loss: {loss.item():.4f}", "Loss: 1.5625")


untestable(
    id="training.loop.printed-loss-values",
    seed=BASICS, lines=(384, 396),
    quote="输出结果如下：",
    statement="Running the loop prints exactly Epoch [10/100], Loss: 1.7180 ... Epoch [100/100], Loss: 1.1991.",
    reason="The program seeds nothing (random init and randn data), so no run reproduces these digits; they "
    "are one plausible run (on torch 2.13 the drop 1.718 -> 1.199 lies within the spread over seeds). "
    "Their trend is checked by training.loop.tutorial-loss-decreases.",
)


WORKFLOW = "A step of the workflow the user carries out; it names no PyTorch behaviour that a backend could get wrong."

untestable(
    id="training.steps.purpose-of-training",
    seed=BASICS, lines=(288, 288),
    quote="训练模型是机器学习和深度学习中的核心过程，旨在通过大量数据学习模型参数",
    statement="Training learns model parameters from data so that the model predicts unseen data well.",
    reason="A definition of training and its aim (generalisation), not a property of the library.",
)
untestable(
    id="training.steps.choose-architecture",
    seed=BASICS, lines=(299, 299),
    quote="选择模型架构，例如决策树、神经网络等。",
    statement="Define the model: choose an architecture such as a decision tree or a neural network.",
    reason=WORKFLOW,
)
untestable(
    id="training.steps.choose-loss-for-the-task",
    seed=BASICS, lines=(302, 304),
    quote="根据任务类型（如分类、回归）选择合适的损失函数。",
    statement="Choose a loss function suited to the task type (classification, regression).",
    reason=WORKFLOW + " The losses themselves are checked in losses.*.",
)
untestable(
    id="training.steps.choose-optimizer",
    seed=BASICS, lines=(306, 308),
    quote="选择一个优化算法，如SGD、Adam等，来更新模型参数。",
    statement="Choose an optimisation algorithm such as SGD or Adam to update the parameters.",
    reason=WORKFLOW + " That SGD and Adam exist and follow their rules is checked in optim.*.",
)
untestable(
    id="training.steps.stop-when-validation-stalls",
    seed=BASICS, lines=(326, 328),
    quote="重复步骤5-8，直到模型在验证集上的性能不再提升或达到预定的迭代次数。",
    statement="Repeat steps 5-8 until validation performance stops improving or an iteration budget is reached.",
    reason="Early stopping is the user's loop logic; PyTorch provides no stopping rule to check.",
)
untestable(
    id="training.steps.evaluate-on-test-set",
    seed=BASICS, lines=(330, 332),
    quote="使用测试集评估模型的最终性能，确保模型没有过拟合。",
    statement="Evaluate the final model on the test set to make sure it does not overfit.",
    reason="Methodology advice about data use; whether a model overfits depends on the data, not the library.",
)
untestable(
    id="training.steps.tune-hyperparameters",
    seed=BASICS, lines=(334, 336),
    quote="根据模型在测试集上的表现进行调参，如改变学习率、增加正则化等。",
    statement="Tune hyperparameters such as the learning rate or regularisation from test-set results.",
    reason="Methodology advice; the effect of lr and weight_decay on an update is checked in optim.*.",
)
untestable(
    id="training.steps.deploy",
    seed=BASICS, lines=(338, 340),
    quote="将训练好的模型部署到生产环境中，用于实际的预测任务。",
    statement="Deploy the trained model to production for real predictions.",
    reason="Deployment happens outside the library's tensor and module semantics.",
)
untestable(
    id="training.steps.iterative-process-and-generalisation",
    seed=BASICS, lines=(400, 400),
    quote="训练模型是一个迭代的过程，需要不断地调整和优化，直到达到满意的性能。",
    statement="Training is iterative, needs experimentation and tuning, and aims at generalising to unseen data.",
    reason="A description of practice and of the goal of generalisation; no backend behaviour decides it.",
)
