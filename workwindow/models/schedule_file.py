"""Read a schedule file, turning bad JSON or wrong fields into an `InputError`.

JSON parsers give a line only for syntax errors. For a wrong field the text
is also read as YAML (JSON is nearly a subset of it), which knows the line of
every key; when that reading fails too, the field path alone is given.
"""

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from workwindow.errors import InputError, Problem
from workwindow.models.loading import problems_of
from workwindow.models.schedule import Schedule
from workwindow.models.yaml_reading import NODE_LOADER


def load_schedule(path: str | Path) -> Schedule:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"cannot be read ({exc.strerror or exc})")]) from None
    except UnicodeDecodeError:
        raise InputError(str(path), [Problem("", "is not UTF-8 text")]) from None
    return parse_schedule(text, str(path))


def parse_schedule(text: str, source: str) -> Schedule:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, [Problem("", f"is not valid JSON: {exc.msg}", exc.lineno)]) from None
    if not isinstance(data, dict):
        raise InputError(source, [Problem("", "must be a JSON object with the schedule fields")])
    try:
        return Schedule.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, problems_of(exc, _nodes_with_lines(text))) from None


def _nodes_with_lines(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=NODE_LOADER)
    except yaml.YAMLError:
        return None
