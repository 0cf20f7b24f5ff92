"""`newsstream tail TOPIC`: print the messages of a topic as JSON lines, or one readable line per alert."""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from enum import Enum
from typing import Optional

import orjson
import typer

from streams.alerts.rules import SEVERITIES
from streams.cli.console import TOPIC_ROLES, err, fail, resolve_topic, settings_of


class AlertType(str, Enum):
    sanctions = "sanctions"
    watchlist = "watchlist"


Severity = Enum("Severity", {name: name for name in SEVERITIES}, type=str)


class Format(str, Enum):
    json = "json"
    line = "line"


@dataclass(frozen=True)
class AlertFilter:
    """The --type/--severity/--country filters; None means not filtered on that."""

    type: str | None = None
    severity: str | None = None
    country: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.type or self.severity or self.country)


def wanted(document, filters: AlertFilter) -> bool:
    """Whether the filters let a message through; a message that is not an alert passes only when none is set."""
    if not filters.active:
        return True
    if not isinstance(document, dict) or "alert_id" not in document:
        return False
    if filters.type and document["type"] != filters.type:
        return False
    if filters.severity and SEVERITIES.index(document["severity"]) < SEVERITIES.index(filters.severity):
        return False
    if filters.country and filters.country.upper() not in document.get("countries", []):
        return False
    return True


def one_line(document) -> str:
    """A readable line per alert (other messages fall back to compact JSON)."""
    if not isinstance(document, dict) or "alert_id" not in document:
        return orjson.dumps(document).decode()
    relation = document.get("relationship")
    change = (f" {relation['sanctioner']}->{relation['target']} {relation['previous_status'] or 'new'}->{relation['status']}"
              if relation else "")
    evidence = " ".join(document["evidence"][0]["sentence"].split())[:120] if document["evidence"] else ""
    title = document["article"].get("title") or document["article"]["id"]
    return (f"{document['timestamps']['alerted'][:19]} {document['severity'].upper():8} {document['type']}/{document['rule']}"
            f"{change} [{','.join(document.get('countries', []))}] {title!r}: {evidence}")


def tail(
    ctx: typer.Context,
    topic: str = typer.Argument(
        ..., metavar="TOPIC", help="A topic name or a role: raw, enriched, sanctions, watchlist, deadletter.",
        autocompletion=lambda: list(TOPIC_ROLES), show_default=False,
    ),
    max_messages: Optional[int] = typer.Option(None, "--max", min=1, metavar="N", help="Stop after N messages."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0, metavar="S", help="Stop after S seconds."),
    from_beginning: bool = typer.Option(False, "--from-beginning", help="Start at the oldest message."),
    alert_type: Optional[AlertType] = typer.Option(None, "--type", help="Only alerts of this type."),
    severity: Optional[Severity] = typer.Option(None, "--severity", help="Only alerts at least this severe."),
    country: Optional[str] = typer.Option(
        None, "--country", metavar="CC", help="Only alerts involving this ISO alpha-2 country."),
    output: Format = typer.Option(
        Format.json, "--format", help="JSON lines, or one readable line per alert."),
) -> int:
    """Print messages of a topic as JSON lines (alert filters and a one-line view on request)."""
    from kafka.errors import KafkaError

    from streams.ops.topic_reader import TopicReader

    settings = settings_of(ctx)
    name = resolve_topic(topic, settings)
    filters = AlertFilter(alert_type.value if alert_type else None, severity.value if severity else None, country)
    try:
        reader = TopicReader(settings, name, from_beginning)
    except KafkaError as exc:
        fail(f"cannot reach Kafka at {settings.bootstrap_servers}: {exc}")
    seen = 0
    deadline = time.monotonic() + timeout if timeout else None
    out = sys.stdout.buffer
    try:
        for document in reader.documents(deadline):
            if not wanted(document, filters):
                continue
            out.write((one_line(document).encode() if output is Format.line else orjson.dumps(document)) + b"\n")
            out.flush()
            seen += 1
            if max_messages is not None and seen >= max_messages:
                break
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        reader.close()
    if max_messages is not None and seen < max_messages:
        err.print(f"{seen} of {max_messages} messages from {name} before the {timeout}s timeout")
        return 1
    return 0
