"""matplotlib figures as part of a self-contained HTML page (inline SVG, nothing fetched)."""

import io
import re
from collections.abc import Callable
from typing import Any, Literal

SVG_STYLE = {"svg.fonttype": "none", "text.parse_math": False}
"""Text kept as text in the SVG; `$` in a name is just a dollar sign."""

_NO_DATES_OR_VERSIONS = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def rendered(draw: Callable[[], Any], kind: str, fmt: Literal["png", "svg"]) -> bytes:
    """The figure `draw` makes, saved so that the same data gives the same bytes.

    `kind` salts the SVG's ids per kind of figure; the metadata leaves out
    dates and versions. matplotlib is imported here, when a plot is drawn.
    """
    import matplotlib

    with matplotlib.rc_context({**SVG_STYLE, "svg.hashsalt": f"workwindow-{kind}"}):
        figure = draw()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata=_NO_DATES_OR_VERSIONS[fmt], dpi=110)
    return buffer.getvalue()


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
