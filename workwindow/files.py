"""Writing files so that nobody ever sees half of one, and nothing is overwritten by surprise."""

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

TEMPORARY_PREFIX = ".workwindow-"
TEMPORARY_SUFFIX = ".tmp"


def write_text_atomically(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to `path` whole or not at all; with overwrite=False an existing file wins.

    Raises FileExistsError when `overwrite` is False and `path` exists.
    """

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())

    write_atomically(path, write, overwrite=overwrite)


def write_atomically(path: Path, write: Callable[[Path], None], *, overwrite: bool = True) -> None:
    """Let `write` fill a temporary file beside `path`, then move it into place in one step.

    The rename (or, when not overwriting, the hard link, which fails if the
    target exists) is atomic on one file system, so a crash leaves the old
    file or the new one, plus at most a hidden temporary file.
    """
    temporary = path.with_name(f"{TEMPORARY_PREFIX}{path.name}.{uuid.uuid4().hex}{TEMPORARY_SUFFIX}")
    try:
        write(temporary)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        remove_if_present(temporary)


def remove_leftover_temporaries(folder: Path) -> int:
    """Temporary files of a run killed mid-write: never results, safe to delete."""
    leftovers = list(folder.glob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"))
    for path in leftovers:
        remove_if_present(path)
    return len(leftovers)


def remove_if_present(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
