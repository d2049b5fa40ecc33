"""Lines and a table of right-aligned columns exactly as rich prints them, without importing rich.

`check` prints a few lines and one small table. Importing rich for them cost
`check` about 25 ms of its start-up, as much as click and PyYAML together.
This writer prints those two shapes byte for byte as `rich.Console.print`
does (the same width, word wrapping, box, and bold, italic and yellow on a
terminal, none when piped, no colour under NO_COLOR), and hands a piece over
to rich itself when it cannot promise that: a table wider than the terminal,
a character that is not one cell wide or a control character, a dumb
terminal, Windows. tests/console/test_plain_console.py compares the two.

Text is printed as written: a `[` in a scenario's name is not rich markup.
"""

import os
import re
import sys
from collections.abc import Sequence
from functools import cached_property
from typing import Any, Literal, NamedTuple, TextIO

NON_TERMINAL_WIDTH = 120
"""Piped output without COLUMNS is this wide (as `workwindow.console.new_console` makes it)."""

Style = Literal["", "bold", "italic", "yellow"]
Part = tuple[str, Style]
"""A piece of a line and its style."""

_SGR: dict[str, str] = {"bold": "1", "italic": "3", "yellow": "33"}
_COLOURS = frozenset({"yellow"})
_ONE_CELL = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),  # Latin-1 letters, æøå, and the rest of the Latin blocks
    (0x370, 0x482),  # Greek (Σ), Cyrillic
    (0x2010, 0x2015),  # dashes
    (0x2018, 0x201E),  # quotes
    (0x2022, 0x2022),
    (0x2026, 0x2026),  # …
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2264, 0x2265),  # ≤ ≥
)
"""Characters every terminal (and rich) shows one cell wide; text with others goes to rich."""


def one_cell_wide(text: str) -> bool:
    return all(any(low <= ord(c) <= high for low, high in _ONE_CELL) for c in text)


class Terminal(NamedTuple):
    """Where output goes, as rich sees it."""

    width: int
    styled: bool
    """Escape codes for bold, italic and colour (a terminal, or FORCE_COLOR)."""
    coloured: bool
    """Colour too (not under NO_COLOR)."""


def terminal(environ: Any = None, file: TextIO | None = None) -> Terminal | None:
    """The width and styles rich gives `workwindow.console.new_console()`; None where only rich knows."""
    environ = os.environ if environ is None else environ
    file = sys.stdout if file is None else file
    if sys.platform == "win32":
        return None
    columns = environ.get("COLUMNS", "")
    given = int(columns) if columns.isdigit() else None
    if not _is_terminal(environ, file):
        return Terminal(NON_TERMINAL_WIDTH if given is None else given, styled=False, coloured=False)
    if environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    width = given
    if width is None:
        for descriptor in (0, 1, 2):  # rich asks stdin first, then stdout and stderr
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
    return Terminal(width or 80, styled=True, coloured=environ.get("NO_COLOR", "") == "")


def _is_terminal(environ: Any, file: TextIO) -> bool:
    """rich's `Console.is_terminal`: TTY_COMPATIBLE, then FORCE_COLOR, then the file itself."""
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(file, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


class PlainConsole:
    """Prints lines and tables to the current `sys.stdout`, as a rich console of the same terminal would."""

    def __init__(self, settings: Terminal | None = None, *, rich_only: bool = False) -> None:
        self._settings = None if rich_only else (settings or terminal())
        self._given = settings

    @property
    def width(self) -> int:
        return self._settings.width if self._settings else self._rich.width

    def line(self, *parts: Part | str) -> None:
        """One paragraph, word-wrapped to the width; each part plain or in its style."""
        spans = [(part, "") if isinstance(part, str) else part for part in parts]
        text = "".join(part for part, _ in spans)
        settings = self._settings
        if settings is None or settings.width < 1 or not one_cell_wide(text):
            self._rich.print(_rich_text(spans))
            return
        out = []
        for start, end in _wrapped(text, settings.width):
            out.append("".join(self._render(piece, style) for piece, style in _cut(spans, start, end)))
        sys.stdout.write("\n".join(out) + "\n")

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """A table in rich's default box (heavy head), every column right-aligned, under a left-aligned title."""
        widths = [max(len(cell) for cell in column) for column in zip(columns, *rows, strict=True)]
        inner = [w + 2 for w in widths]
        total = sum(inner) + len(inner) + 1
        settings = self._settings
        cells = [title, *columns, *(cell for row in rows for cell in row)]
        if settings is None or total > settings.width or len(title) > total or not one_cell_wide("".join(cells)):
            self._rich.print(_rich_table(title, columns, rows))
            return
        bold = self._render(" ", "bold")
        header = "┃".join(
            bold + self._render(name.rjust(w), "bold") + bold for name, w in zip(columns, widths, strict=True)
        )
        lines = [
            self._render(title.ljust(total), "italic"),
            "┏" + "┳".join("━" * w for w in inner) + "┓",
            "┃" + header + "┃",
            "┡" + "╇".join("━" * w for w in inner) + "┩",
            *("│" + "│".join(f" {cell.rjust(w)} " for cell, w in zip(row, widths, strict=True)) + "│" for row in rows),
            "└" + "┴".join("─" * w for w in inner) + "┘",
        ]
        sys.stdout.write("\n".join(lines) + "\n")

    def _render(self, text: str, style: Style) -> str:
        settings = self._settings
        if not text or not style or settings is None or not settings.styled:
            return text
        if style in _COLOURS and not settings.coloured:
            return text
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m"

    @cached_property
    def _rich(self) -> Any:
        from rich.console import Console

        if self._given is not None:  # tests: the same terminal as the plain writer's
            given = self._given
            return Console(
                highlight=False,
                width=given.width,
                force_terminal=given.styled,
                no_color=not given.coloured,
                color_system="standard" if given.styled else None,
            )
        from workwindow.console import new_console

        return new_console()


def _wrapped(text: str, width: int) -> list[tuple[int, int]]:
    """rich's word wrap (`rich._wrap.divide_line`, fold, default justify) of one-cell text: (start, end) per line."""
    lines = []
    for paragraph_start, paragraph in _paragraphs(text):
        breaks = [0]
        offset = 0
        for start, word in _words(paragraph):
            length = len(word.rstrip())
            if width - offset >= length:
                offset += len(word)
            elif length > width:  # a word longer than a line is folded
                chunks = [word[i : i + width] for i in range(0, len(word), width)]
                for chunk in chunks[:-1]:
                    if start:
                        breaks.append(start)
                    start += len(chunk)
                if start:
                    breaks.append(start)
                offset = len(chunks[-1])
            elif offset and start:
                breaks.append(start)
                offset = len(word)
        ends = [*breaks[1:], len(paragraph)]
        for start, end in zip(breaks, ends, strict=True):
            piece = paragraph[start:end]
            excess = len(piece) - width
            if excess > 0:  # trailing spaces past the width are dropped, then the rest cropped
                spaces = len(piece) - len(piece.rstrip())
                end -= min(spaces, excess)
                end = min(end, start + width)
            lines.append((paragraph_start + start, paragraph_start + end))
    return lines


def _paragraphs(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for piece in text.split("\n"):
        found.append((start, piece))
        start += len(piece) + 1
    return found


def _words(text: str) -> list[tuple[int, str]]:
    """rich's words: leading spaces, the word, trailing spaces."""
    return [(match.start(), match.group(0)) for match in re.finditer(r"\s*\S+\s*", text)]


def _cut(spans: list[tuple[str, Style]], start: int, end: int) -> list[tuple[str, Style]]:
    """The parts of `spans` between two offsets of their joined text."""
    pieces, offset = [], 0
    for text, style in spans:
        low, high = max(start, offset), min(end, offset + len(text))
        if low < high:
            pieces.append((text[low - offset : high - offset], style))
        offset += len(text)
    return pieces


def _rich_text(spans: list[tuple[str, Style]]) -> Any:
    from rich.text import Text

    text = Text()
    for part, style in spans:
        text.append(part, style=style or None)
    return text


def _rich_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*row)
    return table
