"""The `want_max` and `capacity` families: decided by counting alone."""

import datetime as dt
from collections import Counter, defaultdict

from workwindow.models import Scenario
from workwindow.models.schedule import GroupRun
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts


def want_max_detail(days: int, most: int, week: int) -> str:
    return f"already works {days} of at most {most} days in week {week}"


def group_sizes(groups: list[GroupRun]) -> dict[dt.date, Counter]:
    """Members of each (crew, group) by date, counted once for all the week's questions."""
    sizes: dict[dt.date, Counter] = defaultdict(Counter)
    for g in groups:
        sizes[g.date][(g.crew, g.group)] = len(g.participants)
    return sizes


def full_caps(scenario: Scenario, facts: WeekFacts, size: Counter, key: ParticipantDay) -> str | None:
    """The full caps when every option of the day is behind one, else None.

    With everyone else held as scheduled and only the caps in force, dose
    times and late starts can always be moved to fit one more person whose
    option exists at all, so counting decides the capacity question exactly.
    """
    cap, total_today = scenario.program.daily_cap_in_week(facts.week), size.total()
    if cap is not None and total_today >= cap:
        name = f"ramp-up cap of week {facts.week}" if facts.week in scenario.program.ramp_up else "daily cap"
        return f"{name} full ({total_today}/{cap})"
    full = []
    for option in facts.options[key]:
        group_cap = group_capacity(scenario, option)
        taken = size[(option.crew, option.group)]
        if group_cap is None or taken < group_cap:
            return None
        full.append(f"{option.crew} {option.group} group full ({taken}/{group_cap})")
    return "; ".join(full)


def group_capacity(scenario: Scenario, option: Option) -> int | None:
    crew = scenario.program.crews[option.crew]
    return crew.late_capacity if option.group == "late" else crew.ordinary_capacity
