"""Download the official sanctions lists (`newsstream lists update`); a bad download never replaces a good list."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import urllib.request
from pathlib import Path
from typing import Callable

# Fewer names than this means a truncated or wrong file (OFAC's SDN list has over 15,000, the UN's over 1,000).
MIN_LIST_NAMES = {"ofac": 5000, "un": 500}


class ListsUpdateError(RuntimeError):
    """A list could not be downloaded or was refused; the message says why and what is left unchanged."""


def _download(url: str, part: Path) -> str:
    """The file at url into part; its sha256. OSError when it fails or arrives short."""
    digest = hashlib.sha256()
    with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
        expected = response.headers.get("Content-Length")
        received = 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            digest.update(chunk)
            received += len(chunk)
    if expected is not None and expected.isdigit() and int(expected) != received:
        raise OSError(f"truncated: {received} of {expected} bytes")
    return digest.hexdigest()


def update_lists(directory: Path, say: Callable[[str], None]) -> list[tuple[str, Path]]:
    """Every official list downloaded, checked and renamed into directory; the (kind, path) pairs to load."""
    from streams.enrichment.sanctions_lists import OFFICIAL_SOURCES, load_lists

    directory.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    specs = []
    for kind, (url, pattern) in OFFICIAL_SOURCES.items():
        target = directory / pattern.format(date=today)
        part = target.with_suffix(target.suffix + ".part")
        say(f"downloading {url}")
        try:
            digest = _download(url, part)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise ListsUpdateError(
                f"could not download {url} ({exc}). Where the network does not allow it, download the file elsewhere "
                f"and set NEWSSTREAM_SANCTIONS_LISTS={kind}=/path/to/file") from None
        # A truncated or garbled download must never replace a good list: parse it and count its names first.
        try:
            names = len(load_lists([(kind, part)]))
        except Exception as exc:  # noqa: BLE001 - any parse failure refuses the file
            part.unlink(missing_ok=True)
            raise ListsUpdateError(f"{url}: the download does not parse as the official {kind} list ({exc}); the lists "
                                   f"in {directory} are unchanged") from None
        if names < MIN_LIST_NAMES[kind]:
            part.unlink(missing_ok=True)
            raise ListsUpdateError(f"{url}: only {names} names, fewer than the {MIN_LIST_NAMES[kind]} a complete {kind} "
                                   f"list has; the lists in {directory} are unchanged")
        os.replace(part, target)  # atomic: readers see the old file or the whole new one
        target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n")
        say(f"{kind}: {names} names, sha256 {digest[:16]}…")
        specs.append((kind, target))
    index = load_lists(specs)  # refuse files that do not parse before telling anyone to use them
    say(f"{len(index)} listed names loaded")
    return specs
