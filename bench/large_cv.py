"""A large, made-up CV for benchmarks: the repo's cv.yaml with many publications and talks.

Generated, not committed: ``python bench/large_cv.py 500 100 > big.yaml``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    *[
        "sparse",
        "low-rank",
        "matrix",
        "factorization",
        "optimization",
        "bilevel",
        "gradient",
        "neural",
        "network",
    ],
    *["training", "convergence", "guarantees", "implicit", "bias", "automatic", "differentiation"],
    *["nonconvex", "landscape", "algorithm", "complexity", "rank", "identifiability", "butterfly"],
    *["structure", "deep", "learning"],
]
VENUES = ("NeurIPS", "ICML", "ICLR", "ICASSP", "SIAM J. Matrix Anal. Appl.", "JMLR", "COLT")
PLACES = ("Paris, France", "Lyon, France", "Montreal, Canada", "Vienna, Austria", "Kyoto, Japan")
NAMES = ("Q-T. Le", "R. Gribonval", "E. Riccietti", "L. Zheng", "A. Gonon", "J. Bolte")


def large_cv(publications: int, talks: int, seed: int = 6) -> dict[str, Any]:
    """The repo's CV with its publications and talks replaced by generated ones."""
    rng = random.Random(seed)
    data = yaml.safe_load((ROOT / "cv.yaml").read_text(encoding="utf-8"))
    for section in data["sections"]:
        if section.get("kind") == "publication":
            section.pop("bibtex", None)  # exactly the generated ones
            section["entries"] = _newest_first([_publication(rng, i) for i in range(publications)])
        elif "talks" in str(section["title"]).lower():  # a title may be {en: ..., fr: ...}
            section["entries"] = _newest_first([_talk(rng, i) for i in range(talks)])
    return data


def _newest_first(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda entry: entry["date"], reverse=True)


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(10, 16))
    return " ".join(words).capitalize()


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}"


def _publication(rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "authors": rng.sample(NAMES, rng.randint(2, 5)),
        "title": f"{_title(rng)} ({index})",
        "venue": rng.choice(VENUES),
        "location": rng.choice(PLACES),
        "date": _date(rng),
        "doi": f"10.1234/bench.{index}",
        "url": f"https://example.org/papers/{index}",
    }


def _talk(rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "date": _date(rng),
        "title": f"{_title(rng)} ({index})",
        "organisation": f"{rng.choice(VENUES)} seminar",
        "location": rng.choice(PLACES),
    }


BIB_NAMES = (
    "Le, Quoc-Tung",
    "R{\\'e}mi Gribonval",
    "Riccietti, {\\'E}lisa",
    "L. Zheng",
    "Gonon, Antoine",
    "J{\\'e}r{\\^o}me Bolte",
)
BIB_TYPES = ("article", "inproceedings", "incollection", "phdthesis", "techreport", "misc")


def large_bib(entries: int, seed: int = 6) -> str:
    """A made-up .bib of ``entries`` works, with the fields and LaTeX real ones have."""
    rng = random.Random(seed)
    out = ["@string{siam = {{SIAM} Journal on Matrix Analysis and Applications}}\n"]
    for index in range(entries):
        kind = rng.choice(BIB_TYPES)
        words = rng.sample(WORDS, rng.randint(6, 12))
        words[0] = "{" + words[0].upper() + "}"  # protected capitals, as .bib files have
        fields = {
            "author": " and ".join(rng.sample(BIB_NAMES, rng.randint(2, 5))),
            "title": " ".join(words) + f" ({index})",
            "journal" if kind == "article" else "booktitle": rng.choice(VENUES),
            "volume": str(rng.randint(1, 60)),
            "number": str(rng.randint(1, 12)),
            "pages": f"{rng.randint(1, 400)}--{rng.randint(401, 800)}",
            "publisher": "Springer",
            "address": rng.choice(PLACES),
            "year": str(rng.randint(2000, 2024)),
            "doi": f"10.1234/bench.{index}",
            "keywords": "selected; machine learning" if index % 3 == 0 else "other",
        }
        if kind == "phdthesis":
            fields["school"] = "ENS de Lyon"
        if index % 4 == 0:
            fields["note"] = f"See \\url{{https://example.org/papers/{index}}}"
        if index % 5 == 0:
            fields["eprint"], fields["archiveprefix"] = f"2112.{index:05d}", "arXiv"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        out.append(
            f"@{kind}{{work{index},\n{body},\n  month = {rng.choice(('jan', 'jun', 'oct'))}\n}}\n"
        )
    return "\n".join(out)


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    pubs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    talks = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    sys.stdout.write(dump(large_cv(pubs, talks)))
