"""The hand-checked small scenario and its valid plan, and ways to edit them."""

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from workwindow.models import Scenario, Schedule, load_scenario
from workwindow.verify import recompute

DATA = Path(__file__).parent / "data"
SCENARIO_FILE = DATA / "small.yaml"
SCHEDULE_FILE = DATA / "small_schedule.json"

Plan = dict
"""A schedule as plain JSON data, easy to edit."""


def small_scenario() -> Scenario:
    return load_scenario(SCENARIO_FILE)


def small_scenario_with(change: Callable[[dict], None]) -> Scenario:
    data = yaml.safe_load(SCENARIO_FILE.read_text(encoding="utf-8"))
    change(data)
    return Scenario.model_validate(data)


def small_plan() -> Plan:
    return json.loads(SCHEDULE_FILE.read_text(encoding="utf-8"))


def as_schedule(plan: Plan) -> Schedule:
    return Schedule.model_validate(plan)


def with_true_tally(scenario: Scenario, plan: Plan) -> Plan:
    """The plan with objectives and KPIs as its entries give them, so only the edit itself shows."""
    found = recompute(scenario, as_schedule(plan))
    plan = dict(plan)
    plan["objectives"] = dict(found.objectives)
    plan["fairness"] = {"days": found.fairness_days}
    plan["kpis"] = {
        "participants_served": found.participants_served,
        "days_worked": found.days_worked,
        "mean_late_start_offset": found.mean_late_start_offset,
        "station_peak": found.station_peak,
        "shortfall": found.shortfall,
    }
    return plan


def assignment(plan: Plan, participant: str, date: str) -> dict:
    return next(a for a in plan["assignments"] if a["participant"] == participant and a["date"] == date)


def group(plan: Plan, date: str, crew: str, kind: str) -> dict:
    return next(g for g in plan["groups"] if g["date"] == date and g["crew"] == crew and g["group"] == kind)


def unassigned(plan: Plan, participant: str, date: str) -> dict:
    return next(u for u in plan["unassigned"] if u["participant"] == participant and u["date"] == date)
