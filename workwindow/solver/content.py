"""What one week's solve depends on, as a key: equal keys, equal results.

What-ifs change a scenario a little; most of their weeks are the base's
weeks again. A week's key holds everything its model, its explanations and
its settings are built from, and nothing from the other weeks: closed days
and away days of this week only, this week's daily cap, and of a participant
who cannot work this week only what still counts (their minimum wanted days
and priority, which are a constant of the shortfall objective).
"""

import dataclasses
import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from workwindow.models import Scenario

if TYPE_CHECKING:
    from workwindow.solver.weeks import WeekJob


def week_key(scenario: Scenario, job: "WeekJob") -> str:
    """A digest of the week's content and of how it is solved."""
    content = {"week": week_content(scenario, job.week), "job": dataclasses.asdict(job)}
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def week_content(scenario: Scenario, week: int) -> dict[str, Any]:
    """The scenario as the week sees it, in a form JSON can hold (order kept: it decides the model)."""
    dates = [scenario.start + dt.timedelta(days=7 * (week - 1) + i) for i in range(7)]
    data = scenario.model_dump(mode="json", by_alias=True, exclude={"name", "weeks", "start", "closed"})
    program = data["program"]
    program["daily_cap"] = scenario.program.daily_cap_in_week(week)
    program["ramp_up"] = week in scenario.program.ramp_up
    data["dates"] = [d.isoformat() for d in dates]
    data["closed"] = [d.isoformat() for d in scenario.closed if d in dates]
    data["participants"] = {
        pid: _participant_in_week(scenario, pid, entry, dates) for pid, entry in data["participants"].items()
    }
    return data


def _participant_in_week(scenario: Scenario, pid: str, entry: dict[str, Any], dates: list[dt.date]) -> dict[str, Any]:
    if not any(scenario.eligible_crews(pid, date) for date in dates):
        return {"want": entry["want"], "priority": entry["priority"]}
    return {**entry, "away": [d.isoformat() for d in scenario.participants[pid].away if d in dates]}
