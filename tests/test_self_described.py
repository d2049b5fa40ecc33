"""The project describes its own rules: no pointer outside the repository, every default in the README."""

import re

import pytest

from tests.conftest import ROOT
from workwindow.models.scenario import Crew, Participant, Program, Scenario, Staff

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "scenarios").glob("*.yaml")), *sorted(ROOT.glob("docs/**/*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_no_document_points_outside_the_repository(document):
    text = document.read_text(encoding="utf-8")
    assert "../shared" not in text
    assert not re.search(r"SPEC(\.md| §| section)", text), "the team's SPEC is not the users' to read"


@pytest.mark.parametrize("model", [Scenario, Program, Crew, Staff, Participant], ids=lambda m: m.__name__)
def test_the_readme_gives_every_default(model):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    defaults = readme.split("**Defaults.**", 1)[1].split("**The rules**", 1)[0]
    for name, field in model.model_fields.items():
        if not field.is_required():
            assert f"`{name}`" in defaults, f"{model.__name__}.{name} has a default the README does not give"
