-- One row per CCG of April 2021 × treating organisation × measure × specialty over the analysis
-- window: where the CCG's residents are treated. An organisation is today's NHS trust (its sites
-- and predecessors together) or any other provider; `share_of_ccg` is of the CCG's pathways whose
-- provider the files name (int_ccg_provider_flows).
with

flows as (
    select * from {{ ref('int_ccg_provider_flows') }}
),

final as (
    select
        ccg_code,
        ccg_name,
        icb22_code,
        organisation_code,
        organisation_name,
        provider_kind,
        organisation_icb_code,
        organisation_region_code,
        trust_in_own_icb,
        provider_codes,
        measure,
        specialty,
        months,
        pathways,
        share_of_ccg,
        rank_in_ccg,
        rank_in_ccg = 1 as is_main_provider
    from flows
)

select * from final
