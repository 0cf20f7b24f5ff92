"""The sanctions scoring of `newsstream eval`, as the labelling guide defines it, on rows of our own."""
from streams.evaluation.sanctions import score
from streams.evaluation.split import half


def row(offset, international=True, sanctioner=None, target=None, status=("imposed",), article="a"):
    return {"id": article, "trigger_offset": offset, "trigger": "sanctions", "international": international,
            "sanctioner": sanctioner, "target": target, "status": list(status) if international else []}


def event(start, end, status="imposed", sanctioners=(), targets=()):
    return {"start": start, "end": end, "status": status, "sanctioners": list(sanctioners), "targets": list(targets)}


def test_an_event_counts_for_the_rows_inside_its_sentence():
    labels = [row(5, sanctioner="US", target="RU"), row(50, status=("discussed",)), row(80, international=False)]
    events = {"a": [event(0, 40, "imposed", ["US"], ["RU"]), event(70, 100, "imposed")]}
    result = score(labels, events).as_dict()
    assert result["detection"] == {"precision": 0.5, "recall": 0.5, "events": 2, "false_events": 1, "rows": 2,
                                   "missed_rows": 1}
    assert result["status"]["accuracy"] == 1.0 and result["status"]["n"] == 1
    assert result["sanctioner"]["accuracy"] == 1.0 and result["target"]["accuracy"] == 1.0


def test_any_accepted_status_is_right_and_parties_count_only_up_to_two():
    labels = [row(5, sanctioner="EU", target="RU", status=("planned", "expanded"))]
    right = score(labels, {"a": [event(0, 40, "expanded", ["EU", "GB"], ["RU"])]}).as_dict()
    assert right["status"]["accuracy"] == 1.0 and right["sanctioner"]["accuracy"] == 1.0
    assert right["sanctioner_not_us"]["n"] == 1
    crowded = score(labels, {"a": [event(0, 40, "imposed", ["EU", "GB", "US"], ["RU", "BY", "IR"])]}).as_dict()
    assert crowded["status"]["accuracy"] == 0.0
    assert crowded["sanctioner"]["accuracy"] == 0.0 and crowded["target"]["accuracy"] == 0.0


def test_rows_without_a_gold_party_do_not_score_parties():
    result = score([row(5)], {"a": [event(0, 40, "imposed", ["US"], ["RU"])]}).as_dict()
    assert result["sanctioner"]["n"] == 0 and result["target"]["n"] == 0


def test_the_split_is_by_article_and_fixed():
    assert half("reuters-2017", "reuters2017-0016") == half("reuters-2017", "reuters2017-0016")
    halves = {half("guardian-2022", f"guardian2022-{i:04d}") for i in range(40)}
    assert halves == {"tune", "test"}
