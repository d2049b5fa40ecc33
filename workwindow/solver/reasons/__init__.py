"""Why an eligible participant got no work on a day: one reason, and a true one.

The first reason that applies, in SPEC order:
- `not_ready`, `afternoon`: no dose time or crew can ever work (from the facts);
- `want_max`: the participant already has their maximum that week;
- then the participant-day is *forced* into the week with everyone else's
  assignments held as scheduled (dose times, late starts and supervisors may
  move), with one more constraint family in force at each step:
  `capacity` if the caps alone refuse it, else `stations` if caps and
  stations refuse it, else `staff` if caps, stations and staffing refuse it;
- `tradeoff` when it fits with all of them: it was left out because it would
  worsen an objective (a later start, one more supervisor-day, …).

Each question is settled by the cheapest argument that settles it exactly:
counting decides the caps (`caps`); a witness (the day as scheduled with this
person added at a free dose slot, the late group started later if need be and
a free supervisor added) proves that it fits; counting the doses that must
start before each deadline against what the stations can start proves that
the stations refuse it (`stations`); a max flow decides the supervisors
(`staff`). Only what these leave open goes to CP-SAT (`day`), on a model of
that one date (with the supervisors' other days as a small side problem), so
the cost does not grow with the size of the week.

Against a deadline the arguments go in order of cost, each for every day
before the next: counting, then witnesses and proofs, then CP-SAT; a day
the deadline leaves open is reported as not decided in the time.

The details say what the shared plan may say: no dose form, observation or
dose time of a participant (`clinic` adds those for the clinic's own use).
"""

import datetime as dt
import math
from collections import Counter

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Unassigned
from workwindow.solver.facts import ParticipantDay, WeekFacts
from workwindow.solver.progress import StopSignal
from workwindow.solver.reasons.caps import full_caps, group_sizes, want_max_detail
from workwindow.solver.reasons.day import CASCADE, QUERY_SECONDS, Day, past, unassigned, undecided

__all__ = ["CASCADE", "QUERY_SECONDS", "explain_week"]


def explain_week(
    scenario: Scenario,
    facts: WeekFacts,
    assignments: list[Assignment],
    groups: list[GroupRun],
    workers: int,
    deadline: float = math.inf,
    stop: StopSignal | None = None,
) -> list[Unassigned]:
    """A reason for every eligible participant-day of the week without work.

    Nothing but counting is done after `deadline` (a `time.monotonic()`
    value), so the explanations of a large week stay within the solve's
    time limit: the reasons from the facts, want_max and the caps are
    always given, and a day that needs more is reported as undecided.
    With no deadline the clock is not read to decide anything. A `stop`
    (Ctrl-C) counts as the deadline, and ends a CP-SAT question in progress.
    """
    working = {(a.participant, a.date) for a in assignments}
    days_in_week = Counter(a.participant for a in assignments)
    explained = [unassigned(key, s.reason, s.detail) for key, s in facts.static_reasons.items()]
    open_days: list[ParticipantDay] = []
    for key in facts.options:
        if key in working:
            continue
        most = scenario.participants[key[0]].want[1]
        if days_in_week[key[0]] >= most:
            explained.append(unassigned(key, "want_max", want_max_detail(days_in_week[key[0]], most, facts.week)))
        else:
            open_days.append(key)
    explained += _forced_reasons(scenario, facts, assignments, groups, open_days, workers, deadline, stop)
    return sorted(explained, key=lambda u: (u.date, u.participant))


def _forced_reasons(
    scenario: Scenario,
    facts: WeekFacts,
    assignments: list[Assignment],
    groups: list[GroupRun],
    open_days: list[ParticipantDay],
    workers: int,
    deadline: float,
    stop: StopSignal | None,
) -> list[Unassigned]:
    """Caps by counting for every open day; then, until `deadline`, the witnesses
    and proofs for all of them before any CP-SAT question, so that what the
    deadline cuts short is the few costly questions, not the many cheap answers.
    """
    reasons, uncapped = [], []
    sizes = group_sizes(groups)
    for key in open_days:
        full = full_caps(scenario, facts, sizes[key[1]], key)
        if full is None:
            uncapped.append(key)
        else:
            reasons.append(unassigned(key, "capacity", full))
    days: dict[dt.date, Day] = {}

    def day(date: dt.date) -> Day:
        if date not in days:
            days[date] = Day(scenario, facts, date, assignments, groups, workers, deadline, stop)
        return days[date]

    asked = []
    for key in uncapped:
        reason = undecided(key) if past(deadline, stop) else day(key[1]).reason(key, ask=False)
        if reason is None:
            asked.append(key)
        else:
            reasons.append(reason)
    for key in asked:
        reason = None if past(deadline, stop) else day(key[1]).reason(key, ask=True)
        reasons.append(reason or undecided(key))
    return reasons
