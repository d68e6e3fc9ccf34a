"""Recurrent layers: RNN, LSTM and GRU, composed from linear maps per time step.

Mirrors: nn.RNN / nn.LSTM / nn.GRU (parameter names ``weight_ih_l0``...,
gate order i, f, g, o for LSTM and r, z, n for GRU, every weight initialised
U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), ``batch_first``, unbatched
inputs, stacked layers; outputs ``(output, h_n)`` or ``(output, (h_n, c_n))``).
"""

from __future__ import annotations

import math
from typing import Any

from reference_impl import creation
from reference_impl.nn import functional as F
from reference_impl.nn import init
from reference_impl.nn.module import Module
from reference_impl.nn.parameter import Parameter
from reference_impl.ops.shape import stack
from reference_impl.tensor import Tensor


class _RNNBase(Module):
    gates = 1
    mode = "RNN_TANH"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bias: bool = True,
                 batch_first: bool = False, dropout: float = 0.0, bidirectional: bool = False,
                 device: Any = None, dtype: Any = None, nonlinearity: str = "tanh") -> None:
        super().__init__()
        if bidirectional:
            raise NotImplementedError("bidirectional recurrent layers are not implemented in reference_impl")
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bias, self.batch_first, self.dropout = bias, batch_first, float(dropout)
        self.bidirectional = False
        self.nonlinearity = nonlinearity
        g = self.gates * hidden_size
        for layer in range(num_layers):
            size_in = input_size if layer == 0 else hidden_size
            setattr(self, f"weight_ih_l{layer}", Parameter(creation.empty(g, size_in, device=device, dtype=dtype)))
            setattr(self, f"weight_hh_l{layer}", Parameter(creation.empty(g, hidden_size, device=device, dtype=dtype)))
            if bias:
                setattr(self, f"bias_ih_l{layer}", Parameter(creation.empty(g, device=device, dtype=dtype)))
                setattr(self, f"bias_hh_l{layer}", Parameter(creation.empty(g, device=device, dtype=dtype)))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Mirrors: RNNBase.reset_parameters: every weight U(-1/sqrt(H), 1/sqrt(H))."""
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for w in self.parameters():
            init.uniform_(w, -stdv, stdv)

    def _weights(self, layer: int) -> tuple[Any, Any, Any, Any]:
        p = self._parameters
        return (p[f"weight_ih_l{layer}"], p[f"weight_hh_l{layer}"], p.get(f"bias_ih_l{layer}"),
                p.get(f"bias_hh_l{layer}"))

    def _cell(self, x: Tensor, state: Any, layer: int) -> tuple[Tensor, Any]:
        w_ih, w_hh, b_ih, b_hh = self._weights(layer)
        h = state
        pre = F.linear(x, w_ih, b_ih) + F.linear(h, w_hh, b_hh)
        h = F.tanh(pre) if self.nonlinearity == "tanh" else F.relu(pre)
        return h, h

    def _zeros(self, x: Tensor, batch: Any) -> Tensor:
        shape = (self.num_layers,) + ((batch,) if batch is not None else ()) + (self.hidden_size,)
        return creation.zeros(shape, dtype=x.dtype, device=x.device)

    def forward(self, x: Tensor, hx: Any = None) -> Any:
        unbatched = x.dim() == 2
        if x.dim() not in (2, 3):
            raise ValueError(f"{type(self).__name__}: Expected input to be 2D or 3D, got {x.dim()}D instead")
        if unbatched:
            x = x.unsqueeze(1)
        elif self.batch_first:
            x = x.transpose(0, 1)
        batch = x.shape[1]
        init_state = self._initial(x, hx, unbatched, batch)
        layer_in = x
        finals = []
        for layer in range(self.num_layers):
            state = self._layer_state(init_state, layer)
            outs = []
            for step in range(layer_in.shape[0]):
                out, state = self._cell(layer_in[step], state, layer)
                outs.append(out)
            layer_in = stack(outs, 0)
            if self.dropout and self.training and layer < self.num_layers - 1:
                layer_in = F.dropout(layer_in, self.dropout)
            finals.append(state)
        output = layer_in
        if unbatched:
            output = output.squeeze(1)
        elif self.batch_first:
            output = output.transpose(0, 1)
        return output, self._final(finals, unbatched)

    def _initial(self, x: Tensor, hx: Any, unbatched: bool, batch: int) -> Any:
        if hx is None:
            return self._zeros(x, batch)
        return hx.unsqueeze(1) if unbatched else hx

    def _layer_state(self, init_state: Any, layer: int) -> Any:
        return init_state[layer]

    def _final(self, finals: list[Any], unbatched: bool) -> Any:
        h = stack(finals, 0)
        return h.squeeze(1) if unbatched else h

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if not self.bias:
            s += ", bias=False"
        if self.batch_first:
            s += ", batch_first=True"
        if self.dropout:
            s += f", dropout={self.dropout}"
        return s


class RNN(_RNNBase):
    """Mirrors: nn.RNN (tanh or relu)."""


class LSTM(_RNNBase):
    """Mirrors: nn.LSTM: i, f, g, o gates; returns output, (h_n, c_n)."""

    gates = 4

    def _cell(self, x: Tensor, state: Any, layer: int) -> tuple[Tensor, Any]:
        w_ih, w_hh, b_ih, b_hh = self._weights(layer)
        h, c = state
        gates = F.linear(x, w_ih, b_ih) + F.linear(h, w_hh, b_hh)
        i, f, g, o = gates.chunk(4, -1)
        c = F.sigmoid(f) * c + F.sigmoid(i) * F.tanh(g)
        h = F.sigmoid(o) * F.tanh(c)
        return h, (h, c)

    def _initial(self, x: Tensor, hx: Any, unbatched: bool, batch: int) -> Any:
        if hx is None:
            return self._zeros(x, batch), self._zeros(x, batch)
        h, c = hx
        return (h.unsqueeze(1), c.unsqueeze(1)) if unbatched else (h, c)

    def _layer_state(self, init_state: Any, layer: int) -> Any:
        return init_state[0][layer], init_state[1][layer]

    def _final(self, finals: list[Any], unbatched: bool) -> Any:
        h = stack([s[0] for s in finals], 0)
        c = stack([s[1] for s in finals], 0)
        return (h.squeeze(1), c.squeeze(1)) if unbatched else (h, c)


class GRU(_RNNBase):
    """Mirrors: nn.GRU: r, z, n gates; h' = (1 - z) * n + z * h."""

    gates = 3

    def _cell(self, x: Tensor, state: Any, layer: int) -> tuple[Tensor, Any]:
        w_ih, w_hh, b_ih, b_hh = self._weights(layer)
        h = state
        xr, xz, xn = F.linear(x, w_ih, b_ih).chunk(3, -1)
        hr, hz, hn = F.linear(h, w_hh, b_hh).chunk(3, -1)
        r = F.sigmoid(xr + hr)
        z = F.sigmoid(xz + hz)
        n = F.tanh(xn + r * hn)
        h = (1 - z) * n + z * h
        return h, h
