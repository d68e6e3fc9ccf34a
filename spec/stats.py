"""Thresholds for statistical claims, derived from a stated false-positive rate.

Every statistical claim states its test and its false-positive rate (at most
1e-6) in its docstring, and draws randomness from a seed the runner gives it,
so a failure reproduces.  Two bounds serve most claims:

* ``z_bound(fpr)``: the two-sided normal quantile, for a mean (or variance)
  whose sampling distribution is normal to within a negligible error at the
  sample sizes used here (n >= 1000);
* ``dkw_epsilon(n, fpr)``: the Dvoretzky-Kiefer-Wolfowitz-Massart bound, exact
  for every n: P(sup |F_n - F| > eps) <= 2 exp(-2 n eps^2).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from statistics import NormalDist

FALSE_POSITIVE_RATE = 1e-6


def z_bound(fpr: float = FALSE_POSITIVE_RATE) -> float:
    """z such that P(|Z| > z) = fpr for a standard normal Z (1e-6 -> 4.89)."""
    return NormalDist().inv_cdf(1.0 - fpr / 2.0)


def dkw_epsilon(n: int, fpr: float = FALSE_POSITIVE_RATE) -> float:
    """eps such that the empirical CDF of n samples strays beyond it with prob <= fpr."""
    return math.sqrt(math.log(2.0 / fpr) / (2.0 * n))


def ks_distance(samples: Sequence[float], cdf: Callable[[float], float]) -> float:
    """sup |F_n(x) - F(x)| of the samples against a continuous CDF."""
    xs = sorted(samples)
    n = len(xs)
    return max(max((i + 1) / n - cdf(x), cdf(x) - i / n) for i, x in enumerate(xs))


def uniform_cdf(low: float, high: float) -> Callable[[float], float]:
    return lambda x: min(1.0, max(0.0, (x - low) / (high - low)))


def normal_cdf(mean: float = 0.0, std: float = 1.0) -> Callable[[float], float]:
    return NormalDist(mean, std).cdf
