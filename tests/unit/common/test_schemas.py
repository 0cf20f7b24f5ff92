"""One validation engine (fastjsonschema, compiled once per schema): what it accepts, what it refuses and what it
says, and that it reads our 2020-12 schemas as the specification means them (jsonschema as the reference)."""
import copy
import json

import pytest

from streams.common import schemas
from streams.settings import Settings

SCHEMAS_DIR = Settings().schemas_dir


def enriched_record() -> dict:
    return {
        "id": "a-1", "title": None, "url": None, "source": None, "published_at": None, "language": "en",
        "body": "Canada imposed sanctions on Russia.", "sentences": [[0, 35]], "fingerprint": "0" * 16,
        "entities": [{"name": "Canada", "label": "GPE", "count": 1,
                      "mentions": [{"start": 0, "end": 6, "text": "Canada", "label": "ORG"}]}],
        "places": [], "sanctions": [],
        "processing": {"model": "m", "model_version": "1", "app_version": "0", "received_at": None,
                       "produced_at": None, "enriched_at": "2026-11-29T10:00:00+00:00",
                       "source_offset": {"topic": "t", "partition": 0, "offset": 1}},
    }


def _broken(path, value):
    def apply(document):
        target = document
        for part in path[:-1]:
            target = target[part]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return document
    return apply


# breakage -> what validate says (None: the schema accepts it)
BREAKAGES = {
    "sentence span of three numbers": (_broken(["sentences", 0], [0, 1, 2]),
                                       "sentences/0: [0, 1, 2] is too long (at most 2)"),
    "sentence span of one number": (_broken(["sentences", 0], [0]), "sentences/0: [0] is too short"),
    "sentence span of strings": (_broken(["sentences", 0], ["0", "35"]),
                                 "sentences/0/0: '0' is not of type 'integer' (it is string)"),
    "sentence offset true": (_broken(["sentences", 0], [True, 35]),
                             "sentences/0/0: True is not of type 'integer' (it is boolean)"),
    "missing body": (_broken(["body"], KeyError), "(document): 'body' is a required property"),
    "unknown top-level field": (_broken(["surprise"], 1),
                                "(document): Additional properties are not allowed ('surprise' was unexpected)"),
    "date-time without offset": (_broken(["processing", "enriched_at"], "2026-11-29T10:00:00"),
                                 "processing/enriched_at: '2026-11-29T10:00:00' is not a 'date-time': no UTC offset"),
    "date without time": (_broken(["processing", "enriched_at"], "2026-11-29"),
                          "processing/enriched_at: '2026-11-29' is not a 'date-time': no time part"),
    "not a date at all": (_broken(["processing", "received_at"], "last Tuesday"),
                          "processing/received_at: 'last Tuesday' is not a 'date-time': not an ISO 8601 date and time"),
    "fingerprint not hex": (_broken(["fingerprint"], "x" * 16),
                            "fingerprint: 'xxxxxxxxxxxxxxxx' does not match '^[0-9a-f]{16}$'"),
    "unknown entity label": (_broken(["entities", 0, "label"], "THING"),
                             "entities/0/label: 'THING' is not one of ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP']"),
    "mention through $ref with a negative start": (_broken(["entities", 0, "mentions", 0, "start"], -1),
                                                   "entities/0/mentions/0/start: -1 is less than the minimum of 0"),
    "mention through $ref with an unknown field": (
        _broken(["entities", 0, "mentions", 0, "score"], 1),
        "entities/0/mentions/0: Additional properties are not allowed ('score' was unexpected)"),
    "entity without mentions": (_broken(["entities", 0, "mentions"], []), "entities/0/mentions: [] should be non-empty"),
    "empty id": (_broken(["id"], ""), "id: '' should be non-empty"),
    # source_offset is a free-form object: what is inside is not checked.
    "negative offset": (_broken(["processing", "source_offset", "offset"], -1), None),
    "date-time with Z": (_broken(["processing", "enriched_at"], "2026-11-29T10:00:00Z"), None),
}


def test_a_valid_enriched_record_passes():
    schemas.validate("enriched", enriched_record(), SCHEMAS_DIR)


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_broken_record_is_refused_with_where_and_why(breakage):
    apply, says = BREAKAGES[breakage]
    document = apply(copy.deepcopy(enriched_record()))
    if says is None:
        schemas.validate("enriched", document, SCHEMAS_DIR)
        return
    with pytest.raises(schemas.SchemaViolation) as caught:
        schemas.validate("enriched", document, SCHEMAS_DIR)
    assert str(caught.value) == says


def test_an_article_says_which_field_is_missing_or_wrong():
    def says(document):
        with pytest.raises(schemas.SchemaViolation) as caught:
            schemas.validate("article", document, SCHEMAS_DIR)
        return str(caught.value)

    assert says({"id": "a-1"}) == "(document): 'body' is a required property"
    assert says({}) == "(document): 'id' and 'body' are required properties"
    assert says({"id": "a-1", "body": 42}) == "body: 42 is not of type 'string' (it is integer)"
    assert says({"id": "a-1", "body": "b", "title": 1}) == "title: 1 is not of type 'string', 'null' (it is integer)"
    assert says({"id": "a-1", "body": "b", "language": "EN"}).startswith("language: 'EN' does not match")
    assert says({"id": "a-1", "body": "b", "url": "u" * 5000}).startswith("url: 'uuuu")
    assert says({"id": "a-1", "body": "b", "url": "u" * 5000}).endswith("… is too long (at most 4000)")
    schemas.validate("article", {"id": "a-1", "body": "b", "published_at": "2024-03-14T10:00:00+01:00"}, SCHEMAS_DIR)


def test_a_long_message_is_cut():
    with pytest.raises(schemas.SchemaViolation) as caught:
        schemas.validate("enriched", {**enriched_record(), **{f"f{i:03}": 1 for i in range(200)}}, SCHEMAS_DIR)
    assert len(str(caught.value)) < 400 and str(caught.value).endswith("…")


def _keywords(node, found: set, in_properties: bool = False) -> set:
    if isinstance(node, dict):
        for key, value in node.items():
            if not in_properties:
                found.add(key)
            # The names under properties/$defs are field names, not keywords.
            _keywords(value, found, in_properties=key in ("properties", "$defs") and not in_properties)
    elif isinstance(node, list):
        for item in node:
            _keywords(item, found)
    return found


@pytest.mark.parametrize("kind", sorted(schemas.SCHEMA_FILES))
def test_every_schema_uses_only_keywords_the_engine_checks(kind):
    used = _keywords(schemas.load(kind, SCHEMAS_DIR), set())
    unknown = used - schemas.KEYWORDS
    assert not unknown, (f"schemas/{schemas.SCHEMA_FILES[kind]} uses {sorted(unknown)}, which fastjsonschema would "
                         "ignore (e.g. prefixItems): say it with the keywords in streams.common.schemas.KEYWORDS")


@pytest.mark.parametrize("kind", sorted(schemas.SCHEMA_FILES))
def test_every_schema_is_a_valid_2020_12_schema(kind):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schemas.load(kind, SCHEMAS_DIR))


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_engine_accepts_and_refuses_what_the_2020_12_reference_does(breakage):
    """jsonschema (the reference implementation, here only as an oracle) agrees on every case above."""
    jsonschema = pytest.importorskip("jsonschema")
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(schemas.FORMATS["date-time"])
    reference = jsonschema.Draft202012Validator(schemas.load("enriched", SCHEMAS_DIR), format_checker=checker)
    apply, says = BREAKAGES[breakage]
    document = apply(copy.deepcopy(enriched_record()))
    assert reference.is_valid(document) == (says is None)


def test_the_schemas_load_as_json():
    for kind in schemas.SCHEMA_FILES:
        assert json.loads((SCHEMAS_DIR / schemas.SCHEMA_FILES[kind]).read_text(encoding="utf-8"))["type"] == "object"
