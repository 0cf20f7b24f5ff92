"""`newsstream tail`'s alert filters and one-line view (streams/cli/tail.py)."""
from streams.cli.tail import AlertFilter, one_line, wanted

ALERT = {
    "alert_id": "0" * 32, "type": "sanctions", "rule": "lifecycle", "severity": "high", "story_id": "s",
    "article": {"id": "a", "title": "Vilnius acts", "url": None},
    "evidence": [{"sentence": "Lithuania imposed sanctions on Belarus.", "start": 0, "end": 39}],
    "entities": [], "places": ["Belarus"], "countries": ["BY", "LT"], "list_matches": [],
    "relationship": {"sanctioner": "LT", "target": "BY", "status": "imposed", "previous_status": "threatened"},
    "timestamps": {"enriched": "2026-01-01T00:00:00+00:00", "alerted": "2026-01-01T00:00:01+00:00"},
}


def test_filters():
    assert wanted(ALERT, AlertFilter())
    assert wanted(ALERT, AlertFilter(type="sanctions", severity="medium", country="by"))
    assert not wanted(ALERT, AlertFilter(type="watchlist"))
    assert not wanted(ALERT, AlertFilter(severity="critical"))
    assert not wanted(ALERT, AlertFilter(country="RU"))
    assert not wanted({"id": "an enriched record"}, AlertFilter(country="BY"))
    assert wanted({"id": "an enriched record"}, AlertFilter())


def test_one_readable_line_per_alert():
    line = one_line(ALERT)
    assert line.startswith("2026-01-01T00:00:01 HIGH     sanctions/lifecycle LT->BY threatened->imposed [BY,LT]")
    assert "Lithuania imposed sanctions on Belarus." in line
    assert one_line({"tombstone": True}) == '{"tombstone":true}'
