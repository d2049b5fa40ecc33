"""An Excel workbook a planner can print: a sheet per week, a row per participant.

Cells read like "gaterydding late 09:35", or on an eligible day without work
"no work: capacity" and why. Below the participants, a row per crew names the
supervisors of its late group and when to be there (as in their calendars).
No dose times, no dose form.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workwindow.models import format_time
from workwindow.report.plan import Plan, Week, day_label, without_work_label, work_label

_THIN = Side(style="thin", color="B0B7BF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E8ECF0")
_WORK_FILL = PatternFill("solid", fgColor="DFF2E6")
_CLOSED_FILL = PatternFill("solid", fgColor="EEEEEE")
_NONE_FONT = Font(color="6B7280", italic=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(plan: Plan) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for week in plan.weeks:
        _week_sheet(book.create_sheet(f"Week {week.number}"), plan, week)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _week_sheet(sheet: Worksheet, plan: Plan, week: Week) -> None:
    header = ["Participant", *[_day_heading(plan, d) for d in week.dates], "Days"]
    sheet.append(header)
    for pid in plan.scenario.participants:
        labels = [_cell_text(plan, pid, d) for d in week.dates]
        sheet.append([pid, *labels, sum(1 for d in week.dates if (pid, d) in plan.assignment_at)])
    sheet.append([])
    for crew in plan.scenario.program.crews:
        sheet.append([f"{crew}: supervisors", *[_supervisors(plan, crew, d) for d in week.dates]])
    _format(sheet, plan, week)
    _print_setup(sheet, plan, week)


def _day_heading(plan: Plan, date) -> str:
    label = day_label(date)
    return f"{label} (closed)" if date in plan.scenario.closed else label


def _cell_text(plan: Plan, pid: str, date) -> str:
    if (pid, date) in plan.assignment_at:
        return work_label(plan.assignment_at[(pid, date)])
    if (pid, date) in plan.unassigned_at:
        return without_work_label(plan.unassigned_at[(pid, date)])
    return ""


def _supervisors(plan: Plan, crew: str, date) -> str:
    late = [g for g in plan.groups_of(crew, date) if g.group == "late"]
    return "; ".join(_supervisor_text(plan, g) for g in late)


def _supervisor_text(plan: Plan, group) -> str:
    starts = format_time(group.start)
    if not group.staff:
        return f"none needed (starts {starts})"
    return f"{' '.join(group.staff)}: be there from {format_time(plan.arrival(group))} (starts {starts})"


def _format(sheet: Worksheet, plan: Plan, week: Week) -> None:
    sheet.column_dimensions["A"].width = 22
    for i in range(len(week.dates)):
        sheet.column_dimensions[get_column_letter(i + 2)].width = 26
    sheet.column_dimensions[get_column_letter(len(week.dates) + 2)].width = 7
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    people = len(plan.scenario.participants)
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=len(week.dates) + 2):
        for cell in row:
            if cell.row == people + 2:
                continue
            cell.border = _BORDER
            cell.alignment = _WRAP
            if 1 < cell.row <= people + 1 and 1 < cell.column <= len(week.dates) + 1:
                date = week.dates[cell.column - 2]
                pid = sheet.cell(cell.row, 1).value
                if (pid, date) in plan.assignment_at:
                    cell.fill = _WORK_FILL
                elif cell.value:
                    cell.font = _NONE_FONT
                elif date in plan.scenario.closed:
                    cell.fill = _CLOSED_FILL
    for row in sheet.iter_rows(min_row=2, max_col=1):
        row[0].font = Font(bold=True)
    sheet.freeze_panes = "B2"


def _print_setup(sheet: Worksheet, plan: Plan, week: Week) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = f"{plan.scenario.name}, week {week.number}"
    sheet.oddFooter.right.text = "Page &P of &N"
