-- One row per area × measure × specialty × month of the analysis window (int_analysis_window):
-- the counts and denominators every window statistic starts from, for each kind of area compared.
-- `area_kind` is the one column the later steps partition by, so another kind of area (a trust's
-- catchment, say) joins the same steps as more rows, not as a copy of them.
-- ccg: CCGs of April 2021, from the monthly mart that the report and BI tools read, so the league
-- and the months a reader sees are the same rows.
with

ccg_months as (
    {{ rows_in_analysis_window(ref('ccg_monthly_activity')) }}
),

final as (
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
)

select * from final
