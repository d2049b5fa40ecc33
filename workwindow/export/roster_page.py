"""The clinic's roster as one printable HTML page: a card per clinic and day, doses in time order."""

from workwindow.export.roster import ClinicDay
from workwindow.models import Scenario, format_time
from workwindow.report.html import page
from workwindow.report.markup import Html, el
from workwindow.report.plan import day_label


def roster_html(scenario: Scenario, days: list[ClinicDay]) -> str:
    title = f"Dose roster: {scenario.name}"
    intro = (
        "The morning doses the plan reserves, per clinic and day, in time order. Booths are numbered so that "
        "no two doses overlap at one booth; each dose's booth is among the stations free when it begins. "
        "Participant ids only."
    )
    cards = [_card(scenario, day) for day in days] or [el("p", "The plan has no doses: nobody works.")]
    body = el("section", el("h1", title), el("p", intro, class_="meta"), el("div", *cards, class_="roster"))
    return page(title, body)


def _card(scenario: Scenario, day: ClinicDay) -> Html:
    head = el("tr", *[el("th", name) for name in ("Dose", "Until", "Booth", "Participant")])
    rows = [
        el(
            "tr",
            el("td", format_time(d.start)),
            el("td", format_time(d.end), class_="muted"),
            el("td", d.booth, class_="num booth"),
            el("td", el("span", d.participant, class_="pid")),
            data_booth=d.booth,
            data_start=format_time(d.start),
        )
        for d in day.doses
    ]
    return el(
        "section",
        el("h2", f"{day.clinic} · {day_label(day.date)}.{day.date:%Y}"),
        el("p", f"{len(day.doses)} doses · booths 1–{day.booths_used} · {_stations(scenario, day)}", class_="meta"),
        el("table", el("thead", head), el("tbody", *rows)),
        class_="roster-day",
        data_clinic=day.clinic,
        data_date=day.date.isoformat(),
    )


def _stations(scenario: Scenario, day: ClinicDay) -> str:
    stations = scenario.clinics[day.clinic].stations
    if isinstance(stations, int):
        return f"{stations} stations"
    return "free stations: " + ", ".join(
        f"{s.n} {format_time(s.from_)}–{format_time(s.to)}" for s in sorted(stations, key=lambda s: s.from_)
    )
