"""Small RTT full extracts in the published format, written by the tests.

The header is spelled out here independently of ingest.rtt_layout, so a mistake there is caught.
The counts obey NHS England's arithmetic: bands sum to Total (completed parts) or Total All
(incomplete parts), Total + unknown clock starts = Total All, and C_999 sums the other functions.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import zipfile
from pathlib import Path

IDENTIFIERS = ("Period,Provider Parent Org Code,Provider Parent Name,Provider Org Code,Provider Org Name,"
               "Commissioner Parent Org Code,Commissioner Parent Name,Commissioner Org Code,Commissioner Org Name,"
               "RTT Part Type,RTT Part Description,Treatment Function Code,Treatment Function Name").split(",")
PARTS = {"Part_1A": "Completed Pathways For Admitted Patients",
         "Part_1B": "Completed Pathways For Non-Admitted Patients",
         "Part_2": "Incomplete Pathways", "Part_2A": "Incomplete Pathways with DTA",
         "Part_3": "New RTT Periods - All Patients"}
COMMISSIONERS = [("QWO", "NHS WEST YORKSHIRE INTEGRATED CARE BOARD", "03R", "NHS WAKEFIELD"),
                 ("QWO", "NHS WEST YORKSHIRE INTEGRATED CARE BOARD", "15F", "NHS LEEDS"),
                 ("", "", "NONC", "#N/A")]
FUNCTIONS = [("C_100", "General Surgery Service"), ("C_110", "Trauma and Orthopaedic Service")]


def header(last_week: int = 104) -> list[str]:
    bands = [f"Gt {w:02d} To {w + 1:02d} Weeks SUM 1" for w in range(last_week)] + [f"Gt {last_week} Weeks SUM 1"]
    return IDENTIFIERS + bands + ["Total", "Patients with unknown clock start date", "Total All"]


def extract_rows(period: str = "RTT-January-2026", last_week: int = 104, seed: int = 1) -> list[list]:
    rng = random.Random(seed)
    band_count = last_week + 1
    rows = []
    for provider in ("RR8", "RXF"):
        for parent, parent_name, code, name in COMMISSIONERS:
            for part, description in PARTS.items():
                per_function = []
                for function, function_name in FUNCTIONS:
                    bands = [rng.choice([0, 0, 1, 2, 5]) for _ in range(band_count)]
                    unknown = rng.choice([0, 1])
                    per_function.append((function, function_name, bands, unknown))
                total_bands = [sum(f[2][i] for f in per_function) for i in range(band_count)]
                per_function.append(("C_999", "Total", total_bands, sum(f[3] for f in per_function)))
                for function, function_name, bands, unknown in per_function:
                    ids = [period, "QWO", "NHS WEST YORKSHIRE INTEGRATED CARE BOARD", provider, f"TRUST {provider}",
                           parent, parent_name, code, name, part, description, function, function_name]
                    rows.append(ids + counts(part, bands, unknown))
    return rows


def counts(part: str, bands: list[int], unknown: int) -> list:
    if part == "Part_3":
        return [""] * len(bands) + ["", "", sum(bands)]
    if part in ("Part_2", "Part_2A"):
        return bands + ["", "", sum(bands)]
    return bands + [sum(bands), unknown, sum(bands) + unknown]


def csv_text(rows: list[list], columns: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns or header())
    writer.writerows(rows)
    return out.getvalue()


def write(path: Path, text: str) -> Path:
    """As a .csv, .csv.gz or .zip (holding one CSV), by the path's ending."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(path.name.removesuffix(".zip") + ".csv", data)
    elif path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def write_extract(path: Path, period: str = "RTT-January-2026", last_week: int = 104, seed: int = 1) -> Path:
    return write(path, csv_text(extract_rows(period, last_week, seed), header(last_week)))
