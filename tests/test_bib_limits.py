"""A .bib's @string macros cannot expand without bound: refused at FILE:LINE, memory bounded."""

from __future__ import annotations

import itertools
import tracemalloc

import pytest

from texcv.errors import InputError
from texcv.source.bibtex_limits import MAX_TOTAL_CHARS, MAX_VALUE_CHARS
from texcv.source.bibtex_reader import parse_bib


def string_bomb(levels: int = 7) -> str:
    """Each @string joins ten of the one before: 50 characters become 50 x 10^6 (50 MB)."""
    names = "abcdefghij"[:levels]
    lines = ['@string{a = "' + "x" * 50 + '"}']
    for before, name in itertools.pairwise(names):
        lines.append(f"@string{{{name} = " + " # ".join([before] * 10) + "}")
    lines.append(f"@article{{bomb, author = {{A. Author}}, title = {names[-1]}, year = 2020}}")
    return "\n".join(lines) + "\n"


def test_a_nested_string_bomb_is_refused_at_its_line_in_bounded_memory() -> None:
    bomb = string_bomb()
    assert len(bomb.encode()) < 550
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            parse_bib(bomb, "refs.bib")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error = caught.value
    # a..e expand to 50, 500, 5,000, 50,000 and 500,000 characters: `e` (line 5) is too long.
    assert str(error.location) == "refs.bib:5"
    assert f"expands to more than {MAX_VALUE_CHARS:,} characters" in error.message
    assert "macro bomb" in (error.hint or "")
    assert peak < 10 * 1024 * 1024  # not the 50 MB the bomb holds


def test_one_field_joining_macros_past_the_limit_is_refused_at_its_entry() -> None:
    text = (
        '@string{big = "' + "y" * 40_000 + '"}\n'
        "@article{fine, title = big, year = 2020}\n"
        "\n"
        "@article{long,\n  title = big # big # big,\n  year = 2021}\n"
    )
    with pytest.raises(InputError) as caught:
        parse_bib(text, "refs.bib")
    assert str(caught.value.location) == "refs.bib:4"


def test_the_total_of_all_values_is_bounded_too() -> None:
    per_entry = MAX_VALUE_CHARS // 2
    count = MAX_TOTAL_CHARS // per_entry + 2
    text = f'@string{{half = "{"z" * per_entry}"}}\n' + "".join(
        f"@misc{{k{i}, title = half}}\n" for i in range(count)
    )
    with pytest.raises(InputError, match="the values up to here expand to more than"):
        parse_bib(text, "refs.bib")


def test_real_macros_still_expand() -> None:
    text = (
        '@string{jmlr = "Journal of Machine Learning Research"}\n'
        '@article{k, title = "Sparse" # " " # "things", journal = jmlr, month = oct, year = 2020}\n'
    )
    (entry,) = parse_bib(text, "refs.bib").entries
    assert entry.fields["journal"] == "Journal of Machine Learning Research"
    assert entry.fields["title"] == "Sparse things"
