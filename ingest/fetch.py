"""Download what a run needs into the cache folder, which is then ingested like any local folder:
the months' full extracts, the newest RTT overview time series, and every reference dataset that
has a stable address."""

from __future__ import annotations

from pathlib import Path

import requests

from ingest import links
from ingest.download import download, fetch_text
from ingest.errors import IngestError
from ingest.manifest import Manifest
from ingest.months import MonthSelection


def fetch_published(manifest: Manifest, months: MonthSelection, cache: Path, session: requests.Session,
                    *, progress: bool = True, say=print) -> None:
    index_links = links.page_links(fetch_text(session, manifest.rtt_index), manifest.rtt_index, manifest.rtt_host)
    year_pages = links.financial_year_pages(index_links)
    if not year_pages:
        raise IngestError(f"{manifest.rtt_index}: no financial-year pages linked; has the page changed?")
    wanted_years = sorted({links.financial_year(m) for m in months.months()})
    newest = max(year_pages)
    # Some reference files (the time series) are linked only from the newest year's page.
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
            download(session, extracts[month].url, cache / "rtt", progress=progress)

    for dataset in manifest.references:
        url = dataset.url
        if dataset.link_text:
            found = links.links_with_text(page_links.get(newest, []), dataset.link_text)
            url = found[0].url if found else ""
        if url:
            download(session, url, cache / "reference", progress=progress)
        else:
            say(f"{dataset.name}: no stable download address; get it from {dataset.home} "
                f"and ingest it with --source-dir")
