"""Every seed that holds published reference data says where it came from, and equals the
official file row for row whenever the data folder holds that file (found by its header, not its
name), both as committed and as `dbt seed` loaded it into the warehouse."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb
import pytest
import yaml

from tests.helpers import ROOT, SHARED_DATA

WAREHOUSE = Path(os.environ.get("RTT_TEST_WAREHOUSE", "-"))
PROVENANCE = ("publisher", "title", "edition", "home", "licence")


def published_seeds() -> dict[str, dict]:
    seeds = yaml.safe_load((ROOT / "seeds" / "_seeds.yml").read_text())["seeds"]
    return {s["name"]: s for s in seeds if s.get("config", {}).get("meta", {}).get("publisher")}


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [row for row in csv.reader(handle)]


def official_file(header: list[str]) -> Path | None:
    """The CSV in the data folder with the seed's header, if any."""
    for path in sorted(SHARED_DATA.rglob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
            if next(csv.reader(handle), None) == header:
                return path
    return None


def differences(seed: list[list[str]], official: list[list[str]]) -> list[str]:
    found = [f"{len(seed)} rows in the seed, {len(official)} in the official file"] if len(seed) != len(official) else []
    for number, (ours, theirs) in enumerate(zip(seed, official), start=1):
        if ours != theirs:
            found.append(f"line {number}: seed {ours} != official {theirs}")
    return found


SEEDS = published_seeds()


def test_the_published_seeds_are_the_seven_reference_datasets():
    assert set(SEEDS) == {"ons_ccg21_stp21_lookup", "ons_stp21_region_lookup", "ons_loc22_icb22_lookup",
                          "ons_ccg20_names", "ons_ccg21_names", "ons_ccg21_population_mid2020",
                          "nhs_treatment_function_codes"}


@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_names_its_publisher_edition_home_and_licence_and_documents_every_column(name):
    meta = SEEDS[name]["config"]["meta"]
    assert all(str(meta.get(key, "")).strip() for key in PROVENANCE), f"{name}: missing {PROVENANCE}"
    assert "Open Government Licence v3.0" in meta["licence"]
    assert meta["home"].startswith("https://")
    header = read_rows(ROOT / "seeds" / f"{name}.csv")[0]
    described = {c["name"]: c.get("description", "").strip() for c in SEEDS[name]["columns"]}
    assert [c for c in header if not described.get(c)] == []


@pytest.mark.skipif(SHARED_DATA is None, reason="compares with the official files in RTT_DATA_DIR")
@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_equals_its_official_file(name):
    seed = read_rows(ROOT / "seeds" / f"{name}.csv")
    official = official_file(seed[0])
    if official is None:
        pytest.skip(f"no file with the header of {name} in {SHARED_DATA}")
    assert differences(seed, read_rows(official)) == []

    if WAREHOUSE.exists():  # and dbt loaded it without changing a value (a code read as a number, say)
        with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
            loaded = con.execute(f"select * from seeds.{name}").fetchall()
        as_text = [seed[0]] + [["" if v is None else str(v) for v in row] for row in loaded]
        assert differences(as_text, read_rows(official)) == []


def test_a_changed_value_or_a_lost_row_is_a_difference():
    seed = read_rows(ROOT / "seeds" / "nhs_treatment_function_codes.csv")
    edited = [row[:] for row in seed]
    edited[3][1] = edited[3][1].title()
    assert differences(edited, seed) == [f"line 4: seed {edited[3]} != official {seed[3]}"]
    assert differences(seed[:-1], seed)[0] == f"{len(seed) - 1} rows in the seed, {len(seed)} in the official file"
    as_loaded_by_type_inference = [["CCG21CDH"], ["1H"]]  # the ODS code 01H read as a number
    assert differences(as_loaded_by_type_inference, [["CCG21CDH"], ["01H"]]) != []
