"""The ``reference`` backend: reference_impl as a torch-conformance Backend.

Registered as the entry point ``reference = "reference_impl.backend:backend"``
in the group ``torch_conformance.backends``.  Devices: ``cpu`` and the
simulated accelerator ``sim`` (separate storage, values readable), so the
claims that need a second device run without a GPU.
"""

from __future__ import annotations

from typing import Any


class ReferenceBackend:
    """Mirrors: conformance.backends.Backend (name, namespace, devices, to_numpy)."""

    name = "reference"
    device_kinds = ("cpu", "sim")
    # claim id -> why reference_impl knowingly deviates from PyTorch
    expected_failures: dict[str, str] = {
        "overview.nn-catalogue.quantized-functions":
            "reference_impl has no quantized tensors: torch.nn.quantized and torch.quantize_per_tensor "
            "(quint8 storage, int_repr, dequantize) are not implemented.",
    }

    @property
    def namespace(self) -> Any:
        import reference_impl

        return reference_impl

    @property
    def version(self) -> str:
        import reference_impl

        return str(reference_impl.__version__)

    def devices(self) -> list[str]:
        return ["cpu", "sim"]

    def to_numpy(self, tensor: Any) -> Any:
        return tensor.detach().cpu().numpy()


backend = ReferenceBackend()
