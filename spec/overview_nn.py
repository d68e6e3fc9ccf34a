"""The notes document's catalogue of torch.nn, and its untestable front matter.

The catalogue is a list of links to sections of the torch.nn documentation;
its testable kernel is that each category has its members in torch.nn and
that the ones with a behaviour of their own (lazy modules, gradient clipping,
quantisation) do what the section says.
"""

from __future__ import annotations

import warnings

import numpy as np

from spec import expect
from spec._claim import claim, untestable
from spec.seeds import NOTES

# Category of the torch.nn docs -> representative members of torch.nn (all nn.Module subclasses).
CATEGORIES = {
    "Containers": ("Sequential", "ModuleList", "ModuleDict"),
    "Convolution Layers": ("Conv1d", "Conv2d", "ConvTranspose2d"),
    "Pooling layers": ("MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d"),
    "Padding Layers": ("ZeroPad2d", "ReflectionPad2d", "ConstantPad1d"),
    "Non-linear Activations (weighted sum, nonlinearity)": ("ReLU", "Sigmoid", "Tanh", "LeakyReLU"),
    "Non-linear Activations (other)": ("Softmax", "LogSoftmax"),
    "Normalization Layers": ("BatchNorm2d", "LayerNorm", "GroupNorm"),
    "Recurrent Layers": ("RNN", "LSTM", "GRU"),
    "Transformer Layers": ("Transformer", "TransformerEncoderLayer"),
    "Linear Layers": ("Identity", "Linear", "Bilinear"),
    "Dropout Layers": ("Dropout", "Dropout2d"),
    "Sparse Layers": ("Embedding", "EmbeddingBag"),
    "Distance Functions": ("PairwiseDistance", "CosineSimilarity"),
    "Loss Functions": ("CrossEntropyLoss", "MSELoss", "NLLLoss", "L1Loss"),
    "Vision Layers": ("PixelShuffle", "Upsample"),
    "Shuffle Layers": ("ChannelShuffle",),
}


@claim(
    id="overview.nn-catalogue.layer-categories",
    seed=NOTES, lines=(108, 124),
    quote="torch.nn 包含了很多模块：",
    statement="torch.nn holds modules of every listed category, from containers and convolutions to "
    "losses, vision and shuffle layers; each is an nn.Module subclass.",
)
def every_listed_category_has_its_modules(t, device):
    for category, names in CATEGORIES.items():
        for name in names:
            cls = getattr(t.nn, name, None)
            expect.true(f"nn.{name} ({category}) to be an nn.Module subclass",
                        isinstance(cls, type) and issubclass(cls, t.nn.Module))


@claim(
    id="overview.nn-catalogue.data-parallel",
    seed=NOTES, lines=(125, 125),
    quote="DataParallel Layers (multi-GPU, distributed)",
    statement="nn.DataParallel and nn.parallel.DistributedDataParallel are modules; DataParallel wraps the "
    "module it is given as .module.",
)
def data_parallel_wraps_a_module(t, device):
    for cls in (t.nn.DataParallel, t.nn.parallel.DistributedDataParallel):
        expect.true(f"{cls.__name__} to be an nn.Module subclass", issubclass(cls, t.nn.Module))
    inner = t.nn.Linear(2, 1)
    expect.true("DataParallel(m).module is m", t.nn.DataParallel(inner).module is inner)


@claim(
    id="overview.nn-catalogue.utilities-clip-grad-norm",
    seed=NOTES, lines=(126, 126),
    quote="[Utilities](https://pytorch.org/docs/stable/nn.html#module-torch.nn.utils)",
    statement="torch.nn.utils has the training utilities, e.g. clip_grad_norm_(params, max_norm) returns "
    "the total gradient norm and rescales the gradients to norm max_norm.",
)
def clip_grad_norm_rescales_gradients(t, device):
    params = [t.nn.Parameter(t.ones(2, device=device)), t.nn.Parameter(t.ones(3, device=device))]
    params[0].grad = t.tensor([3.0, 4.0], device=device)
    params[1].grad = t.tensor([0.0, 0.0, 12.0], device=device)
    total = t.nn.utils.clip_grad_norm_(params, max_norm=1.0)
    expect.close("clip_grad_norm_(params, 1.0)", total, np.float32(13.0))
    expect.close("grads after clipping", t.cat([p.grad for p in params]),
                 np.array([3, 4, 0, 0, 12], np.float32) / 13, atol=1e-6)


@claim(
    id="overview.nn-catalogue.quantized-functions",
    seed=NOTES, lines=(127, 127),
    quote="[Quantized Functions](https://pytorch.org/docs/stable/nn.html#quantized-functions)",
    statement="Quantized functions exist (torch.nn.quantized.functional) and tensors quantize per tensor "
    "affinely: q = round(x / scale) + zero_point, dequantized as (q - zero_point) * scale.",
)
def quantized_functions_quantize_affinely(t, device):
    """torch 2.13 warns that quint8 tensor creation is deprecated; it still works as documented."""
    expect.true("torch.nn.quantized.functional.linear to exist", callable(t.nn.quantized.functional.linear))
    x = t.tensor([-1.0, 0.0, 0.26, 1.0, 3.0], device=device)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        q = t.quantize_per_tensor(x, 0.1, 10, t.quint8)
    expect.close("q.int_repr()", q.int_repr(), np.array([0, 10, 13, 20, 40], np.uint8), check_dtype=True)
    expect.close("q.dequantize()", q.dequantize(), np.array([-1.0, 0.0, 0.3, 1.0, 3.0], np.float32))


@claim(
    id="overview.nn-catalogue.lazy-modules",
    seed=NOTES, lines=(128, 128),
    quote="[Lazy Modules Initialization](https://pytorch.org/docs/stable/nn.html#lazy-modules-initialization)",
    statement="Lazy modules infer their input size at the first call: nn.LazyLinear(3) applied to (2, 5) "
    "inputs gets a (3, 5) weight.",
)
def lazy_linear_infers_in_features(t, device):
    layer = t.nn.LazyLinear(3).to(device)
    out = layer(t.ones(2, 5, device=device))
    expect.equal("LazyLinear(3)(ones(2, 5)).shape", tuple(out.shape), (2, 3))
    expect.equal("layer.weight.shape after the first call", tuple(layer.weight.shape), (3, 5))


@claim(
    id="overview.nn-catalogue.aliases",
    seed=NOTES, lines=(129, 129),
    quote="[Aliases](https://pytorch.org/docs/stable/nn.html#aliases)",
    statement="The classes under torch.nn.modules.* are aliases of their torch.nn counterparts.",
)
def nn_modules_are_aliases(t, device):
    modules = t.nn.modules
    for alias, name in ((modules.linear.Linear, "Linear"), (modules.conv.Conv2d, "Conv2d"),
                        (modules.normalization.LayerNorm, "LayerNorm"), (modules.loss.MSELoss, "MSELoss")):
        expect.true(f"torch.nn.modules ... {name} is torch.nn.{name}", alias is getattr(t.nn, name))


untestable(
    id="overview.nn-catalogue.documentation-links",
    seed=NOTES, lines=(109, 129),
    quote="[Containers](https://pytorch.org/docs/stable/nn.html#containers)",
    statement="Each category links to its section of the torch.nn documentation.",
    reason="Links to web pages; their content is not part of the document and no backend call decides it.",
)
untestable(
    id="overview.notes.empty-section-headings",
    seed=NOTES, lines=(241, 300),
    quote="#### 归一化层 Normalization Layers",
    statement="Headings for Normalization, Recurrent, Transformer, Linear, Dropout, Sparse, Distance, Loss, "
    "Vision, Shuffle, DataParallelism, Utilities, Quantized, Lazy layers and optimizers, with no text.",
    reason="Empty headings state nothing; the categories they name are checked by overview.nn-catalogue.*.",
)
untestable(
    id="overview.notes.front-matter",
    seed=NOTES, lines=(1, 11),
    quote="title: PyTorch",
    statement="Blog front matter: title PyTorch, tags AI, category Java, author bsyonline, date 2018-05-31.",
    reason="Metadata of the blog post, not a statement about PyTorch.",
)
untestable(
    id="overview.notes.most-widely-used",
    seed=NOTES, lines=(15, 15),
    quote="是目前使用最广泛的深度学习训练框架",
    statement="PyTorch is an open-source ML library used in vision and NLP, the most widely used training framework.",
    reason="A claim about adoption, not about the library's behaviour.",
)
untestable(
    id="overview.notes.install-with-conda",
    seed=NOTES, lines=(17, 25),
    quote="conda install pytorch torchvision torchaudio pytorch-cuda=12.1 -c pytorch -c nvidia",
    statement="Install PyTorch by picking a version on pytorch.org and running the conda command shown.",
    reason="Installation happens outside the library (and PyTorch stopped publishing to its conda "
    "channel after 2.5, pytorch/pytorch#138506: the command no longer installs current releases).",
)
