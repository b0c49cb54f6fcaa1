-- One row per NHS trust × CCG of April 2021 × specialty over the analysis window: the share of the
-- CCG's residents the trust serves, by proportional flow (the method of OHID's acute trust
-- catchments): each CCG's population is shared among the organisations treating its residents in
-- proportion to the CCG's new RTT periods (clock starts) at each. New periods are referrals, not
-- the completed pathways or waiting list a trust's rate counts, so a trust that completes more of
-- its referrals does not earn itself a larger catchment (docs/methodology.md, "Hospitals and their catchments").
-- Independent-sector and other providers take their share of each CCG too, so a trust's
-- catchment is the residents whose referrals it receives, not the whole CCG.
with

flows as (
    select * from {{ ref('int_ccg_provider_flows') }}
    where measure = 'new_periods'
),

final as (
    select
        organisation_code as trust_code,
        organisation_name as trust_name,
        ccg_code,
        specialty,
        pathways as new_periods,
        share_of_ccg as catchment_share
    from flows
    where provider_kind = 'nhs_trust'
)

select * from final
