"""`workwindow replan`: the morning itself, re-planned with the fewest changes.

The options are read here into the core's `Events`; a value that cannot be
read is an `InputError` named after its option, never click's usage text,
and never echoes more of a participant than the id.
"""

import datetime as dt
from pathlib import Path

import click

from workwindow.cli.common import force_option, overrides_option, reports_errors, scenario_argument
from workwindow.console import new_console
from workwindow.errors import InputError, Problem
from workwindow.models import load_scenario, parse_time


@click.command("replan")
@scenario_argument
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "on_date", metavar="YYYY-MM-DD", help="The day to re-plan.")
@click.option("--from", "from_date", metavar="YYYY-MM-DD", help="Re-plan from this day to the end of the horizon.")
@click.option("--absent", multiple=True, metavar="P01,P07", help="Participants who will not come (repeatable).")
@click.option("--arrived", multiple=True, metavar="P12,P15", help="Walk-ins who came without a place (repeatable).")
@click.option("--staff-absent", multiple=True, metavar="ID,…", help="Supervisors who are away (repeatable).")
@click.option("--dose", multiple=True, metavar="P03=09:05", help="A dose given at another time (repeatable).")
@click.option("--observation", multiple=True, metavar="P03=45", help="A longer observation today, minutes.")
@click.option("--now", metavar="HH:MM", help="What happened before this time is history.")
@click.option("--candidates", "show_candidates", is_flag=True, help="Rank who could take each freed place now.")
@click.option("--repair", is_flag=True, help="Re-plan even when the plan already breaks a rule.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the new schedule JSON.")
@force_option
@overrides_option
@click.option("--time-limit", default=10.0, show_default=True, help="Seconds for the whole re-plan.")
@click.option("--workers", default=2, show_default=True, help="CP-SAT search workers.")
@click.option("--seed", default=0, show_default=True, help="CP-SAT random seed.")
@reports_errors
def replan_command(
    scenario: Path,
    plan: Path,
    on_date: str | None,
    from_date: str | None,
    absent: tuple[str, ...],
    arrived: tuple[str, ...],
    staff_absent: tuple[str, ...],
    dose: tuple[str, ...],
    observation: tuple[str, ...],
    now: str | None,
    show_candidates: bool,
    repair: bool,
    output: Path | None,
    force: bool,
    overrides: tuple[str, ...],
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Re-plan a day of PLAN (a schedule JSON) as the morning turned out, changing as little as possible.

    Prints what changed for whom, whom to tell and the freed places nobody
    took; -o writes the whole new schedule (never over PLAN).
    """
    from workwindow.models import load_schedule
    from workwindow.output import refuse_existing, refuse_inputs, write_text
    from workwindow.replan import Events, ReplanSettings, replan
    from workwindow.replan.candidates import candidates
    from workwindow.replan.display import print_candidates, print_replan

    first, to_end = _day(on_date, from_date)
    if output is not None:
        refuse_inputs(output, (scenario, plan))
        refuse_existing([output], force=force)
    loaded = load_scenario(scenario, overrides)
    events = Events(
        absent=_ids(absent),
        arrived=_ids(arrived),
        staff_absent=_ids(staff_absent),
        doses=_pairs(dose, "--dose", _clock),
        observation=_pairs(observation, "--observation", _minutes),
        now=None if now is None else _clock(now, "--now"),
    )
    settings = ReplanSettings(time_limit=time_limit, workers=workers, seed=seed)
    result = replan(
        loaded, load_schedule(plan), first, events, to_end=to_end, repair=repair, settings=settings, plan_name=str(plan)
    )
    console = new_console()
    print_replan(console, result)
    if show_candidates:
        for freed in result.freed:
            print_candidates(console, freed, *candidates(loaded, result, events, freed))
        if not result.freed:
            console.print("No freed place is left untaken.")
    if output is not None:
        write_text(output, result.schedule.to_json(), inputs=(scenario, plan))
        click.echo(f"schedule written to {output}")


def _day(on_date: str | None, from_date: str | None) -> tuple[dt.date, bool]:
    if (on_date is None) == (from_date is None):
        raise InputError("--date", [Problem("", "give either --date (one day) or --from (to the end), not both")])
    option, text = ("--date", on_date) if on_date is not None else ("--from", from_date)
    try:
        return dt.date.fromisoformat(text or ""), from_date is not None
    except ValueError:
        raise InputError(option, [Problem("", f"'{text}' is not a date written YYYY-MM-DD")]) from None


def _ids(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(part.strip() for value in values for part in value.split(",") if part.strip())


def _pairs(values: tuple[str, ...], option: str, read) -> dict[str, int]:
    pairs: dict[str, int] = {}
    for value in values:
        pid, equals, given = value.partition("=")
        pid = pid.strip()
        if not equals or not pid:
            raise InputError(option, [Problem("", f"write it ID=VALUE, e.g. {option} P03=…")])
        if pid in pairs:
            raise InputError(option, [Problem("", f"{pid} is given twice")])
        pairs[pid] = read(given, f"{option} {pid}")
    return pairs


def _clock(text: str, option: str) -> int:
    try:
        return parse_time(text.strip())
    except ValueError:
        raise InputError(option, [Problem("", 'a time is written "HH:MM", for example "09:05"')]) from None


def _minutes(text: str, option: str) -> int:
    if not text.strip().isdigit():
        raise InputError(option, [Problem("", "give the minutes as a whole number, e.g. 45")])
    return int(text.strip())


COMMANDS = (replan_command,)
