"""What `verify` reports: one broken rule, said in one plain sentence."""

from dataclasses import dataclass

KINDS: dict[str, str] = {
    "scenario": "the schedule was made for another scenario",
    "unknown_id": "a participant, crew or supervisor the scenario does not know",
    "outside_horizon": "a date outside the scenario's weeks",
    "not_eligible": "work on a day the participant or crew is not available",
    "two_assignments": "more than one assignment for a participant on one day",
    "dose_window": "a morning dose outside the clinic's morning window",
    "dose_grid": "a morning dose off the time_step grid",
    "dose_fixed": "a morning dose other than the participant's fixed one",
    "ready_reported": "a `ready` time that does not add up",
    "ready": "ready after the group starts",
    "start": "a group start outside what the program allows",
    "start_grid": "a group start off the time_step grid",
    "end": "a group that does not end at the payout",
    "afternoon": "not back in time for the afternoon dose",
    "stations": "more doses at once than free dosing stations",
    "group_cap": "a group above its late_capacity or ordinary_capacity",
    "daily_cap": "more participants on a day than daily_cap or ramp_up allows",
    "staff": "a late group with too few supervisors",
    "staff_eligibility": "a supervisor outside their crews, days or hours",
    "staff_twice": "a supervisor leading more than one group a day",
    "staff_max_days": "a supervisor above max_days in a week",
    "staff_ordinary": "a supervisor listed on an ordinary group",
    "want_max": "more days in a week than the participant wants at most",
    "group": "the groups list does not match the assignments",
    "unassigned": "an `unassigned` entry that is not an eligible day without work",
    "objective": "a reported objective that differs from the recomputed one",
    "kpi": "a reported KPI that differs from the recomputed one",
}
"""Every kind code, with what it means, for docs and tests."""


@dataclass(frozen=True)
class Violation:
    """A rule the schedule breaks; `kind` is a short code from KINDS."""

    kind: str
    message: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown violation kind {self.kind!r}")

    def __str__(self) -> str:
        return self.message
