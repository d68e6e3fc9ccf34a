"""The pytest plugin end to end, with pytester: options, skips, errors, outcomes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

TOY = "tests.toy_backends"
EMPTY = "creation.empty.shape-and-default-dtype"


def test_backend_and_claims_select_items_named_claim_backend_device(run_suite):
    result = run_suite("--backend", "torch", "--device", "cpu", "--claims", "creation.zeros.*", "--co", "-q")
    result.stdout.fnmatch_lines(["*suite.py::creation.zeros.all-zero-float32[[]torch-cpu[]]"])
    assert "creation.ones" not in result.stdout.str()


def test_claims_accepts_an_area_name_and_several_globs(run_suite):
    result = run_suite("--backend", "torch", "--claims", "indexing", "--claims", EMPTY, "--co", "-q")
    out = result.stdout.str()
    assert "indexing.column.index-1-is-second-column[torch-cpu]" in out
    assert "creation.empty.shape-and-default-dtype[torch-cpu]" in out
    assert "broadcasting." not in out


def test_area_marker_selects_the_area(run_suite):
    result = run_suite("--backend", "torch", "-m", "indexing", "--co", "-q")
    assert "indexing." in result.stdout.str() and "creation." not in result.stdout.str()


def test_torch_cpu_passes_and_refuted_claims_are_expected_failures(run_suite):
    result = run_suite("--backend", "torch", "--device", "cpu", "--claims", "indexing.column.*", "--claims",
                       "indexing.row.*")
    result.assert_outcomes(passed=2, xfailed=2)


def test_a_missing_device_is_skipped_with_a_reason_naming_device_and_backend(run_suite):
    result = run_suite("--backend", "torch", "--device", "mps", "--claims", EMPTY, "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*device 'mps' is not available to backend 'torch' here (available: cpu*"])


def test_require_device_turns_a_missing_device_into_a_failure(run_suite):
    result = run_suite("--backend", "torch", "--device", "cpu,mps", "--require-device", "--claims", EMPTY)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*--require-device: device 'mps' is not available*"])


def test_device_all_lists_every_known_kind_and_skips_the_missing(run_suite):
    result = run_suite("--backend", "torch", "--device", "all", "--claims", EMPTY, "--co", "-q")
    out = result.stdout.str()
    assert all(f"[torch-{d}]" in out for d in ("cpu", "cuda", "mps")) and "[torch-meta]" not in out


def test_an_unknown_backend_is_a_usage_error_listing_installed_backends(run_suite):
    result = run_suite("--backend", "nosuch")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: unknown backend 'nosuch'; installed backends: *torch*"])
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--device", "tpu"], "ERROR: unknown device 'tpu'*"),
        (["--claims", "nosuch.*"], "ERROR: --claims 'nosuch.*' matches no testable claim*"),
        (["--backend", f"{TOY}:DeclaresUnknownClaim"], "*'creation.no-such-claim', which names no claim*"),
        (["--backend", f"{TOY}:DevicesRaise"], "*devices() raised OSError: driver not loaded*"),
        (["--backend", f"{TOY}:NotABackend"], "*lacks name, namespace, devices, to_numpy*"),
        (["--backend", "tests.no_such_module:x"], "*cannot be imported: ModuleNotFoundError*"),
    ],
)
def test_bad_option_values_are_one_line_usage_errors(run_suite, args, message):
    result = run_suite(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    assert "Traceback" not in result.stderr.str()


def test_a_backend_named_by_module_and_attribute_is_loaded(run_suite):
    result = run_suite("--backend", "conformance.backends.torch_backend:backend", "--claims", EMPTY)
    result.assert_outcomes(passed=1)


def test_a_refuted_claim_that_passes_is_an_unexpected_pass_failure(run_suite):
    result = run_suite("--backend", f"{TOY}:one_based_indexing", "--claims", "indexing.column.*")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*unexpected pass (strict): indexing.column.doc-says-index-1-is-first-column*"])


def test_a_declared_expected_failure_is_reported_with_its_reason(run_suite):
    result = run_suite("--backend", f"{TOY}:DeclaresDeviation", "--claims",
                       "indexing.column.index-1-is-second-column", "-rx")
    result.assert_outcomes(xfailed=1)
    result.stdout.fnmatch_lines(["*declared by backend 'declares-deviation': counts columns from 1*"])


def test_a_wrong_broadcasting_rule_fails_the_broadcasting_claims_and_only_those(run_suite):
    result = run_suite("--backend", f"{TOY}:left_aligned_broadcasting", "--claims", "broadcasting.*",
                       "--claims", "creation.zeros.*", "--claims", "creation.tensor.*", "--claims", "indexing.*",
                       "-rf")
    failed = {line.split("::")[1].split("[")[0] for line in result.stdout.lines if line.startswith("FAILED")}
    broadcasting = {c.id for c in __import__("spec").select("broadcasting.*")}
    assert len(failed) >= 3 and failed <= broadcasting, failed
    assert result.parseoutcomes().get("passed", 0) > 0


def test_a_failure_names_the_claim_the_quote_and_a_reproduction(run_suite):
    result = run_suite("--backend", f"{TOY}:left_aligned_broadcasting",
                       "--claims", "broadcasting.binary-op.values-match-numpy")
    out = result.stdout.str()
    assert "claim broadcasting.binary-op.values-match-numpy on left-aligned cpu" in out
    assert "quote:     并且这些运算可以自动处理广播机制" in out
    assert "reproduce: spec.claim_by_id('broadcasting.binary-op.values-match-numpy').check(t, 'cpu', pair=" in out


def test_ini_keys_choose_backend_and_claims(pytester, run_suite):
    ini = pytester.makeini("[pytest]\nconformance_backend = torch\nconformance_claims = " + EMPTY + "\n")
    result = pytester.runpytest(str(REPO / "conformance"), "-c", str(ini),
                                "--rootdir", str(pytester.path), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_header_names_backend_version_devices_and_profile(run_suite):
    result = run_suite("--backend", "torch", "--claims", EMPTY)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["conformance: backend torch 2.* on cpu",
                                 "conformance: 1 claims; hypothesis max_examples=25 derandomize=True*"])


def test_importing_the_plugin_imports_neither_torch_nor_hypothesis():
    code = ("import sys, conformance.plugin; "
            "print(sorted(m for m in ('torch', 'hypothesis', 'spec') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip() == "[]"


def test_python_m_spec_json_lists_every_claim_with_its_metadata():
    out = subprocess.run([sys.executable, "-m", "spec", "--json"], capture_output=True, text=True, check=True).stdout
    claims = json.loads(out)
    import spec

    assert [c["id"] for c in claims] == [c.id for c in spec.all_claims()]
    required = {"id", "area", "seed", "lines", "quote", "statement", "verdict", "paired_with", "generated"}
    assert set(claims[0]) >= required


def test_python_m_spec_prints_counts_by_area_and_verdict():
    out = subprocess.run([sys.executable, "-m", "spec"], capture_output=True, text=True, check=True).stdout
    assert "by area:" in out and "by verdict:" in out


def test_a_registered_backend_whose_entry_point_fails_to_import_is_a_usage_error(run_suite, monkeypatch):
    from importlib.metadata import EntryPoint

    from conformance import backends

    broken = EntryPoint(name="broken", value="no_such_package.adapter:backend", group=backends.GROUP)
    monkeypatch.setattr(backends, "installed", lambda: {"broken": broken})
    result = run_suite("--backend", "broken")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: backend 'broken' cannot be imported: ModuleNotFoundError*"])
    assert "Traceback" not in result.stderr.str()


def test_device_all_mixed_with_names_is_a_usage_error(run_suite):
    result = run_suite("--backend", "torch", "--device", "all,cpu")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --device all cannot be combined with device names"])
