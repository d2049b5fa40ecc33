"""What a job does in its own worker process: solve, explain one participant, or compare what-ifs.

Each runs in a fresh process (spawned), so a long solve never holds up the
pages, and Stop can reach it through a multiprocessing event. It reports on
a queue: ("stage", {...}) as each stage of each week ends, then one final
("done", result, stopped) or ("failed", sentence). Only ids and numbers
travel: no participant's data is logged.
"""

import dataclasses
import json
import math
import re
import threading
import time
from typing import Any

from workwindow.errors import InputError, WorkwindowError
from workwindow.models import Scenario, Schedule, apply_overrides, validate_scenario
from workwindow.models.loading import parse_document

Message = tuple[Any, ...]
SEARCH_NEWS_SECONDS = 0.5


@dataclasses.dataclass(frozen=True)
class Order:
    """What a job is asked to do; picklable, handed to the worker process."""

    kind: str
    """solve | explain | compare | replan | simulate"""
    text: str
    source: str
    overrides: tuple[str, ...] = ()
    time_limit: float = 30.0
    participant: str | None = None
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """compare: (name, overrides) per variant."""
    shares: tuple[float, ...] | None = None
    """compare: tablet shares instead of variants."""
    morning: dict[str, Any] | None = None
    """replan: the published plan (schedule JSON), the date and the morning's events."""
    plan: dict[str, Any] | None = None
    """simulate: the plan (schedule JSON) to play on sampled mornings."""
    draws: int = 0


def scenario_of(order: Order) -> Scenario:
    return validate_scenario(apply_overrides(parse_document(order.text, order.source), order.overrides))


def run(order: Order, queue: Any, stop: Any) -> None:
    """The worker process's whole life: do the order, put the outcome on the queue."""
    try:
        result = KINDS[order.kind](order, queue, stop)
    except InputError as exc:
        queue.put(("failed", exc.paragraph()))
    except WorkwindowError as exc:
        queue.put(("failed", str(exc)))
    except Exception as exc:  # a bug: say what kind, never the data
        queue.put(("failed", f"the {order.kind} stopped with an internal error ({type(exc).__name__})"))
    else:
        queue.put(("done", result, stop.is_set()))


def _solve(order: Order, queue: Any, stop: Any) -> dict:
    from workwindow.solver import solve
    from workwindow.solver.progress import Progress
    from workwindow.verify import verify

    scenario = scenario_of(order)
    progress = Progress(
        on_stage=lambda stage: queue.put(("stage", stage.model_dump(mode="json"))),
        stop=stop,
        on_search=_Throttled(lambda found: queue.put(("search", dataclasses.asdict(found)))),
    )
    schedule = solve(scenario, time_limit=order.time_limit, workers=2, progress=progress)
    _verified(scenario, schedule, verify)
    return schedule.model_dump(mode="json")


class _Throttled:
    """Passes on at most one improvement per stage every SEARCH_NEWS_SECONDS: CP-SAT may find hundreds a second."""

    def __init__(self, tell: Any):
        self._tell, self._last, self._lock = tell, {}, threading.Lock()

    def __call__(self, found: Any) -> None:
        now, key = time.monotonic(), (found.week, found.objective)
        with self._lock:
            if now - self._last.get(key, -math.inf) < SEARCH_NEWS_SECONDS:
                return
            self._last[key] = now
        self._tell(found)


def _verified(scenario: Scenario, schedule: Schedule, verify: Any) -> None:
    violations = verify(scenario, schedule)
    if violations:
        raise WorkwindowError(f"the solver's schedule broke {len(violations)} rules: {violations[0].message}")


def _explain(order: Order, _queue: Any, _stop: Any) -> dict:
    from workwindow.solver import SolveSettings
    from workwindow.whatif.explain import explain_participant

    settings = SolveSettings(time_limit=order.time_limit, workers=1)
    explanation = explain_participant(scenario_of(order), order.participant or "", settings, jobs=1)
    return json.loads(json.dumps(dataclasses.asdict(explanation), default=str))


def _compare(order: Order, _queue: Any, _stop: Any) -> dict:
    from workwindow.solver import SolveSettings
    from workwindow.whatif.compare import Variant, compare
    from workwindow.whatif.report import render_comparison_report
    from workwindow.whatif.tablets import compare_tablet_shares

    scenario = scenario_of(order)
    settings = SolveSettings(time_limit=order.time_limit, workers=1, explain=True)
    base = Variant("base", scenario, order.overrides)
    if order.shares is not None:
        title = f"{scenario.name}: tablets instead of injection"
        result = compare_tablet_shares(title, base, order.shares, draws=1, seed=0, settings=settings, jobs=1)
    else:
        variants = [
            Variant(name, scenario_of(dataclasses.replace(order, overrides=(*order.overrides, *changes))), changes)
            for name, changes in order.variants
        ]
        result = compare(scenario.name, base, variants, settings, jobs=1)
    return {"comparison": json.loads(result.to_json()), "report": render_comparison_report(result)}


def events_of(morning: dict[str, Any]) -> Any:
    """The replan package's events from the morning form's ids and clock time."""
    from workwindow.models import parse_time
    from workwindow.replan import Events

    now = morning.get("now")
    return Events(
        absent=frozenset(morning.get("absent", ())),
        arrived=frozenset(morning.get("arrived", ())),
        staff_absent=frozenset(morning.get("staff_absent", ())),
        now=parse_time(now) if now else None,
    )


def _replan(order: Order, _queue: Any, _stop: Any) -> dict:
    import datetime as dt

    from workwindow.replan import ReplanSettings, replan
    from workwindow.verify import verify

    morning = order.morning or {}
    scenario, published = scenario_of(order), Schedule.model_validate(morning["plan"])
    settings = ReplanSettings(time_limit=order.time_limit)
    done = replan(scenario, published, dt.date.fromisoformat(morning["date"]), events_of(morning), settings=settings)
    _verified(scenario, done.schedule, verify)
    return {
        "schedule": done.schedule.model_dump(mode="json"),
        "dates": [d.isoformat() for d in done.dates],
        "changes": [{"who": c.who, "role": c.role, "date": c.date.isoformat(), "text": c.text} for c in done.changes],
        "to_tell": list(done.to_tell),
        "freed": [str(place) for place in done.freed],
    }


def _simulate(order: Order, _queue: Any, _stop: Any) -> dict:
    from workwindow.models.uncertainty import Uncertainty
    from workwindow.report.figures import inline_svg
    from workwindow.report.markup import raw
    from workwindow.simulate.plot import plot_svg
    from workwindow.simulate.report import simulation_section
    from workwindow.simulate.run import simulate

    scenario = scenario_of(order)
    simulation = simulate(scenario, [("the plan", Schedule.model_validate(order.plan))], draws=order.draws, seed=0)
    plot = re.sub(r"<style[^>]*>.*?</style>", "", inline_svg(plot_svg(simulation)), flags=re.S)  # the CSP allows none
    section = simulation_section(simulation, scenario.name, raw(plot))
    return {"section": str(section), "certain": scenario.uncertainty == Uncertainty()}


KINDS = {"solve": _solve, "explain": _explain, "compare": _compare, "replan": _replan, "simulate": _simulate}
