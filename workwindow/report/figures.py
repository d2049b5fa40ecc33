"""matplotlib figures as part of a self-contained HTML page (inline SVG, nothing fetched)."""

import re

SVG_STYLE = {"svg.fonttype": "none", "text.parse_math": False}
"""Text kept as text in the SVG; `$` in a name is just a dollar sign. Add an svg.hashsalt per kind of figure
so that the same figure draws the same SVG."""


def inline_svg(svg: str) -> str:
    """matplotlib's SVG file as an element of an HTML page.

    HTML needs no XML prologue, DOCTYPE, namespaces or metadata; they only
    name URLs (of namespaces), which a page that loads nothing should not.
    The figure then scales to the page width.
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    opening = svg[: svg.index(">") + 1]
    resized = re.sub(r'\s+(width|height)="[^"]*"', "", opening).replace("<svg", '<svg width="100%"', 1)
    return resized + svg[len(opening) :]
