"""Bearer tokens and the per-token rate limit of `newsstream ingest serve`: pure, no network and no clock."""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

MIN_TOKEN_CHARS = 16


class TokensError(ValueError):
    """The tokens file cannot be used; the message says what to fix."""


def parse_tokens(text: str, source: str) -> dict[str, str]:
    """token -> name, from lines of `token` or `name token`; blank lines and `#` comments are skipped."""
    tokens: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) > 2:
            raise TokensError(f"{source}: line {number}: expected 'TOKEN' or 'NAME TOKEN', found {len(parts)} words")
        name, token = (parts[0], parts[1]) if len(parts) == 2 else (f"token-{len(tokens) + 1}", parts[0])
        if len(token) < MIN_TOKEN_CHARS:
            raise TokensError(f"{source}: line {number}: the token of {name!r} has {len(token)} characters; use at "
                              f"least {MIN_TOKEN_CHARS} (e.g. `openssl rand -hex 24`)")
        if token in tokens:
            raise TokensError(f"{source}: line {number}: the token of {name!r} is also {tokens[token]!r}'s")
        tokens[token] = name
    if not tokens:
        raise TokensError(f"{source}: no tokens; add a line 'NAME TOKEN' (e.g. `echo \"crm $(openssl rand -hex 24)\" "
                          f">> {source}`)")
    return tokens


def load_tokens(path: str) -> dict[str, str]:
    if not path:
        raise TokensError("NEWSSTREAM_INGEST_TOKENS_FILE is not set: name a file of bearer tokens, one "
                          "'NAME TOKEN' a line (e.g. `echo \"crm $(openssl rand -hex 24)\" > ingest-tokens`)")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TokensError(f"NEWSSTREAM_INGEST_TOKENS_FILE={path!r} cannot be read: {exc.strerror}") from None
    return parse_tokens(text, path)


def bearer_name(header: str | None, tokens: dict[str, str]) -> str | None:
    """The name of the token an Authorization header carries, or None. Every token is compared in
    constant time, so the answer's timing says nothing about which characters were right."""
    if not header:
        return None
    scheme, _, presented = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return None
    presented_bytes = presented.strip().encode()
    found = None
    for token, name in tokens.items():
        if hmac.compare_digest(presented_bytes, token.encode()):
            found = name
    return found


@dataclass
class TokenBucket:
    """`burst` requests at once, then `rate_per_s` on average."""

    rate_per_s: float
    burst: int
    level: float = -1.0
    updated_s: float = 0.0

    def take(self, now_s: float) -> tuple[bool, float]:
        """(allowed, seconds until one request is allowed again)."""
        if self.level < 0:
            self.level, self.updated_s = float(self.burst), now_s
        self.level = min(float(self.burst), self.level + (now_s - self.updated_s) * self.rate_per_s)
        self.updated_s = now_s
        if self.level >= 1.0:
            self.level -= 1.0
            return True, 0.0
        return False, (1.0 - self.level) / self.rate_per_s


class RateLimiter:
    def __init__(self, rate_per_s: float, burst: int):
        self.rate_per_s = rate_per_s
        self.burst = burst
        self.buckets: dict[str, TokenBucket] = {}

    def take(self, name: str, now_s: float) -> tuple[bool, float]:
        bucket = self.buckets.setdefault(name, TokenBucket(self.rate_per_s, self.burst))
        return bucket.take(now_s)
