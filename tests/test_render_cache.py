"""edition.render_cache and the incremental render: a change to one text
re-renders that text, and the site is byte for byte that of a full render."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition import render_cache
from edition.render import RenderOptions, render
from edition.render_cache import DocumentCache, SiteRecord

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "render_fixtures"
SAMPLE = FIXTURES / "sample.xml"
REGISTERS = FIXTURES / "registers.xml"


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the fixture under new ids, with the registers beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REGISTERS, folder / "registers.xml")
    data = SAMPLE.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        path = folder / f"copy{i}.xml"
        path.write_text(data.replace("sample", f"copy{i}"), encoding="utf-8")
        files.append(path)
    return files


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- keys and entries ---------------------------------------------------------

def test_a_documents_key_changes_with_each_of_its_inputs():
    base = render_cache.document_key("shared", "a", Path("tei/a.xml"), b"<TEI/>")
    assert base == render_cache.document_key("shared", "a", Path("tei/a.xml"), b"<TEI/>")
    assert len({base,
                render_cache.document_key("other", "a", Path("tei/a.xml"), b"<TEI/>"),
                render_cache.document_key("shared", "b", Path("tei/a.xml"), b"<TEI/>"),
                render_cache.document_key("shared", "a", Path("tei/b.xml"), b"<TEI/>"),
                render_cache.document_key("shared", "a", Path("tei/a.xml"), b"<TEI />")}) == 5


def test_the_shared_key_follows_registers_stylesheets_and_options(tmp_path):
    (tmp_path / "xslt").mkdir()
    sheet = tmp_path / "xslt" / "a.xsl"
    sheet.write_text("one", encoding="utf-8")
    registers = tmp_path / "registers.xml"
    registers.write_text("<r/>", encoding="utf-8")

    def key(**options: object) -> str:
        return render_cache.shared_key(registers=registers, stylesheet_folders=[tmp_path / "xslt"],
                                       options={"format": "html", **options})

    first = key()
    assert key() == first
    assert key(width=80) != first
    sheet.write_text("two", encoding="utf-8")
    second = key()
    assert second != first
    (tmp_path / "xslt" / "b.xsl").write_text("", encoding="utf-8")
    assert key() != second
    registers.write_text("<r></r>", encoding="utf-8")
    assert key() not in (first, second)


@settings(deadline=None)
@given(pages=st.lists(st.tuples(st.from_regex(r"[a-z]{1,8}\.html", fullmatch=True), st.binary(max_size=300)),
                      max_size=3, unique_by=lambda p: p[0]),
       parts=st.dictionaries(st.from_regex(r"[a-z-]{1,10}", fullmatch=True), st.binary(max_size=300), max_size=4),
       warnings=st.lists(st.text(max_size=20), max_size=2))
def test_an_entry_gives_back_what_was_stored(tmp_path_factory, pages, parts, warnings):
    cache = DocumentCache(tmp_path_factory.mktemp("cache"))
    cache.store("k", pages, parts, warnings)
    entry = cache.load("k")
    assert entry is not None
    assert entry.parts == parts and entry.warnings == warnings
    assert [cache.page_bytes(entry, name) for name, _ in pages] == [data for _, data in pages]


def test_an_entry_cut_short_or_not_an_entry_is_a_miss(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.store("k", [("a.html", b"<p>page</p>")], {"map": b"<m/>"}, [])
    path = tmp_path / "k.entry"
    path.write_bytes(path.read_bytes()[:-3])
    assert cache.load("k") is None
    path.write_bytes(b"\x80garbage")
    assert cache.load("k") is None
    assert cache.load("absent") is None


def test_restore_rewrites_only_what_is_missing_or_changed(tmp_path):
    cache = DocumentCache(tmp_path / "cache")
    cache.store("k", [("a.html", b"A"), ("tei/a.xml", b"X")], {}, [])
    entry = cache.load("k")
    assert entry is not None
    out = tmp_path / "out"
    cache.restore(entry, out)
    assert tree(out) == {"a.html": b"A", "tei/a.xml": b"X"}
    (out / "a.html").write_bytes(b"edited by hand")
    (out / "tei" / "a.xml").unlink()
    cache.restore(entry, out)
    assert tree(out) == {"a.html": b"A", "tei/a.xml": b"X"}


def test_prune_keeps_only_the_entries_in_use(tmp_path):
    cache = DocumentCache(tmp_path)
    for key in ("a", "b", "c"):
        cache.store(key, [], {}, [])
    cache.prune({"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.entry"]


def test_a_site_record_is_fresh_only_for_its_key_and_unchanged_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "map.html").write_bytes(b"map")
    record = SiteRecord.load(tmp_path / "site.json")
    record.record("map", "k1", out, [out / "map.html"])
    record.save()
    again = SiteRecord.load(tmp_path / "site.json")
    assert again.fresh("map", "k1", out) == [(out / "map.html").resolve()]
    assert again.fresh("map", "k2", out) is None
    (out / "map.html").write_bytes(b"hand-edited")
    assert again.fresh("map", "k1", out) is None


# --- the incremental render ---------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "text"])
def test_an_incremental_render_after_an_edit_equals_a_full_render(tmp_path, fmt):
    files = copies(tmp_path / "tei", 4)
    registers = tmp_path / "tei" / "registers.xml"
    options = RenderOptions(format=fmt)
    cache = tmp_path / "cache"
    first = render(files, tmp_path / "inc", options, registers=registers, cache_dir=cache)
    assert first.cached == [] and first.warnings == []
    again = render(files, tmp_path / "inc", options, registers=registers, cache_dir=cache)
    assert again.cached == [f"copy{i}" for i in range(4)] and again.seconds == {}
    edit(files[2], "Bakü", "Baku")
    incremental = render(files, tmp_path / "inc", options, registers=registers, cache_dir=cache, jobs=2)
    assert list(incremental.seconds) == ["copy2"]
    assert incremental.cached == ["copy0", "copy1", "copy3"]
    full = render(files, tmp_path / "full", options, registers=registers)
    assert tree(tmp_path / "inc") == tree(tmp_path / "full")
    assert [p.relative_to(tmp_path / "inc") for p in incremental.written] == \
        [p.relative_to(tmp_path / "full") for p in full.written]


def test_site_pages_whose_parts_did_not_change_are_not_made_again(tmp_path):
    files = copies(tmp_path / "tei", 3)
    registers = tmp_path / "tei" / "registers.xml"
    cache = tmp_path / "cache"
    render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    site = tmp_path / "out" / "html"
    before = {name: (site / name).stat().st_mtime_ns for name in ("map.html", "search.html", "chronology.html")}
    # A word of running text that names nothing: the map and the search page
    # stay as they are, the search index is made again.
    edit(files[1], "günü <placeName", "günü yeni söz <placeName")
    result = render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    assert list(result.seconds) == ["copy1"]
    assert (site / "map.html").stat().st_mtime_ns == before["map.html"]
    assert (site / "search.html").stat().st_mtime_ns == before["search.html"]
    assert result.pages["map"] == 0.0 and result.pages["search-index"] > 0.0
    full = render(files, tmp_path / "full", registers=registers)
    assert full.warnings == []
    assert tree(site) == tree(tmp_path / "full" / "html")


def test_a_deleted_or_hand_edited_page_is_put_back(tmp_path):
    files = copies(tmp_path / "tei", 2)
    registers = tmp_path / "tei" / "registers.xml"
    cache = tmp_path / "cache"
    render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    site = tmp_path / "out" / "html"
    expected = tree(site)
    (site / "copy0.html").unlink()
    (site / "places.html").write_text("broken", encoding="utf-8")
    result = render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    assert result.seconds == {} and tree(site) == expected


def test_a_changed_register_renders_every_text_again(tmp_path):
    files = copies(tmp_path / "tei", 2)
    registers = tmp_path / "tei" / "registers.xml"
    cache = tmp_path / "cache"
    render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    edit(registers, "</", "<!-- touched --></")
    result = render(files, tmp_path / "out", registers=registers, cache_dir=cache)
    assert sorted(result.seconds) == ["copy0", "copy1"] and result.cached == []
    assert len(list((cache / "render" / "html").glob("*.entry"))) == 2  # the old entries pruned


def test_the_builds_pool_renders_the_same_bytes_and_stays_open(tmp_path):
    from edition.parallel import DocumentPool

    files = copies(tmp_path / "tei", 3)
    registers = tmp_path / "tei" / "registers.xml"
    alone = render(files, tmp_path / "alone", registers=registers)
    with DocumentPool(2) as pool:
        shared = render(files, tmp_path / "shared", registers=registers, pool=pool)
        assert pool._executor is not None  # the render used the build's workers and left them running
        text = render(files, tmp_path / "shared", RenderOptions(format="text"), registers=registers, pool=pool)
    assert shared.warnings == alone.warnings == [] and text.failed == []
    assert tree(tmp_path / "shared" / "html") == tree(tmp_path / "alone" / "html")


def test_a_smaller_corpus_leaves_no_search_shards_of_the_larger_one(tmp_path):
    files = copies(tmp_path / "tei", 3)
    registers = tmp_path / "tei" / "registers.xml"
    render(files, tmp_path / "out", registers=registers)
    assert any((tmp_path / "out" / "html" / "search").glob("t-2-*.js"))
    render(files[:1], tmp_path / "out", registers=registers)
    render(files[:1], tmp_path / "alone", registers=registers)
    assert tree(tmp_path / "out" / "html" / "search") == tree(tmp_path / "alone" / "html" / "search")
