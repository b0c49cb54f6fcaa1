"""lint/sql.py lints again exactly the files whose result may have changed: a file whose text
changed, or every file when a lint setting (a macro, .sqlfluff, the dbt stand-ins) changed."""

from lint import sql


def test_a_file_is_linted_again_when_its_text_or_any_setting_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(sql, "ROOT", tmp_path)
    for name, text in {
        ".sqlfluff": "[sqlfluff]\ndialect = duckdb\n",
        "macros/per_1000.sql": "{% macro per_1000(x) %}{{ x }} * 1000{% endmacro %}\n",
        "lint/sqlfluff_dbt/dbt.py": "",
        "models/first.sql": "select 1 as one\n",
        "models/second.sql": "select 2 as two\n",
        "tests/singular/assert_nothing.sql": "select 1 as one where false\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    before = sql.file_keys()
    assert set(before) == {"models/first.sql", "models/second.sql", "tests/singular/assert_nothing.sql",
                           "macros/per_1000.sql"}
    assert sql.file_keys() == before

    (tmp_path / "models/first.sql").write_text("select 1 as uno\n")
    edited = sql.file_keys()
    assert [path for path in before if edited[path] != before[path]] == ["models/first.sql"]

    for setting in (".sqlfluff", "macros/per_1000.sql", "lint/sqlfluff_dbt/dbt.py"):
        (tmp_path / setting).write_text((tmp_path / setting).read_text() + "\n")
        changed = sql.file_keys()
        assert all(changed[path] != edited[path] for path in edited), setting
        edited = changed
