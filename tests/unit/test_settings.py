import re

import pytest

from streams.settings import DEFAULT_BOOTSTRAP, MAX_BATCH_SIZE, Settings, SettingsError, Topics


def test_defaults_name_the_documented_topics():
    settings = Settings.from_env({})
    assert settings.topics.all() == [
        "news.articles.raw", "news.articles.enriched", "news.alerts.sanctions",
        "news.alerts.watchlist", "news.articles.deadletter",
    ]
    assert settings.bootstrap_servers == DEFAULT_BOOTSTRAP
    assert not settings.external_kafka


def test_environment_overrides_topics_and_marks_an_external_cluster():
    settings = Settings.from_env({
        "KAFKA_BOOTSTRAP_SERVERS": "kafka-1:9092, kafka-2:9092",
        "NEWSSTREAM_TOPIC_RAW": "desk.raw",
        "NEWSSTREAM_BATCH_SIZE": "64",
    })
    assert settings.topics.raw == "desk.raw"
    assert settings.topics.enriched == "news.articles.enriched"
    assert settings.batch_size == 64
    assert settings.external_kafka
    assert settings.broker_urls == ["kafka://kafka-1:9092", "kafka://kafka-2:9092"]


@pytest.mark.parametrize("value", ["many", "0", "-3", "100000"])
def test_a_bad_number_names_its_variable(value):
    with pytest.raises(SettingsError, match="NEWSSTREAM_BATCH_SIZE"):
        Settings.from_env({"NEWSSTREAM_BATCH_SIZE": value})


def test_environment_of_round_trips():
    from streams.settings import environment_of

    settings = Settings().with_(app_id="x", batch_size=3, topics=Topics(raw="r", deadletter="d"), batch_window_s=0.25,
                                home="/var/lib/newsstream", log_level="DEBUG")
    assert Settings.from_env(environment_of(settings)) == settings


def test_sasl_settings_read_the_password_from_a_file_and_keep_it_out_of_repr(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("s3cret-from-file\n")
    settings = Settings.from_env({"KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "KAFKA_SASL_USERNAME": "alice",
                                  "KAFKA_SASL_PASSWORD_FILE": str(secret)})
    assert settings.uses_sasl and settings.sasl_password.get_secret_value() == "s3cret-from-file"
    assert settings.security_protocol == "SASL_PLAINTEXT" and settings.sasl_mechanism == "SCRAM-SHA-512"
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings)
    assert "s3cret" not in settings.model_dump_json() and "s3cret" not in str(settings.model_dump())


@pytest.mark.parametrize("env, complaint", [
    ({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_USERNAME": "alice"}, "needs KAFKA_SASL_USERNAME and a password"),
    ({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_PASSWORD": "x"}, "needs KAFKA_SASL_USERNAME"),
    ({"KAFKA_SASL_PASSWORD": "x", "KAFKA_SASL_PASSWORD_FILE": "/tmp/x"}, "not both"),
    ({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_USERNAME": "alice",
      "KAFKA_SASL_PASSWORD_FILE": "/nonexistent/password"}, "cannot be read"),
    ({"KAFKA_SECURITY_PROTOCOL": "KERBEROS"}, "is not one of"),
    ({"KAFKA_SASL_MECHANISM": "GSSAPI"}, "is not one of"),
])
def test_bad_security_settings_are_named(env, complaint):
    with pytest.raises(SettingsError, match=complaint):
        Settings.from_env(env)


def test_a_password_file_is_not_read_without_sasl():
    # The k8s Deployment always names the file; on a plaintext cluster its Secret does not exist.
    settings = Settings.from_env({"KAFKA_SASL_PASSWORD_FILE": "/nonexistent/password"})
    assert settings.security_protocol == "PLAINTEXT" and settings.sasl_password.get_secret_value() == ""


def test_the_password_reaches_a_child_through_its_environment_only():
    from streams.settings import environment_of

    settings = Settings.from_env({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME": "alice",
                                  "KAFKA_SASL_PASSWORD": "pw-123456"})
    env = environment_of(settings)
    assert env["KAFKA_SASL_PASSWORD"] == "pw-123456" and env["KAFKA_SASL_PASSWORD_FILE"] == ""
    assert Settings.from_env(env) == settings


def test_sasl_plain_is_refused_without_tls():
    env = {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "PLAIN",
           "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "secret-password"}
    with pytest.raises(SettingsError, match="PLAIN sends the password in clear text"):
        Settings.from_env(env)
    assert Settings.from_env({**env, "KAFKA_SECURITY_PROTOCOL": "SASL_SSL"}).sasl_mechanism == "PLAIN"


def test_resilience_settings_have_safe_defaults_and_read_the_environment():
    defaults = Settings()
    assert defaults.deadletter_max_original_bytes == 65_536
    assert defaults.alert_state_ttl_s == 30 * 24 * 3600 and defaults.test_faults == ""
    assert defaults.shutdown_timeout_s < 10
    env = Settings.from_env({"NEWSSTREAM_ALERT_STATE_TTL_S": "60", "NEWSSTREAM_DEADLETTER_MAX_ORIGINAL_BYTES": "1024",
                             "NEWSSTREAM_SESSION_TIMEOUT_S": "10", "NEWSSTREAM_MAX_OUTPUT_BYTES": "500000"})
    assert (env.alert_state_ttl_s, env.deadletter_max_original_bytes, env.session_timeout_s, env.max_output_bytes) == (
        60.0, 1024, 10.0, 500_000)


def test_settings_ignore_the_process_environment_unless_read_from_it(monkeypatch):
    monkeypatch.setenv("NEWSSTREAM_BATCH_SIZE", "3")
    monkeypatch.setenv("NEWSSTREAM_TOPIC_RAW", "elsewhere")
    assert Settings() == Settings.from_env({})
    assert Settings.from_env().batch_size == 3 and Settings.from_env().topics.raw == "elsewhere"


def test_blank_variables_are_unset_and_values_are_stripped():
    settings = Settings.from_env({"NEWSSTREAM_APP_ID": "  desk  ", "NEWSSTREAM_BATCH_SIZE": " ", "NEWSSTREAM_TOPIC_RAW": ""})
    assert (settings.app_id, settings.batch_size, settings.topics.raw) == ("desk", 16, "news.articles.raw")


@pytest.mark.parametrize("env, complaint", [
    ({"NEWSSTREAM_BATCH_SIZE": "many"}, "NEWSSTREAM_BATCH_SIZE='many' is not an integer"),
    ({"NEWSSTREAM_BATCH_SIZE": "0"}, "NEWSSTREAM_BATCH_SIZE='0' must be greater than zero"),
    ({"NEWSSTREAM_BATCH_SIZE": str(MAX_BATCH_SIZE + 1)}, f"is over the maximum of {MAX_BATCH_SIZE}"),
    ({"NEWSSTREAM_BATCH_WINDOW_S": "soon"}, "NEWSSTREAM_BATCH_WINDOW_S='soon' is not a number"),
    ({"NEWSSTREAM_SESSION_TIMEOUT_S": "-1"}, "NEWSSTREAM_SESSION_TIMEOUT_S='-1' must be greater than zero"),
    ({"NEWSSTREAM_METRICS_PORT": "70000"}, "NEWSSTREAM_METRICS_PORT='70000' is over the maximum of 65535"),
    ({"NEWSSTREAM_LOG_LEVEL": "loud"}, "NEWSSTREAM_LOG_LEVEL='loud' is not one of debug, info, warn, error"),
    ({"KAFKA_SECURITY_PROTOCOL": "KERBEROS"}, "KAFKA_SECURITY_PROTOCOL='KERBEROS' is not one of PLAINTEXT, "),
])
def test_each_check_is_declared_and_its_message_names_the_variable(env, complaint):
    with pytest.raises(SettingsError, match=re.escape(complaint)):
        Settings.from_env(env)


def test_settings_are_frozen_and_with_validates_like_the_environment():
    settings = Settings()
    with pytest.raises(ValueError):
        settings.batch_size = 3
    assert settings.with_(batch_size=32).batch_size == 32 and settings.batch_size == 16
    assert settings.with_(topics=settings.topics.with_(raw="r")).topics.raw == "r"
    assert hash(settings.with_(app_id="x")) == hash(settings.with_(app_id="x"))
    with pytest.raises(SettingsError, match="NEWSSTREAM_BATCH_SIZE=0 must be greater than zero"):
        settings.with_(batch_size=0)
    with pytest.raises(SettingsError, match="needs KAFKA_SASL_USERNAME"):
        settings.with_(security_protocol="SASL_SSL")
    with pytest.raises(SettingsError, match="no_such_setting"):
        settings.with_(no_such_setting=1)


def test_every_setting_has_its_variable_and_description():
    from streams.settings import environment_variables

    for model in (Settings, Topics):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            assert field.validation_alias or name in ("external_kafka", "topics"), f"{name} has no variable"
    variables = environment_variables()
    assert len(variables) == len(set(variables))
    assert {"KAFKA_BOOTSTRAP_SERVERS", "NEWSSTREAM_TOPIC_DEADLETTER", "KAFKA_SASL_PASSWORD_FILE"} <= set(variables)


def test_the_readme_settings_table_is_the_generated_one():
    from streams.settings import README, TABLE_END, TABLE_START, settings_table_markdown

    text = README.read_text(encoding="utf-8")
    assert TABLE_START in text and TABLE_END in text, f"README.md lacks the {TABLE_START} ... {TABLE_END} markers"
    table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip("\n") + "\n"
    assert table == settings_table_markdown(), (
        "README.md's settings table differs from streams/settings.py: regenerate it with "
        "`.venv/bin/python -m streams.settings --readme`"
    )
