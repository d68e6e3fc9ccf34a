"""Running a hypothesis ``RuleBasedStateMachine`` from inside a check.

A claim about a sequence of actions (``stateful=True``) defines its machine
inside the check, where ``t`` and ``device`` are in scope, and calls
:func:`run`.  The runner binds the run's hypothesis settings with
:func:`using_settings`, so the machine runs under the chosen profile.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

_settings: contextvars.ContextVar[Any] = contextvars.ContextVar("stateful_settings", default=None)


@contextlib.contextmanager
def using_settings(settings: Any) -> Iterator[None]:
    token = _settings.set(settings)
    try:
        yield
    finally:
        _settings.reset(token)


def run(machine_class: type) -> None:
    """Run the state machine as a test under the bound settings."""
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(machine_class, settings=_settings.get())
