"""The one date reader (``dibcyber.dates``) behind prompts, workbook cells and YAML hints."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dibcyber.dates import DateError, parse_date

D = dt.date


@pytest.mark.parametrize(("text", "day"), [
    ("2027-03-31", D(2027, 3, 31)), ("2027-3-31", D(2027, 3, 31)), ("2027/3/31", D(2027, 3, 31)),
    ("2027.3.31", D(2027, 3, 31)), ("2027年3月31日", D(2027, 3, 31)), ("２０２７／３／３１", D(2027, 3, 31)),
    ("令和9年3月31日", D(2027, 3, 31)), ("令和９年３月３１日", D(2027, 3, 31)), ("R9.3.31", D(2027, 3, 31)),
    ("r9/3/31", D(2027, 3, 31)), ("Ｒ９．３．３１", D(2027, 3, 31)), (" 2027-03-31 ", D(2027, 3, 31)),
    # era boundaries: 平成 ends on 2019-04-30, 令和 begins on 2019-05-01 (元年 = year 1)
    ("平成31年4月30日", D(2019, 4, 30)), ("令和元年5月1日", D(2019, 5, 1)), ("令和1年5月1日", D(2019, 5, 1)),
    ("H31.4.30", D(2019, 4, 30)), ("平成元年1月8日", D(1989, 1, 8)), ("昭和64年1月7日", D(1989, 1, 7)),
    ("2028-02-29", D(2028, 2, 29)),
])
def test_accepted_forms(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(("text", "en", "ja"), [
    ("20270331", "with separators, e.g. 2027-03-31", "区切り"),
    ("2027-02-30", "no such day (February 2027 has 28 days)", "そのような日はありません（2027年2月は28日までです）"),
    ("2027-13-01", "no month 13", "13月は存在しません"),
    ("平成31年5月1日", "not in the 平成 era", "平成の期間"),
    ("令和元年4月30日", "not in the 令和 era", "令和の期間"),
    ("昭和64年1月8日", "not in the 昭和 era", "昭和の期間"),
    ("令和0年5月1日", "start at 1", "元年"),
    ("31/3/2027", "year first", "年を4桁"),
    ("来年3月", "is not a date", "日付ではありません"),
    ("", "is not a date", "日付ではありません"),
])
def test_refused_with_a_reason(text: str, en: str, ja: str) -> None:
    with pytest.raises(DateError) as e:
        parse_date(text)
    assert en in e.value.text("en")
    assert ja in e.value.text("ja")


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)))
def test_iso_round_trip(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.year}/{day.month}/{day.day}") == day


@given(st.text(max_size=60))
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        parse_date(text)
    except DateError as e:
        assert e.text("ja") and e.text("en")


@pytest.mark.parametrize("text", ["0000-01-01", "9999-12-32", "0000-02-30"])
def test_impossible_years_are_date_errors(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)
