"""Every model and every column it has in the built warehouse is described in the YAML."""

from __future__ import annotations

import re

import duckdb
import yaml

from tests.helpers import ROOT, built_warehouse

WEEK_BAND = re.compile(r"band_(\d{2,3}_\d{2,3}|104_plus|52_plus)")


def documented_models() -> dict[str, dict]:
    models = {}
    for path in (ROOT / "models").rglob("_*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            models[model["name"]] = model
    return models


def test_every_model_file_is_documented_with_its_grain():
    models = documented_models()
    files = {p.stem for p in (ROOT / "models").rglob("*.sql")}
    assert files == set(models), f"undocumented: {files - set(models)}; no file: {set(models) - files}"
    for name, model in models.items():
        assert model.get("description", "").strip().startswith("One row per"), f"{name}: state the grain first"


def test_the_exports_promise_every_mart_and_nothing_else():
    """The bi_exports exposure is the list the exports write (report/exports.py): every model under
    models/marts, so a deleted model's stale table is never exported."""
    from report.exports import mart_tables

    assert set(mart_tables()) == {p.stem for p in (ROOT / "models" / "marts").rglob("*.sql")}


def test_the_report_exposure_lists_exactly_the_marts_the_report_reads():
    """The html_report exposure is what report/ queries: marts only (no intermediate, staging or
    raw table), and every mart it names is one the report reads. A report that starts reading a
    new table fails here until the exposure says so."""
    from report.exports import mart_tables

    code = "\n".join(path.read_text() for path in (ROOT / "report").glob("*.py"))
    assert re.findall(r"\b(?:intermediate|staging|raw)\.[a-z_]+", code) == []
    assert set(mart_tables("html_report")) == set(re.findall(r"\bmarts\.([a-z_0-9]+)", code))


def test_every_built_column_is_described():
    models = documented_models()
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        built = con.execute("select table_name, column_name from duckdb_columns() "
                            "where schema_name in ('staging', 'intermediate', 'marts')").fetchall()
    missing = []
    for table, column in built:
        model = models.get(table, {})
        # A model published whole by a mart, or one that joins steps, names the models whose YAML
        # describes its columns (meta columns_described_in), so each column is described once.
        describers = [model] + [models[name] for name in model.get("config", {}).get("meta", {})
                                .get("columns_described_in", [])]
        described = {c["name"]: c.get("description", "") for m in reversed(describers) for c in m.get("columns", [])}
        # The week-band columns are described once, in the doc block `week_bands`
        # (models/week_bands.md), for the models whose meta says they carry them.
        if model.get("config", {}).get("meta", {}).get("week_band_columns") and WEEK_BAND.fullmatch(column):
            continue
        if not described.get(column, "").strip():
            missing.append(f"{table}.{column}")
    assert missing == []


def test_the_week_bands_doc_block_exists_and_names_only_band_columns():
    assert "{% docs week_bands %}" in (ROOT / "models" / "week_bands.md").read_text()
    assert WEEK_BAND.fullmatch("band_00_01") and WEEK_BAND.fullmatch("band_103_104")
    assert WEEK_BAND.fullmatch("band_52_plus") and not WEEK_BAND.fullmatch("band_count")


TIME_BASE = re.compile(r"a month|that month|each month|per month|over the window|the mean month|an average month|"
                       r"month by month", re.IGNORECASE)


def test_every_rate_of_a_mart_says_its_time_base():
    """A rate per 1,000 is per month in the monthly marts and over the window (12 months by default,
    9 for the MTG's) in the window marts: every such column's description says which."""
    silent = [f"{name}.{column['name']}" for name, model in documented_models().items()
              if model.get("config", {}).get("contract", {}).get("enforced")
              for column in model.get("columns", [])
              if "per_1000" in column["name"] and not TIME_BASE.search(column.get("description", ""))]
    assert silent == []
