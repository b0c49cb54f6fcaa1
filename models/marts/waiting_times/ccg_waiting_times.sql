-- One row per CCG of April 2021 × month × measure × specialty: how long its residents wait
-- (median, 92nd and 95th percentile from the week bands, summed to the CCG before any percentile
-- is taken), the share within 18 weeks, and those waiting over 52 weeks, also per 1,000.
with

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
),

monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
),

waits as (
    {{ rtt_waits_from_bands('activity', ['ccg_code', 'month', 'measure', 'specialty']) }}
),

final as (
    select
        monthly.ccg_code,
        monthly.ccg_name,
        monthly.month,
        monthly.measure,
        monthly.specialty,
        monthly.pathways,
        waits.known_start_pathways,
        waits.median_weeks,
        coalesce(waits.median_open_band, false) as median_open_band,
        waits.p92_weeks,
        coalesce(waits.p92_open_band, false) as p92_open_band,
        waits.p95_weeks,
        coalesce(waits.p95_open_band, false) as p95_open_band,
        waits.pct_within_18_weeks,
        waits.within_18_weeks,
        waits.over_52_weeks as waiting_52_plus,
        {{ per_1000('waits.over_52_weeks', 'monthly.population') }} as waiting_52_plus_per_1000,
        waits.over_65_weeks,
        waits.over_78_weeks,
        waits.over_104_weeks,
        monthly.population,
        monthly.population_source,
        monthly.absent_provider_share
    from monthly
    left join waits
        on
            monthly.ccg_code = waits.ccg_code
            and monthly.month = waits.month
            and monthly.measure = waits.measure
            and monthly.specialty = waits.specialty
)

select * from final
