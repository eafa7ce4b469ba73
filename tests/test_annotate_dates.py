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
    ("1917-18 kışı", "1917-18", {"from": "1917", "to": "1918"}),
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
