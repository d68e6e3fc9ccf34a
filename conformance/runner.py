"""Running one claim on one backend and device: context, draws, expectations.

The runner knows nothing of pytest's reporting: it calls the check, with
hypothesis drawing the inputs of a generated claim, and returns normally or
raises.  :func:`expectation` says whether the claim is expected to fail here
and why; the pytest item turns that into an expected failure or a strict
unexpected pass.
"""

from __future__ import annotations

import contextlib
import copy
import signal
import tempfile
import threading
import unittest
import zlib
from collections.abc import Iterator
from typing import Any

from conformance import backends as bk
from spec import Claim, SecondDevice, expect

DEFAULT_PROFILE = "dev"


class BackendMisbehaved(Exception):
    """The backend did something no honest failure does: raised KeyboardInterrupt,
    SystemExit or another BaseException inside a check, raised an exception that
    cannot even be printed, or modified the check's own inputs in place."""


def describe(exc: BaseException) -> str:
    """``Type: first line of the message``, even when the exception's __str__ is broken."""
    try:
        text = str(exc)
    except BaseException:  # noqa: BLE001 - a hostile __str__ must not break the report
        text = "<the exception's message cannot be printed>"
    first = (text.strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:300]}"


@contextlib.contextmanager
def _interrupt_guard() -> Iterator[Any]:
    """Tell a real Ctrl-C (SIGINT) from a KeyboardInterrupt raised by backend code."""
    state = {"signalled": False}
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def on_sigint(signum: int, frame: Any) -> None:
        state["signalled"] = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)


def _same(a: Any, b: Any) -> bool:
    import numpy as np

    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and bool(
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b) or (a != a and b != b)


def claim_seed(claim_id: str, run_seed: int = 0) -> int:
    """A seed fixed by the claim id (and the run's --conformance-seed), so failures reproduce."""
    return (zlib.crc32(claim_id.encode()) + 1_000_003 * run_seed) % 2**31


def expectation(claim: Claim, backend: Any) -> str | None:
    """Why this claim is expected to fail on this backend, or None if it should pass."""
    if claim.verdict.expects_failure:
        return (f"the document's claim is {claim.verdict.value} on real PyTorch; "
                f"the true behaviour is {claim.paired_with}")
    declared = bk.expected_failures_of(backend).get(claim.id)
    if declared:
        return f"declared by backend {backend.name!r}: {declared}"
    return None


def second_device(claim: Claim, backend: Any, device: str) -> tuple[str | None, str | None]:
    """(other device, None) for a two-device claim, or (None, why it cannot run)."""
    if claim.second_device is SecondDevice.NONE:
        return None, None
    others = [d for d in bk.devices_of(backend) if d != device]
    if not others and claim.second_device is SecondDevice.PLACEMENT:
        others = [d for d in bk.placement_devices_of(backend) if d != device]
    if not others:
        need = "with values" if claim.second_device is SecondDevice.VALUES else "of any kind"
        return None, f"claim needs a second device {need}; backend {backend.name!r} offers only {device!r}"
    return others[0], None


def reproduction(claim: Claim, backend: Any, device: str, drawn: dict[str, Any]) -> str:
    """One line that re-runs the check on these inputs, numpy's array reprs included."""
    args = ", ".join(f"{k}={v!r}" for k, v in drawn.items())
    call = f"spec.claim_by_id({claim.id!r}).check(t, {device!r}{', ' if args else ''}{args})"
    return " ".join(call.split())


@contextlib.contextmanager
def _context(claim: Claim, backend: Any, device: str, other: str | None, seed: int) -> Iterator[dict[str, Any]]:
    wanted = set(claim.parameters)
    with contextlib.ExitStack() as stack:
        ctx: dict[str, Any] = {"t": backend.namespace}
        if "device" in wanted:
            ctx["device"] = device
        if "other_device" in wanted:
            ctx["other_device"] = other
        if "seed" in wanted:
            ctx["seed"] = seed
        if "tmp_path" in wanted:
            from pathlib import Path

            ctx["tmp_path"] = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conformance-")))
        stack.enter_context(expect.using(backend.to_numpy))
        yield ctx


def hypothesis_settings(profile: str | None) -> Any:
    from hypothesis import settings

    name = profile or settings.get_current_profile_name()
    if name == "default":
        name = DEFAULT_PROFILE
    return settings(settings.get_profile(name))


def run_claim(claim: Claim, backend: Any, device: str, *, other: str | None = None,
              run_seed: int = 0, profile: str | None = None) -> int:
    """Run the claim's check; raise what it raises (an AssertionError for a mismatch).

    Whatever the backend raises that is not an ``Exception`` (KeyboardInterrupt,
    SystemExit, pytest's own outcomes...), or an exception that cannot be
    printed, becomes :class:`BackendMisbehaved`, so one hostile backend call
    fails one claim and never ends the run.  A real Ctrl-C still stops the run.
    Returns the number of generated examples run (0 for a fixed check).
    """
    with _interrupt_guard() as interrupt:
        try:
            return _run_claim(claim, backend, device, other=other, run_seed=run_seed, profile=profile)
        except KeyboardInterrupt:
            if interrupt["signalled"]:
                raise
            raise BackendMisbehaved("the backend raised KeyboardInterrupt inside the check") from None
        except Exception as exc:
            if isinstance(exc, unittest.SkipTest):  # pytest would report a skip, hiding the failure
                raise BackendMisbehaved(f"the backend raised {describe(exc)} inside the check") from None
            try:
                str(exc)
            except BaseException:  # noqa: BLE001
                raise BackendMisbehaved(f"the backend raised {describe(exc)}") from None
            raise
        except BaseException as exc:  # noqa: BLE001 - SystemExit, GeneratorExit, pytest outcomes, exotic
            if type(exc).__module__.startswith("_pytest") and type(exc).__name__ == "Failed":
                raise  # a failure stays a failure (pytest-timeout's "Timeout" among them)
            raise BackendMisbehaved(f"the backend raised {describe(exc)} inside the check") from None


def _run_claim(claim: Claim, backend: Any, device: str, *, other: str | None,
               run_seed: int, profile: str | None) -> int:
    assert claim.check is not None, "untestable claims are never run"
    check = claim.check
    seed = claim_seed(claim.id, run_seed)
    calls = 0
    with _context(claim, backend, device, other, seed) as ctx:
        if claim.stateful:
            from spec import stateful

            with stateful.using_settings(hypothesis_settings(profile)):
                claim.check(**ctx)
            return 0
        if not claim.inputs:
            claim.check(**ctx)
            return 0
        from hypothesis import example, given, note
        from hypothesis import strategies as st

        from conformance.strategies import strategy_for

        drawn_strategy = st.fixed_dictionaries({name: strategy_for(key) for name, key in claim.inputs.items()})

        def check_on_drawn_inputs(drawn: dict[str, Any]) -> None:
            nonlocal calls
            calls += 1
            note(f"reproduce: {reproduction(claim, backend, device, drawn)}")
            pristine = copy.deepcopy(drawn)
            check(**ctx, **drawn)
            if not _same(drawn, pristine):
                raise BackendMisbehaved("the backend modified the check's drawn inputs in place")

        # Named after the claim, so hypothesis's example database keeps each claim's own examples.
        check_on_drawn_inputs.__name__ = check_on_drawn_inputs.__qualname__ = claim.check.__name__
        test = given(drawn=drawn_strategy)(check_on_drawn_inputs)
        for explicit in reversed(claim.examples):  # the documented cases run first, on every hypothesis version
            test = example(drawn=dict(explicit))(test)
        hypothesis_settings(profile)(test)()
    return calls


def falsifying_example(exc: BaseException) -> tuple[str | None, str | None]:
    """(hypothesis' minimal falsifying example, our one-line reproduction) from a failure's notes."""
    found = [exc, *getattr(exc, "exceptions", ())]  # hypothesis reports distinct bugs as an ExceptionGroup
    notes = [str(n) for e in found for n in getattr(e, "__notes__", [])]
    # "Falsifying example: ..." in older hypothesis versions, "Failing test case: ..." in newer ones
    examples = [" ".join(n.split()) for n in notes if n.startswith(("Falsifying", "Failing test case"))]
    repro = next((n.removeprefix("reproduce: ") for n in notes if n.startswith("reproduce: ")), None)
    return (" | ".join(examples) or None), repro
