"""The decision variables of one week, grouped by what they decide.

Times are time-indexed booleans in order encoding: "p's dose starts at t or
later" per dose slot, "the late group starts at τ or later" per start slot
after the ordinary start. Every rule about times then reads one literal
instead of a sum over slots (a dose in progress at minute m is the
difference of two literals; a member needing a start ≥ τ is one literal),
which keeps the model linear in the number of slots and gives CP-SAT's
relaxation the same tight bound as one boolean per slot.
"""

import itertools
from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.solver.facts import CrewDay, Option, ParticipantDay, Supervision, WeekFacts


@dataclass
class WeekVars:
    assign: dict[Option, cp_model.IntVar]
    """x[p,d,c,g]: p works on d in crew c, group g."""
    dose_from: dict[ParticipantDay, dict[int, cp_model.IntVar]]
    """p's morning dose on d starts at this slot or later; the first slot's literal is "p works on d"."""
    later: dict[CrewDay, dict[int, cp_model.IntVar]]
    """c's late group on d starts at this slot or later (slots after the ordinary start)."""
    runs: dict[CrewDay, cp_model.IntVar]
    """c's late group runs on d."""
    lead: dict[Supervision, cp_model.IntVar]
    """y[s,d,c]: supervisor s leads c's late group on d."""
    more_leaders: dict[CrewDay, list[cp_model.IntVar]]
    """c's late group on d needs more than 1, 2, … supervisors: the steps of ceil(n / staff_ratio)."""
    shortfall: dict[str, cp_model.IntVar]
    """Days below p's minimum this week."""


def new_week_vars(
    model: cp_model.CpModel, facts: WeekFacts, minimum_days: dict[str, int], most_leaders: dict[CrewDay, int]
) -> WeekVars:
    def boolean(name: str) -> cp_model.IntVar:
        return model.new_bool_var(name)

    return WeekVars(
        assign={o: boolean(f"x[{o.participant},{o.date},{o.crew},{o.group}]") for o in facts.all_options},
        dose_from={
            (p, d): {t: boolean(f"dose_from[{p},{d},{t}]") for t in slots} for (p, d), slots in facts.dose_slots.items()
        },
        later={
            (c, d): {t: boolean(f"later[{c},{d},{t}]") for t in slots[1:]}
            for (c, d), slots in facts.start_slots.items()
        },
        runs={(c, d): boolean(f"runs[{c},{d}]") for (c, d) in facts.start_slots},
        lead={s: boolean(f"lead[{s.staff},{s.date},{s.crew}]") for s in facts.supervisions},
        more_leaders={
            (c, d): [boolean(f"more_leaders[{c},{d},{k}]") for k in range(1, most)]
            for (c, d), most in most_leaders.items()
        },
        shortfall={p: model.new_int_var(0, need, f"shortfall[{p}]") for p, need in minimum_days.items() if need > 0},
    )


def chain(literals: list[cp_model.IntVar]) -> list[tuple[cp_model.IntVar, cp_model.IntVar]]:
    """(earlier, later) pairs of an order encoding: each literal implies the one before."""
    return list(itertools.pairwise(literals))
