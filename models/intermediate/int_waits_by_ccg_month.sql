-- One row per CCG of April 2021 × month × measure × specialty: how long its residents wait, from
-- the week bands summed to the CCG before any percentile is taken (macro rtt_waits_from_bands).
-- The costly step of the waiting-time marts (every band of every row unnested), so it is
-- incremental by month; marts.ccg_waiting_times adds the columns that depend on other months.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
    where month in (select months.month from months)
),

waits as (
    {{ rtt_waits_from_bands('activity', ['ccg_code', 'month', 'measure', 'specialty']) }}
),

final as (
    select
        waits.*,
        months.build_fingerprint
    from waits
    inner join months on waits.month = months.month
)

select * from final
