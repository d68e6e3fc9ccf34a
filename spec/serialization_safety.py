"""Loading is safe by default: a file cannot run code, and a damaged file is an error."""

from __future__ import annotations

import os
import pickle
from typing import Any

from spec import expect
from spec._claim import claim
from spec.seeds import NOTES

LOAD_QUOTE = "myNN_v1 = torch.load('../model/myNN_v1.pth')"


class RunsACommand:
    """An object whose unpickling runs a shell command: the classic malicious checkpoint."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return os.system, (self.command,)


@claim(
    id="serialization.safety.default-load-refuses-code-in-a-pickle",
    seed=NOTES, lines=(203, 204),
    quote=LOAD_QUOTE,
    statement="A plain torch.load (weights_only=True by default since 2.6) refuses a file whose pickle "
    "would call os.system, and the command never runs.",
)
def default_load_refuses_to_run_code_from_a_file(t, tmp_path):
    """Why the tutorial's plain torch.load of a whole model now fails: the same rule that
    refuses a module's class refuses os.system, so a downloaded checkpoint cannot run code."""
    marker = tmp_path / "command-ran"
    path = tmp_path / "myNN_v1.pth"
    path.write_bytes(pickle.dumps(RunsACommand(f"touch {marker}"), protocol=2))
    with expect.raises("torch.load of a pickle that would run a command"):
        t.load(str(path))
    expect.true("the command in the file not to have run", not marker.exists())


@claim(
    id="serialization.safety.truncated-file-raises",
    seed=NOTES, lines=(210, 214),
    quote="torch.save(myNN.state_dict(), '../model/myNN_v2.pth')",
    statement="Loading a saved state_dict file cut short at any point raises an error "
    "instead of returning partial data.",
    inputs={"keep": "serialization_truncation"},
)
def truncated_file_raises(t, device, tmp_path, keep):
    """A crash or a full disk during a save leaves such files behind; loading one must not
    quietly hand back a partial model."""
    path = tmp_path / "myNN_v2.pth"
    t.save(t.nn.Linear(3, 2).to(device).state_dict(), str(path))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with expect.raises(f"torch.load of the file cut to {int(len(data) * keep)} of {len(data)} bytes"):
        t.load(str(path))
