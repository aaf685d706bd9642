"""Small, accessible SVG charts drawn by our own code: a score gauge, a status mix bar and bars by family.

Each chart has a <title> and <desc>, and states its values as text beside the colours, so it reads the
same printed in black and white or through a screen reader. Output is deterministic.
"""

from __future__ import annotations

import math
from html import escape

STATUS_ORDER = ("implemented", "partially_implemented", "planned", "not_implemented", "not_assessed", "not_applicable")
COLOURS = {
    # Printed in grey, the statuses differ in lightness as well as in hue and pattern. With its pattern, each
    # prints as (relative luminance of the swatch's mean colour) implemented 0.08 < not implemented 0.12
    # < partially 0.26 < not assessed 0.37 < planned 0.52 < N/A 0.93, each step a contrast ratio of 1.3 or
    # more: tests/test_deliverables.py measures it on the drawn chart.
    "implemented": "#1b5e20",
    "partially_implemented": "#fb8c00",
    "planned": "#ffe082",
    "not_implemented": "#e57373",
    "not_assessed": "#bdbdbd",
    "not_applicable": "#f5f7fa",
}
MARK = {"partially_implemented": "#5d4037", "planned": "#5d4037", "not_implemented": "#7f0000",
        "not_assessed": "#616161"}
"""The colour of each pattern's lines or dots: darker than the fill, so that the pattern prints."""
PATTERN = {
    # and each has its own marking: solid, diagonal hatch, dots, cross-hatch, horizontal lines, outline
    "implemented": "solid",
    "partially_implemented": "hatch",
    "planned": "dots",
    "not_implemented": "cross",
    "not_assessed": "lines",
    "not_applicable": "outline",
}
OUTLINE = "#52606d"
"""The border drawn around every segment and legend swatch, so that the light N/A is seen on white paper."""
GAUGE_ZONES = (("#e57373", "below"), ("#ffe082", "middle"), ("#81c784", "above"))
"""The gauge's bands (below 0, 0 to the threshold, the threshold and above): luminance 0.30, 0.76 and 0.47."""
MIX, FAM = "mix", "fam"


def _defs(prefix: str) -> str:
    """Patterns, so that statuses differ in shape as well as colour and lightness; ids are unique per chart."""
    c, k = COLOURS, MARK
    return (
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{c["partially_implemented"]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{k["partially_implemented"]}" stroke-width="1.5"/></pattern>'
        f'<pattern id="{prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{c["planned"]}"/><circle cx="3" cy="3" r="1.2" fill="{k["planned"]}"/>'
        '</pattern>'
        f'<pattern id="{prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{c["not_implemented"]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{k["not_implemented"]}" stroke-width="1"/>'
        f'<line x1="0" y1="0" x2="6" y2="0" stroke="{k["not_implemented"]}" stroke-width="1"/></pattern>'
        f'<pattern id="{prefix}-lines" width="6" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="4" fill="{c["not_assessed"]}"/>'
        f'<line x1="0" y1="1" x2="6" y2="1" stroke="{k["not_assessed"]}" stroke-width="1"/></pattern></defs>'
    )


def _fill(status: str, prefix: str) -> str:
    kind = PATTERN[status]
    return f"url(#{prefix}-{kind})" if kind not in ("solid", "outline") else COLOURS[status]


def _box(x: float, y: float, w: float, h: float, status: str, prefix: str) -> str:
    return (f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" fill="{_fill(status, prefix)}" '
            f'stroke="{OUTLINE}" stroke-width="0.6"/>')


FONT = 'font-family="dibcyber-jp, &apos;Noto Sans CJK JP&apos;, &apos;Noto Sans JP&apos;, sans-serif"'


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def gauge(score: int | None, title: str, minimum: int = -203, maximum: int = 110, threshold: int = 88) -> str:
    """A half-circle gauge from ``minimum`` to ``maximum`` with the score as a needle and as a number."""
    w, h, cx, cy, r = 300, 150, 150, 130, 100

    def point(value: float, radius: float) -> tuple[float, float]:
        frac = (value - minimum) / (maximum - minimum)
        angle = math.pi * (1 - frac)
        return cx + radius * math.cos(angle), cy - radius * math.sin(angle)

    def arc(a: float, b: float, colour: str) -> str:
        x1, y1 = point(a, r)
        x2, y2 = point(b, r)
        return (
            f'<path d="M{_num(x1)},{_num(y1)} A{r},{r} 0 0 1 {_num(x2)},{_num(y2)}" fill="none" '
            f'stroke="{colour}" stroke-width="18"/>'
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gauge" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img" {FONT} aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        arc(minimum, 0, GAUGE_ZONES[0][0]),
        arc(0, threshold, GAUGE_ZONES[1][0]),
        arc(threshold, maximum, GAUGE_ZONES[2][0]),
    ]
    for mark in (minimum, 0, threshold, maximum):
        x, y = point(mark, r + 18)
        anchor = "end" if mark == minimum else "start" if mark == maximum else "middle"
        label = str(mark).replace("-", "−")
        parts.append(
            f'<text x="{_num(x)}" y="{_num(y + 4)}" class="tick" font-size="10" fill="#52606d" text-anchor="{anchor}">{label}</text>'
        )
    if score is not None:
        x, y = point(max(minimum, min(maximum, score)), r - 34)
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{_num(x)}" y2="{_num(y)}" stroke="#263238" stroke-width="4" '
            'stroke-linecap="round"/>'
        )
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="6" fill="#263238"/>')
        parts.append(
            f'<text x="{cx}" y="{cy - 44}" class="value" font-size="28" font-weight="bold" text-anchor="middle">{str(score).replace("-", "−")}</text>'
        )
    else:
        parts.append(
            f'<text x="{cx}" y="{cy - 44}" class="value" font-size="28" font-weight="bold" text-anchor="middle">—</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def status_bar(counts: dict[str, int], labels: dict[str, str], title: str, width: int = 520) -> str:
    """One 100% stacked bar of statuses with a text legend stating each count."""
    total = sum(counts.get(s, 0) for s in STATUS_ORDER) or 1
    bar_h, legend_y = 22, 44
    shown = [s for s in STATUS_ORDER if counts.get(s)]
    rows = math.ceil(len(shown) / 3) or 1
    height = legend_y + rows * 18
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart mix" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" {FONT} aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape('; '.join(f'{labels[s]}: {counts[s]}' for s in shown))}</desc>",
        _defs(MIX),
    ]
    x = 0.0
    for s in shown:
        seg = counts[s] / total * width
        parts.append(_box(x, 4, seg, bar_h, s, MIX))
        x += seg
    for i, s in enumerate(shown):
        lx, ly = (i % 3) * (width / 3), legend_y + (i // 3) * 18
        parts.append(_box(lx, ly - 10, 12, 12, s, MIX))
        parts.append(
            f'<text x="{_num(lx + 16)}" y="{ly}" class="legend" font-size="11">{escape(labels[s])} {counts[s]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _fit(label: str, columns: int) -> str:
    """Shorten a label to about ``columns`` (full-width characters count two), ending with '…'."""
    out, used = "", 0
    for ch in label:
        used += 2 if ord(ch) > 0x2E7F else 1
        if used > columns:
            return out.rstrip() + "…"
        out += ch
    return out


def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width in px at ``size`` px in Noto Sans CJK JP: full-width
    characters one em, capitals and digits 0.68 em, other Latin 0.56 em."""
    return sum(size * (1.0 if ord(ch) > 0x2E7F else 0.3 if ch == " " else 0.68 if ch.isupper() or ch.isdigit()
                       else 0.56) for ch in text)


def fit_width(label: str, px: float, size: float = 11) -> str:
    """``label`` as it fits in ``px``: whole, or cut with '…' (the chart's <desc> keeps it whole)."""
    if text_width(label, size) <= px:
        return label
    out = ""
    for ch in label:
        if text_width(out + ch + "…", size) > px:
            break
        out += ch
    return out.rstrip() + "…"


def family_bars(rows: list[tuple[str, dict[str, int], str]], title: str, width: int = 680) -> str:
    """One bar per family: label, stacked statuses, and the conformance rate as text."""
    label_w, value_w, row_h = 290, 60, 20
    bar_w = width - label_w - value_w
    height = len(rows) * row_h + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart families" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" {FONT} aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape('; '.join(f'{label}: {ratio}' for label, _, ratio in rows))}</desc>",
        _defs(FAM),
    ]
    for i, (label, counts, ratio) in enumerate(rows):
        y = i * row_h + 2
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" class="label" font-size="11" text-anchor="end">'
            f"{escape(fit_width(label, label_w - 8))}</text>"
        )
        total = sum(counts.get(s, 0) for s in STATUS_ORDER) or 1
        x = float(label_w)
        for s in STATUS_ORDER:
            n = counts.get(s, 0)
            if n:
                seg = n / total * bar_w
                parts.append(_box(x, y, seg, row_h - 6, s, FAM))
                x += seg
        parts.append(
            f'<text x="{width - 4}" y="{y + 13}" class="value-small" font-size="11" font-weight="bold" text-anchor="end">'
            f"{escape(ratio)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


_HISTORY_WORDS = {
    "ja": {"sprs": "SPRSスコア", "conformance": "適合率", "range": "縦軸はデータの範囲を拡大（SPRSの全範囲は−203〜110）"},
    "en": {"sprs": "SPRS score", "conformance": "conformance",
           "range": "axes zoomed to the data (SPRS spans −203 to 110)"},
}


def _span(values: list[float], floor: float, ceiling: float, minimum: float) -> tuple[float, float]:
    """An axis range around the data: padded, at least ``minimum`` wide, within the scale's own limits."""
    if not values:
        return floor, ceiling
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.15, minimum / 2)
    lo, hi = max(floor, lo - pad), min(ceiling, hi + pad)
    if hi - lo < minimum:  # against a limit: widen on the other side
        lo, hi = (max(floor, hi - minimum), hi) if hi >= ceiling else (lo, min(ceiling, lo + minimum))
    return lo, hi


def _ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """A few round values between lo and hi (1, 2 or 5 times a power of ten apart)."""
    import math

    raw = (hi - lo) / count
    step = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 5, 10):
        if raw <= m * step:
            step *= m
            break
    first = math.ceil(lo / step) * step
    out: list[float] = []
    v = first
    while v <= hi + 1e-9:
        out.append(round(v, 10))
        v += step
    return out


def history(points: list[tuple[str, int | None, float | None]], title: str, width: int = 640, height: int = 220,
            lang: str = "en") -> str:
    """SPRS score (left axis) and conformance (right axis) over time, with values as text.

    Each axis spans the data, not the whole scale: a fall from 43 to 37 on a −203…110 axis would be a flat
    line. The chart says so under the plot. Date labels are thinned so that none overlap, and a value label
    is left out where it would touch its neighbour."""
    words = _HISTORY_WORDS["ja" if lang == "ja" else "en"]
    left, right, top, bottom = 44, 48, 18, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(points) - 1, 1)
    s_lo, s_hi = _span([float(s) for _, s, _ in points if s is not None], -203, 110, 10)
    c_lo, c_hi = _span([c for _, _, c in points if c is not None], 0.0, 1.0, 0.1)

    def x(i: int) -> float:
        return left + plot_w * (i / n if len(points) > 1 else 0.5)

    def y_sprs(v: float) -> float:
        return top + plot_h * (s_hi - v) / (s_hi - s_lo)

    def y_conf(v: float) -> float:
        return top + plot_h * (c_hi - v) / (c_hi - c_lo)

    desc = "; ".join(f"{d}: SPRS {s if s is not None else '—'}, {c * 100:.1f}%" if c is not None else f"{d}: —"
                     for d, s, c in points)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart history" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" {FONT} aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
             f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#cbd2d9"/>']
    for v in _ticks(s_lo, s_hi):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{_num(y_sprs(v))}" y2="{_num(y_sprs(v))}" '
                     f'stroke="#eef1f4"/><text x="{left - 4}" y="{_num(y_sprs(v) + 4)}" font-size="10" '
                     f'text-anchor="end" fill="#0b4f8a">{v:g}</text>')
    for ratio in _ticks(c_lo * 100, c_hi * 100):
        parts.append(f'<text x="{width - right + 4}" y="{_num(y_conf(ratio / 100) + 4)}" font-size="10" '
                     f'fill="#2e7d32">{ratio:g}%</text>')
    sprs_pts = [(x(i), y_sprs(s)) for i, (_, s, _) in enumerate(points) if s is not None]
    conf_pts = [(x(i), y_conf(c)) for i, (_, _, c) in enumerate(points) if c is not None]
    for pts, colour, dash in ((sprs_pts, "#0b4f8a", ""), (conf_pts, "#2e7d32", ' stroke-dasharray="5 3"')):
        if len(pts) > 1:
            path = " ".join(f"{_num(px)},{_num(py)}" for px, py in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for px, py in pts:
            parts.append(f'<circle cx="{_num(px)}" cy="{_num(py)}" r="3" fill="{colour}"/>')
    label_gap = 64  # a date label is about 60 px wide at 9 px
    every = max(1, -(-label_gap * n // plot_w)) if len(points) > 1 else 1
    for i, (d, s, _) in enumerate(points):
        if i % every == 0 or i == len(points) - 1:
            if i == len(points) - 1 and i % every and (i % every) * plot_w / n < label_gap:
                pass  # the last date would touch the one before it
            else:
                parts.append(f'<text x="{_num(x(i))}" y="{height - 28}" font-size="9" text-anchor="middle">'
                             f'{escape(d)}</text>')
        if s is not None and (i % every == 0 or every == 1):
            parts.append(f'<text x="{_num(x(i))}" y="{_num(y_sprs(s) - 6)}" font-size="9" text-anchor="middle" '
                         f'fill="#0b4f8a">{s}</text>')
    parts.append(f'<text x="{left}" y="{height - 10}" font-size="10" fill="#0b4f8a">━ {escape(words["sprs"])}</text>')
    parts.append(f'<text x="{left + 110}" y="{height - 10}" font-size="10" fill="#2e7d32">┅ '
                 f'{escape(words["conformance"])}</text>')
    parts.append(f'<text x="{width - right}" y="{height - 10}" font-size="9" text-anchor="end" fill="#52606d">'
                 f'{escape(words["range"])}</text>')
    parts.append("</svg>")
    return "".join(parts) + "\n"
