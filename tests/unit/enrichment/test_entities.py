"""Entity clean-up on hand-made Docs: no model involved, so each rule is tested alone."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from streams.enrichment import entities as ents


def make_doc(words, tags):
    return Doc(Vocab(), words=words, ents=tags)


def test_short_names_merge_into_the_full_name(gazetteer):
    doc = make_doc(
        ["John", "Kerry", "met", "Lavrov", ".", "Kerry", "and", "Sergey", "Lavrov", "left", "."],
        ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [m.label for m in mentions] == ["PERSON", "PERSON", "PERSON", "PERSON"]
    names = ents.person_canonical_names(mentions)
    records = ents.group_entities(mentions, lambda m: names.get(m.text, m.text))
    assert [(r["name"], r["count"]) for r in records] == [("John Kerry", 2), ("Sergey Lavrov", 2)]
    lavrov_as_org = records[1]["mentions"][0]
    assert lavrov_as_org == {"start": 15, "end": 21, "text": "Lavrov", "label": "ORG"}
    assert doc.text[lavrov_as_org["start"]:lavrov_as_org["end"]] == "Lavrov"


def test_a_known_place_is_never_a_person_or_an_organisation(gazetteer):
    doc = make_doc(["Crimea", "votes", ";", "Rostov", "waits", "."], ["B-ORG", "O", "O", "B-PERSON", "O", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label, m.model_label) for m in mentions] == [("Crimea", "GPE", "ORG"), ("Rostov", "GPE", "PERSON")]


def test_an_ambiguous_short_name_is_left_alone(gazetteer):
    doc = make_doc(
        ["Anna", "Smith", "and", "Bob", "Smith", "saw", "Smith", "."],
        ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O"],
    )
    names = ents.person_canonical_names(ents.raw_mentions(doc))
    assert names["Smith"] == "Smith"


def test_leading_article_and_swallowed_words_are_trimmed_with_true_offsets(gazetteer):
    doc = make_doc(["The", "Russian", "Foreign", "Ministry", "said", ".", "Follow", "Lara", "Jakes"],
                   ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON"])
    mentions = ents.raw_mentions(doc)
    assert [m.text for m in mentions] == ["Russian Foreign Ministry", "Lara Jakes"]
    for m in mentions:
        assert doc.text[m.start:m.end] == m.text


def test_a_name_after_a_title_stays_a_person_though_a_town_shares_it(enricher):
    """'President Bush' is a person, not the Egyptian town Bush; so is a later bare 'Bush'."""
    from streams.records.models import Article

    [record] = enricher.enrich_many([Article(id="t", body=(
        "President Bush imposed new sanctions on Libya on Tuesday. Bush said the measures would stay."))])
    assert "Bush" in {e["name"].split()[-1] for e in record["entities"] if e["label"] == "PERSON"}
    assert {p["country_code"] for p in record["places"]} == {"LY"}
    assert [(e["sanctioners"], e["targets"]) for e in record["sanctions"]] == [(["US"], ["LY"])]  # from the leaders table


def whole_names(words, tags, gazetteer):
    doc = make_doc(words, tags)
    return [m.text for m in ents.whole_place_names(doc, ents.correct_labels(ents.raw_mentions(doc), gazetteer), gazetteer)]


def test_a_place_the_model_cut_short_is_the_longer_name_it_opens(gazetteer):
    # The model tags "Belle" of "Belle Plaine" (Minnesota), and "Bradford" of "Bradford Woods" (Pennsylvania).
    assert whole_names(["They", "won", "in", "Belle", "Plaine", "on", "Friday", "."],
                       ["O", "O", "O", "B-GPE", "O", "O", "O", "O"], gazetteer) == ["Belle Plaine"]
    assert whole_names(["the", "late", "Bradford", "Woods", "Mayor", "Ted", "Fithian"],
                       ["O", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON"], gazetteer) == ["Bradford Woods", "Ted Fithian"]


def test_a_place_stays_as_tagged_when_the_words_after_it_are_no_longer_place(gazetteer):
    # No place "Ohio Valley Bank"; "City" before a title is the title's ("Dublin City Manager" is Dublin's, not
    # the Irish county), unless the whole is a city's name; a word in another entity is not the place's.
    assert whole_names(["at", "Ohio", "Valley", "Bank", "today"], ["O", "B-GPE", "O", "O", "O"], gazetteer) == ["Ohio"]
    assert whole_names(["Dublin", "City", "Manager", "Terry", "Foegler"],
                       ["B-GPE", "O", "O", "B-PERSON", "I-PERSON"], gazetteer) == ["Dublin", "Terry Foegler"]
    assert whole_names(["Jersey", "City", "Mayor", "Steven", "Fulop"],
                       ["B-GPE", "O", "O", "B-PERSON", "I-PERSON"], gazetteer) == ["Jersey City", "Steven Fulop"]
    assert whole_names(["in", "Belle", "Plaine", "Smith", "said"], ["O", "B-GPE", "B-PERSON", "I-PERSON", "O"],
                       gazetteer) == ["Belle", "Plaine Smith"]
    # Only an exact name: "Guangdong Province" is only GeoNames' alternate name of the province.
    assert whole_names(["in", "Guangdong", "Province", "."], ["O", "B-GPE", "O", "O"], gazetteer) == ["Guangdong"]


def test_a_place_is_not_made_longer_with_the_next_sentence_s_words(gazetteer):
    doc = Doc(Vocab(), words=["They", "won", "in", "Belle", "Plaine", "won", "too"],
              sent_starts=[True, False, False, False, True, False, False], ents=["O", "O", "O", "B-GPE", "O", "O", "O"])
    assert [m.text for m in ents.whole_place_names(doc, ents.raw_mentions(doc), gazetteer)] == ["Belle"]


def test_a_town_tagged_norp_under_its_own_name_is_a_place_but_a_region_s_adjective_is_not(gazetteer):
    doc = make_doc(["Fans", "in", "Tunis", "and", "Latin", "American", "exiles", "."],
                   ["O", "O", "B-NORP", "O", "B-NORP", "I-NORP", "O", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label) for m in mentions] == [("Tunis", "GPE"), ("Latin American", "NORP")]


def test_the_place_of_an_office_the_model_read_into_a_name_is_a_place(gazetteer):
    doc = make_doc(["said", "Avondale", "Mayor", "Ed", "Rieker", "and", "Billie", "Jean", "King", "."],
                   ["O", "B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label) for m in mentions] == [("Avondale", "GPE"), ("Ed Rieker", "PERSON"), ("Billie Jean King", "PERSON")]
    # and a bare "Avondale" later is no part of a person's name
    doc = make_doc(["Avondale", "Mayor", "Ed", "Rieker", "spoke", "in", "Avondale", "."],
                   ["B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O"])
    assert [(m.text, m.label) for m in ents.correct_labels(ents.raw_mentions(doc), gazetteer)][-1] == ("Avondale", "GPE")


def test_a_known_place_the_model_tagged_product_or_language_is_a_place_and_other_products_are_no_mentions(gazetteer):
    doc = make_doc(["Syria", "pressuring", "Cyprus", "over", "the", "iPhone", "in", "a", "Winnipeg", "jail", "or", "in",
                    "Aleppo", "?"],
                   ["B-GPE", "O", "B-PRODUCT", "O", "O", "B-PRODUCT", "O", "O", "B-PRODUCT", "O", "O", "O",
                    "B-LANGUAGE", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label, m.model_label) for m in mentions] == [
        ("Syria", "GPE", "GPE"), ("Cyprus", "GPE", "PRODUCT"), ("Winnipeg", "GPE", "PRODUCT"), ("Aleppo", "GPE", "LANGUAGE")]


def test_untagged_demonyms_are_norp_unless_they_open_a_longer_name(gazetteer):
    doc = make_doc(["the", "Czechs", "hold", "the", "German", "Cup", "and", "Israeli", "-", "Egyptian", "peace", "in",
                    "South", "East", "Asian", "cities", "."], ["O"] * 17)
    found = ents.demonym_mentions(doc, [], gazetteer)
    assert [(m.text, m.label) for m in found] == [("Czechs", "NORP"), ("Israeli", "NORP"), ("Egyptian", "NORP")]
    # nor inside another mention
    taken = [ents.Mention(doc[1].idx, doc[1].idx + 6, "Czechs", "NORP", "NORP")]
    assert [m.text for m in ents.demonym_mentions(doc, taken, gazetteer)] == ["Israeli", "Egyptian"]


def test_a_town_s_institution_the_model_took_for_a_person_does_not_make_the_town_a_person(gazetteer):
    doc = make_doc(["Litchfield", "Fire", "Chief", "Jim", "Kosek", "came", "to", "Litchfield", "and", "met", "Jim",
                    "Fire", "."],
                   ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O", "B-PERSON",
                    "I-PERSON", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label) for m in mentions] == [
        ("Litchfield Fire", "ORG"), ("Jim Kosek", "PERSON"), ("Litchfield", "GPE"), ("Jim Fire", "PERSON")]


def test_a_legislator_s_home_after_the_party_letter_is_a_place(gazetteer):
    words = ["Rep.", "Wendell", "Gilliard", ",", "D", "-", "Charleston", ",", "and", "Rep.", "Earl", "Pomeroy", ",", "D",
             "-", "N.D.", "agreed", "."]
    spaces = [True, True, False, True, False, False, False, True, True, True, True, False, True, False, False, True,
              False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces,
              ents=["O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-PERSON", "I-PERSON",
                    "O", "O", "O", "O", "O", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label) for m in mentions][1] == ("Charleston", "GPE")
    assert doc.text[mentions[1].start:mentions[1].end] == "Charleston"
    assert [m.text for m in ents.gazetteer_mentions(doc, gazetteer)] == ["N.D."]


def test_of_after_a_direction_takes_a_place_but_a_person_s_of_is_an_employer_s(gazetteer):
    import spacy

    doc = Doc(spacy.blank("en").vocab,  # with English lexical attributes: lower-case forms, stop words
              words=["Jane", "Doe", "of", "Harvard", "lives", "45", "miles", "southeast", "of", "Champaign", "."],
              ents=["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O"])
    mentions = ents.correct_labels(ents.raw_mentions(doc), gazetteer)
    assert [(m.text, m.label) for m in mentions] == [("Jane Doe", "PERSON"), ("Harvard", "ORG")]
    assert [m.text for m in ents.gazetteer_mentions(doc, gazetteer)] == ["Champaign"]


def test_a_longer_name_may_hold_particles_and_hyphens(gazetteer):
    doc = Doc(Vocab(), words=["in", "Deir", "ez", "-", "Zor", "and", "Deir", "ez", "-", "Zorro"],
              spaces=[True, True, False, False, True, True, True, False, False, False],
              ents=["O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O"])
    mentions = ents.whole_place_names(doc, ents.raw_mentions(doc), gazetteer)
    assert [m.text for m in mentions] == ["Deir ez-Zor", "Deir"]


def test_a_person_whose_family_name_is_a_local_word_stays_a_person(gazetteer):
    doc = make_doc(["Rosa", "Parks", "and", "Jordan", "Parish", "met", "."],
                   ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"])
    assert [(m.text, m.label) for m in ents.correct_labels(ents.raw_mentions(doc), gazetteer)] == [
        ("Rosa Parks", "PERSON"), ("Jordan Parish", "PERSON")]
