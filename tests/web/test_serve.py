"""`workwindow serve` refuses what it cannot serve in one sentence, and its log names ids only."""

import logging
import re
import socket

from click.testing import CliRunner

from workwindow.cli import main


def test_a_folder_that_is_not_there_is_refused_in_one_sentence(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nowhere"), "--no-browser"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "is not a folder" in result.output


def test_a_port_in_use_is_refused_in_one_sentence(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", str(port), "--no-browser"])
    assert result.exit_code == 2
    assert f"--port {port}: cannot listen" in result.output


LOG_LINE = re.compile(r"^(?:(?:GET|POST|PUT|DELETE) /[\w./-]* \d{3}|job [0-9a-f]{12} [a-z ()]+)$")


def test_the_log_names_requests_and_jobs_by_id_only(client, solved, caplog):
    pid = solved["schedule"]["unassigned"][0]["participant"]
    with caplog.at_level(logging.INFO, logger="workwindow.web"):
        client.get(f"/jobs/{solved['id']}")
        client.post("/api/explain", json={"job": solved["id"], "participant": pid, "time_limit": 1})
        client.get("/api/scenarios/pilot.yaml")
    lines = [record.getMessage() for record in caplog.records if record.name == "workwindow.web"]
    assert lines
    assert all(LOG_LINE.match(line) for line in lines), lines
    assert not any(pid in line or "injection" in line or "tablet" in line for line in lines)
