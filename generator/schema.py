"""JSON Schemas for editors, generated from the same models that validate the content."""

from __future__ import annotations

import json
from pathlib import Path

from generator.alert import Alert
from generator.model import Case, Site, Theme

SCHEMAS = {"site": Site, "theme": Theme, "case": Case, "alert": Alert}


def schema_text(name: str) -> str:
    model = SCHEMAS[name]
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"casecast/{name}.schema.json",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        text = schema_text(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
