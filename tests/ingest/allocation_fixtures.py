"""NHS England's need-weighted populations (allocation tool files), written in the published
layouts: the 2022/23 – 2024/25 one (`CCG21`, `pop 2022/23`, ...) and the 2025/26 one (unsuffixed
names, its CCG columns empty, a byte-order mark). Two practices per CCG of April 2021, with need
indices spread around 1; every weighted column sums to the population, as in the real files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ingest.manifest import load_manifest

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = load_manifest().reference("allocation_weighted_populations").headers  # (2022-25, 2025/26)


def ccg21_codes() -> list[str]:
    with open(ROOT / "seeds" / "ons_ccg21_stp21_lookup.csv", newline="", encoding="utf-8-sig") as handle:
        return [row["CCG21CDH"] for row in csv.DictReader(handle)]


def practices(year: int, ccgs: int | None = None) -> list[dict]:
    """Two practices per CCG (of the first `ccgs`, else all), with need indices from 0.9 to 1.1."""
    rows = []
    for index, ccg in enumerate(ccg21_codes()[:ccgs]):
        need = 1.0 + 0.02 * (index % 11 - 5)
        for number in (1, 2):
            population = 5_000.0 + 37 * index + 1_000 * number + 11 * (year - 2022)
            rows.append({"Practice_Code": f"P{index:03d}{number}", "CCG": ccg, "population": population,
                         "weighted": population * need})
    scale = sum(r["population"] for r in rows) / sum(r["weighted"] for r in rows)  # weights sum to the population
    for row in rows:
        row["weighted"] *= scale
    return rows


def allocation_csv(year: int, rows: list[dict] | None = None, *, break_sums: bool = False) -> bytes:
    """The allocation file for the year starting April `year`, in that year's layout."""
    rows = practices(year) if rows is None else rows
    header = LAYOUTS[1] if year >= 2025 else LAYOUTS[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        values = {column: "" for column in header}
        values.update({"Practice_Code": row["Practice_Code"], "GP_Practice_Name": f"Surgery {row['Practice_Code']}",
                       "Latitude": "53.68", "Longitude": "-1.49"})
        if year < 2025:
            values.update({"CCG21": row["CCG"], "pop 2022/23": row["population"]})
        else:
            values["Population"] = row["population"]
        for column in header:
            if column.endswith(" WP"):
                values[column] = row["weighted"] if column == "G&A WP" else row["population"]
        writer.writerow([values[column] for column in header])
    text = out.getvalue()
    if break_sums:
        text = text.replace(f",{rows[0]['weighted']},", f",{rows[0]['weighted'] + 1000},", 1)
    return (("\ufeff" if year >= 2025 else "") + text).encode()


def write_allocations(folder: Path, years: tuple[int, ...] = (2024, 2025)) -> list[Path]:
    """One file per allocation year, named as published (`2024_2025.csv`). The 2025/26 file holds
    one practice more, new that year, which no earlier file places in a CCG."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for year in years:
        rows = practices(year)
        if year >= 2025:
            rows.append({"Practice_Code": "PNEW1", "CCG": "", "population": 3_000.0, "weighted": 3_000.0})
        path = folder / f"{year}_{year + 1}.csv"
        path.write_bytes(allocation_csv(year, rows))
        written.append(path)
    return written
