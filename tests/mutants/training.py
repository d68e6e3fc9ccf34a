"""Mutants of the overview, losses, optim, data and training areas.

Each patch breaks one documented behaviour of real torch; ``kills`` lists the
claims that must then fail (for a refuted claim: that the patch makes pass).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.mutants import Mutant

Patch = Callable[[Any], None]


def _wrap_init(cls_path: str, **forced: Any) -> Patch:
    """Force keyword arguments of a class's __init__ (e.g. DataLoader's shuffle)."""

    def patch(torch: Any) -> None:
        cls = torch
        for part in cls_path.split("."):
            cls = getattr(cls, part)
        original = cls.__init__

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **{**kwargs, **forced})

        cls.__init__ = __init__

    return patch


def _delete(path: str) -> Patch:
    """A backend that lacks one documented name."""

    def patch(torch: Any) -> None:
        owner, _, name = path.rpartition(".")
        target = torch
        for part in filter(None, owner.split(".")):
            target = getattr(target, part)
        delattr(target, name)

    return patch


# losses ---------------------------------------------------------------------------------------------------------

def _ce_skips_log_softmax(torch: Any) -> None:
    torch.nn.CrossEntropyLoss.forward = lambda self, x, y: torch.nn.functional.nll_loss(x, y, reduction=self.reduction)


def _mse_forgets_square(torch: Any) -> None:
    def forward(self: Any, x: Any, y: Any) -> Any:
        d = x - y
        return {"mean": d.mean, "sum": d.sum, "none": lambda: d}[self.reduction]()

    torch.nn.MSELoss.forward = forward


def _ce_accepts_swapped_args(torch: Any) -> None:
    original = torch.nn.CrossEntropyLoss.forward

    def forward(self: Any, x: Any, y: Any) -> Any:
        return original(self, y, x) if not x.is_floating_point() else original(self, x, y)

    torch.nn.CrossEntropyLoss.forward = forward


# optim ----------------------------------------------------------------------------------------------------------

def _adam_is_sgd(torch: Any) -> None:
    class AdamAsSGD(torch.optim.SGD):
        def __init__(self, params: Any, lr: float = 1e-3, betas: Any = (0.9, 0.999), eps: float = 1e-8,
                     weight_decay: float = 0, amsgrad: bool = False, **kwargs: Any) -> None:
            super().__init__(params, lr=lr, weight_decay=weight_decay)

    torch.optim.Adam = AdamAsSGD


def _adam_default_betas(torch: Any) -> None:
    original = torch.optim.Adam.__init__

    def __init__(self: Any, params: Any, lr: float = 1e-3, betas: Any = (0.9, 0.99), **kwargs: Any) -> None:
        original(self, params, lr=lr, betas=betas, **kwargs)

    torch.optim.Adam.__init__ = __init__


def _step_is_noop(torch: Any) -> None:
    for cls in (torch.optim.SGD, torch.optim.Adam):
        cls.step = lambda self, closure=None: None


def _step_returns_a_loss(torch: Any) -> None:
    original = torch.optim.SGD.step
    torch.optim.SGD.step = lambda self, closure=None: (
        original(self, closure) if closure is not None else (original(self), torch.zeros(()))[1]
    )


def _zero_grad_is_noop(torch: Any) -> None:
    torch.optim.Optimizer.zero_grad = lambda self, set_to_none=True: None


# data -----------------------------------------------------------------------------------------------------------

def _shuffle_with_replacement(torch: Any) -> None:
    module = torch.utils.data.dataloader
    original = module.RandomSampler
    module.RandomSampler = lambda source, generator=None, **kw: original(source, replacement=True, generator=generator)


def _collate_returns_tuples(torch: Any) -> None:
    collate = torch.utils.data._utils.collate
    original = collate.default_collate

    def as_tuples(batch: Any) -> Any:
        if isinstance(batch, dict):
            return {k: as_tuples(v) for k, v in batch.items()}
        return tuple(as_tuples(v) for v in batch) if isinstance(batch, list) else batch

    collate.default_collate = lambda samples: as_tuples(original(samples))


def _collate_ints_as_floats(torch: Any) -> None:
    collate = torch.utils.data._utils.collate
    collate.default_collate_fn_map[int] = collate.collate_float_fn


def _collate_concatenates(torch: Any) -> None:
    collate = torch.utils.data._utils.collate
    collate.default_collate_fn_map[torch.Tensor] = lambda batch, *, collate_fn_map=None: torch.cat(list(batch))


def _requires_dataset_subclass(torch: Any) -> None:
    cls = torch.utils.data.DataLoader
    original = cls.__init__

    def __init__(self: Any, dataset: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(dataset, torch.utils.data.Dataset):
            raise TypeError("dataset must inherit torch.utils.data.Dataset")
        original(self, dataset, *args, **kwargs)

    cls.__init__ = __init__


def _loader_single_pass(torch: Any) -> None:
    cls = torch.utils.data.DataLoader
    original = cls.__iter__

    def __iter__(self: Any) -> Any:
        if self.__dict__.get("_mutant_used"):
            return iter(())
        self.__dict__["_mutant_used"] = True
        return original(self)

    cls.__iter__ = __iter__


def _tensor_dataset_drops_labels(torch: Any) -> None:
    torch.utils.data.TensorDataset.__getitem__ = lambda self, i: (self.tensors[0][i],)


def _random_split_reverses_lengths(torch: Any) -> None:
    original = torch.utils.data.random_split
    torch.utils.data.random_split = lambda ds, lengths, generator=None: original(ds, lengths[::-1], generator=generator)


# training -------------------------------------------------------------------------------------------------------

def _relu_is_identity(torch: Any) -> None:
    torch.relu = lambda x: x


def _backward_without_scalar_check(torch: Any) -> None:
    original = torch.Tensor.backward

    def backward(self: Any, gradient: Any = None, *args: Any, **kwargs: Any) -> Any:
        return original(self, torch.ones_like(self) if gradient is None else gradient, *args, **kwargs)

    torch.Tensor.backward = backward


def _linear_bias_gets_no_grad(torch: Any) -> None:
    torch.nn.Linear.forward = lambda self, x: torch.nn.functional.linear(
        x, self.weight, None if self.bias is None else self.bias.detach())


def _randn_is_ones(torch: Any) -> None:
    torch.randn = lambda *size, **kwargs: torch.ones(*size, **{k: v for k, v in kwargs.items() if k != "generator"})


def _item_returns_tensor(torch: Any) -> None:
    torch.Tensor.item = lambda self: self.detach().clone()


def _linear_init_zeros(torch: Any) -> None:
    def reset_parameters(self: Any) -> None:
        torch.nn.init.zeros_(self.weight)
        if self.bias is not None:
            torch.nn.init.zeros_(self.bias)

    torch.nn.Linear.reset_parameters = reset_parameters


# overview -------------------------------------------------------------------------------------------------------

def _gt_is_le(torch: Any) -> None:
    original = torch.Tensor.__gt__
    torch.Tensor.__gt__ = lambda a, b: original(a, b).logical_not()


def _backward_seed_is_two(torch: Any) -> None:
    original = torch.Tensor.backward

    def backward(self: Any, gradient: Any = None, *args: Any, **kwargs: Any) -> Any:
        return original(self, torch.full_like(self, 2.0) if gradient is None else gradient, *args, **kwargs)

    torch.Tensor.backward = backward


def _tensor_flattens(torch: Any) -> None:
    original = torch.tensor
    torch.tensor = lambda data, *args, **kwargs: original(data, *args, **kwargs).reshape(-1)


def _module_call_is_identity(torch: Any) -> None:
    torch.nn.Module.__call__ = lambda self, *args, **kwargs: args[0]


def _module_to_is_noop(torch: Any) -> None:
    torch.nn.Module.to = lambda self, *args, **kwargs: self


def _add_detaches(torch: Any) -> None:
    original = torch.Tensor.__add__
    torch.Tensor.__add__ = lambda a, b: original(a, b).detach()


def _add_swallows_shape_errors(torch: Any) -> None:
    original = torch.Tensor.__add__

    def add(a: Any, b: Any) -> Any:
        try:
            return original(a, b)
        except RuntimeError:
            return a

    torch.Tensor.__add__ = add


def _submodule_replacement_ignored(torch: Any) -> None:
    original = torch.nn.Module.__setattr__

    def setattr_(self: Any, name: str, value: Any) -> None:
        if isinstance(value, torch.nn.Module) and name in self.__dict__.get("_modules", {}):
            return
        original(self, name, value)

    torch.nn.Module.__setattr__ = setattr_


def _sequential_append_is_noop(torch: Any) -> None:
    torch.nn.Sequential.append = lambda self, module: self


def _cuda_probe_not_bool(torch: Any) -> None:
    torch.cuda.is_available = lambda: 0


def _clip_grad_norm_is_noop(torch: Any) -> None:
    def clip(parameters: Any, max_norm: float, *args: Any, **kwargs: Any) -> Any:
        grads = [p.grad.reshape(-1) for p in parameters if p.grad is not None]
        return torch.cat(grads).norm()

    torch.nn.utils.clip_grad_norm_ = clip


def _quantize_ignores_zero_point(torch: Any) -> None:
    original = torch.quantize_per_tensor
    torch.quantize_per_tensor = lambda x, scale, zero_point, dtype: original(x, scale, 0, dtype)


def _lazy_linear_fixed_in_features(torch: Any) -> None:
    torch.nn.LazyLinear = lambda out_features, *args, **kwargs: torch.nn.Linear(4, out_features, *args, **kwargs)


def _nn_linear_alias_broken(torch: Any) -> None:
    torch.nn.Linear = type("Linear", (torch.nn.Linear,), {})


def m(name: str, description: str, patch: Patch, *kills: str) -> Mutant:
    return Mutant(name=name, description=description, patch=patch, kills=kills)


MUTANTS: list[Mutant] = [
    m("losses_ce_skips_log_softmax", "CrossEntropyLoss is NLLLoss on raw logits", _ce_skips_log_softmax,
      "losses.cross-entropy.combines-log-softmax-and-nll", "losses.cross-entropy.mean-negative-log-softmax-at-label",
      "losses.cross-entropy.lower-when-label-is-favoured", "training.loop.loss-comes-before-backward"),
    m("losses_mse_forgets_square", "MSELoss averages x - y, unsquared", _mse_forgets_square,
      "losses.mse.mean-squared-error", "losses.mse.smaller-when-prediction-closer",
      "training.process.loss-from-output-and-label", "training.forward.output-and-mse-loss",
      "training.loop.loss-item-is-a-python-float", "training.process.gradient-of-loss-wrt-parameters",
      "training.loop.zero-grad-at-the-start-of-each-batch"),
    m("losses_ce_accepts_swapped_args", "CrossEntropyLoss swaps (target, output) back silently",
      _ce_accepts_swapped_args, "losses.call.output-then-target"),
    m("optim_sgd_ascends", "SGD steps up the gradient (maximize=True)", _wrap_init("optim.SGD", maximize=True),
      "optim.optimizer.step-lowers-the-loss", "optim.sgd.params-lr-momentum", "optim.sgd.momentum-update-rule",
      "optim.sgd.plain-update-rule", "optim.optimizers.adam-and-sgd-minimise-the-loss",
      "optim.optimizers.update-the-model-parameters-in-place", "training.steps.update-follows-the-optimizer-strategy",
      "training.process.iterating-reaches-a-good-fit", "training.loop.epochs-over-a-dataloader-learn"),
    m("optim_sgd_ignores_momentum", "SGD drops momentum, dampening and nesterov",
      _wrap_init("optim.SGD", momentum=0, dampening=0, nesterov=False),
      "optim.sgd.momentum-update-rule", "optim.sgd.params-lr-momentum"),
    m("optim_adam_default_betas", "Adam's default betas are (0.9, 0.99)", _adam_default_betas,
      "optim.adam.default-betas-and-hyperparameters"),
    m("optim_adam_is_sgd", "Adam is plain SGD", _adam_is_sgd,
      "optim.adam.momentum-and-adaptive-rate-rule", "optim.adam.default-betas-and-hyperparameters",
      "optim.adam.tutorial-step-updates-parameters", "training.steps.update-follows-the-optimizer-strategy"),
    m("optim_step_is_noop", "SGD.step and Adam.step change nothing", _step_is_noop,
      "optim.optimizers.update-the-model-parameters-in-place", "optim.adam.tutorial-step-updates-parameters",
      "training.process.optimizer-updates-weights-and-biases", "training.loop.tutorial-loss-decreases",
      "training.process.iterating-reaches-a-good-fit", "training.loop.step-returns-a-loss-only-with-closure",
      "training.loop.epochs-over-a-dataloader-learn", "optim.optimizers.adam-and-sgd-minimise-the-loss"),
    m("optim_step_returns_a_loss", "SGD.step() returns a scalar tensor without a closure", _step_returns_a_loss,
      "training.loop.step-computes-the-loss", "training.loop.step-returns-a-loss-only-with-closure"),
    m("optim_zero_grad_is_noop", "optimizer.zero_grad() keeps the old gradients", _zero_grad_is_noop,
      "optim.optimizer.zero-grad-clears-gradients", "training.loop.zero-grad-at-the-start-of-each-batch"),
    m("data_never_shuffles", "DataLoader ignores shuffle=True", _wrap_init("utils.data.DataLoader", shuffle=False),
      "data.dataloader.shuffle-is-uniform"),
    m("data_shuffle_with_replacement", "shuffling samples indices with replacement", _shuffle_with_replacement,
      "data.dataloader.shuffled-epoch-is-a-permutation"),
    m("data_always_drops_last", "DataLoader always drops the last short batch",
      _wrap_init("utils.data.DataLoader", drop_last=True),
      "data.dataloader.batch-sizes", "data.dataset.len-and-getitem", "data.dataloader.accepts-any-map-style-dataset",
      "data.dataloader.loops-over-the-dataset-many-times", "data.dataloader.batch-is-a-list-of-inputs-and-labels",
      "data.dataloader.collate-fn-processes-samples"),
    m("data_collate_returns_tuples", "default collation gives tuples, not lists", _collate_returns_tuples,
      "data.dataloader.batch-is-a-list-of-inputs-and-labels", "data.dataloader.default-collate"),
    m("data_collate_ints_as_floats", "default collation turns ints into float64", _collate_ints_as_floats,
      "data.dataloader.default-collate"),
    m("data_collate_concatenates", "default collation concatenates tensors instead of stacking",
      _collate_concatenates, "data.dataloader.packs-samples-into-batches", "data.dataset.len-and-getitem",
      "data.utils-data.provides-loading-tools"),
    m("data_ignores_collate_fn", "DataLoader ignores collate_fn", _wrap_init("utils.data.DataLoader", collate_fn=None),
      "data.dataloader.collate-fn-processes-samples"),
    m("data_ignores_generator", "DataLoader ignores its generator", _wrap_init("utils.data.DataLoader", generator=None),
      "data.dataloader.seeded-generator-reproduces-the-order"),
    m("data_requires_dataset_subclass", "DataLoader rejects datasets not inheriting Dataset",
      _requires_dataset_subclass, "data.dataset.must-subclass-dataset",
      "data.dataloader.accepts-any-map-style-dataset", "data.dataloader.packs-samples-into-batches"),
    m("data_loader_single_pass", "a DataLoader can be iterated only once", _loader_single_pass,
      "data.dataloader.loops-over-the-dataset-many-times", "data.dataloader.shuffled-epoch-is-a-permutation",
      "data.dataloader.shuffle-is-uniform", "training.loop.epochs-over-a-dataloader-learn"),
    m("data_tensor_dataset_drops_labels", "TensorDataset[i] gives only the first tensor",
      _tensor_dataset_drops_labels, "data.tensor-dataset.sample-and-label",
      "data.dataloader.batch-is-a-list-of-inputs-and-labels"),
    m("data_random_split_reverses_lengths", "random_split applies the lengths in reverse",
      _random_split_reverses_lengths, "data.random-split.train-validation-test"),
    m("data_no_subset", "torch.utils.data lacks Subset", _delete("utils.data.Subset"),
      "data.utils-data.provides-loading-tools"),
    m("training_relu_is_identity", "torch.relu returns its input", _relu_is_identity,
      "training.process.forward-through-layers", "training.process.gradient-of-loss-wrt-parameters",
      "training.steps.forward-uses-current-parameters", "training.process.loss-from-output-and-label",
      "overview.features.network-structure-adjustable"),
    m("training_backward_without_scalar_check", "backward() on a non-scalar seeds ones instead of raising",
      _backward_without_scalar_check, "training.loop.heading-backward-before-loss",
      "training.loop.loss-comes-before-backward"),
    m("training_linear_bias_gets_no_grad", "backward() does not reach nn.Linear's bias", _linear_bias_gets_no_grad,
      "training.process.backward-reaches-every-parameter", "training.process.gradient-of-loss-wrt-parameters",
      "training.process.optimizer-updates-weights-and-biases"),
    m("training_randn_is_ones", "torch.randn returns ones", _randn_is_ones,
      "training.forward.target-comment-says-one", "training.forward.randn-target-is-random"),
    m("training_item_returns_tensor", "Tensor.item() returns a tensor", _item_returns_tensor,
      "training.loop.loss-item-is-a-python-float"),
    m("training_linear_init_zeros", "nn.Linear initialises weights and biases to zero", _linear_init_zeros,
      "training.steps.parameters-are-initialised"),
    m("overview_gt_is_le", "tensor > tensor answers <=", _gt_is_le,
      "overview.features.dynamic-graph-follows-control-flow"),
    m("overview_backward_seed_is_two", "backward() seeds the output gradient with 2", _backward_seed_is_two,
      "overview.basics.autograd-gives-model-gradients", "overview.intro.built-in-autograd",
      "overview.features.dynamic-graph-follows-control-flow", "training.process.gradient-of-loss-wrt-parameters",
      "optim.sgd.plain-update-rule", "optim.sgd.momentum-update-rule",
      "training.loop.zero-grad-at-the-start-of-each-batch", "training.loop.loss-comes-before-backward"),
    m("overview_tensor_flattens", "torch.tensor flattens nested lists", _tensor_flattens,
      "overview.basics.tensor-is-a-multidimensional-array", "overview.intro.like-numpy"),
    m("overview_module_call_is_identity", "calling a module returns its input, skipping forward",
      _module_call_is_identity, "overview.basics.module-defines-a-model", "training.process.forward-through-layers"),
    m("overview_module_to_is_noop", "Module.to moves nothing", _module_to_is_noop,
      "overview.basics.model-and-tensors-move-to-a-device"),
    m("overview_add_detaches", "x + y is cut from the graph", _add_detaches,
      "overview.autograd.graph-is-built-as-operations-run"),
    m("overview_add_swallows_shape_errors", "x + y with bad shapes returns x", _add_swallows_shape_errors,
      "overview.comparison.no-declarative-programming"),
    m("overview_submodule_replacement_ignored", "assigning over an existing submodule is ignored",
      _submodule_replacement_ignored, "overview.comparison.model-structure-changes-at-run-time"),
    m("overview_sequential_append_is_noop", "nn.Sequential.append adds nothing", _sequential_append_is_noop,
      "overview.features.network-structure-adjustable"),
    m("overview_cuda_probe_not_bool", "torch.cuda.is_available() answers 0", _cuda_probe_not_bool,
      "overview.features.cuda-interface"),
    m("overview_no_autograd_grad", "torch.autograd lacks grad", _delete("autograd.grad"),
      "overview.modules.listed-modules-exist", "overview.basics.core-concepts"),
    m("overview_no_adam", "torch.optim lacks Adam", _delete("optim.Adam"),
      "overview.comparison.core-components", "optim.optimizers.sgd-and-adam-are-provided"),
    m("overview_nn_lacks_channel_shuffle", "torch.nn lacks ChannelShuffle", _delete("nn.ChannelShuffle"),
      "overview.nn-catalogue.layer-categories"),
    m("overview_no_data_parallel", "torch.nn lacks DataParallel", _delete("nn.DataParallel"),
      "overview.nn-catalogue.data-parallel"),
    m("overview_clip_grad_norm_is_noop", "clip_grad_norm_ leaves gradients unscaled", _clip_grad_norm_is_noop,
      "overview.nn-catalogue.utilities-clip-grad-norm"),
    m("overview_quantize_ignores_zero_point", "quantize_per_tensor uses zero_point 0",
      _quantize_ignores_zero_point, "overview.nn-catalogue.quantized-functions"),
    m("overview_lazy_linear_fixed_in_features", "LazyLinear is Linear(4, out)", _lazy_linear_fixed_in_features,
      "overview.nn-catalogue.lazy-modules"),
    m("overview_nn_linear_alias_broken", "torch.nn.Linear is not torch.nn.modules.linear.Linear",
      _nn_linear_alias_broken, "overview.nn-catalogue.aliases"),
]
