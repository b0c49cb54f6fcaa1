-- Control totals: in each grouping, the ICSs' pathways, waiters within 18 weeks and over 52 weeks
-- add up to those of the CCGs, for every month × measure × specialty (every CCG is in one ICS).
with

ccg_totals as (
    select
        month,
        measure,
        specialty,
        sum(pathways) as pathways,
        sum(coalesce(within_18_weeks, 0)) as within_18_weeks,
        sum(coalesce(over_52_weeks, 0)) as over_52_weeks
    from {{ ref('ccg_waiting_times') }}
    group by
        month,
        measure,
        specialty
),

ics_totals as (
    select
        grouping,
        month,
        measure,
        specialty,
        sum(pathways) as pathways,
        sum(coalesce(within_18_weeks, 0)) as within_18_weeks,
        sum(coalesce(over_52_weeks, 0)) as over_52_weeks
    from {{ ref('ics_waiting_times') }}
    group by
        grouping,
        month,
        measure,
        specialty
)

select
    ics_totals.*,
    ccg_totals.pathways as ccg_pathways
from ccg_totals
left join ics_totals
    on
        ccg_totals.month = ics_totals.month
        and ccg_totals.measure = ics_totals.measure
        and ccg_totals.specialty = ics_totals.specialty
where
    ics_totals.month is null
    or ics_totals.pathways <> ccg_totals.pathways
    or ics_totals.within_18_weeks <> ccg_totals.within_18_weeks
    or ics_totals.over_52_weeks <> ccg_totals.over_52_weeks
