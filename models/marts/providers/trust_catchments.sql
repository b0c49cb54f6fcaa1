-- One row per NHS trust × specialty with new RTT periods in the analysis window: its catchment by
-- proportional flow (residents), how local it is, and whether its rate in the specialty is
-- compared with other trusts' in trust_league_table, or why not (int_trust_comparability).
with

trusts as (
    select * from {{ ref('int_trust_comparability') }}
),

final as (
    select
        trust_code,
        trust_name,
        specialty,
        new_periods,
        ccgs_referring,
        catchment_population,
        local_share,
        admitted_pathways_a_month,
        not_compared_because is null as compared,
        not_compared_because
    from trusts
)

select * from final
