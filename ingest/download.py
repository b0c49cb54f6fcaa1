"""Fetching published files over HTTPS with `requests`: timeouts, bounded retries with backoff,
streamed to a temporary file that is renamed only once it is complete (and, for a zip, checks out).
A file already in the cache is not downloaded again."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from tqdm import tqdm

from ingest.errors import IngestError

TIMEOUT = (15, 60)  # seconds to connect, and between bytes
ATTEMPTS = 4
USER_AGENT = "rtt-warehouse (open-source analytics of NHS England RTT data)"


class IncompleteDownload(Exception):
    pass


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch_text(session: requests.Session, url: str, *, attempts: int = ATTEMPTS, backoff: float = 1.0) -> str:
    response = with_retries(lambda: checked(session.get(url, timeout=TIMEOUT)), url, attempts, backoff)
    return response.text


def download(session: requests.Session, url: str, folder: Path, *, attempts: int = ATTEMPTS,
             backoff: float = 1.0, progress: bool = True) -> Path:
    """The file at `url`, saved as folder/<its name>; from the cache if already there."""
    target = folder / unquote(Path(urlsplit(url).path).name)
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")

    def attempt() -> Path:
        try:
            with session.get(url, stream=True, timeout=TIMEOUT) as response:
                checked(response)
                expected = int(response.headers.get("Content-Length") or 0) or None
                with open(partial, "wb") as out, tqdm(total=expected, unit="B", unit_scale=True,
                                                      desc=target.name, disable=not progress, leave=False) as bar:
                    for chunk in response.iter_content(chunk_size=1 << 16):
                        out.write(chunk)
                        bar.update(len(chunk))
            received = partial.stat().st_size
            if expected is not None and received != expected:
                raise IncompleteDownload(f"received {received} of {expected} bytes")
            if target.suffix.lower() == ".zip":
                check_zip(partial)
            partial.replace(target)
            return target
        finally:
            partial.unlink(missing_ok=True)

    return with_retries(attempt, url, attempts, backoff)


def check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
    except zipfile.BadZipFile as error:
        raise IncompleteDownload(f"not a complete zip ({error})") from error
    if broken:
        raise IncompleteDownload(f"zip member {broken} fails its CRC check")


def checked(response: requests.Response) -> requests.Response:
    response.raise_for_status()
    return response


def with_retries(action, url: str, attempts: int, backoff: float):
    """Run `action`, retrying network faults and server errors; a 4xx (but 429) fails at once."""
    for number in range(1, attempts + 1):
        try:
            return action()
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else None
            if status is not None and status < 500 and status != 429:
                raise IngestError(f"{url}: the server answered {status}") from error
            fault = error
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                IncompleteDownload) as error:
            fault = error
        if number == attempts:
            raise IngestError(f"{url}: download failed after {attempts} attempts ({fault})") from fault
        time.sleep(backoff * 2 ** (number - 1))
    raise AssertionError("unreachable")
