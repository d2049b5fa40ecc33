"""A tiny HTML/SVG builder that escapes every piece of text it is given.

Participant ids, scenario names and details come from user files; building
elements through `el` means none of them can ever be read as markup.
"""

from collections.abc import Iterable
from html import escape


class Html(str):
    """Markup that is already safe: produced by `el`, `join` or `raw`."""


def raw(markup: str) -> Html:
    """Trusted markup written in this package (the style sheet), never user text."""
    return Html(markup)


def text(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(escape(str(value), quote=True))


def join(children: Iterable[object]) -> Html:
    return Html("".join(text(child) for child in children if child is not None))


def el(tag: str, *children: object, **attributes: object) -> Html:
    """An element; `class_` gives `class`, `data_x` gives `data-x`; None leaves one out."""
    attrs = "".join(_attribute(name, value) for name, value in attributes.items())
    return Html(f"<{tag}{attrs}>{join(children)}</{tag}>")


def _attribute(name: str, value: object) -> str:
    if value is None or value is False:
        return ""
    name = name.rstrip("_").replace("_", "-")
    if value is True:
        return f" {name}"
    return f' {name}="{escape(str(value), quote=True)}"'
