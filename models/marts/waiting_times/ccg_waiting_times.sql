-- One row per CCG of April 2021 × month × measure × specialty: how long its residents wait
-- (median, 92nd and 95th percentile from the week bands, summed to the CCG before any percentile
-- is taken), the share within 18 weeks, and those waiting over 52 weeks, also per 1,000.
-- Incremental by month on the history fingerprint, as int_ccg_monthly_activity (its absent-provider share).
{{ incremental_by_month(on_schema_change='fail') }}

with

months as (
    {{ months_to_build('history_fingerprint') }}
),

waits as (
    select * from {{ ref('int_waits_by_ccg_month') }}
    where month in (select months.month from months)
),

monthly as (
    select * from {{ ref('int_ccg_monthly_activity') }}
    where month in (select months.month from months)
),

final as (
    select
        monthly.ccg_code,
        monthly.ccg_name,
        monthly.month,
        monthly.measure,
        monthly.specialty,
        monthly.pathways,
        {{ rtt_waiting_time_columns('waits', 'monthly.population') }}
        monthly.population,
        monthly.population_source,
        monthly.absent_provider_share,
        monthly.build_fingerprint
    from monthly
    left join waits
        on
            monthly.ccg_code = waits.ccg_code
            and monthly.month = waits.month
            and monthly.measure = waits.measure
            and monthly.specialty = waits.specialty
)

select * from final
