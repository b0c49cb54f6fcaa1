-- One row per grouping × ICS (or region) × month × measure × specialty: the area's rate per 1,000
-- residents that month, crude and need-adjusted, beside England's: summed pathways over summed
-- population of its member CCGs (never an average of their rates). For the ICB of July 2022 it is
-- ccg_monthly_activity.icb_per_1000 (a test holds them equal).
with

activity as (
    select * from {{ ref('ccg_monthly_activity') }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

by_area as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        activity.month,
        activity.measure,
        activity.specialty,
        count(*) as member_count,
        sum(activity.pathways) as pathways,
        cast(sum(activity.population) as double) as population,
        cast(sum(activity.need_weighted_population) as double) as need_weighted_population,
        any_value(activity.england_per_1000) as england_per_1000
    from activity
    inner join memberships on activity.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        activity.month,
        activity.measure,
        activity.specialty
),

final as (
    select
        grouping,
        ics_code,
        ics_name,
        month,
        measure,
        specialty,
        member_count,
        cast(pathways as bigint) as pathways,
        population,
        {{ per_1000('pathways', 'population') }} as per_1000,
        need_weighted_population,
        {{ per_1000('pathways', 'need_weighted_population') }} as need_adjusted_per_1000,
        england_per_1000
    from by_area
)

select * from final
