"""Scenario and schedule models, and loading them from files."""

from workwindow.models.loading import read_document, validate_scenario
from workwindow.models.overrides import apply_overrides, load_scenario, override_scenario
from workwindow.models.scenario import OBJECTIVES, REPLAN_STAGES, WEEKDAYS, Scenario, weekday
from workwindow.models.schedule import Schedule
from workwindow.models.schedule_file import load_schedule
from workwindow.models.schema import scenario_json_schema
from workwindow.models.times import format_time, parse_time

__all__ = [
    "OBJECTIVES",
    "REPLAN_STAGES",
    "WEEKDAYS",
    "Scenario",
    "Schedule",
    "apply_overrides",
    "format_time",
    "load_scenario",
    "load_schedule",
    "override_scenario",
    "parse_time",
    "read_document",
    "scenario_json_schema",
    "validate_scenario",
    "weekday",
]
