"""The workbench end to end in real headless Chromium: edit, save, plan, ask why, re-plan a morning.

It starts `workwindow serve` on 127.0.0.1 at a free port and stops it at the
end. Screenshots of each page go to artifacts/web/. Without chromium and
chromedriver the test is skipped, except under CI=true, where it fails.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PILOT, ROOT
from workwindow.models import load_scenario

CHROMIUM, DRIVER = (
    shutil.which("chromium") or "/usr/bin/chromium",
    shutil.which("chromedriver") or "/usr/bin/chromedriver",
)
SHOTS = ROOT / "artifacts" / "web"
TOKEN = "browser-test-token"
WAIT = 90


def _browser_parts_present() -> bool:
    return Path(CHROMIUM).exists() and Path(DRIVER).exists()


if not _browser_parts_present():
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "CI=true: the browser tests need Debian's chromium and chromium-driver (.ci/run installs them)"
        )
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("browser")
    shutil.copy(PILOT, folder / "pilot.yaml")
    port = _free_port()
    command = [sys.executable, "-m", "workwindow", "serve", str(folder), "--port", str(port), "--token", TOKEN]
    process = subprocess.Popen(
        [*command, "--no-browser"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}", folder
    finally:
        process.terminate()
        process.wait(20)


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    ends = time.monotonic() + 30
    while time.monotonic() < ends:
        if process.poll() is not None:
            raise AssertionError(f"serve ended: {process.stdout.read().decode() if process.stdout else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("serve did not start listening in 30 s")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator["webdriver.Chrome"]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-GB",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: "webdriver.Chrome", name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, min(max(height, 800), 4000))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1400, 1000)


def test_a_planner_edits_saves_plans_asks_why_and_replans_a_morning(server, browser):
    base, folder = server
    wait = WebDriverWait(browser, WAIT)
    original_comments = [line for line in (folder / "pilot.yaml").read_text().splitlines() if "#" in line]

    browser.get(f"{base}/?token={TOKEN}")
    assert "token" not in browser.current_url
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "tr[data-file='pilot.yaml']")))
    _shot(browser, "01-scenarios")

    browser.find_element(By.LINK_TEXT, "pilot.yaml").click()
    row = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "tr[data-row='P04']")))
    Select(row.find_element(By.CSS_SELECTOR, "[data-field='dose_form'] select")).select_by_value("tablet")
    browser.find_element(By.ID, "save").click()
    wait.until(ready.text_to_be_present_in_element((By.ID, "message"), "Saved"))
    _shot(browser, "02-scenario-saved")
    text = (folder / "pilot.yaml").read_text()
    assert [line for line in text.splitlines() if "#" in line] == original_comments
    assert load_scenario(folder / "pilot.yaml").participants["P04"].dose_form == "tablet"

    Select(browser.find_element(By.ID, "time-limit")).select_by_value("10")
    browser.find_element(By.ID, "solve").click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".plan table.grid.people")))
    _shot(browser, "03-plan")
    assert browser.find_elements(By.CSS_SELECTOR, ".plan table.grid.crews .group")

    cell = browser.find_element(By.CSS_SELECTOR, ".plan table.people td.none")
    reason = cell.get_attribute("data-reason").replace("_", " ")
    cell.click()
    panel = wait.until(ready.visibility_of_element_located((By.ID, "explain")))
    assert panel.find_element(By.CSS_SELECTOR, ".reason-name").text.lower() == reason
    assert panel.find_element(By.CSS_SELECTOR, ".reason-text").text
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#explain li.whatif")))
    _shot(browser, "04-why-no-work")

    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.ID, "to-morning").click()
    absent = wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, "#absent input[type=checkbox]")))
    who = absent.get_attribute("value")
    absent.click()
    _shot(browser, "05-morning-form")
    browser.find_element(By.ID, "replan").click()
    wait.until(ready.presence_of_element_located((By.ID, "replanned")))
    _shot(browser, "06-morning-replanned")
    changes = browser.find_element(By.ID, "replanned").text
    assert who in changes

    browser.get(f"{base}/scenarios/pilot.yaml/whatif")
    wait.until(ready.presence_of_element_located((By.ID, "compare")))
    _shot(browser, "07-whatif-form")
