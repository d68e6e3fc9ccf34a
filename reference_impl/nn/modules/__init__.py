"""torch.nn.modules: the same classes under their defining submodules.

Mirrors: torch.nn.modules.linear.Linear is torch.nn.Linear, and so on.
"""

from __future__ import annotations

from reference_impl.nn.modules import conv, linear, loss, normalization

__all__ = ["conv", "linear", "loss", "normalization"]
