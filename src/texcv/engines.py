"""The TeX engines texcv runs, named once for the schema, the CLI and the compile stage.

Shared below every stage, like errors.py: `design.engine` (texcv.schema.design) accepts these
and ``auto``, `--engine` offers them, and texcv.compile runs them. The CLI reads them here, not
from the schema, because importing the schema loads pydantic, which a no-op build never needs.
"""

from __future__ import annotations

from typing import Literal, get_args

TexEngine = Literal["pdflatex", "lualatex", "xelatex"]
ENGINES: tuple[str, ...] = get_args(TexEngine)
