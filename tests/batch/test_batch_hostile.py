"""A batch records hostile and impossible input as `"error": "input"` and never stalls on it."""

import json

from click.testing import CliRunner

from tests.cli.test_hostile_input import ALIAS_BOMB, HUGE
from workwindow.cli import main
from workwindow.generate import generated_scenario
from workwindow.models.limits import MAX_FILE_BYTES

BREAKAGES = {
    "tag": ("name: ", "name: !!python/name:os.system #"),
    "weeks_huge": ("weeks: 1", f"weeks: {HUGE}"),
    "weeks_long": ("weeks: 1", "weeks: 100000"),
    "priority_huge": ("dose_form:", f"priority: {HUGE}, dose_form:"),
    "stations_true": ("stations: ", "stations: true #"),
    "impossible_start": ("start: ", "start: 2025-02-30 #"),
    "impossible_closed": ("closed: []", "closed: [2025-13-01]"),
    "tab": ("\n  ", "\n\t"),
}


def test_hostile_files_are_input_error_records_and_the_good_one_is_solved(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = generated_scenario(6, 1, 1, 1, 0)
    (folder / "good.yaml").write_text(good)
    for name, change in BREAKAGES.items():
        old, new = change
        assert old in good
        (folder / f"{name}.yaml").write_text(good.replace(old, new, 1))
    (folder / "empty.yaml").write_text("")
    (folder / "bomb.yaml").write_text(ALIAS_BOMB)
    (folder / "huge.yaml").write_text(good + "#" * MAX_FILE_BYTES)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--jobs", "1", "--time-limit", "5"])
    assert result.exit_code == len(BREAKAGES) + 3, result.output  # one per failed scenario
    assert (out / "good.json").exists()
    records = {p.name.removesuffix(".error.json"): json.loads(p.read_text()) for p in out.glob("*.error.json")}
    assert set(records) == {*BREAKAGES, "empty", "bomb", "huge"}
    assert {name: record["error"] for name, record in records.items()} == dict.fromkeys(records, "input")
    assert all("Traceback" not in record["message"] for record in records.values())
