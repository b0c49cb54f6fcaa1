-- One row per area × measure × specialty × month of the analysis window (int_analysis_window):
-- the counts and denominators every window statistic starts from, for each kind of area compared.
-- `area_kind` is the one column the later steps partition by, so another kind of area joins the
-- same steps as more rows, not as a copy of them.
-- ccg: CCGs of April 2021, from int_ccg_monthly_activity, the rows ccg_monthly_activity publishes,
-- so the league and the months a reader sees are the same rows. stp21, icb22, region21, region22: the CCGs'
-- groupings (int_ics_memberships), pooling their members' pathways and populations. trust: the NHS
-- trusts compared in each specialty (int_trust_comparability), in the months whose files name
-- providers: the pathways each treated for the residents of its catchment's CCGs, over its
-- catchment, the share of each CCG's residents and need-weighted population its referrals give it
-- (int_trust_catchments); admitted pathways and the waiting list only.
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

provider_months as (
    select month from {{ ref('int_months_loaded') }}
    where data_source = 'rtt_full_extract'
),

catchments as (
    select catchments.*
    from {{ ref('int_trust_catchments') }} as catchments
    inner join {{ ref('int_trust_comparability') }} as compared
        on
            catchments.trust_code = compared.trust_code
            and catchments.specialty = compared.specialty
    where compared.not_compared_because is null
),

provider_flows as (
    {{ rows_in_analysis_window(ref('int_rtt_activity_by_provider_ccg_month')) }}
),

providers as (
    select * from {{ ref('int_providers') }}
    where provider_kind = 'nhs_trust'
),

catchment_months as (
    select
        catchments.trust_code,
        any_value(catchments.trust_name) as trust_name,
        ccgs.measure,
        ccgs.specialty,
        ccgs.month,
        sum(catchments.catchment_share * ccgs.population) as population,
        sum(catchments.catchment_share * ccgs.need_weighted_population) as need_weighted_population,
        min(ccgs.need_index_year) as need_index_year,
        any_value(ccgs.population_source) as population_source,
        min(ccgs.population_vintage) as population_vintage
    from catchments
    inner join ccgs
        on
            catchments.ccg_code = ccgs.area_code
            and catchments.specialty = ccgs.specialty
    -- Per 1,000 of a catchment shared by referrals, new periods are circular, and every completed
    -- or non-admitted pathway nearly so (in time, completions are the referrals): a trust's rate
    -- is its admitted pathways or its waiting list per 1,000 of the residents it is referred.
    where
        ccgs.month in (select provider_months.month from provider_months)
        and ccgs.measure in ('admitted_completed', 'incomplete')
    group by
        catchments.trust_code,
        ccgs.measure,
        ccgs.specialty,
        ccgs.month
),

trust_pathways as (
    select
        providers.organisation_code as trust_code,
        provider_flows.measure,
        provider_flows.specialty,
        provider_flows.month,
        sum(provider_flows.pathways) as pathways
    from provider_flows
    inner join providers on provider_flows.provider_code = providers.provider_code
    -- only the residents of its catchment's CCGs, the population the rate is per 1,000 of
    inner join catchments
        on
            providers.organisation_code = catchments.trust_code
            and provider_flows.ccg_code = catchments.ccg_code
            and provider_flows.specialty = catchments.specialty
    group by
        providers.organisation_code,
        provider_flows.measure,
        provider_flows.specialty,
        provider_flows.month
),

trusts as (
    select
        'trust' as area_kind,
        catchment_months.trust_code as area_code,
        catchment_months.trust_name as area_name,
        catchment_months.measure,
        catchment_months.specialty,
        catchment_months.month,
        cast(coalesce(trust_pathways.pathways, 0) as bigint) as pathways,
        catchment_months.population,
        catchment_months.need_weighted_population,
        catchment_months.need_index_year,
        -- a CCG's missing providers are not a trust's: a trust that sent nothing shows as a month of 0
        cast(null as bigint) as absent_provider_pathways,
        cast(null as string) as code_published_as,
        catchment_months.population_source,
        catchment_months.population_vintage
    from catchment_months
    left join trust_pathways
        on
            catchment_months.trust_code = trust_pathways.trust_code
            and catchment_months.measure = trust_pathways.measure
            and catchment_months.specialty = trust_pathways.specialty
            and catchment_months.month = trust_pathways.month
),

final as (
    select * from ccgs
    union all
    select * from groupings
    union all
    select * from trusts
)

select * from final
