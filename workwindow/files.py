"""Writing files so that nobody ever sees half of one, and nothing is overwritten by surprise."""

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import uuid
from collections.abc import Callable, Iterator
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
        with _one_step(path):
            if overwrite:
                os.replace(temporary, path)
            else:
                os.link(temporary, path)
    finally:
        remove_if_present(temporary)


MOVED_INTO_PLACE: list[Path] = []
"""What this process has written, in order: a Ctrl-C message says what was written from it."""


@contextlib.contextmanager
def _one_step(path: Path) -> Iterator[None]:
    """Ctrl-C waits while a file is moved into place and noted: once moved, it is always said to be written."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
        MOVED_INTO_PLACE.append(path)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def remove_leftover_temporaries(folder: Path) -> int:
    """Temporary files of a run killed mid-write: never results, safe to delete."""
    leftovers = list(folder.glob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"))
    for path in leftovers:
        remove_if_present(path)
    return len(leftovers)


def remove_if_present(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def write_folder_atomically(folder: Path, fill: Callable[[Path], None]) -> None:
    """Let `fill` make the folder's whole new content in a hidden folder beside it, then swap the two.

    On Linux the swap is one renameat2(RENAME_EXCHANGE), atomic even when `folder`
    exists, so a crash leaves the old folder or the new one, plus at most a hidden
    folder beside it that the next call removes. Where that call is missing, an
    existing folder is moved aside first, and a crash between the two renames
    leaves the hidden folders only.
    """
    for leftover in folder.parent.glob(f"{TEMPORARY_PREFIX}{folder.name}.*{TEMPORARY_SUFFIX}"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = folder.with_name(f"{TEMPORARY_PREFIX}{folder.name}.{uuid.uuid4().hex}{TEMPORARY_SUFFIX}")
    staging.mkdir()
    try:
        fill(staging)
        with _one_step(folder):
            if folder.exists():
                _exchange(staging, folder)
            else:
                os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(new: Path, old: Path) -> None:
    """Swap two paths: `old` then holds the new content, and `new` the old one."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        if renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(old), RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS):
            raise OSError(code, os.strerror(code), str(old))
    aside = old.with_name(f"{TEMPORARY_PREFIX}{old.name}.{uuid.uuid4().hex}{TEMPORARY_SUFFIX}")
    os.rename(old, aside)
    os.rename(new, old)
    os.rename(aside, new)
