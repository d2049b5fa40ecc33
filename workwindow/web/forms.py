"""The scenario page's forms: which fields each section shows, how they read and how they are written back.

One description serves both ways: `rows_for` turns the scenario's data into
what the page shows, and `apply_form` turns what the page sends into edits
of the round-trip document. A field the page does not show (a list of
station slots, the objective order) is never touched. A field emptied on
the page is removed from the file, so its default applies, as the README
describes for each field.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap

from workwindow.errors import Problem
from workwindow.models import WEEKDAYS, format_time
from workwindow.web.editing import DELETE, apply, rename

Kind = Literal["text", "int", "time", "date", "dates", "window", "want", "days", "ids", "choice", "ramp"]
Data = dict[str, Any]


@dataclass(frozen=True)
class Field:
    key: str
    """Dotted under the row: `observation.injection`."""
    label: str
    kind: Kind
    hint: str = ""
    options: Callable[[Data], list[str]] | None = None
    """For `ids` and `choice`: the ids offered, read from the scenario."""

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    path: tuple[str, ...]
    fields: Callable[[Data], list[Field]]
    table: bool
    """A table of rows by id (clinics, participants …), or one form (program)."""
    about: str = ""

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _ids(*path: str) -> Callable[[Data], list[str]]:
    def read(data: Data) -> list[str]:
        node: Any = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return [str(k) for k in node] if isinstance(node, dict) else []

    return read


def _forms(_data: Data) -> list[str]:
    return ["injection", "tablet"]


def _general(_data: Data) -> list[Field]:
    return [
        Field("name", "Name", "text"),
        Field("start", "First day (a Monday)", "date"),
        Field("weeks", "Weeks", "int"),
        Field("time_step", "Time step (minutes)", "int", "all times are multiples of it"),
        Field("closed", "Closed dates", "dates", "dates with no work, e.g. 2024-03-29, 2024-04-01"),
    ]


def _program(_data: Data) -> list[Field]:
    return [
        Field("ordinary_start", "Ordinary start", "time"),
        Field("latest_start", "Latest start of a late group", "time"),
        Field("payout", "Payout (everyone ends)", "time"),
        Field("min_work_minutes", "Least work (minutes)", "int"),
        Field("staff_prep_minutes", "Supervisor there before the start (minutes)", "int"),
        Field("daily_cap", "Participants a day at most", "int", "empty: no cap"),
        Field("ramp_up", "Ramp-up: cap by week", "ramp", "e.g. 1: 3, 2: 4 — week: participants a day"),
    ]


def _clinics(_data: Data) -> list[Field]:
    return [
        Field("morning", "Morning doses", "window", "first and last start"),
        Field("afternoon", "Afternoon doses", "window", "first and last start"),
        Field("stations", "Stations", "int", "dosing places at once"),
        Field("dose_minutes", "Dose (min)", "int"),
        Field("observation.injection", "Wait after injection (min)", "int"),
        Field("observation.tablet", "Wait after tablets (min)", "int"),
    ]


def _sites(data: Data) -> list[Field]:
    return [Field(f"travel.{k}", f"Travel from {k} (min)", "int") for k in _ids("clinics")(data)]


def _crews(_data: Data) -> list[Field]:
    return [
        Field("site", "Site", "choice", options=_ids("sites")),
        Field("days", "Days", "days"),
        Field("late_capacity", "Late group at most", "int", "empty: no limit"),
        Field("ordinary_capacity", "Ordinary group at most", "int", "empty: no limit"),
        Field("staff_ratio", "Participants per supervisor", "int", "empty: no supervisor needed"),
    ]


def _staff(_data: Data) -> list[Field]:
    return [
        Field("crews", "May lead", "ids", options=_ids("program", "crews")),
        Field("days", "Days", "days"),
        Field("hours", "Hours", "window"),
        Field("max_days", "Days a week at most", "int"),
    ]


def _participants(data: Data) -> list[Field]:
    clinic = [Field("clinic", "Clinic", "choice", options=_ids("clinics"))] if len(_ids("clinics")(data)) > 1 else []
    return [
        *clinic,
        Field("dose_form", "Dose form", "choice", options=_forms),
        Field("crews", "Crews", "ids", options=_ids("program", "crews")),
        Field("days", "Days", "days"),
        Field("want", "Days wanted a week", "want", "least – most"),
        Field("priority", "Priority", "int"),
        Field("observation", "Own wait (min)", "int", "empty: the clinic's"),
        Field("morning_dose", "Fixed dose time", "time", "empty: planned"),
        Field("away", "Away", "dates", "dates, e.g. 2024-03-12"),
    ]


SECTIONS: tuple[Section, ...] = (
    Section("general", "Scenario", (), _general, table=False),
    Section("program", "Program", ("program",), _program, table=False, about="I jobb's day: start, payout, caps."),
    Section("clinics", "Clinics", ("clinics",), _clinics, table=True, about="Where the morning dose is given."),
    Section("sites", "Sites", ("sites",), _sites, table=True, about="Where crews work; travel from each clinic."),
    Section("crews", "Crews", ("program", "crews"), _crews, table=True, about="Work crews and their days."),
    Section("staff", "Supervisors", ("staff",), _staff, table=True, about="Who can lead a late group."),
    Section(
        "participants",
        "Participants",
        ("participants",),
        _participants,
        table=True,
        about="Pseudonymous ids only: this file holds health data.",
    ),
)


# -- showing -----------------------------------------------------------------------


def value_at(row: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(row, dict) or key not in row:
            return None
        row = row[key]
    return row


def shown(field: Field, value: Any) -> Any:
    """What an input shows for a value as the file has it (None: empty, the default)."""
    if value is None:
        return None
    if field.kind == "time":
        return _clock(value)
    if field.kind in ("window", "want"):
        return [_clock(v) if field.kind == "window" else v for v in value] if isinstance(value, list) else None
    if field.kind == "dates":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if field.kind == "ramp":
        return ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else str(value)
    if field.kind == "int" and not isinstance(value, int | str):
        return None  # a list of station slots: shown, not edited, on the page
    return str(value) if field.kind in ("date", "text") else value


def _clock(value: Any) -> str:
    return format_time(value) if isinstance(value, int) else str(value)


# -- reading back --------------------------------------------------------------------


def apply_form(document: CommentedMap, data: Data, sent: dict, problems: list[Problem]) -> None:
    """Write what the page sent into the round-trip document; values that cannot be read become problems."""
    for section in SECTIONS:
        part = sent.get(section.key)
        if part is None:
            continue
        fields = {f.key: f for f in section.fields(data)}
        if section.table:
            _apply_rows(document, data, section, fields, part.get("rows", []), problems)
        else:
            _apply_fields(document, data, section.path, fields, part.get("fields", {}), problems)


def _apply_rows(
    document: CommentedMap, data: Data, section: Section, fields: dict[str, Field], rows: list, problems: list[Problem]
) -> None:
    existing = set(_ids(*section.path)(data))
    kept = {str(row.get("was")) for row in rows if row.get("was") in existing}
    for gone in existing - kept:
        apply(document, (*section.path, gone), DELETE)
    taken = Counter(str(row.get("id", "")).strip() for row in rows)
    for row in rows:
        rid, was = str(row.get("id", "")).strip(), row.get("was")
        where = ".".join((*section.path, rid or "?"))
        refusal = _id_refusal(rid, was, taken, kept)
        if refusal is not None:
            problems.append(Problem(where, refusal))
            continue
        if was in existing:
            if rid != was:
                rename(document, section.path, was, rid)
            values = row.get("fields", {})
            _apply_fields(document, data, (*section.path, rid), fields, values, problems, (*section.path, was))
        else:
            new_row = {}
            for key, raw in row.get("fields", {}).items():
                value = _read(fields[key], raw, None, f"{where}.{key}", problems, data) if key in fields else DELETE
                if value is not DELETE and value is not _UNREADABLE:
                    _nest(new_row, fields[key].path, value)
            apply(document, (*section.path, rid), new_row)


def _id_refusal(rid: str, was: str | None, taken: Counter, kept: set[str]) -> str | None:
    """Why a row's id cannot be written: malformed, used twice, or a rename onto a row still there."""
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", rid):
        return "give an id: letters, digits, _ . - (no spaces)"
    if taken[rid] > 1:
        return f"'{rid}' is the id of two rows; give each row its own"
    if was is not None and rid != was and rid in kept:
        return f"'{rid}' is still the id of another row; rename that one first and save"
    return None


def _apply_fields(
    document: CommentedMap,
    data: Data,
    path: tuple[str, ...],
    fields: dict[str, Field],
    values: dict,
    problems: list[Problem],
    data_path: tuple[str, ...] | None = None,
) -> None:
    row = value_at(data, data_path or path)
    for key, raw in values.items():
        field = fields.get(key)
        if field is None:
            continue
        written = value_at(row, field.path)
        value = _read(field, raw, written, ".".join((*path, key)), problems, data)
        if value is not _UNREADABLE:
            apply(document, (*path, *field.path), value)


_UNREADABLE = object()


def _nest(row: dict, path: tuple[str, ...], value: Any) -> None:
    *parents, leaf = path
    for key in parents:
        row = row.setdefault(key, {})
    row[leaf] = value


def _read(field: Field, raw: Any, written: Any, where: str, problems: list[Problem], data: Data) -> Any:
    """The value to write for what an input sent; DELETE for an emptied field (its default)."""
    try:
        return _converted(field, raw, written, data)
    except ValueError as exc:
        problems.append(Problem(where, str(exc)))
        return _UNREADABLE


def _converted(field: Field, raw: Any, written: Any, data: Data) -> Any:
    kind = field.kind
    if kind in ("days", "ids"):
        chosen = [str(v) for v in raw or []]
        everything = list(WEEKDAYS) if kind == "days" else field.options(data) if field.options else []
        if written is None and chosen == everything:
            return DELETE  # all of them is the default; keep it unwritten
        return chosen
    if kind in ("window", "want"):
        parts = [str(v).strip() for v in raw or []]
        if not any(parts):
            return DELETE
        if len(parts) != 2 or not all(parts):
            raise ValueError("give both ends")
        return parts if kind == "window" else [_whole(p) for p in parts]
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return [] if kind == "dates" and written is not None else DELETE
    if kind == "int":
        return _whole(text)
    if kind == "date":
        return _date(text)
    if kind == "dates":
        return [_date(part) for part in re.split(r"[,\s]+", text) if part]
    if kind == "ramp":
        return _ramp(text)
    return text


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date like 2024-03-11") from None


def _ramp(text: str) -> dict[int, int]:
    ramp = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        week, colon, cap = part.partition(":")
        if not colon:
            raise ValueError(f"'{part}' is not 'week: participants', e.g. 1: 3")
        ramp[_whole(week.strip())] = _whole(cap.strip())
    return ramp
