"""Finding files on the publishers' pages. The RTT index page links one page per financial year;
each year page links each month's "Full CSV data file" zip, sometimes twice (the original and a
revised edition). A digital.nhs.uk publication series links one page per monthly edition, which
links its files. Pure functions over HTML text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

from rtt.months import MONTH_NUMBERS, parse_month


@dataclass(frozen=True)
class Link:
    url: str
    text: str


class _AnchorParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[Link] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append(Link(self._href, " ".join("".join(self._text).split())))
            self._href = None


def page_links(html: str, page_url: str, hosts: str | tuple[str, ...]) -> list[Link]:
    """Every link on the page that is https on one of `hosts`: nothing else is followed."""
    hosts = (hosts,) if isinstance(hosts, str) else hosts
    parser = _AnchorParser()
    parser.feed(html)
    allowed = []
    for link in parser.links:
        url = urljoin(page_url, link.url)
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.hostname in hosts:
            allowed.append(Link(url, link.text))
    return allowed


def financial_year_pages(links: list[Link]) -> dict[int, str]:
    """{2021: url of the 2021-22 page, ...}, from the index page's links."""
    pages: dict[int, str] = {}
    for link in links:
        match = re.search(r"/rtt-data-(\d{4})-(\d{2})/?$", urlsplit(link.url).path)
        if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
            year = int(match.group(1))
            # The index links some years twice; keep the canonical statistical-work-areas address.
            if year not in pages or "statistical-work-areas" in link.url:
                pages[year] = link.url if link.url.endswith("/") else link.url + "/"
    return pages


def financial_year(month: date) -> int:
    """The year an NHS financial year starts in: April 2021 - March 2022 is 2021."""
    return month.year if month.month >= 4 else month.year - 1


_FULL_EXTRACT = re.compile(r"Full CSV data file\s+([A-Za-z]{3})\s*(\d{2})\b", re.IGNORECASE)


def full_extract_links(links: list[Link]) -> dict[date, Link]:
    """{month: link} for each "Full CSV data file MonYY" zip, a revised edition before the original."""
    found: dict[date, Link] = {}
    for link in links:
        match = _FULL_EXTRACT.search(link.text)
        if not match or not link.url.lower().endswith(".zip"):
            continue
        month = parse_month(f"20{match.group(2)}-{MONTH_NUMBERS[match.group(1).lower()]:02d}")
        if month not in found or is_revised(link) and not is_revised(found[month]):
            found[month] = link
    return found


def is_revised(link: Link) -> bool:
    return "revised" in link.text.lower() or "revised" in link.url.lower()


def links_with_text(links: list[Link], text: str) -> list[Link]:
    return [link for link in links if text.lower() in link.text.lower()]


def links_to(links: list[Link], address: str) -> list[Link]:
    """Links whose address (path, or the `uri=` of an ONS `/file?uri=...` link) matches the regex."""
    return [link for link in links if re.search(address, file_path(link.url))]


def file_path(url: str) -> str:
    """The path a link points at: ONS serves files as /file?uri=<path>."""
    parts = urlsplit(url)
    uri = parse_qs(parts.query).get("uri")
    return uri[0] if uri else parts.path


def edition_pages_newest_first(links: list[Link], series_url: str) -> list[str]:
    """The monthly edition pages of a publication series (`<series>/august-2026`), newest first."""
    series_path = urlsplit(series_url).path.rstrip("/")
    editions: dict[date, str] = {}
    for link in links:
        match = re.fullmatch(re.escape(series_path) + r"/([a-z]+)-(\d{4})/?", urlsplit(link.url).path)
        if match and match.group(1) in MONTH_NUMBERS:
            editions[date(int(match.group(2)), MONTH_NUMBERS[match.group(1)], 1)] = link.url
    return [editions[month] for month in sorted(editions, reverse=True)]


