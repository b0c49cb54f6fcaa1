-- One row per grouping × ICS × measure × specialty over the analysis window: how far apart the
-- member CCGs' rates per 1,000 are, and the best and worst members with their national ranks.
-- grouping stp21 = ICS of April 2021; icb22 = ICB of July 2022 (only Bassetlaw moved).
with

league as (
    select * from {{ ref('ccg_league_table') }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

members as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        league.*
    from league
    inner join memberships on league.ccg_code = memberships.ccg_code
),

final as (
    select
        grouping,
        ics_code,
        ics_name,
        measure,
        specialty,
        count(*) as member_count,
        min(per_1000) as min_per_1000,
        max(per_1000) as max_per_1000,
        max(per_1000) / nullif(min(per_1000), 0) as max_min_ratio,
        stddev_pop(per_1000) / nullif(avg(per_1000), 0) as cv,
        arg_min(ccg_code, national_rank) as best_ccg_code,
        arg_min(ccg_name, national_rank) as best_ccg_name,
        min(national_rank) as best_national_rank,
        arg_max(ccg_code, national_rank) as worst_ccg_code,
        arg_max(ccg_name, national_rank) as worst_ccg_name,
        max(national_rank) as worst_national_rank,
        any_value(rank_of) as rank_of
    from members
    group by
        grouping,
        ics_code,
        ics_name,
        measure,
        specialty
)

select * from final
