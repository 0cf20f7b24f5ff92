"""The article decoder never fails in any way but ArticleRejected, whatever the bytes."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.records.decode import ArticleRejected, Limits, decode_article
from streams.settings import Settings

LIMITS = Limits(max_message_bytes=5000, max_body_chars=2000, schemas_dir=Settings().schemas_dir)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)
articles = st.fixed_dictionaries(
    {"id": st.text(max_size=40), "body": st.text(max_size=300)},
    optional={"title": st.none() | st.text(max_size=50), "published_at": st.text(max_size=30),
              "language": st.text(max_size=6), "extra": json_values},
)


def decode_or_reject(value):
    try:
        article = decode_article(value, LIMITS)
    except ArticleRejected as rejected:
        assert rejected.reason and rejected.error
        return None
    assert article.id.strip() and article.body.strip() and "\x00" not in article.body
    return article


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes(value):
    decode_or_reject(value)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_any_json(value):
    decode_or_reject(json.dumps(value).encode())  # stdlib: it writes integers orjson refuses


@settings(max_examples=400, deadline=None)
@given(articles)
def test_article_shaped_json(value):
    article = decode_or_reject(json.dumps(value).encode())
    if article is not None:
        assert article.id == value["id"] and article.body == value["body"]
