{#- The grain test: no two rows share these columns. Rows are grouped by a hash of the columns
    first, and only rows whose hash is shared are grouped by the columns themselves: the same
    answer, in about half the time on the large month-grained tables, whose tests otherwise grow
    the monthly refresh with every month of history. -#}
{% test unique_combination(model, columns) %}

    with

    shared_hashes as (
        select {{ hash_of(columns) }} as row_hash
        from {{ model }}
        group by {{ hash_of(columns) }}
        having count(*) > 1
    )

    select
        {{ columns | join(', ') }},
        count(*) as rows_sharing_key
    from {{ model }}
    where {{ hash_of(columns) }} in (select shared_hashes.row_hash from shared_hashes)
    group by {{ columns | join(', ') }}
    having count(*) > 1

{% endtest %}
