"""Every mart has an enforced dbt model contract, so a dashboard reading it can rely on its column
names and types: each mart's YAML enforces it and types every column, and a change that renames or
retypes a column stops the build (shown on a copy of the project, with ccg_league_table built on a
three-area warehouse)."""

from __future__ import annotations

import pytest
import yaml

from tests.helpers import LEAGUE_MODELS, ROOT, dbt, league_table_inputs, project_copy

MARTS = ROOT / "models" / "marts"


def mart_properties() -> dict[str, dict]:
    found = {}
    for path in MARTS.glob("*/_*.yml"):
        found.update({model["name"]: model for model in yaml.safe_load(path.read_text())["models"]})
    return found


def test_every_mart_enforces_a_contract_with_every_column_typed():
    properties = mart_properties()
    for sql in MARTS.glob("*/*.sql"):
        model = properties[sql.stem]
        assert model.get("config", {}).get("contract", {}).get("enforced") is True, sql.stem
        untyped = [column["name"] for column in model["columns"] if not column.get("data_type")]
        assert untyped == [], f"{sql.stem}: no data_type for {untyped}"


@pytest.mark.slow  # runs dbt
@pytest.mark.parametrize("change, fails_with", [
    (None, None),
    (("        national_rank,\n", "        national_rank as overall_rank,\n"), "overall_rank"),  # a renamed column
    (("        pathways,\n", "        pathways * 1.0 as pathways,\n"), "pathways"),  # retyped
])
def test_a_renamed_or_retyped_mart_column_stops_the_build(tmp_path, change, fails_with):
    project = project_copy(tmp_path)
    model = project / "models" / "marts" / "per_capita" / "ccg_league_table.sql"
    if change:
        old, new = change
        assert old in model.read_text()
        model.write_text(model.read_text().replace(old, new))
    warehouse = league_table_inputs(tmp_path / "three.duckdb", [("A", 500, 10_000.0), ("B", 1000, 20_000.0),
                                                                ("C", 250, 5_000.0)])
    result = dbt(warehouse, tmp_path, "run", "--select", *LEAGUE_MODELS, project=project)
    if fails_with is None:
        assert result.returncode == 0, result.stdout[-3000:]
    else:
        assert result.returncode != 0
        assert "contract" in result.stdout and fails_with in result.stdout, result.stdout[-3000:]
