"""The compiled (fast) validators accept and reject exactly what the reference jsonschema validator does."""
import copy

import pytest

from streams.common import schemas
from streams.settings import Settings

SCHEMAS_DIR = Settings().schemas_dir


def enriched_record() -> dict:
    return {
        "id": "a-1", "title": None, "url": None, "source": None, "published_at": None, "language": "en",
        "body": "Canada imposed sanctions on Russia.", "sentences": [[0, 35]], "fingerprint": "0" * 16,
        "entities": [], "places": [], "sanctions": [],
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


BREAKAGES = {
    "sentence span of three numbers": _broken(["sentences", 0], [0, 1, 2]),
    "sentence span of strings": _broken(["sentences", 0], ["0", "35"]),
    "missing body": _broken(["body"], KeyError),
    "unknown top-level field": _broken(["surprise"], 1),
    "date-time without offset": _broken(["processing", "enriched_at"], "2026-11-29T10:00:00"),
    "date without time": _broken(["processing", "enriched_at"], "2026-11-29"),
    "negative offset": _broken(["processing", "source_offset", "offset"], -1),
}


def _reference_accepts(kind, document) -> bool:
    return schemas.validator(kind, SCHEMAS_DIR).is_valid(document)


def _fast_accepts(kind, document) -> bool:
    try:
        schemas.fast_check(kind, SCHEMAS_DIR)(document)
        return True
    except schemas.fastjsonschema.JsonSchemaException:
        return False


def test_a_valid_enriched_record_passes_both():
    record = enriched_record()
    assert _reference_accepts("enriched", record)
    assert _fast_accepts("enriched", record)
    schemas.validate("enriched", record, SCHEMAS_DIR)


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_both_validators_reject_the_same_broken_records(breakage):
    document = BREAKAGES[breakage](copy.deepcopy(enriched_record()))
    reference = _reference_accepts("enriched", document)
    assert _fast_accepts("enriched", document) == reference
    if not reference:
        with pytest.raises(schemas.SchemaViolation):
            schemas.validate("enriched", document, SCHEMAS_DIR)
