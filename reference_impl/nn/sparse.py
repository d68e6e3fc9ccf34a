"""EmbeddingBag: sums, means or maxima of bags of embeddings, without the intermediate rows.

Mirrors: torch.nn.EmbeddingBag (weights N(0, 1); mode "mean" by default;
bags are the rows of a 2-d input or the slices of a 1-d input starting at
``offsets``; an empty bag gives zeros; ``padding_idx`` entries are left out
of every bag and of the mean's count; ``per_sample_weights`` only with
mode "sum") and torch.nn.functional.embedding_bag, composed of indexing and
reductions so that autograd needs nothing of its own.
"""

from __future__ import annotations

from typing import Any

from reference_impl import creation
from reference_impl.grad_mode import no_grad
from reference_impl.nn import init
from reference_impl.nn.module import Module
from reference_impl.nn.parameter import Parameter
from reference_impl.ops.shape import stack
from reference_impl.tensor import Tensor


def _bags(input: Tensor, offsets: Any, include_last_offset: bool) -> list[list[int]]:
    """The positions of each bag, in order (mirrors the input/offsets checks of F.embedding_bag)."""
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of "
                             "fixed length sequences. However, found offsets of type Tensor")
        n, m = input.shape
        return [list(range(i * m, (i + 1) * m)) for i in range(n)]
    if input.dim() != 1:
        raise ValueError(f"input has to be 1D or 2D Tensor, but got Tensor of dimension {input.dim()}")
    if offsets is None:
        raise ValueError("offsets has to be a 1D Tensor but got None")
    if offsets.dim() != 1:
        raise ValueError("offsets has to be a 1D Tensor")
    starts = [int(v) for v in offsets.tolist()]
    ends = starts[1:] if include_last_offset else starts[1:] + [input.numel()]
    if include_last_offset:
        starts = starts[:-1]
    return [list(range(s, e)) for s, e in zip(starts, ends, strict=True)]


def embedding_bag(input: Tensor, weight: Tensor, offsets: Any = None, max_norm: Any = None, norm_type: float = 2,
                  scale_grad_by_freq: bool = False, mode: str = "mean", sparse: bool = False,
                  per_sample_weights: Any = None, include_last_offset: bool = False,
                  padding_idx: Any = None) -> Tensor:
    """Mirrors: F.embedding_bag (max_norm, scale_grad_by_freq and sparse are not modelled)."""
    if mode not in ("sum", "mean", "max"):
        raise ValueError(f"mode has to be one of sum, mean or max, but got {mode}")
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError("embedding_bag: per_sample_weights was not None. per_sample_weights is only "
                                  f"supported for mode='sum' (got mode='{mode}'). Please open a feature request "
                                  "on GitHub.")
    if padding_idx is not None and padding_idx < 0:
        padding_idx += weight.shape[0]
    flat_idx = input.reshape(-1)
    indices = [int(v) for v in flat_idx.tolist()]
    flat_w = per_sample_weights.reshape(-1) if per_sample_weights is not None else None
    rows = []
    for positions in _bags(input, offsets, include_last_offset):
        keep = [p for p in positions if indices[p] != padding_idx]
        if not keep:
            rows.append(creation.zeros(weight.shape[1], dtype=weight.dtype, device=weight.device))
            continue
        where = creation.tensor(keep, device=weight.device)
        vectors = weight[flat_idx[where]]
        if flat_w is not None:
            vectors = vectors * flat_w[where].unsqueeze(1)
        rows.append(vectors.sum(0) if mode == "sum" else vectors.mean(0) if mode == "mean" else vectors.amax(0))
    if not rows:
        return creation.zeros(0, weight.shape[1], dtype=weight.dtype, device=weight.device)
    return stack(rows)


class EmbeddingBag(Module):
    """Mirrors: nn.EmbeddingBag(num_embeddings, embedding_dim, max_norm=None, norm_type=2.0,
    scale_grad_by_freq=False, mode='mean', sparse=False, _weight=None, include_last_offset=False,
    padding_idx=None, device=None, dtype=None)."""

    def __init__(self, num_embeddings: int, embedding_dim: int, max_norm: Any = None, norm_type: float = 2.0,
                 scale_grad_by_freq: bool = False, mode: str = "mean", sparse: bool = False, _weight: Any = None,
                 include_last_offset: bool = False, padding_idx: Any = None, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        if padding_idx is not None:
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise AssertionError("padding_idx must be within num_embeddings")
            padding_idx = padding_idx + num_embeddings if padding_idx < 0 else padding_idx
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.max_norm, self.norm_type, self.scale_grad_by_freq = max_norm, norm_type, scale_grad_by_freq
        self.mode, self.sparse, self.include_last_offset = mode, sparse, include_last_offset
        self.padding_idx = padding_idx
        if _weight is None:
            self.weight = Parameter(creation.empty(num_embeddings, embedding_dim, device=device, dtype=dtype))
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise AssertionError("Shape of weight does not match num_embeddings and embedding_dim")
            self.weight = Parameter(_weight)

    def reset_parameters(self) -> None:
        init.normal_(self.weight)
        if self.padding_idx is not None:
            with no_grad():
                self.weight[self.padding_idx] = 0.0

    def forward(self, input: Tensor, offsets: Any = None, per_sample_weights: Any = None) -> Tensor:
        return embedding_bag(input, self.weight, offsets, self.max_norm, self.norm_type, self.scale_grad_by_freq,
                             self.mode, self.sparse, per_sample_weights, self.include_last_offset, self.padding_idx)

    def extra_repr(self) -> str:
        s = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.max_norm is not None:
            s += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            s += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq is not False:
            s += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        s += f", mode={self.mode!r}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        return s
