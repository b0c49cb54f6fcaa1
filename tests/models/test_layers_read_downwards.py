"""The models read downwards only, so a newcomer follows a figure in one direction: the models
directly under models/intermediate → the statistics' steps (intermediate/statistics) → the
comparisons made from them (intermediate/comparisons) → the marts. A mart reads intermediate models
and seeds (and, for NHS England's published figures, their staged form), never another mart; no
intermediate model, nor its YAML's tests, reads a mart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import ROOT

REF = re.compile(r"""\bref\(\s*['"](\w+)['"]\s*\)""")


def reads(folder: Path, pattern: str = "*.sql") -> dict[str, set[str]]:
    """Each file under `folder` with the models and seeds it refs (in macro arguments too)."""
    return {path.stem: set(REF.findall(path.read_text())) for path in folder.rglob(pattern)}


def reads_upwards(models: Path) -> set[str]:
    seeds = {path.stem for path in (ROOT / "seeds").rglob("*.csv")}
    intermediate = models / "intermediate"
    marts = reads(models / "marts")
    statistics = set(reads(intermediate / "statistics"))
    comparisons = set(reads(intermediate / "comparisons"))
    wrong = {f"mart {mart} reads {name}" for mart, names in marts.items() for name in names
             if not (name.startswith(("int_", "stg_nhs_england__")) or name in seeds)}
    wrong |= {f"{model} reads mart {name}" for model, names in (reads(intermediate) | reads(intermediate, "_*.yml")).items()
              for name in names & set(marts)}
    wrong |= {f"{model} reads {name}" for model, names in reads(intermediate / "statistics").items()
              for name in names & comparisons}
    wrong |= {f"{model} reads {name}" for model, names in reads(intermediate).items()
              if model not in statistics | comparisons for name in names & (statistics | comparisons)}
    return wrong


def test_every_model_reads_downwards():
    assert reads_upwards(ROOT / "models") == set()


def test_a_read_upwards_is_caught(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    (models / "marts" / "per_capita" / "ccg_league_table.sql").write_text(
        "select * from {{ ref(\"ccg_league_by_basis\") }} join {{ ref('stg_ods__successors') }}")
    (models / "intermediate" / "statistics" / "int_area_statistics.sql").write_text(
        "select * from {{ ref('int_ccg_league_by_basis') }} join {{ ref('ccg_areas') }} using (ccg_code)")
    (models / "intermediate" / "int_analysis_window.sql").write_text("select * from {{ ref('int_area_statistics') }}")
    yaml = models / "intermediate" / "_intermediate__models.yml"
    yaml.write_text(yaml.read_text().replace("to: ref('int_ccg_monthly_activity')", "to: ref('ccg_monthly_activity')"))
    assert reads_upwards(models) == {"mart ccg_league_table reads ccg_league_by_basis",
                                     "mart ccg_league_table reads stg_ods__successors",
                                     "int_area_statistics reads mart ccg_areas",
                                     "int_area_statistics reads int_ccg_league_by_basis",
                                     "int_analysis_window reads int_area_statistics",
                                     "_intermediate__models reads mart ccg_monthly_activity"}
