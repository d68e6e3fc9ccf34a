"""Loading a state dict into a module: in-place copies, key checks, torch's messages.

Mirrors: torch.nn.Module.load_state_dict (2.x): every persistent tensor of
every submodule is looked up by its dotted key; a shape mismatch or a
non-tensor value is an error even when not strict; strict mode adds the
missing and unexpected keys, in torch's order, to one RuntimeError; the
result is the ``IncompatibleKeys`` named tuple.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING, Any

from reference_impl.grad_mode import no_grad
from reference_impl.nn.parameter import Parameter
from reference_impl.tensor import Tensor

if TYPE_CHECKING:
    from reference_impl.nn.module import Module

_IncompatibleKeys = namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])


def load_state_dict(self: Module, state_dict: Any, strict: bool = True, assign: bool = False) -> Any:
    """Copy ``state_dict`` into ``self`` (or assign it, with ``assign=True``); see the module docstring."""
    if not hasattr(state_dict, "keys"):
        raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
    missing: list[str] = []
    errors: list[str] = []
    expected: set[str] = set()
    for mod_prefix, mod in self.named_modules():
        pre = mod_prefix + "." if mod_prefix else ""
        local = [(n, p) for n, p in mod._parameters.items() if p is not None]
        local += [(n, b) for n, b in mod._buffers.items()
                  if b is not None and n not in mod._non_persistent_buffers_set]
        for name, target in local:
            key = pre + name
            expected.add(key)
            if key not in state_dict:
                missing.append(key)
                continue
            value = state_dict[key]
            if not isinstance(value, Tensor):
                errors.append(f'While copying the parameter named "{key}", expected torch.Tensor or Tensor-like '
                              f"object from checkpoint but received {type(value)}")
                continue
            if value.shape != target.shape:
                errors.append(f"size mismatch for {key}: copying a param with shape {value.shape} from "
                              f"checkpoint, the shape in current model is {target.shape}.")
                continue
            with no_grad():
                if assign:
                    if name in mod._parameters:
                        mod._parameters[name] = value if isinstance(value, Parameter) else Parameter(
                            value, target.requires_grad)
                    else:
                        mod._buffers[name] = value
                else:
                    target.copy_(value)
    unexpected = [k for k in state_dict.keys() if k not in expected]
    if strict:
        if unexpected:
            errors.insert(0, "Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ". ")
        if missing:
            errors.insert(0, "Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ". ")
    if errors:
        raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(errors))
    return _IncompatibleKeys(missing, unexpected)
