"""Edits from the scenario page written back into the YAML, keeping its comments, order and layout.

ruamel.yaml's round trip keeps comments, key order, flow style and quotes;
it does lose the spaces that align columns inside a flow mapping
(`verksted:    {site: …}`). So the text written is the original, line for
line, wherever the edited document dumps the same as the unedited one, and
the new dump only on the lines an edit changed.
"""

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from workwindow.errors import InputError, Problem

_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
DELETE = object()
"""An edit's value that removes the field (the form's field was emptied: the default applies)."""


def round_trip() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long flow line
    return yaml


def load(text: str, source: str) -> CommentedMap:
    try:
        document = round_trip().load(text)
    except YAMLError as exc:
        raise InputError(source, [Problem("", f"is not valid YAML: {exc}")]) from None
    if not isinstance(document, CommentedMap):
        raise InputError(source, [Problem("", "must be a mapping of scenario fields")])
    return document


def dump(document: CommentedMap) -> str:
    out = io.StringIO()
    round_trip().dump(document, out)
    return out.getvalue()


def edited_text(original: str, edit: Callable[[CommentedMap], None], source: str) -> str:
    """The original text changed by `edit`, which works on the round-trip document."""
    document = load(original, source)
    before = dump(document)
    edit(document)
    return _keep_untouched_lines(original, before, dump(document))


def apply(document: CommentedMap, path: tuple[str, ...], value: Any) -> None:
    """Set or remove the value at `path`; a value equal to what is written keeps its written form."""
    *parents, leaf = path
    node = document
    for key in parents:
        if not isinstance(node.get(key), CommentedMap):
            if value is DELETE:
                return
            node[key] = CommentedMap()
        node = node[key]
    if value is DELETE:
        node.pop(leaf, None)
    elif leaf not in node or plain(node[leaf]) != plain(value):
        node[leaf] = _node_for(value, node.get(leaf))


def rename(document: CommentedMap, path: tuple[str, ...], old: str, new: str) -> None:
    """Give a row a new id in the same place, with its comments."""
    rows = document
    for key in path:
        rows = rows[key]
    position = list(rows).index(old)
    rows.insert(position, new, rows.pop(old))


def plain(value: Any) -> Any:
    """Comparable data: dates as text, ruamel's containers and strings as Python's own."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _node_for(value: Any, old: Any) -> Any:
    """A value written as its neighbours are: times quoted, lists and new rows in flow style."""
    if isinstance(value, str) and _CLOCK.match(value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq(_node_for(v, None) for v in value)
        if not isinstance(old, CommentedSeq) or old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, Mapping):
        mapping = CommentedMap((k, _node_for(v, None)) for k, v in value.items())
        mapping.fa.set_flow_style()
        return mapping
    return value


def _keep_untouched_lines(original: str, before: str, after: str) -> str:
    """The original's own lines wherever the dump did not change; the new dump's where it did."""
    source = original.splitlines(keepends=True)
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(source) != len(old):
        return after  # the dump moved lines about; its text is the faithful one
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        lines += source[i1:i2] if tag == "equal" else new[j1:j2]
    return "".join(lines)
