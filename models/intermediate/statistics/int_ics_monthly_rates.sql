-- One row per grouping × ICS (or region) × month × measure × specialty: the area's rate per 1,000
-- residents that month, crude and need-adjusted, beside England's: summed pathways over summed
-- population of its member CCGs (never an average of their rates). The one home of these pooled
-- monthly rates: int_ccg_monthly_activity takes its ICB's and England's rate from here.
-- Incremental by month: nothing here depends on another month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
    where month in (select months.month from months)
),

populations as (
    select * from {{ ref('int_need_weighted_populations_by_ccg_month') }}
    where month in (select months.month from months)
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

ccg_months as (
    select
        activity.ccg_code,
        activity.month,
        activity.measure,
        activity.specialty,
        activity.pathways,
        populations.population,
        populations.need_weighted_population
    from activity
    left join populations
        on
            activity.ccg_code = populations.ccg_code
            and activity.month = populations.month
),

-- England pools every CCG of April 2021, as each grouping's areas do together.
england as (
    select
        month,
        measure,
        specialty,
        {{ per_1000('sum(pathways)', 'sum(population)') }} as england_per_1000
    from ccg_months
    group by
        month,
        measure,
        specialty
),

by_area as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        ccg_months.month,
        ccg_months.measure,
        ccg_months.specialty,
        count(*) as member_count,
        sum(ccg_months.pathways) as pathways,
        cast(sum(ccg_months.population) as double) as population,
        cast(sum(ccg_months.need_weighted_population) as double) as need_weighted_population
    from ccg_months
    inner join memberships on ccg_months.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        ccg_months.month,
        ccg_months.measure,
        ccg_months.specialty
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
        england.england_per_1000,
        months.build_fingerprint
    from by_area
    inner join england
        on
            by_area.month = england.month
            and by_area.measure = england.measure
            and by_area.specialty = england.specialty
    inner join months on by_area.month = months.month
)

select * from final
