"""What one build is asked to do: made once by the CLI from its arguments, then passed down.

Nothing below the CLI sees argparse. The no-op check's key (texcv.compile.uptodate) is made
from the fields that change the PDF, named one by one in `settings`: a new field is left out
of it until someone decides that it changes the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STDIN = "-"  # as a file name on the command line: standard input (or output)
STDIN_NAME = "<stdin>"  # how messages name it: `<stdin>:12:5: error: ...`


@dataclass(frozen=True)
class BuildRequest:
    """Build ``input`` into the folder ``output``.

    ``engine`` overrides design.engine (None: the CV decides); ``variant`` names one of
    cv.yaml's `variants` (None: the whole CV); ``letter`` is a letter's file
    (letters/NAME.yaml) to build instead, sent with the CV ``input``; ``force`` builds even
    when nothing changed; ``allow_roots`` are folders besides the CV's own that the files it
    names may be in.
    ``text`` is the CV itself when it came from standard input (``input`` is then ``-``):
    files it names resolve from the current folder, and the PDF is ``cv.pdf``.
    """

    input: Path
    output: Path
    engine: str | None = None
    variant: str | None = None
    force: bool = False
    allow_roots: tuple[Path, ...] = ()
    letter: Path | None = None
    text: str | None = None

    @property
    def source(self) -> Path:
        """The file this PDF is mainly made from: the letter, else the CV."""
        return self.letter or self.input

    @property
    def from_stdin(self) -> bool:
        return self.text is not None

    @property
    def display(self) -> str:
        """The CV file's name in messages."""
        return STDIN_NAME if self.from_stdin else str(self.input)

    @property
    def folder(self) -> Path:
        """Where the files cv.yaml names (a .bib, the photo) are looked for."""
        return Path() if self.from_stdin else self.input.parent

    @property
    def stem(self) -> str:
        """The output files' name: ``cv`` for cv.yaml, ``cv-short`` for its variant `short`,
        ``letter-acme`` for letters/acme.yaml."""
        if self.letter is not None:
            return f"letter-{self.letter.stem}"
        base = "cv" if self.from_stdin else self.input.stem
        return f"{base}-{self.variant}" if self.variant else base

    @property
    def pdf(self) -> Path:
        return self.output / f"{self.stem}.pdf"

    def settings(self, source_date: str) -> dict[str, object]:
        """What, besides the files' contents, makes this build's PDF what it is."""
        return {
            "input": str(self.input),
            "engine": self.engine,
            "variant": self.variant,
            "letter": str(self.letter) if self.letter else None,
            "source_date_epoch": source_date,  # a new commit's date is a new PDF
        }
