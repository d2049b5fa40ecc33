"""What `explain` says of one participant: their days, and the answer to each what-if."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from workwindow.models.schedule import Group, Reason

WhatIfKind = Literal["tablets", "later_start", "one_more_place", "one_more_supervisor"]
HELPED_BY = {
    "later_start": ("not_ready", "stations", "staff"),
    "one_more_place": ("capacity",),
    "one_more_supervisor": ("staff", "tradeoff"),
}
"""The reasons for a day without work that each change can remove; it is tried only for such days.
(A later start gives dose times and supervisors room; a supervisor-day spared may be a trade-off.)"""


@dataclass(frozen=True)
class DayStatus:
    """An eligible day: the work they got, or the reason they got none."""

    date: dt.date
    crew: str | None = None
    group: Group | None = None
    start: int | None = None
    reason: Reason | None = None
    detail: str | None = None

    @property
    def works(self) -> bool:
        return self.crew is not None


@dataclass(frozen=True)
class WhatIf:
    kind: WhatIfKind
    question: str
    overrides: tuple[str, ...] = ()
    """The change, as overrides; empty when the change was not tried (see `note`)."""
    note: str | None = None
    days: tuple[dt.date, ...] | None = None
    """The days they would work; None when not tried."""
    gained: tuple[dt.date, ...] = ()
    lost: tuple[dt.date, ...] = ()
    still_without: dict[str, int] = dataclasses.field(default_factory=dict)
    """Their eligible days still without work, counted by reason."""

    @property
    def tried(self) -> bool:
        return self.days is not None

    @property
    def change(self) -> int:
        return len(self.gained) - len(self.lost)


@dataclass(frozen=True)
class Explanation:
    participant: str
    scenario: str
    days: tuple[DayStatus, ...]
    """Every eligible day, in date order."""
    what_ifs: tuple[WhatIf, ...]

    @property
    def worked(self) -> tuple[dt.date, ...]:
        return tuple(d.date for d in self.days if d.works)
