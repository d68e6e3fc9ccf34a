"""The claim record and the ``@claim`` decorator that registers one.

A claim is one testable (or explicitly untestable) statement of a seed
document: where it is, what it says, what it means in English, whether it is
true of real PyTorch, and the check that decides it on a backend.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[..., None]

# Parameters a check may ask for by name besides its drawn inputs.
CONTEXT_PARAMETERS = ("t", "device", "other_device", "seed", "tmp_path")


class Verdict(str, enum.Enum):
    """What the document's statement is, on current real PyTorch."""

    HOLDS = "holds"
    REFUTED = "refuted"
    PARTLY = "partly"
    VERSION_DEPENDENT = "version-dependent"
    UNTESTABLE = "untestable"

    @property
    def expects_failure(self) -> bool:
        """A statement that is not true as written must fail when checked."""
        return self in (Verdict.REFUTED, Verdict.PARTLY, Verdict.VERSION_DEPENDENT)


class SecondDevice(str, enum.Enum):
    """Whether a claim needs a second device, and whether it must hold values.

    ``VALUES``: the claim reads data back from both devices (cpu <-> cuda, or
    the reference's simulated accelerator).  ``PLACEMENT``: only where tensors
    live matters, so a value-free device such as torch's ``meta`` is honest.
    """

    NONE = "none"
    VALUES = "values"
    PLACEMENT = "placement"


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: seed file, first and last line, exact quote."""

    seed: str
    first_line: int
    last_line: int
    quote: str


@dataclass(frozen=True)
class Claim:
    """One statement of a seed document, with the check that decides it."""

    id: str
    source: Source
    statement: str
    verdict: Verdict
    check: Check | None
    paired_with: str | None = None
    inputs: Mapping[str, str] = field(default_factory=dict)
    second_device: SecondDevice = SecondDevice.NONE
    stateful: bool = False  # the check runs a hypothesis RuleBasedStateMachine via spec.stateful.run
    examples: tuple[Mapping[str, Any], ...] = ()  # inputs always tried first, whatever hypothesis draws
    refs: tuple[str, ...] = ()
    reason: str | None = None  # why an untestable statement cannot be checked

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def generated(self) -> bool:
        """True when hypothesis draws the check's inputs (or its sequence of actions)."""
        return bool(self.inputs) or self.stateful

    @property
    def statistical(self) -> bool:
        """A check whose verdict rests on random samples: it takes ``seed`` and its
        docstring states the test's false-positive rate."""
        doc = (self.check.__doc__ or "") if self.check else ""
        return "seed" in self.parameters and bool(_FALSE_POSITIVE.search(doc))

    @property
    def testable(self) -> bool:
        return self.check is not None

    @property
    def parameters(self) -> tuple[str, ...]:
        if self.check is None:
            return ()
        return tuple(inspect.signature(self.check).parameters)

    def metadata(self) -> dict[str, Any]:
        """The claim as plain JSON-ready data (what ``python -m spec --json`` prints)."""
        return {
            "id": self.id,
            "area": self.area,
            "seed": self.source.seed,
            "lines": [self.source.first_line, self.source.last_line],
            "quote": self.source.quote,
            "statement": self.statement,
            "verdict": self.verdict.value,
            "paired_with": self.paired_with,
            "generated": self.generated,
            "testable": self.testable,
            "second_device": self.second_device.value,
            "stateful": self.stateful,
            "statistical": self.statistical,
            "inputs": dict(self.inputs),
            "refs": list(self.refs),
            "reason": self.reason,
            "check": None if self.check is None else self.check.__name__,
        }


_ID = re.compile(r"[a-z0-9_\-]+(\.[a-z0-9_\-]+)+")  # no glob characters, commas or brackets
_FALSE_POSITIVE = re.compile(r"false[- ]positive|statistical:", re.IGNORECASE)
_REGISTRY: dict[str, Claim] = {}


def _validate(c: Claim) -> None:
    if c.id in _REGISTRY:
        raise ValueError(f"claim id {c.id!r} is registered twice")
    if not _ID.fullmatch(c.id):
        raise ValueError(f"claim id {c.id!r} must be dotted lowercase words, e.g. 'area.topic.what-it-asserts'")
    if c.source.first_line > c.source.last_line or c.source.first_line < 1:
        raise ValueError(f"{c.id}: bad line range {c.source.first_line}-{c.source.last_line}")
    if c.verdict.expects_failure and not c.paired_with:
        raise ValueError(f"{c.id}: a {c.verdict.value} claim needs paired_with= the true claim")
    if c.verdict.expects_failure and c.generated:
        raise ValueError(
            f"{c.id}: a {c.verdict.value} claim must fail deterministically, "
            "so it takes a fixed counterexample, not drawn inputs"
        )
    if (c.verdict is Verdict.UNTESTABLE) != (c.check is None):
        raise ValueError(f"{c.id}: exactly the untestable claims have no check")
    if any(set(e) != set(c.inputs) for e in c.examples):
        raise ValueError(f"{c.id}: every explicit example gives exactly the inputs {sorted(c.inputs)}")
    if c.verdict is Verdict.UNTESTABLE and not c.reason:
        raise ValueError(f"{c.id}: an untestable statement needs a reason")
    unknown = set(c.parameters) - set(CONTEXT_PARAMETERS) - set(c.inputs)
    if unknown:
        raise ValueError(f"{c.id}: check parameters {sorted(unknown)} are neither context nor inputs")
    if c.check is not None and c.parameters[:1] != ("t",):
        raise ValueError(f"{c.id}: a check's first parameter is the backend namespace 't'")


def register(c: Claim) -> Claim:
    _validate(c)
    _REGISTRY[c.id] = c
    return c


def claim(
    *,
    id: str,
    seed: str,
    lines: tuple[int, int],
    quote: str,
    statement: str,
    verdict: Verdict = Verdict.HOLDS,
    paired_with: str | None = None,
    inputs: Mapping[str, str] | None = None,
    second_device: SecondDevice = SecondDevice.NONE,
    stateful: bool = False,
    examples: tuple[Mapping[str, Any], ...] = (),
    refs: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a document statement."""

    def decorate(check: Check) -> Check:
        register(
            Claim(
                id=id,
                source=Source(seed, lines[0], lines[1], quote),
                statement=statement,
                verdict=verdict,
                check=check,
                paired_with=paired_with,
                inputs=dict(inputs or {}),
                second_device=second_device,
                stateful=stateful,
                examples=tuple(examples),
                refs=tuple(refs),
            )
        )
        return check

    return decorate


def untestable(
    *, id: str, seed: str, lines: tuple[int, int], quote: str, statement: str, reason: str
) -> Claim:
    """Register a statement no check can decide, so that coverage counts it."""
    return register(
        Claim(
            id=id,
            source=Source(seed, lines[0], lines[1], quote),
            statement=statement,
            verdict=Verdict.UNTESTABLE,
            check=None,
            reason=reason,
        )
    )


def registered() -> dict[str, Claim]:
    return _REGISTRY
