"""Feed items to articles, ids, text: pure functions, no network."""
from __future__ import annotations

import time

import feedparser
import pytest

from streams.records.decode import Limits, article_from_dict
from streams.feeds import items
from streams.feeds.config import Feed
from streams.settings import Settings

FEED = Feed(name="t", url="http://news.example/rss.xml")
LIMITS = Limits.from_settings(Settings())


def parse(xml: str):
    parsed = feedparser.parse(xml.encode())
    return parsed.entries, parsed.feed


def test_canonical_url_drops_tracking_fragment_and_default_port():
    assert items.canonical_url("HTTPS://News.Example:443/a?utm_source=x&id=3&fbclid=y#top") == "https://news.example/a?id=3"
    assert items.canonical_url("http://news.example:8080") == "http://news.example:8080/"


def test_ids_are_stable_and_scoped():
    by_guid = items.item_id("abc", "http://x/1", "http://feed-a.example/rss")
    assert by_guid == items.item_id("abc", "http://x/other", "http://feed-a.example/other.xml")  # the GUID decides
    assert by_guid != items.item_id("abc", "http://x/1", "http://feed-b.example/rss")  # a GUID is the host's own
    by_url = items.item_id(None, "http://x/1?utm_medium=rss", "http://a/rss")
    assert by_url == items.item_id("http://X/1#c", None, "http://b/rss")  # a URL GUID is its canonical URL
    assert by_url.startswith("feed-") and len(by_url) == 37
    assert items.item_id(None, None, "http://a", "T", "body") == items.item_id(None, None, "http://a", "T", "body")


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    text = items.html_to_text("<p>One &amp; two</p><script>evil()</script><p>Three<br>four</p>")
    assert text == "One & two\n\nThree\n\nfour"
    assert items.html_to_text("plain   text") == "plain text"
    assert items.html_to_text("<!-- only a comment -->") == ""


RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:zz="urn:unknown"><channel><title>Example &amp; Co</title><language>EN-us</language>
<item><guid isPermaLink="false">g-1</guid><title>Title <b>one</b></title><link>http://news.example/1</link>
<description>Short summary.</description><pubDate>Tue, 10 Mar 2026 14:30:00 +0200</pubDate>
<zz:whatever a="1">unknown field</zz:whatever><category>world</category></item>
<item><title>Only a title</title></item>
<item><description></description></item>
</channel></rss>"""


def test_an_rss_item_maps_to_a_valid_article_and_unknown_fields_are_ignored():
    entries, meta = parse(RSS)
    mapped = items.map_entry(entries[0], FEED, meta)
    article = mapped.article
    assert article["title"] == "Title one" and article["body"] == "Short summary."
    assert article["published_at"] == "2026-03-10T12:30:00+00:00"  # UTC
    assert article["source"] == "Example & Co" and article["language"] == "en-us"
    assert article["metadata"] == {"feed": "t", "feed_url": FEED.url, "text_from": "feed_summary", "guid": "g-1"}
    assert not mapped.needs_page and mapped.published_s == pytest.approx(1773145800.0)
    article_from_dict(article, LIMITS)  # the article schema accepts it
    title_only = items.map_entry(entries[1], FEED, meta).article
    assert title_only["body"] == "Only a title" and "published_at" not in title_only
    assert items.map_entry(entries[2], FEED, meta) is None  # no text at all


def test_full_content_wins_and_summaries_ask_for_the_page_when_configured():
    long = "<p>" + "Word " * 120 + "</p>"
    xml = RSS.replace("<description>Short summary.</description>",
                      f"<description>Short summary.</description><content:encoded><![CDATA[{long}]]></content:encoded>")
    entries, meta = parse(xml)
    assert items.map_entry(entries[0], FEED, meta).article["metadata"]["text_from"] == "feed_content"
    entries, meta = parse(RSS)
    wants_page = Feed(name="t", url=FEED.url, fetch_full_text=True, source="Mine", language="de")
    mapped = items.map_entry(entries[0], wants_page, meta)
    assert mapped.needs_page and mapped.page_url == "http://news.example/1"
    assert mapped.article["source"] == "Mine" and mapped.article["language"] == "de"
    page = items.with_page_text(mapped, "The whole story, much longer than the summary.", None)
    assert page["body"].startswith("The whole story") and page["metadata"]["text_from"] == "article_page"
    fallback = items.with_page_text(mapped, None, "page: http_404")
    assert fallback["body"] == "Short summary." and fallback["metadata"]["full_text_failed"] == "page: http_404"
    assert mapped.article["metadata"]["text_from"] == "feed_summary"  # the original is untouched


def test_page_text_must_say_more_than_the_summary():
    assert items.page_text_or_failure(None, "s")[1] == "no text extracted from the page"
    text, failure = items.page_text_or_failure("short", "a longer summary")
    assert text is None and "no longer than the summary" in failure
    assert items.page_text_or_failure("Para one.\nPara two.", "s") == ("Para one.\n\nPara two.", None)


def test_atom_and_rss1_map_too():
    atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:x:1</id><title>T</title>
      <link href="http://a.example/1"/><updated>2026-02-01T08:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""
    entries, meta = parse(atom)
    article = items.map_entry(entries[0], FEED, meta).article
    assert article["body"] == "Body" and article["published_at"] == "2026-02-01T08:00:00+00:00"
    rdf = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>R</title></channel>
      <item rdf:about="http://r.example/1"><title>T</title><link>http://r.example/1</link><description>D</description>
      <dc:date>2026-02-01T08:00:00Z</dc:date></item></rdf:RDF>"""
    entries, meta = parse(rdf)
    article = items.map_entry(entries[0], FEED, meta).article
    assert article["body"] == "D" and article["id"] == items.item_id(None, "http://r.example/1", FEED.url)


def test_utc_iso_tolerates_nonsense():
    assert items.utc_iso(None) == (None, None)
    assert items.utc_iso((2026, 13, 45, 0, 0, 0, 0, 0, 0)) == (None, None)
    assert items.utc_iso(time.gmtime(0))[0] == "1970-01-01T00:00:00+00:00"
