-- One row per grouping × ICS × member CCG × measure × specialty over the analysis window: the
-- member's need-adjusted rate beside its ICS's and its ICS's best member's, and what "learn from
-- the best to level up the rest" would mean in patients: the pathways a year the member would add
-- at its ICS best's need-adjusted rate, and at England's upper-quartile need-adjusted rate (none
-- for a member already there). A year is the window's pathways scaled to twelve months; the
-- waiting list is a stock, not pathways a year, so it has no gap.
with

league as (
    select * from {{ ref('ccg_need_adjusted_league') }}
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

with_england_upper_quartile as (
    select
        *,
        {{ percentile_cont_over('need_adjusted_per_1000', 0.75, 'same_selection') }}
            as england_upper_quartile_per_1000
    from league
    window same_selection as (partition by measure, specialty)
),

members as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        league.ccg_code,
        league.ccg_name,
        league.measure,
        league.specialty,
        league.window_start,
        league.window_end,
        league.months,
        league.pathways,
        league.need_weighted_population,
        league.need_adjusted_per_1000,
        league.need_adjusted_national_rank,
        league.england_upper_quartile_per_1000,
        measures.counted_as,
        {{ per_1000('sum(league.pathways) over ics', 'sum(league.need_weighted_population) over ics') }}
            as ics_need_adjusted_per_1000,
        first_value(league.ccg_code) over ics_best_first as ics_best_ccg_code,
        first_value(league.ccg_name) over ics_best_first as ics_best_ccg_name,
        first_value(league.need_adjusted_per_1000) over ics_best_first as ics_best_need_adjusted_per_1000
    from with_england_upper_quartile as league
    inner join memberships on league.ccg_code = memberships.ccg_code
    inner join measures on league.measure = measures.measure
    window
        ics as (partition by memberships.grouping, memberships.ics_code, league.measure, league.specialty),
        ics_best_first as (
            partition by memberships.grouping, memberships.ics_code, league.measure, league.specialty
            order by league.need_adjusted_per_1000 desc, league.ccg_code asc
            rows between unbounded preceding and unbounded following
        )
),

final as (
    select
        grouping,
        ics_code,
        ics_name,
        ccg_code,
        ccg_name,
        measure,
        specialty,
        window_start,
        window_end,
        months,
        pathways,
        need_weighted_population,
        need_adjusted_per_1000,
        need_adjusted_national_rank,
        ics_need_adjusted_per_1000,
        need_adjusted_per_1000 / nullif(ics_need_adjusted_per_1000, 0) as relative_to_ics,
        ics_best_ccg_code,
        ics_best_ccg_name,
        ics_best_need_adjusted_per_1000,
        england_upper_quartile_per_1000,
        counted_as,
        {{ monthly_forms(['need_adjusted_per_1000', 'ics_best_need_adjusted_per_1000']) }},
        case
            when counted_as = 'flow'
                then {{ pathways_a_year_at('ics_best_need_adjusted_per_1000') }}
        end as pathways_a_year_at_ics_best,
        case
            when counted_as = 'flow'
                then {{ pathways_a_year_at('england_upper_quartile_per_1000') }}
        end as pathways_a_year_at_england_upper_quartile
    from members
)

select * from final
