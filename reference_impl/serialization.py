"""save and load: a self-describing file that loading never executes.

Mirrors: torch.save(obj, f) / torch.load(f, map_location=None,
weights_only=True) for the two usages tutorials show (a state dict; a whole
module), to a path or a file object.  The format is not pickle: a magic
line, a JSON description of the object tree, then the raw tensor bytes, with
a CRC32 of both.  Loading accepts only tensors, Parameters, containers,
numbers, strings, dtypes, devices and sizes; a whole Module needs
``weights_only=False`` (as torch >= 2.6) and its class must be a Module
subclass already imported: no module is imported and no code is run because
a file names it.  Saving to a path is atomic (a temporary file renamed over
the target).  A malformed, truncated or corrupt file raises
:class:`SerializationError` (a RuntimeError), a weights-only violation
``pickle.UnpicklingError`` as torch does.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import tempfile
import zlib
from array import array
from collections import OrderedDict
from pickle import UnpicklingError
from typing import Any

from reference_impl import _dtype as dt
from reference_impl.device import canonical, device
from reference_impl.tensor import Size, Tensor

MAGIC = b"REFERENCE_IMPL-SAVE v1\n"


class SerializationError(RuntimeError):
    """The file is not a reference_impl save, or it is truncated or corrupt."""


class _Writer:
    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.size = 0

    def tensor(self, t: Tensor) -> dict[str, Any]:
        data = t.detach().cpu()
        raw = dt.storage(t.dtype, data._flat()).tobytes()
        entry = {"dtype": t.dtype.name, "shape": list(t._shape), "device": str(t.device),
                 "requires_grad": t.requires_grad, "offset": self.size, "nbytes": len(raw)}
        self.blobs.append(raw)
        self.size += len(raw)
        return entry

    def encode(self, obj: Any, memo: dict[int, Any]) -> Any:
        from reference_impl.nn.module import Module
        from reference_impl.nn.parameter import Parameter

        if obj is None or isinstance(obj, (bool, int, float, str)):
            return obj
        if isinstance(obj, Tensor):
            key = id(obj)
            if key not in memo:
                memo[key] = {"param" if isinstance(obj, Parameter) else "tensor": self.tensor(obj), "id": len(memo)}
                if obj.grad is not None and isinstance(obj, Parameter):
                    memo[key]["grad"] = self.tensor(obj.grad)
                return memo[key]
            return {"ref": memo[key]["id"]}
        if isinstance(obj, Size):
            return {"size": list(obj)}
        if isinstance(obj, dt.dtype):
            return {"dtype": obj.name}
        if isinstance(obj, device):
            return {"device": str(obj)}
        if isinstance(obj, OrderedDict):
            return {"odict": [[self.encode(k, memo), self.encode(v, memo)] for k, v in obj.items()]}
        if isinstance(obj, dict):
            return {"dict": [[self.encode(k, memo), self.encode(v, memo)] for k, v in obj.items()]}
        if isinstance(obj, list):
            return {"list": [self.encode(v, memo) for v in obj]}
        if isinstance(obj, tuple) and not hasattr(obj, "_fields"):
            return {"tuple": [self.encode(v, memo) for v in obj]}
        if isinstance(obj, set):
            return {"set": [self.encode(v, memo) for v in obj]}
        if isinstance(obj, Module):
            cls = type(obj)
            state = {k: v for k, v in obj.__dict__.items()}
            return {"module": f"{cls.__module__}:{cls.__qualname__}", "state": self.encode(state, memo)}
        raise TypeError(f"reference_impl.save cannot save objects of type {type(obj).__name__}: only tensors, "
                        "modules, containers, numbers and strings")


def save(obj: Any, f: Any, pickle_module: Any = None, pickle_protocol: int = 2,
         _use_new_zipfile_serialization: bool = True) -> None:
    """Mirrors: torch.save(obj, f): f is a path (written atomically) or a binary file object."""
    writer = _Writer()
    tree = writer.encode(obj, {})
    header = json.dumps({"format": 1, "object": tree, "blob_size": writer.size}).encode()
    blob = b"".join(writer.blobs)
    payload = (MAGIC + struct.pack("<QI", len(header), zlib.crc32(header)) + header
               + struct.pack("<QI", len(blob), zlib.crc32(blob)) + blob)
    if hasattr(f, "write"):
        f.write(payload)
        return
    path = os.fspath(f)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-save-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class _Reader:
    def __init__(self, blob: bytes, map_location: Any, weights_only: bool) -> None:
        self.blob = blob
        self.map_location = map_location
        self.weights_only = weights_only
        self.memo: dict[int, Tensor] = {}

    def _device(self, saved: str) -> device:
        loc = self.map_location
        if loc is None:
            return canonical(saved)
        if isinstance(loc, dict):
            return canonical(loc.get(saved, loc.get(saved.split(":")[0], saved)))
        if callable(loc):
            return canonical(saved)
        return canonical(loc)

    def tensor(self, entry: dict[str, Any]) -> Tensor:
        d = dt.BY_NAME.get(entry["dtype"])
        if d is None:
            raise SerializationError(f"unknown dtype {entry['dtype']!r} in file")
        start, n = entry["offset"], entry["nbytes"]
        if start < 0 or start + n > len(self.blob):
            raise SerializationError("tensor data lies outside the file: the file is truncated or corrupt")
        data = array(d.typecode)
        data.frombytes(self.blob[start:start + n])
        shape = tuple(int(s) for s in entry["shape"])
        if len(data) != _numel(shape):
            raise SerializationError("tensor data does not match its shape: the file is corrupt")
        return Tensor._wrap(data, shape, d, self._device(entry["device"]))

    def decode(self, node: Any) -> Any:
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if not isinstance(node, dict) or len(node) == 0:
            raise SerializationError(f"malformed object description: {str(node)[:60]}")
        if "tensor" in node or "param" in node:
            from reference_impl.nn.parameter import Parameter
            t = self.tensor(node.get("tensor") or node["param"])
            if "param" in node:
                t = Parameter(t, node["param"]["requires_grad"])
                if "grad" in node:
                    t.grad = self.tensor(node["grad"])
            elif node["tensor"]["requires_grad"]:
                t.requires_grad_(True)
            self.memo[node["id"]] = t
            return t
        if "ref" in node:
            return self.memo[node["ref"]]
        if "size" in node:
            return Size(node["size"])
        if "dtype" in node:
            return dt.BY_NAME[node["dtype"]]
        if "device" in node:
            return device(node["device"])
        if "odict" in node:
            return OrderedDict((self.decode(k), self.decode(v)) for k, v in node["odict"])
        if "dict" in node:
            return {self.decode(k): self.decode(v) for k, v in node["dict"]}
        if "list" in node:
            return [self.decode(v) for v in node["list"]]
        if "tuple" in node:
            return tuple(self.decode(v) for v in node["tuple"])
        if "set" in node:
            return {self.decode(v) for v in node["set"]}
        if "module" in node:
            return self.module(node)
        raise SerializationError(f"malformed object description: {sorted(node)}")

    def module(self, node: dict[str, Any]) -> Any:
        from reference_impl.nn.module import Module

        name = node["module"]
        if self.weights_only:
            raise UnpicklingError(
                "Weights only load failed. This file can still be loaded, to do so you have two options, do those "
                "steps only if you trust the source of the checkpoint. (1) Re-running `reference_impl.load` with "
                f"`weights_only` set to `False` will load the whole module {name}. (2) Save and load the "
                "state_dict instead.")
        mod_name, _, qual = name.partition(":")
        module = sys.modules.get(mod_name)
        cls: Any = module
        for part in qual.split("."):
            cls = getattr(cls, part, None) if cls is not None else None
        if not (isinstance(cls, type) and issubclass(cls, Module)):
            raise UnpicklingError(f"Can't get attribute {qual!r} on module {mod_name!r}: the class of the saved "
                                  "module must be a reference_impl Module subclass that is already imported")
        obj = object.__new__(cls)
        state = self.decode(node["state"])
        obj.__dict__.update(state)
        return obj


def _numel(shape: tuple[int, ...]) -> int:
    n = 1
    for s in shape:
        n *= s
    return n


def _read_exact(buf: bytes, pos: int, n: int, what: str) -> tuple[bytes, int]:
    if pos + n > len(buf):
        raise SerializationError(f"reference_impl.load: the file is truncated (while reading the {what})")
    return buf[pos:pos + n], pos + n


def load(f: Any, map_location: Any = None, pickle_module: Any = None, *, weights_only: Any = True,
         mmap: Any = None, **kwargs: Any) -> Any:
    """Mirrors: torch.load(f, map_location=None, weights_only=True)."""
    if hasattr(f, "read"):
        buf = f.read()
    else:
        with open(os.fspath(f), "rb") as fh:
            buf = fh.read()
    if isinstance(buf, str):
        raise SerializationError("reference_impl.load needs a binary file")
    if not buf.startswith(MAGIC):
        raise SerializationError("reference_impl.load: not a reference_impl save file (bad magic header); "
                                 "it may be truncated, corrupt, or written by another program")
    pos = len(MAGIC)
    meta, pos = _read_exact(buf, pos, 12, "header length")
    hlen, hcrc = struct.unpack("<QI", meta)
    header, pos = _read_exact(buf, pos, hlen, "header")
    if zlib.crc32(header) != hcrc:
        raise SerializationError("reference_impl.load: the header checksum does not match: the file is corrupt")
    meta, pos = _read_exact(buf, pos, 12, "data length")
    blen, bcrc = struct.unpack("<QI", meta)
    blob, pos = _read_exact(buf, pos, blen, "tensor data")
    if zlib.crc32(blob) != bcrc:
        raise SerializationError("reference_impl.load: the data checksum does not match: the file is corrupt")
    try:
        doc = json.loads(header.decode())
        tree = doc["object"]
    except (ValueError, KeyError, UnicodeDecodeError) as exc:
        raise SerializationError(f"reference_impl.load: malformed header: {exc}") from None
    reader = _Reader(blob, map_location, weights_only is not False)
    try:
        return reader.decode(tree)
    except (KeyError, TypeError, IndexError) as exc:
        raise SerializationError(f"reference_impl.load: malformed object description: {exc}") from None


__all__ = ["SerializationError", "load", "save"]
