"""JSON Schemas of every message on every topic, loaded once from `schemas/`."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_FILES = {
    "article": "article.schema.json",
    "enriched": "enriched.schema.json",
    "alert": "alert.schema.json",
    "deadletter": "deadletter.schema.json",
}

_format_checker = FormatChecker()


@_format_checker.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    # RFC 3339 needs a date, a time and an offset; fromisoformat alone accepts a bare date.
    if not isinstance(value, str):
        return True
    if "T" not in value.upper() and " " not in value:
        raise ValueError(f"{value!r} has no time part")
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return True


class SchemaViolation(ValueError):
    """A message does not conform to its schema; the message says where and why."""


@lru_cache(maxsize=None)
def validator(kind: str, schemas_dir: Path) -> Draft202012Validator:
    path = Path(schemas_dir) / SCHEMA_FILES[kind]
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=_format_checker)


def describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(document)"
    message = error.message
    if len(message) > 300:
        message = message[:300] + "…"
    return f"{where}: {message}"


def validate(kind: str, document: object, schemas_dir: Path) -> None:
    """Raise SchemaViolation naming the first offending field, in a stable order."""
    errors = sorted(validator(kind, Path(schemas_dir)).iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        raise SchemaViolation(describe(errors[0]))
