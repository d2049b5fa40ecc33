"""The compare report shows what the terminal shows: deltas, changes, draws with their range, and plots."""

from workwindow.whatif.compare import Column, Comparison, Sample, measure, metrics_of
from workwindow.whatif.report import render_comparison_report
from workwindow.whatif.tablets import SwitchEach, SwitchGain

DAYS = "kpis.days_worked"


def _sample(plan, days: int) -> Sample:
    values = measure(plan.scenario, plan.schedule)
    return Sample(plan.scenario, plan.schedule, {**values, DAYS: days})


def _comparison(plan, *columns: Column) -> Comparison:
    return Comparison("Tablets <vs> injection", metrics_of(plan.scenario), columns, 1.5)


def _row(dom, key: str) -> list[str]:
    row = next(tr for tr in dom.find("table", "compare").find_all("tr") if tr.attrs.get("data-metric") == key)
    return [td.text for td in row.find_all("td")]


def test_the_report_has_the_terminals_deltas_ranges_draws_and_changes(small_plan, parse):
    base = Column("base", ("weeks=1",), (_sample(small_plan, 8),))
    later = Column("late 10:30", ("program.latest_start=10:30", "program.ramp_up={1: 3}"), (_sample(small_plan, 9),))
    draws = Column(
        "50% tablets",
        ("2 of 4 injecting participants switch to tablets",),
        tuple(_sample(small_plan, n) for n in (6, 7, 11)),
    )
    dom = parse(render_comparison_report(_comparison(small_plan, base, later, draws)))

    assert [th.text for th in dom.find("table", "compare").find("thead").find_all("th")] == [
        "",
        "base",
        "late 10:30",
        "50% tablets",
    ]
    assert _row(dom, DAYS) == ["8", "9 +1", "8 (6–11)"]
    assert [s.text for s in dom.find("table", "compare").find_all("span", "delta")] == [" +1"]
    assert dom.find("span", "better").text == " +1"
    changes = {li.attrs.get("data-variant"): li for li in dom.find("ul", "changes").find_all("li")}
    assert [c.text for c in changes["late 10:30"].find_all("code")] == [
        "--set program.latest_start=10:30",
        "--set 'program.ramp_up={1: 3}'",
    ]
    assert "(3 draws: mean, with lowest–highest)" in changes["50% tablets"].text
    assert "2 of 4 injecting participants switch to tablets" in changes["50% tablets"].text
    assert "--set weeks=1" in dom.find("ul", "changes").find_all("li")[0].text
    labels = [s.attrs["data-label"] for s in dom.find_all("section", "schedule")]
    assert labels == ["base", "late 10:30", "50% tablets (first of 3 draws)"]
    ids = [n.attrs["id"] for n in dom.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    assert not dom.find_all("figure", "share-plot")


def test_tablet_shares_get_a_plot_of_every_number_against_the_share(small_plan, parse):
    columns = [
        Column(f"{share:.0%} tablets", (), (_sample(small_plan, 8 + i), _sample(small_plan, 9 + i)), share=share)
        for i, share in enumerate((0.0, 0.5, 1.0))
    ]
    dom = parse(render_comparison_report(_comparison(small_plan, *columns)))

    svg = dom.find("figure", "share-plot").find("svg")
    text = svg.text
    assert "share of injecting participants switched to tablets" in text
    assert "mean of 2 draws per share" in text
    assert "days worked" in text and "50%" in text


def test_switching_each_alone_shows_the_table_of_gains(small_plan, parse):
    base = Column("base", (), (_sample(small_plan, 8),))
    alone = Column("P01 on tablets", ("participants.P01.dose_form=tablet",), (_sample(small_plan, 9),))
    gain = SwitchGain("P01", 1, 1, 1, {"shortfall": 0, "participant_days": 1, "late_start": -5, "staff": 0})
    result = SwitchEach((gain,), _comparison(small_plan, base, alone))
    dom = parse(render_comparison_report(result))

    row = dom.find("table", "switch-each").find("tbody").find("tr")
    assert row.attrs["data-participant"] == "P01"
    assert [td.text for td in row.find_all("td")] == ["P01", "+1", "+1", "+1", "0", "-5", "0"]
