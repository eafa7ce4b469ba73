"""Each evidence rule of edition.annotate.names alone, on small inputs, with
an empty register unless a test gives one; and the properties all rules share."""

import pytest
from hypothesis import given, settings, strategies as st

from edition.annotate.gazetteer import gazetteer
from edition.annotate.names import (
    RULES, Knowledge, NameFinder, _qualifies_next_word, head_words, tokenize,
)
from edition.annotate.registers import Register

RULE = {r.name: r.find for r in RULES}


def run(rule, text, register=None, common=()):
    k = Knowledge(register if register is not None else Register(), gazetteer(), set(common))
    return [(c.name, c.kind) for c in RULE[rule](k, text, tokenize(text))]


@pytest.mark.parametrize("rule, text, expected", [
    # heads: the name runs leftwards over its capitalised words; a glued suffix stays out
    ("head", "Gürcü Sosyal Demokrat Partisinin kongresi toplandı.", [("Gürcü Sosyal Demokrat Partisi", "org")]),
    ("head", "Bunun üzerine 3. Ordu geldi.", [("3. Ordu", "org")]),
    ("head", "Partisi", []),  # a bare head names nothing
    ("head", "sonra Ermeni partisi kuruldu", []),  # a people's party, described
    ("head", "Yusufbekov hükümeti", []),  # a cabinet named after its head
    ("head", "Ermeni Kilisesi ile Sioni Kilisesi", [("Ermeni Kilisesi", "org"), ("Sioni Kilisesi", "place")]),
    ("head", "Türkiye Futbol Federasyonu ile Zakafkasya Federasyonu",
     [("Türkiye Futbol Federasyonu", "org"), ("Zakafkasya Federasyonu", "place")]),
    # ranks stay outside the name; a country or town of the region after a rank is no person
    ("rank", "Garnizon komutanı General Talışinski idi.", [("Talışinski", "person")]),
    ("rank", "General Bakü", []),
    ("honorific-before", "Hacı Zeynalabidin Tağıyev geldi", [("Hacı Zeynalabidin Tağıyev", "person")]),
    ("honorific-before", "Hacı geldi", []),
    ("honorific-after", "şehrin seraskeri Hacı Salih Paşa esir düştü", [("Hacı Salih Paşa", "person")]),
    ("honorific-after", "Başbakan Nesib Bey Yusufbeyli istifa etti.", [("Nesib Bey Yusufbeyli", "person")]),
    ("honorific-after", "Paşa geldi", []),
    ("surname-ending", "Daha sonra Bala Ahmet Muhtarov geldi", [("Bala Ahmet Muhtarov", "person")]),
    ("surname-ending", "Bu Yapılan iş", []),  # a participle, not "-yan"
    ("given-name", "sonra Kâzım Karabekir ile Thomas de Waal görüştü.",
     [("Kâzım Karabekir", "person"), ("Thomas de Waal", "person")]),
    ("given-name", "sonra Kâzım geldi.", []),
    ("regnal-before", "kralı II. Erekle ile I. Dünya Savaşı", [("II. Erekle", "person")]),
    ("regnal-after", "Çar Petro I. ile", [("Petro I.", "person")]),
    ("initials", "Toplantıyı M. E. Resulzade ve Michael A. Reynolds yönetti.",
     [("M. E. Resulzade", "person"), ("Michael A. Reynolds", "person")]),
    ("citation", "artmıştır (Karpat 1985: 138; McCarthy 1995: 64) ve (Suny, 2010).",
     [("Karpat", "person"), ("McCarthy", "person"), ("Suny", "person")]),
    ("citation", "bkz. Suny, 2010", []),  # only inside parentheses or after a semicolon
    ("modifier", "Sovyet Rusya ile Kuzey Kafkasya", [("Sovyet Rusya", "place"), ("Kuzey Kafkasya", "place")]),
    ("modifier", "Sovyet hükümeti", []),
    # an archive, not the fond code after it, a country or a heading in capitals
    ("acronym", "BOA, DH.ŞFR, 89/112 ve SSCB ile TURKEY WITH THE CAUCASUS", [("BOA", "org")]),
    ("club", "Trabzonspor ve sporlar", [("Trabzonspor", "org")]),
    ("context-place", "Varanda meliki ile Dizak kalesi ve Türkmençay Antlaşması",
     [("Varanda", "place"), ("Dizak", "place"), ("Türkmençay", "place")]),
    ("context-place", "Geminin limandan ayrılması", []),
    ("gazetteer", "Kafkaslarda Bakü’de ve Kars-Batum-Ardahan",
     [("Kafkaslar", "place"), ("Bakü", "place"), ("Kars", "place"), ("Batum", "place"), ("Ardahan", "place")]),
    ("gazetteer", "Sovyet İdaresi, Ankara, 2005", [("Ankara", "place")]),
])
def test_rule_alone(rule, text, expected):
    assert run(rule, text) == expected


def test_surname_rule_needs_one_known_person():
    register = Register()
    gammer = register.add_candidate("person", "Moshe Gammer")
    k = Knowledge(register, gazetteer(), set())
    [c] = RULE["surname"](k, "Gammer’e göre", tokenize("Gammer’e göre"))
    assert (c.name, c.entry) == ("Gammer", gammer)
    register.add_candidate("person", "Ruth Gammer")
    assert run("surname", "Gammer’e göre", register) == []


def test_a_word_the_text_writes_in_lower_case_is_no_surname():
    assert run("surname-ending", "Daha sonra Muhtarov geldi", common={"muhtarov"}) == []


def test_head_words_split_off_their_suffix():
    text = "Gürcü Partisinin Sovyet Cumhuriyeti"
    heads = list(head_words(text, tokenize(text)))
    assert [(h.head, h.suffix, h.kind, text[:h.end]) for h in heads] == [
        ("partisi", "nin", "org", "Gürcü Partisi"), ("cumhuriyeti", "", "place", text)]
    # the bare "Sovyet" before "Cumhuriyeti" qualifies it: no head of its own
    [sovyet] = [h for h in head_words("Sovyet", tokenize("Sovyet"))]
    assert not _qualifies_next_word("Sovyet", sovyet)
    assert all(h.head != "sovyet" for h in heads)


def test_rule_names_are_unique():
    assert len({r.name for r in RULES}) == len(RULES)


WORDS = ["Bakü", "Sovyeti", "General", "Talışinski", "Hacı", "Paşa", "Kâzım", "Karabekir", "II.", "Erekle",
         "M.", "E.", "Resulzade", "(Suny,", "2010)", "BOA", "Trabzonspor", "Dizak", "kalesi", "Kafkaslarda",
         "Kuzey", "Kafkasya", "ve", "ile", "partisi", "Müsavat", "’nın", "-", ".", ",", "Ermeniler", "de", "Waal"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.lists(st.sampled_from([" ", "", "  ", "\n"]),
                                                              min_size=14, max_size=14))
def test_every_rule_gives_spans_of_the_text(words, glue):
    """A candidate is a non-empty span of the text, named by its own text, of a known kind."""
    text = "".join(w + g for w, g in zip(words, glue))
    k = Knowledge(Register(), gazetteer(), set())
    tokens = tokenize(text)
    for rule in RULES:
        for c in rule.find(k, text, tokens):
            assert 0 <= c.start < c.end <= len(text), rule.name
            assert c.name == text[c.start:c.end], rule.name
            assert c.kind in ("person", "place", "org"), rule.name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_kept_answers_give_the_same_names(words):
    """A second finder that reuses the first one's kept rule answers finds the same."""
    text = " ".join(words)
    carried: dict = {}
    first = NameFinder(Register(), gazetteer(), carried=carried).find(text)
    again = NameFinder(Register(), gazetteer(), carried=carried).find(text)
    assert [(c.start, c.end, c.kind, c.evidence) for c in first] == [(c.start, c.end, c.kind, c.evidence) for c in again]
    chosen = sorted((c.start, c.end) for c in first)
    assert all(a[1] <= b[0] for a, b in zip(chosen, chosen[1:]))  # no two names overlap


def test_periodical_titles_are_the_capitalised_words_before_the_noun():
    from edition.annotate.names import periodical_titles
    text = "Bakü’de çıkan Kaspi gazetesinin ve Yeni Kafkasya dergisinin yazarları"
    assert [text[s:e].strip() for s, e in periodical_titles(text)] == ["Kaspi", "Yeni Kafkasya"]


@pytest.mark.parametrize("text, place, inside", [
    ("heyet Kazaçi Post’a vardı", "Post", True),
    ("the Committee of Union", "Union", True),
    ("sonra Bakü’ye vardı", "Bakü", False),  # lower-case before
    ("Sonra Bakü’ye vardı", "Bakü", False),  # a sentence start
    ("İnguşlar Kazakistan’a sürüldü", "Kazakistan", False),  # a plural: a word of the sentence
    ("1993 Nisanında Kelbecer düştü", "Kelbecer", False),  # a case ending: a word of the sentence
    ("sonra Car-Balaken’e", "Balaken", False),  # glued to the word before
])
def test_a_place_inside_a_longer_name(text, place, inside):
    from edition.annotate.names import _inside_longer_name
    k = Knowledge(Register(), gazetteer(), set())
    assert _inside_longer_name(k, text, text.index(place)) is inside
