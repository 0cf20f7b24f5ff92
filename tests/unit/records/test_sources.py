import orjson

from streams.records.sources import content_id, read_articles


def test_text_files_take_their_first_line_as_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Ministers meet\n\nThe ministers met on Monday.\n", encoding="utf-8")
    [item] = read_articles([str(path)])
    assert item.article["title"] == "Ministers meet"
    assert item.article["body"] == "The ministers met on Monday."
    assert item.article["id"] == content_id("Ministers meet", "The ministers met on Monday.")


def test_jsonl_lines_are_articles_and_a_broken_line_is_reported_by_number(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": 7, "body": "One.", "category": "politics"}\n\n{broken\n{"body": "Three."}\n', encoding="utf-8"
    )
    items = list(read_articles([str(path)]))
    assert [i.origin for i in items] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert items[0].article == {"id": "7", "body": "One.", "metadata": {"category": "politics"}}
    assert items[1].rejected.reason == "not_json"
    assert items[2].article["id"].startswith("sha256-")


def test_a_json_array_and_a_folder(tmp_path):
    (tmp_path / "a.json").write_bytes(orjson.dumps([{"id": "x", "body": "X."}, "oops"]))
    (tmp_path / "b.txt").write_text("Only a line", encoding="utf-8")
    items = list(read_articles([str(tmp_path)]))
    assert items[0].article["id"] == "x"
    assert items[1].rejected.reason == "not_object"
    assert items[2].article == {"title": None, "body": "Only a line", "id": content_id(None, "Only a line")}


def test_jsonl_is_split_on_newlines_only_so_a_raw_line_separator_inside_a_string_survives(tmp_path):
    path = tmp_path / "feed.jsonl"
    body = "First part\u2028second part\u0085third\u2029end."
    path.write_text(orjson.dumps({"id": "ls", "body": body}).decode() + "\r\n" + '{"id": "b", "body": "B."}\n',
                    encoding="utf-8")
    items = list(read_articles([str(path)]))
    assert [i.rejected for i in items] == [None, None]
    assert items[0].article["body"] == body and items[1].article["id"] == "b"
