"""Fetching published files over HTTPS with `requests`: timeouts, bounded retries with backoff,
streamed to a temporary file that is renamed only once it is complete and checks out as data
(not empty, not a web page, a whole zip). A file already in the cache is not downloaded again.

Publishers' servers refuse in ways that look like success: NHS file hosts answer 403 to clients
without a browser-like User-Agent, and NHS England's firewall answers some cloud machines 202
with an empty body. Those, and a web page served where a file was expected, stop the run with
the address, the answer and what to do; they are not retried and nothing is cached."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from tqdm import tqdm

from rtt.errors import IngestError

TIMEOUT = (15, 60)  # seconds to connect, and between bytes
ATTEMPTS = 4
# Browser-like, because NHS file hosts refuse other clients; the project name says who we are.
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 "
              "rtt-warehouse (open-source analytics of NHS England RTT data)")
DATA_SUFFIXES = (".zip", ".csv", ".gz", ".xlsx", ".xls")


class IncompleteDownload(Exception):
    """A transient fault: the transfer broke off. Retried."""


def by_hand(where: str | None) -> str:
    """What to do when the warehouse cannot download a file itself: the one wording of it."""
    return (f"Nothing was saved. Download it by hand{f' from {where}' if where else ''} (in a browser), put it "
            "in a folder and run `python -m ingest --source-dir FOLDER` (or `RTT_DATA_DIR=FOLDER make run`); "
            "files are recognised by their content, whatever their names.")


class PublisherRefused(IngestError):
    """The server answered, but not with the file: retrying will not help."""

    def __init__(self, url: str, answer: str, where: str | None):
        super().__init__(f"{url}: {answer}. {by_hand(where)}")


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch_text(session: requests.Session, url: str, *, attempts: int = ATTEMPTS, backoff: float = 1.0) -> str:
    """A web page's HTML."""

    def attempt() -> str:
        response = checked(session.get(url, timeout=TIMEOUT), url, None)
        if not response.content.strip():
            raise PublisherRefused(url, f"the server answered {describe(response)} with an empty page", None)
        return response.text

    return with_retries(attempt, url, attempts, backoff)


def download(session: requests.Session, url: str, folder: Path, *, name: str | None = None,
             where: str | None = None, attempts: int = ATTEMPTS, backoff: float = 1.0,
             progress: bool = True) -> Path:
    """The file at `url`, saved as folder/<name> (default: the name in the address); from the
    cache if already there. A name without a data suffix gets one from the content (.zip or
    .csv). `where` is the page a person would get the file from by hand, for the error."""
    name = name or unquote(Path(urlsplit(url).path).name)
    named = name.lower().endswith(DATA_SUFFIXES)  # else the suffix comes from the content
    cached = [folder / name] if named else [folder / (name + suffix) for suffix in (".zip", ".csv")]
    for target in cached:
        if target.exists():
            return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / (name + ".part")

    def attempt() -> Path:
        try:
            with session.get(url, stream=True, timeout=TIMEOUT) as response:
                checked(response, url, where)
                expected = int(response.headers.get("Content-Length") or 0) or None
                with open(partial, "wb") as out, tqdm(total=expected, unit="B", unit_scale=True,
                                                      desc=name, disable=not progress, leave=False) as bar:
                    for chunk in response.iter_content(chunk_size=1 << 16):
                        out.write(chunk)
                        bar.update(len(chunk))
                received = partial.stat().st_size
                if expected is not None and received != expected:
                    raise IncompleteDownload(f"received {received} of {expected} bytes")
                target = folder / (name if named else name + content_suffix(partial))
                check_is_data(partial, response, url, where)
            if target.suffix.lower() in (".zip", ".xlsx"):
                check_zip(partial)
            partial.replace(target)
            return target
        finally:
            partial.unlink(missing_ok=True)

    return with_retries(attempt, url, attempts, backoff, where)


def content_suffix(path: Path) -> str:
    with open(path, "rb") as handle:
        return ".zip" if handle.read(4) == b"PK\x03\x04" else ".csv"


def check_is_data(path: Path, response: requests.Response, url: str, where: str | None) -> None:
    """A refusal dressed as success: an empty body, or a web page instead of the file."""
    with open(path, "rb") as handle:
        start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start:
        hint = " (NHS England's firewall answers some cloud machines this way)" if response.status_code == 202 else ""
        raise PublisherRefused(url, f"the server answered {describe(response)} with an empty body, "
                                    f"not the file{hint}", where)
    if "text/html" in response.headers.get("Content-Type", "") or start.startswith((b"<!doctype", b"<html")):
        raise PublisherRefused(url, f"the server answered {describe(response)} with a web page where a data file "
                                    "was expected (an error or sign-in page, or the file has moved)", where)


def check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
    except zipfile.BadZipFile as error:
        raise IncompleteDownload(f"not a complete zip ({error})") from error
    if broken:
        raise IncompleteDownload(f"zip member {broken} fails its CRC check")


def checked(response: requests.Response, url: str, where: str | None) -> requests.Response:
    """Server errors and 429 go on to be retried; any other refusal stops here."""
    status = response.status_code
    if status >= 500 or status == 429:
        response.raise_for_status()
    if status == 403:
        raise PublisherRefused(url, f"the server answered {describe(response)}: it refuses this client", where)
    if status >= 400:
        raise PublisherRefused(url, f"the server answered {describe(response)}", where)
    return response  # a 2xx is judged by its content (a 202 from the firewall is empty)


def describe(response: requests.Response) -> str:
    return f"{response.status_code} {response.reason or ''}".strip()


def with_retries(action, url: str, attempts: int, backoff: float, where: str | None = None):
    """Run `action`, retrying network faults and server errors; the last fault says what happened
    and how to get the file by hand (a machine with no network fails at its first name lookup)."""
    for number in range(1, attempts + 1):
        try:
            return action()
        except (requests.HTTPError, requests.ConnectionError, requests.Timeout,
                requests.exceptions.ChunkedEncodingError, IncompleteDownload) as error:
            fault = error
        if number == attempts:
            unresolved = "NameResolutionError" in str(fault) or "name resolution" in str(fault).lower()
            what = (f"{urlsplit(url).hostname}'s name does not resolve: no network, or no DNS, on this machine"
                    if unresolved else f"download failed after {attempts} attempts")
            raise IngestError(f"{url}: {what} ({fault}). {by_hand(where)}") from fault
        time.sleep(backoff * 2 ** (number - 1))
    raise AssertionError("unreachable")
