"""Sentences that speak of sanctions: status, who sanctions, who is targeted, and how sure we are.

The trigger patterns, status cues and sanctioning bodies are data (`data/sanctions.json`);
this module only applies them to a parsed Doc.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

DATA_FILE = Path(__file__).resolve().parent / "data" / "sanctions.json"


@dataclass(frozen=True)
class Party:
    """An entity of the article that could sanction or be sanctioned, located in the body."""

    start: int
    end: int
    label: str
    name: str  # canonical entity name
    country: str | None = None  # alpha-2 of the place, or of the demonym's country
    body: str | None = None  # a sanctioning body's code ("EU", "UN") or country for a national institution


@dataclass(frozen=True)
class SanctionsRules:
    triggers: dict[str, list[list[dict]]]
    trigger_confidence: dict[str, float]
    status_cues: dict[str, frozenset[str]]
    status_priority: tuple[str, ...]
    future_auxiliaries: frozenset[str]
    future_governed_statuses: frozenset[str]
    off_topic_cues: frozenset[str]
    target_prepositions: frozenset[str]
    sanctioning_bodies: dict[str, str]
    subject_deps: frozenset[str]
    noun_phrase_deps: frozenset[str]
    exclusions: tuple[dict, ...] = ()
    expanding_modifiers: frozenset[str] = frozenset()
    strong_off_topic_cues: frozenset[str] = frozenset()
    usual_sanctioners: frozenset[str] = frozenset()
    candidate_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> "SanctionsRules":
        path = Path(path or DATA_FILE)
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = cls(
            triggers=data["triggers"],
            trigger_confidence=data["trigger_confidence"],
            status_cues={status: frozenset(words) for status, words in data["status_cues"].items()},
            status_priority=tuple(data["status_priority"]),
            future_auxiliaries=frozenset(data["future_auxiliaries"]),
            future_governed_statuses=frozenset(data["future_governed_statuses"]),
            off_topic_cues=frozenset(data["off_topic_cues"]),
            target_prepositions=frozenset(data["target_prepositions"]),
            sanctioning_bodies=data["sanctioning_bodies"],
            subject_deps=frozenset(data["subject_deps"]),
            noun_phrase_deps=frozenset(data["noun_phrase_deps"]),
            exclusions=tuple(data.get("exclusions", ())),
            expanding_modifiers=frozenset(data.get("expanding_modifiers", ())),
            strong_off_topic_cues=frozenset(data.get("strong_off_topic_cues", ())),
            usual_sanctioners=frozenset(data.get("usual_sanctioners", ())),
            candidate_words=frozenset(data["candidate_words"]),
        )
        if set(rules.status_priority) != set(rules.status_cues):
            raise ValueError(f"{path}: status_priority and status_cues name different statuses")
        if set(rules.triggers) != set(rules.trigger_confidence):
            raise ValueError(f"{path}: every trigger needs a confidence, and only triggers have one")
        return rules


class SanctionsDetector:
    def __init__(self, vocab: Vocab, rules: SanctionsRules):
        self.rules = rules
        self.matcher = Matcher(vocab)
        for name, patterns in rules.triggers.items():
            self.matcher.add(name, patterns)

    def candidate_sentences(self, doc: Doc) -> list[Span]:
        """Sentences with a word a trigger could be made of; only these get parsed."""
        return [sent for sent in doc.sents if any(t.lower_ in self.rules.candidate_words for t in sent)]

    def body_of(self, text: str) -> str | None:
        return self.rules.sanctioning_bodies.get(text)

    # --- status -----------------------------------------------------------------------------

    def cues(self, tokens) -> set[str]:
        found = set()
        for token in tokens:
            lemma = token.lemma_.lower()
            for status, cues in self.rules.status_cues.items():
                if lemma in cues or token.lower_ in cues:
                    # "would have expanded", "will impose": an act still to come is planned.
                    future = any(
                        child.dep_ in ("aux", "auxpass") and child.lower_ in self.rules.future_auxiliaries
                        for child in token.children
                    )
                    found.add("planned" if future and status in self.rules.future_governed_statuses else status)
        return found

    def _ranked(self, found: set[str]) -> str | None:
        return next((status for status in self.rules.status_priority if status in found), None)

    def status(self, sentence: Span, trigger: Token | None = None) -> str:
        """The trigger's own words decide first ("stricter sanctions", "the lifting of sanctions"), then the
        verbs it hangs from ("urged ... to impose sanctions"), then the whole sentence."""
        if trigger is not None:
            if any(c.lower_ in self.rules.expanding_modifiers for c in trigger.children if c.dep_ in ("amod", "advmod")):
                return "expanded"
            chain, token = [trigger], trigger
            while token.head.i != token.i:
                token = token.head
                chain.append(token)
            chosen = self._ranked(self.cues(chain))
            if chosen:
                return chosen
        return self._ranked(self.cues(sentence)) or "discussed"

    # --- parties ----------------------------------------------------------------------------

    def noun_phrase(self, head: Token) -> list[Token]:
        """The head and the words that describe it, without relative clauses and other asides."""
        tokens, stack = [], [head]
        while stack:
            token = stack.pop()
            tokens.append(token)
            for child in token.children:
                dep = "prep_of" if child.dep_ == "prep" and child.lower_ == "of" else child.dep_
                if dep in self.rules.noun_phrase_deps:
                    stack.append(child)
        return tokens

    @staticmethod
    def parties_in(tokens: list[Token], parties: list[Party]) -> list[Party]:
        spans = [(t.idx, t.idx + len(t)) for t in tokens]
        return [p for p in parties if any(start <= p.start < end for start, end in spans)]

    def sanctioners(self, trigger: Token, parties: list[Party]) -> list[Party]:
        """Climb from the trigger through its heads to the first subject that names a party."""
        token = trigger
        while True:
            for child in token.children:
                if child.dep_ in self.rules.subject_deps or (
                    token.dep_ == "ROOT" and token.pos_ == "NOUN" and child.dep_ == "nmod"
                ):  # "the U.S. and EU plan to ...": the small model often parses 'plan' as a noun
                    found = self.parties_in(self.noun_phrase(child), parties)
                    if found:
                        return found
            if token.head.i == token.i or token.dep_ in ("ccomp", "parataxis"):
                return []  # "Lavrov said sanctions would hurt": the speaker does not sanction
            token = token.head

    def modifiers(self, trigger: Token, parties: list[Party]) -> tuple[list[Party], list[Party]]:
        """Countries that qualify the trigger: "U.S. sanctions" are by the U.S., "South African sanctions" on South Africa."""
        # "the South African sanctions law": the trigger qualifies a noun whose modifiers are the trigger's too.
        owners = [trigger, trigger.head] if trigger.dep_ == "compound" else [trigger]
        tokens = [t for owner in owners for c in owner.children
                  if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < trigger.i and c.i != trigger.i
                  for t in c.subtree]
        by, on = [], []
        for party in self.parties_in(tokens, parties):
            (by if (party.body or party.country) in self.rules.usual_sanctioners else on).append(party)
        return by, on

    def targets(self, trigger: Token, parties: list[Party]) -> list[Party]:
        """Parties after 'on'/'against' attached to the trigger or its verb."""
        heads = [trigger]
        if trigger.head.i != trigger.i:
            heads.append(trigger.head)
        phrases = []
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in self.rules.target_prepositions:
                    phrases.extend(self.noun_phrase(child))
        return self.parties_in(phrases, parties)

    # --- sentences --------------------------------------------------------------------------

    def find(self, parsed_sentences: list[tuple[Span, Doc]], parties: list[Party]) -> list[dict]:
        """One record per sentence that speaks of sanctions, in the order of the text.

        `parsed_sentences` pairs each candidate sentence of the article with its own parsed Doc;
        parties are located in the article, so their offsets are moved into the sentence Doc.
        """
        records = []
        for article_sentence, doc in parsed_sentences:
            offset = article_sentence.start_char
            triggers: list[tuple[str, Token]] = []
            for match_id, start, end in self.matcher(doc):
                name = doc.vocab.strings[match_id]
                if self.excluded(name, doc[start:end]):
                    continue
                # The word that carries the phrase: "sanctions", or "freeze" of "asset freeze".
                triggers.append((name, max(doc[start:end], key=lambda t: t.pos_ in ("NOUN", "VERB", "PROPN"))))
            if not triggers:
                continue
            sentence = doc[:]
            in_sentence = [
                Party(p.start - offset, p.end - offset, p.label, p.name, p.country, p.body)
                for p in parties if offset <= p.start < article_sentence.end_char
            ]
            places_here = [p for p in in_sentence if p.country or p.body]
            lemmas = {t.lemma_.lower() for t in sentence}
            if lemmas & self.rules.strong_off_topic_cues or (not places_here and lemmas & self.rules.off_topic_cues):
                continue  # a regulator's, a court's or a league's sanctions: not the geopolitical kind
            sanctioners: list[Party] = []
            targets: list[Party] = []
            triggers.sort(key=lambda pair: pair[1].i)
            for _name, head in triggers:
                by, on = self.modifiers(head, in_sentence)
                found_by = [p for p in self.sanctioners(head, in_sentence) if p not in on] + by
                sanctioners += [p for p in found_by if p not in sanctioners]
                targets += [p for p in self.targets(head, in_sentence) + on if p not in targets and p not in sanctioners]
            if not targets:
                # No target in the structure: the countries the sentence names that do not sanction.
                sanctioning = {p.country for p in sanctioners} | {p.body for p in sanctioners}
                targets = [p for p in places_here if p.country and p.country not in sanctioning and not p.body
                           and p.label != "NORP" and p.country not in self.rules.usual_sanctioners]
            status = self.status(sentence, triggers[0][1])
            names = list(dict.fromkeys(name for name, _ in triggers))
            records.append(
                {
                    "sentence": article_sentence.text,
                    "start": article_sentence.start_char,
                    "end": article_sentence.end_char,
                    "triggers": names,
                    "status": status,
                    "sanctioners": _codes(sanctioners),
                    "sanctioner_entities": _entity_names(sanctioners),
                    "targets": _codes(targets, bodies=False),
                    "target_entities": _entity_names(targets),
                    "confidence": self.confidence(names, status, sanctioners, targets),
                }
            )
        return records

    def excluded(self, name: str, span: Span) -> bool:
        following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        for rule in self.rules.exclusions:
            if rule["trigger"] == name and following in rule["next"] and span.text.lower() == rule.get("text", span.text.lower()):
                return True
        return False

    def confidence(self, triggers: list[str], status: str, sanctioners: list, targets: list) -> float:
        score = max(self.rules.trigger_confidence[name] for name in triggers)
        score += 0.15 if status != "discussed" else 0.0
        score += 0.1 if sanctioners else 0.0
        score += 0.1 if targets else 0.0
        return round(min(score, 0.99), 2)


def _codes(parties: list[Party], bodies: bool = True) -> list[str]:
    codes = []
    for p in parties:
        code = (p.body if bodies else None) or p.country
        if code and code not in codes:
            codes.append(code)
    return codes


def _entity_names(parties: list[Party]) -> list[str]:
    return list(dict.fromkeys(p.name for p in parties if p.label in ("PERSON", "ORG")))
