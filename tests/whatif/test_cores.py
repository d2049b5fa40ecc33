"""Spare cores: without --workers, whole solves fewer than --jobs share the idle cores out as CP-SAT workers."""

import pytest

from tests.conftest import people, tiny
from workwindow.solver import SolveSettings, weeks_are_independent
from workwindow.whatif.compare import Variant, compare
from workwindow.whatif.parallel import workers_each

GIVEN = SolveSettings(time_limit=10, workers=1, explain=False)


@pytest.mark.parametrize(
    ("jobs", "solves", "each"), [(2, 1, 2), (4, 1, 4), (4, 2, 2), (4, 3, 1), (2, 2, 1), (2, 17, 1), (1, 1, 1)]
)
def test_a_batch_of_solves_shares_the_jobs_out(jobs, solves, each):
    assert workers_each(GIVEN, jobs, solves, fill_cores=True) == each


def test_workers_given_or_deterministic_are_never_changed():
    assert workers_each(GIVEN, 4, 1, fill_cores=False) == 1
    deterministic = SolveSettings(workers=1, deterministic=True)
    assert workers_each(deterministic, 4, 1, fill_cores=True) == 1


def test_a_lone_whole_solve_gets_every_job_as_its_workers():
    objective = ["shortfall", "fairness", "participant_days", "late_start", "staff"]
    scenario = tiny(weeks=2, objective=objective, participants=people("injection", "tablet"))
    assert not weeks_are_independent(scenario)  # fairness couples the weeks: solved whole, as the pilot
    base = Variant("base", scenario)

    def workers(settings: SolveSettings, fill_cores: bool) -> int:
        comparison = compare("tiny", base, [], settings, jobs=3, fill_cores=fill_cores)
        return comparison.base.samples[0].schedule.solver.workers

    assert workers(GIVEN, fill_cores=True) == 3
    assert workers(GIVEN, fill_cores=False) == 1
    assert workers(SolveSettings(time_limit=10, workers=1, deterministic=True), fill_cores=True) == 1
