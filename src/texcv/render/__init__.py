"""CV model -> moderncv LaTeX, through PyLaTeX."""

from texcv.render.document import SOURCE_MARK, render
from texcv.render.engine_choice import choose_engine

__all__ = ["SOURCE_MARK", "choose_engine", "render"]
