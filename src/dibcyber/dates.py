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

from dibcyber.errors import Msg, Noun

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


class DateError(ValueError):
    """Why a text is not a date: ``msg`` says it whole ('2027-02-30': no such day …), ``reason`` without
    the quoted text (for a hint beside a message that quotes it already)."""

    def __init__(self, shown: str, reason: Msg, message_id: str = "date.error") -> None:
        self.reason = reason
        self.msg = Msg(message_id, value=shown, reason=reason)
        super().__init__(self.msg.render())

    @property
    def en(self) -> str:
        return self.msg.render("en")

    @property
    def ja(self) -> str:
        return self.msg.render("ja")

    def text(self, lang: str) -> str:
        return self.msg.render(lang)


EXAMPLE = "2027-03-31"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _day(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if not 1 <= year <= 9999:
        raise DateError(shown, Msg("date.no_year", year=year))
    if not 1 <= month <= 12:
        raise DateError(shown, Msg("date.no_month", month=month))
    last = calendar.monthrange(year, month)[1]
    raise DateError(shown, Msg("date.no_day", month=Noun(_MONTHS[month - 1]), year=year, last=last))


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
            raise DateError(shown, Msg("date.era_year_zero", era=era))
        value = _day(first.year + number - 1, month, day, shown)
        if value < first or (last is not None and value > last):
            span = (Msg("date.span", first=first.isoformat(), last=last.isoformat()) if last
                    else Msg("date.span_open", first=first.isoformat()))
            raise DateError(shown, Msg("date.outside_era", era=era, span=span, western=value.isoformat()),
                            "date.outside_era_error")
        return value
    if re.fullmatch(r"\d{8}", norm):
        guess = f"{norm[:4]}-{norm[4:6]}-{norm[6:]}"
        raise DateError(shown, Msg("date.separators", example=guess))
    if re.fullmatch(rf"\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{1,4}}", norm):
        raise DateError(shown, Msg("date.year_first", example=EXAMPLE))
    raise DateError(shown, Msg("date.forms", example=EXAMPLE), "date.not_a_date")
