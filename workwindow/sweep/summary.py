"""What a sweep found, in words and numbers shared by the terminal table and the HTML report."""

from workwindow.sweep.run import SweepResult, best


def finding(result: SweepResult) -> str:
    """The best objectives and the first variant (in sweep order) that reaches them."""
    top = best(result)
    if not top:
        return "No variant got a schedule."
    first, schedule = top[0], top[0].schedule
    assert schedule is not None  # best() holds solved outcomes only
    order = result.sweep.base.objective
    values = ", ".join(f"{name} {schedule.objectives[name]}" for name in order)
    others = len({o.variant.number for o in top} - {first.variant.number})
    ties = f"; {others} other variant{'s' if others != 1 else ''} as good" if others else ""
    text = f"Best objectives ({values}) first reached by variant {first.variant.number} ({first.variant.label}){ties}."
    unproven = sum(o.status == "feasible" for o in result.outcomes)
    if unproven:
        text += (
            f" {unproven} solve{'s' if unproven != 1 else ''} stopped at the time limit before proving optimality: "
            "their numbers might improve with more time."
        )
    return text


def number(value: float | None) -> str:
    """Whole numbers without decimals, others with up to two; a missing value is a dash."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def short_name(path: str, paths: tuple[str, ...]) -> str:
    """The last steps of a dotted path, as few as tell it from the other paths: for headings and legends."""
    steps = path.split(".")
    for used in range(1, len(steps) + 1):
        tail = steps[-used:]
        if sum(other.split(".")[-used:] == tail for other in paths) == 1:
            return ".".join(tail)
    return path
