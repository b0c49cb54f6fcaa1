-- One row per month × measure × specialty for England on NHS England's basis (every commissioner
-- but NONC): pathways, waits at the median, 92nd and 95th percentiles, and waiters by threshold
-- (macro rtt_waits_from_bands), those over 52 weeks also per 1,000 residents of England.
-- Incremental by month: nothing here depends on another month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_commissioner_month') }}
    where month in (select months.month from months)
),

populations as (
    select * from {{ ref('int_populations_by_ccg_month') }}
),

england_populations as (
    select
        month,
        cast(sum(population) as bigint) as population
    from populations
    group by month
),

england as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        activity.percentile_convention,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    where activity.commissioner_code <> 'NONC'
    group by
        activity.month,
        activity.measure,
        activity.specialty,
        activity.percentile_convention
),

waits as (
    {{ rtt_waits_from_bands('england', ['month', 'measure', 'specialty']) }}
),

final as (
    select
        waits.*,
        {{ per_1000('waits.over_52_weeks', 'england_populations.population') }} as over_52_weeks_per_1000,
        england_populations.population,
        months.build_fingerprint
    from waits
    inner join months on waits.month = months.month
    left join england_populations on waits.month = england_populations.month
)

select * from final
