"""`newsstream lists update` never replaces a good list with a truncated or garbled download."""
import hashlib

import pytest

from fixtures.nlp import UN_LIST
from streams.cli.lists import update_lists
from streams.enrichment import sanctions_lists
from streams.settings import Settings
from support import shared_file


def run_update(monkeypatch, tmp_path, source):
    monkeypatch.setattr(sanctions_lists, "OFFICIAL_SOURCES", {"un": (source.as_uri(), "un-consolidated-{date}.xml")})
    settings = Settings().with_(home=tmp_path / "home")
    return update_lists(settings), tmp_path / "home" / "lists"


def test_a_complete_download_is_renamed_into_place_with_its_sha256(monkeypatch, tmp_path, capsys):
    source = shared_file(UN_LIST)
    code, lists = run_update(monkeypatch, tmp_path, source)
    assert code == 0
    [listed] = lists.glob("*.xml")
    assert listed.read_bytes() == source.read_bytes()
    assert (lists / (listed.name + ".sha256")).read_text().split()[0] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert not list(lists.glob("*.part"))
    assert f"un={listed}" in capsys.readouterr().out


@pytest.mark.parametrize("cut", [0.5, 0.02])
def test_a_truncated_download_is_refused_and_the_good_list_stays(monkeypatch, tmp_path, capsys, cut):
    code, lists = run_update(monkeypatch, tmp_path, shared_file(UN_LIST))
    [good] = lists.glob("*.xml")
    before = good.read_bytes()
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(before[: int(len(before) * cut)])
    with pytest.raises(SystemExit) as stopped:
        run_update(monkeypatch, tmp_path, truncated)
    assert stopped.value.code == 2
    assert good.read_bytes() == before and not list(lists.glob("*.part"))
    assert "unchanged" in capsys.readouterr().err
