"""The `fairness` objective: leximin over the days each participant works in the horizon.

Leximin (the smallest count as large as it can be, then the next smallest,
…) is the lexicographic maximum of (N_1, N_2, …), where N_v counts the
participants with at least v days: two sorted vectors first differ at a
position i, a_i > b_i, exactly when N_v first differs at v = b_i + 1, in a's
favour. Each N_v is one stage over booleans "p has at least v days", so
every stage is a plain count that CP-SAT proves like any other objective.
A level that nobody can reach, proven, ends the family: no later stage can
give anyone more.
"""

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.solver.facts import WeekFacts, back_in_time, earliest_dose, ready_offset

NAME = "fairness"


def could_work(scenario: Scenario) -> list[str]:
    """Who counts: wants work (want[1] > 0), and on some day of the horizon a crew open to them
    runs where they can be ready by the latest late start and back for the afternoon dose."""
    return [pid for pid, p in scenario.participants.items() if p.want[1] > 0 and _some_day(scenario, pid)]


def _some_day(scenario: Scenario, pid: str) -> bool:
    latest = scenario.latest_late_start
    if latest < scenario.program.ordinary_start:
        return False
    return any(
        earliest_dose(scenario, pid) + ready_offset(scenario, pid, crew) <= latest and back_in_time(scenario, pid, crew)
        for date in scenario.dates
        for crew in scenario.eligible_crews(pid, date)
    )


def leximin_days(scenario: Scenario, days: dict[str, int]) -> list[int]:
    """The vector leximin compares: days of each participant who counts, ascending."""
    return sorted(days.get(pid, 0) for pid in could_work(scenario))


def most_days(scenario: Scenario, weeks: list[WeekFacts], pid: str) -> int:
    """The most days p can have in the horizon: want[1] or the days p could work, per week."""
    most = scenario.participants[pid].want[1]
    return sum(min(most, sum(1 for key in facts.options if key[0] == pid)) for facts in weeks)


Levels = list[dict[str, cp_model.IntVar]]
"""Per level v = 1, 2, …: a literal per participant who could reach v, true only if p has ≥ v days."""


def level_literals(model: cp_model.CpModel, counts: dict[str, cp_model.LinearExprT], most: dict[str, int]) -> Levels:
    """The literals of every level a participant could reach, as a unary count below p's days.

    Chained (≥ v + 1 implies ≥ v) and summed (Σ_v [≥ v] ≤ days), so the
    first v literals are true exactly when p has v days or more. Summed over
    everyone, the levels are bounded by the days the caps leave, which the
    LP sees at once (with "days ≥ v if [≥ v]" alone, proving that no more
    people can reach the fourth day of the pilot took 15 s instead of 0.1).
    """
    levels: Levels = [{} for _ in range(max(most.values(), default=0))]
    for pid, count in counts.items():
        mine = [model.new_bool_var(f"fair[{pid},{v}]") for v in range(1, most[pid] + 1)]
        for v, literal in enumerate(mine, start=1):
            levels[v - 1][pid] = literal
            if v > 1:
                model.add_implication(literal, mine[v - 2])
        if mine:
            model.add(sum(mine) <= count)
    return levels


def level_values(levels: Levels, counts: dict[str, int]) -> dict[int, int]:
    """The literals' values, by model index, in a plan with these counts."""
    return {
        literal.Index(): int(counts.get(pid, 0) >= v)
        for v, level in enumerate(levels, start=1)
        for pid, literal in level.items()
    }
