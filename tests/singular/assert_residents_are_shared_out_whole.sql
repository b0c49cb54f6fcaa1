-- Each CCG's pathways with a provider are shared out whole among the organisations treating them
-- (ccg_provider_flows' shares sum to 1 for every CCG, measure and specialty), and so are its
-- residents: the trusts' catchment shares (int_trust_catchments) and the other providers' shares
-- of its new RTT periods sum to 1, so the catchments of every provider together are the CCGs'
-- population. Returns the CCGs whose shares do not.
with

flows as (
    select * from {{ ref('ccg_provider_flows') }}
),

share_sums as (
    select
        ccg_code,
        measure,
        specialty,
        sum(share_of_ccg) as share_sum
    from flows
    group by
        ccg_code,
        measure,
        specialty
),

catchment_sums as (
    select
        ccg_code,
        specialty,
        sum(part) as share_sum
    from (
        select
            ccg_code,
            specialty,
            catchment_share as part
        from {{ ref('int_trust_catchments') }}
        union all
        select
            ccg_code,
            specialty,
            share_of_ccg as part
        from flows
        where measure = 'new_periods' and provider_kind != 'nhs_trust'
    ) as parts
    group by
        ccg_code,
        specialty
),

final as (
    select
        'flows' as shared,
        ccg_code,
        measure,
        specialty,
        share_sum
    from share_sums
    where abs(coalesce(share_sum, 0) - 1) > 1e-9
    union all
    select
        'residents' as shared,
        ccg_code,
        'new_periods' as measure,
        specialty,
        share_sum
    from catchment_sums
    where abs(coalesce(share_sum, 0) - 1) > 1e-9
)

select * from final
