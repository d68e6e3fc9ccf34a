"""Running one claim on one backend and device: context, draws, expectations.

The runner knows nothing of pytest's reporting: it calls the check, with
hypothesis drawing the inputs of a generated claim, and returns normally or
raises.  :func:`expectation` says whether the claim is expected to fail here
and why; the pytest item turns that into an expected failure or a strict
unexpected pass.
"""

from __future__ import annotations

import contextlib
import tempfile
import zlib
from typing import Any, Iterator

from conformance import backends as bk
from spec import Claim, SecondDevice, expect

DEFAULT_PROFILE = "dev"


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
        ctx: dict[str, Any] = {"t": backend.namespace, "device": device}
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
    """Run the claim's check; raise whatever it raises (AssertionError for a mismatch).

    Returns the number of generated examples run (0 for a fixed check).
    """
    assert claim.check is not None, "untestable claims are never run"
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
        from hypothesis import given, note, strategies as st

        from conformance.strategies import strategy_for

        drawn_strategy = st.fixed_dictionaries({name: strategy_for(key) for name, key in claim.inputs.items()})

        def check_on_drawn_inputs(drawn: dict[str, Any]) -> None:
            nonlocal calls
            calls += 1
            note(f"reproduce: {reproduction(claim, backend, device, drawn)}")
            claim.check(**ctx, **drawn)

        # Named after the claim, so hypothesis's example database keeps each claim's own examples.
        check_on_drawn_inputs.__name__ = check_on_drawn_inputs.__qualname__ = claim.check.__name__
        hypothesis_settings(profile)(given(drawn=drawn_strategy)(check_on_drawn_inputs))()
    return calls


def falsifying_example(exc: BaseException) -> tuple[str | None, str | None]:
    """(hypothesis' minimal falsifying example, our one-line reproduction) from a failure's notes."""
    notes = [str(n) for n in getattr(exc, "__notes__", [])]
    example = next((" ".join(n.split()) for n in notes if n.startswith("Falsifying")), None)
    repro = next((n.removeprefix("reproduce: ") for n in notes if n.startswith("reproduce: ")), None)
    return example, repro
