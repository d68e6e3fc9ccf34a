"""The executable specification: every claim of the seed documents.

Importing this package registers every claim.  It never imports torch or
pytest: a check receives the backend's torch-like namespace as ``t``.
"""

from __future__ import annotations

import fnmatch
import importlib

from spec._claim import Claim, SecondDevice, Source, Verdict, claim, untestable
from spec._claim import registered as _registered

# The topic modules, in the order the reports list them; each registers its claims on import.
TOPICS = (
    "overview", "creation", "numpy_interop", "indexing", "views", "broadcasting",
    "autograd", "no_grad", "modules", "functional", "layers", "init",
    "losses", "optim", "data", "training", "serialization", "serialization_safety", "devices",
)

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


for _topic in TOPICS:
    importlib.import_module(f"spec.{_topic}")
