"""Named entities of a Doc: labels corrected with the gazetteer, mentions merged under canonical names."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from streams.enrichment.gazetteer import Gazetteer

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
PLACE_LABELS = ("GPE", "LOC")
_LEADING_NOISE = ("the ", "The ")
_TITLE_WORDS = {"follow", "president", "minister", "secretary", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."}


GAZETTEER = "gazetteer"  # model_label of a place the model missed and the gazetteer found
DATELINE = "dateline"  # model_label of the place a wire story was filed from ("BRUSSELS (Reuters) -")
MAX_PLACE_WORDS = 3
PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "from", "near", "outside", "into", "across", "to", "around"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # after correction
    model_label: str

    def as_record(self) -> dict:
        record = {"start": self.start, "end": self.end, "text": self.text}
        if self.model_label in (GAZETTEER, DATELINE):
            record["found_by"] = self.model_label
        elif self.label != self.model_label:
            record["label"] = self.model_label
        return record


def _trim(text: str, start: int) -> tuple[str, int]:
    """Drop a leading article and a trailing possessive, keeping offsets true to the body."""
    for prefix in _LEADING_NOISE:
        if text.startswith(prefix) and len(text) > len(prefix):
            text, start = text[len(prefix):], start + len(prefix)
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text, start


def raw_mentions(doc: Doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text, start = _trim(ent.text, ent.start_char)
        words = text.split()
        if ent.label_ == "PERSON" and len(words) > 1 and words[0].lower() in _TITLE_WORDS:
            # "Follow Lara Jakes": the model swallowed the word before the name.
            cut = text.index(words[1])
            text, start = text[cut:], start + cut
        if text.strip():
            mentions.append(Mention(start, start + len(text), text, ent.label_, ent.label_))
    return mentions


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Well-known places the model left untagged ("the eastern city of Donetsk")."""
    tagged = {t.i for ent in doc.ents for t in ent}
    found, i = [], 0
    while i < len(doc):
        token = doc[i]
        # Capitalised words only: the article pass has no tagger, and lower-case words are not names.
        if token.i in tagged or not token.text[:1].isupper() or not token.is_alpha:
            i += 1
            continue
        for size in range(MAX_PLACE_WORDS, 0, -1):
            span = doc[i:i + size]
            if len(span) < size or any(t.i in tagged or t.is_space or t.is_punct for t in span):
                continue
            if not gazetteer.is_strict_place(span.text):
                continue
            place = gazetteer.candidates(span.text)[0]
            # A bare city name is often a team ("Portsmouth 2 Walsall 1"); after "in", "of", "from" it is a place.
            if place.feature == "city" and (span.start == 0 or doc[span.start - 1].lower_ not in PLACE_PREPOSITIONS):
                continue
            label = "LOC" if place.feature in ("sea", "continent") else "GPE"
            found.append(Mention(span.start_char, span.end_char, span.text, label, GAZETTEER))
            i += size
            break
        else:
            i += 1
    return found


def correct_labels(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Fix the model's obvious errors: known places tagged PERSON/ORG, surnames tagged ORG/GPE."""
    person_parts = {
        word for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1 for word in m.text.split()
    }
    corrected = []
    for m in mentions:
        label = m.label
        place = gazetteer.candidates(m.text)[0] if gazetteer.is_strict_place(m.text) else None
        # A city tagged ORG is mostly a team or a government by metonymy ("Barcelona won", "Moscow said");
        # a country, region or sea tagged ORG, or any known place tagged PERSON, is the model's error.
        if place and m.text not in person_parts and (label == "PERSON" or (label == "ORG" and place.feature != "city")):
            label = "LOC" if place.feature in ("sea", "continent") else "GPE"
        elif label in ("ORG", "GPE") and m.text in person_parts and not gazetteer.is_strict_place(m.text):
            label = "PERSON"
        elif label in PLACE_LABELS and gazetteer.demonym_country(m.text) and not gazetteer.candidates(m.text):
            label = "NORP"  # "Ukrainian" tagged GPE is a demonym
        corrected.append(Mention(m.start, m.end, m.text, label, m.model_label))
    return corrected


def person_canonical_names(mentions: list[Mention]) -> dict[str, str]:
    """Map every PERSON surface form to the longest name it is part of ("Kerry" -> "John Kerry")."""
    full_names = sorted({m.text for m in mentions if m.label == "PERSON"}, key=lambda n: -len(n.split()))
    canonical: dict[str, str] = {}
    for name in full_names:
        words = name.split()
        matches = [
            full for full in full_names
            if len(full.split()) > len(words) and (full.split()[-len(words):] == words or full.split()[: len(words)] == words)
        ]
        # An ambiguous short form ("Smith" with two Smiths) stays as it is.
        longest = {canonical.get(full, full) for full in matches}
        canonical[name] = longest.pop() if len(longest) == 1 else name
    return canonical


def group_entities(mentions: list[Mention], canonical_name) -> list[dict]:
    """Entity records, most mentioned first; `canonical_name(mention)` names each mention's entity."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[(canonical_name(m), m.label)].append(m)
    records = [
        {"name": name, "label": label, "count": len(ms), "mentions": [m.as_record() for m in ms]}
        for (name, label), ms in grouped.items()
    ]
    records.sort(key=lambda r: (-r["count"], r["mentions"][0]["start"]))
    return records
