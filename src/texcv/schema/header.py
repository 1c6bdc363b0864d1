"""Who the CV is about: name, title and the contact details moderncv's header shows."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from texcv.schema.base import Length, StrictModel, Text, Url
from texcv.schema.forms import PHOTO_FILE

# The networks moderncv 2.3.1 has an icon and a link pattern for (\social[network]{account}).
KnownNetwork = Literal[
    "linkedin",
    "xing",
    "twitter",
    "github",
    "gitlab",
    "stackoverflow",
    "bitbucket",
    "skype",
    "orcid",
    "researchgate",
    "researcherid",
    "telegram",
    "whatsapp",
    "signal",
    "matrix",
    "googlescholar",
]
KNOWN_NETWORKS: tuple[str, ...] = get_args(KnownNetwork)


class Address(StrictModel):
    """A postal address; each part is optional."""

    street: str | None = Field(
        None, description="Street and number.", examples=["1 Esplanade de l'Université"]
    )
    city: str | None = Field(None, description="Postcode and city.", examples=["31000 Toulouse"])
    country: str | None = Field(None, description="Country.", examples=["France"])


class Phone(StrictModel):
    """A phone number and the icon it gets."""

    number: str = Field(
        description="The number as it should be printed.", examples=["+33 6 12 34 56 78"]
    )
    kind: Literal["mobile", "fixed", "fax"] = Field(
        "mobile", description="Which icon moderncv shows.", examples=["mobile"]
    )


class Social(StrictModel):
    """An account or a link in the header.

    A network moderncv knows (github, orcid, ...) gets its icon and link; any other network
    or link needs a `url` and gets a generic link icon, with its name printed beside it.
    """

    network: str = Field(
        min_length=1,
        description="The service: one moderncv has an icon for ("
        + ", ".join(KNOWN_NETWORKS)
        + "; any case), or any other name (Mastodon, YouTube, Lab page), shown with a link icon.",
        examples=["orcid", "GitHub", "Mastodon"],
    )
    account: str | None = Field(
        None,
        description="Your identifier on it (shown in the header); needed on a known network.",
        examples=["0000-0002-1825-0097", "octocat"],
    )
    url: Url | None = Field(
        None,
        description="Full link; needed for a network moderncv does not know.",
        examples=["https://scholar.google.com/citations?user=abcdEFGh"],
    )

    @property
    def known(self) -> str | None:
        """moderncv's name for this network, or None when it has no icon for it."""
        name = re.sub(r"[\s_-]", "", self.network.lower())
        return name if name in KNOWN_NETWORKS else None

    @property
    def label(self) -> str:
        """What the header prints: the account; on other networks with the network's name."""
        if self.known:
            return self.account or ""
        if self.account:
            return f"{self.network}: {self.account}"
        return self.network

    @model_validator(mode="after")
    def _enough_to_link(self) -> Social:
        if self.known and not self.account:
            raise PydanticCustomError(
                "social_account",
                "a {network} entry needs your `account` on it",
                {"network": self.network, "field": "network"},
            )
        if not self.known and not self.url:
            raise PydanticCustomError(
                "social_url",
                "moderncv has no icon or link for '{network}': give its `url` (it is then "
                "shown with a link icon), or use one of: {known}",
                {"network": self.network, "known": ", ".join(KNOWN_NETWORKS), "field": "network"},
            )
        return self


class Photo(StrictModel):
    """A photo in the header."""

    path: Annotated[str, PHOTO_FILE] = Field(
        description="Image file (.jpg, .jpeg, .png or .pdf), relative to cv.yaml.",
        examples=["photo.jpg"],
        pattern=r"(?i)\.(jpe?g|png|pdf)$",
    )
    width: Length = Field(
        "64pt", description="Printed width (a TeX length).", examples=["64pt", "2cm"]
    )
    frame: Length = Field("0.4pt", description="Frame thickness; 0pt for none.", examples=["0.4pt"])


class Header(StrictModel):
    """Who the CV is about: name, title and contact details."""

    first_name: str = Field(description="Given name(s).", examples=["Quoc-Tung"])
    last_name: str = Field(description="Family name.", examples=["Le"])
    title: Text | None = Field(
        None,
        description="Current position or headline under the name.",
        examples=["Post-doctorant, Toulouse School of Economics, France"],
    )
    born: str | None = Field(
        None, description="Date or place of birth, as printed.", examples=["1996"]
    )
    address: Address | None = Field(
        None,
        description="Postal address.",
        examples=[{"city": "31000 Toulouse", "country": "France"}],
    )
    phones: list[Phone] = Field(
        default_factory=list,
        description="Phone numbers.",
        examples=[[{"number": "+33 6 12 34 56 78", "kind": "mobile"}]],
    )
    emails: list[str] = Field(
        default_factory=list, description="E-mail addresses.", examples=[["name@example.org"]]
    )
    homepage: Url | None = Field(
        None, description="Personal web page.", examples=["https://example.org"]
    )
    social: list[Social] = Field(
        default_factory=list,
        description="Accounts on ORCID, GitHub, ...",
        examples=[[{"network": "github", "account": "octocat"}]],
    )
    photo: Photo | None = Field(
        None, description="A photo in the header.", examples=[{"path": "photo.jpg"}]
    )
    extra_info: Text | None = Field(
        None,
        description="One more line under the contact details.",
        examples=["Citizenship: Vietnamese"],
    )
    quote: Text | None = Field(
        None,
        description="A quote shown under the header.",
        examples=["Optimization for machine learning."],
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Owner(StrictModel):
    """How the CV's owner is named in author lists."""

    names: list[str] = Field(
        default_factory=list,
        description="Every spelling of your name in author lists; matching authors are bold.",
        examples=[["Q-T. Le", "Quoc-Tung Le"]],
    )
