"""The scenario schema as shipped, so that `workwindow schema` prints it without building the models.

Building pydantic's scenario models takes several times as long as starting
Python. The copy beside this module is stamped with a fingerprint of what it
was built from (the models' source and pydantic's version); when they differ,
as after editing a model, the schema is built afresh, so what is printed is
never stale. `python -m workwindow.schema_copy > scenario.schema.json` renews
the shipped copy and the repository's.
"""

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent
SHIPPED = PACKAGE / "scenario.schema.json"
STAMP = PACKAGE / "scenario.schema.sha256"


def scenario_schema_text() -> str:
    if SHIPPED.is_file() and STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == fingerprint():
        return SHIPPED.read_text(encoding="utf-8")
    from workwindow.models import scenario_json_schema

    return scenario_json_schema()


def fingerprint() -> str:
    """What the schema is built from: every models source file and pydantic's version."""
    from pydantic.version import VERSION

    digest = hashlib.sha256(VERSION.encode())
    for source in sorted((PACKAGE / "models").glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def renew_shipped_copy() -> str:
    from workwindow.models import scenario_json_schema

    text = scenario_json_schema()
    SHIPPED.write_text(text, encoding="utf-8")
    STAMP.write_text(fingerprint() + "\n", encoding="utf-8")
    return text


if __name__ == "__main__":
    print(renew_shipped_copy())  # as `workwindow schema` prints it
