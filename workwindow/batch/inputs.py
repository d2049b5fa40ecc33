"""Which scenario files a batch solves, and the result name each one gets."""

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workwindow.errors import WorkwindowError

SCENARIO_SUFFIXES = (".yaml", ".yml")
RESULT_SUFFIX = ".json"
ERROR_SUFFIX = ".error.json"


class BatchError(WorkwindowError):
    """A batch that cannot start: nothing to solve, clashing names, an unusable output folder."""


@dataclass(frozen=True)
class ScenarioInput:
    """A scenario file and the name of its result (`<name>.json`) in the output folder."""

    name: str
    path: Path

    @property
    def outputs(self) -> tuple[str, str]:
        return self.name + RESULT_SUFFIX, self.name + ERROR_SUFFIX


def discover(arguments: Sequence[str]) -> list[ScenarioInput]:
    """Files, folders (their .yaml/.yml files) and globs, in the order given, each once."""
    paths: dict[Path, Path] = {}
    for argument in arguments:
        found = _expand(argument)
        if not found:
            raise BatchError(_nothing_found(argument))
        for path in found:
            paths.setdefault(path.resolve(), path)
    inputs = [ScenarioInput(path.stem, path) for path in paths.values()]
    _check_outputs_distinct(inputs)
    return inputs


def _expand(argument: str) -> list[Path]:
    path = Path(argument)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
    if glob.has_magic(argument):
        return [Path(p) for p in sorted(glob.glob(argument, recursive=True)) if Path(p).is_file()]
    return [path] if path.is_file() else []


def _nothing_found(argument: str) -> str:
    path = Path(argument)
    if path.is_dir():
        return f"{argument}: the folder has no scenario files ({' or '.join(SCENARIO_SUFFIXES)})"
    if glob.has_magic(argument):
        return f"{argument}: no file matches"
    return f"{argument}: no such file or folder"


def _check_outputs_distinct(inputs: list[ScenarioInput]) -> None:
    """Two inputs must never write the same result file, or one would silently replace the other."""
    owner: dict[str, ScenarioInput] = {}
    for item in inputs:
        for output in item.outputs:
            other = owner.setdefault(output, item)
            if other is not item:
                raise BatchError(
                    f"{other.path} and {item.path} would both write {output} in the output folder; "
                    "rename one of them or run them as two batches"
                )
