"""Tensor reprs in torch's print format.

Mirrors: torch/_tensor_str.py with the default print options (precision 4,
threshold 1000, edgeitems 3, linewidth 80): one width for every element,
integer-valued floats printed as ``1.``, scientific notation when the
magnitudes span more than 1000x or leave [1e-4, 1e8], summarised with ``...``
above the threshold, and the dtype / device / grad suffixes.
"""

from __future__ import annotations

import math
from typing import Any

from reference_impl import _dtype as dt

PRECISION = 4
THRESHOLD = 1000
EDGEITEMS = 3
LINEWIDTH = 80


class _Formatter:
    """Chooses one format and width for all values printed (torch's _Formatter)."""

    def __init__(self, values: list[Any], floating: bool) -> None:
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        if not floating:
            for v in values:
                self.max_width = max(self.max_width, len(str(v)))
            return
        finite = [v for v in values if math.isfinite(v) and v != 0]
        if not finite:
            return
        mags = [abs(v) for v in finite]
        lo, hi = min(mags), max(mags)
        self.int_mode = all(v == math.ceil(v) for v in finite)
        self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        for v in finite:
            if self.sci_mode:
                text = f"{v:.{PRECISION}e}"
            elif self.int_mode:
                text = f"{v:.0f}."
            else:
                text = f"{v:.{PRECISION}f}"
            self.max_width = max(self.max_width, len(text))

    def format(self, v: Any) -> str:
        if self.floating:
            if self.sci_mode:
                text = f"{v:{self.max_width}.{PRECISION}e}"
            elif self.int_mode:
                text = f"{v:.0f}"
                if not (math.isinf(v) or math.isnan(v)):
                    text += "."
            else:
                text = f"{v:.{PRECISION}f}"
        else:
            text = str(v)
        return " " * (self.max_width - len(text)) + text


def _nested(flat: list[Any], shape: tuple[int, ...]) -> Any:
    for side in reversed(shape[1:]):
        flat = [flat[i:i + side] for i in range(0, len(flat), side)]
    return flat


def _summarized_values(data: Any, shape: tuple[int, ...], summarize: bool) -> list[Any]:
    if not shape:
        return [data]
    if not summarize or shape[0] <= 2 * EDGEITEMS:
        items = data
    else:
        items = data[:EDGEITEMS] + data[-EDGEITEMS:]
    if len(shape) == 1:
        return list(items)
    return [v for item in items for v in _summarized_values(item, shape[1:], summarize)]


def _vector(data: list[Any], indent: int, summarize: bool, fmt: _Formatter) -> str:
    per_line = max(1, math.floor((LINEWIDTH - indent) / (fmt.max_width + 2)))
    if summarize and len(data) > 2 * EDGEITEMS:
        items = [fmt.format(v) for v in data[:EDGEITEMS]] + [" ..."] + [fmt.format(v) for v in data[-EDGEITEMS:]]
    else:
        items = [fmt.format(v) for v in data]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_body(data: Any, shape: tuple[int, ...], indent: int, summarize: bool, fmt: _Formatter) -> str:
    if not shape:
        return fmt.format(data)
    if len(shape) == 1:
        return _vector(data, indent, summarize, fmt)
    if summarize and shape[0] > 2 * EDGEITEMS:
        parts = ([_tensor_body(s, shape[1:], indent + 1, summarize, fmt) for s in data[:EDGEITEMS]] + ["..."]
                 + [_tensor_body(s, shape[1:], indent + 1, summarize, fmt) for s in data[-EDGEITEMS:]])
    else:
        parts = [_tensor_body(s, shape[1:], indent + 1, summarize, fmt) for s in data]
    return "[" + ("," + "\n" * (len(shape) - 1) + " " * (indent + 1)).join(parts) + "]"


def tensor_str(x: Any, indent: int) -> str:
    """The bracketed values, as torch's _tensor_str."""
    if x.numel() == 0:
        return "[]"
    flat = list(x._flat())
    if x.dtype is dt.bool_:
        flat = [bool(v) for v in flat]
    shape = tuple(x._shape)
    summarize = len(flat) > THRESHOLD
    data = _nested(flat, shape) if shape else flat[0]
    fmt = _Formatter(_summarized_values(data, shape, summarize), x.dtype.is_floating_point)
    return _tensor_body(data, shape, indent, summarize, fmt)


def _add_suffixes(text: str, suffixes: list[str], indent: int) -> str:
    out = [text]
    last_line = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line + len(suffix) + 2 > LINEWIDTH:
            out.append(",\n" + " " * indent + suffix)
            last_line = indent + len(suffix)
        else:
            out.append(", " + suffix)
            last_line += len(suffix) + 2
    out.append(")")
    return "".join(out)


def tensor_repr(x: Any) -> str:
    """Mirrors: torch._tensor_str._str for a strided tensor."""
    prefix = "tensor("
    indent = len(prefix)
    suffixes = []
    if x.device.type != "cpu":
        suffixes.append(f"device='{x.device}'")
    default = x.dtype in (dt.get_default_dtype(), dt.int64, dt.bool_)
    if x.numel() == 0:
        if x.dim() != 1:
            suffixes.append(f"size={tuple(x._shape)}")
        if x.dtype is not dt.get_default_dtype():
            suffixes.append(f"dtype={x.dtype}")
        body = "[]"
    else:
        if not default:
            suffixes.append(f"dtype={x.dtype}")
        body = tensor_str(x, indent)
    if x.grad_fn is not None:
        suffixes.append(f"grad_fn=<{x.grad_fn.name()}>")
    elif x.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
