"""Turn a week's solution into the schedule file's records, and the KPIs from those."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, Fairness, GroupRun, Kpis
from workwindow.solver.fairness import leximin_days
from workwindow.solver.lexicographic import Solution
from workwindow.solver.week_model import WeekModel, value


@dataclass(frozen=True)
class WeekPlan:
    assignments: list[Assignment]
    groups: list[GroupRun]


def read_week(week: WeekModel, solution: Solution) -> WeekPlan:
    scenario, v = week.scenario, week.v
    program = scenario.program
    starts = {
        crew_day: max((t for t, b in later.items() if value(solution, b)), default=program.ordinary_start)
        for crew_day, later in v.later.items()
    }
    assignments = []
    for option, x in v.assign.items():
        if not value(solution, x):
            continue
        key = (option.participant, option.date)
        dose = max(t for t, z in v.dose_from[key].items() if value(solution, z))
        start = program.ordinary_start if option.group == "ordinary" else starts[(option.crew, option.date)]
        assignments.append(
            Assignment(
                participant=option.participant,
                date=option.date,
                crew=option.crew,
                group=option.group,
                dose=dose,
                ready=dose + option.offset - option.margin,
                start=start,
                end=program.payout,
            )
        )
    leaders = defaultdict(list)
    for supervision, lead in v.lead.items():
        if value(solution, lead):
            leaders[(supervision.crew, supervision.date)].append(supervision.staff)
    assignments.sort(key=lambda a: (a.date, a.crew, a.group, a.participant))
    return WeekPlan(assignments, _groups(assignments, leaders))


def _groups(assignments: list[Assignment], leaders: dict) -> list[GroupRun]:
    members: dict[tuple, list[Assignment]] = defaultdict(list)
    for a in assignments:
        members[(a.date, a.crew, a.group)].append(a)
    return [
        GroupRun(
            date=date,
            crew=crew,
            group=group,
            start=people[0].start,
            end=people[0].end,
            participants=[a.participant for a in people],
            staff=sorted(leaders.get((crew, date), [])) if group == "late" else [],
        )
        for (date, crew, group), people in sorted(members.items())
    ]


def objective_values(scenario: Scenario, assignments: list[Assignment], groups: list[GroupRun]) -> dict[str, int]:
    """Every objective, whether optimised or not, from the schedule itself.

    `fairness` is reported as the smallest count of its leximin vector
    (`fairness_figures` gives the whole vector), 0 when nobody counts.
    """
    days = _days_by_participant_week(scenario, assignments)
    shortfall = participant_days = 0
    for pid, p in scenario.participants.items():
        for week in range(1, scenario.weeks + 1):
            worked = days.get((pid, week), 0)
            shortfall += p.priority * max(0, p.want[0] - worked)
            participant_days += p.priority * worked
    late = [g for g in groups if g.group == "late"]
    return {
        "shortfall": shortfall,
        "fairness": min(fairness_figures(scenario, assignments).days, default=0),
        "participant_days": participant_days,
        "late_start": sum(g.start - scenario.program.ordinary_start for g in late),
        "staff": sum(len(g.staff) for g in late),
    }


def fairness_figures(scenario: Scenario, assignments: list[Assignment]) -> Fairness:
    return Fairness(days=leximin_days(scenario, Counter(a.participant for a in assignments)))


def kpis(scenario: Scenario, assignments: list[Assignment], groups: list[GroupRun]) -> Kpis:
    late = [g for g in groups if g.group == "late"]
    ordinary = scenario.program.ordinary_start
    days = _days_by_participant_week(scenario, assignments)
    return Kpis(
        participants_served=len({a.participant for a in assignments}),
        days_worked=len(assignments),
        mean_late_start_offset=(round(sum(g.start - ordinary for g in late) / len(late), 2) if late else None),
        station_peak=station_peak(scenario, assignments),
        shortfall=sum(
            max(0, p.want[0] - days.get((pid, week), 0))
            for pid, p in scenario.participants.items()
            for week in range(1, scenario.weeks + 1)
        ),
    )


def station_peak(scenario: Scenario, assignments: list[Assignment]) -> int:
    """Most doses in progress at once at any clinic on any day."""
    doses: dict[tuple, list[int]] = defaultdict(list)
    for a in assignments:
        doses[(scenario.participants[a.participant].clinic, a.date)].append(a.dose)
    peak = 0
    for (clinic, _), starts in doses.items():
        length = scenario.clinics[clinic].dose_minutes
        for moment in starts:
            peak = max(peak, sum(1 for t in starts if t <= moment < t + length))
    return peak


def _days_by_participant_week(scenario: Scenario, assignments: list[Assignment]) -> dict[tuple, int]:
    days: dict[tuple, int] = defaultdict(int)
    for a in assignments:
        days[(a.participant, scenario.week_of(a.date))] += 1
    return days
