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

from dibcyber.errors import DibcyberError, ExitCode
from dibcyber.io.resources import data_dir
from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.templating import render_text

SYSTEM_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic")


PDF_EXTRA = ("install the pdf extra: pip install '.[pdf]' in a clone of dibcyber, or pip install "
             "'dibcyber[pdf]' where a package index serves it, or the offline bundle's wheels")
PRINT_ROUTE = ("or, without installing anything, write HTML (--format html -o report.html), open it in a "
               "browser and print it to PDF")


def pango_install(platform: str | None = None) -> str:
    """How to install the Pango libraries WeasyPrint loads, on this platform."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("install Pango from MSYS2 (pacman -S mingw-w64-x86_64-pango) and set WEASYPRINT_DLL_DIRECTORIES "
                "to its bin folder, e.g. C:\\msys64\\mingw64\\bin")
    if platform == "darwin":
        return "install Pango with Homebrew (brew install pango)"
    return ("install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 on Debian and Ubuntu (with "
            "libharfbuzz-subset0 for 3-4x faster PDFs), dnf install pango on Fedora")


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
            raise MissingComponentError(f"font file not found: {user_font}")
        return user_font, user_font
    regular = _package_font("noto_cjk_sans_jp_regular") or _system_font(False)
    bold = _package_font("noto_cjk_sans_jp_bold") or _system_font(True) or regular
    if regular is None or bold is None:
        raise MissingComponentError(
            "no Japanese font found for PDF output",
            hint=f"{PDF_EXTRA}; or Debian's fonts-noto-cjk or "
                 "fonts-ipaexfont, or give a font file with --font")
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
            f"PDF output needs WeasyPrint, which is not installed ({e})",
            hint=f"{PDF_EXTRA}; {pango_install()}; {PRINT_ROUTE}") from e
    except OSError as e:  # WeasyPrint is there but cannot load Pango: a plain Windows Python, a slim container
        raise MissingComponentError(
            f"PDF output needs the Pango text libraries, which WeasyPrint cannot load ({e})",
            hint=f"{pango_install()}; {PRINT_ROUTE}") from e
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
