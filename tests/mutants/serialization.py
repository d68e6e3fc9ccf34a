"""Mutants of the serialization area."""

from __future__ import annotations

import collections
import io
from typing import Any

from tests.mutants import Mutant


def _wrap_load(torch: Any, change: Any) -> None:
    """Replace torch.load by ``change(original_load, *args, **kwargs)``."""
    original = torch.load

    def load(*args: Any, **kwargs: Any) -> Any:
        return change(original, *args, **kwargs)

    torch.load = load


def _load_defaults_to_unpickling_anything(torch: Any) -> None:
    def change(load: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("weights_only", False)
        return load(*args, **kwargs)

    _wrap_load(torch, change)


def _load_ignores_weights_only_false(torch: Any) -> None:
    def change(load: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["weights_only"] = True
        return load(*args, **kwargs)

    _wrap_load(torch, change)


def _load_sorts_keys(torch: Any) -> None:
    def change(load: Any, *args: Any, **kwargs: Any) -> Any:
        loaded = load(*args, **kwargs)
        if not isinstance(loaded, dict):
            return loaded
        reordered = collections.OrderedDict(sorted(loaded.items()))
        reordered._metadata = getattr(loaded, "_metadata", None)  # type: ignore[attr-defined]
        return reordered

    _wrap_load(torch, change)


def _load_casts_to_float32(torch: Any) -> None:
    def change(load: Any, *args: Any, **kwargs: Any) -> Any:
        loaded = load(*args, **kwargs)
        if isinstance(loaded, dict):
            for key, value in loaded.items():
                if isinstance(value, torch.Tensor):
                    loaded[key] = value.float()
        return loaded

    _wrap_load(torch, change)


def _load_requires_pth_extension(torch: Any) -> None:
    def change(load: Any, f: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(f, str) and not f.endswith(".pth"):
            raise RuntimeError(f"{f} is not a .pth file")
        return load(f, *args, **kwargs)

    _wrap_load(torch, change)


def _save_is_lazy(torch: Any) -> None:
    """torch.save keeps a reference and writes at load time, so it sees later in-place edits."""
    save, load, pending = torch.save, torch.load, {}

    def key(f: Any) -> Any:
        return f if isinstance(f, str) else id(f)

    def lazy_save(obj: Any, f: Any, *args: Any, **kwargs: Any) -> None:
        pending[key(f)] = obj
        save(obj, f, *args, **kwargs)

    def late_load(f: Any, *args: Any, **kwargs: Any) -> Any:
        obj = pending.get(key(f))
        if obj is not None:
            f = io.BytesIO()
            save(obj, f)
            f.seek(0)
        return load(f, *args, **kwargs)

    torch.save, torch.load = lazy_save, late_load


def _load_state_dict_never_strict(torch: Any) -> None:
    original = torch.nn.Module.load_state_dict

    def load_state_dict(self: Any, state_dict: Any, strict: bool = True, assign: bool = False) -> Any:
        return original(self, state_dict, strict=False, assign=assign)

    torch.nn.Module.load_state_dict = load_state_dict


def _load_state_dict_copies_nothing(torch: Any) -> None:
    from torch.nn.modules.module import _IncompatibleKeys

    def load_state_dict(self: Any, state_dict: Any, strict: bool = True, assign: bool = False) -> Any:
        return _IncompatibleKeys([], [])

    torch.nn.Module.load_state_dict = load_state_dict


def _optimizer_load_drops_state(torch: Any) -> None:
    original = torch.optim.Optimizer.load_state_dict

    def load_state_dict(self: Any, state_dict: Any) -> None:
        original(self, {**state_dict, "state": {}})

    torch.optim.Optimizer.load_state_dict = load_state_dict


MUTANTS: list[Mutant] = [
    Mutant(
        name="load_defaults_to_unpickling_anything",
        description="torch.load defaults to weights_only=False (the torch < 2.6 behaviour)",
        patch=_load_defaults_to_unpickling_anything,
        kills=("serialization.whole-model.default-weights-only-refuses",
               "serialization.whole-model.doc-says-torch-load-restores-it"),
    ),
    Mutant(
        name="load_ignores_weights_only_false",
        description="torch.load always loads with weights_only=True",
        patch=_load_ignores_weights_only_false,
        kills=("serialization.whole-model.loads-with-weights-only-false",
               "serialization.forms.whole-network-or-parameters-only"),
    ),
    Mutant(
        name="load_sorts_keys",
        description="torch.load returns dicts with their keys sorted instead of in saved order",
        patch=_load_sorts_keys,
        kills=("serialization.state-dict.round-trips-through-a-path",
               "serialization.state-dict.round-trips-through-a-file-object",
               "serialization.forms.file-extension-does-not-matter"),
    ),
    Mutant(
        name="load_casts_to_float32",
        description="torch.load returns every tensor of a dict as float32",
        patch=_load_casts_to_float32,
        kills=("serialization.state-dict.round-trips-through-a-path",
               "serialization.state-dict.round-trips-through-a-file-object",
               "serialization.map-location.cpu-loads-onto-the-cpu"),
    ),
    Mutant(
        name="load_requires_pth_extension",
        description="torch.load refuses file names that do not end in .pth",
        patch=_load_requires_pth_extension,
        kills=("serialization.forms.file-extension-does-not-matter",),
    ),
    Mutant(
        name="save_is_lazy",
        description="torch.save keeps a reference and serializes at load time (no snapshot)",
        patch=_save_is_lazy,
        kills=("serialization.stateful.save-edit-cast-load-sequences",),
    ),
    Mutant(
        name="load_state_dict_never_strict",
        description="Module.load_state_dict ignores strict=True",
        patch=_load_state_dict_never_strict,
        kills=("serialization.load-state-dict.strict-rejects-missing-and-unexpected-keys",),
    ),
    Mutant(
        name="load_state_dict_copies_nothing",
        description="Module.load_state_dict reports success but copies no value",
        patch=_load_state_dict_copies_nothing,
        kills=("serialization.state-dict.doc-second-form-round-trips",
               "serialization.load-state-dict.copies-values-in-place",
               "serialization.load-state-dict.non-strict-reports-keys",
               "serialization.forms.whole-network-or-parameters-only",
               "serialization.checkpoint.resumed-training-equals-uninterrupted",
               "serialization.stateful.save-edit-cast-load-sequences"),
    ),
    Mutant(
        name="optimizer_load_drops_state",
        description="Optimizer.load_state_dict loads the param_groups but drops the per-parameter state",
        patch=_optimizer_load_drops_state,
        kills=("serialization.checkpoint.resumed-training-equals-uninterrupted",),
    ),
]


def _load_unpickles_anything(torch: Any) -> None:
    """torch.load as before 2.6: weights_only defaults to False, so files can run code."""
    original = torch.load

    def load(*args: Any, weights_only: Any = False, **kwargs: Any) -> Any:
        return original(*args, weights_only=weights_only, **kwargs)

    torch.load = load


def _load_returns_none_on_damage(torch: Any) -> None:
    """A damaged file loads as None instead of raising."""
    original = torch.load

    def load(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the mutation is to swallow the error
            return None

    torch.load = load


MUTANTS += [
    Mutant(
        name="load_runs_code_in_pickles",
        description="torch.load defaults to weights_only=False and runs code from the file",
        patch=_load_unpickles_anything,
        kills=("serialization.safety.default-load-refuses-code-in-a-pickle",),
    ),
    Mutant(
        name="load_swallows_damaged_files",
        description="torch.load returns None for a damaged file instead of raising",
        patch=_load_returns_none_on_damage,
        kills=("serialization.safety.truncated-file-raises",),
    ),
]
