"""dbt's cross-database macros the models call as `dbt.<name>`, rendered as dbt-duckdb does."""


def datediff(first_date: str, second_date: str, datepart: str) -> str:
    return f"date_diff('{datepart}', {first_date}, {second_date})"
