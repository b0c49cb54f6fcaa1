{#- Every group has exactly as many rows as `expected_rows_from` has: e.g. one row per CCG of
    April 2021 for each month × measure × specialty, without writing 106 into the test. -#}
{% test rows_per_group(model, group_by, expected_rows_from) %}

    with

    expected as (
        select count(*) as expected_rows from {{ expected_rows_from }}
    ),

    actual as (
        select
            {{ group_by | join(', ') }},
            count(*) as actual_rows
        from {{ model }}
        group by {{ group_by | join(', ') }}
    )

    select
        actual.*,
        expected.expected_rows
    from actual
    cross join expected
    where actual.actual_rows <> expected.expected_rows

{% endtest %}
