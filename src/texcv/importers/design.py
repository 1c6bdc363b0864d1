"""RenderCV's design (theme, colours, page, fonts) as the nearest moderncv style and colour.

RenderCV's colours are CSS colours (names, hex, rgb(), hsl()); pydantic-extra-types parses
them exactly as RenderCV itself does. The nearest of moderncv's eight colour schemes is the one
closest in RGB to the accent colour (section titles, else the name).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_extra_types.color import Color

from texcv.importers.translation import Translation
from texcv.schema.base import LENGTH_PATTERN
from texcv.source.yaml_reader import DataPath

# moderncv's colour schemes: color1 of moderncvcolor*.sty (TeX Live's moderncv 2.3.1).
MODERNCV_COLORS: dict[str, tuple[float, float, float]] = {
    "blue": (0.22, 0.45, 0.70),
    "orange": (0.95, 0.55, 0.15),
    "green": (0.35, 0.70, 0.30),
    "red": (0.95, 0.20, 0.20),
    "purple": (0.50, 0.33, 0.80),
    "grey": (0.55, 0.55, 0.55),
    "black": (0.0, 0.0, 0.0),
    "burgundy": (0.596078, 0.0, 0.0),
}
# RenderCV theme -> (moderncv style, the theme's default accent colour, why).
THEMES: dict[str, tuple[str, str, str]] = {
    "classic": ("banking", "rgb(0, 79, 144)", "centred header, coloured headings"),
    "moderncv": ("classic", "rgb(0, 79, 144)", "RenderCV's imitation of moderncv classic"),
    "sb2nov": ("banking", "black", "centred header, ruled black headings"),
    "engineeringresumes": ("banking", "black", "centred header, ruled black headings"),
    "engineeringclassic": ("banking", "rgb(0, 79, 144)", "centred header, coloured headings"),
    "harvard": ("banking", "black", "centred header, plain black headings"),
}
PAPER = {
    "a4": "a4",
    "a4paper": "a4",
    "a5": "a5",
    "a5paper": "a5",
    "us-letter": "letter",
    "letterpaper": "letter",
    "us-executive": "executive",
    "executivepaper": "executive",
    "legalpaper": "legal",
}
_SANS = re.compile(r"sans|lato|roboto|inter\b|raleway|poppins|ubuntu|mukta|fira|helvetica|arial")
_USED = {
    ("theme",),
    ("color",),
    ("colors", "section_titles"),
    ("colors", "name"),
    ("page", "size"),
    ("page_size",),
    ("page", "left_margin"),
    ("margins", "page", "left"),
    ("typography", "font_size", "body"),
    ("font_size",),
    ("typography", "font_family"),
    ("font",),
}


def nearest_color(css: str) -> str | None:
    """The moderncv colour scheme closest to a CSS colour; None when it is not a colour."""
    try:
        red, green, blue = (part / 255 for part in Color(css.strip()).as_rgb_tuple()[:3])
    except (ValueError, TypeError):
        return None

    def distance(name: str) -> float:
        r, g, b = MODERNCV_COLORS[name]
        return (r - red) ** 2 + (g - green) ** 2 + (b - blue) ** 2

    return min(MODERNCV_COLORS, key=distance)


def translate_design(tr: Translation, source: DataPath) -> None:
    """design: -> texcv design (style, color, paper, margin, font size and family)."""
    theme = tr.text((*source, "theme")) or "classic"
    style, default_color, why = THEMES.get(theme, ("classic", "rgb(0, 79, 144)", ""))
    tr.design["style"] = style
    theme_path = (*source, "theme")
    if theme in THEMES:
        tr.moved(theme_path, "design.style")
        tr.choice(
            ("design", "style"), theme_path, f"RenderCV theme '{theme}' -> moderncv {style} ({why})"
        )
    else:
        tr.choice(
            ("design", "style"),
            theme_path,
            f"RenderCV theme '{theme}' is not a built-in theme: moderncv classic chosen",
        )
    _color(tr, source, default_color)
    _paper(tr, source)
    _margin(tr, source)
    _font(tr, source)
    _not_carried(tr, source)


def _first(tr: Translation, source: DataPath, *paths: tuple[str, ...]) -> tuple[DataPath, str]:
    for path in paths:
        text = tr.text((*source, *path))
        if text:
            return (*source, *path), text
    return source, ""


def _color(tr: Translation, source: DataPath, default: str) -> None:
    where, css = _first(tr, source, ("colors", "section_titles"), ("colors", "name"), ("color",))
    name = nearest_color(css or default)
    if name is None:
        tr.warn(where, f"'{css}' is not a CSS colour; moderncv blue chosen")
        name = "blue"
    tr.design["color"] = name
    if css:
        tr.moved(where, "design.color")
        tr.choice(("design", "color"), where, f"colour '{css}' -> nearest moderncv colour {name}")


def _paper(tr: Translation, source: DataPath) -> None:
    where, size = _first(tr, source, ("page", "size"), ("page_size",))
    if not size:
        return
    if size in PAPER:
        tr.design["paper"] = PAPER[size]
        tr.moved(where, "design.paper")
    else:
        tr.warn(where, f"paper size '{size}' has no texcv equivalent: a4 is used")


def _margin(tr: Translation, source: DataPath) -> None:
    where, margin = _first(tr, source, ("page", "left_margin"), ("margins", "page", "left"))
    if not margin:
        return
    margin = margin.replace(" ", "")
    if re.match(LENGTH_PATTERN, margin):
        tr.design["margin"] = margin
        tr.moved(where, "design.margin")
        tr.choice(("design", "margin"), where, f"one margin for all sides: {margin} (the left one)")
    else:
        tr.warn(where, f"margin '{margin}' is not a TeX length: texcv's default margin is used")


def _font(tr: Translation, source: DataPath) -> None:
    where, size = _first(tr, source, ("typography", "font_size", "body"), ("font_size",))
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*pt\s*$", size)
    if match:
        points = min((10, 11, 12), key=lambda p: abs(p - float(match.group(1))))
        tr.design["font_size"] = points
        tr.moved(where, "design.font_size")
        if float(match.group(1)) != points:
            tr.choice(("design", "font_size"), where, f"font size {size} -> {points}pt")
    elif size:
        tr.warn(where, f"font size '{size}' is not in points: texcv's default (11pt) is used")
    family_path = (*source, "typography", "font_family")
    family = tr.text((*family_path, "body")) or tr.text(family_path) or tr.text((*source, "font"))
    if family:
        kind = "sans" if _SANS.search(family.lower()) else "roman"
        tr.design["font_family"] = kind
        tr.choice(
            ("design", "font_family"),
            family_path if tr.get(family_path) is not None else (*source, "font"),
            f"font '{family}' -> moderncv's {kind} family (texcv uses Latin Modern)",
        )


def _not_carried(tr: Translation, source: DataPath) -> None:
    """One warning per design group whose settings texcv has no place for."""
    data: Any = tr.get(source)
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        leaves = [path for path in _leaves(value, (key,)) if path not in _USED]
        leaves = [p for p in leaves if p[:2] != ("typography", "font_family")]
        if leaves:
            names = ", ".join(".".join(map(str, path)) for path in leaves[:6])
            more = f" and {len(leaves) - 6} more" if len(leaves) > 6 else ""
            tr.warn(
                (*source, key),
                f"not carried: design {names}{more} (moderncv's style sets these itself)",
            )


def _leaves(value: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, str(key)))]
    return [path]
