"""dbt's `adapter`, as far as the project's macros use it, for the DuckDB dialect."""

from jinja2 import pass_context


@pass_context
def dispatch(context, macro_name: str, macro_namespace: str | None = None):
    """The DuckDB version of a dispatched macro (duckdb__name, else default__name)."""
    for prefix in ("duckdb__", "default__"):
        found = context.get(prefix + macro_name)
        if found is not None:
            return found
    raise KeyError(f"no duckdb__ or default__ version of {macro_name}")


def quote(identifier: str) -> str:
    return f'"{identifier}"'
