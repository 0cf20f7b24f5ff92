"""Enriched record in, alerts out, given the story-level state. Pure: the state is any mapping.

The agent passes dicts restored from a changelog topic (streams.alerts.store); tests pass plain dicts.
"""
from __future__ import annotations

import hashlib

import pycountry
from dataclasses import dataclass
from typing import MutableMapping

from streams.common import fingerprint as fp
from streams.alerts.rules import Rules, SanctionsRule, WatchlistRule
from streams.common.clock import utc_now
from streams.records.models import Alert, AlertArticle, AlertTimestamps, Relationship

MAX_STORIES_PER_BAND = 50
COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries)  # bounded memory: the most recent stories sharing a band


@dataclass
class AlertState:
    articles: MutableMapping  # article id -> story id
    bands: MutableMapping  # SimHash band -> [[fingerprint hex, story id], ...]
    alerted: MutableMapping  # "rule|story" -> alert id
    relationships: MutableMapping  # "rule|sanctioner|target" -> last status

    @classmethod
    def in_memory(cls) -> "AlertState":
        return cls({}, {}, {}, {})


def digest(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


def story_of(record: dict, state: AlertState) -> str:
    """The story an article belongs to: its own id seen before, or a near-identical text seen before."""
    known = state.articles.get(record["id"])
    if known:
        return known
    print_ = int(record["fingerprint"], 16)
    story = None
    for band in fp.bands(print_):
        for other, other_story in state.bands.get(band, ()):
            if fp.distance(print_, int(other, 16)) <= fp.NEAR_DUPLICATE_BITS:
                story = other_story
                break
        if story:
            break
    story = story or record["id"]
    state.articles[record["id"]] = story
    for band in fp.bands(print_):
        entries = [e for e in state.bands.get(band, ()) if e[1] != story][-(MAX_STORIES_PER_BAND - 1):]
        state.bands[band] = entries + [[record["fingerprint"], story]]
    return story


def _sentences_with(record: dict, spans: list[tuple[int, int]]) -> list[dict]:
    body = record["body"]
    chosen = []
    for start, end in record["sentences"]:
        if any(start <= s < end for s, _ in spans):
            chosen.append({"sentence": body[start:end], "start": start, "end": end})
    return chosen


def _alert(record: dict, alert_type: str, rule, story: str, evidence: list[dict], entities, places, *,
           alert_key: str, list_matches=(), relationship: Relationship | None = None) -> dict:
    return Alert(
        alert_id=digest(alert_type, rule.name, alert_key),
        type=alert_type,
        rule=rule.name,
        severity=rule.severity,
        story_id=story,
        article=AlertArticle(id=record["id"], title=record.get("title"), url=record.get("url")),
        evidence=evidence,
        entities=sorted(set(entities)),
        places=sorted(set(places)),
        countries=sorted({p["country_code"] for p in record["places"] if p["name"] in places and p["country_code"]}
                         | ({relationship.sanctioner, relationship.target} & COUNTRY_CODES if relationship else set())),
        list_matches=list(list_matches),
        timestamps=AlertTimestamps(published=record.get("published_at"),
                                   enriched=record["processing"]["enriched_at"], alerted=utc_now()),
        relationship=relationship,
    ).to_dict()


def _sanctions_evidence(events: list[dict]) -> list[dict]:
    return [{"sentence": e["sentence"], "start": e["start"], "end": e["end"], "status": e["status"],
             "triggers": e["triggers"]} for e in events]


def sanctions_alerts(record: dict, rule: SanctionsRule, story: str, state: AlertState) -> list[dict]:
    events = [e for e in record["sanctions"] if rule.matches(e)]
    if not events:
        return []
    places = [p["name"] for p in record["places"]]
    if rule.track == "story":
        key = f"{rule.name}|{story}"
        if key in state.alerted:
            return []
        entities = [n for e in events for n in e["sanctioner_entities"] + e["target_entities"]]
        alert = _alert(record, "sanctions", rule, story, _sanctions_evidence(events), entities, places, alert_key=story)
        state.alerted[key] = alert["alert_id"]
        return [alert]
    alerts = []
    for event in events:
        for sanctioner in event["sanctioners"] or event["sanctioner_entities"]:
            for target in event["targets"] or event["target_entities"]:
                key = f"{rule.name}|{sanctioner}|{target}"
                previous = state.relationships.get(key)
                if previous == event["status"]:
                    continue
                state.relationships[key] = event["status"]
                relationship = Relationship(sanctioner=sanctioner, target=target, status=event["status"],
                                            previous_status=previous)
                alerts.append(_alert(
                    record, "sanctions", rule, story, _sanctions_evidence([event]),
                    event["sanctioner_entities"] + event["target_entities"], places,
                    alert_key=f"{sanctioner}|{target}|{event['status']}|{record['id']}", relationship=relationship,
                ))
    return alerts


def watchlist_alert(record: dict, rule: WatchlistRule, story: str, state: AlertState) -> dict | None:
    found = rule.evidence(record)
    if found is None:
        return None
    entities, places, listed = found
    spans = [(m["start"], m["end"]) for e in record["entities"] if e["name"] in entities for m in e["mentions"]]
    spans += [(m["start"], m["end"]) for p in record["places"] if p["name"] in places for m in p["mentions"]]
    evidence = _sentences_with(record, spans)
    if rule.keywords:  # in the evidence sentences only, not the title (README, "Alerts")
        evidence = [s for s in evidence if any(k in s["sentence"].lower() for k in rule.keywords)]
    if not evidence:
        return None
    key = f"{rule.name}|{story}"
    if key in state.alerted:
        return None
    alert = _alert(record, "watchlist", rule, story, evidence, entities, places, alert_key=story, list_matches=listed)
    state.alerted[key] = alert["alert_id"]
    return alert


def evaluate(record: dict, rules: Rules, state: AlertState) -> list[dict]:
    """Every alert the record raises under the rules, updating the state; [] for a story already alerted."""
    story = story_of(record, state)
    alerts = []
    for rule in rules.sanctions:
        alerts.extend(sanctions_alerts(record, rule, story, state))
    for rule in rules.watchlist:
        alert = watchlist_alert(record, rule, story, state)
        if alert:
            alerts.append(alert)
    return alerts
