"""Scenario and schedule models, and loading them from files.

The names below load with the submodule that defines them, on first use:
pydantic builds a module's model classes when it is imported, so `check`
and `schema`, which never read a schedule, do not build the schedule models.
"""

from typing import TYPE_CHECKING

from workwindow.lazy_names import lazy_names

if TYPE_CHECKING:
    from workwindow.models.fields import OBJECTIVES, REPLAN_STAGES, WEEKDAYS, weekday
    from workwindow.models.loading import read_document, validate_scenario
    from workwindow.models.overrides import apply_overrides, load_scenario, override_scenario
    from workwindow.models.scenario import Scenario
    from workwindow.models.schedule import Schedule
    from workwindow.models.schedule_file import load_schedule
    from workwindow.models.schema import scenario_json_schema
    from workwindow.models.times import format_time, parse_time

_WHERE = {
    "read_document": "loading",
    "validate_scenario": "loading",
    "apply_overrides": "overrides",
    "load_scenario": "overrides",
    "override_scenario": "overrides",
    "OBJECTIVES": "fields",
    "REPLAN_STAGES": "fields",
    "WEEKDAYS": "fields",
    "Scenario": "scenario",
    "weekday": "fields",
    "Schedule": "schedule",
    "load_schedule": "schedule_file",
    "scenario_json_schema": "schema",
    "format_time": "times",
    "parse_time": "times",
}


__getattr__, __dir__ = lazy_names(__name__, _WHERE)

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
