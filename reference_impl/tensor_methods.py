"""Tensor methods and operators: one-line delegations to :mod:`reference_impl.ops`.

Mirrors: the method spellings of torch.Tensor (``x.sum(dim=1)``, ``x @ y``,
``x.add_(y)``...).  The maths lives in ``ops``; this mixin only routes.
In-place methods mirror torch's refusal to modify, under grad mode, a leaf
that requires grad.
"""

from __future__ import annotations

from typing import Any

ops: Any = None  # bound by reference_impl.tensor once Tensor exists (ops builds Tensors)


class TensorMethods:
    """The routing half of :class:`reference_impl.tensor.Tensor`."""

    # -- arithmetic operators --------------------------------------------------------------
    def __add__(self, o: Any) -> Any: return ops.add(self, o)
    def __radd__(self, o: Any) -> Any: return ops.add(self, o)
    def __sub__(self, o: Any) -> Any: return ops.sub(self, o)
    def __rsub__(self, o: Any) -> Any: return ops.rsub(self, o)
    def __mul__(self, o: Any) -> Any: return ops.mul(self, o)
    def __rmul__(self, o: Any) -> Any: return ops.mul(self, o)
    def __truediv__(self, o: Any) -> Any: return ops.div(self, o)
    def __rtruediv__(self, o: Any) -> Any: return ops.mul(ops.reciprocal(self), o)
    def __floordiv__(self, o: Any) -> Any: return ops.floor_divide(self, o)
    def __mod__(self, o: Any) -> Any: return ops.remainder(self, o)
    def __pow__(self, o: Any) -> Any: return ops.pow(self, o)
    def __rpow__(self, o: Any) -> Any: return ops.pow(o, self)
    def __matmul__(self, o: Any) -> Any: return ops.matmul(self, o)
    def __rmatmul__(self, o: Any) -> Any: return ops.matmul(o, self)
    def __neg__(self) -> Any: return ops.neg(self)
    def __pos__(self) -> Any: return self
    def __abs__(self) -> Any: return ops.abs(self)
    def __invert__(self) -> Any: return ops.logical_not(self)
    def __and__(self, o: Any) -> Any: return ops.logical_and(self, o)
    def __or__(self, o: Any) -> Any: return ops.logical_or(self, o)
    def __xor__(self, o: Any) -> Any: return ops.logical_xor(self, o)
    def __eq__(self, o: Any) -> Any: return ops.eq(self, o)  # type: ignore[override]
    def __ne__(self, o: Any) -> Any: return ops.ne(self, o)  # type: ignore[override]
    def __lt__(self, o: Any) -> Any: return ops.lt(self, o)
    def __le__(self, o: Any) -> Any: return ops.le(self, o)
    def __gt__(self, o: Any) -> Any: return ops.gt(self, o)
    def __ge__(self, o: Any) -> Any: return ops.ge(self, o)
    def __getitem__(self, key: Any) -> Any: return ops.getitem(self, key)
    def __setitem__(self, key: Any, value: Any) -> None: ops.setitem(self, key, value)
    def __iadd__(self, o: Any) -> Any: return self.add_(o)
    def __isub__(self, o: Any) -> Any: return self.sub_(o)
    def __imul__(self, o: Any) -> Any: return self.mul_(o)
    def __itruediv__(self, o: Any) -> Any: return self.div_(o)

    # -- pointwise -------------------------------------------------------------------------
    def add(self, o: Any, *, alpha: Any = 1) -> Any: return ops.add(self, o, alpha=alpha)
    def sub(self, o: Any, *, alpha: Any = 1) -> Any: return ops.sub(self, o, alpha=alpha)
    def mul(self, o: Any) -> Any: return ops.mul(self, o)
    def div(self, o: Any, *, rounding_mode: Any = None) -> Any: return ops.div(self, o, rounding_mode=rounding_mode)
    def pow(self, o: Any) -> Any: return ops.pow(self, o)
    def neg(self) -> Any: return ops.neg(self)
    def exp(self) -> Any: return ops.exp(self)
    def log(self) -> Any: return ops.log(self)
    def sqrt(self) -> Any: return ops.sqrt(self)
    def rsqrt(self) -> Any: return ops.reciprocal(ops.sqrt(self))
    def reciprocal(self) -> Any: return ops.reciprocal(self)
    def abs(self) -> Any: return ops.abs(self)
    def sin(self) -> Any: return ops.sin(self)
    def cos(self) -> Any: return ops.cos(self)
    def square(self) -> Any: return ops.mul(self, self)
    def sign(self) -> Any: return ops.sign(self)
    def floor(self) -> Any: return ops.floor(self)
    def ceil(self) -> Any: return ops.ceil(self)
    def round(self) -> Any: return ops.round(self)
    def sigmoid(self) -> Any: return ops.sigmoid(self)
    def tanh(self) -> Any: return ops.tanh(self)
    def relu(self) -> Any: return ops.relu(self)
    def clamp(self, min: Any = None, max: Any = None) -> Any: return ops.clamp(self, min, max)
    clip = clamp
    def maximum(self, o: Any) -> Any: return ops.maximum(self, o)
    def minimum(self, o: Any) -> Any: return ops.minimum(self, o)
    def eq(self, o: Any) -> Any: return ops.eq(self, o)
    def ne(self, o: Any) -> Any: return ops.ne(self, o)
    def lt(self, o: Any) -> Any: return ops.lt(self, o)
    def le(self, o: Any) -> Any: return ops.le(self, o)
    def gt(self, o: Any) -> Any: return ops.gt(self, o)
    def ge(self, o: Any) -> Any: return ops.ge(self, o)
    def equal(self, o: Any) -> bool: return ops.equal(self, o)
    def allclose(self, o: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
        return ops.allclose(self, o, rtol, atol, equal_nan)
    def isnan(self) -> Any: return ops.isnan(self)
    def isfinite(self) -> Any: return ops.isfinite(self)
    def logical_not(self) -> Any: return ops.logical_not(self)
    def where(self, condition: Any, other: Any) -> Any: return ops.where(condition, self, other)
    def masked_fill(self, mask: Any, value: Any) -> Any: return ops.masked_fill(self, mask, value)
    def lerp(self, end: Any, weight: Any) -> Any: return ops.add(self, ops.mul(ops.sub(end, self), weight))

    # -- reductions ------------------------------------------------------------------------
    def sum(self, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
        return ops.sum(self, dim, keepdim, dtype=dtype)
    def mean(self, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Any:
        return ops.mean(self, dim, keepdim, dtype=dtype)
    def max(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.max(self, dim, keepdim)
    def min(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.min(self, dim, keepdim)
    def amax(self, dim: Any = (), keepdim: bool = False) -> Any: return ops.amax(self, dim, keepdim)
    def amin(self, dim: Any = (), keepdim: bool = False) -> Any: return ops.amin(self, dim, keepdim)
    def argmax(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.argmax(self, dim, keepdim)
    def argmin(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.argmin(self, dim, keepdim)
    def prod(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.prod(self, dim, keepdim)
    def var(self, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Any:
        return ops.var(self, dim, unbiased, keepdim, correction=correction)
    def std(self, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Any:
        return ops.std(self, dim, unbiased, keepdim, correction=correction)
    def norm(self, p: Any = "fro", dim: Any = None, keepdim: bool = False) -> Any:
        return ops.norm(self, p, dim, keepdim)
    def all(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.all(self, dim, keepdim)
    def any(self, dim: Any = None, keepdim: bool = False) -> Any: return ops.any(self, dim, keepdim)
    def logsumexp(self, dim: Any, keepdim: bool = False) -> Any: return ops.logsumexp(self, dim, keepdim)
    def softmax(self, dim: int, dtype: Any = None) -> Any: return ops.softmax(self, dim)
    def log_softmax(self, dim: int, dtype: Any = None) -> Any: return ops.log_softmax(self, dim)
    def cumsum(self, dim: int) -> Any: return ops.cumsum(self, dim)

    # -- linear algebra --------------------------------------------------------------------
    def matmul(self, o: Any) -> Any: return ops.matmul(self, o)
    def mm(self, o: Any) -> Any: return ops.mm(self, o)
    def bmm(self, o: Any) -> Any: return ops.bmm(self, o)
    def dot(self, o: Any) -> Any: return ops.dot(self, o)
    def mv(self, o: Any) -> Any: return ops.mv(self, o)

    # -- shape -----------------------------------------------------------------------------
    def view(self, *shape: Any) -> Any:
        if len(shape) == 1 and hasattr(shape[0], "is_floating_point"):
            return ops.to(self, dtype=shape[0])
        return ops.view(self, shape)
    def view_as(self, o: Any) -> Any: return ops.view(self, o.shape)
    def reshape(self, *shape: Any) -> Any: return ops.reshape(self, shape)
    def reshape_as(self, o: Any) -> Any: return ops.reshape(self, o.shape)
    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> Any: return ops.flatten(self, start_dim, end_dim)
    def unflatten(self, dim: int, sizes: Any) -> Any: return ops.unflatten(self, dim, sizes)
    def squeeze(self, dim: Any = None) -> Any: return ops.squeeze(self, dim)
    def unsqueeze(self, dim: int) -> Any: return ops.unsqueeze(self, dim)
    def permute(self, *dims: Any) -> Any: return ops.permute(self, dims)
    def transpose(self, d0: int, d1: int) -> Any: return ops.transpose(self, d0, d1)
    def swapaxes(self, d0: int, d1: int) -> Any: return ops.transpose(self, d0, d1)
    def t(self) -> Any: return ops.t(self)
    @property
    def T(self) -> Any: return ops.permute(self, tuple(range(self.dim() - 1, -1, -1)))  # type: ignore[attr-defined]
    @property
    def mT(self) -> Any: return ops.transpose(self, -2, -1)
    def expand(self, *sizes: Any) -> Any: return ops.expand(self, sizes)
    def expand_as(self, o: Any) -> Any: return ops.expand(self, o.shape)
    def repeat(self, *sizes: Any) -> Any: return ops.repeat(self, sizes)
    def contiguous(self, memory_format: Any = None) -> Any: return ops.contiguous(self)
    def clone(self, *, memory_format: Any = None) -> Any: return ops.clone(self)
    def split(self, size: Any, dim: int = 0) -> Any: return ops.split(self, size, dim)
    def chunk(self, chunks: int, dim: int = 0) -> Any: return ops.chunk(self, chunks, dim)
    def unbind(self, dim: int = 0) -> Any: return ops.unbind(self, dim)
    def index_select(self, dim: int, index: Any) -> Any: return ops.index_select(self, dim, index)
    def gather(self, dim: int, index: Any) -> Any: return ops.gather(self, dim, index)
    def flip(self, dims: Any) -> Any: return ops.flip(self, dims)
    def nonzero(self) -> Any: return ops.nonzero(self)

    # -- dtype and device ------------------------------------------------------------------
    def to(self, *args: Any, **kwargs: Any) -> Any: return ops.to(self, *args, **kwargs)
    def cpu(self) -> Any: return ops.to(self, "cpu")
    def cuda(self, device: Any = None) -> Any: return ops.to(self, "cuda")
    def float(self) -> Any: return ops.to(self, dtype=ops.float32)
    def double(self) -> Any: return ops.to(self, dtype=ops.float64)
    def long(self) -> Any: return ops.to(self, dtype=ops.int64)
    def int(self) -> Any: return ops.to(self, dtype=ops.int32)
    def bool(self) -> Any: return ops.to(self, dtype=ops.bool_)
    def char(self) -> Any: return ops.to(self, dtype=ops.int8)
    def type_as(self, o: Any) -> Any: return ops.to(self, dtype=o.dtype)
    def new_tensor(self, data: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Any:
        return ops.new_like(self, "tensor", data, dtype, device, requires_grad)
    def new_zeros(self, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Any:
        return ops.new_like(self, "zeros", size, dtype, device, requires_grad)
    def new_ones(self, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Any:
        return ops.new_like(self, "ones", size, dtype, device, requires_grad)
    def new_empty(self, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Any:
        return ops.new_like(self, "zeros", size, dtype, device, requires_grad)
    def new_full(self, size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
        return ops.new_like(self, "full", (size, fill_value), dtype, device, False)

    # -- in place --------------------------------------------------------------------------
    def add_(self, o: Any, *, alpha: Any = 1) -> Any: return ops.inplace(self, ops.add, o, alpha=alpha)
    def sub_(self, o: Any, *, alpha: Any = 1) -> Any: return ops.inplace(self, ops.sub, o, alpha=alpha)
    def mul_(self, o: Any) -> Any: return ops.inplace(self, ops.mul, o)
    def div_(self, o: Any) -> Any: return ops.inplace(self, ops.div, o)
    def pow_(self, o: Any) -> Any: return ops.inplace(self, ops.pow, o)
    def neg_(self) -> Any: return ops.inplace(self, ops.neg)
    def exp_(self) -> Any: return ops.inplace(self, ops.exp)
    def sqrt_(self) -> Any: return ops.inplace(self, ops.sqrt)
    def relu_(self) -> Any: return ops.inplace(self, ops.relu)
    def clamp_(self, min: Any = None, max: Any = None) -> Any: return ops.inplace(self, ops.clamp, min, max)
    def sigmoid_(self) -> Any: return ops.inplace(self, ops.sigmoid)
    def tanh_(self) -> Any: return ops.inplace(self, ops.tanh)
    def masked_fill_(self, mask: Any, value: Any) -> Any: return ops.inplace(self, ops.masked_fill, mask, value)
    def addcmul_(self, t1: Any, t2: Any, value: Any = 1) -> Any:
        return ops.inplace(self, ops.add, ops.mul(ops.mul(t1, t2), value))
    def addcdiv_(self, t1: Any, t2: Any, value: Any = 1) -> Any:
        return ops.inplace(self, ops.add, ops.mul(ops.div(t1, t2), value))
    def lerp_(self, end: Any, weight: Any) -> Any:
        return ops.inplace(self, ops.add, ops.mul(ops.sub(end, self), weight))
    def copy_(self, src: Any, non_blocking: bool = False) -> Any: return ops.copy_(self, src)
    def zero_(self) -> Any: return ops.fill_(self, 0)
    def fill_(self, value: Any) -> Any: return ops.fill_(self, value)
    def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator: Any = None) -> Any:
        return ops.random_fill_(self, "uniform", a, b, generator)
    def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator: Any = None) -> Any:
        return ops.random_fill_(self, "normal", mean, std, generator)
    def bernoulli_(self, p: float = 0.5, *, generator: Any = None) -> Any:
        return ops.random_fill_(self, "bernoulli", p, 0.0, generator)
    def random_(self, low: int = 0, high: Any = None, *, generator: Any = None) -> Any:
        return ops.random_fill_(self, "integers", low, high, generator)
    def unsqueeze_(self, dim: int) -> Any: return ops.reshape_(self, ops.unsqueeze(self.detach(), dim).shape)
    def squeeze_(self, dim: Any = None) -> Any: return ops.reshape_(self, ops.squeeze(self.detach(), dim).shape)
    def resize_(self, *size: Any) -> Any: return ops.resize_(self, size)
