"""Finding the scenario files of a batch, and writing records that are never half there."""

import os
from pathlib import Path

import pytest

from workwindow.batch.inputs import BatchError, discover
from workwindow.files import remove_leftover_temporaries, write_atomically, write_text_atomically


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: x\n")
    return path


def names(inputs):
    return [item.name for item in inputs]


def test_a_folder_gives_its_yaml_files_in_name_order(tmp_path):
    for name in ("b.yaml", "a.yml", "notes.txt", "sub/c.yaml"):
        touch(tmp_path / name)
    assert names(discover([str(tmp_path)])) == ["a", "b"]


def test_globs_expand_recursively_and_files_are_taken_as_given(tmp_path):
    touch(tmp_path / "x" / "one.yaml")
    touch(tmp_path / "x" / "deep" / "two.yaml")
    touch(tmp_path / "three.txt")
    found = discover([str(tmp_path / "x" / "**" / "*.yaml"), str(tmp_path / "three.txt")])
    assert names(found) == ["two", "one", "three"]


def test_a_file_named_twice_is_solved_once(tmp_path):
    path = touch(tmp_path / "week.yaml")
    assert names(discover([str(path), str(tmp_path), str(tmp_path / "*.yaml")])) == ["week"]


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.yaml", "no such file or folder"),
        ("*.nothing", "no file matches"),
        ("empty", "no scenario files"),
    ],
)
def test_an_argument_that_finds_nothing_is_an_error(tmp_path, argument, message):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match=message):
        discover([str(tmp_path / argument)])


def test_two_files_that_would_write_the_same_result_are_refused(tmp_path):
    first, second = touch(tmp_path / "a" / "week.yaml"), touch(tmp_path / "b" / "week.yaml")
    with pytest.raises(BatchError, match=r"would both write week\.json"):
        discover([str(first), str(second)])


def test_a_name_that_would_write_another_ones_error_record_is_refused(tmp_path):
    touch(tmp_path / "week.yaml")
    touch(tmp_path / "week.error.yaml")
    with pytest.raises(BatchError, match=r"would both write week\.error\.json"):
        discover([str(tmp_path)])


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "result.json"
    target.write_text("old")

    def fail_halfway(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(target, fail_halfway)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["result.json"]


def test_writing_without_overwrite_keeps_an_existing_file(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        write_text_atomically(target, "new", overwrite=False)
    assert target.read_text() == "mine"
    assert os.listdir(tmp_path) == ["mine.yaml"]


def test_leftover_temporaries_of_a_killed_run_are_removed(tmp_path):
    (tmp_path / ".workwindow-week.json.1234.tmp").write_text("{")
    (tmp_path / "week.json").write_text("{}")
    assert remove_leftover_temporaries(tmp_path) == 1
    assert os.listdir(tmp_path) == ["week.json"]
