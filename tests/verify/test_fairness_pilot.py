"""The pilot with `fairness`: the weeks solved together, and nobody who could work is left without a day."""

from collections import Counter

from workwindow.solver import weeks_are_independent
from workwindow.solver.fairness import could_work
from workwindow.verify import check_plan


def test_every_pilot_participant_who_could_work_gets_a_day_in_the_four_weeks(solved_pilot):
    scenario, schedule = solved_pilot
    days = Counter(a.participant for a in schedule.assignments)
    counted = could_work(scenario)
    assert len(counted) == 24  # P07's fixed 09:00 dose and 40 minutes' observation miss every start
    assert [pid for pid in counted if days[pid] == 0] == []
    assert {"P09", "P12", "P14"} <= set(counted)  # without fairness these got no day at all


def test_the_pilot_is_proven_leximin_optimal_and_its_figures_recomputed_by_verify(solved_pilot):
    scenario, schedule = solved_pilot
    assert not weeks_are_independent(scenario)
    assert schedule.status == "optimal"
    assert schedule.fairness.days[0] == schedule.objectives["fairness"] >= 1
    assert sum(schedule.fairness.days) == schedule.kpis.days_worked  # P07 has none to add
    levels = [s for s in schedule.solver.stages if s.objective == "fairness"]
    assert [s.level for s in levels] == list(range(1, len(levels) + 1))
    assert all(s.week == 0 and s.status == "optimal" for s in levels)
    assert check_plan(scenario, schedule).tally.fairness_days == schedule.fairness.days
