"""The start-up cache: a hit gives back what was built, and anything odd just means building again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ssc_learn.course import content
from ssc_learn.course.cache import cached
from ssc_learn.course.i18n import _load_catalog, get_translator
from ssc_learn.course.paths import seeds_dir


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source.txt"
    source.write_text("v1")
    return source


def _counting(value: object):
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return build, calls


def test_a_second_call_loads_what_the_first_built(tmp_path: Path):
    source = _source(tmp_path)
    build, calls = _counting({"answer": [4, 2]})
    cache = tmp_path / "cache"
    assert cached("thing", [source], build, cache) == {"answer": [4, 2]}
    assert cached("thing", [source], build, cache) == {"answer": [4, 2]}
    assert len(calls) == 1
    assert len(list(cache.glob("thing-*.bin"))) == 1


def test_a_changed_source_is_rebuilt_and_the_old_entry_removed(tmp_path: Path):
    source = _source(tmp_path)
    cache = tmp_path / "cache"
    cached("thing", [source], lambda: "old", cache)
    source.write_text("version 2")  # another size, whatever the clock's resolution
    assert cached("thing", [source], lambda: "new", cache) == "new"
    assert cached("thing", [source], lambda: "unused", cache) == "new"
    assert len(list(cache.glob("thing-*.bin"))) == 1


def test_a_damaged_entry_is_rebuilt(tmp_path: Path):
    source = _source(tmp_path)
    cache = tmp_path / "cache"
    cached("thing", [source], lambda: "good", cache)
    (entry,) = cache.glob("thing-*.bin")
    entry.write_bytes(b"\x80\x04 not a pickle")
    assert cached("thing", [source], lambda: "rebuilt", cache) == "rebuilt"


def test_an_unusable_cache_folder_is_not_an_error(tmp_path: Path):
    source = _source(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    build, calls = _counting(7)
    assert cached("thing", [source], build, blocker) == 7
    assert cached("thing", [source], build, blocker) == 7
    assert len(calls) == 2
    assert cached("thing", [tmp_path / "missing.txt"], lambda: 8, tmp_path / "c2") == 8
    assert not list(tmp_path.glob("c2/.thing-*"))  # no temporary files left behind


def test_the_course_from_the_cache_equals_the_parsed_one(tmp_path: Path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), seeds)
    monkeypatch.setattr(content, "_CACHE", {})
    parsed = content.load_course(seeds, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(content, "_CACHE", {})

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again instead of loaded from the cache")

    with monkeypatch.context() as m:
        m.setattr(content, "load_document", no_parsing)
        m.setattr(content, "load_outline", no_parsing)
        loaded = content.load_course(seeds, cache_dir=tmp_path / "cache")
    assert loaded is not parsed
    assert loaded.document == parsed.document
    assert loaded.outline == parsed.outline
    assert [m.title_in("en").value for m in loaded.outline.modules] == [
        m.title_in("en").value for m in parsed.outline.modules
    ]
    assert loaded.edition("fr").get("24(f)") == parsed.edition("fr").get("24(f)")

    # An edited outline is read again, not served stale from the cache.
    outline = next(seeds.glob("*.outline.yaml"))
    text = outline.read_text(encoding="utf-8")
    first = parsed.outline.modules[0].title["en"]
    outline.write_text(text.replace(first, "Edited title", 1), encoding="utf-8")
    stat = outline.stat()
    os.utime(outline, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    monkeypatch.setattr(content, "_CACHE", {})
    edited = content.load_course(seeds, cache_dir=tmp_path / "cache")
    assert edited.outline.modules[0].title["en"] == "Edited title"


def test_a_cached_catalog_translates_like_the_po_file(tmp_path: Path):
    fresh = get_translator("fr")
    get_translator("fr", cache_dir=tmp_path / "cache")  # compiles and saves
    assert list((tmp_path / "cache").glob("messages-fr-*.bin"))
    _load_catalog.cache_clear()
    from_cache = get_translator("fr", cache_dir=tmp_path / "cache")
    for message in ("Quit", "Search", "Reviews due today: "):
        assert from_cache.gettext(message) == fresh.gettext(message) != message
    singular, plural = "{n} question not answered.", "{n} questions not answered."
    for n in (1, 2, 1_000_000):  # French has three plural forms
        assert from_cache.ngettext(singular, plural, n) == fresh.ngettext(singular, plural, n)


def test_an_entry_owned_by_another_account_is_not_loaded(tmp_path: Path, monkeypatch):
    import os

    source = _source(tmp_path)
    cache = tmp_path / "cache"
    cached("thing", [source], lambda: "mine", cache)
    monkeypatch.setattr(os, "getuid", lambda: 4242, raising=False)
    assert cached("thing", [source], lambda: "rebuilt", cache) == "rebuilt"
