-- One row per provider × extract month in which it sent RTT data: the small table the
-- missing-provider check reads to find absences, rather than the provider grain (which grows by
-- some 100,000 rows a month). Incremental by month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

provider_activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
    where month in (select months.month from months)
),

final as (
    select
        provider_activity.provider_code,
        provider_activity.month,
        any_value(months.build_fingerprint) as build_fingerprint,
        {{ run_started_timestamp() }} as built_at
    from provider_activity
    inner join months on provider_activity.month = months.month
    group by
        provider_activity.provider_code,
        provider_activity.month
)

select * from final
