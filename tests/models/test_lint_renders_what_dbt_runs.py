"""sqlfluff lints the models as its jinja templater renders them, which must be the SQL dbt runs.

dbt's `return(value)` raises and the calling macro catches it. sqlfluff's templater catches it only
where a macro is called from another file: a macro calling a returning macro of its own file gets
the returned value back from the nearest caller in another file instead, and the lint then reads
(slowly) a Python list printed into the SQL. So a macro that returns lives in a file of its own.
"""

import re
from pathlib import Path

from sqlfluff.core import FluffConfig, Linter

from tests.helpers import ROOT

MACRO = re.compile(r"{%-?\s*(?:macro|test)\s+(\w+)\(.*?%}(.*?){%-?\s*end(?:macro|test)", re.S)


def calls_of_returning_macros_in_their_own_file(folder: Path) -> list[tuple[str, str, str]]:
    """(file, caller, returning macro) for every such call in the folder's .sql files."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        bodies = dict(MACRO.findall(path.read_text()))
        returning = {name for name, body in bodies.items() if "return(" in body}
        for caller, body in bodies.items():
            for callee in sorted(returning - {caller}):
                if re.search(rf"\b{callee}\s*\(", body):
                    found.append((path.name, caller, callee))
    return found


def test_no_macro_calls_a_returning_macro_of_its_own_file():
    for folder in ("macros", "tests/generic"):
        assert calls_of_returning_macros_in_their_own_file(ROOT / folder) == []


def test_the_check_finds_such_a_call(tmp_path):
    (tmp_path / "bands.sql").write_text(
        "{% macro bands() %}{{ return([1, 2]) }}{% endmacro %}\n"
        "{% macro band_list() %}{% for band in bands() %}{{ band }}{% endfor %}{% endmacro %}\n"
    )
    assert calls_of_returning_macros_in_their_own_file(tmp_path) == [("bands.sql", "band_list", "bands")]


def test_sqlfluff_renders_the_band_lists_as_sql():
    config = FluffConfig.from_root()
    model = ROOT / "models/intermediate/int_waits_by_ccg_month.sql"
    rendered = str(Linter(config=config).render_file(str(model), config).templated_variants[0])
    assert "unnest([coalesce(band_00_01, 0), coalesce(band_01_02, 0)," in rendered
    assert "'staged':" not in rendered
