"""Writing output files without ever destroying what the user had."""

import os
import tempfile
from pathlib import Path

from workwindow.errors import WorkwindowError


class OutputRefused(WorkwindowError):
    """An output path that would overwrite one of the command's inputs."""


def write_atomically(path: str | Path, text: str, *, inputs: tuple[str | Path, ...] = ()) -> None:
    """Write via a temporary file and a rename, so a crash leaves the old file or the new, never half."""
    target = Path(path)
    for source in inputs:
        if target.exists() and target.resolve() == Path(source).resolve():
            raise OutputRefused(f"{target} is an input of this command; choose another output path")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
