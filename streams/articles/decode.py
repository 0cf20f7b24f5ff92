"""Turn the bytes of a raw-topic message into an Article, or say exactly why not.

Pure: no Kafka here. The worker, `newsstream enrich` and `newsstream publish`
all accept and refuse articles through this one function.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from streams import schemas
from streams.articles.models import Article


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

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(settings.max_message_bytes, settings.max_body_chars, settings.schemas_dir)


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


def article_from_dict(data: dict, limits: Limits) -> Article:
    raw_id = data.get("id")
    article_id = raw_id if isinstance(raw_id, str) else None
    try:
        schemas.validate("article", data, limits.schemas_dir)
    except schemas.SchemaViolation as exc:
        raise ArticleRejected("invalid_article", str(exc), article_id) from None
    if len(data["body"]) > limits.max_body_chars:
        raise ArticleRejected(
            "body_too_long",
            f"body has {len(data['body'])} characters, over NEWSSTREAM_MAX_BODY_CHARS={limits.max_body_chars}",
            article_id,
        )
    return Article.from_dict(data)
