"""The files a batch writes: one result or one error record per scenario, never half of one.

Every file is written to a hidden temporary name in the same folder and then
renamed over the target (workwindow.files): a reader, or a re-run after a
crash, sees the old file or the new one, never a partial one.
A scenario has a result `<name>.json` or an error record `<name>.error.json`;
writing one removes the other first, so a crash in between leaves neither,
and the re-run simply solves that scenario again.
"""

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from workwindow.batch.inputs import ERROR_SUFFIX, RESULT_SUFFIX, BatchError
from workwindow.files import remove_if_present, write_text_atomically
from workwindow.models.schedule import InputStamp, Schedule

ErrorKind = Literal["input", "failure"]
"""`input`: the file itself is bad, and stays bad while its hash is unchanged.
`failure`: it could not be read or solved this time (a lost worker, a crash); a re-run tries again."""


class ErrorRecord(BaseModel):
    """`<name>.error.json`: why a scenario has no schedule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    status: Literal["error"] = "error"
    error: ErrorKind
    message: str
    input: InputStamp


Record = Schedule | ErrorRecord


def is_current(record: Record | None, sha256: str, settings: dict[str, float | int | bool]) -> bool:
    """A record a re-run keeps: same input bytes, same settings, and not a passing failure."""
    if record is None or record.input is None:
        return False
    if isinstance(record, ErrorRecord) and record.error == "failure":
        return False
    return record.input.sha256 == sha256 and record.input.settings == settings


def read_record(out: Path, name: str) -> Record | None:
    """The result or error record for `name`, if there is a readable one."""
    for path, model in ((out / (name + RESULT_SUFFIX), Schedule), (out / (name + ERROR_SUFFIX), ErrorRecord)):
        try:
            return model.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            continue
    return None


def write_result(out: Path, name: str, schedule: Schedule) -> None:
    with writing(out):
        remove_if_present(out / (name + ERROR_SUFFIX))
        write_text_atomically(out / (name + RESULT_SUFFIX), schedule.to_json())


def write_error(out: Path, name: str, record: ErrorRecord) -> None:
    text = json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    with writing(out):
        remove_if_present(out / (name + RESULT_SUFFIX))
        write_text_atomically(out / (name + ERROR_SUFFIX), text)


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """A full disk or lost permission stops the batch with a message, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise BatchError(f"--out {out}: cannot write there ({exc.strerror or exc})") from None
