"""Who stands for which state: the dated table of office holders."""
from streams.enrichment.people import OfficeHolders, article_year


def test_office_holders_by_year():
    holders = OfficeHolders([
        {"name": "Ronald Reagan", "country": "US", "from": 1981, "to": 1989, "aliases": ["Reagan"]},
        {"name": "Donald Tusk", "country": "PL", "from": 2007, "to": 2014, "aliases": ["Tusk"]},
        {"name": "Donald Tusk", "country": "EU", "from": 2014, "to": 2019, "aliases": ["Tusk"]},
    ])
    assert holders.country_of("Reagan", 1987) == "US"
    assert holders.country_of("ronald  reagan") == "US"
    assert holders.country_of("Tusk", 2017) == "EU"
    assert holders.country_of("Tusk", 2010) == "PL"
    assert holders.country_of("Tusk") is None  # two states and no year: no guess
    assert holders.country_of("Smith", 2010) is None


def test_the_shipped_table_is_dated_and_knows_the_usual_leaders():
    holders = OfficeHolders.load()
    assert holders.country_of("Vladimir Putin", 2022) == "RU"
    assert holders.country_of("Reagan", 1987) == "US"
    assert holders.country_of("Boris Johnson", 2022) == "GB"
    # Those who speak or sanction for a state: spokespeople, trade representatives, sanctions officials.
    assert holders.country_of("Psaki", 2022) == "US"
    assert holders.country_of("Clayton Yeutter", 1987) == "US"
    assert holders.country_of("Dmitry Peskov", 2022) == "RU"
    assert holders.country_of("Dombrovskis", 2022) == "EU"


def test_article_year():
    assert article_year("December 27, 2017") == 2017
    assert article_year("2022-03-01T10:00:00Z") == 2022
    assert article_year(None) is None
