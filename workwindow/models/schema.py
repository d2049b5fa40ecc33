"""The JSON Schema of scenario files, so editors can check and complete them."""

import json

from workwindow.models.scenario import Scenario


def scenario_json_schema() -> str:
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "workwindow scenario"
    return json.dumps(schema, indent=2) + "\n"
