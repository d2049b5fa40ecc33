"""Write outputs without ever touching the inputs they were made from."""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from workwindow.errors import OutputError


def refuse_inputs(output: Path, inputs: Iterable[Path]) -> None:
    """An output written over its own scenario or schedule would lose the user's file."""
    for source in inputs:
        if _same_file(output, source):
            raise OutputError(f"{output}: refusing to write the output over the input {source}")


def write_text(output: Path, text: str, inputs: Iterable[Path]) -> None:
    write_bytes(output, text.encode("utf-8"), inputs)


def write_bytes(output: Path, data: bytes, inputs: Iterable[Path]) -> None:
    """Write via a temporary file and rename, so a failed write leaves no half file."""
    refuse_inputs(output, inputs)
    if output.is_dir():
        raise OutputError(f"{output}: is a directory; give a file name")
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{output}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for(output))
        os.replace(temporary, output)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
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
