"""Real PyTorch as a backend: cpu, cuda (every visible GPU) and mps when present.

torch is imported only when the namespace or a device list is first needed,
so that registering this backend costs nothing for users who test another.
``meta`` is offered as a *placement* device: claims about where tensors live
that never read values back (``SecondDevice.PLACEMENT``) may use it as their
second device on a machine without a GPU; claims that read values never do.
"""

from __future__ import annotations

from typing import Any


class TorchBackend:
    name = "torch"
    device_kinds = ("cpu", "cuda", "mps", "meta")
    expected_failures: dict[str, str] = {}

    _threads_set = False

    @property
    def namespace(self) -> Any:
        import torch
        import torch.utils.data  # noqa: F401  (the checks use t.utils.data)

        if not TorchBackend._threads_set:
            # The suite checks semantics, not speed: one intra-op thread per process keeps
            # xdist workers from oversubscribing the cores (tiny ops slow down 10x otherwise).
            torch.set_num_threads(1)
            TorchBackend._threads_set = True
        return torch

    @property
    def version(self) -> str:
        return str(self.namespace.__version__)

    def devices(self) -> list[str]:
        torch = self.namespace
        found = ["cpu"]
        if torch.cuda.is_available():
            found += ["cuda"] + [f"cuda:{i}" for i in range(1, torch.cuda.device_count())]
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            found.append("mps")
        return found

    def placement_devices(self) -> list[str]:
        return ["meta"]

    def device_name(self, device: str) -> str:
        torch = self.namespace
        if device.startswith("cuda"):
            return str(torch.cuda.get_device_name(torch.device(device)))
        return device

    def to_numpy(self, tensor: Any) -> Any:
        torch = self.namespace
        x = tensor.detach().cpu()
        if x.dtype in (torch.bfloat16,):
            x = x.float()
        return x.numpy()


backend = TorchBackend()
