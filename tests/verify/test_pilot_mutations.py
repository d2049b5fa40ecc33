"""Break one rule of the solved pilot at a time: verify catches each with its kind and numbers."""

import json
from collections import Counter

from click.testing import CliRunner

from tests.conftest import PILOT
from workwindow.cli import main
from workwindow.models import Schedule
from workwindow.models.times import format_time
from workwindow.verify import verify


def plan_of(schedule: Schedule) -> dict:
    return json.loads(schedule.to_json())


def kinds(scenario, plan: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for v in verify(scenario, Schedule.model_validate(plan)):
        found.setdefault(v.kind, []).append(v.message)
    return found


def first_late(plan: dict) -> tuple[dict, dict]:
    """The first late group with a supervisor, and its first member's assignment."""
    group = next(g for g in plan["groups"] if g["group"] == "late" and g["staff"])
    member = next(
        a for a in plan["assignments"] if (a["date"], a["crew"], a["group"]) == (group["date"], group["crew"], "late")
    )
    return group, member


def test_the_solved_pilot_file_is_valid_on_the_command_line(solved_pilot, tmp_path):
    _, schedule = solved_pilot
    path = tmp_path / "pilot.json"
    path.write_text(schedule.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", str(PILOT), str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"valid: shortfall {schedule.objectives['shortfall']}, ")


def test_a_dose_after_the_morning_window_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    _, member = first_late(plan)
    member["dose"] = "10:05"
    found = kinds(scenario, plan)
    assert any(member["participant"] in m and "10:05" in m and "08:00–10:00" in m for m in found["dose_window"])
    assert "ready_reported" in found and "ready" in found


def test_a_late_group_started_before_its_members_are_ready_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    earlier = format_time(scenario.program.ordinary_start)
    member = next(a for a in plan["assignments"] if a["group"] == "late" and a["ready"] > earlier)
    key = (member["date"], member["crew"], "late")
    for entry in [*plan["assignments"], *plan["groups"]]:
        if (entry["date"], entry["crew"], entry["group"]) == key:
            entry["start"] = earlier
    found = kinds(scenario, plan)
    assert any(
        m.startswith(f"{member['participant']} on {member['date']}: ready {member['ready']}")
        and f"starts {earlier}" in m
        for m in found["ready"]
    )


def test_a_late_group_without_its_supervisor_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    group, _ = first_late(plan)
    group["staff"] = []
    found = kinds(scenario, plan)
    assert any(group["date"] in m and "0 supervisors" in m for m in found["staff"])
    assert "objective" in found  # staff objective no longer matches


def test_a_day_beyond_the_ramp_up_cap_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    per_day = Counter(a["date"] for a in plan["assignments"])
    entry = next(u for u in plan["unassigned"] if per_day[u["date"]] == 3 and u["date"] < "2024-03-18")
    source = next(a for a in plan["assignments"] if a["date"] == entry["date"])
    plan["unassigned"].remove(entry)
    plan["assignments"].append({**source, "participant": entry["participant"]})
    group = next(
        g
        for g in plan["groups"]
        if (g["date"], g["crew"], g["group"]) == (source["date"], source["crew"], source["group"])
    )
    group["participants"].append(entry["participant"])
    found = kinds(scenario, plan)
    assert any(entry["date"] in m and "4 participants" in m and "ramp_up week 1" in m for m in found["daily_cap"])


def test_work_on_a_day_the_crew_does_not_run_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    wednesday = "2024-03-13"
    moved = next(
        a
        for a in plan["assignments"]
        if a["crew"] == "gaterydding"
        and "wed" in scenario.participants[a["participant"]].days
        and wednesday not in {str(d) for d in scenario.participants[a["participant"]].away}
    )
    for g in plan["groups"]:
        if (g["date"], g["crew"], g["group"]) == (moved["date"], moved["crew"], moved["group"]):
            g["participants"].remove(moved["participant"])
    moved["date"] = wednesday
    found = kinds(scenario, plan)
    assert any("gaterydding does not run on wed" in m for m in found["not_eligible"])
    assert "group" in found


def test_more_days_than_wanted_is_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    entry = next(u for u in plan["unassigned"] if u["reason"] == "want_max")
    pid = entry["participant"]
    plan["unassigned"].remove(entry)
    plan["assignments"].append(
        {
            "participant": pid,
            "date": entry["date"],
            "crew": scenario.participants[pid].crews[0],
            "group": "ordinary",
            "dose": "08:00",
            "ready": "09:00",
            "start": "09:00",
            "end": "12:00",
        }
    )
    found = kinds(scenario, plan)
    assert any(pid in m and f"at most {scenario.participants[pid].want[1]}" in m for m in found["want_max"])


def test_misreported_pilot_objectives_are_caught(solved_pilot):
    scenario, schedule = solved_pilot
    plan = plan_of(schedule)
    plan["objectives"]["late_start"] += 5
    found = kinds(scenario, plan)
    assert list(found) == ["objective"]
    assert f"gives {schedule.objectives['late_start']}" in found["objective"][0]
