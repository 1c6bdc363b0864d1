"""Name the cv.yaml field behind each problem texcv.inspect found in a finished PDF.

A link problem carries the path of the field that gave the link. Misplaced text is matched
by its words against the texts of the CV that was printed: the field holding the whole run,
else the one sharing most of its words. Each becomes a warning: the PDF was written, but a
reader would miss something.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from texcv.errors import Code, InputWarning, Location
from texcv.inspect import Findings, LinkProblem, Misplaced
from texcv.schema.markup import plain_text
from texcv.source.yaml_reader import DataPath, Positions, format_path, walk_strings

Origin = Callable[[DataPath], DataPath]
_WORD = re.compile(r"\S*\w\S*")
_SHOWN = 50  # characters of a run quoted in a message

_HINTS = {
    "off_page": "nobody will see it: shorten this text, or choose another design.style",
    "margin": "the line cannot wrap there: shorten the text, break long words with spaces, "
    "or choose another design.style",
    "overlap": "two texts share the same place: shorten one of them",
}
_CODES = {
    "off_page": Code.TEXT_OFF_PAGE,
    "margin": Code.TEXT_IN_MARGIN,
    "overlap": Code.TEXT_OVERLAP,
}
_LINK_HINT = (
    "the text is printed but its link is wrong; this is a texcv bug: please report it "
    "with this cv.yaml"
)


def inspection_warnings(
    findings: Findings, printed: Any, positions: Positions, origin: Origin
) -> list[InputWarning]:
    """One warning per problem and field. ``printed`` is the dumped CV the PDF shows (paths
    as in its `% texcv-source` marks); ``origin`` maps them back to cv.yaml."""
    texts = [(path, " ".join(plain_text(text).split())) for path, text in walk_strings(printed)]
    warnings: dict[tuple[str, str], InputWarning] = {}
    for problem in findings.misplaced:
        path = field_of_text(problem.run.text, texts)
        if path is None and len(re.findall(r"\w", problem.run.text)) < 3:
            continue  # an icon or a separator, not anyone's text
        warning = _misplaced(problem, path, positions, origin)
        warnings.setdefault((problem.problem, warning.path or warning.message), warning)
    for link in findings.links:
        warning = _link(link, positions, origin)
        warnings.setdefault(("link", warning.message), warning)
    return list(warnings.values())


def letter_inspection_warnings(
    findings: Findings,
    letter: Any,
    header: Any,
    letter_positions: Positions,
    cv_positions: Positions,
) -> list[InputWarning]:
    """`inspection_warnings` for a letter: ``letter`` (dumped) at letters/NAME.yaml, and the
    sender's ``header`` (dumped; paths ``header...``) at cv.yaml."""
    printed = {**letter, "header": header}
    return inspection_warnings(
        findings, printed, _LetterPositions(letter_positions, cv_positions), lambda path: path
    )


class _LetterPositions(Positions):
    """The letter's positions, and cv.yaml's for the sender's header."""

    def __init__(self, letter: Positions, cv: Positions) -> None:
        super().__init__(letter.file, letter.values, letter.keys)
        self.cv = cv

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        if path[:1] == ("header",):
            return self.cv.locate(path, key=key)
        return super().locate(path, key=key)


def field_of_text(text: str, texts: Iterable[tuple[DataPath, str]]) -> DataPath | None:
    """The field whose text holds ``text`` (the shortest such), else the one holding most of
    its words; None when no word of it comes from cv.yaml."""
    run = " ".join(text.split())
    whole = [(len(value), path) for path, value in texts if run and run in value]
    if whole:
        return min(whole, key=lambda item: item[0])[1]
    words = [word for word in _WORD.findall(run) if len(word) >= 3]
    best, best_count = None, 0
    for path, value in texts:
        count = sum(word in value for word in words)
        if count > best_count:
            best, best_count = path, count
    return best


def _misplaced(
    problem: Misplaced, path: DataPath | None, positions: Positions, origin: Origin
) -> InputWarning:
    message = f"{_quote(problem.run.text)} {problem.where}"
    if problem.other is not None:
        message = message.replace("other text", f"{_quote(problem.other.text)}", 1)
    source = origin(path) if path is not None else None
    kind = "margin" if "right edge" in problem.where else problem.problem
    return InputWarning(
        message,
        location=positions.locate(source) if source is not None else None,
        path=format_path(source) if source is not None else None,
        hint=_HINTS[kind],
        code=_CODES[kind],
    )


def _link(link: LinkProblem, positions: Positions, origin: Origin) -> InputWarning:
    if link.expected is None:
        message = f"the PDF holds a link to {link.found!r} that cv.yaml does not give"
        path = None
    elif link.found is None:
        message = f"the link to {link.expected!r} is missing from the PDF"
        path = link.key
    else:
        message = f"the link to {link.expected!r} leads to {link.found!r} in the PDF"
        path = link.key
    source = origin(tuple(path)) if isinstance(path, tuple) else None
    return InputWarning(
        message,
        location=positions.locate(source) if source is not None else None,
        path=format_path(source) if source is not None else None,
        hint=_LINK_HINT,
        code=Code.WRONG_LINK,
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "...")
