"""Mutants of the layers area: one documented layer behaviour broken each."""

from __future__ import annotations

import functools
from typing import Any

from tests.mutants import Mutant


def _defaults(cls: Any, **forced: Any) -> None:
    """Wrap cls.__init__ so that the given keyword arguments take other values (or defaults)."""
    orig = cls.__init__

    @functools.wraps(orig)
    def __init__(self, *args, **kwargs):
        for name, value in forced.items():
            kwargs[name] = value(kwargs.get(name)) if callable(value) else value
        orig(self, *args, **kwargs)

    cls.__init__ = __init__


def _wrap_forward(cls: Any, around: Any) -> None:
    orig = cls.forward
    cls.forward = lambda self, *args, **kwargs: around(self, orig, *args, **kwargs)


def _linear_ignores_last_input_feature(torch: Any) -> None:
    def around(self, orig, x):
        return orig(self, torch.cat([x[..., :-1], torch.zeros_like(x[..., -1:])], -1))

    _wrap_forward(torch.nn.Linear, around)


def _conv_flips_kernel(torch: Any) -> None:
    for cls in (torch.nn.Conv1d, torch.nn.Conv2d):
        orig = cls._conv_forward
        cls._conv_forward = lambda self, x, w, b, _orig=orig: _orig(self, x, w.flip(list(range(2, w.dim()))), b)


def _conv_ignores_dilation(torch: Any) -> None:
    f = torch.nn.functional
    for name in ("conv1d", "conv2d"):
        orig = getattr(f, name)
        setattr(f, name, lambda x, w, b=None, s=1, p=0, d=1, g=1, _orig=orig: _orig(x, w, b, s, p, 1, g))


def _conv_ignores_padding(torch: Any) -> None:
    orig = torch.nn.functional.conv2d
    torch.nn.functional.conv2d = lambda x, w, b=None, s=1, p=0, d=1, g=1: orig(x, w, b, s, 0, d, g)


def _conv_default_stride_two(torch: Any) -> None:
    _defaults(torch.nn.Conv2d, stride=lambda given: 2 if given is None else given)


def _conv_fourth_positional_is_dilation(torch: Any) -> None:
    for cls in (torch.nn.Conv2d, torch.nn.ConvTranspose2d):
        orig = cls.__init__
        cls.__init__ = lambda self, i, o, k, d=1, _orig=orig, **kw: _orig(self, i, o, k, dilation=d, **kw)


def _conv_registers_extra_parameter(torch: Any) -> None:
    orig = torch.nn.Conv2d.__init__

    def __init__(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        self.gain = torch.nn.Parameter(torch.ones(1))

    torch.nn.Conv2d.__init__ = __init__


def _conv_adds_position_ramp(torch: Any) -> None:
    def around(self, orig, x):
        y = orig(self, x)
        return y + 0.01 * torch.arange(y.shape[-1], device=y.device)

    _wrap_forward(torch.nn.Conv2d, around)


def _conv_leaks_global_sum(torch: Any) -> None:
    _wrap_forward(torch.nn.Conv2d, lambda self, orig, x: orig(self, x) + 1e-3 * x.sum())


def _conv_accepts_extra_channels(torch: Any) -> None:
    _wrap_forward(torch.nn.Conv2d, lambda self, orig, x: orig(self, x[..., : self.in_channels, :, :]))


def _conv_weight_frozen(torch: Any) -> None:
    orig = torch.nn.Conv2d.__init__

    def __init__(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        self.weight.requires_grad_(False)

    torch.nn.Conv2d.__init__ = __init__


def _padding_mode_ignored(torch: Any) -> None:
    _defaults(torch.nn.Conv2d, padding_mode="zeros")


def _conv3d_missing(torch: Any) -> None:
    delattr(torch.nn, "Conv3d")


def _zero_pad_pads_ones(torch: Any) -> None:
    torch.nn.ZeroPad2d.forward = lambda self, x: torch.nn.functional.pad(x, self.padding, "constant", 1.0)


def _conv_transpose_ignores_output_padding(torch: Any) -> None:
    orig = torch.nn.functional.conv_transpose2d
    torch.nn.functional.conv_transpose2d = lambda x, w, b=None, s=1, p=0, op=0, g=1, d=1: orig(x, w, b, s, p, 0, g, d)


def _nn_rejects_unbatched_input(torch: Any) -> None:
    for cls, dims in ((torch.nn.Conv2d, 4), (torch.nn.MaxPool2d, 4), (torch.nn.Linear, 2)):
        def around(self, orig, x, _dims=dims):
            if x.dim() < _dims:
                raise RuntimeError(f"expected a batched {_dims}-d input")
            return orig(self, x)

        _wrap_forward(cls, around)


def _unsqueeze_zero_appends(torch: Any) -> None:
    orig = torch.Tensor.unsqueeze
    torch.Tensor.unsqueeze = lambda self, dim: orig(self, -1 if dim == 0 else dim)


def _rnn_ignores_batch_first(torch: Any) -> None:
    for cls in (torch.nn.LSTM, torch.nn.GRU):
        _defaults(cls, batch_first=False)


def _rnn_reads_backwards(torch: Any) -> None:
    def around(self, orig, x, hx=None):
        dim = 1 if self.batch_first else 0
        out, state = orig(self, x.flip(dim), hx)
        return out.flip(dim), state

    for cls in (torch.nn.LSTM, torch.nn.GRU):
        _wrap_forward(cls, around)


def _max_pool_takes_minimum(torch: Any) -> None:
    _wrap_forward(torch.nn.MaxPool2d, lambda self, orig, x: -orig(self, -x))


def _pool_default_stride_one(torch: Any) -> None:
    for cls in (torch.nn.MaxPool2d, torch.nn.AvgPool2d):
        orig = cls.__init__
        cls.__init__ = lambda self, k, stride=None, _orig=orig, **kw: _orig(self, k, stride or 1, **kw)


def _avg_pool_excludes_padding(torch: Any) -> None:
    _defaults(torch.nn.AvgPool2d, count_include_pad=False)


def _relu_is_leaky(torch: Any) -> None:
    leaky = torch.nn.functional.leaky_relu
    torch.nn.functional.relu = lambda x, inplace=False: leaky(x, 0.01)


def _sigmoid_is_hard(torch: Any) -> None:
    torch.sigmoid = lambda x: torch.clamp(x / 4 + 0.5, 0.0, 1.0)


def _tanh_is_hard(torch: Any) -> None:
    torch.tanh = lambda x: torch.clamp(x, -1.0, 1.0)


def _leaky_relu_default_slope_tenth(torch: Any) -> None:
    orig = torch.nn.LeakyReLU.__init__
    torch.nn.LeakyReLU.__init__ = lambda self, negative_slope=0.1, inplace=False: orig(self, negative_slope, inplace)


def _activations_are_identity(torch: Any) -> None:
    for name in ("ReLU", "Sigmoid", "Tanh", "LeakyReLU"):
        getattr(torch.nn, name).forward = lambda self, x: x


def _identity_scales_by_a_tenth(torch: Any) -> None:
    torch.nn.Identity.forward = lambda self, x: 0.1 * x


def _softmax_unnormalised(torch: Any) -> None:
    torch.nn.functional.softmax = lambda x, dim=None, _stacklevel=3, dtype=None: torch.exp(x)


def _dropout_active_in_eval(torch: Any) -> None:
    torch.nn.Dropout.forward = lambda self, x: torch.nn.functional.dropout(x, self.p, True, self.inplace)


def _dropout_without_rescaling(torch: Any) -> None:
    orig = torch.nn.functional.dropout
    torch.nn.functional.dropout = lambda x, p=0.5, training=True, inplace=False: (
        orig(x, p, training, inplace) * ((1 - p) if training else 1.0))


def _batchnorm_uses_running_stats_in_training(torch: Any) -> None:
    orig = torch.nn.functional.batch_norm
    torch.nn.functional.batch_norm = lambda x, rm, rv, w=None, b=None, training=False, momentum=0.1, eps=1e-5: orig(
        x, rm, rv, w, b, False, momentum, eps)


def _sequential_runs_backwards(torch: Any) -> None:
    torch.nn.Sequential.forward = lambda self, x: functools.reduce(lambda y, m: m(y), reversed(list(self)), x)


def _flatten_from_dim_zero(torch: Any) -> None:
    orig = torch.nn.Flatten.__init__
    torch.nn.Flatten.__init__ = lambda self, start_dim=0, end_dim=-1: orig(self, start_dim, end_dim)


def _m(name: str, description: str, patch: Any, *kills: str) -> Mutant:
    return Mutant(name=name, description=description, patch=patch, kills=kills)


MUTANTS: list[Mutant] = [
    _m("linear_ignores_last_input_feature", "Linear drops its last input feature (not fully connected)",
       _linear_ignores_last_input_feature,
       "layers.linear.maps-in-features-to-out-features", "layers.linear.is-x-wt-plus-b"),
    _m("conv_flips_kernel", "Conv1d/Conv2d flip the kernel (true convolution, not cross-correlation)",
       _conv_flips_kernel,
       "layers.conv2d.matches-numpy-cross-correlation", "layers.conv1d.matches-numpy-cross-correlation",
       "layers.conv.depthwise-separable", "layers.conv.default-stride-1-padding-0",
       "layers.conv.padding-mode-matches-numpy-pad", "layers.conv-transpose2d.is-adjoint-of-conv2d"),
    _m("conv_ignores_dilation", "F.conv1d/conv2d ignore dilation", _conv_ignores_dilation,
       "layers.conv.output-size-rule", "layers.conv.dilation-spreads-the-kernel",
       "layers.conv2d.matches-numpy-cross-correlation", "layers.conv1d.matches-numpy-cross-correlation"),
    _m("conv_ignores_padding", "F.conv2d ignores padding", _conv_ignores_padding,
       "layers.padding.padding-keeps-the-size", "layers.padding.zero-pad-then-conv-equals-conv-padding"),
    _m("conv_default_stride_two", "Conv2d's stride defaults to 2", _conv_default_stride_two,
       "layers.conv.default-stride-1-padding-0", "layers.padding.3x3-kernel-loses-two-rows-and-columns",
       "layers.padding.padding-keeps-the-size"),
    _m("conv_fourth_positional_is_dilation", "Conv2d/ConvTranspose2d take dilation, not stride, 4th",
       _conv_fourth_positional_is_dilation,
       "layers.conv2d.positional-arguments", "layers.conv-transpose2d.positional-arguments"),
    _m("conv_registers_extra_parameter", "Conv2d has one parameter more than its kernel and bias",
       _conv_registers_extra_parameter, "layers.conv.weight-sharing-parameter-count"),
    _m("conv_adds_position_ramp", "Conv2d output depends on the column index (no weight sharing)",
       _conv_adds_position_ramp, "layers.conv.weight-sharing-translation-equivariance"),
    _m("conv_leaks_global_sum", "every Conv2d output depends on the whole input (not local)",
       _conv_leaks_global_sum, "layers.conv.local-connectivity"),
    _m("conv_accepts_extra_channels", "Conv2d silently drops surplus input channels",
       _conv_accepts_extra_channels, "layers.conv.in-and-out-channels"),
    _m("conv_weight_frozen", "Conv2d's kernel does not require grad", _conv_weight_frozen,
       "layers.conv.kernel-is-learned"),
    _m("conv_padding_mode_ignored", "Conv2d pads with zeros whatever padding_mode says", _padding_mode_ignored,
       "layers.conv.padding-mode-matches-numpy-pad"),
    _m("conv3d_missing", "torch.nn has no Conv3d", _conv3d_missing, "layers.conv.family-of-conv-layers"),
    _m("zero_pad_pads_ones", "nn.ZeroPad2d pads with ones", _zero_pad_pads_ones,
       "layers.padding.zero-pad-then-conv-equals-conv-padding"),
    _m("conv_transpose_ignores_output_padding", "F.conv_transpose2d ignores output_padding",
       _conv_transpose_ignores_output_padding,
       "layers.conv-transpose2d.output-size-rule", "layers.conv-transpose2d.is-adjoint-of-conv2d"),
    _m("nn_rejects_unbatched_input", "Conv2d, MaxPool2d and Linear reject unbatched input (torch < 1.11)",
       _nn_rejects_unbatched_input,
       "layers.input.doc-says-conv2d-needs-a-batch-dimension", "layers.input.unbatched-sample-equals-batch-of-one"),
    _m("unsqueeze_zero_appends", "x.unsqueeze(0) appends the new dimension last", _unsqueeze_zero_appends,
       "layers.input.conv2d-takes-nchw"),
    _m("rnn_ignores_batch_first", "LSTM/GRU ignore batch_first=True", _rnn_ignores_batch_first,
       "layers.recurrent.lstm-and-gru-shapes"),
    _m("rnn_reads_backwards", "LSTM/GRU read the sequence from its end", _rnn_reads_backwards,
       "layers.recurrent.outputs-are-causal"),
    _m("max_pool_takes_minimum", "MaxPool2d takes the window minimum", _max_pool_takes_minimum,
       "layers.pool.max-pool-takes-window-maximum"),
    _m("pool_default_stride_one", "MaxPool2d/AvgPool2d stride defaults to 1, not kernel_size",
       _pool_default_stride_one,
       "layers.pool.reduces-spatial-size", "layers.pool.max-pool-takes-window-maximum",
       "layers.pool.avg-pool-takes-window-mean"),
    _m("avg_pool_excludes_padding", "AvgPool2d leaves padded zeros out of the mean", _avg_pool_excludes_padding,
       "layers.pool.avg-pool-takes-window-mean"),
    _m("relu_is_leaky", "F.relu lets 1% of negative inputs through", _relu_is_leaky,
       "layers.activation.relu-matches-numpy", "layers.activation.derivatives-never-exceed-one"),
    _m("sigmoid_is_hard", "torch.sigmoid is the piecewise-linear hard sigmoid", _sigmoid_is_hard,
       "layers.activation.sigmoid-matches-numpy", "layers.activation.derivatives-never-exceed-one"),
    _m("tanh_is_hard", "torch.tanh is clamp(x, -1, 1)", _tanh_is_hard, "layers.activation.tanh-matches-numpy"),
    _m("leaky_relu_default_slope_tenth", "LeakyReLU's default negative_slope is 0.1",
       _leaky_relu_default_slope_tenth, "layers.activation.leaky-relu-matches-numpy"),
    _m("activations_are_identity", "ReLU, Sigmoid, Tanh and LeakyReLU return their input",
       _activations_are_identity, "layers.activation.are-nonlinear"),
    _m("identity_scales_by_a_tenth", "nn.Identity multiplies by 0.1, so linear chains vanish",
       _identity_scales_by_a_tenth,
       "layers.activation.doc-says-nonlinear-activations-relieve-vanishing-gradients"),
    _m("softmax_unnormalised", "F.softmax returns exp(x) without dividing by the sum", _softmax_unnormalised,
       "layers.activation.softmax-sums-to-one"),
    _m("dropout_active_in_eval", "nn.Dropout drops in eval mode too", _dropout_active_in_eval,
       "layers.dropout.eval-is-identity"),
    _m("dropout_without_rescaling", "F.dropout does not rescale kept values by 1/(1-p)",
       _dropout_without_rescaling, "layers.dropout.train-zeroes-with-p-and-scales"),
    _m("batchnorm_uses_running_stats_in_training", "BatchNorm normalises with running stats in training",
       _batchnorm_uses_running_stats_in_training, "layers.norm.batchnorm-normalises-in-training"),
    _m("sequential_runs_backwards", "nn.Sequential applies its layers last to first", _sequential_runs_backwards,
       "layers.container.sequential-applies-in-order"),
    _m("flatten_from_dim_zero", "nn.Flatten's start_dim defaults to 0", _flatten_from_dim_zero,
       "layers.utility.flatten-keeps-the-batch-dimension"),
]
