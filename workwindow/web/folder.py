"""The folder the workbench serves: its scenario files, and nothing outside it.

Only plain file names are accepted (no folders, no `..`), and a name is
resolved and checked to stay in the folder, symlinks included, before any
read or write. Writes are whole or nothing, and refused when the file
changed on disk since the version the page was given.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workwindow.errors import WorkwindowError
from workwindow.files import write_text_atomically

SCENARIO_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\- ]{0,120}\.ya?ml$")
PLAN_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\- ]{0,120}\.json$")


class NotInFolder(WorkwindowError):
    """A name that is not a scenario file of the folder."""


class ChangedOnDisk(WorkwindowError):
    """The file changed since the page read it; writing would lose the other change."""


@dataclass(frozen=True)
class FileVersion:
    name: str
    text: str
    version: str
    """sha256 of the bytes read: what a save must find still on disk."""


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ScenarioFolder:
    def __init__(self, root: Path):
        self.root = root.resolve()

    def names(self, pattern: re.Pattern = SCENARIO_NAME) -> list[str]:
        """The scenario files (or, with PLAN_NAME, the plan files) directly in the folder."""
        return sorted(p.name for p in self.root.iterdir() if pattern.match(p.name) and p.is_file() and self._inside(p))

    def path(self, name: str, pattern: re.Pattern = SCENARIO_NAME) -> Path:
        """The file for `name`, or NotInFolder: never a path outside the folder."""
        if not pattern.match(name) or ".." in name:
            kind = "scenario file name (a .yaml" if pattern is SCENARIO_NAME else "plan file name (a .json"
            raise NotInFolder(f"'{name}' is not a {kind} file in the served folder)")
        path = self.root / name
        if not self._inside(path):
            raise NotInFolder(f"'{name}' is not in the served folder")
        return path

    def read(self, name: str) -> FileVersion:
        path = self.path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotInFolder(f"there is no scenario '{name}' in the served folder") from None
        return FileVersion(name, data.decode("utf-8", errors="replace"), version_of(data))

    def write(self, name: str, text: str, expected_version: str) -> str:
        """Write `text` over `name` if it is still the version the page had; return the new version."""
        path = self.path(name)
        current = version_of(path.read_bytes()) if path.exists() else None
        if current != expected_version:
            raise ChangedOnDisk(
                f"{name} changed on disk since you opened it, so it was not saved: your edits are still here "
                "on the page. Download them as a copy, then reload the page to see the file as it is now."
            )
        write_text_atomically(path, text)
        return version_of(text.encode("utf-8"))

    def read_plan(self, name: str) -> str:
        path = self.path(name, PLAN_NAME)
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            raise NotInFolder(f"there is no plan file '{name}' in the served folder") from None

    def write_plan(self, name: str, text: str) -> None:
        """A new plan file; an existing one is never replaced (a published plan is what replan starts from)."""
        try:
            write_text_atomically(self.path(name, PLAN_NAME), text, overwrite=False)
        except FileExistsError:
            raise ChangedOnDisk(f"{name} is already in the folder; give the plan another name") from None

    def _inside(self, path: Path) -> bool:
        return path.resolve().parent == self.root
