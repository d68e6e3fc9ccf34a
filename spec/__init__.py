"""The executable specification: every claim of the seed documents.

Importing this package registers every claim.  It never imports torch or
pytest: a check receives the backend's torch-like namespace as ``t``.
"""

from __future__ import annotations

import fnmatch

# Topic modules register their claims on import; the order is the report's order.
from spec import (  # noqa: E402,F401  (registration)
    autograd,
    broadcasting,
    creation,
    data,
    devices,
    functional,
    indexing,
    init,
    layers,
    losses,
    modules,
    no_grad,
    numpy_interop,
    optim,
    overview,
    serialization,
    serialization_safety,
    training,
    views,
)
from spec._claim import Claim, SecondDevice, Source, Verdict, claim, untestable
from spec._claim import registered as _registered

__all__ = [
    "Claim",
    "SecondDevice",
    "Source",
    "Verdict",
    "all_claims",
    "claim",
    "claim_by_id",
    "claims_in_area",
    "select",
    "untestable",
]


def all_claims() -> list[Claim]:
    """Every registered claim, in registration order."""
    return list(_registered().values())


def claim_by_id(claim_id: str) -> Claim:
    """The claim with this id; KeyError names the id when there is none."""
    try:
        return _registered()[claim_id]
    except KeyError:
        raise KeyError(f"no claim with id {claim_id!r}") from None


def claims_in_area(area: str) -> list[Claim]:
    return [c for c in all_claims() if c.area == area]


def select(pattern: str) -> list[Claim]:
    """Claims whose id matches a glob (``broadcasting.*``) or equals an area name."""
    return [c for c in all_claims() if c.id == pattern or c.area == pattern or fnmatch.fnmatchcase(c.id, pattern)]
