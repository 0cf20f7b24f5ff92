"""Alerts derived from an enriched record. Pure: record in, alert documents out."""
from __future__ import annotations

import hashlib

from streams.enrichment.enrich import utc_now

DEFAULT_RULE = "sanctions-mention"
STATUS_SEVERITY = {"imposed": "high", "expanded": "high", "lifted": "high", "planned": "medium", "threatened": "medium", "discussed": "low"}
SEVERITY_ORDER = ("low", "medium", "high", "critical")


def alert_id(article_id: str, rule: str) -> str:
    """Deterministic: the same article under the same rule always gives the same id."""
    return hashlib.blake2b(f"{rule}\x00{article_id}".encode(), digest_size=16).hexdigest()


def sanctions_alert(enriched: dict, rule: str = DEFAULT_RULE) -> dict | None:
    mentions = enriched["sanctions"]
    if not mentions:
        return None
    severity = max((STATUS_SEVERITY[m["status"]] for m in mentions), key=SEVERITY_ORDER.index)
    return {
        "alert_id": alert_id(enriched["id"], rule),
        "type": "sanctions",
        "rule": rule,
        "severity": severity,
        "article": {"id": enriched["id"], "title": enriched.get("title"), "url": enriched.get("url")},
        "evidence": [
            {"sentence": m["sentence"], "start": m["start"], "end": m["end"], "status": m["status"], "triggers": m["triggers"]}
            for m in mentions
        ],
        "entities": [e["name"] for e in enriched["entities"] if e["label"] in ("PERSON", "ORG")],
        "places": [p["name"] for p in enriched["places"]],
        "timestamps": {
            "published": enriched.get("published_at"),
            "enriched": enriched["processing"]["enriched_at"],
            "alerted": utc_now(),
        },
    }
