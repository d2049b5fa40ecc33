"""The workbench's API in process: solves in worker processes, checked scenarios, and its guard."""

import time

from click.testing import CliRunner

from tests.web.conftest import TOKEN, wait_until_final
from workwindow.cli import main
from workwindow.models import Schedule, load_scenario
from workwindow.solver import weeks_are_independent
from workwindow.verify import verify


def test_the_pilot_solved_through_the_api_passes_verify(solved, folder):
    assert solved["state"] == "done"
    schedule = Schedule.model_validate(solved["schedule"])
    assert verify(load_scenario(folder / "pilot.yaml"), schedule) == []
    assert schedule.kpis.days_worked > 0


def test_every_stage_of_every_week_is_reported_with_value_bound_and_gap(solved, folder):
    scenario = load_scenario(folder / "pilot.yaml")
    stages = solved["stages"]
    # the pilot lists fairness, so its weeks are solved together: the stages are the horizon's, week 0
    weeks = set(range(1, scenario.weeks + 1)) if weeks_are_independent(scenario) else {0}
    assert {s["week"] for s in stages} == weeks
    assert all({"objective", "value", "bound", "gap"} <= s.keys() for s in stages)
    assert len(stages) == len(solved["schedule"]["solver"]["stages"])


def test_yaml_text_is_solved_as_well_as_a_file(client, folder):
    text = (folder / "pilot.yaml").read_text()
    started = client.post("/api/solve", json={"scenario": text, "time_limit": 10, "set": ["weeks=1"]})
    assert started.status_code == 202
    first = client.post("/api/solve", json={"file": "pilot.yaml", "time_limit": 10, "set": ["weeks=1"]})
    both = [wait_until_final(client, started.json()["job"]), wait_until_final(client, first.json()["job"])]
    assert [job["state"] for job in both] == ["done", "done"]
    assert both[0]["schedule"]["objectives"] == both[1]["schedule"]["objectives"]


def test_a_stopped_solve_keeps_a_valid_plan(client, folder, tmp_path):
    started = client.post("/api/solve", json={"file": "pilot.yaml", "time_limit": 120})
    job = started.json()["job"]
    ends = time.monotonic() + 60
    while client.get(f"/api/jobs/{job}").json()["state"] == "queued" and time.monotonic() < ends:
        time.sleep(0.1)
    assert client.delete(f"/api/jobs/{job}").status_code == 200
    final = wait_until_final(client, job)
    assert final["state"] == "stopped"  # the stop reaches the worker while it starts: no stage searches
    assert verify(load_scenario(folder / "pilot.yaml"), Schedule.model_validate(final["schedule"])) == []


def test_a_bad_scenario_gets_422_with_the_sentence_check_prints(client, folder):
    bad = (folder / "pilot.yaml").read_text().replace('payout: "12:00"', 'payout: "12:03"')
    (folder / "bad.yaml").write_text(bad)
    try:
        printed = CliRunner().invoke(main, ["check", str(folder / "bad.yaml")])
        answer = client.post("/api/solve", json={"scenario": bad, "name": str(folder / "bad.yaml")})
    finally:
        (folder / "bad.yaml").unlink()
    assert printed.exit_code == 2
    assert answer.status_code == 422
    assert printed.output.strip() == f"Error: {answer.json()['detail']}"
    assert any(p["field"] == "program.payout" for p in answer.json()["problems"])


def test_a_bad_change_is_refused_before_any_solve(client):
    answer = client.post("/api/solve", json={"file": "pilot.yaml", "set": ["program.payout=12:03"]})
    assert answer.status_code == 422
    assert "--set program.payout=12:03" in answer.json()["detail"]


def test_requests_without_the_token_are_refused(client):
    assert client.get("/api/scenarios", headers={"Authorization": ""}).status_code == 401
    assert client.get("/api/scenarios", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": "", "Accept": "text/html"}).status_code == 401


def test_a_foreign_host_is_refused_even_with_the_token(client):
    answer = client.get("/api/scenarios", headers={"Host": "attacker.example:8765"})
    assert answer.status_code == 403


def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address(client):
    answer = client.get(f"/?token={TOKEN}", headers={"Authorization": ""}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_changes_by_cookie_need_the_apps_own_origin(client):
    cookie = {"Authorization": "", "Cookie": f"workwindow-token={TOKEN}"}
    assert client.get("/api/scenarios", headers=cookie).status_code == 200
    foreign = client.post(
        "/api/solve", json={"file": "pilot.yaml"}, headers={**cookie, "Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    assert client.post("/api/solve", json={"file": "pilot.yaml"}, headers=cookie).status_code == 403
    own = client.post(
        "/api/solve", json={"file": "pilot.yaml", "time_limit": 5}, headers={**cookie, "Origin": "http://testserver"}
    )
    assert own.status_code == 202
    client.delete(f"/api/jobs/{own.json()['job']}")


def test_nothing_outside_the_folder_is_read_or_written(client, folder):
    (folder.parent / "outside.yaml").write_text("secret: yes\n")
    for name in ("..%2Foutside.yaml", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "outside.yaml%00.yaml"):
        answer = client.get(f"/api/scenarios/{name}")
        assert answer.status_code == 404, name
        assert "secret" not in answer.text
    assert client.post("/api/solve", json={"file": "../outside.yaml"}).status_code == 404
    put = client.put("/api/scenarios/..%2Foutside.yaml", json={"version": "x", "form": {}})
    assert put.status_code == 404
    assert (folder.parent / "outside.yaml").read_text() == "secret: yes\n"


def test_the_openapi_description_lists_the_solve_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/solve", "/api/jobs/{job_id}"} <= paths.keys()
    assert {"get", "delete"} <= paths["/api/jobs/{job_id}"].keys()


def test_every_download_of_a_plan_is_served(client, solved):
    kinds = {
        "schedule.json": "application/json",
        "report.html": "text/html",
        "workbook.xlsx": "spreadsheetml",
        "calendars.zip": "application/zip",
        "assignments.csv": "text/csv",
        "roster.html": "text/html",
        "roster.csv": "text/csv",
    }
    for name, media in kinds.items():
        answer = client.get(f"/jobs/{solved['id']}/{name}")
        assert answer.status_code == 200, name
        assert media in answer.headers["content-type"]
        assert answer.headers["content-disposition"].startswith('attachment; filename="pilot')
    assert Schedule.from_json(client.get(f"/jobs/{solved['id']}/schedule.json").text).status in ("optimal", "feasible")


def test_the_events_stream_ends_with_the_final_state(client, solved):
    with client.stream("GET", f"/api/jobs/{solved['id']}/events") as events:
        lines = [line for line in events.iter_lines() if line.startswith("data: ")]
    assert len(lines) == 1
    assert '"state": "done"' in lines[0]
