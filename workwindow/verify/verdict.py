"""What `verify` says about a plan: the broken rules, then the figures to update."""

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.verify.core import Findings


def verdict_lines(scenario: Scenario, plan: Schedule, findings: Findings) -> list[str]:
    """Broken rules first (they decide whether the plan can be carried out), then stale figures."""
    lines: list[str] = []
    if findings.rules:
        lines.append(f"{_count(findings.rules, 'rule')} broken:")
        lines += [f"  {v.message}" for v in findings.rules]
    else:
        lines.append(f"valid: {_recomputed(scenario, findings)}")
    if findings.figures:
        lines.append(f"{_count(findings.figures, 'figure')} to update (the plan's entries give other values):")
        lines += [f"  {v.message}" for v in findings.figures]
    missing = [name for name in ("objectives", "kpis") if getattr(plan, name) is None]
    if missing:
        lines.append(f"The plan gives no {' or '.join(missing)}; --write-figures OUT.json writes them in.")
    return lines


def _recomputed(scenario: Scenario, findings: Findings) -> str:
    found = findings.tally
    order = [*scenario.objective, *(name for name in found.objectives if name not in scenario.objective)]
    values = ", ".join(f"{name} {found.objectives[name]}" for name in order)
    return f"{values} ({found.days_worked} days worked by {found.participants_served} participants)"


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"
