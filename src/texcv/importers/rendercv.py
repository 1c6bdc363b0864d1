"""RenderCV 2.x files (`cv`, `design`, `locale`, `settings`) as texcv data.

RenderCV guesses each entry's type from its keys; the same keys decide here, in RenderCV's
order (one-line, normal, experience, education, publication, bullet, numbered, reversed
numbered; a plain string is a text entry). Text is Markdown, kept as texcv markup.
"""

from __future__ import annotations

import re
from typing import Any

from texcv.importers.contact import Contacts, as_url
from texcv.importers.design import translate_design
from texcv.importers.markup import markdown_to_plain, markdown_to_texcv
from texcv.importers.translation import Translation
from texcv.schema.languages import LANGUAGES
from texcv.source.yaml_reader import DataPath, Loaded, format_path

# RenderCV's entry types and the keys that only they have.
ENTRY_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("one_line", frozenset({"label", "details"})),
    ("normal", frozenset({"name"})),
    ("experience", frozenset({"company", "position"})),
    ("education", frozenset({"institution", "area", "degree"})),
    ("publication", frozenset({"title", "authors", "doi", "url", "journal"})),
    ("bullet", frozenset({"bullet"})),
    ("numbered", frozenset({"number"})),
    ("reversed_numbered", frozenset({"reversed_number"})),
)
_DATED = frozenset({"date", "start_date", "end_date", "location", "summary", "highlights"})
FIELDS: dict[str, frozenset[str]] = {
    "one_line": frozenset({"label", "details"}),
    "normal": frozenset({"name"}) | _DATED,
    "experience": frozenset({"company", "position"}) | _DATED,
    "education": frozenset({"institution", "area", "degree"}) | _DATED,
    "publication": frozenset({"title", "authors", "doi", "url", "journal", "summary", "date"}),
    "bullet": frozenset({"bullet"}),
    "numbered": frozenset({"number"}),
    "reversed_numbered": frozenset({"reversed_number"}),
}
CV_KEYS = frozenset(
    {"name", "headline", "location", "email", "photo", "phone", "website"}
    | {"social_networks", "custom_connections", "sections"}
)
# RenderCV's own links for its networks (texcv passes them to moderncv as they are).
NETWORK_URLS = {
    "LinkedIn": "https://linkedin.com/in/",
    "GitHub": "https://github.com/",
    "GitLab": "https://gitlab.com/",
    "IMDB": "https://imdb.com/name/",
    "Instagram": "https://instagram.com/",
    "ORCID": "https://orcid.org/",
    "StackOverflow": "https://stackoverflow.com/users/",
    "ResearchGate": "https://researchgate.net/profile/",
    "YouTube": "https://youtube.com/@",
    "Google Scholar": "https://scholar.google.com/citations?user=",
    "Telegram": "https://t.me/",
    "WhatsApp": "https://wa.me/",
    "Leetcode": "https://leetcode.com/u/",
    "X": "https://x.com/",
    "Bluesky": "https://bsky.app/profile/",
}
# Words RenderCV leaves in lower case in a title made from a key.
_SMALL_WORDS = frozenset(
    [
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "than",
        "that",
        "to",
        "upon",
        "when",
        "with",
        "yet",
    ]
)
_LANGUAGES = {"english": "en", "french": "fr"}
_BOLD_AUTHOR = re.compile(r"^\s*(\*\*\*|\*\*|__)(.+?)\1\s*$")


def is_rendercv(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("cv"), dict)


def section_title(key: str) -> str:
    """RenderCV's rule: `education_and_training` -> `Education and Training`; a key with a
    space or a capital letter is already a title."""
    if " " in key or any(letter.isupper() for letter in key):
        return key
    words = key.replace("_", " ").split(" ")
    return " ".join(word if word in _SMALL_WORDS else word.capitalize() for word in words)


def entry_type(entry: Any) -> str | None:
    if isinstance(entry, str):
        return "text"
    if isinstance(entry, dict):
        for name, keys in ENTRY_TYPES:
            if keys & set(entry):
                return name
    return None


class RenderCV:
    """Translates one loaded RenderCV file."""

    def __init__(self, loaded: Loaded) -> None:
        self.tr = Translation(loaded, markdown_to_texcv, markdown_to_plain)
        self.contacts = Contacts(self.tr)

    def translate(self) -> Translation:
        tr = self.tr
        for key in tr.keys(()):
            if key not in ("cv", "design", "locale", "settings"):
                tr.generic_section(
                    (key,),
                    section_title(key),
                    f"'{key}' is not a RenderCV key: its text is kept as a section of bullets",
                )
        self._header(("cv",))
        if tr.get(("design",)) is not None:
            translate_design(tr, ("design",))
        self._locale(("locale",))
        sections = tr.get(("cv", "sections"))
        if isinstance(sections, dict):
            for key in tr.keys(("cv", "sections")):
                self._section(("cv", "sections", key), key)
        elif sections is not None:
            tr.generic_section(
                ("cv", "sections"),
                "Sections",
                "cv.sections is not a mapping of titles to entries: its text is kept as bullets",
            )
        self._settings(("settings",))
        tr.drop_empty_sections()
        return tr

    def _header(self, cv: DataPath) -> None:
        tr, contacts = self.tr, self.contacts
        tr.set_name((*cv, "name"))
        tr.field(tr.header, "title", (*cv, "headline"), ("header",))
        location = tr.text((*cv, "location"))
        if location:
            tr.header["address"] = {"city": tr.plain(location)}
            tr.moved((*cv, "location"), "header.address.city")
        for name, add in (("email", contacts.email), ("phone", contacts.phone)):
            self._one_or_many((*cv, name), add)
        self._one_or_many((*cv, "website"), contacts.website)
        self._photo((*cv, "photo"))
        for index in tr.items((*cv, "social_networks")):
            path = (*cv, "social_networks", index)
            network = tr.text((*path, "network")) or ""
            username = tr.text((*path, "username")) or ""
            prefix = NETWORK_URLS.get(network)
            url = _network_url(network, username, prefix)
            contacts.profile(path, network, username, url)
        for index in tr.items((*cv, "custom_connections")):
            path = (*cv, "custom_connections", index)
            text = tr.text((*path, "placeholder")) or tr.text((*path, "url")) or ""
            url = as_url(tr.text((*path, "url")) or "")
            if text and url:
                contacts.link(path, text, None, url)
            else:
                contacts.link_item(path, "", text, tr.text((*path, "url")))
            if tr.text((*path, "fontawesome_icon")):
                tr.warn(
                    (*path, "fontawesome_icon"),
                    "not carried: the icon of a custom connection (texcv shows a link icon)",
                )
        tr.details(cv, CV_KEYS, "a RenderCV field")

    def _one_or_many(self, source: DataPath, add: Any) -> None:
        if isinstance(self.tr.get(source), list):
            for index in self.tr.items(source):
                add((*source, index))
        else:
            add(source)

    def _photo(self, source: DataPath) -> None:
        text = self.tr.text(source)
        if text:
            self.tr.photo = (source, text)

    def _locale(self, source: DataPath) -> None:
        tr = self.tr
        language = tr.text((*source, "language"))
        if language:
            code = _LANGUAGES.get(language.lower(), language.lower())
            if code in LANGUAGES:
                tr.locale = code
                tr.moved((*source, "language"), "locale")
            else:
                tr.warn(
                    (*source, "language"),
                    f"texcv writes its own words (months, present) in {', '.join(LANGUAGES)} "
                    f"only: '{language}' not carried, English used",
                )
        other = [key for key in tr.keys(source) if key not in ("language", "phrases")]
        other += [
            f"phrases.{key}" for key in tr.keys((*source, "phrases")) if key != "degree_with_area"
        ]
        if other:
            tr.warn(
                source,
                f"not carried: locale {', '.join(other)} (texcv has its own words per language)",
            )

    def _settings(self, source: DataPath) -> None:
        tr = self.tr
        for key in tr.keys(source):
            if key == "bold_keywords":
                tr.bold_keywords = [
                    text for i in tr.items((*source, key)) if (text := tr.text((*source, key, i)))
                ]
                if tr.bold_keywords:
                    tr.warn(
                        (*source, key),
                        "bold keywords are made bold (**...**) where they appear in the text",
                    )
            else:
                tr.warn((*source, key), f"not carried: settings.{key} (how RenderCV runs)")

    def _section(self, source: DataPath, key: str) -> None:
        tr = self.tr
        title = section_title(key)
        value = tr.get(source)
        entries = value if isinstance(value, list) else [value] if value not in (None, "") else []
        if not entries:
            tr.warn(source, f"the section '{title}' is empty: left out")
            return
        paths = [(*source, i) for i in range(len(entries))] if isinstance(value, list) else [source]
        types = [entry_type(tr.get(path)) for path in paths]
        kinds = {t for t in types if t}
        index = tr.add_section(
            tr.markup(title), _KINDS.get(next(iter(kinds), ""), "bullet"), source
        )
        if len(kinds) > 1:
            tr.warn(
                source,
                f"the section '{title}' mixes entry types ({', '.join(sorted(kinds))}): each entry keeps its own kind",
            )
        # A list of numbered entries only is a numbered section; numbered entries among others
        # carry their number as the label of an item.
        counting = _COUNTING.get(types[0]) if len(set(types)) == 1 else None
        for number, (path, kind) in enumerate(zip(paths, types, strict=True), 1):
            self._entry(index, path, kind, number, len(paths), numbered=counting is not None)
        if counting:
            tr.sections[index]["numbered"] = counting
            tr.moved(source, f"sections[{index}] (numbered: {counting})")
        elif kinds & set(_COUNTING):
            tr.choice(
                ("sections", index, "kind"),
                source,
                "numbered entries among other entries: their numbers are the labels of items",
            )
        tr.sections[index]["kind"] = _section_kind(tr.sections[index]["entries"])

    def _entry(
        self,
        section: int,
        source: DataPath,
        kind: str | None,
        number: int,
        total: int,
        *,
        numbered: bool = False,
    ) -> None:
        tr = self.tr
        if kind is None:
            text = tr.flatten(source)
            if text:
                target = tr.add_entry(section, {"kind": "bullet", "text": tr.markup(text)})
                tr.choice(
                    target, source, "this entry matches no RenderCV entry type: kept as a bullet"
                )
            return
        if kind == "text":
            target = tr.add_entry(section, {"kind": "text", "text": tr.markup(tr.get(source))})
            tr.moved(source, f"sections[{section}].entries[{target[3]}].text")
            return
        entry: dict[str, Any] = {"kind": "bullet" if numbered else _KINDS[kind]}
        target = tr.add_entry(section, entry)
        if kind == "one_line":
            tr.field(entry, "label", (*source, "label"), target)
            entry.setdefault("label", "")
            tr.field(entry, "text", (*source, "details"), target)
            entry.setdefault("text", "")
        elif kind in ("bullet", "numbered", "reversed_numbered"):
            key = {"bullet": "bullet", "numbered": "number"}.get(kind, "reversed_number")
            tr.field(entry, "text", (*source, key), target)
            entry.setdefault("text", "")
            if kind != "bullet" and not numbered:
                shown = number if kind == "numbered" else total - number + 1
                entry["label"] = f"{shown}."
        elif kind == "publication":
            self._publication(entry, source, target)
        else:
            self._dated(entry, source, target, kind)
        tr.tags(entry, (*source, "tags"))
        extras = tr.extras(source, FIELDS[kind] | {"tags"}, f"a RenderCV {kind} entry")
        _attach(tr, entry, extras)

    def _dated(self, entry: dict[str, Any], source: DataPath, target: DataPath, kind: str) -> None:
        tr = self.tr
        if kind == "experience":
            tr.field(entry, "title", (*source, "position"), target)
            tr.field(entry, "organisation", (*source, "company"), target)
        elif kind == "education":
            area, degree = tr.text((*source, "area")), tr.text((*source, "degree"))
            phrase = tr.text(("locale", "phrases", "degree_with_area")) or "DEGREE in AREA"
            if degree and area:
                entry["title"] = tr.markup(phrase.replace("DEGREE", degree).replace("AREA", area))
                tr.choice(
                    (*target, "title"),
                    (*source, "degree"),
                    f"degree and area joined as '{phrase}' (RenderCV's wording)",
                )
            elif area or degree:
                entry["title"] = tr.markup(area or degree or "")
            tr.moved((*source, "area"), "title")
            tr.field(entry, "organisation", (*source, "institution"), target)
        else:
            tr.field(entry, "title", (*source, "name"), target)
        entry.setdefault("title", "")
        tr.field(entry, "location", (*source, "location"), target)
        tr.dates(
            entry,
            target,
            date=(*source, "date"),
            start=(*source, "start_date"),
            end=(*source, "end_date"),
        )
        tr.field(entry, "description", (*source, "summary"), target)
        highlights = tr.lines((*source, "highlights"))
        if highlights:
            entry["highlights"] = highlights
            tr.moved((*source, "highlights"), f"{format_path(target)}.highlights")

    def _publication(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        authors = []
        for index in tr.items((*source, "authors")):
            name = tr.text((*source, "authors", index))
            if not name:
                continue
            bold = _BOLD_AUTHOR.match(name)
            if bold:
                name = tr.plain(bold.group(2))
                if name not in tr.owner_names:
                    tr.owner_names.append(name)
                    tr.choice(
                        ("owner", "names"),
                        (*source, "authors", index),
                        f"'{name}' is in bold in the source: it is the owner's name (texcv sets it in bold)",
                    )
            authors.append(tr.plain(name))
        if authors:  # a work without authors (a report, a manual) is a publication too
            entry["authors"] = authors
            tr.moved((*source, "authors"), f"{format_path(target)}.authors")
            tr.bib_sources[target] = source
        tr.field(entry, "title", (*source, "title"), target)
        tr.field(entry, "venue", (*source, "journal"), target)
        entry.setdefault("title", "")
        tr.dates(entry, target, date=(*source, "date"))
        for key, pattern, label in (
            ("doi", r"^10\.\d{4,9}/\S+$", "DOI"),
            ("url", r"^https?://\S+$", "URL"),
        ):
            value = tr.text((*source, key))
            if not value:
                continue
            if re.match(pattern, value.strip()):
                entry[key] = value.strip()
                tr.moved((*source, key), f"{format_path(target)}.{key}")
            else:
                tr.add_note(entry, f"{label}: {value}")
                tr.choice(
                    (*target, "note"), (*source, key), f"{label} '{value}' kept as text in note"
                )
        summary = tr.text((*source, "summary"))
        if summary:
            tr.add_note(entry, tr.markup(summary))
            tr.choice(
                (*target, "note"),
                (*source, "summary"),
                "the summary of a publication goes to its note",
            )


# RenderCV's numbered entry types, as texcv's section numbering.
_COUNTING = {"numbered": "up", "reversed_numbered": "down"}
_KINDS = {
    "text": "text",
    "one_line": "item",
    "normal": "entry",
    "experience": "entry",
    "education": "entry",
    "publication": "publication",
    "bullet": "bullet",
    "numbered": "item",
    "reversed_numbered": "item",
}


def _section_kind(entries: list[Any]) -> str:
    kinds = [entry["kind"] for entry in entries if isinstance(entry, dict)]
    return max(kinds, key=kinds.count) if kinds else "text"  # ties: the first entry's kind


def _network_url(network: str, username: str, prefix: str | None) -> str | None:
    if network == "Mastodon" and username.count("@") == 2:
        _, user, domain = username.split("@")
        return f"https://{domain}/@{user}"
    return prefix + username if prefix and username else None


def _attach(tr: Translation, entry: dict[str, Any], extras: list[str]) -> None:
    """Text of unknown keys, where each kind has room for more text."""
    if not extras:
        return
    if entry["kind"] == "entry":
        entry.setdefault("highlights", []).extend(tr.markup(text) for text in extras)
    elif entry["kind"] == "publication":
        for text in extras:
            tr.add_note(entry, tr.markup(text))
    else:
        entry["text"] = "; ".join([entry.get("text") or "", *map(tr.markup, extras)]).strip("; ")
