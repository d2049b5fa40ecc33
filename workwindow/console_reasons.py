"""The days without work, who got none at all and who stayed short, as lines of a given width.

Plain lines rather than a table: each entry ("P03 11.03 12.03") stays whole
on one line at any width (see `workwindow.lines`), so the same facts read
the same at 80 columns and at 200, on a terminal or piped to a file.
"""

import datetime as dt
from collections import defaultdict
from itertools import groupby

from workwindow.idle import IDLE_TEXT, Idle, Short
from workwindow.lines import packed, wrapped
from workwindow.models.schedule import REASONS, Unassigned

ENTRY_INDENT = 4

ReasonRows = dict[tuple[str, str], dict[str, list[dt.date]]]


def reason_rows(unassigned: list[Unassigned]) -> ReasonRows:
    """Who, on which days, per reason and detail: by reason in REASONS order, then by first date."""
    rows: ReasonRows = defaultdict(lambda: defaultdict(list))
    for u in sorted(unassigned, key=lambda u: (REASONS.index(u.reason), u.date, u.participant)):
        rows[(u.reason, u.detail)][u.participant].append(u.date)
    return rows


def reason_lines(rows: ReasonRows, width: int) -> list[str]:
    """A heading per reason and detail, then its people with their days, never split mid-entry."""
    lines = []
    for (reason, detail), people in rows.items():
        lines += wrapped(f"{reason} · {detail}", width, hanging=2)
        entries = [[pid, *(d.strftime("%d.%m") for d in sorted(dates))] for pid, dates in people.items()]
        lines += packed(entries, width, ENTRY_INDENT)
    return lines


def idle_lines(idle: list[Idle], participants: int, weeks: int, width: int) -> list[str]:
    """Everyone without a single work day, grouped by the reason on most of their eligible days."""
    horizon = "the week" if weeks == 1 else f"the {weeks} weeks"
    if not idle:
        return [f"Everyone got work in {horizon}."]
    lines = wrapped(
        f"No work at all in {horizon}: {len(idle)} of {participants} participants, "
        "by the reason on most of their eligible days",
        width,
    )
    order = {reason: i for i, reason in enumerate((*REASONS, *IDLE_TEXT))}
    for reason, group in groupby(sorted(idle, key=lambda i: order[i.reason]), key=lambda i: i.reason):
        lines += wrapped(IDLE_TEXT.get(reason, reason), width, indent=2)
        entries = [[i.participant] if i.eligible == 0 else [i.participant, _days(i)] for i in group]
        lines += packed(entries, width, ENTRY_INDENT, separator=", ")
    return lines


def short_lines(short: list[Short], width: int) -> list[str]:
    """Who stayed below their minimum, week by week: "P01 0 of 1" is 0 days worked of at least 1."""
    if not short:
        return ["Everyone reached their minimum days in every week."]
    missing = sum(s.minimum - s.worked for s in short)
    lines = wrapped(f"Short of their minimum: {missing} days (days worked of the minimum wanted)", width)
    for week, group in groupby(short, key=lambda s: s.week):
        entries = [[f"{s.participant} {s.worked} of {s.minimum}"] for s in group]
        lines += [f"  week {week}", *packed(entries, width, ENTRY_INDENT, separator=", ")]
    return lines


def _days(idle: Idle) -> str:
    return f"({idle.days} of {idle.eligible} days)"
