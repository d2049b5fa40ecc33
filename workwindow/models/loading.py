"""Read scenario files keeping line numbers, and turn validation errors into plain problems.

The YAML itself is read by `yaml_reading` (nodes first, limits, then values);
here a file becomes a `Document`, and pydantic's errors are traced back to the
line, or the `--set`, that caused them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from workwindow.errors import InputError, Problem
from workwindow.models.limits import MAX_FILE_BYTES
from workwindow.models.scenario import Scenario, ScenarioProblems
from workwindow.models.yaml_reading import YamlProblems, build, compose


@dataclass(frozen=True)
class Override:
    """A `--set PATH=VALUE` applied to a document's data.

    The node tree does not know the value, so a problem at or under `path`
    is blamed on the override instead of a line of the file.
    """

    text: str
    path: tuple[Any, ...]
    """The keys as they stand in the data (an int key stays an int)."""
    value: Any

    @property
    def label(self) -> str:
        return override_label(self.text)


def override_label(text: str) -> str:
    """How errors name an override; a participant's value is not echoed (it may be health data)."""
    path, equals, value = text.partition("=")
    if path.strip().split(".")[0] == "participants" and equals:
        value = "…"
    return f"--set {path}{equals}{value}"


@dataclass(frozen=True)
class Document:
    """Plain data read from a file, with the node tree that knows its lines."""

    source: str
    data: Any
    root: yaml.Node | None
    overrides: tuple[Override, ...] = ()


def read_document(path: str | Path) -> Document:
    return parse_bytes(read_bytes(path), str(path))


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or an InputError that says why they cannot be read.

    A file past the size limit is read only one byte past it, so a huge file costs
    nothing; `parse_bytes` refuses it (in a batch, as an input error of the file).
    """
    try:
        with Path(path).open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"cannot be read ({exc.strerror or exc})")]) from None


def parse_bytes(data: bytes, source: str) -> Document:
    """Parse a file's bytes; lets a batch hash and ship a file before parsing it elsewhere."""
    _refuse_too_large(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(source, [Problem("", "is not UTF-8 text")]) from None
    return parse_document(text, source)


def _refuse_too_large(data: bytes, source: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        message = (
            f"is larger than {MAX_FILE_BYTES / 1e6:.0f} MB, the most a scenario file may be "
            "(split the city into several scenarios and solve them with `workwindow batch`)"
        )
        raise InputError(source, [Problem("", message)])


def parse_document(text: str, source: str) -> Document:
    try:
        root = compose(text)
        return Document(source, build(root), root)
    except YamlProblems as exc:
        raise InputError(source, exc.problems) from None


def validate_scenario(document: Document) -> Scenario:
    refuse_if_not_a_mapping(document)
    try:
        return Scenario.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(document.source, problems_of(exc, document.root, document.overrides, document.data)) from None


def refuse_if_not_a_mapping(document: Document) -> None:
    """An empty file or a list is not a scenario; say what one looks like."""
    if isinstance(document.data, dict):
        return
    expected = "a scenario is a mapping of fields: `name: …`, `start: …`, `clinics: …` (see `workwindow schema`)"
    if document.data is None:
        found = "is empty (no YAML in it, or only comments)"
    elif isinstance(document.data, list):
        found = "is a list"
    else:
        found = "is a single value"
    raise InputError(document.source, [Problem("", f"{found}; {expected}")])


def problems_of(
    error: ValidationError, root: yaml.Node | None, overrides: Sequence[Override] = (), data: Any = None
) -> list[Problem]:
    """One problem per pydantic error, with field path and line where the YAML has it.

    A problem under an override's path is blamed on the override: its value
    is in `data` but not in the node tree.
    """
    problems: list[Problem] = []
    for item in error.errors():
        nested = item.get("ctx", {}).get("error")
        if isinstance(nested, ScenarioProblems):
            problems += [_locate(path, message, root, overrides) for path, message in nested.problems]
            continue
        loc = tuple(item["loc"])
        missing = item["type"] == "missing"
        blamed = _blamed_override(overrides, _written(data, loc, missing=missing)) if overrides else None
        if blamed is not None:
            problem = _blamed_problem(blamed, _written(data, loc, missing=missing), _message(item))
        else:
            path, line = locate(root, loc)
            if missing and loc and (not path or path[-1] != loc[-1]):
                path = (*path, loc[-1])
            problem = Problem(_dotted(path), _message(item), line)
        _add_or_merge(problems, problem)
    return problems


def _add_or_merge(problems: list[Problem], problem: Problem) -> None:
    """One problem per place: a value that fits no branch of a union (a number or a
    list) gets pydantic's error for each branch, read as one sentence of alternatives."""
    for i, known in enumerate(problems):
        if (known.field, known.line, known.origin) == (problem.field, problem.line, problem.origin):
            if problem.message not in known.message:
                alternative = problem.message.removeprefix("Input should be ")
                problems[i] = replace(known, message=f"{known.message}, or {alternative}")
            return
    problems.append(problem)


def locate(root: yaml.Node | None, loc: tuple) -> tuple[tuple, int | None]:
    """Follow a field path through the nodes; return the part found and its line.

    Steps that are not in the document (pydantic's union branch tags, defaults)
    are skipped, so the line is that of the deepest field actually written.
    """
    node, found, line = root, [], (root.start_mark.line + 1 if root else None)
    for step in loc:
        nxt = _child(node, step)
        if nxt is None:
            continue
        key_node, node = nxt
        found.append(step)
        line = key_node.start_mark.line + 1
    return tuple(found), line


def _locate(path: tuple, message: str, root: yaml.Node | None, overrides: Sequence[Override] = ()) -> Problem:
    blamed = _blamed_override(overrides, path)
    if blamed is not None:
        return _blamed_problem(blamed, path, message)
    _, line = locate(root, path)
    return Problem(_dotted(path), message, line)


def _written(data: Any, loc: tuple, *, missing: bool) -> tuple:
    """The steps of a pydantic location that are in the data (union tags are not)."""
    found: list = []
    for step in loc:
        if isinstance(data, dict):
            key = next((k for k in data if str(k) == str(step)), _ABSENT)
            if key is not _ABSENT:
                found.append(key)
                data = data[key]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            found.append(step)
            data = data[step]
    if missing and loc and (not found or str(found[-1]) != str(loc[-1])):
        found.append(loc[-1])
    return tuple(found)


_ABSENT = object()


def _blamed_override(overrides: Sequence[Override], path: tuple) -> Override | None:
    """The last override whose path is the problem's path or leads to it."""
    steps = tuple(str(step) for step in path)
    for override in reversed(overrides):
        prefix = tuple(str(step) for step in override.path)
        if steps[: len(prefix)] == prefix:
            return override
    return None


def _blamed_problem(override: Override, path: tuple, message: str) -> Problem:
    """Name the override; the field too when the problem is deeper than its path."""
    field = "" if tuple(map(str, path)) == tuple(map(str, override.path)) else _dotted(path)
    return Problem(field, message, origin=override.label)


def _child(node: yaml.Node | None, step: object) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], node.value[step]
    return None


def _dotted(path: tuple) -> str:
    return ".".join(str(step) for step in path)


NUMBER_TYPES = {"int_type": "a whole number", "float_type": "a number"}
"""Where text stands for a number: said without echoing the text, which may be health data."""


def _message(item: dict) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "extra_forbidden":
        return f"unknown field '{item['loc'][-1]}' (see `workwindow schema` for the fields)"
    if kind == "missing":
        return "required field is missing"
    if kind in NUMBER_TYPES and isinstance(item.get("input"), str):
        return f"must be {NUMBER_TYPES[kind]}, written without quotes"
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
