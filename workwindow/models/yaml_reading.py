"""YAML text to plain data and its node tree, within limits, every failure an input error.

PyYAML's usual `safe_load` forgets where each value stood, silently keeps the
last of two equal keys (a duplicated participant id would vanish) and expands
aliases without bound (an "alias bomb" of 500 bytes asks for billions of
values). Here the document is composed into nodes first; its size once
aliases are expanded is counted on the nodes before anything is built; values
are built from the nodes, and a duplicate key, an unknown tag or an
impossible date becomes a problem at its line.
"""

from typing import Any

import yaml

from workwindow.errors import Problem
from workwindow.models.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_PARTICIPANTS

NODE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's composer where PyYAML was built with it: 1.0 s instead of 4.0 s for a
3,000-participant, 4-week scenario. Its nodes carry the same line marks."""

COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
STR_TAG = "tag:yaml.org,2002:str"
_SHOWN_WIDTH = 100

_PLAIN_WORDS = {
    "did not find expected key": "this line is not indented like the keys above it",
    "mapping values are not allowed in this context": (
        "a colon here starts a mapping where none can start (indented too far, or a value with a colon "
        "that needs quotes)"
    ),
    "found unexpected end of stream": "the file ends inside a quoted text; a closing quote is missing",
    "found undefined alias": "an alias (*name) refers to an anchor (&name) that is not defined above it",
    "could not find expected ':'": "a key is missing its colon",
    "but found another document": "a second document (---) follows; a scenario is one document",
    "did not find expected <document start>": "something follows the end of the document (a stray bracket?)",
    "found character that cannot start any token": "this character cannot start a value; put the value in quotes",
}


class YamlProblems(Exception):
    """Problems of a YAML text, each located; the caller names the file."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def compose(text: str) -> yaml.Node | None:
    """The node tree of a text, or the syntax error said in plain words, with the spot shown."""
    try:
        return yaml.compose(text, Loader=NODE_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems([_syntax_problem(exc, text)]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem("", f"is not valid YAML: {exc}")]) from None


def build(root: yaml.Node | None, within: tuple = ()) -> Any:
    """Plain Python data from a node tree, once the tree is known to be of a size that can be built.

    `within` is where the tree goes in a scenario (a `--set` value's path): problems
    are named from there, and a participant's value is not echoed.
    """
    if root is None:
        return None
    _refuse_too_many_participants(root)
    _refuse_alias_bombs(root)
    builder = _Builder()
    data = builder.construct(root, within)
    if builder.problems:
        raise YamlProblems(builder.problems)
    return data


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem("", f"is not valid YAML: {exc.problem}")
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    words = _plain_words(exc, line, mark.column, multiline=len(lines) > 1)
    shown = _shown(lines, mark.line, mark.column)
    return Problem("", f"is not valid YAML: {words}", mark.line + 1, column=mark.column + 1, shown=shown)


def _plain_words(exc: yaml.MarkedYAMLError, line: str, column: int, *, multiline: bool) -> str:
    problem = exc.problem or ""
    if "\t" in line[: column + 1] and ("tab" in problem or "cannot start any token" in problem):
        return "a tab character; YAML indents with spaces only"
    for opener, closer, kind in (("[", "]", "list"), ("{", "}", "mapping")):
        if problem == f"did not find expected ',' or '{closer}'":
            opened = f" (opened on line {exc.context_mark.line + 1})" if exc.context_mark and multiline else ""
            return f"a {kind} opened with {opener}{opened} is not closed with {closer}"
    return _PLAIN_WORDS.get(problem, problem)


def _shown(lines: list[str], index: int, column: int) -> str:
    """The offending line with a caret under the spot, unless the line is a participant's
    (scenario files hold health data, and an error may end up in a shared batch record)."""
    if index >= len(lines):
        return "    (at the end of the file)"
    if _in_participants(lines, index):
        return "    (the line is not shown: it is in participants, which hold health data)"
    line = lines[index].replace("\t", " ")
    start = max(0, column - _SHOWN_WIDTH // 2) if len(line) > _SHOWN_WIDTH else 0
    excerpt = line[start : start + _SHOWN_WIDTH]
    return f"    {excerpt}\n    {' ' * (column - start)}^"


def _in_participants(lines: list[str], index: int) -> bool:
    if "participants" in lines[index]:
        return True
    for line in reversed(lines[: index + 1]):
        if line[:1].isalpha() or line[:1] == "_":
            return line.startswith("participants")
    return False


def _refuse_too_many_participants(root: yaml.Node) -> None:
    """Counted on the nodes, so a file of half a million participants is refused before they are built."""
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value == "participants" and isinstance(value, yaml.MappingNode) and len(value.value) > MAX_PARTICIPANTS:
            message = (
                f"has {len(value.value):,} participants; a scenario holds at most {MAX_PARTICIPANTS:,} "
                "(split the city into several scenarios and solve them with `workwindow batch`)"
            )
            raise YamlProblems([Problem("participants", message, key.start_mark.line + 1)])


def _refuse_alias_bombs(root: yaml.Node) -> None:
    """Count the values the tree stands for with aliases expanded, and its depth, without building any.

    A node reached through an alias is the same object as the one it names, so
    each mapping and list is measured once, children first, on an explicit stack
    (no recursion before the depth is known); an anchor that contains its own
    alias is found. Scalars, most of a file, are counted where they stand.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    open_nodes: set[int] = set()
    written = 1
    stack = [root] if _children(root) is not None else []
    while stack:
        node = stack[-1]
        key = id(node)
        if key in sizes:  # pushed again, through an alias, before it was measured
            stack.pop()
            continue
        children: list[yaml.Node] = _children(node) or []
        if key not in open_nodes:
            open_nodes.add(key)
            pending = [c for c in children if not isinstance(c, yaml.ScalarNode) and id(c) not in sizes]
            if any(id(c) in open_nodes for c in pending):
                raise _refused(node, "has an alias (*name) inside the value its anchor (&name) names")
            if pending:
                stack.extend(pending)
                continue
        stack.pop()
        open_nodes.discard(key)
        size, depth = 1, 1
        for child in children:
            if isinstance(child, yaml.ScalarNode):
                size += 1
                written += 1
            else:
                size += sizes[id(child)]
                depth = max(depth, depths[id(child)])
        sizes[key], depths[key] = size, depth + 1
        written += 1
        if depth + 1 > MAX_DEPTH:
            raise _refused(node, f"nests more than {MAX_DEPTH} levels deep; a scenario needs six")
    expanded = sizes.get(id(root), 1)
    if expanded - written > MAX_ALIAS_VALUES:
        message = (
            f"its aliases (*name) would expand to {expanded:,} values; they may add at most "
            f"{MAX_ALIAS_VALUES:,} to the {written:,} written"
        )
        raise _refused(root, message)


def _children(node: yaml.Node) -> list[yaml.Node] | None:
    """A mapping's keys and values or a list's items; None for a scalar."""
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return None


def _refused(node: yaml.Node, message: str) -> YamlProblems:
    return YamlProblems([Problem("", message, node.start_mark.line + 1)])


class _Builder:
    """Builds values from nodes and keeps each problem with its field path and line."""

    def __init__(self) -> None:
        self.constructor = yaml.SafeLoader("")
        self.problems: list[Problem] = []

    def construct(self, node: yaml.Node, path: tuple) -> Any:
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in COLLECTION_TAGS:
            return self._problem(node, path, _tag_message(node.tag, path))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> Any:
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError:
            return self._problem(node, path, "has a merge (<<) of something that is not a mapping")
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.construct(key_node, path)
            if key is _FAILED:
                continue
            try:
                hash(key)
            except TypeError:
                self._problem(key_node, path, "a key must be a single value, not a list or mapping")
                continue
            if key in result:
                self._problem(key_node, (*path, key), "is given twice")
                continue
            result[key] = self.construct(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node, path: tuple) -> Any:
        if node.tag == STR_TAG:  # most of a file; what PyYAML's constructor would return, at a third of the cost
            return node.value
        build = self.constructor.yaml_constructors.get(node.tag)
        if build is None:
            return self._problem(node, path, _tag_message(node.tag, path))
        try:
            return build(self.constructor, node)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError) as exc:
            return self._problem(node, path, _unreadable_message(node, path, exc))

    def _problem(self, node: yaml.Node, path: tuple, message: str) -> Any:
        self.problems.append(Problem(_dotted(path), message, node.start_mark.line + 1))
        return _FAILED


_FAILED = object()
"""Stands in for a value that could not be built; the problem is already recorded."""


def is_private(path: tuple) -> bool:
    """A participant's own field: its value is not echoed (it may be health data)."""
    return len(path) > 2 and str(path[0]) == "participants"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _tag_message(tag: str, path: tuple) -> str:
    named = "a tag" if is_private(path) else f"the tag {_short_tag(tag)}"
    return f"has {named}, which a scenario does not use; write the value without a tag"


def _unreadable_message(node: yaml.Node, path: tuple, exc: Exception) -> str:
    value = "" if is_private(path) else f"{node.value} "
    if node.tag == "tag:yaml.org,2002:timestamp":
        reason = f" ({exc})" if isinstance(exc, ValueError) else ""
        return f"{value}is not a real date{reason}; dates are written YYYY-MM-DD"
    return f"{value}cannot be read as {_short_tag(node.tag)}"


def _dotted(path: tuple) -> str:
    return ".".join(str(step) for step in path)
