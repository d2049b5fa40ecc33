"""A day's timelines as inline SVG: one row per participant at work that day.

Inline SVG in HTML needs no namespace attribute, so the file names no URL at all.

Hand-built SVG keeps the report a single self-contained file without a
plotting library; every row shows dose → observation → travel → work →
payout → travel → afternoon dose, on one shared clock axis.

By default the morning dose and the observation after it are one bar, "at the
clinic", from the dose time to leaving: the plan says when the dose starts and
when the participant is ready, but how long the observation is tells the dose
form, which the work program must not learn. The clinic's report
(`health_details`) draws them apart.
"""

import datetime as dt
from dataclasses import dataclass

from workwindow.models import Scenario, format_time
from workwindow.models.schedule import Assignment
from workwindow.report.markup import Html, el, join

LABEL_WIDTH = 200
PX_PER_MINUTE = 2.4
ROW_HEIGHT = 26
BAR_HEIGHT = 16
AXIS_HEIGHT = 40
HOUR = 60

STAGES: dict[str, tuple[str, str]] = {
    # stage: (fill colour, legend text)
    "clinic": ("#5b2a86", "at the clinic: dose (and observation)"),
    "dose": ("#5b2a86", "morning / afternoon dose"),
    "observation": ("#b79ad6", "observation"),
    "travel": ("#7fb3d5", "travel"),
    "wait": ("#d5d8dc", "waiting"),
    "work": ("#2e8b57", "work"),
    "payout": ("#e67e22", "payout"),
}


@dataclass(frozen=True)
class Segment:
    stage: str
    start: int
    end: int


def segments(scenario: Scenario, a: Assignment, *, health_details: bool = False) -> list[Segment]:
    """The participant's day around the work, from the scenario's own durations."""
    clinic = scenario.clinic_of(a.participant)
    dose_end = a.dose + clinic.dose_minutes
    observed = dose_end + scenario.observation_of(a.participant)
    travel = scenario.travel(a.participant, a.crew)
    arrived = observed + travel
    back = a.end + travel
    afternoon = max(back, clinic.afternoon[0])
    at_clinic = [Segment("dose", a.dose, dose_end), Segment("observation", dose_end, observed)]
    parts = [
        *(at_clinic if health_details else [Segment("clinic", a.dose, observed)]),
        Segment("travel", observed, arrived),
        Segment("wait", arrived, a.start),
        Segment("work", a.start, a.end),
        Segment("travel", a.end, back),
        Segment("wait", back, afternoon),
        Segment("clinic" if not health_details else "dose", afternoon, afternoon + clinic.dose_minutes),
    ]
    return [s for s in parts if s.end > s.start]


def day_timeline(
    scenario: Scenario, date: dt.date, assignments: list[Assignment], *, health_details: bool = False
) -> Html:
    rows = [(a, segments(scenario, a, health_details=health_details)) for a in assignments]
    first = min(s.start for _, parts in rows for s in parts)
    last = max(s.end for _, parts in rows for s in parts)
    axis = _Axis(first // HOUR * HOUR, -(-last // HOUR) * HOUR)
    height = AXIS_HEIGHT + ROW_HEIGHT * len(rows) + 6
    return el(
        "svg",
        el("title", f"Timelines for {date.isoformat()}"),
        join(_band(i, axis) for i in range(len(rows))),
        _grid(axis, height),
        _reference_lines(scenario, axis, height),
        join(_row(i, a, parts, axis) for i, (a, parts) in enumerate(rows)),
        viewBox=f"0 0 {axis.width} {height}",
        width=axis.width,
        height=height,
        class_="timeline",
        role="img",
        data_date=date.isoformat(),
        font_family="system-ui, sans-serif",
    )


def legend(*, health_details: bool = False) -> Html:
    hidden = "clinic" if health_details else ("dose", "observation")
    items = [
        el("span", el("i", style=f"background:{colour}"), label, class_="key")
        for stage, (colour, label) in STAGES.items()
        if stage not in hidden
    ]
    return el("p", *items, class_="legend")


@dataclass(frozen=True)
class _Axis:
    first: int
    last: int

    @property
    def width(self) -> int:
        return round(self.x(self.last)) + 24

    def x(self, minute: int) -> float:
        return LABEL_WIDTH + (minute - self.first) * PX_PER_MINUTE


def _grid(axis: _Axis, height: int) -> Html:
    lines = []
    for minute in range(axis.first, axis.last + 1, 15):
        x = round(axis.x(minute), 1)
        on_hour = minute % HOUR == 0
        lines.append(
            el(
                "line",
                x1=x,
                x2=x,
                y1=AXIS_HEIGHT - 6,
                y2=height,
                stroke="#bbb" if on_hour else "#e6e6e6",
                stroke_width=1,
            )
        )
        if on_hour:
            lines.append(el("text", format_time(minute), x=x, y=12, font_size=11, text_anchor="middle"))
    return join(lines)


def _reference_lines(scenario: Scenario, axis: _Axis, height: int) -> Html:
    program = scenario.program
    marks = [
        (program.ordinary_start, "start"),
        (program.effective_latest_start, "latest"),
        (program.payout, "payout"),
    ]
    drawn = []
    for minute, label in marks:
        if not axis.first <= minute <= axis.last:
            continue
        x = round(axis.x(minute), 1)
        drawn.append(
            el(
                "line",
                x1=x,
                x2=x,
                y1=AXIS_HEIGHT - 12,
                y2=height,
                stroke="#c0392b",
                stroke_width=1,
                stroke_dasharray="4 3",
            )
        )
        drawn.append(el("text", label, x=x, y=AXIS_HEIGHT - 14, font_size=10, fill="#c0392b", text_anchor="middle"))
    return join(drawn)


def _band(index: int, axis: _Axis) -> Html:
    """Alternate row shading, drawn under the clock grid so the grid stays visible."""
    fill = "#f3f4f6" if index % 2 else "#ffffff"
    return el("rect", x=0, y=AXIS_HEIGHT + index * ROW_HEIGHT, width=axis.width, height=ROW_HEIGHT, fill=fill)


def _row(index: int, a: Assignment, parts: list[Segment], axis: _Axis) -> Html:
    top = AXIS_HEIGHT + index * ROW_HEIGHT
    bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
    middle = top + ROW_HEIGHT / 2 + 4
    return el(
        "g",
        el(
            "text",
            el("tspan", a.participant, font_weight="bold"),
            el("tspan", f"  {a.crew} · {a.group}", fill="#555"),
            x=6,
            y=middle,
            font_size=12,
        ),
        join(_bar(s, a.participant, axis, bar_top) for s in parts),
        _work_times(a, axis, middle),
        _payout_mark(a, axis, bar_top),
        class_="participant-day",
        data_participant=a.participant,
    )


def _bar(segment: Segment, participant: str, axis: _Axis, top: float) -> Html:
    x = axis.x(segment.start)
    width = (segment.end - segment.start) * PX_PER_MINUTE
    thin = segment.stage == "wait"
    return el(
        "rect",
        el("title", f"{participant} {segment.stage} {_span(segment.start, segment.end)}"),
        x=round(x, 1),
        y=round(top + (BAR_HEIGHT * 0.4 if thin else 0), 1),
        width=round(width, 1),
        height=round(BAR_HEIGHT * (0.2 if thin else 1), 1),
        fill=STAGES[segment.stage][0],
        class_=f"stage-{segment.stage}",
    )


def _work_times(a: Assignment, axis: _Axis, baseline: float) -> Html:
    middle = (axis.x(a.start) + axis.x(a.end)) / 2
    return el(
        "text",
        _span(a.start, a.end),
        x=round(middle, 1),
        y=baseline,
        font_size=11,
        fill="#fff",
        text_anchor="middle",
    )


def _payout_mark(a: Assignment, axis: _Axis, top: float) -> Html:
    x, size = axis.x(a.end), BAR_HEIGHT / 2
    cy = top + size
    points = f"{x:.1f},{cy - size:.1f} {x + size:.1f},{cy:.1f} {x:.1f},{cy + size:.1f} {x - size:.1f},{cy:.1f}"
    return el(
        "polygon",
        el("title", f"{a.participant} payout {format_time(a.end)}"),
        points=points,
        fill=STAGES["payout"][0],
        stroke="#fff",
        class_="stage-payout",
    )


def _span(start: int, end: int) -> str:
    return f"{format_time(start)}–{format_time(end)}"
