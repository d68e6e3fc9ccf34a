"""Conv3d / ConvTranspose1d/3d, EmbeddingBag and the Transformer layers against torch, weights copied."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import reference_impl as R

torch = pytest.importorskip("torch")
rng = np.random.default_rng(0)


def ref(a: np.ndarray, requires_grad: bool = False) -> R.Tensor:
    return R.tensor(a.tolist(), requires_grad=requires_grad)


def copy_weights(src, dst) -> None:
    dst.load_state_dict({k: ref(v.detach().numpy()) for k, v in src.state_dict().items()})


def close(mine, theirs, tol: float = 1e-4) -> bool:
    return bool(np.allclose(mine.detach().numpy(), theirs.detach().numpy(), rtol=tol, atol=tol))


@pytest.mark.parametrize("name, x_shape, w_shape, kwargs", [
    ("conv3d", (2, 4, 5, 4, 6), (6, 2, 2, 3, 2), dict(stride=(2, 1, 1), padding=(1, 1, 0), dilation=(1, 1, 2),
                                                      groups=2)),
    ("conv3d", (3, 5, 4, 4), (2, 3, 3, 1, 2), dict(padding=1)),
    ("conv_transpose1d", (2, 4, 5), (4, 3, 3), dict(stride=2, padding=1, output_padding=1, groups=2)),
    ("conv_transpose3d", (2, 4, 3, 4, 2), (4, 3, 2, 3, 2), dict(stride=(2, 1, 2), padding=(1, 0, 1),
                                                                output_padding=(1, 0, 0), groups=2,
                                                                dilation=(1, 2, 1))),
])
def test_composed_convolutions_match_torch_values_and_gradients(name, x_shape, w_shape, kwargs):
    x, w = rng.standard_normal(x_shape, np.float32), rng.standard_normal(w_shape, np.float32)
    out_channels = w_shape[1] * kwargs.get("groups", 1) if "transpose" in name else w_shape[0]
    b = rng.standard_normal(out_channels, np.float32)
    theirs = [torch.tensor(a, requires_grad=True) for a in (x, w, b)]
    mine = [ref(a, requires_grad=True) for a in (x, w, b)]
    yt, yr = getattr(torch.nn.functional, name)(*theirs, **kwargs), getattr(R.nn.functional, name)(*mine, **kwargs)
    assert close(yr, yt)
    g = rng.standard_normal(tuple(yt.shape), np.float32)
    yt.backward(torch.tensor(g))
    yr.backward(ref(g))
    for a, c in zip(mine, theirs, strict=True):
        assert close(a.grad, c.grad)


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
def test_embedding_bag_matches_torch_with_offsets_padding_and_empty_bags(mode):
    w = np.arange(12.0, dtype=np.float32).reshape(6, 2)
    bags = []
    for lib in (torch, R):
        layer = lib.nn.EmbeddingBag(6, 2, mode=mode, _weight=lib.tensor(w.tolist()), padding_idx=2)
        out = layer(lib.tensor([1, 2, 4, 5, 4, 3, 2]), lib.tensor([0, 2, 2, 4]))
        out.sum().backward()
        bags.append((out, layer(lib.tensor([[1, 2], [0, 5]])), layer.weight.grad))
    for mine, theirs in zip(bags[1], bags[0], strict=True):
        assert close(mine, theirs)


@pytest.mark.parametrize("batch_first, norm_first", [(False, False), (True, True)])
def test_transformer_matches_torch_with_masks(batch_first, norm_first):
    sizes = dict(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=16, dropout=0.0,
                 batch_first=batch_first, norm_first=norm_first)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch: "enable_nested_tensor is True, but ..."
        theirs = torch.nn.Transformer(**sizes)
    mine = R.nn.Transformer(**sizes)
    assert list(mine.state_dict()) == list(theirs.state_dict())
    copy_weights(theirs, mine)
    src = rng.standard_normal((3, 5, 8) if batch_first else (5, 3, 8), np.float32)
    tgt = rng.standard_normal((3, 4, 8) if batch_first else (4, 3, 8), np.float32)
    pad = [[False] * 5, [False] * 3 + [True] * 2, [False] * 4 + [True]]
    yt = theirs(torch.tensor(src), torch.tensor(tgt), tgt_mask=torch.nn.Transformer.generate_square_subsequent_mask(4),
                src_key_padding_mask=torch.tensor(pad), memory_key_padding_mask=torch.tensor(pad))
    yr = mine(ref(src), ref(tgt), tgt_mask=R.nn.Transformer.generate_square_subsequent_mask(4),
              src_key_padding_mask=R.tensor(pad), memory_key_padding_mask=R.tensor(pad))
    assert close(yr, yt)
    assert repr(mine) == repr(theirs)

