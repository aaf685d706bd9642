"""PDF through WeasyPrint (the ``pdf`` extra): A4, running header and footer, page numbers, a table of
contents, and an embedded Japanese font.

The renderer fetches nothing but bundled assets: the report's own stylesheet and the font files. Every
other URL — http(s), or a file outside those — is refused, so an answer cannot make it read local files
or reach the network.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from dibcyber.errors import DibcyberError, ExitCode, Msg
from dibcyber.io.resources import data_dir
from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.templating import render_text

SYSTEM_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic")


PDF_EXTRA = Msg("report.pdf_extra")
PRINT_ROUTE = Msg("report.print_route")


def pango_install(platform: str | None = None) -> Msg:
    """How to install the Pango libraries WeasyPrint loads, on this platform."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return Msg("report.pango_windows")
    if platform == "darwin":
        return Msg("report.pango_mac")
    return Msg("report.pango_linux")


class MissingComponentError(DibcyberError):
    """Something dibcyber needs is not installed (the pdf extra, a Japanese font)."""

    exit_code = ExitCode.MISSING_COMPONENT


def _package_font(module: str) -> Path | None:
    try:
        mod = __import__(module)
    except ImportError:
        return None
    path = Path(str(mod.FONT_PATH))
    return path if path.is_file() else None


def _system_font(bold: bool) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    for family in SYSTEM_FONTS:
        pattern = f"{family}:{'bold' if bold else 'regular'}"
        try:
            out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        names, _, file = out.partition("\t")
        if family.lower() in names.lower() and file and Path(file).is_file():
            return Path(file)
    return None


def find_fonts(user_font: Path | None) -> tuple[Path, Path]:
    """(regular, bold) Japanese font files: the user's, the bundled Noto Sans CJK JP, or the system's."""
    if user_font is not None:
        if not user_font.is_file():
            raise MissingComponentError(Msg("report.font_not_found", path=str(user_font)))
        return user_font, user_font
    regular = _package_font("noto_cjk_sans_jp_regular") or _system_font(False)
    bold = _package_font("noto_cjk_sans_jp_bold") or _system_font(True) or regular
    if regular is None or bold is None:
        raise MissingComponentError(Msg("report.no_font"), hint=Msg("report.no_font.hint", extra=PDF_EXTRA))
    return regular, bold


def _fetcher_class(allowed_files: set[Path], allowed_dirs: list[Path]) -> Any:
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class BundledOnly(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"})

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if path not in allowed_files and not any(path.is_relative_to(d) for d in allowed_dirs):
                    raise ValueError(f"dibcyber fetches only bundled assets, not {url}")
            elif not url.startswith("data:"):
                raise ValueError(f"dibcyber fetches nothing from the network ({url})")
            return super().fetch(url, headers)

    return BundledOnly


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(result: Result, options: Options, warnings: list[str] | None = None) -> bytes:
    def html(extra_css: str) -> str:
        return render_text(result, replace(options, fmt="html"), extra_css=extra_css)

    return html_to_pdf(html, options.font, options.templates, warnings)


def html_to_pdf(build_html: Callable[[str], str], font: Path | None, templates_override: Path | None,
                warnings: list[str] | None = None) -> bytes:
    """A PDF from an HTML page built by ``build_html(extra_css)``: the page gets the embedded Japanese
    fonts and the print stylesheet, and the renderer may fetch nothing but those bundled files."""
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except ImportError as e:
        raise MissingComponentError(
            Msg("report.no_weasyprint", error=str(e)),
            hint=Msg("report.three.hint", first=PDF_EXTRA, second=pango_install(), third=PRINT_ROUTE)) from e
    except OSError as e:  # WeasyPrint is there but cannot load Pango: a plain Windows Python, a slim container
        raise MissingComponentError(
            Msg("report.no_pango", error=str(e)), hint=Msg("report.two.hint", first=pango_install(),
                                                          second=PRINT_ROUTE)) from e
    regular, bold = find_fonts(font)
    templates = data_dir("templates")
    css = (templates / "pdf.css").read_text(encoding="utf-8")
    if templates_override and (templates_override / "pdf.css").is_file():
        css = (templates_override / "pdf.css").read_text(encoding="utf-8")
    faces = (f'@font-face {{ font-family: "dibcyber-jp"; src: url("{regular.resolve().as_uri()}"); '
             "font-weight: normal; }\n"
             f'@font-face {{ font-family: "dibcyber-jp"; src: url("{bold.resolve().as_uri()}"); '
             "font-weight: bold; }\n")
    html = build_html(faces + css)
    fetcher = _fetcher_class({regular.resolve(), bold.resolve()}, [templates.resolve()])()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        pdf = weasyprint.HTML(string=html, base_url=str(templates), url_fetcher=fetcher).write_pdf(
            font_config=FontConfiguration())
    finally:
        logger.removeHandler(collect)
    if warnings is not None:
        warnings.extend(collect.messages)
    assert isinstance(pdf, bytes)
    return pdf
