"""JSON Schemas generated from the models (the models are the single source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from zhengai.models import KIND_MODELS, KIND_NAMES

SCHEMA_BASE = "https://zhengai.invalid/schemas"


def schema_for(kind: str) -> dict:
    """The JSON Schema of one file kind, with a Chinese title."""
    schema = KIND_MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_BASE}/{kind}.schema.json"
    schema["title"] = f"zhengai {KIND_NAMES[kind]}（kind: {kind}）"
    return schema


def render_all() -> dict[str, str]:
    """File name → JSON text for every kind, deterministic."""
    return {
        f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for kind in KIND_MODELS
    }


def write_all(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    from zhengai.fsutil import atomic_write_text

    written = []
    for name, text in render_all().items():
        path = folder / name
        atomic_write_text(path, text)
        written.append(path)
    return written
