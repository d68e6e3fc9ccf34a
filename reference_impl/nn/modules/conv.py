"""Mirrors: torch.nn.modules.conv."""
from reference_impl.nn.conv import Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d  # noqa: F401
