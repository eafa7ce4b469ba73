"""The one date normaliser (edition.dates): its rule table, handlers and vetoes, each alone."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.dates import (
    INFERRED,
    RULES,
    DateContext,
    find_dates,
    iso_value,
    page_or_number,
    parse_date,
    publication_year,
)

# One example per rule: the rule's own name must be the one that reads it
# (a rule no text reaches, or one shadowed by an earlier rule, fails here).
EXAMPLE_OF_RULE = {
    "dual-dmy-dmy": "12 Nisan 1293/24 Nisan 1877",
    "dual-dmy-y": "7 Mart 1334/1918",
    "hijri-dmy": "3 Rebiülahir 1276",
    "rumi-dmy": "20 Teşrinievvel 1275",
    "rumi-my": "Mart 1334",
    "sene": "1294 senesinde",
    "dmy-dmy": "31 Mart-1 Nisan 1918",
    "d-dmy": "28-29 Kasım 1920",
    "dmy": "31 Mart 1918",
    "mdy-en": "March 3, 1918",
    "my-my": "Temmuz-Ağustos 1914",
    "y-month": "1921 yılı Ocak ayında",
    "my": "Ocak 1918",
    "month": "Ağustos ayında",
    "y-m-glued": "1797 Haziranında",
    "d-dm": "3-4 Nisanda",
    "dm": "31 Mart",
    "century-part": "XIX. yüzyılın başlarında",
    "century": "XX. yüzyıl",
    "century-en": "19th century",
    "y-part": "1920 baharında",
    "decade": "1750'li yıllarda",
    "decade-ler": "1920’lerde",
    "y-y": "1918-1920",
    "y-yy": "1917-18",
    "y-yil": "1918 yılında",
    "y": "1918",
    # abbreviated, partial and cross-year ranges; seasons; parts of months and decades
    "dmy-dmy-y": "31 Aralık 1917-1 Ocak 1918",
    "my-my-y": "Haziran 1908-Nisan 1909",
    "my-part": "Nisan 1920 sonunda",
    "y-month-part": "1918 yılı Eylül ayının ortalarında",
    "y-mm": "1918 Haziran-Temmuz",
    "month-part": "Eylül ayının sonlarında",
    "season-en": "spring of 1917",
    "y-y-winter": "1919-1920 kışında",
    "y-winter": "1918 kışında",
    "decade-part": "1990’lı yılların başında",
    "century-yy": "XIX. yy.",
    "y/y": "1905/1906",
    "numeric-dmy": "30.10.1918",
    # other calendars
    "rumi-my-my": "Mart-Nisan 1334",
    "dual-y-y": "1334/1918",
    "hijri-y": "H. 1228",
    "archive-hijri-y": "1228",
    "century-range": "XVII-XVIII. yüzyıllarda",
}


def test_every_rule_has_an_example():
    assert {rule.name for rule in RULES} == set(EXAMPLE_OF_RULE)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_reads_its_example_whole(rule):
    text = EXAMPLE_OF_RULE[rule.name]
    assert rule.compiled.fullmatch(text), "the example is this rule's"
    first = next(r for r in RULES if r.compiled.search(text))
    assert first is rule, f"{first.name} takes {text!r} before {rule.name}"
    attrs = rule.read(rule.compiled.fullmatch(text), DateContext(last_year=1918))
    assert attrs, f"{rule.name} reads no date from {text!r}"
    iso = [v for k, v in attrs.items() if k in ("when", "from", "to", "notBefore", "notAfter")]
    assert iso and all(re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", v) for v in iso)


def test_iso_value_to_the_precision_written():
    assert iso_value(1918) == "1918"
    assert iso_value(1918, 3) == "1918-03"
    assert iso_value(1918, 3, 7) == "1918-03-07"
    assert iso_value(1918, 2, 29) is None  # no such day
    assert iso_value(1916, 2, 29) == "1916-02-29"


def test_parse_date_reads_a_reference_field_in_any_case():
    # a reference's date field is known to be a date: its month may be written in capitals
    assert parse_date("4 OCAK 1919") == {"when": "1919-01-04"}
    assert parse_date("4 ocak 1919") == {"when": "1919-01-04"}
    # running text stays strict: "ocak" (a hearth) is no month there
    assert [(m.start, m.end) for m in find_dates("4 ocak 1919")] == [(7, 11)]  # the year alone


def test_parse_date_is_no_date_for_a_part():
    assert parse_date("31 Şubat 1919") is None
    assert parse_date("Bakü 1918") is None
    assert parse_date("") is None


def test_year_vetoes():
    def veto(check, text, year):
        m = re.search(year, text)
        assert m is not None
        return check(text, m)

    assert veto(page_or_number, "s. 1918", "1918")
    assert not veto(page_or_number, "in 1918", "1918")
    assert veto(publication_year, "Suny, Baku Commune, Princeton, 1972, s. 12", "1972")
    assert veto(publication_year, "(Suny, 2010)", "2010")
    assert not veto(publication_year, "Mart 1918’de Bakü’de", "1918")


def test_inferred_values_say_so():
    ctx = DateContext(last_year=1918)
    for text in ("31 Mart’ta", "3-4 Nisanda", "Ağustos ayında", "29 Zilkade 1243", "1294 senesinde",
                 "Nisan sonunda", "1918 kışında", "H. 1228", "BOA, C.HR, 12/580, 1228"):
        (m,) = find_dates(text, ctx.copy())
        assert INFERRED.items() <= m.attributes.items(), text
    for text in ("31 Mart 1918", "7 Mart 1334/1918", "1919-1920 kışında", "Nisan 1920 sonunda", "1228"):
        (m,) = find_dates(text)
        assert "cert" not in m.attributes, text


@given(st.text(alphabet="0123456789 -/.,’'MartNisanyılındaXV", max_size=60))
def test_found_dates_are_ordered_disjoint_spans_of_the_text(text):
    found = find_dates(text, DateContext(last_year=1918))
    ends = [0]
    for m in found:
        assert ends[-1] <= m.start < m.end <= len(text)
        ends.append(m.end)
