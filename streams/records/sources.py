"""Articles from files: JSON (one object or an array), JSON Lines, or plain text (first line is the title).

Used by `newsstream publish` and `newsstream enrich`. Each item comes out as a dict ready
for the article schema, or as an ArticleRejected saying where and why.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import orjson

from streams.records.decode import ArticleRejected
from streams.records.models import ARTICLE_FIELDS


@dataclass(frozen=True)
class Item:
    origin: str  # "file.jsonl:12" — where to look when it is rejected
    article: dict | None = None
    rejected: ArticleRejected | None = None


def content_id(title: str | None, body: str) -> str:
    """A stable id for an article that came without one: the same text always gets the same id."""
    digest = hashlib.sha256(f"{title or ''}\n{body}".encode("utf-8")).hexdigest()
    return f"sha256-{digest[:24]}"


def normalise(data: dict) -> dict:
    """Fields the article does not have move under `metadata`; a missing id is derived from the text."""
    article = {k: v for k, v in data.items() if k in ARTICLE_FIELDS}
    extra = {k: v for k, v in data.items() if k not in ARTICLE_FIELDS}
    if extra:
        article["metadata"] = {**(article.get("metadata") or {}), **extra}
    if article.get("id") in (None, "") and isinstance(article.get("body"), str):
        article["id"] = content_id(article.get("title"), article["body"])
    elif isinstance(article.get("id"), int):
        article["id"] = str(article["id"])
    return article


def from_text(text: str) -> dict:
    title, _, body = text.lstrip("\ufeff").partition("\n")
    body = body.strip("\n")
    if not body.strip():
        body, title = title, None
    return normalise({"title": title.strip() if title else None, "body": body})


def _from_json_value(value, origin: str) -> Iterator[Item]:
    if isinstance(value, list):
        for i, element in enumerate(value):
            yield from _from_json_value(element, f"{origin}[{i}]")
    elif isinstance(value, dict):
        yield Item(origin, normalise(value))
    else:
        yield Item(origin, rejected=ArticleRejected("not_object", f"JSON {type(value).__name__} is not an article object"))


def read_file(path: Path, text: str) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        # JSON Lines are split on "\n" only: str.splitlines would also break on U+2028, U+0085 and others,
        # which may stand raw inside a JSON string.
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")
            if not line.strip():
                continue
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Item(f"{path}:{number}", rejected=ArticleRejected("not_json", str(exc)))
                continue
            yield from _from_json_value(value, f"{path}:{number}")
    elif suffix == ".json":
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            yield Item(str(path), rejected=ArticleRejected("not_json", str(exc)))
            return
        yield from _from_json_value(value, str(path))
    else:
        yield Item(str(path), from_text(text))


def _guess_stdin(text: str) -> Path:
    stripped = text.lstrip()
    if stripped.startswith("["):
        return Path("<stdin>.json")
    if stripped.startswith("{"):
        lines = [line for line in stripped.split("\n") if line.strip()]
        first = lines[0].strip()
        return Path("<stdin>.jsonl") if first.endswith("}") and len(lines) > 1 else Path("<stdin>.json")
    return Path("<stdin>.txt")


def read_articles(paths: list[str]) -> Iterator[Item]:
    """Every article in the given files, folders (their files, sorted) or '-' for standard input."""
    for name in paths:
        if name == "-":
            text = sys.stdin.read()
            yield from read_file(_guess_stdin(text), text)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            files = [path]
        else:
            raise FileNotFoundError(f"{name}: no such file or folder")
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                yield Item(str(file), rejected=ArticleRejected("not_utf8", f"not UTF-8 at byte {exc.start}"))
                continue
            yield from read_file(file, text)


def count_lines(paths: list[str]) -> int | None:
    """A cheap upper bound on how many articles there are, for a progress bar; None when unknown."""
    total = 0
    for name in paths:
        path = Path(name)
        if name == "-" or path.is_dir() or not path.exists():
            return None
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total
