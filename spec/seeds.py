"""The seed documents the claims cite, by a name that says what each one is.

The documents are PyTorch tutorials in Chinese.  Their text is not part of
this package; the completeness test reads them from ``seed_dir()`` to verify
that every quote appears verbatim at its cited lines.
"""

from __future__ import annotations

import os
from pathlib import Path

FEATURES = "000_0c40991991d913cf.txt"  # PyTorch's features and its modules
BASICS = "001_2ce09de5c0c07169.txt"  # tensors, autograd, nn.Module, training, devices
COMPARISON = "002_ee3621156f24d77f.txt"  # PyTorch beside Keras and TensorFlow; init table
GETTING_STARTED = "003_533299028a4ba7eb.txt"  # a getting-started index
NOTES = "004_8eea4f2d9120291c.txt"  # tensors, Parameter, Module, save/load, nn vs functional

ALL = (FEATURES, BASICS, COMPARISON, GETTING_STARTED, NOTES)


def seed_dir() -> Path:
    """Where the seed documents are: $TORCH_CONFORMANCE_SEEDS, else ../shared/seeds."""
    configured = os.environ.get("TORCH_CONFORMANCE_SEEDS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
