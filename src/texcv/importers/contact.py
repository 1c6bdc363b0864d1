"""Contact details into texcv's header: e-mails, phones, homepage, social accounts, address.

moderncv has an icon for a fixed set of networks; any other network or custom link with a URL
is a `header.social` entry too, shown with a link icon and its name. A second e-mail address or
phone number, or a network without a link, goes to a "Links" section as an item, where it still
prints.
"""

from __future__ import annotations

import re

from texcv.importers.markup import link, plain_to_texcv
from texcv.importers.translation import Translation
from texcv.schema.header import KNOWN_NETWORKS
from texcv.source.yaml_reader import DataPath

MODERNCV_NETWORKS = frozenset(KNOWN_NETWORKS)
# Names the formats use for networks moderncv knows under another name.
_ALIASES = {"x": "twitter", "googlescholar": "googlescholar", "scholar": "googlescholar"}
_URL = re.compile(r"^(https?|mailto|ftp)://?\S+$|^mailto:\S+$")
LINKS_TITLE = "Links"


def moderncv_network(name: str) -> str | None:
    """``Google Scholar`` -> ``googlescholar``; None when moderncv has no icon for it."""
    key = re.sub(r"[^a-z]", "", name.lower())
    key = _ALIASES.get(key, key)
    return key if key in MODERNCV_NETWORKS else None


def as_url(text: str) -> str | None:
    """An absolute link; ``example.org`` gets https://; None when it cannot be one."""
    text = text.strip()
    if _URL.match(text):
        return text
    if re.match(r"^[\w.-]+\.[a-z]{2,}(/\S*)?$", text, re.IGNORECASE):
        return f"https://{text}"
    return None


class Contacts:
    """Adds contact details to a translation's header, overflowing into a Links section."""

    def __init__(self, tr: Translation) -> None:
        self.tr = tr
        self._links: int | None = None

    # moderncv's header holds one e-mail address and one phone number of each kind (a second
    # \email replaces the first): the first goes to the header, the others to Links.

    def email(self, source: DataPath) -> None:
        text = self.tr.text(source)
        if not text:
            return
        if "emails" in self.tr.header:
            self.link_item(source, "E-mail", text.strip(), f"mailto:{text.strip()}")
            self._second(source, "e-mail address")
            return
        self.tr.header["emails"] = [text.strip()]
        self.tr.moved(source, "header.emails")

    def phone(self, source: DataPath) -> None:
        text = self.tr.text(source)
        if not text:
            return
        if "phones" in self.tr.header:
            self.link_item(source, "Phone", text.strip(), None)
            self._second(source, "phone number")
            return
        self.tr.header["phones"] = [{"number": text.strip()}]
        self.tr.moved(source, "header.phones")

    def _second(self, source: DataPath, what: str) -> None:
        self.tr.warn(
            source, f"moderncv's header shows one {what}: this one is an item of {LINKS_TITLE}"
        )

    def website(self, source: DataPath, label: str = "Website") -> None:
        text = self.tr.text(source)
        if not text:
            return
        url = as_url(text)
        if url and "homepage" not in self.tr.header:
            self.tr.header["homepage"] = url
            self.tr.moved(source, "header.homepage")
            if url != text.strip():
                self.tr.choice(("header", "homepage"), source, f"'{text}' given https://")
            return
        self.link_item(source, label, text, url)

    def profile(
        self, source: DataPath, network: str | None, account: str | None, url: str | None
    ) -> None:
        """An account in the header: with moderncv's icon when it has one for the network,
        else with a link icon and the network's name (which then needs a URL)."""
        known = moderncv_network(network or "")
        link_url = as_url(url) if url else None
        if known and account:
            social: dict[str, str] = {"network": known, "account": account}
            if link_url:
                social["url"] = link_url
            self.tr.header.setdefault("social", []).append(social)
            self.tr.moved(source, f"header.social ({known})")
            if network and re.sub(r"[^a-z]", "", network.lower()) == "x":
                self.tr.choice(
                    ("header", "social"), source, "network X shown with moderncv's twitter icon"
                )
            return
        if network and link_url:
            self.link(source, network, account, link_url)
            return
        self.link_item(source, network or "Profile", account or url or "", link_url)
        if network:
            self.tr.warn(
                source,
                f"'{network}' has no link in the source: it is an item of the {LINKS_TITLE} "
                "section",
            )

    def link(self, source: DataPath, name: str, account: str | None, url: str) -> None:
        """A link in the header with its name (and account), shown with a link icon."""
        social = {"network": name, "url": url} | ({"account": account} if account else {})
        self.tr.header.setdefault("social", []).append(social)
        self.tr.moved(source, f"header.social ({name}, with a link icon)")

    def link_item(self, source: DataPath, label: str, text: str, url: str | None) -> None:
        shown = self.tr.markup(text) if text else url or ""
        entry = {"kind": "item", "label": self.tr.markup(label), "text": shown}
        if url:
            entry["text"] = link(plain_to_texcv(self.tr.plain(text) if text else url), url)
        path = self.tr.add_entry(self.links(source), entry)
        self.tr.moved(source, f"sections[{path[1]}].entries[{path[3]}] ({LINKS_TITLE})")

    def links(self, source: DataPath) -> int:
        if self._links is None:
            self._links = self.tr.add_section(LINKS_TITLE, "item")
        return self._links
