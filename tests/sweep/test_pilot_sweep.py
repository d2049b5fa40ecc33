"""The bundled example sweep on the pilot, run once through the command line, and everything it writes."""

import csv
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tests.sweep.conftest import EXAMPLE
from workwindow.cli import main
from workwindow.sweep.load import load_sweep

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def example_run(tmp_path_factory) -> tuple[Path, str]:
    """The example sweep, solved 2 at a time, with every output: (folder, what it printed)."""
    out = tmp_path_factory.mktemp("sweep") / "out"
    arguments = ["sweep", str(EXAMPLE), "-o", str(out), "--report", str(out / "sweep.html"), "--jobs", "2"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return out, result.stdout


@pytest.fixture(scope="module")
def rows(example_run) -> list[dict[str, str]]:
    out, _ = example_run
    with (out / "results.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def objective_vector(objective: list[str], row: dict[str, str]) -> tuple[int, ...]:
    """The objectives in the scenario's order, each as minimised."""
    return tuple((-1 if name == "participant_days" else 1) * int(row[f"objective_{name}"]) for name in objective)


def test_more_stations_or_a_later_start_never_makes_the_objectives_worse(rows):
    assert {row["status"] for row in rows} == {"optimal"}, "the directions hold between optimal solves only"
    objective = load_sweep(EXAMPLE).base.objective  # the pilot's, without fairness (see the sweep file)
    starts = ["09:30", "10:00", "10:30"]
    for tighter in rows:
        for looser in rows:
            later = starts.index(looser["program.latest_start"]) >= starts.index(tighter["program.latest_start"])
            more = int(looser["clinics.habio.stations"]) >= int(tighter["clinics.habio.stations"])
            if later and more:
                assert objective_vector(objective, looser) <= objective_vector(objective, tighter), (tighter, looser)


def test_the_later_start_is_what_cuts_the_days_short_of_minimum(rows):
    shortfall = {(r["program.latest_start"], r["clinics.habio.stations"]): int(r["objective_shortfall"]) for r in rows}
    assert shortfall[("10:00", "7")] < shortfall[("09:30", "7")]


def test_the_table_has_a_row_per_variant_with_the_varied_values_as_columns(example_run, rows):
    _, printed = example_run
    assert [row["variant"] for row in rows] == [str(n) for n in range(1, 10)]
    assert list(rows[0])[:6] == [
        "variant",
        "program.latest_start",
        "program.min_work_minutes",
        "clinics.habio.stations",
        "seed",
        "status",
    ]
    assert [
        (r["program.latest_start"], r["program.min_work_minutes"], r["clinics.habio.stations"]) for r in rows[6:]
    ] == [
        ("10:30", "90", "3"),
        ("10:30", "90", "5"),
        ("10:30", "90", "7"),
    ]
    assert "Best objectives" in printed and "9 solves in" in printed


def test_the_parquet_file_holds_the_csv_rows_with_types(example_run, rows):
    out, _ = example_run
    table = pq.read_table(out / "results.parquet")
    assert table.column_names == list(rows[0])
    assert str(table.schema.field("clinics.habio.stations").type) == "int64"
    assert str(table.schema.field("program.latest_start").type) == "string"
    assert str(table.schema.field("mean_late_start_offset").type) == "double"
    read = table.to_pylist()
    assert [r["clinics.habio.stations"] for r in read] == [int(r["clinics.habio.stations"]) for r in rows]
    assert [r["objective_staff"] for r in read] == [int(r["objective_staff"]) for r in rows]


def test_the_plot_is_a_png_and_an_svg(example_run):
    out, _ = example_run
    assert (out / "plot.png").read_bytes().startswith(PNG_SIGNATURE)
    root = ET.parse(out / "plot.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = "".join(root.itertext())
    assert "supervisor-days" in texts and "program.latest_start / program.min_work_minutes" in texts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def test_the_report_is_self_contained_with_the_plot_inline(example_run):
    out, _ = example_run
    html = (out / "sweep.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    for loader in ("<script", "<link", "<img", "<iframe", "src=", "@import"):
        assert loader not in html
    assert set(re.findall(r"url\((.)", html)) <= {"#"}  # only references within the page
    parser = _Tags()
    parser.feed(html)
    assert parser.tags.count("svg") > 1  # the plot and the timelines of the plans
    assert 'class="sweep-plot"' in html and "Days without work, by reason" in html
    assert html.count('class="schedule"') == 9  # every variant's plan in full
