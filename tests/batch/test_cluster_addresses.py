"""Every --cluster address gets an answer or a clear error in time, never a hang or a traceback."""

import gc
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from workwindow.cli import EXIT_BATCH_NOT_RUN, main
from workwindow.executor import CONNECT_GRACE_SECONDS, DaskCluster, ExecutorError

REPO = Path(__file__).resolve().parents[2]
PILOT = REPO / "scenarios" / "pilot.yaml"


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("foo", "--cluster foo: give 'local' or a Dask scheduler's address, such as tcp://HOST:8786"),
        ("http://127.0.0.1:8787/status", "a Dask scheduler's address is tcp://HOST:PORT, not http://"),
    ],
)
def test_an_address_that_is_no_scheduler_address_is_said_at_once(address, said, tmp_path):
    result = CliRunner().invoke(main, ["batch", str(PILOT), "--out", str(tmp_path), "--cluster", address])
    assert result.exit_code == EXIT_BATCH_NOT_RUN
    assert said in result.stderr and isinstance(result.exception, (type(None), SystemExit))


@pytest.fixture
def http_server():
    """Something on localhost that is not a Dask scheduler."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_an_http_server_gets_a_clear_error_within_the_timeout(http_server, capfd):
    began = time.monotonic()
    with pytest.raises(ExecutorError, match=f"cannot reach the Dask scheduler at {http_server}: "):
        DaskCluster(http_server, connect_timeout=1.0)
    gc.collect()  # a half-made Client complained from its __del__ here
    assert "Exception ignored" not in capfd.readouterr().err
    assert time.monotonic() - began < 1.0 + CONNECT_GRACE_SECONDS + 5  # imports on a busy machine


def test_the_command_says_it_in_one_line_with_exit_100(tmp_path):
    batch = ["batch", str(PILOT), "--out", str(tmp_path / "out"), "--cluster", "tcp://127.0.0.1:notaport"]
    finished = subprocess.run(
        [sys.executable, "-m", "workwindow", *batch],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert finished.returncode == EXIT_BATCH_NOT_RUN
    assert finished.stderr == (
        "Error: --cluster tcp://127.0.0.1:notaport: give 'local' or a Dask scheduler's address, such as tcp://HOST:8786\n"
    )
