"""Tablets instead of injection: the research question, answered by solving.

After an injection a patient waits longer in the observation room than after
tablets, so a switch may buy work days. Two questions:

- *How much does a share of switches buy?* For each share, that many of the
  injecting participants switch (a seeded random draw; several draws give a
  mean and a spread). Within one draw the shares are nested: the people who
  switch at 25 % also switch at 50 %, so the shares differ only in the share.
- *For whom does a switch matter?* Each injecting participant switches alone,
  and the gain is read off the full solve.

A participant's own `observation` stays as it is: it overrides the clinic's
time for either dose form (SPEC section 3), so for them a switch changes nothing.
"""

import csv
import io
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workwindow.models import OBJECTIVES, Scenario, Schedule, override_scenario
from workwindow.models.overrides import override_text
from workwindow.solver import SolveSettings
from workwindow.whatif.compare import (
    Column,
    CompareError,
    Comparison,
    Sample,
    Variant,
    measure,
    metrics_of,
)
from workwindow.whatif.parallel import solve_all


@dataclass(frozen=True)
class Draw:
    share: float
    index: int
    switched: tuple[str, ...]


def injecting(scenario: Scenario) -> list[str]:
    return [pid for pid, p in scenario.participants.items() if p.dose_form == "injection"]


def switch_overrides(participants: Sequence[str]) -> list[str]:
    return [override_text(["participants", pid, "dose_form"], "tablet") for pid in participants]


def switched_to_tablets(scenario: Scenario, participants: Sequence[str]) -> Scenario:
    return override_scenario(scenario, switch_overrides(participants)) if participants else scenario


def switched_count(share: float, injecting_count: int) -> int:
    """How many switch at a share: the nearest whole number, halves rounded up."""
    return int(share * injecting_count + 0.5)


def tablet_draws(scenario: Scenario, shares: Sequence[float], draws: int, seed: int) -> list[Draw]:
    """For each draw one seeded order of the injecting participants; a share switches its first ones."""
    if not all(0 <= share <= 1 for share in shares):
        raise CompareError("a share of participants to switch is between 0 and 1")
    if draws < 1:
        raise CompareError("--draws must be at least 1")
    candidates = sorted(injecting(scenario))
    result = []
    for index in range(draws):
        order = list(candidates)
        random.Random(f"workwindow tablets {seed}/{index}").shuffle(order)
        for share in shares:
            switched = order[: switched_count(share, len(candidates))]
            result.append(Draw(share, index, tuple(sorted(switched))))
    return result


def compare_tablet_shares(
    title: str,
    base: Variant,
    shares: Sequence[float],
    *,
    draws: int,
    seed: int,
    settings: SolveSettings,
    jobs: int,
    fill_cores: bool = False,
) -> Comparison:
    """The base, then one column per share with every draw solved (each distinct draw once)."""
    began = time.perf_counter()
    if not injecting(base.scenario):
        raise CompareError(f"no participant in '{base.scenario.name}' injects; there is no one to switch")
    planned = tablet_draws(base.scenario, shares, draws, seed)
    solved = _solve_distinct(base.scenario, [(), *(d.switched for d in planned)], settings, jobs, fill_cores)
    total = len(injecting(base.scenario))
    # the base is share 0 when that is asked for, so it is not shown twice
    columns = [] if 0 in shares else [Column(base.name, base.changes, (solved[()],), share=0.0)]
    for share in sorted(set(shares)):
        samples = tuple(solved[d.switched] for d in planned if d.share == share)
        count = switched_count(share, total)
        changes = base.changes if share == 0 else (f"{count} of {total} injecting participants switch to tablets",)
        columns.append(Column(f"{share:.0%} tablets", changes, samples, share=share))
    return Comparison(title, metrics_of(base.scenario), tuple(columns), time.perf_counter() - began)


@dataclass(frozen=True)
class SwitchGain:
    """What switching one participant alone changes, against the base."""

    participant: str
    weeks: int
    days_worked: int
    """Change in everyone's days worked."""
    own_days: int
    """Change in this participant's own days; among equal optima the solver may pick either."""
    objectives: dict[str, int]
    """Change in each objective; participant_days is weighted by priority."""

    @property
    def days_worked_per_week(self) -> float:
        return self.days_worked / self.weeks

    @property
    def own_days_per_week(self) -> float:
        return self.own_days / self.weeks

    @property
    def participant_days(self) -> int:
        return self.objectives["participant_days"]


@dataclass(frozen=True)
class SwitchEach:
    gains: tuple[SwitchGain, ...]
    """Largest gain first."""
    comparison: Comparison
    """The base and every single switch, for the report."""

    def to_json(self) -> str:
        base = self.comparison.base
        data = {
            "title": self.comparison.title,
            "base": {"name": base.name, "values": base.samples[0].values},
            "wall_seconds": round(self.comparison.wall_seconds, 3),
            "switches": [_gain_json(g) for g in self.gains],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(GAIN_FIELDS)
        for gain in self.gains:
            row = _gain_json(gain)
            writer.writerow([row[name] for name in GAIN_FIELDS])
        return out.getvalue()


def switch_each(
    title: str, base: Variant, *, settings: SolveSettings, jobs: int, fill_cores: bool = False
) -> SwitchEach:
    """Switch each injecting participant alone; sorted by days worked gained, then participant-days."""
    began = time.perf_counter()
    candidates = injecting(base.scenario)
    if not candidates:
        raise CompareError(f"no participant in '{base.scenario.name}' injects; there is no one to switch")
    solved = _solve_distinct(base.scenario, [(), *((pid,) for pid in candidates)], settings, jobs, fill_cores)
    reference = solved[()]
    gains = sorted((_gain(base.scenario, reference, solved[(pid,)], pid) for pid in candidates), key=_gain_order)
    columns = [
        Column(base.name, base.changes, (reference,)),
        *(
            Column(f"{g.participant} on tablets", tuple(switch_overrides([g.participant])), (solved[(g.participant,)],))
            for g in gains
        ),
    ]
    comparison = Comparison(title, metrics_of(base.scenario), tuple(columns), time.perf_counter() - began)
    return SwitchEach(tuple(gains), comparison)


def _solve_distinct(
    base: Scenario, switches: Sequence[tuple[str, ...]], settings: SolveSettings, jobs: int, fill_cores: bool
) -> dict[tuple[str, ...], Sample]:
    """Solve each distinct set of switches once (`fill_cores`: see `workwindow.whatif.parallel.solve_all`)."""
    distinct = list(dict.fromkeys(switches))
    scenarios = [switched_to_tablets(base, switched) for switched in distinct]
    schedules = solve_all(scenarios, settings, jobs, fill_cores=fill_cores)
    return {
        switched: Sample(scenario, schedule, measure(scenario, schedule), switched)
        for switched, scenario, schedule in zip(distinct, scenarios, schedules, strict=True)
    }


def _gain(scenario: Scenario, base: Sample, switched: Sample, pid: str) -> SwitchGain:
    before, after = base.schedule, switched.schedule
    return SwitchGain(
        participant=pid,
        weeks=scenario.weeks,
        days_worked=after.kpis.days_worked - before.kpis.days_worked,
        own_days=_days_of(after)[pid] - _days_of(before)[pid],
        objectives={name: after.objectives[name] - before.objectives[name] for name in OBJECTIVES},
    )


def _days_of(schedule: Schedule) -> Counter:
    return Counter(a.participant for a in schedule.assignments)


def _gain_order(gain: SwitchGain) -> tuple:
    return (-gain.days_worked, -gain.participant_days, -gain.own_days, gain.participant)


GAIN_FIELDS = (
    "participant",
    "days_worked_per_week",
    "participant_days",
    "own_days_per_week",
    "days_worked",
    "own_days",
    "shortfall",
    "late_start",
    "staff",
)
"""Changes against the base: days per week, then whole days, then the other objectives."""


def _gain_json(gain: SwitchGain) -> dict:
    return {
        "participant": gain.participant,
        "days_worked_per_week": round(gain.days_worked_per_week, 4),
        "participant_days": gain.participant_days,
        "own_days_per_week": round(gain.own_days_per_week, 4),
        "days_worked": gain.days_worked,
        "own_days": gain.own_days,
        "shortfall": gain.objectives["shortfall"],
        "late_start": gain.objectives["late_start"],
        "staff": gain.objectives["staff"],
    }
