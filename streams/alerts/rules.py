"""Alert rules from a YAML file: validated once at start-up, with the line of any mistake.

A worker never starts half-configured: `load_rules` either returns every rule or raises RulesError.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from streams.common.yaml_config import line_of, read_checked

SEVERITIES = ("low", "medium", "high", "critical")
DEFAULT_RULES = {"sanctions": [{"name": "sanctions-mention", "severity": "medium"}], "watchlist": []}


class RulesError(ValueError):
    """The rules file is wrong; the message names the file, the line and the reason."""


@dataclass(frozen=True)
class SanctionsRule:
    name: str
    severity: str
    statuses: frozenset[str] = frozenset()  # empty: any status
    min_confidence: float = 0.0
    sanctioners: frozenset[str] = frozenset()  # country codes, bodies or entity names; empty: anyone
    targets: frozenset[str] = frozenset()
    track: str = "story"  # "story": once per story; "lifecycle": on each change of a relationship's status

    def matches(self, event: dict) -> bool:
        if self.statuses and event["status"] not in self.statuses:
            return False
        if event["confidence"] < self.min_confidence:
            return False
        if self.sanctioners and not self.sanctioners & set(event["sanctioners"] + event["sanctioner_entities"]):
            return False
        if self.targets and not self.targets & set(event["targets"] + event["target_entities"]):
            return False
        return True


@dataclass(frozen=True)
class WatchlistRule:
    name: str
    severity: str
    entities: frozenset[str] = frozenset()  # canonical names
    list_matches: bool = False  # any entity matched on a sanctions list
    countries: frozenset[str] = frozenset()
    geonameids: frozenset[int] = frozenset()
    # Lower-cased; when given, at least one must appear (case-insensitively, as a substring) in an evidence
    # sentence, and only the sentences holding one are kept as evidence. The title is not searched.
    keywords: tuple[str, ...] = ()

    def evidence(self, record: dict) -> tuple[list[str], list[str], list[dict]] | None:
        """(entities, places, list matches) that fire the rule, or None."""
        entities = [e["name"] for e in record["entities"] if e["name"] in self.entities]
        listed = [m | {"entity": e["name"]} for e in record["entities"] for m in e.get("list_matches", [])] if self.list_matches else []
        places = [p["name"] for p in record["places"]
                  if p["country_code"] in self.countries or p["geonameid"] in self.geonameids]
        if not (entities or listed or places):
            return None
        return entities + [m["entity"] for m in listed if m["entity"] not in entities], places, listed


@dataclass(frozen=True)
class Rules:
    sanctions: tuple[SanctionsRule, ...] = ()
    watchlist: tuple[WatchlistRule, ...] = ()
    source: str = "built-in defaults"
    names: frozenset[str] = field(default=frozenset())


def _schema() -> dict:
    return json.loads((Path(__file__).resolve().parents[2] / "schemas" / "rules.schema.json").read_text())


def _explain(error) -> str:
    if error.validator == "anyOf" and list(error.absolute_path)[:1] == ["watchlist"]:
        return "a watchlist rule needs entities, list_matches, countries or geonameids"
    if error.validator == "anyOf":
        return "give at least one 'sanctions' or 'watchlist' rule"
    return error.message


def parse_rules(text: str, source: str) -> Rules:
    data, node = read_checked(text, source, _schema(), RulesError, "give at least one sanctions or watchlist rule",
                              _explain)
    names: list[str] = []
    sanctions, watchlist = [], []
    for kind, rows in (("sanctions", data.get("sanctions", [])), ("watchlist", data.get("watchlist", []))):
        for index, row in enumerate(rows):
            if row["name"] in names:
                raise RulesError(f"{source}: line {line_of(node, [kind, index, 'name'])}: rule name {row['name']!r} is used twice")
            names.append(row["name"])
            if kind == "sanctions":
                sanctions.append(SanctionsRule(
                    row["name"], row["severity"], frozenset(row.get("statuses", [])), float(row.get("min_confidence", 0)),
                    frozenset(row.get("sanctioners", [])), frozenset(row.get("targets", [])), row.get("track", "story"),
                ))
            else:
                watchlist.append(WatchlistRule(
                    row["name"], row["severity"], frozenset(row.get("entities", [])), bool(row.get("list_matches", False)),
                    frozenset(row.get("countries", [])), frozenset(row.get("geonameids", [])),
                    tuple(k.lower() for k in row.get("keywords", [])),
                ))
    return Rules(tuple(sanctions), tuple(watchlist), source, frozenset(names))


def load_rules(path: Path | None) -> Rules:
    if path is None or str(path) == "":
        data = DEFAULT_RULES
        return parse_rules(yaml.safe_dump(data), "built-in defaults")
    path = Path(path)
    if not path.exists():
        raise RulesError(f"{path}: no such rules file (NEWSSTREAM_RULES); see deploy/rules.example.yml")
    return parse_rules(path.read_text(encoding="utf-8"), str(path))
