"""What sqlfluff's jinja templater needs of dbt's context to render the models for linting: the
`adapter` and `dbt` objects, as DuckDB (the dialect sqlfluff lints) would give them. sqlfluff
loads this folder (`library_path` in .sqlfluff); each module is a name in the Jinja context."""
