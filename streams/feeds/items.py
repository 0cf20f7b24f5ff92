"""Feed items to articles: pure functions over what feedparser returns, no network.

An item's id is stable across polls, restarts and feeds: from its GUID, or from its canonical URL when
the GUID is missing or is itself a URL. Fields feedparser does not know, or the feed leaves out, are
simply absent from the article; nothing here fails on an unusual item.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_PREFIX = "feed-"
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
              "section", "article", "pre", "table", "hr"}
# A feed's `content` counts as the full text when it is this much longer than the summary, or long in itself.
FULL_CONTENT_MIN_CHARS = 400


@dataclass(frozen=True)
class MappedItem:
    article: dict  # ready for the article schema
    needs_page: bool  # only a summary, and the feed wants the full text fetched
    published_s: float | None  # for the newest-item age
    page_url: str | None = None
    notes: dict = field(default_factory=dict)


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def item_id(guid: str | None, link: str | None, feed_url: str, title: str | None = None,
            text: str | None = None) -> str:
    """A stable article id: the GUID scoped by the feed's host, or the canonical URL, or the text."""
    guid = (guid or "").strip()
    link = (link or "").strip()
    if guid and _is_url(guid):
        key = "url:" + canonical_url(guid)
    elif guid:
        key = f"guid:{(urlsplit(feed_url).hostname or '').lower()}:{guid}"
    elif link:
        key = "url:" + canonical_url(link)
    else:
        key = f"text:{title or ''}\n{text or ''}"
    return ID_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def html_to_text(html: str) -> str:
    """Readable text from an HTML fragment: paragraphs become blank-line breaks, tags and scripts go."""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml refuses some fragments (empty, only a comment): no text then
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    text = text.replace("\x00", "").replace("\r", "")
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def utc_iso(parsed_time) -> tuple[str | None, float | None]:
    """feedparser's parsed dates are UTC struct_times: (RFC 3339 string, epoch seconds), or (None, None)."""
    if not parsed_time:
        return None, None
    try:
        when = datetime(*parsed_time[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None, None
    return when.isoformat(), when.timestamp()


def _language(value) -> str | None:
    if not isinstance(value, str):
        return None
    head, _, rest = value.strip().replace("_", "-").partition("-")
    candidate = head.lower() + (f"-{rest}" if rest else "")
    return candidate if LANGUAGE.match(candidate) and len(candidate) <= 35 else None


def _first_content(entry) -> str:
    """The longest `content` value of an entry (Atom content, RSS content:encoded), as text."""
    best = ""
    for content in entry.get("content") or ():
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str):
            text = html_to_text(value)
            if len(text) > len(best):
                best = text
    return best


def map_entry(entry, feed, feed_meta, max_body_chars: int = 200_000) -> MappedItem | None:
    """One feedparser entry as an article dict, or None when it has no text at all.

    `feed` is the config's Feed; `feed_meta` is feedparser's `feed` dict (title, language).
    """
    title = html_to_text(entry.get("title") or "") or None
    link = entry.get("link") if isinstance(entry.get("link"), str) else None
    content = _first_content(entry)
    summary = html_to_text(entry.get("summary") or "") if isinstance(entry.get("summary"), str) else ""
    if content and (len(content) >= FULL_CONTENT_MIN_CHARS or len(content) > len(summary) + 40):
        body, text_from = content, "feed_content"
    else:
        body, text_from = (summary or content), "feed_summary"
    needs_page = bool(feed.fetch_full_text and text_from == "feed_summary" and link)
    if not body and title:
        body = title
    if not body:
        return None
    guid = entry.get("id") if isinstance(entry.get("id"), str) else None
    published, published_s = utc_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    source = feed.source or html_to_text(feed_meta.get("title") or "") or feed.host
    article = {
        "id": item_id(guid, link, feed.url, title, body),
        "body": body[:max_body_chars],
        "title": title[:2000] if title else None,
        "url": link[:4000] if link else None,
        "source": source[:500],
        "published_at": published,
        "language": feed.language or _language(feed_meta.get("language")),
        "metadata": {"feed": feed.name, "feed_url": feed.url, "text_from": text_from},
    }
    if guid:
        article["metadata"]["guid"] = guid[:1000]
    if len(body) > max_body_chars:
        article["metadata"]["body_truncated_from"] = len(body)
    article = {key: value for key, value in article.items() if value is not None}
    return MappedItem(article, needs_page, published_s, link if needs_page else None)


def with_page_text(item: MappedItem, text: str | None, failure: str | None, max_body_chars: int = 200_000) -> dict:
    """The article with the page's extracted text, or with its summary and the reason the page gave none."""
    article = {**item.article, "metadata": dict(item.article["metadata"])}
    if text and failure is None:
        article["body"] = text[:max_body_chars]
        article["metadata"]["text_from"] = "article_page"
    else:
        article["metadata"]["text_from"] = "feed_summary"
        article["metadata"]["full_text_failed"] = failure or "no text extracted"
    return article


def page_text_or_failure(extracted: str | None, summary: str) -> tuple[str | None, str | None]:
    """Accept an extraction only when it says more than the summary did."""
    if not extracted or not extracted.strip():
        return None, "no text extracted from the page"
    text = _tidy(extracted.replace("\n", "\n\n"))
    if len(text) <= len(summary):
        return None, f"page text ({len(text)} chars) is no longer than the summary ({len(summary)} chars)"
    return text, None
