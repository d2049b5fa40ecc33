"""An independent brute-force solver for tiny scenarios, to check the real one against.

It shares nothing with workwindow/solver. Each working day is enumerated on
its own: every way to put the eligible participants into crews and groups
(or not at all), and for each, whether late starts, dose times and
supervisors exist that make it feasible. A day's outcome is summed up as
(who works, which supervisors lead, least total late start); the horizon
(one week or two) is then every combination of those outcomes that keeps
want[1] and max_days in each week, and the lexicographic optimum of the
scenario's objective order is picked. `fairness` is compared as its whole
leximin vector: the days of each participant who wants work and could work
on some day, ascending.

Three facts keep the search small, each argued where it is used:
- a late group never needs more supervisors than ceil(n / staff_ratio);
- feasibility only improves when a late group starts later (monotone), so
  the least late start is found by scanning starts upwards;
- dose times are placed by a greedy that is exact for equal-length doses
  with a common earliest start (`doses_fit`), and tested against plain
  enumeration in tests/verify/test_brute_force.py.
"""

import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from workwindow.models.scenario import Clinic, Scenario

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_PARTICIPANTS, MAX_DAYS, MAX_CREWS = 4, 2, 2


@dataclass(frozen=True)
class Dose:
    """One worker's dose to place: fixed start, or any grid start in [earliest, latest]."""

    earliest: int
    latest: int
    fixed: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What one day's plan contributes to the week."""

    workers: frozenset[str]
    supervisors: frozenset[str]
    late_start: int


Value = int | tuple[int, ...]
"""An objective's value; fairness's is its leximin vector."""


def optimum(scenario: Scenario) -> tuple[Value, ...]:
    """The lexicographic optimum, one value per objective in the scenario's objective order."""
    _check_tiny(scenario)
    dates = _dates(scenario)
    per_day = [day_outcomes(scenario, date) for date in dates]
    best: tuple | None = None
    for combination in itertools.product(*per_day):
        values = _horizon_values(scenario, dict(zip(dates, combination, strict=True)))
        if values is None:
            continue
        key = tuple(_minimised(name, values[name]) for name in scenario.objective)
        best = key if best is None or key < best else best
    assert best is not None, "the empty plan is always feasible"
    return tuple(_minimised(name, v) for name, v in zip(scenario.objective, best, strict=True))


def _minimised(name: str, value: Value) -> Value:
    """Maximised objectives negated (an involution): a leximin vector is larger when its negation is smaller."""
    if name == "fairness":
        return tuple(-v for v in value)  # type: ignore[union-attr]
    return -value if name == "participant_days" else value  # type: ignore[operator]


def day_outcomes(scenario: Scenario, date: dt.date) -> list[Outcome]:
    """Every distinct day outcome, each with its least late start."""
    least: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    for plan in _day_plans(scenario, date):
        for supervisors, late_start in _ways_to_run(scenario, date, plan):
            key = (frozenset(plan), supervisors)
            least[key] = min(late_start, least.get(key, late_start))
    return [Outcome(workers, sups, late) for (workers, sups), late in least.items()]


# -- the week ---------------------------------------------------------------


def _horizon_values(scenario: Scenario, outcomes: dict[dt.date, Outcome]) -> dict[str, Value] | None:
    """Objective values of the horizon, or None when a week breaks want[1] or max_days."""
    weeks = [[o for date, o in outcomes.items() if _week_of(scenario, date) == w] for w in range(1, scenario.weeks + 1)]
    per_week = [Counter(pid for outcome in week for pid in outcome.workers) for week in weeks]
    for week, days in zip(weeks, per_week, strict=True):
        led = Counter(s for outcome in week for s in outcome.supervisors)
        if any(days[pid] > p.want[1] for pid, p in scenario.participants.items()):
            return None
        if any(led[s] > scenario.staff[s].max_days for s in led):
            return None
    total = sum(per_week, Counter())
    people = scenario.participants.items()
    return {
        "shortfall": sum(p.priority * max(0, p.want[0] - days[pid]) for days in per_week for pid, p in people),
        "fairness": tuple(sorted(total[pid] for pid in _could_work(scenario))),
        "participant_days": sum(p.priority * total[pid] for pid, p in people),
        "late_start": sum(outcome.late_start for outcome in outcomes.values()),
        "staff": sum(len(outcome.supervisors) for outcome in outcomes.values()),
    }


def _could_work(scenario: Scenario) -> list[str]:
    """Wants work and has a place on some day, judged on its own."""
    return [
        pid
        for pid, p in scenario.participants.items()
        if p.want[1] > 0 and any(_places(scenario, pid, date) for date in _dates(scenario))
    ]


def _week_of(scenario: Scenario, date: dt.date) -> int:
    return (date - scenario.start).days // 7 + 1


# -- one day: who goes where ---------------------------------------------------

Place = tuple[str, str]
"""(crew, "ordinary" | "late")."""


def _day_plans(scenario: Scenario, date: dt.date) -> Iterator[dict[str, Place]]:
    """Every assignment of the day's participants that keeps eligibility and the caps."""
    options = {pid: [None, *_places(scenario, pid, date)] for pid in scenario.participants}
    pids = list(options)
    cap = scenario.program.ramp_up.get(_week_of(scenario, date), scenario.program.daily_cap)
    for choice in itertools.product(*(options[pid] for pid in pids)):
        plan = {pid: place for pid, place in zip(pids, choice, strict=True) if place is not None}
        if cap is not None and len(plan) > cap:
            continue
        if all(_within_capacity(scenario, place, n) for place, n in Counter(plan.values()).items()):
            yield plan


def _places(scenario: Scenario, pid: str, date: dt.date) -> list[Place]:
    """Crew and group p could join that day, judged on its own (earliest dose, payout, travel)."""
    p, program = scenario.participants[pid], scenario.program
    day = DAY_NAMES[date.weekday()]
    if day not in p.days or date in p.away or date in scenario.closed:
        return []
    clinic = scenario.clinics[p.clinic]
    first_dose = p.morning_dose if p.morning_dose is not None else clinic.morning[0]
    places = []
    for c in p.crews:
        crew = program.crews[c]
        if day not in crew.days:
            continue
        travel = scenario.sites[crew.site].travel[p.clinic]
        if program.payout + travel > clinic.afternoon[1] - clinic.dose_minutes:
            continue
        earliest_ready = first_dose + _offset(scenario, pid, c)
        if earliest_ready <= program.ordinary_start and program.payout - program.ordinary_start >= (
            program.min_work_minutes
        ):
            places.append((c, "ordinary"))
        if earliest_ready <= _latest_late_start(scenario) and program.ordinary_start <= _latest_late_start(scenario):
            places.append((c, "late"))
    return places


def _within_capacity(scenario: Scenario, place: Place, n: int) -> bool:
    crew, group = place
    cap = getattr(scenario.program.crews[crew], f"{group}_capacity")
    return cap is None or n <= cap


# -- one day: starts, supervisors, doses ---------------------------------------


def _ways_to_run(scenario: Scenario, date: dt.date, plan: dict[str, Place]) -> Iterator[tuple[frozenset[str], int]]:
    """Each supervisor choice that works, with the least total late start it allows.

    Adding a supervisor beyond ceil(n / staff_ratio) never makes a plan
    feasible and only adds staff and max_days use, so exactly that many are
    chosen per late group.
    """
    late_crews = sorted({crew for crew, group in plan.values() if group == "late"})
    if len(late_crews) > MAX_CREWS:
        raise ValueError("the brute force handles at most two crews")
    grid = _late_start_grid(scenario)
    if not late_crews:
        if _doses_fit_at(scenario, plan, {}):
            yield frozenset(), 0
        return
    frontier = _start_frontier(scenario, plan, late_crews, grid)
    if not frontier:
        return
    for leaders in _supervisor_choices(scenario, date, plan, late_crews):
        lower = [max([grid[0], *(_earliest_start_for(scenario, s) for s in leaders[c])]) for c in late_crews]
        best = _least_start_sum(frontier, lower, grid[-1])
        if best is not None:
            chosen = frozenset(s for c in late_crews for s in leaders[c])
            yield chosen, best - len(late_crews) * scenario.program.ordinary_start


def _start_frontier(
    scenario: Scenario, plan: dict[str, Place], late_crews: list[str], grid: list[int]
) -> list[tuple[int, ...]]:
    """The least feasible start vectors for the doses: every feasible vector lies above one.

    Starting later only loosens the ready deadlines, so the feasible starts
    form an up-set; for each start of the first crew the second needs only
    its least feasible start, which never grows as the first starts later.
    """
    if len(late_crews) == 1:
        (crew,) = late_crews
        least = next((s for s in grid if _doses_fit_at(scenario, plan, {crew: s})), None)
        return [] if least is None else [(least,)]
    first, second = late_crews
    frontier: list[tuple[int, ...]] = []
    upper = len(grid) - 1
    for s1 in grid:
        if not _doses_fit_at(scenario, plan, {first: s1, second: grid[upper]}):
            continue
        while upper > 0 and _doses_fit_at(scenario, plan, {first: s1, second: grid[upper - 1]}):
            upper -= 1
        frontier.append((s1, grid[upper]))
    return frontier


def _least_start_sum(frontier: list[tuple[int, ...]], lower: list[int], last: int) -> int | None:
    """Least sum of starts that is feasible, at or above the supervisors' lower bounds.

    Every feasible vector lies above a frontier point, so raising each
    frontier point to the bounds (and no further than the last grid start)
    gives every candidate worth trying.
    """
    raised = [[max(s, low) for s, low in zip(point, lower, strict=True)] for point in frontier]
    return min((sum(starts) for starts in raised if max(starts) <= last), default=None)


def _supervisor_choices(
    scenario: Scenario, date: dt.date, plan: dict[str, Place], late_crews: list[str]
) -> Iterator[dict[str, tuple[str, ...]]]:
    needs = {c: _needed(scenario, c, sum(1 for place in plan.values() if place == (c, "late"))) for c in late_crews}
    day = DAY_NAMES[date.weekday()]
    able = {
        c: [
            s
            for s, member in scenario.staff.items()
            if c in member.crews
            and day in member.days
            and scenario.program.payout <= member.hours[1]
            and member.max_days >= 1
        ]
        for c in late_crews
    }

    def choose(i: int, taken: frozenset[str]) -> Iterator[dict[str, tuple[str, ...]]]:
        if i == len(late_crews):
            yield {}
            return
        crew = late_crews[i]
        for group in itertools.combinations([s for s in able[crew] if s not in taken], needs[crew]):
            for rest in choose(i + 1, taken | set(group)):
                yield {crew: group, **rest}

    yield from choose(0, frozenset())


def _needed(scenario: Scenario, crew: str, n: int) -> int:
    ratio = scenario.program.crews[crew].staff_ratio
    return 0 if ratio is None else math.ceil(n / ratio)


def _earliest_start_for(scenario: Scenario, supervisor: str) -> int:
    """The first grid start a supervisor can be there for, staff_prep_minutes ahead."""
    arrive = scenario.staff[supervisor].hours[0] + scenario.program.staff_prep_minutes
    return -(-arrive // scenario.time_step) * scenario.time_step


def _doses_fit_at(scenario: Scenario, plan: dict[str, Place], late_starts: dict[str, int]) -> bool:
    """Whether every worker can get a dose in time, clinic by clinic."""
    by_clinic: dict[str, list[Dose]] = {}
    for pid, (crew, group) in plan.items():
        p = scenario.participants[pid]
        clinic = scenario.clinics[p.clinic]
        deadline = scenario.program.ordinary_start if group == "ordinary" else late_starts[crew]
        latest = min(clinic.morning[1], deadline - _offset(scenario, pid, crew))
        latest -= latest % scenario.time_step
        by_clinic.setdefault(p.clinic, []).append(Dose(clinic.morning[0], latest, p.morning_dose))
    return all(doses_fit(scenario.clinics[k], doses, scenario.time_step) for k, doses in by_clinic.items())


def doses_fit(clinic: Clinic, doses: list[Dose], step: int) -> bool:
    """Whether grid start times exist for all doses without more at once than free stations.

    Fixed doses are placed first. The others share one earliest start (the
    window opens for all) and one length, so two of them can swap times;
    hence some solution, if any exists, gives them starts in the order of
    their latest starts. Placing each, in that order, at the first time that
    fits (and not before the previous one) is then exact: an earlier place
    occupies, from the later place's start on, only what the later place
    would, and everything after starts no earlier.
    """
    busy: Counter[int] = Counter()
    for dose in doses:
        if dose.fixed is not None and (dose.fixed > dose.latest or not _take(clinic, busy, dose.fixed)):
            return False
    previous = min((dose.earliest for dose in doses), default=0)
    for dose in sorted((d for d in doses if d.fixed is None), key=lambda d: d.latest):
        start = max(dose.earliest, previous)
        while start <= dose.latest and not _take(clinic, busy, start):
            start += step
        if start > dose.latest:
            return False
        previous = start
    return True


def _take(clinic: Clinic, busy: Counter[int], start: int) -> bool:
    minutes = range(start, start + clinic.dose_minutes)
    if any(busy[m] + 1 > _free(clinic, m) for m in minutes):
        return False
    for m in minutes:
        busy[m] += 1
    return True


def _free(clinic: Clinic, minute: int) -> int:
    if isinstance(clinic.stations, int):
        return clinic.stations
    return next((slot.n for slot in clinic.stations if slot.from_ <= minute < slot.to), 0)


# -- small facts ---------------------------------------------------------------


def _offset(scenario: Scenario, pid: str, crew: str) -> int:
    """Minutes from dose start to ready at the crew's site."""
    p = scenario.participants[pid]
    clinic = scenario.clinics[p.clinic]
    observation = p.observation if p.observation is not None else getattr(clinic.observation, p.dose_form)
    travel = scenario.sites[scenario.program.crews[crew].site].travel[p.clinic]
    return clinic.dose_minutes + observation + travel


def _latest_late_start(scenario: Scenario) -> int:
    program = scenario.program
    latest = min(program.latest_start, program.payout - program.min_work_minutes)
    return latest - latest % scenario.time_step


def _late_start_grid(scenario: Scenario) -> list[int]:
    return list(range(scenario.program.ordinary_start, _latest_late_start(scenario) + 1, scenario.time_step))


def _dates(scenario: Scenario) -> list[dt.date]:
    """The days on which some crew runs; on the others nobody can work."""
    dates = [scenario.start + dt.timedelta(days=i) for i in range(7 * scenario.weeks)]
    return [
        d
        for d in dates
        if d not in scenario.closed
        and any(DAY_NAMES[d.weekday()] in crew.days for crew in scenario.program.crews.values())
    ]


def _check_tiny(scenario: Scenario) -> None:
    if (
        len(scenario.participants) > MAX_PARTICIPANTS
        or len(_dates(scenario)) > MAX_DAYS
        or len(scenario.program.crews) > MAX_CREWS
        or scenario.weeks > 2
    ):
        raise ValueError("the brute force is for one or two weeks, ≤ 4 participants, ≤ 2 working days, ≤ 2 crews")
