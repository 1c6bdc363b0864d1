"""The cv.yaml an import is writing, and the helpers both source formats share.

A `Translation` reads the loaded source (data and positions), builds texcv's data (plain dicts
in the shape of cv.yaml), remembers a comment for each choice it made, and reports where every
source field went. Text is converted by the format's own rule (`markup` for texcv text fields,
`plain` for fields texcv prints without markup, such as names).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from texcv.importers.report import Report
from texcv.schema.dates import MAX_TEXT, PRESENT_WORDS, CVDate
from texcv.source.yaml_reader import DataPath, Loaded, format_path

_ISO_PREFIX = re.compile(r"^(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$")
_TOKEN = re.compile(r"[^\s,\]}#]+")
_TAG = re.compile(r"^[\w][\w.+-]*$")
NOTE_SEPARATOR = "; "


class Translation:
    """Source data in, texcv data out, with a report of every move and choice."""

    def __init__(
        self, loaded: Loaded, markup: Callable[[str], str], plain: Callable[[str], str]
    ) -> None:
        self.loaded = loaded
        self.report = Report(loaded.positions)
        self.markup = markup
        self.plain = plain
        self.header: dict[str, Any] = {}
        self.owner_names: list[str] = []
        self.design: dict[str, Any] = {}
        self.sections: list[dict[str, Any]] = []
        self.locale: str | None = None
        self.comments: dict[DataPath, str] = {}
        self.bib_sources: dict[DataPath, DataPath] = {}  # cv.yaml entry -> source entry
        self.photo: tuple[DataPath, str] | None = None  # where, and the path as written
        self.bold_keywords: list[str] = []

    # -- reading the source ------------------------------------------------------------------

    def get(self, path: DataPath) -> Any:
        value: Any = self.loaded.data
        for part in path:
            if isinstance(part, int):
                if not isinstance(value, list) or part >= len(value):
                    return None
            elif not isinstance(value, dict):
                return None
            value = value[part] if isinstance(part, int) else value.get(part)
        return value

    def text(self, path: DataPath) -> str | None:
        """The value at ``path`` as text, numbers as written (``3.90`` stays ``3.90``);
        None when missing or blank. Lists and mappings are flattened into one line."""
        value = self.get(path)
        if value is None:
            return None
        if isinstance(value, str):
            return value if value.strip() else None
        if isinstance(value, (list, dict)):
            flat = self.flatten(path)
            return flat or None
        return self._as_written(path, value)

    def _as_written(self, path: DataPath, value: Any) -> str:
        place = self.loaded.positions.values.get(path)
        if place is not None:
            line = self.loaded.text.splitlines()[place[0] - 1]
            token = _TOKEN.match(line, place[1] - 1)
            if token:
                return token.group(0)
        return str(value).lower() if isinstance(value, bool) else str(value)

    def flatten(self, path: DataPath) -> str:
        """Any value as one line of text: lists joined by commas, mappings as `Key: value`."""
        value = self.get(path)
        if isinstance(value, list):
            parts = [self.flatten((*path, i)) for i in range(len(value))]
            return ", ".join(part for part in parts if part)
        if isinstance(value, dict):
            parts = [f"{humanize(str(k))}: {self.flatten((*path, k))}" for k in value]
            return NOTE_SEPARATOR.join(parts)
        return self.text(path) or ""

    def keys(self, path: DataPath) -> list[str]:
        value = self.get(path)
        return [str(key) for key in value] if isinstance(value, dict) else []

    def items(self, path: DataPath) -> range:
        value = self.get(path)
        return range(len(value)) if isinstance(value, list) else range(0)

    # -- writing cv.yaml ---------------------------------------------------------------------

    def moved(self, source: DataPath, target: str) -> None:
        self.report.moved(source, target)

    def warn(self, source: DataPath, message: str, hint: str | None = None) -> None:
        self.report.warn(source, message, hint)

    def choice(self, target: DataPath, source: DataPath, message: str) -> None:
        """A choice: a comment above the field in cv.yaml and a warning at the source line."""
        previous = self.comments.get(target)
        self.comments[target] = f"{previous}; {message}" if previous else message
        self.warn(source, message)

    def add_section(self, title: str, kind: str, source: DataPath | None = None) -> int:
        self.sections.append({"title": title, "kind": kind, "entries": []})
        if source is not None:
            self.moved(source, f"sections[{len(self.sections) - 1}] ({title!r}, kind {kind})")
        return len(self.sections) - 1

    def add_entry(self, section: int, entry: dict[str, Any] | str) -> DataPath:
        entries = self.sections[section]["entries"]
        entries.append(entry)
        return ("sections", section, "entries", len(entries) - 1)

    def drop_empty_sections(self) -> None:
        """A section without entries would print a bare heading: left out, and said so."""
        self.sections = [section for section in self.sections if section["entries"]]

    def generic_section(self, source: DataPath, title: str, why: str) -> None:
        """A value no field of the format holds, as a section of bullets (its text kept)."""
        if self.text(source) is None:
            return
        index = self.add_section(self.markup(title), "bullet", source)
        value = self.get(source)
        paths = [(*source, i) for i in self.items(source)] if isinstance(value, list) else [source]
        for path in paths:
            text = self.flatten(path)
            if text:
                self.add_entry(index, {"kind": "bullet", "text": self.markup(text)})
        self.warn(source, why)

    def details(self, source: DataPath, known: frozenset[str] | set[str], what: str) -> None:
        """The keys of ``source`` that are not ``known`` fields, each an item of a Details
        section (its text kept), with a note that says so (``what``: e.g. 'a RenderCV field')."""
        section = None
        for key in self.keys(source):
            if key in known or self.text((*source, key)) is None:
                continue
            if section is None:
                section = self.add_section("Details", "item")
            entry = {
                "kind": "item",
                "label": self.markup(humanize(key)),
                "text": self.markup(self.flatten((*source, key))),
            }
            target = self.add_entry(section, entry)
            self.choice(
                target, (*source, key), f"'{key}' is not {what}: kept as an item of Details"
            )

    def add_note(self, entry: dict[str, Any], text: str) -> None:
        """Extra text for an entry's `note` (entries and publications have one)."""
        entry["note"] = f"{entry['note']}{NOTE_SEPARATOR}{text}" if entry.get("note") else text

    def field(
        self,
        entry: dict[str, Any],
        key: str,
        source: DataPath,
        target: DataPath,
        *,
        plain: bool = False,
    ) -> None:
        """Copy one text field (converted to texcv text, or to plain text) and report it."""
        value = self.text(source)
        if value is None:
            return
        entry[key] = self.plain(value) if plain else self.markup(value)
        self.moved(source, f"{format_path(target)}.{key}")

    def lines(self, source: DataPath) -> list[str]:
        """A list of texts (highlights, keywords) as texcv text; a lone string is one line."""
        if isinstance(self.get(source), list):
            found = (self.text((*source, index)) for index in self.items(source))
            return [self.markup(text) for text in found if text is not None]
        single = self.text(source)
        return [self.markup(single)] if single is not None else []

    # -- shared translations -----------------------------------------------------------------

    def set_name(self, source: DataPath) -> None:
        """A full name into first_name / last_name: the last word is the family name."""
        name = self.text(source)
        if name is None:
            self.header["first_name"], self.header["last_name"] = "", ""
            self.warn(source, "the source has no name; first_name and last_name are left empty")
            return
        name = " ".join(self.plain(name).split())
        first, _, last = name.rpartition(" ")
        if not first:
            first, last = name, ""
        self.header["first_name"], self.header["last_name"] = first, last
        self.moved(source, "header.first_name + header.last_name")
        if first and last and " " in first:
            self.choice(
                ("header", "first_name"),
                source,
                f"'{name}' split before its last word; move words to last_name if your "
                "family name has several",
            )

    def dates(
        self,
        entry: dict[str, Any],
        target: DataPath,
        *,
        date: DataPath | None = None,
        start: DataPath | None = None,
        end: DataPath | None = None,
    ) -> None:
        """The source's date fields (paths) onto a texcv entry; what is not a date goes to note.

        Only a start means ongoing (end: present); only an end is a single date; a single date
        wins over start/end (as RenderCV does), whose text then goes to note.
        """
        single = self.text(date) if date else None
        first = self.text(start) if start else None
        last = self.text(end) if end else None
        if date and single is not None:
            self._single_date(entry, target, date, single)
            if first is not None or last is not None:
                span = " – ".join(part for part in (first, last) if part)
                self.add_note(entry, span)
                self.choice(
                    (*target, "note"),
                    start if first is not None and start else date,
                    f"both a date and start/end dates: the date is used, '{span}' kept in note",
                )
            return
        if end and first is None and last is not None:
            self._single_date(entry, target, end, last)
            return
        if not start or first is None:
            return
        begin = date_text(first)
        finish = date_text(last) if last is not None else "present"
        where = format_path(target)
        if begin and begin != "present" and finish and not _before(finish, begin):
            entry["start"], entry["end"] = begin, finish
            self.moved(start, f"{where}.start")
            if end and last is not None:
                self.moved(end, f"{where}.end")
            else:
                self.choice(
                    (*target, "end"),
                    start,
                    "no end date in the source: shown as ongoing (end: present)",
                )
            return
        span = f"{first} – {last or ''}".strip()
        self.add_note(entry, span)
        self.choice(
            (*target, "note"),
            start,
            f"the dates '{span}' are not texcv dates (YYYY, YYYY-MM, YYYY-MM-DD, present, "
            "or short free text) or end before they start: kept as text in note",
        )

    def _single_date(
        self, entry: dict[str, Any], target: DataPath, source: DataPath, text: str
    ) -> None:
        value = date_text(text)
        if value and value != "present":
            entry["date"] = value
            self.moved(source, f"{format_path(target)}.date")
            return
        self.add_note(entry, text)
        self.choice(
            (*target, "note"),
            source,
            f"the date '{text}' is no texcv date (YYYY, YYYY-MM, YYYY-MM-DD, or text of at "
            f"most {MAX_TEXT} characters that is not shaped like one): kept in note",
        )

    def tags(self, entry: dict[str, Any], source: DataPath) -> None:
        """RenderCV's `tags` are texcv's tags (what variants select by)."""
        kept, dropped = [], []
        for index in self.items(source):
            tag = self.text((*source, index))
            if tag and _TAG.match(tag) and len(tag) <= 40:
                kept.append(tag)
            elif tag:
                dropped.append(tag)
        if kept:
            entry["tags"] = kept
            self.moved(source, "tags")
        if dropped:
            self.warn(
                source,
                f"tags {', '.join(map(repr, dropped))} are not texcv tags (letters, digits, "
                "_ . + -) and were not carried; they are not printed",
            )

    def extras(
        self, source: DataPath, known: frozenset[str] | set[str], what: str, where: str = "entry"
    ) -> list[str]:
        """`Key: value` lines for keys the format does not define, each reported."""
        lines = []
        for key in self.keys(source):
            if key in known or self.get((*source, key)) in (None, "", [], {}):
                continue
            lines.append(f"{humanize(key)}: {self.flatten((*source, key))}")
            self.warn(
                (*source, key),
                f"'{key}' is not a field of {what}: its text is kept as '{humanize(key)}: ...' "
                f"in the same {where}",
            )
        return lines


def iso_date(text: str) -> str | None:
    """A texcv date (``2020``, ``2020-09``, ``2020-09-15``, ``present``) or None for free text.

    A time after the date (``2020-09-15T08:00:00``, as some exports write) is dropped."""
    stripped = text.strip()
    if stripped.lower() in PRESENT_WORDS:
        return "present"
    match = _ISO_PREFIX.match(stripped)
    if not match:
        return None
    try:
        return str(CVDate.parse(match.group(1)))
    except ValueError:
        return None


def date_text(text: str) -> str | None:
    """What a texcv date field takes for the source's date text: an ISO date or present
    (iso_date), or free text such as ``Spring 2019`` that texcv prints as written; None when
    it takes neither (``2023-13``, a paragraph)."""
    value = iso_date(text)
    if value is not None:
        return value
    try:
        date = CVDate.read(text.strip())
    except ValueError:
        return None
    return text.strip() if date.text is not None else None


def _before(end: str, start: str) -> bool:
    """Does ``end`` end before ``start`` begins? Never known for text without a year."""
    if end == "present":
        return False
    last, first = CVDate.read(end), CVDate.read(start)
    if last.undated or first.undated:
        return False
    return last.end_key() < first.sort_key()


def humanize(key: str) -> str:
    """``favoriteColor`` or ``favorite_color`` -> ``Favorite color``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").split()
    text = " ".join(words).lower() if words else key
    return text[:1].upper() + text[1:]
