"""The report as a planner sees it: opened in a real headless Chromium, offline."""

import struct
import zlib
from collections import Counter

from workwindow.models import format_time
from workwindow.report.html import render_report


def test_report_in_chromium_shows_grid_timelines_figures_and_reasons(small_plan, browse, parse, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_report(small_plan.scenario, small_plan.schedule), encoding="utf-8")

    dom = parse(browse(page, "--dump-dom").stdout)
    schedule = small_plan.schedule

    title = dom.find("h1")
    assert title.text == small_plan.scenario.name
    assert not title.find_all("b")

    crews = dom.find("table", "crews")
    assert [tr.attrs["data-crew"] for tr in crews.find("tbody").find_all("tr")] == ["gaterydding", "verksted"]
    blocks = crews.find_all("div", "group")
    assert len(blocks) == len(schedule.groups)
    late_monday = next(b for b in blocks if b.attrs["data-group"] == "late" and "09:15" in b.text)
    assert [p.text for p in late_monday.find_all("span", "pid")] == ["P01", "P03"]
    assert "supervisor kari" in late_monday.text

    worked = dom.find("table", "people").find_all("td", "work")
    assert sorted((td.attrs["data-date"], td.attrs["data-crew"], td.attrs["data-group"]) for td in worked) == sorted(
        (a.date.isoformat(), a.crew, a.group) for a in schedule.assignments
    )
    assert "gaterydding late 09:15" in worked[0].text

    without = dom.find("table", "people").find_all("td", "none")
    assert Counter(td.attrs["data-reason"] for td in without) == {"not_ready": 2, "want_max": 1}
    assert any("earliest ready 10:05 > latest start 10:00" in td.text for td in without)

    timelines = dom.find_all("svg", "timeline")
    assert [svg.attrs["data-date"] for svg in timelines] == [
        "2024-03-11",
        "2024-03-12",
        "2024-03-13",
        "2024-03-14",
    ]
    rows = [g.attrs["data-participant"] for g in dom.find_all("g", "participant-day")]
    assert Counter(rows) == Counter(a.participant for a in schedule.assignments)
    assert all(svg.find_all("rect", "stage-work") for svg in timelines)
    assert len(dom.find_all("polygon", "stage-payout")) == len(schedule.assignments)

    kpis = {tr.find_all("td")[0].text: tr.find_all("td")[1].text for tr in dom.find("table", "kpis").find_all("tr")[1:]}
    assert kpis["participants served"] == "4 of 5"
    assert kpis["days worked"] == "8"
    assert kpis["mean late start offset"] == "8.3 min"
    objectives = dom.find("table", "objectives").find("tbody").find_all("tr")
    assert [tr.find_all("td")[1].text for tr in objectives] == ["0", "1", "8", "25", "3"]

    listed = dom.find("table", "unassigned").find("tbody").find_all("tr")
    assert [(tr.attrs["data-participant"], tr.attrs["data-reason"]) for tr in listed] == [
        ("P05", "not_ready"),
        ("P05", "not_ready"),
        ("P01", "want_max"),
    ]
    assert format_time(schedule.assignments[0].start) in dom.text


def test_report_screenshot_is_kept_and_not_blank(small_plan, browse, artifacts, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_report(small_plan.scenario, small_plan.schedule), encoding="utf-8")
    shot = artifacts / "report-small.png"
    shot.unlink(missing_ok=True)

    browse(page, f"--screenshot={shot}", "--window-size=1400,2000")

    width, height, pixels = _read_png(shot.read_bytes())
    assert (width, height) == (1400, 2000)
    assert len(set(pixels[: len(pixels) // 3])) > 50, "the top third of the page is nearly blank"


def _read_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, at = b"", 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    return width, height, zlib.decompress(idat)
