"""The sweep file: a base scenario, the values to try, and how to solve them.

It is read with the scenario loader (workwindow.models.loading), so a bad
sweep file gets the same one-paragraph error naming file, field and line,
and validated by a frozen pydantic model whose cross-field checks blame the
exact field they are about.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt, model_validator

from workwindow.models.fields import FieldPath
from workwindow.models.scenario import ScenarioProblems

Problems = list[tuple[FieldPath, str]]


class SweepFile(BaseModel):
    """What a sweep file may hold; `grid` and `zip` map dotted paths (as for --set) to lists of values."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    name: str | None = Field(None, description="a title for tables, plots and the report")
    base: str = Field(min_length=1, description="the scenario file to vary, relative to the sweep file")
    fixed: dict[str, Any] = Field(
        default_factory=dict, alias="set", description="overrides for every variant: PATH: VALUE"
    )
    grid: dict[str, Any] = Field(default_factory=dict, description="PATH: [values]; every combination is solved")
    zipped: dict[str, Any] = Field(
        default_factory=dict, alias="zip", description="PATH: [values]; the lists are walked together"
    )
    time_limit: PositiveFloat = Field(60.0, description="seconds for each solve")
    seeds: list[int] | None = Field(None, description="solve each variant once per CP-SAT seed")
    repeats: PositiveInt | None = Field(None, description="solve each variant with seeds 0, 1, … repeats-1")

    @model_validator(mode="after")
    def _check(self) -> "SweepFile":
        problems = [
            *self._something_varies(),
            *_paths_written_well("set", self.fixed),
            *_value_lists("grid", self.grid),
            *_value_lists("zip", self.zipped),
            *self._zip_lengths_agree(),
            *_no_value_twice("grid", self.grid),
            *self._no_zip_point_twice(),
            *self._each_path_once(),
            *self._seeds_given_once(),
        ]
        if problems:
            raise ScenarioProblems(problems)
        return self

    @property
    def seed_list(self) -> tuple[int, ...]:
        if self.seeds is not None:
            return tuple(self.seeds)
        return tuple(range(self.repeats or 1))

    def _something_varies(self) -> Problems:
        if self.grid or self.zipped:
            return []
        return [(("grid",), "nothing to vary: give grid (every combination) or zip (lists walked together)")]

    def _zip_lengths_agree(self) -> Problems:
        lists = [(path, values) for path, values in self.zipped.items() if isinstance(values, list) and values]
        if not lists:
            return []
        first, expected = lists[0][0], len(lists[0][1])
        return [
            (
                ("zip", path),
                f"has {len(values)} values but zip.{first} has {expected}; zipped lists are walked "
                "together, so they need the same length",
            )
            for path, values in lists[1:]
            if len(values) != expected
        ]

    def _no_zip_point_twice(self) -> Problems:
        lists = [values for values in self.zipped.values() if isinstance(values, list)]
        if not lists or len({len(values) for values in lists}) != 1:
            return []
        points = list(zip(*lists, strict=True))
        first_path = next(iter(self.zipped))
        return [
            (("zip", first_path, i), f"the values at position {i} are those at position {points.index(point)} again")
            for i, point in enumerate(points)
            if points.index(point) < i
        ]

    def _each_path_once(self) -> Problems:
        seen: dict[str, str] = {}
        problems: Problems = []
        for section, paths in (("set", self.fixed), ("grid", self.grid), ("zip", self.zipped)):
            for path in paths:
                steps = _steps(path)
                if steps in seen:
                    problems.append(((section, path), f"is also given under {seen[steps]}; give each path once"))
                seen.setdefault(steps, section)
        return problems

    def _seeds_given_once(self) -> Problems:
        problems: Problems = []
        if self.seeds is not None and self.repeats is not None:
            problems.append((("repeats",), "give seeds or repeats, not both"))
        if self.seeds is not None and not self.seeds:
            problems.append((("seeds",), "give at least one seed, e.g. [0, 1, 2]"))
        if self.seeds is not None and len(set(self.seeds)) != len(self.seeds):
            problems.append((("seeds",), "a seed is given twice; each seed is tried once"))
        return problems


def _paths_written_well(section: str, entries: dict[str, Any]) -> Problems:
    return [
        ((section, path), f"'{path}' is not a dotted path such as program.latest_start")
        for path in entries
        if not _is_dotted_path(path)
    ]


def _value_lists(section: str, entries: dict[str, Any]) -> Problems:
    problems = _paths_written_well(section, entries)
    for path, values in entries.items():
        if not isinstance(values, list):
            problems.append(((section, path), "give a list of the values to try, e.g. [3, 5, 7]"))
        elif not values:
            problems.append(((section, path), "the list of values to try is empty"))
    return problems


def _no_value_twice(section: str, entries: dict[str, Any]) -> Problems:
    problems: Problems = []
    for path, values in entries.items():
        if not isinstance(values, list):
            continue
        for i, value in enumerate(values):
            if values.index(value) < i:
                problems.append(
                    (
                        (section, path, i),
                        f"is the same as the value at position {values.index(value)}; each value is tried once",
                    )
                )
    return problems


def _is_dotted_path(path: object) -> bool:
    return isinstance(path, str) and "=" not in path and all(step.strip() for step in path.split("."))


def _steps(path: str) -> tuple[str, ...]:
    return tuple(step.strip() for step in path.split("."))
