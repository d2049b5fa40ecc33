"""What `check` spends its start-up on: nothing it does not need (issue 19: ≤ 2 × importing click, yaml, pydantic)."""

import subprocess
import sys

from tests.conftest import PILOT, ROOT

AFTER_CHECK = """
import sys, tokenize
from workwindow.__main__ import run
sys.argv = ["workwindow", "check", {pilot!r}]
try:
    run()
except SystemExit:
    pass
print(tokenize._compile.cache_info().currsize)
"""


def test_no_signature_of_a_builtin_is_parsed_on_the_way():
    """pydantic reads default factories' signatures; a builtin's costs compiling tokenize's pattern (2 ms)."""
    probe = AFTER_CHECK.format(pilot=str(PILOT))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == "0"
