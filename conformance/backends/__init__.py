"""Backends: the Protocol a PyTorch-like framework meets, and how one is found.

A backend is registered in the entry-point group ``torch_conformance.backends``
(``torch`` and ``reference`` are registered there exactly as a third party
registers theirs), or named directly as ``package.module:attr``.  The entry
point names an object meeting :class:`Backend`, or a zero-argument callable
(such as a class) returning one.  Discovery reads entry-point metadata only;
nothing is imported until a backend is loaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

GROUP = "torch_conformance.backends"


@runtime_checkable
class Backend(Protocol):
    """What the suite needs from a framework under test.

    ``namespace`` is the torch-like module the checks call (``t.zeros``,
    ``t.nn.Linear``...).  ``devices()`` lists the device strings usable now;
    ``device_kinds`` every kind the backend knows, so that a requested device
    that is missing is reported with a reason instead of silently dropped.
    ``expected_failures`` maps claim ids to the reason the backend knowingly
    deviates from PyTorch; those claims are reported as expected failures,
    never as passes.

    Optional attributes, read with defaults: ``version`` (str) and
    ``placement_devices()`` (value-free devices, such as torch's ``meta``, for
    claims about where tensors live that read no values back).
    """

    name: str
    device_kinds: tuple[str, ...]
    expected_failures: Mapping[str, str]

    @property
    def namespace(self) -> Any: ...

    def devices(self) -> list[str]: ...

    def to_numpy(self, tensor: Any) -> Any: ...


class BackendError(Exception):
    """A backend cannot be found, loaded or used; the message is one line."""


def installed() -> dict[str, Any]:
    """Registered backend names -> entry points (metadata only, nothing imported)."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def _resolve_target(spec: str) -> Any:
    module_name, _, attr = spec.partition(":")
    try:
        obj: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except Exception as exc:  # noqa: BLE001 - any import failure is reported in one line
        raise BackendError(f"backend {spec!r} cannot be imported: {type(exc).__name__}: {exc}") from None
    return obj


def _instantiate(label: str, obj: Any) -> Backend:
    if isinstance(obj, type) or (not hasattr(obj, "namespace") and callable(obj)):
        try:
            obj = obj()
        except Exception as exc:  # noqa: BLE001
            raise BackendError(f"backend {label!r} failed to start: {type(exc).__name__}: {exc}") from None
    missing = [a for a in ("name", "namespace", "devices", "to_numpy") if not hasattr(obj, a)]
    if missing:
        raise BackendError(f"backend {label!r} lacks {', '.join(missing)} of the Backend protocol")
    return obj  # type: ignore[no-any-return]


def is_target(name: str) -> bool:
    """True for ``package.module:attr`` spellings of an unregistered backend."""
    return ":" in name


def unknown_message(name: str) -> str:
    names = ", ".join(sorted(installed())) or "none"
    return f"unknown backend {name!r}; installed backends: {names} (or give package.module:attr)"


def load(name: str) -> Backend:
    """Load a backend by registered name or ``package.module:attr``."""
    if is_target(name):
        return _instantiate(name, _resolve_target(name))
    eps = installed()
    if name not in eps:
        raise BackendError(unknown_message(name))
    try:
        obj = eps[name].load()
    except Exception as exc:  # noqa: BLE001
        raise BackendError(f"backend {name!r} cannot be imported: {type(exc).__name__}: {exc}") from None
    return _instantiate(name, obj)


def devices_of(backend: Backend) -> list[str]:
    """``backend.devices()``, with a failure turned into a one-line BackendError."""
    try:
        return list(backend.devices())
    except Exception as exc:  # noqa: BLE001
        raise BackendError(f"backend {backend.name!r}: devices() raised {type(exc).__name__}: {exc}") from None


def placement_devices_of(backend: Backend) -> list[str]:
    fn = getattr(backend, "placement_devices", None)
    return list(fn()) if fn is not None else []


def expected_failures_of(backend: Backend) -> dict[str, str]:
    return dict(getattr(backend, "expected_failures", {}) or {})


def version_of(backend: Backend) -> str:
    return str(getattr(backend, "version", "unknown"))
