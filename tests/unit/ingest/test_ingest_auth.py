"""Tokens, the rate limit and body checks of `newsstream ingest serve`: pure, no network."""
from __future__ import annotations

import pytest

from streams.records.decode import Limits
from streams.ingest.auth import RateLimiter, TokensError, bearer_name, parse_tokens
from streams.ingest.server import body_kind, check_articles
from streams.settings import Settings

T1, T2 = "a" * 32, "b" * 24


def test_tokens_file():
    tokens = parse_tokens(f"# comment\n\ncrm {T1}\n{T2}\n", "tokens")
    assert tokens == {T1: "crm", T2: "token-2"}
    for text, message in [("", "no tokens"), ("x short", "use at least 16"), (f"a {T1}\nb {T1}\n", "also 'a'"),
                          (f"a b {T1}", "expected 'TOKEN' or 'NAME TOKEN'")]:
        with pytest.raises(TokensError) as raised:
            parse_tokens(text, "tokens")
        assert message in str(raised.value)


def test_bearer_header():
    tokens = {T1: "crm"}
    assert bearer_name(f"Bearer {T1}", tokens) == "crm" and bearer_name(f"bearer  {T1} ", tokens) == "crm"
    for header in (None, "", T1, f"Basic {T1}", "Bearer ", f"Bearer {T1}x"):
        assert bearer_name(header, tokens) is None


def test_rate_limit_per_token():
    limiter = RateLimiter(rate_per_s=2.0, burst=3)
    assert [limiter.take("a", 0.0)[0] for _ in range(4)] == [True, True, True, False]
    allowed, wait = limiter.take("a", 0.0)
    assert not allowed and wait == pytest.approx(0.5)
    assert limiter.take("b", 0.0)[0]  # another token has its own bucket
    assert limiter.take("a", 0.5)[0] and not limiter.take("a", 0.5)[0]


def test_body_kind_and_article_checks():
    assert body_kind("application/x-ndjson", "{}") == "jsonl"
    assert body_kind("", '{"id": "a", "body": "b"}') == "json" and body_kind("", '[{"id": 1}]') == "json"
    assert body_kind("text/plain", '{"a": 1}\n{"b": 2}') == "jsonl"
    limits = Limits.from_settings(Settings())
    ok, bad = check_articles('[{"id": "a", "body": "x", "extra": 1}, {"id": "b"}]', "json", limits)
    assert [a["id"] for a in ok] == ["a"] and ok[0]["metadata"] == {"extra": 1}
    assert bad == [{"item": "body[1]", "id": "b", "reason": "invalid_article",
                    "error": bad[0]["error"]}] and "body" in bad[0]["error"]
