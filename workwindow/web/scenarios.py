"""Opening, checking and saving a scenario of the folder, as the scenario page and the API do it."""

from dataclasses import dataclass, field
from typing import Any

from workwindow.diagnostics import summarize
from workwindow.errors import InputError, Problem
from workwindow.models import Scenario, validate_scenario
from workwindow.models.loading import parse_document
from workwindow.web import editing
from workwindow.web.folder import FileVersion, ScenarioFolder
from workwindow.web.forms import apply_form


@dataclass(frozen=True)
class Checked:
    """A scenario's text with what `check` says of it: the problems that stop it, or its warnings."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    """The plain data where the YAML could be read (also when it is not valid)."""
    scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)
    paragraph: str | None = None
    """The sentence `check` prints for the problems."""
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.scenario is not None

    def problems_json(self) -> list[dict[str, Any]]:
        return [{"field": p.field, "message": p.message, "line": p.line} for p in self.problems]


def check_text(text: str, source: str) -> Checked:
    """What `workwindow check` finds in the text, without raising."""
    try:
        document = parse_document(text, source)
    except InputError as exc:
        return Checked(text, problems=exc.problems, paragraph=exc.paragraph())
    data = document.data if isinstance(document.data, dict) else {}
    try:
        scenario = validate_scenario(document)
    except InputError as exc:
        return Checked(text, data, problems=exc.problems, paragraph=exc.paragraph())
    return Checked(text, data, scenario, warnings=summarize(scenario).warnings)


def open_scenario(folder: ScenarioFolder, name: str) -> tuple[FileVersion, Checked]:
    version = folder.read(name)
    return version, check_text(version.text, name)


def edited(version: FileVersion, sent: dict) -> Checked:
    """The file's text with the page's form applied, checked; form values that cannot be read are problems too."""
    data = check_text(version.text, version.name).data
    problems: list[Problem] = []
    text = editing.edited_text(version.text, lambda document: apply_form(document, data, sent, problems), version.name)
    if problems:
        return Checked(text, data, problems=problems, paragraph=InputError(version.name, problems).paragraph())
    return check_text(text, version.name)
