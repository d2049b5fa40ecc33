import re

from workwindow.models import format_time, parse_time
from workwindow.report.html import render_report
from workwindow.report.markup import el
from workwindow.report.timeline import segments


def test_report_names_no_url_and_loads_nothing(small_plan):
    html = render_report(small_plan.scenario, small_plan.schedule)

    assert not re.search(r"https?://", html)
    assert "//" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S).replace("</", "")
    for loader in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert loader not in html


def test_user_text_is_escaped_everywhere(small_plan):
    html = render_report(small_plan.scenario, small_plan.schedule)

    assert "<b>pilot</b>" not in html
    assert "Small &lt;b&gt;pilot&lt;/b&gt; &amp; &quot;week&quot; 11" in html
    assert "earliest ready 10:05 &gt; latest start 10:00" in html


def test_element_builder_escapes_text_and_attribute_values():
    built = el("td", '<script>"x"</script>', title='a"><b', data_participant="P01", class_="c")

    assert built == (
        '<td title="a&quot;&gt;&lt;b" data-participant="P01" class="c">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</td>'
    )
    assert el("p", el("b", "<i>")) == "<p><b>&lt;i&gt;</b></p>"


def test_timeline_follows_the_participants_day_from_dose_to_afternoon_dose(small_plan):
    monday_p01 = next(a for a in small_plan.schedule.assignments if a.participant == "P01" and a.date.day == 11)

    drawn = segments(small_plan.scenario, monday_p01, health_details=True)

    # dose 08:10 + 10 min at the booth + 30 min observation + 25 min travel = ready 09:15
    assert [(s.stage, format_time(s.start), format_time(s.end)) for s in drawn] == [
        ("dose", "08:10", "08:20"),
        ("observation", "08:20", "08:50"),
        ("travel", "08:50", "09:15"),
        ("work", "09:15", "12:00"),
        ("travel", "12:00", "12:25"),
        ("wait", "12:25", "14:30"),
        ("dose", "14:30", "14:40"),
    ]


def test_the_shared_timeline_draws_dose_and_observation_as_one_bar_at_the_clinic(small_plan):
    monday_p01 = next(a for a in small_plan.schedule.assignments if a.participant == "P01" and a.date.day == 11)

    drawn = segments(small_plan.scenario, monday_p01)

    assert [(s.stage, format_time(s.start), format_time(s.end)) for s in drawn][:2] == [
        ("clinic", "08:10", "08:50"),
        ("travel", "08:50", "09:15"),
    ]
    assert "observation" not in {s.stage for s in drawn}


def test_timeline_shows_the_wait_between_ready_and_start(small_plan):
    tuesday_p04 = next(a for a in small_plan.schedule.assignments if a.participant == "P04" and a.date.day == 12)

    waits = [s for s in segments(small_plan.scenario, tuesday_p04) if s.stage == "wait"]

    assert (waits[0].start, waits[0].end) == (parse_time("08:55"), parse_time("09:00"))


def test_a_schedule_with_nobody_at_work_still_reports_every_part(small_plan, parse):
    empty = small_plan.schedule.model_copy(
        update={
            "assignments": [],
            "groups": [],
            "kpis": small_plan.schedule.kpis.model_copy(
                update={"participants_served": 0, "days_worked": 0, "mean_late_start_offset": None}
            ),
        }
    )

    dom = parse(render_report(small_plan.scenario, empty))

    assert not dom.find_all("svg", "timeline")
    assert [f.find("p").text for f in dom.find_all("figure", "day")] == ["Nobody works this day."] * 4
    assert "no late groups" in dom.find("table", "kpis").text
    assert dom.find("table", "crews").text.count("nobody planned") == 4
    assert len(dom.find("table", "people").find_all("td", "none")) == 3


def test_crew_grid_shows_how_full_each_group_is(small_plan, parse):
    dom = parse(render_report(small_plan.scenario, small_plan.schedule))

    late_monday = dom.find("table", "crews").find_all("div", "late")[0]
    assert "Late 09:15–12:00 (2 of 6)" in late_monday.text


def test_who_got_no_work_at_all_is_listed_with_the_reason_on_most_of_their_days(small_plan, parse):
    dom = parse(render_report(small_plan.scenario, small_plan.schedule))

    section = dom.find("section", "without-work")
    idle = [span for span in section.find_all("span") if "data-reason" in span.attrs]
    assert [(s.find("span", "pid").text, s.attrs["data-reason"]) for s in idle] == [("P05", "not_ready")]
    assert "not ready, 2 of 2 days" in idle[0].text
