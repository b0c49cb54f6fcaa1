{#- The grain test: no two rows share these columns. Rows are grouped by a hash of the columns
    first, and only rows whose hash is shared are grouped by the columns themselves: the same
    answer, in about half the time on the large month-grained tables, whose tests otherwise grow
    the monthly refresh with every month of history.

    `latest_build_only` (a month-grained model that stamps its rows with `built_at`): check only
    the months from the earliest the latest run that appended rows built, every row of them, old
    or new, so a month appended twice is still caught. Earlier months were checked by the run that
    built them; a full refresh stamps, and checks, every month. -#}
{% test unique_combination(model, columns, latest_build_only=false) %}

    with

    checked as (
        select * from {{ model }}
        where {{ from_the_latest_build(model) if latest_build_only else 'true' }}
    ),

    shared_hashes as (
        select {{ hash_of(columns) }} as row_hash
        from checked
        group by {{ hash_of(columns) }}
        having count(*) > 1
    )

    select
        {{ columns | join(', ') }},
        count(*) as rows_sharing_key
    from checked
    where {{ hash_of(columns) }} in (select shared_hashes.row_hash from shared_hashes)
    group by {{ columns | join(', ') }}
    having count(*) > 1

{% endtest %}
