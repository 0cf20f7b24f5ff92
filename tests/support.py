"""Helpers shared by the test tiers: where the shared data is, and schema checks."""
from __future__ import annotations

from pathlib import Path

from streams import schemas
from streams.settings import PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_83edbdfcffbfdd56.txt"


def shared_file(path: Path) -> Path:
    """A file from ../shared, or a clear failure saying where it was looked for."""
    assert path.exists(), f"{path} is missing: tests read the shared data from ../shared beside the project"
    return path


def assert_conforms(kind: str, document: object) -> None:
    schemas.validate(kind, document, Settings().schemas_dir)


def person_names(record: dict) -> set[str]:
    return {e["name"] for e in record["entities"] if e["label"] == "PERSON"}


def places_by_name(record: dict) -> dict[str, dict]:
    return {p["name"]: p for p in record["places"]}


def place_mention_texts(record: dict) -> set[str]:
    return {m["text"] for p in record["places"] for m in p["mentions"]}


# Two short articles of our own writing: sanctions on a country first threatened, then imposed.
SANCTIONS_THREATENED = ("Lithuania threatened sanctions against Belarus on Tuesday after a border incident. "
                        "Officials in Vilnius said a decision would follow within days.")
SANCTIONS_IMPOSED = ("Lithuania imposed sanctions on Belarus on Friday, three days after the border incident. "
                     "The measures cover timber and potash.")


def lightly_edited(text: str) -> str:
    """The same story as another outlet might run it: a word changed, a line added."""
    return text.replace("Despite six hours of talks", "After six hours of talks", 1) + "\n\nAdditional reporting by staff."
