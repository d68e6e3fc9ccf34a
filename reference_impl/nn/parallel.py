"""Mirrors: torch.nn.parallel."""
from reference_impl.nn.extra import DataParallel, DistributedDataParallel  # noqa: F401
