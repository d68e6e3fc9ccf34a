"""Mirrors: torch.nn.modules.loss."""
from reference_impl.nn.losses import *  # noqa: F401,F403
from reference_impl.nn.losses import CrossEntropyLoss, L1Loss, MSELoss, NLLLoss  # noqa: F401
