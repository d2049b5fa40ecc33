"""Simulated figures beside the planned ones in `workwindow compare --simulate N`.

Every solve of the comparison is played on the same sampled mornings (same
seed, so common random numbers across variants as far as they share
participants); its delivered participant-days join the comparison as three
more rows: the mean and the ends of its 95 % interval.
"""

import dataclasses

from workwindow.simulate.figures import delivered
from workwindow.simulate.run import simulate
from workwindow.whatif.compare import CompareError, Comparison, Metric, Sample
from workwindow.whatif.tablets import SwitchEach

SIMULATED_METRICS = (
    Metric("simulated.delivered_days", "delivered days (simulated mean)", "higher", lambda _, __: None),
    Metric("simulated.delivered_days_low", "  95 % interval, low", "higher", lambda _, __: None),
    Metric("simulated.delivered_days_high", "  95 % interval, high", "higher", lambda _, __: None),
)


def with_simulated(result: Comparison | SwitchEach, draws: int, seed: int) -> Comparison:
    """The comparison with each solve's simulated delivered days added."""
    if isinstance(result, SwitchEach):
        raise CompareError("--simulate goes with variants or --switch-to-tablet; --switch-each lists gains only")
    comparison = result
    columns = tuple(
        dataclasses.replace(column, samples=tuple(_sample(sample, draws, seed) for sample in column.samples))
        for column in comparison.columns
    )
    return dataclasses.replace(comparison, metrics=(*comparison.metrics, *SIMULATED_METRICS), columns=columns)


def _sample(sample: Sample, draws: int, seed: int) -> Sample:
    estimate = delivered(simulate(sample.scenario, [("plan", sample.schedule)], draws=draws, seed=seed).plans[0])
    values = {
        **sample.values,
        "simulated.delivered_days": estimate.mean,
        "simulated.delivered_days_low": estimate.low,
        "simulated.delivered_days_high": estimate.high,
    }
    return dataclasses.replace(sample, values=values)
