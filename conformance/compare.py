"""The one value comparison of the suite: backend results against numpy.

numpy is the value oracle.  Tolerances follow ``torch.testing.assert_close``'s
defaults for the dtype of the *actual* value, so a float32 backend result is
held to float32 tolerances even when numpy computed the expectation in float64.
Integer and boolean values compare exactly.  No torch, no pytest here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# (rtol, atol) by dtype name: torch.testing._comparison._DTYPE_PRECISIONS (2.x).
TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}


def tolerance(dtype: np.dtype[Any] | str) -> tuple[float, float]:
    """(rtol, atol) for a dtype; exact (0, 0) for integers and booleans."""
    return TOLERANCES.get(np.dtype(dtype).name, (0.0, 0.0))


class Mismatch(AssertionError):
    """A backend value differs from what numpy says it should be."""


def _summary(a: np.ndarray[Any, Any]) -> str:
    text = np.array2string(a, threshold=12, precision=6, separator=", ")
    return " ".join(text.split())


def assert_close(
    actual: Any,
    expected: Any,
    *,
    what: str,
    rtol: float | None = None,
    atol: float | None = None,
    check_dtype: bool = False,
    check_shape: bool = True,
) -> None:
    """Fail with a sentence unless ``actual`` matches ``expected`` within tolerance.

    ``actual`` and ``expected`` are numpy arrays or Python scalars; ``what`` names
    the expression ("x + y") so the failure reads "x + y = [...], but should be
    [...]".  NaNs compare equal to NaNs, as in ``torch.testing.assert_close``.
    """
    a = np.asarray(actual)
    e = np.asarray(expected)
    if check_shape and a.shape != e.shape:
        raise Mismatch(f"{what} has shape {a.shape}, but should have shape {e.shape}")
    if check_dtype and a.dtype != e.dtype:
        raise Mismatch(f"{what} has dtype {a.dtype}, but should have dtype {e.dtype}")
    default_rtol, default_atol = tolerance(a.dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    try:
        ok = np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=True) if (rtol or atol) else (
            np.array_equal(a, e, equal_nan=a.dtype.kind == "f" and e.dtype.kind == "f")
        )
    except (TypeError, ValueError) as exc:
        raise Mismatch(f"{what} = {_summary(a)} cannot be compared with {_summary(e)}: {exc}") from exc
    if not ok:
        detail = ""
        if a.shape == e.shape and a.size and a.dtype.kind in "fiub" and e.dtype.kind in "fiub":
            diff = np.abs(a.astype(np.float64) - e.astype(np.float64))
            detail = f" (largest difference {np.nanmax(diff):.3g}; rtol={rtol:g}, atol={atol:g})"
        raise Mismatch(f"{what} = {_summary(a)}, but should be {_summary(e)}{detail}")
