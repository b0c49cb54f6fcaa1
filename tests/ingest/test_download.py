"""Finding and downloading extracts, against the real saved NHS England pages served from
127.0.0.1 (tests/publishers.py rewrites the publishers' hosts to that server at the transport
layer; the product itself follows only https links on the publishers' hosts)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from fixtures import rtt_extracts as fx
from ingest import links
from ingest.download import download
from ingest.fetch import fetch_published
from ingest.manifest import load_manifest
from rtt.errors import IngestError
from rtt.months import MonthSelection
from tests.helpers import SHARED_DATA, ingest, rows_by_month
from tests.publishers import NHS

INDEX_PATH = "/statistics/statistical-work-areas/rtt-waiting-times/"
YEAR_PATH = INDEX_PATH + "rtt-data-2023-24/"
PAGES = SHARED_DATA / "nhs-pages" if SHARED_DATA else None
needs_pages = pytest.mark.skipif(PAGES is None, reason="the saved NHS England pages are in RTT_DATA_DIR")


@pytest.fixture
def real_pages(publisher, tmp_path):
    publisher.files[NHS + INDEX_PATH] = (PAGES / "rtt-waiting-times.html").read_bytes()
    publisher.files[NHS + YEAR_PATH] = (PAGES / "rtt-data-2023-24.html").read_bytes()
    year_links = links.full_extract_links(links.page_links(
        (PAGES / "rtt-data-2023-24.html").read_text(), NHS + YEAR_PATH, "www.england.nhs.uk"))
    for month, link in year_links.items():  # each month's zip, made in the real format
        zipped = fx.write_extract(tmp_path / "made" / f"{month:%Y-%m}.zip", f"RTT-{month:%B-%Y}")
        publisher.files[link.url] = zipped.read_bytes()
    return year_links


@needs_pages
def test_real_pages_give_each_month_of_the_year_once_preferring_revised():
    index = links.page_links((PAGES / "rtt-waiting-times.html").read_text(), NHS + INDEX_PATH, "www.england.nhs.uk")
    years = links.financial_year_pages(index)
    assert years[2021] == NHS + INDEX_PATH + "rtt-data-2021-22/"
    assert set(range(2011, 2026)) <= set(years)
    found = links.full_extract_links(links.page_links(
        (PAGES / "rtt-data-2023-24.html").read_text(), NHS + YEAR_PATH, "www.england.nhs.uk"))
    assert sorted(found) == [date(2023, m, 1) for m in range(4, 13)] + [date(2024, m, 1) for m in range(1, 4)]
    assert found[date(2023, 5, 1)].url.endswith("Full-CSV-data-file-May23-ZIP-3627K-revised.zip")
    assert found[date(2023, 6, 1)].url.endswith("Full-CSV-data-file-Jun23-ZIP-3659K-64970.zip")  # no revision


def test_revised_link_wins_whatever_the_order():
    page = ('<a href="https://www.england.nhs.uk/a/Full-CSV-data-file-Jul21-ZIP-1K-revised.zip">'
            'Full CSV data file Jul21 (ZIP, 1K) revised</a>'
            '<a href="https://www.england.nhs.uk/a/Full-CSV-data-file-Jul21-ZIP-1K-123.zip">'
            'Full CSV data file Jul21 (ZIP, 1K)</a>')
    found = links.full_extract_links(links.page_links(page, NHS + "/", "www.england.nhs.uk"))
    assert found[date(2021, 7, 1)].url.endswith("revised.zip")


def test_only_https_links_on_the_nhs_host_are_followed():
    page = ('<a href="http://www.england.nhs.uk/x/Full-CSV-data-file-Jul21-ZIP-1K.zip">Full CSV data file Jul21</a>'
            '<a href="https://evil.example/x/Full-CSV-data-file-Aug21-ZIP-1K.zip">Full CSV data file Aug21</a>'
            '<a href="/x/Full-CSV-data-file-Sep21-ZIP-1K.zip">Full CSV data file Sep21</a>')
    found = links.full_extract_links(links.page_links(page, NHS + "/statistics/", "www.england.nhs.uk"))
    assert list(found) == [date(2021, 9, 1)]
    assert found[date(2021, 9, 1)].url == NHS + "/x/Full-CSV-data-file-Sep21-ZIP-1K.zip"


@needs_pages
def test_download_follows_the_pages_survives_a_dropped_connection_and_lands(
        publisher, real_pages, warehouse, tmp_path):
    manifest = dataclasses.replace(load_manifest(), references=())
    months = MonthSelection.parse("2023-05:2023-07")
    dropped = real_pages[date(2023, 6, 1)].url
    publisher.drop_once.add(dropped)
    cache = tmp_path / "cache"

    fetch_published(manifest, months, cache, publisher.session(), progress=False, say=lambda _: None)

    zips = sorted(p.name for p in (cache / "rtt").iterdir())
    assert zips == sorted(Path(real_pages[m].url).name for m in months.months())  # no .part files left
    assert publisher.requests.count(dropped) == 2  # the retry succeeded
    assert ingest("--source-dir", cache) == 0
    assert rows_by_month(warehouse) == {m: len(fx.extract_rows()) for m in ("2023-05", "2023-06", "2023-07")}

    publisher.requests.clear()
    fetch_published(manifest, months, cache, publisher.session(), progress=False, say=lambda _: None)
    assert not [r for r in publisher.requests if r.endswith(".zip")]  # cached: nothing downloaded again


def test_a_file_that_keeps_failing_leaves_nothing_behind(publisher, tmp_path):
    publisher.files[NHS + "/f/Full.zip"] = fx.write_extract(tmp_path / "made.zip").read_bytes()
    session = publisher.session()
    for _ in range(3):
        publisher.drop_once.add(NHS + "/f/Full.zip")
        with pytest.raises(IngestError, match="download failed after 1 attempts"):
            download(session, NHS + "/f/Full.zip", tmp_path / "cache", attempts=1, backoff=0, progress=False)
        assert not list((tmp_path / "cache").iterdir())


def test_not_found_is_not_retried(publisher, tmp_path):
    with pytest.raises(IngestError, match="answered 404"):
        download(publisher.session(), NHS + "/missing.zip", tmp_path, attempts=3, backoff=0, progress=False)
    assert publisher.requests == [NHS + "/missing.zip"]


def test_no_network_says_how_to_get_the_files_by_hand(tmp_path):
    """A first run on a machine with no network fails at its first name lookup: it says so, and,
    as a refused download does, how to fetch the files by hand and point RTT_DATA_DIR at them."""
    import requests

    class NoNetwork:  # what requests raises when the name lookup fails, without looking a name up
        def get(self, url, **_):
            raise requests.ConnectionError(
                "HTTPSConnectionPool(host='www.england.nhs.uk', port=443): Max retries exceeded (Caused by "
                "NameResolutionError(\"Failed to resolve 'www.england.nhs.uk' ([Errno -3] Temporary failure in "
                "name resolution)\"))")

    with pytest.raises(IngestError) as refused:
        download(NoNetwork(), NHS + "/f/Full.zip", tmp_path / "cache", where=NHS + "/statistics/rtt",
                 attempts=2, backoff=0, progress=False)
    message = str(refused.value)
    assert "www.england.nhs.uk's name does not resolve: no network" in message
    assert f"Download it by hand from {NHS}/statistics/rtt" in message and "RTT_DATA_DIR=FOLDER make run" in message
    assert not list((tmp_path / "cache").iterdir())
