"""tinygrad as a torch-conformance backend.

Registered in the ``torch_conformance.backends`` entry-point group as ``tinygrad``
(see this package's pyproject.toml).  ``namespace`` is :mod:`tinygrad_conformance.torchlike`,
torch's names spelled onto tinygrad; tensors are tinygrad's own.  Device strings are
torch-style lower case (``cpu``); tinygrad canonicalizes them (``CPU``) itself.
"""

from __future__ import annotations

from typing import Any

from tinygrad_conformance.expected_failures import EXPECTED_FAILURES

# tinygrad's device names, lower-cased as torch spells devices.  PYTHON (an interpreter, no
# compiler needed, 1000-2000x slower) can be asked for explicitly with --device python.
DEVICE_KINDS = ("cpu", "python", "cuda", "nv", "amd", "metal", "cl", "webgpu")


class TinygradBackend:
    name = "tinygrad"
    device_kinds = DEVICE_KINDS
    expected_failures: dict[str, str] = EXPECTED_FAILURES

    @property
    def namespace(self) -> Any:
        from tinygrad.helpers import TRAINING

        from tinygrad_conformance import torchlike

        # The suite reads the namespace once per claim.  tinygrad's only mode switch, TRAINING,
        # is process-global (this adapter's Module.train()/eval() set it): put it back to
        # tinygrad's default so that no claim sees the mode another claim left behind.
        TRAINING.value = 0
        return torchlike

    @property
    def version(self) -> str:
        from importlib.metadata import version

        return version("tinygrad")

    def devices(self) -> list[str]:
        from tinygrad import Device

        return [d.lower() for d in Device.get_available_devices() if d.split(":")[0].lower() in DEVICE_KINDS]

    def device_name(self, device: str) -> str:
        from tinygrad import Device

        return f"tinygrad {Device.canonicalize(device)}"

    def to_numpy(self, tensor: Any) -> Any:
        return tensor.numpy()


backend = TinygradBackend()
