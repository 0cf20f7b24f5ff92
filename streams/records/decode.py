"""Turn the bytes of a raw-topic message into an Article, or say exactly why not.

Pure: no Kafka here. The worker, `newsstream enrich` and `newsstream publish`
all accept and refuse articles through this one function.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from streams.common import schemas
from streams.records.models import ARTICLE_FIELDS, Article


class ArticleRejected(ValueError):
    """The message is not an acceptable article. `reason` is a short machine code."""

    def __init__(self, reason: str, error: str, article_id: str | None = None):
        super().__init__(f"{reason}: {error}")
        self.reason = reason
        self.error = error
        self.article_id = article_id


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int
    max_body_chars: int
    schemas_dir: Path
    deadletter_max_original_bytes: int = 65_536  # a dead letter keeps this much of the original
    max_output_bytes: int = 1_000_000  # larger outputs are dead-lettered as output_too_large

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(settings.max_message_bytes, settings.max_body_chars, settings.schemas_dir,
                   settings.deadletter_max_original_bytes, settings.max_output_bytes)


def decode_article(value: bytes | None, limits: Limits) -> Article:
    if value is None:
        raise ArticleRejected("tombstone", "message has no value (a tombstone); articles cannot be deleted this way")
    if len(value) == 0:
        raise ArticleRejected("empty", "message value is empty")
    if len(value) > limits.max_message_bytes:
        raise ArticleRejected(
            "too_large",
            f"message is {len(value)} bytes, over NEWSSTREAM_MAX_MESSAGE_BYTES={limits.max_message_bytes}",
        )
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleRejected("not_utf8", f"not UTF-8 at byte {exc.start}: {exc.reason}") from None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ArticleRejected("not_json", f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ArticleRejected("not_object", f"JSON {type(data).__name__} where an article object was expected")
    return article_from_dict(data, limits)


KNOWN_FIELDS = frozenset(ARTICLE_FIELDS)  # the model's; a unit test holds the article schema to the same list


def _first_control(text: str, allowed: str = "") -> int | None:
    """Index of the first C0 control character of `text` not in `allowed` (one linear pass, no regex)."""
    for index, char in enumerate(text):
        if char < " " and char not in allowed:
            return index
    return None


def _tolerate_unknown_fields(data: dict, article_id: str | None, known: frozenset[str]) -> tuple[dict, tuple[str, ...]]:
    """Fields the article does not have move under metadata.extra (producers add fields all the time)."""
    unknown = tuple(key for key in data if key not in known)
    if not unknown:
        return data, ()
    metadata = data.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise ArticleRejected("invalid_article", f"metadata: {type(metadata).__name__} where an object was expected",
                              article_id)
    extra = metadata.get("extra", {})
    if not isinstance(extra, dict):
        raise ArticleRejected("invalid_article", "metadata/extra: must be an object to take the unknown fields "
                              f"{', '.join(sorted(unknown))}", article_id)
    kept = {key: value for key, value in data.items() if key in known}
    kept["metadata"] = {**metadata, "extra": {**extra, **{key: data[key] for key in unknown}}}
    return kept, unknown


def article_from_dict(data: dict, limits: Limits) -> Article:
    """Check an article object: cheap linear checks first (lengths, NUL and control characters), then
    the schema, which has no patterns with super-linear cost on id, body or title."""
    raw_id = data.get("id")
    article_id = raw_id if isinstance(raw_id, str) else None
    body = data.get("body")
    if isinstance(body, str) and len(body) > limits.max_body_chars:
        raise ArticleRejected(
            "body_too_long",
            f"body has {len(body)} characters, over NEWSSTREAM_MAX_BODY_CHARS={limits.max_body_chars}",
            article_id,
        )
    if isinstance(raw_id, str):
        if len(raw_id) > 256:
            raise ArticleRejected("invalid_article", f"id: {len(raw_id)} characters, over the maximum of 256")
        at = _first_control(raw_id)
        if at is not None:
            raise ArticleRejected("invalid_article", f"id: control character U+{ord(raw_id[at]):04X} at index {at}")
        if raw_id and not raw_id.strip():
            raise ArticleRejected("invalid_article", "id: only whitespace")
    for name in ("body", "title"):
        value = data.get(name)
        if isinstance(value, str):
            at = value.find("\x00")
            if at >= 0:
                raise ArticleRejected("invalid_article", f"{name}: NUL character at index {at}", article_id)
    if isinstance(body, str) and body and not body.strip():
        raise ArticleRejected("invalid_article", "body: only whitespace", article_id)
    data, unknown = _tolerate_unknown_fields(data, article_id, KNOWN_FIELDS)
    try:
        schemas.validate("article", data, limits.schemas_dir)
    except schemas.SchemaViolation as exc:
        raise ArticleRejected("invalid_article", str(exc), article_id) from None
    return Article.from_dict(data, extra_fields=unknown)
