"""Read a sweep file and expand it into variants of its base scenario, every one validated before any solve.

Each value keeps the text it was written with: YAML 1.1 reads an unquoted
10:30 as the number 630, but tables, plots and errors should say 10:30, and
`--set program.latest_start=10:30` reads it exactly as the sweep file did.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from workwindow.errors import InputError, Problem
from workwindow.models import Scenario, apply_overrides, read_document, validate_scenario
from workwindow.models.loading import Document, override_label, problems_of
from workwindow.models.overrides import override_text
from workwindow.sweep.file import SweepFile


@dataclass(frozen=True)
class Setting:
    """One path set to one value, as the sweep file wrote it."""

    path: str
    text: str
    """The value as written: "10:30", not YAML 1.1's 630."""
    value: Any
    """The value as YAML reads it."""
    override: str
    """The same change as `--set PATH=VALUE`."""
    field: str
    """Where it stands in the sweep file, e.g. grid.clinics.habio.stations.1."""
    line: int | None

    @property
    def shown(self) -> str:
        """PATH=VALUE for errors: a participant's value is not echoed (it may be health data)."""
        return override_label(self.override).removeprefix("--set ")


@dataclass(frozen=True)
class Axis:
    """Paths that change together: one path of `grid`, or all paths of `zip`."""

    paths: tuple[str, ...]
    points: tuple[tuple[Setting, ...], ...]
    """Each point sets every path of the axis."""

    @property
    def label(self) -> str:
        return " / ".join(self.paths)

    def point_label(self, index: int) -> str:
        return " / ".join(setting.text for setting in self.points[index])


@dataclass(frozen=True)
class Variant:
    """The base scenario with one point of every axis."""

    number: int
    """1, 2, …: the first axis changes slowest."""
    point: tuple[int, ...]
    """The index of its point on each axis."""
    settings: tuple[Setting, ...]
    scenario: Scenario

    @property
    def overrides(self) -> tuple[str, ...]:
        return tuple(setting.override for setting in self.settings)

    @property
    def label(self) -> str:
        return ", ".join(f"{setting.path}={setting.text}" for setting in self.settings)


@dataclass(frozen=True)
class Sweep:
    """A sweep file read, expanded and validated."""

    source: Path
    base_path: Path
    title: str
    base: Scenario
    """The base scenario with the fixed overrides (`set`)."""
    fixed: tuple[Setting, ...]
    axes: tuple[Axis, ...]
    """In the order the file gives them; the first goes along the x axis of the plot."""
    variants: tuple[Variant, ...]
    seeds: tuple[int, ...]
    time_limit: float

    @property
    def inputs(self) -> tuple[Path, Path]:
        """The files no output may be written over."""
        return self.source, self.base_path

    @property
    def varied_paths(self) -> tuple[str, ...]:
        return tuple(path for axis in self.axes for path in axis.paths)

    @property
    def solves(self) -> int:
        return len(self.variants) * len(self.seeds)


def load_sweep(path: str | Path) -> Sweep:
    """Read and check the sweep file, then build and validate every variant of its base.

    Raises InputError naming the sweep file, the field and its line; a value
    that breaks the base scenario is named with its variant.
    """
    path = Path(path)
    document = read_document(path)
    spec = _validated(document)
    base_path = _base_path(path, spec, document)
    fixed = tuple(_setting(document, ("set", key), key, value) for key, value in spec.fixed.items())
    axes = _axes(document, spec)
    base_document = _with_fixed(read_document(base_path), fixed, str(path))
    base = _validated_variant(base_document, (), fixed, str(path), "the fixed overrides (set)")
    variants = tuple(_variants(base_document, fixed, axes, str(path)))
    title = spec.name or f"{base.name}: sweep"
    return Sweep(path, base_path, title, base, fixed, axes, variants, spec.seed_list, spec.time_limit)


def _validated(document: Document) -> SweepFile:
    if not isinstance(document.data, dict):
        raise InputError(document.source, [Problem("", "must be a mapping with base and grid or zip")])
    try:
        return SweepFile.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(document.source, problems_of(exc, document.root, data=document.data)) from None


def _base_path(path: Path, spec: SweepFile, document: Document) -> Path:
    base = path.parent / spec.base
    if not base.is_file():
        line = _line(document.root, ("base",))
        message = f"there is no scenario file {base} (base is relative to the sweep file)"
        raise InputError(document.source, [Problem("base", message, line)])
    return base


def _axes(document: Document, spec: SweepFile) -> tuple[Axis, ...]:
    """One axis per path of `grid` and one for all of `zip`, in the order the file gives them."""
    axes: list[Axis] = []
    for section in document.data:
        if section == "grid":
            axes += [_axis(document, "grid", {path: values}) for path, values in spec.grid.items()]
        elif section == "zip" and spec.zipped:
            axes.append(_axis(document, "zip", spec.zipped))
    return tuple(axes)


def _axis(document: Document, section: str, lists: dict[str, list[Any]]) -> Axis:
    columns = [
        [_setting(document, (section, path, i), path, value) for i, value in enumerate(values)]
        for path, values in lists.items()
    ]
    return Axis(tuple(lists), tuple(zip(*columns, strict=True)))


def _setting(document: Document, loc: tuple, path: str, value: Any) -> Setting:
    node = _node(document.root, loc)
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # plain: None from PyYAML, "" from libyaml
    override = f"{path.strip()}={node.value}" if plain else override_text([path.strip()], value)
    text = node.value if isinstance(node, yaml.ScalarNode) else override.partition("=")[2]
    field = ".".join(str(step) for step in loc)
    return Setting(path.strip(), text, value, override, field, node.start_mark.line + 1 if node else None)


def _variants(base: Document, fixed: Sequence[Setting], axes: Sequence[Axis], source: str) -> list[Variant]:
    indices = list(itertools.product(*(range(len(axis.points)) for axis in axes)))
    variants = []
    for number, point in enumerate(indices, start=1):
        settings = tuple(setting for axis, i in zip(axes, point, strict=True) for setting in axis.points[i])
        which = f"variant {number} of {len(indices)} ({', '.join(s.shown for s in settings)})"
        scenario = _validated_variant(base, settings, (*fixed, *settings), source, which)
        variants.append(Variant(number, point, settings, scenario))
    return variants


def _with_fixed(base: Document, fixed: Sequence[Setting], source: str) -> Document:
    try:
        return apply_overrides(base, [setting.override for setting in fixed])
    except InputError as exc:
        raise _blamed(exc, fixed, source, "the fixed overrides (set)") from None


def _validated_variant(
    base: Document, settings: Sequence[Setting], blamable: Sequence[Setting], source: str, which: str
) -> Scenario:
    """`base` has the fixed overrides applied already; `blamable` are all the settings a problem may come from."""
    try:
        return validate_scenario(apply_overrides(base, [setting.override for setting in settings]))
    except InputError as exc:
        raise _blamed(exc, blamable, source, which) from None


def _blamed(exc: InputError, settings: Sequence[Setting], source: str, which: str) -> InputError:
    """The base's problems as problems of the sweep file, at the line of each value that caused some."""
    by_label = {override_label(setting.override): setting for setting in settings}
    caused: dict[Setting | None, list[str]] = {}
    for problem in exc.problems:
        setting = by_label.get(problem.origin) if problem.origin else None
        caused.setdefault(setting, []).append(str(problem) if setting is None else _inner(problem, setting))
    problems = []
    for setting, messages in caused.items():
        listed = "; ".join(message.rstrip(".") for message in messages)
        if setting is None:
            problems.append(Problem("", f"in {which}, {exc.source} is invalid: {listed}"))
        else:
            message = f"in {which}, {setting.shown} makes {exc.source} invalid: {listed}"
            problems.append(Problem(setting.field, message, setting.line))
    return InputError(source, problems)


def _inner(problem: Problem, setting: Setting) -> str:
    return problem.message if problem.field in ("", setting.path) else f"{problem.field}: {problem.message}"


def _node(root: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    node = root
    for step in loc:
        node = _child(node, step)
    return node


def _child(node: yaml.Node | None, step: object) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def _line(root: yaml.Node | None, loc: tuple) -> int | None:
    node = _node(root, loc)
    return node.start_mark.line + 1 if node is not None else None
