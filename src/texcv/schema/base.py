"""The base every cv.yaml model derives from: unknown keys are errors, numbers read as text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """A misspelt key is an error, not a silent no-op; `title: 2048` is the text "2048"."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        frozen=True,
        validate_default=False,
    )


# Inline markup (**bold**, *italic*, [text](url)) is allowed in any Text; nothing else is
# interpreted: LaTeX commands in it are printed literally.
Text = Annotated[str, Field(json_schema_extra={"format": "texcv-inline-markup"})]
Url = Annotated[
    str,
    Field(
        pattern=r"^(https?|mailto|ftp)://?\S+$|^mailto:\S+$",
        description="An absolute link (https://..., http://..., mailto:...).",
        examples=["https://inria.hal.science/tel-04329531"],
    ),
]
