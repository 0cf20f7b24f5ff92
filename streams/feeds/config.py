"""The feeds file of `newsstream feeds run --config FILE`: validated once at start, with the line of any mistake.

A poller never starts half-configured: `load_feeds` returns every feed or raises FeedsConfigError.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


from streams.common.yaml_config import line_of, read_checked

USER_AGENT = "Newsstream/0.1 (feed poller; +https://github.com/newsstream)"
DEFAULTS = {
    "interval": 300.0,
    "jitter": 0.1,
    "fetch_full_text": False,
    "timeout_connect": 10.0,
    "timeout_read": 30.0,
    "host_delay": 2.0,
    "max_redirects": 5,
    "max_bytes": 5_000_000,
    "user_agent": USER_AGENT,
    "language": None,
    "source": None,
}


class FeedsConfigError(ValueError):
    """The feeds file is wrong; the message names the file, the line and the reason."""


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    interval: float = DEFAULTS["interval"]
    jitter: float = DEFAULTS["jitter"]
    fetch_full_text: bool = False
    timeout_connect: float = DEFAULTS["timeout_connect"]
    timeout_read: float = DEFAULTS["timeout_read"]
    host_delay: float = DEFAULTS["host_delay"]
    max_redirects: int = DEFAULTS["max_redirects"]
    max_bytes: int = DEFAULTS["max_bytes"]
    user_agent: str = USER_AGENT
    language: str | None = None
    source: str | None = None  # the articles' `source`; default: the feed's own title, else its host

    @property
    def host(self) -> str:
        return host_of(self.url)


@dataclass(frozen=True)
class FeedsConfig:
    feeds: tuple[Feed, ...]
    source: str

    def host_delays(self) -> dict[str, float]:
        """Per host, the largest minimum delay any of its feeds asks for."""
        delays: dict[str, float] = {}
        for feed in self.feeds:
            delays[feed.host] = max(delays.get(feed.host, 0.0), feed.host_delay)
        return delays


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


def _schema() -> dict:
    return json.loads((Path(__file__).resolve().parents[2] / "schemas" / "feeds.schema.json").read_text())


def _explain(error) -> str:
    if error.validator == "unevaluatedProperties":
        return error.message.replace("Unevaluated properties are not allowed", "unknown key(s)")
    return error.message


def parse_feeds(text: str, source: str) -> FeedsConfig:
    data, node = read_checked(text, source, _schema(), FeedsConfigError,
                              "list at least one feed under 'feeds:' (see deploy/feeds.example.yml)", _explain)
    defaults = {**DEFAULTS, **(data.get("defaults") or {})}
    feeds, names = [], set()
    for index, row in enumerate(data["feeds"]):
        if row["name"] in names:
            raise FeedsConfigError(f"{source}: line {line_of(node, ['feeds', index, 'name'])}: "
                                   f"feed name {row['name']!r} is used twice; names label the metrics")
        names.add(row["name"])
        values = {**defaults, **row}
        feeds.append(Feed(**{key: values[key] for key in Feed.__dataclass_fields__ if key in values}))
    return FeedsConfig(tuple(feeds), source)


def load_feeds(path: str | Path) -> FeedsConfig:
    path = Path(path)
    if not path.is_file():
        raise FeedsConfigError(f"{path}: no such feeds file; start from deploy/feeds.example.yml")
    return parse_feeds(path.read_text(encoding="utf-8"), str(path))
