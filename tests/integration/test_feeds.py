"""`newsstream feeds run` against feeds we serve on 127.0.0.1, on the real broker: every item once.

RSS 2.0, RSS 1.0, Atom, summaries only with an article page (and one whose page is gone), a redirect,
a malformed feed and a slow one. Then a second poll (conditional, nothing new), a new item, `kill -9`
of the poller and two restarted pollers in one group: a read_committed count shows no item twice.
"""
from __future__ import annotations

import collections
import json
import re
import time

import pytest
from email.utils import formatdate

from fixtures.feeds import article_page, atom, rss1, rss2
from fixtures.kafka import read_settled, read_topic
from support import samples as parsed_samples

pytestmark = pytest.mark.integration

LONG = ("The foreign ministers met in Brussels on Monday to discuss the sanctions package. "
        "They agreed on the wording of the statement after six hours of talks, officials said. ") * 4
PAGE_PARAGRAPHS = [
    "Ministers of the European Union agreed on Monday to extend the asset freezes on twelve officials, "
    "a move that diplomats had expected for weeks after the talks in Brussels stalled in the spring.",
    "The decision, taken unanimously, keeps the travel bans in force for another six months and adds two "
    "companies that the ministers accuse of helping to evade the existing measures on oil exports.",
    "Officials said the review would come again in September, when the ministers meet in Luxembourg, and "
    "that any easing would depend on the release of the detained journalists named in the statement.",
]


NOW = time.time()


def rfc822(hours_ago: float) -> str:
    return formatdate(NOW - hours_ago * 3600, usegmt=True)


def rfc3339(hours_ago: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW - hours_ago * 3600))


def rss_items(n: int, start: int = 1) -> list[dict]:
    return [{"guid": f"rss-{i}", "title": f"RSS story {i}", "link": f"http://example.org/rss/{i}?utm_source=feed",
             "summary": f"Summary {i}.", "content": f"<p>{LONG}</p><p>Story number {i}.</p>",
             "date": rfc822(20 - i), "extra": "<x:rating>5</x:rating>"}
            for i in range(start, start + n)]


def atom_entries(n: int, start: int = 1) -> list[dict]:
    return [{"id": f"urn:uuid:atom-{i}", "title": f"Atom story {i}", "link": f"http://example.org/atom/{i}",
             "updated": rfc3339(20 - i), "content": f"<p>{LONG}</p><p>Atom {i}.</p>"}
            for i in range(start, start + n)]


def serve_feeds(server) -> dict[str, int]:
    """The feeds of the test; returns how many items each should publish."""
    server.set("/rss.xml", rss2("RSS two", rss_items(3)))
    server.set("/atom.xml", atom("Atom feed", atom_entries(2)), content_type="application/atom+xml")
    server.set("/rdf.xml", rss1("RSS one", [
        {"title": f"RDF story {i}", "link": f"http://example.org/rdf/{i}", "summary": f"{LONG} RDF {i}.",
         "date": rfc3339(30 - i)} for i in (1, 2)]), content_type="application/rdf+xml")
    base = server.url
    server.set("/summaries.xml", rss2("Summaries", [
        {"guid": "sum-1", "title": "EU extends asset freezes", "link": f"{base}/articles/one.html",
         "summary": "EU ministers extend asset freezes.", "date": rfc822(10)},
        {"guid": "sum-2", "title": "A page that is gone", "link": f"{base}/articles/gone.html",
         "summary": "This page no longer exists.", "date": rfc822(9)},
    ]))
    server.set("/articles/one.html", article_page("EU extends asset freezes", PAGE_PARAGRAPHS),
               content_type="text/html; charset=utf-8", conditional=False)
    server.set("/old-location.xml", status=301, location=f"{base}/moved.xml")
    server.set("/moved.xml", rss2("Moved", [
        {"guid": f"moved-{i}", "title": f"Moved story {i}", "link": f"http://example.org/moved/{i}",
         "summary": f"{LONG} moved {i}", "date": rfc822(40 - i)} for i in (1, 2)]))
    server.set("/malformed.xml", b'{"this is": "not a feed"', conditional=False)
    server.set("/slow.xml", rss2("Slow", rss_items(1, start=90)), delay_s=4.0)
    return {"rss": 3, "atom": 2, "rdf": 2, "summaries": 2, "redirect": 2, "malformed": 0, "slow": 0}


def write_config(path, server) -> None:
    feeds = [("rss", "/rss.xml", {}), ("atom", "/atom.xml", {}), ("rdf", "/rdf.xml", {}),
             ("summaries", "/summaries.xml", {"fetch_full_text": True}), ("redirect", "/old-location.xml", {}),
             ("malformed", "/malformed.xml", {}), ("slow", "/slow.xml", {"timeout_read": 0.5, "interval": 2})]
    config = {"defaults": {"interval": 1, "jitter": 0.0, "host_delay": 0.02, "timeout_connect": 2, "timeout_read": 5},
              "feeds": [{"name": name, "url": server.url + path, **options} for name, path, options in feeds]}
    path.write_text(json.dumps(config))  # JSON is YAML


def wait_for(condition, timeout_s: float, what: str, poller=None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what} within {timeout_s:.0f}s" + (f"\n{poller.log()}" if poller else ""))


def ids_by_feed(messages) -> collections.Counter:
    return collections.Counter(json.loads(m.value)["metadata"]["feed"] for m in messages)


def test_every_item_reaches_the_raw_topic_once_across_polls_kill_9_and_a_second_poller(
        pipeline_settings, feed_server, start_poller, tmp_path):
    settings = pipeline_settings.with_(session_timeout_s=6.0)
    expected = serve_feeds(feed_server)
    config = tmp_path / "feeds.yaml"
    write_config(config, feed_server)
    total = sum(expected.values())  # 11
    raw = settings.topics.raw

    started = time.monotonic()
    poller = start_poller(settings, config)
    messages = read_topic(settings, raw, total, timeout_s=90)
    first_all = time.monotonic() - started
    articles = {m.key.decode(): json.loads(m.value) for m in messages}
    assert len(articles) == len(messages) == total, ids_by_feed(messages)
    assert ids_by_feed(messages) == {k: v for k, v in expected.items() if v}

    # Full text where configured, the summary (marked) where the page is gone, the feed's content otherwise.
    by_guid = {a["metadata"].get("guid"): a for a in articles.values()}
    page = by_guid["sum-1"]
    assert page["metadata"]["text_from"] == "article_page"
    assert "twelve officials" in page["body"] and "Luxembourg" in page["body"]
    assert "All rights reserved" not in page["body"] and "Home" not in page["body"]
    gone = by_guid["sum-2"]
    assert gone["body"] == "This page no longer exists."
    assert gone["metadata"]["text_from"] == "feed_summary" and "http_404" in gone["metadata"]["full_text_failed"]
    rss = by_guid["rss-1"]
    assert rss["metadata"]["text_from"] == "feed_content" and "Story number 1." in rss["body"]
    assert rss["published_at"] == rfc3339(19).replace("Z", "+00:00") and rss["source"] == "RSS two"
    assert rss["language"] == "en-GB" and rss["url"].startswith("http://example.org/rss/1")
    assert {a["source"] for a in articles.values() if a["metadata"]["feed"] == "redirect"} == {"Moved"}

    # A second poll: conditional requests answered 304, nothing new published.
    wait_for(lambda: [r for r in feed_server.requests("/rss.xml") if r["status"] == 304], 30,
             "a conditional request for /rss.xml answered 304", poller)
    conditional = [r for r in feed_server.requests("/rss.xml") if r["if_none_match"]]
    assert conditional and all(r["user_agent"].startswith("Newsstream/") for r in feed_server.requests("/rss.xml"))
    assert "gzip" in feed_server.requests("/rss.xml")[0]["accept_encoding"]

    def errors_counted():
        samples = poller.metrics()
        return (samples.value("newsstream_feed_errors_total", feed="malformed", reason="malformed") >= 1
                and samples.value("newsstream_feed_errors_total", feed="slow", reason="timeout") >= 1
                and samples) or None

    samples = wait_for(errors_counted, 30, "the malformed and slow feeds' error metrics", poller)
    assert samples.value("newsstream_feed_fetches_total", feed="rss", status="304") >= 1
    assert samples.value("newsstream_feed_fetches_total", feed="malformed", status="error") >= 1
    assert samples.value("newsstream_feed_items_total", feed="rss", outcome="new") == 3
    assert samples.value("newsstream_feed_extraction_failures_total", feed="summaries", reason="http_404") == 1
    assert samples.value("newsstream_feeds_active") == 1
    assert samples.value("newsstream_feed_newest_item_age_seconds", feed="rss") > 0
    assert samples.has("newsstream_feed_last_success_timestamp_seconds", feed="atom")
    # Every metric the dashboard's feed panels read is one the poller serves.
    dashboard = json.loads((settings.deploy_dir / "grafana" / "dashboards" / "newsstream.json").read_text())
    read_by_panels = {name for panel in dashboard["panels"] for target in panel["targets"]
                      for name in re.findall(r"newsstream_feeds?_\w+", target["expr"])}
    served = {sample.name for sample in parsed_samples(samples.text)}
    assert read_by_panels and read_by_panels <= served, read_by_panels - served
    assert len(read_settled(settings, raw, quiet_s=2.0)) == total  # the others kept flowing, nothing twice

    # A new item is published once.
    feed_server.set("/rss.xml", rss2("RSS two", rss_items(4)))
    read_topic(settings, raw, total + 1, timeout_s=30)

    # kill -9, then two pollers in the same group: one polls, the other stands by; nothing twice.
    poller.kill()
    feed_server.set("/atom.xml", atom("Atom feed", atom_entries(3)), content_type="application/atom+xml")
    restarted = time.monotonic()
    pollers = [start_poller(settings, config), start_poller(settings, config)]
    read_topic(settings, raw, total + 2, timeout_s=60)
    takeover = time.monotonic() - restarted
    settled = read_settled(settings, raw, quiet_s=3.0)
    keys = collections.Counter(m.key for m in settled)
    assert len(settled) == total + 2 and max(keys.values()) == 1, keys.most_common(3)
    for p in pollers:
        p.wait_metrics()
    active = [p.metrics().value("newsstream_feeds_active") for p in pollers]
    assert sorted(active) == [0, 1], active
    codes = [p.stop() for p in pollers]
    assert codes == [0, 0], [p.log() for p in pollers]
    print(f"\nfeeds: {total} items from 5 feeds in {first_all:.1f}s; after kill -9 the new item came in "
          f"{takeover:.1f}s; {len(settled)} records on the raw topic, each id once")
