-- One row per grouping × ICS × month × measure × specialty: how long the ICS's residents wait,
-- from the week bands of its member CCGs summed to the ICS before any percentile is taken
-- (int_waits_by_ics_month), with the ICS's population and its members' missing-data share.
with

waits as (
    select * from {{ ref('int_waits_by_ics_month') }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
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
        cast(sum(monthly.population) as bigint) as population,
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
