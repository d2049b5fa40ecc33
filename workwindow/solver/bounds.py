"""Redundant constraints: no schedule is cut off, only fractional ones.

A late group's start is the latest of its members' ready times. In the
linear relaxation a group can be "a little late": its members are split
fractionally between days and crews, and each pays only its fraction. Each
family below counts members who need a late start against the group's
capacity, so a relaxation that puts many of them in a group also pays for
the start in full. Each is implied by the model's own constraints for every
integer schedule, so the optimum does not move; only CP-SAT's bound does.

The explanations' model leaves these out: they lean on the capacity and
station constraints, which the explanation switches off one by one.
"""

import functools
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.models.scenario import Clinic
from workwindow.solver.constraints import Readiness, most_members, starts_from, total
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts
from workwindow.solver.variables import WeekVars


def add_bound_constraints(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, readiness: list[Readiness]
) -> None:
    startable = _startable_by(scenario)
    _slow_members_fill_late_groups(model, scenario, facts, v)
    _late_doses_fill_late_groups(model, scenario, facts.week, readiness)
    _station_waves(model, scenario, facts, v, startable)
    _clinic_waves_across_groups(model, scenario, facts, v, startable)


Startable = Callable[[str, int], int]


def _startable_by(scenario: Scenario) -> Startable:
    """doses_startable_by per clinic id, remembered: the wave families ask it ~200k times a
    week at 3,000 participants, for a few hundred distinct minutes per clinic."""

    @functools.cache
    def startable(clinic_id: str, last: int) -> int:
        return doses_startable_by(scenario.clinics[clinic_id], last)

    return startable


def _slow_members_fill_late_groups(model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars) -> None:
    """Σ{members who cannot be ready before τ, even at their earliest dose} ≤ capacity × [start ≥ τ]."""
    slow: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    for o in facts.all_options:
        if o.group == "late":
            earliest = facts.dose_slots[(o.participant, o.date)][0] + o.offset
            for t in v.later[(o.crew, o.date)]:
                if t <= earliest:
                    slow[(o.crew, o.date, t)].append(v.assign[o])
    for (crew, date, t), xs in slow.items():
        most = most_members(scenario, crew, len(xs), facts.week)
        if most > 1:
            model.add(total(xs) <= most * v.later[(crew, date)][t])


def _late_doses_fill_late_groups(
    model: cp_model.CpModel, scenario: Scenario, week: int, readiness: list[Readiness]
) -> None:
    """The same count with each member's actual dose: the readiness rule summed over a group.

    Each member's term is [dose needs a start ≥ τ] − Σ{other options that
    take such a dose}: at most 1 for a member, at most 0 for anyone else.
    """
    terms: dict[tuple, list[cp_model.LinearExprT]] = defaultdict(list)
    for rule in readiness:
        terms[(rule.option.crew, rule.option.date, rule.later)].append(rule.late_dose - rule.others)
    for (crew, _date, later), members in terms.items():
        most = most_members(scenario, crew, len(members), week)
        if most > 1:
            model.add(total(members) <= most * later)


def doses_startable_by(clinic: Clinic, last: int) -> int:
    """At most this many doses start at the clinic by minute `last`.

    Doses started in (m − length, m] are all in progress at minute m, so
    the windows of one dose length ending at last, last − length, … each
    hold at most the stations free at their end.
    """
    count, moment = 0, last
    while moment >= clinic.morning[0]:
        count += clinic.stations_at(moment)
        moment -= clinic.dose_minutes
    return count


def _station_waves(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, startable: Startable
) -> None:
    """A group whose start is before τ has no more members from a clinic than its stations dose in time.

    Members from clinic k with offset ≥ o who are ready before τ were dosed by
    τ − 1 − o, and no more than doses_startable_by(k, τ − 1 − o) doses start
    by then: Σ members ≤ that + (capacity − that) × [start ≥ τ].
    """
    by_group: dict[tuple, list] = defaultdict(list)
    for o in facts.all_options:
        if o.group == "late":
            by_group[(o.crew, o.date, scenario.participants[o.participant].clinic)].append(o)
    for (crew, date, clinic_id), options in by_group.items():
        later = v.later[(crew, date)]
        for offset in sorted({o.offset for o in options}):
            members = [v.assign[o] for o in options if o.offset >= offset]
            most = most_members(scenario, crew, len(members), facts.week)
            for t, b in later.items():
                fit = startable(clinic_id, t - 1 - offset)
                if fit < most:
                    model.add(total(members) <= fit + (most - fit) * b)


def _clinic_waves_across_groups(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, startable: Startable
) -> None:
    """A clinic's doses after its first waves make some of that day's late groups start late.

    Of the W participants of clinic k working on d, at most
    doses_startable_by(k, T − 1) are dosed before T; each of the others is
    in an ordinary group that takes a dose ≥ T, or in a late group g that
    then starts at T + (g's least offset for k) or later, and g holds at
    most its capacity of them: W − that ≤ Σ{those ordinary places} +
    Σ_g capacity_g × [g starts that late]. Unlike `_station_waves`, one
    inequality spans all of the day's groups, which share the stations.
    """
    by_clinic_day: dict[tuple, list[ParticipantDay]] = defaultdict(list)
    for key in facts.options:
        by_clinic_day[(scenario.participants[key[0]].clinic, key[1])].append(key)
    for (clinic_id, _date), keys in by_clinic_day.items():
        works = total([v.dose_from[key][facts.dose_slots[key][0]] for key in keys])
        options = [o for key in keys for o in facts.options[key]]
        ordinary = [o for o in options if o.group == "ordinary"]
        late = _late_groups_of(scenario, facts.week, options)
        for moment in sorted({t for key in keys for t in facts.dose_slots[key][1:]}):
            dosed_before = startable(clinic_id, moment - 1)
            if dosed_before < len(keys):
                takers = [v.assign[o] for o in ordinary if o.deadline >= moment]
                takers += [most * late_enough for most, late_enough in _late_enough(scenario, v, late, moment)]
                model.add(works - dosed_before <= total(takers))


def _late_groups_of(scenario: Scenario, week: int, options: list[Option]) -> list[tuple[tuple, int, int]]:
    """Each late group among `options`: its crew-day, the least offset, the most members it can take."""
    members: dict[tuple, list[Option]] = defaultdict(list)
    for o in options:
        if o.group == "late":
            members[(o.crew, o.date)].append(o)
    return [
        (crew_day, min(o.offset for o in group), most_members(scenario, crew_day[0], len(group), week))
        for crew_day, group in members.items()
    ]


def _late_enough(
    scenario: Scenario, v: WeekVars, late: list[tuple[tuple, int, int]], moment: int
) -> list[tuple[int, cp_model.IntVar]]:
    """(capacity, "starts late enough for a dose at `moment`") of each late group that can take such a dose."""
    result = []
    for crew_day, offset, most in late:
        late_enough = starts_from(scenario, v, crew_day, moment + offset)
        if late_enough is not None:
            result.append((most, late_enough))
    return result
