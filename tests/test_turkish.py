"""Turkish case folding and suffixes (edition.turkish)."""

import pytest

from edition.turkish import ascii_slug, fold, lower, split_apostrophe, strip_suffix


def test_dotted_and_dotless_i():
    assert lower("IĞDIR") == "ığdır"
    assert lower("İSTANBUL") == "istanbul"
    assert fold("İstanbul") == fold("istanbul")
    assert fold("Iğdır") != fold("İğdir")


def test_fold_unifies_apostrophes_circumflex_and_lookalikes():
    assert fold("Bakü’nün") == fold("Bakü'nün")
    assert fold("Millî") == fold("Milli")
    assert fold("Мuhanov") == fold("Muhanov")  # Cyrillic М from a PDF


@pytest.mark.parametrize("token, expected", [
    ("Bakü’nün", ("Bakü", "’nün")), ("Rusya’nın", ("Rusya", "’nın")), ("Kars'ı", ("Kars", "'ı")),
    ("Bakü", ("Bakü", "")),
])
def test_split_apostrophe(token, expected):
    assert split_apostrophe(token) == expected


@pytest.mark.parametrize("word, stem, suffix", [
    ("Osmanlıya", "Osmanlı", "ya"), ("Kafkaslarda", "Kafkaslar", "da"), ("Azerbaycanı", "Azerbaycan", "ı"),
    ("Sovyetinin", "Sovyeti", "nin"),
])
def test_strip_suffix(word, stem, suffix):
    known = {"osmanlı", "kafkaslar", "azerbaycan", "sovyeti"}
    assert strip_suffix(word, lambda w: fold(w) in known) == (stem, suffix)


def test_strip_suffix_unknown():
    assert strip_suffix("Nitekim", lambda w: False) is None


def test_ascii_slug():
    assert ascii_slug("Şaumyan") == "saumyan"
    assert ascii_slug("Bakü Sovyeti") == "baku-sovyeti"
    assert ascii_slug("Iğdır") == "igdir"
