"""Devices: the cpu and one simulated accelerator kind, ``sim``.

Mirrors: torch.device (type and index, ``str`` and ``repr``), and torch's
refusal to mix tensors of different devices in one operation.  The ``sim``
device keeps its own storage (a separate buffer object), so moving a tensor
copies it and nothing is shared across devices; numpy conversion of a ``sim``
tensor raises TypeError as a cuda tensor does.
"""

from __future__ import annotations

from typing import Any

KINDS = ("cpu", "sim")


class device:
    """Where a tensor lives.

    Mirrors: torch.device("cpu"), torch.device("sim", 0), torch.device("sim:0").
    """

    __slots__ = ("type", "index")

    def __init__(self, type: Any, index: int | None = None) -> None:  # noqa: A002 - torch's name
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if not isinstance(type, str):
            raise TypeError(f"device() received an invalid combination of arguments - got ({type!r})")
        kind, _, idx = type.partition(":")
        if kind not in KINDS and kind not in ("cuda", "mps", "meta"):
            raise RuntimeError(f"Expected one of cpu, sim device type at start of device string: {type}")
        if idx:
            if index is not None:
                raise RuntimeError("type (string) must not include an index because index was passed explicitly: "
                                   f"{type}")
            index = int(idx)
        self.type = kind
        self.index = index

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and self.index == other.index

    def __hash__(self) -> int:
        return hash((self.type, self.index))

    def __reduce__(self) -> Any:
        return (device, (str(self),))


CPU = device("cpu")


def canonical(dev: Any) -> device:
    """The device a tensor records: ``sim`` and ``sim:0`` are the same device.

    Mirrors: torch placing ``cuda`` tensors on ``cuda:0`` (the current device).
    Only cpu and sim hold values here; cuda, mps and meta are refused.
    """
    if dev is None:
        return CPU
    d = dev if isinstance(dev, device) else device(dev)
    if d.type == "cpu":
        return CPU
    if d.type == "sim":
        if d.index not in (None, 0):
            raise RuntimeError(f"sim device index {d.index} out of range (one simulated device)")
        return SIM0
    raise RuntimeError(f"Torch not compiled with {d.type.upper()} enabled" if d.type == "cuda"
                       else f"device type {d.type!r} is not available in reference_impl")


SIM0 = device("sim", 0)
