"""Lists laid out in lines of a given width without cutting an entry in two.

A terminal table wraps a long cell wherever a space falls, so "P03 11.03
12.03" can end up with its dates on another line beside another person's.
Here an entry (words that belong together) moves to the next line whole; only
an entry longer than a whole line is broken, between its words, and its
continuation is indented further so it still reads as one.
"""

from collections.abc import Sequence

CONTINUATION = 2
"""Extra indent of the continuation of an entry too long for one line."""


def packed(entries: Sequence[Sequence[str]], width: int, indent: int = 4, separator: str = "; ") -> list[str]:
    """The entries, joined by `separator`, in lines of at most `width` characters (words permitting)."""
    lines: list[str] = []
    line = ""
    for i, words in enumerate(entries):
        entry = " ".join(words) + (separator.rstrip() if i < len(entries) - 1 else "")
        candidate = f"{line} {entry}" if line else " " * indent + entry
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        if indent + len(entry) <= width:
            line = " " * indent + entry
        else:
            *whole, line = _broken(entry.split(" "), width, indent)
            lines += whole
    if line:
        lines.append(line)
    return lines


def wrapped(text: str, width: int, indent: int = 0, hanging: int = 4) -> list[str]:
    """Prose in lines of at most `width`, later lines indented by `hanging` more."""
    return _broken(text.split(), width, indent, hanging)


def _broken(words: Sequence[str], width: int, indent: int, hanging: int = CONTINUATION) -> list[str]:
    lines: list[str] = []
    line = " " * indent
    for word in words:
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = " " * (indent + hanging) + word
        else:
            line = f"{line} {word}" if line.strip() else line + word
    lines.append(line)
    return lines
