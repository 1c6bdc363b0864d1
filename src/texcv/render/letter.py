"""A cover letter as moderncv LaTeX: the CV's preamble and header (the sender), then moderncv's
own letter commands. Knows moderncv and PyLaTeX, not files.

``% texcv-source`` marks lead a TeX error back to letters/NAME.yaml: a body paragraph marks its
own lines; the recipient, date, opening, closing and enclosures are only typeset by
``\\makelettertitle`` and ``\\makeletterclosing``, so those carry the mark of the whole letter,
which texcv.diagnose narrows to the field holding the character TeX named.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator

from pylatex.utils import NoEscape

from texcv.render import latex as tex
from texcv.render.dates import format_day
from texcv.render.document import mark, new_document
from texcv.render.engine_choice import EngineChoice, choose_for
from texcv.render.escape import escape_spaced
from texcv.render.fonts import FontPlan
from texcv.render.inline import inline, literal
from texcv.render.locale import Words, words_for
from texcv.render.metadata import document_properties
from texcv.schema import CV
from texcv.schema.letter import Letter, Recipient
from texcv.schema.markup import plain_text
from texcv.source.yaml_reader import DataPath, walk_strings

_FIELD = re.compile(r"(\{[a-z]+\})")


def render_letter(
    letter: Letter,
    cv: CV,
    today: datetime.date,
    *,
    engine: str | None = None,
    choice: EngineChoice | None = None,
    fonts: FontPlan | None = None,
) -> str:
    """The complete .tex of ``letter`` from the sender ``cv`` (its design and header).

    ``today`` dates the letter when it gives no date of its own (the build's date);
    ``choice`` and ``fonts`` as for a CV (texcv.render.document.render).
    """
    words = letter_words(letter, cv)
    choice = choice or letter_choice(letter, cv, engine)
    engine = engine or choice.engine
    properties = document_properties(_properties(letter, cv, words))
    # moderncv's letter heads show no photo: leaving it out spares the file.
    document = new_document(
        cv, engine, words, properties, photo=False, needs=choice.needs, fonts=fonts
    )
    recipient = letter.recipient
    document.append(mark(()))
    document.append(tex.Recipient(inline(recipient.name), _lines(recipient)))
    document.append(tex.Date(_dated(letter, today, words)))
    document.append(tex.Opening(inline(letter.opening)))
    document.append(tex.Closing(inline(letter.closing)))
    if letter.enclosures:
        several = len(letter.enclosures) > 1
        label = letter.enclosure_label or (words.enclosures if several else words.enclosure)
        listed = [inline(item) for item in letter.enclosures]
        document.append(tex.Enclosure(tex.Joined(*listed, separator=", "), literal(label)))
    document.append(tex.MakeLetterTitle())
    for number, paragraph in enumerate(letter.body):
        document.append(mark(("body", number)))
        document.append(tex.Joined(inline(paragraph), tex.Par(), separator="\n"))
    document.append(mark(()))
    document.append(tex.MakeLetterClosing())
    return document.dumps() + "\n"


def _lines(recipient: Recipient) -> tex.Joined:
    """The organisation and the address, one a line. ``{}`` after each ``\\`` keeps a line
    that starts with ``*`` or ``[`` from being read as its argument."""
    pieces: list[tex.Latex] = []
    for line in (recipient.organisation, *recipient.address):
        if line:
            pieces += [tex.LineBreak(), NoEscape("{}")] if pieces else []
            pieces.append(inline(line))
    return tex.Joined(*pieces)


def letter_words(letter: Letter, cv: CV) -> Words:
    """The letter's own language, else the CV's (already the variant's when one was named)."""
    return words_for(letter.locale or cv.locale)


def letter_engine(letter: Letter, cv: CV) -> str:
    """pdflatex when it can print the letter, the sender's header and texcv's words."""
    return letter_choice(letter, cv).engine


def letter_choice(letter: Letter, cv: CV, engine: str | None = None) -> EngineChoice:
    """The engine for the letter (``engine``: the build request's), and what its text needs.

    Paths of the letter's text are the letter's; the sender's are ``("header", ...)``,
    cv.yaml's (a letter has no `header`).
    """
    return choose_for(_printed_strings(letter, cv), cv.design.engine, engine)


def _printed_strings(letter: Letter, cv: CV) -> Iterator[tuple[DataPath | None, str]]:
    yield from walk_strings(letter.model_dump())
    yield from walk_strings(cv.header.model_dump(), ("header",))
    for _, text in walk_strings(dataclasses.asdict(letter_words(letter, cv))):
        yield None, text


def _dated(letter: Letter, today: datetime.date, words: Words) -> NoEscape:
    """``March 15, 2024``; with a place ``Toulouse, le 15 mars 2024``."""
    given = letter.date  # the schema makes it a day, or text printed as written
    if given is not None and given.text is not None:
        date = literal(given.text)
    else:
        day = (
            today if given is None else datetime.date(given.year, given.month or 1, given.day or 1)
        )
        date = literal(format_day(day, words))
    if not letter.place:
        return date
    fields = {"{place}": inline(letter.place), "{date}": date}
    pieces = _FIELD.split(words.dated_at)
    return NoEscape("".join(fields.get(piece) or escape_spaced(piece) for piece in pieces))


def _properties(letter: Letter, cv: CV, words: Words) -> dict[str, str]:
    """The PDF's title, author, subject, keywords and language, as plain text."""
    name = cv.header.full_name
    recipient = plain_text(letter.recipient.organisation or letter.recipient.name)
    return {
        "title": words.letter_title.format(name=name, recipient=recipient),
        "author": name,
        "subject": words.letter_subject.format(name=name),
        "keywords": f"{name}, {recipient}",
        "lang": words.language,
    }
