"""The records on the topics, typed: Article (raw in), EnrichedArticle, Alert and DeadLetter (out).

Each record's field list lives here and only here. `schemas/*.schema.json` keep the documentation and the
finer constraints (patterns, lengths, formats) and are what every message is validated against;
tests/unit/records/test_records_match_schemas.py fails when a model and its schema disagree on a field name, on which
fields are required, or on a type, at any level.

The four records are dataclasses built by the code that makes them; `to_dict()` gives the JSON-ready dict
that is validated and published (a shallow copy, cheap enough for every article). The parts of an enriched
record that other modules build as plain dicts (entities, mentions, places, sanctions events, list matches)
and the evidence of an alert are TypedDicts: they type those dicts at no cost at run time.

A field is required by the schema exactly when it has no default here. A field made with `omitted_when_empty`
is left out of `to_dict()` while it is empty (None, {}, []).

(No `from __future__ import annotations` here: TypedDict must see NotRequired itself.)
"""
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from typing import Any, Literal, NotRequired, TypedDict

OMIT_EMPTY = "omit_empty"
INTERNAL = "internal"  # a field of the Python object that never goes on the wire


def omitted_when_empty(**kwargs):
    """A field left out of `to_dict()` while it is None or empty."""
    return field(metadata={OMIT_EMPTY: True}, **kwargs)


@cache
def wire_fields(cls: Any) -> tuple[str, ...]:
    """The names of the fields of record class `cls` that go on the wire, in order."""
    return tuple(f.name for f in fields(cls) if not f.metadata.get(INTERNAL))


@cache
def required_fields(cls: Any) -> frozenset[str]:
    """The wire fields without a default: exactly the schema's `required`."""
    return frozenset(f.name for f in fields(cls) if not f.metadata.get(INTERNAL)
                     and f.default is MISSING and f.default_factory is MISSING)


@cache
def _layout(cls: Any) -> tuple[tuple[str, bool], ...]:
    """(wire field, omitted when empty) pairs of record class `cls`, in order."""
    return tuple((f.name, bool(f.metadata.get(OMIT_EMPTY))) for f in fields(cls) if not f.metadata.get(INTERNAL))


class Record:
    """Base of the dataclass records: `to_dict()` gives the message as published."""

    __slots__ = ()

    def to_dict(self) -> dict:
        out = {}
        for name, omit_empty in _layout(type(self)):
            value = getattr(self, name)
            if omit_empty and not value:
                continue
            out[name] = value.to_dict() if isinstance(value, Record) else value
        return out


# --- news.articles.raw ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Article(Record):
    """What an article is once it has been accepted off the raw topic (schemas/article.schema.json)."""

    id: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None
    metadata: dict = field(default_factory=dict)
    # Top-level fields the producer sent that the model does not list; kept under metadata["extra"].
    extra_fields: tuple[str, ...] = field(default=(), metadata={INTERNAL: True})

    @classmethod
    def from_dict(cls, data: dict, extra_fields: tuple[str, ...] = ()) -> "Article":
        """From a dict already checked against the article schema (unknown fields moved under metadata)."""
        values: dict[str, Any] = {name: data.get(name) for name in ARTICLE_FIELDS}
        values["metadata"] = values["metadata"] or {}
        return cls(**values, extra_fields=extra_fields)


ARTICLE_FIELDS: tuple[str, ...] = wire_fields(Article)  # the top-level fields an article may have


# --- news.articles.enriched -----------------------------------------------------------------------------------

SanctionsStatus = Literal["threatened", "planned", "imposed", "expanded", "lifted", "discussed"]


class Span(TypedDict):
    """A mention: character offsets into the body."""

    start: int
    end: int
    text: str
    label: NotRequired[str]
    found_by: NotRequired[Literal["gazetteer", "dateline", "office_holders"]]


class ListMatch(TypedDict):
    """An entity matched against a loaded sanctions list."""

    list: str
    list_date: str | None
    entry_id: str
    name: str
    kind: str
    programs: list[str]
    score: float
    matched_name: str
    matched_alias: bool
    method: Literal["name-parts/person", "name-parts/organization", "exact-name"]
    features: dict[str, float]
    aligned: list[str]
    tie: bool


class Entity(TypedDict):
    name: str
    label: Literal["PERSON", "ORG", "GPE", "LOC", "NORP"]
    count: int
    mentions: list[Span]
    list_matches: NotRequired[list[ListMatch]]


class Place(TypedDict):
    name: str
    feature: Literal["country", "region", "city", "sea", "continent", "other"]
    country_code: str | None
    country_code3: str | None
    geonameid: int | None
    admin1: NotRequired[str | None]
    latitude: float | None
    longitude: float | None
    mentions: list[Span]
    dateline: NotRequired[bool]


class SanctionsEvent(TypedDict):
    sentence: str
    start: int
    end: int
    triggers: list[str]
    status: SanctionsStatus
    sanctioners: list[str]
    sanctioner_entities: list[str]
    targets: list[str]
    target_entities: list[str]
    confidence: float


@dataclass(slots=True, kw_only=True)
class Processing(Record):
    model: str
    model_version: str
    app_version: str
    enriched_at: str
    # Set by the worker (streams.runtime.process), not by `newsstream enrich`.
    received_at: str | None = omitted_when_empty(default=None)
    produced_at: str | None = omitted_when_empty(default=None)
    source_offset: dict | None = omitted_when_empty(default=None)


@dataclass(slots=True, kw_only=True)
class EnrichedArticle(Record):
    """schemas/enriched.schema.json. Holds every field of the article (see `from_article`)."""

    id: str
    title: str | None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None
    body: str
    metadata: dict = omitted_when_empty(default_factory=dict)  # the article's, passed through
    sentences: list[list[int]]  # [start, end] offset pairs
    fingerprint: str
    entities: list[Entity]
    places: list[Place]
    countries: list[str] = field(default_factory=list)
    sanctions: list[SanctionsEvent]
    processing: Processing

    @classmethod
    def from_article(cls, article: Article, **enrichment) -> "EnrichedArticle":
        return cls(**{name: getattr(article, name) for name in ARTICLE_FIELDS}, **enrichment)


# --- news.alerts.sanctions, news.alerts.watchlist -------------------------------------------------------------

class Evidence(TypedDict):
    sentence: str
    start: int
    end: int
    status: NotRequired[str]
    triggers: NotRequired[list[str]]


@dataclass(slots=True, kw_only=True)
class AlertArticle(Record):
    id: str
    title: str | None
    url: str | None


@dataclass(slots=True, kw_only=True)
class Relationship(Record):
    sanctioner: str
    target: str
    status: SanctionsStatus
    previous_status: SanctionsStatus | None


@dataclass(slots=True, kw_only=True)
class AlertTimestamps(Record):
    published: str | None = None
    enriched: str
    alerted: str


@dataclass(slots=True, kw_only=True)
class Alert(Record):
    """schemas/alert.schema.json."""

    alert_id: str
    type: Literal["sanctions", "watchlist"]
    rule: str
    severity: Literal["low", "medium", "high", "critical"]
    story_id: str
    article: AlertArticle
    evidence: list[Evidence]
    entities: list[str]
    places: list[str]
    countries: list[str]
    list_matches: list[ListMatch]
    timestamps: AlertTimestamps
    relationship: Relationship | None = omitted_when_empty(default=None)


# --- news.articles.deadletter ---------------------------------------------------------------------------------

DeadLetterReason = Literal["empty", "tombstone", "too_large", "not_utf8", "not_json", "not_object",
                           "invalid_article", "body_too_long", "enrichment_failed", "output_too_large"]


@dataclass(slots=True, kw_only=True)
class DeadLetterSource(Record):
    topic: str
    partition: int
    offset: int
    key_b64: str | None = None
    timestamp: str | None = None


@dataclass(slots=True, kw_only=True)
class DeadLetter(Record):
    """schemas/deadletter.schema.json."""

    reason: DeadLetterReason
    error: str
    original_b64: str | None
    original_size: int
    original_truncated: bool = False
    original_sha256: str | None = None
    article_id: str | None = None
    source: DeadLetterSource
    failed_at: str
    app_version: str


# --- not a message --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourcePosition:
    """Where a message was read: enough to find it again on the broker."""

    topic: str
    partition: int
    offset: int
    key: bytes | None = None
    timestamp_s: float | None = None
