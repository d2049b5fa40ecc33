"""The clinic's version of the reasons: with the dose times, observation and dose form behind them.

The plan is shared between the clinic (HABiO) and the work program (I jobb),
whose supervisors must not learn a participant's dose form; so the details a
plan carries leave out a participant's dose time, observation and dose form.
The clinic asks for them (`--health-details`) and gets them recomputed here
from the scenario, for the console and the report only: never in a file
that travels with the plan.
"""

from workwindow.models import Scenario
from workwindow.models.schedule import Unassigned
from workwindow.solver.facts import WeekFacts, not_ready_detail, week_facts
from workwindow.solver.reasons.day import UNDECIDED
from workwindow.solver.reasons.stations import stations_detail


def with_health_details(scenario: Scenario, unassigned: list[Unassigned]) -> list[Unassigned]:
    """The same reasons, the readiness and station ones told with the participant's own figures."""
    facts: dict[int, WeekFacts] = {}

    def window(u: Unassigned) -> list[int] | None:
        week = scenario.week_of(u.date)
        if week not in facts:
            facts[week] = week_facts(scenario, week)
        return facts[week].dose_slots.get((u.participant, u.date))

    told = []
    for u in unassigned:
        detail = u.detail
        if u.reason == "not_ready":
            crews = scenario.eligible_crews(u.participant, u.date)
            detail = not_ready_detail(scenario, u.participant, crews, health=True) if crews else detail
        elif u.reason == "stations" and detail != UNDECIDED:
            detail = stations_detail(scenario, (u.participant, u.date), window(u))
        told.append(u if detail == u.detail else u.model_copy(update={"detail": detail}))
    return told
