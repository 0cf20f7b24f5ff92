import orjson
import pytest

from streams.articles.decode import ArticleRejected, Limits, decode_article
from streams.settings import Settings

LIMITS = Limits(max_message_bytes=2000, max_body_chars=500, schemas_dir=Settings().schemas_dir)


def article(**fields) -> bytes:
    return orjson.dumps({"id": "a-1", "body": "Text of the article.", **fields})


def test_a_valid_article_decodes_with_its_optional_fields():
    decoded = decode_article(article(title="T", url="https://example.org/a", published_at="2024-03-14T10:00:00Z",
                                     language="en"), LIMITS)
    assert (decoded.id, decoded.title, decoded.language) == ("a-1", "T", "en")


@pytest.mark.parametrize(
    "value, reason, says",
    [
        (None, "tombstone", "tombstone"),
        (b"", "empty", "empty"),
        (b"x" * 2001, "too_large", "NEWSSTREAM_MAX_MESSAGE_BYTES"),
        (b'{"id": "a", "body": "caf\xe9"}', "not_utf8", "UTF-8"),
        (b"{not json", "not_json", "JSON"),
        (b'["a list"]', "not_object", "list"),
        (orjson.dumps({"id": "a-1"}), "invalid_article", "'body' is a required property"),
        (orjson.dumps({"body": "text"}), "invalid_article", "'id' is a required property"),
        (article(id=""), "invalid_article", "id"),
        (article(body="   "), "invalid_article", "body"),
        (article(body=42), "invalid_article", "body"),
        (article(published_at="yesterday"), "invalid_article", "published_at"),
        (article(published_at="2024-03-14"), "invalid_article", "published_at"),
        (article(section="world"), "invalid_article", "section"),
        (article(body="before\u0000after"), "invalid_article", "body"),
        (article(body="y" * 501), "body_too_long", "NEWSSTREAM_MAX_BODY_CHARS"),
    ],
)
def test_every_bad_message_is_refused_with_a_reason(value, reason, says):
    with pytest.raises(ArticleRejected) as caught:
        decode_article(value, LIMITS)
    assert caught.value.reason == reason
    assert says in caught.value.error


def test_a_refused_article_keeps_its_id_for_the_dead_letter():
    with pytest.raises(ArticleRejected) as caught:
        decode_article(article(body=""), LIMITS)
    assert caught.value.article_id == "a-1"


@pytest.mark.parametrize("body", ["مرحبا بالعالم، هذا خبر", "Sanctions 🚫 on exports 📦", "Zürich – Genève"])
def test_right_to_left_and_emoji_text_is_accepted(body):
    assert decode_article(article(body=body), LIMITS).body == body
