"""Synthetic scenarios for benchmarks, tests and researchers' simulations.

The numbers follow the pilot (scenarios/pilot.yaml): ordinary start 09:00,
payout 12:00, injection observation 20–30 minutes and longer for some,
tablets shorter, travel 10–40 minutes, two or three crew days a week, staff
who are there only some days and hours, fixed dose times and away days for
some participants. Every draw comes from one seeded generator, so the same
arguments give the same file byte for byte.
"""

import datetime as dt
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

from workwindow.errors import WorkwindowError
from workwindow.files import write_text_atomically
from workwindow.models.fields import WEEKDAYS
from workwindow.models.loading import parse_document, validate_scenario
from workwindow.models.scenario import Scenario
from workwindow.models.times import format_time, parse_time

T = TypeVar("T")

WORK_DAYS = WEEKDAYS[:5]
CREW_NAMES = ("gaterydding", "verksted", "kafe", "vedhogst", "sykkelverksted", "gjenbruk")
CLINIC_NAMES = ("habio", "lar_sentrum", "lar_nord", "lar_syd", "lar_vest", "lar_ost")
TIME_STEP = 5
ORDINARY_START = parse_time("09:00")
PAYOUT = parse_time("12:00")
MORNING_LAST = parse_time("10:00")
FIRST_MONDAY = dt.date(2025, 1, 6)
_CLOCK = re.compile(r"^\d{2}:\d{2}$")
OBJECTIVE = ("shortfall", "fairness", "participant_days", "late_start", "staff")
"""The pilot's order: minimums first, then a fair share over the horizon, then more days."""

LIMITS = {"participants": 10_000, "crews": 500, "clinics": 200, "weeks": 52}
NEARBY_CREWS = 6
"""At most this many crews are open to one participant or supervisor. A city
with a hundred crews is many neighbourhoods; below this count the draws are
as they always were, so small scenarios keep their bytes."""


class GenerateError(WorkwindowError):
    """Arguments the generator cannot turn into a scenario."""


class Draw:
    """Seeded draws built on `random()` alone.

    Python promises that `Random(seed).random()` gives the same sequence in
    every version; `randrange`, `choice` and `sample` make no such promise,
    so the file would not stay byte-identical across Python upgrades.
    """

    def __init__(self, seed: int):
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        """An integer in [low, high], both ends included."""
        return low + min(int(self._random.random() * (high - low + 1)), high - low)

    def chance(self, probability: float) -> bool:
        return self._random.random() < probability

    def pick(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]

    def subset(self, options: Sequence[T], size: int) -> list[T]:
        """`size` distinct options, kept in their original order."""
        chosen = list(range(len(options)))
        for last in range(len(chosen) - 1, 0, -1):
            other = self.integer(0, last)
            chosen[last], chosen[other] = chosen[other], chosen[last]
        return [options[i] for i in sorted(chosen[:size])]


def generate_scenario(participants: int, crews: int, clinics: int, weeks: int, seed: int) -> dict[str, Any]:
    """Scenario data as it would be written in a file ("HH:MM" times, ISO dates)."""
    _check_sizes(participants=participants, crews=crews, clinics=clinics, weeks=weeks)
    draw = Draw(seed)
    start = FIRST_MONDAY + dt.timedelta(weeks=draw.integer(0, 51))
    dates = [start + dt.timedelta(days=i) for i in range(7 * weeks)]
    clinic_data = {name: _clinic(draw) for name in _names(CLINIC_NAMES, clinics)}
    crew_names = _names(CREW_NAMES, crews)
    program = _program(draw, crew_names, participants, weeks)
    data: dict[str, Any] = {
        "name": (
            f"Synthetic scenario ({_count(participants, 'participant')}, {_count(crews, 'crew')}, "
            f"{_count(clinics, 'clinic')}, seed {seed})"
        ),
        "start": start,
        "weeks": weeks,
        "time_step": TIME_STEP,
        "closed": _closed(draw, dates, program["crews"]),
        "clinics": clinic_data,
        "sites": {c: {"travel": {k: 5 * draw.integer(2, 8) for k in clinic_data}} for c in crew_names},
        "program": program,
        "staff": _staff(draw, program["crews"]),
        "participants": _participants(draw, participants, clinic_data, program["crews"], dates),
        "objective": list(OBJECTIVE),
    }
    _make_readiness_mixed(data)
    return data


def scenario_text(data: dict[str, Any], command: str) -> str:
    """YAML in the layout of scenarios/pilot.yaml: one line per clinic, crew, person."""
    header = (
        f"# Synthetic scenario, made by `{command}`.\n"
        "# Not real people: ids are invented and every number is drawn at random\n"
        "# around the pilot's figures (scenarios/pilot.yaml).\n\n"
    )
    return header + yaml.dump(_with_flow_entries(data), Dumper=_Dumper, sort_keys=False, width=1000)


def generated_scenario(participants: int, crews: int, clinics: int, weeks: int, seed: int) -> str:
    """The YAML text `workwindow generate` writes, checked to load as a scenario."""
    command = (
        f"workwindow generate --participants {participants} --crews {crews} "
        f"--clinics {clinics} --weeks {weeks} --seed {seed}"
    )
    text = scenario_text(generate_scenario(participants, crews, clinics, weeks, seed), command)
    validate_scenario(parse_document(text, "generated scenario"))
    return text


def can_ever_work(scenario: Scenario, participant: str) -> bool:
    """Whether some crew open to p could take p on some day, doses and travel allowing.

    Looks only at p's own timing (earliest dose, observation, travel, back for
    the afternoon dose); caps, stations and staff are left to the solver.
    """
    clinic = scenario.clinic_of(participant)
    p = scenario.participants[participant]
    dose = p.morning_dose if p.morning_dose is not None else clinic.morning[0]
    for crew in {c for date in scenario.dates for c in scenario.eligible_crews(participant, date)}:
        travel = scenario.travel(participant, crew)
        ready = dose + clinic.dose_minutes + scenario.observation_of(participant) + travel
        back = scenario.program.payout + travel <= clinic.afternoon[1] - clinic.dose_minutes
        if ready <= scenario.latest_late_start and back:
            return True
    return False


# -- the parts ---------------------------------------------------------------


def _check_sizes(**sizes: int) -> None:
    for name, value in sizes.items():
        if not 1 <= value <= LIMITS[name]:
            raise GenerateError(f"--{name} must be between 1 and {LIMITS[name]}, not {value}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _names(base: Sequence[str], count: int) -> list[str]:
    return [base[i] if i < len(base) else f"{base[i % len(base)]}{i // len(base) + 1}" for i in range(count)]


def _clinic(draw: Draw) -> dict[str, Any]:
    first = draw.pick(["07:30", "08:00", "08:00", "08:30"])
    dose_minutes = draw.pick([5, 10, 10, 15])
    return {
        "morning": [first, format_time(MORNING_LAST)],
        "afternoon": draw.pick([["14:30", "17:00"], ["15:00", "17:30"]]),
        "stations": _stations(draw, first, dose_minutes),
        "dose_minutes": dose_minutes,
        "observation": {"injection": draw.pick([20, 25, 30]), "tablet": draw.pick([10, 15])},
    }


def _stations(draw: Draw, first: str, dose_minutes: int) -> int | list[dict[str, Any]]:
    """Sometimes fewer booths early, when the clinic also serves others."""
    if not draw.chance(0.3):
        return draw.integer(3, 7)
    early = draw.integer(1, 3)
    return [
        {"from": first, "to": "09:00", "n": early},
        {"from": "09:00", "to": format_time(MORNING_LAST + dose_minutes), "n": early + draw.integer(1, 4)},
    ]


def _program(draw: Draw, crew_names: list[str], participants: int, weeks: int) -> dict[str, Any]:
    daily_cap = max(2, math.ceil(participants * draw.pick([0.2, 0.25, 0.3])))
    program: dict[str, Any] = {
        "ordinary_start": format_time(ORDINARY_START),
        "latest_start": draw.pick(["10:00", "10:00", "10:30"]),
        "payout": format_time(PAYOUT),
        "min_work_minutes": draw.pick([90, 120]),
        "staff_prep_minutes": 15,
        "daily_cap": daily_cap,
    }
    if weeks > 1 and draw.chance(0.5):
        first = max(1, daily_cap // 2)
        program["ramp_up"] = {w: min(daily_cap, first + w - 1) for w in range(1, weeks) if first + w - 1 < daily_cap}
    program["crews"] = {name: _crew(draw, name) for name in crew_names}
    return program


def _crew(draw: Draw, site: str) -> dict[str, Any]:
    crew: dict[str, Any] = {
        "site": site,
        "days": draw.subset(WORK_DAYS, draw.pick([2, 2, 3])),
        "late_capacity": draw.integer(4, 8),
        "ordinary_capacity": draw.integer(6, 10),
    }
    if draw.chance(0.8):
        crew["staff_ratio"] = draw.integer(4, 6)
    return crew


def _closed(draw: Draw, dates: list[dt.date], crews: dict[str, Any]) -> list[dt.date]:
    """Now and then a holiday on a crew day."""
    crew_days = {day for crew in crews.values() for day in crew["days"]}
    candidates = [d for d in dates if WEEKDAYS[d.weekday()] in crew_days]
    return [draw.pick(candidates)] if draw.chance(0.2) else []


def _staff(draw: Draw, crews: dict[str, Any]) -> dict[str, Any]:
    """A coordinator who can always step in, and supervisors with partial availability."""
    all_days = _days_of(crews, list(crews))
    staff: dict[str, Any] = {
        "koordinator": {
            "crews": list(crews),
            "days": all_days,
            "hours": ["08:00", "13:00"],
            "max_days": len(all_days),
        }
    }
    for i in range(1, draw.integer(1, len(crews) + 1) + 1):
        own_crews = draw.subset(list(crews), draw.integer(1, min(len(crews), NEARBY_CREWS)))
        days = _days_of(crews, own_crews)
        if len(days) > 1 and draw.chance(0.4):
            days = draw.subset(days, len(days) - 1)
        staff[f"veileder{i}"] = {
            "crews": own_crews,
            "days": days,
            "hours": [
                draw.pick(["08:00", "08:30", "09:00", "09:30"]),
                draw.pick(["12:30", "13:00", "14:00"]),
            ],
            "max_days": draw.integer(1, len(days)),
        }
    return staff


def _days_of(crews: dict[str, Any], names: list[str]) -> list[str]:
    return [day for day in WEEKDAYS if any(day in crews[c]["days"] for c in names)]


def _participants(
    draw: Draw, count: int, clinics: dict[str, Any], crews: dict[str, Any], dates: list[dt.date]
) -> dict[str, Any]:
    width = max(2, len(str(count)))
    return {f"P{i:0{width}d}": _participant(draw, clinics, crews, dates) for i in range(1, count + 1)}


def _nearby_crews(draw: Draw, crews: list[str]) -> list[str]:
    """All crews, or some; in a big city a handful of them."""
    if len(crews) <= NEARBY_CREWS:
        return crews if draw.chance(0.5) else draw.subset(crews, draw.integer(1, len(crews)))
    return draw.subset(crews, draw.integer(1, NEARBY_CREWS))


def _participant(draw: Draw, clinics: dict[str, Any], crews: dict[str, Any], dates: list[dt.date]) -> dict[str, Any]:
    clinic_name = draw.pick(list(clinics))
    clinic = clinics[clinic_name]
    dose_form = "injection" if draw.chance(0.6) else "tablet"
    own_crews = _nearby_crews(draw, list(crews))
    days = _days_of(crews, own_crews)
    if len(days) > 1 and draw.chance(0.3):
        days = draw.subset(days, len(days) - 1)
    most = draw.integer(1, len(days))
    person: dict[str, Any] = {"clinic": clinic_name} if len(clinics) > 1 else {}
    person |= {
        "dose_form": dose_form,
        "crews": own_crews,
        "days": days,
        "want": [draw.integer(0, min(1, most)), most],
    }
    if draw.chance(0.15):
        person["priority"] = 2
    if draw.chance(0.2):
        own_dates = [d for d in dates if WEEKDAYS[d.weekday()] in days]
        person["away"] = draw.subset(own_dates, min(len(own_dates), draw.integer(1, 2)))
    if dose_form == "injection" and draw.chance(0.2):
        person["observation"] = draw.pick([35, 40, 45])
    if draw.chance(0.15):
        first = parse_time(clinic["morning"][0])
        person["morning_dose"] = format_time(first + TIME_STEP * draw.integer(0, 18))
    return person


def _make_readiness_mixed(data: dict[str, Any]) -> None:
    """Keep the problem from being trivial: some participants can work, some never can.

    Rarely the draws make everybody ready in time, or nobody; then the first
    participant becomes a tablet patient who can make it, or the last one an
    injection patient whose dose is fixed at the end of the morning window (no
    late start allows that plus observation and travel).
    """
    scenario = Scenario.model_validate(data)
    ready = [can_ever_work(scenario, pid) for pid in scenario.participants]
    people = data["participants"]
    first, last = next(iter(people)), next(reversed(people))
    if not any(ready):
        for field in ("observation", "morning_dose", "away"):
            people[first].pop(field, None)
        people[first]["dose_form"] = "tablet"
    elif all(ready) and len(people) > 1:
        people[last].pop("observation", None)
        people[last] |= {"dose_form": "injection", "morning_dose": format_time(MORNING_LAST)}


# -- writing -------------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line, like the entries in the pilot file."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        """A date shared by two entries is written twice, not as an anchor."""
        return True


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    """Clock times in double quotes, as in the pilot file."""
    style = '"' if _CLOCK.match(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)
_Dumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)


def _with_flow_entries(data: dict[str, Any]) -> dict[str, Any]:
    """Entries of the id-keyed tables on one line each; the rest as blocks."""
    out = dict(data)
    for table in ("sites", "staff", "participants"):
        out[table] = {key: _Flow(value) for key, value in data[table].items()}
    out["clinics"] = {
        key: {**value, "observation": _Flow(value["observation"])} for key, value in data["clinics"].items()
    }
    for clinic in out["clinics"].values():
        if isinstance(clinic["stations"], list):
            clinic["stations"] = [_Flow(slot) for slot in clinic["stations"]]
    program = dict(data["program"])
    program["crews"] = {key: _Flow(value) for key, value in program["crews"].items()}
    if "ramp_up" in program:
        program["ramp_up"] = _Flow(program["ramp_up"])
    out["program"] = program
    return out


def write_generated(path: Path, text: str, *, force: bool = False) -> None:
    """Write a generated scenario; an existing file is kept unless `force`."""
    try:
        write_text_atomically(path, text, overwrite=force)
    except FileExistsError:
        raise GenerateError(f"{path} already exists; pass --force to replace it") from None
    except OSError as exc:
        raise GenerateError(f"{path}: cannot be written ({exc.strerror or exc})") from None
