"""Where each link of the CV must lead: the one place that turns cv.yaml's contacts, URLs and
DOIs into link targets.

The renderer writes these targets into the .tex, and the build reads the PDF back and checks
that every one of them arrived unchanged (texcv.inspect), so what moderncv or hyperref do to a
target on its way (break points in a long e-mail address, ``https://`` before an ``http://``
homepage) cannot go unnoticed. Targets are as the PDF holds them: percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from texcv.render.escape import encode_url, url_for_display
from texcv.schema import CV, PublicationEntry
from texcv.schema.header import Header, Social
from texcv.schema.letter import Letter
from texcv.schema.markup import links, markup_texts
from texcv.source.yaml_reader import DataPath

# The profile address of each network moderncv knows, before the account (moderncv 2.3.1's
# \social); skype and signal accounts are not links.
NETWORK_URLS = {
    "linkedin": "https://www.linkedin.com/in/",
    "xing": "https://www.xing.com/profile/",
    "twitter": "https://twitter.com/",
    "github": "https://github.com/",
    "gitlab": "https://gitlab.com/",
    "stackoverflow": "https://stackoverflow.com/users/",
    "bitbucket": "https://bitbucket.org/",
    "orcid": "https://orcid.org/",
    "researchgate": "https://www.researchgate.net/profile/",
    "researcherid": "https://www.researcherid.com/rid/",
    "telegram": "https://t.me/",
    "whatsapp": "https://wa.me/",
    "matrix": "https://matrix.to/#/",
    "googlescholar": "https://scholar.google.com/citations?user=",
}


def mailto(address: str) -> str:
    return "mailto:" + encode_url(address)


def tel(number: str) -> str:
    """Digits and a leading + only, as phones dial (moderncv's rule too)."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def social_url(social: Social) -> str | None:
    """The given URL, else the network's profile address for the account; None for accounts
    that are no link (skype, signal)."""
    if social.url:
        return encode_url(social.url)
    base = NETWORK_URLS.get(social.known or "")
    if base is None or not social.account:
        return None
    return encode_url(base + social.account.strip())


# Where an e-print links, by archive (lower case); others print as ARCHIVE:ID without a link.
EPRINT_LINKS = {
    "arxiv": ("arXiv", "https://arxiv.org/abs/{id}"),
    "hal": ("HAL", "https://hal.science/{id}"),
    "pubmed": ("PMID", "https://pubmed.ncbi.nlm.nih.gov/{id}"),
}


def publication_links(entry: PublicationEntry) -> list[tuple[str, str, str | None]]:
    """A work's links in print order, as (field, label, target): the DOI, the e-print
    (``arXiv:ID``; no target for an archive texcv cannot link), the URL. A URL that leads
    where the DOI or the e-print does is left out. Targets are as written (not encoded)."""
    found: list[tuple[str, str, str | None]] = []
    if entry.doi:
        found.append(("doi", f"doi:{entry.doi}", f"https://doi.org/{entry.doi}"))
    if entry.eprint:
        archive = (entry.eprint_type or "").strip()
        known = EPRINT_LINKS.get(archive.lower())
        if known is None:
            label = f"{archive}:{entry.eprint}" if archive else entry.eprint
            found.append(("eprint", label, None))
        else:
            name, target = known
            found.append(("eprint", f"{name}:{entry.eprint}", target.format(id=entry.eprint)))
    if entry.url:
        seen = {_loose(target) for _, _, target in found if target}
        if _loose(entry.url) not in seen:
            found.append(("url", url_for_display(entry.url), entry.url))
    return found


def _loose(url: str) -> str:
    """A URL compared loosely: without scheme, www, dx. and a trailing slash."""
    return re.sub(r"^https?://(www\.|dx\.)?", "", url).rstrip("/").casefold()


def intended_links(cv: CV) -> list[tuple[DataPath, str]]:
    """Every link the CV's PDF must hold, with the path of the field it comes from."""
    return list(_intended(cv))


def letter_links(letter: Letter, cv: CV) -> list[tuple[DataPath, str]]:
    """Every link a letter's PDF must hold: the sender's (``header...``, from cv.yaml) and
    those in the letter's own text (paths in letters/NAME.yaml)."""
    found = list(_header_links(cv.header))
    for path, text in markup_texts(letter):
        found.extend((path, encode_url(url)) for url in links(text))
    return found


def _intended(cv: CV) -> Iterator[tuple[DataPath, str]]:
    yield from _header_links(cv.header)
    for path, text in markup_texts(cv):
        for url in links(text):
            yield path, encode_url(url)
    for part, section in cv.parts():
        for number, entry in enumerate(section.entries):
            if not isinstance(entry, PublicationEntry):
                continue
            where = (*part, "entries", number)
            for field, _, target in publication_links(entry):
                if target:
                    yield (*where, field), encode_url(target)


def _header_links(header: Header) -> Iterator[tuple[DataPath, str]]:
    for number, phone in enumerate(header.phones):
        if phone.kind != "fax":
            yield ("header", "phones", number, "number"), tel(phone.number)
    for number, email in enumerate(header.emails):
        yield ("header", "emails", number), mailto(email)
    if header.homepage:
        yield ("header", "homepage"), encode_url(header.homepage)
    for number, social in enumerate(header.social):
        url = social_url(social)
        if url:
            yield ("header", "social", number, "url" if social.url else "account"), url
