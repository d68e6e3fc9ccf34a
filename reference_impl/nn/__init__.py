"""torch.nn: modules, parameters, layers, losses, init and functional.

Mirrors: the torch.nn namespace.
"""

from __future__ import annotations

from reference_impl.nn import functional, init
from reference_impl.nn.container import ModuleDict, ModuleList, ParameterList, Sequential
from reference_impl.nn.conv import (AdaptiveAvgPool2d, AvgPool2d, BatchNorm1d, BatchNorm2d, Conv1d, Conv2d,
                                    ConvTranspose2d, MaxPool2d)
from reference_impl.nn.layers import (ELU, GELU, Dropout, Embedding, Flatten, Identity, LeakyReLU, Linear,
                                      LogSoftmax, ReLU, Sigmoid, SiLU, Softmax, Softplus, Tanh, Unflatten)
from reference_impl.nn.losses import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss,
                                      NLLLoss, SmoothL1Loss)
from reference_impl.nn.module import Module
from reference_impl.nn.parameter import Buffer, Parameter
from reference_impl.nn.rnn import GRU, LSTM, RNN
from reference_impl.nn import utils
from reference_impl.nn.extra import (Bilinear, ChannelShuffle, ConstantPad1d, ConstantPad2d, CosineSimilarity,
                                     DataParallel, Dropout2d, GroupNorm, LayerNorm, LazyLinear, PairwiseDistance,
                                     PixelShuffle, ReflectionPad1d, ReflectionPad2d, ReplicationPad2d, Upsample,
                                     ZeroPad1d, ZeroPad2d)
from reference_impl.nn import modules, parallel

__all__ = ["AdaptiveAvgPool2d", "AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d", "Buffer",
           "Conv1d", "Conv2d", "ConvTranspose2d", "CrossEntropyLoss", "Dropout", "ELU", "Embedding", "Flatten",
           "GELU", "GRU", "HuberLoss", "Identity", "L1Loss", "LSTM", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss",
           "MaxPool2d", "Module", "ModuleDict", "ModuleList", "NLLLoss", "Parameter", "ParameterList", "RNN", "ReLU",
           "Sequential", "SiLU", "Sigmoid", "SmoothL1Loss", "Softmax", "Softplus", "Tanh", "Unflatten", "functional",
           "init", "utils"]
