-- One row per grouping × ICS × month × measure × specialty: how long the ICS's residents wait,
-- from the week bands of its member CCGs summed to the ICS before any percentile is taken.
-- Incremental by month; marts.ics_waiting_times adds populations and member caveats.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
    where month in (select months.month from months)
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

ics_activity as (
    select
        memberships.grouping,
        memberships.ics_code,
        activity.month,
        activity.measure,
        activity.specialty,
        activity.percentile_convention,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    inner join memberships on activity.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        activity.month,
        activity.measure,
        activity.specialty,
        activity.percentile_convention
),

waits as (
    {{ rtt_waits_from_bands('ics_activity', ['grouping', 'ics_code', 'month', 'measure', 'specialty']) }}
),

final as (
    select
        waits.*,
        months.build_fingerprint
    from waits
    inner join months on waits.month = months.month
)

select * from final
