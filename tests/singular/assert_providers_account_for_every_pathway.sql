-- Every pathway of the window's full extracts is in the providers' marts: the coverage of every
-- provider kind and ODS match adds up to the pathways counted from raw (int_rtt_published_by_
-- commissioner_month), and each CCG's flows to its treating organisations add up to the CCG's own
-- pathways in those months (int_ccg_monthly_activity, counted through the commissioner grain, not
-- the provider grain). A provider dropped by its ODS match, or doubled by a trust's sites and
-- predecessors, fails here. Returns the selections that do not add up.
with

extract_months as (
    select analysis_window.month
    from {{ ref('int_analysis_window') }} as analysis_window
    inner join {{ ref('int_months_loaded') }} as loaded on analysis_window.month = loaded.month
    where loaded.data_source = 'rtt_full_extract'
),

raw_totals as (
    select
        measure,
        specialty,
        sum(raw_pathways) as pathways
    from {{ ref('int_rtt_published_by_commissioner_month') }}
    where month in (select extract_months.month from extract_months)
    group by
        measure,
        specialty
),

coverage as (
    select
        measure,
        specialty,
        sum(pathways) as pathways
    from {{ ref('provider_coverage') }}
    group by
        measure,
        specialty
),

ccg_totals as (
    select
        ccg_code,
        measure,
        specialty,
        sum(pathways) as pathways
    from {{ ref('int_ccg_monthly_activity') }}
    where month in (select extract_months.month from extract_months)
    group by
        ccg_code,
        measure,
        specialty
),

flows as (
    select
        ccg_code,
        measure,
        specialty,
        sum(pathways) as pathways
    from {{ ref('ccg_provider_flows') }}
    group by
        ccg_code,
        measure,
        specialty
),

final as (
    select
        'coverage' as check_name,
        coalesce(raw_totals.measure, coverage.measure) as measure,
        coalesce(raw_totals.specialty, coverage.specialty) as specialty,
        cast(null as string) as ccg_code,
        raw_totals.pathways as expected,
        coverage.pathways as found
    from raw_totals
    full outer join coverage
        on
            raw_totals.measure = coverage.measure
            and raw_totals.specialty = coverage.specialty
    where coalesce(raw_totals.pathways, -1) != coalesce(coverage.pathways, -1)
    union all
    select
        'ccg_flows' as check_name,
        ccg_totals.measure,
        ccg_totals.specialty,
        ccg_totals.ccg_code,
        ccg_totals.pathways as expected,
        coalesce(flows.pathways, 0) as found
    from ccg_totals
    left join flows
        on
            ccg_totals.ccg_code = flows.ccg_code
            and ccg_totals.measure = flows.measure
            and ccg_totals.specialty = flows.specialty
    where ccg_totals.pathways != coalesce(flows.pathways, 0)
)

select * from final
