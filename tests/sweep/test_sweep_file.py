"""The sweep file: validated like a scenario (file, field, line), and expanded into variants."""

import pytest

from tests.conftest import PILOT
from workwindow.errors import InputError
from workwindow.models import load_scenario
from workwindow.sweep import load_sweep
from workwindow.sweep.results import value_kinds


def error_of(path) -> str:
    with pytest.raises(InputError) as error:
        load_sweep(path)
    return str(error.value)


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ("grid:\n  clinics.habio.stations: [3, 5]\ncolour: red\n", "line 4, colour:", "unknown field 'colour'"),
        (
            "zip:\n  program.latest_start: [09:30, 10:00]\n  program.min_work_minutes: [120, 120, 90]\n",
            "line 4, zip.program.min_work_minutes:",
            "has 3 values but zip.program.latest_start has 2",
        ),
        ("grid:\n  clinics.habio.stations: 5\n", "line 3, grid.clinics.habio.stations:", "give a list of the values"),
        ("grid:\n  clinics.habio.stations: []\n", "line 3, grid.clinics.habio.stations:", "is empty"),
        ("grid:\n  program..payout: [12:00]\n", "line 3, grid.program..payout:", "is not a dotted path"),
        (
            "grid:\n  clinics.habio.stations:\n    - 3\n    - 5\n    - 3\n",
            "line 6, grid.clinics.habio.stations.2:",
            "the same as the value at position 0",
        ),
        (
            "set:\n  clinics.habio.stations: 7\ngrid:\n  clinics.habio.stations: [3, 5]\n",
            "line 5, grid.clinics.habio.stations:",
            "is also given under set",
        ),
        ("grid:\n  clinics.habio.stations: [3]\nseeds: [0]\nrepeats: 2\n", "line 5, repeats:", "not both"),
        ("grid:\n  clinics.habio.stations: [3]\ntime_limit: 0\n", "line 4, time_limit:", "greater than 0"),
        ("time_limit: 5\n", "line 1, grid:", "nothing to vary"),
    ],
)
def test_a_bad_sweep_file_names_the_field_and_line(pilot_sweep, body, where, words):
    path = pilot_sweep(body)
    message = error_of(path)
    assert message.startswith(f"{path}: {where}") and words in message


def test_a_missing_base_is_named_with_its_line(sweep_file):
    path = sweep_file("name: t\nbase: nowhere.yaml\ngrid: {weeks: [1]}\n")
    assert error_of(path) == (
        f"{path}: line 2, base: there is no scenario file {path.parent / 'nowhere.yaml'} "
        "(base is relative to the sweep file)."
    )


def test_a_value_that_breaks_the_base_names_the_variant_the_override_and_its_line(pilot_sweep):
    path = pilot_sweep("grid:\n  program.latest_start: [09:30, 08:30]\n  clinics.habio.stations: [3, 5]\n")
    assert error_of(path) == (
        f"{path}: line 3, grid.program.latest_start.1: in variant 3 of 4 (program.latest_start=08:30, "
        f"clinics.habio.stations=3), program.latest_start=08:30 makes {PILOT} invalid: "
        "08:30 is before the ordinary start 09:00."
    )


def test_a_fixed_override_that_breaks_the_base_is_named_under_set(pilot_sweep):
    message = error_of(pilot_sweep("set:\n  program.colour: red\ngrid:\n  weeks: [1]\n"))
    assert "line 3, set.program.colour: in the fixed overrides (set), program.colour=red makes" in message
    assert "unknown field 'colour'" in message


def test_an_error_does_not_echo_a_participants_value(pilot_sweep):
    message = error_of(pilot_sweep("grid:\n  participants.P07.dose_form: [tablet, pill]\n"))
    assert "participants.P07.dose_form=…" in message and "pill" not in message
    assert "'injection' or 'tablet'" in message


def test_the_grid_gives_every_combination_with_the_first_axis_changing_slowest(pilot_sweep):
    sweep = load_sweep(
        pilot_sweep("grid:\n  program.latest_start: [09:30, 10:00]\n  clinics.habio.stations: [3, 5, 7]\n")
    )
    assert [v.label for v in sweep.variants[:4]] == [
        "program.latest_start=09:30, clinics.habio.stations=3",
        "program.latest_start=09:30, clinics.habio.stations=5",
        "program.latest_start=09:30, clinics.habio.stations=7",
        "program.latest_start=10:00, clinics.habio.stations=3",
    ]
    assert len(sweep.variants) == 6 and [v.number for v in sweep.variants] == [1, 2, 3, 4, 5, 6]
    assert sweep.variants[5].point == (1, 2)


def test_zipped_lists_walk_together_and_cross_the_grid_in_the_order_written(pilot_sweep):
    text = "grid:\n  clinics.habio.stations: [3, 5]\nzip:\n  program.latest_start: [09:30, 10:30]\n"
    text += "  program.min_work_minutes: [120, 90]\n"
    sweep = load_sweep(pilot_sweep(text))
    assert [axis.label for axis in sweep.axes] == [
        "clinics.habio.stations",
        "program.latest_start / program.min_work_minutes",
    ]
    assert [v.overrides for v in sweep.variants] == [
        ("clinics.habio.stations=3", "program.latest_start=09:30", "program.min_work_minutes=120"),
        ("clinics.habio.stations=3", "program.latest_start=10:30", "program.min_work_minutes=90"),
        ("clinics.habio.stations=5", "program.latest_start=09:30", "program.min_work_minutes=120"),
        ("clinics.habio.stations=5", "program.latest_start=10:30", "program.min_work_minutes=90"),
    ]


def test_a_variant_is_the_base_with_the_same_overrides_as_set(pilot_sweep):
    sweep = load_sweep(
        pilot_sweep("set:\n  program.daily_cap: 5\ngrid:\n  program.latest_start: ['09:45', 10:30]\n  weeks: [1]\n")
    )
    for variant in sweep.variants:
        assert variant.scenario == load_scenario(PILOT, ["program.daily_cap=5", *variant.overrides])
    assert sweep.variants[1].scenario.program.latest_start == 10 * 60 + 30
    assert sweep.base.program.daily_cap == 5 and sweep.base.program.latest_start == 10 * 60


def test_values_keep_the_text_they_were_written_with(pilot_sweep):
    text = "grid:\n  program.latest_start: [09:30, 10:30]\n  clinics.habio.stations: [3, 7]\n"
    text += "  program.payout: ['12:00', 720]\n  participants.P01.dose_form: [tablet]\n"
    sweep = load_sweep(pilot_sweep(text))
    times = [point[0].text for point in sweep.axes[0].points]
    assert times == ["09:30", "10:30"]  # not YAML 1.1's 630 for 10:30
    assert value_kinds(sweep) == {
        "program.latest_start": str,
        "clinics.habio.stations": int,
        "program.payout": str,  # one value written as text: the column holds the texts
        "participants.P01.dose_form": str,
    }


def test_seeds_and_repeats_give_the_seeds_each_variant_is_solved_with(pilot_sweep):
    assert load_sweep(pilot_sweep("grid: {weeks: [1]}\n")).seeds == (0,)
    assert load_sweep(pilot_sweep("grid: {weeks: [1]}\nrepeats: 3\n")).seeds == (0, 1, 2)
    assert load_sweep(pilot_sweep("grid: {weeks: [1]}\nseeds: [7, 3]\n")).seeds == (7, 3)


def test_an_empty_zip_beside_a_grid_adds_no_axis(pilot_sweep):
    sweep = load_sweep(pilot_sweep("zip: {}\ngrid:\n  clinics.habio.stations: [3, 5]\n"))
    assert [axis.label for axis in sweep.axes] == ["clinics.habio.stations"] and len(sweep.variants) == 2
