"""The spec is traceable: every quote is verbatim at its lines, ids are unique,
every refuted claim is paired with a true claim, and every strategy key exists."""

from __future__ import annotations

import os
import re

import pytest

import spec
from conformance.strategies import names as strategy_names
from spec.seeds import ALL, seed_dir

CLAIMS = spec.all_claims()
ID_SHAPE = re.compile(r"^[a-z0-9_\-]+(\.[a-z0-9_\-]+)+$")


def seed_lines(seed: str) -> list[str]:
    path = seed_dir() / seed
    if not path.exists():
        if os.environ.get("TORCH_CONFORMANCE_REQUIRE_SEEDS"):
            pytest.fail(f"seed document {path} is missing (TORCH_CONFORMANCE_REQUIRE_SEEDS is set)")
        pytest.skip(f"seed documents not found at {seed_dir()} (set TORCH_CONFORMANCE_SEEDS)")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("c", CLAIMS, ids=[c.id for c in CLAIMS])
def test_quote_appears_verbatim_at_its_lines(c: spec.Claim) -> None:
    assert c.source.seed in ALL
    lines = seed_lines(c.source.seed)
    assert c.source.last_line <= len(lines), f"{c.id}: line {c.source.last_line} is past the end"
    cited = "\n".join(lines[c.source.first_line - 1 : c.source.last_line])
    assert c.source.quote.strip(), f"{c.id}: empty quote"
    assert c.source.quote in cited, f"{c.id}: quote not found at lines {c.source.first_line}-{c.source.last_line}"


def test_claim_ids_are_unique_and_dotted() -> None:
    ids = [c.id for c in CLAIMS]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not ID_SHAPE.match(i)] == []


def test_every_refuted_claim_is_paired_with_a_true_testable_claim() -> None:
    for c in CLAIMS:
        if c.verdict.expects_failure:
            partner = spec.claim_by_id(c.paired_with)
            assert partner.verdict is spec.Verdict.HOLDS and partner.testable, c.id


def test_every_input_names_a_known_strategy() -> None:
    known = set(strategy_names())
    assert {(c.id, k) for c in CLAIMS for k in c.inputs.values() if k not in known} == set()


def test_every_untestable_statement_says_why() -> None:
    assert [c.id for c in CLAIMS if not c.testable and not (c.reason or "").strip()] == []


def test_every_seed_document_is_cited() -> None:
    assert {c.source.seed for c in CLAIMS} == set(ALL)
