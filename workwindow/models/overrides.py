"""`--set PATH=VALUE`: change a scenario from the command line, validated like the file.

A planner's what-if ("the late group may start at 10:30", "five stations")
should not need an edited copy of the scenario. Each override replaces one
value of the document's data before validation; VALUE is read as YAML, so
`10:30` is a clock time, `[mon, tue]` a list and `{1: 3}` a mapping, exactly
as they would be in the file. A problem the override causes names the
override instead of a line of the file.

Paths are dotted keys into the YAML (`clinics.habio.stations`). They go
through mappings only: a list is replaced whole. A field under an id that
does not exist (`participants.P99.dose_form`) is refused, since it would
silently add a participant with nothing else set; setting the id whole
(`participants.P99={dose_form: tablet}`) adds one on purpose.
"""

import copy
import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from workwindow.errors import InputError, Problem
from workwindow.models.loading import (
    Document,
    Override,
    override_label,
    read_document,
    refuse_if_not_a_mapping,
    validate_scenario,
)
from workwindow.models.scenario import Scenario
from workwindow.models.yaml_reading import YamlProblems, build, compose

ID_COLLECTIONS: dict[tuple[str, ...], str] = {
    ("clinics",): "clinic",
    ("sites",): "site",
    ("program", "crews"): "crew",
    ("staff",): "supervisor",
    ("participants",): "participant",
}
"""Mappings keyed by ids, and what an id names in each."""

TOP_LEVEL = tuple(Scenario.model_fields)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")


def load_scenario(path: str | Path, overrides: Sequence[str] = ()) -> Scenario:
    """Read, override and validate a scenario file."""
    return validate_scenario(apply_overrides(read_document(path), overrides))


def apply_overrides(document: Document, overrides: Sequence[str]) -> Document:
    """The document with each `PATH=VALUE` applied in order; later ones win."""
    if not overrides:
        return document
    refuse_if_not_a_mapping(document)
    data = copy.deepcopy(document.data)
    applied = list(document.overrides)
    for text in overrides:
        override = _resolved(data, parse_override(text, document.source), document.source)
        _put(data, override.path, copy.deepcopy(override.value))
        applied.append(override)
    return dataclasses.replace(document, data=data, overrides=tuple(applied))


def override_scenario(scenario: Scenario, overrides: Sequence[str]) -> Scenario:
    """A validated scenario changed by overrides: the what-ifs built from a scenario already loaded."""
    data = scenario.model_dump(mode="json", by_alias=True)
    return validate_scenario(apply_overrides(Document(scenario.name, data, None), overrides))


def override_text(path: Sequence[str], value: Any) -> str:
    """The `PATH=VALUE` text that sets a value, so a what-if can be shown and repeated."""
    if isinstance(value, str) and _CLOCK.match(value):
        written = value  # the loader reads an unquoted 10:30 as the clock time
    else:
        written = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False)
        written = written.strip().removesuffix("...").strip()
    return f"{'.'.join(path)}={written}"


def parse_override(text: str, source: str) -> Override:
    """Split `PATH=VALUE` and read VALUE as YAML; the path is checked against the data later."""
    label = override_label(text)
    path_text, equals, value_text = text.partition("=")
    steps = tuple(path_text.strip().split("."))
    if not equals or not all(step.strip() for step in steps):
        raise _error(source, label, "", "is not PATH=VALUE with a dotted path, e.g. program.latest_start=10:30")
    path = tuple(step.strip() for step in steps)
    try:
        value = build(compose(value_text), within=path)
    except YamlProblems as exc:
        problem = exc.problems[0]
        field = "" if problem.field in ("", _dotted(path)) else problem.field
        raise _error(source, label, field, f"the value {problem.message}") from None
    return Override(text, path, value)


def _resolved(data: dict, override: Override, source: str) -> Override:
    """The override with its path matched to the data's keys, or an error naming the path.

    Steps are matched against existing keys as text, longest first, so an id
    with a dot in it and a numeric key (`program.ramp_up.2`) are found.
    """
    steps, node, path = list(override.path), data, []
    while steps:
        if not path and steps[0] not in TOP_LEVEL:
            message = f"unknown field '{steps[0]}' at the top of a scenario (known: {', '.join(TOP_LEVEL)})"
            raise _error(source, override.label, steps[0], message)
        key, used = _matching_key(node, steps)
        del steps[:used]
        path.append(key)
        if not steps:
            break
        child = node.get(key, _ABSENT)
        if child is _ABSENT:
            child = node[key] = _missing_child(path, override, source)
        elif child is None and _id_kind(path) is None:
            child = node[key] = {}
        if not isinstance(child, dict):
            kind = "a list" if isinstance(child, list) else "a single value"
            message = f"is {kind}, not a mapping of fields; set it whole instead ({_dotted(path)}=…)"
            raise _error(source, override.label, _dotted(path), message)
        node = child
    return dataclasses.replace(override, path=tuple(path))


_ABSENT = object()


def _matching_key(node: dict, steps: list[str]) -> tuple[Any, int]:
    for used in range(len(steps), 0, -1):
        wanted = ".".join(steps[:used])
        for key in node:
            if str(key) == wanted:
                return key, used
    return steps[0], 1


def _missing_child(path: list, override: Override, source: str) -> dict:
    """A mapping to go on into: refused under an id that does not exist, else created empty."""
    kind = _id_kind(path)
    if kind is not None:
        message = f"there is no {kind} '{path[-1]}' in the scenario; to add one, set it whole ({_dotted(path)}={{…}})"
        raise _error(source, override.label, _dotted(path), message)
    return {}


def _id_kind(path: list) -> str | None:
    """What the last step names when it is an id (a participant, a crew, …), else None."""
    return ID_COLLECTIONS.get(tuple(str(step) for step in path[:-1]))


def _put(data: dict, path: tuple, value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _dotted(path: Sequence[Any]) -> str:
    return ".".join(str(step) for step in path)


def _error(source: str, label: str, field: str, message: str) -> InputError:
    return InputError(source, [Problem(field, message, origin=label)])
