-- One row per NHS trust compared × measure × specialty × basis over the analysis window: pathways
-- per 1,000 of the trust's catchment, crude or need-adjusted, with the same intervals, funnels and
-- ranks with 95% intervals as the CCGs' league (int_trust_league_by_basis).
with

league as (
    select * from {{ ref('int_trust_league_by_basis') }}
),

final as (
    select * from league
)

select * from final
