"""Write outputs without ever touching the inputs they were made from.

How a file is written whole lives in workwindow.files; this adds the checks a
command's outputs need: never over an input, and errors as messages.
"""

import os
from collections.abc import Iterable
from pathlib import Path

from workwindow.errors import OutputError
from workwindow.files import write_atomically


def refuse_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """An output written over its own scenario or schedule would lose the user's file."""
    for source in inputs:
        if _same_file(output, source):
            raise OutputError(f"{output}: refusing to write the output over the input {source}")


def refuse_existing(outputs: Iterable[Path], *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Nothing the user had is lost: never an input, and a file already there (a hand-edited plan
    is work) only with --force. Commands ask before they solve, so a refusal costs no time."""
    outputs, inputs = list(outputs), list(inputs)
    for output in outputs:
        refuse_inputs(output, inputs)
    if force:
        return
    for output in outputs:
        if output.exists() or output.is_symlink():
            raise OutputError(f"{output} exists; nothing was written (give --force to replace it)")


def write_text(output: Path, text: str, inputs: Iterable[Path]) -> None:
    write_bytes(output, text.encode("utf-8"), inputs)


def write_bytes(output: Path, data: bytes, inputs: Iterable[Path]) -> None:
    """Write whole or not at all (workwindow.files), never over an input."""
    refuse_inputs(output, inputs)
    if output.is_dir():
        raise OutputError(f"{output}: is a directory; give a file name")
    mode = _mode_for(output)

    def fill(temporary: Path) -> None:
        temporary.write_bytes(data)
        os.chmod(temporary, mode)

    try:
        write_atomically(output, fill)
    except OSError as exc:
        raise OutputError(f"{output}: cannot be written ({exc.strerror or exc})") from None


def prepare_directory(folder: Path, inputs: Iterable[Path]) -> None:
    """A directory for several outputs: created if missing, never an existing file."""
    refuse_inputs(folder, inputs)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; the output needs a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be created ({exc.strerror or exc})") from None


def _mode_for(output: Path) -> int:
    """mkstemp makes private files; an output gets the mode a plain open() would give it."""
    if output.exists():
        return output.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()
