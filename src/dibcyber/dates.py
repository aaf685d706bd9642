"""One reader for the dates people type: the interactive prompts, workbook cells and the hints given for a
date written the wrong way in YAML all go through ``parse_date``, so every route accepts the same forms and
says the same thing about the same mistake.

Accepted (full-width digits and letters too, through NFKC): ``2027-03-31``, ``2027-3-31``, ``2027/3/31``,
``2027.3.31``, ``2027年3月31日``, Japanese era dates ``令和9年3月31日``, ``令和元年5月1日``, ``平成31年4月30日``
and their short forms ``R9.3.31``, ``H31/4/30``. Refused with a reason: eight digits without separators
(``20270331``: year-month-day or a number?), a day that does not exist (``2027-02-30``), an era date outside
its era (``平成31年5月1日``; 令和 began on 2019-05-01), two-digit years.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_ERAS = {  # name: (first day, last day)
    "令和": (dt.date(2019, 5, 1), None),
    "平成": (dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
}
_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidi overrides: echoed escaped, never raw."""
_SEP = r"[-/.]"
_WESTERN = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})|(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日")
_ERA = re.compile(rf"(令和|平成|昭和|[RHS])(\d{{1,2}}|元)"
                  rf"(?:年(\d{{1,2}})月(\d{{1,2}})日|{_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}}))", re.IGNORECASE)


@dataclass(frozen=True)
class DateError(ValueError):
    """Why a text is not a date, in English and Japanese."""

    en: str
    ja: str

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


EXAMPLE = "2027-03-31"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _day(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if not 1 <= year <= 9999:
        raise DateError(f"'{shown}': there is no year {year}", f"「{shown}」：{year}年は扱えない")
    if not 1 <= month <= 12:
        raise DateError(f"'{shown}': there is no month {month}", f"「{shown}」：{month}月は存在しない")
    last = calendar.monthrange(year, month)[1]
    raise DateError(f"'{shown}': no such day ({_MONTHS[month - 1]} {year} has {last} days)",
                    f"「{shown}」：そのような日はない（{year}年{month}月は{last}日まで）")


def era_date(day: dt.date) -> str | None:
    """A date in the Japanese era calendar, as Japanese official documents write it: 令和8年11月1日, the first
    year 元年 (令和元年5月1日); None before the eras this knows (平成, 令和)."""
    for name in ("令和", "平成"):
        first, last = _ERAS[name]
        if first <= day <= (last or dt.date.max):
            year = day.year - first.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return None


def parse_date(text: str) -> dt.date:
    """The date ``text`` names, or ``DateError`` saying exactly what is wrong."""
    raw = text.strip()
    shown = _UNSAFE.sub(lambda c: f"\\u{ord(c.group(0)):04x}", raw if len(raw) <= 40 else raw[:39] + "…")
    norm = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if m := _WESTERN.fullmatch(norm):
        g = [x for x in m.groups() if x is not None]
        return _day(int(g[0]), int(g[1]), int(g[2]), shown)
    if m := _ERA.fullmatch(norm):
        era = _LETTERS.get(m.group(1).upper(), m.group(1))
        number = 1 if m.group(2) == "元" else int(m.group(2))
        month, day = int(m.group(3) or m.group(5)), int(m.group(4) or m.group(6))
        first, last = _ERAS[era]
        if number < 1:
            raise DateError(f"'{shown}': {era} years start at 1 (元年)", f"「{shown}」：{era}は元年（1年）から")
        value = _day(first.year + number - 1, month, day, shown)
        if value < first or (last is not None and value > last):
            span_en = f"{first.isoformat()} to {last.isoformat()}" if last else f"from {first.isoformat()}"
            span_ja = f"{first.isoformat()}〜{last.isoformat()}" if last else f"{first.isoformat()}以降"
            raise DateError(f"'{shown}' is not in the {era} era ({span_en}); it would be {value.isoformat()}",
                            f"「{shown}」は{era}の期間（{span_ja}）にない（西暦では{value.isoformat()}）")
        return value
    if re.fullmatch(r"\d{8}", norm):
        guess = f"{norm[:4]}-{norm[4:6]}-{norm[6:]}"
        raise DateError(f"'{shown}': write the date with separators, e.g. {guess}",
                        f"「{shown}」：日付は区切りを入れて書く（例：{guess}）")
    if re.fullmatch(rf"\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{1,4}}", norm):
        raise DateError(f"'{shown}': write the year first with four digits, e.g. {EXAMPLE}",
                        f"「{shown}」：年を4桁で先頭に書く（例：{EXAMPLE}）")
    raise DateError(f"'{shown}' is not a date; write e.g. {EXAMPLE}, 2027/3/31 or 令和9年3月31日",
                    f"「{shown}」は日付ではない。例：{EXAMPLE}、2027/3/31、令和9年3月31日")
