"""reference_impl.load never runs code from a file, rejects every damaged file with
one documented error (SerializationError), and save is atomic under a crash."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference_impl as torch
from reference_impl.serialization import SerializationError
from spec.serialization_safety import RunsACommand


def _saved_bytes(tmp_path) -> bytes:
    torch.manual_seed(0)
    path = tmp_path / "state.pth"
    torch.save(torch.nn.Linear(3, 2).state_dict(), str(path))
    return path.read_bytes()


def test_a_pickle_that_would_run_a_command_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "command-ran"
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps(RunsACommand(f"touch {marker}"), protocol=2))
    for weights_only in (True, False):
        with pytest.raises(SerializationError, match="not a reference_impl save file"):
            torch.load(str(path), weights_only=weights_only)
    assert not marker.exists()


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_truncated_file_raises_serialization_error(tmp_path_factory, data):
    good = _saved_bytes(tmp_path_factory.mktemp("t"))
    cut = data.draw(st.integers(0, len(good) - 1), label="kept bytes")
    with pytest.raises(SerializationError):
        torch.load(_Bytes(good[:cut]))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_file_with_flipped_bits_raises_serialization_error(tmp_path_factory, data):
    damaged = bytearray(_saved_bytes(tmp_path_factory.mktemp("f")))
    positions = data.draw(st.lists(st.integers(0, len(damaged) * 8 - 1), min_size=1, max_size=8, unique=True),
                          label="flipped bits")
    for bit in positions:
        damaged[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(SerializationError):
        torch.load(_Bytes(bytes(damaged)))


@settings(max_examples=200, deadline=None)
@given(junk=st.binary(max_size=512))
def test_random_bytes_raise_serialization_error(junk):
    with pytest.raises(SerializationError):
        torch.load(_Bytes(junk))


class _Bytes:
    """A binary file object over bytes (io.BytesIO, spelled out to keep the test's intent plain)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self) -> bytes:
        return self.data


WRITER = """
import sys
import reference_impl as torch
path = sys.argv[1]
states = [{"w": torch.full((200_000,), float(v))} for v in (1.0, 2.0)]
print("ready", flush=True)
i = 0
while True:
    torch.save(states[i % 2], path)
    i += 1
"""


@pytest.mark.timeout(300)
def test_a_process_killed_during_save_leaves_the_old_or_the_new_file_never_a_torn_one(tmp_path):
    path = tmp_path / "checkpoint.pth"
    torch.save({"w": torch.full((200_000,), 1.0)}, str(path))
    kills = 40
    for attempt in range(kills):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.37 * ((attempt * 7919) % 11) / 11)  # spread the kills over the save cycle
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = torch.load(str(path))
        values = set(state["w"].tolist())
        assert values in ({1.0}, {2.0}), f"kill {attempt}: a torn file holds {sorted(values)[:4]}"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "checkpoint.pth"]
    assert len(leftovers) <= kills  # killed writers may leave their temporary files, never a torn target
    assert os.path.getsize(path) > 0
