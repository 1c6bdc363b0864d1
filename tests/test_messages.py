"""Validation messages say in words what is wrong, show a valid example, and never a regex."""

from __future__ import annotations

import re

import pytest

from texcv.errors import InputErrors
from texcv.schema.markup import links, parse
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

HEAD = "header:\n  first_name: Ada\n  last_name: Lovelace\n"
SECTION = "sections:\n  - title: Work\n    entries:\n      - {title: Job}\n"
# What a regex looks like in a message: anchors, classes, quantifiers.
REGEX = re.compile(r"\^|\$'|\\[dswS]|\[\\|\{\d|\(\?")


def error_of(text: str) -> str:
    with pytest.raises(InputErrors) as caught:
        validate(load_yaml_text(text, "cv.yaml"))
    assert len(caught.value.errors) == 1, caught.value.format()
    return caught.value.format()


@pytest.mark.parametrize(
    ("yaml", "words", "suggestion", "example"),
    [
        (
            HEAD + "  homepage: example.com/page\n" + SECTION,
            "is not a full link: a link starts with https://",
            "did you mean 'https://example.com/page'?",
            "https://example.org",
        ),
        (
            HEAD + "  homepage: http:/example.com\n" + SECTION,
            "is not a full link",
            "did you mean 'http://example.com'?",
            "https://example.org",
        ),
        (
            HEAD + "sections:\n  - title: Papers\n    kind: publication\n    entries:\n"
            "      - {authors: [A], title: T, doi: 'https://doi.org/10.1000/x_(1)'}\n",
            "is not a DOI: a DOI starts with 10.",
            "did you mean '10.1000/x_(1)'?",
            "10.1137/21M1441561",
        ),
        (
            HEAD + "sections:\n  - title: Work\n    tags: [my tag]\n    entries: []\n",
            "is not a tag: a tag is one word",
            "did you mean 'my-tag'?",
            "selected",
        ),
        (
            HEAD + "design: {margin: 2 cm}\n" + SECTION,
            "is not a length: write a number directly followed by a unit",
            "did you mean '2cm'?",
            "0.75in",
        ),
        (
            HEAD + "  photo: {path: me.gif}\n" + SECTION,
            "is not a photo file texcv can use: give a .jpg, .jpeg, .png or .pdf file",
            "",
            "photo.jpg",
        ),
        (
            HEAD + SECTION + "variants:\n  my cv: {tags: [a]}\n",
            "is not a variant name",
            "did you mean 'my-cv'?",
            "grant-2025",
        ),
    ],
)
def test_a_value_in_the_wrong_form_is_explained_in_words(
    yaml: str, words: str, suggestion: str, example: str
) -> None:
    message = error_of(yaml)
    assert words in message
    assert suggestion in message
    assert f"hint: for example: {example}" in message or f", {example}" in message
    assert "expected form" not in message
    assert not REGEX.search(message), message


def test_a_link_without_scheme_in_text_is_an_error_with_the_fix() -> None:
    message = error_of(
        HEAD + "sections:\n  - title: About\n    kind: text\n    entries:\n"
        "      - See [my site](example.com/page) and [mail](ada@example.org).\n"
    )
    assert "cv.yaml:8:9: error: the link 'example.com/page' is not a full link" in message
    assert "did you mean 'https://example.com/page'?" in message


def test_every_kind_of_absolute_link_is_accepted_in_text() -> None:
    cv = validate(
        load_yaml_text(
            HEAD + "sections:\n  - title: About\n    kind: text\n    entries:\n"
            "      - '[a](https://a.org) [b](http://b.org) [c](mailto:c@d.org) [d](tel:+331)"
            " [e](ftp://e.org/f)'\n",
            "cv.yaml",
        )
    )
    assert cv.sections[0].entries


@pytest.mark.parametrize(
    ("yaml", "expected", "alternative"),
    [
        (
            "    group_by: year\n",
            "`group_by` applies only to a publications section",
            "split the section into one section per group",
        ),
        (
            "    group_by: year\n    sort: oldest\n",
            "`sort` and `group_by` apply only to a publications section",
            "list the entries in the order they should print",
        ),
    ],
)
def test_publication_options_elsewhere_read_well_and_offer_an_alternative(
    yaml: str, expected: str, alternative: str
) -> None:
    message = error_of(HEAD + SECTION.replace("    entries:", yaml + "    entries:"))
    assert expected in message
    assert "hint: set `kind: publication` if the entries are publications" in message
    assert alternative in message


def test_links_may_hold_parentheses_in_pairs() -> None:
    text = "See [the show](https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)) (season 1)."
    assert links(text) == ["https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)"]
    spans = parse(text)
    assert [span.plain() for span in spans] == ["See ", "the show", " (season 1)."]
    # A parenthesis closing the prose after a link is not part of the URL.
    assert links("(see [x](https://a.org/b))") == ["https://a.org/b"]
