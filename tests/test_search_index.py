"""edition.search_index: the folding and word splitting the site's search
uses, and the shards it writes (every word of every record can be found
through its shard, and nothing else)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from edition import search_index
from edition.search_index import shard_key, words
from edition.turkish import fold_for_search as fold


def test_turkish_folding_and_case():
    assert fold("İSTANBUL") == "istanbul"
    assert fold("ŞAMAHI") == fold("Şamahı") == "samahi"
    assert fold("Iğdır") == "igdir"
    assert fold("Gâvur") == "gavur"


def test_apostrophes_and_hyphens_separate_words():
    assert words("Bakü'de") == words("Bakü’de") == words("Bakü\u02bcde") == ["baku", "de"]
    assert words("Türkiye-Kafkasya ilişkileri") == ["turkiye", "kafkasya", "iliskileri"]


def test_whole_words_keep_apart_what_substrings_mix():
    assert "kars" not in words("karşı bakımından Erivan")
    assert "van" not in words("Erivan")


@settings(deadline=None)  # a loaded machine must not fail a property test
@given(st.text())
def test_folding_keeps_one_character_per_character_for_latin_text(text):
    latin = "".join(c for c in text if c.isascii() or c in "çğıöşüâîûÇĞİÖŞÜÂÎÛéèà")
    assert len(fold(latin)) == len(latin)


def test_shard_keys_are_file_names():
    assert shard_key("kafkasya") == "ka"
    assert shard_key("a") == "a"
    assert shard_key("баку") == "_431_430"


def _load(path: Path) -> tuple[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("EDITION_SEARCH_PART(") and text.endswith(");\n")
    name, data = json.loads("[" + text[len("EDITION_SEARCH_PART("):-3] + "]")
    return name, data


def test_every_word_of_every_record_is_in_its_shard(tmp_path):
    records = [
        {"d": "one", "a": "t1", "p": "1", "x": "Bakü’de Kars ve karşı", "m": []},
        {"d": "one", "a": "t2", "p": "2", "x": "Erivan", "m": [["places", "Erivan"]]},
        {"d": "two", "a": "t1", "p": "", "x": "Kars’a 31 Mart", "m": []},
    ]
    members = tmp_path / "records.part"
    members.write_text(",".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    written = search_index.write(tmp_path / "out", 'window.EDITION_SEARCH_INDEX = {"texts":{},', "};\n", members)
    out = tmp_path / "out"
    assert written[0] == out / "search-index.js"
    index = json.loads((out / "search-index.js").read_text(encoding="utf-8").split("=", 1)[1].strip().rstrip(";"))
    assert index["order"] == ["one", "two"] and index["base"] == search_index.RECORD_BASE
    shards = {key: _load(out / "search" / f"w-{key}.js")[1] for key in index["shards"]}
    assert shards["ka"] == {"kars": [0, search_index.RECORD_BASE], "karsi": [0]}
    assert shards["er"] == {"erivan": [1]}
    assert shards["31"] == {"31": [search_index.RECORD_BASE]}
    assert _load(out / "search" / "t-1-0.js") == ("t-1-0", [records[2]])
    found = {word for shard in shards.values() for word in shard}
    assert found == {w for r in records for w in words(r["x"])}


def write_records(tmp_path: Path, records: list[dict]) -> tuple[Path, list[Path]]:
    members = tmp_path / "records.part"
    members.write_text(",".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    out = tmp_path / "out"
    return out, search_index.write(out, 'window.EDITION_SEARCH_INDEX = {"texts":{},', "};\n", members)


def index_of(out: Path) -> dict:
    return json.loads((out / "search-index.js").read_text(encoding="utf-8").split("=", 1)[1].strip().rstrip(";"))


@settings(deadline=None, max_examples=25)
@given(st.lists(st.integers(min_value=1, max_value=70), min_size=1, max_size=4))
def test_a_record_is_in_the_shard_its_number_names(tmp_path_factory, sizes):
    tmp_path = tmp_path_factory.mktemp("shards")
    records = [{"d": f"doc{n}", "a": f"t{k}", "p": "", "x": f"word{k}", "m": []}
               for n, size in enumerate(sizes) for k in range(size)]
    out, _ = write_records(tmp_path, records)
    chunk = index_of(out)["chunk"]
    for n, size in enumerate(sizes):
        for k in range(size):
            name, shard = _load(out / "search" / f"t-{n}-{k // chunk}.js")
            assert name == f"t-{n}-{k // chunk}" and shard[k % chunk]["a"] == f"t{k}"
    assert len(list((out / "search").glob("t-*.js"))) == sum(-(-size // chunk) for size in sizes)


def test_the_index_gives_the_range_of_years_the_records_are_dated_in(tmp_path):
    records = [{"d": "one", "a": "t1", "p": "", "x": "a", "m": [], "y": [[1918, 1918], [1920, 1921]]},
               {"d": "one", "a": "t2", "p": "", "x": "b", "m": []},
               {"d": "two", "a": "t1", "p": "", "x": "c", "m": [], "y": [[1905, 1918]]}]
    out, _ = write_records(tmp_path, records)
    assert index_of(out)["years"] == [1905, 1921]
    out, _ = write_records(tmp_path, records[1:2])
    assert index_of(out)["years"] == []


def test_shards_of_an_earlier_render_are_removed(tmp_path):
    big = [{"d": f"doc{n}", "a": "t1", "p": "", "x": f"kelime{n} ortak", "m": []} for n in range(3)]
    out, _ = write_records(tmp_path, big)
    assert (out / "search" / "t-2-0.js").is_file() and (out / "search" / "w-ke.js").is_file()
    (out / "search" / "t-7.js").write_text("old layout", encoding="utf-8")
    out, written = write_records(tmp_path, [{"d": "doc0", "a": "t1", "p": "", "x": "yalniz", "m": []}])
    assert sorted(p.name for p in (out / "search").iterdir()) == ["t-0-0.js", "w-ya.js"]
    assert all(path.exists() for path in written)


def test_a_shard_that_did_not_change_is_not_written_again(tmp_path):
    records = [{"d": "doc0", "a": "t1", "p": "", "x": "bir iki", "m": []},
               {"d": "doc1", "a": "t1", "p": "", "x": "uc dort", "m": []}]
    out, _ = write_records(tmp_path, records)
    times = {p.name: p.stat().st_ino for p in (out / "search").iterdir()}
    records[1]["x"] = "uc bes"
    write_records(tmp_path, records)
    changed = {p.name for p in (out / "search").iterdir() if times.get(p.name) != p.stat().st_ino}
    assert changed == {"t-1-0.js", "w-be.js"}
    assert not (out / "search" / "w-do.js").exists()  # "dort" is gone, and so is its shard


def test_words_made_with_the_records_give_the_same_index(tmp_path):
    texts = [[{"d": "one", "a": "t1", "p": "", "x": "Bakü’de Kars ve karşı Kars", "m": []},
              {"d": "one", "a": "t2", "p": "", "x": "İSTANBUL", "m": []}],
             [{"d": "two", "a": "t1", "p": "", "x": "Kars’a 31 Mart", "m": []}]]
    members = [",".join(json.dumps(r, ensure_ascii=False) for r in text) for text in texts]
    word_lists = [search_index.record_words(m) for m in members]
    assert json.loads("[" + word_lists[0] + "]") == [["baku", "de", "kars", "ve", "karsi"], ["istanbul"]]
    (tmp_path / "records").write_text(",".join(members), encoding="utf-8")
    (tmp_path / "words").write_text(",".join(word_lists), encoding="utf-8")
    made = search_index.write(tmp_path / "a", "x = {", "};\n", tmp_path / "records", tmp_path / "words")
    plain = search_index.write(tmp_path / "b", "x = {", "};\n", tmp_path / "records")
    assert [p.read_bytes() for p in made] == [p.read_bytes() for p in plain]
