import pytest

from streams.settings import DEFAULT_BOOTSTRAP, Settings, SettingsError


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
    from dataclasses import replace

    from streams.settings import Topics, environment_of

    settings = replace(Settings(), app_id="x", batch_size=3, topics=Topics(raw="r", deadletter="d"))
    assert Settings.from_env(environment_of(settings)) == settings


def test_sasl_settings_read_the_password_from_a_file_and_keep_it_out_of_repr(tmp_path):
    secret = tmp_path / "password"
    secret.write_text("s3cret-from-file\n")
    settings = Settings.from_env({"KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "KAFKA_SASL_USERNAME": "alice",
                                  "KAFKA_SASL_PASSWORD_FILE": str(secret)})
    assert settings.uses_sasl and settings.sasl_password == "s3cret-from-file"
    assert settings.security_protocol == "SASL_PLAINTEXT" and settings.sasl_mechanism == "SCRAM-SHA-512"
    assert "s3cret" not in repr(settings)


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
    assert settings.security_protocol == "PLAINTEXT" and settings.sasl_password == ""


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
