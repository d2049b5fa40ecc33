"""iCalendar files, one per supervisor and one per participant, in Europe/Oslo time.

An event per work day; UIDs are stable (date, crew, group, person) so that
importing a new export updates the events instead of doubling them.
A supervisor's calendar names participants by id only and holds no dose
times; a participant's own calendar reminds them of their morning dose time.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from workwindow.models import format_time
from workwindow.models.schedule import Assignment, GroupRun
from workwindow.report.plan import Plan

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//workwindow//I jobb schedule//EN"


def calendars(plan: Plan) -> dict[str, bytes]:
    """File name → calendar, for everyone with at least one work day."""
    stamp = dt.datetime.now(dt.UTC)
    files: dict[str, bytes] = {}
    for pid in plan.scenario.participants:
        own = [a for a in plan.schedule.assignments if a.participant == pid]
        if own:
            events = [_participant_event(plan, a, stamp) for a in sorted(own, key=lambda a: a.date)]
            files[f"participant-{pid}.ics"] = _calendar(f"I jobb: {pid}", events)
    for staff in plan.scenario.staff:
        led = [g for g in plan.schedule.groups if staff in g.staff]
        if led:
            events = [_supervisor_event(plan, staff, g, stamp) for g in sorted(led, key=lambda g: g.date)]
            files[f"supervisor-{staff}.ics"] = _calendar(f"I jobb: {staff}", events)
    return files


def _calendar(name: str, events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", OSLO.key)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _participant_event(plan: Plan, a: Assignment, stamp: dt.datetime) -> Event:
    site = plan.site_of(a.crew)
    description = (
        f"Work with crew {a.crew} ({a.group} group) from {format_time(a.start)}; "
        f"common payout at {format_time(a.end)}. "
        f"Morning dose at {format_time(a.dose)}, at the site by {format_time(a.ready)}."
    )
    return _event(
        uid=f"{a.date}-{a.crew}-{a.group}-{a.participant}",
        summary=f"I jobb: {a.crew}",
        start=_at(a.date, a.start),
        end=_at(a.date, a.end),
        location=site,
        description=description,
        stamp=stamp,
    )


def _supervisor_event(plan: Plan, staff: str, g: GroupRun, stamp: dt.datetime) -> Event:
    arrival = plan.arrival(g)
    description = (
        f"Lead the {g.group} group of crew {g.crew}: it starts at {format_time(g.start)} "
        f"(be there from {format_time(arrival)}); common payout at {format_time(g.end)}. "
        f"Participants: {', '.join(g.participants)}."
    )
    return _event(
        uid=f"{g.date}-{g.crew}-{g.group}-{staff}",
        summary=f"I jobb: lead {g.crew} {g.group} group",
        start=_at(g.date, arrival),
        end=_at(g.date, g.end),
        location=plan.site_of(g.crew),
        description=description,
        stamp=stamp,
    )


def _event(
    *,
    uid: str,
    summary: str,
    start: dt.datetime,
    end: dt.datetime,
    location: str,
    description: str,
    stamp: dt.datetime,
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@workwindow")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    return event


def _at(date: dt.date, minutes: int) -> dt.datetime:
    """Wall-clock time in Oslo; aware arithmetic on a ZoneInfo datetime stays on the wall clock."""
    return dt.datetime.combine(date, dt.time(), tzinfo=OSLO) + dt.timedelta(minutes=minutes)
