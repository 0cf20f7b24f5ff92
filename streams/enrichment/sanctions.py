"""Sentences that speak of sanctions, with their status, sanctioning parties and targets.

The trigger patterns and status cues are data (`data/sanctions.json`); this module only applies them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from streams.enrichment.entities import Mention
from streams.enrichment.gazetteer import Place

DATA_FILE = Path(__file__).resolve().parent / "data" / "sanctions.json"


@dataclass(frozen=True)
class SanctionsRules:
    triggers: dict[str, list[list[dict]]]
    status_cues: dict[str, frozenset[str]]
    status_priority: tuple[str, ...]
    future_auxiliaries: frozenset[str]
    future_governed_statuses: frozenset[str]
    off_topic_cues: frozenset[str]
    target_prepositions: frozenset[str]

    @classmethod
    def load(cls, path: Path | None = None) -> "SanctionsRules":
        data = json.loads(Path(path or DATA_FILE).read_text(encoding="utf-8"))
        rules = cls(
            triggers=data["triggers"],
            status_cues={status: frozenset(words) for status, words in data["status_cues"].items()},
            status_priority=tuple(data["status_priority"]),
            future_auxiliaries=frozenset(data["future_auxiliaries"]),
            future_governed_statuses=frozenset(data["future_governed_statuses"]),
            off_topic_cues=frozenset(data["off_topic_cues"]),
            target_prepositions=frozenset(data["target_prepositions"]),
        )
        unknown = set(rules.status_priority) ^ set(rules.status_cues)
        if unknown:
            raise ValueError(f"{path or DATA_FILE}: status_priority and status_cues disagree on {sorted(unknown)}")
        return rules


class SanctionsDetector:
    def __init__(self, vocab: Vocab, rules: SanctionsRules):
        self.rules = rules
        self.matcher = Matcher(vocab)
        for name, patterns in rules.triggers.items():
            self.matcher.add(name, patterns)

    def status(self, sentence: Span) -> str:
        found = set()
        for token in sentence:
            lemma = token.lemma_.lower()
            for status, cues in self.rules.status_cues.items():
                if lemma in cues or token.lower_ in cues:
                    # "would have expanded", "will impose": an act still to come is planned.
                    future = any(
                        child.dep_ == "aux" and child.lower_ in self.rules.future_auxiliaries for child in token.children
                    )
                    if future and status in self.rules.future_governed_statuses:
                        found.add("planned")
                    else:
                        found.add(status)
        for status in self.rules.status_priority:
            if status in found:
                return status
        return "discussed"

    def find(self, doc: Doc, places: dict[Mention, Place]) -> list[dict]:
        """One record per sentence that speaks of sanctions, in the order of the text."""
        by_sentence: dict[int, list[str]] = {}
        trigger_token: dict[int, int] = {}
        for match_id, start, _end in self.matcher(doc):
            sentence = doc[start].sent
            name = doc.vocab.strings[match_id]
            by_sentence.setdefault(sentence.start, [])
            if name not in by_sentence[sentence.start]:
                by_sentence[sentence.start].append(name)
            trigger_token.setdefault(sentence.start, start)
        records = []
        for sent_start, triggers in sorted(by_sentence.items()):
            sentence = doc[sent_start].sent
            countries = [(m, p) for m, p in places.items() if sentence.start_char <= m.start < sentence.end_char]
            if not countries and any(t.lemma_.lower() in self.rules.off_topic_cues for t in sentence):
                continue  # a regulator's or a league's sanctions: not the geopolitical kind
            sanctioners, targets = self._parties(doc, sentence, trigger_token[sent_start], countries)
            records.append(
                {
                    "sentence": sentence.text,
                    "start": sentence.start_char,
                    "end": sentence.end_char,
                    "triggers": triggers,
                    "status": self.status(sentence),
                    "sanctioners": sanctioners,
                    "targets": targets,
                }
            )
        return records

    def _parties(self, doc: Doc, sentence: Span, trigger: int, countries) -> tuple[list[str], list[str]]:
        """Countries before the trigger sanction; countries after a preposition such as 'on'/'against' are targets."""
        preposition_at = [
            t.idx for t in sentence if t.i >= trigger - 1 and t.lower_ in self.rules.target_prepositions
        ]
        target_from = min(preposition_at) if preposition_at else doc[trigger].idx
        sanctioners, targets = [], []
        for mention, place in sorted(countries, key=lambda mp: mp[0].start):
            code = place.country_code
            if not code:
                continue
            bucket = targets if mention.start >= target_from else sanctioners
            if code not in bucket:
                bucket.append(code)
        return sanctioners, targets
