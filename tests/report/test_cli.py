import csv
import io
import os
import stat

from click.testing import CliRunner
from openpyxl import load_workbook

from workwindow.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_report_writes_one_html_file(small_paths, tmp_path):
    scenario, schedule = small_paths
    out = tmp_path / "report.html"

    result = _run("report", schedule, "--scenario", scenario, "-o", out)

    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))


def test_report_refuses_to_write_over_its_inputs(small_paths):
    scenario, schedule = small_paths
    before = {p: p.read_bytes() for p in small_paths}

    for target in small_paths:
        result = _run("report", schedule, "--scenario", scenario, "-o", target)

        assert result.exit_code == 2
        assert "refusing to write the output over the input" in result.output
    assert {p: p.read_bytes() for p in small_paths} == before


def test_missing_schedule_is_one_clear_line_without_traceback(small_paths, tmp_path):
    result = _run("report", tmp_path / "nope.json", "--scenario", small_paths[0], "-o", tmp_path / "r.html")

    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope.json'}: cannot be read (No such file or directory).\n"
    assert not (tmp_path / "r.html").exists()


def test_scenario_given_as_schedule_says_it_is_not_json(small_paths, tmp_path):
    scenario, _ = small_paths

    result = _run("report", scenario, "--scenario", scenario, "-o", tmp_path / "r.html")

    assert result.exit_code == 2
    assert "is not valid JSON" in result.output
    assert "Traceback" not in result.output


def test_report_and_export_need_the_scenario(small_paths, tmp_path):
    _, schedule = small_paths

    for command in (["report"], ["export", "--format", "csv"]):
        result = _run(*command, schedule, "-o", tmp_path / "out")

        assert result.exit_code == 2
        assert "Missing option '--scenario'" in result.output


def test_export_rejects_an_unknown_format(small_paths, tmp_path):
    scenario, schedule = small_paths

    result = _run("export", schedule, "--scenario", scenario, "--format", "pdf", "-o", tmp_path / "x")

    assert result.exit_code == 2
    assert "'pdf' is not one of 'csv', 'xlsx', 'ics'" in result.output


def test_export_csv_and_xlsx_write_their_files(small_paths, tmp_path):
    scenario, schedule = small_paths

    csv_result = _run("export", schedule, "--scenario", scenario, "--format", "csv", "-o", tmp_path / "a.csv")
    xlsx_result = _run("export", schedule, "--scenario", scenario, "--format", "xlsx", "-o", tmp_path / "a.xlsx")

    assert (csv_result.exit_code, xlsx_result.exit_code) == (0, 0)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 8
    assert load_workbook(tmp_path / "a.xlsx").sheetnames == ["Week 1"]


def test_export_ics_fills_a_directory_with_a_calendar_per_person(small_paths, tmp_path):
    scenario, schedule = small_paths
    folder = tmp_path / "calendars"

    result = _run("export", schedule, "--scenario", scenario, "--format", "ics", "-o", folder)

    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 5 calendars to {folder}\n"
    assert len(list(folder.glob("*.ics"))) == 5


def test_export_ics_refuses_a_file_as_its_directory(small_paths, tmp_path):
    scenario, schedule = small_paths
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")

    result = _run("export", schedule, "--scenario", scenario, "--format", "ics", "-o", taken)

    assert result.exit_code == 2
    assert "is a file; the output needs a directory" in result.output
    assert taken.read_text(encoding="utf-8") == "mine"


def test_export_into_a_missing_directory_says_it_cannot_write(small_paths, tmp_path):
    scenario, schedule = small_paths
    target = tmp_path / "no" / "such" / "dir" / "a.csv"

    result = _run("export", schedule, "--scenario", scenario, "--format", "csv", "-o", target)

    assert result.exit_code == 2
    assert result.output == f"Error: {target}: cannot be written (No such file or directory)\n"


def test_written_files_are_readable_like_any_file_the_user_makes(small_paths, tmp_path):
    scenario, schedule = small_paths
    out = tmp_path / "report.html"
    previous = os.umask(0o022)
    try:
        result = _run("report", schedule, "--scenario", scenario, "-o", out)
    finally:
        os.umask(previous)

    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
