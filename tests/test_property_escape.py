"""Property tests: for any Unicode text, escaped LaTeX means exactly the text and nothing more.

pylatexenc (tests/latex_to_text.py) reads the LaTeX back the way TeX parses it; the text it
gives must be the input (control characters dropped, whitespace collapsed), and the LaTeX
must hold nothing but escape.py's own commands.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from hypothesis import example, given, settings
from hypothesis import strategies as st

from latex_to_text import is_inert, latex_to_text, url_of
from texcv.render.escape import clean, encode_url, escape_text, escape_url
from texcv.render.inline import inline
from texcv.schema.markup import plain_text

# Any code point but lone surrogates (YAML cannot hold them).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# Text dense in what TeX and the markup treat specially.
SPECIALS = st.text(
    st.sampled_from(list("\\{}$&#%_^~<>|\"'`[]*()-,!? \n\ta1é中\u00a0")), max_size=40
)
settings.register_profile("texcv", max_examples=300, deadline=None)
settings.load_profile("texcv")


@given(st.one_of(ANY_TEXT, SPECIALS))
@example("}\\end{document}")
@example("^^5cinput{/etc/passwd}")
def test_escaped_text_reads_back_as_the_input(text: str) -> None:
    latex = escape_text(text)
    assert is_inert(latex)
    assert latex_to_text(latex) == clean(text)


@given(st.one_of(ANY_TEXT, SPECIALS))
@example("**bold** and *it* [l](https://x.org/a_b%) \\*")
def test_inline_markup_reads_back_as_its_plain_text(text: str) -> None:
    assert " ".join(latex_to_text(inline(text)).split()) == " ".join(
        clean(plain_text(text)).split()
    )


@given(st.one_of(ANY_TEXT, SPECIALS))
def test_escaped_urls_link_to_the_encoded_url(url: str) -> None:
    target = url_of(escape_url(url))
    assert target == encode_url(url)
    assert target.isascii() and " " not in target
    lone_percent_escaped = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", clean(url))
    assert unquote(target) == unquote(lone_percent_escaped)
