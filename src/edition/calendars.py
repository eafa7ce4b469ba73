"""Calendars: Rumi and Hijri dates as Gregorian dates (the month names live in :mod:`edition.turkish`).

Three calendars occur in Turkish historiography:

* Gregorian ("7 Mart 1918"), with the Turkish, Azerbaijani ("Aprel") and
  English month names;
* Rumi (Ottoman fiscal, *mali*): the Julian calendar with years counted from
  1 March and 584 behind the Gregorian ones (Rumi 1293 Nisan = April 1877,
  Rumi 1293 Kânunusani = January 1878). Until the 1917 reform the days are
  Julian (12 days behind the Gregorian in the 19th century, 13 in the 20th);
  from 1 Mart 1333 (= 1 March 1917) the days are Gregorian and only the year
  and the months' names remain (Rumi 1334 Mart = March 1918);
* Hijri (lunar), converted by the arithmetical (tabular) calendar, which can
  differ from the observed month by a day: such values carry ``cert="medium"``.

Month names become numbers in :func:`edition.turkish.month_number` (and its
Rumi and Hijri siblings), re-exported here for the date rules.
"""

from __future__ import annotations

import datetime
import math

from .turkish import (
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    RUMI_MONTHS,
    RUMI_ONLY_MONTHS,
    hijri_month_number,
    month_number,
    rumi_month_number,
)

# Years that, with a Turkish month name, are Rumi rather than Gregorian: the
# Rumi count began in 1256 (1840) and ended in 1341 (1925).
RUMI_YEARS = range(1256, 1342)
REFORM_YEAR = 1333  # from 1 Mart 1333, the first day of that Rumi year, the days are Gregorian


def _from_julian(year: int, month: int, day: int) -> datetime.date:
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return datetime.date.fromordinal(jdn - 1721425)


def rumi_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """A Rumi date as a Gregorian date; ValueError for a day the month does not have."""
    gy = year + 584 if month >= 3 else year + 585
    if year >= REFORM_YEAR:
        return datetime.date(gy, month, day)
    if day > (29 if month == 2 and gy % 4 == 0 else 28 if month == 2 else
              [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]):
        raise ValueError(f"no day {day} in Rumi month {month}")
    return _from_julian(gy, month, day)


def rumi_month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = rumi_to_gregorian(year, month, 1)
    nxt = rumi_to_gregorian(year + (month == 2), month % 12 + 1, 1)
    return first, nxt - datetime.timedelta(days=1)


def rumi_year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return rumi_to_gregorian(year, 3, 1), rumi_to_gregorian(year + 1, 3, 1) - datetime.timedelta(days=1)


def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The tabular Islamic calendar (civil epoch 16 July 622 Julian)."""
    if not 1 <= day <= 30:
        raise ValueError(f"no day {day} in a Hijri month")
    jdn = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439
    return datetime.date.fromordinal(jdn - 1721425)


def hijri_month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = hijri_to_gregorian(year, month, 1)
    nxt = hijri_to_gregorian(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - datetime.timedelta(days=1)


def hijri_year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return hijri_to_gregorian(year, 1, 1), hijri_to_gregorian(year + 1, 1, 1) - datetime.timedelta(days=1)


__all__ = ["hijri_year_range", "month_number", "rumi_month_number", "hijri_month_number", "rumi_to_gregorian",
           "rumi_month_range", "rumi_year_range", "hijri_to_gregorian", "hijri_month_range",
           "GREGORIAN_MONTHS", "RUMI_MONTHS", "RUMI_ONLY_MONTHS", "HIJRI_MONTHS", "RUMI_YEARS"]
