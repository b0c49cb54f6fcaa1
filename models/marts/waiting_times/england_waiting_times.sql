-- One row per month × measure × specialty for England on NHS England's basis (every commissioner
-- but NONC): pathways, waits at the median, 92nd and 95th percentiles, and waiters by threshold
-- (macro rtt_waits_from_bands).
with

activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
),

england as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    where activity.commissioner_code <> 'NONC'
    group by
        activity.month,
        activity.measure,
        activity.specialty
),

final as (
    {{ rtt_waits_from_bands('england', ['month', 'measure', 'specialty']) }}
)

select * from final
