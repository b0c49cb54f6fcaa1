-- One row per grouping × CCG of April 2021: the area it sits in under each grouping. stp21 = the
-- STP/ICS of April 2021; icb22 = the Integrated Care Board of July 2022; region21 and region22 =
-- NHS England's region then (only Bassetlaw moved). The ICS marts ask the same questions of each.
with

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

final as (
    select
        'stp21' as grouping,
        ccg_code,
        stp21_code as ics_code,
        stp21_name as ics_name
    from ccgs
    union all
    select
        'icb22' as grouping,
        ccg_code,
        icb22_code as ics_code,
        icb22_name as ics_name
    from ccgs
    union all
    select
        'region21' as grouping,
        ccg_code,
        region_code as ics_code,
        region_name as ics_name
    from ccgs
    union all
    select
        'region22' as grouping,
        ccg_code,
        region22_code as ics_code,
        region22_name as ics_name
    from ccgs
)

select * from final
