"""The PDF's document properties: title, author, subject, keywords and language.

moderncv loads hyperref at the end of the preamble and sets its own title and author there;
``\\AtEndPreamble`` runs after it, so these win. Values are escaped like any text: hyperref
turns the escapes back into the characters (%, #, ~, é...) in the PDF's strings.
"""

from __future__ import annotations

from pylatex.utils import NoEscape

from texcv.render.escape import escape_pdf_string
from texcv.render.latex import AtEndPreamble, HyperSetup, Joined, Settings, Template
from texcv.render.locale import Words
from texcv.schema import CV
from texcv.schema.markup import plain_text


def properties(cv: CV, words: Words) -> dict[str, str]:
    """The document properties as plain text, defaults filled in from the header."""
    name = cv.header.full_name
    chosen = cv.metadata
    if chosen.title:
        title = plain_text(chosen.title)
    elif cv.header.title:
        title = f"{name} – {plain_text(cv.header.title)}"
    else:
        title = name
    keywords = chosen.keywords
    if keywords is None:
        keywords = [name, *(plain_text(section.title) for section in cv.sections)]
    return {
        "title": title,
        "author": name,
        "subject": plain_text(chosen.subject)
        if chosen.subject
        else words.subject.format(name=name),
        "keywords": ", ".join(plain_text(word) for word in keywords),
        "lang": words.language,
    }


def metadata(cv: CV, words: Words) -> Joined:
    r"""``\AtEndPreamble{\hypersetup{pdftitle={...}, ...}}`` for ``cv``."""
    return document_properties(properties(cv, words))


def document_properties(values: dict[str, str]) -> Joined:
    r"""``\AtEndPreamble{\hypersetup{pdftitle={...}, ...}}`` for any document (CV, letter)."""
    settings = {f"pdf{key}": NoEscape(escape_pdf_string(value)) for key, value in values.items()}
    return Joined(Template("metadata"), AtEndPreamble(HyperSetup(Settings(lines=True, **settings))))
