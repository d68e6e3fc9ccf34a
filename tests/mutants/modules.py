"""Mutants of the modules and functional areas: nn.Module, Parameter, buffers, nn against F."""

from __future__ import annotations

from typing import Any

from tests.mutants import Mutant


def _buffer_is_parameter(torch: Any) -> None:
    """register_buffer registers a Parameter (trainable when floating) instead of a buffer."""

    def register_buffer(self: Any, name: str, tensor: Any, persistent: bool = True) -> None:
        param = None if tensor is None else torch.nn.Parameter(tensor, requires_grad=tensor.is_floating_point())
        self.register_parameter(name, param)

    torch.nn.Module.register_buffer = register_buffer


def _non_persistent_buffers_saved(torch: Any) -> None:
    original = torch.nn.Module.register_buffer

    def register_buffer(self: Any, name: str, tensor: Any, persistent: bool = True) -> None:
        original(self, name, tensor, persistent=True)

    torch.nn.Module.register_buffer = register_buffer


def _plain_tensor_becomes_parameter(torch: Any) -> None:
    original = torch.nn.Module.__setattr__

    def __setattr__(self: Any, name: str, value: Any) -> None:
        plain = type(value) is torch.Tensor and value.is_floating_point()
        if plain and "_parameters" in self.__dict__ and name not in self._buffers:
            value = torch.nn.Parameter(value.detach())
        original(self, name, value)

    torch.nn.Module.__setattr__ = __setattr__


def _parameters_not_deduplicated(torch: Any) -> None:
    original = torch.nn.Module.named_parameters

    def named_parameters(self: Any, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True) -> Any:
        return original(self, prefix, recurse, remove_duplicate=False)

    torch.nn.Module.named_parameters = named_parameters


def _named_parameters_sorted(torch: Any) -> None:
    original = torch.nn.Module.named_parameters

    def named_parameters(self: Any, *args: Any, **kwargs: Any) -> Any:
        return iter(sorted(original(self, *args, **kwargs), key=lambda item: item[0]))

    torch.nn.Module.named_parameters = named_parameters


def _module_names_slash_separated(torch: Any) -> None:
    original = torch.nn.Module.named_modules

    def named_modules(self: Any, memo: Any = None, prefix: str = "", remove_duplicate: bool = True) -> Any:
        for name, module in original(self, memo, prefix, remove_duplicate):
            yield name.replace(".", "/"), module

    torch.nn.Module.named_modules = named_modules


def _state_dict_buffers_before_parameters(torch: Any) -> None:
    def _save_to_state_dict(self: Any, destination: Any, prefix: str, keep_vars: bool) -> None:
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buf if keep_vars else buf.detach()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()

    torch.nn.Module._save_to_state_dict = _save_to_state_dict


def _conversion_skips_buffers(torch: Any) -> None:
    original = torch.nn.Module._apply

    def _apply(self: Any, fn: Any, recurse: bool = True) -> Any:
        buffers = dict(self._buffers)
        original(self, fn, recurse)
        self._buffers.update(buffers)
        return self

    torch.nn.Module._apply = _apply


def _conversion_replaces_parameters(torch: Any) -> None:
    torch.__future__.set_overwrite_module_params_on_conversion(True)


def _assign_before_init_allowed(torch: Any) -> None:
    setattr_, register_buffer = torch.nn.Module.__setattr__, torch.nn.Module.register_buffer

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if "_parameters" not in self.__dict__:
            torch.nn.Module.__init__(self)
        setattr_(self, name, value)

    def register(self: Any, name: str, tensor: Any, persistent: bool = True) -> None:
        if "_buffers" not in self.__dict__:
            torch.nn.Module.__init__(self)
        register_buffer(self, name, tensor, persistent)

    torch.nn.Module.__setattr__ = __setattr__
    torch.nn.Module.register_buffer = register


def _linear_repr_without_bias(torch: Any) -> None:
    torch.nn.Linear.extra_repr = lambda self: f"in_features={self.in_features}, out_features={self.out_features}"


def _call_returns_input(torch: Any) -> None:
    torch.nn.Module.__call__ = lambda self, *args, **kwargs: args[0]


def _parameter_is_plain_tensor(torch: Any) -> None:
    torch.nn.Parameter = lambda data=None, requires_grad=True: data.detach().requires_grad_(requires_grad)


def _parameter_without_grad_by_default(torch: Any) -> None:
    original = torch.nn.parameter.Parameter.__new__

    def __new__(cls: Any, data: Any = None, requires_grad: bool = False) -> Any:
        return original(cls, data, requires_grad)

    torch.nn.parameter.Parameter.__new__ = staticmethod(__new__)


def _lstm_is_not_a_module(torch: Any) -> None:
    lstm = torch.nn.LSTM

    class LSTM:  # wraps the real layer, but is no nn.Module
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.layer = lstm(*args, **kwargs)

        def to(self, *args: Any, **kwargs: Any) -> Any:
            self.layer.to(*args, **kwargs)
            return self

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return self.layer(*args, **kwargs)

    torch.nn.LSTM = LSTM


def _train_mode_not_propagated(torch: Any) -> None:
    def train(self: Any, mode: bool = True) -> Any:
        self.training = mode
        return self

    torch.nn.Module.train = train


def _relu_module_is_leaky(torch: Any) -> None:
    torch.nn.ReLU.forward = lambda self, x: torch.nn.functional.leaky_relu(x, 0.1)


def _torch_relu_is_identity(torch: Any) -> None:
    torch.relu = lambda x: x


def _functional_relu_in_place(torch: Any) -> None:
    torch.nn.functional.relu = lambda x, inplace=False: torch.relu_(x)


def _linear_module_forgets_bias(torch: Any) -> None:
    torch.nn.Linear.forward = lambda self, x: x @ self.weight.T


def _conv2d_module_flips_kernel(torch: Any) -> None:
    torch.nn.Conv2d.forward = lambda self, x: self._conv_forward(x, self.weight.flip(-1, -2), self.bias)


def _batchnorm_eval_uses_batch_stats(torch: Any) -> None:
    from torch.nn.modules.batchnorm import _BatchNorm

    original = _BatchNorm.forward

    def forward(self: Any, x: Any) -> Any:
        if self.training:
            return original(self, x)
        return torch.nn.functional.batch_norm(x, None, None, self.weight, self.bias, True, 0.0, self.eps)

    _BatchNorm.forward = forward


def _batchnorm_running_var_biased(torch: Any) -> None:
    original = torch.nn.functional.batch_norm

    def batch_norm(x: Any, running_mean: Any, running_var: Any, weight: Any = None, bias: Any = None,
                   training: bool = False, momentum: float = 0.1, eps: float = 1e-5) -> Any:
        old = None if running_var is None else running_var.clone()
        out = original(x, running_mean, running_var, weight, bias, training, momentum, eps)
        if training and old is not None:
            dims = [0, *range(2, x.dim())]
            with torch.no_grad():
                running_var.copy_((1 - momentum) * old + momentum * x.var(dim=dims, unbiased=False))
        return out

    torch.nn.functional.batch_norm = batch_norm


def _functional_batch_norm_remembers(torch: Any) -> None:
    original, memory = torch.nn.functional.batch_norm, {"last": 0.0}

    def batch_norm(x: Any, *args: Any, **kwargs: Any) -> Any:
        shift, memory["last"] = memory["last"], float(x.mean())
        return original(x, *args, **kwargs) + shift

    torch.nn.functional.batch_norm = batch_norm


REG = "modules.registration."
MUTANTS: list[Mutant] = [
    Mutant(
        name='buffer_is_parameter',
        description="register_buffer registers a (trainable) Parameter",
        patch=_buffer_is_parameter,
        kills=(
            REG + 'buffer-is-listed-but-not-a-parameter',
            REG + 'optimizer-updates-parameters-never-buffers',
            REG + 'stateful-register-replace-delete',
            'modules.buffer.threshold-not-updated-by-optimizer',
            'functional.nn.batchnorm-running-stats-are-buffers',
            'functional.nn.modules-hold-parameters-and-state',
        ),
    ),
    Mutant(
        name='non_persistent_buffers_saved',
        description="register_buffer ignores persistent=False",
        patch=_non_persistent_buffers_saved,
        kills=(
            REG + 'non-persistent-buffer-not-in-state-dict',
            'modules.state-dict.order-params-then-buffers-then-children',
            REG + 'stateful-register-replace-delete',
        ),
    ),
    Mutant(
        name='plain_tensor_becomes_parameter',
        description="assigning a plain float tensor registers it as a Parameter",
        patch=_plain_tensor_becomes_parameter,
        kills=(
            REG + 'plain-tensor-attribute-is-neither',
            REG + 'stateful-register-replace-delete',
            'modules.parameter.plain-tensor-does-not-take-part-in-optimization',
            'modules.to.dtype-conversion-converts-parameters-and-buffers',
        ),
    ),
    Mutant(
        name='parameters_not_deduplicated',
        description="parameters() lists a shared Parameter once per name",
        patch=_parameters_not_deduplicated,
        kills=(
            REG + 'shared-parameter-listed-once',
            REG + 'stateful-register-replace-delete',
        ),
    ),
    Mutant(
        name='named_parameters_sorted',
        description="named_parameters() yields names sorted, not in registration order",
        patch=_named_parameters_sorted,
        kills=(
            REG + 'parameter-attribute-is-listed',
            REG + 'stateful-register-replace-delete',
            'modules.custom-model.named-parameters-print-in-order',
            'modules.my-nn.named-parameters-print',
            'modules.subclass.layers-defined-in-init-are-submodules',
            'modules.module.init-registers-parameters-and-submodules',
        ),
    ),
    Mutant(
        name='module_names_slash_separated',
        description="named_modules() joins nested names with '/' instead of '.'",
        patch=_module_names_slash_separated,
        kills=(
            REG + 'nesting-gives-dotted-names',
        ),
    ),
    Mutant(
        name='state_dict_buffers_before_parameters',
        description="state_dict() saves a module's buffers before its parameters",
        patch=_state_dict_buffers_before_parameters,
        kills=(
            'modules.state-dict.order-params-then-buffers-then-children',
            REG + 'stateful-register-replace-delete',
            'functional.nn.batchnorm-running-stats-are-buffers',
        ),
    ),
    Mutant(
        name='conversion_skips_buffers',
        description="Module.to/.double() convert parameters but not buffers",
        patch=_conversion_skips_buffers,
        kills=(
            'modules.to.dtype-conversion-converts-parameters-and-buffers',
        ),
    ),
    Mutant(
        name='conversion_replaces_parameters',
        description="Module.to/.double() make new Parameter objects "
        "(torch.__future__.set_overwrite_module_params_on_conversion(True))",
        patch=_conversion_replaces_parameters,
        kills=(
            'modules.to.dtype-conversion-converts-parameters-and-buffers',
        ),
    ),
    Mutant(
        name='assign_before_init_allowed',
        description="assigning members before super().__init__() initialises the module",
        patch=_assign_before_init_allowed,
        kills=(
            'modules.super.assigning-before-init-raises',
        ),
    ),
    Mutant(
        name='linear_repr_without_bias',
        description="Linear's repr leaves out bias=...",
        patch=_linear_repr_without_bias,
        kills=(
            'modules.simple-nn.repr-matches-printed-output',
        ),
    ),
    Mutant(
        name='module_call_returns_input',
        description="calling a module returns its input without running forward",
        patch=_call_returns_input,
        kills=(
            'modules.call.calling-model-runs-forward',
            'modules.simple-nn.forward-is-relu-fc1-then-fc2',
            'modules.forward.missing-forward-raises',
            'modules.super.init-sets-up-inherited-machinery',
            'modules.my-nn.tensor-input-prints-tensor-2',
            'modules.my-nn.python-int-input-returns-4',
            'modules.custom-model.forward-is-x-matmul-weight-plus-bias',
            'modules.nn-intro.network-kinds-have-layers',
        ),
    ),
    Mutant(
        name='parameter_is_plain_tensor',
        description="nn.Parameter(x) returns a plain tensor requiring grad",
        patch=_parameter_is_plain_tensor,
        kills=(
            'modules.parameter.is-a-tensor-subclass',
            REG + 'parameter-attribute-is-listed',
            'modules.parameter.plain-tensor-does-not-take-part-in-optimization',
            'modules.buffer.threshold-not-updated-by-optimizer',
            'modules.custom-model.named-parameters-print-in-order',
        ),
    ),
    Mutant(
        name='parameter_without_grad_by_default',
        description="nn.Parameter defaults to requires_grad=False",
        patch=_parameter_without_grad_by_default,
        kills=(
            'modules.parameter.requires-grad-and-gets-gradient',
            'modules.parameter.optimizer-updates-it',
            'functional.nn.manages-parameters-automatically',
            'modules.overview.module-manages-nested-networks',
        ),
    ),
    Mutant(
        name='lstm_is_not_a_module',
        description="nn.LSTM is a wrapper class that does not derive from nn.Module",
        patch=_lstm_is_not_a_module,
        kills=(
            'modules.module.base-class-of-layers',
            'modules.nn-intro.network-kinds-have-layers',
        ),
    ),
    Mutant(
        name='train_mode_not_propagated',
        description="train()/eval() set only the module's own flag, not its children's",
        patch=_train_mode_not_propagated,
        kills=(
            'modules.overview.module-manages-nested-networks',
        ),
    ),
    Mutant(
        name='relu_module_is_leaky',
        description="nn.ReLU computes leaky_relu(x, 0.1)",
        patch=_relu_module_is_leaky,
        kills=(
            'functional.functional.relu-equals-nn-relu',
        ),
    ),
    Mutant(
        name='torch_relu_is_identity',
        description="torch.relu returns its input",
        patch=_torch_relu_is_identity,
        kills=(
            'modules.simple-nn.forward-is-relu-fc1-then-fc2',
        ),
    ),
    Mutant(
        name='functional_relu_in_place',
        description="F.relu overwrites its input",
        patch=_functional_relu_in_place,
        kills=(
            'functional.functional.pure-functions-without-state',
        ),
    ),
    Mutant(
        name='linear_module_forgets_bias',
        description="nn.Linear's forward is x @ W.T, without the bias",
        patch=_linear_module_forgets_bias,
        kills=(
            'functional.functional.linear-needs-parameters-passed-manually',
            'modules.simple-nn.forward-is-relu-fc1-then-fc2',
        ),
    ),
    Mutant(
        name='conv2d_module_flips_kernel',
        description="nn.Conv2d convolves with the flipped kernel",
        patch=_conv2d_module_flips_kernel,
        kills=(
            'functional.functional.conv2d-with-module-weights-equals-module',
        ),
    ),
    Mutant(
        name='batchnorm_eval_uses_batch_stats',
        description="BatchNorm in eval mode normalises with the batch's statistics",
        patch=_batchnorm_eval_uses_batch_stats,
        kills=(
            'functional.nn.batchnorm-eval-uses-and-keeps-running-stats',
            'functional.functional.batch-norm-with-running-stats-equals-module-eval',
        ),
    ),
    Mutant(
        name='batchnorm_running_var_biased',
        description="batch norm's running_var is updated with the biased batch variance",
        patch=_batchnorm_running_var_biased,
        kills=(
            'functional.nn.batchnorm-updates-running-stats-in-train-mode',
            'functional.functional.batch-norm-updates-only-the-stats-passed-in',
        ),
    ),
    Mutant(
        name='functional_batch_norm_remembers',
        description="F.batch_norm shifts its output by the previous call's batch mean",
        patch=_functional_batch_norm_remembers,
        kills=(
            'functional.functional.calls-are-independent',
        ),
    ),
]
