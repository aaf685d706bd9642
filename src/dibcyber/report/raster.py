"""The report's charts as PNG, for DOCX (Word cannot be relied on to show SVG): drawn with Pillow from the
same data, colours and patterns as the SVG charts in ``charts.py``, with the embedded Japanese font.

Pillow comes with WeasyPrint (the ``pdf`` extra), as does the Noto Sans CJK JP font file. Everything is
drawn at three times the size it is shown at, so that the images stay sharp when printed.
"""

from __future__ import annotations

import io
import math
from functools import cache
from pathlib import Path
from typing import Any

from dibcyber.report import charts

SCALE = 3
INK, MUTED = "#1f2933", "#52606d"


@cache
def _font(path: Path, size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size * SCALE)


def _tile(status: str) -> Any:
    """One repeat of a status's pattern, as in charts._defs (at SCALE)."""
    from PIL import Image, ImageDraw

    c, s = charts.COLOURS[status], SCALE
    kind = charts.PATTERN[status]
    tile = Image.new("RGB", (6 * s, 6 * s), c)
    d = ImageDraw.Draw(tile)
    mark = charts.MARK.get(status, c)
    if kind == "hatch":  # diagonal lines
        for off in (-6 * s, 0, 6 * s):
            d.line([(off, 6 * s), (off + 6 * s, 0)], fill=mark, width=round(1.5 * s))
    elif kind == "cross":
        for off in (-6 * s, 0, 6 * s):
            d.line([(off, 6 * s), (off + 6 * s, 0)], fill=mark, width=s)
            d.line([(off, 0), (off + 6 * s, 6 * s)], fill=mark, width=s)
    elif kind == "dots":
        r = 1.2 * s
        d.ellipse([3 * s - r, 3 * s - r, 3 * s + r, 3 * s + r], fill=mark)
    elif kind == "lines":
        tile = Image.new("RGB", (6 * s, 4 * s), c)
        ImageDraw.Draw(tile).line([(0, s), (6 * s, s)], fill=mark, width=s)
    return tile


def _box(img: Any, x: float, y: float, w: float, h: float, status: str) -> None:
    """A segment or swatch: the status's pattern tiled over the box, with the outline all charts use."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = (round(v * SCALE) for v in (x, y, x + w, y + h))
    if x1 - x0 < 1 or y1 - y0 < 1:
        return
    tile = _tile(status)
    area = Image.new("RGB", (x1 - x0, y1 - y0))
    for ty in range(0, y1 - y0, tile.height):
        for tx in range(0, x1 - x0, tile.width):
            area.paste(tile, (tx, ty))
    img.paste(area, (x0, y0))
    ImageDraw.Draw(img).rectangle([x0, y0, x1 - 1, y1 - 1], outline=charts.OUTLINE, width=max(1, SCALE // 2))


def _text(img: Any, xy: tuple[float, float], text: str, font: Path, size: int, *, anchor: str = "ls",
          fill: str = INK) -> None:
    from PIL import ImageDraw

    ImageDraw.Draw(img).text((xy[0] * SCALE, xy[1] * SCALE), text, font=_font(font, size), fill=fill, anchor=anchor)


def _png(img: Any) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _canvas(width: float, height: float) -> Any:
    from PIL import Image

    return Image.new("RGB", (round(width * SCALE), round(height * SCALE)), "#ffffff")


def status_bar(counts: dict[str, int], labels: dict[str, str], title: str, fonts: tuple[Path, Path],
               width: int = 520) -> tuple[bytes, int]:
    """The status mix (charts.status_bar) as PNG; returns the image and its width in px at 96 dpi."""
    total = sum(counts.get(s, 0) for s in charts.STATUS_ORDER) or 1
    shown = [s for s in charts.STATUS_ORDER if counts.get(s)]
    bar_h, legend_y = 22, 44
    rows = math.ceil(len(shown) / 3) or 1
    img = _canvas(width, legend_y + rows * 18)
    x = 0.0
    for s in shown:
        seg = counts[s] / total * width
        _box(img, x, 4, seg, bar_h, s)
        x += seg
    for i, s in enumerate(shown):
        lx, ly = (i % 3) * (width / 3), legend_y + (i // 3) * 18
        _box(img, lx, ly - 10, 12, 12, s)
        _text(img, (lx + 16, ly), f"{labels[s]} {counts[s]}", fonts[0], 11)
    return _png(img), width


def family_bars(rows: list[tuple[str, dict[str, int], str]], title: str, fonts: tuple[Path, Path],
                width: int = 680) -> tuple[bytes, int]:
    """The bars by family (charts.family_bars) as PNG."""
    label_w, value_w, row_h = 290, 60, 20
    bar_w = width - label_w - value_w
    img = _canvas(width, len(rows) * row_h + 4)
    for i, (label, counts, ratio) in enumerate(rows):
        y = i * row_h + 2
        _text(img, (label_w - 6, y + 13), charts.fit_width(label, label_w - 8), fonts[0], 11, anchor="rs")
        total = sum(counts.get(s, 0) for s in charts.STATUS_ORDER) or 1
        x = float(label_w)
        for s in charts.STATUS_ORDER:
            n = counts.get(s, 0)
            if n:
                seg = n / total * bar_w
                _box(img, x, y, seg, row_h - 6, s)
                x += seg
        _text(img, (width - 4, y + 13), ratio, fonts[1], 11, anchor="rs")
    return _png(img), width


def gauge(score: int | None, title: str, fonts: tuple[Path, Path], minimum: int = -203, maximum: int = 110,
          threshold: int = 88) -> tuple[bytes, int]:
    """The SPRS gauge (charts.gauge) as PNG."""
    from PIL import ImageDraw

    w, h, cx, cy, r = 300, 150, 150, 130, 100
    img = _canvas(w, h)
    d = ImageDraw.Draw(img)

    def angle(value: float) -> float:  # degrees, clockwise from three o'clock as Pillow counts them
        return 180 + 180 * (value - minimum) / (maximum - minimum)

    box = [(cx - r) * SCALE, (cy - r) * SCALE, (cx + r) * SCALE, (cy + r) * SCALE]
    bands = ((minimum, 0), (0, threshold), (threshold, maximum))
    for (a, b), (colour, _) in zip(bands, charts.GAUGE_ZONES, strict=True):
        half = 9 * SCALE  # the stroke is 18 px wide, centred on the radius
        outer = [box[0] - half, box[1] - half, box[2] + half, box[3] + half]
        d.arc(outer, angle(a), angle(b), fill=colour, width=18 * SCALE)

    def point(value: float, radius: float) -> tuple[float, float]:
        rad = math.radians(angle(value))
        return cx + radius * math.cos(rad), cy + radius * math.sin(rad)

    for mark in (minimum, 0, threshold, maximum):
        x, y = point(mark, r + 18)
        anchor = "rs" if mark == minimum else "ls" if mark == maximum else "ms"
        _text(img, (x, y + 4), str(mark).replace("-", "−"), fonts[0], 10, anchor=anchor, fill=MUTED)
    if score is not None:
        x, y = point(max(minimum, min(maximum, score)), r - 34)
        d.line([(cx * SCALE, cy * SCALE), (x * SCALE, y * SCALE)], fill="#263238", width=4 * SCALE)
        d.ellipse([(cx - 6) * SCALE, (cy - 6) * SCALE, (cx + 6) * SCALE, (cy + 6) * SCALE], fill="#263238")
    _text(img, (cx, cy - 44), str(score).replace("-", "−") if score is not None else "—", fonts[1], 28,
          anchor="ms")
    return _png(img), w
