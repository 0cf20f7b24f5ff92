import orjson
import pytest

from streams.records.decode import ArticleRejected, Limits, decode_article
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
        (article(section="world", metadata=[1]), "invalid_article", "metadata"),
        (article(section="world", metadata={"extra": "x"}), "invalid_article", "metadata/extra"),
        (article(id="a\tb"), "invalid_article", "control character"),
        (article(title="x\u0000"), "invalid_article", "title: NUL"),
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


def test_unknown_top_level_fields_are_kept_under_metadata_extra():
    decoded = decode_article(article(author="Jane Roe", section="world", metadata={"desk": "Europe"}), LIMITS)
    assert decoded.metadata == {"desk": "Europe", "extra": {"author": "Jane Roe", "section": "world"}}
    assert sorted(decoded.extra_fields) == ["author", "section"]
    assert decode_article(article(), LIMITS).extra_fields == ()


def test_size_is_checked_before_anything_else():
    with pytest.raises(ArticleRejected) as caught:
        decode_article(b"\xff" * 2001, LIMITS)  # not UTF-8 either: the size is what is reported
    assert caught.value.reason == "too_large"


def test_a_long_body_ending_in_nul_is_refused_in_linear_time():
    """The old schema pattern backtracked quadratically here (32 KB took 2.4 s); the checks are linear now."""
    import time

    limits = Limits(max_message_bytes=4_000_000, max_body_chars=2_000_000, schemas_dir=Settings().schemas_dir)
    counts = {}
    for size in (100_000, 1_000_000):
        value = orjson.dumps({"id": "nul", "body": "word " * (size // 5) + "\u0000"})
        started = time.perf_counter()
        with pytest.raises(ArticleRejected) as caught:
            decode_article(value, limits)
        counts[size] = time.perf_counter() - started
        assert caught.value.reason == "invalid_article" and "NUL" in caught.value.error
    # Linear: ten times the text costs about ten times the time, far from a hundred (generous for noise).
    assert counts[1_000_000] < max(0.5, 40 * counts[100_000]), counts
