"""edition.ingest.hyphenation: is "left-|right" one word or a compound?

keeps_hyphen gets the left part without its line-end hyphen, as Flow.add_line passes it.
"""

from __future__ import annotations

from edition.ingest.hyphenation import Lexicon, keeps_hyphen

EMPTY = Lexicon.from_lines([])


def test_number_range_keeps_hyphen():
    assert keeps_hyphen("1900", "1920 yılları", EMPTY) is True


def test_plain_split_joins():
    assert keeps_hyphen("Bolşevikler şehre gir", "diler.", EMPTY) is False


def test_upper_case_right_part_is_a_compound():
    assert keeps_hyphen("Brest", "Litovsk antlaşması", EMPTY) is True


def test_documents_own_hyphenated_form_wins():
    lexicon = Lexicon.from_lines(["sosyo-ekonomik yapı"])
    assert keeps_hyphen("sosyo", "ekonomik", lexicon) is True


def test_documents_own_joined_form_wins():
    lexicon = Lexicon.from_lines(["Ermeniler Bakü'de"])
    assert keeps_hyphen("Erme", "niler", lexicon) is False


def test_two_leading_consonants_of_known_words_keep_hyphen():
    lexicon = Lexicon.from_lines(["jeo ve stratejik bir konum"])
    assert keeps_hyphen("jeo", "stratejik", lexicon) is True


def test_lexicon_ignores_the_fragment_before_a_line_end_hyphen():
    lexicon = Lexicon.from_lines(["Kafkasya’nın tari-"])
    assert "kafkasya" in lexicon.words and "tari" not in lexicon.words


def test_lexicon_knows_suffixed_forms_of_stems():
    lexicon = Lexicon.from_lines(["bolşevik"])
    assert lexicon.knows_word("Bolşeviklerin") and not lexicon.knows_word("Menşevik")
