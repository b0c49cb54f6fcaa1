-- One row per month × measure × specialty for England on NHS England's basis (every commissioner
-- but NONC): pathways, waits at the median, 92nd and 95th percentiles, and waiters by threshold
-- (macro rtt_waits_from_bands).
with

activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
),

months_loaded as (
    select * from {{ ref('int_months_loaded') }}
),

england as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        months_loaded.percentile_convention,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    inner join months_loaded on activity.month = months_loaded.month
    where activity.commissioner_code <> 'NONC'
    group by
        activity.month,
        activity.measure,
        activity.specialty,
        months_loaded.percentile_convention
),

final as (
    {{ rtt_waits_from_bands(
        'england',
        ['month', 'measure', 'specialty', 'percentile_convention'],
        convention='percentile_convention'
    ) }}
)

select * from final
