"""The pages: served whole by the app (no outside address), the scenario saved keeping its comments."""

import re

from tests.web.conftest import wait_until_final
from workwindow.models import Schedule, load_scenario
from workwindow.verify import verify

OUTSIDE = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)


def test_no_page_or_asset_refers_to_anything_outside_the_app(client, solved):
    pages = ["/", "/scenarios/pilot.yaml", "/scenarios/pilot.yaml/whatif", "/api", f"/jobs/{solved['id']}"]
    assets = ["/static/app.css", "/static/app.js", "/static/scenario.js", "/static/job.js", "/static/whatif.js"]
    for address in [*pages, *assets, "/static-report.css"]:
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert not OUTSIDE.search(answer.text), address
        assert "cdn" not in answer.text.lower(), address
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def _form_with(folder, participant: str, field: str, value) -> dict:
    """The participants' table as the page sends it, with one field of one row changed."""
    data = load_scenario(folder / "pilot.yaml")
    rows = []
    for pid, p in data.participants.items():
        fields = {"dose_form": p.dose_form}
        if pid == participant:
            fields[field] = value
        rows.append({"id": pid, "was": pid, "fields": fields})
    return {"participants": {"rows": rows}}


def _version(client) -> str:
    return client.get("/api/scenarios/pilot.yaml").json()["version"]


def test_a_save_changes_only_the_edited_line_and_keeps_every_comment(client, folder):
    before = (folder / "pilot.yaml").read_text()
    answer = client.put(
        "/api/scenarios/pilot.yaml",
        json={"version": _version(client), "form": _form_with(folder, "P04", "dose_form", "tablet")},
    )
    assert answer.status_code == 200, answer.text
    after = (folder / "pilot.yaml").read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][0].replace("dose_form: injection", "dose_form: tablet") == changed[0][1]
    assert load_scenario(folder / "pilot.yaml").participants["P04"].dose_form == "tablet"
    revert = _form_with(folder, "P04", "dose_form", "injection")
    assert (
        client.put("/api/scenarios/pilot.yaml", json={"version": _version(client), "form": revert}).status_code == 200
    )
    assert (folder / "pilot.yaml").read_text() == before


def test_a_save_over_a_file_changed_on_disk_is_refused_and_loses_nothing(client, folder):
    opened = _version(client)
    before = (folder / "pilot.yaml").read_text()
    outside = before.replace("weeks: 4 ", "weeks: 3 ")
    (folder / "pilot.yaml").write_text(outside)
    try:
        answer = client.put(
            "/api/scenarios/pilot.yaml",
            json={"version": opened, "form": _form_with(folder, "P04", "dose_form", "tablet")},
        )
        assert answer.status_code == 409
        assert "changed on disk" in answer.json()["detail"]
        assert (folder / "pilot.yaml").read_text() == outside
        assert "P04: {dose_form: tablet" in answer.json()["text"]
    finally:
        (folder / "pilot.yaml").write_text(before)


def test_a_problem_is_reported_at_the_field_it_concerns_and_nothing_is_written(client, folder):
    before = (folder / "pilot.yaml").read_text()
    form = _form_with(folder, "P04", "want", ["3", "1"])
    answer = client.put("/api/scenarios/pilot.yaml", json={"version": _version(client), "form": form})
    assert answer.status_code == 422
    assert [p["field"] for p in answer.json()["problems"]] == ["participants.P04.want"]
    assert (folder / "pilot.yaml").read_text() == before


def test_a_row_added_and_one_removed_on_the_page_are_written_in_the_rows_style(client, folder):
    before = (folder / "pilot.yaml").read_text()
    form = _form_with(folder, "P04", "dose_form", "injection")
    rows = [r for r in form["participants"]["rows"] if r["id"] != "P25"]
    rows.append(
        {"id": "P26", "was": None, "fields": {"dose_form": "tablet", "days": ["mon", "tue"], "want": ["1", "2"]}}
    )
    answer = client.put(
        "/api/scenarios/pilot.yaml", json={"version": _version(client), "form": {"participants": {"rows": rows}}}
    )
    try:
        assert answer.status_code == 200, answer.text
        after = (folder / "pilot.yaml").read_text()
        assert "  P26: {dose_form: tablet, days: [mon, tue], want: [1, 2]}\n" in after
        assert "P25:" not in after
        assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
            line for line in after.splitlines() if line.lstrip().startswith("#")
        ]
    finally:
        (folder / "pilot.yaml").write_text(before)


def test_the_plan_page_shows_the_grids_and_the_days_without_work(client, solved):
    page = client.get(f"/jobs/{solved['id']}").text
    assert 'class="grid crews"' in page and 'class="grid people"' in page
    assert page.count('class="none"') == len(solved["schedule"]["unassigned"])
    assert "Without work" in page


def test_an_explanation_names_the_days_and_what_would_change_them(client, solved):
    pid = solved["schedule"]["unassigned"][0]["participant"]
    started = client.post("/api/explain", json={"job": solved["id"], "participant": pid, "time_limit": 5})
    assert started.status_code == 202
    final = wait_until_final(client, started.json()["job"])
    assert final["state"] == "done", final
    explanation = final["result"]
    assert explanation["participant"] == pid
    assert any(day["reason"] for day in explanation["days"])
    assert explanation["what_ifs"]


def test_a_morning_replanned_through_the_api_verifies_and_says_whom_to_tell(client, solved, folder):
    first = solved["schedule"]["assignments"][0]
    assert client.get(f"/jobs/{solved['id']}/morning").status_code == 200
    started = client.post(
        "/api/replan", json={"job": solved["id"], "date": first["date"], "absent": [first["participant"]]}
    )
    assert started.status_code == 202, started.text
    final = wait_until_final(client, started.json()["job"])
    assert final["state"] == "done", final
    result = final["result"]
    assert verify(load_scenario(folder / "pilot.yaml"), Schedule.model_validate(result["schedule"])) == []
    assert any(c["who"] == first["participant"] for c in result["changes"])
    assert first["participant"] not in result["to_tell"]
    page = client.get(f"/jobs/{started.json()['job']}").text
    assert "What changed" in page and "Tell these people" in page


def test_a_morning_naming_someone_unknown_is_refused_at_once(client, solved):
    first = solved["schedule"]["assignments"][0]
    answer = client.post("/api/replan", json={"job": solved["id"], "date": first["date"], "absent": ["P99"]})
    assert answer.status_code == 422
    assert "P99" in answer.json()["detail"]


def test_what_ifs_are_planned_side_by_side_with_their_deltas(client):
    body = {
        "file": "pilot.yaml",
        "time_limit": 5,
        "set": ["weeks=1"],
        "variants": [{"name": "no late group", "set": ["program.latest_start=09:00"]}],
    }
    started = client.post("/api/compare", json=body)
    assert started.status_code == 202, started.text
    final = wait_until_final(client, started.json()["job"])
    assert final["state"] == "done", final
    base, variant = final["result"]["comparison"]["variants"]
    assert variant["changes"] == ["program.latest_start=09:00"]
    served = "kpis.participants_served"
    assert variant["values"][served]["delta"] == variant["values"][served]["mean"] - base["values"][served]["mean"]
    page = client.get(f"/jobs/{started.json()['job']}").text
    assert "no late group" in page and 'class="delta"' in page


def test_a_plan_played_on_sampled_mornings_shows_how_much_of_it_is_delivered(client, solved):
    started = client.post("/api/simulate", json={"job": solved["id"], "draws": 50})
    assert started.status_code == 202, started.text
    final = wait_until_final(client, started.json()["job"])
    assert final["state"] == "done", final
    page = client.get(f"/jobs/{started.json()['job']}").text
    assert "How robust is the plan?" in page and "Delivered participant-days by week" in page
    assert not OUTSIDE.search(page)


def test_the_scenario_page_shows_the_file_once_and_the_version_of_workwindow_in_its_footer(client, folder):
    page = client.get("/scenarios/pilot.yaml").text
    footer = page[page.index("<footer>") :]
    assert "FileVersion" not in page and "participants" not in footer
    assert page.count("# Participant ids are pseudonyms") == 1


def test_a_plan_kept_in_the_folder_opens_again_with_its_scenario_and_never_overwrites(client, solved, folder):
    kept = client.post("/api/plans", json={"job": solved["id"], "name": "pilot-plan.json"})
    assert kept.status_code == 201, kept.text
    try:
        assert Schedule.from_json((folder / "pilot-plan.json").read_text()) == Schedule.model_validate(
            solved["schedule"]
        )
        again = client.post("/api/plans", json={"job": solved["id"], "name": "pilot-plan.json"})
        assert again.status_code == 409
        assert 'data-plan="pilot-plan.json"' in client.get("/scenarios/pilot.yaml").text
        opened = client.post("/api/plans/open", json={"file": "pilot.yaml", "plan": "pilot-plan.json"})
        assert opened.status_code == 201, opened.text
        job = client.get(f"/api/jobs/{opened.json()['job']}").json()
        assert job["state"] == "done" and job["schedule"] == solved["schedule"]
        outside = client.post("/api/plans/open", json={"file": "pilot.yaml", "plan": "../pilot-plan.json"})
        assert outside.status_code == 404
    finally:
        (folder / "pilot-plan.json").unlink()


def test_a_plan_of_another_scenario_is_refused_when_opened(client, solved, folder):
    other = dict(solved["schedule"], scenario="another scenario")
    (folder / "other-plan.json").write_text(Schedule.model_validate(other).to_json())
    try:
        answer = client.post("/api/plans/open", json={"file": "pilot.yaml", "plan": "other-plan.json"})
        assert answer.status_code == 422
        assert "another scenario" in answer.json()["detail"]
    finally:
        (folder / "other-plan.json").unlink()


def test_a_row_renamed_onto_another_rows_id_is_refused_and_nothing_is_lost(client, folder):
    before = (folder / "pilot.yaml").read_text()
    form = _form_with(folder, "P04", "dose_form", "injection")
    for row in form["participants"]["rows"]:
        if row["id"] == "P01":
            row["id"] = "P02"
    answer = client.put("/api/scenarios/pilot.yaml", json={"version": _version(client), "form": form})
    assert answer.status_code == 422
    assert {p["field"] for p in answer.json()["problems"]} == {"participants.P02"}
    assert (folder / "pilot.yaml").read_text() == before


def test_a_row_renamed_to_a_free_id_keeps_its_place_and_comment(client, folder):
    before = (folder / "pilot.yaml").read_text()
    form = _form_with(folder, "P04", "dose_form", "injection")
    for row in form["participants"]["rows"]:
        if row["id"] == "P01":
            row["id"] = "P00"
    answer = client.put("/api/scenarios/pilot.yaml", json={"version": _version(client), "form": form})
    try:
        assert answer.status_code == 200, answer.text
        after = (folder / "pilot.yaml").read_text()
        changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
        assert len(changed) == 1 and changed[0][1].lstrip().startswith("P00: {dose_form: injection")
    finally:
        (folder / "pilot.yaml").write_text(before)
