"""The publishers' web sites, served from 127.0.0.1 for the download tests.

`PublisherStub` serves bytes by full https address (host, path and query) and answers like the
real sites where they are awkward: NHS file hosts refuse a client without a browser-like
User-Agent (403), and any address can be made to answer with a chosen status, headers and body
(NHS England's firewall answers some cloud machines 202 with an empty body). Its `session()`
rewrites every https address to the local server at the transport layer, so the product code
runs unchanged and follows only the publishers' own https links.

`publisher_sites` lays out the publishers' pages at their real addresses, from the real pages
saved in the data folder: RTT financial-year pages for any year are made from the saved 2023-24
page with its month labels moved on (the markup is NHS England's own), and the GP-registered
series from the saved digital.nhs.uk publication pages, which use the same site template. NHS
England's need-weighted populations are served at their raw GitHub addresses.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from ingest.download import new_session
from ingest.manifest import load_manifest
from rtt.months import MONTH_NUMBERS

NHS = "https://www.england.nhs.uk"
RTT_INDEX = NHS + "/statistics/statistical-work-areas/rtt-waiting-times/"
BROWSER_ONLY_HOSTS = {"files.digital.nhs.uk", "www.england.nhs.uk"}


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class PublisherStub:
    """Serves files by address; can drop the connection half-way through a file, once."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.answers: dict[str, Answer] = {}  # an address that answers otherwise
        self.requests: list[str] = []
        self.drop_once: set[str] = set()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = "https://" + self.path.lstrip("/")
                stub.requests.append(url)
                host = urlsplit(url).hostname
                if host in BROWSER_ONLY_HOSTS and "Mozilla/" not in self.headers.get("User-Agent", ""):
                    return self.answer(Answer(403, b"<html><body>Access denied</body></html>",
                                              {"Content-Type": "text/html"}))
                if url in stub.answers:
                    return self.answer(stub.answers[url])
                body = stub.files.get(url)
                if body is None:
                    return self.send_error(404)
                if url in stub.drop_once:
                    stub.drop_once.discard(url)
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the connection drops mid-file
                    return
                kind = "text/html; charset=utf-8" if body.lstrip()[:1] == b"<" else "application/octet-stream"
                self.answer(Answer(200, body, {"Content-Type": kind}))

            def answer(self, answer: Answer):
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"

    def session(self) -> requests.Session:
        """A session like the product's own (ingest.download.new_session, bound when this module
        was imported, before a test replaced it with this method), wired to this server."""
        origin = self.origin

        class ToLocalServer(HTTPAdapter):
            def send(self, request, **kwargs):
                request.url = origin + "/" + request.url.removeprefix("https://")
                return super().send(request, **kwargs)

        session = new_session()
        session.mount("https://", ToLocalServer())
        return session

    def close(self):
        self.server.shutdown()


MONTH_LABEL = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(\d{2})\b")


def rtt_year_page(saved_2023_24: str, year: int) -> str:
    """The saved 2023-24 financial-year page with its months moved on to `year`-(year+1)."""
    shift = year - 2023
    page = MONTH_LABEL.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift:02d}", saved_2023_24)
    return page.replace("2023-24", f"{year}-{(year + 1) % 100:02d}")


def rtt_2021_22_page(saved_2023_24: str) -> str:
    """The 2021-22 year page, which holds the MTG's months: the saved page's markup moved back two
    years, its revised editions named as that year names them (`...-Jul21-revised-ZIP-3710K.zip`)."""
    return re.sub(r"-ZIP-(\d+K)-revised\.zip", r"-revised-ZIP-\1.zip", rtt_year_page(saved_2023_24, 2021))


def serve_year(stub: PublisherStub, page: str, year: int, write_zip) -> list[str]:
    """Serves a financial-year page, and for every Full CSV data file it links a zip that
    `write_zip(url, month, revised)` makes. Returns the zip addresses."""
    stub.files[f"{RTT_INDEX}rtt-data-{year}-{(year + 1) % 100:02d}/"] = page.encode()
    urls = []
    for link in re.finditer(r'href="([^"]+Full-CSV-data-file-(\w{3})(\d{2})-[^"]+\.zip)"', page):
        url, month = link.group(1), f"20{link.group(3)}-{MONTH_NUMBERS[link.group(2).lower()]:02d}"
        stub.files[url] = write_zip(url, month, "revised" in url)
        urls.append(url)
    return urls


def serve_2021_22(stub: PublisherStub, data: Path, write_zip) -> list[str]:
    """The 2021-22 year page (serve_year), in its own naming of revised editions."""
    return serve_year(stub, rtt_2021_22_page((data / "nhs-pages" / "rtt-data-2023-24.html").read_text()), 2021,
                      write_zip)


def serve_years(stub: PublisherStub, data: Path, years: range, write_zip) -> list[str]:
    """Every financial-year page of `years` (serve_year), in the saved page's markup."""
    saved = (data / "nhs-pages" / "rtt-data-2023-24.html").read_text()
    return [url for year in years for url in serve_year(stub, rtt_year_page(saved, year), year, write_zip)]


def timeseries_link(url: str, month_label: str) -> str:
    return f'<p><a href="{url}">RTT Overview Timeseries Including Estimates for Missing Trusts {month_label} (XLSX, 135K)</a></p>'


def zipped(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def ons_dataset_page(file_url: str) -> bytes:
    """The ONS dataset page's download list, as ONS marks it up (a /file?uri= link per edition)."""
    return (f'<!DOCTYPE html><html lang="en"><body><main><section><h2>Current edition of this dataset</h2>'
            f'<h3>Mid-2022 to mid-2024: ICB 2024 geography edition of this dataset</h3>'
            f'<a href="{urlsplit(file_url).path}?{urlsplit(file_url).query}" class="btn btn--primary">'
            f'xlsx (401.8 kB)</a></section></main></body></html>').encode()


def publisher_sites(stub: PublisherStub, data: Path, extract_months: dict[str, Path], *,
                    gp_registered: bool = True) -> dict[str, str]:
    """Lays out every publisher's pages and files at their real addresses, serving the real files
    from the data folder: `extract_months` maps 'YYYY-MM' to the real zip for that month. Returns
    the address of each reference file served, by dataset name."""
    pages = data / "nhs-pages"
    manifest = {d.name: d for d in load_manifest().references}
    stub.files[RTT_INDEX] = (pages / "rtt-waiting-times.html").read_bytes()
    saved_year = (pages / "rtt-data-2023-24.html").read_text()
    served: dict[str, str] = {}
    timeseries = (NHS + "/statistics/wp-content/uploads/sites/2/2026/03/"
                  "RTT-Overview-Timeseries-Including-Estimates-for-Missing-Trusts-Feb26-XLSX-135K.xlsx")
    for year in (2024, 2025):
        page = rtt_year_page(saved_year, year)
        if year == 2025:  # the newest year's page links the time series
            page = page.replace("</main>", timeseries_link(timeseries, "Feb26") + "</main>", 1)
        stub.files[f"{RTT_INDEX}rtt-data-{year}-{(year + 1) % 100:02d}/"] = page.encode()
        for link in re.finditer(r'href="([^"]+Full-CSV-data-file-(\w{3})(\d{2})-[^"]+\.zip)"', page):
            label = f"20{link.group(3)}-{MONTH_NUMBERS[link.group(2).lower()]:02d}"
            if label in extract_months:
                stub.files[link.group(1)] = extract_months[label].read_bytes()
    stub.files[timeseries] = (data / "rtt" / "2026-02_rtt_overview_timeseries.xlsx").read_bytes()
    served["rtt_overview_timeseries"] = timeseries

    ons = manifest["ons_sub_icb_population_mid2022_2024"]
    stub.files[ons.page] = ons_dataset_page(ons.url)
    stub.files[ons.url] = (data / "reference" / "sapeicb20222024.xlsx").read_bytes()
    served[ons.name] = ons.url

    for name, saved in (("ods_successors", "succ.csv"), ("ods_nhs_trusts", "ods/etr.csv")):
        ods = manifest[name]  # the service answers with a zip holding the one CSV
        stub.files[ods.url] = zipped(Path(saved).name, (data / "reference" / saved).read_bytes())
        served[ods.name] = ods.url

    allocations = manifest["allocation_weighted_populations"]
    for url in allocations.editions:  # the real file of each year, at its address on GitHub
        (saved,) = (data / "reference" / "allocations").glob(f"*{Path(url).stem}.csv")
        stub.files[url] = saved.read_bytes()
    served[allocations.name] = allocations.editions[0]  # the first asked for

    if gp_registered:
        gp = manifest["gp_registered_by_age"]
        series_path = urlsplit(gp.series).path
        index = (pages / "nhsd-hospital-outpatient-activity-series-index.html").read_text()
        # The newest edition page does not link the file yet: the one before it does.
        saved_series = "/data-and-information/publications/statistical/hospital-outpatient-activity"
        index = index.replace(f"{saved_series}/2024-25", f"{series_path}/september-2026")
        index = index.replace(f"{saved_series}/2023-24", f"{series_path}/august-2026")
        stub.files[gp.series] = index.encode()
        edition = (pages / "nhsd-hospital-outpatient-activity-2023-24.html").read_text()
        attachment = "https://files.digital.nhs.uk/0B/4E7A21/gp-reg-pat-prac-sing-age-regions.zip"
        stub.files[f"https://digital.nhs.uk{series_path}/september-2026"] = edition.encode()
        stub.files[f"https://digital.nhs.uk{series_path}/august-2026"] = edition.replace(
            "https://files.digital.nhs.uk/96/F06B60/hosp-epis-stat-outp-all-firs-atte-2023-24-data.csv",
            attachment).encode()
        stub.files[attachment] = (data / "reference" / "gp-reg-pat-prac-sing-age-regions.zip").read_bytes()
        served[gp.name] = attachment
    return served

