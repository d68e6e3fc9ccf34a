"""torch.nn: modules, parameters, layers, losses, init and functional.

Mirrors: the torch.nn namespace.
"""

from __future__ import annotations

from reference_impl.nn import functional, init, modules, parallel, utils
from reference_impl.nn.container import ModuleDict, ModuleList, ParameterList, Sequential
from reference_impl.nn.conv import (
                                    AdaptiveAvgPool2d,
                                    AvgPool2d,
                                    BatchNorm1d,
                                    BatchNorm2d,
                                    Conv1d,
                                    Conv2d,
                                    Conv3d,
                                    ConvTranspose1d,
                                    ConvTranspose2d,
                                    ConvTranspose3d,
                                    MaxPool2d,
)
from reference_impl.nn.extra import (
                                    Bilinear,
                                    ChannelShuffle,
                                    ConstantPad1d,
                                    ConstantPad2d,
                                    CosineSimilarity,
                                    DataParallel,
                                    Dropout2d,
                                    GroupNorm,
                                    LayerNorm,
                                    LazyLinear,
                                    PairwiseDistance,
                                    PixelShuffle,
                                    ReflectionPad1d,
                                    ReflectionPad2d,
                                    ReplicationPad2d,
                                    Upsample,
                                    ZeroPad1d,
                                    ZeroPad2d,
)
from reference_impl.nn.layers import (
                                    ELU,
                                    GELU,
                                    Dropout,
                                    Embedding,
                                    Flatten,
                                    Identity,
                                    LeakyReLU,
                                    Linear,
                                    LogSoftmax,
                                    ReLU,
                                    Sigmoid,
                                    SiLU,
                                    Softmax,
                                    Softplus,
                                    Tanh,
                                    Unflatten,
)
from reference_impl.nn.losses import (
                                    BCELoss,
                                    BCEWithLogitsLoss,
                                    CrossEntropyLoss,
                                    HuberLoss,
                                    L1Loss,
                                    MSELoss,
                                    NLLLoss,
                                    SmoothL1Loss,
)
from reference_impl.nn.module import Module
from reference_impl.nn.parameter import Buffer, Parameter
from reference_impl.nn.rnn import GRU, LSTM, RNN
from reference_impl.nn.sparse import EmbeddingBag
from reference_impl.nn.transformer import (
                                    MultiheadAttention,
                                    Transformer,
                                    TransformerDecoder,
                                    TransformerDecoderLayer,
                                    TransformerEncoder,
                                    TransformerEncoderLayer,
)

__all__ = ["AdaptiveAvgPool2d", "AvgPool2d", "BCELoss", "BCEWithLogitsLoss", "BatchNorm1d", "BatchNorm2d", "Bilinear",
           "Buffer", "ChannelShuffle", "ConstantPad1d", "ConstantPad2d", "Conv1d", "Conv2d", "Conv3d",
           "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "CosineSimilarity", "CrossEntropyLoss",
           "DataParallel", "Dropout", "Dropout2d", "ELU", "Embedding", "EmbeddingBag", "Flatten", "GELU", "GRU",
           "GroupNorm", "HuberLoss", "Identity", "L1Loss", "LSTM", "LayerNorm", "LazyLinear", "LeakyReLU", "Linear",
           "LogSoftmax", "MSELoss", "MaxPool2d", "Module", "ModuleDict", "ModuleList", "MultiheadAttention", "NLLLoss",
           "PairwiseDistance", "Parameter", "ParameterList", "PixelShuffle", "RNN", "ReLU", "ReflectionPad1d",
           "ReflectionPad2d", "ReplicationPad2d", "Sequential", "SiLU", "Sigmoid", "SmoothL1Loss", "Softmax",
           "Softplus", "Tanh", "Transformer", "TransformerDecoder", "TransformerDecoderLayer", "TransformerEncoder",
           "TransformerEncoderLayer", "Unflatten", "Upsample", "ZeroPad1d", "ZeroPad2d", "container", "conv", "extra",
           "functional", "init", "layers", "losses", "module", "modules", "parallel", "parameter", "rnn", "sparse",
           "transformer", "utils"]
