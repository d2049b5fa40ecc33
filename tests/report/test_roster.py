"""The clinic's roster: booths never overlap, and never exceed the stations free when a dose begins."""

import csv
import io
import json

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import people, tiny
from workwindow.cli import main
from workwindow.export.roster import roster, seat
from workwindow.solver import solve

HEALTH_WORDS = ("injection", "tablet")


def _overlapping(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _assert_sound(doses, stations_at) -> None:
    for i, a in enumerate(doses):
        assert a.booth <= stations_at(a.start), f"{a} is above the stations free at its start"
        for b in doses[i + 1 :]:
            assert not (a.booth == b.booth and _overlapping(a, b)), f"{a} and {b} share a booth"


@given(
    st.lists(st.tuples(st.integers(480, 600), st.sampled_from(["A", "B", "C", "D"])), max_size=30),
    st.integers(1, 30),
)
def test_seating_never_overlaps_and_uses_as_many_booths_as_doses_at_once(starts, dose_minutes):
    doses = seat(starts, dose_minutes)
    assert sorted((d.start, d.participant) for d in doses) == sorted(starts)
    at_once = max((sum(1 for s, _ in starts if s <= t < s + dose_minutes) for t, _ in starts), default=0)
    assert max((d.booth for d in doses), default=0) == at_once
    _assert_sound(doses, lambda minute: at_once)


def test_roster_of_a_solved_plan_matches_the_station_limit_at_every_time_of_day():
    stations = [{"from": "08:00", "to": "08:20", "n": 1}, {"from": "08:20", "to": "10:00", "n": 3}]
    scenario = tiny(
        participants=people(*["tablet"] * 4, *["injection"] * 4),
        **{"clinics.habio.stations": stations, "clinics.habio.dose_minutes": 15},
    )
    schedule = solve(scenario, time_limit=20, workers=1)
    (day,) = roster(scenario, schedule)
    assert len(day.doses) == len(schedule.assignments) > 3
    _assert_sound(list(day.doses), scenario.clinics["habio"].stations_at)
    assert day.booths_used == schedule.kpis.station_peak <= 3
    assert [d.start for d in day.doses] == sorted(d.start for d in day.doses)


def test_export_roster_writes_printable_html_and_csv_with_ids_only(small_paths, tmp_path):
    scenario, schedule = small_paths
    result = CliRunner().invoke(
        main,
        ["export", str(schedule), "--scenario", str(scenario), "--format", "roster", "-o", str(tmp_path / "r.html")],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text())))
    assignments = json.loads(schedule.read_text())["assignments"]
    assert sorted((r["date"], r["start"], r["participant"]) for r in rows) == sorted(
        (a["date"], a["dose"], a["participant"]) for a in assignments
    )
    assert all(int(r["booth"]) >= 1 for r in rows)
    page = (tmp_path / "r.html").read_text()
    assert page.count('class="roster-day"') == len({(r["clinic"], r["date"]) for r in rows})
    for text in (page, (tmp_path / "r.csv").read_text()):
        assert not any(word in text.lower() for word in HEALTH_WORDS)


def test_a_plan_with_more_doses_than_stations_gets_no_roster(small_paths, tmp_path):
    scenario, schedule = small_paths
    args = ["export", str(schedule), "--scenario", str(scenario), "--format", "roster", "-o", str(tmp_path / "r")]
    result = CliRunner().invoke(main, [*args, "--set", "clinics.habio.stations=0"])
    assert result.exit_code == 2
    assert "station" in result.stderr and "workwindow verify" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_the_roster_page_in_chromium_has_a_card_per_clinic_day_in_time_order(small_paths, browse, parse, artifacts):
    scenario, schedule = small_paths
    page = artifacts / "roster-small.html"
    args = ["export", str(schedule), "--scenario", str(scenario), "--format", "roster", "-o", str(page), "--force"]
    assert CliRunner().invoke(main, args).exit_code == 0

    dom = parse(browse(page, "--dump-dom").stdout)
    cards = dom.find_all("section", "roster-day")
    assignments = json.loads(schedule.read_text())["assignments"]
    assert len(cards) == len({a["date"] for a in assignments})
    for card in cards:
        starts = [tr.attrs["data-start"] for tr in card.find("tbody").find_all("tr")]
        assert starts == sorted(starts)
    shot = artifacts / "roster-small.png"
    browse(page, f"--screenshot={shot}", "--window-size=1200,800")
    assert shot.stat().st_size > 20_000
