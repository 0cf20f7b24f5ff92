"""A wire story's dateline and agency credit: "BRUSSELS (Reuters) -", "WASHINGTON, March 3 (AP) —", "MOSCOW —".

The dateline names where the story was filed: a place, never an organisation and never a party to
what the story reports. The credit names the agency that wrote it: never an entity of the story.
The agencies are data (`data/datelines.json`), loaded at start-up.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

DATA_FILE = Path(__file__).resolve().parent / "data" / "datelines.json"
# A dateline sits at the start of the body, or of its first paragraph after a headline (on its own line, or run on).
SEARCH_CHARS = 300


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Dateline:
    places: tuple[Span, ...]  # "BEIJING/WASHINGTON" names two
    credit: Span | None  # "(Reuters)"
    end: int  # where the story proper begins
    qualifiers: tuple[Span, ...] = ()  # "Maine" of "BANGOR, Maine, March 3 -": where the place is

    def covers(self, start: int, end: int) -> bool:
        return bool(self.places) and start < self.end and end > self.places[0].start


class DatelineReader:
    def __init__(self, agencies: list[str]):
        names = "|".join(re.escape(a) for a in sorted(agencies, key=len, reverse=True))
        # Upper-case place words (with a few joiners: "NEW YORK", "ST. PETERSBURG", "PORT-AU-PRINCE"),
        # several joined by "/", then an optional ", Month Day" or ", State", then "(Agency)" and/or a dash.
        place = r"[A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*){0,3}"
        self.pattern = re.compile(
            rf"(?P<places>{place}(?:\s*/\s*{place})*)"
            r"(?:,\s*(?:[A-Z][a-z]+\.?(?:\s+\d{1,2})?|[A-Z][a-z]+\.?\s+[A-Z][a-z]+\.?))*"
            rf"\s*(?:(?P<credit>\((?:{names})\))\s*[-\u2013\u2014]+|[-\u2013\u2014]{{1,2}}(?=\s))",
        )

    @classmethod
    def load(cls, path: Path | None = None) -> "DatelineReader":
        data = json.loads(Path(path or DATA_FILE).read_text(encoding="utf-8"))
        return cls(data["agencies"])

    def read(self, body: str, is_place: Callable[[str], object] | None = None) -> Dateline | None:
        """The dateline at the start of the body or of one of its first lines; with `is_place`, also one that a
        headline runs into ("Trial opens. LEBANON (AP) \u2014 ..."), when its first name is a known place
        (so that "Talks fail. NATO \u2014 the alliance ..." is no dateline)."""
        head = body[:SEARCH_CHARS]
        starts = [(start, False) for start in _line_starts(head)]
        if is_place is not None:
            starts += [(run_on.end(), True) for run_on in _HEADLINE_END.finditer(head.split("\n", 1)[0])]
        for start, after_headline in starts:
            match = self.pattern.match(head, start)
            if match:
                dateline = self._dateline(match)
                if dateline and after_headline and not is_place(dateline.places[0].text):
                    continue
                return dateline
        return None

    @staticmethod
    def _dateline(match: re.Match) -> Dateline | None:
        places, offset = [], match.start("places")
        for part in re.split(r"(\s*/\s*)", match.group("places")):
            if part.strip() and "/" not in part:
                places.append(Span(offset, offset + len(part), part))
            offset += len(part)
        # A single capital letter or a lone word of two letters is a byline initial or a title, not a place.
        if not places or any(len(p.text) < 3 for p in places):
            return None
        credit = Span(match.start("credit"), match.end("credit"), match.group("credit")) if match.group("credit") else None
        qualifiers = []
        tail_start = match.end("places")
        tail_end = match.start("credit") if match.group("credit") else match.end()
        for part in re.finditer(r"[^,]+", match.string[tail_start:tail_end]):
            text = part.group().strip(" -\u2013\u2014")
            start = tail_start + part.start() + part.group().find(text)
            if text and not _DATE.match(text):
                qualifiers.append(Span(start, start + len(text), text))
        return Dateline(tuple(places), credit, match.end(), tuple(qualifiers))


# The end of a headline that the story runs on from, on the same line: "... drowning trial . LEBANON".
_HEADLINE_END = re.compile(r"\w ?[.!?]\s+(?=[A-Z])")
_DATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?$|\d")


def _line_starts(text: str) -> list[int]:
    """The body's first character and the first of each following line (a headline may come first)."""
    starts, lines = [], text.split("\n")
    position = 0
    for line in lines[:3]:
        stripped = len(line) - len(line.lstrip())
        starts.append(position + stripped)
        position += len(line) + 1
    return starts
