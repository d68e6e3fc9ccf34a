"""torch.cuda.is_available onto tinygrad's device enumeration (tinygrad's CUDA or NV devices)."""

from __future__ import annotations

from typing import Any

from tinygrad import Device

from tinygrad_conformance.torchlike._missing import missing


def is_available() -> bool:
    return any(d.split(":")[0] in ("CUDA", "NV") for d in Device.get_available_devices())


def __getattr__(name: str) -> Any:
    return missing("torch.cuda", name)
