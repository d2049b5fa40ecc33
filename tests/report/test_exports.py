"""Each export read back by its own library."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from icalendar import Calendar
from openpyxl import load_workbook

from workwindow.export import assignments_csv, calendars, workbook_bytes
from workwindow.export.table import COLUMNS
from workwindow.report.html import render_report

HEALTH_WORDS = ("injection", "tablet")


def test_csv_has_one_row_per_assignment_with_site_and_supervisors(small_plan):
    text = assignments_csv(small_plan)

    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(small_plan.schedule.assignments)
    p01_monday = next(r for r in rows if r["participant"] == "P01" and r["date"] == "2024-03-11")
    assert p01_monday == {
        "week": "1",
        "date": "2024-03-11",
        "weekday": "mon",
        "participant": "P01",
        "crew": "gaterydding",
        "site": "gaterydding",
        "group": "late",
        "dose": "08:10",
        "ready": "09:15",
        "start": "09:15",
        "end": "12:00",
        "supervisors": "kari",
    }
    assert next(r for r in rows if r["participant"] == "P04")["supervisors"] == ""
    assert not any(word in text for word in HEALTH_WORDS)


def test_workbook_has_a_printable_sheet_per_week_with_a_cell_per_participant_day_and_why_not(small_plan):
    book = load_workbook(io.BytesIO(workbook_bytes(small_plan)))

    assert book.sheetnames == ["Week 1"]
    sheet = book["Week 1"]
    header = [c.value for c in sheet[1]]
    assert header == ["Participant", "Mon 11.03", "Tue 12.03", "Wed 13.03", "Thu 14.03", "Days"]
    by_participant = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert by_participant["P01"] == (
        "gaterydding late 09:15",
        "gaterydding late 09:05",
        "verksted late 09:05",
        "no work: want max (already 3 days in week 1 (wants at most 3))",
        3,
    )
    not_ready = "no work: not ready (earliest ready 10:05 > latest start 10:00)"
    assert by_participant["P05"] == (not_ready, not_ready, None, None, 0)
    assert by_participant["gaterydding: supervisors"][:2] == (
        "kari: be there from 09:00 (starts 09:15)",
        "kari: be there from 08:50 (starts 09:05)",
    )
    assert sheet.freeze_panes == "B2"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    values = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "dose" not in values
    assert not any(word in values for word in HEALTH_WORDS)


def test_workbook_marks_a_closed_day_in_its_heading(small_plan):
    closed = small_plan.scenario.model_copy(update={"closed": [dt.date(2024, 3, 14)]})
    plan = type(small_plan)(closed, small_plan.schedule)

    sheet = load_workbook(io.BytesIO(workbook_bytes(plan)))["Week 1"]

    assert sheet["E1"].value == "Thu 14.03 (closed)"


def test_calendars_give_each_person_an_event_per_work_day_in_oslo_time(small_plan):
    files = calendars(small_plan)

    assert sorted(files) == [
        "participant-P01.ics",
        "participant-P02.ics",
        "participant-P03.ics",
        "participant-P04.ics",
        "supervisor-kari.ics",
    ]
    p01 = Calendar.from_ical(files["participant-P01.ics"])
    events = sorted(p01.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    oslo = ZoneInfo("Europe/Oslo")
    assert [e.decoded("dtstart") for e in events] == [
        dt.datetime(2024, 3, 11, 9, 15, tzinfo=oslo),
        dt.datetime(2024, 3, 12, 9, 5, tzinfo=oslo),
        dt.datetime(2024, 3, 13, 9, 5, tzinfo=oslo),
    ]
    assert all(e.decoded("dtend").time() == dt.time(12, 0) for e in events)
    assert [str(e["location"]) for e in events] == ["gaterydding", "gaterydding", "verksted"]
    assert all(str(e["dtstart"].params["TZID"]) == "Europe/Oslo" for e in events)
    assert "Morning dose at 08:10" in str(events[0]["description"])
    assert [tz["tzid"] for tz in p01.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert len({str(e["uid"]) for e in events}) == 3


def test_supervisor_calendar_starts_at_prep_and_holds_no_health_data(small_plan):
    raw = calendars(small_plan)["supervisor-kari.ics"]

    kari = Calendar.from_ical(raw)
    events = sorted(kari.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [e.decoded("dtstart").strftime("%d %H:%M") for e in events] == ["11 09:00", "12 08:50", "13 08:50"]
    assert "Participants: P01, P03." in str(events[0]["description"])
    text = raw.decode().lower()
    assert "dose" not in text
    assert not any(word in text for word in HEALTH_WORDS)


def test_calendar_times_keep_the_oslo_wall_clock_after_summer_time_starts(small_plan):
    """Summer time starts 2024-03-31: the same plan three weeks later is at +02:00, still 09:15."""
    later = dt.timedelta(days=21)
    scenario = small_plan.scenario.model_copy(update={"start": small_plan.scenario.start + later})
    schedule = small_plan.schedule.model_copy(
        update={
            "assignments": [a.model_copy(update={"date": a.date + later}) for a in small_plan.schedule.assignments],
            "groups": [g.model_copy(update={"date": g.date + later}) for g in small_plan.schedule.groups],
        }
    )

    files = calendars(type(small_plan)(scenario, schedule))

    p01 = Calendar.from_ical(files["participant-P01.ics"])
    first = min(e.decoded("dtstart") for e in p01.walk("VEVENT"))
    assert first.strftime("%Y-%m-%d %H:%M %z") == "2024-04-01 09:15 +0200"
    assert "DTSTART;TZID=Europe/Oslo:20240401T091500" in files["participant-P01.ics"].decode()


def test_exports_of_an_empty_schedule_hold_headers_and_no_calendars(small_plan):
    empty = type(small_plan)(
        small_plan.scenario, small_plan.schedule.model_copy(update={"assignments": [], "groups": []})
    )

    assert assignments_csv(empty) == ",".join(COLUMNS) + "\n"
    sheet = load_workbook(io.BytesIO(workbook_bytes(empty)))["Week 1"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, max_row=6, values_only=True)] == [
        "P01",
        "P02",
        "P03",
        "P04",
        "P05",
    ]
    assert calendars(empty) == {}


def test_a_supervisors_arrival_is_the_same_in_calendar_workbook_and_report(small_plan):
    prep = small_plan.scenario.program.staff_prep_minutes
    late = [g for g in small_plan.schedule.groups if g.group == "late" and "kari" in g.staff]
    arrivals = {(g.date, f"{(g.start - prep) // 60:02d}:{(g.start - prep) % 60:02d}") for g in late}
    assert prep > 0 and arrivals

    events = Calendar.from_ical(calendars(small_plan)["supervisor-kari.ics"]).walk("VEVENT")
    in_calendar = {(e.decoded("dtstart").date(), e.decoded("dtstart").strftime("%H:%M")) for e in events}
    assert in_calendar == arrivals
    assert all(f"be there from {e.decoded('dtstart'):%H:%M}" in str(e.get("description")) for e in events)

    sheet = load_workbook(io.BytesIO(workbook_bytes(small_plan)))["Week 1"]
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert all(f"kari: be there from {time}" in cells for _, time in arrivals)

    report = render_report(small_plan.scenario, small_plan.schedule)
    assert all(f"supervisor kari, there from {time}" in report for _, time in arrivals)
