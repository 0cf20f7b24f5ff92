"""Each record model (streams/records/models.py) and its hand-written schema (schemas/) agree: the same field
names at every level the schema describes, the same required fields, compatible types and the same enum values.

The models hold the field lists the code uses; the schemas hold the documentation and the finer constraints.
When this fails, change both together: the message says where they differ.
"""
import copy
import dataclasses
import json
import types
import typing
from typing import Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from streams.common import schemas
from streams.records import decode, sources
from streams.records.models import (ARTICLE_FIELDS, OMIT_EMPTY, Alert, AlertArticle, AlertTimestamps, Article,
                                    DeadLetter, DeadLetterSource, EnrichedArticle, Processing, Relationship,
                                    required_fields, wire_fields)
from streams.settings import Settings

SCHEMAS_DIR = Settings().schemas_dir
MODELS = {"article": Article, "enriched": EnrichedArticle, "alert": Alert, "deadletter": DeadLetter}

_SCALARS = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
_JSON_OF_VALUE = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def _is_record(tp) -> bool:
    return dataclasses.is_dataclass(tp) or is_typeddict(tp)


def _model_types(tp) -> tuple[set[str], set | None]:
    """The JSON types an annotation allows, and its Literal values (None when it is not a Literal)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        found, literals = set(), None
        for arg in get_args(tp):
            arg_types, arg_literals = _model_types(arg)
            found |= arg_types
            if arg_literals is not None:
                literals = (literals or set()) | arg_literals
        return found, literals
    if origin is Literal:
        values = set(get_args(tp))
        return {_JSON_OF_VALUE[type(v)] for v in values}, values
    if tp in _SCALARS:
        return {_SCALARS[tp]}, None
    if tp is dict or origin is dict or _is_record(tp):
        return {"object"}, None
    if tp in (list, tuple) or origin in (list, tuple):
        return {"array"}, None
    raise AssertionError(f"no JSON type for the annotation {tp!r}: extend _model_types")


def _schema_types(node: dict) -> tuple[set[str], set | None]:
    enum = set(node["enum"]) if "enum" in node else None
    if "type" in node:
        declared = node["type"]
        return set(declared if isinstance(declared, list) else [declared]), enum
    if enum is not None:
        return {_JSON_OF_VALUE[type(v)] for v in enum}, enum
    raise AssertionError(f"schema node without type or enum: {node}")


def _resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        assert node["$ref"].startswith("#/"), node["$ref"]
        target = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _structured(tp):
    """The record or list type inside an optional annotation (X | None -> X)."""
    args = [a for a in get_args(tp) if a is not type(None)] if get_origin(tp) in (Union, types.UnionType) else [tp]
    return args[0] if len(args) == 1 else None


def _check_type(tp, node: dict, root: dict, where: str, problems: list[str], omit_empty: bool = False) -> None:
    node = _resolve(node, root)
    model, literals = _model_types(tp)
    schema, enum = _schema_types(node)
    if omit_empty:  # None is never sent for these: it means "left out"
        model = model - {"null"} | (schema & {"null"})
    if model != schema:
        problems.append(f"{where}: the model allows {sorted(model)}, the schema {sorted(schema)}")
    if (literals is not None or enum is not None) and (literals or set()) - {None} != (enum or set()) - {None}:
        problems.append(f"{where}: the model's values {sorted(literals or set(), key=str)} differ from the schema's "
                        f"enum {sorted(enum or set(), key=str)}")
    inner = _structured(tp)
    if "properties" in node:
        if inner is None or not _is_record(inner):
            problems.append(f"{where}: the schema lists properties but the model has {tp!r}: give it a record type")
        else:
            _check_record(inner, node, root, where, problems)
    if "items" in node and isinstance(node["items"], dict) and inner is not None and get_origin(inner) is list:
        [element] = get_args(inner)
        _check_type(element, node["items"], root, f"{where}[]", problems)


def _check_record(cls, node: dict, root: dict, where: str, problems: list[str]) -> None:
    hints = get_type_hints(cls)
    if dataclasses.is_dataclass(cls):
        names, required = wire_fields(cls), required_fields(cls)
        omitted = {f.name for f in dataclasses.fields(cls) if f.metadata.get(OMIT_EMPTY)}
    else:
        names, required, omitted = tuple(hints), frozenset(cls.__required_keys__), set()
    properties = node.get("properties", {})
    only_model, only_schema = set(names) - set(properties), set(properties) - set(names)
    if only_model or only_schema:
        problems.append(f"{where} ({cls.__name__}): fields only in the model {sorted(only_model)}, "
                        f"only in the schema {sorted(only_schema)}")
    schema_required = set(node.get("required", ()))
    if set(required) != schema_required:
        problems.append(f"{where} ({cls.__name__}): required (no default) in the model {sorted(required)}, "
                        f"required by the schema {sorted(schema_required)}")
    for name in names:
        if name in properties:
            _check_type(hints[name], properties[name], root, f"{where}.{name}", problems, omit_empty=name in omitted)


def disagreements(cls, schema: dict) -> list[str]:
    problems: list[str] = []
    _check_record(cls, schema, schema, "(document)", problems)
    return problems


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_each_model_agrees_with_its_schema(kind):
    schema = schemas.load(kind, SCHEMAS_DIR)
    model = MODELS[kind]
    problems = disagreements(model, schema)
    assert not problems, (
        f"{model.__name__} (streams/records/models.py) and schemas/{schemas.SCHEMA_FILES[kind]} disagree; change "
        "them together (the schema keeps the descriptions and the finer constraints):\n  " + "\n  ".join(problems))


def test_the_check_notices_a_renamed_field_a_new_requirement_a_type_and_an_enum_value():
    schema = copy.deepcopy(schemas.load("enriched", SCHEMAS_DIR))
    schema["properties"]["headline"] = schema["properties"].pop("title")
    schema["required"].append("countries")
    schema["properties"]["processing"]["properties"]["model"]["type"] = "integer"
    schema["properties"]["sanctions"]["items"]["properties"]["status"]["enum"].append("rumoured")
    problems = "\n".join(disagreements(EnrichedArticle, schema))
    assert "only in the model ['title'], only in the schema ['headline']" in problems
    assert "required by the schema" in problems and "countries" in problems
    assert "(document).processing.model: the model allows ['string'], the schema ['integer']" in problems
    assert "(document).sanctions[].status" in problems and "rumoured" in problems


def test_the_article_field_list_has_one_home():
    assert sources.ARTICLE_FIELDS is ARTICLE_FIELDS
    assert decode.KNOWN_FIELDS == frozenset(ARTICLE_FIELDS)
    assert "extra_fields" not in ARTICLE_FIELDS  # internal to the Python object
    # The enriched record passes every field of the article on.
    assert set(ARTICLE_FIELDS) <= set(wire_fields(EnrichedArticle))


def test_unknown_article_fields_are_kept_under_metadata_extra_by_the_file_reader_too():
    assert sources.normalise({"id": "x", "body": "B.", "desk": "Europe"}) == {"id": "x", "body": "B.",
                                                                             "metadata": {"desk": "Europe"}}


def _processing(**extra) -> Processing:
    return Processing(model="m", model_version="1", app_version="0", enriched_at="2026-11-29T10:00:00+00:00", **extra)


def test_an_enriched_record_leaves_out_what_is_empty_and_conforms():
    article = Article(id="a-1", body="Canada imposed sanctions on Russia.", title=None, language="en")
    record = EnrichedArticle.from_article(article, sentences=[[0, 35]], fingerprint="0" * 16, entities=[],
                                          places=[], countries=[], sanctions=[], processing=_processing()).to_dict()
    assert list(record) == ["id", "title", "url", "source", "published_at", "language", "body", "sentences",
                            "fingerprint", "entities", "places", "countries", "sanctions", "processing"]
    assert record["processing"] == {"model": "m", "model_version": "1", "app_version": "0",
                                    "enriched_at": "2026-11-29T10:00:00+00:00"}
    schemas.validate("enriched", record, SCHEMAS_DIR)
    with_metadata = EnrichedArticle.from_article(
        Article(id="a-2", body="B.", metadata={"extra": {"desk": "Europe"}}), sentences=[], fingerprint="0" * 16,
        entities=[], places=[], sanctions=[], processing=_processing(received_at=None)).to_dict()
    assert with_metadata["metadata"] == {"extra": {"desk": "Europe"}}
    schemas.validate("enriched", with_metadata, SCHEMAS_DIR)


def test_an_alert_and_a_dead_letter_conform():
    alert = Alert(alert_id="0" * 32, type="sanctions", rule="r", severity="high", story_id="a-1",
                  article=AlertArticle(id="a-1", title=None, url=None),
                  evidence=[{"sentence": "S.", "start": 0, "end": 2}], entities=[], places=[], countries=["RU"],
                  list_matches=[], timestamps=AlertTimestamps(enriched="2026-11-29T10:00:00+00:00",
                                                             alerted="2026-11-29T10:00:01+00:00"))
    assert "relationship" not in alert.to_dict()
    schemas.validate("alert", alert.to_dict(), SCHEMAS_DIR)
    alert.relationship = Relationship(sanctioner="CA", target="RU", status="imposed", previous_status=None)
    assert alert.to_dict()["relationship"]["previous_status"] is None
    schemas.validate("alert", alert.to_dict(), SCHEMAS_DIR)
    letter = DeadLetter(reason="not_json", error="not JSON", original_b64="e30=", original_size=2,
                        source=DeadLetterSource(topic="t", partition=0, offset=3), failed_at="2026-11-29T10:00:00+00:00",
                        app_version="0")
    schemas.validate("deadletter", letter.to_dict(), SCHEMAS_DIR)
    assert json.loads(json.dumps(letter.to_dict()))["source"] == {"topic": "t", "partition": 0, "offset": 3,
                                                                  "key_b64": None, "timestamp": None}


def test_records_cannot_be_built_with_a_misspelt_or_missing_field():
    with pytest.raises(TypeError):
        AlertArticle(id="a", title=None, link=None)
    with pytest.raises(TypeError):
        DeadLetterSource(topic="t", partition=0)


def test_the_typeddicts_type_what_other_modules_build():
    # A TypedDict's required keys come from NotRequired, which needs annotations evaluated at class creation.
    from streams.records.models import Entity, Place, Span
    assert Span.__required_keys__ == {"start", "end", "text"}
    assert Entity.__optional_keys__ == {"list_matches"} and Place.__optional_keys__ == {"admin1", "dateline"}
    assert typing.get_type_hints(Entity)["mentions"] == list[Span]
