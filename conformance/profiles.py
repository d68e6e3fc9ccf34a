"""Hypothesis profiles for the suite, chosen with ``--hypothesis-profile``.

* ``dev`` (used when no profile is chosen): 50 examples, random seeds, no deadline.
* ``ci``: derandomized (the same examples on every run), 25 examples, no
  example database, no deadline, and the failure blob printed for replay.
* ``thorough``: 500 examples, for a release or a new backend.

No deadline anywhere: the pure-Python reference backend and first-call
compilation in real frameworks make per-example timing meaningless.  Hangs are
pytest-timeout's job (``--timeout``), not hypothesis's.
"""

from __future__ import annotations


def register() -> None:
    from hypothesis import HealthCheck, settings

    common = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("dev", common, max_examples=50)
    settings.register_profile("ci", common, max_examples=25, derandomize=True, database=None, print_blob=True)
    settings.register_profile("thorough", common, max_examples=500)
