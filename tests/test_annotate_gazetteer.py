"""The gazetteer's index steps (edition.annotate.gazetteer), on small city records."""

from edition.annotate.gazetteer import (
    MIN_POPULATION, GazetteerPlace, _add, _best_cities, _city_names, _kept_city, _usable_alternate, gazetteer,
)


def city(name, pop, cc="AZ", alternates=(), gid=1):
    return {"name": name, "population": pop, "countrycode": cc, "alternatenames": list(alternates),
            "geonameid": gid, "latitude": 40.0, "longitude": 49.0}


def test_small_towns_only_in_the_core_countries_and_not_named_like_a_person():
    assert _kept_city(city("Şəki", MIN_POPULATION - 1, "AZ"))
    assert not _kept_city(city("Smalltown", MIN_POPULATION - 1, "FR"))
    assert not _kept_city(city("Molla", MIN_POPULATION - 1, "AZ"))  # a title
    assert _kept_city(city("Molla", MIN_POPULATION, "AZ"))


def test_alternate_names_of_the_region_also_in_turkish_letters():
    names = _city_names(city("Lankaran", 50000, "AZ", ["Lənkəran", "Stalin", "Лянкяран"]))
    assert ("Lankaran", True) in names
    assert ("Lenkeran", False) in names  # Azerbaijani ə → e
    assert all(n != "Stalin" for n, _ in names)  # a former name like a person's
    assert all(not any(ord(ch) >= 0x370 for ch in n) for n, _ in names)  # Latin script only


def test_far_away_small_towns_keep_only_their_own_name():
    assert _city_names(city("Villeneuve", 6000, "FR", ["Vilanova"])) == {("Villeneuve", True)}


def test_own_name_beats_alternate_then_population():
    a = city("Gence", 5000, "AZ", gid=1)
    b = city("Ganja", 300000, "AZ", ["Gence"], gid=2)
    assert _best_cities([a, b])["gence"]["geonameid"] == 1  # its own name, though smaller
    c = city("Kars", 70000, "TR", gid=3)
    d = city("Kars", 8000, "AZ", gid=4)
    assert _best_cities([d, c])["kars"]["geonameid"] == 3


def test_first_place_keeps_a_name():
    names = {}
    _add(names, "Osmanlı", GazetteerPlace("Osmanlı Devleti", "polity"))
    _add(names, "OSMANLI", GazetteerPlace("Osmanlı", "city"))
    assert names["osmanlı"].kind == "polity"


def test_usable_alternate_is_a_spelling():
    assert _usable_alternate("Tiflis", "tbilisi")
    assert not _usable_alternate("TBILISI", "tbilisi")
    assert not _usable_alternate("Xy", "xy")


def test_lookups_are_folded_and_the_curated_layer_wins():
    gaz = gazetteer()
    assert gaz.lookup("BAKÜ") == gaz.lookup("Bakü")
    assert gaz.lookup("Kafkasya").kind == "region"
    assert gaz.lookup("Gürcistan").kind == "country" and gaz.lookup("Gürcistan").geonames
    assert "Wordthatisnoplace" not in gaz


def test_russian_transliteration_as_turkish_writes_it():
    from edition.annotate.gazetteer import _turkish_spelling
    assert _turkish_spelling("Temir-Khan-Shura") == "Temir-Han-Şura"
    assert _turkish_spelling("Zhdanov Chai") == "Jdanov Çai"
    names = _city_names(city("Buynaksk", 62000, "RU", ["Temir-Khan-Shura"]))
    assert ("Temir-Han-Şura", False) in names  # a former name of a town of the region


def test_former_names_like_a_surname_are_kept_out():
    assert all(n != "Resulzade" for n, _ in _city_names(city("Yeni Suraxanı", 20000, "AZ", ["Rəsulzadə"])))


def test_the_north_caucasus_counts_as_core():
    from edition.annotate.gazetteer import _in_core
    dagestan_village = dict(city("Gunib", 2500, "RU"), admin1code="17")
    assert _in_core(dagestan_village) and _kept_city(dagestan_village)
    assert not _kept_city(dict(city("Smallrussia", 2500, "RU"), admin1code="48"))
