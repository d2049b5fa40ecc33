"""The workbench over a temporary folder holding a copy of the pilot, driven in process."""

import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PILOT
from workwindow.web.app import create_app

with warnings.catch_warnings():  # Starlette's note that it will move to httpx2 one day
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789"
HOSTS = ("127.0.0.1", "localhost", "testserver")
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    served = tmp_path_factory.mktemp("served")
    shutil.copy(PILOT, served / "pilot.yaml")
    return served


@pytest.fixture(scope="module")
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(folder, TOKEN, hosts=HOSTS), headers=BEARER) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def solved(client: TestClient) -> dict:
    """The pilot solved through the API, as GET /api/jobs/ID gives it when done."""
    started = client.post("/api/solve", json={"file": "pilot.yaml", "time_limit": 20})
    assert started.status_code == 202
    return wait_until_final(client, started.json()["job"])


def wait_until_final(client: TestClient, job: str, seconds: float = 120) -> dict:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        state = client.get(f"/api/jobs/{job}").json()
        if state["state"] in ("done", "failed", "stopped"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} did not end in {seconds} s")
