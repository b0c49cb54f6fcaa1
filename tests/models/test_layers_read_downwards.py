"""The models read downwards only, so a newcomer follows a figure in one direction: a mart reads
intermediate models and seeds (and, for NHS England's published figures, their staged form), never
another mart; no intermediate model reads a mart; the statistics' steps never read the
comparisons made from them (models/intermediate/statistics → comparisons → marts)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import ROOT

REF = re.compile(r"\bref\(\s*'(\w+)'\s*\)")


def reads(folder: Path) -> dict[str, set[str]]:
    """Each model file under `folder` with the models and seeds it refs (in macro arguments too)."""
    return {path.stem: set(REF.findall(path.read_text())) for path in folder.rglob("*.sql")}


def reads_upwards(models: Path) -> set[str]:
    seeds = {path.stem for path in (ROOT / "seeds").rglob("*.csv")}
    marts = reads(models / "marts")
    comparisons = set(reads(models / "intermediate" / "comparisons"))
    wrong = {f"mart {mart} reads {name}" for mart, names in marts.items() for name in names
             if not (name.startswith(("int_", "stg_")) or name in seeds)}
    wrong |= {f"{model} reads mart {name}" for model, names in reads(models / "intermediate").items()
              for name in names & set(marts)}
    wrong |= {f"{model} reads {name}" for model, names in reads(models / "intermediate" / "statistics").items()
              for name in names & comparisons}
    return wrong


def test_every_model_reads_downwards():
    assert reads_upwards(ROOT / "models") == set()


def test_a_read_upwards_is_caught(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    (models / "marts" / "per_capita" / "ccg_league_table.sql").write_text("select * from {{ ref('ccg_league_by_basis') }}")
    (models / "intermediate" / "statistics" / "int_area_statistics.sql").write_text(
        "select * from {{ ref('int_ccg_league_by_basis') }} join {{ ref('ccg_areas') }} using (ccg_code)")
    assert reads_upwards(models) == {"mart ccg_league_table reads ccg_league_by_basis",
                                     "int_area_statistics reads mart ccg_areas",
                                     "int_area_statistics reads int_ccg_league_by_basis"}
