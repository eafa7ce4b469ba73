"""Calendar expressions → ISO values (edition.annotate.dates)."""

import pytest

from edition.annotate.dates import DateContext, find_dates, parse_date

CASES = [
    ("31 Mart 1918", "31 Mart 1918", {"when": "1918-03-31"}),
    ("31 Mart 1918’de", "31 Mart 1918", {"when": "1918-03-31"}),
    ("(31 Mart-1 Nisan 1918)", "31 Mart-1 Nisan 1918", {"from": "1918-03-31", "to": "1918-04-01"}),
    ("15 Şubat-17 Mart 1921 tarihleri", "15 Şubat-17 Mart 1921", {"from": "1921-02-15", "to": "1921-03-17"}),
    ("28-29 Kasım 1920 tarihinde", "28-29 Kasım 1920", {"from": "1920-11-28", "to": "1920-11-29"}),
    ("Ocak 1918’de", "Ocak 1918", {"when": "1918-01"}),
    ("Temmuz-Ağustos 1914’te", "Temmuz-Ağustos 1914", {"from": "1914-07", "to": "1914-08"}),
    ("1918", "1918", {"when": "1918"}),
    ("1918 yılında", "1918 yılında", {"when": "1918"}),
    ("1918 yılı", "1918 yılı", {"when": "1918"}),
    ("1921 yılı Ocak ayında", "1921 yılı Ocak ayında", {"when": "1921-01"}),
    ("1920 baharında", "1920 baharında", {"notBefore": "1920-03-01", "notAfter": "1920-05-31"}),
    ("1918 yazında", "1918 yazında", {"notBefore": "1918-06-01", "notAfter": "1918-08-31"}),
    # seasons in every case form
    ("1920 baharına gelindiğinde", "1920 baharına", {"notBefore": "1920-03-01", "notAfter": "1920-05-31"}),
    ("1919 güzünden beri", "1919 güzünden", {"notBefore": "1919-09-01", "notAfter": "1919-11-30"}),
    ("XX. yüzyılın başına kadar", "XX. yüzyılın başına", {"notBefore": "1901", "notAfter": "1925"}),
    ("1917 sonlarında", "1917 sonlarında", {"notBefore": "1917-10-01", "notAfter": "1917-12-31"}),
    ("1919 yılının sonlarına doğru kurulan", "1919 yılının sonlarına doğru",
     {"notBefore": "1919-10-01", "notAfter": "1919-12-31"}),
    ("1918 yılı başlarında", "1918 yılı başlarında", {"notBefore": "1918-01-01", "notAfter": "1918-03-31"}),
    ("(1800-1825)", "1800-1825", {"from": "1800", "to": "1825"}),
    ("XX. yüzyıl", "XX. yüzyıl", {"notBefore": "1901", "notAfter": "2000"}),
    ("19. yüzyılda", "19. yüzyılda", {"notBefore": "1801", "notAfter": "1900"}),
    ("XIX. yüzyılın başlarında", "XIX. yüzyılın başlarında", {"notBefore": "1801", "notAfter": "1825"}),
    ("in the 19th century", "19th century", {"notBefore": "1801", "notAfter": "1900"}),
    ("Bolshevik Revolution of 1917", "1917", {"when": "1917"}),
    ("2 Aprel (Nisan) 2004", "2 Aprel (Nisan) 2004", {"when": "2004-04-02"}),
    ("(25 Nisan1918)", "25 Nisan1918", {"when": "1918-04-25"}),
    ("March 3, 1918", "March 3, 1918", {"when": "1918-03-03"}),
    # short ranges, decades, a month with a glued suffix
    ("1917-18 kışı", "1917-18 kışı", {"notBefore": "1917-12-01", "notAfter": "1918-02-28"}),
    ("1917-18 savaşı", "1917-18", {"from": "1917", "to": "1918"}),
    ("1917/18", "1917/18", {"from": "1917", "to": "1918"}),
    ("1878-81 yıllarında", "1878-81 yıllarında", {"from": "1878", "to": "1881"}),
    ("1918-1920 yıllarında", "1918-1920 yıllarında", {"from": "1918", "to": "1920"}),
    ("1750'li yıllarda", "1750'li yıllarda", {"notBefore": "1750", "notAfter": "1759"}),
    ("1920’lerde", "1920’lerde", {"notBefore": "1920", "notAfter": "1929"}),
    ("1797 Haziranında", "1797 Haziranında", {"when": "1797-06"}),
    ("3-4 Nisan 1918'de", "3-4 Nisan 1918", {"from": "1918-04-03", "to": "1918-04-04"}),
    ("2024 yılının ilk çeyreğinde", "2024 yılının ilk çeyreğinde", {"notBefore": "2024-01-01", "notAfter": "2024-03-31"}),
    # Rumi: Julian days before the 1917 reform (12 days behind in the 19th century)
    ("20 Teşrinievvel 1275", "20 Teşrinievvel 1275", {"when": "1859-11-01", "calendar": "rumi"}),
    ("19 Şubat 1293", "19 Şubat 1293", {"when": "1878-03-03", "calendar": "rumi"}),
    # … Gregorian days after it, January and February a year later
    ("15 Kânunusani 1335", "15 Kânunusani 1335", {"when": "1920-01-15", "calendar": "rumi"}),
    ("7 Mart 1334/1918 tarihli", "7 Mart 1334/1918", {"when": "1918-03-07", "calendar": "rumi"}),
    ("12 Nisan 1293/24 Nisan 1877", "12 Nisan 1293/24 Nisan 1877", {"when": "1877-04-24", "calendar": "rumi"}),
    ("Mart 1334", "Mart 1334", {"when": "1918-03", "calendar": "rumi"}),
    ("Nisan 1293", "Nisan 1293", {"notBefore": "1877-04-13", "notAfter": "1877-05-12", "calendar": "rumi"}),
    ("1294 senesinde", "1294 senesinde", {"notBefore": "1878-03-13", "notAfter": "1879-03-12",
                                          "calendar": "rumi", "cert": "medium", "evidence": "conjecture"}),
    # Hijri, tabular: marked as inferred
    ("29 Zilkade 1243", "29 Zilkade 1243", {"when": "1828-06-12", "calendar": "hijri",
                                            "cert": "medium", "evidence": "conjecture"}),
    ("15 Muharrem 1244/1828", "15 Muharrem 1244/1828", {"when": "1828-07-28", "calendar": "hijri",
                                                        "cert": "medium", "evidence": "conjecture"}),
    # years with their Rumi or Hijri twin, a Hijri year said to be one
    ("1334/1918 yılında", "1334/1918", {"notBefore": "1918-03-01", "notAfter": "1919-02-28", "calendar": "rumi"}),
    ("1244/1828", "1244/1828", {"notBefore": "1828-07-14", "notAfter": "1829-07-02", "calendar": "hijri",
                                "cert": "medium", "evidence": "conjecture"}),
    ("H. 1228 tarihli", "H. 1228", {"notBefore": "1813-01-04", "notAfter": "1813-12-23", "calendar": "hijri",
                                    "cert": "medium", "evidence": "conjecture"}),
    ("BOA, C.HR, 12/580, 1228;", "1228", {"notBefore": "1813-01-04", "notAfter": "1813-12-23", "calendar": "hijri",
                                          "cert": "medium", "evidence": "conjecture"}),
    ("Mart-Nisan 1334", "Mart-Nisan 1334", {"notBefore": "1918-03-01", "notAfter": "1918-04-30", "calendar": "rumi"}),
    # ranges over two years, with "and", with the months' own word
    ("Haziran 1908-Nisan 1909 arasında", "Haziran 1908-Nisan 1909", {"from": "1908-06", "to": "1909-04"}),
    ("31 Aralık 1917-1 Ocak 1918 gecesi", "31 Aralık 1917-1 Ocak 1918", {"from": "1917-12-31", "to": "1918-01-01"}),
    ("between June and November 1918", "June and November 1918", {"from": "1918-06", "to": "1918-11"}),
    ("3 ve 4 Nisan 1918 tarihlerinde", "3 ve 4 Nisan 1918", {"from": "1918-04-03", "to": "1918-04-04"}),
    ("Temmuz-Ağustos 1920 aylarında", "Temmuz-Ağustos 1920 aylarında", {"from": "1920-07", "to": "1920-08"}),
    ("1918 Haziran-Temmuz aylarında", "1918 Haziran-Temmuz aylarında", {"from": "1918-06", "to": "1918-07"}),
    ("1905/1906", "1905/1906", {"from": "1905", "to": "1906"}),
    # a year and a month named as such, or with an apostrophe
    ("1920 Mart ayında", "1920 Mart ayında", {"when": "1920-03"}),
    ("1918 Mayıs’ında", "1918 Mayıs", {"when": "1918-05"}),
    # winters cross the year; English seasons
    ("1919-1920 kışında", "1919-1920 kışında", {"notBefore": "1919-12-01", "notAfter": "1920-02-29"}),
    ("1918 kışında", "1918 kışında", {"notBefore": "1918-12-01", "notAfter": "1919-02-28",
                                      "cert": "medium", "evidence": "conjecture"}),
    ("from the spring of 1917", "spring of 1917", {"notBefore": "1917-03-01", "notAfter": "1917-05-31"}),
    # parts of a month and of a decade
    ("Nisan 1920 sonunda", "Nisan 1920 sonunda", {"notBefore": "1920-04-21", "notAfter": "1920-04-30"}),
    ("1918 yılı Eylül ayının ortalarında", "1918 yılı Eylül ayının ortalarında",
     {"notBefore": "1918-09-11", "notAfter": "1918-09-20"}),
    ("1990’lı yılların başında", "1990’lı yılların başında", {"notBefore": "1990", "notAfter": "1993"}),
    ("1890’larda", "1890’larda", {"notBefore": "1890", "notAfter": "1899"}),
    # centuries written short
    ("XIX. asrın başlarında", "XIX. asrın başlarında", {"notBefore": "1801", "notAfter": "1825"}),
    ("XIX yüzyıl", "XIX yüzyıl", {"notBefore": "1801", "notAfter": "1900"}),
    ("19. yy’da", "19. yy", {"notBefore": "1801", "notAfter": "1900"}),
    ("30.10.1918 tarihinde", "30.10.1918", {"when": "1918-10-30"}),
]


@pytest.mark.parametrize("text, span, attrs", CASES)
def test_date_forms(text, span, attrs):
    found = find_dates(text)
    assert [(text[m.start:m.end], m.attributes) for m in found] == [(span, attrs)]


@pytest.mark.parametrize("text", [
    "1.000’e yakın asker", "3.000 Türk", "48 asker", "s. 17-19", "f. 176, d. 20", "saat 20.45’te",
    "12.000 insan", "I. Dünya Savaşı", "Mart Katliamı", "N:48", "s. 1024",
    # archive shelfmarks and years of publication
    "HAT, 1042/43115,", "Ankara, 1993, s. 310", "(Suny, 2010)", "(Bournoutian 2004: 18)", "London, 1908.",
    # a second year that does not belong to the Rumi one
    "7 Mart 1334/1890",
    # shelfmarks, the end of a page range, a cited work's year with its page
    "BDH, Kls. 528, Dos. 2061, F. 17-3;", "s. 1008-1015;", "yöneliyordu (1951: 122).", "Swietochowski (1985: 21)", "(de Waal 2003: 169-172)",
    # a day and month that name a bridge or a holiday
    "15 Temmuz Şehitler Köprüsü", "29 Ekim Cumhuriyet Bayramı",
])
def test_not_dates(text):
    assert find_dates(text) == []


def test_year_inferred_from_nearest_preceding_year():
    ctx = DateContext()
    find_dates("22 Ocak 1918’de Tiflis’te", ctx)
    (m,) = find_dates("7 Mart’ta itirazını bildirmiştir", ctx)
    assert m.attributes == {"when": "1918-03-07", "cert": "medium", "evidence": "conjecture"}


def test_day_month_takes_year_it_was_written_with_before():
    ctx = DateContext()
    find_dates("31 Mart 1918 Bakü Katliamı … 1917 sonlarında", ctx)
    (m,) = find_dates("31 Mart’ta halk sokaklara döküldü", ctx)
    assert m.attributes["when"] == "1918-03-31"


def test_day_month_without_any_year_is_left_alone():
    assert find_dates("16 Nisan’da", DateContext()) == []


def test_day_range_without_year():
    ctx = DateContext(last_year=1918)
    (m,) = find_dates("Bakü’de 29-31 Mart’ta cereyan eden", ctx)
    assert m.attributes == {"from": "1918-03-29", "to": "1918-03-31", "cert": "medium",
                            "evidence": "conjecture"}


def test_impossible_day_is_no_date():
    assert find_dates("31 Şubat 1918") == []


def test_parse_date_whole_string_only():
    assert parse_date("4 Ocak 1919") == {"when": "1919-01-04"}
    assert parse_date("1951") == {"when": "1951"}
    assert parse_date("Azerbaycan 1918") is None


def test_month_named_as_such_takes_the_year_from_context():
    ctx = DateContext()
    found = find_dates("1920 yılında kıtlık vardı. Ağustos ayından itibaren erzak geldi.", ctx)
    month = found[-1]
    assert month.attributes == {"when": "1920-08", "cert": "medium", "evidence": "conjecture"}
    assert find_dates("Mayıs ayında bir ihtilal oldu.", DateContext()) == []  # no year known: no date


def test_day_range_with_a_glued_suffix_takes_the_year_from_context():
    ctx = DateContext()
    find_dates("1918 baharında", ctx)
    (m,) = find_dates("3-4 Nisanda Bakü’de", ctx)
    assert (m.start, m.end) == (0, len("3-4 Nisanda"))
    assert m.attributes == {"from": "1918-04-03", "to": "1918-04-04", "cert": "medium", "evidence": "conjecture"}


def test_rumi_dates_agree_with_the_1917_reform():
    from edition.calendars import rumi_to_gregorian

    # the last Julian day and the first Gregorian one of the reform
    assert rumi_to_gregorian(1332, 2, 15).isoformat() == "1917-02-28"
    assert rumi_to_gregorian(1333, 3, 1).isoformat() == "1917-03-01"
    assert rumi_to_gregorian(1333, 2, 15).isoformat() == "1918-02-15"  # Şubat ends the Rumi year
    assert rumi_to_gregorian(1316, 3, 1).isoformat() == "1900-03-14"  # 13 days behind after Julian 29 Feb 1900
