"""SVG drawn by the report itself: shields-style badges and per-language bar charts.

No charting library and no web font: a badge must render the same when a README on
a code forge embeds it, and the charts must work offline. Text widths are estimated
from Verdana's average advance at 11 px (what shields.io measures with), which is
close enough for short labels; each badge states its value in words too, so colour
is never the only signal.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from concord.report.site.model import Counts, LanguageRow

#: WCAG AA against white text (contrast >= 4.5:1): green 5.9, red 5.6, grey 7.5.
PASS, FAIL, LABEL = "#1e7b34", "#b3261e", "#4a4a4a"
#: Bar colours, each with a pattern too, so states differ without colour.
STATE_FILL = {"translated": "#1e7b34", "fuzzy": "#a15c00", "untranslated": "#6b6b6b"}
_NARROW = set("fijlrt!|.,:;'()[]{} ")
_WIDE = set("mwMW%@")


def text_width(text: str) -> float:
    """Approximate width of ``text`` in Verdana 11 px."""
    return sum(3.6 if ch in _NARROW else 10.0 if ch in _WIDE else 7.0 for ch in text)


def badge(row: LanguageRow) -> str:
    """``<lang> translated | 87% ✓`` in the shields.io flat style."""
    label = f"{row.lang} translated"
    verdict = "pass" if row.ci_passes else "fail"
    value = f"{row.progress.messages.percent():.0f}% {verdict}"
    colour = PASS if row.ci_passes else FAIL
    left, right = text_width(label) + 12, text_width(value) + 12
    width = left + right
    title = f"{row.name} ({row.lang}): {value} (threshold {row.threshold:g}%)"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="20" '
        f'role="img" aria-label={quoteattr(title)}><title>{escape(title)}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width:.0f}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left:.0f}" height="20" fill="{LABEL}"/>'
        f'<rect x="{left:.0f}" width="{right:.0f}" height="20" fill="{colour}"/>'
        f'<rect width="{width:.0f}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'font-size="11">'
        f'<text x="{left / 2:.1f}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(value)}</text></g></svg>\n'
    )


def bar_chart(title: str, rows: list[tuple[str, Counts]], key: str, width: int = 360) -> str:
    """One horizontal stacked bar per row (messages, words): translated, fuzzy, untranslated.

    Inline SVG with a <title>, a text summary per bar and patterns per state; ``key``
    keeps the pattern ids of several charts on one page apart.
    """
    bar_h, gap, label_w = 16, 28, 72
    height = len(rows) * (bar_h + gap)
    usable = width - label_w - 8
    parts = [f'<svg class="bars" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label={quoteattr(title)} xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>{_patterns(key)}']
    for index, (name, counts) in enumerate(rows):
        y = index * (bar_h + gap)
        parts.append(f'<text x="0" y="{y + 12}" class="bar-label">{escape(name)}</text>')
        x = float(label_w)
        for state in ("translated", "fuzzy", "untranslated"):
            share = getattr(counts, state) / counts.total if counts.total else 0.0
            w = usable * share
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                             f'fill="url(#p-{key}-{state})"><title>{state}: {getattr(counts, state):,} '
                             f'({100 * share:.1f}%)</title></rect>')
            x += w
        summary = (f"{counts.percent():.1f}% translated · {counts.fuzzy:,} fuzzy · "
                   f"{counts.untranslated:,} untranslated")
        parts.append(f'<text x="{label_w}" y="{y + bar_h + 12}" class="bar-note">{escape(summary)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _patterns(key: str) -> str:
    """Solid for translated, diagonal stripes for fuzzy, dots for untranslated."""
    t, f, u = STATE_FILL["translated"], STATE_FILL["fuzzy"], STATE_FILL["untranslated"]
    return (
        "<defs>"
        f'<pattern id="p-{key}-translated" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{t}"/></pattern>'
        f'<pattern id="p-{key}-fuzzy" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{f}"/>'
        '<rect width="2" height="6" fill="#fff" fill-opacity=".45"/></pattern>'
        f'<pattern id="p-{key}-untranslated" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{u}"/><circle cx="3" cy="3" r="1.3" fill="#fff" '
        'fill-opacity=".55"/></pattern>'
        "</defs>"
    )
