"""Which state a person speaks or acts for: from a dated table of office holders, or from the article's
own words ("U.S. President Barack Obama", "Russian Foreign Minister Sergei Lavrov").

The table (`data/leaders.json`) lists heads of state and government, foreign and finance ministers and
a few other office holders, with the years they served; it is loaded at start-up.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

DATA_FILE = Path(__file__).resolve().parent / "data" / "leaders.json"
TITLE_WINDOW = 6  # tokens before a name that may hold "U.S. President" or "Britain's foreign minister"
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class Term:
    country: str
    start: int | None
    end: int | None

    def covers(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.start is None or self.start - 1 <= year) and (self.end is None or year <= self.end + 1)


class OfficeHolders:
    def __init__(self, people: list[dict], national_titles: dict[str, list[str]] | None = None):
        # A title that only one state's office holders bear in English-language news: "Sen. Marco Rubio" -> US.
        self.title_country = {title: country for country, titles in (national_titles or {}).items()
                              if not country.startswith("_") for title in titles}
        self.terms: dict[str, list[Term]] = defaultdict(list)
        for person in people:
            term = Term(person["country"], person.get("from"), person.get("to"))
            for name in {person["name"], *person.get("aliases", ())}:
                key = _key(name)
                if term not in self.terms[key]:
                    self.terms[key].append(term)
        self.last_words = frozenset(key.rsplit(" ", 1)[-1] for key in self.terms)  # a name's last word, to look up fast

    @classmethod
    def load(cls, path: Path | None = None) -> "OfficeHolders":
        path = Path(path or DATA_FILE)
        if not path.exists():
            return cls([])
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["people"], data.get("national_titles"))

    def country_of(self, name: str, year: int | None = None, other_years: bool = True) -> str | None:
        """The one country the name held office for (in that year, when the article's year is known; in
        another year too unless `other_years` is false)."""
        terms = self.terms.get(_key(name), [])
        countries = {t.country for t in terms if t.covers(year)} or ({t.country for t in terms} if year and other_years else set())
        return countries.pop() if len(countries) == 1 else None


def _key(name: str) -> str:
    return " ".join(name.replace("-", " ").replace("\u2019", "'").split()).casefold()


def article_year(published_at: str | None) -> int | None:
    match = _YEAR.search(published_at or "")
    return int(match.group(1)) if match else None


def titled_countries(doc: Doc, person_spans: list[tuple[int, int, str]], place_country, titles: frozenset[str]) -> dict[str, str]:
    """Persons whose title in the article names their country: "U.S. President Barack Obama" -> US.

    `person_spans` are (start_char, end_char, canonical name); `place_country(start_char)` gives the
    country of a place or demonym mention starting there, or None.
    """
    found: dict[str, str] = {}
    for start, _end, name in person_spans:
        if name in found:
            continue
        span = doc.char_span(start, _end, alignment_mode="expand")
        if span is None:
            continue
        window = doc[max(span.start - TITLE_WINDOW, span.sent.start if doc.has_annotation("SENT_START") else 0):span.start]
        if not any(t.lower_ in titles for t in window):
            continue
        for token in reversed(window):
            country = place_country(token.idx)
            if country:
                found[name] = country
                break
    return found
