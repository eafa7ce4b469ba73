"""Names in strings (edition.annotate.names), with the seed register and without."""

import pytest

from edition.annotate import _Annotator, AnnotateOptions
from edition.annotate.gazetteer import gazetteer
from edition.annotate.names import NameFinder
from edition.annotate.registers import Register
import copy
import functools

from edition.annotate.seed import build as _build


@functools.lru_cache(maxsize=1)
def _seed():
    return _build()


def build():
    return copy.deepcopy(_seed())


@pytest.fixture(scope="module")
def seeded():
    return build()


def spans(text, register):
    finder = NameFinder(register, gazetteer())
    return [(text[c.start:c.end], c.kind) for c in finder.find(text)]


# sentences from the two texts, against the seed register
@pytest.mark.parametrize("text, expected", [
    ("Bakü Sovyeti’nin başına aslen Ermeni olan Stephan Şaumyan getirilmiştir.",
     [("Bakü Sovyeti", "org"), ("Stephan Şaumyan", "person")]),
    ("İtiraz eden halk Bakü Sovyetinden hapsin sebebinin açıklanmasını",
     [("Bakü Sovyeti", "org")]),
    ("Vehip Paşa 12 Şubat’ta Ermenilere karşı saldırıya geçmiştir.", [("Vehip Paşa", "person")]),
    ("Garnizon komutanı General Talışinski idi.", [("Talışinski", "person")]),
    ("Osmanlıya bırakılmasına itiraz etmeyeceklerdi", [("Osmanlı", "place")]),
    ("Osmanlı askeri birlikleri saldırdı", []),
    ("Kafkaslarda Türk Katliamı", [("Kafkaslar", "place")]),
    ("Rusya ile Osmanlı Devleti arasında imzalanan Brest-Litovsk",
     [("Rusya", "place"), ("Osmanlı Devleti", "place"), ("Brest-Litovsk", "place")]),
    ("Rus askerlerinin Kars-Batum-Ardahan’ı Osmanlı Devletine bırakması",
     [("Kars", "place"), ("Batum", "place"), ("Ardahan", "place"), ("Osmanlı Devleti", "place")]),
    ("Ermeniler ile Azeriler arasında ilişkiler gerginleşmiştir.", []),
    ("Mars Tiyatrosu’nun çatısında toplanan", [("Mars Tiyatrosu", "place")]),
    ("Hazar Denizi’nden Karadeniz istikametine", [("Hazar Denizi", "place"), ("Karadeniz", "place")]),
    ("Dikaya Divizya (Vahşi Tümen)’nın Bakü’ye yaklaşması",
     [("Dikaya Divizya", "org"), ("Vahşi Tümen", "org"), ("Bakü", "place")]),
])
def test_sentences_from_the_texts(seeded, text, expected):
    assert spans(text, seeded) == expected


@pytest.mark.parametrize("text, expected", [
    # a numbered unit: the number is part of the name
    ("Bunun üzerine 3. Ordu Komutanı Vehip Paşa geldi.", [("3. Ordu", "org"), ("Vehip Paşa", "person")]),
    # a numbered item at the start of a list is no unit
    ("1. Ordu", []),
    # "Sovyet" without its possessive ending qualifies the next word
    ("Böylelikle ilk olarak Kuzey Kafkasya Sovyet hâkimiyetine girmiştir.", [("Kuzey Kafkasya", "place")]),
    ("Azerbaycan Sovyet Cumhuriyeti bünyesindeki Acarya’ya", [("Azerbaycan Sovyet Cumhuriyeti", "place"),
                                                             ("Acarya", "place")]),
    ("Gürcistan artık Sosyalist Sovyet Cumhuriyeti olmuştur.", [("Gürcistan", "place")]),
    # final k softened before a vowel: the register's "Millî Birlik"
    ("Burada kısaca Millî Birliğin oluşumundan bahsetmek isteriz.", [("Millî Birliğ", "org")]),
    # a rank before a name that is also a far-away town
    ("General Thomson şehre girdi.", [("Thomson", "person")]),
    # a given name makes the next capitalised word a surname; ranks stay out
    ("Sonra Kâzım Karabekir ile Dışişleri Bakanı Sergey Kirov görüştü.",
     [("Kâzım Karabekir", "person"), ("Sergey Kirov", "person")]),
    ("Başbakan Nesib Bey Yusufbeyli istifa etti.", [("Nesib Bey Yusufbeyli", "person")]),
    ("Bu konuda bkz. Michael A. Reynolds ve Audrey L. Altstadt.",
     [("Michael A. Reynolds", "person"), ("Audrey L. Altstadt", "person")]),
    # fronts are army commands; a suffixed head ends a name
    ("askerleri Doğu Cephesinden Batı Cephesine kaydırmıştır.",
     [("Doğu Cephesi", "org"), ("Batı Cephesi", "org")]),
    # "…, Ankara, 2005" is the place of publication; "(Golden, 1996" an author
    ("Kafkasya’da Sovyet İdaresi, Ankara, 2005, s. 45.", [("Kafkasya", "place"), ("Ankara", "place")]),
    # an abbreviation is an institution, not a fond code or a heading in capitals
    ("BOA, DH.ŞFR, 89/112 numaralı şifre.", [("BOA", "org")]),
    ("RELATIONS OF TURKEY WITH THE CAUCASUS", [("TURKEY", "place"), ("CAUCASUS", "place")]),
])
def test_general_rules(seeded, text, expected):
    assert spans(text, seeded) == expected


# invented sentences with names no register knows: evidence only; the whole
# list is compared, so a spurious extra name fails too
@pytest.mark.parametrize("text, expected", [
    ("Miralay Petrosyan’ın birlikleri Kazakh’a girdi.", [("Petrosyan", "person"), ("Kazakh", "place")]),
    ("Bu sırada Halil Paşa ordusuyla ilerliyordu.", [("Halil Paşa", "person")]),
    ("Hacı Selim Efendizade de toplantıya katıldı.", [("Hacı Selim Efendizade", "person")]),
    ("Toplantıyı Y. K. Mamedov yönetti.", [("Y. K. Mamedov", "person")]),
    ("Daha sonra Orjonikidze ile Karakaşvili görüştü.", [("Orjonikidze", "person"), ("Karakaşvili", "person")]),
    ("Mesele İttihat ve Terakki Cemiyeti tarafından ele alındı.", [("İttihat ve Terakki Cemiyeti", "org")]),
    ("Gürcü Sosyal Demokrat Partisinin kongresi toplandı.", [("Gürcü Sosyal Demokrat Partisi", "org")]),
    ("Heyet Astrahan’dan Rostov’a hareket etti.", [("Astrahan", "place"), ("Rostov", "place")]),
    ("Kura Nehri kıyısında kamp kuruldu.", [("Kura Nehri", "place")]),
])
def test_unseen_names_found_on_evidence(text, expected):
    assert spans(text, Register()) == expected


def test_groups_and_demonyms_are_not_names():
    text = "Bolşevikler, Taşnaklar, Gürcüler ve Müsavatçılar ile Rus askerleri"
    assert spans(text, Register()) == []


def test_new_person_groups_with_surname():
    reg = Register()
    ann = _Annotator(reg, gazetteer(), AnnotateOptions(), set())
    from edition.annotate.names import _Cand
    a = ann.resolve(_Cand(0, 0, "person", "Nikolay Yudeniç", "test"))
    b = ann.resolve(_Cand(0, 0, "person", "Yudeniç", "test"))
    assert a is b and a.candidate
    assert "Yudeniç" in a.names()


# kinds of names unseen text brings (issue 13), with an empty register
@pytest.mark.parametrize("text, expected", [
    ("Karabağ Hanlığı’nın kurucusu Penah Ali Han, Şuşa kalesini yaptırmıştı.",
     [("Karabağ Hanlığı", "place"), ("Penah Ali Han", "person"), ("Şuşa", "place")]),
    ("Talış Hanlığı’nın hükümdarı Mir Mustafa Han ile Ağa Muhammed Han Kaçar",
     [("Talış Hanlığı", "place"), ("Mir Mustafa Han", "person"), ("Ağa Muhammed Han Kaçar", "person")]),
    ("şehrin seraskeri Hacı Salih Paşa esir düşmüştür.", [("Hacı Salih Paşa", "person")]),
    ("kralı II. Erekle ile I. Aleksandr’ın eşi Yelizaveta Alekseyevna", [
        ("II. Erekle", "person"), ("I. Aleksandr", "person"), ("Yelizaveta Alekseyevna", "person")]),
    ("I. Dünya Savaşı ve II. Meşrutiyet", []),
    ("Ermeni Kilisesi’nin mülkleri ve Eçmiyazin Katolikosluğu ile Sioni Kilisesi",
     [("Ermeni Kilisesi", "org"), ("Eçmiyazin Katolikosluğu", "org"), ("Sioni Kilisesi", "place")]),
    ("sonra Müsavat partisinin ve İttihat ve Terakki cemiyetinin", [
        ("Müsavat partisi", "org"), ("İttihat ve Terakki cemiyeti", "org")]),
    ("Bu ayaklanma, 11. Kızıl Ordu’nun gelişiyle", [("11. Kızıl Ordu", "org")]),
    ("Berlin Antlaşması ile", [("Berlin", "place")]),
    ("Lenkeran kalesi düştü.", [("Lenkeran", "place")]),
    ("teknik direktör Şenol Güneş ile rektör Melih Bulu’ya", [("Şenol Güneş", "person"), ("Melih Bulu", "person")]),
    ("Sabiha Gökçen Havalimanı ve Yavuz Sultan Selim Köprüsü", [
        ("Sabiha Gökçen Havalimanı", "place"), ("Yavuz Sultan Selim Köprüsü", "place")]),
    ("Türkiye Futbol Federasyonu ile Zakafkasya Federasyonu ve Trabzonspor", [
        ("Türkiye Futbol Federasyonu", "org"), ("Zakafkasya Federasyonu", "place"), ("Trabzonspor", "org")]),
    ("artmıştır (Karpat 1985: 138; McCarthy 1995: 64).", [("Karpat", "person"), ("McCarthy", "person")]),
    ("BOA, HAT, 1042/43115", [("BOA", "org")]),
    ("Varanda meliki ile Dizak kalesi ve Türkmençay Antlaşması", [
        ("Varanda", "place"), ("Dizak", "place"), ("Türkmençay", "place")]),
    ("Paskeviç seferi ve Nakşibendi şeyhi", [("Paskeviç", "person")]),
    ("NATO Genel Sekreteri Jens Stoltenberg ile Ramazan Bayramı", [("NATO", "org"), ("Jens Stoltenberg", "person")]),
    ("Dünya Sağlık Örgütü ve Birinci Dünya Savaşı", [("Dünya Sağlık Örgütü", "org")]),
    ("Bakü komitesi ve Müsavat partisi ile Ermenistan SSC", [("Müsavat partisi", "org"), ("Ermenistan SSC", "place")]),
    ("Thomas de Waal ile Tapa Çermoyev ve Cəmil Həsənli", [
        ("Thomas de Waal", "person"), ("Tapa Çermoyev", "person"), ("Cəmil Həsənli", "person")]),
])
def test_kinds_of_unseen_names(text, expected):
    assert spans(text, Register()) == expected


def test_a_bare_surname_of_a_known_person():
    register = Register()
    gammer = register.add_candidate("person", "Moshe Gammer")
    finder = NameFinder(register, gazetteer())
    text = "Gammer’e göre direniş sürdü; Ankara’da da."
    found = [(text[c.start:c.end], c.kind, c.entry) for c in finder.find(text)]
    assert found == [("Gammer", "person", gammer), ("Ankara", "place", None)]
    # with a particle: "de Waal"
    register.add_candidate("person", "Thomas de Waal")
    text2 = "Bu görüşe de Waal da katılır."
    assert [(text2[c.start:c.end], c.kind) for c in NameFinder(register, gazetteer()).find(text2)] == [
        ("de Waal", "person")]
    # two persons with that surname: no guess
    register.add_candidate("person", "Ruth Gammer")
    assert [c.name for c in NameFinder(register, gazetteer()).find(text)] == ["Ankara"]


# -- the register matcher against its definition -------------------------------
import re as _re

from hypothesis import given, settings, strategies as st

from edition.annotate.names import _NAME_START, _SUFFIX_TAIL, _RegisterMatch, _RegisterMatcher

MATCHER_NAMES = ["bakü", "bakü sovyeti", "ab", "a b", "ab cd", "kars", "karsa", "3. ordu", "şuşa", "x.y", "ordu"]


def _by_definition(names, folded):
    """At each position where a name may start, the longest name whose words
    (any spaces between them) and then a suffix rule's tail match there."""
    out = []
    for start in _NAME_START.finditer(folded):
        p = start.start()
        for name in sorted(names, key=len, reverse=True):
            m = _re.compile(r"\s+".join(map(_re.escape, name.split()))).match(folded, p)
            tail = _SUFFIX_TAIL.match(folded, m.end()) if m else None
            if tail:
                out.append(_RegisterMatch(p, m.end(), m.group(), tail.group("suf")))
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MATCHER_NAMES + ["ve", "cd", "da", "'de", "nın", "-", ".", " ", "  "]), max_size=12),
       st.lists(st.sampled_from(["", " ", "  ", "da", "'nın", "-", "."]), min_size=12, max_size=12))
def test_register_matcher_finds_what_the_alternation_finds(words, glue):
    folded = " ".join(w + g for w, g in zip(words, glue))
    assert list(_RegisterMatcher(MATCHER_NAMES).finditer(folded)) == _by_definition(MATCHER_NAMES, folded)


def test_register_matcher_spans_runs_of_spaces():
    folded = "önce bakü   sovyeti'nin kararı"
    [m] = _RegisterMatcher(MATCHER_NAMES).finditer(folded)
    assert (m.start, folded[m.start:m.end], m.suffix) == (5, "bakü   sovyeti", "'nin")


# kinds of names from the error analysis of the tuning sets (issue 13, phase 2), empty register
@pytest.mark.parametrize("text, expected", [
    # the region's towns as Turkish writes them (Russian kh/sh → h/ş), North Caucasus villages
    ("Bu sırada Temir-Han-Şura’da ve Hunzah’ta kongre toplandı.", [("Temir-Han-Şura", "place"), ("Hunzah", "place")]),
    # a naval rank; an ordinal's full stop ends no sentence; a citation with a particle
    ("Komodor David Norris komutasındaki filo geldi.", [("David Norris", "person")]),
    ("Bu ayaklanmada Rus 366. Motorize Piyade Alayı da vardı.", [("366. Motorize Piyade Alayı", "org")]),
    ("öldürmüştür (de Waal 2003: 169).", [("de Waal", "person")]),
    # a sentence-initial town coordinated with another place; a country with its suffix after a town
    ("Kars ve Ardahan Türkiye’de kalmış.", [("Kars", "place"), ("Ardahan", "place"), ("Türkiye", "place")]),
    # Hacı after a name; a family name after Efendi or Şah
    ("Çeçenya'da Alibek Hacı ayaklandı.", [("Çeçenya", "place"), ("Alibek Hacı", "person")]),
    ("Sonra Hasan Efendi Elkadari ve Ahmed Şah Kaçar geldi.",
     [("Hasan Efendi Elkadari", "person"), ("Ahmed Şah Kaçar", "person")]),
    # congresses are events; a state's cabinet in lower case is described; so is a people's
    ("Nisan 1917’de Kafkasya Müslümanları Kurultayı toplandı.", [("Kafkasya", "place")]),
    ("Bu sırada Tahran hükümeti ve Dağlı hükümeti çekildi.", [("Tahran", "place")]),
    # an archive's name with its head; the series after it is no body; an Ottoman compound name
    ("ATASE Arşivi, BDH, Kls. 528.", [("ATASE Arşivi", "org")]),
    ("Hilal-i Ahmer Cemiyeti heyeti geldi.", [("Hilal-i Ahmer Cemiyeti", "org")]),
    # a town inside a longer name is no place
    ("the Committee of Union", []),
    # the words of a periodical's title name nothing
    ("Bakü’de çıkan Kaspi gazetesi ve Molla Nasreddin dergisi okundu.", [("Bakü", "place")]),
    # Ottoman "Şimali" modifies a place; demonyms are no places
    ("Şimali Kafkasya ve Dağıstan gibi.", [("Şimali Kafkasya", "place"), ("Dağıstan", "place")]),
    ("Bu sırada Çerkes ve Çeçen aileler yerleşti.", []),
])
def test_kinds_from_the_tuning_sets(text, expected):
    assert spans(text, Register()) == expected


def test_an_event_named_after_a_place_a_few_words_on():
    # "Paris Barış Konferansı": the place, and no person "Paris Barış"
    found = spans("Heyet Paris Barış Konferansı’na gitti; Ceylan, Cannes Film Festivali’nde ödül aldı.", Register())
    assert ("Paris", "place") in found and ("Cannes", "place") in found
    assert all(kind != "person" for _, kind in found)
