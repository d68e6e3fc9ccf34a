"""What a run covers: the backends, devices and claims the options select.

Everything a user can get wrong on the command line is decided here, once,
and reported as a one-line :class:`SelectionError` (the plugin turns it into a
usage error, exit code 4).  Precedence, resolved in :func:`option_value`:
command line > ini file > default.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any

from conformance import backends as bk


class SelectionError(Exception):
    """A bad option value; the message is one line."""


@dataclass(frozen=True)
class Target:
    """One column of the matrix: a backend on a device, or why it cannot run."""

    backend: Any
    device: str
    missing: str | None = None  # why the device cannot run here, or None

    @property
    def label(self) -> str:
        return f"{self.backend.name}-{self.device}"


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    require_device: bool = False


def option_value(config: Any, option: str, ini: str) -> Any:
    """The command-line value of an option, else its ini value, else None."""
    value = config.getoption(option)
    if value not in (None, [], ""):
        return value
    ini_value = config.getini(ini)
    return ini_value or None


def split_list(values: Any) -> list[str]:
    """``["a,b", "c"]`` or ``"a b"`` -> ``["a", "b", "c"]``."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part for v in values for part in str(v).replace(",", " ").split() if part]


def select_claims(patterns: list[str]) -> list[str]:
    """Ids of the testable claims matching any glob (all when none is given)."""
    import spec

    testable = [c for c in spec.all_claims() if c.testable]
    if not patterns:
        return [c.id for c in testable]
    chosen = [c.id for c in testable if any(c.id == p or c.area == p or fnmatch.fnmatchcase(c.id, p) for p in patterns)]
    if not chosen:
        raise SelectionError(f"--claims {' '.join(patterns)!r} matches no testable claim (see python -m spec)")
    return chosen


def load_backends(names: list[str]) -> list[Any]:
    """Load each named backend (default: every installed one)."""
    if not names:
        names = sorted(bk.installed())
        if not names:
            raise SelectionError("no backend is installed; install one or give --backend package.module:attr")
    loaded = []
    for name in dict.fromkeys(names):
        try:
            loaded.append(bk.load(name))
        except bk.BackendError as exc:
            raise SelectionError(str(exc)) from None
    return loaded


def _kind(device: str) -> str:
    return device.split(":", 1)[0]


def targets_for(backend: Any, requested: list[str] | None, available: list[str]) -> list[Target]:
    """The backend's columns for the requested devices, with reasons for missing ones."""
    kinds = tuple(getattr(backend, "device_kinds", ()))
    placement = set(bk.placement_devices_of(backend))
    if requested is None:
        return [Target(backend, d) for d in available]
    if requested == ["all"]:
        missing_kinds = [k for k in kinds if k not in placement and not any(_kind(d) == k for d in available)]
        wanted = list(available) + missing_kinds
    else:
        wanted = requested
    out = []
    for device in wanted:
        if device in available:
            out.append(Target(backend, device))
        elif device in placement:
            why = f"device {device!r} holds no values; backend {backend.name!r} uses it only as a second device"
            out.append(Target(backend, device, why))
        elif _kind(device) in kinds:
            why = (f"device {device!r} is not available to backend {backend.name!r} here "
                   f"(available: {', '.join(available) or 'none'})")
            out.append(Target(backend, device, why))
        else:
            why = f"backend {backend.name!r} has no device kind {_kind(device)!r} (kinds: {', '.join(kinds)})"
            out.append(Target(backend, device, why))
    return out


def check_expected_failures(backend: Any) -> None:
    """Every expected-failure entry must name a claim that is expected to pass."""
    import spec

    for claim_id in bk.expected_failures_of(backend):
        try:
            c = spec.claim_by_id(claim_id)
        except KeyError:
            raise SelectionError(
                f"backend {backend.name!r} declares an expected failure for {claim_id!r}, which names no claim"
            ) from None
        if c.verdict.expects_failure or not c.testable:
            raise SelectionError(
                f"backend {backend.name!r} declares an expected failure for {claim_id!r}, "
                f"a {c.verdict.value} claim that is already expected to fail or is not run"
            )


def make_plan(backend_names: list[str], devices: list[str], claim_patterns: list[str], require_device: bool) -> Plan:
    """Resolve the options into targets and claims, or raise SelectionError."""
    claim_ids = select_claims(claim_patterns)
    loaded = load_backends(backend_names)
    requested = devices or None
    if requested and "all" in requested and requested != ["all"]:
        raise SelectionError("--device all cannot be combined with device names")
    if requested and requested != ["all"]:
        known = {k for b in loaded for k in getattr(b, "device_kinds", ())}
        unknown = [d for d in requested if _kind(d) not in known]
        if unknown:
            raise SelectionError(
                f"unknown device {unknown[0]!r}; the selected backends know: {', '.join(sorted(known))}"
            )
    for backend in loaded:
        check_expected_failures(backend)
    targets = []
    for backend in loaded:
        try:
            available = bk.devices_of(backend)
        except bk.BackendError as exc:
            raise SelectionError(str(exc)) from None
        targets += targets_for(backend, requested, available)
    if not targets:
        raise SelectionError("the selected backends offer no device")
    return Plan(targets=targets, claim_ids=claim_ids, require_device=require_device)
