-- One row per CCG of April 2021 × treating organisation × measure × specialty over the analysis
-- window (int_analysis_window): the pathways each organisation reported for the CCG's residents,
-- its share of the CCG's pathways with a provider, and its rank among the CCG's organisations. An
-- organisation is today's NHS trust (its sites and predecessors together), or the provider code
-- itself for any other provider (int_providers).
with

flows as (
    {{ rows_in_analysis_window(ref('int_rtt_activity_by_provider_ccg_month')) }}
),

providers as (
    select * from {{ ref('int_providers') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

by_organisation as (
    select
        flows.ccg_code,
        providers.organisation_code,
        flows.measure,
        flows.specialty,
        any_value(providers.organisation_name) as organisation_name,
        any_value(providers.provider_kind) as provider_kind,
        any_value(providers.icb_code) as organisation_icb_code,
        any_value(providers.region_code) as organisation_region_code,
        count(distinct flows.provider_code) as provider_codes,
        count(distinct flows.month) as months,
        cast(sum(flows.pathways) as bigint) as pathways
    from flows
    inner join providers on flows.provider_code = providers.provider_code
    group by
        flows.ccg_code,
        providers.organisation_code,
        flows.measure,
        flows.specialty
),

final as (
    select
        by_organisation.ccg_code,
        ccgs.ccg_name,
        ccgs.icb22_code,
        by_organisation.organisation_code,
        by_organisation.organisation_name,
        by_organisation.provider_kind,
        by_organisation.organisation_icb_code,
        by_organisation.organisation_region_code,
        by_organisation.provider_kind = 'nhs_trust' and by_organisation.organisation_icb_code = ccgs.icb22_code
            as trust_in_own_icb,
        by_organisation.provider_codes,
        by_organisation.measure,
        by_organisation.specialty,
        by_organisation.months,
        by_organisation.pathways,
        by_organisation.pathways
        / nullif(sum(by_organisation.pathways) over same_ccg, 0) as share_of_ccg,
        cast(row_number() over same_ccg_in_order as bigint) as rank_in_ccg
    from by_organisation
    inner join ccgs on by_organisation.ccg_code = ccgs.ccg_code
    window
        same_ccg as (partition by by_organisation.ccg_code, by_organisation.measure, by_organisation.specialty),
        same_ccg_in_order as (
            partition by by_organisation.ccg_code, by_organisation.measure, by_organisation.specialty
            order by by_organisation.pathways desc, by_organisation.organisation_code asc
        )
)

select * from final
