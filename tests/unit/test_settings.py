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
