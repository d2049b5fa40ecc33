"""Whether the weeks of a scenario can be solved apart.

Every rule and objective of SPEC section 3 lives within one week except
those named here, which count over the whole horizon. Callers that solve or
re-solve weeks one at a time (what-if caching, batch) ask this first.
"""

from workwindow.models import Scenario

HORIZON_OBJECTIVES = frozenset({"fairness"})
"""Objectives that count over the whole horizon and so tie the weeks together."""


def weeks_are_independent(scenario: Scenario) -> bool:
    """True when each week's lexicographic optimum depends on that week's data alone."""
    return HORIZON_OBJECTIVES.isdisjoint(scenario.objective)
