"""Random number generation: Generator objects and the default generator.

Mirrors: torch.Generator (manual_seed, seed, initial_seed, get_state,
set_state) and torch.manual_seed, which seeds the default generator and
returns it.  Streams differ from torch's (Mersenne Twister of CPython's
``random``), so only distributions, not exact values, match torch.
"""

from __future__ import annotations

import random as _random
from itertools import repeat
from typing import Any

from reference_impl import _dtype as dt

_F32_SCALE = 2.0 ** -24
_F64_SCALE = 2.0 ** -53


class Generator:
    """A seeded stream of random numbers.  Mirrors: torch.Generator(device='cpu')."""

    def __init__(self, device: Any = "cpu") -> None:
        from reference_impl.device import canonical

        self.device = canonical(device)
        self._rng = _random.Random()
        self._seed = 67280421310721
        self._rng.seed(self._seed)

    def manual_seed(self, seed: int) -> Generator:
        """Mirrors: Generator.manual_seed: reseed, return self."""
        seed = int(seed)
        self._seed = seed
        self._rng.seed(seed)
        return self

    def seed(self) -> int:
        s = _random.SystemRandom().getrandbits(63)
        self.manual_seed(s)
        return s

    def initial_seed(self) -> int:
        return self._seed

    def get_state(self) -> Any:
        from reference_impl import creation

        version, internal, gauss = self._rng.getstate()
        data = [version] + list(internal) + [0 if gauss is None else 1]
        state = creation.tensor(data, dtype=dt.int64)
        state._gauss = gauss  # type: ignore[attr-defined]
        return state

    def set_state(self, state: Any) -> Generator:
        values = state.tolist()
        gauss = getattr(state, "_gauss", None)
        self._rng.setstate((values[0], tuple(values[1:-1]), gauss))
        return self

    # -- draws used by the creation functions and the in-place fills --------------------------
    def uniform_list(self, n: int, d: dt.dtype) -> list[float]:
        """n floats uniform on [0, 1), exactly representable in ``d`` (so never rounded up to 1)."""
        bits = self._rng.getrandbits
        if d is dt.float64:
            return [b * _F64_SCALE for b in map(bits, repeat(53, n))]
        return [b * _F32_SCALE for b in map(bits, repeat(24, n))]

    def normal_list(self, n: int, mean: float = 0.0, std: float = 1.0) -> list[float]:
        gauss = self._rng.gauss
        return [gauss(mean, std) for _ in range(n)]

    def integers(self, n: int, low: int, high: int) -> list[int]:
        if high is None or high <= low:
            raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
        rr = self._rng.randrange
        return [rr(low, high) for _ in range(n)]

    def permutation(self, n: int) -> list[int]:
        perm = list(range(n))
        self._rng.shuffle(perm)
        return perm


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Mirrors: torch.manual_seed: seed the default generator and return it."""
    return default_generator.manual_seed(seed)


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state() -> Any:
    return default_generator.get_state()


def set_rng_state(state: Any) -> None:
    default_generator.set_state(state)
