-- One row per grouping × ICS (or region) × month × measure × specialty: the area's rate per 1,000
-- residents that month, crude and need-adjusted, beside England's: summed pathways over summed
-- population of its member CCGs (never an average of their rates). For the ICB of July 2022 it is
-- ccg_monthly_activity.icb_per_1000 (a test holds them equal).
-- Incremental by month: nothing here depends on another month.
{{ incremental_by_month(on_schema_change='fail') }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('ccg_monthly_activity') }}
    where month in (select months.month from months)
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
        by_area.grouping,
        by_area.ics_code,
        by_area.ics_name,
        by_area.month,
        by_area.measure,
        by_area.specialty,
        by_area.member_count,
        cast(by_area.pathways as bigint) as pathways,
        by_area.population,
        {{ per_1000('by_area.pathways', 'by_area.population') }} as per_1000,
        by_area.need_weighted_population,
        {{ per_1000('by_area.pathways', 'by_area.need_weighted_population') }} as need_adjusted_per_1000,
        by_area.england_per_1000,
        months.build_fingerprint
    from by_area
    inner join months on by_area.month = months.month
)

select * from final
