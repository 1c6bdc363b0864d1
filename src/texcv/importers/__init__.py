"""`texcv import`: a RenderCV or JSON Resume file as a texcv cv.yaml (and publications.bib).

A stage of its own after `schema`: it reads foreign files with `source`'s readers (positions
for every warning), writes data in the shape `schema` defines and checks the result with
`schema`'s own validation before anything is written. It prints nothing: the app prints the
report (`Imported.report`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from texcv.errors import InputError, Location
from texcv.importers.bib import move_to_bib
from texcv.importers.jsonresume import JSONResume, is_jsonresume
from texcv.importers.rendercv import RenderCV, is_rendercv
from texcv.importers.report import Report
from texcv.importers.translation import Translation
from texcv.importers.writer import dump_cv
from texcv.source.json_reader import load_json
from texcv.source.yaml_reader import Loaded, load_yaml

BIB_NAME = "publications.bib"
_PHOTO = re.compile(r"(?i)\.(jpe?g|png|pdf)$")


@dataclass(frozen=True)
class Imported:
    """What an import produced; nothing is written yet."""

    format: str  # "RenderCV" or "JSON Resume"
    cv_text: str
    bib_text: str | None
    photo: Path | None  # the source's photo, to copy beside cv.yaml under its own name
    report: Report
    sections: int
    entries: int


def import_file(source: Path, target: Path, *, bib: bool = False) -> Imported:
    """Translate ``source`` into the text of ``target`` (a cv.yaml) and its .bib."""
    display = str(source)
    loaded = _load(source, display)
    if is_rendercv(loaded.data):
        name, tr = "RenderCV", RenderCV(loaded).translate()
    elif is_jsonresume(loaded.data):
        name, tr = "JSON Resume", JSONResume(loaded).translate()
    else:
        raise InputError(
            "this is neither a RenderCV file (a `cv:` key) nor a JSON Resume file "
            "(`basics:`, `work:`, `education:`, ...)",
            location=Location(display, 1, 1),
            hint="texcv import reads RenderCV 2.x YAML and JSON Resume 1.0 (JSON or YAML)",
        )
    photo = _photo(tr, source.parent, target.parent)
    _bold_keywords(tr)
    bib_text = move_to_bib(tr, BIB_NAME) if bib else None
    data = _cv_data(tr)
    preface = [
        f"Imported from {source.name} ({name}) by `texcv import`.",
        "Comments like this one say where the import made a choice; `texcv import` printed",
        "where every field went. Check it with `texcv check`, build it with `texcv build`.",
    ]
    text = dump_cv(data, tr.comments, preface)
    _check(text, data, target)
    entries = sum(len(section["entries"]) for section in tr.sections)
    return Imported(name, text, bib_text, photo, tr.report, len(tr.sections), entries)


def _load(source: Path, display: str) -> Loaded:
    if source.suffix.lower() == ".json":
        return load_json(source, display)
    return load_yaml(source, display)


def _photo(tr: Translation, source_dir: Path, target_dir: Path) -> Path | None:
    """The photo file to copy beside cv.yaml (None when there is none, or it is there)."""
    if tr.photo is None:
        return None
    where, written = tr.photo
    if re.match(r"^[a-z][a-z0-9+.-]*://", written, re.IGNORECASE):
        tr.warn(
            where,
            f"not carried: the photo is a link ({written}); texcv needs the image file",
            hint="save the image beside cv.yaml and add `photo: {path: photo.jpg}` to header",
        )
        return None
    path = source_dir / written
    if not path.is_file() or not _PHOTO.search(written):
        tr.warn(
            where,
            f"not carried: the photo '{written}' is not a .jpg, .png or .pdf file beside the "
            "source",
        )
        return None
    tr.header["photo"] = {"path": path.name}
    tr.moved(where, "header.photo.path")
    if path.resolve().parent == target_dir.resolve():
        return None
    tr.choice(("header", "photo"), where, f"the photo is copied beside cv.yaml as {path.name}")
    return path


def _bold_keywords(tr: Translation) -> None:
    """RenderCV's settings.bold_keywords: **keyword** wherever it stands in text fields."""
    if not tr.bold_keywords:
        return
    words = sorted(set(tr.bold_keywords), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w*])(" + "|".join(map(re.escape, words)) + r")(?![\w*])")
    link = re.compile(r"(\[(?:\\.|[^\[\]\\])*\]\([^\s()]+\))")

    def bolden(text: str) -> str:
        parts = link.split(text)
        return "".join(
            part if index % 2 else pattern.sub(r"**\1**", part) for index, part in enumerate(parts)
        )

    for section in tr.sections:
        for entry in section["entries"]:
            for key in ("text", "title", "organisation", "description", "note", "comment"):
                if isinstance(entry.get(key), str):
                    entry[key] = bolden(entry[key])
            if "highlights" in entry:
                entry["highlights"] = [bolden(item) for item in entry["highlights"]]


def _cv_data(tr: Translation) -> dict[str, Any]:
    """The whole cv.yaml as data: entries tidied as a person writes them."""
    data: dict[str, Any] = {"header": tr.header}
    if tr.owner_names:
        data["owner"] = {"names": tr.owner_names}
    if tr.design:
        data["design"] = tr.design
    sections = []
    for section in tr.sections:
        kind = section["kind"]
        entries = []
        for entry in section["entries"]:
            if entry.get("kind") == kind:
                entry = {key: value for key, value in entry.items() if key != "kind"}
                if kind in ("text", "bullet") and set(entry) == {"text"}:
                    entry = entry["text"]
            entries.append(entry)
        tidy = {**section, "entries": entries}
        if not entries:
            del tidy["entries"]  # all in the .bib
        sections.append(tidy)
    data["sections"] = sections
    if tr.locale and tr.locale != "en":
        data["locale"] = tr.locale
    return data


def _as_text(value: Any) -> Any:
    """Data with numbers as text (a year is written plain, as `date: 2021`)."""
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check(text: str, data: dict[str, Any], target: Path) -> None:
    """The written cv.yaml must read back as ``data`` and validate: else it is texcv's bug."""
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import load_yaml_text

    loaded = load_yaml_text(text, str(target))
    if _as_text(loaded.data) != _as_text(data):
        raise RuntimeError("the written cv.yaml does not read back as the imported data")
    try:
        validate(loaded)
    except InputError as error:
        raise RuntimeError(f"the imported cv.yaml does not validate: {error.format()}") from None
