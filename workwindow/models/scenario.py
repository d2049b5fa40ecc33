"""The scenario: one planning horizon of clinics, crews, staff and participants.

Field names follow SPEC section 4 and are a contract. Per-field rules are
constrained types (`fields.py`); rules that relate fields to each other are
small named checks (`scenario_rules.py`) run by one validator on `Scenario`,
each naming the field path it blames so the loader can point at the line.
"""

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workwindow.models import limits
from workwindow.models.fields import (
    DEFAULT_OBJECTIVE,
    REPLAN_STAGES,
    WEEKDAYS,
    Count,
    DaysAWeek,
    DoseForm,
    FieldPath,
    Id,
    Minutes,
    Objective,
    PositiveCount,
    PositiveMinutes,
    Priority,
    ReplanStage,
    TimeStep,
    Weekday,
    WeekNumber,
    Weeks,
    weekday,
)
from workwindow.models.times import Time, TimeWindow
from workwindow.models.uncertainty import Uncertainty


class ScenarioProblems(ValueError):
    """Cross-field problems, each with the field path to blame."""

    def __init__(self, problems: list[tuple[FieldPath, str]]):
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


# Empty defaults are `lambda: []` and `lambda: {}`, not `list` and `dict`: pydantic reads each default
# factory's signature, and a builtin's is parsed from text by tokenize, whose pattern takes 2 ms to
# compile the first time (a tenth of check's own start-up).


class _Frozen(BaseModel):
    # A model used only inside Scenario is validated by Scenario's validator; its own is built
    # at its first direct use, not on import (pydantic's schema building is most of `check`'s own time).
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Observation(_Frozen):
    """Minutes in the observation room after each dose form."""

    injection: Minutes
    tablet: Minutes


class StationSlot(_Frozen):
    """Free dosing stations in [from, to)."""

    from_: Time = Field(alias="from")
    to: Time
    n: Count


class Clinic(_Frozen):
    morning: TimeWindow = Field(description="first and last start of a morning dose")
    afternoon: TimeWindow = Field(description="first and last start of an afternoon dose")
    stations: Count | list[StationSlot] = Field(
        description="dosing stations: a number, or free stations by time of day"
    )
    dose_minutes: PositiveMinutes
    observation: Observation

    def stations_at(self, minute: int) -> int:
        """Free stations at a minute; outside every listed slot there are none."""
        if isinstance(self.stations, int):
            return self.stations
        return next((s.n for s in self.stations if s.from_ <= minute < s.to), 0)


class Site(_Frozen):
    travel: dict[Id, Minutes] = Field(description="minutes from each clinic to the site")


class Crew(_Frozen):
    site: Id
    days: list[Weekday] = Field(min_length=1)
    late_capacity: Count | None = None
    ordinary_capacity: Count | None = None
    staff_ratio: PositiveCount | None = Field(
        None, description="participants per supervisor in the late group; none: no supervisor"
    )


class Program(_Frozen):
    ordinary_start: Time
    latest_start: Time = Field(description="latest start of a late group")
    payout: Time = Field(description="everyone ends here: the common payout")
    min_work_minutes: Minutes = 0
    staff_prep_minutes: Minutes = 0
    daily_cap: Count | None = None
    ramp_up: dict[WeekNumber, Count] = Field(
        default_factory=lambda: {}, description="daily cap by week number (week 1 is the first)"
    )
    crews: dict[Id, Crew] = Field(min_length=1, max_length=limits.MAX_IDS)

    @property
    def effective_latest_start(self) -> int:
        """A late group must still leave min_work_minutes before payout."""
        return min(self.latest_start, self.payout - self.min_work_minutes)

    def daily_cap_in_week(self, week: int) -> int | None:
        return self.ramp_up.get(week, self.daily_cap)


class Staff(_Frozen):
    crews: list[Id] | None = Field(None, description="crews this supervisor may lead; default all")
    days: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS))
    hours: TimeWindow = (0, 24 * 60)
    max_days: DaysAWeek = 7


class Participant(_Frozen):
    clinic: Id | None = Field(None, description="default: the only clinic, when there is one")
    dose_form: DoseForm
    crews: list[Id] | None = Field(None, description="crews open to this participant; default all")
    days: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS))
    want: tuple[DaysAWeek, DaysAWeek] = (0, 7)
    priority: Priority = 1
    away: list[dt.date] = Field(default_factory=lambda: [])
    observation: Minutes | None = Field(None, description="minutes; overrides the clinic's")
    morning_dose: Time | None = Field(None, description="fixed start of the morning dose")


class Scenario(_Frozen):
    """A validated scenario; cross-references hold, defaults are filled in."""

    model_config = ConfigDict(defer_build=False)  # what every file is validated with

    name: str
    start: dt.date = Field(description="a Monday; the horizon is `weeks` whole weeks from here")
    weeks: Weeks = 1
    time_step: TimeStep = 5
    closed: list[dt.date] = Field(default_factory=lambda: [])
    clinics: dict[Id, Clinic] = Field(min_length=1, max_length=limits.MAX_IDS)
    sites: dict[Id, Site] = Field(max_length=limits.MAX_IDS)
    program: Program
    staff: dict[Id, Staff] = Field(default_factory=lambda: {}, max_length=limits.MAX_STAFF)
    participants: dict[Id, Participant] = Field(default_factory=lambda: {}, max_length=limits.MAX_PARTICIPANTS)
    objective: list[Objective] = Field(
        default_factory=lambda: list(DEFAULT_OBJECTIVE),
        description=(
            "objectives in order of importance, each optimised with the earlier ones held: shortfall = "
            "Σ priority × days below want[0] per week (minimised); fairness = days each participant who "
            "wants work (want[1] > 0) and could work works over the whole horizon, leximin: the smallest "
            "count as large as it can be, then the next smallest, … (priorities do not enter; it ties the "
            "weeks together); participant_days = Σ priority × days worked (maximised); late_start = Σ "
            "minutes late groups start after the ordinary start (minimised); staff = supervisor-days "
            "(minimised). An objective left out is not optimised; its value is still reported"
        ),
    )
    replan: list[ReplanStage] = Field(
        default_factory=lambda: list(REPLAN_STAGES),
        description=(
            "order of the stages when a day is re-planned (workwindow replan): keep = planned participants "
            "who still come keep their day; walk_ins = people who came without a place get one; dose_moves = "
            "fewest booked dose times moved; changes = fewest other changes (group, crew, start, supervisor) "
            "for people already told; objective = the scenario's objective list. A stage left out is not "
            "optimised"
        ),
    )
    uncertainty: Uncertainty = Field(
        default_factory=Uncertainty,
        description="how real mornings differ from the plan (workwindow simulate, solve --robust); default none",
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_defaults_that_depend_on_other_fields(cls, data: object) -> object:
        """Only clinic and crews default to "the only clinic" / "all crews"."""
        if not isinstance(data, dict):
            return data
        clinics, program = data.get("clinics"), data.get("program")
        only_clinic = next(iter(clinics)) if isinstance(clinics, dict) and len(clinics) == 1 else None
        crews = program.get("crews") if isinstance(program, dict) else None
        all_crews = list(crews) if isinstance(crews, dict) else None
        data = dict(data)
        if "participants" in data:
            data["participants"] = _with_defaults(data["participants"], {"clinic": only_clinic, "crews": all_crews})
        if "staff" in data:
            data["staff"] = _with_defaults(data["staff"], {"crews": all_crews})
        return data

    @model_validator(mode="after")
    def _check_cross_references(self) -> "Scenario":
        from workwindow.models.scenario_rules import problems_of  # the rules need the classes above

        problems = list(problems_of(self))
        if problems:
            raise ScenarioProblems(problems)
        return self

    # -- derived facts used by the solver, the checker and the reports ---------

    @property
    def dates(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(7 * self.weeks)]

    def week_of(self, date: dt.date) -> int:
        """Week number of a date, 1 for the first week of the horizon."""
        return (date - self.start).days // 7 + 1

    @property
    def latest_late_start(self) -> int:
        """The last grid time a late group can start: the effective latest start, floored to the grid."""
        program = self.program
        span = program.effective_latest_start - program.ordinary_start
        return program.ordinary_start + span // self.time_step * self.time_step

    def clinic_of(self, participant: str) -> Clinic:
        return self.clinics[self.participants[participant].clinic]  # type: ignore[index]

    def observation_of(self, participant: str) -> int:
        p = self.participants[participant]
        if p.observation is not None:
            return p.observation
        return getattr(self.clinic_of(participant).observation, p.dose_form)

    def travel(self, participant: str, crew: str) -> int:
        site = self.sites[self.program.crews[crew].site]
        return site.travel[self.participants[participant].clinic]  # type: ignore[index]

    def crew_runs(self, crew: str, date: dt.date) -> bool:
        return weekday(date) in self.program.crews[crew].days and date not in self.closed

    def eligible_crews(self, participant: str, date: dt.date) -> list[str]:
        """Crews p may join on a date: open to p, p's weekday, not away, crew runs."""
        p = self.participants[participant]
        day = weekday(date)
        if day not in p.days or date in p.away or date in self.closed:
            return []
        crews = self.program.crews
        return [c for c in p.crews or [] if day in crews[c].days]


def _with_defaults(entries: object, defaults: dict[str, object]) -> object:
    if not isinstance(entries, dict):
        return entries
    return {
        key: {**{k: v for k, v in defaults.items() if v is not None}, **value} if isinstance(value, dict) else value
        for key, value in entries.items()
    }
