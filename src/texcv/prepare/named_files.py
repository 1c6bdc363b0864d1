"""The files cv.yaml names (a photo, .bib files) are inside its folder, and a photo is an image.

Checked for every file field (texcv.schema.input_files finds them) before anything reads one:
a path that leads out of the CV's folder (absolute, through '..', or by a symbolic link) is an
error at its line, unless the person building allowed that folder (``texcv build --allow-root
DIR``); cv.yaml itself cannot allow it. A photo must also hold what its extension says, in a
form TeX can include (texcv.source.images).
"""

from __future__ import annotations

from texcv.errors import Code, InputError, InputErrors
from texcv.schema import CV
from texcv.schema.input_files import named_files
from texcv.source.images import image_problem
from texcv.source.paths import OutsideRoots, Roots
from texcv.source.yaml_reader import Positions, format_path

ALLOW_HINT = (
    "files named in cv.yaml must be inside its folder, so that a CV from elsewhere cannot put "
    "other files of this machine into the PDF; copy the file there, or allow its folder "
    "with `--allow-root DIR`"
)


def check_named_files(cv: CV, positions: Positions, roots: Roots) -> None:
    """InputErrors listing every file field that leads out of ``roots`` or holds a bad photo."""
    errors = []
    for named in named_files(cv):
        where = positions.locate(named.path)
        at = format_path(named.path)
        try:
            path = roots.resolve(named.value)
        except OutsideRoots as reason:
            errors.append(
                InputError(
                    f"the file {named.value} {reason}",
                    location=where,
                    path=at,
                    hint=ALLOW_HINT,
                    code=Code.FILE_OUTSIDE,
                )
            )
            continue
        if not named.is_image:
            continue
        if not path.exists():
            errors.append(
                InputError(
                    f"the photo {named.value} does not exist (looked for {path})",
                    location=where,
                    path=at,
                    hint="the path is relative to the folder of cv.yaml",
                    code=Code.FILE_MISSING,
                )
            )
            continue
        problem = image_problem(path)
        if problem is not None:
            errors.append(
                InputError(
                    f"the photo {named.value} {problem}",
                    location=where,
                    path=at,
                    code=Code.FILE_UNREADABLE,
                )
            )
    if errors:
        raise InputErrors(errors)
