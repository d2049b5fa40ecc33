"""A folder of calendars written whole or not at all, replacing only what an earlier export wrote.

The folder's new content is made beside it and swapped in at once
(workwindow.files), so a kill midway leaves the earlier export as it was. A
manifest names the calendars an export wrote: the next export into the folder
drops those it no longer makes (a participant who has left keeps no stale
calendar) and keeps every other file it finds there, as it found it.
"""

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from workwindow.errors import OutputError
from workwindow.files import write_folder_atomically
from workwindow.output import refuse_existing, refuse_inputs

MANIFEST = ".workwindow-export.json"


def write_calendars(
    folder: Path, calendars: dict[str, bytes], inputs: Iterable[Path], *, force: bool = False
) -> list[Path]:
    """The calendars in `folder`; an earlier one is replaced (or removed, when stale) only with `force`."""
    refuse_inputs(folder, inputs)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; the output needs a directory")
    replaced = owned(folder) | {p.name for p in _entries(folder) if p.name in calendars}
    refuse_existing(sorted(folder / name for name in replaced), force=force)
    kept = [p for p in _entries(folder) if p.name not in owned(folder) | set(calendars) | {MANIFEST}]

    def fill(staging: Path) -> None:
        for path in kept:
            _keep(path, staging / path.name)
        for name, content in calendars.items():
            write_calendar(staging / name, content)
        manifest = {"written_by": "workwindow export --format ics", "calendars": sorted(calendars)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    try:
        write_folder_atomically(folder, fill)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be written ({exc.strerror or exc})") from None
    return [folder / name for name in calendars]


def owned(folder: Path) -> set[str]:
    """The calendars the folder's last export wrote, by its manifest (none without one)."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["calendars"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {name for name in names if isinstance(name, str) and "/" not in name and name not in (".", "..")}


def write_calendar(path: Path, content: bytes) -> None:
    path.write_bytes(content)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _keep(path: Path, target: Path) -> None:
    """Another file in the folder moves with it: hard-linked, or copied where links are not allowed."""
    if path.is_dir() and not path.is_symlink():
        shutil.copytree(path, target, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(path, target)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    if Path(source).is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
