-- One row per area × measure × specialty × month of the analysis window (int_analysis_window):
-- the counts and denominators every window statistic starts from, for each kind of area compared.
-- `area_kind` is the one column the later steps partition by, so another kind of area joins the
-- same steps as more rows, not as a copy of them.
-- ccg: CCGs of April 2021, from int_ccg_monthly_activity, the rows ccg_monthly_activity publishes,
-- so the league and the months a reader sees are the same rows. stp21, icb22, region21, region22: the CCGs'
-- groupings (int_ics_memberships), pooling their members' pathways and populations.
with

ccg_months as (
    {{ rows_in_analysis_window(ref('int_ccg_monthly_activity')) }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

ccgs as (
    select
        'ccg' as area_kind,
        ccg_code as area_code,
        ccg_name as area_name,
        measure,
        specialty,
        month,
        pathways,
        population,
        need_weighted_population,
        need_index_year,
        absent_provider_pathways,
        code_published_as,
        population_source,
        population_vintage
    from ccg_months
),

groupings as (
    select
        memberships.grouping as area_kind,
        memberships.ics_code as area_code,
        memberships.ics_name as area_name,
        ccgs.measure,
        ccgs.specialty,
        ccgs.month,
        sum(ccgs.pathways) as pathways,
        sum(ccgs.population) as population,
        sum(ccgs.need_weighted_population) as need_weighted_population,
        min(ccgs.need_index_year) as need_index_year,
        sum(ccgs.absent_provider_pathways) as absent_provider_pathways,
        -- a member's code published under another name is the member's caveat, not the grouping's
        cast(null as string) as code_published_as,
        any_value(ccgs.population_source) as population_source,
        min(ccgs.population_vintage) as population_vintage
    from ccgs
    inner join memberships on ccgs.area_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        ccgs.measure,
        ccgs.specialty,
        ccgs.month
),

final as (
    select * from ccgs
    union all
    select * from groupings
)

select * from final
