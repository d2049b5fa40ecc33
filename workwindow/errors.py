"""Errors the core raises; only the command line turns them into exit codes."""

from collections import defaultdict
from dataclasses import dataclass

PLACES_NAMED = 3
"""A message found at more places than this (a crew misspelt in every participant) is said
once, naming this many places before "and N more"; one at fewer is listed at each."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the file allows."""

    field: str
    message: str
    line: int | None = None
    origin: str | None = None
    """What caused it when that is not a line of the file, e.g. "--set program.payout=11:00"."""
    column: int | None = None
    shown: str | None = None
    """The offending text shown under the paragraph, e.g. a line with a caret under the spot."""

    def __str__(self) -> str:
        if self.origin is not None:
            where = f"{self.origin}: "
        elif self.line is not None:
            where = f"line {self.line}, " if self.column is None else f"line {self.line}, column {self.column}, "
        else:
            where = ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"

    def place(self) -> str:
        """Where it is, for a list of the places one message applies to."""
        if self.origin is not None:
            return f"{self.origin}: {self.field}" if self.field else self.origin
        line = f"line {self.line}" if self.line is not None else ""
        return ", ".join(part for part in (line, self.field) if part)


class WorkwindowError(Exception):
    """Base of every error the user can act on."""


class InputError(WorkwindowError):
    """A file that cannot be used as it is; says which file, field and line."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.paragraph())

    def paragraph(self) -> str:
        if len(self.problems) == 1:
            problem = self.problems[0]
            shown = f"\n{problem.shown}" if problem.shown else ""
            return f"{self.source}: {_sentence(str(problem))}{shown}"
        listed = "; ".join(_said_once(problems) for problems in _recurring_said_once(self.problems))
        return f"{self.source} has {len(self.problems)} problems: {listed}."


def _recurring_said_once(problems: list[Problem]) -> list[list[Problem]]:
    """Each problem alone, but a message found at more than PLACES_NAMED places together,
    in the order each first appears."""
    by_message: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_message[problem.message].append(problem)
    listed: list[list[Problem]] = []
    for problem in problems:
        alike = by_message[problem.message]
        if len(alike) <= PLACES_NAMED:
            listed.append([problem])
        elif alike[0] is problem:
            listed.append(alike)
    return listed


def _said_once(problems: list[Problem]) -> str:
    if len(problems) == 1:
        return str(problems[0]).rstrip(".")
    places = "; ".join(p.place() for p in problems[:PLACES_NAMED])
    rest = problems[PLACES_NAMED:]
    return (
        f"{problems[0].message.rstrip('.')}, {len(problems)} times: {places}; "
        f"and {len(rest)} more, the last at {rest[-1].place()}"
    )


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


class OutputError(WorkwindowError):
    """An output that cannot be written where asked, e.g. over one of the inputs."""
