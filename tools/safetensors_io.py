"""Minimal safetensors writer/reader (the format timm and the Hugging Face hub publish), so the tools below
need nothing beyond Debian's python3-torch: an 8-byte little-endian header length, a JSON header
{name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes."""
import json
import struct

import numpy as np
import torch

_DTYPES = {torch.float32: ("F32", np.float32), torch.int64: ("I64", np.int64)}
_NUMPY = {"F32": np.float32, "I64": np.int64, "F16": np.float16}


def save(tensors, path):
    """tensors: dict name -> tensor, written in insertion order (DJL keeps the order, timm does not care)."""
    header = {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        code, np_type = _DTYPES[t.dtype]
        data = t.numpy().astype(np_type, copy=False).tobytes()
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)  # the spec pads the header to a multiple of 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def load(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=_NUMPY[meta["dtype"]]).reshape(meta["shape"])
        out[name] = torch.from_numpy(array.copy())
    return out
