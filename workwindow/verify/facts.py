"""The scenario's rules computed afresh from its raw fields.

The solver reads the same facts through convenience methods on `Scenario`
(`observation_of`, `travel`, `eligible_crews`, …). The checker recomputes
them here from the fields themselves, so a slip in one of those methods
cannot hide in both the plan and its check.
"""

import datetime as dt
import math

from workwindow.models.scenario import Clinic, Participant, Program, Scenario

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day_name(date: dt.date) -> str:
    return DAY_NAMES[date.weekday()]


def last_date(scenario: Scenario) -> dt.date:
    return scenario.start + dt.timedelta(days=7 * scenario.weeks - 1)


def in_horizon(scenario: Scenario, date: dt.date) -> bool:
    return scenario.start <= date <= last_date(scenario)


def week_number(scenario: Scenario, date: dt.date) -> int:
    """1 for the first week of the horizon."""
    return (date - scenario.start).days // 7 + 1


def horizon_weeks(scenario: Scenario) -> range:
    return range(1, scenario.weeks + 1)


def clinic_of(scenario: Scenario, participant: str) -> tuple[str, Clinic]:
    name = scenario.participants[participant].clinic
    if name is None:  # the model fills it in; a single clinic is the default
        name = next(iter(scenario.clinics))
    return name, scenario.clinics[name]


def observation_minutes(scenario: Scenario, participant: str) -> int:
    p = scenario.participants[participant]
    if p.observation is not None:
        return p.observation
    _, clinic = clinic_of(scenario, participant)
    return clinic.observation.injection if p.dose_form == "injection" else clinic.observation.tablet


def travel_minutes(scenario: Scenario, participant: str, crew: str) -> int | None:
    """None when the crew's site lists no travel from p's clinic (only for crews not open to p)."""
    site = scenario.program.crews[crew].site
    clinic_name, _ = clinic_of(scenario, participant)
    return scenario.sites[site].travel.get(clinic_name)


def crews_open_to(scenario: Scenario, p: Participant) -> list[str]:
    return list(scenario.program.crews) if p.crews is None else list(p.crews)


def why_not_eligible(scenario: Scenario, participant: str, crew: str, date: dt.date) -> str | None:
    """Every reason p may not work in crew on date (clauses joined by "and"), or None when p may."""
    p = scenario.participants[participant]
    day = day_name(date)
    crew_days = scenario.program.crews[crew].days
    reasons = []
    if crew not in crews_open_to(scenario, p):
        reasons.append(
            f"{crew} is not one of {participant}'s crews ({', '.join(crews_open_to(scenario, p)) or 'none'})"
        )
    if day not in p.days:
        reasons.append(f"{participant} does not work on {day} (days: {', '.join(p.days)})")
    if date in p.away:
        reasons.append(f"{participant} is away that day")
    if day not in crew_days:
        reasons.append(f"{crew} does not run on {day} (it runs {', '.join(crew_days)})")
    if date in scenario.closed:
        reasons.append("the program is closed that day")
    return " and ".join(reasons) or None


def eligible_crews(scenario: Scenario, participant: str, date: dt.date) -> list[str]:
    p = scenario.participants[participant]
    return [c for c in crews_open_to(scenario, p) if why_not_eligible(scenario, participant, c, date) is None]


def latest_late_start(program: Program) -> int:
    """A late group may not start after latest_start, nor leave less than min_work_minutes."""
    return min(program.latest_start, program.payout - program.min_work_minutes)


def free_stations(clinic: Clinic, minute: int) -> int:
    """Free dosing stations at a minute; a list covers [from, to) and nothing else."""
    if isinstance(clinic.stations, int):
        return clinic.stations
    for slot in clinic.stations:
        if slot.from_ <= minute < slot.to:
            return slot.n
    return 0


def station_breakpoints(clinic: Clinic) -> list[int]:
    """Minutes where the number of free stations may change."""
    if isinstance(clinic.stations, int):
        return []
    return sorted({t for slot in clinic.stations for t in (slot.from_, slot.to)})


def daily_cap(scenario: Scenario, week: int) -> tuple[int | None, str]:
    """The cap on participants per day in a week, and which field sets it."""
    program = scenario.program
    if week in program.ramp_up:
        return program.ramp_up[week], f"ramp_up week {week}"
    return program.daily_cap, "daily_cap"


def supervisors_needed(participants: int, staff_ratio: int | None) -> int:
    if staff_ratio is None or participants == 0:
        return 0
    return math.ceil(participants / staff_ratio)


def staff_crews(scenario: Scenario, supervisor: str) -> list[str]:
    crews = scenario.staff[supervisor].crews
    return list(scenario.program.crews) if crews is None else list(crews)
