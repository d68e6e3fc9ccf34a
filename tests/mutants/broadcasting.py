"""Mutants of the broadcasting area: elementwise operators, in-place ops and matmul."""

from __future__ import annotations

from typing import Any

from tests.mutants import Mutant


def _mul_is_add(torch: Any) -> None:
    torch.mul = torch.add


def _add_requires_equal_shapes(torch: Any) -> None:
    add = torch.add

    def no_broadcast(x: Any, y: Any, *a: Any, **k: Any) -> Any:
        if isinstance(y, torch.Tensor) and x.shape != y.shape:
            raise RuntimeError(f"add: shapes {tuple(x.shape)} and {tuple(y.shape)} differ")
        return add(x, y, *a, **k)

    torch.add = no_broadcast


def _add_swallows_shape_errors(torch: Any) -> None:
    add = torch.add

    def forgiving(x: Any, y: Any, *a: Any, **k: Any) -> Any:
        try:
            return add(x, y, *a, **k)
        except RuntimeError:
            return x.clone()

    torch.add = forgiving


def _plus_operator_subtracts(torch: Any) -> None:
    torch.Tensor.__add__ = lambda self, other: torch.sub(self, other)


def _star_is_matmul(torch: Any) -> None:
    mul = torch.Tensor.__mul__
    torch.Tensor.__mul__ = lambda self, other: (
        torch.matmul(self, other) if isinstance(other, torch.Tensor) else mul(self, other))


def _python_float_promotes_to_float64(torch: Any) -> None:
    add = torch.Tensor.__add__
    torch.Tensor.__add__ = lambda self, other: add(self.double() if isinstance(other, float) else self, other)


def _add__returns_new_tensor(torch: Any) -> None:
    torch.Tensor.add_ = lambda self, other, **k: torch.add(self, other, **k)


def _add__swallows_shape_errors(torch: Any) -> None:
    add_ = torch.Tensor.add_

    def forgiving(self: Any, other: Any, **k: Any) -> Any:
        try:
            return add_(self, other, **k)
        except RuntimeError:
            return self

    torch.Tensor.add_ = forgiving


def _matmul_requires_equal_batch_dims(torch: Any) -> None:
    matmul = torch.matmul

    def no_batch_broadcast(x: Any, y: Any) -> Any:
        if x.dim() > 2 or y.dim() > 2:
            if x.shape[:-2] != y.shape[:-2]:
                raise RuntimeError("matmul: batch dims differ")
        return matmul(x, y)

    torch.matmul = no_batch_broadcast


def _matmul_keeps_vector_dims(torch: Any) -> None:
    matmul = torch.matmul
    torch.matmul = lambda x, y: matmul(x.unsqueeze(0) if x.dim() == 1 else x, y.unsqueeze(-1) if y.dim() == 1 else y)


def _matmul_truncates_inner_dim(torch: Any) -> None:
    matmul = torch.matmul

    def truncated(x: Any, y: Any) -> Any:
        inner = min(x.shape[-1], y.shape[0] if y.dim() == 1 else y.shape[-2])
        y = y[:inner] if y.dim() == 1 else y[..., :inner, :]
        return matmul(x[..., :inner], y)

    torch.matmul = truncated


def _matmul_grad_doubled(torch: Any) -> None:
    matmul = torch.matmul

    def doubled(x: Any, y: Any) -> Any:
        out = matmul(x, y)
        return out + (out - out.detach())  # same value, twice the gradient

    torch.matmul = doubled


def _m(name: str, description: str, patch: Any, *kills: str) -> Mutant:
    return Mutant(name=name, description=description, patch=patch, kills=kills)


MUTANTS: list[Mutant] = [
    _m("mul_is_add", "torch.mul computes x + y", _mul_is_add,
       "broadcasting.binary-op.values-match-numpy", "broadcasting.binary-op.grad-summed-to-operand-shape",
       "broadcasting.functional.torch-add-and-mul-equal-operators"),
    _m("add_requires_equal_shapes", "torch.add does not broadcast", _add_requires_equal_shapes,
       "broadcasting.binary-op.shape-is-numpy-broadcast-shape", "broadcasting.binary-op.values-match-numpy"),
    _m("add_swallows_shape_errors", "torch.add of incompatible shapes returns x", _add_swallows_shape_errors,
       "broadcasting.binary-op.incompatible-shapes-raise"),
    _m("plus_operator_subtracts", "x + y computes x - y", _plus_operator_subtracts,
       "broadcasting.elementwise.plus-adds-elementwise", "broadcasting.functional.torch-add-and-mul-equal-operators",
       "broadcasting.scalar.python-number-applies-to-every-element"),
    _m("star_is_matmul", "x * y of two tensors is the matrix product", _star_is_matmul,
       "broadcasting.elementwise.star-multiplies-elementwise"),
    _m("python_float_promotes_to_float64", "x + 0.5 promotes x to float64", _python_float_promotes_to_float64,
       "broadcasting.scalar.python-number-applies-to-every-element"),
    _m("add__returns_new_tensor", "x.add_(y) returns a new tensor and leaves x alone", _add__returns_new_tensor,
       "broadcasting.in-place.broadcasts-into-self"),
    _m("add__swallows_shape_errors", "x.add_(y) that would grow x silently does nothing",
       _add__swallows_shape_errors, "broadcasting.in-place.cannot-grow-self"),
    _m("matmul_requires_equal_batch_dims", "torch.matmul does not broadcast batch dims",
       _matmul_requires_equal_batch_dims, "broadcasting.matmul.batch-dims-broadcast-like-numpy"),
    _m("matmul_keeps_vector_dims", "torch.matmul keeps the dim it adds to a 1-d operand",
       _matmul_keeps_vector_dims, "broadcasting.matmul.vector-operands"),
    _m("matmul_truncates_inner_dim", "torch.matmul truncates mismatched inner dims",
       _matmul_truncates_inner_dim, "broadcasting.matmul.inner-dims-must-match"),
    _m("matmul_grad_doubled", "torch.matmul's gradients are doubled", _matmul_grad_doubled,
       "broadcasting.matmul.grad-summed-to-operand-shape"),
]
