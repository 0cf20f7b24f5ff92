"""`newsstream ingest serve` on the real broker: 401, 413, 400 with reasons, 429, and a 202 enriched end to end."""
from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from fixtures.kafka import read_topic
from fixtures.worker import NEWSSTREAM, free_port, scrape, settings_env

pytestmark = pytest.mark.integration

TOKEN = "crm-0123456789abcdef0123456789abcdef"


def call(url: str, body: bytes | None = None, token: str | None = TOKEN, content_type: str = "application/json"):
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}"), dict(error.headers)


@pytest.fixture
def ingest(pipeline_settings, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# name token\ncrm {TOKEN}\n")
    settings = pipeline_settings.with_(ingest_tokens_file=str(tokens), ingest_port=free_port(),
                                       ingest_metrics_port=free_port(), ingest_max_body_bytes=20_000,
                                       ingest_rate_per_s=1.0, ingest_burst=6)
    log_path = tmp_path / "ingest.log"
    process = subprocess.Popen([NEWSSTREAM, "ingest", "serve"], env=settings_env(settings),
                               stdout=open(log_path, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{settings.ingest_port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log_path.read_text()
        try:
            if call(f"{base}/healthz", token=None)[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        raise AssertionError(f"ingest not healthy within 60s:\n{log_path.read_text()}")
    yield settings, base
    process.terminate()
    assert process.wait(timeout=20) == 0, log_path.read_text()


def test_ingest_refuses_what_it_must_and_a_valid_post_is_enriched(ingest, start_worker):
    settings, base = ingest
    url = f"{base}/v1/articles"
    article = {"id": "ingest-1", "title": "EU sanctions", "body": "The European Union imposed sanctions on Russia "
               "on Monday, officials in Brussels said.", "source": "crm", "desk": "europe"}

    status, answer, headers = call(url, json.dumps(article).encode(), token="wrong-token-0123456789abcdef")
    assert status == 401 and headers.get("WWW-Authenticate", "").startswith("Bearer")
    assert call(url, json.dumps(article).encode(), token=None)[0] == 401

    status, answer, _ = call(url, b"x" * 20_001)
    assert status == 413 and "NEWSSTREAM_INGEST_MAX_BODY_BYTES" in answer["error"]

    bad = b'{"id": "ok-1", "body": "fine"}\n{"id": "no-body"}\n{"id": 5, "body": ""}\nnot json\n'
    status, answer, _ = call(url, bad, content_type="application/x-ndjson")
    assert status == 400, answer
    reasons = {(r["item"], r["reason"]) for r in answer["rejected"]}
    assert reasons == {("line 2", "invalid_article"), ("line 3", "invalid_article"), ("line 4", "not_json")}, reasons
    assert any("body" in r["error"] for r in answer["rejected"]) and answer["valid_count"] == 1

    status, answer, _ = call(url, json.dumps(article).encode())
    assert status == 202 and answer["accepted"] == ["ingest-1"]
    two = b'{"id": "ingest-2", "body": "Second."}\n{"body": "No id: derived from the text."}\n'
    status, answer, _ = call(url, two, content_type="application/x-ndjson")
    assert status == 202 and answer["accepted"][0] == "ingest-2" and answer["accepted"][1].startswith("sha256-")

    statuses = [call(url, json.dumps(article).encode())[0] for _ in range(6)]
    assert 429 in statuses, statuses
    status, answer, headers = call(url, json.dumps(article).encode())
    assert status == 429 and int(headers["Retry-After"]) >= 1

    raw = read_topic(settings, settings.topics.raw, 3, timeout_s=30)
    first = json.loads(raw[0].value) if raw[0].key == b"ingest-1" else None
    assert first is None or first["metadata"] == {"desk": "europe"}

    samples = scrape(f"http://127.0.0.1:{settings.ingest_metrics_port}/metrics")
    for code in ("202", "400", "401", "413", "429"):
        assert samples.value("newsstream_ingest_requests_total", status=code) >= 1, code

    start_worker(settings)
    enriched = read_topic(settings, settings.topics.enriched, 3, timeout_s=180)
    record = next(json.loads(m.value) for m in enriched if m.key == b"ingest-1")
    assert record["id"] == "ingest-1" and any(e["name"] for e in record["entities"])
