"""The synthetic scenario generator: reproducible, valid, and not trivial."""

import pytest
from click.testing import CliRunner

from workwindow.cli import main
from workwindow.generate import Draw, can_ever_work, generate_scenario, generated_scenario
from workwindow.models import Scenario, load_scenario
from workwindow.solver import solve

SIZES = {"participants": 25, "crews": 2, "clinics": 1, "weeks": 1}


def generate(tmp_path, name, *args):
    path = tmp_path / name
    result = CliRunner().invoke(main, ["generate", *args, "-o", str(path)])
    return result, path


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    args = ["--participants", "12", "--crews", "3", "--clinics", "2", "--weeks", "2", "--seed", "7"]
    first, first_path = generate(tmp_path, "a.yaml", *args)
    second, second_path = generate(tmp_path, "b.yaml", *args)
    assert first.exit_code == second.exit_code == 0
    assert first_path.read_bytes() == second_path.read_bytes()


def test_different_seeds_give_different_scenarios():
    texts = {generated_scenario(**SIZES, seed=seed) for seed in range(5)}
    assert len(texts) == 5


@pytest.mark.parametrize(
    ("participants", "crews", "clinics", "weeks"), [(1, 1, 1, 1), (25, 2, 1, 1), (40, 7, 7, 4), (3, 1, 3, 2)]
)
def test_the_written_file_loads_as_a_scenario_of_the_asked_size(tmp_path, participants, crews, clinics, weeks):
    args = [f"--participants={participants}", f"--crews={crews}", f"--clinics={clinics}", f"--weeks={weeks}"]
    result, path = generate(tmp_path, "s.yaml", *args)
    assert result.exit_code == 0, result.output
    scenario = load_scenario(path)
    assert len(scenario.participants) == participants
    assert (len(scenario.program.crews), len(scenario.clinics), scenario.weeks) == (crews, clinics, weeks)


def test_dose_forms_fixed_doses_away_days_and_partial_staff_all_occur():
    scenario = Scenario.model_validate(generate_scenario(60, 3, 2, 2, seed=1))
    people = scenario.participants.values()
    assert {p.dose_form for p in people} == {"injection", "tablet"}
    assert any(p.morning_dose is not None for p in people)
    assert any(p.away for p in people)
    assert any(len(s.days) < 7 and s.hours != (0, 24 * 60) for s in scenario.staff.values())


@pytest.mark.parametrize("seed", range(40))
def test_some_but_not_all_participants_can_ever_work(seed):
    scenario = Scenario.model_validate(generate_scenario(8, 2, 1, 1, seed))
    ready = [can_ever_work(scenario, pid) for pid in scenario.participants]
    assert any(ready)
    assert not all(ready)


def test_an_existing_file_is_kept_without_force(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my own scenario\n")
    result, _ = generate(tmp_path, "mine.yaml", "--participants", "5")
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert path.read_text() == "my own scenario\n"


def test_force_replaces_an_existing_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("old\n")
    result, _ = generate(tmp_path, "mine.yaml", "--participants", "5", "--force")
    assert result.exit_code == 0
    assert load_scenario(path).participants


def test_without_output_the_scenario_is_printed():
    result = CliRunner().invoke(main, ["generate", "--participants", "4", "--seed", "3"])
    assert result.exit_code == 0
    assert result.output == generated_scenario(4, 2, 1, 1, 3)


def test_draws_stay_in_their_bounds_and_subsets_keep_order():
    draw = Draw(3)
    values = [draw.integer(2, 5) for _ in range(500)]
    assert set(values) == {2, 3, 4, 5}
    picked = draw.subset(["a", "b", "c", "d", "e"], 3)
    assert len(set(picked)) == 3 and picked == sorted(picked)


@pytest.mark.parametrize("seed", range(5))
def test_a_solved_generated_scenario_gives_work_to_some_but_not_all(seed):
    scenario = Scenario.model_validate(generate_scenario(10, 2, 1, 1, seed))
    schedule = solve(scenario, time_limit=10, workers=1, deterministic=True)
    assert 0 < schedule.kpis.participants_served < len(scenario.participants)
