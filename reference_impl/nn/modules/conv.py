"""Mirrors: torch.nn.modules.conv."""
from reference_impl.nn.conv import Conv1d, Conv2d, ConvTranspose2d  # noqa: F401
