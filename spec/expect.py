"""Assertions a check makes, phrased as sentences about the tutorial code.

The helpers take the expression's name first and fail with a sentence:
``w.grad = [2., 2.], but should be [4., 4.]``.  Backend tensors become numpy
arrays through the running backend's ``to_numpy``, which the runner binds with
:func:`using` around each check; values are compared by
:func:`conformance.compare.assert_close`, the suite's one comparison.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from conformance.compare import Mismatch, assert_close

ToNumpy = Callable[[Any], "np.ndarray[Any, Any]"]

_to_numpy: contextvars.ContextVar[ToNumpy] = contextvars.ContextVar("to_numpy")


@contextlib.contextmanager
def using(to_numpy: ToNumpy) -> Iterator[None]:
    """Bind the backend converter that the helpers below use."""
    token = _to_numpy.set(to_numpy)
    try:
        yield
    finally:
        _to_numpy.reset(token)


def numpy_of(x: Any) -> np.ndarray[Any, Any]:
    """A backend tensor (or a Python value) as a numpy array."""
    if isinstance(x, (bool, int, float, list, tuple, np.ndarray, np.generic)):
        return np.asarray(x)
    try:
        convert = _to_numpy.get()
    except LookupError:
        raise RuntimeError("expect.* helpers run only inside a check bound with expect.using") from None
    return np.asarray(convert(x))


def close(what: str, actual: Any, expected: Any, **tolerances: Any) -> None:
    """``actual`` (a backend tensor) equals the numpy ``expected`` within tolerance."""
    assert_close(numpy_of(actual), expected, what=what, **tolerances)


def equal(what: str, actual: Any, expected: Any) -> None:
    """Plain Python equality, e.g. of shapes, dtypes, names and reprs."""
    if not actual == expected:
        raise Mismatch(f"{what} = {actual!r}, but should be {expected!r}")


def true(what: str, condition: Any, why: str = "") -> None:
    """``condition`` holds; ``what`` says what was expected to be true."""
    if not condition:
        raise Mismatch(f"expected {what}" + (f": {why}" if why else ""))


@contextlib.contextmanager
def raises(what: str, *kinds: type[BaseException]) -> Iterator[None]:
    """The block raises one of ``kinds`` (default: any ``Exception``)."""
    kinds = kinds or (Exception,)
    try:
        yield
    except kinds:
        return
    names = " or ".join(k.__name__ for k in kinds)
    raise Mismatch(f"{what} should raise {names}, but it did not")


def no_raise(what: str, fn: Callable[[], Any]) -> Any:
    """Call ``fn``; an exception becomes a Mismatch that names ``what``."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - any error is the finding
        raise Mismatch(f"{what} raised {type(exc).__name__}: {exc}") from exc
