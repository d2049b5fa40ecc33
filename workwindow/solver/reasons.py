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
counting decides the caps; a witness (the day as scheduled with this person
added at a free dose slot, the late group started later if need be and a
free supervisor added) proves that it fits; counting the doses that must
start before each deadline against what the stations can start proves that
the stations refuse it. Only what these leave open goes to CP-SAT, on a
model of that one date (with the supervisors' other days as a small side
problem), so the cost does not grow with the size of the week.

Against a deadline the arguments go in order of cost, each for every day
before the next: counting, then witnesses and proofs, then CP-SAT; a day
the deadline leaves open is reported as not decided in the time.
"""

import datetime as dt
import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from workwindow.models import Scenario, format_time, weekday
from workwindow.models.schedule import Assignment, GroupRun, Unassigned
from workwindow.solver.bounds import doses_startable_by
from workwindow.solver.constraints import total
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts, day_facts
from workwindow.solver.lexicographic import SolverFailure
from workwindow.solver.week_model import WeekModel, build_week_model

QUERY_SECONDS = 5.0
CASCADE = (("capacity", "stations"), ("capacity", "stations", "staff"))


def explain_week(
    scenario: Scenario,
    facts: WeekFacts,
    assignments: list[Assignment],
    groups: list[GroupRun],
    workers: int,
    deadline: float = math.inf,
) -> list[Unassigned]:
    """A reason for every eligible participant-day of the week without work.

    Nothing but counting is done after `deadline` (a `time.monotonic()`
    value), so the explanations of a large week stay within the solve's
    time limit: the reasons from the facts, want_max and the caps are
    always given, and a day that needs more is reported as undecided.
    With no deadline the clock is not read to decide anything.
    """
    working = {(a.participant, a.date) for a in assignments}
    days_in_week = Counter(a.participant for a in assignments)
    explained = [_unassigned(key, s.reason, s.detail) for key, s in facts.static_reasons.items()]
    open_days: list[ParticipantDay] = []
    for key in facts.options:
        if key in working:
            continue
        most = scenario.participants[key[0]].want[1]
        if days_in_week[key[0]] >= most:
            detail = f"already works {days_in_week[key[0]]} of at most {most} days in week {facts.week}"
            explained.append(_unassigned(key, "want_max", detail))
        else:
            open_days.append(key)
    explained += _forced_reasons(scenario, facts, assignments, groups, open_days, workers, deadline)
    return sorted(explained, key=lambda u: (u.date, u.participant))


def _forced_reasons(
    scenario: Scenario,
    facts: WeekFacts,
    assignments: list[Assignment],
    groups: list[GroupRun],
    open_days: list[ParticipantDay],
    workers: int,
    deadline: float,
) -> list[Unassigned]:
    """Caps by counting for every open day; then, until `deadline`, the witnesses
    and proofs for all of them before any CP-SAT question, so that what the
    deadline cuts short is the few costly questions, not the many cheap answers.
    """
    reasons, uncapped = [], []
    sizes = _group_sizes(groups)
    for key in open_days:
        full = _full_caps(scenario, facts, sizes[key[1]], key)
        if full is None:
            uncapped.append(key)
        else:
            reasons.append(_unassigned(key, "capacity", full))
    days: dict[dt.date, _Day] = {}

    def day(date: dt.date) -> _Day:
        if date not in days:
            days[date] = _Day(scenario, facts, date, assignments, groups, workers, deadline)
        return days[date]

    asked = []
    for key in uncapped:
        reason = day(key[1]).reason(key, ask=False) if time.monotonic() < deadline else _undecided(key)
        if reason is None:
            asked.append(key)
        else:
            reasons.append(reason)
    for key in asked:
        reason = day(key[1]).reason(key, ask=True) if time.monotonic() < deadline else None
        reasons.append(reason or _undecided(key))
    return reasons


def _group_sizes(groups: list[GroupRun]) -> dict[dt.date, Counter]:
    """Members of each (crew, group) by date, counted once for all the week's questions."""
    sizes: dict[dt.date, Counter] = defaultdict(Counter)
    for g in groups:
        sizes[g.date][(g.crew, g.group)] = len(g.participants)
    return sizes


def _full_caps(scenario: Scenario, facts: WeekFacts, size: Counter, key: ParticipantDay) -> str | None:
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
        crew = scenario.program.crews[option.crew]
        group_cap = crew.late_capacity if option.group == "late" else crew.ordinary_capacity
        taken = size[(option.crew, option.group)]
        if group_cap is None or taken < group_cap:
            return None
        full.append(f"{option.crew} {option.group} group full ({taken}/{group_cap})")
    return "; ".join(full)


@dataclass
class _Day:
    """One date as scheduled, and the questions about adding one more person to it."""

    scenario: Scenario
    facts: WeekFacts
    date: dt.date
    assignments: list[Assignment]
    groups: list[GroupRun]
    workers: int
    deadline: float
    _free_stations: dict[str, dict[int, int]] = field(default_factory=dict)
    _staffed: dict[tuple[tuple, int], bool] = field(default_factory=dict)
    """The flow's answer by (crew, date) and its supervisors needed: the same for everyone
    who would join that group, and a flow over the week's supervisions costs ~1 ms."""
    _model: WeekModel | None = None

    def __post_init__(self) -> None:
        self.held = [a for a in self.assignments if a.date == self.date]
        self.runs = {(g.crew, g.group): g for g in self.groups if g.date == self.date}
        self.supervisors_needed = {
            (g.crew, g.date): math.ceil(len(g.participants) / ratio)
            for g in self.groups
            if g.group == "late" and (ratio := self.scenario.program.crews[g.crew].staff_ratio) is not None
        }

    def reason(self, key: ParticipantDay, *, ask: bool) -> Unassigned | None:
        """The first reason that applies; None when only CP-SAT can settle it and `ask`
        is off, or when CP-SAT could not settle it in the time left."""
        options = [o for o in self.facts.options[key] if self._within_caps(o)]
        dosed = [o for o in options if self._doses_fit(o)]
        if not dosed:
            if self._stations_refuse(key, options):
                return _unassigned(key, "stations", self._stations_detail(key))
            fits = self._solver_fits(key, CASCADE[0]) if ask else None
            if fits is None:
                return None
            if not fits:
                return _unassigned(key, "stations", self._stations_detail(key))
        staffable = [o for o in options if self._supervisors_suffice(o)]
        if not staffable:
            return _unassigned(key, "staff", self._staff_detail(key))
        if any(o in staffable for o in dosed):
            return _unassigned(key, "tradeoff", self._tradeoff_detail(key))
        fits = self._solver_fits(key, CASCADE[1]) if ask else None
        if fits is None:
            return None
        if not fits:
            return _unassigned(key, "staff", self._staff_detail(key))
        return _unassigned(key, "tradeoff", self._tradeoff_detail(key))

    # -- witnesses: the day as scheduled with one more person ---------------

    def _within_caps(self, option: Option) -> bool:
        crew = self.scenario.program.crews[option.crew]
        cap = crew.late_capacity if option.group == "late" else crew.ordinary_capacity
        group = self.runs.get((option.crew, option.group))
        return cap is None or (len(group.participants) if group else 0) < cap

    def _doses_fit(self, option: Option) -> bool:
        """A witness that the stations allow this option: a free slot beside the others' doses
        as scheduled, or else all of the clinic's doses that day placed anew, earliest deadline first."""
        return self._dose_for(option) is not None or self._doses_replaced(option)

    def _doses_replaced(self, option: Option) -> bool:
        clinic_id = self.scenario.participants[option.participant].clinic
        clinic = self.scenario.clinics[clinic_id]
        people = [
            ((a.participant, a.date), self._deadline(a))
            for a in self.held
            if self.scenario.participants[a.participant].clinic == clinic_id
        ]
        people.append(((option.participant, option.date), self._latest_dose(option)))
        free = {m: clinic.stations_at(m) for m in range(clinic.morning[0], clinic.morning[1] + clinic.dose_minutes)}
        length = clinic.dose_minutes
        placed: set[ParticipantDay] = set()

        def place(key: ParticipantDay, t: int) -> None:
            placed.add(key)
            for m in range(t, t + length):
                free[m] = free.get(m, 0) - 1

        waiting: dict[int, list[tuple[int, ParticipantDay]]] = defaultdict(list)
        for key, deadline in people:
            slots = [t for t in self.facts.dose_slots[key] if t <= deadline]
            if len(slots) == 1:
                place(key, slots[0])
            else:
                for t in slots:
                    waiting[t].append((deadline, key))
        if any(n < 0 for n in free.values()):
            return False
        for t in sorted(waiting):
            for _, key in sorted(waiting[t]):
                if key not in placed and all(free.get(m, 0) >= 1 for m in range(t, t + length)):
                    place(key, t)
        return len(placed) == len(people)

    def _dose_for(self, option: Option) -> int | None:
        """The earliest dose slot free beside the others' doses as scheduled that this option can use."""
        key = (option.participant, option.date)
        clinic_id = self.scenario.participants[option.participant].clinic
        length = self.scenario.clinics[clinic_id].dose_minutes
        free = self._free(clinic_id)
        last = self._last_start(option) - option.offset if option.group == "late" else option.deadline
        for t in self.facts.dose_slots[key]:
            if t > last:
                return None
            if all(free.get(m, 0) >= 1 for m in range(t, t + length)):
                return t
        return None

    def _free(self, clinic_id: str) -> dict[int, int]:
        """Stations free at each minute of the morning beside the doses as scheduled."""
        if clinic_id not in self._free_stations:
            clinic = self.scenario.clinics[clinic_id]
            first = clinic.morning[0]
            minutes = range(first, clinic.morning[1] + clinic.dose_minutes)
            free = {m: clinic.stations_at(m) for m in minutes}
            for a in self.held:
                if self.scenario.participants[a.participant].clinic == clinic_id:
                    for m in range(a.dose, a.dose + clinic.dose_minutes):
                        free[m] = free.get(m, 0) - 1
            self._free_stations[clinic_id] = free
        return self._free_stations[clinic_id]

    def _last_start(self, option: Option) -> int:
        return self.facts.start_slots[(option.crew, option.date)][-1]

    def _supervisors_suffice(self, option: Option) -> bool:
        """Whether the week's supervisors can staff every late group with this option taken.

        Exact for the staff family: any late group may start at its latest
        slot (everyone is ready by then), which lets the most supervisors
        lead it, and supervisors may move between groups on every day. What
        is left is a flow: supervisors (max_days) → their days (one group a
        day) → groups they can lead → each group's ceil(n / staff_ratio).
        """
        ratio = self.scenario.program.crews[option.crew].staff_ratio
        if option.group == "ordinary" or ratio is None:
            return True
        crew_day = (option.crew, option.date)
        group = self.runs.get((option.crew, "late"))
        need = math.ceil(((len(group.participants) if group else 0) + 1) / ratio)
        if (crew_day, need) not in self._staffed:
            needs = {**self.supervisors_needed, crew_day: need}
            self._staffed[(crew_day, need)] = _staffable(self.scenario, self.facts, needs)
        return self._staffed[(crew_day, need)]

    # -- a proof that the stations refuse -----------------------------------

    def _stations_refuse(self, key: ParticipantDay, options: list[Option]) -> bool:
        """More doses must start by some minute than the clinic's stations can start by then.

        Everyone's dose must start by a deadline (the ordinary group's, or
        for a late group the latest start less their offset; a fixed dose at
        its time), and no dose starts before the morning opens; counting
        those against `doses_startable_by` is a necessary condition for any
        placement of the doses, so a count that fails proves the refusal.
        """
        clinic_id = self.scenario.participants[key[0]].clinic
        clinic = self.scenario.clinics[clinic_id]
        deadlines = [
            self._deadline(a) for a in self.held if self.scenario.participants[a.participant].clinic == clinic_id
        ]
        slots = self.facts.dose_slots[key]
        own = max(self._latest_dose(o) for o in options)
        deadlines.append(max((t for t in slots if t <= own), default=own))
        deadlines.sort()
        return any(
            deadlines[i] < clinic.morning[0] or i + 1 > doses_startable_by(clinic, d) for i, d in enumerate(deadlines)
        )

    def _deadline(self, a: Assignment) -> int:
        if self.scenario.participants[a.participant].morning_dose is not None:
            return a.dose
        option = next(o for o in self.facts.options[(a.participant, a.date)] if (o.crew, o.group) == (a.crew, a.group))
        return self._latest_dose(option)

    def _latest_dose(self, option: Option) -> int:
        return self._last_start(option) - option.offset if option.group == "late" else option.deadline

    # -- CP-SAT for what the arguments leave open ---------------------------

    def _solver_fits(self, key: ParticipantDay, families: tuple[str, ...]) -> bool | None:
        """Feasible with these families and everyone else held: True, False, or None when undecided."""
        if time.monotonic() >= self.deadline:
            return None
        day = self._day_model()
        if time.monotonic() >= self.deadline:
            return None
        chosen = {(a.participant, a.crew, a.group) for a in self.held}
        held = [
            x if (o.participant, o.crew, o.group) in chosen else x.Not()
            for o, x in day.v.assign.items()
            if (o.participant, o.date) != key
        ]
        model = day.model
        model.clear_assumptions()
        model.add_assumptions([*held, day.forced[key], *(day.guards[f] for f in families)])
        status = self._query_solver().solve(model)
        model.clear_assumptions()
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return True
        return False if status == cp_model.INFEASIBLE else None

    def _query_solver(self) -> cp_model.CpSolver:
        """QUERY_SECONDS of wall time, up to the deadline; with no deadline, of deterministic
        time, so that a deterministic solve's reasons do not depend on how busy the machine is."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.catch_sigint_signal = False  # as in the stages: Ctrl-C belongs to the program
        if math.isinf(self.deadline):
            params.interleave_search = True
            params.max_deterministic_time = QUERY_SECONDS
        else:
            params.max_time_in_seconds = max(0.0, min(QUERY_SECONDS, self.deadline - time.monotonic()))
        return solver

    def _day_model(self) -> WeekModel:
        if self._model is None:
            self._model = build_week_model(self.scenario, day_facts(self.facts, self.date), explainable=True)
            _supervisors_other_days(self._model, self.facts, self.groups, self.date)
        return self._model

    # -- details ------------------------------------------------------------

    def _stations_detail(self, key: ParticipantDay) -> str:
        clinic_id = self.scenario.participants[key[0]].clinic
        clinic = self.scenario.clinics[clinic_id]
        slots = self.facts.dose_slots[key]
        stations = clinic.stations if isinstance(clinic.stations, int) else "the listed"
        return (
            f"no dose slot at {clinic_id} between {format_time(slots[0])} and {format_time(slots[-1])} is free "
            f"({stations} stations, {clinic.dose_minutes} min a dose) beside the others' doses"
        )

    def _staff_detail(self, key: ParticipantDay) -> str:
        late_crews = sorted({o.crew for o in self.facts.options[key] if o.group == "late"})
        possible = defaultdict(list)
        for s in self.facts.supervisions:
            if s.date == self.date:
                possible[s.crew].append(s.staff)
        parts = []
        for crew in late_crews:
            if names := possible.get(crew):
                parts.append(
                    f"the supervisors who could lead {crew} ({', '.join(names)}) "
                    "lead other groups that day or have reached max_days"
                )
            else:
                parts.append(f"no supervisor's crews, days and hours cover {crew}'s late group on {weekday(self.date)}")
        return "; ".join(parts) or "no supervisor can cover"

    def _tradeoff_detail(self, key: ParticipantDay) -> str:
        crews = " or ".join(sorted({o.crew for o in self.facts.options[key]}))
        order = ", then ".join(self.scenario.objective) or "no objective"
        return f"could work in {crews}, but the place went to a better use under the objectives ({order})"


def _staffable(scenario: Scenario, facts: WeekFacts, needs: dict[tuple, int]) -> bool:
    """Max flow: supervisors → (supervisor, date) → late groups they can lead at their latest start."""
    flow = max_flow.SimpleMaxFlow()
    nodes: dict[object, int] = {}

    def node(name: object) -> int:
        return nodes.setdefault(name, len(nodes))

    source, sink = node("source"), node("sink")
    for crew_day, need in needs.items():
        flow.add_arc_with_capacity(node(crew_day), sink, need)
    for s in facts.supervisions:
        crew_day = (s.crew, s.date)
        if crew_day in needs and s.earliest_start <= facts.start_slots[crew_day][-1]:
            if ("staff", s.staff) not in nodes:
                flow.add_arc_with_capacity(source, node(("staff", s.staff)), scenario.staff[s.staff].max_days)
            if ("day", s.staff, s.date) not in nodes:
                flow.add_arc_with_capacity(node(("staff", s.staff)), node(("day", s.staff, s.date)), 1)
            flow.add_arc_with_capacity(node(("day", s.staff, s.date)), node(crew_day), 1)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise SolverFailure("the max flow of the supervisors' question failed")
    return flow.optimal_flow() == sum(needs.values())


def _supervisors_other_days(day: WeekModel, facts: WeekFacts, groups: list[GroupRun], date: dt.date) -> None:
    """The supervisors' other days, as a side problem of the day's model.

    The other days' late groups keep their members, but their starts may move
    to the latest slot (always possible: everyone is ready by then) and their
    supervisors may change, so a supervisor's max_days is shared between
    this date and whatever the other days still need of them.
    """
    scenario, guard = day.scenario, day.guards["staff"]
    model = day.model
    elsewhere: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    per_day: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    for g in groups:
        ratio = scenario.program.crews[g.crew].staff_ratio
        if g.date == date or g.group != "late" or ratio is None:
            continue
        last = facts.start_slots[(g.crew, g.date)][-1]
        leads = []
        for s in facts.supervisions:
            if (s.crew, s.date) == (g.crew, g.date) and s.earliest_start <= last:
                lead = model.new_bool_var(f"lead_elsewhere[{s.staff},{s.date},{s.crew}]")
                leads.append(lead)
                elsewhere[s.staff].append(lead)
                per_day[(s.staff, s.date)].append(lead)
        model.add(total(leads) >= math.ceil(len(g.participants) / ratio)).only_enforce_if(guard)
    for leads in per_day.values():
        model.add_at_most_one(leads)
    today: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for supervision, lead in day.v.lead.items():
        today[supervision.staff].append(lead)
    for sid, leads in elsewhere.items():
        model.add(total(leads) + total(today[sid]) <= scenario.staff[sid].max_days).only_enforce_if(guard)


def _undecided(key: ParticipantDay) -> Unassigned:
    return _unassigned(key, "tradeoff", "not decided in the time for explanations; taken as a trade-off")


def _unassigned(key: ParticipantDay, reason: str, detail: str) -> Unassigned:
    return Unassigned(participant=key[0], date=key[1], reason=reason, detail=detail)
