"""JSON Resume files (schema 1.0, in JSON or YAML) as texcv data.

Every section of the schema becomes a texcv section in the order the file lists them; text is
plain (JSON Resume defines no markup), so stars and brackets are escaped and print as typed.
"""

from __future__ import annotations

import re
from typing import Any

from texcv.importers.contact import LINKS_TITLE, Contacts
from texcv.importers.markup import link, plain_to_texcv
from texcv.importers.translation import Translation, humanize
from texcv.source.yaml_reader import DataPath, Loaded, format_path

SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
TITLES = {
    "work": "Experience",
    "volunteer": "Volunteering",
    "education": "Education",
    "awards": "Awards",
    "certificates": "Certificates",
    "publications": "Publications",
    "skills": "Skills",
    "languages": "Languages",
    "interests": "Interests",
    "references": "References",
    "projects": "Projects",
}
BASICS = frozenset(
    {"name", "label", "image", "email", "phone", "url", "summary", "location", "profiles"}
)
LOCATION = frozenset({"address", "postalCode", "city", "countryCode", "region"})
PROFILE = frozenset({"network", "username", "url"})
# The fields of each section's items, as schema 1.0 defines them.
FIELDS: dict[str, frozenset[str]] = {
    "work": frozenset(
        {"name", "location", "description", "position", "url", "startDate", "endDate"}
        | {"summary", "highlights"}
    ),
    "volunteer": frozenset(
        {"organization", "position", "url", "startDate", "endDate", "summary", "highlights"}
    ),
    "education": frozenset(
        {"institution", "url", "area", "studyType", "startDate", "endDate", "score", "courses"}
    ),
    "awards": frozenset({"title", "date", "awarder", "summary"}),
    "certificates": frozenset({"name", "date", "url", "issuer"}),
    "publications": frozenset({"name", "publisher", "releaseDate", "url", "summary"}),
    "skills": frozenset({"name", "level", "keywords"}),
    "languages": frozenset({"language", "fluency"}),
    "interests": frozenset({"name", "keywords"}),
    "references": frozenset({"name", "reference"}),
    "projects": frozenset(
        {"name", "description", "highlights", "keywords", "startDate", "endDate", "url"}
        | {"roles", "entity", "type"}
    ),
}
KINDS = {
    "publications": "publication",
    "skills": "item",
    "languages": "item",
    "interests": "item",
}


def is_jsonresume(data: Any) -> bool:
    return isinstance(data, dict) and ("basics" in data or any(key in data for key in SECTIONS))


class JSONResume:
    """Translates one loaded JSON Resume file."""

    def __init__(self, loaded: Loaded) -> None:
        self.tr = Translation(loaded, plain_to_texcv, lambda text: text)
        self.contacts = Contacts(self.tr)

    def translate(self) -> Translation:
        tr = self.tr
        self._basics(("basics",))
        for key in tr.keys(()):
            if key in SECTIONS:
                self._section(key)
            elif key == "meta":
                tr.warn(
                    (key,),
                    "not carried: meta (about the file: version, canonical link, last change)",
                )
            elif key == "$schema":
                tr.warn((key,), "not carried: $schema (cv.yaml names texcv's own schema)")
            elif key != "basics":
                tr.generic_section(
                    (key,),
                    humanize(key),
                    f"'{key}' is not a JSON Resume section: its text is kept as a section of "
                    "bullets",
                )
        tr.drop_empty_sections()
        return tr

    def _basics(self, basics: DataPath) -> None:
        tr, contacts = self.tr, self.contacts
        if isinstance(tr.get(basics), str):  # a bare name
            tr.set_name(basics)
            return
        tr.set_name((*basics, "name"))
        tr.field(tr.header, "title", (*basics, "label"), ("header",))
        contacts.email((*basics, "email"))
        contacts.phone((*basics, "phone"))
        contacts.website((*basics, "url"))
        image = tr.text((*basics, "image"))
        if image:
            tr.photo = ((*basics, "image"), image)
        self._location((*basics, "location"))
        for index in tr.items((*basics, "profiles")):
            path = (*basics, "profiles", index)
            contacts.profile(
                path,
                tr.text((*path, "network")),
                tr.text((*path, "username")),
                tr.text((*path, "url")),
            )
            for line in tr.extras(path, PROFILE, "a JSON Resume profile", f"{LINKS_TITLE} section"):
                contacts.link_item(path, "", line, None)
        summary = tr.text((*basics, "summary"))
        if summary:
            index = tr.add_section("Summary", "text", (*basics, "summary"))
            tr.add_entry(index, {"kind": "text", "text": tr.markup(summary)})
            tr.choice(
                ("sections", index, "title"),
                (*basics, "summary"),
                "basics.summary is a text section 'Summary'",
            )
        tr.details(basics, BASICS, "a field of basics")

    def _location(self, source: DataPath) -> None:
        tr = self.tr
        if not isinstance(tr.get(source), dict):
            if tr.text(source):
                tr.header["address"] = {"city": tr.text(source)}
                tr.moved(source, "header.address.city")
            return
        address: dict[str, str] = {}
        street = tr.text((*source, "address"))
        if street:
            address["street"] = ", ".join(
                line.strip() for line in street.splitlines() if line.strip()
            )
            tr.moved((*source, "address"), "header.address.street")
        city = " ".join(
            part for part in (tr.text((*source, "postalCode")), tr.text((*source, "city"))) if part
        )
        region = tr.text((*source, "region"))
        if region:
            city = f"{city}, {region}" if city else region
            tr.choice(
                ("header", "address", "city"), (*source, "region"), "region joined to the city line"
            )
        if city:
            address["city"] = city
            tr.moved(source, "header.address.city (postalCode, city, region)")
        country = tr.text((*source, "countryCode"))
        if country:
            address["country"] = country
            tr.moved((*source, "countryCode"), "header.address.country")
        extras = tr.extras(source, LOCATION, "a JSON Resume location", "address (country line)")
        if extras:
            address["country"] = ", ".join([address.get("country", ""), *extras]).strip(", ")
        if address:
            tr.header["address"] = address

    def _section(self, key: str) -> None:
        tr = self.tr
        source: DataPath = (key,)
        value = tr.get(source)
        if isinstance(value, list):
            paths: list[DataPath] = [(key, number) for number in tr.items(source)]
        else:  # one item given without its list
            paths = [source] if value not in (None, "", {}) else []
        if not paths:
            tr.warn(source, f"the section '{key}' is empty: left out")
            return
        index = tr.add_section(TITLES[key], KINDS.get(key, "entry"), source)
        translate = getattr(self, f"_{key}")
        for path in paths:
            if not isinstance(tr.get(path), dict):
                text = tr.text(path)
                if text:
                    target = tr.add_entry(index, {"kind": "bullet", "text": tr.markup(text)})
                    tr.choice(target, path, f"an item of {key} that is not an object: a bullet")
                continue
            entry: dict[str, Any] = {"kind": KINDS.get(key, "entry")}
            target = tr.add_entry(index, entry)
            translate(entry, path, target)
            extras = tr.extras(path, FIELDS[key], f"JSON Resume's {key}")
            if extras and entry["kind"] == "entry":
                entry.setdefault("highlights", []).extend(map(tr.markup, extras))
            elif extras and entry["kind"] == "publication":
                for text in extras:
                    tr.add_note(entry, tr.markup(text))
            elif extras:
                entry["comment"] = "; ".join(
                    [entry.get("comment") or "", *map(tr.markup, extras)]
                ).strip("; ")

    # One method per section; each fills `entry` from the item at `source`.

    def _job(
        self, entry: dict[str, Any], source: DataPath, target: DataPath, organisation: str
    ) -> None:
        tr = self.tr
        tr.field(entry, "title", (*source, "position"), target)
        entry.setdefault("title", "")
        self._linked(entry, "organisation", (*source, organisation), (*source, "url"), target)
        tr.field(entry, "location", (*source, "location"), target)
        tr.dates(entry, target, start=(*source, "startDate"), end=(*source, "endDate"))
        tr.field(entry, "description", (*source, "summary"), target)
        self._highlights(entry, (*source, "highlights"), target)

    def _work(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        self._job(entry, source, target, "name")
        description = self.tr.text((*source, "description"))
        if description:
            self.tr.add_note(entry, self.tr.markup(description))
            self.tr.choice(
                (*target, "note"),
                (*source, "description"),
                "the company's description goes to note",
            )

    def _volunteer(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        self._job(entry, source, target, "organization")

    def _education(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        study, area = tr.text((*source, "studyType")), tr.text((*source, "area"))
        entry["title"] = tr.markup(" in ".join(part for part in (study, area) if part))
        if study and area:
            tr.choice(
                (*target, "title"),
                (*source, "studyType"),
                "studyType and area joined as 'STUDYTYPE in AREA'",
            )
        tr.moved((*source, "area"), f"{format_path(target)}.title")
        self._linked(entry, "organisation", (*source, "institution"), (*source, "url"), target)
        tr.dates(entry, target, start=(*source, "startDate"), end=(*source, "endDate"))
        tr.field(entry, "note", (*source, "score"), target)
        courses = tr.lines((*source, "courses"))
        if courses:
            entry["highlights"] = courses
            tr.choice(
                (*target, "highlights"), (*source, "courses"), "courses are the entry's highlights"
            )

    def _awards(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        tr.field(entry, "title", (*source, "title"), target)
        entry.setdefault("title", "")
        tr.field(entry, "organisation", (*source, "awarder"), target)
        tr.dates(entry, target, date=(*source, "date"))
        tr.field(entry, "description", (*source, "summary"), target)

    def _certificates(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        self._linked(entry, "title", (*source, "name"), (*source, "url"), target)
        entry.setdefault("title", "")
        tr.field(entry, "organisation", (*source, "issuer"), target)
        tr.dates(entry, target, date=(*source, "date"))

    def _publications(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        """A work without authors (JSON Resume has none): title, publisher, date, link."""
        tr = self.tr
        tr.field(entry, "title", (*source, "name"), target)
        entry.setdefault("title", "")
        tr.field(entry, "venue", (*source, "publisher"), target)
        tr.dates(entry, target, date=(*source, "releaseDate"))
        url = tr.text((*source, "url"))
        if url and re.match(r"^https?://\S+$", url.strip()):
            entry["url"] = url.strip()
            tr.moved((*source, "url"), f"{format_path(target)}.url")
        elif url:
            self._linked(entry, "title", (*source, "name"), (*source, "url"), target)
        summary = tr.text((*source, "summary"))
        if summary:
            tr.add_note(entry, tr.markup(summary))
            tr.choice(
                (*target, "note"), (*source, "summary"), "the summary of a work goes to its note"
            )

    def _skills(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        self._labelled(entry, source, target, "name", "keywords", "level")

    def _languages(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        self._labelled(entry, source, target, "language", "fluency", None)

    def _interests(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        self._labelled(entry, source, target, "name", "keywords", None)

    def _references(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        tr.field(entry, "title", (*source, "name"), target)
        entry.setdefault("title", "")
        tr.field(entry, "description", (*source, "reference"), target)

    def _projects(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        tr = self.tr
        self._linked(entry, "title", (*source, "name"), (*source, "url"), target)
        entry.setdefault("title", "")
        tr.field(entry, "organisation", (*source, "entity"), target)
        tr.dates(entry, target, start=(*source, "startDate"), end=(*source, "endDate"))
        tr.field(entry, "description", (*source, "description"), target)
        self._highlights(entry, (*source, "highlights"), target)
        for key, label in (("roles", "Roles"), ("type", "Type"), ("keywords", "Keywords")):
            text = tr.flatten((*source, key))
            if text:
                tr.add_note(entry, tr.markup(f"{label}: {text}"))
                tr.choice(
                    (*target, "note"), (*source, key), f"project {key} go to note as '{label}: ...'"
                )

    # Shared pieces.

    def _linked(
        self,
        entry: dict[str, Any],
        key: str,
        text_path: DataPath,
        url_path: DataPath,
        target: DataPath,
    ) -> None:
        """A text field, made a link when the item has a url."""
        tr = self.tr
        text, url = tr.text(text_path), tr.text(url_path)
        if text and url:
            entry[key] = link(tr.markup(text), url.strip())
            tr.moved(text_path, f"{format_path(target)}.{key}")
            tr.moved(url_path, f"{format_path(target)}.{key} (as its link)")
        elif text:
            tr.field(entry, key, text_path, target)
        elif url:
            entry[key] = link(tr.markup(url), url.strip())
            tr.moved(url_path, f"{format_path(target)}.{key}")

    def _highlights(self, entry: dict[str, Any], source: DataPath, target: DataPath) -> None:
        highlights = self.tr.lines(source)
        if highlights:
            entry.setdefault("highlights", []).extend(highlights)
            self.tr.moved(source, f"{format_path(target)}.highlights")

    def _labelled(
        self,
        entry: dict[str, Any],
        source: DataPath,
        target: DataPath,
        label: str,
        text: str,
        comment: str | None,
    ) -> None:
        tr = self.tr
        tr.field(entry, "label", (*source, label), target)
        entry.setdefault("label", "")
        value = tr.flatten((*source, text))
        if value:
            entry["text"] = tr.markup(value)
            tr.moved((*source, text), f"{format_path(target)}.text")
        if comment:
            tr.field(entry, "comment", (*source, comment), target)
        if "text" not in entry and "comment" in entry:
            entry["text"] = entry.pop("comment")
        entry.setdefault("text", "")
