"""The decision variables of one week, grouped by what they decide.

Times are time-indexed: a boolean per possible dose slot and per possible late
start. With a 5-minute grid a morning has a few dozen slots, and booleans give
CP-SAT's linear relaxation a far tighter bound than integer times tied to
assignments with big-M implications.
"""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.solver.facts import CrewDay, Option, ParticipantDay, Supervision, WeekFacts


@dataclass
class WeekVars:
    assign: dict[Option, cp_model.IntVar]
    """x[p,d,c,g]: p works on d in crew c, group g."""
    dose: dict[ParticipantDay, dict[int, cp_model.IntVar]]
    """p's morning dose on d starts at this slot (only when p works)."""
    start: dict[CrewDay, dict[int, cp_model.IntVar]]
    """c's late group on d starts at this slot (only when it runs)."""
    runs: dict[CrewDay, cp_model.IntVar]
    """c's late group runs on d."""
    lead: dict[Supervision, cp_model.IntVar]
    """y[s,d,c]: supervisor s leads c's late group on d."""
    shortfall: dict[str, cp_model.IntVar]
    """Days below p's minimum this week."""


def new_week_vars(model: cp_model.CpModel, facts: WeekFacts, minimum_days: dict[str, int]) -> WeekVars:
    def boolean(name: str) -> cp_model.IntVar:
        return model.NewBoolVar(name)

    return WeekVars(
        assign={o: boolean(f"x[{o.participant},{o.date},{o.crew},{o.group}]") for o in facts.all_options},
        dose={(p, d): {t: boolean(f"dose[{p},{d},{t}]") for t in slots} for (p, d), slots in facts.dose_slots.items()},
        start={
            (c, d): {t: boolean(f"start[{c},{d},{t}]") for t in slots} for (c, d), slots in facts.start_slots.items()
        },
        runs={(c, d): boolean(f"runs[{c},{d}]") for (c, d) in facts.start_slots},
        lead={s: boolean(f"lead[{s.staff},{s.date},{s.crew}]") for s in facts.supervisions},
        shortfall={p: model.NewIntVar(0, need, f"shortfall[{p}]") for p, need in minimum_days.items() if need > 0},
    )
