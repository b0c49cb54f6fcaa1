"""Download what a run needs into the cache folder, which is then ingested like any local folder:
the months' full extracts, and every reference dataset that changes, each found the way
sources.toml says. A required dataset that cannot be had stops the run before anything is
landed; an optional one is reported and left out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import requests

from ingest import links
from ingest.download import DATA_SUFFIXES, download, fetch_text
from ingest.manifest import Manifest, ReferenceDataset
from rtt.errors import IngestError
from rtt.months import MonthSelection

EDITION_PAGES_TRIED = 3  # the newest monthly editions looked at for a file


def fetch_published(manifest: Manifest, months: MonthSelection, cache: Path, session: requests.Session,
                    *, progress: bool = True, say=print) -> None:
    index_links = links.page_links(fetch_text(session, manifest.rtt_index), manifest.rtt_index, manifest.rtt_host)
    year_pages = links.financial_year_pages(index_links)
    if not year_pages:
        raise IngestError(f"{manifest.rtt_index}: no financial-year pages linked; has the page changed?")
    wanted_years = sorted({links.financial_year(m) for m in months.months()})
    newest = max(year_pages)
    # The time series is linked only from the newest year's page.
    pages_to_read = set(wanted_years) | ({newest} if any(d.link_text for d in manifest.references) else set())
    page_links: dict[int, list[links.Link]] = {}
    for year in sorted(pages_to_read):
        if year in year_pages:
            url = year_pages[year]
            page_links[year] = links.page_links(fetch_text(session, url), url, manifest.rtt_host)

    extracts = {}
    for year in wanted_years:
        extracts.update(links.full_extract_links(page_links.get(year, [])))
    missing = [m for m in months.months() if m not in extracts]
    if missing:
        say(f"not published (no Full CSV data file link): {', '.join(f'{m:%Y-%m}' for m in missing)}")
    for month in months.months():
        if month in extracts:
            year_page = year_pages[links.financial_year(month)]
            download(session, extracts[month].url, cache / "rtt", where=year_page, progress=progress)

    problems = []
    for dataset in manifest.references:
        if not dataset.downloadable:
            continue  # read from a folder only
        try:
            urls = dataset.editions or (reference_address(session, dataset, page_links.get(newest, []), say),)
            folder = cache / "reference" / dataset.name
            saved = [download(session, url, folder, name=cache_name(dataset, url), where=dataset.home,
                              progress=progress) for url in urls]
            for older in folder.iterdir():  # an earlier edition would be found beside it
                if older not in saved:
                    older.unlink()
        except IngestError as error:
            if not dataset.optional:
                problems.append(f"{dataset.name}: {error}")
                continue
            say(f"{dataset.name} (optional) was not downloaded, and the warehouse builds without it; "
                f"only `{dataset.optional_for}` needs it.\n  {error}")
    if problems:
        raise IngestError("a required dataset could not be downloaded; nothing was landed.\n" + "\n".join(problems))


def reference_address(session: requests.Session, dataset: ReferenceDataset, newest_rtt_year: list[links.Link],
                      say) -> str:
    """Where the dataset's current file is, found as sources.toml says."""
    if dataset.series:
        series = links.page_links(fetch_text(session, dataset.series), dataset.series, dataset.hosts)
        editions = links.edition_pages_newest_first(series, dataset.series)
        for edition in editions[:EDITION_PAGES_TRIED]:
            found = links.links_to(links.page_links(fetch_text(session, edition), edition, dataset.hosts), dataset.link)
            if found:
                return found[0].url
        raise IngestError(f"{dataset.series}: none of the {min(len(editions), EDITION_PAGES_TRIED)} newest "
                          f"edition pages links a file matching '{dataset.link}'; has the page changed? "
                          f"Get it from {dataset.home}")
    if dataset.page:
        try:
            found = links.links_to(links.page_links(fetch_text(session, dataset.page), dataset.page, dataset.hosts),
                                   dataset.link)
        except IngestError as error:
            found, reason = [], str(error)
        else:
            reason = f"no link matching '{dataset.link}'"
        if found:
            return found[0].url
        if not dataset.url:
            raise IngestError(f"{dataset.page}: {reason}")
        say(f"{dataset.name}: {reason} on its dataset page; trying the last known address")
        return dataset.url
    if dataset.link_text:
        found = links.links_with_text(newest_rtt_year, dataset.link_text)
        if not found:
            raise IngestError(f"no link '{dataset.link_text}' on the newest RTT financial-year page; "
                              f"get it from {dataset.home}")
        return found[0].url
    return dataset.url


def cache_name(dataset: ReferenceDataset, url: str) -> str:
    """The published file name with a hash of its address: ONS keeps the name when it revises an
    edition (only the folder in the address changes), so the name alone would serve a stale file."""
    name = Path(links.file_path(url)).name
    stem, suffix = (name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[1]) if name.lower().endswith(DATA_SUFFIXES) \
        else (dataset.name, "")
    return f"{stem}-{hashlib.sha1(url.encode()).hexdigest()[:8]}{suffix}"
