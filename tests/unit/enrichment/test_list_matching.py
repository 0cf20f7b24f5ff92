"""Sanctions-list screening the OpenSanctions way (issue 15): the rules, on small lists written here and on the real files."""
import pytest

from streams.enrichment.sanctions_lists import ListEntry, MatchContext, SanctionsIndex, match_context


def entry(entry_id, name, kind="entity", aliases=(), title="", nationalities=(), years=(), countries=(), linked_to=(),
          programs=("TEST",)):
    return ListEntry("OFAC SDN", "2024-05-03", entry_id, name, kind, tuple(programs), tuple(aliases), title, tuple(nationalities),
                     tuple(years), countries=tuple(countries), linked_to=tuple(linked_to))


@pytest.fixture(scope="module")
def small():
    index = SanctionsIndex()
    index.add([
        entry("1", "SERB DEMOCRATIC PARTY"),
        entry("2", "STATE ORGANIZATION FOR ELECTRICITY"),
        entry("3", "SYRIAN NATIONAL SECURITY BUREAU"),
        entry("4", "HTOO GROUP OF COMPANIES"),
        entry("5", "ISLAMIC REVOLUTIONARY GUARD CORPS"),
        entry("6", "ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE"),
        entry("7", "ISLAMIC STATE OF IRAQ AND THE LEVANT", aliases=["ISLAMIC STATE"]),
        entry("8", "ISLAMIC STATE OF IRAQ AND SYRIA - MOZAMBIQUE"),
        entry("9", "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"),
        entry("10", "COMMUNIST PARTY OF THE PHILIPPINES"),
        entry("11", "FU YUAN YU 123", kind="vessel"),
        entry("12", "ROSNEFT TRADING S.A."),
        entry("13", "PRIVATE MILITARY COMPANY 'WAGNER'"),
        entry("20", "MADURO MOROS, Nicolas", "individual", title="President of the Bolivarian Republic of Venezuela",
              nationalities=["Venezuela"], years=[1962]),
        entry("21", "MADURO GUERRA, Nicolas Ernesto", "individual", years=[1990]),
        entry("22", "KIM, Myong Chol", "individual"),
        entry("23", "KIM, Yong Chol", "individual"),
        entry("24", "KIM, Yong Chol", "individual"),
        entry("25", "SOLEIMANI, Qasem", "individual", nationalities=["Iran"]),
        entry("26", "LAVROV, Sergei Viktorovich", "individual", title="Minister of Foreign Affairs of the Russian Federation",
              nationalities=["Russia"]),
        entry("27", "LAVROVA, Maria Aleksandrovna", "individual"),
        entry("28", "PUTIN, Vladimir Vladimirovich", "individual"),
    ])
    return index


def ids(hits):
    return [h["entry_id"] for h in hits]


@pytest.mark.parametrize("name", ["Democratic Party", "State Department", "National Security", "Group of", "Communist Party",
                                  "Revolutionary Guard", "Democratic People's Republic of Korea", "Yu Yuan", "Rosneft",
                                  "Government of Russia", "the Kremlin"])
def test_generic_words_countries_fragments_and_qualified_names_never_hit(small, name):
    assert small.match(name, "ORG") == []


def test_a_mention_hits_its_listed_name_not_its_branches(small):
    assert ids(small.match("Islamic Revolutionary Guard Corps", "ORG")) == ["5"]
    assert ids(small.match("Wagner Group", "ORG")) == ["13"]


def test_a_listed_alias_is_the_exception_to_the_qualifier_rule(small):
    hits = small.match("Islamic State", "ORG")
    assert ids(hits) == ["7"]
    assert hits[0]["matched_name"] == "ISLAMIC STATE" and hits[0]["matched_alias"] is True


def test_given_and_family_names_must_both_agree(small):
    assert ids(small.match("Nicolás Maduro", "PERSON")) == ["20"]  # not his son MADURO GUERRA
    assert small.match("Maduro", "PERSON") == []
    assert small.match("Vladimir Vladimirovich", "PERSON") == []  # given name and patronymic, no family name
    assert "22" not in ids(small.match("Kim Yong Chol", "PERSON"))  # not KIM, Myong Chol
    assert ids(small.match("Sergey Lavrov", "PERSON")) == ["26"]  # not LAVROVA
    assert ids(small.match("Qassem Soleimani", "PERSON")) == ["25"]
    assert ids(small.match("Vladmir Putin", "PERSON")) == ["28"]  # a letter dropped inside a word


def test_two_entries_that_tie_are_both_given_and_flagged(small):
    hits = small.match("Kim Yong Chol", "PERSON")
    assert sorted(ids(hits)) == ["23", "24"] and all(h["tie"] for h in hits)
    assert small.match("Sergei Lavrov", "PERSON")[0]["tie"] is False


def test_each_hit_carries_its_evidence(small):
    hit = small.match("Sergei Lavrov", "PERSON")[0]
    assert hit["matched_name"] == "LAVROV, Sergei Viktorovich" and hit["method"] == "name-parts/person"
    assert hit["aligned"] == ["sergei=sergei", "lavrov=lavrov"] or sorted(hit["aligned"]) == ["lavrov=lavrov", "sergei=sergei"]
    assert hit["features"]["name_parts"] == 1.0


def test_context_raises_or_lowers_the_score_and_says_which(small):
    plain = small.match("Sergei Lavrov", "PERSON")[0]["score"]
    body = "Russian Foreign Minister Sergei Lavrov said"
    context = match_context(body, [{"start": 25, "end": 38}], ["RU"], "2022-03-01")
    raised = small.match("Sergei Lavrov", "PERSON", context)[0]
    assert "title_agrees" in raised["features"] and "nationality_in_article" in raised["features"]
    lowered = small.match("Qassem Soleimani", "PERSON", MatchContext(countries=frozenset({"FR"})))
    assert lowered[0]["features"]["nationality_absent"] < 0 and lowered[0]["score"] < plain
    too_young = small.match("Nicolas Maduro", "PERSON", MatchContext(year=2005))
    assert ids(too_young) == ["20"]


def test_the_real_lists(sanctions_index):
    assert ids(sanctions_index.match("Vladimir Putin", "PERSON")) == ["35096"]
    assert ids(sanctions_index.match("Sergey Lavrov", "PERSON")) == ["35233"]
    assert ids(sanctions_index.match("Nicolás Maduro", "PERSON")) == ["22790"]
    for name in ("Democratic Party", "State Department", "National Security", "Group of"):
        assert sanctions_index.match(name, "ORG") == []


@pytest.fixture(scope="module")
def russia():
    index = SanctionsIndex()
    index.add([
        entry("40", "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA", countries=["RU"]),
        entry("41", "JOINT STOCK COMPANY SBERBANK", countries=["UA"], linked_to=["PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"]),
        entry("42", "SBERBANK EUROPE AG", countries=["AT"], linked_to=["PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"]),
        entry("43", "JOINT STOCK COMPANY CHANNEL ONE RUSSIA", countries=["RU"]),
        entry("44", "FEDERAL SECURITY SERVICE", aliases=["FSB"], programs=["RUSSIA-EO14024"]),
        entry("45", "LIMITED LIABILITY COMPANY ACTIVE BUSINESS CONSULT", aliases=["ABC LLC"], countries=["RU"]),
        entry("46", "LIMITED LIABILITY COMPANY NAVIGATOR", countries=["RU"]),
        *[entry(str(50 + n), f"IVANOV, {given} Ivanovich", "individual", nationalities=["Russia"],
                title="Member of the State Duma")
          for n, given in enumerate(["Nikolay", "Sergei", "Pyotr", "Igor", "Oleg", "Anton"])],
        entry("60", "KISLYAK, Sergei Ivanovich", "individual", nationalities=["Russia"]),
    ])
    return index


RU = MatchContext(countries=frozenset({"RU", "US"}))


def test_the_listings_own_country_may_qualify_its_name_in_a_story_about_that_country(russia):
    assert ids(russia.match("Channel One", "ORG", RU)) == ["43"]
    assert russia.match("Channel One", "ORG", MatchContext(countries=frozenset({"FR"}))) == []
    hit = russia.match("Channel One", "ORG", RU)[0]
    assert hit["features"]["country_qualifier_in_article"] < 0 and hit["score"] < 1.0


def test_a_brand_names_the_listed_parent_not_its_linked_subsidiary(russia):
    hits = russia.match("Sberbank", "ORG", RU)
    assert ids(hits) == ["40"]
    assert all(isinstance(v, (int, float)) for h in hits for v in h["features"].values())
    assert ids(russia.match("Sberbank", "ORG", MatchContext(countries=frozenset({"FR"})))) == ["40"]  # via the subsidiary
    assert ids(russia.match("Sberbank Europe", "ORG", RU)) == ["42"]


def test_a_listed_acronym_needs_the_long_form_or_a_bare_alias_in_a_story_about_its_country(russia):
    assert ids(russia.match("FSB", "ORG", RU)) == ["44"]
    assert russia.match("FSB", "ORG", MatchContext(countries=frozenset({"GB"}))) == []
    assert russia.match("ABC", "ORG", RU) == []  # "ABC LLC": a company's registered short name
    body = "Active Business Consult (ABC) was named."
    assert ids(russia.match("ABC", "ORG", match_context(body, [{"start": 25, "end": 28}], ["RU"]))) == ["45"]


def test_a_name_the_article_gives_with_another_form_is_another_company(russia):
    body = "Navigator Holdings said on Monday that Navigator was never a sole contractor."
    assert russia.match("Navigator Holdings", "ORG", RU) == []
    assert russia.match("Navigator", "ORG", match_context(body, [{"start": 39, "end": 48}], ["RU"])) == []
    assert ids(russia.match("Navigator", "ORG", RU)) == ["46"]


def test_two_parts_of_a_common_listed_family_name_need_context_that_agrees(russia):
    assert russia.match("Nikolay Ivanov", "PERSON", RU) == []
    body = "State Duma member Nikolay Ivanov said"
    context = match_context(body, [{"start": 18, "end": 32}], ["RU"])
    assert ids(russia.match("Nikolay Ivanov", "PERSON", context)) == ["50"]
    assert ids(russia.match("Sergei Kislyak", "PERSON", RU)) == ["60"]  # a rare family name passes on the name


def test_a_short_name_whose_listed_country_is_absent_from_the_article_does_not_pass(russia):
    assert russia.match("Sergei Kislyak", "PERSON", MatchContext(countries=frozenset({"FR"}))) == []
    assert ids(russia.match("Sergei Ivanovich Kislyak", "PERSON", MatchContext(countries=frozenset({"FR"})))) == ["60"]
