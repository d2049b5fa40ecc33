"""`workwindow schema` prints the shipped copy while it is what the models give, and builds it when not."""

import pytest

from tests.conftest import ROOT
from workwindow import schema_copy
from workwindow.models import scenario_json_schema

RENEW = "run: python -m workwindow.schema_copy > scenario.schema.json"


def test_the_shipped_copy_is_the_schema_the_models_give_now():
    assert schema_copy.SHIPPED.read_text(encoding="utf-8") == scenario_json_schema(), RENEW
    assert schema_copy.STAMP.read_text(encoding="utf-8").strip() == schema_copy.fingerprint(), RENEW
    assert (ROOT / "scenario.schema.json").read_text(encoding="utf-8") == scenario_json_schema() + "\n", RENEW


@pytest.fixture
def copy_elsewhere(tmp_path, monkeypatch):
    shipped, stamp = tmp_path / "scenario.schema.json", tmp_path / "scenario.schema.sha256"
    monkeypatch.setattr(schema_copy, "SHIPPED", shipped)
    monkeypatch.setattr(schema_copy, "STAMP", stamp)
    return shipped, stamp


def test_a_copy_stamped_with_the_models_fingerprint_is_printed_as_it_is(copy_elsewhere):
    shipped, stamp = copy_elsewhere
    shipped.write_text("the shipped copy\n", encoding="utf-8")
    stamp.write_text(schema_copy.fingerprint() + "\n", encoding="utf-8")
    assert schema_copy.scenario_schema_text() == "the shipped copy\n"


@pytest.mark.parametrize("stamp_text", ["0" * 64, None], ids=["models-edited-since", "no-stamp"])
def test_a_copy_from_other_models_is_not_printed_but_the_schema_built(copy_elsewhere, stamp_text):
    shipped, stamp = copy_elsewhere
    shipped.write_text("a stale copy\n", encoding="utf-8")
    if stamp_text is not None:
        stamp.write_text(stamp_text, encoding="utf-8")
    assert schema_copy.scenario_schema_text() == scenario_json_schema()


def test_the_fingerprint_changes_with_a_model_source(tmp_path, monkeypatch):
    models = tmp_path / "models"
    models.mkdir()
    (models / "scenario.py").write_text("class Scenario: ...\n")
    monkeypatch.setattr(schema_copy, "PACKAGE", tmp_path)
    before = schema_copy.fingerprint()
    (models / "scenario.py").write_text("class Scenario: x: int\n")
    assert schema_copy.fingerprint() != before
