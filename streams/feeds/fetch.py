"""HTTP for the poller: conditional GETs of feeds and pages, one request per host at a time.

The only module of streams.feeds that touches the network. Every request has connect and read
timeouts, a User-Agent, a redirect limit, a body-size limit, and asks for gzip.
"""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass

import aiohttp

from streams.feeds.config import Feed, host_of
from streams.feeds.politeness import host_wait, parse_retry_after


@dataclass(frozen=True)
class Validators:
    """What makes the next GET conditional."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Response:
    status: int  # the HTTP status; 0 when no response came
    body: bytes = b""
    url: str = ""  # after redirects
    headers: dict | None = None
    validators: Validators = Validators()
    retry_after_s: float | None = None
    error: str | None = None  # a short machine reason: timeout, connection, too_many_redirects, too_large, http_NNN
    detail: str = ""  # what happened, for the log

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostGate:
    """At most one request per host at a time, and at least the host's delay between two of them."""

    def __init__(self, delays: dict[str, float], clock=time.monotonic):
        self.delays = delays
        self.clock = clock
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._last_end: dict[str, float] = {}

    def delay_of(self, host: str) -> float:
        return self.delays.get(host, max(self.delays.values(), default=1.0))

    async def fetch(self, session: aiohttp.ClientSession, url: str, feed: Feed,
                    validators: Validators | None = None, accept: str = "*/*") -> Response:
        host = host_of(url)
        async with self._locks[host]:
            wait = host_wait(self._last_end.get(host), self.clock(), self.delay_of(host))
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await get(session, url, feed, validators, accept)
            finally:
                self._last_end[host] = self.clock()


def new_session() -> aiohttp.ClientSession:
    # Per-request timeouts are set in `get`; cookies are not kept between feeds.
    return aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=True)


FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


async def get(session: aiohttp.ClientSession, url: str, feed: Feed, validators: Validators | None = None,
              accept: str = "*/*") -> Response:
    headers = {"User-Agent": feed.user_agent, "Accept": accept, "Accept-Encoding": "gzip, deflate",
               **(validators.headers() if validators else {})}
    timeout = aiohttp.ClientTimeout(total=feed.timeout_connect + feed.timeout_read * 2,
                                    sock_connect=feed.timeout_connect, sock_read=feed.timeout_read)
    try:
        async with session.get(url, headers=headers, timeout=timeout, allow_redirects=True,
                               max_redirects=feed.max_redirects) as response:
            retry_after = parse_retry_after(response.headers.get("Retry-After"), time.time())
            final = str(response.url)
            got = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
            if response.status == 304:
                return Response(304, url=final, validators=validators or got, retry_after_s=retry_after)
            if response.status != 200:
                return Response(response.status, url=final, retry_after_s=retry_after, error=f"http_{response.status}",
                                detail=f"{url} answered HTTP {response.status} {response.reason or ''}".strip())
            declared = response.content_length
            if declared is not None and declared > feed.max_bytes:
                return _too_large(url, final, feed.max_bytes)
            chunks, size = [], 0
            async for chunk in response.content.iter_chunked(65536):
                size += len(chunk)
                if size > feed.max_bytes:
                    return _too_large(url, final, feed.max_bytes)
                chunks.append(chunk)
            return Response(200, b"".join(chunks), final, dict(response.headers), got, retry_after)
    except aiohttp.TooManyRedirects:
        return Response(0, url=url, error="too_many_redirects",
                        detail=f"{url} redirected more than max_redirects={feed.max_redirects} times")
    except asyncio.TimeoutError:
        return Response(0, url=url, error="timeout",
                        detail=f"{url} gave no answer within timeout_connect={feed.timeout_connect}s / "
                               f"timeout_read={feed.timeout_read}s; raise them in the feeds file if the server is slow")
    except (aiohttp.ClientError, OSError, ValueError) as exc:
        return Response(0, url=url, error="connection", detail=f"{url}: {type(exc).__name__}: {exc}")


def _too_large(url: str, final: str, limit: int) -> Response:
    return Response(0, url=final, error="too_large",
                    detail=f"{url} is larger than max_bytes={limit}; raise max_bytes in the feeds file if it is right")
