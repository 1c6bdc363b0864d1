"""CV model -> moderncv LaTeX, through PyLaTeX.

The names below load on first use: the compile stage imports small modules of this package
(templates.py: the line that ends the fixed preamble, the templates folder) on the way to the
no-op check, which must answer without loading PyLaTeX and the schema.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from texcv.render.document import render
    from texcv.render.engine_choice import choose_engine
    from texcv.render.latex import SOURCE_MARK

_HOMES = {
    "SOURCE_MARK": "texcv.render.latex",
    "render": "texcv.render.document",
    "choose_engine": "texcv.render.engine_choice",
}

__all__ = ["SOURCE_MARK", "choose_engine", "render"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'texcv.render' has no attribute '{name}'")
