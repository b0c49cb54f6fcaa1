-- Every pathway of the window's full extracts is in the providers' marts: the coverage of every
-- provider kind and ODS match adds up to the pathways counted from raw (int_rtt_published_by_
-- commissioner_month); each CCG's flows to its treating organisations add up to the CCG's own
-- pathways in those months (int_ccg_monthly_activity, counted through the commissioner grain, not
-- the provider grain); and each organisation's flows add up to what its provider codes reported
-- for the CCGs' commissioners. A provider dropped by its ODS match, doubled by a trust's sites and
-- predecessors, or landed under another trust's code, fails here. Returns what does not add up.
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

providers as (
    select * from {{ ref('int_providers') }}
),

reported as (
    select
        providers.organisation_code,
        activity.measure,
        activity.specialty,
        sum(activity.pathways) as pathways
    from {{ ref('int_rtt_activity_by_provider_commissioner_month') }} as activity
    inner join providers on activity.provider_code = providers.provider_code
    inner join {{ ref('int_commissioners_mapped') }} as commissioners
        on activity.commissioner_code = commissioners.commissioner_code
    where
        commissioners.attribution = 'attributed'
        and activity.month in (select extract_months.month from extract_months)
    group by
        providers.organisation_code,
        activity.measure,
        activity.specialty
),

organisation_flows as (
    select
        organisation_code,
        measure,
        specialty,
        sum(pathways) as pathways
    from {{ ref('ccg_provider_flows') }}
    group by
        organisation_code,
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
    union all
    select
        'organisation_flows' as check_name,
        coalesce(reported.measure, organisation_flows.measure) as measure,
        coalesce(reported.specialty, organisation_flows.specialty) as specialty,
        coalesce(reported.organisation_code, organisation_flows.organisation_code) as ccg_code,
        reported.pathways as expected,
        organisation_flows.pathways as found
    from reported
    full outer join organisation_flows
        on
            reported.organisation_code = organisation_flows.organisation_code
            and reported.measure = organisation_flows.measure
            and reported.specialty = organisation_flows.specialty
    where coalesce(reported.pathways, -1) != coalesce(organisation_flows.pathways, -1)
)

select * from final
