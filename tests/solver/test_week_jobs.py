"""Weeks solved one by one get the settings `solve` gives them, and a share of the time that fits."""

from workwindow.solver import SolveSettings
from workwindow.solver.horizon import ASSEMBLY_SHARE, EXPLANATION_SHARE, week_jobs


def test_each_pilot_week_gets_one_cp_sat_worker_and_a_quarter_of_the_deterministic_budget(pilot):
    jobs = week_jobs(pilot, SolveSettings(time_limit=100, workers=2, deterministic=True))
    search = 100 * (1 - ASSEMBLY_SHARE) * (1 - EXPLANATION_SHARE)
    assert [job.week for job in jobs] == [1, 2, 3, 4]
    assert {job.settings.workers for job in jobs} == {1}  # two weeks side by side, as solve runs them
    assert {round(job.deterministic_budget, 6) for job in jobs} == {round(search / 4, 6)}


def test_weeks_that_all_run_at_once_each_get_the_whole_search_time(pilot):
    settings = SolveSettings(time_limit=100, workers=2)
    search = 100 * (1 - ASSEMBLY_SHARE) * (1 - EXPLANATION_SHARE)
    two_at_a_time, all_at_once = week_jobs(pilot, settings), week_jobs(pilot, settings, at_once=4)
    assert {round(job.search_seconds, 6) for job in two_at_a_time} == {round(search / 2, 6)}
    assert {round(job.search_seconds, 6) for job in all_at_once} == {round(search, 6)}
