"""The evidence request list as DOCX: the Word machinery of the other reports (``word.py``: styles, A4
page, cover, document control, tables whose header row repeats) with the list's own body, one table per
family, one row per assessment object."""

from __future__ import annotations

import io
from typing import Any

from dibcyber.errors import Msg
from dibcyber.report import Options
from dibcyber.report.pdf import MissingComponentError, find_fonts
from dibcyber.report.word import DOCX_EXTRA, _restamp, _Writer


def render_request_docx(ctx: dict[str, Any], options: Options) -> bytes:
    try:
        import docx  # noqa: F401
    except ImportError as e:
        raise MissingComponentError(Msg("report.no_docx", error=str(e)),
                                    hint=DOCX_EXTRA) from e
    return _RequestWriter(ctx, find_fonts(options.font)).render()


class _RequestWriter(_Writer):
    def render(self) -> bytes:
        self._styles()
        self._page()
        self._properties()
        self._cover()
        self._request()
        buf = io.BytesIO()
        self.doc.save(buf)
        return _restamp(buf.getvalue(), self.ctx["assessment"].date)

    def _requirement(self, i: dict[str, Any]) -> list[str]:
        """The requirement's cell: ID and title, then status, evidence, what is missing, owner, target."""
        m, rq = self.m, self.m["request"]
        facts = [(m["column"]["status"], i["status_text"]),
                 (rq["column"]["cited"], m["summary"]["sep"].join(i["cited"]) or m["none"]),
                 (rq["column"]["state"], i["state_text"]), (rq["column"]["missing"], i["missing_text"]),
                 (m["column"]["owner"], i["owner"]), (m["column"]["target"], i["target"])]
        return [f"{i['id']} {i['title']}", *(f"{k}{m['sep']}{v}" for k, v in facts if v)]

    def _request(self) -> None:
        ctx, m, rq = self.ctx, self.m, self.m["request"]
        number = 1
        self._h(f"{number}. {rq['section']['summary']}", level=1)
        for p in ctx["summary"]:
            self._p(p)
        headers = [rq["column"]["requirement"], rq["column"]["method"], rq["column"]["object"], rq["column"]["reply"]]
        for f in ctx["families"]:
            number += 1
            self._h(f"{number}. {f['heading']}", level=1)
            self._note(f["count"])
            rows: list[list[str | list[str]]] = []
            for i in f["items"]:
                first: list[str] = self._requirement(i)
                for o in i["objects"] or [None]:
                    rows.append([first, o["method_text"] if o else "—", o["text"] if o else rq["no_objects"], ""])
                    first = [i["id"]]
            self._table(headers, rows, [30, 12, 34, 24])
        if ctx["not_applicable"]:
            number += 1
            self._h(f"{number}. {rq['section']['not_applicable']}", level=1)
            self._table([m["column"]["id"], m["column"]["title"], rq["reason"]],
                        [[i["id"], i["title"], i["narrative"]] for i in ctx["not_applicable"]], [14, 26, 60])
        number += 1
        self._h(f"{number}. {rq['section']['method']}", level=1)
        for p in ctx["request_method"]:
            self._p(p)
