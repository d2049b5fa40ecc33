"""The bundled pilot, solved, through the report and every export."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from workwindow.export import assignments_csv, calendars, workbook_bytes
from workwindow.models import format_time, load_scenario
from workwindow.report.html import render_report
from workwindow.report.plan import Plan, without_work_label, work_label
from workwindow.solver import solve

PILOT = Path(__file__).parents[2] / "scenarios" / "pilot.yaml"


@pytest.fixture(scope="module")
def pilot() -> Plan:
    scenario = load_scenario(PILOT)
    return Plan(scenario, solve(scenario, time_limit=60, workers=2, seed=0, deterministic=True))


def test_pilot_report_in_chromium_has_every_week_day_and_person(pilot, browse, parse, artifacts, tmp_path):
    page = tmp_path / "pilot.html"
    page.write_text(render_report(pilot.scenario, pilot.schedule), encoding="utf-8")
    shot = artifacts / "report-pilot.png"
    shot.unlink(missing_ok=True)

    dom = parse(browse(page, "--dump-dom").stdout)
    browse(page, f"--screenshot={shot}", "--window-size=1400,2000")

    weeks = dom.find_all("section", "week")
    assert [w.attrs["data-week"] for w in weeks] == ["1", "2", "3", "4"]
    per_week = Counter(pilot.scenario.week_of(a.date) for a in pilot.schedule.assignments)
    assert [len(w.find_all("td", "work")) for w in weeks] == [per_week[n] for n in (1, 2, 3, 4)]
    assert [len(w.find("table", "people").find_all("tr")) - 1 for w in weeks] == [25] * 4
    worked_days = sorted({a.date.isoformat() for a in pilot.schedule.assignments})
    assert [svg.attrs["data-date"] for svg in dom.find_all("svg", "timeline")] == worked_days
    assert len(dom.find_all("g", "participant-day")) == len(pilot.schedule.assignments)
    reasons = Counter(td.attrs["data-reason"] for td in dom.find_all("td", "none"))
    assert reasons == Counter(u.reason for u in pilot.schedule.unassigned)
    shown = Counter(d.text for b in dom.find_all("div", "late") for d in b.find_all("div", "staff"))
    led = [g for g in pilot.schedule.groups if g.group == "late"]
    prep = pilot.scenario.program.staff_prep_minutes
    assert shown == Counter(f"supervisor {', '.join(g.staff)}, there from {format_time(g.start - prep)}" for g in led)
    assert shot.stat().st_size > 50_000


def test_pilot_exports_read_back_to_the_schedule(pilot):
    schedule = pilot.schedule

    rows = list(csv.DictReader(io.StringIO(assignments_csv(pilot))))
    assert len(rows) == schedule.kpis.days_worked
    assert Counter(r["participant"] for r in rows) == Counter(a.participant for a in schedule.assignments)

    book = load_workbook(io.BytesIO(workbook_bytes(pilot)))
    assert book.sheetnames == ["Week 1", "Week 2", "Week 3", "Week 4"]
    cells = Counter(
        value
        for sheet in book
        for row in sheet.iter_rows(min_row=2, max_row=26, min_col=2, values_only=True)
        for value in row
        if isinstance(value, str)
    )
    expected = Counter(work_label(a) for a in schedule.assignments)
    expected.update(without_work_label(u) for u in schedule.unassigned)
    assert cells == expected

    files = calendars(pilot)
    events = {name: list(Calendar.from_ical(data).walk("VEVENT")) for name, data in files.items()}
    for pid, days in Counter(a.participant for a in schedule.assignments).items():
        assert len(events[f"participant-{pid}.ics"]) == days
    led = Counter(s for g in schedule.groups for s in g.staff)
    assert {name: len(e) for name, e in events.items() if name.startswith("supervisor-")} == {
        f"supervisor-{s}.ics": n for s, n in led.items()
    }
    assert led.total() == schedule.objectives["staff"]
