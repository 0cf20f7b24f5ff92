"""What an article is once it has been accepted off the raw topic."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    id: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None
    metadata: dict = field(default_factory=dict)
    # Top-level fields the producer sent that the schema does not list; kept under metadata["extra"].
    extra_fields: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict, extra_fields: tuple[str, ...] = ()) -> "Article":
        return cls(
            id=data["id"],
            body=data["body"],
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            published_at=data.get("published_at"),
            language=data.get("language"),
            metadata=data.get("metadata") or {},
            extra_fields=extra_fields,
        )


@dataclass(frozen=True)
class SourcePosition:
    """Where a message was read: enough to find it again on the broker."""

    topic: str
    partition: int
    offset: int
    key: bytes | None = None
    timestamp_s: float | None = None
