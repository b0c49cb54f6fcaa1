-- One row per grouping × ICS × month × measure × specialty: how long the ICS's residents wait,
-- from the week bands of its member CCGs summed to the ICS before any percentile is taken.
with

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
),

ics_activity as (
    select
        memberships.grouping,
        memberships.ics_code,
        activity.month,
        activity.measure,
        activity.specialty,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    inner join memberships on activity.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        activity.month,
        activity.measure,
        activity.specialty
),

ics_populations as (
    select
        memberships.grouping,
        memberships.ics_code,
        any_value(memberships.ics_name) as ics_name,
        monthly.month,
        monthly.measure,
        monthly.specialty,
        count(*) as member_count,
        sum(monthly.population) as population,
        any_value(monthly.population_source) as population_source,
        max(monthly.absent_provider_share) as max_member_absent_provider_share
    from monthly
    inner join memberships on monthly.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        monthly.month,
        monthly.measure,
        monthly.specialty
),

waits as (
    {{ rtt_waits_from_bands('ics_activity', ['grouping', 'ics_code', 'month', 'measure', 'specialty']) }}
),

final as (
    select
        ics_populations.grouping,
        ics_populations.ics_code,
        ics_populations.ics_name,
        ics_populations.member_count,
        ics_populations.month,
        ics_populations.measure,
        ics_populations.specialty,
        waits.pathways,
        {{ rtt_waiting_time_columns('waits', 'ics_populations.population') }}
        ics_populations.population,
        ics_populations.population_source,
        ics_populations.max_member_absent_provider_share
    from ics_populations
    inner join waits
        on
            ics_populations.grouping = waits.grouping
            and ics_populations.ics_code = waits.ics_code
            and ics_populations.month = waits.month
            and ics_populations.measure = waits.measure
            and ics_populations.specialty = waits.specialty
)

select * from final
