"""Errors the core raises; only the command line turns them into exit codes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the file allows."""

    field: str
    message: str
    line: int | None = None
    origin: str | None = None
    """What caused it when that is not a line of the file, e.g. "--set program.payout=11:00"."""

    def __str__(self) -> str:
        if self.origin is not None:
            where = f"{self.origin}: "
        else:
            where = f"line {self.line}, " if self.line is not None else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


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
            return f"{self.source}: {_sentence(str(self.problems[0]))}"
        listed = "; ".join(str(p).rstrip(".") for p in self.problems)
        return f"{self.source} has {len(self.problems)} problems: {listed}."


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


class OutputError(WorkwindowError):
    """An output that cannot be written where asked, e.g. over one of the inputs."""
