-- One row per provider × CCG of April 2021 × month × measure × specialty of the full extracts:
-- the pathways each provider reported for the residents of each CCG, through the same commissioner
-- mapping as int_rtt_activity_by_ccg_month (attributed commissioners only), so a CCG's providers
-- add up to its pathways in every month the extracts give providers. The 2014-15 workbooks give
-- none. Incremental by month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
    where month in (select months.month from months)
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
    where attribution = 'attributed'
),

final as (
    select
        activity.provider_code,
        commissioners.ccg_code,
        activity.month,
        activity.measure,
        activity.specialty,
        cast(sum(activity.pathways) as bigint) as pathways,
        any_value(months.build_fingerprint) as build_fingerprint,
        {{ run_started_timestamp() }} as built_at
    from activity
    inner join commissioners on activity.commissioner_code = commissioners.commissioner_code
    inner join months on activity.month = months.month
    group by
        activity.provider_code,
        commissioners.ccg_code,
        activity.month,
        activity.measure,
        activity.specialty
)

select * from final
