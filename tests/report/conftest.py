"""Fixtures for the report and export tests: the small hand-checked schedule, a DOM
reader, and a real headless Chromium (required under CI=true, skipped elsewhere)."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workwindow.report.inputs import load_inputs
from workwindow.report.plan import Plan

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]
VOID = {"meta", "br", "col", "img", "input", "link", "hr", "area", "base", "wbr", "source"}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # no network at all: a report that needed any would show it missing
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
]


@pytest.fixture
def small_paths() -> tuple[Path, Path]:
    return DATA / "small.yaml", DATA / "small.schedule.json"


@pytest.fixture
def small_plan(small_paths) -> Plan:
    return Plan(*load_inputs(*small_paths))


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    content: list["Node | str"] = field(default_factory=list)

    @property
    def children(self) -> list["Node"]:
        return [c for c in self.content if isinstance(c, Node)]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.content)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str, cls: str | None = None) -> list["Node"]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in n.classes)]

    def find(self, tag: str, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].content.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].content.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse_html(markup: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


@pytest.fixture
def parse() -> Callable[[str], Node]:
    return parse_html


@pytest.fixture(scope="session")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "chromium is not installed (Debian: apt-get install chromium); browser tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} and CI=true forbids skipping them")
        pytest.skip(reason)
    return found


@pytest.fixture
def browse(chromium: str) -> Callable[..., subprocess.CompletedProcess]:
    """Run headless Chromium offline on a file, with a fresh profile each time."""

    def run(page: Path, *flags: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as profile:
            return subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri()],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )

    return run


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept after the run, for people to look at."""
    folder = Path(os.environ.get("WORKWINDOW_ARTIFACTS") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
