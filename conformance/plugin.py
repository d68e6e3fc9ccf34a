"""The pytest plugin (entry point ``pytest11``): options and hooks only.

Importing this module imports neither torch nor hypothesis nor the spec: the
plugin is loaded into every pytest run of an environment that has
torch-conformance installed, so it costs nothing until the suite is run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SUITE_DIR = Path(__file__).resolve().parent
SUITE_FILE = SUITE_DIR / "suite.py"

HELP_BACKEND = ("backend to test: a registered name or package.module:attr; repeatable "
                "(default: every installed backend)")
HELP_DEVICE = ("devices to run on: a comma-separated list, or 'all' for every device kind the "
               "backends know, missing ones skipped with a reason (default: the devices each backend has now)")
HELP_REQUIRE = "fail, instead of skipping, the claims of a requested device that is missing (for GPU CI jobs)"
HELP_CLAIMS = "run only the claims whose id matches a glob, or an area name; repeatable or comma-separated"
HELP_REPORT = "write report.json, report.md and report.html of the run into DIR"
HELP_SEED = "an integer mixed into every statistical claim's seed (default 0: the fixed seeds)"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torch-conformance", "torch-conformance: the executable PyTorch specification")
    group.addoption("--backend", action="append", default=[], metavar="NAME", help=HELP_BACKEND)
    group.addoption("--device", action="append", default=[], metavar="LIST", help=HELP_DEVICE)
    group.addoption("--require-device", action="store_true", default=False, help=HELP_REQUIRE)
    group.addoption("--claims", action="append", default=[], metavar="GLOB", help=HELP_CLAIMS)
    group.addoption("--conformance-seed", type=int, default=0, metavar="N", help=HELP_SEED)
    group.addoption("--conformance-report", default=None, metavar="DIR", help=HELP_REPORT)
    parser.addini("conformance_backend", HELP_BACKEND, type="args", default=[])
    parser.addini("conformance_device", HELP_DEVICE, type="args", default=[])
    parser.addini("conformance_claims", HELP_CLAIMS, type="args", default=[])


def suite_requested(config: pytest.Config) -> bool:
    """Whether the command line asks for the conformance suite (so backends are loaded)."""
    for arg in config.args:
        if config.getoption("pyargs", False) and arg.split("::")[0].split(".")[0] == "conformance":
            return True
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == SUITE_FILE or SUITE_FILE.is_relative_to(path) and path.is_dir():
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Register the hypothesis profiles (before hypothesis loads one) and, if the
    suite is to run, resolve backends, devices and claims into the run's plan."""
    from conformance import profiles

    profiles.register()
    if not suite_requested(config):
        return
    import spec
    from conformance import selection
    from conformance.suite import PLAN_KEY

    for area in sorted({c.area for c in spec.all_claims()}):
        config.addinivalue_line("markers", f"{area}: the claims of the '{area}' area of the spec")
    try:
        plan = selection.make_plan(
            selection.split_list(selection.option_value(config, "backend", "conformance_backend")),
            selection.split_list(selection.option_value(config, "device", "conformance_device")),
            selection.split_list(selection.option_value(config, "claims", "conformance_claims")),
            config.getoption("require_device"),
        )
    except selection.SelectionError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[PLAN_KEY] = plan
    if not hasattr(config, "workerinput"):  # the controlling process, not an xdist worker
        from conformance.recorder import Recorder

        config.pluginmanager.register(Recorder(config), "conformance-recorder")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Any:
    if file_path.resolve() != SUITE_FILE:
        return None
    from conformance.suite import PLAN_KEY, SuiteFile

    if PLAN_KEY not in parent.config.stash:
        return None
    return SuiteFile.from_parent(parent, path=file_path)


def pytest_report_collectionfinish(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    from conformance.suite import PLAN_KEY

    if PLAN_KEY not in config.stash:
        return []
    from conformance import backends as bk
    from conformance.runner import hypothesis_settings

    plan = config.stash[PLAN_KEY]
    lines = []
    for backend in dict.fromkeys(t.backend for t in plan.targets):
        mine = [t for t in plan.targets if t.backend is backend]
        columns = ", ".join(t.device + (" (not run)" if t.missing else "") for t in mine)
        lines.append(f"conformance: backend {backend.name} {bk.version_of(backend)} on {columns}")
    profile = hypothesis_settings(config.getoption("hypothesis_profile", None))
    lines.append(f"conformance: {len(plan.claim_ids)} claims; hypothesis max_examples={profile.max_examples} "
                 f"derandomize={profile.derandomize}; conformance seed {config.getoption('conformance_seed')}")
    return lines
