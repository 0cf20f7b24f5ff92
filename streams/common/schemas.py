"""JSON Schemas of every message on every topic, loaded once from `schemas/` and compiled with fastjsonschema.

One engine: fastjsonschema compiles each schema to Python once (an enriched record checks in about a tenth of
the time jsonschema takes, which matters on the per-article path). The schemas are written in JSON Schema
2020-12 using only keywords that fastjsonschema implements the same way in every draft (`KEYWORDS`; a unit test
fails on any other), so no draft conversion is needed. A failure names the field and says why, in jsonschema's
words ("'body' is a required property", "'2024-03-14' is not a 'date-time': no time part").
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Callable

import fastjsonschema
from fastjsonschema import JsonSchemaValueException

SCHEMA_FILES = {
    "article": "article.schema.json",
    "enriched": "enriched.schema.json",
    "alert": "alert.schema.json",
    "deadletter": "deadletter.schema.json",
}

# Keywords the schemas may use: validation keywords fastjsonschema checks as JSON Schema 2020-12 means them,
# and annotations. `prefixItems`, `unevaluatedProperties`, `dependentRequired`... would be silently ignored.
KEYWORDS = frozenset({
    "type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "multipleOf", "minItems", "maxItems", "uniqueItems", "items", "contains",
    "minProperties", "maxProperties", "required", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "$ref", "$defs",
    "$schema", "$id", "$comment", "title", "description", "examples", "default", "contentEncoding",
})


def datetime_problem(value: object) -> str | None:
    """Why `value` is not an RFC 3339 date-time (a date, a time and an offset), or None when it is one."""
    if not isinstance(value, str):
        return None
    if "T" not in value.upper() and " " not in value:
        return "no time part"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return "not an ISO 8601 date and time"
    if parsed.tzinfo is None:
        return "no UTC offset"
    return None


def _is_datetime(value: object) -> bool:
    return datetime_problem(value) is None


FORMATS: dict[str, Callable[[object], bool]] = {"date-time": _is_datetime}


class SchemaViolation(ValueError):
    """A message does not conform to its schema; the message says where and why."""


def load(kind: str, schemas_dir: Path) -> dict:
    return json.loads((Path(schemas_dir) / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def fast_check(kind: str, schemas_dir: Path) -> Callable[[object], object]:
    """The compiled validator of `kind`: returns the document, or raises JsonSchemaValueException."""
    return fastjsonschema.compile(load(kind, schemas_dir), formats=FORMATS)


def _shown(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", list: "array", dict: "object",
               type(None): "null"}


def _reason(error: JsonSchemaValueException) -> str:
    """What is wrong, in jsonschema's words."""
    rule, expected, value = error.rule, error.rule_definition, error.value
    definition = error.definition if isinstance(error.definition, dict) else {}
    if rule == "required" and isinstance(value, dict):
        missing = [name for name in expected if name not in value]
        return " and ".join(f"{name!r}" for name in missing) + (" is a required property" if len(missing) == 1
                                                                 else " are required properties")
    if rule == "additionalProperties" and isinstance(value, dict):
        unexpected = [name for name in value if name not in definition.get("properties", {})]
        were = "was" if len(unexpected) == 1 else "were"
        return f"Additional properties are not allowed ({', '.join(map(repr, unexpected))} {were} unexpected)"
    if rule == "type":
        wanted = ", ".join(repr(t) for t in (expected if isinstance(expected, list) else [expected]))
        return f"{_shown(value)} is not of type {wanted} (it is {_JSON_TYPES.get(type(value), type(value).__name__)})"
    if rule == "format":
        problem = datetime_problem(value) if expected == "date-time" else None
        return f"{_shown(value)} is not a {expected!r}" + (f": {problem}" if problem else "")
    if rule == "enum":
        return f"{_shown(value)} is not one of {_shown(expected, 200)}"
    if rule == "const":
        return f"{expected!r} was expected"
    if rule == "pattern":
        return f"{_shown(value)} does not match {expected!r}"
    if rule in ("minLength", "minItems"):
        return f"{_shown(value)} should be non-empty" if expected == 1 else f"{_shown(value)} is too short"
    if rule in ("maxLength", "maxItems"):
        return f"{_shown(value)} is too long (at most {expected})"
    if rule == "minimum":
        return f"{_shown(value)} is less than the minimum of {expected}"
    if rule == "maximum":
        return f"{_shown(value)} is greater than the maximum of {expected}"
    # Anything else: fastjsonschema's own words, without its "data..." prefix (the path says where).
    message = error.message
    name = error.name or ""
    return message[len(name):].strip() if name and message.startswith(name) else message


def describe(error: JsonSchemaValueException) -> str:
    """`where: what`, e.g. `processing/enriched_at: '2026-11-29' is not a 'date-time': no time part`."""
    where = "/".join(error.path[1:]) or "(document)"  # path[0] is fastjsonschema's name for the document
    message = _reason(error)
    if len(message) > 300:
        message = message[:300] + "…"
    return f"{where}: {message}"


_checks: dict[tuple[str, object], Callable[[object], object]] = {}  # by the caller's own key: no Path() per call


def validate(kind: str, document: object, schemas_dir: Path) -> None:
    """Raise SchemaViolation naming the first offending field (in the schema's order)."""
    check = _checks.get((kind, schemas_dir))
    if check is None:
        check = _checks[(kind, schemas_dir)] = fast_check(kind, Path(schemas_dir))
    try:
        check(document)
    except JsonSchemaValueException as exc:
        raise SchemaViolation(describe(exc)) from None
